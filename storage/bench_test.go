package storage

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/reflect-cli/reflect/journal"
)

// seeded returns a journal with one entry a day for n days, ending on
// 2026-11-22, written in one transaction.
func seeded(b *testing.B, n int) *Journal {
	b.Helper()
	j := New(filepath.Join(b.TempDir(), "journal.db"))
	last := journal.NewDay(2026, 11, 22)
	err := j.Update(func(w *Writer) error {
		for i := 0; i < n; i++ {
			texts := []string{"4", "no", fmt.Sprintf("a small win on day %d", i), "one small step for tomorrow"}
			if _, err := w.AddAnswers(last.AddDays(-i), answers(texts...), now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return j
}

// BenchmarkWeekRange reads one week of entries: its cost should not grow
// with the journal.
func BenchmarkWeekRange(b *testing.B) {
	for _, n := range []int{365, 3650, 36500} {
		b.Run(fmt.Sprintf("days=%d", n), func(b *testing.B) {
			j := seeded(b, n)
			from := journal.NewDay(2026, 11, 16)
			b.ResetTimer()
			for b.Loop() {
				count := 0
				err := j.View(func(r *Reader) error {
					return r.Range(from, from.AddDays(6), func(journal.Entry) error { count++; return nil })
				})
				if err != nil || count != 7 {
					b.Fatalf("read %d entries: %v", count, err)
				}
			}
		})
	}
}

// BenchmarkSaveAnswers is one evening's save into journals of growing size.
func BenchmarkSaveAnswers(b *testing.B) {
	for _, n := range []int{365, 36500} {
		b.Run(fmt.Sprintf("days=%d", n), func(b *testing.B) {
			j := seeded(b, n)
			day := journal.NewDay(2026, 11, 23)
			b.ResetTimer()
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
}
