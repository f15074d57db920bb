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
