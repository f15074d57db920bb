package storage

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/journal/journaltest"
)

// syncer is one machine of a sync test: its journal, and the copies of
// answers its syncs kept.
type syncer struct {
	t       *testing.T
	name    string
	batch   int // days to a transaction; 0 for sync's own
	renamed int // how many machine ids it was given
	j       *Journal
	folder  *SyncFolder
	clock   time.Time
	kept    [][]journal.Answer
	keptDay []journal.Day
}

func newSyncer(t *testing.T, name, dir string) *syncer {
	t.Helper()
	f, err := OpenSyncFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	return &syncer{t: t, name: name, j: newJournal(t), folder: f, clock: now}
}

// newMachine names the machine s.name, the first time; then s.name and a
// number.
func (s *syncer) newMachine() string {
	s.renamed++
	if s.renamed == 1 {
		return s.name
	}
	return fmt.Sprintf("%s-%d", s.name, s.renamed)
}

// sync syncs, a minute after the machine's last change.
func (s *syncer) sync() journal.SyncReport {
	s.t.Helper()
	s.clock = s.clock.Add(time.Minute)
	rep, err := journal.Sync(s.j, s.folder, journal.SyncOptions{
		NewMachine: s.newMachine, Folder: s.folder.Dir(), Now: s.clock, Batch: s.batch,
		Keep: func(day journal.Day, a []journal.Answer) (string, error) {
			s.kept, s.keptDay = append(s.kept, a), append(s.keptDay, day)
			return "kept-" + day.String(), nil
		},
	})
	if err != nil {
		s.t.Fatalf("%s: sync: %v", s.name, err)
	}
	return rep
}

// syncQuietly syncs, and fails the test unless the sync merged and wrote
// nothing.
func (s *syncer) syncQuietly(when string) {
	s.t.Helper()
	if rep := s.sync(); len(rep.Merged) != 0 || len(rep.Written) != 0 {
		s.t.Errorf("%s: a sync %s merged %v and wrote %v", s.name, when, rep.Merged, rep.Written)
	}
}

// write adds answers to a day, as an evening would.
func (s *syncer) write(day journal.Day, as ...journal.Answer) {
	s.t.Helper()
	s.clock = s.clock.Add(time.Minute)
	err := s.j.Update(func(w *Writer) error {
		_, err := w.AddAnswers(day, as, s.clock)
		return err
	})
	if err != nil {
		s.t.Fatal(err)
	}
}

// entry returns a day's entry as it stands.
func (s *syncer) entry(day journal.Day) journal.Entry {
	s.t.Helper()
	var e journal.Entry
	err := s.j.View(func(r *Reader) error {
		var err error
		e, _, err = r.Entry(day)
		return err
	})
	if err != nil {
		s.t.Fatal(err)
	}
	return e
}

// edit replaces a day's answers as 'reflect edit' does (journal.SaveEdit):
// in place, the answers past the last given removed.
func (s *syncer) edit(day journal.Day, as ...journal.Answer) {
	s.t.Helper()
	s.clock = s.clock.Add(time.Minute)
	was := s.entry(day)
	edit := journal.Edit{Answers: as}
	for i := range as {
		edit.From = append(edit.From, i)
	}
	if err := journal.SaveEdit(s.j, was, edit, s.clock); err != nil {
		s.t.Fatal(err)
	}
}

func (s *syncer) remove(day journal.Day) {
	s.t.Helper()
	s.clock = s.clock.Add(time.Minute)
	if err := journal.Delete(s.j, s.entry(day), func(journal.Entry) error { return nil }, s.clock); err != nil {
		s.t.Fatal(err)
	}
}

// texts returns a day's answers as "prompt=answer", sorted; nil for no entry.
func (s *syncer) texts(day journal.Day) []string {
	s.t.Helper()
	out := s.inOrder(day)
	slices.Sort(out)
	return out
}

// inOrder returns a day's answers as "prompt=answer", in their order.
func (s *syncer) inOrder(day journal.Day) []string {
	s.t.Helper()
	var out []string
	err := s.j.View(func(r *Reader) error {
		e, ok, err := r.Entry(day)
		if !ok {
			return err
		}
		for _, a := range e.Answers {
			out = append(out, a.PromptID+"="+a.Answer)
		}
		return err
	})
	if err != nil && !errors.Is(err, ErrNotExist) {
		s.t.Fatal(err)
	}
	return out
}

