package prompts

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

func ids(steps []Step) []string {
	var out []string
	for _, s := range steps {
		out = append(out, s.Prompt.ID)
	}
	return out
}

// The paths of an evening, by name.
var (
	setbackPath = Path{Setback: true, Done: true}
	calmPath    = Path{Done: true}
	heavyPath_  = Path{Setback: true, Done: true, Heavy: true}
	lowPath     = Path{Done: true, Heavy: true} // a low mood, and no setback
)

func TestPlanShape(t *testing.T) {
	c := Builtin()
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 400; i++ {
		date := day.AddDate(0, 0, i).Format("2006-01-02")
		p := c.Plan(date, History{}, false)
		setback, calm := p.Asked(setbackPath), p.Asked(calmPath)
		heavy, low := p.Asked(heavyPath_), p.Asked(lowPath)
		// A setback's evening is full: the rotating prompt gives way.
		if got := ids(setback); !slices.Equal(got, []string{MoodID, CheckID, "setback-what", got[3], LessonID, got[5], got[6], NextDifferentlyID, FreeNoteID}) {
			t.Fatalf("%s: the setback path asks %v", date, got)
		}
		if !slices.Contains([]string{"setback-cause", "setback-assumption"}, setback[3].Prompt.ID) ||
			setback[5].Prompt.Theme != "self-compassion" || setback[6].Prompt.Theme != ThemeSmallWins {
			t.Errorf("%s: the setback path asks %v", date, ids(setback))
		}
		if got := ids(calm); len(got) != 7 || got[0] != MoodID || got[1] != CheckID || got[5] != NextStepID || got[6] != FreeNoteID ||
			calm[2].Prompt.Theme != "risk" || calm[3].Prompt.Theme != ThemeSmallWins || !slices.Contains(rotatingThemes, calm[4].Prompt.Theme) {
			t.Errorf("%s: the calm path asks %v", date, got)
		}
		// A heavy evening asks no lesson, and three steps of kindness in
		// place of the setback's chain.
		for _, path := range [][]Step{heavy, low} {
			got := ids(path)
			if len(got) != 9 || !slices.Equal(got[:5], []string{MoodID, CheckID, HeavyPlainID, HeavySharedID, HeavyFriendID}) ||
				path[5].Prompt.Theme != ThemeSmallWins || got[8] != FreeNoteID || slices.Contains(got, LessonID) {
				t.Errorf("%s: a heavy path asks %v", date, got)
			}
		}
		// A heavy evening plans a small step, not what to try
		// differently: that is a lesson, and it waits.
		if heavy[7].Prompt.ID != NextStepID || low[7].Prompt.ID != NextStepID {
			t.Errorf("%s: heavy paths end %s and %s", date, heavy[7].Prompt.ID, low[7].Prompt.ID)
		}
	}
}

func TestPathOf(t *testing.T) {
	for _, tt := range []struct {
		answers [][2]string
		want    Path
	}{
		{[][2]string{{MoodID, "3"}, {CheckID, "no"}}, Path{}},
		{[][2]string{{MoodID, "3"}, {CheckID, "yes"}}, Path{Setback: true}},
		{[][2]string{{MoodID, "2"}, {CheckID, Weighs}}, Path{Setback: true, Heavy: true}},
		{[][2]string{{MoodID, "1"}, {CheckID, "no"}}, Path{Heavy: true}},
		{[][2]string{{FollowUpID, Done}, {MoodID, "1"}, {CheckID, "yes"}}, Path{Setback: true, Done: true, Heavy: true}},
		{[][2]string{{FollowUpID, "partly"}, {MoodID, "4"}}, Path{}},
	} {
		var got Path
		for _, a := range tt.answers {
			got = PathOf(got, a[0], a[1])
		}
		if got != tt.want {
			t.Errorf("after %v the path is %+v, want %+v", tt.answers, got, tt.want)
		}
	}
}

// asked returns a history in which each prompt id was asked that many days
// before.
func asked(ages map[string]int) History { return History{LastAsked: ages} }

