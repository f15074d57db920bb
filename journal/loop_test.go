package journal

import (
	"fmt"
	"testing"

	"github.com/reflect-cli/reflect/prompts"
)

// d is day n of November 2026.
func d(n int) Day { return NewDay(2026, 11, 1).AddDays(n - 1) }

// step is an entry on day n that plans a next step.
func step(n int, text string) Entry {
	return Entry{Date: d(n), Answers: []Answer{
		{PromptID: prompts.MoodID, Theme: "mood", Answer: "3"},
		{PromptID: prompts.NextStepID, Theme: prompts.ThemeNextStep, Answer: text},
	}}
}

// followed is an entry on day n that follows up the step of day of.
func followed(n, of int, answer string) Entry {
	return Entry{Date: d(n), Answers: []Answer{
		{PromptID: prompts.FollowUpID, Theme: prompts.ThemeFollowUp, Answer: answer,
			FollowsUp: &prompts.Ref{Date: d(of).String(), PromptID: prompts.NextStepID}},
	}}
}

// withStep adds a planned step to an entry.
func withStep(e Entry, text string) Entry {
	e.Answers = append(e.Answers, Answer{PromptID: prompts.NextStepID, Theme: prompts.ThemeNextStep, Answer: text})
	return e
}

// newestFirst reverses entries given oldest first.
func newestFirst(entries ...Entry) []Entry {
	out := make([]Entry, len(entries))
	for i, e := range entries {
		out[len(entries)-1-i] = e
	}
	return out
}

func TestFollowUp(t *testing.T) {
	for _, tt := range []struct {
		name    string
		day     int
		journal []Entry // oldest first, all before day
		today   *Entry
		want    string // the step's text and date, or "" for none
	}{
		{"nothing planned", 20, nil, nil, ""},
		{"the day before", 20, []Entry{step(19, "Call Sam")}, nil, "Call Sam@19"},
		{"after skipped days", 20, []Entry{step(14, "Call Sam")}, nil, "Call Sam@14"},
		{"a week is the limit", 20, []Entry{step(13, "Call Sam")}, nil, "Call Sam@13"},
		{"older is let go", 20, []Entry{step(12, "Call Sam")}, nil, ""},
		{"the latest step wins", 20, []Entry{step(17, "Book the room"), step(18, "Call Sam")}, nil, "Call Sam@18"},
		{"followed up already", 20, []Entry{step(17, "Call Sam"), followed(18, 17, "done")}, nil, ""},
		{"followed up, then a new step", 20, []Entry{step(17, "Call Sam"), withStep(followed(18, 17, "partly"), "Book the room")}, nil, "Book the room@18"},
		{"an overtaken step is not asked", 20, []Entry{step(16, "Call Sam"), step(17, "Book"), followed(18, 17, "done")}, nil, ""},
		{"followed up earlier today", 20, []Entry{step(19, "Call Sam")}, ptr(followed(20, 19, "not yet")), ""},
		{"a day without a step", 20, []Entry{step(18, "Call Sam"), {Date: d(19), Answers: []Answer{{PromptID: "mood", Answer: "2"}}}}, nil, "Call Sam@18"},
		{"the setback path's step", 20, []Entry{{Date: d(19), Answers: []Answer{{PromptID: prompts.NextDifferentlyID, Theme: prompts.ThemeNextStep, Answer: "Rehearse"}}}}, nil, "Rehearse@19"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := History(d(tt.day), newestFirst(tt.journal...), tt.today)
			got := ""
			if f := h.FollowUp; f != nil {
				var fd Day
				fd.UnmarshalText([]byte(f.Date))
				got = fmt.Sprintf("%s@%d", f.Text, daysBetween(d(1), fd)+1)
			}
			if got != tt.want {
				t.Errorf("follow-up = %q, want %q", got, tt.want)
			}
		})
	}
}

func ptr(e Entry) *Entry { return &e }

func TestLastAsked(t *testing.T) {
	h := History(d(20), newestFirst(step(10, "a"), step(18, "b")), nil)
	if h.LastAsked[prompts.MoodID] != 2 || h.LastAsked[prompts.NextStepID] != 2 || len(h.LastAsked) != 2 {
		t.Errorf("LastAsked = %v", h.LastAsked)
	}
}

// summaries is a journal of summaries for tests.
type summaries map[Day]Summary

func (s summaries) Summary(day Day) (Summary, bool, error) {
	sum, ok := s[day]
	return sum, ok, nil
}

func (s summaries) EachLessons(fn func(Summary) error) error { return s.EachFigures(fn) }

func (s summaries) EachFigures(fn func(Summary) error) error {
	for day := d(-800); !day.After(d(60)); day = day.AddDays(1) {
		if sum, ok := s[day]; ok {
			if err := fn(sum); err != nil {
				return err
			}
		}
	}
	return nil
}

// lessonOn is a day on which a lesson was drawn.
func lessonOn(s summaries, n int, lesson string) {
	s[d(n)] = Summary{Date: d(n), Lessons: []string{lesson}}
}

