package journal

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DayLayout is how a Day is written in keys, flags and JSON.
const DayLayout = "2006-01-02"

// DayStartsAt is the hour before which "today" still means the day before:
// an evening's reflection may run past midnight.
const DayStartsAt = 4

// Day is a calendar date with no time of day and no time zone.
type Day struct {
	t time.Time // midnight UTC of the date
}

// NewDay returns the Day of a year, month and day of month.
func NewDay(year int, month time.Month, day int) Day {
	return Day{time.Date(year, month, day, 0, 0, 0, 0, time.UTC)}
}

// DayOf returns the calendar date of t in t's own location.
func DayOf(t time.Time) Day {
	return NewDay(t.Year(), t.Month(), t.Day())
}

// DayOfUnix returns the day a number of days after 1970-01-01 (before it,
// when negative): Day.UnixDays the other way.
func DayOfUnix(days int64) Day { return Day{time.Unix(days*secondsPerDay, 0).UTC()} }

// UnixDays is the number of days from 1970-01-01 to d.
func (d Day) UnixDays() int64 { return d.t.Unix() / secondsPerDay }

// Today returns the day an evening at now belongs to: before DayStartsAt
// in the morning it is still the day before.
func Today(now time.Time) Day {
	if now.Hour() < DayStartsAt {
		return DayOf(now).AddDays(-1)
	}
	return DayOf(now)
}

// String returns the date as YYYY-MM-DD.
func (d Day) String() string { return d.t.Format(DayLayout) }

// Long returns the date for people, such as "Friday 20 November 2026".
func (d Day) Long() string {
	// As d.t.Format("Monday 2 January 2006") writes it, without the cost of
	// Format: a search shows a date for each day it finds.
	year, month, day, weekday := d.Civil()
	y := strconv.Itoa(year)
	if len(y) < 4 {
		y = strings.Repeat("0", 4-len(y)) + y
	}
	return weekday.String() + " " + strconv.Itoa(day) + " " + month.String() + " " + y
}

// Format writes the date with a time.Time layout.
func (d Day) Format(layout string) string { return d.t.Format(layout) }

// Weekday returns the day of the week.
func (d Day) Weekday() time.Weekday { return d.t.Weekday() }

// Date returns the year, month and day of the month.
func (d Day) Date() (year int, month time.Month, day int) { return d.t.Date() }

// Year returns the year of the date.
func (d Day) Year() int { return d.t.Year() }

// AddDays returns the date n days after d (before it, for negative n).
func (d Day) AddDays(n int) Day { return Day{d.t.AddDate(0, 0, n)} }

// Before reports whether d comes before e.
func (d Day) Before(e Day) bool { return d.t.Before(e.t) }

// After reports whether d comes after e.
func (d Day) After(e Day) bool { return d.t.After(e.t) }

// MarshalText writes the date as YYYY-MM-DD.
func (d Day) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads a date written as YYYY-MM-DD.
func (d *Day) UnmarshalText(b []byte) error {
	if day, ok := parseDigits(b); ok {
		*d = day
		return nil
	}
	t, err := time.Parse(DayLayout, string(b))
	if err != nil {
		return fmt.Errorf("date %q is not of the form YYYY-MM-DD", b)
	}
	*d = Day{t}
	return nil
}

