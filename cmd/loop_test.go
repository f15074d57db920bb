package cmd

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/prompts"
)

// onDay moves the env's clock to 21:00 on day n of November 2026.
func (e *testEnv) onDay(n int) {
	e.now = time.Date(2026, 11, n, 21, 0, 0, 0, fixedNow.Location())
}

// answersOn returns the entry of a day, read back through show --json.
func answersOn(t *testing.T, e *testEnv, date string) []journal.Answer {
	t.Helper()
	var entries []journal.Entry
	if err := json.Unmarshal([]byte(e.mustRun("show", date, "--json").out), &entries); err != nil || len(entries) != 1 {
		t.Fatalf("show %s: %v, %d entries", date, err, len(entries))
	}
	return entries[0].Answers
}

func TestSecondEveningFollowsUpTheFirst(t *testing.T) {
	e := newEnv(t)
	e.onDay(19)
	e.stdin = `{"mood": 4, "setback-check": false, "next-step": "Call Sam"}`
	e.mustRun("today", "--answers", "-")

	e.onDay(20)
	e.tty = true
	e.asker = &fakeAsker{t: t, answers: map[string]string{prompts.FollowUpID: "partly", prompts.ObstacleID: "He was away."}}
	e.mustRun("today")
	if got := e.asker.asked[:3]; got[0] != prompts.FollowUpID || got[1] != prompts.ObstacleID || got[2] != prompts.MoodID {
		t.Fatalf("the evening began with %v, want the follow-up, what got in the way, then mood", got)
	}
	answers := answersOn(t, e, "2026-11-20")
	first, second := answers[0], answers[1]
	if first.Question != "Last time you planned «Call Sam». Did you do it?" || first.Answer != "partly" {
		t.Errorf("first answer %+v", first)
	}
	for _, a := range []journal.Answer{first, second} {
		if a.FollowsUp == nil || *a.FollowsUp != (prompts.Ref{Date: "2026-11-19", PromptID: "next-step"}) {
			t.Errorf("%s is not linked to the step of 19 November: %+v", a.PromptID, a.FollowsUp)
		}
	}
	if out := e.mustRun("show", "2026-11-20").out; !strings.Contains(out, "Last time you planned «Call Sam». Did you do it?\n    partly\n    follows up Thursday 19 November 2026 (next-step)\n") {
		t.Errorf("show does not link the follow-up:\n%s", out)
	}

	// The same evening again: the step is followed up already.
	e.asker = &fakeAsker{t: t, confirms: []bool{false}}
	e.mustRun("today")
	if e.asker.wasAsked(prompts.FollowUpID) {
		t.Error("the step was followed up twice on one day")
	}

	// Done: what got in the way is not asked.
	e.onDay(21)
	e.asker = &fakeAsker{t: t, answers: map[string]string{prompts.FollowUpID: "done"}}
	e.mustRun("today")
	if !e.asker.wasAsked(prompts.FollowUpID) || e.asker.wasAsked(prompts.ObstacleID) {
		t.Errorf("a step done: asked %v", e.asker.asked)
	}
}

func TestFollowUpAfterSkippedDaysAndNotAfterAWeek(t *testing.T) {
	e := newEnv(t)
	e.onDay(10)
	e.stdin = `{"next-step": "Book the dentist"}`
	e.mustRun("today", "--answers", "-")
	e.onDay(17) // a week later: still asked
	if out := e.mustRun("prompts", "plan").out; !strings.Contains(out, "followup-done") || !strings.Contains(out, "«Book the dentist»") {
		t.Errorf("a week on, the plan does not follow up:\n%s", out)
	}
	e.onDay(18) // eight days later: let go
	if out := e.mustRun("prompts", "plan").out; strings.Contains(out, "followup-done") {
		t.Errorf("eight days on, the plan still follows up:\n%s", out)
	}
}

func TestAnswersFileFollowsUp(t *testing.T) {
	e := newEnv(t)
	e.onDay(19)
	e.stdin = `{"followup-done": "done"}`
	if r := e.run("today", "--answers", "-"); r.code != exitUsage || !strings.Contains(r.err, "no planned step to follow up") {
		t.Errorf("a follow-up with nothing to follow: exit %d, err %q", r.code, r.err)
	}
	e.stdin = `{"next-step": "Call Sam"}`
	e.mustRun("today", "--answers", "-")
	e.onDay(20)
	e.stdin = `{"followup-done": "Not yet", "followup-obstacle": "Forgot."}`
	e.mustRun("today", "--answers", "-")
	answers := answersOn(t, e, "2026-11-20")
	if answers[0].Answer != "not yet" || answers[0].FollowsUp == nil || answers[0].FollowsUp.Date != "2026-11-19" || !strings.Contains(answers[0].Question, "«Call Sam»") {
		t.Errorf("follow-up from a file: %+v", answers[0])
	}
	e.stdin = `{"followup-done": "maybe"}`
	if r := e.run("today", "--answers", "-"); r.code != exitUsage || !strings.Contains(r.err, "done, partly, not yet") {
		t.Errorf("a follow-up answer that is no option: exit %d, err %q", r.code, r.err)
	}
}

