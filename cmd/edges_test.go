package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/storage"
)

func TestUnfinishedCopiesAreRemovedOnTheNextOpen(t *testing.T) {
	e := newEnv(t)
	e.stdin = `{"mood": 3}`
	e.mustRun("today", "--answers", "-")
	dir := filepath.Dir(e.db)
	write := func(name string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte("a copy of the journal, cut short"), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	// What a reflect killed while encrypting, restoring or first saving
	// leaves behind.
	gone := []string{write(".journal.db.rewrite-2831590412"), write(".journal.db.restore-17")}
	// Names that are not quite ours, a new journal that another reflect may
	// be making now, and a copy being written right now.
	kept := []string{write(".journal.db.rewrite-12ab"), write("journal.db.restore-17"), write(".other.db.rewrite-5"),
		write(".journal.db.restore-17.txt"), write(".journal.db.rewrite-"), write(".journal.db.new-99")}
	live := write(".journal.db.restore-42")
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(live, later, later); err != nil {
		t.Fatal(err)
	}
	kept = append(kept, live)

	r := e.mustRun("show", "today")
	for _, path := range gone {
		if _, err := os.Lstat(path); err == nil {
			t.Errorf("%s is still there", filepath.Base(path))
		}
	}
	for _, path := range kept {
		if _, err := os.Lstat(path); err != nil {
			t.Errorf("%s was removed", filepath.Base(path))
		}
	}
	for _, want := range []string{
		"reflect: removed an unfinished copy left by an interrupted encrypt, decrypt, passphrase change or upgrade: " + gone[0] + "\n",
		"reflect: removed an unfinished copy left by an interrupted restore: " + gone[1] + "\n",
	} {
		if !strings.Contains(r.err, want) {
			t.Errorf("stderr %q does not hold %q", r.err, want)
		}
	}
	if r := e.mustRun("show", "today"); strings.Contains(r.err, "removed") {
		t.Errorf("the second run says %q", r.err)
	}
}

func TestPassphraseFileIsReadWithALimit(t *testing.T) {
	e := withFixture(t)
	path := withPassphrase(t, e, "correct horse battery")
	e.mustRun("encrypt")
	os.WriteFile(path, []byte(strings.Repeat("horse ", 1000)), 0o600)
	if r := e.run("log"); r.code != exitUsage || !strings.Contains(r.err, "larger than 1 KiB") || strings.Count(r.err, "\n") > 2 {
		t.Errorf("a passphrase file of 6 KB: exit %d, err %q", r.code, r.err)
	}
}

func TestDatesBeforeYearOne(t *testing.T) {
	e := newEnv(t)
	e.stdin = `{"mood": 3}`
	if r := e.run("today", "--date", "0000-01-01", "--answers", "-"); r.code != exitUsage || !strings.Contains(r.err, "--date: 0000-01-01 is outside the dates a journal holds") {
		t.Errorf("today --date 0000-01-01: exit %d, err %q", r.code, r.err)
	}
	e.stdin = `[{"date": "0000-01-01", "answers": [{"prompt_id": "free-write", "answer": "The year nought."}]}]`
	if r := e.run("import", "-"); r.code != exitUsage || !strings.Contains(r.err, "entry 1 (0000-01-01): date: 0000-01-01 is outside the dates a journal holds") {
		t.Errorf("import of 0000-01-01: exit %d, err %q", r.code, r.err)
	}
	if e.exists() {
		t.Error("a refused date created the journal")
	}

	// A journal that an earlier reflect let such a day into shows it, in
	// log and in the export that doctor advises.
	os.Remove(e.db)
	e.stdin = `{"mood": 3}`
	e.mustRun("today", "--answers", "-", "--date", "2026-11-20")
	err := storage.New(e.db).Update(func(w *storage.Writer) error {
		return w.PutEntry(journal.Entry{Date: journal.NewDay(0, 1, 1), Answers: []journal.Answer{{PromptID: "free-write", Answer: "The year nought."}}})
	})
	if err != nil {
		t.Fatal(err)
	}
	if out := e.mustRun("log").out; !strings.Contains(out, "The year nought.") {
		t.Errorf("log does not show 0000-01-01:\n%s", out)
	}
	if out := e.mustRun("export", "--since", "0001-01-01", "--format", "json").out; !strings.Contains(out, "The year nought.") {
		t.Errorf("export does not hold 0000-01-01:\n%s", out)
	}
	if out := e.mustRun("export", "--until", "2026-11-20").out; !strings.Contains(out, "The year nought.") {
		t.Errorf("export --until does not hold 0000-01-01:\n%s", out)
	}
}

// TestShowWithoutADateShowsToday, as the contract has it: show [DATE].
func TestShowWithoutADateShowsToday(t *testing.T) {
	e := newEnv(t)
	e.stdin = `{"win-small": "Fixed the gate."}`
	e.mustRun("today", "--answers", "-")
	if got, want := e.mustRun("show").out, e.mustRun("show", "today").out; got != want || !strings.Contains(got, "Fixed the gate.") {
		t.Errorf("show:\n%s\nshow today:\n%s", got, want)
	}
}

// TestNothingToEditOrDeleteSaysSoFirst: on a day with no entry, edit and
// delete say that, whatever else (no editor, no terminal) they would lack.
func TestNothingToEditOrDeleteSaysSoFirst(t *testing.T) {
	e := newEnv(t)
	delete(e.env, "EDITOR")
	delete(e.env, "VISUAL")
	for _, args := range [][]string{{"edit", "today"}, {"delete", "today"}} {
		if r := e.run(args...); r.code != exitFailed || !strings.Contains(r.err, "there is no entry for") {
			t.Errorf("%v: exit %d, err %q", args, r.code, r.err)
		}
	}
}
