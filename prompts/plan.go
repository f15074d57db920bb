package prompts

import (
	"hash/fnv"
	"math"
	"math/bits"
	"slices"
	"strings"
	"time"
	"unicode"
)

// When is a condition on the way through an evening: a step is asked on
// the paths where its When holds and none of its Unless does.
type When string

// The conditions. An evening's path is chosen by the answers: to the setback
// check (no, yes, or yes and it weighs heavily), to the mood, and to whether
// the step followed up was done.
const (
	Always    When = "always"
	IfSetback When = "setback"    // the setback check was answered yes
	NoSetback When = "no-setback" // it was answered no
	NotDone   When = "not-done"   // the step followed up was not (fully) done
	// Heavy: the evening is a heavy one, the mood at the low end (1 of 5)
	// or a setback that weighs heavily. The setback chain then gives way to
	// a short path of self-compassion, with no lesson asked for.
	Heavy When = "heavy"
	Light When = "light" // not heavy
)

// The ids and answers of the catalog that plans and sessions look for.
const (
	CheckID    = "setback-check" // the choice that picks the setback path
	MoodID     = "mood"          // the first prompt of every evening
	NextStepID = "next-step"     // the last prompt of an evening without a setback
	// NextDifferentlyID is the last prompt of an evening with a setback.
	NextDifferentlyID = "next-differently"
	// LessonID is the prompt that asks what a setback taught.
	LessonID = "setback-lesson"
	// LessonLaterID asks, on a later evening, for the lesson of a heavy
	// evening's setback, which was not asked for that night.
	LessonLaterID = "setback-lesson-later"
	// FollowUpID asks whether the last planned step was taken; its answer
	// is one of its options.
	FollowUpID = "followup-done"
	// ObstacleID asks what got in the way of a step not (fully) taken.
	ObstacleID = "followup-obstacle"
	// StillTrueID brings an earlier lesson back and asks if it still holds.
	StillTrueID = "lesson-still-true"
	// FreeNoteID closes every evening: anything else on your mind.
	FreeNoteID = "free-write"
	// The heavy evening's path: what happened, plainly; others have been
	// there too; what you would say to a friend.
	HeavyPlainID  = "heavy-plain"
	HeavySharedID = "heavy-shared"
	HeavyFriendID = "kind-friend"
	// Done is the follow-up answer for a step that was taken.
	Done = "done"
	// Weighs is the answer to the setback check for a setback that weighs
	// heavily; "yes" is one that does not.
	Weighs = "yes, and it weighs on me"
	// HeavyMood is the mood at the low end of the scale.
	HeavyMood = "1"
)

// Path is one way through an evening, as its answers choose it.
type Path struct {
	Setback bool // the setback check was answered yes
	Done    bool // the step followed up was done
	Heavy   bool // the mood is at the low end, or the setback weighs heavily
}

// Paths returns every way through an evening.
func Paths() []Path {
	var out []Path
	for _, setback := range []bool{true, false} {
		for _, done := range []bool{true, false} {
			for _, heavy := range []bool{false, true} {
				out = append(out, Path{Setback: setback, Done: done, Heavy: heavy})
			}
		}
	}
	return out
}

// PathOf returns the part of the path that an answer chooses, given the
// path so far: the setback check chooses Setback (and Heavy, when the
// setback weighs), the mood Heavy, the follow-up Done.
func PathOf(p Path, promptID, answer string) Path {
	switch promptID {
	case CheckID:
		p.Setback = answer == Yes || answer == Weighs
		p.Heavy = p.Heavy || answer == Weighs
	case MoodID:
		p.Heavy = p.Heavy || answer == HeavyMood
	case FollowUpID:
		p.Done = answer == Done
	}
	return p
}

// IsLesson reports whether the prompt id asks for a lesson: a setback's,
// that night or on a later evening.
func IsLesson(id string) bool { return id == LessonID || id == LessonLaterID }

// DefaultYes reports whether a yes/no prompt's answer is yes when the
// person just presses Enter: so for whether a lesson brought back still
// holds, which a tired Enter must not give up; no for any other.
func DefaultYes(p Prompt) bool { return p.ID == StillTrueID }

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
	// LessonLater is the setback of a recent heavy evening, which asked
	// for no lesson that night: a light evening offers to draw it now.
	LessonLater *Earlier
	// LessonLaterDay is how LessonLater's date is written in its question.
	LessonLaterDay string
}

