//go:build linux

package main

// End-to-end tests: build the real binary and answer its prompts in a
// pseudo-terminal, as a person would. go-expect drives the terminal; vt10x
// emulates it, answering survey's questions about the cursor.

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	expect "github.com/Netflix/go-expect"
	"github.com/creack/pty"
	"github.com/hinshun/vt10x"
	bolt "go.etcd.io/bbolt"
	"golang.org/x/sys/unix"

	"github.com/reflect-cli/reflect/storage/storagetest"
)

// binary is the reflect built for these tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "reflect-e2e-")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "reflect")
	args := []string{"build", "-o", binary}
	if raceEnabled {
		args = append(args, "-race")
	}
	build := exec.Command("go", append(args, ".")...)
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		os.RemoveAll(dir)
		panic("building reflect: " + err.Error())
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// timeout is how long a test waits for what it expects: generous, since the
// machines running it are shared and sometimes slow.
const timeout = 20 * time.Second

// session is one run of reflect in a pseudo-terminal.
type session struct {
	t       *testing.T
	c       *expect.Console
	vt      vt10x.Terminal
	cmd     *exec.Cmd
	before  *unix.Termios
	waited  chan struct{}
	exitErr error
}

// env is the environment of every run: a journal in the test's folder, a
// fixed time zone, no color. A binary built with -race would otherwise wait
// a second before exiting.
func env(db string) []string {
	return []string{"REFLECT_DB=" + db, "HOME=" + filepath.Dir(db), "TZ=UTC", "NO_COLOR=1", "TERM=xterm",
		"PATH=" + os.Getenv("PATH"), "GORACE=atexit_sleep_ms=0"}
}

func start(t *testing.T, db string, args ...string) *session {
	t.Helper()
	return startWith(t, db, nil, args...)
}

// startWith starts reflect in a pseudo-terminal with extra environment.
func startWith(t *testing.T, db string, extraEnv []string, args ...string) *session {
	t.Helper()
	return startSized(t, db, 100, 40, extraEnv, args...)
}

