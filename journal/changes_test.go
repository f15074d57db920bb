package journal

import (
	"errors"
	"testing"
	"time"

	"github.com/reflect-cli/reflect/prompts"
)

func savedEntry(store *memStore) Entry {
	e := Entry{Date: eveningDay, UpdatedAt: time.Date(2026, 11, 20, 22, 0, 0, 0, time.UTC),
		Answers: []Answer{{PromptID: "mood", Answer: "3"}, {PromptID: "win-small", Answer: "a walk"}}}
	store.entries[eveningDay.String()] = e
	return e
}

func TestAnEditOfAnEntryThatChangedMeanwhileChangesNothing(t *testing.T) {
	store := newMemStore()
	was := savedEntry(store)
	edit := Edit{Answers: was.Answers[:1], Removed: 1}

	// Another reflect adds an answer while the editor is open.
	other := store.entries[eveningDay.String()]
	other.Add([]Answer{{PromptID: "free-write", Answer: "later"}}, was.UpdatedAt.Add(time.Minute))
	store.entries[eveningDay.String()] = other

	if err := SaveEdit(store, was, edit, time.Now()); !errors.Is(err, ErrChangedMeanwhile) {
		t.Fatalf("err = %v, want ErrChangedMeanwhile", err)
	}
	if got := len(store.entry(eveningDay).Answers); got != 3 {
		t.Errorf("the entry has %d answers, want the 3 it had", got)
	}

	// On the entry as it stands, the edit is saved.
	if err := SaveEdit(store, store.entry(eveningDay), edit, time.Now()); err != nil {
		t.Fatal(err)
	}
	if got := len(store.entry(eveningDay).Answers); got != 1 {
		t.Errorf("the entry has %d answers after the edit, want 1", got)
	}
}

func TestADeleteKeepsACopyFirst(t *testing.T) {
	store := newMemStore()
	was := savedEntry(store)
	full := errors.New("no space left on device")
	err := Delete(store, was, func(Entry) error { return full }, time.Time{})
	if !errors.Is(err, full) || len(store.entries) != 1 {
		t.Fatalf("err = %v, %d entries; want the copy's error and the entry kept", err, len(store.entries))
	}
	var copied Entry
	if err := Delete(store, was, func(e Entry) error { copied = e; return nil }, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if len(store.entries) != 0 || len(copied.Answers) != 2 {
		t.Errorf("%d entries left, copy holds %d answers", len(store.entries), len(copied.Answers))
	}
}

func TestAnImportMergesEachDayOnce(t *testing.T) {
	store := newMemStore()
	a := Entry{Date: NewDay(2026, 11, 19), Answers: []Answer{{PromptID: "mood", Answer: "4"}}}
	b := Entry{Date: NewDay(2026, 11, 18), Answers: []Answer{{PromptID: "mood", Answer: "2"}}}
	counts, err := Import(store, []Entry{a, b, a})
	if err != nil {
		t.Fatal(err)
	}
	if counts.Total() != 2 || counts[Created] != 2 || store.writes != 1 {
		t.Errorf("counts = %v, writes = %d; want 2 days created in one write", counts, store.writes)
	}
	if got := len(store.entries["2026-11-19"].Answers); got != 2 {
		t.Errorf("the day named twice was merged into %d answers, want both in one go", got)
	}
}

func TestAReviewReadsItsSpanAndWhatItComesBackTo(t *testing.T) {
	store := newMemStore()
	step := Entry{Date: NewDay(2026, 11, 12), Answers: []Answer{{PromptID: "next-step", Answer: "call Ana"}}}
	ref := prompts.Ref{Date: "2026-11-12", PromptID: "next-step"}
	done := Entry{Date: NewDay(2026, 11, 17), Answers: []Answer{{PromptID: prompts.FollowUpID, Answer: prompts.Done, FollowsUp: &ref}}}
	after := Entry{Date: NewDay(2026, 11, 24), Answers: []Answer{{PromptID: "mood", Answer: "5"}}}
	for _, e := range []Entry{step, done, after} {
		store.entries[e.Date.String()] = e
	}
	r, err := SpanReview(Span{From: NewDay(2026, 11, 16), To: NewDay(2026, 11, 22)}, nil).Read(store)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Entries) != 1 || r.Earlier[ref] != "call Ana" {
		t.Errorf("entries %d, earlier %v; want the 17th and the step it follows up", len(r.Entries), r.Earlier)
	}
	r, err = SpanReview(Span{From: Earliest, To: NewDay(2026, 11, 20)}, nil).Read(store)
	if err != nil {
		t.Fatal(err)
	}
	if r.Span.From != step.Date || len(r.Entries) != 2 {
		t.Errorf("span from %s with %d entries; want it to start at the first entry, with 2", r.Span.From, len(r.Entries))
	}
}