// broughtBack records that on day n the lesson of day of came back.
func broughtBack(s summaries, n, of int) {
	sum := s[d(n)]
	sum.Date = d(n)
	sum.BroughtBack = append(sum.BroughtBack, Revisit{Lesson: prompts.Ref{Date: d(of).String(), PromptID: prompts.LessonID}, StillTrue: "yes"})
	s[d(n)] = sum
}

func TestResurface(t *testing.T) {
	for _, tt := range []struct {
		name  string
		setup func(s summaries)
		want  int // the day of the lesson that comes back on day 40; 0 for none
	}{
		{"no lessons", func(s summaries) {}, 0},
		{"7 days ago", func(s summaries) { lessonOn(s, 20, "old"); lessonOn(s, 33, "a week ago") }, 33},
		{"30 days ago", func(s summaries) { lessonOn(s, 5, "older"); lessonOn(s, 10, "a month ago") }, 10},
		{"90 days ago", func(s summaries) { lessonOn(s, -60, "older"); lessonOn(s, -50, "a season ago") }, -50},
		{"365 days ago", func(s summaries) { lessonOn(s, -400, "older"); lessonOn(s, -325, "a year ago") }, -325},
		{"the nearest spacing first", func(s summaries) { lessonOn(s, 10, "a month"); lessonOn(s, 33, "a week") }, 33},
		{"else the oldest not back yet", func(s summaries) {
			lessonOn(s, 2, "first")
			lessonOn(s, 4, "second")
			lessonOn(s, 6, "third")
			broughtBack(s, 20, 2)
		}, 4},
		{"all back already", func(s summaries) { lessonOn(s, 2, "first"); broughtBack(s, 20, 2) }, 0},
		{"not the one of yesterday", func(s summaries) {
			lessonOn(s, 33, "a week ago")
			broughtBack(s, 39, 33)
		}, 0},
		{"nor the same words as yesterday's", func(s summaries) {
			lessonOn(s, 2, "Ask for help earlier.")
			lessonOn(s, 33, "ask for help EARLIER")
			lessonOn(s, 5, "something else")
			broughtBack(s, 39, 2)
		}, 5},
		{"today's own lesson is not earlier", func(s summaries) { lessonOn(s, 40, "today") }, 0},
		// A lesson never comes back within 7 days of being drawn.
		{"not the very next evening", func(s summaries) { lessonOn(s, 39, "Written yesterday.") }, 0},
		{"nor within the week", func(s summaries) { lessonOn(s, 34, "six days ago") }, 0},
		{"a week on, it may", func(s summaries) { lessonOn(s, 2, "older"); lessonOn(s, 33, "a week ago") }, 33},
		{"the oldest, once a week has passed", func(s summaries) {
			lessonOn(s, 38, "two days ago")
			lessonOn(s, 31, "nine days ago")
			lessonOn(s, 32, "eight days ago")
		}, 31},
		{"not when drawn again this week", func(s summaries) {
			lessonOn(s, 10, "Ask for help earlier.")
			lessonOn(s, 36, "ask for help earlier!")
		}, 0},
		{"nor when drawn again today", func(s summaries) {
			lessonOn(s, 33, "Sleep on it")
			lessonOn(s, 40, "sleep on it.")
		}, 0},
		{"another, when the one due was drawn again", func(s summaries) {
			lessonOn(s, 2, "Breathe first.")
			lessonOn(s, 33, "Sleep on it")
			lessonOn(s, 37, "Sleep on it.")
		}, 2},
		{"a drawn-again lesson's own older day neither", func(s summaries) {
			lessonOn(s, 2, "Sleep on it")
			lessonOn(s, 38, "sleep on it")
		}, 0},
		{"not one without words", func(s summaries) { lessonOn(s, 2, " … ") }, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := summaries{}
			tt.setup(s)
			got, drawn, err := Resurface(d(40), s)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tt.want == 0 && got != nil:
				t.Errorf("brought back %+v, want none", got)
			case tt.want != 0 && (got == nil || drawn != d(tt.want) || got.Date != d(tt.want).String() || got.PromptID != prompts.LessonID || got.Text != s[d(tt.want)].Lessons[0]):
				t.Errorf("brought back %+v from %s, want the lesson of %s", got, drawn, d(tt.want))
			}
		})
	}
}

