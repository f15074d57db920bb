package terminal

import (
	"strings"
	"testing"
	"time"

	"github.com/reflect-cli/reflect/journal"
)

// The ledger writes tens of thousands of lines through quick paths; these
// tests hold each to what the long way gives.

// TestShortDatesAsTimeWritesThem writes every day of several years, and
// years of one to four digits, as time.Format does.
func TestShortDatesAsTimeWritesThem(t *testing.T) {
	var days []journal.Day
	for d := journal.NewDay(2023, 1, 1); d.Before(journal.NewDay(2027, 1, 1)); d = d.AddDays(1) {
		days = append(days, d)
	}
	for _, y := range []int{1, 9, 10, 99, 100, 999, 1000, 9999} {
		days = append(days, journal.NewDay(y, time.March, 7))
	}
	for _, d := range days {
		if got, want := string(appendShortDate(nil, d)), d.Format("Mon 2 Jan 2006"); got != want {
			t.Fatalf("%s: %q, want %q", d, got, want)
		}
	}
}

// TestWrapTextWholeLines gives WrapText lines that may or may not come back
// whole: every ASCII byte at the start, inside and at the end, and lengths
// about the width. Each gives what wrapping it word by word gives.
func TestWrapTextWholeLines(t *testing.T) {
	var texts []string
	for c := range 0x80 {
		ch := string(rune(c))
		texts = append(texts, ch, ch+"ask early"+ch, "ask"+ch+"early", "ask"+ch+ch+"early")
	}
	for n := 15; n <= 45; n++ {
		texts = append(texts, strings.Repeat("word ", n)[:n], strings.Repeat("x", n), "é"+strings.Repeat("a", n))
	}
	for _, text := range texts {
		for _, width := range []int{10, 20, 30, 40} {
			got := WrapText(text, width)
			want := wrapWords(text, max(width, 20))
			if strings.Join(got, "\n") != strings.Join(want, "\n") || len(got) != len(want) {
				t.Fatalf("WrapText(%q, %d) = %q, want %q", text, width, got, want)
			}
		}
	}
}

// TestFirstLineOfLongText: cutting a setback before making it visible
// gives what making all of it visible and then cutting gives.
func TestFirstLineOfLongText(t *testing.T) {
	long := func(text string, width int) string { // the whole line made visible, then cut
		line, _, more := strings.Cut(strings.TrimSpace(text), "\n")
		return cutToWidth(journal.Visible(line), max(width, 10), more)
	}
	for _, text := range []string{"", "short", strings.Repeat("a\x1bb", 40), strings.Repeat("é\u202e", 30), "  two\nlines  ", strings.Repeat("x", 29), strings.Repeat("x", 30), strings.Repeat("x", 31), "\xff\xfe" + strings.Repeat("y", 40)} {
		for width := 5; width <= 40; width++ {
			if got, want := firstLine(text, width), long(text, width); got != want {
				t.Fatalf("firstLine(%q, %d) = %q, want %q", text, width, got, want)
			}
		}
	}
}
