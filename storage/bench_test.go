package storage

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/journal/journaltest"
)

// sizes are the journals the benchmarks run on: one, ten and a hundred
// years of daily entries.
var sizes = []int{365, 3650, 36500}

// seeded returns a synthetic journal of n daily entries ending on
// journaltest.Last, written in one transaction.
func seeded(b *testing.B, n int) *Journal {
	b.Helper()
	j := New(filepath.Join(b.TempDir(), "journal.db"))
	err := j.Update(func(w *Writer) error { return journaltest.Write(n, journaltest.Last, w.PutEntry) })
	if err != nil {
		b.Fatal(err)
	}
	return j
}

// sealed returns seeded(b, n), encrypted: every value sealed, and the
// index kept (index.go). Its key is open: the benchmarks leave out scrypt,
// which each command pays once (BenchmarkUnlock).
func sealed(b *testing.B, n int) *Journal {
	b.Helper()
	j := seeded(b, n)
	if err := j.Encrypt([]byte("a benchmark's passphrase")); err != nil {
		b.Fatal(err)
	}
	return j
}

// benchWalk times walk, which passes entries to fn, on journals of each
// size, in the clear and encrypted; want is how many entries it should
// pass (0: the whole journal).
func benchWalk(b *testing.B, want int, walk func(r *Reader, fn func(journal.Entry) error) error) {
	eachJournal(b, func(b *testing.B, j *Journal, n int) {
		expect := want
		if expect == 0 {
			expect = n
		}
		for b.Loop() {
			count := 0
			err := j.View(func(r *Reader) error {
				return walk(r, func(journal.Entry) error {
					if count++; count == expect {
						return Stop
					}
					return nil
				})
			})
			if err != nil || count != expect {
				b.Fatalf("read %d entries: %v", count, err)
			}
		}
	})
}

// eachJournal runs bench on a journal of each size, in the clear and
// encrypted.
func eachJournal(b *testing.B, bench func(b *testing.B, j *Journal, n int)) {
	for _, n := range sizes {
		for _, form := range []struct {
			name string
			make func(*testing.B, int) *Journal
		}{{"clear", seeded}, {"sealed", sealed}} {
			b.Run(fmt.Sprintf("%s/days=%d", form.name, n), func(b *testing.B) {
				bench(b, form.make(b, n), n)
			})
		}
	}
}

// BenchmarkWeekRange reads one week of entries: its cost should not grow
// with the journal.
func BenchmarkWeekRange(b *testing.B) {
	from := journal.NewDay(2026, 11, 16)
	benchWalk(b, 7, func(r *Reader, fn func(journal.Entry) error) error {
		return r.Range(from, from.AddDays(6), fn)
	})
}

// BenchmarkNewestSeven reads the seven newest entries, as log -n 7 does.
func BenchmarkNewestSeven(b *testing.B) {
	benchWalk(b, 7, func(r *Reader, fn func(journal.Entry) error) error {
		return r.Descend(journal.Latest, journal.Earliest, fn)
	})
}

// BenchmarkReadAll decodes every entry, as a search of the whole journal
// without the quick test would: linear in the journal.
func BenchmarkReadAll(b *testing.B) {
	benchWalk(b, 0, func(r *Reader, fn func(journal.Entry) error) error {
		return r.Range(journal.Earliest, journal.Latest, fn)
	})
}

// BenchmarkSaveAnswers is one evening's save into journals of growing size.
func BenchmarkSaveAnswers(b *testing.B) {
	eachJournal(b, func(b *testing.B, j *Journal, _ int) {
		day := journaltest.Last.AddDays(1)
		for b.Loop() {
			err := j.Update(func(w *Writer) error {
				_, err := w.AddAnswers(day, answers("3"), now)
				return err
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkWriteCheck times the check of the pages before a write: every
// branch page of every bucket, and the list of free pages against them. It
// grows with the number of branch pages, a few hundred at 100 years.
func BenchmarkWriteCheck(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("days=%d", n), func(b *testing.B) {
			j := seeded(b, n)
			f, err := os.Open(j.Path)
			if err != nil {
				b.Fatal(err)
			}
			defer f.Close()
			for b.Loop() {
				if _, err := newGuard(f, j.Path, true); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
