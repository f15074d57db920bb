package storage_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/prompts"
	"github.com/reflect-cli/reflect/storage"
	"github.com/reflect-cli/reflect/storage/storagetest"
)

// TestEveryStructureByteFlipped flips each byte of a small journal's page
// structure in turn, two ways, and a fixed sample of the other bytes, as a
// failing disk might, then reads, checks and writes each damaged file. Each
// gives a clean result or a short, clean report of damage, never a crash,
// a hang or a flood; doctor's verdict agrees with what reads find; a write
// either lands where it can be read back or leaves the file exactly as it
// was. make test also runs it under a memory limit, where one unbounded
// walk would fail it. With -short, every seventh case.
func TestEveryStructureByteFlipped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "small.db")
	if err := storagetest.SmallJournal(path); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cases := storagetest.Cases(good, 300)
	if testing.Short() {
		cases = storagetest.Every(cases, 7)
	}
	t.Logf("%d cases over %d bytes", len(cases), len(good))
	const shards = 4 // side by side, where there are cores to run them
	for shard := range shards {
		t.Run(fmt.Sprint("shard", shard), func(t *testing.T) {
			t.Parallel()
			var mine []storagetest.Case
			for i := shard; i < len(cases); i += shards {
				mine = append(mine, cases[i])
			}
			flipAndUse(t, good, mine)
		})
	}
}

// flipAndUse reads, checks and writes the journal good with each case of
// damage in turn, as TestEveryStructureByteFlipped says.
func flipAndUse(t *testing.T, good []byte, cases []storagetest.Case) {
	dir := memDir(t)
	newDay := storagetest.LastDay.AddDays(5)
	oldDay := storagetest.LastDay.AddDays(-50)
	for _, c := range cases {
		d := c.Apply(good)
		j := storage.New(filepath.Join(dir, "journal.db"))
		j.Timeout = 200 * time.Millisecond
		if err := os.WriteFile(j.Path, d, 0o600); err != nil {
			t.Fatal(err)
		}
		fail := func(format string, args ...any) { t.Errorf("%v: %s", c, fmt.Sprintf(format, args...)) }
		expectClean := func(what string, err error) {
			var damaged *storage.DamagedError
			if err != nil && !errors.As(err, &damaged) {
				fail("%s = %v, not a report of damage", what, err)
			}
			if err != nil {
				if problem := storagetest.CleanMessage(err.Error()); problem != "" {
					fail("%s: the message %.120q: %s", what, err.Error(), problem)
				}
			}
		}

		readErr := j.View(readEverything)
		expectClean("reading", readErr)
		rep, err := j.Check()
		expectClean("doctor", err)
		for _, f := range rep.Findings {
			if problem := storagetest.CleanMessage(f.Text); problem != "" {
				fail("doctor's finding %.120q: %s", f.Text, problem)
			}
		}
		if err == nil && rep.Sound() && readErr != nil {
			fail("doctor finds it sound, but reading it gives %v", readErr)
		}
		for _, day := range []journal.Day{newDay, oldDay} {
			err := j.Update(func(w *storage.Writer) error {
				// A setback and its lesson, which the kept ledger takes in.
				_, err := w.AddAnswers(day, []journal.Answer{
					{PromptID: "setback-what", Answer: "a page went bad"},
					{PromptID: prompts.LessonID, Answer: "keep a backup"},
					{PromptID: "note", Answer: "written over damage"},
				}, time.Now())
				return err
			})
			expectClean("writing "+day.String(), err)
			after, _ := os.ReadFile(j.Path)
			if err != nil && !bytes.Equal(after, d) {
				fail("writing %s was refused (%v), and the file changed", day, err)
			}
			if err != nil {
				continue
			}
			d = after
			err = j.View(func(r *storage.Reader) error {
				e, ok, err := r.Entry(day)
				if err == nil && (!ok || !strings.Contains(e.Answers[len(e.Answers)-1].Answer, "written over damage")) {
					err = errors.New("the answer is not there")
				}
				return err
			})
			if err != nil {
				fail("wrote %s, but reading it back gives %v", day, err)
			}
		}
	}
}

// readEverything reads every entry (newest first, as log does), a fortnight
// of them oldest first (as export does), every summary (figures and
// lessons) and the drafts.
func readEverything(r *storage.Reader) error {
	if err := r.Descend(journal.Latest, journal.Earliest, func(journal.Entry) error { return nil }); err != nil {
		return err
	}
	last := storagetest.LastDay
	if err := r.Range(last.AddDays(-30), last.AddDays(-16), func(journal.Entry) error { return nil }); err != nil {
		return err
	}
	for _, d := range storagetest.DraftDays {
		if _, _, err := r.Draft(d); err != nil {
			return err
		}
	}
	if err := r.EachLessons(func(journal.Summary) error { return nil }); err != nil {
		return err
	}
	if _, _, _, err := r.LedgerTotals(); err != nil {
		return err
	}
	if err := r.EachKeptGroup(func(journal.LessonGroup) error { return nil }); err != nil {
		return err
	}
	return r.EachFigures(func(journal.Summary) error { return nil })
}

// memDir is a folder for the test in memory, where there is one, so that
// thousands of writes do not wait on a disk.
func memDir(t *testing.T) string {
	if dir, err := os.MkdirTemp("/dev/shm", "reflect-test-"); err == nil {
		t.Cleanup(func() { os.RemoveAll(dir) })
		return dir
	}
	return t.TempDir()
}
