package journal

import (
	"errors"
	"maps"
	"slices"
	"testing"

	"github.com/reflect-cli/reflect/prompts"
)

// scriptedAsker answers from a queue keyed by prompt id and fails the test
// on a question it was not scripted for, or (see newScriptedAsker) a
// scripted one never asked.
type scriptedAsker struct {
	t       *testing.T
	answers map[string]string
	// maybe names the prompts of answers that may go unasked: the test
	// means them as "if it is asked".
	maybe []string
	errs  map[string]error
	asked []string
	// continued maps a prompt id to what the person makes of the cut
	// answer put to them again; the text they were given is kept in given.
	continued map[string]string
	given     map[string]string
}

// newScriptedAsker returns the asker of script, which fails t at its end
// when an answer, continued text or error of the script was never used: a
// prompt scripted but never asked (unless in maybe), or never put again.
func newScriptedAsker(t *testing.T, script scriptedAsker) *scriptedAsker {
	s := &script
	s.t = t
	t.Cleanup(func() {
		t.Helper()
		for id := range s.answers {
			if !slices.Contains(s.asked, id) && !slices.Contains(s.maybe, id) {
				t.Errorf("scriptedAsker: the script answers %q, which was never asked (asked %v)", id, s.asked)
			}
		}
		for id := range s.continued {
			if !slices.Contains(s.asked, "continue "+id) {
				t.Errorf("scriptedAsker: the script continues %q, which was never put again (asked %v)", id, s.asked)
			}
		}
		for id := range s.errs {
			if !slices.Contains(s.asked, id) {
				t.Errorf("scriptedAsker: the script fails %q, which was never asked (asked %v)", id, s.asked)
			}
		}
	})
	return s
}

