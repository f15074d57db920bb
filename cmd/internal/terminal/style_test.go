package terminal

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

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
		got := WrapText(tt.in, tt.width)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("WrapText(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
		for _, line := range got {
			if n := utf8.RuneCountInString(line); n > max(tt.width, 20) {
				t.Errorf("line %q is %d runes, over %d", line, n, tt.width)
			}
		}
	}
}