func ans(prompt, text string) journal.Answer {
	return journal.Answer{PromptID: prompt, Theme: "t", Question: "Q?", Answer: text}
}

func wantTexts(t *testing.T, s *syncer, day journal.Day, want ...string) {
	t.Helper()
	slices.Sort(want)
	if got := s.texts(day); !slices.Equal(got, want) {
		t.Errorf("%s holds %q on %s, want %q", s.name, got, day, want)
	}
}

func TestSyncCarriesEveningsBothWays(t *testing.T) {
	dir := t.TempDir()
	a, b := newSyncer(t, "laptop", dir), newSyncer(t, "desktop", dir)
	day := journal.DayOf(now)

	a.write(day, ans("mood", "4"), ans("win", "Shipped the draft."))
	if rep := a.sync(); !rep.First || len(rep.Written) != 1 || rep.Written[0] != "2026/11/2026-11-20.laptop.json" {
		t.Fatalf("A's first sync: %+v", rep)
	}
	b.write(day, ans("mood", "3"), ans("win", "Went for a run."))
	b.write(day.AddDays(-1), ans("mood", "2"))
	b.sync()
	a.sync()
	for _, s := range []*syncer{a, b} {
		wantTexts(t, s, day, "mood=4", "win=Shipped the draft.", "mood=3", "win=Went for a run.")
		wantTexts(t, s, day.AddDays(-1), "mood=2")
	}
	// Nothing new: no file is written, on either side.
	for _, s := range []*syncer{b, a, b} {
		s.syncQuietly("with nothing new")
	}
	data, err := os.ReadFile(filepath.Join(dir, "2026", "11", "2026-11-20.laptop.json"))
	if err != nil || !strings.Contains(string(data), `"answer": "Went for a run."`) {
		t.Errorf("A's file of the day: %s, %v", data, err)
	}
	if fi, err := os.Stat(filepath.Join(dir, "2026", "11", "2026-11-20.laptop.json")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("A's file: %v, %v", fi, err)
	}
}

func TestSyncCarriesEditsAndDeletions(t *testing.T) {
	dir := t.TempDir()
	a, b := newSyncer(t, "laptop", dir), newSyncer(t, "desktop", dir)
	day, other := journal.DayOf(now), journal.DayOf(now).AddDays(-2)
	a.write(day, ans("mood", "4"), ans("lesson", "Start early."))
	a.write(other, ans("mood", "2"))
	a.sync()
	b.sync()

	// An edit on one machine replaces the answer on the other.
	a.edit(day, ans("mood", "4"), ans("lesson", "Start earlier."))
	a.sync()
	b.sync()
	wantTexts(t, b, day, "mood=4", "lesson=Start earlier.")

	// A deletion travels, and what it removed is kept, not lost.
	b.remove(other)
	b.sync()
	a.sync()
	wantTexts(t, a, other)
	if len(a.kept) != 1 || a.keptDay[0] != other || a.kept[0][0].Answer != "2" {
		t.Errorf("A kept %v of %v", a.kept, a.keptDay)
	}
	// And settles: nothing more moves.
	for _, s := range []*syncer{b, a} {
		s.syncQuietly("after the deletion")
	}
}

// twoInStep returns two machines that have both synced a day of answers
// written on the first.
func twoInStep(t *testing.T, answers ...journal.Answer) (a, b *syncer, day journal.Day) {
	t.Helper()
	dir := t.TempDir()
	a, b = newSyncer(t, "laptop", dir), newSyncer(t, "desktop", dir)
	day = journal.DayOf(now)
	a.write(day, answers...)
	a.sync()
	b.sync()
	return a, b, day
}

// syncInTurns syncs first, second, then first again: what each wrote has
// reached the other.
func syncInTurns(first, second *syncer) {
	first.t.Helper()
	first.sync()
	second.sync()
	first.sync()
}

// TestSyncADeletionRemovesOnlyWhatItSaw: a day deleted on one machine
// and, before that machine synced, edited and added to on another keeps
// the edit and the addition on both, whichever syncs first: a deletion
// removes the answers its machine had, not the ones it never saw.
func TestSyncADeletionRemovesOnlyWhatItSaw(t *testing.T) {
	for _, deleterFirst := range []bool{false, true} {
		a, b, day := twoInStep(t, ans("mood", "4"), ans("lesson", "Start early."))
		a.remove(day)
		b.clock = a.clock.Add(time.Hour)
		b.edit(day, ans("mood", "4"), ans("lesson", "Start earlier."))
		b.write(day, ans("win", "A walk."))
		if deleterFirst {
			syncInTurns(a, b)
		} else {
			syncInTurns(b, a)
		}
		for _, s := range []*syncer{a, b} {
			wantTexts(t, s, day, "lesson=Start earlier.", "win=A walk.")
			s.syncQuietly("after the deletion and the edit")
		}
	}
}

