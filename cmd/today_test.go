package cmd

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/prompts"
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
		{"show with two dates", []string{"show", "today", "yesterday"}, `takes at most one DATE`},
		{"answers from a folder", []string{"today", "--answers", dir}, `is a folder, not a file`},
		{"show bad date", []string{"show", "2026-02-30"}, `is not a date`},
		{"unknown theme", []string{"prompts", "--theme", "weather"}, `--theme: unknown theme "weather"`},
		{"unknown theme in log", []string{"log", "--theme", "weather"}, `--theme: unknown theme "weather"`},
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
	if r := e.mustRun("show", "today"); !strings.Contains(r.err, "kept as a draft. To pick it up, run: reflect today --db "+e.db+"\n") {
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
	e.asker = &fakeAsker{t: t, confirms: []bool{false}}
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
	// Declined, the draft's words join the entry, and the evening goes on
	// as a later run of the day: the mood is not asked again.
	e.asker = &fakeAsker{t: t, confirms: []bool{false, false}}
	e.mustRun("today")
	got := e.showJSON("today")[0].Answers
	if len(got) != 7 || got[0].Answer != "2" || got[1].PromptID != "setback-check" || got[6].PromptID != prompts.FreeNoteID {
		t.Fatalf("answers = %+v, want the draft's mood, the rest of the evening and a note", got)
	}
	if e.asker.wasAsked("mood") {
		t.Error("the mood was asked again")
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
	if len(e.asker.asked) != 4 || e.asker.asked[0] != "mood" || e.asker.asked[2] != "next-step" || e.asker.asked[3] != prompts.FreeNoteID {
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
	e.asker = &fakeAsker{t: t, confirms: []bool{false}, before: func(id string) {
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
	path, _, ok := strings.Cut(r.err[i+len("Your answers are kept in "):], ", in plain text; 'reflect import ")
	if !ok {
		t.Fatalf("stderr does not say the file is plain text, or how to bring it back: %q", r.err)
	}
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

func TestTodayResumeReopensTheCutAnswer(t *testing.T) {
	e := newEnv(t)
	e.tty = true
	e.asker = &fakeAsker{t: t, answers: map[string]string{"mood": "4", "setback-check": "yes", "setback-what": "The demo\ncrash"}, interruptAt: "setback-what"}
	if r := e.run("today"); r.code != 130 {
		t.Fatalf("exit %d, want 130; stderr %q", r.code, r.err)
	}

	e.asker = &fakeAsker{t: t, confirms: []bool{true}, continued: map[string]string{"setback-what": "The demo\ncrashed in front of the client."}}
	r := e.mustRun("today")
	if e.asker.asked[0] != "continue setback-what" || e.asker.given["setback-what"] != "The demo\ncrash" {
		t.Fatalf("asked %v, given %q: want the cut answer put again first, with its text", e.asker.asked, e.asker.given)
	}
	if e.asker.wasAsked("setback-what") || e.asker.wasAsked("mood") {
		t.Errorf("the resumed evening asked again: %v", e.asker.asked)
	}
	so := strings.Index(r.err, "Your answers so far:\n  How are you feeling tonight?  4 of 5\n  Did anything not go the way you planned today?  yes\n")
	if so < 0 || strings.Contains(r.err, "The demo") {
		t.Errorf("stderr = %q, want the answers so far without the cut one", r.err)
	}
	got := e.showJSON("today")[0].Answers
	if len(got) != 9 || got[2].PromptID != "setback-what" || got[2].Answer != "The demo\ncrashed in front of the client." {
		t.Fatalf("answers = %+v, want 9 with the finished answer in place", got)
	}
}

func TestTodayCutAgainWhileReopenedKeepsWhatIsThere(t *testing.T) {
	e := newEnv(t)
	e.tty = true
	e.asker = &fakeAsker{t: t, answers: map[string]string{"next-step": "Call"}, interruptAt: "next-step"}
	if r := e.run("today", "--quick"); r.code != 130 {
		t.Fatalf("exit %d", r.code)
	}
	e.asker = &fakeAsker{t: t, confirms: []bool{true}, continued: map[string]string{"next-step": "Call Sam about"}, interruptAt: "next-step"}
	if r := e.run("today"); r.code != 130 {
		t.Fatalf("exit %d at the reopened answer, want 130", r.code)
	}
	// Cut again: the longer text is kept, and is what is put again next;
	// then only the free note is left.
	e.asker = &fakeAsker{t: t, confirms: []bool{true}}
	e.mustRun("today")
	if e.asker.given["next-step"] != "Call Sam about" || len(e.asker.asked) != 2 || e.asker.asked[1] != prompts.FreeNoteID {
		t.Fatalf("the third run put %q again, and asked %v", e.asker.given["next-step"], e.asker.asked)
	}
	got := e.showJSON("today")[0].Answers
	if len(got) != 4 || got[2].PromptID != "next-step" || got[2].Answer != "Call Sam about" {
		t.Fatalf("answers = %+v", got)
	}
}

func TestTodayOldDraftResumesAsBefore(t *testing.T) {
	e := newEnv(t)
	e.stdin = `{"mood": 3}`
	e.mustRun("today", "--answers", "-") // makes the journal
	db, err := bolt.Open(e.db, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	// A draft as an earlier reflect kept it: no "cut".
	old := `{"date":"2026-11-19","started_at":"2026-11-19T21:00:00+01:00","updated_at":"2026-11-19T21:05:00+01:00",` +
		`"answers":[{"prompt_id":"mood","theme":"mood","question":"How are you feeling tonight?","answer":"2"}]}`
	err = db.Update(func(tx *bolt.Tx) error { return tx.Bucket([]byte("drafts")).Put([]byte("2026-11-19"), []byte(old)) })
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	e.tty = true
	e.asker = &fakeAsker{t: t, confirms: []bool{true}}
	e.mustRun("today", "--date", "2026-11-19")
	if e.asker.wasAsked("mood") || e.asker.asked[0] != "setback-check" {
		t.Fatalf("an old draft resumed by asking %v", e.asker.asked)
	}
	if got := e.showJSON("2026-11-19")[0].Answers; got[0].Answer != "2" || len(got) != 7 || got[6].PromptID != prompts.FreeNoteID {
		t.Fatalf("answers = %+v", got)
	}
}

func TestResumeHintsNameTheCommand(t *testing.T) {
	e := newEnv(t)
	e.tty = true
	e.asker = &fakeAsker{t: t, interruptAt: "setback-check"}
	r := e.run("today", "--date", "thu")
	want := "To pick up where you left off, run: reflect today --date 2026-11-19 --db " + e.db + "\n"
	if r.code != 130 || !strings.HasSuffix(r.err, want) {
		t.Fatalf("exit %d, stderr %q; want the hint %q", r.code, r.err, want)
	}
	r = e.mustRun("show", "thu")
	if !strings.Contains(r.err, "An unfinished reflection for Thursday 19 November 2026 is kept as a draft. To pick it up, run: reflect today --date 2026-11-19 --db "+e.db+"\n") {
		t.Errorf("show thu: stderr %q", r.err)
	}
	// Interrupted again at the question whether to resume.
	e.asker = &fakeAsker{t: t, interruptAt: "setback-check", confirms: []bool{true}}
	r = e.run("today", "--date", "2026-11-19")
	if r.code != 130 || !strings.HasSuffix(r.err, want) {
		t.Errorf("exit %d, stderr %q", r.code, r.err)
	}
}

func TestTodayCommand(t *testing.T) {
	app := &App{Now: func() time.Time { return fixedNow }}
	today, thu := journal.NewDay(2026, 11, 20), journal.NewDay(2026, 11, 19)
	tests := []struct {
		db   string
		day  journal.Day
		want string
	}{
		{"", today, "reflect today"},
		{"", thu, "reflect today --date 2026-11-19"},
		{"/home/sam/j.db", today, "reflect today --db /home/sam/j.db"},
		{"/home/sam/my journal.db", thu, "reflect today --date 2026-11-19 --db '/home/sam/my journal.db'"},
		{"Sam's.db", today, `reflect today --db 'Sam'\''s.db'`},
		{"~/j.db", today, "reflect today --db '~/j.db'"},
		{"a\x1b]52;c;eA==\x07\u202e.db", today, `reflect today --db $'a\x1b]52;c;eA==\x07\u202e.db'`},
		{"it's\n\xff", today, `reflect today --db $'it\'s\x0a\xff'`},
	}
	for _, tt := range tests {
		app.DBFlag = tt.db
		if got := todayCommand(app, tt.day); got != tt.want {
			t.Errorf("todayCommand(%q, %s) = %q, want %q", tt.db, tt.day, got, tt.want)
		}
	}
}

func TestTodaySecondRunAsksOnlyWhatTheDayLacks(t *testing.T) {
	e := newEnv(t)
	e.stdin = `{"mood": 4, "setback-check": false, "next-step": "Call Sam"}`
	e.mustRun("today", "--answers", "-")
	e.tty = true
	e.asker = &fakeAsker{t: t, confirms: []bool{false}, answers: map[string]string{prompts.FreeNoteID: "A quiet evening."}}
	r := e.mustRun("today")
	for _, id := range []string{"mood", "setback-check", "next-step", "setback-what"} {
		if e.asker.wasAsked(id) {
			t.Errorf("asked %s again: %v", id, e.asker.asked)
		}
	}
	asked := e.asker.asked
	if len(asked) != 4 || asked[3] != prompts.FreeNoteID {
		t.Errorf("asked %v, want the stretch, the win, the rotating question and a note", asked)
	}
	if !strings.Contains(r.err, "already (3 answers):\n  How are you feeling tonight?  4 of 5\n  Did anything not go the way you planned today?  no\n  What is one small step you will take tomorrow?  Call Sam\n") {
		t.Errorf("stderr does not show what is saved: %q", r.err)
	}
	if !strings.Contains(r.out, "4 answers (7 in all)") {
		t.Errorf("stdout = %q", r.out)
	}
	got := e.showJSON("today")[0].Answers
	if len(got) != 7 || got[0].Answer != "4" || got[2].Answer != "Call Sam" || got[6].Answer != "A quiet evening." {
		t.Fatalf("answers = %+v", got)
	}

	// Nothing is left: only the note, and a skipped note adds nothing.
	e.asker = &fakeAsker{t: t, confirms: []bool{false}, answers: map[string]string{prompts.FreeNoteID: ""}}
	r = e.mustRun("today")
	if len(e.asker.asked) != 1 || e.asker.asked[0] != prompts.FreeNoteID {
		t.Errorf("a day with nothing left asked %v, want only the note", e.asker.asked)
	}
	if r.out != "\nNothing added to Friday 20 November.\n" {
		t.Errorf("stdout = %q", r.out)
	}
	if got := e.showJSON("today")[0].Answers; len(got) != 7 {
		t.Errorf("%d answers after adding nothing", len(got))
	}
}

func TestTodaySecondQuickRun(t *testing.T) {
	e := newEnv(t)
	e.stdin = `{"mood": 4}`
	e.mustRun("today", "--answers", "-")
	e.tty = true
	e.asker = &fakeAsker{t: t, confirms: []bool{false}}
	e.mustRun("today", "--quick")
	if a := e.asker.asked; len(a) != 3 || a[0] == "mood" || a[1] != "next-step" || a[2] != prompts.FreeNoteID {
		t.Errorf("a second quick run asked %v, want the win, the next step and a note", a)
	}
}

// Answering a saved question again keeps both answers, the new one after;
// the latest mood of a day is the one that counts in stats and exports.
func TestTodayAnsweringAgainKeepsTheEarlierAnswer(t *testing.T) {
	e := newEnv(t)
	e.stdin = `{"mood": 4, "setback-check": false}`
	e.mustRun("today", "--answers", "-")
	e.tty = true
	e.asker = &fakeAsker{t: t, confirms: []bool{true}, chooses: []int{0}, answers: map[string]string{"mood": "2"}}
	e.mustRun("today")
	if want := []string{"How are you feeling tonight?", "Did anything not go the way you planned today?"}; !slices.Equal(e.asker.choices[0], want) {
		t.Errorf("offered %q, want the saved questions %q", e.asker.choices[0], want)
	}
	if e.asker.asked[0] != "mood" || e.asker.wasAsked("setback-check") {
		t.Errorf("asked %v, want the mood again, then what the day lacks", e.asker.asked)
	}
	got := e.showJSON("today")[0].Answers
	var moods []string
	for _, a := range got {
		if a.PromptID == "mood" {
			moods = append(moods, a.Answer)
		}
	}
	if !slices.Equal(moods, []string{"4", "2"}) || got[0].Answer != "4" {
		t.Fatalf("moods = %v in %+v, want the earlier one kept and the new one after", moods, got)
	}
	if out := e.mustRun("show", "today").out; strings.Count(out, "How are you feeling tonight?") != 2 {
		t.Errorf("show lists the mood %d times:\n%s", strings.Count(out, "How are you feeling tonight?"), out)
	}
	var stats journal.Stats
	if err := json.Unmarshal([]byte(e.mustRun("stats", "--json").out), &stats); err != nil {
		t.Fatal(err)
	}
	if last := stats.MoodByWeek[len(stats.MoodByWeek)-1]; last.Average == nil || *last.Average != 2 {
		t.Errorf("stats: this week's mood = %v, want the latest, 2", last.Average)
	}
	if out := e.mustRun("export").out; !strings.Contains(out, "\nmood: 2.0\n") {
		t.Errorf("export does not count the latest mood:\n%s", out)
	}
}

// A question chosen to answer again is still asked after an interruption.
func TestTodayAnswerAgainSurvivesAnInterruption(t *testing.T) {
	e := newEnv(t)
	e.stdin = `{"mood": 4, "setback-check": false, "next-step": "Call Sam"}`
	e.mustRun("today", "--answers", "-")
	var plan prompts.Plan
	if err := json.Unmarshal([]byte(e.mustRun("prompts", "plan", "--json").out), &plan); err != nil {
		t.Fatal(err)
	}
	win := plan.Steps[slices.IndexFunc(plan.Steps, func(s prompts.Step) bool { return s.Prompt.Theme == prompts.ThemeSmallWins })].Prompt.ID
	e.tty = true
	e.asker = &fakeAsker{t: t, confirms: []bool{true}, chooses: []int{2}, interruptAt: win}
	if r := e.run("today"); r.code != 130 {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	if got := e.asker.choices[0]; len(got) != 3 || got[2] != "What is one small step you will take tomorrow?" {
		t.Fatalf("offered %q", got)
	}
	e.asker = &fakeAsker{t: t, confirms: []bool{true}, answers: map[string]string{"next-step": "Call Sam, really"}}
	e.mustRun("today")
	if !e.asker.wasAsked("next-step") {
		t.Fatalf("resumed, the question chosen again was not asked: %v", e.asker.asked)
	}
	got := e.showJSON("today")[0].Answers
	if got[2].Answer != "Call Sam" || !slices.ContainsFunc(got[3:], func(a journal.Answer) bool { return a.Answer == "Call Sam, really" }) {
		t.Fatalf("answers = %+v", got)
	}
}

// What a second run shows of the day is made safe for the terminal.
func TestTodaySecondRunShowsSavedAnswersSafely(t *testing.T) {
	e := newEnv(t)
	e.stdin = `{"mood": 4, "next-step": "\u001b]52;c;SGVsbG8=\u0007Call\nSam"}`
	e.mustRun("today", "--answers", "-")
	e.tty = true
	e.asker = &fakeAsker{t: t, confirms: []bool{false}}
	r := e.mustRun("today")
	if strings.ContainsAny(r.err, "\x1b\x07") || !strings.Contains(r.err, `  What is one small step you will take tomorrow?  \x1b]52;c;SGVsbG8=\x07Call S…`+"\n") {
		t.Errorf("stderr = %q", r.err)
	}
}

// TestSeveralHeavyEvenings: an evening that is heavy, when 3 of the last 5
// were, ends with one quiet line pointing at 'reflect help support'; a
// light one, or the first heavy ones, do not.
func TestSeveralHeavyEvenings(t *testing.T) {
	e := newEnv(t) // the clock says Friday 20 November 2026
	for date, mood := range map[string]string{"2026-11-16": "1", "2026-11-17": "4", "2026-11-18": "1"} {
		e.stdin = `{"mood": ` + mood + `}`
		e.mustRun("today", "--answers", "-", "--date", date)
	}
	e.tty = true
	e.asker = &fakeAsker{t: t, answers: map[string]string{"mood": "3"}}
	if r := e.mustRun("today", "--date", "2026-11-19"); strings.Contains(r.out, "help support") {
		t.Errorf("a light evening after two heavy ones:\n%s", r.out)
	}
	e.asker = &fakeAsker{t: t, answers: map[string]string{"mood": "1"}}
	r := e.mustRun("today")
	if !strings.HasSuffix(r.out, "\n"+journal.Support+"\n") {
		t.Errorf("a third heavy evening of the last five:\n%s", r.out)
	}
	if out := e.mustRun("help", "support").out; !strings.Contains(out, "a friend") || !strings.Contains(out, "emergency") {
		t.Errorf("reflect help support:\n%s", out)
	}
}
