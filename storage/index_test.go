package storage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/reflect-cli/reflect/journal"
)

// The index of an encrypted journal (index.go): a day put back from an
// older copy of the file, or taken out of it, is reported by doctor and by
// a read that touches it; a later write does not make it agree; accepting
// it does.

var (
	nov20 = journal.NewDay(2026, 11, 20)
	nov21 = journal.NewDay(2026, 11, 21)
	nov22 = journal.NewDay(2026, 11, 22)
)

// indexed returns an encrypted journal with days in November 2026, and
// what its reads tell Notify.
func indexed(t *testing.T) (*Journal, *[]string) {
	t.Helper()
	j := newJournal(t)
	add(t, j, nov20, "the first words of the 20th")
	add(t, j, nov21, "the 21st")
	if err := j.Encrypt([]byte("correct horse")); err != nil {
		t.Fatal(err)
	}
	told := &[]string{}
	j.Notify = func(msg string) { *told = append(*told, msg) }
	return j, told
}

// rawUpdate changes the file as someone without reflect (or its key) would:
// through bbolt, in the file's own buckets.
func rawUpdate(t *testing.T, path string, fn func(tx *bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(fn); err != nil {
		t.Fatal(err)
	}
}

// rawView reads the file as someone without reflect (or its key) would:
// through bbolt, read-only.
func rawView(t *testing.T, path string, fn func(tx *bolt.Tx)) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.View(func(tx *bolt.Tx) error { fn(tx); return nil })
}