// TestSyncKeepsWhatADeletionRemovedThoughTheDayWasWrittenAgain: a day
// deleted on one machine and written again there before it synced is a
// deletion all the same to the others: they keep the answers it removed,
// as they keep a day deleted. And a day deleted travels with the time it
// was deleted, not the time of the sync that took it.
func TestSyncKeepsWhatADeletionRemovedThoughTheDayWasWrittenAgain(t *testing.T) {
	a, b, day := twoInStep(t, ans("mood", "3"), ans("win", "Won."))
	a.remove(day)
	a.write(day, ans("free-write", "A new start."))
	syncInTurns(a, b)
	for _, s := range []*syncer{a, b} {
		wantTexts(t, s, day, "free-write=A new start.")
		s.syncQuietly("after the deletion")
	}
	if len(b.kept) != 1 || len(b.kept[0]) != 2 || b.keptDay[0] != day {
		t.Errorf("B kept %v of %v; want its two answers the deletion removed", b.kept, b.keptDay)
	}

	other := day.AddDays(-1)
	a.write(other, ans("mood", "2"))
	syncInTurns(a, b)
	a.remove(other)
	deleted := a.clock
	a.clock = a.clock.Add(time.Hour)
	a.sync()
	data, err := os.ReadFile(filepath.Join(a.folder.Dir(), filepath.FromSlash(journal.SyncPath(other, "laptop"))))
	if err != nil {
		t.Fatal(err)
	}
	if d, err := journal.DecodeSyncedDay(data, other); err != nil || !d.DeletedAt.Equal(deleted.Truncate(time.Second)) {
		t.Errorf("the day's file says it was deleted at %v (%v), not %v", d.DeletedAt, err, deleted)
	}
}

// TestSyncTheLaterOfTwoEditsOfOneAnswerWins: the same answer edited on
// two machines before either synced ends as the later edit on both, and
// the earlier is kept where its machine's person can bring it back.
func TestSyncTheLaterOfTwoEditsOfOneAnswerWins(t *testing.T) {
	for _, laterFirst := range []bool{false, true} {
		a, b, day := twoInStep(t, ans("mood", "4"), ans("lesson", "Start early."))
		b.clock = a.clock
		a.edit(day, ans("mood", "4"), ans("lesson", "Start at nine."))
		b.edit(day, ans("mood", "4"), ans("lesson", "Start at ten."))
		b.edit(day, ans("mood", "4"), ans("lesson", "Start at ten!")) // a minute later, and again
		if laterFirst {
			syncInTurns(b, a)
		} else {
			syncInTurns(a, b)
		}
		for _, s := range []*syncer{a, b} {
			wantTexts(t, s, day, "mood=4", "lesson=Start at ten!")
			s.syncQuietly("after the edits")
		}
		if len(a.kept) != 1 || a.kept[0][0].Answer != "Start at nine." || len(b.kept) != 0 {
			t.Errorf("kept: A %v, B %v; want A's edit that gave way", a.kept, b.kept)
		}
	}
}

// TestSyncTellsANoteRewrittenFromAnEdit: a note removed and another
// written on one machine, while the first is edited on another, is not an
// edit that competes with the other's: every line stays.
func TestSyncTellsANoteRewrittenFromAnEdit(t *testing.T) {
	dir := t.TempDir()
	a, b := newSyncer(t, "q1", dir), newSyncer(t, "q2", dir)
	day := journal.DayOf(now)
	a.write(day, ans("mood", "4"), ans("free-write", "first note"))
	a.sync()
	b.sync()
	b.edit(day, ans("mood", "4"), ans("free-write", "first note, typo fixed"))
	a.edit(day, ans("mood", "4"))
	a.write(day, ans("free-write", "second note"))
	for range 2 {
		a.sync()
		b.sync()
	}
	for _, s := range []*syncer{a, b} {
		wantTexts(t, s, day, "mood=4", "free-write=first note, typo fixed", "free-write=second note")
	}
	if len(a.kept)+len(b.kept) != 0 {
		t.Errorf("kept: %v, %v", a.kept, b.kept)
	}
}

