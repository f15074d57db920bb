package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNote: a note joins the day's entry as the free note, from the
// command line's words or standard input, without the evening; nothing in
// the entry is replaced.
func TestNote(t *testing.T) {
	e := withFixture(t) // the clock says Friday 20 November 2026, which has an entry
	before := len(e.showJSON("2026-11-20")[0].Answers)
	if r := e.mustRun("note", "Sam", "called", "about", "the", "trip."); r.out != "Added a note to Friday 20 November ("+plural(before+1, "answer")+" in all).\n" {
		t.Errorf("note said %q", r.out)
	}
	e.stdin = "  Two lines,\nkept as they are.  \n"
	e.mustRun("note", "-", "--date", "2026-10-01")
	answers := e.showJSON("2026-11-20")[0].Answers
	if len(answers) != before+1 {
		t.Fatalf("the entry has %d answers, want %d", len(answers), before+1)
	}
	if last := answers[len(answers)-1]; last.PromptID != "free-write" || last.Answer != "Sam called about the trip." || last.Question != "Anything else on your mind?" {
		t.Errorf("the note: %+v", last)
	}
	if got := e.showJSON("2026-10-01")[0].Answers; len(got) != 1 || got[0].Answer != "Two lines,\nkept as they are." {
		t.Errorf("a note on a day with no entry: %+v", got)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"note"}, "note takes its TEXT"},
		{[]string{"note", "   "}, "the note is empty; nothing was saved"},
		{[]string{"note", "--date", "2026-11-21", "Tomorrow's."}, "--date 2026-11-21 is in the future"},
	} {
		if r := e.run(tt.args...); r.code != exitUsage || !strings.Contains(r.err, tt.want) {
			t.Errorf("%v: exit %d, err %q", tt.args, r.code, r.err)
		}
	}
}

// TestANoteIsNeverLost: a note the journal cannot take is kept in a file.
func TestANoteIsNeverLost(t *testing.T) {
	e := newEnv(t)
	link := filepath.Join(t.TempDir(), "dangling.db")
	if err := os.Symlink(filepath.Join(t.TempDir(), "gone.db"), link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	e.db = link
	r := e.run("note", "A thought worth keeping.")
	kept, _ := filepath.Glob(filepath.Join(filepath.Dir(link), "reflect-answers-*.json"))
	if r.code != exitFailed || len(kept) != 1 || !strings.Contains(string(fileBytes(t, kept[0])), "A thought worth keeping.") {
		t.Errorf("exit %d, err %q, kept %v", r.code, r.err, kept)
	}
}

// TestANoteInAnEncryptedJournal is sealed like every answer.
func TestANoteInAnEncryptedJournal(t *testing.T) {
	e := withEncryptedFixture(t)
	e.mustRun("note", "A sealed thought.")
	if strings.Contains(string(fileBytes(t, e.db)), "sealed thought") {
		t.Error("the note is in the clear in the encrypted journal")
	}
	if out := e.mustRun("show").out; !strings.Contains(out, "A sealed thought.") {
		t.Errorf("show:\n%s", out)
	}
}
