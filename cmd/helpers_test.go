package cmd

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cli/reflect/cmd/internal/terminal"
	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/prompts"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/ with what the tests produce")

// goldenDir is the project's top-level testdata folder.
const goldenDir = "../testdata/golden"

// assertGolden compares got with the golden file name, or rewrites the file
// with -update.
func assertGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join(goldenDir, name)
	if *update {
		if err := os.MkdirAll(goldenDir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run 'go test ./cmd -update' to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from what the command printed (run 'go test ./cmd -update' to accept):\n--- got ---\n%s\n--- want ---\n%s", name, got, want)
	}
}

// fixedNow is Friday 20 November 2026, in the evening.
var fixedNow = time.Date(2026, 11, 20, 21, 14, 3, 0, time.FixedZone("CET", 3600))

// testEnv is one person's machine: a journal path, an environment, a clock.
type testEnv struct {
	t      *testing.T
	db     string
	env    map[string]string
	now    time.Time
	asker  *fakeAsker
	tty    bool // standard input is a terminal
	outTTY bool // standard output is a terminal
	stdin  string
	lock   time.Duration // how long to wait for a busy journal
	// dbFromEnv names the journal in $REFLECT_DB rather than --db, so that
	// the command line is exactly the one given (reflect status --prompt
	// has a path of its own).
	dbFromEnv bool
}

func newEnv(t *testing.T) *testEnv {
	home := t.TempDir()
	return &testEnv{
		t:   t,
		db:  filepath.Join(home, "data", "reflect", "journal.db"),
		env: map[string]string{"HOME": home, "NO_COLOR": "1"},
		now: fixedNow,
	}
}

type result struct {
	out, err string
	code     int
}

// run runs reflect in-process with args and the env's journal.
func (e *testEnv) run(args ...string) result {
	e.t.Helper()
	return e.runWith(nil, args...)
}

// runWith runs reflect in-process, letting adjust change the App first.
func (e *testEnv) runWith(adjust func(*App), args ...string) result {
	e.t.Helper()
	var out, errb bytes.Buffer
	app := &App{
		Streams: terminal.Streams{
			In:     strings.NewReader(e.stdin),
			Out:    &out,
			Err:    &errb,
			InTTY:  e.tty,
			OutTTY: e.outTTY,
		},
		Getenv: func(k string) string { return e.env[k] },
		Now:    func() time.Time { return e.now },
		NewAsker: func(terminal.AskOptions) (journal.Prompter, func(), error) {
			if e.asker == nil {
				e.t.Fatal("the command asked a question the test did not expect")
			}
			return e.asker, func() {}, nil
		},
	}
	app.ReadEnv(app.Getenv)
	app.LockTimeout = e.lock
	if e.asker != nil {
		e.asker.strict()
	}
	if adjust != nil {
		adjust(app)
	}
	argv := append([]string{"--db", e.db}, args...)
	if e.dbFromEnv {
		e.env["REFLECT_DB"] = e.db
		argv = args
	}
	code := Run(app, argv)
	return result{out: out.String(), err: errb.String(), code: code}
}

func (e *testEnv) mustRun(args ...string) result {
	e.t.Helper()
	r := e.run(args...)
	if r.code != 0 {
		e.t.Fatalf("reflect %v: exit %d\nstdout: %s\nstderr: %s", args, r.code, r.out, r.err)
	}
	return r
}

// fakeAsker answers prompts from a script keyed by prompt id; a prompt the
// script does not answer gets an answer of its kind. interruptAt ends the
// session as Ctrl-C would.
//
// It is strict, as cli/cli's prompter mock is: once it has been handed to a
// command (testEnv.run), the test fails at its end if any of the script was
// not used: an answer (or continued text) for a prompt never asked, an
// interruptAt never reached, confirmations or choices left over. An answer
// the test means as "if it is asked" goes in maybe as well.
type fakeAsker struct {
	t        *testing.T
	answers  map[string]string
	confirms []bool
	// maybe names the prompts of answers that may go unasked.
	maybe []string
	// interruptAt names a prompt id whose question is interrupted; its
	// scripted answer, if any, is the text typed before Ctrl-C.
	interruptAt string
	// before, when set, runs before each question is asked.
	before func(id string)
	asked  []string
	// continued maps a prompt id to what the person makes of a cut answer
	// put to them again (when not scripted, they press Enter and keep it);
	// given records the text each was put with.
	continued map[string]string
	given     map[string]string
	// chooses queues the picks of Choose, as confirms does for Confirm.
	chooses []int
	// choices records the options each Choose offered.
	choices [][]string
	// checked is set once strict has registered its check.
	checked bool
}

