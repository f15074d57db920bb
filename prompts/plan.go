package prompts

import (
	"hash/fnv"
	"slices"
)

// When says on which path of the evening a step is asked.
type When string

// The paths of an evening: every step is asked always, or only after the
// setback check was answered yes, or only after it was answered no.
const (
	Always     When = "always"
	IfSetback  When = "setback"
	NoSetback  When = "no-setback"
	CheckID         = "setback-check" // the yes/no prompt that picks the path
	MoodID          = "mood"          // the first prompt of every evening
	NextStepID      = "next-step"     // the last prompt of an evening without a setback
	// NextDifferentlyID is the last prompt of an evening with a setback.
	NextDifferentlyID = "next-differently"
	// LessonID is the prompt that asks what a setback taught.
	LessonID = "setback-lesson"
)

// Step is one prompt of a plan and the path it belongs to.
type Step struct {
	Prompt Prompt `json:"prompt"`
	When   When   `json:"when"`
}

// Plan is the ordered list of prompts that one evening may ask.
type Plan struct {
	Date  string `json:"date"`
	Quick bool   `json:"quick,omitempty"`
	Steps []Step `json:"steps"`
}

// RecentWindow is how many of the latest entries a plan looks at to avoid
// asking a rotating prompt again too soon.
const RecentWindow = 5

// rotatingThemes are the themes the evening's one rotating prompt is drawn
// from: everything that is not part of the fixed spine of the session.
var rotatingThemes = []string{
	"reframing", "support", "feedback", "gratitude", "emotions",
	"others-failures", "patterns", "purpose", "visualising",
}

// Plan returns the prompts for the evening of date (YYYY-MM-DD). recent holds
// the prompt ids asked in the last RecentWindow entries before date; prompts
// among them are avoided where the catalog has another choice. The same date
// and recent ids always give the same plan.
//
// The longest path asks nine questions: mood, the setback check, what
// happened, what contributed, the lesson, a self-compassion prompt, a small
// win, the rotating prompt and what to try differently.
func (c *Catalog) Plan(date string, recent []string, quick bool) Plan {
	p := Plan{Date: date, Quick: quick}
	add := func(when When, pr Prompt) {
		if pr.ID != "" { // a slot the catalog has no prompt for is left out
			p.Steps = append(p.Steps, Step{Prompt: pr, When: when})
		}
	}
	pick := func(slot string, candidates []Prompt) Prompt {
		return choose(date, slot, candidates, recent)
	}
	fixed := func(id string) Prompt {
		pr, _ := c.Lookup(id)
		return pr
	}

	add(Always, fixed(MoodID))
	if quick {
		add(Always, pick("win", c.ByTheme("small-wins")))
		add(Always, fixed(NextStepID))
		return p
	}
	add(Always, fixed(CheckID))
	add(IfSetback, fixed("setback-what"))
	add(IfSetback, pick("cause", c.ids("setback-cause", "setback-assumption")))
	add(IfSetback, fixed("setback-lesson"))
	add(IfSetback, pick("compassion", c.ByTheme("self-compassion")))
	add(NoSetback, pick("stretch", c.ByTheme("risk")))
	add(Always, pick("win", c.ByTheme("small-wins")))
	add(Always, c.rotating(date, recent))
	add(IfSetback, fixed(NextDifferentlyID))
	add(NoSetback, fixed(NextStepID))
	return p
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

// rotating picks the evening's rotating prompt: first a theme among those
// that still have a prompt not asked recently, then a prompt of that theme.
// Choosing the theme first keeps themes evenly spread whatever their size.
func (c *Catalog) rotating(date string, recent []string) Prompt {
	var fresh, all []Prompt
	for _, p := range c.Prompts {
		if !slices.Contains(rotatingThemes, p.Theme) {
			continue
		}
		all = append(all, p)
		if !slices.Contains(recent, p.ID) {
			fresh = append(fresh, p)
		}
	}
	if len(fresh) == 0 {
		fresh = all
	}
	var themes []string
	for _, p := range fresh {
		if !slices.Contains(themes, p.Theme) {
			themes = append(themes, p.Theme)
		}
	}
	if len(themes) == 0 {
		return Prompt{}
	}
	theme := themes[spread(date, "rotating-theme", len(themes))]
	var ofTheme []Prompt
	for _, p := range fresh {
		if p.Theme == theme {
			ofTheme = append(ofTheme, p)
		}
	}
	return ofTheme[spread(date, "rotating", len(ofTheme))]
}

// choose picks one of candidates for a slot of the evening of date, avoiding
// recent prompts when another candidate is left. With no candidates it
// returns the zero Prompt.
func choose(date, slot string, candidates []Prompt, recent []string) Prompt {
	if len(candidates) == 0 {
		return Prompt{}
	}
	fresh := slices.DeleteFunc(slices.Clone(candidates), func(p Prompt) bool {
		return slices.Contains(recent, p.ID)
	})
	if len(fresh) == 0 {
		fresh = candidates
	}
	return fresh[spread(date, slot, len(fresh))]
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
// setback check (ignored for a quick plan).
func (p Plan) Asked(setback bool) []Step {
	var out []Step
	for _, s := range p.Steps {
		if s.When == Always || (s.When == IfSetback) == setback {
			out = append(out, s)
		}
	}
	return out
}
