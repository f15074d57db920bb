package journal_test

import (
	"strings"
	"testing"
	"unicode"

	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/journal/journaltest"
)

// slowLessonKey is LessonKey as it is defined, for any text.
func slowLessonKey(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r) })
}

// TestLessonKeyOfASCII checks the one-pass key of an ASCII lesson against
// the definition: every ASCII byte at the start, inside and at the end of a
// lesson, and every lesson of a synthetic year.
func TestLessonKeyOfASCII(t *testing.T) {
	var lessons []string
	for c := range 0x80 {
		ch := string(rune(c))
		lessons = append(lessons, ch, ch+"Ask Early"+ch, "Ask"+ch+"early", " "+ch+" ask  early "+ch+" ", ch+ch+"x"+ch+ch)
	}
	for _, e := range journaltest.Entries(365, journaltest.Last) {
		for _, a := range e.Answers {
			lessons = append(lessons, a.Answer)
		}
	}
	for _, s := range lessons {
		if got, want := journal.LessonKey(s), slowLessonKey(s); got != want {
			t.Fatalf("LessonKey(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzLessonKey(f *testing.F) {
	f.Add("  Ask for help EARLIER.  ")
	f.Add("«¿Qué?» \u00a0 ")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := journal.LessonKey(s), slowLessonKey(s); got != want {
			t.Errorf("LessonKey(%q) = %q, want %q", s, got, want)
		}
	})
}
