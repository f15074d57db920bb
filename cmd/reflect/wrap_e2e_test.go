//go:build linux

package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// narrow is the width of the terminal in the wrapping tests: most questions
// and every answer below are wider than that.
const narrow = 40

// onScreen fails the test unless every word of each text is on the screen,
// whole: on one row, not cut by the edge of the terminal.
func (s *session) onScreen(what string, texts ...string) {
	s.t.Helper()
	screen := s.vt.String()
	var cells []string
	for _, row := range strings.Split(screen, "\n") {
		cells = append(cells, strings.Fields(row)...)
	}
	for _, text := range texts {
		for _, word := range strings.Fields(text) {
			if !slices.Contains(cells, word) {
				s.t.Fatalf("%s: %q is not on the screen whole\nscreen:\n%s", what, word, screen)
			}
		}
	}
}

// A question, its hint and an answer wider than the terminal stay on the
// screen, every line of them, after Enter; hints wrap between words. On a
// screen of 16 rows the evening runs past the bottom, and the terminal
// scrolls while answers are typed and drawn again.
func TestWrappedLinesStayOnScreen(t *testing.T) {
	for _, rows := range []int{40, 16} {
		t.Run(fmt.Sprintf("%d rows", rows), func(t *testing.T) { wrappedLinesStayOnScreen(t, rows) })
	}
}

// hints end each kind of question on the screen.
var hints = map[string]string{"short": "(Enter skips)", "long": "(an empty line ends it)", "yesno": "(y/N)", "scale": "filter]", "choice": "filter]"}

// hintOf is the hint that ends a step's question on the screen: its own,
// such as "(If …, I will …)", else its kind's.
func hintOf(st step) string {
	if st.Hint != "" {
		return "(" + st.Hint + ")"
	}
	return hints[st.Kind]
}

func wrappedLinesStayOnScreen(t *testing.T, rows int) {
	db := filepath.Join(t.TempDir(), "journal.db")
	steps := planned(t, db, day)
	q := map[string]string{}
	for _, st := range steps {
		q[st.ID] = st.Question
	}
	s := startSized(t, db, narrow, rows, nil, "today", "--date", day)

	s.expect("filter]")
	s.onScreen("the scale's question and hint", q["mood"], "[Use arrows to move, type to filter]")
	s.send(down + enter)
	s.expect("it weighs on me") // the setback check's last option
	s.onScreen("the setback check's question and options", q["mood"], q["setback-check"], "yes, and it weighs on me")
	s.send(down + enter) // yes

	s.expect("(an empty line ends it)")
	wide := "alpha bravo charlie delta echo foxtrot golf hotel india juliett kilo lima mike " +
		"november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu"
	s.send(wide + enter + "second line after it" + enter + enter)
	s.expect("(an empty line ends it)") // the next long question
	s.onScreen("a long answer's wrapped line", q["setback-what"], wide, "second line after it")

	s.send("the cause" + enter + enter)
	s.expect("(an empty line ends it)")
	// After the lesson, long answers up to the first short question of the
	// setback path (the self-compassion prompt, or else the small win).
	var after []step
	for i, st := range steps {
		if st.ID == "setback-lesson" {
			after = only(steps[i+1:], setbackPath)
		}
	}
	s.send("the lesson" + enter + enter)
	prev := q["setback-lesson"]
	for len(after) > 1 && after[0].Kind != "short" {
		s.expect(hintOf(after[0]))
		s.send("kind words" + enter + enter)
		prev, after = after[0].Question, after[1:]
	}
	if len(after) < 2 || after[0].Kind != "short" {
		t.Fatalf("the setback path has no short question after the lesson: %v", steps)
	}
	s.expect("(Enter skips)")
	short := "one two three four five six seven eight nine ten eleven twelve thirteen fourteen " +
		"fifteen sixteen seventeen eighteen nineteen twenty"
	s.send(short + enter)
	s.expect(hintOf(after[1])) // the next question
	s.onScreen("a short answer wider than the terminal", prev, after[0].Question, short)

	s.send(ctrlC)
	s.expect("kept as a draft")
	if code := s.wait(); code != 130 {
		t.Fatalf("exit %d, want 130", code)
	}
}
