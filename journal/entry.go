package journal

import (
	"time"
)

// Answer is one question asked on a day and what the person answered.
type Answer struct {
	PromptID string `json:"prompt_id"`
	Theme    string `json:"theme"`
	Question string `json:"question"` // as it was asked that day
	Answer   string `json:"answer"`   // a scale as digits, a yes/no as "yes" or "no"
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
}
