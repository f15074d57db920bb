//go:build linux

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	expect "github.com/Netflix/go-expect"
)

// fixture is the hand-written journal the tests share; see testdata.
const fixture = "../../testdata/journal.json"

// withFixture returns a journal that holds the fixture.
func withFixture(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "journal.db")
	if code, stderr := run(t, db, "", "import", fixture); code != 0 {
		t.Fatalf("import: exit %d: %s", code, stderr)
	}
	return db
}

func TestDeleteAsksFirst(t *testing.T) {
	db := withFixture(t)
	s := start(t, db, "delete", "2026-11-17")
	s.expect("Delete your entry for Tuesday 17 November")
	s.expect("(10 answers)?")
	s.send("n" + enter)
	s.expect("Nothing was deleted.")
	if code := s.wait(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if len(show(t, db, "2026-11-17")) != 1 {
		t.Fatal("declining deleted the day")
	}

	s = start(t, db, "delete", "2026-11-17")
	s.expect("(10 answers)?")
	s.send("y" + enter)
	s.expect("Deleted Tuesday 17 November")
	s.expect("brings it back.")
	if code := s.wait(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if len(show(t, db, "2026-11-17")) != 0 {
		t.Fatal("the day is still there")
	}
	kept, _ := filepath.Glob(filepath.Join(filepath.Dir(db), "reflect-deleted-2026-11-17-*.json"))
	if len(kept) != 1 {
		t.Fatalf("copies kept: %v", kept)
	}
	if code, stderr := run(t, db, "", "import", kept[0]); code != 0 || len(show(t, db, "2026-11-17")) != 1 {
		t.Fatalf("importing the copy back: exit %d: %s", code, stderr)
	}

	// Ctrl-C at the question deletes nothing.
	s = start(t, db, "delete", "2026-11-17")
	s.expect("(10 answers)?")
	s.send(ctrlC)
	if code := s.wait(); code != 130 {
		t.Fatalf("exit %d, want 130", code)
	}
	if len(show(t, db, "2026-11-17")) != 1 {
		t.Fatal("Ctrl-C deleted the day")
	}
}

func TestLogPagesThroughLess(t *testing.T) {
	if _, err := exec.LookPath("less"); err != nil {
		t.Skip("less is not installed")
	}
	db := withFixture(t)
	s := start(t, db, "log") // longer than the 40 rows of the terminal
	s.expect("Sunday 22 November 2026")
	s.expect(":") // less's prompt: it waits for the person
	s.send(ctrlC) // is less's to handle; reflect keeps waiting for it
	// less throws away keys typed just after an interrupt, so q is sent
	// until less has quit.
	for deadline := time.Now().Add(timeout); time.Now().Before(deadline); {
		s.send("q")
		select {
		case <-s.waited:
		case <-time.After(time.Second):
			continue
		}
		break
	}
	if code := s.wait(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	screen := s.vt.String()
	if strings.Contains(screen, "Tuesday 27 October 2026") {
		t.Errorf("less showed the whole log at once:\n%s", screen)
	}
	if !strings.Contains(screen, "───") { // with no UTF-8 locale set, as here
		t.Errorf("less did not show UTF-8 as text:\n%s", screen)
	}
}

func TestEditInTheEditor(t *testing.T) {
	db := withFixture(t)
	editor := filepath.Join(t.TempDir(), "editor.sh")
	os.WriteFile(editor, []byte("#!/bin/sh\nsed -i 's/^Book the dentist\\.$/Book the dentist for Monday./' \"$1\"\n"), 0o700)
	s := startWith(t, db, []string{"EDITOR=" + editor}, "edit", "2026-11-20")
	s.expect("Saved Friday 20 November")
	s.expect("1 answer changed.")
	if code := s.wait(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if got := answersOf(show(t, db, "2026-11-20"))["next-step"]; got != "Book the dentist for Monday." {
		t.Errorf("next-step = %q", got)
	}
}

// TestEditWhileAnotherSaves: an evening's answers saved while the same day is
// open in the editor are not overwritten, and the edit is kept in a file.
func TestEditWhileAnotherSaves(t *testing.T) {
	db := withFixture(t)
	tmp := t.TempDir()
	editor := filepath.Join(t.TempDir(), "editor.sh")
	script := fmt.Sprintf("#!/bin/sh\necho '{\"win-proud\": \"Saved meanwhile.\"}' | %s today --date 2026-11-20 --answers - >/dev/null\n"+
		"sed -i 's/^Book the dentist\\.$/Edited./' \"$1\"\n", binary)
	os.WriteFile(editor, []byte(script), 0o700)
	s := startWith(t, db, []string{"EDITOR=" + editor, "TMPDIR=" + tmp}, "edit", "2026-11-20")
	s.expect("the entry changed while you were editing it")
	s.expect("Your edited text is kept in")
	if code := s.wait(); code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	got := answersOf(show(t, db, "2026-11-20"))
	if got["win-proud"] != "Saved meanwhile." || got["next-step"] != "Book the dentist." {
		t.Errorf("answers now %v", got)
	}
	kept, _ := filepath.Glob(filepath.Join(tmp, "reflect-edit-2026-11-20-*.txt"))
	if len(kept) != 1 {
		t.Fatalf("kept: %v", kept)
	}
	if data, _ := os.ReadFile(kept[0]); !strings.Contains(string(data), "\nEdited.\n") {
		t.Errorf("the kept file lacks the edit:\n%s", data)
	}
}

// TestSecondEveningFollowsUpTheFirst: the step planned one evening is the
// first question of the next, and the answer is linked to it.
func TestSecondEveningFollowsUpTheFirst(t *testing.T) {
	db := filepath.Join(t.TempDir(), "journal.db")
	if code, stderr := run(t, db, `{"mood": 3, "setback-check": false, "next-step": "call Sam"}`, "today", "--date", "2026-11-19", "--answers", "-"); code != 0 {
		t.Fatalf("the first evening: exit %d: %s", code, stderr)
	}
	steps := planned(t, db, day)
	if steps[0].ID != "followup-done" || steps[0].Question != "Last time you planned «call Sam». Did you do it?" || steps[1].ID != "followup-obstacle" {
		t.Fatalf("the second evening's plan begins %v", steps[:2])
	}
	s := start(t, db, "today", "--date", day)
	typed := s.answerPlan(steps, calmPath)
	s.expectSaved(fmt.Sprintf("%d answers.", len(typed)))
	if code := s.wait(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	entries := show(t, db, day)
	first := entries[0].Answers[0]
	if first.PromptID != "followup-done" || first.Answer != "partly" || first.FollowsUp == nil ||
		first.FollowsUp.Date != "2026-11-19" || first.FollowsUp.PromptID != "next-step" {
		t.Errorf("the follow-up was saved as %+v", first)
	}
	if got := answersOf(entries)["followup-obstacle"]; got != "answer to followup-obstacle" {
		t.Errorf("what got in the way: %q", got)
	}
}

// TestEnterKeepsALessonThatComesBack: Enter at "Is it still true for you?"
// keeps the lesson (yes): a tired Enter does not give it up.
func TestEnterKeepsALessonThatComesBack(t *testing.T) {
	db := filepath.Join(t.TempDir(), "journal.db")
	if code, stderr := run(t, db, `{"mood": 3, "setback-check": "yes", "setback-what": "Missed the bus.", "setback-lesson": "Leave ten minutes early."}`,
		"today", "--answers", "-", "--date", "2026-11-01"); code != 0 {
		t.Fatalf("the first evening: exit %d: %s", code, stderr)
	}
	s := start(t, db, "today", "--date", "2026-11-08")
	s.expect("How are you feeling")
	s.send(enter)
	s.expect("Did anything not go")
	s.send(enter) // no
	for range 12 {
		got, err := s.c.Expect(expect.String("Is it still true for you?"), expect.String("(Enter skips)"), expect.String(", I will …)"), expect.String("(an empty line ends it)"), expect.String("Saved "))
		if err != nil {
			t.Fatalf("waiting for a question: %v\nscreen:\n%s", err, s.vt.String())
		}
		if strings.HasSuffix(got, "Saved ") {
			break
		}
		s.send(enter)
	}
	if code := s.wait(); code != 0 {
		t.Fatalf("exit %d\nscreen:\n%s", code, s.vt.String())
	}
	out := reflectWith(t, db, nil, "show", "2026-11-08", "--json")
	if !strings.Contains(out, `"prompt_id": "lesson-still-true"`) {
		t.Fatalf("the lesson did not come back:\n%s", out)
	}
	if !regexp.MustCompile(`"prompt_id": "lesson-still-true",[^}]*"answer": "yes"`).MatchString(out) {
		t.Errorf("Enter at the lesson brought back did not keep it:\n%s", out)
	}
}
