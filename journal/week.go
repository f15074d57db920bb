package journal

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Week is an ISO 8601 week: Monday to Sunday, numbered within its ISO year.
type Week struct {
	Year int // the ISO year, which near New Year may differ from the calendar year
	Num  int // 1 to 53
}

// WeekOf returns the ISO week that holds d.
func WeekOf(d Day) Week {
	y, w := d.t.ISOWeek()
	return Week{Year: y, Num: w}
}

// Monday returns the first day of the week.
func (w Week) Monday() Day {
	// 4 January is always in week 1.
	jan4 := NewDay(w.Year, time.January, 4)
	back := (int(jan4.Weekday()) + 6) % 7 // days since Monday
	return jan4.AddDays(-back + 7*(w.Num-1))
}

// Sunday returns the last day of the week.
func (w Week) Sunday() Day { return w.Monday().AddDays(6) }

// String returns the week as YYYY-Www, such as 2026-W47.
func (w Week) String() string { return fmt.Sprintf("%04d-W%02d", w.Year, w.Num) }

// ParseWeek reads a WEEK as people write it on the command line: "this",
// "last", an ISO week such as 2026-W47, or a DATE (the week that holds it).
// now fixes what this week is.
func ParseWeek(s string, now time.Time) (Week, error) {
	word := strings.ToLower(strings.TrimSpace(s))
	switch word {
	case "this", "":
		return WeekOf(Today(now)), nil
	case "last":
		return WeekOf(Today(now).AddDays(-7)), nil
	}
	// Www or ww alone (W47, 47) is a week of this year: the ISO year of
	// today.
	if w := strings.TrimPrefix(word, "w"); len(w) >= 1 && len(w) <= 2 && strings.Trim(w, "0123456789") == "" {
		word = fmt.Sprintf("%d-w%02s", WeekOf(Today(now)).Year, w)
	}
	if y, w, ok := strings.Cut(word, "-w"); ok {
		year, yerr := strconv.Atoi(y)
		num, werr := strconv.Atoi(w)
		if yerr != nil || werr != nil || len(y) != 4 || len(w) != 2 || year < 1 {
			return Week{}, fmt.Errorf("%q is not a week: use this, last, YYYY-Www (such as 2026-W47), Www, ww or a date", s)
		}
		week := Week{Year: year, Num: num}
		if num < 1 || WeekOf(week.Monday()) != week {
			return Week{}, fmt.Errorf("%d has no week %d", year, num)
		}
		return week, nil
	}
	d, err := ParseDay(s, now)
	if err != nil {
		return Week{}, fmt.Errorf("%q is not a week: use this, last, YYYY-Www (such as 2026-W47), Www, ww or a date", s)
	}
	return WeekOf(d), nil
}

// Span is a run of days, both ends included.
type Span struct {
	From, To Day
}

// Span returns the days of the week.
func (w Week) Span() Span { return Span{From: w.Monday(), To: w.Sunday()} }

// Days returns how many days the span holds.
func (s Span) Days() int {
	return daysBetween(s.From, s.To) + 1
}

// Contains reports whether d falls within the span.
func (s Span) Contains(d Day) bool { return !d.Before(s.From) && !d.After(s.To) }

// Earliest and Latest bound every date a journal can hold.
var (
	Earliest = NewDay(1, time.January, 1)
	Latest   = NewDay(9999, time.December, 31)
)

// CheckDate says why an entry cannot be dated d, or returns nil: a day
// before Earliest (year 0, which some tools write for "no date") sorts
// before every walk over the journal, which would then never show it.
func CheckDate(d Day) error {
	if d.Before(Earliest) || d.After(Latest) {
		return fmt.Errorf("%s is outside the dates a journal holds (%s to %s)", d, Earliest, Latest)
	}
	return nil
}
