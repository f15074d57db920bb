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
		add(prompts.ObstacleID, g.sentence())
		answers[len(answers)-1].FollowsUp = ref
	}
	add(prompts.MoodID, fmt.Sprint(1+g.r.IntN(5)))
	setback := hadSetback(day)
	add(prompts.CheckID, journal.YesNoAnswer(setback))
	if setback {
		add("setback-what", g.paragraph(2+g.r.IntN(3)))
		add("setback-cause", g.sentence())
		add(prompts.LessonID, lessonOn(day))
		add("kind-forgive", g.sentence())
	} else {
		add("risk-stretch", g.sentence())
	}
	add("win-small", g.sentence())
	add(stepID(day), stepOn(day))
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
// about one in three.
func hadSetback(day journal.Day) bool { return dayRand(day, 1).IntN(3) == 0 }

// stepID is the prompt a day's next step answers.
func stepID(day journal.Day) string {
	if hadSetback(day) {
		return prompts.NextDifferentlyID
	}
	return prompts.NextStepID
}

// lessonOn is the lesson drawn on a day with a setback.
func lessonOn(day journal.Day) string { return lessons[dayRand(day, 3).IntN(len(lessons))] }

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

var (
	subjects = []string{"I", "Sam and I", "The team", "My manager", "Alex", "We", "The client", "My sister"}
	verbs    = []string{"finished", "rewrote", "argued about", "finally understood", "forgot", "shipped", "reviewed", "planned"}
	objects  = []string{"the quarterly report", "the demo", "the long run", "the budget", "the garden bed", "the release notes", "the interview", "the kitchen shelves"}
	tails    = []string{"before lunch", "in the rain", "with less fuss than I feared", "two days late", "after a slow start", "while the kettle boiled", "without asking for help", "at the last minute"}
	lessons  = []string{
		"Ask for help earlier.",
		"Rehearse the risky part first.",
		"Sleep before deciding.",
		"Write the plan down before starting.",
		"Say no to the extra meeting.",
		"Check the numbers twice.",
		"Small steps beat a perfect plan.",
	}
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
