package cmd

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/reflect-cli/reflect/cmd/internal/terminal"
	"github.com/reflect-cli/reflect/journal"
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
	c.Flags().StringVar(&opts.date, "date", "", "the `DATE` to reflect on: YYYY-MM-DD, today, yesterday, a weekday, N days ago or -Nd (default today)")
	c.Flags().StringVar(&opts.answers, "answers", "", "take answers from a JSON `FILE` (- for standard input) instead of asking")
	c.Flags().BoolVar(&opts.quick, "quick", false, "a short evening: the follow-up of your last step, then mood, a small win and a next step")
	c.Flags().BoolVar(&opts.editor, "editor", false, "write long answers in $VISUAL or $EDITOR")
	return c
}

func runToday(app *App, opts todayOptions) error {
	day, err := app.writtenDay(opts.date)
	if err != nil {
		return err
	}
	if opts.answers != "" {
		return saveAnswersFile(app, day, opts.answers)
	}
	j, err := app.Journal()
	if err != nil {
		return err
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

// saveAnswersFile records the answers of an answers file under day. They
// are read before the journal is opened: answers from standard input have
// no other copy, and a journal that cannot be had (a link that leads
// nowhere) must not cost them.
func saveAnswersFile(app *App, day journal.Day, path string) error {
	var r io.Reader = app.In
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return usageError{msg: fmt.Sprintf("--answers: %v", err)}
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil && fi.IsDir() {
			return usageError{msg: fmt.Sprintf("--answers: %s is a folder, not a file", path)}
		}
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
	open := app.Journal
	if path == "-" {
		open = func() (*storage.Journal, error) { return app.journalOrKeep(day, answers) }
	}
	j, err := open()
	if err != nil {
		return err
	}
	given := journal.Given{Store: j, Catalog: cat, Day: day, Now: app.Now, OnlyCopy: path == "-", Keep: keeper(app, j)}
	saved, err := given.Save(answers)
	if err != nil {
		return err
	}
	fmt.Fprintln(app.Out, savedLine(app, saved.Entry, saved.Added))
	return nil
}

func reflectInteractively(app *App, j *storage.Journal, day journal.Day, quick bool, editor string) error {
	cat, err := app.Catalog()
	if err != nil {
		return err
	}
	if j.Exists() {
		// The passphrase, when the journal is encrypted, is asked for now,
		// before the questions take the terminal.
		if err := j.Unlock(); err != nil {
			return err
		}
	}
	asker, stop, err := app.asker(editor)
	if err != nil {
		return err
	}
	defer stop()
	ev := journal.Evening{
		Store: j, Catalog: cat, Asker: asker, Day: day, Quick: quick, Now: app.Now,
		Say:   func(note string) { app.Printf("%s", note) },
		Width: app.Width(),
		Keep:  keeper(app, j),
	}
	saved, err := ev.Run()
	var stopped *journal.InterruptedError
	var kept *journal.DraftKeptError
	switch {
	case errors.As(err, &stopped):
		if stopped.Kept == 0 {
			return interruptedError{msg: stopped.Error()}
		}
		return interruptedError{msg: stopped.Error(), hint: resumeHint(app, day)}
	case errors.As(err, &kept):
		return hintedError{err: kept.Err, hint: fmt.Sprintf("Your answers so far (%d) are kept as a draft. %s", kept.Kept, resumeHint(app, day))}
	case err != nil:
		return err
	case saved.Added == 0:
		fmt.Fprintf(app.Out, "\nNothing added to %s.\n", dayName(app, day))
		return nil
	}
	fmt.Fprintln(app.Out, "\n"+savedLine(app, saved.Entry, saved.Added))
	if saved.Heavy {
		fmt.Fprintln(app.Out, terminal.Style{Color: app.Color()}.Dim(journal.Support))
	}
	return nil
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
func dayName(app *App, d journal.Day) string { return journal.DayName(d, app.Now()) }

// plural is "1 answer", "3 answers" or "2 entries".
func plural(n int, noun string) string { return journal.Plural(n, noun) }

// writtenDay is the day that --date names for writing to (today when it
// is ""): never one in the future.
func (a *App) writtenDay(date string) (journal.Day, error) {
	if date == "" {
		return a.Today(), nil
	}
	day, err := a.ParseEntryDay("--date", date)
	if err != nil {
		return day, err
	}
	if day.After(a.Today()) {
		return day, usageError{msg: fmt.Sprintf("--date %s is in the future", day), hint: "Reflect on today or an earlier day."}
	}
	return day, nil
}

// journalOrKeep is the journal, as Journal; when there is none to be had
// (a link that leads nowhere), answers that exist nowhere else are kept in
// a file, and the error says where.
func (a *App) journalOrKeep(day journal.Day, answers []journal.Answer) (*storage.Journal, error) {
	j, err := a.Journal()
	if err == nil {
		return j, nil
	}
	where, perr := a.JournalPath()
	if perr != nil {
		return nil, err
	}
	return nil, keepAnswers(a, storage.New(where), day, answers, err)
}
