package terminal

import (
	"io"
	"iter"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/reflect-cli/reflect/journal"
)

// Style colors text for a terminal; the zero Style leaves it plain. Build
// it with Color from Streams.Color, so that text is colored only on a
// terminal and never with NO_COLOR.
type Style struct {
	// Color turns the colors on.
	Color bool
	// Mark, when set, is text to pick out wherever it appears (log --grep).
	Mark string
}

// Wrap colors text with the SGR code (such as "1;36"); an empty text, or a
// Style without Color, is left as it is.
func (s Style) Wrap(code, text string) string {
	if !s.Color || text == "" {
		return text
	}
	return "\x1b[" + code + "m" + text + "\x1b[0m"
}

// Bold sets text in bold, with its marks picked out.
func (s Style) Bold(t string) string { return s.marked("1", t) }

// Dim sets text dimmed.
func (s Style) Dim(t string) string { return s.Wrap("2", t) }

// Title sets text as a heading: bold cyan.
func (s Style) Title(t string) string { return s.Wrap("1;36", t) }

// Plain leaves text as it is, with its marks picked out.
func (s Style) Plain(t string) string { return s.marked("", t) }

// marked colors text with code, and each stretch of it that matches s.Mark
// (in any case) in bold yellow.
func (s Style) marked(code, text string) string {
	if !s.Color || s.Mark == "" {
		if code == "" {
			return text
		}
		return s.Wrap(code, text)
	}
	var b strings.Builder
	for text != "" {
		i := journal.IndexFold(text, s.Mark)
		if i < 0 {
			break
		}
		end := i + len(s.Mark)
		if code != "" {
			b.WriteString(s.Wrap(code, text[:i]))
		} else {
			b.WriteString(text[:i])
		}
		b.WriteString(s.Wrap("1;33", text[i:end]))
		text = text[end:]
	}
	if code != "" {
		b.WriteString(s.Wrap(code, text))
	} else {
		b.WriteString(text)
	}
	return b.String()
}

// WrapText breaks text into lines of at most width runes, at spaces where
// it can, keeping the text's own line breaks.
func WrapText(text string, width int) []string {
	if width < 20 {
		width = 20
	}
	if fitsOneLine(text, width) {
		return []string{text}
	}
	return wrapWords(text, width)
}

// wrapWords is WrapText word by word, for a width of 20 or more. It wraps
// as joining the words of each line of text (strings.Fields) with single
// spaces would, cutting a word longer than a line; a line whose words are
// one space apart in text already is a part of text, not a copy.
func wrapWords(text string, width int) []string {
	var out []string
	var built []byte
	for para := range strings.SplitSeq(text, "\n") {
		if singleSpaced(para) {
			out = slices.AppendSeq(out, cutLines(para, width))
			continue
		}
		out, built = appendWrapped(out, built, para, width)
	}
	return out
}

// singleSpaced reports whether para is words of printable ASCII one space
// apart, with none at either end: as most paragraphs are.
func singleSpaced(para string) bool {
	return para != "" && strings.IndexByte(para, '\n') < 0 && singleSpacedLines(para)
}

// singleSpacedLines reports whether each line of text is empty or
// single-spaced: as most answers are. Such a text is the same made safe
// (journal.Visible).
func singleSpacedLines(text string) bool {
	prev, bad := uint8(byteNewline), uint8(0)
	for i := 0; i < len(text); i++ {
		kind := kindOfByte[text[i]]
		bad |= notAfter[prev][kind]
		prev = kind
	}
	return bad == 0 && prev != byteSpace
}

// The kinds of byte singleSpacedLines tells apart.
const (
	bytePrintable uint8 = iota // printable ASCII, not a space
	byteSpace
	byteNewline
	byteOther
)

// kindOfByte is the kind of each byte.
var kindOfByte = func() (kinds [256]uint8) {
	for c := range kinds {
		switch {
		case c == ' ':
			kinds[c] = byteSpace
		case c == '\n':
			kinds[c] = byteNewline
		case c < ' ' || c > '~':
			kinds[c] = byteOther
		}
	}
	return kinds
}()

// notAfter[a][b] is 1 where a byte of kind b may not follow one of kind a
// in a single-spaced text (the text begins as after a newline): a space
// after a space or at a line's start, a newline after a space, and
// anything but printable ASCII, spaces and newlines.
var notAfter = [4][4]uint8{
	bytePrintable: {byteOther: 1},
	byteSpace:     {byteSpace: 1, byteNewline: 1, byteOther: 1},
	byteNewline:   {byteSpace: 1, byteOther: 1},
	byteOther:     {1, 1, 1, 1},
}

