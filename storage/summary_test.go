package storage

import (
	"reflect"
	"testing"

	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/prompts"
)

func TestSummaryEncoding(t *testing.T) {
	for _, s := range []journal.Summary{
		{},
		{Answers: 9, Wins: 2, Mood: 4, FollowUp: "not yet"},
		{Answers: 300, Lessons: []string{"Ask early.", "ünïcode 🙂\nand a line"}, Setback: "It rained.",
			BroughtBack: []journal.Revisit{{Lesson: prompts.Ref{Date: "2026-11-13", PromptID: "setback-lesson"}, StillTrue: "yes"}}},
	} {
		got, err := decodeSummary(encodeSummary(s))
		if err != nil || !reflect.DeepEqual(got, s) {
			t.Errorf("round trip of %+v = %+v, %v", s, got, err)
		}
	}
	good := encodeSummary(journal.Summary{Answers: 3, Lessons: []string{"x"}, Setback: "y"})
	for i := range good { // every cut is noticed, never a panic
		if _, err := decodeSummary(good[:i]); err == nil {
			t.Errorf("a summary cut at %d bytes decoded", i)
		}
	}
	if _, err := decodeSummary(append(good, 0)); err == nil {
		t.Error("a summary with bytes after it decoded")
	}
	if _, err := decodeSummary([]byte{9, 1, 1}); err == nil {
		t.Error("a summary of an unknown version decoded")
	}
}

func FuzzSummary(f *testing.F) {
	f.Add(encodeSummary(journal.Summary{Answers: 3, Lessons: []string{"x"}}))
	f.Add([]byte{1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := decodeSummary(data)
		if err == nil {
			if again, err := decodeSummary(encodeSummary(s)); err != nil || !reflect.DeepEqual(again, s) {
				t.Errorf("decoded %+v does not survive a round trip", s)
			}
		}
	})
}
