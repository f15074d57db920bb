package journal

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestVisible(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain words", "plain words"},
		{"two\nlines\tand a tab", "two\nlines\tand a tab"},
		{"\x1b[2Jcleared", `\x1b[2Jcleared`},
		{"bell\a and CR\r", `bell\x07 and CR\x0d`},
		{"bad \xff byte", `bad \xff byte`},
		{"日本語 and emoji 🌙", "日本語 and emoji 🌙"},
		{"C1 \u009b control", `C1 \x9b control`},
		{"DEL \x7f", `DEL \x7f`},
		{"clipboard \x1b]52;c;aGk=\a", `clipboard \x1b]52;c;aGk=\x07`},
		{"txt.exe\u202Efdp.", `txt.exe\u202efdp.`},
		{"\u2066isolate\u2069 \u200emark\u200f \u061c", `\u2066isolate\u2069 \u200emark\u200f \u061c`},
		{"zero\u200bwidth\ufeff soft\u00adhyphen", `zero\u200bwidth\ufeff soft\u00adhyphen`},
		{"tag \U000E0041 line\u2028para\u2029", `tag \U000e0041 line\u2028para\u2029`},
		{"family 👨\u200d👩\u200d👧 keeps its joiners", "family 👨\u200d👩\u200d👧 keeps its joiners"},
	}
	for _, tt := range tests {
		if got := Visible(tt.in); got != tt.want {
			t.Errorf("Visible(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestVisibleLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain words", "plain words"},
		{"two\nlines\tand a tab", `two\nlines\tand a tab`},
		{"\x1b[2J\u202e", `\x1b[2J\u202e`},
		{strings.Repeat("x", MaxLine), strings.Repeat("x", MaxLine)},
		{strings.Repeat("x", MaxLine+1), strings.Repeat("x", MaxLine-1) + "…"},
		{strings.Repeat("é", 10*1024), strings.Repeat("é", MaxLine-1) + "…"},
		{strings.Repeat("x", MaxLine-2) + "\x1b[2J", strings.Repeat("x", MaxLine-2) + "…"},
	}
	for _, tt := range tests {
		if got := VisibleLine(tt.in); got != tt.want {
			t.Errorf("VisibleLine(%.40q) = %.40q… (%d characters), want %.40q…", tt.in, got, utf8.RuneCountInString(got), tt.want)
		}
	}
	// Whatever comes in, one safe line of at most MaxLine characters comes out.
	hostile := strings.Repeat("\x1b]52;c;aGk=\a\u009b\x7f\u202e\xff\n", 1000)
	got := VisibleLine(hostile)
	if n := utf8.RuneCountInString(got); n > MaxLine || !utf8.ValidString(got) {
		t.Errorf("VisibleLine of a hostile text gave %d characters (valid UTF-8: %v)", n, utf8.ValidString(got))
	}
	for _, r := range got {
		if Hidden(r) {
			t.Fatalf("VisibleLine left %U in %q", r, got)
		}
	}
}

func FuzzVisible(f *testing.F) {
	f.Add("\x1b[2J\u202e\xff\u009b\x7f\n\t")
	f.Fuzz(func(t *testing.T, s string) {
		for _, got := range []string{Visible(s), VisibleLine(s)} {
			if !utf8.ValidString(got) {
				t.Fatalf("invalid UTF-8 out of %q", s)
			}
			for _, r := range got {
				if Hidden(r) && r != '\n' && r != '\t' {
					t.Fatalf("%U left in %q", r, got)
				}
			}
		}
		if line := VisibleLine(s); strings.ContainsAny(line, "\n\t") || utf8.RuneCountInString(line) > MaxLine {
			t.Fatalf("VisibleLine(%q) = %q", s, line)
		}
	})
}