func TestSyncAMachineLongAwayUndoesNothing(t *testing.T) {
	dir := t.TempDir()
	a, b, c := newSyncer(t, "laptop", dir), newSyncer(t, "desktop", dir), newSyncer(t, "old", dir)
	day := journal.DayOf(now)
	c.write(day.AddDays(-30), ans("mood", "1"))
	c.sync()
	a.write(day, ans("lesson", "Ask for help."))
	a.sync()
	b.sync()
	b.edit(day, ans("lesson", "Ask for help sooner."))
	b.sync()
	a.sync()
	for _, s := range []*syncer{a, b} {
		wantTexts(t, s, day, "lesson=Ask for help sooner.")
		wantTexts(t, s, day.AddDays(-30), "mood=1")
	}
	c.sync()
	wantTexts(t, c, day, "lesson=Ask for help sooner.")
}

func TestSyncSkipsAFileThatDoesNotParseAndReadsItLater(t *testing.T) {
	dir := t.TempDir()
	a, b := newSyncer(t, "laptop", dir), newSyncer(t, "desktop", dir)
	day := journal.DayOf(now)
	a.write(day, ans("mood", "4"))
	a.sync()
	p := filepath.Join(dir, "2026", "11", "2026-11-20.laptop.json")
	whole, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, whole[:len(whole)/2], 0o600); err != nil { // half copied
		t.Fatal(err)
	}
	rep := b.sync()
	if len(rep.Skipped) != 1 || rep.Skipped[0].Path != "2026/11/2026-11-20.laptop.json" {
		t.Fatalf("skipped %+v", rep.Skipped)
	}
	wantTexts(t, b, day)
	if err := os.WriteFile(p, whole, 0o600); err != nil {
		t.Fatal(err)
	}
	if rep := b.sync(); len(rep.Skipped) != 0 {
		t.Fatalf("skipped %+v once whole", rep.Skipped)
	}
	wantTexts(t, b, day, "mood=4")
}

// TestSyncSettlesOnOneJournal drives three machines through random
// evenings, edits, deletions and syncs in every order, then syncs them in
// turn: every machine must end with the same days, and then be quiet.
// REFLECT_SYNC_TRACE=1 logs each step, with what each machine holds.
func TestSyncSettlesOnOneJournal(t *testing.T) {
	seeds := uint64(300)
	if testing.Short() {
		seeds = 60
	}
	for seed := range seeds {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 7))
			dir := t.TempDir()
			ms := []*syncer{newSyncer(t, "anna", dir), newSyncer(t, "bea", dir), newSyncer(t, "cleo", dir)}
			days := []journal.Day{journal.DayOf(now), journal.DayOf(now).AddDays(-1), journal.DayOf(now).AddDays(-40)}
			prompts := []string{"mood", "win", "lesson"}
			for step := range 60 {
				m, day := ms[rng.IntN(len(ms))], days[rng.IntN(len(days))]
				// Clocks stay within a minute of each other.
				for _, o := range ms {
					m.clock = maxTime(m.clock, o.clock)
				}
				text := fmt.Sprintf("%s-%d", m.name, step)
				op := rng.IntN(10)
				if os.Getenv("REFLECT_SYNC_TRACE") != "" {
					t.Logf("step %d: %s op %d on %s; anna %q bea %q cleo %q", step, m.name, op, day, ms[0].texts(day), ms[1].texts(day), ms[2].texts(day))
				}
				switch {
				case op < 3:
					m.write(day, ans(prompts[rng.IntN(len(prompts))], text))
				case op < 5:
					var as []journal.Answer
					for _, p := range m.inOrder(day) { // in place, as reflect edit does
						prompt, answer, _ := strings.Cut(p, "=")
						if rng.IntN(2) == 0 {
							answer = text
						}
						as = append(as, ans(prompt, answer))
					}
					if len(as) > 0 {
						m.edit(day, as...)
					}
				case op < 6:
					if m.texts(day) != nil {
						m.remove(day)
					}
				default:
					m.sync()
				}
			}
			for range 3 {
				for _, m := range ms {
					m.sync()
				}
			}
			for _, m := range ms {
				m.syncQuietly("after the rounds")
				for _, day := range days {
					if got, want := m.inOrder(day), ms[0].inOrder(day); !slices.Equal(got, want) {
						t.Errorf("%s holds %q on %s, %s holds %q", m.name, got, day, ms[0].name, want)
					}
				}
			}
		})
	}
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// TestSyncTheSameAnswerWrittenAgainIsKeptOnce: an answer removed and
// written again on one machine, and written for the first time on
// another, is one answer.
func TestSyncTheSameAnswerWrittenAgainIsKeptOnce(t *testing.T) {
	dir := t.TempDir()
	a, c := newSyncer(t, "laptop", dir), newSyncer(t, "phone", dir)
	day := journal.DayOf(now)
	a.write(day, ans("mood", "4"))
	a.sync()
	a.edit(day, ans("mood", "3"))
	a.sync()
	a.edit(day, ans("mood", "4"))
	a.sync()
	c.write(day, ans("mood", "4"))
	c.sync()
	a.sync()
	for _, s := range []*syncer{a, c} {
		wantTexts(t, s, day, "mood=4")
	}
}

