package journal

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/reflect-cli/reflect/prompts"
)

// Summary is what reflect keeps of each day beside its entry, so that
// questions about the whole journal (streaks, counts, the lesson ledger,
// which lessons have come back) read a few bytes a day instead of every
// answer. It is derived from the day's entry alone.
type Summary struct {
	Date    Day      `json:"-"` // the key it is stored under
	Answers int      `json:"a"`
	Wins    int      `json:"w,omitempty"`
	Mood    int      `json:"m,omitempty"` // the day's last mood, 1 to 5; 0 for none
	Lessons []string `json:"l,omitempty"` // the lessons drawn that day
	Setback string   `json:"s,omitempty"` // what happened, when a lesson was drawn
	// FollowUp is the day's answer on the step planned before: done,
	// partly or not yet.
	FollowUp string `json:"f,omitempty"`
	// BroughtBack lists the earlier lessons that came back that day, with
	// whether they still held.
	BroughtBack []Revisit `json:"b,omitempty"`
	// Planned is the form of the step the day planned last
	// (prompts.FormIfThen or prompts.FormPlain); "" for a day that planned
	// none, or whose summary was kept before reflect noted it.
	Planned string `json:"p,omitempty"`
}

// Revisit is an earlier lesson brought back, and the answer to whether it
// is still true.
type Revisit struct {
	Lesson    prompts.Ref `json:"r"`
	StillTrue string      `json:"t"` // yes or no
}

// Summarize derives the summary of an entry.
func Summarize(e Entry) Summary {
	s := Summary{Date: e.Date, Answers: len(e.Answers)}
	for _, a := range e.Answers {
		switch {
		case a.Theme == prompts.ThemeSmallWins:
			s.Wins++
		case a.PromptID == prompts.MoodID:
			if n, err := strconv.Atoi(a.Answer); err == nil && n >= 1 && n <= 5 {
				s.Mood = n
			}
		case prompts.IsLesson(a.PromptID):
			s.Lessons = append(s.Lessons, a.Answer)
			if a.PromptID == prompts.LessonLaterID && s.Setback == "" {
				// Drawn on a later evening: the setback is the one its
				// question quotes, told plainly on the heavy evening.
				s.Setback = quotedIn(a.Question)
			}
		case a.PromptID == "setback-what" && s.Setback == "":
			s.Setback = a.Answer
		case a.PromptID == prompts.FollowUpID:
			s.FollowUp = a.Answer
		case a.PromptID == prompts.StillTrueID && a.FollowsUp != nil:
			s.BroughtBack = append(s.BroughtBack, Revisit{Lesson: *a.FollowsUp, StillTrue: a.Answer})
		case a.Theme == prompts.ThemeNextStep:
			s.Planned = prompts.StepForm(a.Answer)
		}
	}
	if len(s.Lessons) == 0 {
		s.Setback = ""
	}
	return s
}

// SameLesson reports whether two lessons say the same thing, as the lesson
// ledger groups them: equal once case, spaces, quotes and the punctuation
// at either end are set aside ("Ask for help earlier." and "ask for help
// earlier" match; "Ask for help sooner" does not).
func SameLesson(a, b string) bool { return LessonKey(a) == LessonKey(b) }

// LessonKey is the form of a lesson that SameLesson compares.
func LessonKey(s string) string {
	if key, ok := lessonKeyASCII(s); ok {
		return key
	}
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r) })
}

// lessonKeyASCII is LessonKey of a lesson all in ASCII, in one pass: the
// ledger takes the key of every lesson in the journal. ok is false for any
// other text.
func lessonKeyASCII(s string) (key string, ok bool) {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return "", false
		case asciiSpace(c):
			if len(b) > 0 && b[len(b)-1] != ' ' {
				b = append(b, ' ')
			}
		default:
			b = append(b, asciiLower(c))
		}
	}
	// What is left at either end: spaces, punctuation and symbols (in
	// ASCII, every printable character but letters and digits).
	trimmed := func(c byte) bool { return c > ' ' && c < 0x7f && !isASCIILetterOrDigit(c) || c == ' ' }
	for len(b) > 0 && trimmed(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	start := 0
	for start < len(b) && trimmed(b[start]) {
		start++
	}
	return string(b[start:]), true
}

// asciiSpace reports whether c is white space, as unicode.IsSpace says.
func asciiSpace(c byte) bool {
	return c == ' ' || c >= '\t' && c <= '\r'
}

func isASCIILetterOrDigit(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// quotedIn is the text a question quotes, between « and »; "" for none.
func quotedIn(question string) string {
	_, rest, ok := strings.Cut(question, "«")
	if !ok {
		return ""
	}
	quote, _, ok := strings.Cut(rest, "»")
	if !ok {
		return ""
	}
	return quote
}