// parseDigits reads a YYYY-MM-DD date of a real day, as time.Parse does
// with DayLayout but some ten times faster: the journal reads one for each
// day it walks. ok is false for anything else, which time.Parse then reads
// (and refuses).
func parseDigits(b []byte) (d Day, ok bool) {
	if len(b) != len(DayLayout) || b[4] != '-' || b[7] != '-' {
		return d, false
	}
	number := func(b []byte) int {
		n := 0
		for _, c := range b {
			if c < '0' || c > '9' {
				return -1
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	year, month, day := number(b[:4]), number(b[5:7]), number(b[8:])
	if year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(time.Month(month), year) {
		return d, false
	}
	return DayOfUnix(civilDays(year, month, day)), true
}

const secondsPerDay = 24 * 60 * 60

// Civil returns the year, month, day of the month and weekday of d, as
// Date and Weekday do, worked out from its number of days (Howard
// Hinnant's civil_from_days): a page of a hundred years of dates asks for
// tens of thousands.
func (d Day) Civil() (year int, month time.Month, day int, weekday time.Weekday) {
	z := d.UnixDays() + 719468
	era := z / 146097
	if z < 0 {
		era = (z - 146096) / 146097
	}
	dayOfEra := z - era*146097
	yearOfEra := (dayOfEra - dayOfEra/1460 + dayOfEra/36524 - dayOfEra/146096) / 365
	dayOfYear := dayOfEra - (365*yearOfEra + yearOfEra/4 - yearOfEra/100)
	mp := (5*dayOfYear + 2) / 153
	day = int(dayOfYear - (153*mp+2)/5 + 1)
	month = time.Month(mp + 3)
	if mp >= 10 {
		month = time.Month(mp - 9)
	}
	year = int(yearOfEra + era*400)
	if month <= 2 {
		year++
	}
	// 1970-01-01 was a Thursday.
	weekday = time.Weekday(((d.UnixDays()+4)%7 + 7) % 7)
	return year, month, day, weekday
}

// civilDays is the number of days from 1970-01-01 to a date of the
// proleptic Gregorian calendar (Howard Hinnant's days_from_civil): the
// same day as NewDay's, without the cost of time.Date.
func civilDays(year, month, day int) int64 {
	if month <= 2 {
		year--
	}
	era := year / 400
	if year < 0 {
		era = (year - 399) / 400
	}
	yearOfEra := year - era*400
	dayOfYear := (153*((month+9)%12)+2)/5 + day - 1
	dayOfEra := yearOfEra*365 + yearOfEra/4 - yearOfEra/100 + dayOfYear
	return int64(era)*146097 + int64(dayOfEra) - 719468
}

// daysIn is the number of days in a month of a year.
func daysIn(m time.Month, year int) int {
	switch {
	case m == time.February && year%4 == 0 && (year%100 != 0 || year%400 == 0):
		return 29
	case m == time.February:
		return 28
	case m == time.April || m == time.June || m == time.September || m == time.November:
		return 30
	}
	return 31
}

// ParseDay reads a DATE as people write it on the command line: YYYY-MM-DD,
// "today", "yesterday", or a weekday name ("friday" or "fri"), which means its
// most recent occurrence, today included. now fixes what today is.
func ParseDay(s string, now time.Time) (Day, error) {
	today := Today(now)
	word := strings.ToLower(strings.TrimSpace(s))
	switch word {
	case "today":
		return today, nil
	case "yesterday":
		return today.AddDays(-1), nil
	}
	if n, ok := daysAgo(word); ok {
		return today.AddDays(-n), nil
	}
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		name := strings.ToLower(wd.String())
		if word == name || (len(word) >= 3 && strings.HasPrefix(name, word)) {
			back := (int(today.Weekday()) - int(wd) + 7) % 7
			return today.AddDays(-back), nil
		}
	}
	var d Day
	if err := d.UnmarshalText([]byte(s)); err != nil {
		return Day{}, fmt.Errorf("%q is not a date: use YYYY-MM-DD, today, yesterday, a weekday, N days ago or -Nd", s)
	}
	return d, nil
}

// maxDaysAgo bounds "N days ago": further back than a lifetime's journal is
// a mistake, not a date.
const maxDaysAgo = 100 * 366

// daysAgo reads "N days ago" (also "1 day ago") and "-Nd" as people say
// them, N from 0 to maxDaysAgo.
func daysAgo(word string) (int, bool) {
	var digits string
	if rest, ok := strings.CutPrefix(word, "-"); ok && strings.HasSuffix(rest, "d") {
		digits = strings.TrimSuffix(rest, "d")
	} else if fields := strings.Fields(word); len(fields) == 3 && (fields[1] == "days" || fields[1] == "day") && fields[2] == "ago" {
		digits = fields[0]
	} else {
		return 0, false
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n < 0 || n > maxDaysAgo || digits != strconv.Itoa(n) {
		return 0, false
	}
	return n, true
}
