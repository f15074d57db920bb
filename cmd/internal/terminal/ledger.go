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

// RenderLedger writes the ledger's page: how many lessons there are, then
// one block per lesson (LedgerPage.Group).
func RenderLedger(w *bufio.Writer, ledger journal.Ledger, st Style, width int) {
	drawn := 0
	for _, g := range ledger {
		drawn += g.Count
	}
	page := NewLedgerPage(w, st, width)
	page.Header(drawn, len(ledger))
	for _, g := range ledger {
		page.Group(g)
	}
}

// LedgerPage writes the ledger's page a part at a time, for a ledger read
// a group at a time (journal.KeptLedger).
type LedgerPage struct {
	w     *bufio.Writer
	st    Style
	width int
	date  []byte // a buffer for the dates
	buf   []byte // and one for the counts
}

// NewLedgerPage returns a page that writes to w.
func NewLedgerPage(w *bufio.Writer, st Style, width int) *LedgerPage {
	return &LedgerPage{w: w, st: st, width: width}
}

// Header writes how many lessons were drawn, and how many differ.
func (p *LedgerPage) Header(drawn, different int) {
	fmt.Fprintln(p.w, p.st.Dim(fmt.Sprintf("%s drawn, %d different.", journal.Plural(drawn, "lesson"), different)))
}

// Group writes one lesson's block: its count and text, then each day it
// was drawn with its setback on one line, then whether it still holds. A
// ledger may hold tens of thousands of lessons: each is written piece by
// piece, without fmt, and without a string made for what is written as
// it is.
func (p *LedgerPage) Group(g journal.LessonGroup) {
	w, st, width := p.w, p.st, p.width
	w.WriteByte('\n')
	// The count, in a column of its own: "×" and the number, left
	// aligned in three.
	p.buf = strconv.AppendInt(append(p.buf[:0], "×"...), int64(g.Count), 10)
	for len(p.buf) < len("×")+3 {
		p.buf = append(p.buf, ' ')
	}
	lesson, fits := g.Lesson, false
	if singleSpaced(lesson) { // the same made safe, and on one line if it fits
		fits = len(lesson) <= max(width-5, 20)
	} else {
		lesson = journal.Visible(lesson)
		fits = fitsOneLine(lesson, max(width-5, 20))
	}
	if fits && st.Mark == "" {
		p.styled(codeIf(g.Count > 1, "1"), p.buf)
		w.WriteByte(' ')
		w.WriteString(st.Wrap("1", lesson)) // as Bold, with no marks to pick out
		w.WriteByte('\n')
	} else {
		count := string(p.buf)
		if g.Count > 1 {
			count = st.Bold(count)
		}
		for i, line := range WrapText(lesson, width-5) {
			if i == 0 {
				w.WriteString(count)
				w.WriteByte(' ')
			} else {
				w.WriteString("     ")
			}
			w.WriteString(st.Bold(line))
			w.WriteByte('\n')
		}
	}
	for _, o := range g.Occurrences {
		p.date = appendShortDate(p.date[:0], o.Date)
		w.WriteString("     ")
		p.styled("2", p.date)
		switch line, end := firstLineParts(o.Setback, width-8-len(p.date)-3); {
		case line == "" && end == "":
		case st.Mark == "":
			w.WriteString(" · ")
			w.WriteString(line)
			w.WriteString(end)
		default:
			w.WriteString(st.Plain(" · " + line + end))
		}
		w.WriteByte('\n')
	}
	if r := g.StillTrue; r != nil {
		verdict := "Still true"
		if r.Answer != "yes" {
			verdict = "No longer true"
		}
		p.buf = appendShortDate(append(append(p.buf[:0], verdict...), ", you said on "...), r.Date)
		w.WriteString("     ")
		p.styled("2", append(p.buf, '.'))
		w.WriteByte('\n')
	}
}

// styled writes text as Style.Wrap(code, text) gives it: colored, unless
// the page is not or code is "".
func (p *LedgerPage) styled(code string, text []byte) {
	if !p.st.Color || code == "" || len(text) == 0 {
		p.w.Write(text)
		return
	}
	p.w.WriteString("\x1b[" + code + "m")
	p.w.Write(text)
	p.w.WriteString("\x1b[0m")
}

// codeIf is code when cond holds, else "".
func codeIf(cond bool, code string) string {
	if cond {
		return code
	}
	return ""
}

var (
	weekdayNames = [...]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
	monthNames   = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
)

// appendShortDate appends a day as d.Format("Mon 2 Jan 2006") writes it,
// some ten times faster.
func appendShortDate(b []byte, d journal.Day) []byte {
	year, month, day, weekday := d.Civil()
	b = append(b, weekdayNames[weekday]...)
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
	line, end := firstLineParts(text, width)
	return line + end
}

// firstLineParts is firstLine in two parts, so that neither need be made
// anew: the line, as much of it as fits, and what ends it ("…" when it
// was cut, " …" when more lines follow, or nothing).
func firstLineParts(text string, width int) (line, end string) {
	line, _, more := strings.Cut(strings.TrimSpace(text), "\n")
	width = max(width, 10)
	if printableASCII(line[:min(len(line), width+1)]) { // a character a byte
		switch {
		case len(line) > width:
			return line[:width-1], "…"
		case more:
			return line, " …"
		}
		return line, ""
	}
	// No more than fits, and one character to say there is more, is made
	// visible: a character never shows as fewer than itself.
	if at := byteIndexOfRune(line, width+1); at < len(line) {
		line = line[:at]
	}
	return cutToWidth(journal.Visible(line), width, more)
}

// printableASCII reports whether s is printable ASCII alone.
func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i]-' ' > '~'-' ' {
			return false
		}
	}
	return true
}

// cutToWidth cuts a visible line to width runes, its last an ellipsis when
// it is longer, or ends it with " …" when more lines follow; in two parts,
// as firstLineParts.
func cutToWidth(line string, width int, more bool) (string, string) {
	n := 0
	for i := range line {
		if n == width-1 {
			if utf8.RuneCountInString(line[i:]) > 1 { // more than fits
				return line[:i], "…"
			}
			break
		}
		n++
	}
	if more {
		return line, " …"
	}
	return line, ""
}
