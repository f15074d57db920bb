package storage

import (
	"fmt"
	"slices"
	"testing"

	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/journal/journaltest"
)

// daysFound returns the days of the entries a walk gives that the filter
// keeps, newest first.
func daysFound(t *testing.T, j *Journal, f journal.Filter, walk func(r *Reader, fn func(journal.Entry) error) error) []string {
	t.Helper()
	var days []string
	err := j.View(func(r *Reader) error {
		return walk(r, func(e journal.Entry) error {
			if _, ok := f.Apply(e); ok {
				days = append(days, e.Date.String())
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return days
}

// TestSearchRecordsFindWhatReadingEveryEntryFinds searches a year and a
// half of entries, in the clear and encrypted, for rare and common words,
// short and long, in any case, in answers and in questions, through the
// search records and by reading every entry: both find the same days. A
// text of eight letters reads few days that do not hold it.
func TestSearchRecordsFindWhatReadingEveryEntryFinds(t *testing.T) {
	for _, encrypted := range []bool{false, true} {
		t.Run(fmt.Sprint("encrypted=", encrypted), func(t *testing.T) {
			j := newJournal(t)
			err := j.Update(func(w *Writer) error {
				if err := journaltest.Write(550, journaltest.Last, w.PutEntry); err != nil {
					return err
				}
				// Imported questions of their own, quoting and naming days.
				_, err := w.AddAnswers(journaltest.Last.AddDays(-3), []journal.Answer{
					{PromptID: "imported", Question: "Ünique «custom» question kept?", Answer: "yes"},
					{PromptID: "x", Theme: "t", Question: "Q «quoted» on Monday 3 March?", Answer: "A"},
					{PromptID: "y", Theme: "t", Question: "Since 3 é 10:30?", Answer: "B"},
				}, now)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if encrypted {
				if err := j.Encrypt([]byte("correct horse")); err != nil {
					t.Fatal(err)
				}
			}
			for _, grep := range []string{journaltest.Rare, "LIGHTHOUSE", "Lighthouse after", "the", "ask", "you feeling", "tonight?", "xyzzy", "ab", "é", "«", "ed.", "  ",
				"planned «", "you wrote «", "». Is it", "Ünique", "custom» question", "«custom", "ünique «CUSTOM» Q",
				"h?", " 3", "3 ", "0:", ":3", "h ", "3 é", "0?", "y 3 M", "n 6", "2"} {
				f := journal.Filter{Grep: grep}
				all := daysFound(t, j, f, func(r *Reader, fn func(journal.Entry) error) error {
					return r.Descend(journal.Latest, journal.Earliest, fn)
				})
				read := 0
				found := daysFound(t, j, f, func(r *Reader, fn func(journal.Entry) error) error {
					return r.DescendMatching(journal.Latest, journal.Earliest, f, func(e journal.Entry) error { read++; return fn(e) })
				})
				if !slices.Equal(found, all) {
					t.Fatalf("%q: through search records %d days, reading every entry %d", grep, len(found), len(all))
				}
				if _, narrowed := f.Trigrams(); narrowed && len(grep) >= 8 && read > len(all)+5 {
					t.Errorf("%q: read %d entries to find %d", grep, read, len(all))
				}
			}
			// A span of days, and a walk stopped early.
			f := journal.Filter{Grep: journaltest.Rare}
			all := daysFound(t, j, f, func(r *Reader, fn func(journal.Entry) error) error {
				return r.Descend(journaltest.Last.AddDays(-100), journaltest.Last.AddDays(-300), fn)
			})
			var first []string
			err = j.View(func(r *Reader) error {
				return r.DescendMatching(journaltest.Last.AddDays(-100), journaltest.Last.AddDays(-300), f, func(e journal.Entry) error {
					if _, ok := f.Apply(e); ok {
						first = append(first, e.Date.String())
					}
					if len(first) == 2 {
						return Stop
					}
					return nil
				})
			})
			if err != nil || len(all) < 2 || !slices.Equal(first, all[:2]) {
				t.Errorf("the first two in a span: %v, %v; want %v", first, err, all)
			}
		})
	}
}

// TestDamagedSearchRecordsAreRefused: a record cut short, or of another
// version, is damage, never a panic.
func TestDamagedSearchRecordsAreRefused(t *testing.T) {
	good := encodeSearch(journal.Trigrams(journaltest.Entries(1, journaltest.Last)[0]))
	for n := range 9 {
		if _, err := mayHold(good[:n], []journal.Trigram{1}); err == nil {
			t.Errorf("a record cut to %d bytes was read", n)
		}
	}
	if _, err := mayHold(good[:len(good)-1], []journal.Trigram{1}); err == nil {
		t.Error("a record of a part of a word was read")
	}
	bad := slices.Clone(good)
	bad[0] = 9
	if _, err := mayHold(bad, []journal.Trigram{1}); err == nil {
		t.Error("a record of version 9 was read")
	}
}
