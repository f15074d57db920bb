package journal

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/reflect-cli/reflect/prompts"
)

// Evening is one evening's reflection on a day, from reading what the day
// holds to saving what the person answered: it picks up a draft, asks only
// what the day lacks, links follow-ups and lessons brought back, keeps a
// draft as it goes, and never drops words it could not save.
type Evening struct {
	Store   Store
	Catalog *prompts.Catalog
	Asker   Prompter
	Day     Day
	Quick   bool // ask three questions: mood, a small win and a next step
	Now     func() time.Time
	// Say shows the person a note about the evening, such as what the day
	// holds already; the commands send it to the error stream.
	Say func(note string)
	// Width is the width that a glance at saved answers is cut to.
	Width int
	// Keep is the last resort for answers the journal could not take: it
	// keeps them elsewhere and returns the error that says where.
	Keep func(day Day, answers []Answer, cause error) error

	// others holds the answers of another evening on the same day, found
	// in the day's draft and kept in it (see putDraft).
	others []Answer
}

// Saved is what an evening added to the journal.
type Saved struct {
	Entry Entry // the day's entry as it now stands
	Added int   // the answers added to it; 0 when there were none
	// Heavy says that tonight was heavy, and HeavyInRow of the last
	// HeavyWindow evenings were: the end of the evening then says, once and
	// quietly, that talking to someone is a strength (see Support).
	Heavy bool
}

// InterruptedError is the person stopping an evening. Whatever was answered
// is kept as the day's draft.
type InterruptedError struct {
	Day Day
	// Kept is how many answers the day's draft now holds; 0 when nothing
	// was answered, and so nothing kept.
	Kept int
	// Untouched: stopped before anything was asked, with the day's earlier
	// draft kept as it was.
	Untouched bool
}

func (e *InterruptedError) Error() string {
	switch {
	case e.Untouched:
		return "interrupted; your unfinished reflection is still kept as a draft"
	case e.Kept == 0:
		return "interrupted; nothing was answered, so nothing was kept"
	}
	return fmt.Sprintf("interrupted; your %s kept as a draft", PluralVerb(e.Kept, "answer"))
}

// Is makes an InterruptedError match ErrInterrupted.
func (e *InterruptedError) Is(target error) bool { return target == ErrInterrupted }

// DraftKeptError is an evening stopped by an error after some answers, which
// are kept as the day's draft.
type DraftKeptError struct {
	Err  error
	Day  Day
	Kept int // answers in the draft
}

func (e *DraftKeptError) Error() string { return e.Err.Error() }
func (e *DraftKeptError) Unwrap() error { return e.Err }

// Run walks the evening: what the day holds, the draft to pick up, the
// plan, the questions, the save.
func (ev *Evening) Run() (Saved, error) {
	held, err := ev.read()
	if err != nil {
		return Saved{}, err
	}
	draft := Draft{Date: ev.Day, Quick: ev.Quick, StartedAt: ev.Now()}
	resumed := false
	if held.hasDraft {
		resume, err := ev.Asker.Confirm(fmt.Sprintf("Pick up your unfinished reflection for %s (%s)?",
			ev.dayName(), Plural(len(held.draft.Answers), "answer")), true)
		if errors.Is(err, ErrInterrupted) {
			return Saved{}, &InterruptedError{Day: ev.Day, Kept: len(held.draft.Answers), Untouched: true}
		}
		if err != nil {
			return Saved{}, err
		}
		if resume {
			draft, resumed = held.draft, true
		} else {
			// Not resuming must not cost the draft's words: they go into the entry.
			entry, err := ev.save(held.draft.Answers, true)
			if err != nil {
				return Saved{}, ev.Keep(ev.Day, held.draft.Answers, err)
			}
			held.entry, held.hasEntry = entry, true
			ev.Say(fmt.Sprintf("Kept the %s of your unfinished reflection in %s's entry.\n", Plural(len(held.draft.Answers), "answer"), ev.dayName()))
		}
	}
	returning := !resumed && held.returning(ev.Day, ev.Now())
	if returning {
		draft.Quick = true // a shorter evening, that night
	}
	plan := ev.Catalog.Plan(ev.Day.String(), held.history, draft.Quick)
	session := Session{Plan: plan, Asker: ev.Asker, Again: draft.Again, Cut: draft.Cut}
	if held.hasEntry {
		// A later run on a day asks only what the day lacks, and the free
		// note; nothing saved is asked again unless the person says so.
		session.Saved = held.entry.Answers
		if !resumed {
			ev.Say(fmt.Sprintf("You have reflected on %s already (%s):\n", ev.dayName(), Plural(len(held.entry.Answers), "answer")))
			ev.Say(ev.brief(held.entry.Answers, ""))
			ev.Say("Tonight's answers are added to them; nothing is replaced.\n")
		}
		// The plan closes with a free note, which adds to any earlier one.
		session.Again = append(slices.Clip(session.Again), prompts.FreeNoteID)
	}
	if returning {
		ev.Say(WelcomeBack + "\n")
	}
	ev.Say(fmt.Sprintf("Reflection for %s. Ctrl-C keeps a draft.\n\n", ev.Day.Long()))
	if resumed {
		ev.Say("Your answers so far:\n" + ev.brief(draft.Answers, draft.Cut))
		if draft.Cut != "" {
			ev.Say("Your last answer was cut short: here it is again, to finish or to keep as it is.\n")
		}
	}
	if held.hasEntry && !resumed {
		again, err := ev.askAgain(plan, held.entry.Answers)
		if errors.Is(err, ErrInterrupted) {
			return Saved{}, &InterruptedError{Day: ev.Day}
		}
		if err != nil {
			return Saved{}, err
		}
		draft.Again = again
		session.Again = append(again, session.Again...)
	}

	warned := false
	session.Checkpoint = func(answers []Answer) {
		draft.Answers, draft.Cut = answers, session.Cut
		draft.UpdatedAt = ev.Now()
		if err := ev.putDraft(draft); err != nil && !warned {
			ev.Say(fmt.Sprintf("reflect: could not keep a draft (%v); carrying on\n", err))
			warned = true
		}
	}
	answers, err := session.Run(draft.Answers)
	if err != nil {
		return Saved{}, ev.stopped(draft, answers, session.Cut, err)
	}
	if len(answers) == 0 {
		return Saved{Entry: held.entry}, nil
	}
	entry, err := ev.save(answers, true)
	if err != nil {
		return Saved{}, ev.Keep(ev.Day, answers, err)
	}
	heavy := IsHeavy(entry) && held.heavyBefore+1 >= HeavyInRow
	return Saved{Entry: entry, Added: len(answers), Heavy: heavy}, nil
}

