package cmd

import (
	"encoding/json"
	"strings"
	"syscall"
	"testing"

	"github.com/reflect-cli/reflect/journal"
)

// logDates runs log with args and returns the dates it listed, from its
// JSON output.
func logDates(t *testing.T, e *testEnv, args ...string) []string {
	t.Helper()
	out := e.mustRun(append([]string{"log", "--json"}, args...)...).out
	var entries []journal.Entry
	if err := json.Unmarshal([]byte(out), &entries); err != nil {
		t.Fatalf("log --json printed what is not JSON: %v\n%s", err, out)
	}
	dates := make([]string, len(entries))
	for i, en := range entries {
		dates[i] = en.Date.String()
	}
	return dates
}

func TestLogSelects(t *testing.T) {
	e := withFixture(t)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{nil, "2026-11-22 2026-11-21 2026-11-20 2026-11-19 2026-11-18 2026-11-17 2026-11-16 2026-11-13 2026-11-10 2026-11-01 2026-10-27"},
		{[]string{"-n", "3"}, "2026-11-22 2026-11-21 2026-11-20"},
		{[]string{"-n", "100"}, "2026-11-22 2026-11-21 2026-11-20 2026-11-19 2026-11-18 2026-11-17 2026-11-16 2026-11-13 2026-11-10 2026-11-01 2026-10-27"},
		{[]string{"--since", "2026-11-13", "--until", "2026-11-17"}, "2026-11-17 2026-11-16 2026-11-13"},
		{[]string{"--since", "2026-11-14", "--until", "2026-11-15"}, ""},
		{[]string{"--since", "2026-11-20"}, "2026-11-22 2026-11-21 2026-11-20"},
		{[]string{"--until", "2026-11-01"}, "2026-11-01 2026-10-27"},
		{[]string{"--until", "2026-11-12", "-n", "1"}, "2026-11-10"},
		{[]string{"--on", "2026-11-13"}, "2026-11-13"},
		{[]string{"--on", "wednesday"}, "2026-11-18"}, // the clock says Friday 20 November
		{[]string{"--on", "2026-11-14"}, ""},
		{[]string{"--grep", "SAM"}, "2026-11-18 2026-11-17 2026-11-16 2026-10-27"},
		{[]string{"--grep", "sam", "-n", "2"}, "2026-11-18 2026-11-17"},
		{[]string{"--grep", "comfort zone"}, ""},
		{[]string{"--grep", "honest view"}, "2026-11-19"}, // a question matches too
		{[]string{"--theme", "feedback"}, "2026-11-19"},
		{[]string{"--theme", "support", "--since", "2026-11-01"}, "2026-11-18"},
		{[]string{"--theme", "small-wins", "--grep", "talk"}, "2026-11-20 2026-11-19"},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			if got := strings.Join(logDates(t, e, tt.args...), " "); got != tt.want {
				t.Errorf("log %v listed\n  %s\nwant\n  %s", tt.args, got, tt.want)
			}
		})
	}
}

func TestLogThemeShowsOnlyThatTheme(t *testing.T) {
	e := withFixture(t)
	out := e.mustRun("log", "--theme", "small-wins", "--json", "--on", "2026-11-17").out
	var entries []journal.Entry
	if err := json.Unmarshal([]byte(out), &entries); err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || len(entries[0].Answers) != 1 || entries[0].Answers[0].PromptID != "win-small" {
		t.Errorf("log --theme small-wins = %+v, want the one small win", entries)
	}
}

func TestGoldenLog(t *testing.T) {
	e := withFixture(t)
	assertGolden(t, "log-since-2026-11-17.txt", e.mustRun("log", "--since", "2026-11-17", "--until", "2026-11-19").out)
	e.env["COLUMNS"] = "40"
	assertGolden(t, "log-hostile-40cols.txt", e.mustRun("log", "--on", "2026-10-27").out)
	assertGolden(t, "log-n-2.json", e.mustRun("log", "-n", "2", "--json").out)
}

