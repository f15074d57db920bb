package journal

import (
	"testing"

	"github.com/reflect-cli/reflect/prompts"
)

func TestIsHeavy(t *testing.T) {
	mood := func(m string) Answer { return Answer{PromptID: prompts.MoodID, Answer: m} }
	check := func(c string) Answer { return Answer{PromptID: prompts.CheckID, Answer: c} }
	for _, tt := range []struct {
		name    string
		answers []Answer
		heavy   bool
	}{
		{"a mood of 1", []Answer{mood("1")}, true},
		{"a mood of 2", []Answer{mood("2")}, false},
		{"a setback that weighs", []Answer{mood("4"), check(prompts.Weighs)}, true},
		{"a setback", []Answer{mood("3"), check(prompts.Yes)}, false},
		{"the latest mood counts", []Answer{mood("1"), mood("3")}, false},
		{"the latest mood counts, low", []Answer{mood("3"), mood("1")}, true},
		{"nothing", nil, false},
	} {
		if got := IsHeavy(Entry{Answers: tt.answers}); got != tt.heavy {
			t.Errorf("%s: IsHeavy = %v", tt.name, got)
		}
	}
}

// TestHeavyBefore counts heavy evenings among the four before a day, in
// the fortnight before it.
func TestHeavyBefore(t *testing.T) {
	heavy := func(n int) Entry {
		return Entry{Date: d(n), Answers: []Answer{{PromptID: prompts.MoodID, Answer: "1"}}}
	}
	light := func(n int) Entry {
		return Entry{Date: d(n), Answers: []Answer{{PromptID: prompts.MoodID, Answer: "4"}}}
	}
	for _, tt := range []struct {
		name   string
		recent []Entry // newest first
		want   int
	}{
		{"none", nil, 0},
		{"two of the last four", []Entry{heavy(19), light(18), heavy(17), light(16)}, 2},
		{"the fifth back is not counted", []Entry{light(19), light(18), light(17), light(16), heavy(15)}, 0},
		{"skipped days count as no evening", []Entry{heavy(10), heavy(8)}, 2},
		{"a fortnight ago is too long", []Entry{heavy(19), heavy(6), heavy(5)}, 1},
	} {
		if got := HeavyBefore(d(20), tt.recent); got != tt.want {
			t.Errorf("%s: HeavyBefore = %d, want %d", tt.name, got, tt.want)
		}
	}
}
