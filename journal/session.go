package journal

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

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
}

// Run asks the plan's prompts, skipping those answered in prior (from a
// resumed draft), and returns every answer: prior's first, then the new ones.
// On ErrInterrupted the answers given so far come back with the error.
func (s *Session) Run(prior []Answer) ([]Answer, error) {
	answers := append([]Answer(nil), prior...)
	answered := make(map[string]bool, len(prior))
	setback, done := false, false
	drawn := map[string]bool{} // tonight's lessons: not brought back tonight
	note := func(a Answer) {
		answered[a.PromptID] = true
		switch a.PromptID {
		case prompts.CheckID:
			setback = a.Answer == "yes"
		case prompts.FollowUpID:
			done = a.Answer == prompts.Done
		case prompts.LessonID:
			drawn[LessonKey(a.Answer)] = true
		}
	}
	for _, a := range prior {
		note(a)
	}
	for _, step := range s.Plan.Steps {
		if !step.On(setback, done) || answered[step.Prompt.ID] ||
			step.Prompt.ID == prompts.StillTrueID && drawn[LessonKey(step.Earlier)] {
			continue
		}
		text, err := s.Asker.Ask(step.Prompt)
		if text != "" {
			a := AnswerTo(step.Prompt, text)
			a.FollowsUp = step.FollowsUp
			answers = append(answers, a)
			note(a)
		}
		if err != nil {
			if errors.Is(err, ErrInterrupted) {
				return answers, ErrInterrupted
			}
			return answers, fmt.Errorf("asking %q: %w", step.Prompt.ID, err)
		}
		if text != "" && s.Checkpoint != nil {
			s.Checkpoint(answers)
		}
	}
	return answers, nil
}

// AnswerTo records text as the answer to p, with p's question and theme as
// they are today.
func AnswerTo(p prompts.Prompt, text string) Answer {
	return Answer{PromptID: p.ID, Theme: p.Theme, Question: p.Question, Answer: text}
}

// ScaleAnswer returns the stored form of a scale answer, checking its range.
func ScaleAnswer(n int) (string, error) {
	if n < 1 || n > 5 {
		return "", fmt.Errorf("%d is not on the scale from 1 to 5", n)
	}
	return strconv.Itoa(n), nil
}

// YesNoAnswer returns the stored form of a yes/no answer.
func YesNoAnswer(yes bool) string {
	if yes {
		return "yes"
	}
	return "no"
}

// TextAnswer reads an answer to p written as text, such as "4" to a scale
// or "Yes" to a yes/no, and returns its stored form.
func TextAnswer(p prompts.Prompt, text string) (string, error) {
	text = strings.TrimSpace(text)
	switch p.Kind {
	case prompts.Scale:
		n, err := strconv.Atoi(text)
		if err != nil {
			return "", fmt.Errorf("%q is not a whole number from 1 to 5", text)
		}
		return ScaleAnswer(n)
	case prompts.Choice:
		for _, o := range p.Options {
			if strings.EqualFold(text, o) {
				return o, nil
			}
		}
		return "", fmt.Errorf("%q is not one of: %s", text, strings.Join(p.Options, ", "))
	case prompts.YesNo:
		switch strings.ToLower(text) {
		case "yes", "y":
			return YesNoAnswer(true), nil
		case "no", "n":
			return YesNoAnswer(false), nil
		}
		return "", fmt.Errorf("%q is neither yes nor no", text)
	}
	return text, nil
}