func TestPlanIsDeterministic(t *testing.T) {
	c := Builtin()
	h := asked(map[string]int{"win-small": 1, "grateful-today": 2})
	a := c.Plan("2026-11-20", h, false)
	b := c.Plan("2026-11-20", asked(map[string]int{"grateful-today": 2, "win-small": 1}), false)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same date and journal gave two plans")
	}
}

// TestRotationRemembers plays a month of evenings, each remembering the
// ones before: every rotating theme comes up, and no rotating prompt repeats
// before its theme has had a turn with each of its prompts.
func TestRotationRemembers(t *testing.T) {
	c := Builtin()
	start := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	last := map[string]int{} // prompt id → day number it was last asked
	themes := map[string]int{}
	// Six weeks, a setback every third evening: thirty calm evenings, each
	// with a rotating prompt (a setback's evening is full without one).
	for day := 0; day < 45; day++ {
		ages := map[string]int{}
		for id, d := range last {
			ages[id] = day - d
		}
		p := c.Plan(start.AddDate(0, 0, day).Format("2006-01-02"), asked(ages), false)
		for _, s := range p.Asked(Path{Setback: day%3 == 0, Done: true}) {
			last[s.Prompt.ID] = day
		}
		if day%3 == 0 {
			continue
		}
		rot := p.Asked(calmPath)[4].Prompt
		if !slices.Contains(rotatingThemes, rot.Theme) {
			t.Fatalf("day %d: the rotating slot asked %s", day, rot.ID)
		}
		themes[rot.Theme]++
	}
	for _, theme := range rotatingThemes {
		if themes[theme] < 3 {
			t.Errorf("a month of evenings asked theme %s %d times, want every theme 3 times or more: %v", theme, themes[theme], themes)
		}
	}
}

func TestPlanPrefersWhatWasAskedLongestAgo(t *testing.T) {
	c := Builtin()
	for i := 1; i <= 28; i++ {
		date := fmt.Sprintf("2026-02-%02d", i)
		first := c.Plan(date, History{}, false)
		ages := map[string]int{}
		for _, s := range first.Steps {
			ages[s.Prompt.ID] = 1
		}
		second := c.Plan(date, asked(ages), false)
		for _, s := range second.Steps {
			if slices.Contains(heavyPath, s.Prompt.ID) {
				continue // the heavy evening's path: the same three every time
			}
			switch s.Prompt.Theme {
			case "self-compassion", "risk", "small-wins", "reframing", "support", "feedback",
				"gratitude", "emotions", "others-failures", "patterns", "purpose", "visualising":
				if ages[s.Prompt.ID] == 1 {
					t.Errorf("%s: %s was asked yesterday but chosen again", date, s.Prompt.ID)
				}
			}
		}
	}
}

func TestQuickPlan(t *testing.T) {
	p := Builtin().Plan("2026-11-20", History{}, true)
	got := ids(p.Steps)
	if len(got) != 4 || got[0] != MoodID || got[2] != NextStepID || p.Steps[1].Prompt.Theme != "small-wins" || got[3] != FreeNoteID {
		t.Fatalf("quick plan = %v, want mood, a small win, next step, the free note", got)
	}
}

