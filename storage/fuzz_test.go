package storage

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"testing"

	"github.com/reflect-cli/reflect/journal"
)

// FuzzStoredEntry stores any bytes as an entry and its summary, as a
// damaged or foreign file might hold them, and reads them back every way
// reflect does: the result is an entry or a *DamagedError, never a panic.
func FuzzStoredEntry(f *testing.F) {
	good, _ := json.Marshal(journal.Entry{Date: journal.NewDay(2026, 11, 20), Answers: answers("4", "x")})
	f.Add(good, encodeFigures(journal.Summary{Answers: 2}))
	f.Add([]byte(`{"date": 5}`), []byte{1})
	f.Add([]byte(`{"answers": [{"follows_up": {"date": "x"}}]}`), []byte{})
	f.Fuzz(func(t *testing.T, entry, summary []byte) {
		j := New(filepath.Join(t.TempDir(), "journal.db"))
		day := journal.NewDay(2026, 11, 20)
		err := j.Update(func(w *Writer) error {
			if err := w.tx.Bucket(bucketEntries).Put([]byte(day.String()), entry); err != nil {
				return err
			}
			return w.tx.Bucket(bucketSummaries).Put([]byte(day.String()), summary)
		})
		if err != nil {
			t.Skip(err)
		}
		check := func(err error) {
			var damaged *DamagedError
			if err != nil && !errors.As(err, &damaged) {
				t.Errorf("error of type %T: %v", err, err)
			}
		}
		check(j.View(func(r *Reader) error {
			_, _, err := r.Entry(day)
			return err
		}))
		check(j.View(func(r *Reader) error {
			return r.Range(journal.Earliest, journal.Latest, func(journal.Entry) error { return nil })
		}))
		check(j.View(func(r *Reader) error {
			return r.EachFigures(func(journal.Summary) error { return nil })
		}))
	})
}
