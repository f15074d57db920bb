package prompts

import (
	"fmt"
	"reflect"
	"slices"
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
		p := c.Plan(date, nil, false)
		setback, calm := p.Asked(true), p.Asked(false)
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

func TestPlanIsDeterministic(t *testing.T) {
	c := Builtin()
	recent := []string{"win-small", "grateful-today"}
	a := c.Plan("2026-11-20", recent, false)
	b := c.Plan("2026-11-20", slices.Clone(recent), false)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same date and journal gave two plans")
	}
}

func TestPlanRotates(t *testing.T) {
	c := Builtin()
	themes := map[string]bool{}
	prompts := map[string]bool{}
	for i := 1; i <= 30; i++ {
		p := c.Plan(fmt.Sprintf("2026-11-%02d", i), nil, false)
		rot := p.Asked(false)[4].Prompt
		themes[rot.Theme] = true
		prompts[rot.ID] = true
	}
	if len(themes) < 6 {
		t.Errorf("30 evenings drew rotating prompts from %d themes, want at least 6", len(themes))
	}
	if len(prompts) < 10 {
		t.Errorf("30 evenings drew %d distinct rotating prompts, want at least 10", len(prompts))
	}
}

func TestPlanAvoidsRecentPrompts(t *testing.T) {
	c := Builtin()
	for i := 1; i <= 28; i++ {
		date := fmt.Sprintf("2026-02-%02d", i)
		first := c.Plan(date, nil, false)
		var recent []string
		for _, s := range first.Steps {
			recent = append(recent, s.Prompt.ID)
		}
		second := c.Plan(date, recent, false)
		for _, s := range second.Steps {
			switch s.Prompt.Theme {
			case "self-compassion", "risk", "small-wins", "reframing", "support", "feedback",
				"gratitude", "emotions", "others-failures", "patterns", "purpose", "visualising":
				if slices.Contains(recent, s.Prompt.ID) {
					t.Errorf("%s: %s was asked recently but chosen again", date, s.Prompt.ID)
				}
			}
		}
	}
}

func TestQuickPlan(t *testing.T) {
	p := Builtin().Plan("2026-11-20", nil, true)
	got := ids(p.Steps)
	if len(got) != 3 || got[0] != MoodID || got[2] != NextStepID || p.Steps[1].Prompt.Theme != "small-wins" {
		t.Fatalf("quick plan = %v, want mood, a small win, next step", got)
	}
}
