package cmd

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reflect-cli/reflect/journal"
)

// TestHardTextIsKeptExactlyAndShownSafely saves answers of a mebibyte, of
// CJK and emoji, and of control characters and escape sequences: each comes
// back byte for byte, and none drives the terminal when shown.
func TestHardTextIsKeptExactlyAndShownSafely(t *testing.T) {
	e := newEnv(t)
	big := strings.Repeat("All work and no play. 日本語の文章。🙂\n", 1<<20/48)
	hostile := "Red \x1b[31malert\x1b[0m, a bell \a, clear screen \x1b[2J, title \x1b]0;pwned\a, nul \x00 and C1 \u009b end."
	answers := map[string]string{"setback-what": big, "win-small": hostile, "kind-forgive": "小さな勝利 🎉 — ünïcödé"}
	data, _ := json.Marshal(answers)
	e.stdin = string(data)
	e.mustRun("today", "--answers", "-")

	var entries []journal.Entry
	if err := json.Unmarshal([]byte(e.mustRun("show", "2026-11-20", "--json").out), &entries); err != nil {
		t.Fatal(err)
	}
	for _, a := range entries[0].Answers {
		if a.Answer != answers[a.PromptID] {
			t.Errorf("%s came back changed (%d bytes, want %d)", a.PromptID, len(a.Answer), len(answers[a.PromptID]))
		}
	}
	for _, args := range [][]string{{"show", "2026-11-20"}, {"log"}, {"export"}, {"lessons"}} {
		out := e.mustRun(args...).out
		if strings.ContainsAny(out, "\x1b\a\x00\u009b") {
			t.Errorf("%v sends control characters to the terminal", args)
		}
	}
	e.env["COLUMNS"] = "400" // one line, to find it whole
	if out := e.mustRun("show", "2026-11-20").out; !strings.Contains(out, `Red \x1b[31malert\x1b[0m, a bell \x07, clear screen \x1b[2J, title \x1b]0;pwned\x07, nul \x00 and C1 \x9b end.`) {
		t.Errorf("the escapes are not shown as text:\n%.300s", out[strings.Index(out, "Red"):])
	}
}

func TestAnswersFileLimitIsExplained(t *testing.T) {
	e := newEnv(t)
	e.stdin = `{"setback-what": "` + strings.Repeat("x", journal.MaxAnswersFile) + `"}`
	r := e.run("today", "--answers", "-")
	if r.code != exitUsage || !strings.Contains(r.err, "larger than 16 MiB") {
		t.Errorf("a 16 MiB answers file: exit %d, err %.200q", r.code, r.err)
	}
}

// TestInvalidUTF8 documents what happens to bytes that are not UTF-8: the
// JSON they come in as (an answers file, an import) carries text, and they
// become U+FFFD on the way in, shown and kept as such.
func TestInvalidUTF8(t *testing.T) {
	e := newEnv(t)
	e.stdin = "{\"win-small\": \"caf\xe9 au lait\"}"
	e.mustRun("today", "--answers", "-")
	if out := e.mustRun("show", "today", "--json").out; !strings.Contains(out, "caf\ufffd au lait") {
		t.Errorf("invalid UTF-8 came back as:\n%s", out)
	}
}

// TestNowhereToSave: when the journal's folder cannot be made, answers from
// standard input are kept in a file in the home folder, and the message
// says where.
func TestNowhereToSave(t *testing.T) {
	e := newEnv(t)
	blocker := filepath.Join(t.TempDir(), "a-file")
	os.WriteFile(blocker, []byte("not a folder"), 0o600)
	e.db = filepath.Join(blocker, "reflect", "journal.db")
	e.stdin = `{"win-small": "Kept somewhere."}`
	r := e.run("today", "--answers", "-")
	if r.code != exitFailed || !strings.Contains(r.err, "Your answers are kept in "+e.env["HOME"]) {
		t.Fatalf("exit %d, err %q", r.code, r.err)
	}
	kept, _ := filepath.Glob(filepath.Join(e.env["HOME"], "reflect-answers-*.json"))
	if len(kept) != 1 {
		t.Fatalf("kept: %v", kept)
	}
	if fi, _ := os.Stat(kept[0]); fi.Mode().Perm() != 0o600 {
		t.Errorf("the kept file's mode is %v", fi.Mode().Perm())
	}
	if data, _ := os.ReadFile(kept[0]); !strings.Contains(string(data), "Kept somewhere.") {
		t.Errorf("the kept file holds %s", data)
	}
}

func TestMissingEditorChangesNothing(t *testing.T) {
	e := withFixture(t)
	e.env["EDITOR"] = "no-such-editor-anywhere"
	e.env["TMPDIR"] = t.TempDir()
	before := fileBytes(t, e.db)
	r := e.run("edit", "2026-11-20")
	if r.code != exitFailed || !strings.Contains(r.err, `editor "no-such-editor-anywhere" failed`) {
		t.Errorf("exit %d, err %q", r.code, r.err)
	}
	if string(fileBytes(t, e.db)) != string(before) {
		t.Error("a missing editor changed the journal")
	}
	if left, _ := filepath.Glob(filepath.Join(e.env["TMPDIR"], "*")); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}
