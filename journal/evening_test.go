package journal

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reflect-cli/reflect/prompts"
)

// memStore is a journal in memory, one transaction at a time; failWrites
// makes every write fail.
type memStore struct {
	mu         sync.Mutex
	entries    map[string]Entry
	drafts     map[string]Draft
	failWrites error
	writes     int
}

func newMemStore() *memStore {
	return &memStore{entries: map[string]Entry{}, drafts: map[string]Draft{}}
}

func (m *memStore) Read(fn func(Reader) error) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	return fn(memTx{m})
}

func (m *memStore) Write(fn func(Writer) error) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.failWrites != nil {
		return m.failWrites
	}
	// All or nothing: fn works on a copy, kept only when it succeeds.
	tx := &memStore{entries: maps.Clone(m.entries), drafts: maps.Clone(m.drafts)}
	if err := fn(memTx{tx}); err != nil {
		return err
	}
	m.entries, m.drafts = tx.entries, tx.drafts
	m.writes++
	return nil
}

type memTx struct{ m *memStore }

func (t memTx) Entry(d Day) (Entry, bool, error) { e, ok := t.m.entries[d.String()]; return e, ok, nil }
func (t memTx) Draft(d Day) (Draft, bool, error) { e, ok := t.m.drafts[d.String()]; return e, ok, nil }

func (t memTx) Descend(from, to Day, fn func(Entry) error) error {
	keys := slices.Sorted(maps.Keys(t.m.entries))
	slices.Reverse(keys)
	return t.each(keys, to, from, fn)
}

func (t memTx) Range(from, to Day, fn func(Entry) error) error {
	return t.each(slices.Sorted(maps.Keys(t.m.entries)), from, to, fn)
}

// each calls fn for the entries of keys, in their order, that lie from
// the day lo to the day hi, until fn returns Stop.
func (t memTx) each(keys []string, lo, hi Day, fn func(Entry) error) error {
	for _, k := range keys {
		if k < lo.String() || k > hi.String() {
			continue
		}
		if err := fn(t.m.entries[k]); errors.Is(err, Stop) {
			return nil
		} else if err != nil {
			return err
		}
	}
	return nil
}

func (t memTx) Summary(d Day) (Summary, bool, error) {
	e, ok := t.m.entries[d.String()]
	if !ok {
		return Summary{}, false, nil
	}
	return Summarize(e), true, nil
}

func (t memTx) EachFigures(fn func(Summary) error) error {
	for _, k := range slices.Sorted(maps.Keys(t.m.entries)) {
		if err := fn(Summarize(t.m.entries[k])); err != nil {
			return err
		}
	}
	return nil
}

func (t memTx) EachLessons(fn func(Summary) error) error {
	return t.EachFigures(func(s Summary) error {
		if len(s.Lessons) == 0 && len(s.BroughtBack) == 0 {
			return nil
		}
		return fn(s)
	})
}

func (t memTx) AddAnswers(d Day, answers []Answer, now time.Time) (Entry, error) {
	e := t.m.entries[d.String()]
	e.Date = d
	e.Add(answers, now)
	t.m.entries[d.String()] = e
	return e, nil
}

func (t memTx) PutEntry(e Entry) error  { t.m.entries[e.Date.String()] = e; return nil }
func (t memTx) DeleteEntry(d Day) error { delete(t.m.entries, d.String()); return nil }

func (t memTx) Merge(ins ...Entry) (MergeResult, error) {
	e, ok := t.m.entries[ins[0].Date.String()]
	if ok {
		return Unchanged, nil
	}
	e = ins[0]
	for _, in := range ins[1:] {
		e.Answers = append(e.Answers, in.Answers...)
	}
	t.m.entries[e.Date.String()] = e
	return Created, nil
}

func (t memTx) PutDraft(d Draft) error        { t.m.drafts[d.Date.String()] = d; return nil }
func (t memTx) DeleteDraft(d Day) error       { delete(t.m.drafts, d.String()); return nil }
func (t memTx) count() (int, int)             { return len(t.m.entries), len(t.m.drafts) }
func (m *memStore) entry(d Day) Entry         { return m.entries[d.String()] }
func (m *memStore) draft(d Day) (Draft, bool) { dr, ok := m.drafts[d.String()]; return dr, ok }

