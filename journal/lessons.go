package journal

import (
	"slices"
	"strings"
)

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

// Clone returns a copy of g that shares nothing with it: its own
// occurrences, answer and strings. A group read a group at a time
// (KeptLedger.EachKeptGroup) is cloned to be kept.
func (g LessonGroup) Clone() LessonGroup {
	c := LessonGroup{Lesson: strings.Clone(g.Lesson), Count: g.Count}
	if g.Occurrences != nil {
		c.Occurrences = make([]Occurrence, len(g.Occurrences))
		for i, o := range g.Occurrences {
			c.Occurrences[i] = Occurrence{Date: o.Date, Lesson: strings.Clone(o.Lesson), Setback: strings.Clone(o.Setback)}
		}
	}
	if g.StillTrue != nil {
		c.StillTrue = &Recheck{Date: g.StillTrue.Date, Answer: strings.Clone(g.StillTrue.Answer)}
	}
	return c
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
	groups  []*growing
	byKey   map[string]*growing
	days    int             // the days with a lesson so far
	day     Day             // the last of them
	recheck map[Day]Recheck // lesson date → its latest recheck
	keep    func(Occurrence) bool
	// setbackRunes, when above 0, is how much of a setback's first line
	// is kept (ShortenSetbacks).
	setbackRunes int
}

// growing is a group of the ledger as it is gathered.
type growing struct {
	LessonGroup
	last int // the number of the day it was last drawn, counting from 1
}

// NewLedger starts a ledger that keeps the occurrences keep accepts (nil
// keeps all).
func NewLedger(keep func(Occurrence) bool) *LedgerBuilder {
	return &LedgerBuilder{byKey: map[string]*growing{}, recheck: map[Day]Recheck{}, keep: keep}
}

// ShortenSetbacks keeps of each setback only its first line, cut to n
// characters and a "…" when it is longer, and "\n…" after it when more
// lines follow: all that a page showing a setback on one line, n-2
// characters wide at most, needs (the "…" keeps a cut that falls after
// spaces from reading as the line's end).
// Each lesson, setback and recheck kept is then a string of its own, not
// part of what was read: a hundred years of setbacks need not stay in
// memory for a line each.
func (b *LedgerBuilder) ShortenSetbacks(n int) { b.setbackRunes = n }

// Add takes in one day's summary; days must come oldest first.
func (b *LedgerBuilder) Add(s Summary) {
	for _, r := range s.BroughtBack {
		var drawn Day
		if drawn.UnmarshalText([]byte(r.Lesson.Date)) == nil {
			answer := r.StillTrue
			if b.setbackRunes > 0 {
				answer = strings.Clone(answer)
			}
			b.recheck[drawn] = Recheck{Date: s.Date, Answer: answer}
		}
	}
	for _, lesson := range s.Lessons {
		o := Occurrence{Date: s.Date, Lesson: lesson, Setback: s.Setback}
		if b.keep != nil && !b.keep(o) {
			continue
		}
		if b.setbackRunes > 0 {
			o.Lesson, o.Setback = strings.Clone(lesson), firstLineOf(s.Setback, b.setbackRunes)
		}
		key := LessonKey(o.Lesson)
		g := b.byKey[key]
		if g == nil {
			g = &growing{}
			b.byKey[key] = g
			b.groups = append(b.groups, g)
		}
		g.Lesson = o.Lesson
		g.Count++
		g.Occurrences = append(g.Occurrences, o)
		if b.days == 0 || s.Date != b.day {
			b.days, b.day = b.days+1, s.Date
		}
		g.last = b.days
	}
}

// Ledger returns the groups, the one drawn most recently first (those
// last drawn on the same day in the order they were first drawn), each
// with its occurrences newest first.
func (b *LedgerBuilder) Ledger() Ledger {
	// The groups by the day they were last drawn, newest first: a counting
	// sort, as there may be tens of thousands.
	starts := make([]int, b.days+2)
	for _, g := range b.groups {
		starts[b.days-g.last+1]++
	}
	for i := 1; i < len(starts); i++ {
		starts[i] += starts[i-1]
	}
	out := make(Ledger, len(b.groups))
	for _, g := range b.groups {
		for _, o := range g.Occurrences {
			r, ok := b.recheck[o.Date]
			if ok && (g.StillTrue == nil || g.StillTrue.Date.Before(r.Date)) {
				g.StillTrue = &r
			}
		}
		slices.Reverse(g.Occurrences)
		at := &starts[b.days-g.last]
		out[*at] = g.LessonGroup
		*at++
	}
	return out
}

// KeptLedger is a journal that keeps its ledger as it is written, so that
// a page of it is read without gathering every lesson: newest first, as
// Ledger orders it, a group at a time.
type KeptLedger interface {
	// LedgerTotals returns how many lessons were drawn and how many
	// differ; kept is false when the journal keeps no ledger.
	LedgerTotals() (drawn, different int, kept bool, err error)
	// EachKeptGroup calls fn for each group of the ledger, as Ledger
	// orders them, until fn returns Stop. Each occurrence's setback is
	// SetbackLine(setback, KeptSetbackRunes), which a page no more than
	// KeptSetbackRunes-2 columns wide shows as it shows the setback; the
	// occurrences' lessons are left empty. fn must not keep the group: its
	// occurrences, and whether it still holds, are reused for the next,
	// and its strings may be the journal's own bytes, which last only as
	// long as the call: fn clones (LessonGroup.Clone) what it keeps.
	EachKeptGroup(fn func(LessonGroup) error) error
}

// KeptSetbackRunes is how much of a setback's first line a kept ledger
// keeps: enough for a page nearly 200 columns wide.
const KeptSetbackRunes = 200

// SetbackLine is the cut of a setback that ShortenSetbacks(n) keeps: its
// first line, cut to n characters and a "…" when it is longer, and "\n…"
// after it when more lines follow. Cutting a cut to fewer characters
// again gives the cut of the whole.
func SetbackLine(text string, n int) string { return firstLineOf(text, n) }

// firstLineOf is ShortenSetbacks' cut of a text.
func firstLineOf(text string, n int) string {
	line, _, more := strings.Cut(strings.TrimSpace(text), "\n")
	runes := 0
	for i := range line {
		if runes == n {
			line = line[:i] + "…"
			break
		}
		runes++
	}
	if more {
		return line + "\n…"
	}
	return strings.Clone(line)
}
