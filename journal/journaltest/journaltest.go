// Package journaltest makes synthetic journals for tests and benchmarks:
// deterministic, so that every run and every package sees the same one, and
// realistic enough in shape (a mood, a setback every few days, a lesson, a
// small win, a next step, answers of a sentence or a paragraph) that reading
// and rendering them costs what a real journal would.
//
// Imports: journaltest imports journal and prompts, nothing else of the
// project; it must never import storage, cmd or terminal code. Only tests,
// benchmarks and cmd/reflect-bench import it, never the program.
package journaltest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/prompts"
)

// Rare is a word that about one entry in a hundred holds, for searches
// that find a little in a large journal.
const Rare = "lighthouse"

// Last is the day synthetic journals end on, unless told otherwise.
var Last = journal.NewDay(2026, 11, 22)

// Entries returns n entries, one a day, ending on last, oldest first.
func Entries(n int, last journal.Day) []journal.Entry {
	out := make([]journal.Entry, n)
	for i := range out {
		out[i] = Entry(last.AddDays(i - n + 1))
	}
	return out
}

// Write passes n entries, one a day, ending on last, to put, oldest first,
// without holding them all at once.
func Write(n int, last journal.Day, put func(journal.Entry) error) error {
	for i := 0; i < n; i++ {
		if err := put(Entry(last.AddDays(i - n + 1))); err != nil {
			return err
		}
	}
	return nil
}

// Entry returns the synthetic entry of a day. It depends on the date alone.
func Entry(day journal.Day) journal.Entry {
	y, m, d := day.Date()
	g := gen{rand.New(rand.NewPCG(uint64(y*10000+int(m)*100+d), 0x5eed))}
	at := time.Date(y, m, d, 21, g.r.IntN(60), g.r.IntN(60), 0, cet)

	cat := prompts.Builtin()
	var answers []journal.Answer
	add := func(id, text string) {
		p, ok := cat.Lookup(id)
		if !ok { // a prompt since dropped from the catalog, as in an old journal
			p = prompts.Prompt{ID: id, Question: id}
		}
		answers = append(answers, journal.AnswerTo(p, text))
	}
	// Every day plans a step, and the next day follows it up.
	prev := day.AddDays(-1)
	ref := &prompts.Ref{Date: prev.String(), PromptID: stepID(prev)}
	result := []string{"done", "done", "partly", "not yet"}[g.r.IntN(4)]
	add(prompts.FollowUpID, result)
	answers[len(answers)-1].FollowsUp = ref
	answers[len(answers)-1].Question = strings.ReplaceAll(answers[len(answers)-1].Question, "{step}", stepOn(prev))
	if result != "done" {
		add(prompts.ObstacleID, g.paragraph(g.count(1, 3)))
		answers[len(answers)-1].FollowsUp = ref
	}
	add(prompts.MoodID, fmt.Sprint(1+g.r.IntN(5)))
	setback := hadSetback(day)
	add(prompts.CheckID, journal.YesNoAnswer(setback))
	if setback {
		add("setback-what", g.paragraph(g.count(4, 16)))
		add("setback-cause", g.paragraph(g.count(1, 6)))
		add(prompts.LessonID, lessonOn(day))
		add("kind-forgive", g.paragraph(g.count(1, 4)))
	} else {
		add("risk-stretch", g.paragraph(g.count(2, 7)))
	}
	add("win-small", g.paragraph(g.count(1, 6)))
	add(stepID(day), stepOn(day))
	if g.r.IntN(5) < 4 { // most evenings end with some free words
		add(prompts.FreeNoteID, g.paragraph(g.count(2, 16)))
	}
	// Now and then, a lesson of a week before comes back.
	if week := day.AddDays(-7); hadSetback(week) && g.r.IntN(2) == 0 {
		add(prompts.StillTrueID, []string{"yes", "yes", "no"}[g.r.IntN(3)])
		a := &answers[len(answers)-1]
		a.FollowsUp = &prompts.Ref{Date: week.String(), PromptID: prompts.LessonID}
		a.Question = strings.NewReplacer("{date}", week.Format("Monday 2 January"), "{lesson}", lessonOn(week)).Replace(a.Question)
	}
	if g.r.IntN(100) == 0 {
		answers[len(answers)-2].Answer += " Walked out to the " + Rare + " after dinner."
	}
	end := at.Add(time.Duration(3+g.r.IntN(6)) * time.Minute)
	return journal.Entry{Date: day, CreatedAt: at, UpdatedAt: end, Answers: answers}
}

var cet = time.FixedZone("CET", 3600)

type gen struct{ r *rand.Rand }

func (g gen) pick(from []string) string { return from[g.r.IntN(len(from))] }

