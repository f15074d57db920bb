package journal

import "testing"

func TestVisible(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain words", "plain words"},
		{"two\nlines\tand a tab", "two\nlines\tand a tab"},
		{"\x1b[2Jcleared", `\x1b[2Jcleared`},
		{"bell\a and CR\r", `bell\x07 and CR\x0d`},
		{"bad \xff byte", `bad \xff byte`},
		{"日本語 and emoji 🌙", "日本語 and emoji 🌙"},
		{"C1 \u009b control", `C1 \x9b control`},
	}
	for _, tt := range tests {
		if got := Visible(tt.in); got != tt.want {
			t.Errorf("Visible(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
