package cmd

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/reflect-cli/reflect/cmd/internal/terminal"
	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/prompts"
	"github.com/reflect-cli/reflect/storage"
)

type todayOptions struct {
	date    string
	answers string
	quick   bool
	editor  bool
}

func newTodayCmd(app *App) *cobra.Command {
	var opts todayOptions
	c := &cobra.Command{
		Use:   "today",
		Short: "Reflect on the day: about five minutes of questions",
		Long: `Walks you through the evening's reflection and saves your answers under the
date (today by default; until 04:00 that is still yesterday).

Ctrl-C keeps the answers given so far as a draft; the next 'reflect today' for
that date offers to pick up where you left off, starting with the answer that
was cut short. On a day that has an entry, it asks only what the day lacks and
a free note, and adds them to it; nothing saved is replaced.`,
		Example: `  reflect today
  reflect today --quick
  reflect today --date yesterday
  echo '{"mood": 4, "win-small": "Shipped it"}' | reflect today --answers -`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(*cobra.Command, []string) error { return runToday(app, opts) },
	}
	c.Flags().StringVar(&opts.date, "date", "", "the day to reflect on: YYYY-MM-DD, yesterday or a weekday (default today)")
	c.Flags().StringVar(&opts.answers, "answers", "", "take answers from a JSON `FILE` (- for standard input) instead of asking")
	c.Flags().BoolVar(&opts.quick, "quick", false, "ask three questions: mood, a small win and a next step")
	c.Flags().BoolVar(&opts.editor, "editor", false, "write long answers in $VISUAL or $EDITOR")
	return c
}

func runToday(app *App, opts todayOptions) error {
	day := app.Today()
	if opts.date != "" {
		var err error
		if day, err = app.ParseEntryDay("--date", opts.date); err != nil {
			return err
		}
		if day.After(app.Today()) {
			return usageError{msg: fmt.Sprintf("--date %s is in the future", day), hint: "Reflect on today or an earlier day."}
		}
	}
	j, err := app.Journal()
	if err != nil {
		return err
	}
	if opts.answers != "" {
		return saveAnswersFile(app, j, day, opts.answers)
	}
	var editor string // the shell command long answers are written in
	if opts.editor {
		if editor, err = terminal.FindEditor(app.Getenv); err != nil {
			return usageError{msg: "--editor: " + err.Error()}
		}
	}
	if !app.InTTY {
		return usageError{
			msg:  "no terminal to ask in: give the answers with --answers FILE (or --answers - for standard input)",
			hint: `For example: echo '{"mood": 4}' | reflect today --answers -`,
		}
	}
	return reflectInteractively(app, j, day, opts.quick, editor)
}

// saveAnswersFile records the answers of an answers file under day.
func saveAnswersFile(app *App, j *storage.Journal, day journal.Day, path string) error {
	var r io.Reader = app.In
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return usageError{msg: fmt.Sprintf("--answers: %v", err)}
		}
		defer f.Close()
		r = f
	}
	cat, err := app.Catalog()
	if err != nil {
		return err
	}
	answers, err := journal.ParseAnswers(r, cat)
	if err != nil {
		return err
	}
	if slices.ContainsFunc(answers, comesBack) {
		plan, err := planFor(app, j, day, false)
		if err == nil {
			err = linkAnswers(answers, plan)
		}
		var bad *journal.AnswersError
		if err != nil && path == "-" && !errors.As(err, &bad) {
			return keepAnswers(app, j, day, answers, err)
		}
		if err != nil {
			return err
		}
	}
	// A day's draft belongs to an interrupted session in a terminal: an
	// answers file adds to the entry and leaves the draft for that session.
	entry, err := saveEntry(j, day, answers, app.Now(), false)
	if err != nil {
		if path == "-" { // the only copy of these words is in this process
			return keepAnswers(app, j, day, answers, err)
		}
		return err
	}
	fmt.Fprintln(app.Out, savedLine(app, entry, len(answers)))
	return nil
}