func TestPlanComesBack(t *testing.T) {
	h := History{
		FollowUp:     &Earlier{Ref: Ref{Date: "2026-11-19", PromptID: NextStepID}, Text: "Call\nSam"},
		Resurface:    &Earlier{Ref: Ref{Date: "2026-11-13", PromptID: LessonID}, Text: "Ask early."},
		ResurfaceDay: "Friday 13 November",
	}
	for _, quick := range []bool{false, true} {
		p := Builtin().Plan("2026-11-20", h, quick)
		first, second := p.Steps[0], p.Steps[1]
		if first.Prompt.ID != FollowUpID || first.Prompt.Question != "Last time you planned «Call Sam». Did you do it?" ||
			first.FollowsUp == nil || *first.FollowsUp != h.FollowUp.Ref || first.When != Always {
			t.Errorf("quick %v: first step %+v", quick, first)
		}
		if second.Prompt.ID != ObstacleID || second.When != NotDone || *second.FollowsUp != h.FollowUp.Ref {
			t.Errorf("quick %v: second step %+v", quick, second)
		}
		if last := p.Steps[len(p.Steps)-1]; last.Prompt.ID != FreeNoteID {
			t.Errorf("quick %v: the plan ends with %s", quick, last.Prompt.ID)
		}
		last := p.Steps[len(p.Steps)-2]
		if quick {
			if last.Prompt.ID == StillTrueID {
				t.Error("a quick plan brings a lesson back")
			}
			continue
		}
		if last.Prompt.ID != StillTrueID || last.Prompt.Question != "On Friday 13 November you wrote «Ask early». Is it still true for you?" || *last.FollowsUp != h.Resurface.Ref {
			t.Errorf("last step %+v", last)
		}
		// Nine questions at most: the rotating prompt gives way first,
		// then the lesson brought back and what contributed. What got in
		// the way is asked before the answers that choose a setback or a
		// heavy evening, so it cannot give way on them: the small win
		// does, where the step followed up was not done.
		rot := Builtin().rotating("2026-11-20", nil).ID
		win := leastRecent("2026-11-20", "win", Builtin().ByTheme(ThemeSmallWins), nil).ID
		for _, tt := range []struct {
			path    Path
			without []string
		}{
			{setbackPath, []string{rot, StillTrueID, "setback-cause", "setback-assumption"}},
			{Path{Setback: true}, []string{rot, StillTrueID, "setback-cause", "setback-assumption", win}},
			{calmPath, nil},
			{Path{}, []string{rot}},
			{heavyPath_, []string{rot, StillTrueID}},
			{Path{Setback: true, Heavy: true}, []string{rot, StillTrueID, win}},
			{lowPath, []string{rot, StillTrueID}},
			{Path{Heavy: true}, []string{rot, StillTrueID, win}},
		} {
			asked := ids(p.Asked(tt.path))
			if len(asked) != MaxQuestions || slices.ContainsFunc(tt.without, func(id string) bool { return slices.Contains(asked, id) }) {
				t.Errorf("%+v: asks %d %v, want %d without %v", tt.path, len(asked), asked, MaxQuestions, tt.without)
			}
		}
	}
}

// TestALessonCanWait: a heavy evening asks for no lesson; a light evening
// after it offers to draw one, quoting what happened; a heavy one does not.
func TestALessonCanWait(t *testing.T) {
	h := History{
		LessonLater:    &Earlier{Ref: Ref{Date: "2026-11-18", PromptID: HeavyPlainID}, Text: "The pitch fell apart."},
		LessonLaterDay: "Wednesday",
	}
	p := Builtin().Plan("2026-11-20", h, false)
	i := slices.IndexFunc(p.Steps, func(s Step) bool { return s.Prompt.ID == LessonLaterID })
	if i < 0 {
		t.Fatalf("the lesson that waited is not offered: %v", ids(p.Steps))
	}
	step := p.Steps[i]
	if step.Prompt.Question != "On Wednesday you wrote «The pitch fell apart». What would you take from it now?" || *step.FollowsUp != h.LessonLater.Ref {
		t.Errorf("the step %+v", step)
	}
	// Asked on a light evening with room for it: a setback's own evening
	// is full.
	for _, path := range Paths() {
		want := !path.Heavy && !path.Setback
		if asked := slices.Contains(ids(p.Asked(path)), LessonLaterID); asked != want {
			t.Errorf("%+v: the lesson that waited asked: %v", path, asked)
		}
	}
}

