package prompts

import (
	"hash/fnv"
	"math"
	"slices"
	"strings"
	"unicode"
)

// When says on which path of the evening a step is asked.
type When string

// The paths of an evening: every step is asked always, or only after the
// setback check was answered yes, or only after it was answered no, or only
// when an earlier step was not done.
const (
	Always     When = "always"
	IfSetback  When = "setback"
	NoSetback  When = "no-setback"
	NotDone    When = "not-done"
	CheckID         = "setback-check" // the yes/no prompt that picks the path
	MoodID          = "mood"          // the first prompt of every evening
	NextStepID      = "next-step"     // the last prompt of an evening without a setback
	// NextDifferentlyID is the last prompt of an evening with a setback.
	NextDifferentlyID = "next-differently"
	// LessonID is the prompt that asks what a setback taught.
	LessonID = "setback-lesson"
	// FollowUpID asks whether the last planned step was taken; its answer
	// is one of its options.
	FollowUpID = "followup-done"
	// ObstacleID asks what got in the way of a step not (fully) taken.
	ObstacleID = "followup-obstacle"
	// StillTrueID brings an earlier lesson back and asks if it still holds.
	StillTrueID = "lesson-still-true"
	// Done is the follow-up answer for a step that was taken.
	Done = "done"
)

// Ref points at an earlier answer: its date and prompt id.
type Ref struct {
	Date     string `json:"date"`
	PromptID string `json:"prompt_id"`
}

// Earlier is an earlier answer that an evening comes back to.
type Earlier struct {
	Ref
	Text string `json:"text"`
}

// History is what a plan needs to know of the journal before its date.
type History struct {
	// LastAsked maps a prompt id to how many days before the plan's date it
	// was last asked (1 for the day before). Prompts not in it were not
	// asked recently.
	LastAsked map[string]int
	// FollowUp is the step planned earlier that the evening asks about.
	FollowUp *Earlier
	// Resurface is the earlier lesson the evening brings back at its end.
	Resurface *Earlier
	// ResurfaceDay is how Resurface's date is written in its question,
	// such as "Tuesday 17 November".
	ResurfaceDay string
}

// Step is one prompt of a plan and the path it belongs to. A step that
// comes back to an earlier answer says which, in FollowsUp; its answer is
// linked to it.
type Step struct {
	Prompt Prompt `json:"prompt"`
	When   When   `json:"when"`
	// Unless names the part of the paths of When on which the step gives
	// way, to keep the evening to MaxQuestions (such as a setback's "what
	// contributed" when the step followed up was not done).
	Unless    When `json:"unless,omitempty"`
	FollowsUp *Ref `json:"follows_up,omitempty"`
	// Earlier is the text of the earlier answer the step comes back to.
	Earlier string `json:"-"`
}

// MaxQuestions is the most questions any path of an evening asks, the
// follow-up and a lesson brought back included.
const MaxQuestions = 9

// Plan is the ordered list of prompts that one evening may ask.
type Plan struct {
	Date  string `json:"date"`
	Quick bool   `json:"quick,omitempty"`
	Steps []Step `json:"steps"`
}

// RecentWindow is how many of the latest entries a plan looks back over, to
// prefer the prompts and themes asked least recently.
const RecentWindow = 31

// rotatingThemes are the themes the evening's one rotating prompt is drawn
// from: everything that is not part of the fixed spine of the session.
var rotatingThemes = []string{
	"reframing", "support", "feedback", "gratitude", "emotions",
	"others-failures", "patterns", "purpose", "visualising",
}

// rotates reports whether a theme takes turns in the rotating slot: one of
// rotatingThemes, or a theme of the person's own.
func rotates(theme string) bool {
	return slices.Contains(rotatingThemes, theme) || !KnownTheme(theme)
}