// TestSyncTidiesTheLeftoversOfAWriteStoppedByForce: a sync killed while it
// wrote a file leaves its temporary file, which a sync an hour later
// removes; nothing else of the folder is touched.
func TestSyncTidiesTheLeftoversOfAWriteStoppedByForce(t *testing.T) {
	dir := t.TempDir()
	month := filepath.Join(dir, "2026", "11")
	if err := os.MkdirAll(month, 0o700); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-2 * time.Hour)
	files := map[string]bool{ // name → whether it is a leftover to remove
		".2026-11-20.laptop.json.123456.tmp": true,
		".2026-11-20.laptop.json.654321.tmp": false, // an hour has not passed
		".2026-11-20.laptop.json.tmp":        false,
		".notes.123.tmp":                     false,
		"2026-11-20.laptop.json.123.tmp":     false,
	}
	for name, leftover := range files {
		p := filepath.Join(month, name)
		if err := os.WriteFile(p, []byte("["), 0o600); err != nil {
			t.Fatal(err)
		}
		if leftover || name != ".2026-11-20.laptop.json.654321.tmp" {
			os.Chtimes(p, old, old)
		}
	}
	f, err := OpenSyncFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	if list, _, err := f.List(); err != nil || len(list) != 0 {
		t.Fatalf("List = %v, %v", list, err)
	}
	for name, leftover := range files {
		if _, err := os.Stat(filepath.Join(month, name)); (err == nil) == leftover {
			t.Errorf("%s: there %v, a leftover %v", name, err == nil, leftover)
		}
	}
}

// TestSyncOfManyDaysGoesABatchAtATime: a machine new to a folder of many
// days merges them, and writes its own, a few days to a transaction, and
// misses none.
func TestSyncOfManyDaysGoesABatchAtATime(t *testing.T) {
	dir := t.TempDir()
	a, b := newSyncer(t, "laptop", dir), newSyncer(t, "desktop", dir)
	a.batch, b.batch = 3, 4
	first := journal.DayOf(now).AddDays(-20)
	for i := range 11 {
		a.write(first.AddDays(i), ans("mood", fmt.Sprint(i%5+1)))
	}
	if rep := a.sync(); len(rep.Written) != 11 {
		t.Fatalf("A wrote %d files, want 11", len(rep.Written))
	}
	b.write(first, ans("win", "A walk."))
	rep := b.sync()
	if len(rep.Merged) != 11 || len(rep.Written) != 11 {
		t.Fatalf("B merged %d days and wrote %d files, want 11 and 11", len(rep.Merged), len(rep.Written))
	}
	for i := range 11 {
		want := []string{fmt.Sprintf("mood=%d", i%5+1)}
		if i == 0 {
			want = append(want, "win=A walk.")
		}
		wantTexts(t, b, first.AddDays(i), want...)
	}
}

// TestASyncsRecordsFillTheirPages: what a first sync of many days keeps
// of its files, put in date order, fills its pages rather than leave them
// half empty (a hundred years of them would be 7 MB more).
func TestASyncsRecordsFillTheirPages(t *testing.T) {
	a := newSyncer(t, "laptop", t.TempDir())
	if err := a.j.Update(func(w *Writer) error { return journaltest.Write(1000, journaltest.Last, w.PutEntry) }); err != nil {
		t.Fatal(err)
	}
	a.sync()
	rawView(t, a.j.Path, func(tx *bolt.Tx) {
		s := tx.Bucket(bucketSyncFiles).Stats()
		if used := float64(s.LeafInuse) / float64(s.LeafAlloc); s.KeyN != 1000 || used < 0.8 {
			t.Errorf("%d records; their leaf pages are %.0f%% full, want 80%% or more", s.KeyN, 100*used)
		}
	})
}

