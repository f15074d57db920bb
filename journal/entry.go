package journal

import (
	"time"

	"github.com/reflect-cli/reflect/prompts"
)

// Answer is one question asked on a day and what the person answered.
type Answer struct {
	PromptID string `json:"prompt_id"`
	Theme    string `json:"theme"`
	Question string `json:"question"` // as it was asked that day
	Answer   string `json:"answer"`   // a scale as digits, a yes/no as "yes" or "no"
	// Tags are labels the answer was given elsewhere, such as jrnl's @tags.
	Tags []string `json:"tags,omitempty"`
	// FollowsUp links an answer that comes back to an earlier one (did you
	// take the step? is the lesson still true?) to that answer.
	FollowsUp *prompts.Ref `json:"follows_up,omitempty"`
}

// Entry is one day of the journal: every answer given on that date, in the
// order they were given.
type Entry struct {
	Date      Day       `json:"date"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	Answers   []Answer  `json:"answers"`
}

// Add appends answers to the entry, given at now. Nothing already in the
// entry is changed or dropped.
func (e *Entry) Add(answers []Answer, now time.Time) {
	now = now.Round(0).Truncate(time.Second)
	if e.CreatedAt.IsZero() {
		e.CreatedAt = now
	}
	e.UpdatedAt = now
	e.Answers = append(e.Answers, answers...)
}

// Draft is an unfinished reflection, kept so that an interruption costs no
// words: the answers given so far for a date.
type Draft struct {
	Date      Day       `json:"date"`
	Quick     bool      `json:"quick,omitempty"`
	StartedAt time.Time `json:"started_at"`
	UpdatedAt time.Time `json:"updated_at"`
	Answers   []Answer  `json:"answers"`
	// Cut names the prompt whose answer, the last of Answers to it, an
	// interruption cut short: resuming puts that question again first,
	// with its text ready to be finished. Drafts kept before it was added
	// have none, and resume as they always did.
	Cut string `json:"cut,omitempty"`
	// Again names the prompts that the day's entry had answered already and
	// that the person chose to answer once more (see Session.Again).
	Again []string `json:"again,omitempty"`
}

// MergeResult says what merging an entry into the journal did.
type MergeResult int

// What a merge can do to a day.
const (
	Unchanged MergeResult = iota // every answer was there already
	Merged                       // answers were added to an existing entry
	Created                      // the day had no entry
)

// Merge adds to e the answers of each of ins (entries of the same date) in
// turn that e does not hold yet: an answer is there already when one of e's
// answers, as e stood before that entry, has the same prompt id and text,
// each of e's answers standing for one of the entry's. The entry's first and
// last times widen to cover those of each entry that added an answer. It
// says Merged when any answer was added.
//
// Merging many entries in one call gives what merging them one at a time
// gives, in time linear in their answers (one at a time, each merge counts
// every answer of e again).
func (e *Entry) Merge(ins ...Entry) MergeResult {
	type key struct{ id, text string }
	have := make(map[key]int, len(e.Answers))
	for _, a := range e.Answers {
		have[key{a.PromptID, a.Answer}]++
	}
	result := Unchanged
	for _, in := range ins {
		used, added := map[key]int{}, map[key]int{}
		for _, a := range in.Answers {
			k := key{a.PromptID, a.Answer}
			if used[k] < have[k] {
				used[k]++
				continue
			}
			e.Answers = append(e.Answers, a)
			added[k]++
		}
		if len(added) == 0 {
			continue
		}
		// What this entry added stands for answers of the entries after it.
		for k, n := range added {
			have[k] += n
		}
		result = Merged
		if !in.CreatedAt.IsZero() && (e.CreatedAt.IsZero() || in.CreatedAt.Before(e.CreatedAt)) {
			e.CreatedAt = in.CreatedAt
		}
		if in.UpdatedAt.After(e.UpdatedAt) {
			e.UpdatedAt = in.UpdatedAt
		}
	}
	return result
}