// Plan returns the prompts for the evening of date (YYYY-MM-DD), given the
// journal's history before it. Where a slot has a choice, it takes the
// prompt asked least recently (and, for the rotating slot, first the theme
// asked least recently), so that a month of evenings covers every theme.
// Ties are broken by the date. The same date and history always give the
// same plan.
//
// A plan first follows up the step planned last time, if there is one (did
// you do it? and, unless done, what got in the way?). The longest path then
// asks nine questions: mood, the setback check, what happened, what
// contributed, the lesson, a self-compassion prompt, a small win, the
// rotating prompt and what to try differently. An earlier lesson may come
// back at the end. No path asks more than MaxQuestions: where the follow-up
// or the lesson brought back would make it longer, steps give way on that
// path, in this order: the rotating prompt, then the lesson brought back,
// then what contributed to the setback. A quick plan asks the follow-up,
// mood, a small win and a next step.
func (c *Catalog) Plan(date string, h History, quick bool) Plan {
	p := Plan{Date: date, Quick: quick}
	add := func(when When, pr Prompt) {
		if pr.ID != "" { // a slot the catalog has no prompt for is left out
			p.Steps = append(p.Steps, Step{Prompt: pr, When: when})
		}
	}
	pick := func(slot string, candidates []Prompt) Prompt {
		return leastRecent(date, slot, candidates, h.LastAsked)
	}
	fixed := func(id string) Prompt {
		pr, _ := c.Lookup(id)
		return pr
	}
	// comeBack adds a step that comes back to an earlier answer, quoted in
	// its question as quote; an answer with no words to quote is not.
	comeBack := func(when When, id string, e *Earlier, quote string, fill map[string]string) bool {
		pr, ok := c.Lookup(id)
		if !ok || e == nil || quoted(e.Text) == "" {
			return false
		}
		pr.Question = strings.ReplaceAll(pr.Question, "{"+quote+"}", quoted(e.Text))
		for k, v := range fill {
			pr.Question = strings.ReplaceAll(pr.Question, "{"+k+"}", v)
		}
		ref := e.Ref
		p.Steps = append(p.Steps, Step{Prompt: pr, When: when, FollowsUp: &ref, Earlier: e.Text})
		return true
	}

	if f := h.FollowUp; f != nil && comeBack(Always, FollowUpID, f, "step", nil) {
		comeBack(NotDone, ObstacleID, f, "", nil)
	}
	add(Always, fixed(MoodID))
	if quick {
		add(Always, pick("win", c.ByTheme(ThemeSmallWins)))
		add(Always, fixed(NextStepID))
		return p
	}
	add(Always, fixed(CheckID))
	add(IfSetback, fixed("setback-what"))
	cause := pick("cause", c.ids("setback-cause", "setback-assumption"))
	add(IfSetback, cause)
	add(IfSetback, fixed(LessonID))
	add(IfSetback, pick("compassion", c.ByTheme("self-compassion")))
	add(NoSetback, pick("stretch", c.ByTheme("risk")))
	add(Always, pick("win", c.ByTheme(ThemeSmallWins)))
	rotating := c.rotating(date, h.LastAsked)
	add(Always, rotating)
	add(IfSetback, fixed(NextDifferentlyID))
	add(NoSetback, fixed(NextStepID))
	if r := h.Resurface; r != nil {
		comeBack(Always, StillTrueID, r, "lesson", map[string]string{"date": h.ResurfaceDay})
	}
	p.giveWay(rotating.ID, StillTrueID, cause.ID)
	return p
}

// paths are the ways through an evening: the answer to the setback check,
// and whether the step followed up was done.
var paths = [4][2]bool{{true, true}, {true, false}, {false, true}, {false, false}}

// giveWay keeps every path to MaxQuestions: each step of ids in turn (the
// ones that give way first come first) stops being asked on the paths
// still too long, until none is.
func (p *Plan) giveWay(ids ...string) {
	for _, id := range ids {
		i := slices.IndexFunc(p.Steps, func(s Step) bool { return s.Prompt.ID == id })
		if id == "" || i < 0 {
			continue
		}
		var long [][2]bool // the paths too long on which the step is asked
		for _, path := range paths {
			if p.Steps[i].On(path[0], path[1]) && len(p.Asked(path[0], path[1])) > MaxQuestions {
				long = append(long, path)
			}
		}
		if len(long) > 0 {
			p.Steps[i] = narrowed(p.Steps[i], long)
		}
	}
	p.Steps = slices.DeleteFunc(p.Steps, func(s Step) bool {
		return !slices.ContainsFunc(paths[:], func(path [2]bool) bool { return s.On(path[0], path[1]) })
	})
}

