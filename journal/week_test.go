package journal

import (
	"testing"
	"time"
)

func TestParseWeek(t *testing.T) {
	now := time.Date(2026, 11, 20, 21, 0, 0, 0, time.Local) // Friday, in 2026-W47
	for _, tt := range []struct{ in, want string }{
		{"this", "2026-W47"},
		{"", "2026-W47"},
		{"last", "2026-W46"},
		{"2026-W47", "2026-W47"},
		{"2026-w01", "2026-W01"},
		{"2020-W53", "2020-W53"},
		{"2026-11-16", "2026-W47"}, // a Monday
		{"2026-11-22", "2026-W47"}, // a Sunday
		{"2027-01-01", "2026-W53"}, // New Year's Day in the old ISO year
		{"2025-12-29", "2026-W01"}, // and the other way round
		{"monday", "2026-W47"},
		{"yesterday", "2026-W47"},
		{"W47", "2026-W47"},
		{"47", "2026-W47"},
		{"w5", "2026-W05"},
		{"05", "2026-W05"},
		{"10 days ago", "2026-W46"},
	} {
		w, err := ParseWeek(tt.in, now)
		if err != nil || w.String() != tt.want {
			t.Errorf("ParseWeek(%q) = %v, %v; want %s", tt.in, w, err, tt.want)
		}
	}
	for _, bad := range []string{"next", "2026-W00", "2026-W54", "2021-W53", "2026-W7", "26-W07", "2026-Wxx", "W54", "0", "W", "470", "W470", "w4x"} {
		if w, err := ParseWeek(bad, now); err == nil {
			t.Errorf("ParseWeek(%q) = %v, want an error", bad, w)
		}
	}
}

func TestWeekDays(t *testing.T) {
	for _, tt := range []struct {
		week      Week
		mon, sun  string
		roundTrip bool
	}{
		{Week{2026, 47}, "2026-11-16", "2026-11-22", true},
		{Week{2026, 1}, "2025-12-29", "2026-01-04", true},
		{Week{2026, 53}, "2026-12-28", "2027-01-03", true},
		{Week{2021, 1}, "2021-01-04", "2021-01-10", true},
	} {
		if got := tt.week.Monday().String(); got != tt.mon {
			t.Errorf("%s starts %s, want %s", tt.week, got, tt.mon)
		}
		if got := tt.week.Sunday().String(); got != tt.sun {
			t.Errorf("%s ends %s, want %s", tt.week, got, tt.sun)
		}
		if WeekOf(tt.week.Monday()) != tt.week || WeekOf(tt.week.Sunday()) != tt.week {
			t.Errorf("the days of %s are not in it", tt.week)
		}
	}
	s := Week{2026, 47}.Span()
	if s.Days() != 7 || !s.Contains(NewDay(2026, 11, 16)) || s.Contains(NewDay(2026, 11, 23)) || s.Contains(NewDay(2026, 11, 15)) {
		t.Errorf("span %v", s)
	}
}

// TestSpanDaysOverCenturies: a span longer than a time.Duration holds (292
// years) still counts its days.
func TestSpanDaysOverCenturies(t *testing.T) {
	tests := []struct {
		from, to Day
		want     int
	}{
		{NewDay(1700, 1, 1), NewDay(2026, 11, 10), 119383},
		{NewDay(1, 1, 1), NewDay(2026, 11, 10), 739930},
		{NewDay(1, 1, 1), NewDay(9999, 12, 31), 3652059},
	}
	for _, tt := range tests {
		if got := (Span{From: tt.from, To: tt.to}).Days(); got != tt.want {
			t.Errorf("%s to %s: %d days, want %d", tt.from, tt.to, got, tt.want)
		}
	}
}
