package storage

import (
	"slices"
	"testing"

	"github.com/reflect-cli/reflect/journal"
)

// TestWrittenDays walks the days with an entry newest first, across chunks
// and gaps of years, and stops when told; it reads an encrypted journal's
// dates without its passphrase.
func TestWrittenDays(t *testing.T) {
	j := newJournal(t)
	days := []journal.Day{journal.NewDay(2016, 3, 1), journal.NewDay(2026, 9, 1), nov20, nov21, nov22}
	for _, d := range days {
		add(t, j, d, "words")
	}
	walk := func(j *Journal, until journal.Day, most int) []journal.Day {
		var got []journal.Day
		if err := j.WrittenDays(until, func(d journal.Day) bool { got = append(got, d); return len(got) < most }); err != nil {
			t.Fatal(err)
		}
		return got
	}
	want := slices.Clone(days)
	slices.Reverse(want)
	if got := walk(j, journal.NewDay(2026, 12, 31), 100); !slices.Equal(got, want) {
		t.Errorf("every day: %v", got)
	}
	if got := walk(j, nov21, 2); !slices.Equal(got, []journal.Day{nov21, nov20}) {
		t.Errorf("from the 21st, two: %v", got)
	}
	if err := j.Encrypt([]byte("correct horse")); err != nil {
		t.Fatal(err)
	}
	locked := New(j.Path) // no passphrase
	if got := walk(locked, nov22, 100); !slices.Equal(got, want) {
		t.Errorf("an encrypted journal, without its passphrase: %v", got)
	}
	if got := walk(New(t.TempDir()+"/none.db"), nov22, 100); got != nil {
		t.Errorf("no journal: %v", got)
	}
}