func TestLessonComesBack(t *testing.T) {
	e := newEnv(t)
	e.onDay(13)
	e.stdin = `{"setback-check": true, "setback-what": "Missed the train.", "setback-lesson": "Leave ten minutes early."}`
	e.mustRun("today", "--answers", "-")
	e.onDay(18) // written since: the evening of the 20th is no return after days away
	e.stdin = `{"mood": 3}`
	e.mustRun("today", "--answers", "-")
	e.onDay(20) // seven days on
	e.tty = true
	e.asker = &fakeAsker{t: t, answers: map[string]string{prompts.StillTrueID: "yes"}}
	e.mustRun("today")
	asked := e.asker.asked
	if len(asked) < 2 || asked[len(asked)-2] != prompts.StillTrueID || asked[len(asked)-1] != prompts.FreeNoteID {
		t.Fatalf("the evening ended with %v, want the lesson brought back, then the free note", asked)
	}
	answers := answersOn(t, e, "2026-11-20")
	a := answers[len(answers)-2]
	if a.Question != "On Friday 13 November you wrote «Leave ten minutes early». Is it still true for you?" || a.Answer != "yes" ||
		a.FollowsUp == nil || *a.FollowsUp != (prompts.Ref{Date: "2026-11-13", PromptID: prompts.LessonID}) {
		t.Errorf("the lesson's answer: %+v", a)
	}
	// The next evening it does not come back again (nothing else to bring).
	e.onDay(21)
	e.asker = &fakeAsker{t: t}
	e.mustRun("today")
	if e.asker.wasAsked(prompts.StillTrueID) {
		t.Error("the same lesson came back two days running")
	}
}

// TestALessonRestsAWeek: a lesson drawn on the 12th is not brought back on
// the evenings after it, only once a week has passed, quoted once; that
// evening, with a step to follow up too, asks nine questions at most.
func TestALessonRestsAWeek(t *testing.T) {
	e := newEnv(t)
	e.onDay(12)
	e.stdin = `{"setback-check": true, "setback-what": "Missed the train.", "setback-lesson": "Leave ten minutes early!"}`
	e.mustRun("today", "--answers", "-")
	for day := 13; day <= 19; day++ {
		e.onDay(day)
		out := e.mustRun("prompts", "plan").out
		if back := strings.Contains(out, prompts.StillTrueID); back != (day == 19) {
			t.Errorf("on the %dth, the lesson of the 12th comes back: %v, want %v:\n%s", day, back, day == 19, out)
		}
		if day == 18 {
			e.stdin = `{"next-step": "Call Sam."}`
			e.mustRun("today", "--answers", "-")
		}
		if day != 19 {
			continue
		}
		// With a step to follow up and a lesson back, nine questions at most:
		// what contributed gives way, and the lesson comes back on an
		// evening with no setback, before the free note.
		for _, want := range []string{"you wrote «Leave ten minutes early». Is it still true", "Last time you planned «Call Sam». Did",
			"9 questions after a setback, 9 otherwise, 9 on a heavy evening.", "if not done followup-obstacle", "if no and not heavy lesson-still-true"} {
			if !strings.Contains(strings.Join(strings.Fields(out), " "), want) {
				t.Errorf("the plan does not say %q:\n%s", want, out)
			}
		}
	}
}

// TestAKindReturn: after three days or more without an entry, the evening
// opens with a welcome back (no word of a streak) and is a short one; the
// day after, the evening is a whole one again.
func TestAKindReturn(t *testing.T) {
	e := newEnv(t)
	e.onDay(13)
	e.stdin = `{"mood": 3}`
	e.mustRun("today", "--answers", "-")
	e.onDay(17) // three days away
	if out := e.mustRun("prompts", "plan").out; strings.Contains(out, "setback-check") {
		t.Errorf("the plan after days away is not the short one:\n%s", out)
	}
	e.tty = true
	e.asker = &fakeAsker{t: t, answers: map[string]string{"mood": "3"}}
	r := e.mustRun("today")
	if !strings.Contains(r.err, journal.WelcomeBack) || strings.Contains(strings.ToLower(r.err+r.out), "streak") {
		t.Errorf("the evening after days away said:\n%s", r.err)
	}
	if asked := e.asker.asked; slices.Contains(asked, prompts.CheckID) || len(asked) > 5 {
		t.Errorf("the evening after days away asked %v, want a short one", asked)
	}
	e.onDay(18)
	e.asker = &fakeAsker{t: t, answers: map[string]string{"mood": "3"}}
	r = e.mustRun("today")
	if strings.Contains(r.err, journal.WelcomeBack) || !slices.Contains(e.asker.asked, prompts.CheckID) {
		t.Errorf("the evening after: asked %v, said %q", e.asker.asked, r.err)
	}
}
