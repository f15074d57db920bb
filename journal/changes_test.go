package journal

import (
	"errors"
	"testing"
	"time"
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
	err := Delete(store, was, func(Entry) error { return full })
	if !errors.Is(err, full) || len(store.entries) != 1 {
		t.Fatalf("err = %v, %d entries; want the copy's error and the entry kept", err, len(store.entries))
	}
	var copied Entry
	if err := Delete(store, was, func(e Entry) error { copied = e; return nil }); err != nil {
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
