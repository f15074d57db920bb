package cmd

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/reflect-cli/reflect/journal"
)

func TestGoldenStats(t *testing.T) {
	e := withFixture(t) // the clock says Friday 20 November 2026
	plain := e.mustRun("stats").out
	assertGolden(t, "stats.txt", plain)
	e.outTTY = true
	delete(e.env, "NO_COLOR")
	assertGolden(t, "stats-color.txt", e.mustRun("stats").out)
	assertGolden(t, "stats.json", e.mustRun("stats", "--json").out)

	for _, line := range strings.Split(plain, "\n") {
		if n := utf8.RuneCountInString(line); n > 80 {
			t.Errorf("a line of %d columns:\n%s", n, line)
		}
	}
}

// TestStatsJSONAgreesWithThePicture reads the figures from --json and finds
// each of them in what stats draws.
func TestStatsJSONAgreesWithThePicture(t *testing.T) {
	e := withFixture(t)
	e.stdin = `{"followup-done": "done"}` // the step of Thursday 19: "Ask Dana what to cut."
	e.mustRun("today", "--answers", "-")
	var s journal.Stats
	if err := json.Unmarshal([]byte(e.mustRun("stats", "--json").out), &s); err != nil {
		t.Fatal(err)
	}
	if s.Entries != 9 || s.Streak.Current != 5 || s.Streak.Longest != 5 || s.FollowThrough.Done != 2 || s.FollowThrough.NotYet != 1 {
		t.Errorf("stats --json: %+v", s)
	}
	out := e.mustRun("stats").out
	for _, want := range []string{
		fmt.Sprintf("Streak          %d days · longest %d days, to Fri 20 Nov 2026", s.Streak.Current, s.Streak.Longest),
		fmt.Sprintf("Entries         %d · %d answers · %d small wins", s.Entries, s.Answers, s.SmallWins),
		fmt.Sprintf("Follow-through  %.0f%% done · 2 done, 0 partly, 1 not yet", *s.FollowThrough.Rate*100),
		fmt.Sprintf("· %.1f this week", *s.MoodByWeek[len(s.MoodByWeek)-1].Average),
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stats lacks %q:\n%s", want, out)
		}
	}
	// The calendar's cells, read column by column, are the days of --json.
	lines := strings.Split(out, "\n")
	var grid []string // the seven rows, Monday to Sunday, without their labels
	for i, l := range lines {
		if strings.HasPrefix(l, "Mon ") && i+7 <= len(lines) {
			for _, row := range lines[i : i+7] {
				grid = append(grid, row[5:])
			}
			break
		}
	}
	if len(grid) != 7 {
		t.Fatalf("no calendar:\n%s", out)
	}
	// The shades by a day's answers: none, 1–3, 4–6, 7–9, 10 or more.
	shade := func(answers int) string {
		return []string{"·", "░", "▒", "▓", "█"}[min(4, (answers+2)/3)]
	}
	for i, day := range s.Days {
		row, col := i%7, i/7
		cells := strings.Fields(grid[row])
		if col >= len(cells) || cells[col] != shade(day.Answers) {
			t.Errorf("%s (%d answers) is drawn as %q", day.Date, day.Answers, cells[col])
		}
	}
}

func TestStatsWithNoJournal(t *testing.T) {
	e := newEnv(t)
	if r := e.mustRun("stats"); r.out != "" || !strings.Contains(r.err, "No journal yet") {
		t.Errorf("out %q, err %q", r.out, r.err)
	}
	if r := e.mustRun("stats", "--json"); !strings.Contains(r.out, `"entries": 0`) {
		t.Errorf("--json with no journal: %q", r.out)
	}
}

// TestStatsSetsIfThenStepsAgainstPlainOnes: steps planned as "When/If …,
// I will …" are counted apart from plain ones once both are followed up;
// until an if-then step has been, the row is not drawn.
func TestStatsSetsIfThenStepsAgainstPlainOnes(t *testing.T) {
	e := newEnv(t) // the clock says Friday 20 November 2026
	for _, evening := range []struct{ date, answers string }{
		{"2026-11-15", `{"next-step": "Tidy the desk."}`},
		{"2026-11-16", `{"followup-done": "done", "next-step": "When I get home, I will call Sam."}`},
	} {
		e.stdin = evening.answers
		e.mustRun("today", "--answers", "-", "--date", evening.date)
	}
	if out := e.mustRun("stats").out; strings.Contains(out, "When/if steps") {
		t.Errorf("the row is drawn before an if-then step was followed up:\n%s", out)
	}
	for _, evening := range []struct{ date, answers string }{
		{"2026-11-17", `{"followup-done": "done", "next-step": "If it rains, I'll walk in the hall."}`},
		{"2026-11-18", `{"followup-done": "not yet", "next-step": "Write one line."}`},
		{"2026-11-19", `{"followup-done": "not yet"}`},
	} {
		e.stdin = evening.answers
		e.mustRun("today", "--answers", "-", "--date", evening.date)
	}
	out := e.mustRun("stats").out
	if !strings.Contains(out, "When/if steps   1 of 2 done (50%) · plain steps 1 of 2 done (50%)\n") ||
		!strings.Contains(out, "Steps done      ") || !strings.Contains(out, "2 of 4 this week") {
		t.Errorf("stats:\n%s", out)
	}
	var s journal.Stats
	if err := json.Unmarshal([]byte(e.mustRun("stats", "--json").out), &s); err != nil {
		t.Fatal(err)
	}
	if f := s.FollowThroughByForm; f.IfThen.FollowedUp != 2 || f.IfThen.Done != 1 || f.Plain.FollowedUp != 2 || f.Plain.Done != 1 {
		t.Errorf("stats --json by form: %+v", f)
	}
}