func (s *scriptedAsker) Continue(p prompts.Prompt, text string) (string, error) {
	s.asked = append(s.asked, "continue "+p.ID)
	if s.given == nil {
		s.given = map[string]string{}
	}
	s.given[p.ID] = text
	a, ok := s.continued[p.ID]
	if !ok {
		s.t.Fatalf("put %q again, which the script does not expect", p.ID)
	}
	return a, s.errs["continue "+p.ID]
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

// answerAll answers every step asked on the path of an evening with or
// without a setback (that does not weigh), the mood a middling 4.
func answerAll(plan prompts.Plan, setback bool) map[string]string {
	return answerPath(plan, prompts.Path{Setback: setback, Done: true})
}

// answerPath answers every step asked on path: the setback check as the
// path's setback says (weighing, on a heavy one), the mood 1 on a heavy
// path without a setback and 4 otherwise.
func answerPath(plan prompts.Plan, path prompts.Path) map[string]string {
	m := map[string]string{}
	for _, s := range plan.Asked(path) {
		switch {
		case s.Prompt.ID == prompts.CheckID:
			switch {
			case path.Setback && path.Heavy:
				m[s.Prompt.ID] = prompts.Weighs
			case path.Setback:
				m[s.Prompt.ID] = prompts.Yes
			default:
				m[s.Prompt.ID] = prompts.No
			}
		case s.Prompt.ID == prompts.MoodID && path.Heavy && !path.Setback:
			m[s.Prompt.ID] = prompts.HeavyMood
		case s.Prompt.Kind == prompts.Scale:
			m[s.Prompt.ID] = "4"
		case s.Prompt.Kind == prompts.YesNo:
			m[s.Prompt.ID] = YesNoAnswer(setback(path))
		default:
			m[s.Prompt.ID] = "answer to " + s.Prompt.ID
		}
	}
	return m
}

func setback(p prompts.Path) bool { return p.Setback }

// only returns the answers to the prompts ids.
func only(answers map[string]string, ids ...string) map[string]string {
	out := map[string]string{}
	for _, id := range ids {
		out[id] = answers[id]
	}
	return out
}

// without returns answers but those to the prompts ids.
func without(answers map[string]string, ids ...string) map[string]string {
	out := maps.Clone(answers)
	for _, id := range ids {
		delete(out, id)
	}
	return out
}

func TestSessionPaths(t *testing.T) {
	for _, path := range []prompts.Path{{Setback: true, Done: true}, {Done: true}, {Setback: true, Done: true, Heavy: true}, {Done: true, Heavy: true}} {
		plan := planOf(t, false)
		asker := newScriptedAsker(t, scriptedAsker{answers: answerPath(plan, path)})
		var checkpoints int
		s := Session{Plan: plan, Asker: asker, Checkpoint: func(a []Answer) { checkpoints = len(a) }}
		got, err := s.Run(nil)
		if err != nil {
			t.Fatal(err)
		}
		want := plan.Asked(path)
		if len(got) != len(want) {
			t.Fatalf("%+v: %d answers, want %d", path, len(got), len(want))
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
	s := Session{Plan: plan, Asker: newScriptedAsker(t, scriptedAsker{answers: answers})}
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
	answers := only(answerAll(plan, true), prompts.MoodID, prompts.CheckID)
	answers["setback-what"] = "line one\nhalf a line"
	asker := newScriptedAsker(t, scriptedAsker{answers: answers, errs: map[string]error{"setback-what": ErrInterrupted}})
	s := Session{Plan: plan, Asker: asker}
	got, err := s.Run(nil)
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("err = %v, want ErrInterrupted", err)
	}
	if len(got) != 3 || got[2].Answer != "line one\nhalf a line" {
		t.Fatalf("answers = %+v, want mood, check and the partial answer", got)
	}
	if s.Cut != "setback-what" {
		t.Errorf("Cut = %q, want the interrupted prompt", s.Cut)
	}

	// Interrupted before a word was typed: nothing is cut.
	answers = maps.Clone(answers)
	answers["setback-cause"] = ""
	asker = newScriptedAsker(t, scriptedAsker{answers: answers, errs: map[string]error{"setback-cause": ErrInterrupted}})
	s = Session{Plan: plan, Asker: asker}
	if _, err := s.Run(nil); !errors.Is(err, ErrInterrupted) || s.Cut != "" {
		t.Fatalf("err = %v, Cut = %q; want ErrInterrupted and nothing cut", err, s.Cut)
	}
}

// cutDraft is a resumed draft whose answer to what happened was cut short.
func cutDraft(plan prompts.Plan) []Answer {
	return []Answer{
		AnswerTo(plan.Steps[0].Prompt, "2"),
		AnswerTo(plan.Steps[1].Prompt, "yes"),
		AnswerTo(plan.Steps[2].Prompt, "The demo crashed\nand I fro"),
	}
}

func TestSessionReopensTheCutAnswer(t *testing.T) {
	plan := planOf(t, false)
	asker := newScriptedAsker(t, scriptedAsker{answers: without(answerAll(plan, true), prompts.MoodID, prompts.CheckID, "setback-what"),
		continued: map[string]string{"setback-what": "The demo crashed\nand I froze."}})
	var checkpoints [][]Answer
	s := Session{Plan: plan, Asker: asker, Cut: "setback-what",
		Checkpoint: func(a []Answer) { checkpoints = append(checkpoints, append([]Answer(nil), a...)) }}
	got, err := s.Run(cutDraft(plan))
	if err != nil {
		t.Fatal(err)
	}
	if asker.asked[0] != "continue setback-what" || asker.given["setback-what"] != "The demo crashed\nand I fro" {
		t.Fatalf("asked %v, given %q; want the cut answer put again first, with its text", asker.asked, asker.given)
	}
	if asker.asked[1] != plan.Steps[3].Prompt.ID {
		t.Errorf("after the cut answer, asked %s, want the next step", asker.asked[1])
	}
	if len(got) != 9 || got[2].PromptID != "setback-what" || got[2].Answer != "The demo crashed\nand I froze." {
		t.Fatalf("answers = %+v, want 9 with the finished text in place of the partial one", got)
	}
	for _, a := range got[3:] {
		if a.PromptID == "setback-what" {
			t.Fatal("the cut answer is there twice")
		}
	}
	if s.Cut != "" {
		t.Errorf("Cut = %q after finishing", s.Cut)
	}
	if first := checkpoints[0]; len(first) != 3 || first[2].Answer != "The demo crashed\nand I froze." {
		t.Errorf("the first draft after finishing holds %+v", first)
	}
}

func TestSessionCutAgainKeepsWhatIsThere(t *testing.T) {
	plan := planOf(t, false)
	for _, tt := range []struct{ typed, want string }{
		{"The demo crashed\nand I froze, then", "The demo crashed\nand I froze, then"},
		{"", "The demo crashed\nand I fro"}, // erased, then Ctrl-C: the words stay
	} {
		asker := newScriptedAsker(t, scriptedAsker{continued: map[string]string{"setback-what": tt.typed},
			errs: map[string]error{"continue setback-what": ErrInterrupted}})
		s := Session{Plan: plan, Asker: asker, Cut: "setback-what"}
		got, err := s.Run(cutDraft(plan))
		if !errors.Is(err, ErrInterrupted) {
			t.Fatalf("err = %v", err)
		}
		if len(got) != 3 || got[2].Answer != tt.want || s.Cut != "setback-what" {
			t.Errorf("typed %q: answers %+v, Cut %q", tt.typed, got, s.Cut)
		}
	}
}

func TestSessionWithoutCutDoesNotReopen(t *testing.T) {
	plan := planOf(t, false)
	// Continue would fail the test.
	asker := newScriptedAsker(t, scriptedAsker{answers: without(answerAll(plan, true), prompts.MoodID, prompts.CheckID, "setback-what")})
	got, err := (&Session{Plan: plan, Asker: asker}).Run(cutDraft(plan))
	if err != nil {
		t.Fatal(err)
	}
	if asker.asked[0] != plan.Steps[3].Prompt.ID || got[2].Answer != "The demo crashed\nand I fro" {
		t.Fatalf("asked %v; answers %+v", asker.asked, got)
	}
}

func TestSessionAsksOnlyWhatTheDayLacks(t *testing.T) {
	plan := planOf(t, false)
	saved := cutDraft(plan)[:2] // mood, and yes to the setback check
	asker := newScriptedAsker(t, scriptedAsker{answers: without(answerAll(plan, true), prompts.MoodID, prompts.CheckID)})
	got, err := (&Session{Plan: plan, Asker: asker, Saved: saved}).Run(nil)
	if err != nil {
		t.Fatal(err)
	}
	if asker.asked[0] != "setback-what" || slices.Contains(asker.asked, prompts.MoodID) || slices.Contains(asker.asked, prompts.CheckID) {
		t.Errorf("asked %v, want the setback path without what the day has", asker.asked)
	}
	if len(got) != 7 || got[0].PromptID != "setback-what" {
		t.Errorf("answers = %+v, want the 7 new ones only", got)
	}

	// Asked again, a saved answer gets a new one after it; the path follows
	// the latest answer to the check.
	asker = newScriptedAsker(t, scriptedAsker{answers: without(answerAll(plan, false), prompts.MoodID)})
	got, err = (&Session{Plan: plan, Asker: asker, Saved: saved, Again: []string{prompts.CheckID}}).Run(nil)
	if err != nil {
		t.Fatal(err)
	}
	if asker.asked[0] != prompts.CheckID || slices.Contains(asker.asked, "setback-what") || got[0].Answer != "no" {
		t.Errorf("asked %v, answers %+v", asker.asked, got)
	}
}

func TestSessionResumes(t *testing.T) {
	plan := planOf(t, false)
	prior := []Answer{
		AnswerTo(plan.Steps[0].Prompt, "2"),
		AnswerTo(plan.Steps[1].Prompt, "yes"),
	}
	answers := without(answerAll(plan, true), prompts.MoodID, prompts.CheckID)
	asker := newScriptedAsker(t, scriptedAsker{answers: answers})
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
	asker := newScriptedAsker(t, scriptedAsker{answers: map[string]string{}, errs: map[string]error{prompts.MoodID: boom}})
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
		// With the free note, the lesson brought back gives way after a
		// setback; without it, there is room for it beside tonight's.
		cat, err := prompts.Builtin().WithCustom([]byte(`{"disable": ["free-write"]}`), "p.json")
		if err != nil {
			t.Fatal(err)
		}
		plan := cat.Plan("2026-11-20", h, false)
		answers := answerAll(plan, true)
		answers[prompts.LessonID] = tt.tonight
		delete(answers, prompts.StillTrueID)
		if tt.asked {
			answers[prompts.StillTrueID] = "yes"
		}
		delete(answers, plan.Asked(prompts.Path{Done: true})[4].Prompt.ID) // the rotating prompt gives way after a setback
		asker := newScriptedAsker(t, scriptedAsker{answers: answers})
		if _, err := (&Session{Plan: plan, Asker: asker}).Run(nil); err != nil {
			t.Fatal(err)
		}
		if got := slices.Contains(asker.asked, prompts.StillTrueID); got != tt.asked {
			t.Errorf("lesson tonight %q: brought back %v, want %v", tt.tonight, got, tt.asked)
		}
	}
}

// A later run of a day may answer a saved question again; both answers stay
// in the entry, and where a day counts as one figure, the latest counts.
func TestTheLatestAnswerOfADayCounts(t *testing.T) {
	day := NewDay(2026, 11, 20)
	e := Entry{Date: day, Answers: []Answer{
		{PromptID: prompts.MoodID, Answer: "4"},
		{PromptID: prompts.FollowUpID, Answer: "partly"},
		{PromptID: prompts.MoodID, Answer: "2"},
		{PromptID: prompts.FollowUpID, Answer: "done"},
	}}
	if s := Summarize(e); s.Mood != 2 || s.FollowUp != "done" || s.Answers != 4 {
		t.Errorf("Summarize = %+v, want the latest mood and follow-up, and every answer counted", s)
	}
	moods, avg, _ := WeekReview(WeekOf(day), []Entry{e}).Moods()
	if moods[day] != 2 || avg != 2 {
		t.Errorf("Moods = %v, %v; want the latest mood", moods, avg)
	}
}
