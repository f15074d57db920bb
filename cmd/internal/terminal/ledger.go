package terminal

// The lessons command's page: the ledger of lessons.

import (
	"bufio"
	"fmt"
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
	for _, g := range ledger {
		fmt.Fprintln(w)
		count := fmt.Sprintf("×%-3d", g.Count) // the count, in a column of its own
		if g.Count > 1 {
			count = st.Bold(count)
		}
		for i, line := range WrapText(journal.Visible(g.Lesson), width-5) {
			prefix := "     "
			if i == 0 {
				prefix = count + " "
			}
			fmt.Fprintln(w, prefix+st.Bold(line))
		}
		for _, o := range g.Occurrences {
			date := o.Date.Format("Mon 2 Jan 2006")
			setback := firstLine(o.Setback, width-8-len(date)-3)
			if setback != "" {
				setback = " · " + setback
			}
			fmt.Fprintln(w, "     "+st.Dim(date)+st.Plain(setback))
		}
		if r := g.StillTrue; r != nil {
			verdict := "Still true"
			if r.Answer != "yes" {
				verdict = "No longer true"
			}
			fmt.Fprintln(w, "     "+st.Dim(fmt.Sprintf("%s, you said on %s.", verdict, r.Date.Format("Mon 2 Jan 2006"))))
		}
	}
}

// firstLine is the first line of text, cut to width runes with an
// ellipsis, and safe to print.
func firstLine(text string, width int) string {
	line, _, more := strings.Cut(strings.TrimSpace(text), "\n")
	line = journal.Visible(line)
	width = max(width, 10)
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