// narrowed returns s no longer asked on the paths long: it gives way on
// the narrowest condition that holds on all of them (everywhere if none
// does), said as simply as it can be.
func narrowed(s Step, long [][2]bool) Step {
	holdsOnAll := func(w When) bool {
		return !slices.ContainsFunc(long, func(path [2]bool) bool { return !w.holds(path[0], path[1]) })
	}
	cost := func(w When) int { // the paths on which s would no longer be asked
		n := 0
		for _, path := range paths {
			if s.On(path[0], path[1]) && w.holds(path[0], path[1]) {
				n++
			}
		}
		return n
	}
	unless := Always
	for _, w := range []When{IfSetback, NoSetback, NotDone} {
		if holdsOnAll(w) && cost(w) < cost(unless) {
			unless = w
		}
	}
	s.Unless = unless
	switch {
	case s.When == Always && s.Unless == IfSetback:
		s.When, s.Unless = NoSetback, ""
	case s.When == Always && s.Unless == NoSetback:
		s.When, s.Unless = IfSetback, ""
	}
	return s
}

// quoted is an earlier answer as a question quotes it: on one line, and
// without closing punctuation of its own, as the question closes the
// sentence after the quote («call Sam». and never «call Sam.».).
func quoted(s string) string {
	return strings.TrimRightFunc(strings.Join(strings.Fields(s), " "), func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(".!?…,;:。！？．‽", r)
	})
}

// ids returns the prompts with the given ids that the catalog has.
func (c *Catalog) ids(ids ...string) []Prompt {
	var out []Prompt
	for _, id := range ids {
		if p, ok := c.Lookup(id); ok {
			out = append(out, p)
		}
	}
	return out
}

// rotating picks the evening's rotating prompt: the theme asked least
// recently, then its prompt asked least recently. Choosing the theme first
// keeps themes evenly spread whatever their size.
func (c *Catalog) rotating(date string, lastAsked map[string]int) Prompt {
	var themes []Prompt // a stand-in per theme, named by the theme
	byTheme := map[string][]Prompt{}
	for _, p := range c.Prompts {
		if !rotates(p.Theme) {
			continue
		}
		if _, seen := byTheme[p.Theme]; !seen {
			themes = append(themes, Prompt{ID: p.Theme})
		}
		byTheme[p.Theme] = append(byTheme[p.Theme], p)
	}
	// A theme was last asked when its most recently asked prompt was.
	themeAge := make(map[string]int, len(themes))
	for theme, ps := range byTheme {
		for _, p := range ps {
			if days, ok := lastAsked[p.ID]; ok {
				if old, seen := themeAge[theme]; !seen || days < old {
					themeAge[theme] = days
				}
			}
		}
	}
	theme := leastRecent(date, "rotating-theme", themes, themeAge)
	if theme.ID == "" {
		return Prompt{}
	}
	return leastRecent(date, "rotating", byTheme[theme.ID], lastAsked)
}

// leastRecent picks, for a slot of the evening of date, the candidate asked
// longest ago (by its id in lastAsked; never asked is longest), breaking
// ties by the date. With no candidates it returns the zero Prompt.
func leastRecent(date, slot string, candidates []Prompt, lastAsked map[string]int) Prompt {
	if len(candidates) == 0 {
		return Prompt{}
	}
	age := func(p Prompt) int {
		if days, ok := lastAsked[p.ID]; ok {
			return days
		}
		return math.MaxInt
	}
	oldest := math.MinInt
	var best []Prompt
	for _, p := range candidates {
		switch a := age(p); {
		case a > oldest:
			oldest, best = a, []Prompt{p}
		case a == oldest:
			best = append(best, p)
		}
	}
	return best[spread(date, slot, len(best))]
}

// spread maps a date and slot name to an index below n, the same every time.
func spread(date, slot string, n int) int {
	h := fnv.New32a()
	h.Write([]byte(date))
	h.Write([]byte{0})
	h.Write([]byte(slot))
	return int(h.Sum32() % uint32(n))
}

// Asked returns the steps that an evening asks, given the answer to the
// setback check (ignored for a quick plan) and whether the step followed up
// was done.
func (p Plan) Asked(setback, done bool) []Step {
	var out []Step
	for _, s := range p.Steps {
		if s.On(setback, done) {
			out = append(out, s)
		}
	}
	return out
}

// On reports whether the step is asked, given the answer to the setback
// check and whether the step followed up was done.
func (s Step) On(setback, done bool) bool {
	return s.When.holds(setback, done) && (s.Unless == "" || !s.Unless.holds(setback, done))
}

// holds reports whether the condition holds on a path: the answer to the
// setback check and whether the step followed up was done.
func (w When) holds(setback, done bool) bool {
	switch w {
	case IfSetback:
		return setback
	case NoSetback:
		return !setback
	case NotDone:
		return !done
	}
	return true
}
