package journal

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

func TestToday(t *testing.T) {
	loc := time.FixedZone("CET", 3600)
	tests := []struct {
		now  time.Time
		want string
	}{
		{time.Date(2026, 11, 20, 21, 0, 0, 0, loc), "2026-11-20"},
		{time.Date(2026, 11, 21, 0, 30, 0, 0, loc), "2026-11-20"}, // past midnight: still the evening before
		{time.Date(2026, 11, 21, 3, 59, 59, 0, loc), "2026-11-20"},
		{time.Date(2026, 11, 21, 4, 0, 0, 0, loc), "2026-11-21"},
		{time.Date(2027, 1, 1, 1, 0, 0, 0, loc), "2026-12-31"},
	}
	for _, tt := range tests {
		if got := Today(tt.now).String(); got != tt.want {
			t.Errorf("Today(%v) = %s, want %s", tt.now, got, tt.want)
		}
	}
}

func TestParseDay(t *testing.T) {
	now := time.Date(2026, 11, 22, 21, 0, 0, 0, time.Local) // a Sunday
	tests := []struct{ in, want string }{
		{"2026-11-20", "2026-11-20"},
		{"today", "2026-11-22"},
		{"Today", "2026-11-22"},
		{"yesterday", "2026-11-21"},
		{"sunday", "2026-11-22"}, // today included
		{"friday", "2026-11-20"},
		{"fri", "2026-11-20"},
		{"Monday", "2026-11-16"},
		{"2024-02-29", "2024-02-29"},
		{"3 days ago", "2026-11-19"},
		{"1 day ago", "2026-11-21"},
		{"0 days ago", "2026-11-22"},
		{"  10  Days  Ago ", "2026-11-12"},
		{"-2d", "2026-11-20"},
		{"-400d", "2025-10-18"},
	}
	for _, tt := range tests {
		got, err := ParseDay(tt.in, now)
		if err != nil || got.String() != tt.want {
			t.Errorf("ParseDay(%q) = %v, %v; want %s", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "tomorrowish", "2026-13-01", "2026-02-30", "20-11-2026", "fr", "2026-11-20x",
		"-d", "--2d", "-2", "2d", "+2d", "-02d", "three days ago", "3 days", "3 weeks ago", "-99999999999999999999d", "-40000d"} {
		if d, err := ParseDay(bad, now); err == nil {
			t.Errorf("ParseDay(%q) = %v, want an error", bad, d)
		}
	}
}

func TestParseDayAfterMidnight(t *testing.T) {
	now := time.Date(2026, 11, 23, 1, 0, 0, 0, time.Local) // Monday 01:00 is still Sunday's evening
	if got, _ := ParseDay("today", now); got.String() != "2026-11-22" {
		t.Errorf("today at 01:00 = %s, want the day before", got)
	}
	if got, _ := ParseDay("sunday", now); got.String() != "2026-11-22" {
		t.Errorf("sunday at Monday 01:00 = %s", got)
	}
}

func TestDayJSON(t *testing.T) {
	d := NewDay(2026, 11, 20)
	b, err := json.Marshal(d)
	if err != nil || string(b) != `"2026-11-20"` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var back Day
	if err := json.Unmarshal(b, &back); err != nil || back != d {
		t.Fatalf("Unmarshal = %v, %v", back, err)
	}
	if err := json.Unmarshal([]byte(`"20/11/2026"`), &back); err == nil {
		t.Fatal("Unmarshal accepted a bad date")
	}
	if got := d.Long(); got != "Friday 20 November 2026" {
		t.Errorf("Long = %q", got)
	}
	if !d.Before(d.AddDays(1)) || !d.AddDays(1).After(d) {
		t.Error("Before/After disagree with AddDays")
	}
}

// TestDaysReadAsTimeParseReadsThem sweeps every month and day number, real
// or not, of years around the edges of the calendar: the quick reading of
// a date gives what time.Parse gives, and refuses what it refuses.
func TestDaysReadAsTimeParseReadsThem(t *testing.T) {
	for _, year := range []int{0, 1, 4, 1900, 1970, 2000, 2024, 2026, 2100, 9999} {
		for month := 0; month <= 13; month++ {
			for day := 0; day <= 32; day++ {
				text := fmt.Sprintf("%04d-%02d-%02d", year, month, day)
				want, wantErr := time.Parse(DayLayout, text)
				var got Day
				err := got.UnmarshalText([]byte(text))
				if (err != nil) != (wantErr != nil) || err == nil && (!got.t.Equal(want) || got != NewDay(want.Date())) {
					t.Fatalf("%s: %v, %v; time.Parse gives %v, %v", text, got, err, want, wantErr)
				}
			}
		}
	}
	for _, text := range []string{"2026-1-01", "2026-01-1", "20260101", "2026/01/01", "+026-01-01", "2026-01-0x", " 2026-01-01", ""} {
		var d Day
		if d.UnmarshalText([]byte(text)) == nil {
			t.Errorf("%q read as %v", text, d)
		}
	}
}

// TestDaysInEveryMonth: the length of every month of four centuries, as
// the time package counts it.
func TestDaysInEveryMonth(t *testing.T) {
	for year := 1600; year < 2000; year++ {
		for m := time.January; m <= time.December; m++ {
			if got, want := daysIn(m, year), time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day(); got != want {
				t.Fatalf("daysIn(%v, %d) = %d, want %d", m, year, got, want)
			}
		}
	}
}

// TestCivilAsTheCalendarSaysIt: every day of years 1 to 2999, and some of
// 9999, as Date and Weekday give them, and written long as Format writes
// it.
func TestCivilAsTheCalendarSaysIt(t *testing.T) {
	check := func(d Day) {
		y, m, dd, wd := d.Civil()
		wy, wm, wdd := d.Date()
		if y != wy || m != wm || dd != wdd || wd != d.Weekday() {
			t.Fatalf("%s: Civil says %d-%d-%d %v", d, y, m, dd, wd)
		}
		if got, want := d.Long(), d.t.Format("Monday 2 January 2006"); got != want {
			t.Fatalf("%s: Long says %q, want %q", d, got, want)
		}
	}
	for d := NewDay(1, time.January, 1); d.Year() < 3000; d = d.AddDays(1) {
		check(d)
	}
	for d := NewDay(9999, time.December, 1); d.Year() == 9999; d = d.AddDays(1) {
		check(d)
	}
}
