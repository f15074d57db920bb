package terminal

import (
	"fmt"
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

// BenchmarkWrapALongWord wraps an answer with no spaces (a pasted blob): it
// costs what it holds, 16 times more for 16 times the text.
func BenchmarkWrapALongWord(b *testing.B) {
	for _, size := range []int{64 << 10, 1 << 20} {
		word := strings.Repeat("z", size)
		b.Run(fmt.Sprintf("bytes=%d", size), func(b *testing.B) {
			for b.Loop() {
				if lines := WrapText(word, 80); len(lines) != (size+79)/80 {
					b.Fatalf("%d lines", len(lines))
				}
			}
		})
	}
}
