package journal

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Month is a calendar month.
type Month struct {
	Year  int
	Month time.Month
}

// MonthOf returns the month that holds d.
func MonthOf(d Day) Month {
	y, m, _ := d.Date()
	return Month{Year: y, Month: m}
}

// First returns the first day of the month.
func (m Month) First() Day { return NewDay(m.Year, m.Month, 1) }

// Last returns the last day of the month.
func (m Month) Last() Day { return m.Next().First().AddDays(-1) }

// Next returns the month after m.
func (m Month) Next() Month { return MonthOf(m.First().AddDays(31)) }

// Span returns the days of the month.
func (m Month) Span() Span { return Span{From: m.First(), To: m.Last()} }

// String returns the month as YYYY-MM, such as 2026-11.
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month)) }

// Long returns the month as people read it, such as "November 2026".
func (m Month) Long() string { return m.First().Format("January 2006") }

const monthUsage = "use this, last, YYYY-MM (such as 2026-11), a month's name or a date"

// ParseMonth reads a MONTH as people write it on the command line: "this",
// "last", YYYY-MM, a month's name ("november" or "nov": its most recent
// one, this month included), or a DATE (the month that holds it). now fixes
// what this month is.
func ParseMonth(s string, now time.Time) (Month, error) {
	this := MonthOf(Today(now))
	word := strings.ToLower(strings.TrimSpace(s))
	switch word {
	case "this", "":
		return this, nil
	case "last":
		return MonthOf(this.First().AddDays(-1)), nil
	}
	for m := time.January; m <= time.December; m++ {
		name := strings.ToLower(m.String())
		if word == name || (len(word) >= 3 && strings.HasPrefix(name, word)) {
			if m > this.Month {
				return Month{Year: this.Year - 1, Month: m}, nil
			}
			return Month{Year: this.Year, Month: m}, nil
		}
	}
	if y, mm, ok := strings.Cut(word, "-"); ok && len(y) == 4 && len(mm) == 2 {
		year, yerr := strconv.Atoi(y)
		num, merr := strconv.Atoi(mm)
		if yerr != nil || merr != nil || year < 1 || num < 1 || num > 12 {
			return Month{}, fmt.Errorf("%q is not a month: %s", s, monthUsage)
		}
		return Month{Year: year, Month: time.Month(num)}, nil
	}
	d, err := ParseDay(s, now)
	if err != nil {
		return Month{}, fmt.Errorf("%q is not a month: %s", s, monthUsage)
	}
	return MonthOf(d), nil
}

// Year is a calendar year.
type Year int

// YearOf returns the year that holds d.
func YearOf(d Day) Year { return Year(d.Year()) }

// Span returns the days of the year.
func (y Year) Span() Span {
	return Span{From: NewDay(int(y), time.January, 1), To: NewDay(int(y), time.December, 31)}
}

// String returns the year as YYYY.
func (y Year) String() string { return fmt.Sprintf("%04d", int(y)) }

// ParseYear reads a YEAR as people write it on the command line: "this",
// "last", YYYY, or a DATE (the year that holds it). now fixes what this
// year is.
func ParseYear(s string, now time.Time) (Year, error) {
	this := YearOf(Today(now))
	word := strings.ToLower(strings.TrimSpace(s))
	switch word {
	case "this", "":
		return this, nil
	case "last":
		return this - 1, nil
	}
	if len(word) == 4 && strings.Trim(word, "0123456789") == "" {
		if y, err := strconv.Atoi(word); err == nil && y >= 1 {
			return Year(y), nil
		}
	}
	d, err := ParseDay(s, now)
	if err != nil {
		return 0, fmt.Errorf("%q is not a year: use this, last, YYYY (such as 2026) or a date", s)
	}
	return YearOf(d), nil
}