// comesBack reports whether an answer is to a prompt that comes back to an
// earlier answer: a follow-up, or a lesson brought back.
func comesBack(a journal.Answer) bool {
	return a.PromptID == prompts.FollowUpID || a.PromptID == prompts.ObstacleID || a.PromptID == prompts.StillTrueID
}

// linkAnswers gives the answers of an answers file that come back to an
// earlier answer (a follow-up, a lesson brought back) the question and link
// of the plan's step. Such an answer with no such step is an error.
func linkAnswers(answers []journal.Answer, plan prompts.Plan) error {
	for i, a := range answers {
		step := slices.IndexFunc(plan.Steps, func(s prompts.Step) bool { return s.Prompt.ID == a.PromptID })
		switch {
		case step >= 0 && plan.Steps[step].FollowsUp != nil:
			answers[i].Question = plan.Steps[step].Prompt.Question
			answers[i].FollowsUp = plan.Steps[step].FollowsUp
		case a.PromptID == prompts.FollowUpID || a.PromptID == prompts.ObstacleID:
			return &journal.AnswersError{PromptID: a.PromptID, Reason: fmt.Sprintf("there is no planned step to follow up on %s", plan.Date)}
		case a.PromptID == prompts.StillTrueID:
			return &journal.AnswersError{PromptID: a.PromptID, Reason: fmt.Sprintf("no earlier lesson comes back on %s", plan.Date)}
		}
	}
	return nil
}

// evening is what the journal holds for the day of a reflection.
type evening struct {
	entry    journal.Entry
	hasEntry bool
	draft    journal.Draft
	hasDraft bool
	history  prompts.History
}

func readEvening(app *App, j *storage.Journal, day journal.Day, quick bool) (evening, error) {
	var ev evening
	err := j.View(func(r *storage.Reader) error {
		var err error
		if ev.entry, ev.hasEntry, err = r.Entry(day); err != nil {
			return err
		}
		if ev.draft, ev.hasDraft, err = r.Draft(day); err != nil {
			return err
		}
		// A draft's answers count as given: resumed, they are not asked
		// again; declined, they join the entry.
		given := ev.entry
		given.Answers = append(append([]journal.Answer(nil), ev.entry.Answers...), ev.draft.Answers...)
		ev.history, err = readHistory(app, r, day, &given, quick)
		return err
	})
	if errors.Is(err, storage.ErrNotExist) {
		err = nil
	}
	return ev, err
}

// readHistory reads what the plan of day needs from the journal: the last
// prompts.RecentWindow entries before it, the step to follow up and, unless
// quick or already done that day, the lesson to bring back. today is what
// the day holds already.
func readHistory(app *App, r *storage.Reader, day journal.Day, today *journal.Entry, quick bool) (prompts.History, error) {
	var recent []journal.Entry
	err := r.Descend(day.AddDays(-1), journal.Earliest, func(e journal.Entry) error {
		if recent = append(recent, e); len(recent) == prompts.RecentWindow {
			return storage.Stop
		}
		return nil
	})
	if err != nil {
		return prompts.History{}, err
	}
	h := journal.History(day, recent, today)
	if quick || slices.ContainsFunc(today.Answers, func(a journal.Answer) bool { return a.PromptID == prompts.StillTrueID }) {
		return h, nil
	}
	lesson, drawn, err := journal.Resurface(day, r)
	if err != nil || lesson == nil {
		return h, err
	}
	h.Resurface, h.ResurfaceDay = lesson, dayName(app, drawn)
	return h, nil
}

// planFor returns the plan of day on the journal as it stands.
func planFor(app *App, j *storage.Journal, day journal.Day, quick bool) (prompts.Plan, error) {
	ev, err := readEvening(app, j, day, quick)
	if err != nil {
		return prompts.Plan{}, err
	}
	cat, err := app.Catalog()
	if err != nil {
		return prompts.Plan{}, err
	}
	return cat.Plan(day.String(), ev.history, quick), nil
}

