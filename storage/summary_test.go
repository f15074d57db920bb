package storage

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/prompts"
)

func TestSummaryEncoding(t *testing.T) {
	for _, s := range []journal.Summary{
		{},
		{Answers: 9, Wins: 2, Mood: 4, FollowUp: "not yet"},
		{Answers: 4, Planned: prompts.FormIfThen},
		{Answers: 4, Planned: prompts.FormPlain},
		{Answers: 300, Lessons: []string{"Ask early.", "ünïcode 🙂\nand a line"}, Setback: "It rained.",
			BroughtBack: []journal.Revisit{{Lesson: prompts.Ref{Date: "2026-11-13", PromptID: "setback-lesson"}, StillTrue: "yes"}}},
	} {
		got, err := decodeSummary(encodeFigures(s))
		if err == nil {
			err = decodeLessons(encodeLessons(s), &got)
		}
		if err != nil || !reflect.DeepEqual(got, s) {
			t.Errorf("round trip of %+v = %+v, %v", s, got, err)
		}
		// As a journal of schema 2 kept it, whole.
		if got, err := decodeSummary(wholeSummary(s)); err != nil || !reflect.DeepEqual(got, s) {
			t.Errorf("a whole summary of %+v = %+v, %v", s, got, err)
		}
	}
	s := journal.Summary{Answers: 3, Lessons: []string{"x"}, Setback: "y", Planned: prompts.FormIfThen}
	for _, good := range [][]byte{encodeFigures(s), wholeSummary(s)} {
		for i := range good { // every cut is noticed, never a panic
			if _, err := decodeSummary(good[:i]); err == nil {
				t.Errorf("a summary cut at %d bytes decoded", i)
			}
		}
		if _, err := decodeSummary(append(good, 0)); err == nil {
			t.Error("a summary with bytes after it decoded")
		}
	}
	lessons := encodeLessons(s)
	for i := range lessons {
		if err := decodeLessons(lessons[:i], &journal.Summary{}); err == nil {
			t.Errorf("lessons cut at %d bytes decoded", i)
		}
	}
	if _, err := decodeSummary([]byte{9, 1, 1}); err == nil {
		t.Error("a summary of an unknown version decoded")
	}
}

// TestSummaryWithoutAForm: a summary kept before summaries noted the
// planned step's form (version 1) reads as it was, with no form; and
// doctor does not take the missing form for a summary that disagrees with
// its entry.
func TestSummaryWithoutAForm(t *testing.T) {
	v1 := []byte{summaryVersionNoForm, 3, 1, 4}
	v1 = appendString(v1, "done")
	v1 = append(v1, 0) // no lessons
	v1 = appendString(v1, "")
	v1 = append(v1, 0) // none brought back
	got, err := decodeSummary(v1)
	if want := (journal.Summary{Answers: 3, Wins: 1, Mood: 4, FollowUp: "done"}); err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("a version 1 summary = %+v, %v; want %+v", got, err, want)
	}
	if _, err := decodeSummary(append(bytes.Clone(v1), 0)); err == nil {
		t.Error("a version 1 summary with a byte after it decoded")
	}
	v2 := bytes.Clone(v1)
	v2[0] = summaryVersion
	if _, err := decodeSummary(append(v2, byte(len(stepForms)))); err == nil {
		t.Error("a summary with an unknown form decoded")
	}

	j := newJournal(t)
	e := add(t, j, nov20, "When the kettle boils, I will stretch.")
	rawUpdate(t, j.Path, func(tx *bolt.Tx) error {
		e.Answers[0].Theme = prompts.ThemeNextStep
		raw, err := json.Marshal(e)
		if err != nil {
			return err
		}
		if err := tx.Bucket(bucketEntries).Put([]byte(nov20.String()), raw); err != nil {
			return err
		}
		sum := journal.Summarize(e)
		if sum.Planned != prompts.FormIfThen {
			t.Fatalf("the entry's summary has form %q", sum.Planned)
		}
		old := wholeSummary(sum)
		old = append([]byte{summaryVersionNoForm}, old[1:len(old)-1]...)
		return tx.Bucket(bucketSummaries).Put([]byte(nov20.String()), old)
	})
	rep, err := j.Check()
	if err != nil || !rep.Sound() {
		t.Errorf("doctor on a version 1 summary: %v, %+v", err, rep.Findings)
	}
}

func FuzzSummary(f *testing.F) {
	f.Add(wholeSummary(journal.Summary{Answers: 3, Lessons: []string{"x"}}))
	f.Add(encodeFigures(journal.Summary{Answers: 3}))
	f.Add(encodeLessons(journal.Summary{Lessons: []string{"x"}}))
	f.Add([]byte{1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := decodeSummary(data)
		if err == nil {
			if again, err := decodeSummary(wholeSummary(s)); err != nil || !reflect.DeepEqual(again, s) {
				t.Errorf("decoded %+v does not survive a round trip", s)
			}
		}
		var l journal.Summary
		if decodeLessons(data, &l) == nil {
			var again journal.Summary
			if err := decodeLessons(encodeLessons(l), &again); err != nil || !reflect.DeepEqual(again, l) {
				t.Errorf("decoded lessons %+v do not survive a round trip", l)
			}
		}
	})
}

// wholeSummary is a summary as a journal of schema 2 kept it: version 2,
// its figures and lessons in one.
func wholeSummary(s journal.Summary) []byte {
	figures := encodeFigures(s) // version, counts, mood, follow-up, form
	b := append([]byte{summaryVersion}, figures[1:len(figures)-1]...)
	b = appendLessons(b, s)
	return append(b, figures[len(figures)-1])
}