// eveningAsker answers an evening from a script keyed by prompt id, says
// yes or no to Confirm from confirms in order, and fails the test on a
// question the script does not answer or an answer never asked for.
type eveningAsker struct {
	t        *testing.T
	answers  map[string]string
	errs     map[string]error
	confirms []bool
	asked    []string
}

func newEveningAsker(t *testing.T, answers map[string]string, confirms ...bool) *eveningAsker {
	a := &eveningAsker{t: t, answers: answers, errs: map[string]error{}, confirms: confirms}
	t.Cleanup(func() {
		for id := range a.answers {
			if !slices.Contains(a.asked, id) && a.errs[id] == nil {
				t.Errorf("the script answers %q, which was never asked", id)
			}
		}
		if len(a.confirms) > 0 {
			t.Errorf("%d confirmations scripted and never asked", len(a.confirms))
		}
	})
	return a
}

func (a *eveningAsker) Ask(p prompts.Prompt) (string, error) {
	a.asked = append(a.asked, p.ID)
	if err := a.errs[p.ID]; err != nil {
		return a.answers[p.ID], err
	}
	text, ok := a.answers[p.ID]
	if !ok {
		a.t.Fatalf("asked %q, which the script does not answer", p.ID)
	}
	return text, nil
}

func (a *eveningAsker) Continue(p prompts.Prompt, text string) (string, error) {
	a.asked = append(a.asked, "continue "+p.ID)
	return text + " and finished", nil
}

func (a *eveningAsker) Confirm(question string, _ bool) (bool, error) {
	if len(a.confirms) == 0 {
		a.t.Fatalf("asked to confirm %q, which the script does not expect", question)
	}
	yes := a.confirms[0]
	a.confirms = a.confirms[1:]
	return yes, nil
}

func (a *eveningAsker) Choose(question string, options []string) (int, error) {
	a.t.Fatalf("asked to choose %q, which the script does not expect", question)
	return 0, nil
}

var eveningDay = NewDay(2026, 11, 20)

func newEvening(t *testing.T, store *memStore, asker Prompter, quick bool) (*Evening, *strings.Builder) {
	t.Helper()
	notes := &strings.Builder{}
	return &Evening{
		Store: store, Catalog: prompts.Builtin(), Asker: asker, Day: eveningDay, Quick: quick,
		Now:   func() time.Time { return time.Date(2026, 11, 20, 21, 30, 0, 0, time.Local) },
		Say:   func(note string) { notes.WriteString(note) },
		Width: 80,
		Keep: func(Day, []Answer, error) error {
			t.Fatal("Keep called on an evening that saves")
			return nil
		},
	}, notes
}

func quickPlan() prompts.Plan {
	return prompts.Builtin().Plan(eveningDay.String(), prompts.History{}, true)
}

func quickAnswers() map[string]string { return answerAll(quickPlan(), false) }

func TestAnEveningSavesWhatWasAnswered(t *testing.T) {
	store := newMemStore()
	answers := quickAnswers()
	ev, notes := newEvening(t, store, newEveningAsker(t, answers), true)
	saved, err := ev.Run()
	if err != nil {
		t.Fatal(err)
	}
	if saved.Added != len(answers) || len(store.entry(eveningDay).Answers) != len(answers) {
		t.Errorf("added %d, entry holds %d; want %d", saved.Added, len(store.entry(eveningDay).Answers), len(answers))
	}
	if _, ok := store.draft(eveningDay); ok {
		t.Error("a draft is left after the save")
	}
	if !strings.Contains(notes.String(), "Reflection for Friday 20 November 2026") {
		t.Errorf("notes = %q", notes)
	}
}

