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

func TestPlanShape(t *testing.T) {
	c := Builtin()
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 400; i++ {
		date := day.AddDate(0, 0, i).Format("2006-01-02")
		p := c.Plan(date, History{}, false)
		setback, calm := p.Asked(true, true), p.Asked(false, true)
		if len(setback) != 9 {
			t.Fatalf("%s: setback path asks %d, want 9: %v", date, len(setback), ids(setback))
		}
		if len(calm) != 6 {
			t.Fatalf("%s: calm path asks %d, want 6: %v", date, len(calm), ids(calm))
		}
		for _, path := range [][]Step{setback, calm} {
			if path[0].Prompt.ID != MoodID || path[1].Prompt.ID != CheckID {
				t.Fatalf("%s: a path starts %v, want mood then the setback check", date, ids(path[:2]))
			}
		}
		if got := ids(setback[2:5]); got[0] != "setback-what" || got[2] != "setback-lesson" {
			t.Errorf("%s: setback chain is %v", date, got)
		}
		if setback[5].Prompt.Theme != "self-compassion" {
			t.Errorf("%s: after the lesson comes %s, want self-compassion", date, setback[5].Prompt.ID)
		}
		if calm[2].Prompt.Theme != "risk" {
			t.Errorf("%s: with no setback the third prompt is %s, want a stretch prompt", date, calm[2].Prompt.ID)
		}
		if last := setback[len(setback)-1].Prompt.ID; last != NextDifferentlyID {
			t.Errorf("%s: setback path ends with %s", date, last)
		}
		if last := calm[len(calm)-1].Prompt.ID; last != NextStepID {
			t.Errorf("%s: calm path ends with %s", date, last)
		}
		rot := setback[7].Prompt.Theme
		if !slices.Contains(rotatingThemes, rot) {
			t.Errorf("%s: rotating prompt has theme %s", date, rot)
		}
		if setback[6].Prompt.Theme != "small-wins" {
			t.Errorf("%s: want a small win before the rotating prompt, got %s", date, setback[6].Prompt.ID)
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
	for day := 0; day < 30; day++ {
		ages := map[string]int{}
		for id, d := range last {
			ages[id] = day - d
		}
		p := c.Plan(start.AddDate(0, 0, day).Format("2006-01-02"), asked(ages), false)
		for _, s := range p.Asked(day%3 == 0, true) {
			last[s.Prompt.ID] = day
		}
		rot := p.Asked(false, true)[4].Prompt
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
	if len(got) != 3 || got[0] != MoodID || got[2] != NextStepID || p.Steps[1].Prompt.Theme != "small-wins" {
		t.Fatalf("quick plan = %v, want mood, a small win, next step", got)
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
		last := p.Steps[len(p.Steps)-1]
		if quick {
			if last.Prompt.ID == StillTrueID {
				t.Error("a quick plan brings a lesson back")
			}
			continue
		}
		if last.Prompt.ID != StillTrueID || last.Prompt.Question != "On Friday 13 November you wrote «Ask early». Is it still true for you?" || *last.FollowsUp != h.Resurface.Ref {
			t.Errorf("last step %+v", last)
		}
		// Nine questions at most: after a setback the rotating prompt and
		// the lesson give way, and, when the step was not done, what
		// contributed.
		for _, tt := range []struct {
			setback, done bool
			want          int
			without       []string
		}{
			{true, true, 9, []string{StillTrueID, "feedback-who"}},
			{true, false, 9, []string{StillTrueID, "feedback-who", "setback-cause"}},
			{false, true, 8, nil},
			{false, false, 9, nil},
		} {
			asked := ids(p.Asked(tt.setback, tt.done))
			if len(asked) != tt.want || slices.ContainsFunc(tt.without, func(id string) bool { return slices.Contains(asked, id) }) {
				t.Errorf("setback %v, done %v: asks %d %v, want %d without %v", tt.setback, tt.done, len(asked), asked, tt.want, tt.without)
			}
		}
	}
}

// TestEveryPathFitsNineQuestions plans with and without a step to follow up
// and a lesson to bring back, on the built-in catalog and on catalogs with
// slots turned off: no path asks more than nine questions, and what gives
// way is only ever the rotating prompt, the lesson brought back or what
// contributed.
func TestEveryPathFitsNineQuestions(t *testing.T) {
	follow := &Earlier{Ref: Ref{Date: "2026-11-19", PromptID: NextStepID}, Text: "Call Sam."}
	lesson := &Earlier{Ref: Ref{Date: "2026-11-13", PromptID: LessonID}, Text: "Ask early!"}
	catalogs := map[string]*Catalog{"built-in": Builtin()}
	for _, off := range [][]string{
		{"setback-cause", "setback-assumption"},
		{"kind-friend", "kind-forgive", "kind-care", "kind-temporary"},
		{"risk-stretch", "risk-worth", "risk-fear"},
		{FollowUpID},
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
			for _, h := range []History{{}, {FollowUp: follow}, {Resurface: lesson}, {FollowUp: follow, Resurface: lesson}} {
				p := c.Plan(date, h, false)
				mayGiveWay := []string{StillTrueID, "setback-cause", "setback-assumption", c.rotating(date, nil).ID}
				for _, path := range paths {
					asked := ids(p.Asked(path[0], path[1]))
					if len(asked) > MaxQuestions {
						t.Fatalf("%s, %s, %+v: setback %v, done %v asks %d: %v", name, date, h, path[0], path[1], len(asked), asked)
					}
					for _, id := range ids(c.Plan(date, History{}, false).Asked(path[0], path[1])) {
						if !slices.Contains(asked, id) && !slices.Contains(mayGiveWay, id) {
							t.Errorf("%s, %s: %s gave way on setback %v, done %v", name, date, id, path[0], path[1])
						}
					}
				}
				if h.Resurface != nil && !slices.Contains(ids(p.Asked(false, true)), StillTrueID) {
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