func reflectInteractively(app *App, j *storage.Journal, day journal.Day, quick bool, editor string) error {
	cat, err := app.Catalog()
	if err != nil {
		return err
	}
	ev, err := readEvening(app, j, day, quick)
	if err != nil {
		return err
	}
	asker, stop, err := app.asker(editor)
	if err != nil {
		return err
	}
	defer stop()

	draft := journal.Draft{Date: day, Quick: quick, StartedAt: app.Now()}
	resumed := false
	if ev.hasDraft {
		resume, err := asker.Confirm(fmt.Sprintf("Pick up your unfinished reflection for %s (%s)?",
			dayName(app, day), plural(len(ev.draft.Answers), "answer")), true)
		if errors.Is(err, journal.ErrInterrupted) {
			return interruptedError{msg: "interrupted; your unfinished reflection is still kept as a draft", hint: resumeHint(app, day)}
		}
		if err != nil {
			return err
		}
		if resume {
			draft, resumed = ev.draft, true
		} else {
			// Not resuming must not cost the draft's words: they go into the entry.
			entry, err := saveEntry(j, day, ev.draft.Answers, app.Now(), true)
			if err != nil {
				return keepAnswers(app, j, day, ev.draft.Answers, err)
			}
			ev.entry, ev.hasEntry = entry, true
			app.Printf("Kept the %s of your unfinished reflection in %s's entry.\n", plural(len(ev.draft.Answers), "answer"), dayName(app, day))
		}
	}
	plan := cat.Plan(day.String(), ev.history, draft.Quick)
	session := journal.Session{Plan: plan, Asker: asker, Again: draft.Again, Cut: draft.Cut}
	if ev.hasEntry {
		// A later run on a day asks only what the day lacks, then takes a
		// free note; nothing saved is asked again unless the person says so.
		session.Saved = ev.entry.Answers
		if !resumed {
			app.Printf("You have reflected on %s already (%s):\n", dayName(app, day), plural(len(ev.entry.Answers), "answer"))
			app.Printf("%s", briefAnswers(ev.entry.Answers, "", app.Width()))
			app.Printf("Tonight's answers are added to them; nothing is replaced.\n")
		}
		if note, ok := cat.Lookup(journal.FreeWritePromptID); ok {
			session.Plan.Steps = append(slices.Clip(session.Plan.Steps), prompts.Step{Prompt: note, When: prompts.Always})
			session.Again = append(slices.Clip(session.Again), note.ID) // a note adds to any earlier one
		}
	}
	app.Printf("Reflection for %s. Ctrl-C keeps a draft.\n\n", day.Long())
	if resumed {
		app.Printf("Your answers so far:\n%s", briefAnswers(draft.Answers, draft.Cut, app.Width()))
		if draft.Cut != "" {
			app.Printf("Your last answer was cut short: here it is again, to finish or to keep as it is.\n")
		}
	}
	if ev.hasEntry && !resumed {
		again, err := askAgain(asker, plan, ev.entry.Answers)
		if errors.Is(err, journal.ErrInterrupted) {
			return interruptedError{msg: "interrupted; nothing was answered, so nothing was kept"}
		}
		if err != nil {
			return err
		}
		draft.Again = again
		session.Again = append(again, session.Again...)
	}

	warned := false
	session.Checkpoint = func(answers []journal.Answer) {
		draft.Answers, draft.Cut = answers, session.Cut
		draft.UpdatedAt = app.Now()
		if err := putDraft(j, draft); err != nil {
			if !warned {
				app.Printf("reflect: could not keep a draft (%v); carrying on\n", err)
				warned = true
			}
		}
	}
	answers, err := session.Run(draft.Answers)
	if err != nil {
		draft.Answers, draft.Cut = answers, session.Cut
		if len(answers) == 0 {
			if errors.Is(err, journal.ErrInterrupted) {
				return interruptedError{msg: "interrupted; nothing was answered, so nothing was kept"}
			}
			return err
		}
		if derr := putDraft(j, draft); derr != nil {
			return keepAnswers(app, j, day, answers, derr)
		}
		if errors.Is(err, journal.ErrInterrupted) {
			return interruptedError{msg: draftNote(len(answers)), hint: resumeHint(app, day)}
		}
		return hintedError{err: err, hint: fmt.Sprintf("Your answers so far (%d) are kept as a draft. %s", len(answers), resumeHint(app, day))}
	}
	if len(answers) == 0 {
		fmt.Fprintf(app.Out, "\nNothing added to %s.\n", dayName(app, day))
		return nil
	}
	entry, err := saveEntry(j, day, answers, app.Now(), true)
	if err != nil {
		return keepAnswers(app, j, day, answers, err)
	}
	fmt.Fprintln(app.Out, "\n"+savedLine(app, entry, len(answers)))
	return nil
}

