package journal

import (
	"fmt"
	"strings"
	"time"
)

// The few words that the use cases and the commands put together the same
// way everywhere.

// DayName is "Friday 20 November", with the year when it is not the year
// of now.
func DayName(d Day, now time.Time) string {
	if d.Year() == now.Year() {
		return d.Format("Monday 2 January")
	}
	return d.Long()
}

// Plural is "1 answer", "3 answers" or "2 entries".
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "y") && !strings.ContainsAny(noun[len(noun)-2:len(noun)-1], "aeiou") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(noun, "y"))
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// PluralVerb is "answer is" or "3 answers are".
func PluralVerb(n int, noun string) string {
	if n == 1 {
		return noun + " is"
	}
	return fmt.Sprintf("%d %ss are", n, noun)
}

// OneLine joins the lines of s with spaces.
func OneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