// stopped keeps the answers of an evening that err stopped as the day's
// draft, and returns the error that says so.
func (ev *Evening) stopped(draft Draft, answers []Answer, cut string, err error) error {
	if len(answers) == 0 {
		if errors.Is(err, ErrInterrupted) {
			return &InterruptedError{Day: ev.Day}
		}
		return err
	}
	draft.Answers, draft.Cut = answers, cut
	draft.UpdatedAt = ev.Now()
	if derr := ev.putDraft(draft); derr != nil {
		return ev.Keep(ev.Day, answers, derr)
	}
	if errors.Is(err, ErrInterrupted) {
		return &InterruptedError{Day: ev.Day, Kept: len(answers)}
	}
	return &DraftKeptError{Err: err, Day: ev.Day, Kept: len(answers)}
}

// held is what the journal holds for the day of an evening.
type held struct {
	entry    Entry
	hasEntry bool
	draft    Draft
	hasDraft bool
	history  prompts.History
	// heavyBefore is how many of the HeavyWindow-1 evenings before the
	// day, in the fortnight before it, were heavy.
	heavyBefore int
	// lastWritten is the latest day before it with an entry; the zero Day
	// when there is none.
	lastWritten Day
}

func (ev *Evening) read() (held, error) { return readDay(ev.Store, ev.Day, ev.Quick, ev.Now()) }

// readDay reads what the journal holds for day, and the history its plan
// needs.
func readDay(s Store, day Day, quick bool, now time.Time) (held, error) {
	var h held
	err := s.Read(func(r Reader) error {
		var err error
		if h.entry, h.hasEntry, err = r.Entry(day); err != nil {
			return err
		}
		if h.draft, h.hasDraft, err = r.Draft(day); err != nil {
			return err
		}
		// A draft's answers count as given: resumed, they are not asked
		// again; declined, they join the entry.
		given := h.entry
		given.Answers = append(append([]Answer(nil), h.entry.Answers...), h.draft.Answers...)
		h.history, h.heavyBefore, h.lastWritten, err = readHistory(r, day, &given, quick, now)
		return err
	})
	return h, err
}

// readHistory reads what the plan of day needs from the journal: the last
// prompts.RecentWindow entries before it, the step to follow up and, unless
// quick or already done that day, the lesson to bring back. today is what
// the day holds already. It also counts the heavy evenings just before day
// (HeavyBefore), and gives the latest day before it with an entry (the
// zero Day for none).
func readHistory(r Reader, day Day, today *Entry, quick bool, now time.Time) (h prompts.History, heavy int, last Day, err error) {
	var recent []Entry
	err = r.Descend(day.AddDays(-1), Earliest, func(e Entry) error {
		if recent = append(recent, e); len(recent) == prompts.RecentWindow {
			return Stop
		}
		return nil
	})
	if err != nil {
		return h, 0, last, err
	}
	if len(recent) > 0 {
		last = recent[0].Date
	}
	h = History(day, recent, today)
	heavy = HeavyBefore(day, recent)
	if quick || slices.ContainsFunc(today.Answers, func(a Answer) bool { return a.PromptID == prompts.StillTrueID }) {
		return h, heavy, last, nil
	}
	lesson, drawn, err := Resurface(day, r)
	if err != nil || lesson == nil {
		return h, heavy, last, err
	}
	h.Resurface, h.ResurfaceDay = lesson, DayName(drawn, now)
	return h, heavy, last, nil
}

