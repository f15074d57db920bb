package journal

import (
	"strings"
	"testing"
	"time"
)

func TestParseMonth(t *testing.T) {
	now := time.Date(2026, 11, 20, 21, 0, 0, 0, time.UTC)
	for _, tt := range []struct{ in, want string }{
		{"", "2026-11"},
		{"this", "2026-11"},
		{"LAST", "2026-10"},
		{"2026-02", "2026-02"},
		{"november", "2026-11"},
		{"Nov", "2026-11"},
		{"march", "2026-03"},
		{"dec", "2025-12"}, // its most recent one
		{"2026-07-14", "2026-07"},
		{"yesterday", "2026-11"},
		{"20 days ago", "2026-10"},
	} {
		got, err := ParseMonth(tt.in, now)
		if err != nil || got.String() != tt.want {
			t.Errorf("ParseMonth(%q) = %v, %v; want %s", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"2026-13", "2026-00", "26-11", "2026-1", "ma", "next", "2026-11-31"} {
		if got, err := ParseMonth(bad, now); err == nil {
			t.Errorf("ParseMonth(%q) = %v, want an error", bad, got)
		}
	}
	if last, _ := ParseMonth("last", time.Date(2026, 1, 3, 12, 0, 0, 0, time.UTC)); last.String() != "2025-12" {
		t.Errorf("last month in January is %s", last)
	}
}

func TestMonthSpan(t *testing.T) {
	for _, tt := range []struct {
		m          Month
		first, end string
		days       int
	}{
		{Month{2028, time.February}, "2028-02-01", "2028-02-29", 29},
		{Month{2026, time.February}, "2026-02-01", "2026-02-28", 28},
		{Month{2026, time.December}, "2026-12-01", "2026-12-31", 31},
		{Month{2026, time.January}, "2026-01-01", "2026-01-31", 31},
	} {
		s := tt.m.Span()
		if s.From.String() != tt.first || s.To.String() != tt.end || s.Days() != tt.days {
			t.Errorf("%s: %s to %s, %d days", tt.m, s.From, s.To, s.Days())
		}
	}
	if next := (Month{2026, time.December}).Next(); next != (Month{2027, time.January}) {
		t.Errorf("the month after 2026-12 is %s", next)
	}
	if long := (Month{2026, time.November}).Long(); long != "November 2026" {
		t.Errorf("Long = %q", long)
	}
}

func TestParseYear(t *testing.T) {
	now := time.Date(2026, 11, 20, 21, 0, 0, 0, time.UTC)
	for _, tt := range []struct{ in, want string }{
		{"", "2026"}, {"this", "2026"}, {"Last", "2025"}, {"1999", "1999"}, {"2025-06-01", "2025"},
	} {
		got, err := ParseYear(tt.in, now)
		if err != nil || got.String() != tt.want {
			t.Errorf("ParseYear(%q) = %v, %v; want %s", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"0000", "26", "20266", "next", "2026-13"} {
		if got, err := ParseYear(bad, now); err == nil {
			t.Errorf("ParseYear(%q) = %v, want an error", bad, got)
		}
	}
	if s := Year(2024).Span(); s.Days() != 366 || s.From.String() != "2024-01-01" || s.To.String() != "2024-12-31" {
		t.Errorf("2024 spans %s to %s", s.From, s.To)
	}
	if !strings.HasPrefix(YearReview(2026, nil).Name(), "2026") || MonthReview(Month{2026, 3}, nil).Name() != "2026-03" {
		t.Error("reviews are badly named")
	}
}

// journalOf is an entryReader that counts its reads.
type journalOf struct {
	entries map[Day]Entry
	reads   *int
}

func (j journalOf) Entry(d Day) (Entry, bool, error) {
	*j.reads++
	e, ok := j.entries[d]
	return e, ok, nil
}

// TestAtHand finds the entries it holds without reading the journal, and
// reads it for the others.
func TestAtHand(t *testing.T) {
	reads := 0
	older := NewDay(2026, 10, 1)
	j := journalOf{entries: map[Day]Entry{older: {Date: older}}, reads: &reads}
	held := []Entry{{Date: NewDay(2026, 11, 2)}, {Date: NewDay(2026, 11, 4)}, {Date: NewDay(2026, 11, 5)}}
	a := atHand{held, j}
	for _, e := range held {
		if got, ok, _ := a.Entry(e.Date); !ok || got.Date != e.Date {
			t.Errorf("%s not found at hand", e.Date)
		}
	}
	if reads != 0 {
		t.Errorf("%d reads for entries at hand", reads)
	}
	if _, ok, _ := a.Entry(older); !ok || reads != 1 {
		t.Errorf("an older entry: found %v after %d reads", ok, reads)
	}
	if _, ok, _ := a.Entry(NewDay(2026, 11, 3)); ok || reads != 2 {
		t.Errorf("a day with no entry: found %v after %d reads", ok, reads)
	}
}

// TestYearOne: the first year, month and week a journal can hold keep
// their first day, with or without an entry in them.
func TestYearOne(t *testing.T) {
	for _, withEntry := range []bool{true, false} {
		s := newMemStore()
		if withEntry {
			d := NewDay(1, time.January, 5)
			s.entries[d.String()] = Entry{Date: d}
		}
		for _, r := range []Review{YearReview(1, nil), MonthReview(Month{1, time.January}, nil), WeekReview(WeekOf(NewDay(1, time.January, 5)), nil)} {
			read, err := r.Read(s)
			if err != nil {
				t.Fatal(err)
			}
			if read.Span != r.Span {
				t.Errorf("%s (an entry: %v) reads as %s to %s", r.Name(), withEntry, read.Span.From, read.Span.To)
			}
		}
	}
}
