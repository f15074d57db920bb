package cmd

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reflect-cli/reflect/journal"
)

// noteOptions are note's flags and arguments.
type noteOptions struct {
	date string   // the day to add the note to; "" for today
	text []string // the note's words, or "-" for standard input
}

// maxNote is the most of a note read from standard input: a note is a few
// lines, and an endless stream must not fill the memory.
const maxNote = 1 << 20

func newNoteCmd(app *App) *cobra.Command {
	var opts noteOptions
	c := &cobra.Command{
		Use:   "note TEXT|-",
		Short: "Add a free note to today's entry, without the evening",
		Long: `Adds TEXT (the words of the command line, joined by spaces), or what
standard input holds with -, to the day's entry as a free note: the answer
to the evening's "Anything else on your mind?". The entry is made if the
day has none; nothing in it is replaced.`,
		Example: `  reflect note "Walked home the long way; the river was high."
  reflect note --date yesterday Forgot to say: Sam called.
  pbpaste | reflect note -`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{msg: "note takes its TEXT, or - to read it from standard input", hint: `For example: reflect note "Sam called."`}
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			opts.text = args
			return runNote(app, opts)
		},
	}
	c.Flags().StringVar(&opts.date, "date", "", "the `DATE` to add the note to: YYYY-MM-DD, today, yesterday, a weekday, N days ago or -Nd (default today)")
	return c
}

func runNote(app *App, opts noteOptions) error {
	day, err := app.writtenDay(opts.date)
	if err != nil {
		return err
	}
	text := strings.Join(opts.text, " ")
	if len(opts.text) == 1 && opts.text[0] == "-" {
		data, err := io.ReadAll(io.LimitReader(app.In, maxNote+1))
		if err != nil {
			return fmt.Errorf("reading the note: %w", err)
		}
		if len(data) > maxNote {
			return usageError{msg: fmt.Sprintf("the note on standard input is larger than %d MiB; nothing was saved", maxNote>>20)}
		}
		text = string(data)
	}
	cat, err := app.Catalog()
	if err != nil {
		return err
	}
	note, err := journal.Note(cat, text)
	if errors.Is(err, journal.ErrEmptyNote) {
		return usageError{msg: "the note is empty; nothing was saved"}
	}
	if err != nil {
		return err
	}
	j, err := app.journalOrKeep(day, []journal.Answer{note})
	if err != nil {
		return err
	}
	// The note exists nowhere else: a save that fails keeps it in a file.
	given := journal.Given{Store: j, Catalog: cat, Day: day, Now: app.Now, OnlyCopy: true, Keep: keeper(app, j)}
	saved, err := given.Save([]journal.Answer{note})
	if err != nil {
		return err
	}
	fmt.Fprintf(app.Out, "Added a note to %s (%s in all).\n", dayName(app, day), plural(len(saved.Entry.Answers), "answer"))
	return nil
}
