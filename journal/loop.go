package journal

import (
	"github.com/reflect-cli/reflect/prompts"
)

// The learning loop: each evening follows up the step planned last time,
// and brings an earlier lesson back.

// FollowUpWindow is how many days a planned step waits to be followed up;
// an older one is let go.
const FollowUpWindow = 7

// Spacing is how many days after a lesson it comes back, nearest first.
var Spacing = []int{7, 30, 90, 365}

// History gathers what the plan of day needs from the journal: recent holds
// the entries before day, newest first (prompts.RecentWindow of them is
// enough), and today the day's own entry, if it has one. The lesson to bring
// back is chosen separately, by Resurface.
func History(day Day, recent []Entry, today *Entry) prompts.History {
	h := prompts.History{LastAsked: map[string]int{}}
	for _, e := range recent {
		days := daysBetween(e.Date, day)
		for _, a := range e.Answers {
			if _, seen := h.LastAsked[a.PromptID]; !seen {
				h.LastAsked[a.PromptID] = days
			}
		}
	}
	h.FollowUp = followUp(day, recent, today)
	if later, on := lessonLater(day, recent, today); later != nil {
		h.LessonLater = later
		h.LessonLaterDay = on.Format("Monday 2 January")
		if on.Year() != day.Year() {
			h.LessonLaterDay = on.Long()
		}
	}
	return h
}

// lessonLater finds the setback of a heavy evening in the week before day
// whose lesson was not asked for that night: the latest evening that told
// what happened plainly and drew no lesson, unless a later evening (today
// included) has drawn it since. It returns the answer, and its day.
func lessonLater(day Day, recent []Entry, today *Entry) (*prompts.Earlier, Day) {
	drawn := map[prompts.Ref]bool{}
	note := func(e Entry) {
		for _, a := range e.Answers {
			if a.PromptID == prompts.LessonLaterID && a.FollowsUp != nil {
				drawn[*a.FollowsUp] = true
			}
		}
	}
	if today != nil {
		note(*today)
	}
	for _, e := range recent {
		if daysBetween(e.Date, day) > FollowUpWindow {
			break
		}
		plain, lesson := -1, false
		for i, a := range e.Answers {
			switch a.PromptID {
			case prompts.HeavyPlainID:
				plain = i
			case prompts.LessonID:
				lesson = true
			}
		}
		if plain >= 0 && !lesson {
			ref := prompts.Ref{Date: e.Date.String(), PromptID: prompts.HeavyPlainID}
			if drawn[ref] {
				break // drawn since: older heavy evenings were overtaken by it
			}
			return &prompts.Earlier{Ref: ref, Text: e.Answers[plain].Answer}, e.Date
		}
		note(e)
	}
	return nil, Day{}
}

// followUp finds the step to ask about on day: the latest step planned in
// the week before it, unless that step has been followed up already (then
// there is nothing to ask: older steps were overtaken by it).
func followUp(day Day, recent []Entry, today *Entry) *prompts.Earlier {
	followed := map[prompts.Ref]bool{}
	note := func(e Entry) {
		for _, a := range e.Answers {
			if a.FollowsUp != nil && a.PromptID == prompts.FollowUpID {
				followed[*a.FollowsUp] = true
			}
		}
	}
	if today != nil {
		note(*today)
	}
	for _, e := range recent {
		if daysBetween(e.Date, day) > FollowUpWindow {
			return nil
		}
		for i := len(e.Answers) - 1; i >= 0; i-- {
			a := e.Answers[i]
			if a.Theme != prompts.ThemeNextStep {
				continue
			}
			ref := prompts.Ref{Date: e.Date.String(), PromptID: a.PromptID}
			if followed[ref] {
				return nil
			}
			return &prompts.Earlier{Ref: ref, Text: a.Answer}
		}
		note(e)
	}
	return nil
}

// Summaries reads the journal's day summaries.
type Summaries interface {
	// Summary returns the summary of a day, and whether it has one.
	Summary(d Day) (Summary, bool, error)
	// EachFigures calls fn for every day's summary, oldest first; its
	// lessons (Lessons, Setback, BroughtBack) may be left out.
	EachFigures(fn func(Summary) error) error
	// EachLessons calls fn, oldest first, for the summary of each day
	// that drew a lesson or brought one back; only its date and lessons
	// are sure to be filled in.
	EachLessons(fn func(Summary) error) error
}

// Rest is how many days a lesson stays away after it is drawn: it comes
// back at the earliest Rest days after it was last written.
const Rest = 7

// Resurface chooses the earlier lesson that the evening of day brings back:
// one drawn exactly 7, 30, 90 or 365 days before (the nearest first), else
// the oldest lesson drawn a week or more before that has never come back.
// It is never one drawn (in any words that SameLesson matches) in the week
// up to day, day included, nor one that came back the day before, nor one
// without words. Nil means none.
func Resurface(day Day, s Summaries) (*prompts.Earlier, Day, error) {
	// The lessons kept away tonight: drawn in the last Rest days, or come
	// back yesterday.
	away := map[string]bool{}
	for n := 0; n < Rest; n++ {
		sum, _, err := s.Summary(day.AddDays(-n))
		if err != nil {
			return nil, Day{}, err
		}
		for _, l := range sum.Lessons {
			away[LessonKey(l)] = true
		}
		if n != 1 {
			continue
		}
		for _, r := range sum.BroughtBack {
			var d Day
			if d.UnmarshalText([]byte(r.Lesson.Date)) != nil {
				continue
			}
			if back, ok, err := s.Summary(d); err == nil && ok && len(back.Lessons) > 0 {
				away[LessonKey(back.Lessons[0])] = true
			}
		}
	}
	eligible := func(sum Summary) bool {
		if len(sum.Lessons) == 0 || sum.Date.After(day.AddDays(-Rest)) {
			return false
		}
		key := LessonKey(sum.Lessons[0])
		return key != "" && !away[key]
	}
	pick := func(sum Summary) (*prompts.Earlier, Day, error) {
		return &prompts.Earlier{Ref: prompts.Ref{Date: sum.Date.String(), PromptID: prompts.LessonID}, Text: sum.Lessons[0]}, sum.Date, nil
	}
	for _, days := range Spacing {
		sum, ok, err := s.Summary(day.AddDays(-days))
		if err != nil {
			return nil, Day{}, err
		}
		if ok && eligible(sum) {
			return pick(sum)
		}
	}
	// None is due: the oldest lesson that has never come back.
	var lessons []Summary
	back := map[string]bool{}
	err := s.EachLessons(func(sum Summary) error {
		if !sum.Date.Before(day) {
			return nil
		}
		if len(sum.Lessons) > 0 {
			lessons = append(lessons, Summary{Date: sum.Date, Lessons: sum.Lessons[:1]})
		}
		for _, r := range sum.BroughtBack {
			back[r.Lesson.Date] = true
		}
		return nil
	})
	if err != nil {
		return nil, Day{}, err
	}
	for _, sum := range lessons {
		if !back[sum.Date.String()] && eligible(sum) {
			return pick(sum)
		}
	}
	return nil, Day{}, nil
}

// daysBetween is how many days from a to b (positive when a is earlier).
// It counts in seconds since 1970, not in a time.Duration, which holds no
// more than 292 years.
func daysBetween(a, b Day) int {
	return int((b.t.Unix() - a.t.Unix()) / (24 * 60 * 60))
}