// startSized starts reflect in a pseudo-terminal of cols columns and rows
// rows.
func startSized(t *testing.T, db string, cols, rows int, extraEnv []string, args ...string) *session {
	t.Helper()
	ptm, pts, err := pty.Open() // the emulator's answers to survey come in here
	if err != nil {
		t.Fatal(err)
	}
	vt := vt10x.New(vt10x.WithWriter(pts), vt10x.WithSize(cols, rows))
	c, err := expect.NewConsole(expect.WithStdin(ptm), expect.WithStdout(vt), expect.WithCloser(ptm, pts),
		expect.WithDefaultTimeout(timeout))
	if err != nil {
		t.Fatal(err)
	}
	if err := pty.Setsize(c.Tty(), &pty.Winsize{Rows: uint16(rows), Cols: uint16(cols)}); err != nil {
		t.Fatal(err)
	}
	before, err := unix.IoctlGetTermios(int(c.Tty().Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(binary, args...)
	cmd.Env = append(env(db), extraEnv...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = c.Tty(), c.Tty(), c.Tty()
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &session{t: t, c: c, vt: vt, cmd: cmd, before: before, waited: make(chan struct{})}
	go func() {
		s.exitErr = cmd.Wait()
		close(s.waited)
	}()
	t.Cleanup(func() {
		select {
		case <-s.waited:
		default:
			_ = cmd.Process.Kill()
			<-s.waited
		}
		c.Close()
	})
	return s
}

// expect waits for text on the screen's stream, failing the test at once
// (with the screen) when it does not come.
func (s *session) expect(text string) {
	s.t.Helper()
	if _, err := s.c.ExpectString(text); err != nil {
		s.t.Fatalf("waiting for %q: %v\nscreen:\n%s", text, err, s.vt.String())
	}
}

func (s *session) send(keys string) {
	s.t.Helper()
	if _, err := s.c.Send(keys); err != nil {
		s.t.Fatalf("sending %q: %v", keys, err)
	}
}

const (
	enter = "\r"
	up    = "\x1b[A"
	down  = "\x1b[B"
	ctrlC = "\x03"
)

// expectSaved waits for the confirmation of a save of Friday 20 November,
// which names the year only when the test runs in another year.
func (s *session) expectSaved(rest string) {
	s.t.Helper()
	pattern := `Saved Friday 20 November( 2026)?: ` + regexp.QuoteMeta(rest)
	if _, err := s.c.Expect(expect.RegexpPattern(pattern)); err != nil {
		s.t.Fatalf("waiting for %q: %v\nscreen:\n%s", pattern, err, s.vt.String())
	}
}

// answerText types a one-line answer.
func (s *session) answerText(question, text string) {
	s.t.Helper()
	s.expect(question)
	s.send(text + enter)
}

// finishSkipping skips each question left in the evening (Enter) until
// the evening ends: its questions may grow, and what is asked is not what
// the test is about.
func (s *session) finishSkipping() {
	s.t.Helper()
	for range 10 {
		// A question says "(Enter skips)", or the form of answer it
		// invites ("(When …, I will …)"), or, for a long answer, that an
		// empty line ends it.
		skips := []string{"(Enter skips)", ", I will …)", "(an empty line ends it)"}
		got, err := s.c.Expect(expect.String(skips[0]), expect.String(skips[1]), expect.String(skips[2]), expect.String("Saved "), expect.String("are kept in "))
		if err != nil {
			s.t.Fatalf("waiting for a question or the end: %v\nscreen:\n%s", err, s.vt.String())
		}
		if !slices.ContainsFunc(skips, func(skip string) bool { return strings.HasSuffix(got, skip) }) {
			return
		}
		s.send(enter)
	}
	s.t.Fatalf("more than 10 questions to skip\nscreen:\n%s", s.vt.String())
}

// answerLong types a long answer of several lines and ends it.
func (s *session) answerLong(question string, lines ...string) {
	s.t.Helper()
	s.expect(question)
	s.expect("(an empty line ends it)")
	for _, l := range lines {
		s.send(l + enter)
	}
	s.send(enter)
}

// wait waits for the process to end and returns its exit status; it also
// checks that the terminal is left as it was found. While it waits it keeps
// reading the terminal, as survey's own tests do: survey asks the terminal
// where the cursor is, and the emulator can only answer what it reads.
func (s *session) wait() int {
	s.t.Helper()
	drained := make(chan struct{})
	go func() {
		defer close(drained)
		_, _ = s.c.ExpectEOF()
	}()
	select {
	case <-s.waited:
	case <-time.After(timeout):
		s.t.Fatalf("reflect did not exit\nscreen:\n%s", s.vt.String())
	}
	after, err := unix.IoctlGetTermios(int(s.c.Tty().Fd()), unix.TCGETS)
	if err != nil {
		s.t.Fatal(err)
	}
	if after.Lflag != s.before.Lflag || after.Iflag != s.before.Iflag || after.Oflag != s.before.Oflag {
		s.t.Errorf("the terminal was not restored: lflag %#x → %#x, iflag %#x → %#x",
			s.before.Lflag, after.Lflag, s.before.Iflag, after.Iflag)
	}
	s.c.Tty().Close() // the reader above now sees the end
	<-drained
	var exit *exec.ExitError
	if errors.As(s.exitErr, &exit) {
		return exit.ExitCode()
	}
	if s.exitErr != nil {
		s.t.Fatal(s.exitErr)
	}
	return 0
}

// entry is an entry in the contract's JSON form.
type entry struct {
	Date    string `json:"date"`
	Answers []struct {
		PromptID  string `json:"prompt_id"`
		Question  string `json:"question"`
		Answer    string `json:"answer"`
		FollowsUp *struct {
			Date     string `json:"date"`
			PromptID string `json:"prompt_id"`
		} `json:"follows_up"`
	} `json:"answers"`
}

// show runs 'reflect show DATE --json' without a terminal.
func show(t *testing.T, db, date string) []entry {
	t.Helper()
	cmd := exec.Command(binary, "show", date, "--json")
	cmd.Env = env(db)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("show: %v", err)
	}
	var entries []entry
	if err := json.Unmarshal(out, &entries); err != nil {
		t.Fatalf("show printed %q: %v", out, err)
	}
	return entries
}

func answersOf(entries []entry) map[string]string {
	m := map[string]string{}
	for _, e := range entries {
		for _, a := range e.Answers {
			m[a.PromptID] = a.Answer
		}
	}
	return m
}

// step is one prompt of a plan, as 'reflect prompts plan --json' gives it.
type step struct {
	ID, Question, Kind, When, Hint string
	Unless                         []string
}

// path is a way through an evening: a setback or not, and heavy (the mood
// at 1, or a setback that weighs) or not. These tests follow up no step.
type path struct{ setback, heavy bool }

var (
	setbackPath = path{setback: true}
	calmPath    = path{}
)

// holds reports whether a plan's condition, such as "setback" or
// "setback+light", holds on p.
func (p path) holds(when string) bool {
	for _, part := range strings.Split(when, "+") {
		ok := true
		switch part {
		case "setback":
			ok = p.setback
		case "no-setback":
			ok = !p.setback
		case "heavy":
			ok = p.heavy
		case "light":
			ok = !p.heavy
		case "not-done":
			ok = true // no step is followed up, so none was done
		}
		if !ok {
			return false
		}
	}
	return true
}

// on reports whether the step is asked on p.
func (st step) on(p path) bool {
	return p.holds(st.When) && !slices.ContainsFunc(st.Unless, p.holds)
}

// only returns the steps asked on p.
func only(steps []step, p path) []step {
	var out []step
	for _, st := range steps {
		if st.on(p) {
			out = append(out, st)
		}
	}
	return out
}

// planned returns the questions 'reflect prompts plan' lists for a date, by
// prompt id, so the tests follow the plan whatever it rotates to.
func planned(t *testing.T, db, date string) (steps []step) {
	t.Helper()
	cmd := exec.Command(binary, "prompts", "plan", "--date", date, "--json")
	cmd.Env = env(db)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	var plan struct {
		Steps []struct {
			Prompt struct{ ID, Question, Kind, Hint string }
			When   string
			Unless []string
		}
	}
	if err := json.Unmarshal(out, &plan); err != nil {
		t.Fatal(err)
	}
	for _, s := range plan.Steps {
		steps = append(steps, step{s.Prompt.ID, s.Prompt.Question, s.Prompt.Kind, s.When, s.Prompt.Hint, s.Unless})
	}
	return steps
}

const day = "2026-11-20"

// answerPlan answers every step of the plan on the chosen path, each by its
// kind, and returns what it typed by prompt id. On a heavy path without a
// setback the mood is 1; a heavy setback weighs.
func (s *session) answerPlan(steps []step, p path) map[string]string {
	s.t.Helper()
	typed := map[string]string{}
	for _, st := range only(steps, p) {
		switch {
		case st.ID == "mood" && p.heavy && !p.setback:
			s.expect(st.Question)
			s.send(up + up + enter) // from the default 3 to 1
			typed[st.ID] = "1"
			continue
		case st.ID == "setback-check":
			s.expect(st.Question)
			switch {
			case p.setback && p.heavy:
				s.send(down + down + enter)
				typed[st.ID] = "yes, and it weighs on me"
			case p.setback:
				s.send(down + enter)
				typed[st.ID] = "yes"
			default:
				s.send(enter)
				typed[st.ID] = "no"
			}
			continue
		}
		switch st.Kind {
		case "scale":
			s.expect(st.Question)
			s.send(down + enter) // from the default 3 to 4
			typed[st.ID] = "4"
		case "choice": // a follow-up: done, partly or not yet
			s.expect(st.Question)
			s.send(down + enter)
			typed[st.ID] = "partly"
		case "yesno":
			s.expect(st.Question)
			s.send("y" + enter)
			typed[st.ID] = "yes"
		case "long":
			s.answerLong(st.Question, "first line of "+st.ID, "second line, ünïcode ✓")
			typed[st.ID] = "first line of " + st.ID + "\nsecond line, ünïcode ✓"
		default:
			s.answerText(st.Question, "answer to "+st.ID)
			typed[st.ID] = "answer to " + st.ID
		}
	}
	return typed
}

func TestEveningWithASetback(t *testing.T) {
	db := filepath.Join(t.TempDir(), "journal.db")
	steps := planned(t, db, day)
	s := start(t, db, "today", "--date", day)
	typed := s.answerPlan(steps, setbackPath)
	s.expectSaved("9 answers.")
	if code := s.wait(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	got := answersOf(show(t, db, day))
	if len(got) != 9 {
		t.Fatalf("show has %d answers, want 9: %v", len(got), got)
	}
	for id, want := range typed {
		if got[id] != want {
			t.Errorf("%s: saved %q, typed %q", id, got[id], want)
		}
	}
	fi, err := os.Stat(db)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("journal mode = %v (%v), want 0600", fi.Mode(), err)
	}
}

// TestHeavyEvenings: with the mood at 1, or a setback that weighs, the
// setback's chain gives way to the gentler path (what happened, plainly;
// others who have been there; what you would say to a friend), no lesson
// is asked for, and the free note still closes the evening.
func TestHeavyEvenings(t *testing.T) {
	for _, tt := range []struct {
		name string
		p    path
	}{{"the mood at 1", path{heavy: true}}, {"a setback that weighs", path{setback: true, heavy: true}}} {
		t.Run(tt.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "journal.db")
			steps := planned(t, db, day)
			asked := only(steps, tt.p)
			var ids []string
			for _, st := range asked {
				ids = append(ids, st.ID)
			}
			for _, id := range []string{"heavy-plain", "heavy-shared", "kind-friend"} {
				if !slices.Contains(ids, id) {
					t.Fatalf("the heavy path %v lacks %s", ids, id)
				}
			}
			if slices.Contains(ids, "setback-lesson") || ids[len(ids)-1] != "free-write" {
				t.Fatalf("the heavy path %v asks for the lesson, or does not end with the free note", ids)
			}
			s := start(t, db, "today", "--date", day)
			typed := s.answerPlan(steps, tt.p)
			s.expectSaved(fmt.Sprintf("%d answers.", len(asked)))
			if code := s.wait(); code != 0 {
				t.Fatalf("exit %d", code)
			}
			entries := show(t, db, day)
			if len(entries) != 1 || len(entries[0].Answers) != len(asked) {
				t.Fatalf("saved %+v, want the %d answers of %v", entries, len(asked), ids)
			}
			for i, a := range entries[0].Answers {
				if a.PromptID != ids[i] || a.Answer != typed[a.PromptID] {
					t.Errorf("answer %d: %s %q, want %s %q", i, a.PromptID, a.Answer, ids[i], typed[ids[i]])
				}
			}
		})
	}
}