// dayRand is a source of its own for one fact of a day, so that the next
// day's entry can know it without making the whole entry again.
func dayRand(day journal.Day, fact uint64) *rand.Rand {
	y, m, d := day.Date()
	return rand.New(rand.NewPCG(uint64(y*10000+int(m)*100+d), fact))
}

// hadSetback says whether a day's evening went down the setback path:
// three in five, so that a long journal holds the many different lessons
// that make the lesson ledger's work hard.
func hadSetback(day journal.Day) bool { return dayRand(day, 1).IntN(5) < 3 }

// stepID is the prompt a day's next step answers.
func stepID(day journal.Day) string {
	if hadSetback(day) {
		return prompts.NextDifferentlyID
	}
	return prompts.NextStepID
}

// lessonOn is the lesson drawn on a day with a setback: most days one in
// words of its own, as a person's lessons differ; now and then, one drawn
// on a setback of the last two months again, in other case and
// punctuation, as people come back to what they learnt.
func lessonOn(day journal.Day) string {
	r := dayRand(day, 3)
	if r.IntN(8) == 0 {
		for back := 7 + r.IntN(53); back < 60; back++ {
			if earlier := day.AddDays(-back); hadSetback(earlier) {
				again := strings.TrimRight(lessonOn(earlier), ".")
				if r.IntN(2) == 0 {
					again = strings.ToLower(again)
				}
				return again + []string{".", "!", "", " again."}[r.IntN(4)]
			}
		}
	}
	g := gen{r}
	return fmt.Sprintf("%s %s %s%s.", g.pick(lessonDos), g.pick(objects), g.pick(lessonWhens), g.pick(lessonWhys))
}

// stepOn is the step a day plans.
func stepOn(day journal.Day) string { return steps[dayRand(day, 2).IntN(len(steps))] }

func (g gen) sentence() string {
	return fmt.Sprintf("%s %s %s %s.", g.pick(subjects), g.pick(verbs), g.pick(objects), g.pick(tails))
}

func (g gen) paragraph(n int) string {
	s := make([]string, n)
	for i := range s {
		s[i] = g.sentence()
	}
	return strings.Join(s, " ")
}

// count is a number of sentences from lo to hi: some evenings say little,
// some a lot.
func (g gen) count(lo, hi int) int {
	return lo + g.r.IntN(hi-lo+1)
}

var (
	subjects = []string{"I", "Sam and I", "The team", "My manager", "Alex", "We", "The client", "My sister",
		"Priya", "My neighbour", "Dad", "The new hire", "Jo and the kids", "Our landlord", "The coach", "Nobody"}
	verbs = []string{"finished", "rewrote", "argued about", "finally understood", "forgot", "shipped", "reviewed", "planned",
		"put off", "started", "lost track of", "talked through", "fixed", "worried about", "gave up on", "tidied"}
	objects = []string{"the quarterly report", "the demo", "the long run", "the budget", "the garden bed", "the release notes", "the interview", "the kitchen shelves",
		"the tax return", "the migration", "the birthday plans", "the flaky test", "the grant proposal", "the school forms", "the slide deck", "the move"}
	tails = []string{"before lunch", "in the rain", "with less fuss than I feared", "two days late", "after a slow start", "while the kettle boiled", "without asking for help", "at the last minute",
		"over a long call", "between meetings", "on the train home", "with the radio on", "after the kids were asleep", "in one sitting", "despite the noise", "with help from a friend"}
	lessonDos = []string{"Ask for help with", "Check", "Write down", "Say no to more than", "Rehearse", "Sleep on", "Start", "Finish",
		"Share", "Question", "Plan", "Time-box", "Delegate", "Prepare", "Tell someone about", "Break up",
		"Practise", "Review", "Protect time for", "Stop polishing"}
	lessonWhens = []string{"before the deadline", "first thing", "early in the week", "before saying yes", "the night before", "on Friday afternoons", "when I am tired", "before lunch",
		"right after the meeting", "before I commit", "in the first hour", "as soon as it feels stuck", "before it grows", "with a timer on", "once a week", "before the holidays",
		"when the stakes are low", "while it is still small", "before anyone asks", "the moment I notice"}
	lessonWhys = []string{"", "", "", ", even when it feels small", ", not after", ", because rushing costs more", ", and say so out loud", ", not alone",
		", then let it be", ", the way I did in spring", ", however busy the week", ", before the worry does"}
	steps = []string{
		"Call Sam about the draft.",
		"Go for a twenty-minute walk.",
		"Book the dentist.",
		"Send the summary before ten.",
		"Tidy the desk for five minutes.",
		"Read one chapter.",
		"Ask Alex for feedback on the slides.",
	}
)
