package terminal

// The lessons command's page: the ledger of lessons.

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/reflect-cli/reflect/journal"
)

// RenderLedger writes one block per lesson: its count and text, then each
// day it was drawn with its setback on one line, then whether it still holds.
func RenderLedger(w *bufio.Writer, ledger journal.Ledger, st Style, width int) {
	drawn := 0
	for _, g := range ledger {
		drawn += g.Count
	}
	fmt.Fprintln(w, st.Dim(fmt.Sprintf("%s drawn, %d different.", journal.Plural(drawn, "lesson"), len(ledger))))
	// A ledger may hold tens of thousands of lessons: each is written
	// piece by piece, without fmt.
	var date []byte
	for _, g := range ledger {
		w.WriteByte('\n')
		count := fmt.Sprintf("×%-3d", g.Count) // the count, in a column of its own
		if g.Count > 1 {
			count = st.Bold(count)
		}
		for i, line := range WrapText(journal.Visible(g.Lesson), width-5) {
			if i == 0 {
				w.WriteString(count)
				w.WriteByte(' ')
			} else {
				w.WriteString("     ")
			}
			w.WriteString(st.Bold(line))
			w.WriteByte('\n')
		}
		for _, o := range g.Occurrences {
			date = appendShortDate(date[:0], o.Date)
			w.WriteString("     ")
			w.WriteString(st.Dim(string(date)))
			if setback := firstLine(o.Setback, width-8-len(date)-3); setback != "" {
				w.WriteString(st.Plain(" · " + setback))
			}
			w.WriteByte('\n')
		}
		if r := g.StillTrue; r != nil {
			verdict := "Still true"
			if r.Answer != "yes" {
				verdict = "No longer true"
			}
			fmt.Fprintln(w, "     "+st.Dim(fmt.Sprintf("%s, you said on %s.", verdict, appendShortDate(nil, r.Date))))
		}
	}
}

var (
	weekdayNames = [...]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
	monthNames   = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
)

// appendShortDate appends a day as d.Format("Mon 2 Jan 2006") writes it,
// some ten times faster.
func appendShortDate(b []byte, d journal.Day) []byte {
	year, month, day := d.Date()
	b = append(b, weekdayNames[d.Weekday()]...)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(day), 10)
	b = append(b, ' ')
	b = append(b, monthNames[month-1]...)
	b = append(b, ' ')
	for pad := 1000; pad > 1 && year < pad; pad /= 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(year), 10)
}

// SetbackRunes is more than RenderLedger shows of a setback's first line
// at width: what a ledger for the page need keep of it
// (journal.LedgerBuilder.ShortenSetbacks).
func SetbackRunes(width int) int { return max(width, 10) + 2 }

// firstLine is the first line of text, cut to width runes with an
// ellipsis, and safe to print.
func firstLine(text string, width int) string {
	line, _, more := strings.Cut(strings.TrimSpace(text), "\n")
	width = max(width, 10)
	// No more than fits, and one character to say there is more, is made
	// visible: a character never shows as fewer than itself.
	if at := byteIndexOfRune(line, width+1); at < len(line) {
		line = line[:at]
	}
	return cutToWidth(journal.Visible(line), width, more)
}

// cutToWidth cuts a visible line to width runes, its last an ellipsis when
// it is longer, or ends it with " …" when more lines follow.
func cutToWidth(line string, width int, more bool) string {
	n := 0
	for i := range line {
		if n == width-1 {
			if utf8.RuneCountInString(line[i:]) > 1 { // more than fits
				return line[:i] + "…"
			}
			break
		}
		n++
	}
	if more {
		return line + " …"
	}
	return line
}