// Step is one prompt of a plan and the paths it is asked on. A step that
// comes back to an earlier answer says which, in FollowsUp; its answer is
// linked to it.
type Step struct {
	Prompt Prompt `json:"prompt"`
	When   When   `json:"when"`
	// Unless names the conditions on which the step is not asked after
	// all: a setback's chain on a heavy evening, and where a step gives way
	// to keep the evening to MaxQuestions (such as a setback's "what
	// contributed" when the step followed up was not done).
	Unless    []When `json:"unless,omitempty"`
	FollowsUp *Ref   `json:"follows_up,omitempty"`
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
// you do it? and, unless done, what got in the way?). Then the mood and the
// setback check. After a setback: what happened, what contributed, the
// lesson and a self-compassion prompt; without one, a stretch outside the
// comfort zone. On a heavy evening (the mood at 1, or a setback that weighs)
// those give way to three steps of self-compassion: what happened, said
// plainly; others who have been there; what you would say to a friend. Then
// a small win, the rotating prompt, the next step (after a setback on an
// evening that is not heavy: what to try differently next time), and what
// may come back from earlier evenings on a light one: a lesson, and the
// lesson of a recent heavy evening. A free note closes every evening.
//
// No path asks more than MaxQuestions: where it would, steps give way on
// that path, in this order: the rotating prompt, the lesson brought back,
// the lesson of a heavy evening, what contributed to the setback or the
// self-compassion prompt (taking turns by the day: one on odd days of the
// year, the other on even), what got in the way of the step followed up,
// the small win, and then the other of the two. A quick plan asks the follow-up,
// mood, a small win, a next step and the free note.
func (c *Catalog) Plan(date string, h History, quick bool) Plan {
	p := Plan{Date: date, Quick: quick}
	add := func(when When, pr Prompt, unless ...When) {
		if pr.ID != "" { // a slot the catalog has no prompt for is left out
			p.Steps = append(p.Steps, Step{Prompt: pr, When: when, Unless: unless})
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
		add(Always, fixed(FreeNoteID))
		return p
	}
	add(Always, fixed(CheckID))
	add(IfSetback, fixed("setback-what"), Heavy)
	cause := pick("cause", c.ids("setback-cause", "setback-assumption"))
	add(IfSetback, cause, Heavy)
	add(IfSetback, fixed(LessonID), Heavy)
	compassion := pick("compassion", c.everyday("self-compassion"))
	add(IfSetback, compassion, Heavy)
	add(NoSetback, pick("stretch", c.ByTheme("risk")), Heavy)
	add(Heavy, fixed(HeavyPlainID))
	add(Heavy, fixed(HeavySharedID))
	add(Heavy, fixed(HeavyFriendID))
	win := pick("win", c.ByTheme(ThemeSmallWins))
	add(Always, win)
	rotating := c.rotating(date, h.LastAsked)
	add(Always, rotating)
	// A heavy evening plans a small step for tomorrow, not what to try
	// differently: that is a lesson, and its lesson waits.
	setbackLight := IfSetback + "+" + Light
	add(setbackLight, fixed(NextDifferentlyID))
	add(Always, fixed(NextStepID), setbackLight)
	if r := h.Resurface; r != nil {
		// An earlier lesson comes back on a light evening only.
		comeBack(Light, StillTrueID, r, "lesson", map[string]string{"date": h.ResurfaceDay})
	}
	if l := h.LessonLater; l != nil {
		comeBack(Light, LessonLaterID, l, "setback", map[string]string{"date": h.LessonLaterDay})
	}
	add(Always, fixed(FreeNoteID))
	// What contributed and the kind question take turns to give way, one
	// evening and the next, so that both come on the evenings that are
	// full (a step followed up, a setback): neither is lost for good.
	turns := []string{cause.ID, compassion.ID}
	if dayOfYear(date)%2 == 1 {
		turns = []string{compassion.ID, cause.ID}
	}
	p.giveWay(rotating.ID, StillTrueID, LessonLaterID, turns[0], ObstacleID, win.ID, turns[1])
	return p
}

// dayOfYear is the day of the year of date (YYYY-MM-DD); 0 when it does
// not parse.
func dayOfYear(date string) int {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return 0
	}
	return t.YearDay()
}

// heavyPath are the prompts of a heavy evening's path, which the everyday
// slots do not draw from.
var heavyPath = []string{HeavyPlainID, HeavySharedID, HeavyFriendID}

// everyday returns the prompts of a theme that everyday slots draw from:
// those of the heavy evening's path left out.
func (c *Catalog) everyday(theme string) []Prompt {
	return slices.DeleteFunc(c.ByTheme(theme), func(p Prompt) bool { return slices.Contains(heavyPath, p.ID) })
}

// giveWay keeps every path to MaxQuestions: each step of ids in turn (the
// ones that give way first come first) stops being asked on the paths
// still too long, until none is. A step gives way only on what the
// answers before it have decided: what got in the way of the step followed
// up, asked before the mood and the setback check, cannot give way on a
// setback or a heavy evening, and is left for the next in turn.
func (p *Plan) giveWay(ids ...string) {
	all := Paths()
	for _, id := range ids {
		i := slices.IndexFunc(p.Steps, func(s Step) bool { return s.Prompt.ID == id })
		if id == "" || i < 0 {
			continue
		}
		var long []Path // the paths too long on which the step is asked
		for _, path := range all {
			if p.Steps[i].On(path) && len(p.Asked(path)) > MaxQuestions {
				long = append(long, path)
			}
		}
		if len(long) > 0 {
			if s, ok := narrowed(p.Steps[i], long, p.decidedBefore(i)); ok {
				p.Steps[i] = s
			}
		}
	}
	p.Steps = slices.DeleteFunc(p.Steps, func(s Step) bool {
		return !slices.ContainsFunc(all, s.On)
	})
}

// atoms are the conditions that a path's answers decide one by one.
var atoms = []When{IfSetback, NoSetback, NotDone, Heavy, Light}

// conditions are what a step may give way on: each atom, then each two of
// them that can hold together, such as "setback+light" (a setback, on an
// evening that is not heavy), simplest first.
func conditions() []When {
	out := slices.Clone(atoms)
	for i, a := range atoms {
		for _, b := range atoms[i+1:] {
			if opposite[a] != b {
				out = append(out, a+"+"+b)
			}
		}
	}
	return out
}

// opposite is the condition that holds where another does not, for those
// that have one.
var opposite = map[When]When{IfSetback: NoSetback, NoSetback: IfSetback, Heavy: Light, Light: Heavy}

// decidedBefore returns the conditions that the answers before step i
// decide: whether the step followed up was done, once it is asked; the
// setback and a heavy evening, once the mood and the setback check are.
func (p Plan) decidedBefore(i int) []When {
	var out []When
	asked := func(id string) bool {
		return slices.ContainsFunc(p.Steps[:i], func(s Step) bool { return s.Prompt.ID == id })
	}
	if asked(FollowUpID) {
		out = append(out, NotDone)
	}
	if asked(CheckID) {
		out = append(out, IfSetback, NoSetback)
		if asked(MoodID) {
			out = append(out, Heavy, Light)
		}
	}
	return out
}

// narrowed returns s no longer asked on the paths long: it gives way on
// the narrowest conditions, up to three, that hold on all of them between
// them, each said as simply as it can be and made only of the conditions
// decided. Where none do, unless s may give way wherever it is asked
// (when it is asked only where it could not fit), ok is false.
func narrowed(s Step, long []Path, decided []When) (_ Step, ok bool) {
	all := Paths()
	// Sets of paths, a bit for each of all.
	set := func(in func(Path) bool) uint {
		var bits uint
		for i, path := range all {
			if in(path) {
				bits |= 1 << i
			}
		}
		return bits
	}
	on, mustGo := set(s.On), set(func(p Path) bool { return slices.Contains(long, p) })
	conds := slices.DeleteFunc(conditions(), func(w When) bool {
		return slices.ContainsFunc(w.Parts(), func(part When) bool { return !slices.Contains(decided, part) })
	})
	holds := make([]uint, len(conds))
	for i, w := range conds {
		holds[i] = set(w.holds)
	}
	best, cost := []When{Always}, bits.OnesCount(on)
	try := func(gone uint, ws ...When) {
		if gone &= on; mustGo&^gone == 0 && bits.OnesCount(gone) < cost {
			best, cost = ws, bits.OnesCount(gone)
		}
	}
	for i, a := range conds {
		try(holds[i], a)
		for j := i + 1; j < len(conds); j++ {
			try(holds[i]|holds[j], a, conds[j])
			for k := j + 1; k < len(conds); k++ {
				try(holds[i]|holds[j]|holds[k], a, conds[j], conds[k])
			}
		}
	}
	if best[0] == Always && mustGo != on {
		return s, false // it would give way where it fits: leave it to the next
	}
	if o, ok := opposite[best[0]]; ok && s.When == Always && len(best) == 1 {
		s.When = o // asked always unless yes: asked if no
		return s, true
	}
	s.Unless = append(slices.Clip(s.Unless), best...)
	return s, true
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

// Asked returns the steps that an evening asks on a path (for a quick
// plan, whatever the path says of the setback check).
func (p Plan) Asked(path Path) []Step {
	var out []Step
	for _, s := range p.Steps {
		if s.On(path) {
			out = append(out, s)
		}
	}
	return out
}

// Longest returns the most steps an evening asks on any path that keep
// holds for.
func (p Plan) Longest(keep func(Path) bool) int {
	n := 0
	for _, path := range Paths() {
		if keep(path) {
			n = max(n, len(p.Asked(path)))
		}
	}
	return n
}

// On reports whether the step is asked on a path.
func (s Step) On(path Path) bool {
	return s.When.holds(path) && !slices.ContainsFunc(s.Unless, func(w When) bool { return w.holds(path) })
}

// Parts returns the conditions that w joins, all of which must hold: one
// for most, two for a condition such as "setback+light".
func (w When) Parts() []When {
	var out []When
	for part := range strings.SplitSeq(string(w), "+") {
		out = append(out, When(part))
	}
	return out
}

// holds reports whether the condition holds on a path.
func (w When) holds(path Path) bool {
	if strings.Contains(string(w), "+") {
		return !slices.ContainsFunc(w.Parts(), func(part When) bool { return !part.holds(path) })
	}
	switch w {
	case IfSetback:
		return path.Setback
	case NoSetback:
		return !path.Setback
	case NotDone:
		return !path.Done
	case Heavy:
		return path.Heavy
	case Light:
		return !path.Heavy
	}
	return true
}
