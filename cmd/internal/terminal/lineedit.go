package terminal

// This file lays text out on a terminal and edits one line of an answer on
// it, knowing at every moment on which row and column each character is
// drawn. A terminal wraps a line that is wider than itself onto the next
// rows; whatever redraws text must start where that text was drawn, or it
// leaves half of it behind, or wipes out the line above it.

import (
	"fmt"
	"io"
	"strings"
	"unicode"

	"golang.org/x/text/width"

	"github.com/reflect-cli/reflect/journal"
)

// noWidth is the width taken when the terminal does not tell its own: wide
// enough that nothing wraps.
const noWidth = 1 << 20

// cells returns how many columns r takes on a terminal.
func cells(r rune) int {
	switch {
	case unicode.In(r, unicode.Mn, unicode.Me) || r == '\u200c' || r == '\u200d':
		return 0
	case width.LookupRune(r).Kind() == width.EastAsianWide || width.LookupRune(r).Kind() == width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// fold breaks text (made safe for the terminal: see journal.Visible) into
// rows that fit a terminal cols columns wide, between words where it can.
// The first row starts at column at, the others at column 0; text's own
// line breaks stay. It returns the text with its breaks as newlines and the
// column where it ends. Rows keep the last column free, so that the cursor
// never waits past the edge of the terminal.
func fold(text string, at, cols int) (string, int) {
	if cols <= 0 {
		cols = noWidth
	}
	limit := max(cols-1, 8)
	var b strings.Builder
	col := at
	for i, para := range strings.Split(strings.ReplaceAll(text, "\t", " "), "\n") {
		if i > 0 {
			b.WriteByte('\n')
			col = 0
		}
		for j, word := range strings.Split(para, " ") {
			w := textCells(word)
			switch {
			case j == 0:
			case col+1+w <= limit:
				b.WriteByte(' ')
				col++
			default:
				b.WriteByte('\n')
				col = 0
			}
			if col > 0 && col+w > limit { // the first word does not fit after at
				b.WriteByte('\n')
				col = 0
			}
			for _, r := range word { // a word wider than a row is cut
				if c := cells(r); col+c > limit {
					b.WriteByte('\n')
					col = c
				} else {
					col += c
				}
				b.WriteRune(r)
			}
		}
	}
	return b.String(), col
}

// textCells returns how many columns s takes on a terminal.
func textCells(s string) int {
	n := 0
	for _, r := range s {
		n += cells(r)
	}
	return n
}

// spot is a place on the screen: a row, counted from the row an edited line
// starts on, and a column.
type spot struct{ row, col int }

// editKey is what a key does in a line being edited.
type editKey int

const (
	keyNone      editKey = iota // nothing, in a line
	keyInsert                   // types its rune
	keyEnter                    // ends the line
	keyBackspace                // deletes the rune before the cursor
	keyDelete                   // deletes the rune under the cursor
	keyLeft
	keyRight
	keyHome
	keyEnd
)

// lineEditor reads one line of text from the keyboard on a terminal cols
// columns wide, echoing it, with the cursor keys, Home, End, Backspace and
// Delete to change it. Text that would act on the terminal (an escape
// sequence, a bidirectional control) is shown as journal.Visible shows it.
type lineEditor struct {
	out   io.Writer
	cols  int
	start int // the column the line starts at
	line  []rune
	pos   int  // the cursor, as an index into line
	at    spot // the terminal's cursor
}

func newLineEditor(out io.Writer, cols, start int) *lineEditor {
	if cols <= 0 {
		cols = noWidth
	}
	return &lineEditor{out: out, cols: cols, start: start, at: spot{0, start}}
}

// glyph returns how r is shown.
func glyph(r rune) string {
	if journal.Hidden(r) {
		return journal.Visible(string(r))
	}
	return string(r)
}

// advance returns where the cursor is after r is drawn at s: the terminal
// moves a character that does not fit on a row to the next one.
func (e *lineEditor) advance(s spot, r rune) spot {
	g := glyph(r)
	if g != string(r) { // an escape: one column a byte
		for range len(g) {
			s = e.step(s, 1)
		}
		return s
	}
	return e.step(s, cells(r))
}

func (e *lineEditor) step(s spot, w int) spot {
	if s.col+w > e.cols {
		s = spot{s.row + 1, 0}
	}
	s.col += w
	return s
}

// spotOf returns where the cursor stands when it is before line[i].
func (e *lineEditor) spotOf(i int) spot {
	s := spot{0, e.start}
	for _, r := range e.line[:i] {
		s = e.advance(s, r)
	}
	next := 1
	if i < len(e.line) {
		next = max(cells(e.line[i]), 1)
	}
	if s.col+next > e.cols {
		s = spot{s.row + 1, 0}
	}
	return s
}

// moveTo moves the terminal's cursor to s.
func (e *lineEditor) moveTo(s spot) {
	switch {
	case s.row < e.at.row:
		fmt.Fprintf(e.out, "\x1b[%dA", e.at.row-s.row)
	case s.row > e.at.row:
		fmt.Fprintf(e.out, "\x1b[%dB", s.row-e.at.row)
	}
	io.WriteString(e.out, "\r")
	if s.col > 0 {
		fmt.Fprintf(e.out, "\x1b[%dC", s.col)
	}
	e.at = s
}

// settle moves the cursor to the next row when it has just filled one: the
// terminal would otherwise keep it at the edge until the next character.
func (e *lineEditor) settle() {
	if e.at.col >= e.cols {
		io.WriteString(e.out, "\r\n")
		e.at = spot{e.at.row + 1, 0}
	}
}

// redraw draws the line again from line[i] on, then puts the cursor back.
func (e *lineEditor) redraw(i int) {
	i = max(i-1, 0) // from the character before, in case a wide one moved
	e.moveTo(e.spotOf(i))
	io.WriteString(e.out, "\x1b[J")
	for _, r := range e.line[i:] {
		io.WriteString(e.out, glyph(r))
		e.at = e.advance(e.at, r)
	}
	e.settle()
	e.moveTo(e.spotOf(e.pos))
}

// read reads keys with next until Enter and returns the line. When next
// fails (Ctrl-C, the input ending), the line so far comes back with the
// error, and the cursor is left on a new row below it.
func (e *lineEditor) read(next func() (rune, editKey, error)) (string, error) {
	for {
		r, key, err := next()
		if err != nil {
			e.moveTo(e.spotOf(len(e.line)))
			io.WriteString(e.out, "\r\n")
			e.at = spot{e.at.row + 1, 0}
			return string(e.line), err
		}
		switch key {
		case keyEnter:
			e.moveTo(e.spotOf(len(e.line)))
			return string(e.line), nil
		case keyInsert:
			e.line = append(e.line[:e.pos], append([]rune{r}, e.line[e.pos:]...)...)
			e.pos++
			if e.pos < len(e.line) {
				e.redraw(e.pos - 1)
				continue
			}
			io.WriteString(e.out, glyph(r))
			e.at = e.advance(e.at, r)
			e.settle()
		case keyBackspace:
			if e.pos > 0 {
				e.line = append(e.line[:e.pos-1], e.line[e.pos:]...)
				e.pos--
				e.redraw(e.pos)
			}
		case keyDelete:
			if e.pos < len(e.line) {
				e.line = append(e.line[:e.pos], e.line[e.pos+1:]...)
				e.redraw(e.pos)
			}
		case keyLeft:
			e.pos = max(e.pos-1, 0)
			e.moveTo(e.spotOf(e.pos))
		case keyRight:
			e.pos = min(e.pos+1, len(e.line))
			e.moveTo(e.spotOf(e.pos))
		case keyHome:
			e.pos = 0
			e.moveTo(e.spotOf(e.pos))
		case keyEnd:
			e.pos = len(e.line)
			e.moveTo(e.spotOf(e.pos))
		}
	}
}

// clearFrom moves the cursor to s and clears the screen from there down,
// for what is drawn in place of the line.
func (e *lineEditor) clearFrom(s spot) {
	e.moveTo(s)
	io.WriteString(e.out, "\x1b[J")
}

// preset puts text in the line, ready to edit, with the cursor at its end:
// an answer that was cut short, reopened.
func (e *lineEditor) preset(text []rune) {
	if len(text) == 0 {
		return
	}
	e.line = append(e.line[:0], text...)
	e.pos = len(e.line)
	e.redraw(0)
}

// hintAfter returns a hint to show after text that ends at column end: on
// the same row after sep when it fits, else on rows of its own, folded
// between words.
func hintAfter(end int, sep, hint string, cols int) string {
	if cols <= 0 || end+textCells(sep+hint) < cols {
		return sep + hint
	}
	folded, _ := fold(hint, 0, cols)
	return "\n" + folded
}