// TestEveryPathFitsNineQuestions plans with and without a step to follow up
// and a lesson to bring back, on the built-in catalog and on catalogs with
// slots turned off: no path asks more than nine questions, and what gives
// way is only ever the rotating prompt, a lesson brought back or offered
// again, what contributed or what got in the way; every path ends with the
// free note.
func TestEveryPathFitsNineQuestions(t *testing.T) {
	follow := &Earlier{Ref: Ref{Date: "2026-11-19", PromptID: NextStepID}, Text: "Call Sam."}
	lesson := &Earlier{Ref: Ref{Date: "2026-11-13", PromptID: LessonID}, Text: "Ask early!"}
	later := &Earlier{Ref: Ref{Date: "2026-11-18", PromptID: HeavyPlainID}, Text: "It fell apart."}
	catalogs := map[string]*Catalog{"built-in": Builtin()}
	for _, off := range [][]string{
		{"setback-cause", "setback-assumption"},
		{"kind-friend", "kind-forgive", "kind-care", "kind-temporary"},
		{"risk-stretch", "risk-worth", "risk-fear"},
		{FollowUpID},
		{HeavyPlainID, HeavySharedID},
		{FreeNoteID},
	} {
		c, err := Builtin().WithCustom([]byte(`{"disable": ["`+strings.Join(off, `", "`)+`"]}`), "p.json")
		if err != nil {
			t.Fatal(err)
		}
		catalogs[strings.Join(off, ",")] = c
	}
	for name, c := range catalogs {
		for i := 0; i < 60; i++ {
			date := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format("2006-01-02")
			for _, h := range []History{{}, {FollowUp: follow}, {Resurface: lesson}, {FollowUp: follow, Resurface: lesson},
				{FollowUp: follow, Resurface: lesson, LessonLater: later}, {LessonLater: later}} {
				p := c.Plan(date, h, false)
				mayGiveWay := []string{StillTrueID, LessonLaterID, "setback-cause", "setback-assumption", ObstacleID, c.rotating(date, nil).ID,
					leastRecent(date, "win", c.ByTheme(ThemeSmallWins), nil).ID, leastRecent(date, "compassion", c.everyday("self-compassion"), nil).ID}
				for _, path := range Paths() {
					asked := ids(p.Asked(path))
					if len(asked) > MaxQuestions {
						t.Fatalf("%s, %s, %+v: %+v asks %d: %v", name, date, h, path, len(asked), asked)
					}
					for _, id := range ids(c.Plan(date, History{}, false).Asked(path)) {
						if !slices.Contains(asked, id) && !slices.Contains(mayGiveWay, id) {
							t.Errorf("%s, %s: %s gave way on %+v", name, date, id, path)
						}
					}
					if p.Asked(path)[0].Prompt.ID == FollowUpID && !slices.Contains(asked, ObstacleID) && !path.Done {
						t.Errorf("%s, %s, %+v: what got in the way gave way", name, date, path)
					}
					if got := asked[len(asked)-1]; got != FreeNoteID && !slices.Contains(c.Disabled, FreeNoteID) {
						t.Errorf("%s, %s, %+v: the evening ends with %s, not the free note", name, date, path, got)
					}
				}
				if h.Resurface != nil && !slices.Contains(ids(p.Asked(calmPath)), StillTrueID) {
					t.Errorf("%s, %s: with room, the lesson does not come back", name, date)
				}
			}
		}
	}
}

func TestQuoted(t *testing.T) {
	for in, want := range map[string]string{
		"Call Sam":          "Call Sam",
		"Call Sam.":         "Call Sam",
		"  Call\nSam!!  \n": "Call Sam",
		"Why do I wait?":    "Why do I wait",
		"Rest…":             "Rest",
		"Rest...":           "Rest",
		"Say «no».":         "Say «no»",
		`Say "no."`:         `Say "no."`,
		"v1.2 ships":        "v1.2 ships",
		"…":                 "",
		" . ":               "",
	} {
		if got := quoted(in); got != want {
			t.Errorf("quoted(%q) = %q, want %q", in, got, want)
		}
	}
	// An answer with no words is not quoted back at all.
	p := Builtin().Plan("2026-11-20", History{FollowUp: &Earlier{Ref: Ref{Date: "2026-11-19", PromptID: NextStepID}, Text: " ... "}}, false)
	if slices.ContainsFunc(p.Steps, func(s Step) bool { return s.FollowsUp != nil }) {
		t.Errorf("a step of no words is followed up: %v", ids(p.Steps))
	}
}