// startAtSetbackCheck starts an evening on a new journal, answers the mood
// with 4, and waits at the setback check.
func startAtSetbackCheck(t *testing.T, extraEnv []string, extraArgs ...string) (db string, steps []step, s *session) {
	t.Helper()
	db = filepath.Join(t.TempDir(), "journal.db")
	steps = planned(t, db, day)
	s = startWith(t, db, extraEnv, append([]string{"today", "--date", day}, extraArgs...)...)
	s.expect(steps[0].Question)
	s.send(down + enter)
	s.expect(steps[1].Question)
	return db, steps, s
}

// Ctrl-C halfway through a long answer keeps a draft; the next run shows the
// answers so far and puts the cut answer again, its text ready to finish.
func TestCtrlCKeepsADraftAndResumes(t *testing.T) {
	db, steps, s := startAtSetbackCheck(t, nil)
	s.send(down + enter)        // yes
	s.expect(steps[2].Question) // a long answer, interrupted halfway
	s.expect("(an empty line ends it)")
	s.send("The demo crashed" + enter)
	s.send("and I fro")
	s.send(ctrlC)
	s.expect("kept as a draft")
	s.expect("To pick up where you left off, run: reflect today --date " + day)
	if code := s.wait(); code != 130 {
		t.Fatalf("exit %d, want 130", code)
	}
	if got := show(t, db, day); len(got) != 0 {
		t.Fatalf("an interrupted evening made an entry: %+v", got)
	}

	s = resume(t, db, 3)
	s.expect("Your answers so far:")
	s.expect(steps[0].Question + "  4 of 5")
	s.expect(steps[1].Question + "  yes")
	s.expect(steps[2].Question)
	s.expect("(an empty line ends it)")
	s.expect("The demo crashed")
	s.expect("and I fro")
	s.send("ze." + enter + enter) // finishes the line, then the answer
	s.answerPlan(steps[3:], setbackPath)
	s.expectSaved("9 answers.")
	if code := s.wait(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	entries := show(t, db, day)
	got := answersOf(entries)
	if got["mood"] != "4" || got["setback-check"] != "yes" || got["setback-what"] != "The demo crashed\nand I froze." {
		t.Fatalf("the draft's answers were not kept: %v", got)
	}
	if n := len(entries[0].Answers); n != 9 {
		t.Fatalf("%d answers after resuming, want 9 (the finished answer in place of the cut one)", n)
	}
}

// resume starts the evening of day again and picks up its draft of n
// answers.
func resume(t *testing.T, db string, n int) *session {
	t.Helper()
	s := start(t, db, "today", "--date", day)
	s.expect(fmt.Sprintf("(%d answers)?", n))
	s.send("y" + enter)
	return s
}

// A cut short answer is put again with its text ready to edit; Ctrl-C
// there keeps what is on the line, and Enter keeps it as it is.
func TestCutShortAnswerIsReopenedToEdit(t *testing.T) {
	db, steps, s := startAtSetbackCheck(t, nil)
	s.send(enter) // no
	stretch := steps[slices.IndexFunc(steps, func(st step) bool { return st.When == "no-setback" })]
	s.expect(stretch.Question)
	s.send("Spoke up at the standupp")
	s.send(ctrlC)
	if code := s.wait(); code != 130 {
		t.Fatalf("exit %d, want 130", code)
	}

	s = resume(t, db, 3)
	s.expect("(Enter keeps it)")
	s.expect("Spoke up at the standupp")
	s.send("\x7f" + " meeting") // a typo mended, a word added
	s.send(ctrlC)
	if code := s.wait(); code != 130 {
		t.Fatalf("exit %d at the reopened answer, want 130", code)
	}

	s = resume(t, db, 3)
	s.expect("Spoke up at the standup meeting")
	s.send(enter)
	var rest []step
	for _, st := range only(steps[2:], calmPath) {
		if st.ID != stretch.ID {
			rest = append(rest, st)
		}
	}
	s.answerPlan(rest, calmPath)
	s.expectSaved("7 answers.")
	if code := s.wait(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if got := answersOf(show(t, db, day))[stretch.ID]; got != "Spoke up at the standup meeting" {
		t.Fatalf("the reopened answer was saved as %q", got)
	}
}

// Keys typed ahead, before the next question shows, or several answers
// pasted at once, reach the questions they were meant for.
func TestTypingAhead(t *testing.T) {
	db, steps, s := startAtSetbackCheck(t, nil)
	calm := only(steps[2:], calmPath)
	// "no" typed filters the setback check's list to its first option.
	s.send("no" + enter + "stretched a bit" + enter + "a win" + enter)
	for _, st := range calm[2:] {
		if st.Kind == "long" {
			s.answerLong(st.Question, "answer to "+st.ID)
		} else {
			s.answerText(st.Question, "answer to "+st.ID)
		}
	}
	s.expectSaved("7 answers.")
	if code := s.wait(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	got := answersOf(show(t, db, day))
	if got[calm[0].ID] != "stretched a bit" || got[calm[1].ID] != "a win" {
		t.Fatalf("typed-ahead answers went astray: %v", got)
	}
}

// A long answer pasted in whole keeps its paragraphs: an empty line inside
// a paste does not end the answer.
func TestPastedLongAnswerKeepsItsParagraphs(t *testing.T) {
	db, steps, s := startAtSetbackCheck(t, nil)
	s.send(down + enter) // yes
	s.expect(steps[2].Question)
	s.expect("(an empty line ends it)")
	s.send("First paragraph." + enter + enter + "Second paragraph," + enter + "two lines." + enter)
	s.expect("two lines.")
	s.send(enter) // typed, after the paste: ends the answer
	s.answerPlan(steps[3:], setbackPath)
	s.expectSaved("9 answers.")
	if code := s.wait(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	want := "First paragraph.\n\nSecond paragraph,\ntwo lines."
	if got := answersOf(show(t, db, day))[steps[2].ID]; got != want {
		t.Fatalf("pasted answer saved as %q, want %q", got, want)
	}
}

// A second evening on a day shows what is saved, asks only what the day
// lacks and a free note; a question answered again keeps the earlier answer.
func TestSecondEveningOnTheSameDayAddsToIt(t *testing.T) {
	db := filepath.Join(t.TempDir(), "journal.db")
	steps := planned(t, db, day)
	s := start(t, db, "today", "--date", day)
	s.answerPlan(steps, calmPath)
	s.expectSaved("7 answers.")
	if code := s.wait(); code != 0 {
		t.Fatalf("first run: exit %d", code)
	}

	s = start(t, db, "today", "--date", day)
	s.expect("already (7 answers):")
	s.expect(steps[0].Question + "  4 of 5")
	s.expect("Answer one of them again?")
	s.send(enter) // no, the default
	s.answerLong("Anything else on your mind?", "Slept on it.")
	s.expectSaved("1 answer (8 in all).")
	if code := s.wait(); code != 0 {
		t.Fatalf("second run: exit %d", code)
	}

	s = start(t, db, "today", "--date", day)
	s.expect("Answer one of them again?")
	s.send("y" + enter)
	s.expect("Which one?")
	s.send(enter) // the first: the mood
	s.expect(steps[0].Question)
	s.send(down + down + enter) // 5
	s.expect("Anything else on your mind?")
	s.send(enter) // no note
	s.expectSaved("1 answer (9 in all).")
	if code := s.wait(); code != 0 {
		t.Fatalf("third run: exit %d", code)
	}
	entries := show(t, db, day)
	if len(entries) != 1 || len(entries[0].Answers) != 9 {
		t.Fatalf("after three runs: %+v", entries)
	}
	var moods []string
	for _, a := range entries[0].Answers {
		if a.PromptID == "mood" {
			moods = append(moods, a.Answer)
		}
	}
	if !slices.Equal(moods, []string{"4", "5"}) {
		t.Fatalf("moods %v, want the first kept and the new one after it", moods)
	}
}

// Ctrl-C at a prompt, a terminal window that closes (SIGHUP) or a shutdown
// (SIGTERM) keeps the answers as a draft that the next run offers to resume.
// (Closing the test's side of the pty does not reliably hang it up here,
// since the console keeps reading it; the test sends the signal the kernel
// would.)
func TestInterruptedEveningKeepsADraft(t *testing.T) {
	signal := func(sig syscall.Signal) func(*session) {
		return func(s *session) {
			if err := s.cmd.Process.Signal(sig); err != nil {
				s.t.Fatal(err)
			}
		}
	}
	tests := []struct {
		name      string
		interrupt func(*session)
		answered  int
		note      string
		resume    string
	}{
		{"ctrl-c", func(s *session) { s.send(ctrlC) }, 2, "your 2 answers are kept as a draft", "(2 answers)?"},
		{"SIGHUP", signal(syscall.SIGHUP), 2, "your 2 answers are kept as a draft", "(2 answers)?"},
		{"SIGTERM", signal(syscall.SIGTERM), 1, "your answer is kept as a draft", "(1 answer)?"},
		// A logout: SIGTERM and SIGHUP at once, in the middle of an answer.
		{"SIGTERM and SIGHUP", func(s *session) {
			s.send("half a thought")
			s.expect("half a thought")
			signal(syscall.SIGTERM)(s)
			signal(syscall.SIGHUP)(s)
		}, 2, "your 3 answers are kept as a draft", "(3 answers)?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, _, s := startAtSetbackCheck(t, nil)
			if tt.answered == 2 {
				s.send(enter)             // no
				s.expect("(Enter skips)") // the stretch prompt of an evening with no setback
			}
			tt.interrupt(s)
			s.expect(tt.note)
			if code := s.wait(); code != 130 {
				t.Fatalf("exit %d, want 130", code)
			}
			s = start(t, db, "today", "--date", day)
			s.expect(tt.resume)
			s.send(ctrlC)
			if code := s.wait(); code != 130 {
				t.Fatalf("exit %d at the resume question, want 130", code)
			}
		})
	}
}

func TestNoTerminalNeedsAnswers(t *testing.T) {
	db := filepath.Join(t.TempDir(), "journal.db")
	cmd := exec.Command(binary, "today")
	cmd.Env = env(db)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 {
		t.Fatalf("exit = %v, want 2", err)
	}
	if !strings.HasPrefix(stderr.String(), "reflect: ") || !strings.Contains(stderr.String(), "--answers") {
		t.Errorf("stderr = %q", stderr.String())
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Error("the journal was created")
	}
}

// run runs the binary without a terminal and returns its exit status and
// standard error.
func run(t *testing.T, db, stdin string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = env(db)
	cmd.Stdin = strings.NewReader(stdin)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode(), stderr.String()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, stderr.String()
}

func TestBusyJournalFromTheBinary(t *testing.T) {
	db := filepath.Join(t.TempDir(), "journal.db")
	if code, stderr := run(t, db, `{"mood": 3}`, "today", "--answers", "-"); code != 0 {
		t.Fatalf("first save: exit %d: %s", code, stderr)
	}
	holder, err := bolt.Open(db, 0o600, nil) // another process holds the journal
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	// The busy error and the exit status, not how fast they came: on a busy
	// machine giving up may take any time.
	code, stderr := run(t, db, `{"mood": 4}`, "today", "--answers", "-")
	if code != 1 || !strings.HasPrefix(stderr, "reflect: ") || !strings.Contains(stderr, "the journal is busy") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

func TestDamagedJournalFromTheBinary(t *testing.T) {
	db := filepath.Join(t.TempDir(), "journal.db")
	if code, stderr := run(t, db, `{"mood": 3, "win-small": "Shipped it"}`, "today", "--answers", "-"); code != 0 {
		t.Fatalf("first save: exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	size := storagetest.PageSize(data)
	for i := 2 * size; i < len(data); i += size { // scribble over every page past the headers
		copy(data[i:], "scribble scribble scribble")
	}
	if err := os.WriteFile(db, data, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"show", day}, {"today", "--answers", "-"}, {"log"}, {"export", "--week", day}, {"delete", day, "--yes"}} {
		code, stderr := run(t, db, `{"mood": 4}`, args...)
		if code != 1 || !strings.HasPrefix(stderr, "reflect: ") || strings.Contains(stderr, "goroutine") {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
	after, _ := os.ReadFile(db)
	if string(after) != string(data) {
		t.Fatal("the damaged journal was changed")
	}
}

// editorScript writes a stand-in for $EDITOR: a shell script that writes
// text into the file it is given, then exits with status.
func editorScript(t *testing.T, text string, status int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "editor.sh")
	script := fmt.Sprintf("#!/bin/sh\nprintf '%%s' '%s' > \"$1\"\nexit %d\n", text, status)
	if err := os.WriteFile(path, []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLongAnswersInTheEditor(t *testing.T) {
	db := filepath.Join(t.TempDir(), "journal.db")
	steps := planned(t, db, day)
	editor := editorScript(t, "written in the editor", 0)
	s := startWith(t, db, []string{"EDITOR=" + editor}, "today", "--editor", "--date", day)
	long := 0
	for _, st := range only(steps, setbackPath) {
		s.expect(st.Question)
		switch {
		case st.ID == "setback-check":
			s.send(down + enter) // yes
		case st.Kind == "scale":
			s.send(down + enter)
		case st.Kind == "yesno":
			s.send("y" + enter)
		case st.Kind == "long":
			long++ // the editor answers it
		default:
			s.send("typed" + enter)
		}
	}
	s.expectSaved("9 answers.")
	if code := s.wait(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	got := answersOf(show(t, db, day))
	for _, st := range only(steps, setbackPath) {
		if st.Kind == "long" && got[st.ID] != "written in the editor" {
			t.Errorf("%s = %q, want the editor's text", st.ID, got[st.ID])
		}
	}
	if long < 3 {
		t.Errorf("only %d long prompts went to the editor", long)
	}
}

func TestFailingEditorKeepsTheText(t *testing.T) {
	tmp := t.TempDir()
	editor := editorScript(t, "half a thought", 3)
	db, _, s := startAtSetbackCheck(t, []string{"EDITOR=" + editor, "TMPDIR=" + tmp}, "--editor")
	s.send(down + enter) // yes
	s.expect("what you wrote is kept in ")
	s.expect("Your answers so far (3) are kept as a draft.")
	if code := s.wait(); code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	kept, _ := filepath.Glob(filepath.Join(tmp, "reflect-answer-*.txt"))
	if len(kept) != 1 {
		t.Fatalf("kept files: %v, want the editor's one", kept)
	}
	if data, _ := os.ReadFile(kept[0]); string(data) != "half a thought" {
		t.Errorf("kept file holds %q", data)
	}
	if fi, _ := os.Stat(kept[0]); fi.Mode().Perm() != 0o600 {
		t.Errorf("kept file has mode %v, want 0600", fi.Mode())
	}
	s = start(t, db, "today", "--date", day)
	s.expect("(3 answers)?")
	s.send(ctrlC)
	s.wait()
}
