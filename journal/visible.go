package journal

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Visible makes a person's text safe to print on a terminal or in a
// document: control
// characters (escape sequences among them) and invalid UTF-8 are shown as
// visible escapes instead of being sent to the terminal. Newlines and tabs
// stay.
func Visible(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case unicode.IsControl(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}
