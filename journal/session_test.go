package journal

import (
	"errors"
	"slices"
	"testing"

	"github.com/reflect-cli/reflect/prompts"
)

// scriptedAsker answers from a queue keyed by prompt id and fails the test
// on a question it was not scripted for, or a scripted one never asked.
type scriptedAsker struct {
	t       *testing.T
	answers map[string]string
	errs    map[string]error
	asked   []string
}

func (s *scriptedAsker) Ask(p prompts.Prompt) (string, error) {
	s.asked = append(s.asked, p.ID)
	if err, ok := s.errs[p.ID]; ok {
		return s.answers[p.ID], err
	}
	a, ok := s.answers[p.ID]
	if !ok {
		s.t.Fatalf("asked %q, which the script does not answer", p.ID)
	}
	return a, nil
}

// planOf returns a plan with fixed picks, so the tests name the prompts.
func planOf(t *testing.T, quick bool) prompts.Plan {
	t.Helper()
	return prompts.Builtin().Plan("2026-11-20", prompts.History{}, quick)
}

func answerAll(plan prompts.Plan, setback bool) map[string]string {
	m := map[string]string{}
	for _, s := range plan.Asked(setback, true) {
		switch s.Prompt.Kind {
		case prompts.Scale:
			m[s.Prompt.ID] = "4"
		case prompts.YesNo:
			m[s.Prompt.ID] = YesNoAnswer(setback)
		default:
			m[s.Prompt.ID] = "answer to " + s.Prompt.ID
		}
	}
	return m
}

func TestSessionPaths(t *testing.T) {
	for _, setback := range []bool{true, false} {
		plan := planOf(t, false)
		asker := &scriptedAsker{t: t, answers: answerAll(plan, setback)}
		var checkpoints int
		s := Session{Plan: plan, Asker: asker, Checkpoint: func(a []Answer) { checkpoints = len(a) }}
		got, err := s.Run(nil)
		if err != nil {
			t.Fatal(err)
		}
		want := plan.Asked(setback, true)
		if len(got) != len(want) {
			t.Fatalf("setback=%v: %d answers, want %d", setback, len(got), len(want))
		}
		for i, a := range got {
			if a.PromptID != want[i].Prompt.ID || a.Question != want[i].Prompt.Question || a.Theme != want[i].Prompt.Theme {
				t.Errorf("answer %d = %+v, want prompt %s", i, a, want[i].Prompt.ID)
			}
		}
		if checkpoints != len(want) {
			t.Errorf("last checkpoint held %d answers, want %d", checkpoints, len(want))
		}
	}
}

func TestSessionSkipsEmptyAnswers(t *testing.T) {
	plan := planOf(t, false)
	answers := answerAll(plan, false)
	answers[prompts.NextStepID] = ""
	s := Session{Plan: plan, Asker: &scriptedAsker{t: t, answers: answers}}
	got, err := s.Run(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range got {
		if a.PromptID == prompts.NextStepID {
			t.Fatal("a skipped prompt was recorded")
		}
	}
}

func TestSessionInterruptKeepsPartialAnswer(t *testing.T) {
	plan := planOf(t, false)
	answers := answerAll(plan, true)
	answers["setback-what"] = "line one\nhalf a line"
	asker := &scriptedAsker{t: t, answers: answers, errs: map[string]error{"setback-what": ErrInterrupted}}
	s := Session{Plan: plan, Asker: asker}
	got, err := s.Run(nil)
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("err = %v, want ErrInterrupted", err)
	}
	if len(got) != 3 || got[2].Answer != "line one\nhalf a line" {
		t.Fatalf("answers = %+v, want mood, check and the partial answer", got)
	}
}

func TestSessionResumes(t *testing.T) {
	plan := planOf(t, false)
	prior := []Answer{
		AnswerTo(plan.Steps[0].Prompt, "2"),
		AnswerTo(plan.Steps[1].Prompt, "yes"),
	}
	answers := answerAll(plan, true)
	asker := &scriptedAsker{t: t, answers: answers}
	s := Session{Plan: plan, Asker: asker}
	got, err := s.Run(prior)
	if err != nil {
		t.Fatal(err)
	}
	if asker.asked[0] != "setback-what" {
		t.Fatalf("resumed session first asked %s, want the setback chain", asker.asked[0])
	}
	if len(got) != 9 || got[0].Answer != "2" {
		t.Fatalf("got %d answers starting %+v", len(got), got[0])
	}
}

func TestSessionWrapsOtherErrors(t *testing.T) {
	plan := planOf(t, true)
	boom := errors.New("boom")
	asker := &scriptedAsker{t: t, answers: map[string]string{}, errs: map[string]error{prompts.MoodID: boom}}
	_, err := (&Session{Plan: plan, Asker: asker}).Run(nil)
	if !errors.Is(err, boom) || errors.Is(err, ErrInterrupted) {
		t.Fatalf("err = %v", err)
	}
}

func TestScaleAnswer(t *testing.T) {
	if s, err := ScaleAnswer(5); s != "5" || err != nil {
		t.Errorf("ScaleAnswer(5) = %q, %v", s, err)
	}
	for _, n := range []int{0, 6, -1} {
		if _, err := ScaleAnswer(n); err == nil {
			t.Errorf("ScaleAnswer(%d) accepted", n)
		}
	}
}

// TestSessionKeepsTonightsLessonFromComingBack: an evening that draws the
// lesson it was to bring back (in any words SameLesson matches) does not
// ask whether it still holds; another lesson still comes back.
func TestSessionKeepsTonightsLessonFromComingBack(t *testing.T) {
	for _, tt := range []struct {
		tonight string
		asked   bool
	}{{"ask for help EARLIER!", false}, {"Sleep on it.", true}} {
		h := prompts.History{Resurface: &prompts.Earlier{Ref: prompts.Ref{Date: "2026-10-21", PromptID: prompts.LessonID}, Text: "Ask for help earlier."}, ResurfaceDay: "Wednesday 21 October"}
		plan := prompts.Builtin().Plan("2026-11-20", h, false)
		answers := answerAll(plan, true)
		answers[prompts.LessonID] = tt.tonight
		answers[prompts.StillTrueID] = "yes"
		delete(answers, plan.Asked(false, true)[4].Prompt.ID) // the rotating prompt gives way after a setback
		asker := &scriptedAsker{t: t, answers: answers}
		if _, err := (&Session{Plan: plan, Asker: asker}).Run(nil); err != nil {
			t.Fatal(err)
		}
		if got := slices.Contains(asker.asked, prompts.StillTrueID); got != tt.asked {
			t.Errorf("lesson tonight %q: brought back %v, want %v", tt.tonight, got, tt.asked)
		}
	}
}