// cutLines gives the lines of a single-spaced paragraph, each a part of
// it: cut at the last space that lets a line fit, or, in a word longer
// than a line, where the line is full.
func cutLines(para string, width int) iter.Seq[string] {
	return func(yield func(string) bool) {
		for len(para) > width {
			line := para[:width]
			if cut := strings.LastIndexByte(para[:width+1], ' '); cut >= 0 {
				line, para = para[:cut], para[cut+1:]
			} else {
				para = para[width:]
			}
			if !yield(line) {
				return
			}
		}
		yield(para)
	}
}

// appendWrapped appends the lines of one paragraph to out. built is a
// buffer to make a line in, returned for the next.
func appendWrapped(out []string, built []byte, para string, width int) ([]string, []byte) {
	// The line so far: para[from:to] while its words are one space apart
	// there, or built once they are not. runes is its length in characters,
	// and empty says it has no word yet.
	from, to, runes, empty, inBuilt := 0, 0, 0, true, false
	end := func() {
		if inBuilt {
			out = append(out, string(built))
		} else {
			out = append(out, para[from:to])
		}
		runes, empty, inBuilt = 0, true, false
	}
	words := 0
	for i := 0; ; {
		start := i // the word: the next run of characters that are not spaces
		for start < len(para) {
			space, size := spaceAt(para, start)
			if !space {
				break
			}
			start += size
		}
		if start == len(para) {
			break
		}
		stop, n := start, 0
		for stop < len(para) {
			space, size := spaceAt(para, stop)
			if space {
				break
			}
			stop += size
			n++
		}
		word := para[start:stop]
		i, words = stop, words+1
		// A word longer than a line is cut; its length is counted once,
		// so that a long one (a pasted blob) costs what it holds.
		for ; n > width; n -= width {
			if !empty {
				end()
			}
			cut := byteIndexOfRune(word, width)
			out = append(out, word[:cut])
			word = word[cut:]
			start += cut
		}
		switch {
		case empty:
			from, to, runes, empty = start, stop, n, false
		case runes+1+n <= width && !inBuilt && para[to:start] == " ":
			to, runes = stop, runes+1+n
		case runes+1+n <= width:
			if !inBuilt {
				built, inBuilt = append(built[:0], para[from:to]...), true
			}
			built = append(append(built, ' '), word...)
			runes += 1 + n
		default:
			end()
			from, to, runes, empty = start, stop, n, false
		}
	}
	if words == 0 {
		return append(out, ""), built
	}
	if !empty {
		end()
	}
	return out, built
}

// spaceAt reports whether the character at s[i] is a space, as
// strings.Fields sees one, and its length in bytes.
func spaceAt(s string, i int) (space bool, size int) {
	if c := s[i]; c < utf8.RuneSelf {
		return c == ' ' || c >= '\t' && c <= '\r', 1
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r), size
}

// WriteHanging writes prefix and then text wrapped to width, with every
// line after the first indented as far as the prefix reaches. The text is
// made safe for the terminal (journal.Visible); the prefix must be already.
func WriteHanging(w io.Writer, prefix, text string, width int, st Style) {
	writeLines(w, prefix, text, width, st.Plain)
}

// writeLines is WriteHanging, each line of the text styled by style.
func writeLines(w io.Writer, prefix, text string, width int, style func(string) string) {
	pad := strings.Repeat(" ", utf8.RuneCountInString(prefix))
	write := func(first bool, line string) {
		// Written piece by piece: a long answer is many lines, and a
		// search shows hundreds of answers.
		if first {
			io.WriteString(w, prefix)
		} else {
			io.WriteString(w, pad)
		}
		io.WriteString(w, style(line))
		io.WriteString(w, "\n")
	}
	if text == "" || !singleSpacedLines(text) {
		for i, line := range WrapText(journal.Visible(text), width-len(pad)) {
			write(i == 0, line)
		}
		return
	}
	// Nothing to make safe, and nothing to wrap but cuts at spaces.
	width, first := max(width-len(pad), 20), true
	for para := range strings.SplitSeq(text, "\n") {
		for line := range cutLines(para, width) {
			write(first, line)
			first = false
		}
	}
}

// fitsOneLine reports whether WrapText would give text back whole, as one
// line: no longer than width characters, with single spaces between its
// words and none at either end. Most lessons, answers and questions are.
func fitsOneLine(text string, width int) bool {
	if len(text) <= width && singleSpaced(text) {
		return true // printable ASCII, as most are: told in one pass
	}
	if text == "" || len(text) > width*utf8.UTFMax || text[0] == ' ' || text[len(text)-1] == ' ' || strings.Contains(text, "  ") {
		return false
	}
	runes := 0
	for i := 0; i < len(text) && runes <= width; runes++ {
		c := text[i]
		if c < utf8.RuneSelf {
			if c < ' ' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			return false
		}
		i += size
	}
	return runes <= width
}

// byteIndexOfRune returns the byte offset of the n-th rune of s.
func byteIndexOfRune(s string, n int) int {
	i := 0
	for k := range s {
		if i == n {
			return k
		}
		i++
	}
	return len(s)
}