// PlanFor returns the plan of day on the journal as it stands.
func PlanFor(s Store, cat *prompts.Catalog, day Day, quick bool, now time.Time) (prompts.Plan, error) {
	h, err := readDay(s, day, quick, now)
	if err != nil {
		return prompts.Plan{}, err
	}
	return cat.Plan(day.String(), h.history, quick || h.returning(day, now)), nil
}

// returning reports whether an evening on day, when it is today, comes
// back after days away (IsReturn) to a day with nothing yet: it is then a
// short one.
func (h held) returning(day Day, now time.Time) bool {
	return !h.hasEntry && !h.hasDraft && day == Today(now) && IsReturn(h.lastWritten, day)
}

// askAgain offers to answer once more one of the plan's questions that the
// day's saved answers answer, and returns the prompt chosen, if any.
func (ev *Evening) askAgain(plan prompts.Plan, saved []Answer) ([]string, error) {
	var ids, questions []string
	for _, step := range plan.Steps {
		id := step.Prompt.ID
		if slices.ContainsFunc(saved, func(a Answer) bool { return a.PromptID == id }) && !slices.Contains(ids, id) {
			ids = append(ids, id)
			questions = append(questions, Visible(OneLine(step.Prompt.Question)))
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	yes, err := ev.Asker.Confirm("Answer one of them again? (the earlier answer is kept)", false)
	if err != nil || !yes {
		return nil, err
	}
	i, err := ev.Asker.Choose("Which one?", questions)
	if err != nil {
		return nil, err
	}
	return ids[i : i+1 : i+1], nil
}

// brief lists answers one to a line, question then answer, cut to the
// width, for a glance at what a day holds; the last answer to the prompt
// cut is left out (it is about to be put again in full).
func (ev *Evening) brief(answers []Answer, cut string) string {
	skip := -1
	for i, a := range answers {
		if a.PromptID == cut {
			skip = i
		}
	}
	var b strings.Builder
	for i, a := range answers {
		if i == skip {
			continue
		}
		line := "  " + Visible(OneLine(a.Question)) + "  " + Visible(OneLine(Display(a, ev.Catalog)))
		if ev.Width > 1 && utf8.RuneCountInString(line) > ev.Width-1 {
			line = string([]rune(line)[:ev.Width-2]) + "…"
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

func (ev *Evening) dayName() string { return DayName(ev.Day, ev.Now()) }

// putDraft keeps the evening's answers as the day's draft. Another evening
// on the same day (in a second terminal) keeps its draft under the same
// day: the answers of a draft this evening did not start and does not hold
// are kept in it too, so that neither evening's words are lost.
func (ev *Evening) putDraft(d Draft) error {
	return ev.Store.Write(func(w Writer) error {
		stored, ok, err := w.Draft(d.Date)
		if err != nil {
			return err
		}
		if ok && !stored.StartedAt.Equal(d.StartedAt) {
			ev.others = append(ev.others, otherThan(stored.Answers, append(d.Answers, ev.others...))...)
		}
		d.Answers = append(slices.Clip(d.Answers), otherThan(ev.others, d.Answers)...)
		return w.PutDraft(d)
	})
}

// save adds answers to the day's entry and, with dropDraft, takes them out
// of the day's draft, in one transaction. The draft goes with them, unless
// it holds answers of another evening (see putDraft), which it keeps.
func (ev *Evening) save(answers []Answer, dropDraft bool) (Entry, error) {
	var entry Entry
	err := ev.Store.Write(func(w Writer) error {
		var err error
		if entry, err = w.AddAnswers(ev.Day, answers, ev.Now()); err != nil || !dropDraft {
			return err
		}
		stored, ok, err := w.Draft(ev.Day)
		if err != nil || !ok {
			return err
		}
		if stored.Answers = otherThan(stored.Answers, answers); len(stored.Answers) > 0 {
			stored.Cut = ""
			return w.PutDraft(stored)
		}
		return w.DeleteDraft(ev.Day)
	})
	return entry, err
}

// otherThan returns the answers of list that are not in drop, each taken
// once: an answer is the same as another with the same prompt and text.
func otherThan(list, drop []Answer) []Answer {
	var out []Answer
	for _, a := range list {
		same := func(b Answer) bool { return b.PromptID == a.PromptID && b.Answer == a.Answer }
		if !slices.ContainsFunc(drop, same) && !slices.ContainsFunc(out, same) {
			out = append(out, a)
		}
	}
	return out
}
