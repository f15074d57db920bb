package cmd

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/reflect-cli/reflect/journal"
)

func (e *testEnv) showJSON(date string) []journal.Entry {
	e.t.Helper()
	r := e.mustRun("show", date, "--json")
	var entries []journal.Entry
	if err := json.Unmarshal([]byte(r.out), &entries); err != nil {
		e.t.Fatalf("show --json printed %q: %v", r.out, err)
	}
	return entries
}

func TestTodayAnswersFile(t *testing.T) {
	e := newEnv(t)
	file := filepath.Join(t.TempDir(), "answers.json")
	os.WriteFile(file, []byte(`{"win-small": "Shipped the draft.", "mood": 4, "setback-check": false}`), 0o600)
	r := e.mustRun("today", "--answers", file)
	if r.out != "Saved Friday 20 November: 3 answers.\n" {
		t.Errorf("stdout = %q", r.out)
	}
	entries := e.showJSON("2026-11-20")
	if len(entries) != 1 {
		t.Fatalf("show --json gave %d entries", len(entries))
	}
	got := entries[0].Answers
	if len(got) != 3 || got[0].PromptID != "mood" || got[0].Answer != "4" || got[1].Answer != "no" || got[2].Answer != "Shipped the draft." {
		t.Fatalf("answers = %+v", got)
	}
	fi, err := os.Stat(e.db)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("journal mode = %v, %v", fi.Mode(), err)
	}
	di, _ := os.Stat(filepath.Dir(e.db))
	if di.Mode().Perm() != 0o700 {
		t.Errorf("folder mode = %v", di.Mode())
	}
}

func TestTodayAnswersFromStdinAddsToTheDay(t *testing.T) {
	e := newEnv(t)
	e.stdin = `{"mood": 2}`
	e.mustRun("today", "--answers", "-")
	e.stdin = `{"mood": 5, "next-step": "Call Sam"}`
	r := e.mustRun("today", "--answers", "-", "--date", "today")
	if !strings.Contains(r.out, "2 answers (3 in all)") {
		t.Errorf("stdout = %q", r.out)
	}
	got := e.showJSON("today")[0].Answers
	if len(got) != 3 || got[0].Answer != "2" || got[1].Answer != "5" {
		t.Fatalf("the second session did not add to the first: %+v", got)
	}
}

func TestTodayBackfillAndAfterMidnight(t *testing.T) {
	e := newEnv(t)
	e.now = time.Date(2026, 11, 21, 1, 30, 0, 0, time.Local) // Saturday 01:30: still Friday's evening
	e.stdin = `{"mood": 3}`
	e.mustRun("today", "--answers", "-")
	if got := e.showJSON("2026-11-20"); len(got) != 1 {
		t.Fatalf("an answer at 01:30 was not saved under the day before")
	}
	e.stdin = `{"mood": 1}`
	r := e.mustRun("today", "--answers", "-", "--date", "2026-11-02")
	if r.out != "Saved Monday 2 November: 1 answer.\n" {
		t.Errorf("stdout = %q", r.out)
	}
}

func TestTodayBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(body), 0o600)
		return p
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown prompt", []string{"today", "--answers", write("a.json", `{"mood": 3, "weather": "sun"}`)}, `"weather": is not a prompt id`},
		{"wrong type", []string{"today", "--answers", write("b.json", `{"mood": "four"}`)}, `"mood": wants a whole number`},
		{"not json", []string{"today", "--answers", write("c.json", `mood=4`)}, `not valid JSON`},
		{"missing file", []string{"today", "--answers", filepath.Join(dir, "nope.json")}, `no such file`},
		{"no terminal", []string{"today"}, `--answers`},
		{"bad date", []string{"today", "--date", "someday"}, `--date: "someday" is not a date`},
		{"future date", []string{"today", "--date", "2026-12-01"}, `in the future`},
		{"unknown flag", []string{"today", "--mood", "4"}, `unknown flag: --mood`},
		{"extra argument", []string{"today", "now"}, `takes no arguments`},
		{"unknown command", []string{"tody"}, `unknown command "tody"`},
		{"show without date", []string{"show"}, `takes one DATE`},
		{"show bad date", []string{"show", "2026-02-30"}, `is not a date`},
		{"unknown theme", []string{"prompts", "--theme", "weather"}, `unknown theme "weather"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			r := e.run(tt.args...)
			if r.code != 2 {
				t.Errorf("exit %d, want 2", r.code)
			}
			lines := strings.Split(strings.TrimSuffix(r.err, "\n"), "\n")
			if !strings.HasPrefix(lines[0], "reflect: ") || !strings.Contains(lines[0], tt.want) || len(lines) > 2 {
				t.Errorf("stderr = %q, want one line 'reflect: …%s…' and at most one of advice", r.err, tt.want)
			}
			if r.out != "" {
				t.Errorf("stdout = %q, want nothing", r.out)
			}
			if _, err := os.Stat(e.db); !os.IsNotExist(err) {
				t.Error("a failed command created the journal")
			}
		})
	}
}

func TestTodayInteractive(t *testing.T) {
	e := newEnv(t)
	e.tty = true
	e.asker = &fakeAsker{t: t, answers: map[string]string{"mood": "4", "setback-check": "yes", "setback-lesson": "Do the dry run."}}
	r := e.mustRun("today")
	if !strings.Contains(r.out, "Saved Friday 20 November: 9 answers.") {
		t.Errorf("stdout = %q", r.out)
	}
	got := e.showJSON("today")[0].Answers
	if len(got) != 9 || got[0].Answer != "4" || got[1].Answer != "yes" || got[4].Answer != "Do the dry run." {
		t.Fatalf("answers = %+v", got)
	}
}

func TestTodayInterruptKeepsDraftAndResumes(t *testing.T) {
	e := newEnv(t)
	e.tty = true
	e.asker = &fakeAsker{t: t, answers: map[string]string{"setback-check": "yes", "setback-what": "The demo\ncrashed"}, interruptAt: "setback-what"}
	r := e.run("today")
	if r.code != 130 {
		t.Fatalf("exit %d, want 130; stderr %q", r.code, r.err)
	}
	if !strings.Contains(r.err, "reflect: interrupted; your 3 answers are kept as a draft") || !strings.Contains(r.err, "reflect today") {
		t.Errorf("stderr = %q", r.err)
	}
	if got := e.showJSON("today"); len(got) != 0 {
		t.Fatalf("an interrupted session made an entry: %+v", got)
	}
	if r := e.mustRun("show", "today"); !strings.Contains(r.err, "kept as a draft; 'reflect today --date 2026-11-20' picks it up") {
		t.Errorf("show does not mention the draft: %q", r.err)
	}

	// The next evening's run offers to resume, and asks only what is left.
	e.asker = &fakeAsker{t: t, confirms: []bool{true}}
	e.mustRun("today")
	if e.asker.wasAsked("mood") || e.asker.wasAsked("setback-what") {
		t.Errorf("resumed session asked again: %v", e.asker.asked)
	}
	if !e.asker.wasAsked("setback-lesson") {
		t.Errorf("resumed session did not follow the setback path: %v", e.asker.asked)
	}
	got := e.showJSON("today")[0].Answers
	if len(got) != 9 || got[2].Answer != "The demo\ncrashed" {
		t.Fatalf("after resuming: %+v", got)
	}
	// The draft is gone: a third run asks nothing about resuming.
	e.asker = &fakeAsker{t: t}
	r = e.mustRun("today")
	if !strings.Contains(r.err, "already (9 answers)") {
		t.Errorf("stderr = %q", r.err)
	}
}

func TestTodayDecliningResumeKeepsTheWords(t *testing.T) {
	e := newEnv(t)
	e.tty = true
	e.asker = &fakeAsker{t: t, answers: map[string]string{"mood": "2"}, interruptAt: "setback-check"}
	if r := e.run("today"); r.code != 130 {
		t.Fatalf("exit %d", r.code)
	}
	e.asker = &fakeAsker{t: t, confirms: []bool{false}}
	e.mustRun("today")
	got := e.showJSON("today")[0].Answers
	if len(got) != 7 || got[0].Answer != "2" || got[1].PromptID != "mood" {
		t.Fatalf("answers = %+v, want the draft's mood then a whole new session", got)
	}
}

func TestTodayInterruptBeforeAnyAnswer(t *testing.T) {
	e := newEnv(t)
	e.tty = true
	e.asker = &fakeAsker{t: t, interruptAt: "mood"}
	r := e.run("today")
	if r.code != 130 || !strings.Contains(r.err, "nothing was answered") {
		t.Fatalf("exit %d, stderr %q", r.code, r.err)
	}
}

func TestTodayQuick(t *testing.T) {
	e := newEnv(t)
	e.tty = true
	e.asker = &fakeAsker{t: t}
	e.mustRun("today", "--quick")
	if len(e.asker.asked) != 3 || e.asker.asked[0] != "mood" || e.asker.asked[2] != "next-step" {
		t.Fatalf("quick asked %v", e.asker.asked)
	}
}

func TestTodayBusyJournal(t *testing.T) {
	e := newEnv(t)
	e.stdin = `{"mood": 3}`
	e.mustRun("today", "--answers", "-")
	db, err := bolt.Open(e.db, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	file := filepath.Join(t.TempDir(), "answers.json")
	os.WriteFile(file, []byte(`{"mood": 4}`), 0o600)
	// What is asserted is the answer, never how fast it came: a busy
	// machine may take any time to give up.
	r := e.run("today", "--answers", file)
	if r.code != 1 || !strings.HasPrefix(r.err, "reflect: the journal is busy") {
		t.Fatalf("exit %d, stderr %q", r.code, r.err)
	}
	// Answers from standard input exist nowhere else: they are kept in a file.
	r = e.run("today", "--answers", "-")
	if r.code != 1 || !strings.Contains(r.err, "the journal is busy") || !strings.Contains(r.err, "Your answers are kept in ") {
		t.Fatalf("exit %d, stderr %q", r.code, r.err)
	}
}

func TestDamagedJournalIsLeftAlone(t *testing.T) {
	e := newEnv(t)
	os.MkdirAll(filepath.Dir(e.db), 0o700)
	junk := []byte(strings.Repeat("not a journal\n", 500))
	os.WriteFile(e.db, junk, 0o600)
	for _, args := range [][]string{{"show", "today"}, {"today", "--answers", "-"}, {"prompts", "plan"}} {
		e.stdin = `{"mood": 3}`
		r := e.run(args...)
		if r.code != 1 || !strings.Contains(r.err, "is damaged or not a reflect journal") {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.err)
		}
		if strings.Contains(r.err, "goroutine") {
			t.Errorf("%v printed a stack trace", args)
		}
	}
	after, _ := os.ReadFile(e.db)
	if string(after) != string(junk) {
		t.Fatal("the damaged file was changed")
	}
}

func TestUnsavableAnswersAreKeptInAFile(t *testing.T) {
	e := newEnv(t)
	e.stdin = `{"mood": 3}`
	e.mustRun("today", "--answers", "-")
	e.tty = true
	e.lock = 50 * time.Millisecond
	// Halfway through, another process takes the journal and keeps it.
	var db *bolt.DB
	e.asker = &fakeAsker{t: t, before: func(id string) {
		if id == "setback-check" {
			var err error
			if db, err = bolt.Open(e.db, 0o600, nil); err != nil {
				t.Fatal(err)
			}
		}
	}}
	r := e.run("today")
	db.Close()
	if !strings.Contains(r.err, "could not keep a draft") {
		t.Errorf("no warning about the draft: %q", r.err)
	}
	if r.code != 1 {
		t.Fatalf("exit %d; stderr %q", r.code, r.err)
	}
	i := strings.Index(r.err, "Your answers are kept in ")
	if i < 0 {
		t.Fatalf("stderr = %q", r.err)
	}
	path := strings.TrimSuffix(strings.TrimSpace(r.err[i+len("Your answers are kept in "):]), ".")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var kept []journal.Entry
	if err := json.Unmarshal(data, &kept); err != nil || len(kept) != 1 || len(kept[0].Answers) != 6 {
		t.Fatalf("kept file = %s (%v)", data, err)
	}
	fi, _ := os.Stat(path)
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("kept file mode = %v", fi.Mode())
	}
}

func TestShowAndVersion(t *testing.T) {
	e := newEnv(t)
	r := e.mustRun("show", "today")
	if !strings.Contains(r.err, "No journal yet") || r.out != "" {
		t.Errorf("show on no journal: %q %q", r.out, r.err)
	}
	if _, err := os.Stat(e.db); !os.IsNotExist(err) {
		t.Error("show created the journal")
	}
	if r := e.mustRun("show", "today", "--json"); r.out != "[]\n" {
		t.Errorf("show --json on no journal = %q", r.out)
	}
	r = e.mustRun("--version")
	if !strings.HasPrefix(r.out, "reflect ") {
		t.Errorf("--version = %q", r.out)
	}
}