func TestSummarize(t *testing.T) {
	e := Entry{Date: d(20), Answers: []Answer{
		{PromptID: prompts.FollowUpID, Answer: "partly", FollowsUp: &prompts.Ref{Date: "2026-11-19", PromptID: "next-step"}},
		{PromptID: prompts.MoodID, Answer: "4"},
		{PromptID: "setback-what", Answer: "The demo crashed."},
		{PromptID: prompts.LessonID, Answer: "Rehearse."},
		{PromptID: "win-small", Theme: prompts.ThemeSmallWins, Answer: "Shipped."},
		{PromptID: "win-proud", Theme: prompts.ThemeSmallWins, Answer: "Spoke up."},
		{PromptID: prompts.StillTrueID, Answer: "no", FollowsUp: &prompts.Ref{Date: "2026-11-13", PromptID: prompts.LessonID}},
	}}
	s := Summarize(e)
	if s.Answers != 7 || s.Wins != 2 || s.Mood != 4 || s.FollowUp != "partly" || len(s.Lessons) != 1 || s.Setback != "The demo crashed." ||
		len(s.BroughtBack) != 1 || s.BroughtBack[0].StillTrue != "no" || s.BroughtBack[0].Lesson.Date != "2026-11-13" || s.Planned != "" {
		t.Errorf("Summarize = %+v", s)
	}
	// The form of the step planned last.
	e.Answers = append(e.Answers, Answer{PromptID: prompts.NextStepID, Theme: prompts.ThemeNextStep, Answer: "Call Sam."})
	if s := Summarize(e); s.Planned != prompts.FormPlain {
		t.Errorf("a plain step: planned %q", s.Planned)
	}
	e.Answers = append(e.Answers, Answer{PromptID: prompts.NextStepID, Theme: prompts.ThemeNextStep, Answer: "When I get home, I will call Sam."})
	if s := Summarize(e); s.Planned != prompts.FormIfThen {
		t.Errorf("an if-then step: planned %q", s.Planned)
	}
}

func TestSameLesson(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		same bool
	}{
		{"Ask for help earlier.", "ask for help earlier", true},
		{"  Ask for  help\nearlier!  ", "«Ask for help earlier»", true},
		{"Ask for help earlier.", "Ask for help sooner.", false},
		{"Sleep first", "Sleep first, then decide", false},
	} {
		if got := SameLesson(tt.a, tt.b); got != tt.same {
			t.Errorf("SameLesson(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}

// heavy is an entry on day n of a heavy evening: what happened, told
// plainly, and a lesson drawn that night or not.
func heavy(n int, plain, lesson string) Entry {
	e := Entry{Date: d(n), Answers: []Answer{
		{PromptID: prompts.MoodID, Theme: "mood", Answer: "1"},
		{PromptID: prompts.HeavyPlainID, Theme: "self-compassion", Answer: plain},
	}}
	if lesson != "" {
		e.Answers = append(e.Answers, Answer{PromptID: prompts.LessonID, Theme: "setback", Answer: lesson})
	}
	return e
}

// drewLater is an entry on day n that draws the lesson of day of's heavy
// evening.
func drewLater(n, of int) Entry {
	return Entry{Date: d(n), Answers: []Answer{{PromptID: prompts.LessonLaterID, Theme: "setback", Answer: "Rest first.",
		FollowsUp: &prompts.Ref{Date: d(of).String(), PromptID: prompts.HeavyPlainID}}}}
}

// TestLessonLater: a heavy evening's lesson waits for a later evening in
// the week after it, until one draws it; an evening that drew its lesson
// anyway leaves none waiting.
func TestLessonLater(t *testing.T) {
	today := d(20)
	for _, tt := range []struct {
		name   string
		recent []Entry // oldest first
		today  *Entry
		want   string // the text waiting, "" for none
	}{
		{"none", []Entry{step(18, "Call Sam")}, nil, ""},
		{"the day before", []Entry{heavy(19, "The pitch fell apart.", "")}, nil, "The pitch fell apart."},
		{"a week before", []Entry{heavy(13, "Lost the bid.", "")}, nil, "Lost the bid."},
		{"more than a week before", []Entry{heavy(12, "Lost the bid.", "")}, nil, ""},
		{"its lesson drawn that night", []Entry{heavy(19, "Lost the bid.", "Ask sooner.")}, nil, ""},
		{"drawn on a later evening", []Entry{heavy(17, "Lost the bid.", ""), drewLater(18, 17)}, nil, ""},
		{"drawn earlier today", []Entry{heavy(17, "Lost the bid.", "")}, &Entry{Date: today, Answers: drewLater(20, 17).Answers}, ""},
		{"the latest of two", []Entry{heavy(15, "Older.", ""), heavy(18, "Newer.", "")}, nil, "Newer."},
		{"the newer drawn overtakes the older", []Entry{heavy(15, "Older.", ""), heavy(17, "Newer.", ""), drewLater(18, 17)}, nil, ""},
	} {
		h := History(today, newestFirst(tt.recent...), tt.today)
		got := ""
		if h.LessonLater != nil {
			got = h.LessonLater.Text
			if h.LessonLater.PromptID != prompts.HeavyPlainID || h.LessonLaterDay == "" {
				t.Errorf("%s: %+v on %q", tt.name, h.LessonLater, h.LessonLaterDay)
			}
		}
		if got != tt.want {
			t.Errorf("%s: waiting %q, want %q", tt.name, got, tt.want)
		}
	}
	h := History(today, []Entry{heavy(19, "Lost the bid.", "")}, nil)
	if h.LessonLaterDay != "Thursday 19 November" || h.LessonLater.Date != "2026-11-19" {
		t.Errorf("LessonLater %+v on %q", h.LessonLater, h.LessonLaterDay)
	}
}