func TestLogColorsOnATerminal(t *testing.T) {
	e := withFixture(t)
	e.outTTY = true
	e.env["PAGER"] = "cat"
	delete(e.env, "NO_COLOR")
	out := e.mustRun("log", "--grep", "sam", "-n", "1").out
	assertGolden(t, "log-grep-color.txt", out)
	if !strings.Contains(out, "\x1b[1;33mSam\x1b[0m") {
		t.Error("the match is not picked out")
	}
	// The person's own escape sequences are never sent to the terminal.
	out = e.mustRun("log", "--on", "2026-10-27", "--no-pager").out
	if strings.Contains(out, "\x1b[31m") || !strings.Contains(out, "\x1b[1;36m") {
		t.Errorf("log colored wrongly:\n%q", out)
	}
	e.env["NO_COLOR"] = "1"
	if out := e.mustRun("log", "-n", "1").out; strings.Contains(out, "\x1b[") {
		t.Errorf("NO_COLOR is set, but log colored its output:\n%q", out)
	}
}

func TestLogPages(t *testing.T) {
	e := withFixture(t)
	e.outTTY = true
	e.env["PAGER"] = "sed 's/^/| /'"
	out := e.mustRun("log", "-n", "1").out
	if !strings.HasPrefix(out, "| Sunday 22 November 2026\n") || strings.Contains(out, "\n\n") {
		t.Errorf("log did not go through $PAGER:\n%s", out)
	}
	if out := e.mustRun("log", "-n", "1", "--no-pager").out; !strings.HasPrefix(out, "Sunday 22 November 2026\n") {
		t.Errorf("--no-pager still paged:\n%s", out)
	}
	e.outTTY = false
	if out := e.mustRun("log", "-n", "1").out; !strings.HasPrefix(out, "Sunday 22 November 2026\n") {
		t.Errorf("log paged output that is not a terminal:\n%s", out)
	}
	// A pager that is not there is no reason to lose the output.
	e.outTTY = true
	e.env["PAGER"] = "no-such-pager-anywhere -R"
	if out := e.mustRun("log", "-n", "1").out; !strings.HasPrefix(out, "Sunday 22 November 2026\n") {
		t.Errorf("with a missing pager, log printed:\n%s", out)
	}
	// A pager that quits early stops the listing quietly.
	e.env["PAGER"] = "head -n 1"
	r := e.run("log")
	if r.code != 0 || r.out != "Sunday 22 November 2026\n" || r.err != "" {
		t.Errorf("with a pager that quits early: exit %d, out %q, err %q", r.code, r.out, r.err)
	}
}

func TestLogSaysWhenThereIsNothing(t *testing.T) {
	e := newEnv(t)
	r := e.mustRun("log")
	if r.out != "" || !strings.Contains(r.err, "No journal yet") {
		t.Errorf("log with no journal: out %q, err %q", r.out, r.err)
	}
	if r := e.mustRun("log", "--json"); r.out != "[]\n" {
		t.Errorf("log --json with no journal printed %q, want []", r.out)
	}
	if e.exists() {
		t.Error("log created the journal")
	}
	e = withFixture(t)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--on", "2026-11-14"}, "No entries on Saturday 14 November 2026.\n"},
		{[]string{"--since", "2026-11-14", "--until", "2026-11-15"}, "No entries from Saturday 14 November 2026 to Sunday 15 November 2026.\n"},
		{[]string{"--grep", "zebra"}, "No entries holding \"zebra\".\n"},
		{[]string{"--theme", "risk", "--since", "2026-11-01"}, "No entries since Sunday 1 November 2026 with answers of theme risk.\n"},
	} {
		r := e.mustRun(append([]string{"log"}, tt.args...)...)
		if r.out != "" || r.err != tt.want {
			t.Errorf("log %v: out %q, err %q, want err %q", tt.args, r.out, r.err, tt.want)
		}
	}
}

