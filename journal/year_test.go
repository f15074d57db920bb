package journal

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/reflect-cli/reflect/prompts"
)

// person answers an evening as a synthetic person would: tonight's setback
// or not (weighing heavily, or the mood at 1, on a heavy evening), the
// follow-up as it went, lessons in varied words (trailing
// punctuation, repeats in other cases), and now and then a skipped answer.
type person struct {
	r        *rand.Rand
	setback  bool
	heavy    bool   // the setback weighs, or with none the mood is at 1
	mood     int    // 0 for any
	followUp string // done, partly, not yet, or "" to skip it
	lesson   string
	asked    int
}

// Continue implements Asker; the simulated person is never cut short.
func (p *person) Continue(pr prompts.Prompt, _ string) (string, error) { return p.Ask(pr) }

func (p *person) Ask(pr prompts.Prompt) (string, error) {
	p.asked++
	switch {
	case pr.ID == prompts.CheckID && p.setback && p.heavy:
		return prompts.Weighs, nil
	case pr.ID == prompts.CheckID:
		return YesNoAnswer(p.setback), nil
	case pr.ID == prompts.MoodID && p.heavy && !p.setback:
		return prompts.HeavyMood, nil
	case pr.ID == prompts.MoodID && p.mood != 0:
		return fmt.Sprint(p.mood), nil
	case pr.ID == prompts.FollowUpID:
		return p.followUp, nil
	case pr.ID == prompts.LessonID:
		return p.lesson, nil
	case pr.Kind == prompts.Scale:
		return fmt.Sprint(1 + p.r.IntN(5)), nil
	case pr.Kind == prompts.YesNo:
		return YesNoAnswer(p.r.IntN(3) > 0), nil
	case p.r.IntN(10) == 0:
		return "", nil // skipped
	case pr.Theme == prompts.ThemeNextStep:
		return steps[p.r.IntN(len(steps))], nil
	}
	return fmt.Sprintf("Some words for %s.", pr.ID), nil
}

// lessons are written as people write them: some the same lesson in other
// words that SameLesson matches, some ending in punctuation that a quote
// must not double, one with no words at all.
var lessons = []string{
	"Ask for help earlier.", "ask for help EARLIER!", "Ask for help earlier",
	"Sleep on it", "Sleep on it.", "Leave ten minutes early.", "Why do I always wait?",
	"Rest…", "Rest...", "Say «no».", "  Check the map first  \n", "Write it down;",
	"Start with the hard call!", "One thing at a time.\nThen the next.", "…", "Trust the plan:",
}

var steps = []string{"Call Sam.", "Book the dentist", "Go for a walk!", "Tidy the desk…", "Reply to Ana?", "  Plan the week \n"}

// wellQuoted checks a question that quotes an earlier answer: the text
// between the template's «{key}» is there once, on one line, with no
// space at either end and no closing punctuation that doubles the
// question's own (never «….». nor .».).
func wellQuoted(t *testing.T, day Day, question, template, key string, fill map[string]string) {
	t.Helper()
	for k, v := range fill {
		template = strings.ReplaceAll(template, "{"+k+"}", v)
	}
	before, after, _ := strings.Cut(template, "{"+key+"}")
	quote, ok := strings.CutPrefix(question, before)
	if ok {
		quote, ok = strings.CutSuffix(quote, after)
	}
	last, _ := utf8.DecodeLastRuneInString(quote)
	if !ok || quote == "" || strings.TrimSpace(quote) != quote || strings.Contains(quote, "\n") || strings.ContainsRune(".!?…,;:", last) ||
		strings.Contains(question, ".».") || strings.Contains(question, "«»") {
		t.Errorf("%s: badly quoted: %q", day, question)
	}
}

