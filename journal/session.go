package journal

import (
	"errors"
	"fmt"
	"slices"

	"github.com/reflect-cli/reflect/prompts"
)

// ErrInterrupted is returned by an Asker when the person stops the session
// (Ctrl-C, or the terminal going away). Anything typed for the question so
// far may come back with it, and is kept.
var ErrInterrupted = errors.New("interrupted")

// Asker puts one question to a person and returns the answer. Answers come
// back in stored form: digits for a scale, "yes" or "no" for a yes/no, the
// text for a text prompt (empty when the person skipped it).
//
// On an interruption it returns ErrInterrupted, with whatever text had been
// typed for the question.
type Asker interface {
	Ask(p prompts.Prompt) (string, error)
	// Continue puts p again with text, an answer that an interruption cut
	// short, ready to be finished or changed, and returns the answer as it
	// then stands: text itself when the person only confirms it. On an
	// interruption it returns ErrInterrupted with what is there so far.
	Continue(p prompts.Prompt, text string) (string, error)
}

// Prompter asks an evening's questions (Asker) and the questions about the
// evening itself, such as whether to pick up a draft. On an interruption,
// each returns ErrInterrupted.
type Prompter interface {
	Asker
	Confirm(question string, dflt bool) (bool, error)
	// Choose asks to pick one of options and returns its index.
	Choose(question string, options []string) (int, error)
}

// Session is one evening's reflection: it walks a Plan, asking each step on
// the path the person's answers choose.
type Session struct {
	Plan  prompts.Plan
	Asker Asker
	// Checkpoint, when set, is called with every answer given so far after
	// each new answer, so that a draft can be kept. It handles its own
	// failures: a draft that cannot be written must not stop the evening.
	Checkpoint func(answers []Answer)
	// Saved holds the answers the day's entry has from an earlier run.
	// They choose the path as the session's own answers do (the latest
	// answer to the setback check counts), and their prompts are not asked
	// again, but for those named in Again. Run does not return them.
	Saved []Answer
	// Again names prompts that Saved answers and that are asked once more:
	// the new answer is added after the saved one, which stays.
	Again []string
	// Cut, when set, names the prompt of an answer in Run's prior that an
	// interruption cut short (Draft.Cut): Run first puts that question
	// again with the answer's text ready to be finished, and the finished
	// text takes the place of the partial one. When Run returns, Cut names
	// the answer that an interruption cut short this time, if any.
	Cut string
}

// Run asks the plan's prompts, skipping those answered in prior (from a
// resumed draft) or in Saved, and returns every answer: prior's first, then
// the new ones. On an error the answers given so far come back with it,
// including any text typed for the question it interrupted (see Cut).
func (s *Session) Run(prior []Answer) ([]Answer, error) {
	answers := append([]Answer(nil), prior...)
	answered := make(map[string]bool, len(prior)+len(s.Saved))
	way := prompts.Path{}
	drawn := map[string]bool{} // tonight's lessons: not brought back tonight
	path := func(a Answer) {
		way = prompts.PathOf(way, a.PromptID, a.Answer)
		if prompts.IsLesson(a.PromptID) {
			drawn[LessonKey(a.Answer)] = true
		}
	}
	for _, a := range s.Saved {
		path(a)
		answered[a.PromptID] = !slices.Contains(s.Again, a.PromptID)
	}
	for _, a := range prior {
		path(a)
		answered[a.PromptID] = true
	}
	cut := s.Cut
	s.Cut = ""
	if i := lastAnswerTo(answers, cut); i >= 0 {
		p := s.promptOf(answers[i])
		text, err := s.Asker.Continue(p, answers[i].Answer)
		if text != "" { // emptied, the answer keeps its words
			answers[i].Answer = text
		}
		if err != nil {
			s.Cut = cut
			return answers, stopped(p, err)
		}
		if s.Checkpoint != nil {
			s.Checkpoint(answers)
		}
	}
	for _, step := range s.Plan.Steps {
		if !step.On(way) || answered[step.Prompt.ID] ||
			step.Prompt.ID == prompts.StillTrueID && drawn[LessonKey(step.Earlier)] {
			continue
		}
		text, err := s.Asker.Ask(step.Prompt)
		if text != "" {
			a := AnswerTo(step.Prompt, text)
			a.FollowsUp = step.FollowsUp
			answers = append(answers, a)
			answered[a.PromptID] = true
			path(a)
		}
		if err != nil {
			if text != "" {
				s.Cut = step.Prompt.ID
			}
			return answers, stopped(step.Prompt, err)
		}
		if text != "" && s.Checkpoint != nil {
			s.Checkpoint(answers)
		}
	}
	return answers, nil
}

// stopped is the error that ends a session when asking p failed with err.
func stopped(p prompts.Prompt, err error) error {
	if errors.Is(err, ErrInterrupted) {
		return ErrInterrupted
	}
	return fmt.Errorf("asking %q: %w", p.ID, err)
}

// lastAnswerTo returns the index of the last answer to the prompt id, or -1.
func lastAnswerTo(answers []Answer, id string) int {
	if id == "" {
		return -1
	}
	for i := len(answers) - 1; i >= 0; i-- {
		if answers[i].PromptID == id {
			return i
		}
	}
	return -1
}

// promptOf returns the prompt that a was an answer to: the plan's step,
// else (a catalog that changed since) a long text prompt with a's question,
// which takes any text.
func (s *Session) promptOf(a Answer) prompts.Prompt {
	for _, step := range s.Plan.Steps {
		if step.Prompt.ID == a.PromptID {
			return step.Prompt
		}
	}
	return prompts.Prompt{ID: a.PromptID, Theme: a.Theme, Kind: prompts.Long, Question: a.Question}
}

// AnswerTo records text as the answer to p, with p's question and theme as
// they are today.
func AnswerTo(p prompts.Prompt, text string) Answer {
	return Answer{PromptID: p.ID, Theme: p.Theme, Question: p.Question, Answer: text}
}

// ScaleAnswer returns the stored form of a scale answer, checking its range
// (see prompts.ScaleAnswer).
func ScaleAnswer(n int) (string, error) { return prompts.ScaleAnswer(n) }

// YesNoAnswer returns the stored form of a yes/no answer (see
// prompts.YesNoAnswer).
func YesNoAnswer(yes bool) string { return prompts.YesNoAnswer(yes) }
