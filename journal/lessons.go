package journal

import "sort"

// Ledger is the lesson ledger: every lesson drawn, with lessons that say
// the same thing (SameLesson) grouped, the group drawn most recently first.
type Ledger []LessonGroup

// LessonGroup is one lesson and every day it was drawn, newest first.
type LessonGroup struct {
	Lesson      string       `json:"lesson"` // as written most recently
	Count       int          `json:"count"`
	Occurrences []Occurrence `json:"occurrences"`
	// StillTrue is the latest answer, when the lesson came back, to
	// whether it still holds.
	StillTrue *Recheck `json:"still_true,omitempty"`
}

// Occurrence is one day a lesson was drawn, and the setback it came from.
type Occurrence struct {
	Date    Day    `json:"date"`
	Lesson  string `json:"lesson"`
	Setback string `json:"setback,omitempty"`
}

// Recheck is an answer, on a later day, to whether a lesson still holds.
type Recheck struct {
	Date   Day    `json:"date"`
	Answer string `json:"answer"` // yes or no
}

// LedgerBuilder gathers a ledger from day summaries given oldest first.
type LedgerBuilder struct {
	groups  []*LessonGroup
	byKey   map[string]*LessonGroup
	byDate  map[string][]*LessonGroup // the groups drawn on a date
	recheck map[string]Recheck        // lesson date → its latest recheck
	keep    func(Occurrence) bool
}

// NewLedger starts a ledger that keeps the occurrences keep accepts (nil
// keeps all).
func NewLedger(keep func(Occurrence) bool) *LedgerBuilder {
	return &LedgerBuilder{byKey: map[string]*LessonGroup{}, byDate: map[string][]*LessonGroup{}, recheck: map[string]Recheck{}, keep: keep}
}

// Add takes in one day's summary; days must come oldest first.
func (b *LedgerBuilder) Add(s Summary) {
	for _, r := range s.BroughtBack {
		b.recheck[r.Lesson.Date] = Recheck{Date: s.Date, Answer: r.StillTrue}
	}
	for _, lesson := range s.Lessons {
		o := Occurrence{Date: s.Date, Lesson: lesson, Setback: s.Setback}
		if b.keep != nil && !b.keep(o) {
			continue
		}
		key := LessonKey(lesson)
		g := b.byKey[key]
		if g == nil {
			g = &LessonGroup{}
			b.byKey[key] = g
			b.groups = append(b.groups, g)
		}
		g.Lesson = lesson
		g.Count++
		g.Occurrences = append(g.Occurrences, o)
		b.byDate[s.Date.String()] = append(b.byDate[s.Date.String()], g)
	}
}

// Ledger returns the groups, the one drawn most recently first, each with
// its occurrences newest first.
func (b *LedgerBuilder) Ledger() Ledger {
	for date, r := range b.recheck {
		for _, g := range b.byDate[date] {
			if g.StillTrue == nil || g.StillTrue.Date.Before(r.Date) {
				r := r
				g.StillTrue = &r
			}
		}
	}
	out := make(Ledger, 0, len(b.groups))
	for _, g := range b.groups {
		for i, j := 0, len(g.Occurrences)-1; i < j; i, j = i+1, j-1 {
			g.Occurrences[i], g.Occurrences[j] = g.Occurrences[j], g.Occurrences[i]
		}
		out = append(out, *g)
	}
	// Most recently drawn first.
	sort.SliceStable(out, func(i, j int) bool { return out[j].Occurrences[0].Date.Before(out[i].Occurrences[0].Date) })
	return out
}