// copy returns a machine whose journal is a copy of s's, as a backup
// restored on another machine is: its machine id among it.
func (s *syncer) copy() *syncer {
	s.t.Helper()
	c := newSyncer(s.t, s.name, s.folder.Dir())
	data, err := os.ReadFile(s.j.Path)
	if err != nil {
		s.t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(c.j.Path), 0o700); err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(c.j.Path, data, 0o600); err != nil {
		s.t.Fatal(err)
	}
	c.renamed = s.renamed
	return c
}

// TestACopiedJournalThatTakesANewIDSendsItsDeletions: the copy that finds
// the other's files under its id, and moves to a new one, writes there
// the days it deleted, not only those it has.
func TestACopiedJournalThatTakesANewIDSendsItsDeletions(t *testing.T) {
	dir := t.TempDir()
	a := newSyncer(t, "laptop", dir)
	day := journal.DayOf(now)
	a.write(day, ans("mood", "4"))
	a.write(day.AddDays(-1), ans("mood", "2"))
	a.sync()
	c := a.copy()
	c.remove(day.AddDays(-1))
	a.write(day, ans("win", "A walk."))
	a.sync()
	if rep := c.sync(); rep.Renamed != "laptop" {
		t.Fatalf("the copy's sync: %+v", rep)
	}
	a.sync()
	for _, s := range []*syncer{a, c} {
		wantTexts(t, s, day, "mood=4", "win=A walk.")
		wantTexts(t, s, day.AddDays(-1))
	}
}

// TestSyncOfACopiedJournalTakesAnotherMachineID: a journal copied to a
// second machine (a backup restored there) has the first one's machine id.
// The first of the two to find the other's files written under it takes
// another, and neither loses a day.
func TestSyncOfACopiedJournalTakesAnotherMachineID(t *testing.T) {
	dir := t.TempDir()
	a := newSyncer(t, "laptop", dir)
	day := journal.DayOf(now)
	a.write(day, ans("mood", "4"))
	a.sync()
	c := a.copy()
	a.write(day.AddDays(-1), ans("mood", "2"))
	a.sync()
	c.write(day.AddDays(-2), ans("mood", "3"))
	rep := c.sync()
	if rep.Renamed != "laptop" || rep.Machine != "laptop-2" {
		t.Fatalf("the copy's sync: %+v", rep)
	}
	a.sync()
	c.sync()
	for _, s := range []*syncer{a, c} {
		wantTexts(t, s, day, "mood=4")
		wantTexts(t, s, day.AddDays(-1), "mood=2")
		wantTexts(t, s, day.AddDays(-2), "mood=3")
	}
	for _, s := range []*syncer{a, c} {
		s.syncQuietly("after the copies parted")
	}
}

// failingFolder is a sync folder whose writes fail once it has written
// left files: a sync stopped midway.
type failingFolder struct {
	*SyncFolder
	left int
}

func (f *failingFolder) Write(p string, content []byte) (journal.SyncFile, error) {
	if f.left == 0 {
		return journal.SyncFile{}, errors.New("stopped")
	}
	f.left--
	return f.SyncFolder.Write(p, content)
}

// TestSyncWritesWhatAStoppedSyncDidNot: a first sync stopped after some of
// its files leaves the rest for the next, which writes them as this
// machine's; and a file of this machine removed from the folder is
// written again.
func TestSyncWritesWhatAStoppedSyncDidNot(t *testing.T) {
	dir := t.TempDir()
	a := newSyncer(t, "laptop", dir)
	a.batch = 2
	first := journal.DayOf(now).AddDays(-10)
	for i := range 7 {
		a.write(first.AddDays(i), ans("mood", fmt.Sprint(i%5+1)))
	}
	stopped := &failingFolder{SyncFolder: a.folder, left: 3}
	_, err := journal.Sync(a.j, stopped, journal.SyncOptions{NewMachine: a.newMachine, Folder: dir, Now: now, Batch: 2, Keep: func(journal.Day, []journal.Answer) (string, error) { return "", nil }})
	if err == nil {
		t.Fatal("a sync whose writes fail said nothing")
	}
	// The day written unrecorded changes before the next sync: its file is
	// still taken for this machine's, not for a copy's.
	a.write(first.AddDays(2), ans("win", "More."))
	rep := a.sync()
	if rep.Renamed != "" || len(rep.Written) != 5 { // the one written unrecorded, again
		t.Fatalf("the sync after: renamed %q, wrote %v", rep.Renamed, rep.Written)
	}
	if err := os.Remove(filepath.Join(dir, filepath.FromSlash(journal.SyncPath(first, "laptop")))); err != nil {
		t.Fatal(err)
	}
	if rep := a.sync(); len(rep.Written) != 1 || rep.Written[0] != journal.SyncPath(first, "laptop") {
		t.Fatalf("after its file was removed, A wrote %v", rep.Written)
	}
	b := newSyncer(t, "desktop", dir)
	b.sync()
	for i := range 7 {
		if i == 2 {
			wantTexts(t, b, first.AddDays(i), "mood=3", "win=More.")
			continue
		}
		wantTexts(t, b, first.AddDays(i), fmt.Sprintf("mood=%d", i%5+1))
	}
}