func TestLogBadInput(t *testing.T) {
	e := withFixture(t)
	for _, args := range [][]string{
		{"-n", "0"},
		{"-n", "-3"},
		{"-n", "seven"},
		{"--since", "2026-13-01"},
		{"--until", "someday"},
		{"--on", "2026-11-20", "--since", "2026-11-01"},
		{"--since", "2026-11-20", "--until", "2026-11-01"},
		{"--theme", "weather"},
		{"--colour"},
		{"extra"},
	} {
		r := e.run(append([]string{"log"}, args...)...)
		if r.code != exitUsage || !strings.HasPrefix(r.err, "reflect: ") || strings.Count(r.err, "\n") > 2 || r.out != "" {
			t.Errorf("log %v: exit %d, out %q, err %q; want exit 2 and one line (and a hint)", args, r.code, r.out, r.err)
		}
	}
}

// TestLogThemeOfTheJournal filters by a theme that imported entries carry
// and the catalog lacks; a theme in neither is still refused (exit 2),
// listing the catalog's themes and the journal's.
func TestLogThemeOfTheJournal(t *testing.T) {
	e := withFixture(t)
	e.stdin = `[{"date": "2026-10-02", "answers": [
	  {"prompt_id": "old-setback", "theme": "setbacks", "question": "What went wrong?", "answer": "The bus broke down."},
	  {"prompt_id": "mood", "theme": "mood", "answer": "3"}]}]`
	e.mustRun("import", "-")
	out := e.mustRun("log", "--theme", "setbacks", "--no-pager").out
	if !strings.Contains(out, "What went wrong?") || !strings.Contains(out, "The bus broke down.") || strings.Contains(out, "How are you feeling") {
		t.Errorf("log --theme setbacks:\n%s", out)
	}
	if r := e.mustRun("log", "--theme", "setbacks", "--since", "2026-11-01"); r.out != "" || r.err != "No entries since Sunday 1 November 2026 with answers of theme setbacks.\n" {
		t.Errorf("log --theme setbacks --since: out %q, err %q", r.out, r.err)
	}
	r := e.run("log", "--theme", "weather")
	if r.code != exitUsage || !strings.Contains(r.err, "small-wins") || !strings.Contains(r.err, "setbacks") {
		t.Errorf("log --theme weather: exit %d, err %q; want exit 2 naming the catalog's themes and setbacks", r.code, r.err)
	}
	// Without a journal, the catalog's themes are all there are.
	e = newEnv(t)
	if r := e.run("log", "--theme", "setbacks"); r.code != exitUsage || strings.Contains(r.err, "setbacks,") || !strings.Contains(r.err, "small-wins") {
		t.Errorf("log --theme setbacks on no journal: exit %d, err %q", r.code, r.err)
	}
	if e.exists() {
		t.Error("log created the journal")
	}
}

func TestThemeName(t *testing.T) {
	for in, want := range map[string]string{"setbacks": "setbacks", "two words": `"two words"`, "a,b": `"a,b"`, "\x1b]52;c;x\a": `"\x1b]52;c;x\a"`, "\u202eevil": `"\u202eevil"`} {
		if got := themeName(in); got != want {
			t.Errorf("themeName(%q) = %s, want %s", in, got, want)
		}
	}
}

// failingWriter fails every write with err.
type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) { return 0, w.err }

// TestListingsReportAFullDisk: a listing whose output cannot be written (a
// full disk) fails, saying so; one whose reader went away (a pipe closed,
// as head closes it) stops without an error, as a pager quit does.
func TestListingsReportAFullDisk(t *testing.T) {
	e := withFixture(t)
	for _, args := range [][]string{{"log"}, {"log", "--grep", "the"}, {"log", "--json"}, {"show", "2026-11-20"}, {"lessons"}} {
		for _, tc := range []struct {
			err  error
			code int
		}{{syscall.ENOSPC, exitFailed}, {syscall.EPIPE, 0}} {
			r := e.runWith(func(a *App) { a.Streams.Out = failingWriter{tc.err} }, args...)
			if r.code != tc.code || tc.code != 0 && !strings.Contains(r.err, "no space left on device") {
				t.Errorf("%v into a writer failing with %v: exit %d, want %d\nerr: %s", args, tc.err, r.code, tc.code, r.err)
			}
		}
	}
}