func TestAnInterruptedEveningKeepsADraftAndResumesWhereItStopped(t *testing.T) {
	store := newMemStore()
	answers := quickAnswers()
	winID := quickPlan().Steps[1].Prompt.ID
	asker := newEveningAsker(t, answers)
	asker.errs[winID] = ErrInterrupted
	answers[winID] = "half a win"
	delete(answers, prompts.NextStepID) // never reached
	delete(answers, prompts.FreeNoteID)
	ev, _ := newEvening(t, store, asker, true)
	_, err := ev.Run()
	var stopped *InterruptedError
	if !errors.As(err, &stopped) || stopped.Kept != 2 || !errors.Is(err, ErrInterrupted) {
		t.Fatalf("err = %v, want an interruption keeping 2 answers", err)
	}
	draft, ok := store.draft(eveningDay)
	if !ok || len(draft.Answers) != 2 || draft.Cut != winID {
		t.Fatalf("draft = %+v, want the mood and the cut win", draft)
	}
	if len(store.entries) != 0 {
		t.Error("an interrupted evening wrote an entry")
	}

	// The next run picks the draft up: the cut answer is put again, and
	// only what is left is asked.
	rest := quickAnswers()
	delete(rest, prompts.MoodID)
	delete(rest, winID)
	again := newEveningAsker(t, rest, true)
	ev, notes := newEvening(t, store, again, true)
	saved, err := ev.Run()
	if err != nil {
		t.Fatal(err)
	}
	if saved.Added != 4 || !slices.Contains(again.asked, "continue "+winID) {
		t.Fatalf("added %d, asked %v", saved.Added, again.asked)
	}
	if got := store.entry(eveningDay).Answers[1].Answer; got != "half a win and finished" {
		t.Errorf("the cut answer became %q", got)
	}
	if !strings.Contains(notes.String(), "Your answers so far:") {
		t.Errorf("notes = %q", notes)
	}
}

func TestAnEveningThatCannotSaveKeepsEveryAnswer(t *testing.T) {
	store := newMemStore()
	answers := quickAnswers()
	ev, _ := newEvening(t, store, newEveningAsker(t, answers), true)
	full := errors.New("no space left on device")
	store.failWrites = full
	var kept []Answer
	ev.Keep = func(day Day, a []Answer, cause error) error {
		kept = a
		return cause
	}
	if _, err := ev.Run(); !errors.Is(err, full) {
		t.Fatalf("err = %v", err)
	}
	if len(kept) != len(answers) {
		t.Errorf("kept %d answers, want %d", len(kept), len(answers))
	}
}

func TestADeclinedDraftJoinsTheEntry(t *testing.T) {
	store := newMemStore()
	store.drafts[eveningDay.String()] = Draft{Date: eveningDay, Quick: true,
		Answers: []Answer{{PromptID: prompts.MoodID, Question: "Mood?", Answer: "2"}}}
	// Declined, the draft's mood is saved; tonight asks the rest and a note.
	answers := quickAnswers()
	delete(answers, prompts.MoodID)
	answers[prompts.FreeNoteID] = ""
	// No to picking the draft up, no to answering the mood again.
	ev, notes := newEvening(t, store, newEveningAsker(t, answers, false, false), true)
	saved, err := ev.Run()
	if err != nil {
		t.Fatal(err)
	}
	if got := store.entry(eveningDay).Answers; len(got) != 3 || got[0].Answer != "2" {
		t.Errorf("entry = %+v, want the draft's mood then tonight's two answers", got)
	}
	if saved.Added != 2 || !strings.Contains(notes.String(), "Kept the 1 answer of your unfinished reflection") {
		t.Errorf("added %d; notes = %q", saved.Added, notes)
	}
}

func TestGivenAnswersThatFollowUpNothingAreRefused(t *testing.T) {
	store := newMemStore()
	g := Given{Store: store, Catalog: prompts.Builtin(), Day: eveningDay, Now: time.Now}
	_, err := g.Save([]Answer{{PromptID: prompts.FollowUpID, Answer: prompts.Done}})
	var bad *AnswersError
	if !errors.As(err, &bad) || len(store.entries) != 0 {
		t.Fatalf("err = %v, entries = %d; want an AnswersError and nothing saved", err, len(store.entries))
	}
}