// askAgain offers to answer once more one of the plan's questions that the
// day's saved answers answer, and returns the prompt chosen, if any.
func askAgain(asker journal.Prompter, plan prompts.Plan, saved []journal.Answer) ([]string, error) {
	var ids, questions []string
	for _, step := range plan.Steps {
		id := step.Prompt.ID
		if slices.ContainsFunc(saved, func(a journal.Answer) bool { return a.PromptID == id }) && !slices.Contains(ids, id) {
			ids = append(ids, id)
			questions = append(questions, journal.Visible(oneLine(step.Prompt.Question)))
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	yes, err := asker.Confirm("Answer one of them again? (the earlier answer is kept)", false)
	if err != nil || !yes {
		return nil, err
	}
	i, err := asker.Choose("Which one?", questions)
	if err != nil {
		return nil, err
	}
	return ids[i : i+1 : i+1], nil
}

// briefAnswers lists answers one to a line, question then answer, cut to
// width, for a glance at what a day holds; the last answer to the prompt
// cut is left out (it is about to be put again in full).
func briefAnswers(answers []journal.Answer, cut string, width int) string {
	cat := prompts.Builtin()
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
		line := "  " + journal.Visible(oneLine(a.Question)) + "  " + journal.Visible(oneLine(journal.Display(a, cat)))
		if width > 1 && utf8.RuneCountInString(line) > width-1 {
			line = line[:byteIndexOfRune(line, width-2)] + "…"
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

// putDraft keeps the answers of an unfinished session.
func putDraft(j *storage.Journal, d journal.Draft) error {
	return j.Update(func(w *storage.Writer) error { return w.PutDraft(d) })
}

// saveEntry adds answers to the day's entry, given at now, and with
// dropDraft also removes the day's draft, all in one transaction.
func saveEntry(j *storage.Journal, day journal.Day, answers []journal.Answer, now time.Time, dropDraft bool) (journal.Entry, error) {
	var entry journal.Entry
	err := j.Update(func(w *storage.Writer) error {
		var err error
		if entry, err = w.AddAnswers(day, answers, now); err != nil || !dropDraft {
			return err
		}
		return w.DeleteDraft(day)
	})
	return entry, err
}

// keepAnswers is the last resort when the journal cannot take the answers:
// they are written to a file of their own, in the JSON form of entries, and
// the error says where.
func keepAnswers(app *App, j *storage.Journal, day journal.Day, answers []journal.Answer, cause error) error {
	path, err := writeAnswersFile(app, j, day, answers)
	if err != nil {
		return hintedError{
			err:  fmt.Errorf("could not save your answers: %w; nor keep them in a file: %v", cause, err),
			hint: "Your answers are printed below so that you can copy them.\n" + answersText(answers, day),
		}
	}
	return hintedError{
		err:  fmt.Errorf("could not save your answers: %w", cause),
		hint: fmt.Sprintf("Your answers are kept in %s.", path),
	}
}

// writeAnswersFile writes answers as a one-entry JSON file (mode 0600) in
// the journal's folder, else the home folder, else the temporary folder.
func writeAnswersFile(app *App, j *storage.Journal, day journal.Day, answers []journal.Answer) (string, error) {
	entry := journal.Entry{Date: day}
	entry.Add(answers, app.Now())
	name := fmt.Sprintf("reflect-answers-%s-%s.json", day, app.Now().Format("150405"))
	var firstErr error
	for _, dir := range []string{filepath.Dir(j.Path), app.Getenv("HOME"), os.TempDir()} {
		if dir == "" {
			continue
		}
		path, err := writeEntryFile(dir, name, entry)
		if err == nil {
			return path, nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return "", firstErr
}

// writeEntryFile writes entry, in the JSON form of entries that import
// reads, to a new file (mode 0600) named name in dir; if that name is
// taken, a number is added to it. It returns the file's path.
func writeEntryFile(dir, name string, entry journal.Entry) (string, error) {
	var data bytes.Buffer
	if err := writeJSON(&data, []journal.Entry{entry}); err != nil {
		return "", err
	}
	ext := filepath.Ext(name)
	for n := 1; ; n++ {
		path := filepath.Join(dir, name)
		if n > 1 {
			path = filepath.Join(dir, fmt.Sprintf("%s-%d%s", strings.TrimSuffix(name, ext), n, ext))
		}
		err := createFile(path, data.Bytes())
		if errors.Is(err, fs.ErrExist) && n < 100 {
			continue
		}
		if err != nil {
			return "", err
		}
		return path, nil
	}
}

// answersText renders answers as show does, for a person to copy.
func answersText(answers []journal.Answer, day journal.Day) string {
	var b strings.Builder
	renderEntry(&b, journal.Entry{Date: day, Answers: answers}, terminal.Style{}, 80)
	return b.String()
}

// resumeHint is the advice after an interruption that kept a draft of day.
func resumeHint(app *App, day journal.Day) string {
	return "To pick up where you left off, run: " + todayCommand(app, day)
}

// todayCommand is the command that reflects on day (and so picks up its
// draft), as the person would type it: 'reflect today', with --date when day
// is not today and --db when the journal was named with it.
func todayCommand(app *App, day journal.Day) string {
	c := "reflect today"
	if day.String() != app.Today().String() {
		c += " --date " + day.String()
	}
	if app.DBFlag != "" {
		c += " --db " + shellQuote(app.DBFlag)
	}
	return c
}

// shellQuote quotes s as a POSIX shell reads it back: as it is when it
// holds only characters a shell leaves alone; else in single quotes; else,
// when it holds what must not reach a terminal (a control character, a bidi
// control, bytes that are not UTF-8), as $'…' with those escaped.
func shellQuote(s string) string {
	plain, printable := s != "", true
	var escaped strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			printable = false
			fmt.Fprintf(&escaped, `\x%02x`, s[i])
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			printable = false
			switch {
			case r < utf8.RuneSelf:
				fmt.Fprintf(&escaped, `\x%02x`, r)
			case r <= 0xffff:
				fmt.Fprintf(&escaped, `\u%04x`, r)
			default:
				fmt.Fprintf(&escaped, `\U%08x`, r)
			}
		case r == '\\' || r == '\'':
			escaped.WriteString(`\` + string(r))
		default:
			escaped.WriteString(s[i : i+size])
		}
		if r >= utf8.RuneSelf || !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-_./:@%+=,", r)) {
			plain = false
		}
		i += size
	}
	switch {
	case plain:
		return s
	case printable:
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	return "$'" + escaped.String() + "'"
}

func draftNote(n int) string {
	return fmt.Sprintf("interrupted; your %s kept as a draft", pluralVerb(n, "answer"))
}

// pluralVerb is "answer is" or "3 answers are".
func pluralVerb(n int, noun string) string {
	if n == 1 {
		return noun + " is"
	}
	return fmt.Sprintf("%d %ss are", n, noun)
}

// savedLine is the confirmation of a save, such as
// "Saved Friday 20 November: 7 answers."
func savedLine(app *App, entry journal.Entry, added int) string {
	s := fmt.Sprintf("Saved %s: %s", dayName(app, entry.Date), plural(added, "answer"))
	if total := len(entry.Answers); total > added {
		s += fmt.Sprintf(" (%d in all)", total)
	}
	return s + "."
}

// dayName is "Friday 20 November", with the year when it is not this year's.
func dayName(app *App, d journal.Day) string {
	if d.Year() == app.Now().Year() {
		return d.Format("Monday 2 January")
	}
	return d.Long()
}

// plural is "1 answer", "3 answers" or "2 entries".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "y") && !strings.ContainsAny(noun[len(noun)-2:len(noun)-1], "aeiou") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(noun, "y"))
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
