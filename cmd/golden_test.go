package cmd

import (
	"strings"
	"testing"
)

func TestGoldenPrompts(t *testing.T) {
	e := newEnv(t)
	assertGolden(t, "prompts.txt", e.mustRun("prompts").out)
	assertGolden(t, "prompts-theme-setback.txt", e.mustRun("prompts", "--theme", "setback").out)
	assertGolden(t, "prompts-theme-small-wins.json", e.mustRun("prompts", "--theme", "small-wins", "--json").out)
	e.env["COLUMNS"] = "50" // a narrow terminal: questions wrap under themselves
	assertGolden(t, "prompts-theme-self-compassion-50cols.txt", e.mustRun("prompts", "--theme", "self-compassion").out)
}

func TestPromptsJSONListsTheCatalog(t *testing.T) {
	e := newEnv(t)
	out := e.mustRun("prompts", "--json").out
	if n := strings.Count(out, `"question"`); n < 30 {
		t.Errorf("prompts --json lists %d prompts, want 30 or more", n)
	}
	if n := strings.Count(out, `"article"`); n < strings.Count(out, `"question"`) {
		t.Error("a prompt lacks a source article")
	}
}

func TestGoldenPlan(t *testing.T) {
	e := newEnv(t)
	assertGolden(t, "plan-2026-11-20.txt", e.mustRun("prompts", "plan", "--date", "2026-11-20").out)
	assertGolden(t, "plan-quick-2026-11-20.txt", e.mustRun("prompts", "plan", "--date", "2026-11-20", "--quick").out)
	assertGolden(t, "plan-2026-11-20.json", e.mustRun("prompts", "plan", "--date", "2026-11-20", "--json").out)
}

func TestPlanIsStableAndAvoidsRecent(t *testing.T) {
	e := newEnv(t)
	first := e.mustRun("prompts", "plan", "--date", "2026-11-20").out
	if again := e.mustRun("prompts", "plan", "--date", "2026-11-20").out; again != first {
		t.Fatal("the same date gave two plans")
	}
	// Saving the day itself does not change its plan.
	e.stdin = `{"mood": 3}`
	e.mustRun("today", "--answers", "-")
	if again := e.mustRun("prompts", "plan", "--date", "2026-11-20").out; again != first {
		t.Fatal("saving the day changed its plan")
	}
}

func TestGoldenShow(t *testing.T) {
	e := newEnv(t)
	e.stdin = `{
		"mood": 4,
		"setback-check": true,
		"setback-what": "The demo crashed in front of the whole team, halfway through the part I had rehearsed least. I froze for a moment and then talked through it.\nAfterwards Sam said it was fine.",
		"setback-lesson": "Rehearse the risky part first.",
		"win-small": "Shipped the draft \u001b[31mwith colour\u001b[0m and a bell\u0007.",
		"next-differently": "Do a dry run at 9:00."
	}`
	e.mustRun("today", "--answers", "-")
	assertGolden(t, "show-2026-11-20.txt", e.mustRun("show", "2026-11-20").out)
	assertGolden(t, "show-2026-11-20.json", e.mustRun("show", "friday", "--json").out)
}
