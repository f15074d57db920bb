package journal

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFilter(t *testing.T) {
	e := Entry{Answers: []Answer{
		{PromptID: "mood", Theme: "mood", Question: "How are you?", Answer: "4"},
		{PromptID: "win", Theme: "small-wins", Question: "A win?", Answer: "Called Sam."},
		{PromptID: "win2", Theme: "small-wins", Question: "Another?", Answer: "Ran 5 km."},
	}}
	for _, tt := range []struct {
		f    Filter
		keep bool
		n    int
	}{
		{Filter{}, true, 3},
		{Filter{Grep: "sam"}, true, 3},
		{Filter{Grep: "HOW ARE"}, true, 3},
		{Filter{Grep: "zebra"}, false, 0},
		{Filter{Theme: "small-wins"}, true, 2},
		{Filter{Theme: "risk"}, false, 0},
		{Filter{Theme: "small-wins", Grep: "km"}, true, 2},
		{Filter{Theme: "mood", Grep: "sam"}, false, 0}, // the match is outside the theme
	} {
		got, ok := tt.f.Apply(e)
		if ok != tt.keep || (ok && len(got.Answers) != tt.n) {
			t.Errorf("%+v: kept %v with %d answers, want %v with %d", tt.f, ok, len(got.Answers), tt.keep, tt.n)
		}
	}
	if len(e.Answers) != 3 {
		t.Error("Apply changed the entry it was given")
	}
}

func TestContainsFold(t *testing.T) {
	for _, tt := range []struct {
		s, sub string
		want   bool
		index  int
	}{
		{"Called Sam", "sam", true, 7},
		{"Called Sam", "SAM", true, 7},
		{"Called Sam", "", true, 0},
		{"Sa", "sam", false, -1},
		{"Ünïcode ÄRGER", "ärger", true, 10},
		{"straße", "STRASSE", false, -1}, // no full case folding: ß stays ß
		{"日本語のテキスト", "テキ", true, 12},
	} {
		if got := ContainsFold(tt.s, tt.sub); got != tt.want {
			t.Errorf("ContainsFold(%q, %q) = %v", tt.s, tt.sub, got)
		}
		if got := IndexFold(tt.s, tt.sub); got != tt.index {
			t.Errorf("IndexFold(%q, %q) = %d, want %d", tt.s, tt.sub, got, tt.index)
		}
	}
}

// indexFoldEachCharacter is IndexFold the long way: substr tried at each
// character of s.
func indexFoldEachCharacter(s, substr string) int {
	if substr == "" {
		return 0
	}
	for i := 0; i+len(substr) <= len(s); {
		if strings.EqualFold(s[i:i+len(substr)], substr) {
			return i
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return -1
}

// TestIndexFoldOfASCII: finding where a text that begins with an ASCII
// character may start gives what trying it at each character gives, in
// texts of both cases, other characters and invalid bytes, up to the end.
func TestIndexFoldOfASCII(t *testing.T) {
	texts := []string{"", "l", "L", "lighthouse", "the LIGHTHOUSE light", "xxLighThousE", "ll lL Ll LL", "é light", "li\xffght lig", "kK K", "1+1=2", "a-b_c", "lighthous"}
	subs := []string{"l", "L", "li", "LIGHTHOUSE", "lighthouse light", "Ll", "1=", "-b", "_", "K", "\xff", "se", "e"}
	for _, s := range texts {
		for _, sub := range subs {
			if got, want := IndexFold(s, sub), indexFoldEachCharacter(s, sub); got != want {
				t.Errorf("IndexFold(%q, %q) = %d, want %d", s, sub, got, want)
			}
		}
	}
}

// TestIndexFoldOfNonASCII: finding where a text that begins with a
// character outside ASCII may start gives what trying it at each character
// gives, for characters of one to four bytes, in every case they have,
// amid invalid bytes and near the end of the text.
func TestIndexFoldOfNonASCII(t *testing.T) {
	texts := []string{"", "é", "É", "café CAFÉ", "Straße STRASSE", "ǅǄǆ", "K K k", "ſs S", "\xc3é\xc3", "x\xffÉté", "Ωω Ω", "🙂 emoji", "İi", "ÉÉÉÉ"}
	subs := []string{"é", "É", "ÉT", "éx", "ǆ", "ǅǄ", "K", "K k", "ſ", "Ω", "ω Ω", "🙂", "İ", "ÉÉ", "é\xff"}
	for _, s := range texts {
		for _, sub := range subs {
			if got, want := IndexFold(s, sub), indexFoldEachCharacter(s, sub); got != want {
				t.Errorf("IndexFold(%q, %q) = %d, want %d", s, sub, got, want)
			}
		}
	}
}

func FuzzIndexFold(f *testing.F) {
	f.Add("café CAFÉ", "É")
	f.Add("ǅǄǆ", "ǆ")
	f.Fuzz(func(t *testing.T, s, sub string) {
		if got, want := IndexFold(s, sub), indexFoldEachCharacter(s, sub); got != want {
			t.Errorf("IndexFold(%q, %q) = %d, want %d", s, sub, got, want)
		}
	})
}