// TestStepsGiveWayOnWhatIsKnown: a step is asked or not on what the answers
// before it decide; the follow-up's obstacle, asked before the mood and the
// setback check, never depends on them.
func TestStepsGiveWayOnWhatIsKnown(t *testing.T) {
	follow := &Earlier{Ref: Ref{Date: "2025-12-31", PromptID: NextStepID}, Text: "Call Sam"}
	lesson := &Earlier{Ref: Ref{Date: "2025-12-20", PromptID: LessonID}, Text: "Ask early!"}
	later := &Earlier{Ref: Ref{Date: "2025-12-30", PromptID: HeavyPlainID}, Text: "It fell apart."}
	c := Builtin()
	for i := 0; i < 60; i++ {
		date := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format("2006-01-02")
		p := c.Plan(date, History{FollowUp: follow, Resurface: lesson, LessonLater: later}, false)
		for j, s := range p.Steps {
			decided := p.decidedBefore(j)
			for _, w := range append([]When{s.When}, s.Unless...) {
				for _, part := range w.Parts() {
					if part != Always && !slices.Contains(decided, part) {
						t.Errorf("%s: %s is asked on %q, which is not known when it is asked", date, s.Prompt.ID, w)
					}
				}
			}
		}
	}
}

// TestFullEveningsTakeTurns: on a full evening (a step followed up, a
// setback), what contributed and the kind question take turns to give way,
// day by day, so that neither is lost for good; a lesson comes back on a
// light evening only.
func TestFullEveningsTakeTurns(t *testing.T) {
	follow := &Earlier{Ref: Ref{Date: "2026-11-19", PromptID: NextStepID}, Text: "Call Sam."}
	lesson := &Earlier{Ref: Ref{Date: "2026-11-13", PromptID: LessonID}, Text: "Ask early!"}
	full := Path{Setback: true, Done: true}
	seen := map[string]int{}
	for _, date := range []string{"2026-11-20", "2026-11-21"} {
		p := Builtin().Plan(date, History{FollowUp: follow}, false)
		asked := p.Asked(full)
		cause := slices.ContainsFunc(asked, func(s Step) bool {
			return s.Prompt.Theme == "setback" && s.Prompt.ID != "setback-what" && s.Prompt.ID != LessonID && s.Prompt.ID != CheckID
		})
		kind := slices.ContainsFunc(asked, func(s Step) bool { return s.Prompt.Theme == "self-compassion" })
		if cause == kind {
			t.Errorf("%s: asks what contributed %v and the kind question %v; want one of them: %v", date, cause, kind, ids(asked))
		}
		if cause {
			seen["cause"]++
		} else {
			seen["kind"]++
		}
	}
	if seen["cause"] != 1 || seen["kind"] != 1 {
		t.Errorf("two days running: %v", seen)
	}
	p := Builtin().Plan("2026-11-20", History{Resurface: lesson}, false)
	for _, path := range Paths() {
		back := slices.ContainsFunc(p.Asked(path), func(s Step) bool { return s.Prompt.ID == StillTrueID })
		if back && path.Heavy || !back && !path.Heavy && !path.Setback { // (a setback's evening is full: it gives way)
			t.Errorf("%+v: a lesson comes back %v", path, back)
		}
	}
}

// TestAnIfThenStepIsFollowedUp: the next step invites the if-then form
// (its hint), and the next evening's follow-up quotes such a step whole.
func TestAnIfThenStepIsFollowedUp(t *testing.T) {
	step := "When I get home, I will call Sam."
	p := Builtin().Plan("2026-11-20", History{FollowUp: &Earlier{Ref: Ref{Date: "2026-11-19", PromptID: NextStepID}, Text: step}}, false)
	first := p.Steps[0]
	if first.Prompt.ID != FollowUpID || first.Prompt.Question != "Last time you planned «When I get home, I will call Sam». Did you do it?" {
		t.Errorf("the follow-up asks %q", first.Prompt.Question)
	}
	for _, s := range p.Steps {
		if s.Prompt.Theme == ThemeNextStep && !strings.Contains(s.Prompt.Hint, "I will …") {
			t.Errorf("%s invites no if-then form: hint %q", s.Prompt.ID, s.Prompt.Hint)
		}
	}
	if StepForm(step) != FormIfThen {
		t.Errorf("%q is not taken for an if-then step", step)
	}
}
