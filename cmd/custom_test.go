package cmd

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// withPrompts writes a prompts file into the env's config folder.
func withPrompts(t *testing.T, e *testEnv, text string) string {
	t.Helper()
	path := filepath.Join(e.env["HOME"], ".config", "reflect", "prompts.json")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

const ownPrompts = `{
  "prompts": [
    {"id": "walk", "theme": "gratitude", "kind": "short",
     "question": "What did you notice on your walk today?"}
  ],
  "disable": ["grateful-today", "grateful-better"]
}
`

func TestOwnPromptsArePlanned(t *testing.T) {
	e := newEnv(t)
	path := withPrompts(t, e, ownPrompts)
	out := e.mustRun("prompts", "--theme", "gratitude").out
	if !strings.Contains(out, "walk  What did you notice on your walk today?\n        text · yours\n") || strings.Contains(out, "grateful-today  ") {
		t.Errorf("prompts --theme gratitude:\n%s", out)
	}
	if out := e.mustRun("prompts").out; !strings.Contains(out, "turned off\n  grateful-today, grateful-better\n") {
		t.Errorf("prompts does not say what is turned off:\n%s", out)
	}
	if js := e.mustRun("prompts", "--theme", "gratitude", "--json").out; !strings.Contains(js, `"origin": "`+path+`"`) {
		t.Errorf("prompts --json:\n%s", js)
	}
	// Over a month of evenings, the plan picks the new prompt.
	found := ""
	for day := 1; day <= 30 && found == ""; day++ {
		date := fmt.Sprintf("2026-11-%02d", day)
		if strings.Contains(e.mustRun("prompts", "plan", "--date", date).out, "walk") {
			found = date
		}
	}
	if found == "" {
		t.Fatal("no plan in a month picked the prompt of the prompts file")
	}
	e.stdin = `{"walk": "Frost on the cars."}`
	e.mustRun("today", "--answers", "-", "--date", found)
	if out := e.mustRun("show", found).out; !strings.Contains(out, "What did you notice on your walk today?\n    Frost on the cars.") {
		t.Errorf("the answer to the new prompt:\n%s", out)
	}
	if r := e.run("log", "--theme", "gratitude"); r.code != 0 {
		t.Errorf("log --theme gratitude: exit %d", r.code)
	}
}

func TestBrokenPromptsFile(t *testing.T) {
	e := newEnv(t)
	path := withPrompts(t, e, "{\n  \"prompts\": [\n    {\"id\": \"walk\", \"theme\": \"gratitude\", \"kind\": \"short\",\n     \"questoin\": \"What did you notice?\"}\n  ]\n}\n")
	for _, args := range [][]string{{"prompts"}, {"prompts", "plan"}, {"today", "--answers", "-"}} {
		e.stdin = `{"mood": 3}`
		r := e.run(args...)
		want := "reflect: " + path + `:4: unknown field "questoin" in a prompt` + "\n"
		if r.code != exitUsage || !strings.HasPrefix(r.err, want) || !strings.Contains(r.err, "move it aside") {
			t.Errorf("%v: exit %d, err %q; want exit 2 and %q", args, r.code, r.err, want)
		}
	}
	if e.exists() {
		t.Error("a broken prompts file let an answer be saved")
	}
	// Commands that only look back do not need the prompts.
	if r := e.run("log"); r.code != 0 {
		t.Errorf("log with a broken prompts file: exit %d, err %q", r.code, r.err)
	}
	e.env["XDG_CONFIG_HOME"] = t.TempDir() // another config folder, without the file
	if r := e.run("prompts"); r.code != 0 {
		t.Errorf("XDG_CONFIG_HOME is not honoured: exit %d, err %q", r.code, r.err)
	}
}

// scalePrompts adds a scale prompt of the person's own.
const scalePrompts = `{
  "prompts": [
    {"id": "body", "theme": "health", "kind": "scale", "low": "drained", "high": "strong",
     "question": "How does your body feel tonight?"}
  ]
}
`

// TestOwnScaleIsShownAsAScale: an answer to a scale prompt of the prompts
// file reads as a scale wherever answers are shown for people ("4 of 5"),
// as a built-in scale's does, and stays its stored "4" in JSON.
func TestOwnScaleIsShownAsAScale(t *testing.T) {
	e := newEnv(t)
	withPrompts(t, e, scalePrompts)
	e.stdin = `{"mood": 3, "body": 4}`
	e.mustRun("today", "--answers", "-")

	const shown = "How does your body feel tonight?\n    4 of 5\n"
	if out := e.mustRun("show", "today").out; !strings.Contains(out, shown) || !strings.Contains(out, "    3 of 5\n") {
		t.Errorf("show:\n%s", out)
	}
	if out := e.mustRun("log").out; !strings.Contains(out, shown) {
		t.Errorf("log:\n%s", out)
	}
	if out := e.mustRun("log", "--theme", "health").out; !strings.Contains(out, shown) {
		t.Errorf("log --theme health:\n%s", out)
	}
	if out := e.mustRun("export").out; !strings.Contains(out, "**How does your body feel tonight?**\n\n4 of 5\n") {
		t.Errorf("export:\n%s", out)
	}
	for _, args := range [][]string{{"show", "today", "--json"}, {"log", "--json"}, {"export", "--format", "json"}} {
		if out := e.mustRun(args...).out; !strings.Contains(out, `"question": "How does your body feel tonight?",`+"\n        \"answer\": \"4\"\n") {
			t.Errorf("%v: the answer is not its stored \"4\":\n%s", args, out)
		}
	}

	// A second evening lists what the day holds, the same way.
	e.tty = true
	e.asker = &fakeAsker{t: t, confirms: []bool{false}}
	if r := e.mustRun("today"); !strings.Contains(r.err, "  How does your body feel tonight?  4 of 5\n") {
		t.Errorf("today, a second time: stderr does not show the scale:\n%s", r.err)
	}
}

// TestTurnedOffScaleIsShownAsAScale: a built-in prompt turned off is no
// longer asked, but the answers to it are shown as they were.
func TestTurnedOffScaleIsShownAsAScale(t *testing.T) {
	e := newEnv(t)
	e.stdin = `{"mood": 4}`
	e.mustRun("today", "--answers", "-")
	withPrompts(t, e, `{"disable": ["mood"]}`)
	if out := e.mustRun("show", "today").out; !strings.Contains(out, "How are you feeling tonight?\n    4 of 5\n") {
		t.Errorf("show:\n%s", out)
	}
	if out := e.mustRun("export").out; !strings.Contains(out, "**How are you feeling tonight?**\n\n4 of 5\n") {
		t.Errorf("export:\n%s", out)
	}
}

// TestBrokenPromptsFileShowsWithBuiltins: with a broken prompts file the
// commands that look back work on, with the built-in catalog.
func TestBrokenPromptsFileShowsWithBuiltins(t *testing.T) {
	e := newEnv(t)
	e.stdin = `{"mood": 4}`
	e.mustRun("today", "--answers", "-")
	withPrompts(t, e, `{"prompts": [`)
	for _, args := range [][]string{{"show", "today"}, {"log"}} {
		if out := e.mustRun(args...).out; !strings.Contains(out, "    4 of 5\n") {
			t.Errorf("%v with a broken prompts file:\n%s", args, out)
		}
	}
	if out := e.mustRun("export").out; !strings.Contains(out, "\n4 of 5\n") {
		t.Errorf("export with a broken prompts file:\n%s", out)
	}
}

// TestImportJrnlWithFreeWriteTurnedOff: jrnl's entries become answers to
// the free-writing prompt, with its theme and question, even when a
// prompts file turned it off.
func TestImportJrnlWithFreeWriteTurnedOff(t *testing.T) {
	e := newEnv(t)
	withPrompts(t, e, `{"disable": ["free-write"]}`)
	e.mustRun("import", "--from", "jrnl", "../testdata/jrnl-export.json")
	assertGolden(t, "import-jrnl.json", e.mustRun("export", "--since", "2026-03-01", "--until", "2026-03-31", "--format", "json").out)
}