// TestSyncOrdersADayAlikeEverywhere: a day written on two machines holds
// its answers in one order on both, so that both agree on, say, the day's
// last mood.
func TestSyncOrdersADayAlikeEverywhere(t *testing.T) {
	dir := t.TempDir()
	a, b := newSyncer(t, "pc1", dir), newSyncer(t, "pc2", dir)
	day := journal.DayOf(now)
	a.write(day, ans("mood", "5"))
	b.write(day, ans("mood", "1"))
	for range 2 {
		a.sync()
		b.sync()
	}
	if got, want := b.inOrder(day), a.inOrder(day); !slices.Equal(got, want) || len(got) != 2 {
		t.Errorf("pc2 holds %q, pc1 %q", got, want)
	}
}

// unreadableFolder is a sync folder one of whose month folders cannot be
// read (as a folder of mode 0 for anyone but root).
type unreadableFolder struct {
	*SyncFolder
	month string // as "2026/10/"
}

func (f *unreadableFolder) List() ([]journal.SyncFile, []journal.SyncProblem, error) {
	files, unreadable, err := f.SyncFolder.List()
	var readable []journal.SyncFile
	for _, file := range files {
		if !strings.HasPrefix(file.Path, f.month) {
			readable = append(readable, file)
		}
	}
	return readable, append(unreadable, journal.SyncProblem{Path: f.month, Reason: "permission denied"}), err
}

func (f *unreadableFolder) Write(p string, content []byte) (journal.SyncFile, error) {
	if strings.HasPrefix(p, f.month) {
		return journal.SyncFile{}, errors.New("permission denied")
	}
	return f.SyncFolder.Write(p, content)
}

// TestSyncGoesOnPastWhatIsInTheWay: a month's folder that cannot be read,
// and a folder where one of this machine's files goes, are named and left;
// every other day syncs, and the days left are written once they can be.
func TestSyncGoesOnPastWhatIsInTheWay(t *testing.T) {
	dir := t.TempDir()
	a, b := newSyncer(t, "laptop", dir), newSyncer(t, "desktop", dir)
	day := journal.DayOf(now)
	october := day.AddDays(-30)
	b.write(october, ans("mood", "2"))
	b.sync()
	a.write(day, ans("mood", "4"))
	a.write(day.AddDays(-1), ans("mood", "3"))
	a.write(october, ans("win", "A walk."))
	blocked := filepath.Join(dir, filepath.FromSlash(journal.SyncPath(day, "laptop")))
	if err := os.MkdirAll(blocked, 0o700); err != nil {
		t.Fatal(err)
	}
	open := a.folder
	a.folder = nil
	rep, err := journal.Sync(a.j, &unreadableFolder{SyncFolder: open, month: "2026/10/"}, journal.SyncOptions{
		NewMachine: a.newMachine, Folder: dir, Now: now, Keep: func(journal.Day, []journal.Answer) (string, error) { return "", nil }})
	a.folder = open
	if err != nil || len(rep.Written) != 1 || len(rep.Skipped) != 2 {
		t.Fatalf("with October unreadable and a folder at a file's path: %v; wrote %v, skipped %+v", err, rep.Written, rep.Skipped)
	}
	os.Remove(blocked)
	rep = a.sync()
	if len(rep.Written) != 2 || len(rep.Skipped) != 0 {
		t.Fatalf("once nothing was in the way: wrote %v, skipped %+v", rep.Written, rep.Skipped)
	}
	wantTexts(t, a, october, "mood=2", "win=A walk.")
}