// TestASimulatedYear builds a person's journal evening by evening over a
// year: skipped days, setbacks on some, follow-ups done, partly, not yet or
// skipped, lessons repeated in other words, and quick evenings. Each
// evening, every path through its plan asks at most nine questions and
// quotes well; and no lesson comes back within a week of any day it was
// drawn (tonight included), nor two evenings running.
func TestASimulatedYear(t *testing.T) {
	r := rand.New(rand.NewPCG(365, 10))
	cat := prompts.Builtin()
	followTmpl, _ := cat.Lookup(prompts.FollowUpID)
	stillTmpl, _ := cat.Lookup(prompts.StillTrueID)
	laterTmpl, _ := cat.Lookup(prompts.LessonLaterID)
	laterOffered := 0
	s := summaries{}
	var journal []Entry // oldest first
	drawn := map[string][]Day{}
	backOn := map[Day]string{} // the key of the lesson each day brought back
	var evenings, followUps, broughtBack, gaveWay int
	for n := 0; n < 365; n++ {
		day := d(-320).AddDays(n)
		if r.IntN(6) == 0 || (n%60 >= 40 && n%60 < 45) { // a skipped day, and a few away each season
			continue
		}
		evenings++
		var recent []Entry
		for i := len(journal) - 1; i >= 0 && len(recent) < prompts.RecentWindow; i-- {
			recent = append(recent, journal[i])
		}
		h := History(day, recent, nil)
		quick := r.IntN(12) == 0
		if !quick {
			lesson, from, err := Resurface(day, s)
			if err != nil {
				t.Fatal(err)
			}
			if lesson != nil {
				h.Resurface, h.ResurfaceDay = lesson, from.Long()
			}
		}
		plan := cat.Plan(day.String(), h, quick)

		// Every path of the plan, asked through a session.
		for _, path := range prompts.Paths() {
			for _, fu := range []string{prompts.Done, "partly", "not yet"} {
				if path.Done != (fu == prompts.Done) {
					continue
				}
				p := &person{r: rand.New(rand.NewPCG(uint64(n), 1)), setback: path.Setback, heavy: path.Heavy, mood: 3, followUp: fu, lesson: "A path lesson."}
				answers, err := (&Session{Plan: plan, Asker: p}).Run(nil)
				if err != nil {
					t.Fatal(err)
				}
				if asked := len(plan.Asked(path)); p.asked > prompts.MaxQuestions || asked > prompts.MaxQuestions {
					t.Errorf("%s: %+v, follow-up %s: %d questions asked (%d planned)", day, path, fu, p.asked, asked)
				}
				for _, a := range answers {
					if path.Heavy && a.PromptID == prompts.LessonID {
						t.Errorf("%s: %+v: a heavy evening asked for the lesson", day, path)
					}
				}
			}
		}
		for _, st := range plan.Steps {
			switch st.Prompt.ID {
			case prompts.FollowUpID:
				followUps++
				wellQuoted(t, day, st.Prompt.Question, followTmpl.Question, "step", nil)
			case prompts.LessonLaterID:
				laterOffered++
				wellQuoted(t, day, st.Prompt.Question, laterTmpl.Question, "setback", map[string]string{"date": h.LessonLaterDay})
				if st.On(prompts.Path{Heavy: true}) || st.On(prompts.Path{Setback: true, Heavy: true}) {
					t.Errorf("%s: a heavy evening is offered the lesson of an earlier one", day)
				}
			case prompts.StillTrueID:
				wellQuoted(t, day, st.Prompt.Question, stillTmpl.Question, "lesson", map[string]string{"date": h.ResurfaceDay})
				if !st.On(prompts.Path{Setback: true}) {
					gaveWay++
				}
			}
		}

		// Tonight's evening, as the person lives it.
		p := &person{r: r, setback: r.IntN(3) == 0, heavy: r.IntN(8) == 0, lesson: lessons[r.IntN(len(lessons))]}
		p.followUp = []string{prompts.Done, "partly", "not yet", ""}[r.IntN(4)]
		if h.Resurface != nil && r.IntN(5) == 0 { // tonight's lesson is the one due back
			p.lesson = strings.ToUpper(h.Resurface.Text) + "!"
		}
		answers, err := (&Session{Plan: plan, Asker: p}).Run(nil)
		if err != nil {
			t.Fatal(err)
		}
		e := Entry{Date: day, Answers: answers}
		for _, a := range answers {
			if a.PromptID == prompts.LessonID {
				drawn[LessonKey(a.Answer)] = append(drawn[LessonKey(a.Answer)], day)
			}
		}
		for _, a := range answers {
			if a.PromptID != prompts.StillTrueID {
				continue
			}
			broughtBack++
			key := LessonKey(h.Resurface.Text)
			backOn[day] = key
			for _, when := range drawn[key] {
				if daysBetween(when, day) < Rest {
					t.Errorf("%s: %q came back, drawn on %s", day, h.Resurface.Text, when)
				}
			}
			if backOn[day.AddDays(-1)] == key {
				t.Errorf("%s: %q came back two evenings running", day, h.Resurface.Text)
			}
		}
		journal = append(journal, e)
		s[day] = Summarize(e)
	}
	// The year went through what it is meant to test.
	if laterOffered < 10 {
		t.Errorf("a heavy evening's lesson was offered later on %d evenings: too few to test", laterOffered)
	}
	if evenings < 250 || followUps < 150 || broughtBack < 40 || gaveWay < 40 {
		t.Errorf("%d evenings, %d follow-ups, %d lessons back, %d plans where the lesson gives way after a setback: too few to test", evenings, followUps, broughtBack, gaveWay)
	}
	t.Logf("%d evenings, %d follow-ups, %d lessons back, %d plans where the lesson gives way after a setback", evenings, followUps, broughtBack, gaveWay)
}