// strict makes the test fail at its end if any of the script was not used
// by then (see fakeAsker). It may be called any number of times.
func (f *fakeAsker) strict() {
	if f.checked {
		return
	}
	f.checked = true
	f.t.Cleanup(func() {
		f.t.Helper()
		for id := range f.answers {
			if !f.wasAsked(id) && !slices.Contains(f.maybe, id) {
				f.t.Errorf("fakeAsker: the script answers %q, which was never asked (asked %v)", id, f.asked)
			}
		}
		for id := range f.continued {
			if !f.wasAsked("continue " + id) {
				f.t.Errorf("fakeAsker: the script continues %q, which was never put again (asked %v)", id, f.asked)
			}
		}
		if id := f.interruptAt; id != "" && !f.wasAsked(id) && !f.wasAsked("continue "+id) {
			f.t.Errorf("fakeAsker: the script interrupts %q, which was never asked (asked %v)", id, f.asked)
		}
		if len(f.confirms) > 0 {
			f.t.Errorf("fakeAsker: %d scripted confirmations were never asked for: %v", len(f.confirms), f.confirms)
		}
		if len(f.chooses) > 0 {
			f.t.Errorf("fakeAsker: %d scripted choices were never asked for: %v", len(f.chooses), f.chooses)
		}
	})
}

func (f *fakeAsker) Continue(p prompts.Prompt, text string) (string, error) {
	f.asked = append(f.asked, "continue "+p.ID)
	if f.given == nil {
		f.given = map[string]string{}
	}
	f.given[p.ID] = text
	if a, ok := f.continued[p.ID]; ok {
		text = a
	}
	if p.ID == f.interruptAt {
		return text, journal.ErrInterrupted
	}
	return text, nil
}

func (f *fakeAsker) Choose(_ string, options []string) (int, error) {
	f.choices = append(f.choices, options)
	if len(f.chooses) == 0 {
		f.t.Fatal("unexpected choice")
	}
	i := f.chooses[0]
	f.chooses = f.chooses[1:]
	return i, nil
}

func (f *fakeAsker) Ask(p prompts.Prompt) (string, error) {
	f.asked = append(f.asked, p.ID)
	if f.before != nil {
		f.before(p.ID)
	}
	if p.ID == f.interruptAt {
		return f.answers[p.ID], journal.ErrInterrupted
	}
	if a, ok := f.answers[p.ID]; ok {
		return a, nil
	}
	switch p.Kind {
	case prompts.Scale:
		return "3", nil
	case prompts.Choice:
		return p.Options[0], nil
	case prompts.YesNo:
		return "no", nil
	}
	return "about " + p.ID, nil
}

func (f *fakeAsker) Confirm(string, bool) (bool, error) {
	if len(f.confirms) == 0 {
		f.t.Fatal("unexpected confirmation")
	}
	yes := f.confirms[0]
	f.confirms = f.confirms[1:]
	return yes, nil
}

func (f *fakeAsker) wasAsked(id string) bool {
	for _, a := range f.asked {
		if a == id {
			return true
		}
	}
	return false
}

// fixture is a journal of hand-written entries: a week with hostile answers
// (2026-W44), an empty week (W45), a sparse one (W46) and a full one (W47).
const fixture = "../testdata/journal.json"

// withFixture returns an env whose journal holds the fixture.
func withFixture(t *testing.T) *testEnv {
	e := newEnv(t)
	e.mustRun("import", fixture)
	return e
}

// fileBytes returns a file's content, failing the test if it cannot be read.
func fileBytes(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// exists reports whether the env's journal file is there.
func (e *testEnv) exists() bool {
	_, err := os.Stat(e.db)
	return err == nil
}
