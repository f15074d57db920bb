package journal

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/reflect-cli/reflect/prompts"
)

// Given is the evening without questions: answers given all at once (today
// --answers), saved under a day.
type Given struct {
	Store   Store
	Catalog *prompts.Catalog
	Day     Day
	Now     func() time.Time
	// OnlyCopy: the answers exist nowhere but in this process (they came
	// on standard input), so a failure to save them calls Keep.
	OnlyCopy bool
	// Keep is the last resort for answers the journal could not take (see
	// Evening.Keep).
	Keep func(day Day, answers []Answer, cause error) error
}

// Save adds answers to the day's entry. Answers that come back to an
// earlier one (a follow-up, a lesson brought back) are linked to it as the
// evening's plan would; one with nothing to come back to is an
// *AnswersError. A day's draft belongs to an interrupted evening in a
// terminal: it is left for that evening.
func (g *Given) Save(answers []Answer) (Saved, error) {
	if slices.ContainsFunc(answers, comesBack) {
		plan, err := PlanFor(g.Store, g.Catalog, g.Day, false, g.Now())
		if err == nil {
			err = LinkAnswers(answers, plan)
		}
		var bad *AnswersError
		if err != nil && g.OnlyCopy && !errors.As(err, &bad) {
			return Saved{}, g.Keep(g.Day, answers, err)
		}
		if err != nil {
			return Saved{}, err
		}
	}
	var entry Entry
	err := g.Store.Write(func(w Writer) error {
		var err error
		entry, err = w.AddAnswers(g.Day, answers, g.Now())
		return err
	})
	if err != nil {
		if g.OnlyCopy {
			return Saved{}, g.Keep(g.Day, answers, err)
		}
		return Saved{}, err
	}
	return Saved{Entry: entry, Added: len(answers)}, nil
}

// comesBack reports whether an answer is to a prompt that comes back to an
// earlier answer: a follow-up, or a lesson brought back.
func comesBack(a Answer) bool {
	return a.PromptID == prompts.FollowUpID || a.PromptID == prompts.ObstacleID || a.PromptID == prompts.StillTrueID ||
		a.PromptID == prompts.LessonLaterID
}

// LinkAnswers gives the answers that come back to an earlier answer (a
// follow-up, a lesson brought back) the question and link of the plan's
// step. Such an answer with no such step is an *AnswersError.
func LinkAnswers(answers []Answer, plan prompts.Plan) error {
	for i, a := range answers {
		step := slices.IndexFunc(plan.Steps, func(s prompts.Step) bool { return s.Prompt.ID == a.PromptID })
		switch {
		case step >= 0 && plan.Steps[step].FollowsUp != nil:
			answers[i].Question = plan.Steps[step].Prompt.Question
			answers[i].FollowsUp = plan.Steps[step].FollowsUp
		case a.PromptID == prompts.FollowUpID || a.PromptID == prompts.ObstacleID:
			return &AnswersError{PromptID: a.PromptID, Reason: fmt.Sprintf("there is no planned step to follow up on %s", plan.Date)}
		case a.PromptID == prompts.StillTrueID:
			return &AnswersError{PromptID: a.PromptID, Reason: fmt.Sprintf("no earlier lesson comes back on %s", plan.Date)}
		case a.PromptID == prompts.LessonLaterID:
			return &AnswersError{PromptID: a.PromptID, Reason: fmt.Sprintf("no heavy evening's lesson waits on %s", plan.Date)}
		}
	}
	return nil
}
