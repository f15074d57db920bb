package journal

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Visible makes a person's text safe to print on a terminal or in a
// document. What would act on the terminal instead of showing is shown as a
// visible escape: control characters (C0, DEL and C1, so every escape
// sequence loses its ESC or CSI: \x1b, \x9b), Unicode's bidirectional
// controls and the other invisible format characters that can reorder or
// hide text (\u202e), and bytes that are not UTF-8 (\xff). Newlines and tabs
// stay.
func Visible(s string) string { return visible(s, false) }

// MaxLine is about how many characters VisibleLine keeps.
const MaxLine = 300

// VisibleLine is Visible for one line, such as an error message: newlines
// and tabs are escaped too (\n, \t), and a text longer than MaxLine
// characters is cut to fit, ending in "…".
func VisibleLine(s string) string { return visible(s, true) }

// Hidden reports whether r must not reach a terminal as it is: a control
// character (newline and tab among them), a line or paragraph separator, or
// an invisible format character that can reorder or hide text. The zero
// width joiner and non-joiner are left alone: emoji and many scripts need
// them, and they only join what is next to them.
func Hidden(r rune) bool {
	switch {
	case r >= 0x20 && r < 0x7f:
		return false
	case r == '\u200c' || r == '\u200d':
		return false
	}
	return unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp)
}

func visible(s string, line bool) string {
	if !needsEscape(s, line) {
		return s
	}
	var b strings.Builder
	// written counts the characters written; cut is b's length when there
	// was still room for the ellipsis.
	written, cut := 0, 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		start := b.Len()
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n' && line:
			b.WriteString(`\n`)
		case r == '\t' && line:
			b.WriteString(`\t`)
		case r == '\n' || r == '\t' || !Hidden(r):
			b.WriteString(s[i : i+size])
			start = b.Len() - 1 // one character
		case unicode.IsControl(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case r > 0xffff:
			fmt.Fprintf(&b, `\U%08x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
		i += size
		if !line {
			continue
		}
		written += b.Len() - start // escapes are ASCII: a byte a character
		if written > MaxLine {
			return b.String()[:cut] + "…"
		}
		if written < MaxLine {
			cut = b.Len()
		}
	}
	return b.String()
}

// needsEscape reports whether visible would change s.
func needsEscape(s string, line bool) bool {
	if line && len(s) > MaxLine {
		return true
	}
	for i := 0; i < len(s); {
		if c := s[i]; c >= 0x20 && c < 0x7f || c == '\n' && !line || c == '\t' && !line {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || Hidden(r) {
			return true
		}
		i += size
	}
	return false
}