func TestGivenAnswersOnlyInThisProcessAreKeptWhenTheSaveFails(t *testing.T) {
	store := newMemStore()
	store.failWrites = errors.New("the journal is locked")
	var kept []Answer
	g := Given{Store: store, Catalog: prompts.Builtin(), Day: eveningDay, Now: time.Now, OnlyCopy: true,
		Keep: func(_ Day, a []Answer, cause error) error { kept = a; return cause }}
	if _, err := g.Save([]Answer{{PromptID: prompts.MoodID, Answer: "3"}}); err == nil || len(kept) != 1 {
		t.Fatalf("err = %v, kept %d; want the error and the answer kept", err, len(kept))
	}
}

// turnAsker answers as its eveningAsker does, each question in its turn:
// two evenings on one day take turns, as two terminals would. It says when
// it waits at a question (waiting), and when it has answered (done).
type turnAsker struct {
	*eveningAsker
	waiting, turn, done chan struct{}
}

func newTurnAsker(a *eveningAsker) *turnAsker {
	return &turnAsker{a, make(chan struct{}), make(chan struct{}), make(chan struct{})}
}

func (a *turnAsker) Ask(p prompts.Prompt) (string, error) {
	a.waiting <- struct{}{}
	<-a.turn
	defer func() { a.done <- struct{}{} }()
	return a.eveningAsker.Ask(p)
}

// TestTwoEveningsOnOneDayKeepEachOthersWords: two terminals reflect on the
// same day and each keeps a draft as it goes; the first is stopped, the
// second saves. Neither's words are lost: the second's are saved, and the
// first's stay in the day's draft, to be picked up.
func TestTwoEveningsOnOneDayKeepEachOthersWords(t *testing.T) {
	store := newMemStore()
	winID := quickPlan().Steps[1].Prompt.ID
	first := newEveningAsker(t, map[string]string{prompts.MoodID: "2", winID: "the first's win"})
	first.errs[winID] = ErrInterrupted
	second := newEveningAsker(t, quickAnswers())
	a, b := newTurnAsker(first), newTurnAsker(second)
	evA, _ := newEvening(t, store, a, true)
	evB, _ := newEvening(t, store, b, true)
	evB.Now = func() time.Time { return time.Date(2026, 11, 20, 21, 31, 0, 0, time.Local) } // started a minute later

	errA, errB := make(chan error, 1), make(chan error, 1)
	go func() { _, err := evA.Run(); errA <- err }()
	go func() { _, err := evB.Run(); errB <- err }()
	// An evening that fails the test leaves its goroutine: wait for it
	// no longer than a slow machine could need.
	wait := func(ch chan struct{}, what string) {
		select {
		case <-ch:
		case <-time.After(time.Minute):
			t.Fatalf("no evening came to %s", what)
		}
	}
	// Both read the day, then take turns: A's mood, B's mood, A's win (cut
	// short by Ctrl-C), then B's win, next step and free note.
	wait(a.waiting, "its first question")
	wait(b.waiting, "its first question")
	for i, asker := range []*turnAsker{a, b, a, b, b, b} {
		if i >= 2 {
			wait(asker.waiting, "its next question")
		}
		asker.turn <- struct{}{}
		wait(asker.done, "its answer")
	}
	end := func(ch chan error, what string) error {
		select {
		case err := <-ch:
			return err
		case <-time.After(time.Minute):
			t.Fatalf("the %s evening never ended", what)
			return nil
		}
	}
	if err := end(errA, "first"); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("the first evening: %v, want it interrupted", err)
	}
	if err := end(errB, "second"); err != nil {
		t.Fatalf("the second evening: %v", err)
	}
	if got := len(store.entry(eveningDay).Answers); got != 4 {
		t.Errorf("the entry holds %d answers, want the second evening's 4", got)
	}
	draft, ok := store.draft(eveningDay)
	if !ok || len(otherThan(draft.Answers, store.entry(eveningDay).Answers)) != 2 {
		t.Fatalf("draft = %+v, want the first evening's mood and win kept", draft)
	}
}