// copyOf keeps a copy of the journal's file as it is now.
func copyOf(t *testing.T, j *Journal) string {
	t.Helper()
	data, err := os.ReadFile(j.Path)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "older.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// putBack puts the values of keys in buckets from the older copy at from
// into the journal's file.
func putBack(t *testing.T, j *Journal, from string, buckets [][]byte, keys ...string) {
	t.Helper()
	older := map[string][]byte{}
	db, err := bolt.Open(from, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	db.View(func(tx *bolt.Tx) error {
		for _, b := range buckets {
			for _, k := range keys {
				older[string(b)+"/"+k] = bytes.Clone(tx.Bucket(b).Get([]byte(k)))
			}
		}
		return nil
	})
	db.Close()
	rawUpdate(t, j.Path, func(tx *bolt.Tx) error {
		for _, b := range buckets {
			for _, k := range keys {
				if v := older[string(b)+"/"+k]; v != nil {
					tx.Bucket(b).Put([]byte(k), v)
				}
			}
		}
		return nil
	})
}

// outside returns what doctor found changed outside reflect; anything else
// it finds must be one of also.
func outside(t *testing.T, j *Journal, also ...string) []string {
	t.Helper()
	rep, err := j.Check()
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, f := range rep.Findings {
		if f.Outside {
			found = append(found, f.Text)
		}
		if !f.OK && !f.Outside && !slices.Contains(also, f.Text) {
			t.Errorf("doctor found more than changes outside reflect: %s", f.Text)
		}
	}
	if rep.Outside() != (len(found) > 0) {
		t.Errorf("Report.Outside is %v with %d findings", rep.Outside(), len(found))
	}
	return found
}

// wantOutside checks that doctor found each of want, and nothing else.
func wantOutside(t *testing.T, j *Journal, want ...string) {
	t.Helper()
	got := outside(t, j)
	if len(got) != len(want) {
		t.Fatalf("doctor found %q, want %d findings like %q", got, len(want), want)
	}
	for i := range want {
		if !strings.Contains(got[i], want[i]) {
			t.Errorf("doctor found %q, want %q", got[i], want[i])
		}
	}
}

func readDay(t *testing.T, j *Journal, day journal.Day) {
	t.Helper()
	err := j.View(func(r *Reader) error {
		_, _, err := r.Entry(day)
		if err == nil {
			_, _, err = r.Summary(day)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func readWeek(t *testing.T, j *Journal) {
	t.Helper()
	err := j.View(func(r *Reader) error {
		return r.Range(journal.NewDay(2026, 11, 16), nov22, func(journal.Entry) error { return nil })
	})
	if err != nil {
		t.Fatal(err)
	}
}

// wantTold checks that reads told Notify want, and starts afresh as the
// next command would: each tells a thing once.
func wantTold(t *testing.T, j *Journal, told *[]string, want string) {
	t.Helper()
	if !slices.ContainsFunc(*told, func(s string) bool { return strings.Contains(s, want) }) {
		t.Errorf("reads told %q, want %q", *told, want)
	}
	*told, j.told = nil, nil
}

// wantReadsTell checks that a read of the 20th, and a read of its week,
// each tell want.
func wantReadsTell(t *testing.T, j *Journal, told *[]string, want string) {
	t.Helper()
	readDay(t, j, nov20)
	wantTold(t, j, told, want)
	readWeek(t, j)
	wantTold(t, j, told, want)
}

func TestARolledBackDayIsReported(t *testing.T) {
	j, told := indexed(t)
	wantOutside(t, j)
	older := copyOf(t, j)
	add(t, j, nov20, "words added later, that the older copy does not have")

	putBack(t, j, older, indexedBuckets, "2026-11-20")
	rolledBack := "the entry of 2026-11-20 is not as reflect last wrote it"
	wantOutside(t, j, rolledBack)
	wantReadsTell(t, j, told, rolledBack)
	readDay(t, j, nov21)
	if len(*told) != 0 {
		t.Errorf("reading a day nobody changed told %q", *told)
	}

	// A write to another day of the month leaves the rolled-back day
	// reported: it does not make the index agree with it.
	add(t, j, nov22, "a later evening")
	wantOutside(t, j, rolledBack)

	// Put back only the entry: the summary is reflect's own.
	if err := j.AcceptIndex(); err != nil {
		t.Fatal(err)
	}
	wantOutside(t, j)
	older = copyOf(t, j)
	add(t, j, nov21, "more on the 21st")
	putBack(t, j, older, [][]byte{bucketEntries}, "2026-11-21")
	got := outside(t, j, "the summary of 2026-11-21 does not match its entry", "the search record of 2026-11-21 does not match its entry")
	if len(got) != 1 || !strings.Contains(got[0], "the entry of 2026-11-21 is not as reflect last wrote it") {
		t.Errorf("an entry put back without its summary: doctor found %q", got)
	}
}

// removeDay takes every record of a day out of the journal, as someone
// without reflect might.
func removeDay(tx *bolt.Tx, day string) error {
	for _, b := range indexedBuckets {
		if err := tx.Bucket(b).Delete([]byte(day)); err != nil {
			return err
		}
	}
	return nil
}

func TestARemovedDayIsReported(t *testing.T) {
	j, told := indexed(t)
	rawUpdate(t, j.Path, func(tx *bolt.Tx) error { return removeDay(tx, "2026-11-20") })
	removed := "the entry of 2026-11-20 was removed outside reflect"
	wantOutside(t, j, removed)
	wantReadsTell(t, j, told, removed)
	// Newest first, as log reads: the removed day is between the two read.
	add(t, j, journal.NewDay(2026, 11, 19), "the day before")
	err := j.View(func(r *Reader) error {
		return r.Descend(nov22, journal.NewDay(2026, 11, 1), func(journal.Entry) error { return nil })
	})
	if err != nil {
		t.Fatal(err)
	}
	wantTold(t, j, told, removed)
	// Summaries, as stats reads them.
	err = j.View(func(r *Reader) error { return r.EachFigures(func(journal.Summary) error { return nil }) })
	if err != nil {
		t.Fatal(err)
	}
	wantTold(t, j, told, removed)

	// reflect's own delete is not a removal outside it.
	if err := j.Update(func(w *Writer) error { return w.DeleteEntry(nov21) }); err != nil {
		t.Fatal(err)
	}
	wantOutside(t, j, removed)
	if err := j.AcceptIndex(); err != nil {
		t.Fatal(err)
	}
	wantOutside(t, j)
	readWeek(t, j)
	if len(*told) != 0 {
		t.Errorf("after accepting, a read told %q", *told)
	}
}

// TestAMonthPutBackWholeIsReported: the older copy's days and the older
// month of the index, which agree with each other, put back together.
func TestAMonthPutBackWholeIsReported(t *testing.T) {
	j, _ := indexed(t)
	older := copyOf(t, j)
	add(t, j, nov20, "words added later")
	putBack(t, j, older, indexedBuckets, "2026-11-20")
	putBack(t, j, older, [][]byte{bucketIndex}, "2026-11")
	asAWhole := "the index as a whole does not match its months"
	wantOutside(t, j, asAWhole)
	add(t, j, nov22, "a later evening")
	wantOutside(t, j, asAWhole)

	// A month taken out whole: its days and its index.
	if err := j.AcceptIndex(); err != nil {
		t.Fatal(err)
	}
	add(t, j, journal.NewDay(2026, 10, 3), "in October")
	rawUpdate(t, j.Path, func(tx *bolt.Tx) error {
		if err := removeDay(tx, "2026-10-03"); err != nil {
			return err
		}
		return tx.Bucket(bucketIndex).Delete([]byte("2026-10"))
	})
	wantOutside(t, j, asAWhole)
}

func TestAChangedIndexIsReported(t *testing.T) {
	j, told := indexed(t)
	rawUpdate(t, j.Path, func(tx *bolt.Tx) error {
		v := bytes.Clone(tx.Bucket(bucketIndex).Get([]byte("2026-11")))
		v[5] ^= 1
		return tx.Bucket(bucketIndex).Put([]byte("2026-11"), v)
	})
	changed := "the index of November 2026 was changed outside reflect"
	wantOutside(t, j, changed)
	readDay(t, j, nov21)
	wantTold(t, j, told, changed)
	// A write into that month leaves it as it is.
	add(t, j, nov22, "a later evening")
	wantOutside(t, j, changed)

	// The index taken out whole.
	rawUpdate(t, j.Path, func(tx *bolt.Tx) error {
		tx.Bucket(bucketMeta).Delete(keyIndexTop)
		return tx.DeleteBucket(bucketIndex)
	})
	missing := "its index is missing"
	wantOutside(t, j, missing)
	readDay(t, j, nov21)
	wantTold(t, j, told, "the journal's index is missing")
	add(t, j, nov22, "more")
	wantOutside(t, j, missing)
	if err := j.AcceptIndex(); err != nil {
		t.Fatal(err)
	}
	wantOutside(t, j)
}

// TestALockSetBackIsReported: a lock of a journal with an index, set back
// to the version of a lock before indexes, with the index taken out, would
// pass the journal off as one that never had an index. Its key no longer
// opens under what the lock says, and that is reported.
func TestALockSetBackIsReported(t *testing.T) {
	j, _ := indexed(t)
	rawUpdate(t, j.Path, func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		var l lock
		if err := json.Unmarshal(meta.Get(keyEncryption), &l); err != nil {
			return err
		}
		l.Version = 1
		meta.Delete(keyIndexTop)
		tx.DeleteBucket(bucketIndex)
		return putLock(meta, l)
	})
	calls := 0
	other := New(j.Path)
	other.Passphrase = passphrase("correct horse", &calls)
	err := other.View(func(*Reader) error { return nil })
	var damaged *DamagedError
	if !errors.As(err, &damaged) || !strings.Contains(err.Error(), "set back") {
		t.Errorf("a lock set back: %v", err)
	}
}

// TestALockTakenAwayIsReported: a journal whose lock was taken out would
// read as one in the clear, and tonight's answers would be saved in plain
// text among sealed days. Its index says it was encrypted: reads and writes
// report damage, and nothing is written.
func TestALockTakenAwayIsReported(t *testing.T) {
	j, _ := indexed(t)
	rawUpdate(t, j.Path, func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Delete(keyEncryption)
	})
	before, _ := os.ReadFile(j.Path)
	other := New(j.Path)
	for name, do := range map[string]func() error{
		"a read": func() error { return other.View(func(*Reader) error { return nil }) },
		"a write": func() error {
			return other.Update(func(w *Writer) error {
				_, err := w.AddAnswers(nov22, answers("in the clear"), now)
				return err
			})
		},
	} {
		var damaged *DamagedError
		if err := do(); !errors.As(err, &damaged) || !strings.Contains(err.Error(), "encryption settings are missing") {
			t.Errorf("%s of a journal whose lock was taken away: %v", name, err)
		}
	}
	if after, _ := os.ReadFile(j.Path); !bytes.Equal(after, before) {
		t.Error("the journal changed")
	}
}

// TestALockAndIndexTakenAwayIsReported: with the index taken out too, the
// sealed days themselves say the journal was encrypted.
func TestALockAndIndexTakenAwayIsReported(t *testing.T) {
	j, _ := indexed(t)
	rawUpdate(t, j.Path, func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		meta.Delete(keyIndexTop)
		tx.DeleteBucket(bucketIndex)
		return meta.Delete(keyEncryption)
	})
	var sealed bool
	rawUpdate(t, j.Path, func(tx *bolt.Tx) error {
		_, entry := tx.Bucket(bucketEntries).Cursor().First()
		_, summary := tx.Bucket(bucketSummaries).Cursor().First()
		sealed = looksSealed(entry, summary)
		return nil
	})
	if !sealed {
		t.Skip("the sealed values begin as they would in the clear, by a chance of 1 in 32768")
	}
	before, _ := os.ReadFile(j.Path)
	err := New(j.Path).Update(func(w *Writer) error {
		_, err := w.AddAnswers(nov22, answers("in the clear"), now)
		return err
	})
	var damaged *DamagedError
	if !errors.As(err, &damaged) || !strings.Contains(err.Error(), "its days are sealed") {
		t.Errorf("a write: %v", err)
	}
	if after, _ := os.ReadFile(j.Path); !bytes.Equal(after, before) {
		t.Error("the journal changed")
	}
}

// TestALockFromBeforeIndexesGetsOne: a journal encrypted by a reflect that
// kept no index opens, reads and checks as before; its first write makes
// the index, with the passphrase asked once.
func TestALockFromBeforeIndexesGetsOne(t *testing.T) {
	j, _ := indexed(t)
	l := storedLock(t, j.Path)
	kek, err := l.aead([]byte("correct horse"))
	if err != nil {
		t.Fatal(err)
	}
	l.Version = 1
	l.SealedKey = seal(kek, j.dataKey, lockAD(1))
	rawUpdate(t, j.Path, func(tx *bolt.Tx) error {
		tx.Bucket(bucketMeta).Delete(keyIndexTop)
		tx.DeleteBucket(bucketIndex)
		return putLock(tx.Bucket(bucketMeta), l)
	})
	calls := 0
	old := New(j.Path)
	old.Passphrase = passphrase("correct horse", &calls)
	rep, err := old.Check()
	if err != nil || !rep.Sound() || !slices.ContainsFunc(rep.Findings, func(f Finding) bool { return strings.Contains(f.Text, "no index of its days yet") }) {
		t.Fatalf("doctor on a journal from before indexes: %+v, %v", rep, err)
	}
	add(t, old, nov22, "the first write since")
	if got := storedLock(t, j.Path).Version; got != lockVersion {
		t.Errorf("after the first write the lock is version %d", got)
	}
	wantOutside(t, old)
	add(t, old, nov22, "and another")
	if calls != 1 {
		t.Errorf("the passphrase was asked %d times", calls)
	}
	if got := entriesText(t, old); !strings.Contains(got, "and another") {
		t.Errorf("read back %q", got)
	}
}

// TestEveryWriteKeepsTheIndexAgreeing drives every way reflect writes days
// over two simulated years, from a fixed seed: evenings, second runs,
// imports of many days in one transaction, deletes, drafts, a new
// passphrase, encryption off and on again. Doctor finds nothing changed
// outside reflect after any of them, and no read reports anything.
func TestEveryWriteKeepsTheIndexAgreeing(t *testing.T) {
	j, told := indexed(t)
	rng := rand.New(rand.NewPCG(11, 5))
	start := journal.NewDay(2025, 1, 1)
	someDay := func() journal.Day { return start.AddDays(rng.IntN(730)) }
	steps := 240
	if testing.Short() {
		steps = 120
	}
	for step := range steps {
		var err error
		switch op := rng.IntN(20); {
		case op < 9:
			_, err = 0, j.Update(func(w *Writer) error {
				_, err := w.AddAnswers(someDay(), answers(fmt.Sprintf("evening %d", step)), now)
				return err
			})
		case op < 12:
			err = j.Update(func(w *Writer) error {
				for range 1 + rng.IntN(40) {
					e := journal.Entry{Date: someDay(), Answers: answers(fmt.Sprintf("imported %d", step))}
					if _, err := w.Merge(e); err != nil {
						return err
					}
				}
				return nil
			})
		case op < 15:
			err = j.Update(func(w *Writer) error { return w.DeleteEntry(someDay()) })
		case op < 17:
			day := someDay()
			err = j.Update(func(w *Writer) error {
				if err := w.PutDraft(journal.Draft{Date: day, Answers: answers("unfinished")}); err != nil {
					return err
				}
				return w.DeleteDraft(day.AddDays(-1))
			})
		case op < 18:
			err = j.Update(func(w *Writer) error {
				e, ok, err := w.Entry(someDay())
				if err != nil || !ok {
					return err
				}
				e.Answers = e.Answers[:1]
				return w.PutEntry(e)
			})
		case op < 19 && step%40 == 0:
			err = j.ChangePassphrase([]byte(fmt.Sprintf("passphrase %d", step)))
		case step%60 == 0:
			if err = j.Decrypt(); err == nil {
				add(t, j, someDay(), "written in the clear")
				err = j.Encrypt([]byte("correct horse"))
			}
		}
		if err != nil {
			t.Fatalf("step %d: %v", step, err)
		}
		if step%20 == 0 || step == steps-1 {
			wantOutside(t, j)
			err := j.View(func(r *Reader) error {
				return r.Range(journal.Earliest, journal.Latest, func(journal.Entry) error { return nil })
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(*told) != 0 {
				t.Fatalf("step %d: a read told %q", step, *told)
			}
		}
	}
}
