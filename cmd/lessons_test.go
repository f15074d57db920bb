package cmd

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/reflect-cli/reflect/cmd/internal/terminal"
	"github.com/reflect-cli/reflect/journal/journaltest"
	"github.com/reflect-cli/reflect/storage"
	"github.com/reflect-cli/reflect/storage/storagetest"

	"github.com/reflect-cli/reflect/journal"
)

func TestLessonsGroupsALessonDrawnAgain(t *testing.T) {
	e := newEnv(t)
	for day, lesson := range map[int]string{
		10: "Ask for help earlier.",
		13: "ask for help earlier",
		16: "Sleep on big decisions.",
		19: "  Ask for help  EARLIER! ",
	} {
		e.onDay(day)
		e.stdin = `{"setback-check": true, "setback-what": "Stuck on day ` + string(rune('0'+day%10)) + `.", "setback-lesson": ` + jsonString(lesson) + `}`
		e.mustRun("today", "--answers", "-")
	}
	out := e.mustRun("lessons").out
	lines := strings.Split(out, "\n")
	if lines[0] != "4 lessons drawn, 2 different." || lines[2] != "×3   Ask for help EARLIER!" {
		t.Errorf("lessons:\n%s", out)
	}
	var ledger journal.Ledger
	if err := json.Unmarshal([]byte(e.mustRun("lessons", "--json").out), &ledger); err != nil {
		t.Fatal(err)
	}
	if len(ledger) != 2 || ledger[0].Count != 3 || ledger[1].Count != 1 || ledger[0].Occurrences[2].Date.String() != "2026-11-10" ||
		ledger[0].Occurrences[0].Setback != "Stuck on day 9." {
		t.Errorf("lessons --json = %+v", ledger)
	}
	if out := e.mustRun("lessons", "--since", "2026-11-14", "--json").out; strings.Count(out, `"date"`) != 2 {
		t.Errorf("--since kept:\n%s", out)
	}
	if out := e.mustRun("lessons", "--grep", "sleep").out; !strings.Contains(out, "×1   Sleep on big decisions.") || strings.Contains(out, "help") {
		t.Errorf("--grep sleep:\n%s", out)
	}
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func TestGoldenLessons(t *testing.T) {
	e := withFixture(t)
	assertGolden(t, "lessons.txt", e.mustRun("lessons").out)
	assertGolden(t, "lessons.json", e.mustRun("lessons", "--json").out)
}

func TestLessonsSaysWhenThereAreNone(t *testing.T) {
	e := newEnv(t)
	if r := e.mustRun("lessons"); r.out != "" || !strings.Contains(r.err, "No journal yet") {
		t.Errorf("no journal: out %q, err %q", r.out, r.err)
	}
	e.stdin = `{"mood": 3}`
	e.mustRun("today", "--answers", "-")
	if r := e.mustRun("lessons"); r.err != "No lessons yet: they come from evenings with a setback.\n" {
		t.Errorf("no lessons: err %q", r.err)
	}
	if r := e.mustRun("lessons", "--json"); r.out != "[]\n" {
		t.Errorf("no lessons, JSON: %q", r.out)
	}
	if r := e.run("lessons", "--since", "last year"); r.code != exitUsage {
		t.Errorf("a bad --since: exit %d", r.code)
	}
}

// TestALessonDrawnLater: the lesson of a heavy evening's setback, drawn on
// a later evening, is a lesson like any other: the ledger lists it.
func TestALessonDrawnLater(t *testing.T) {
	e := newEnv(t) // the clock says Friday 20 November 2026
	for _, evening := range []struct{ date, answers string }{
		{"2026-11-18", `{"mood": 1, "setback-check": "yes, and it weighs on me", "heavy-plain": "The talk went badly."}`},
		{"2026-11-19", `{"mood": 4, "setback-check": false, "setback-lesson-later": "Rehearse with a friend first."}`},
	} {
		e.stdin = evening.answers
		e.mustRun("today", "--answers", "-", "--date", evening.date)
	}
	if out := e.mustRun("lessons").out; !strings.Contains(out, "Rehearse with a friend first.") || !strings.Contains(out, "The talk went badly") {
		t.Errorf("lessons:\n%s", out)
	}
}

// TestTheKeptLedgerShowsTheLedgerGathered: the page read from the ledger
// the journal keeps is the page gathered from every lesson, at every width
// the kept ledger serves and past it, where the page is gathered again.
func TestTheKeptLedgerShowsTheLedgerGathered(t *testing.T) {
	e := newEnv(t)
	j := storage.New(e.db)
	if err := j.Update(func(w *storage.Writer) error { return journaltest.Write(400, journaltest.Last, w.PutEntry) }); err != nil {
		t.Fatal(err)
	}
	for _, width := range []int{1, 20, 33, 50, 80, 121, 197, 198, 199, 250} {
		b := journal.NewLedger(nil)
		b.ShortenSetbacks(terminal.SetbackRunes(width))
		err := j.Read(func(r journal.Reader) error {
			if _, _, kept, err := r.(journal.KeptLedger).LedgerTotals(); !kept || err != nil {
				t.Fatalf("the journal keeps no ledger (%v)", err)
			}
			return r.EachLessons(func(s journal.Summary) error { b.Add(s); return nil })
		})
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		w := bufio.NewWriter(&want)
		terminal.RenderLedger(w, b.Ledger(), terminal.Style{}, max(width, 20))
		w.Flush()
		e.env["COLUMNS"] = strconv.Itoa(width)
		if got := e.mustRun("lessons").out; got != want.String() {
			t.Fatalf("at %d columns, the page differs from the one gathered:\n%s", width, firstDifference(got, want.String()))
		}
	}
}

// firstDifference shows the first line where two texts differ.
func firstDifference(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d:\n got %q\nwant %q", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(g), len(w))
}

// TestAKeptLedgerThatCannotBeReadIsGatheredAgain: the page comes from the
// lessons themselves when the ledger kept beside them cannot be read, with
// a word of why.
func TestAKeptLedgerThatCannotBeReadIsGatheredAgain(t *testing.T) {
	e := withFixture(t)
	want := e.mustRun("lessons").out
	if err := storagetest.CutLedgerRecord(e.db); err != nil {
		t.Fatal(err)
	}
	r := e.run("lessons")
	if r.code != 0 || r.out != want || !strings.Contains(r.err, "The ledger of lessons kept beside your days cannot be read") {
		t.Errorf("exit %d\nout: %s\nerr: %s", r.code, r.out, r.err)
	}
}
