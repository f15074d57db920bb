package cmd

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// withEditor sets $EDITOR to a shell script with body, which gets the file
// to edit as $1, and $TMPDIR to a folder of its own; it returns that folder.
func withEditor(t *testing.T, e *testEnv, body string) string {
	t.Helper()
	dir := t.TempDir()
	script := filepath.Join(t.TempDir(), "editor")
	if err := os.WriteFile(script, []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	e.env["EDITOR"] = script
	e.env["TMPDIR"] = dir
	return dir
}

func TestEditChangesTheEntry(t *testing.T) {
	e := withFixture(t)
	tmp := withEditor(t, e, `
sed -i -e 's/^Book the dentist\.$/Book the dentist and the optician./' \
       -e 's/^To help people ship without fear\.$//' \
       -e 's/^5$/4/' "$1"`)
	r := e.mustRun("edit", "2026-11-20")
	if r.err != "Saved Friday 20 November: 2 answers changed, 1 removed.\n" {
		t.Errorf("edit said %q", r.err)
	}
	show := e.mustRun("show", "2026-11-20").out
	for _, want := range []string{"4 of 5", "Book the dentist and the optician.", "Dana said the talk"} {
		if !strings.Contains(show, want) {
			t.Errorf("the edited entry lacks %q:\n%s", want, show)
		}
	}
	if strings.Contains(show, "Why did you start") {
		t.Errorf("the emptied answer is still there:\n%s", show)
	}
	if js := e.mustRun("show", "2026-11-20", "--json").out; !strings.Contains(js, `"created_at": "2026-11-20T21:14:03+01:00"`) || !strings.Contains(js, `"updated_at": "2026-11-20T21:14:03+01:00"`) {
		t.Errorf("the edited entry's times:\n%s", js)
	}
	if files := leftFiles(t, tmp); len(files) != 0 {
		t.Errorf("edit left %v behind", files)
	}
}

func TestEditKeepsHostileTextAsItIs(t *testing.T) {
	e := withFixture(t)
	before := e.mustRun("show", "2026-10-27", "--json").out
	withEditor(t, e, `sed -i 's/^yes$/no/' "$1"`) // a change that leaves the other answers alone
	e.mustRun("edit", "2026-10-27")
	after := e.mustRun("show", "2026-10-27", "--json").out
	if want := strings.Replace(before, `"answer": "yes"`, `"answer": "no"`, 1); after != strings.Replace(want, `"updated_at": "2026-10-27T22:09:45+01:00"`, `"updated_at": "2026-11-20T21:14:03+01:00"`, 1) {
		t.Errorf("edit changed more than the one answer:\n%s\nwas\n%s", after, before)
	}
}

func TestEditChangesNothing(t *testing.T) {
	for _, tt := range []struct {
		name, editor string
		code         int
		err          string
		kept         bool
	}{
		{"unchanged", `true`, exitOK, "No changes to Friday 20 November.\n", false},
		{"saved as it was", `cp "$1" "$1.x" && mv "$1.x" "$1"`, exitOK, "No changes to Friday 20 November.\n", false},
		{"failing", `exit 1`, exitFailed, "editor", false},
		{"failing after writing", `echo 'more words' >> "$1"; exit 3`, exitFailed, "Your edited text is kept in", true},
		{"heading removed", `sed -i '/^## 2\. /d' "$1"`, exitFailed, "cannot be read back: line 14: heading 3 is out of place", true},
		{"last heading removed", `sed -i '/^## 6\. /d' "$1"`, exitFailed, "cannot be read back: found 5 of the 6 headings", true},
		{"headings swapped", `sed -i -e 's/^## 2\. /## 9. /' "$1"`, exitFailed, "heading 9 is out of place", true},
		{"text above the headings", `sed -i '1i stray words' "$1"`, exitFailed, "line 1: text above the first heading", true},
		{"mood off the scale", `sed -i 's/^5$/seven/' "$1"`, exitFailed, `answer 1 (mood): "seven" is not a whole number from 1 to 5`, true},
		{"everything emptied", `sed -i '/^[^#]/d' "$1"`, exitFailed, "every answer was emptied", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := withFixture(t)
			tmp := withEditor(t, e, tt.editor)
			before := fileBytes(t, e.db)
			r := e.run("edit", "2026-11-20")
			if r.code != tt.code || !strings.Contains(r.err, tt.err) {
				t.Errorf("exit %d, err %q; want exit %d and %q", r.code, r.err, tt.code, tt.err)
			}
			if !bytes.Equal(fileBytes(t, e.db), before) {
				t.Error("the journal changed")
			}
			files := leftFiles(t, tmp)
			if tt.kept != (len(files) == 1) {
				t.Fatalf("files left: %v, want kept %v", files, tt.kept)
			}
			if tt.kept {
				if !strings.Contains(r.err, files[0]) {
					t.Errorf("the message does not say where the text is: %q", r.err)
				}
				if fi, _ := os.Stat(files[0]); fi.Mode().Perm() != 0o600 {
					t.Errorf("the kept file's mode is %v, want 0600", fi.Mode().Perm())
				}
			}
		})
	}
}

func TestEditNeedsAnEntryAndAnEditor(t *testing.T) {
	e := withFixture(t)
	withEditor(t, e, "true")
	if r := e.run("edit", "2026-11-14"); r.code != exitFailed || !strings.Contains(r.err, "no entry for Saturday 14 November 2026") || !strings.Contains(r.err, "reflect today --date 2026-11-14") {
		t.Errorf("editing a day without an entry: exit %d, err %q", r.code, r.err)
	}
	if r := e.run("edit", "the-fifth"); r.code != exitUsage {
		t.Errorf("a bad DATE: exit %d", r.code)
	}
	delete(e.env, "EDITOR")
	if r := e.run("edit", "2026-11-20"); r.code != exitFailed || !strings.Contains(r.err, "$EDITOR") {
		t.Errorf("no editor: exit %d, err %q", r.code, r.err)
	}
	if r := newEnv(t).run("edit", "today"); r.code != exitFailed {
		t.Errorf("no journal: exit %d, err %q", r.code, r.err)
	}
}

func TestTodayEditorNeedsAnEditor(t *testing.T) {
	e := newEnv(t)
	e.tty = true
	r := e.run("today", "--editor")
	if r.code != 2 || !strings.Contains(r.err, "set $VISUAL or $EDITOR") {
		t.Fatalf("exit %d, stderr %q", r.code, r.err)
	}
}

// leftFiles lists what is left in dir.
func leftFiles(t *testing.T, dir string) []string {
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	return files
}
