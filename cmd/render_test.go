package cmd

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSafeText(t *testing.T) {
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
		if got := safeText(tt.in); got != tt.want {
			t.Errorf("safeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWrapText(t *testing.T) {
	tests := []struct {
		in    string
		width int
		want  []string
	}{
		{"a short line", 40, []string{"a short line"}},
		{"one two three four five six seven", 20, []string{"one two three four", "five six seven"}},
		{"keeps\n\nits own breaks", 40, []string{"keeps", "", "its own breaks"}},
		{strings.Repeat("x", 45), 20, []string{strings.Repeat("x", 20), strings.Repeat("x", 20), strings.Repeat("x", 5)}},
		{"ünïcödé wörds ärë cöüntëd äs rünës nöt bytës", 20, []string{"ünïcödé wörds ärë", "cöüntëd äs rünës nöt", "bytës"}},
		{"too narrow is treated as twenty", 5, []string{"too narrow is", "treated as twenty"}},
	}
	for _, tt := range tests {
		got := wrapText(tt.in, tt.width)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("wrapText(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
		for _, line := range got {
			if n := utf8.RuneCountInString(line); n > max(tt.width, 20) {
				t.Errorf("line %q is %d runes, over %d", line, n, tt.width)
			}
		}
	}
}