// TestSyncDoesNotFollowALinkedMonth: a month's folder that is a link
// (to a folder the other machines do not see) is named, and its days are
// neither read nor written until it is a folder.
func TestSyncDoesNotFollowALinkedMonth(t *testing.T) {
	dir := t.TempDir()
	a := newSyncer(t, "laptop", dir)
	day := journal.DayOf(now)
	october := day.AddDays(-30)
	a.write(day, ans("mood", "4"))
	a.write(october, ans("mood", "2"))
	elsewhere := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "2026"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, filepath.Join(dir, "2026", "10")); err != nil {
		t.Fatal(err)
	}
	rep := a.sync()
	if len(rep.Written) != 1 || len(rep.Skipped) != 1 || rep.Skipped[0].Path != "2026/10/" || !strings.Contains(rep.Skipped[0].Reason, "a link") {
		t.Fatalf("with October a link: wrote %v, skipped %+v", rep.Written, rep.Skipped)
	}
	if names, _ := os.ReadDir(elsewhere); len(names) != 0 {
		t.Errorf("the sync wrote through the link: %v", names)
	}
	if err := os.Remove(filepath.Join(dir, "2026", "10")); err != nil {
		t.Fatal(err)
	}
	if rep := a.sync(); len(rep.Written) != 1 || len(rep.Skipped) != 0 {
		t.Fatalf("once October was a folder: wrote %v, skipped %+v", rep.Written, rep.Skipped)
	}
}

// TestADayTooLargeForASyncToReadIsNotWritten: a day whose file would be
// larger than a sync reads is not written for the other machines to skip
// at every sync: it is named at each sync, and written once it fits.
func TestADayTooLargeForASyncToReadIsNotWritten(t *testing.T) {
	dir := t.TempDir()
	a, b := newSyncer(t, "laptop", dir), newSyncer(t, "desktop", dir)
	a.folder.maxFile, b.folder.maxFile = 4096, 4096
	day := journal.DayOf(now)
	a.write(day, ans("mood", "4"))
	a.write(day.AddDays(-1), ans("setback", strings.Repeat("It rained all day. ", 300)))
	for i := range 2 {
		rep := a.sync()
		var tooLarge *journal.TooLargeError
		if len(rep.Written) != 1-i || len(rep.Skipped) != 1 || !strings.Contains(rep.Skipped[0].Reason, " bytes, more than the 4096 bytes a sync reads") {
			t.Fatalf("sync %d with a day too large: wrote %v, skipped %+v", i+1, rep.Written, rep.Skipped)
		}
		if _, err := a.folder.Write(journal.SyncPath(day.AddDays(-1), "laptop"), make([]byte, 4097)); !errors.As(err, &tooLarge) {
			t.Fatalf("writing a file too large: %v", err)
		}
	}
	b.sync()
	wantTexts(t, b, day, "mood=4")
	wantTexts(t, b, day.AddDays(-1))
	a.folder.maxFile, b.folder.maxFile = 1<<20, 1<<20
	if rep := a.sync(); len(rep.Written) != 1 || len(rep.Skipped) != 0 {
		t.Fatalf("once the day fit: wrote %v, skipped %+v", rep.Written, rep.Skipped)
	}
	b.sync()
	wantTexts(t, b, day.AddDays(-1), "setback="+strings.Repeat("It rained all day. ", 300))
}

// TestSyncTakesItsOwnOlderFileForItsOwn: a machine's file put back to what
// it wrote before (a git reset, a restored folder), or damaged, is written
// again as it stands; it is not taken for another machine's.
func TestSyncTakesItsOwnOlderFileForItsOwn(t *testing.T) {
	dir := t.TempDir()
	a := newSyncer(t, "laptop", dir)
	day := journal.DayOf(now)
	a.write(day, ans("mood", "4"))
	a.sync()
	p := filepath.Join(dir, filepath.FromSlash(journal.SyncPath(day, "laptop")))
	older, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	a.write(day, ans("win", "A walk."))
	a.sync()
	latest, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	for name, put := range map[string][]byte{"its older file": older, "a damaged file": latest[:len(latest)/2]} {
		if err := os.WriteFile(p, put, 0o600); err != nil {
			t.Fatal(err)
		}
		rep := a.sync()
		if rep.Renamed != "" || len(rep.Written) != 1 {
			t.Errorf("with %s: renamed %q, wrote %v", name, rep.Renamed, rep.Written)
		}
		if now, _ := os.ReadFile(p); string(now) != string(latest) {
			t.Errorf("with %s, the file is now:\n%s", name, now)
		}
	}
}
