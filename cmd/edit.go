package cmd

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/reflect-cli/reflect/cmd/internal/terminal"
	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/storage"
)

func newEditCmd(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "edit DATE",
		Short: "Change a day's answers in your editor",
		Long: `Opens the entry of DATE in $VISUAL (else $EDITOR) as text, each question a
heading with your answer below it. Change the answers, save and close: the
entry takes the changes. An answer you empty is removed.

Closing the editor without saving, or an editor that fails, changes nothing.
Text that cannot be read back is kept in a file, and the message says where.`,
		Example: `  reflect edit yesterday
  EDITOR=nano reflect edit 2026-11-20`,
		Args: exactArgs(1, "one DATE"),
		RunE: func(_ *cobra.Command, args []string) error {
			day, err := app.ParseDay("DATE", args[0])
			if err != nil {
				return err
			}
			return runEdit(app, day)
		},
	}
}

func runEdit(app *App, day journal.Day) error {
	j, err := app.Journal()
	if err != nil {
		return err
	}
	entry, err := readEntry(j, day) // a day with nothing to edit says so first
	if err != nil {
		return err
	}
	editor, err := terminal.FindEditor(app.Getenv)
	if err != nil {
		return hintedError{err: err, hint: "For example: export EDITOR=nano"}
	}

	original := journal.EditText(entry)
	f, err := os.CreateTemp(app.Getenv("TMPDIR"), "reflect-edit-"+day.String()+"-*.txt")
	if err != nil {
		return fmt.Errorf("creating a file for the editor: %w", err)
	}
	path := f.Name()
	if err := writeAndClose(f, []byte(original)); err != nil {
		os.Remove(path)
		return fmt.Errorf("creating a file for the editor: %w", err)
	}
	runErr := terminal.RunEditor(editor, path, app.In, app.Out, app.Err)
	data, readErr := os.ReadFile(path)
	edited := string(data)
	changed := readErr == nil && edited != original

	// keep is the way out whenever the edited text cannot be saved: the file
	// stays, and the error says where.
	keep := func(err error) error {
		return hintedError{err: err, hint: fmt.Sprintf("Nothing was changed. Your edited text is kept in %s.", path)}
	}
	switch {
	case runErr != nil && changed:
		return keep(fmt.Errorf("editor %q failed: %w", editor, runErr))
	case runErr != nil || readErr != nil:
		os.Remove(path)
		return fmt.Errorf("editor %q failed; nothing was changed: %w", editor, errors.Join(runErr, readErr))
	case !changed:
		os.Remove(path)
		app.Printf("No changes to %s.\n", dayName(app, day))
		return nil
	}

	cat, err := app.Catalog()
	if err != nil {
		return keep(err)
	}
	edit, err := journal.ReadEditText(entry, edited, cat)
	if err != nil {
		return keep(fmt.Errorf("the edited text cannot be read back: %w", err))
	}
	if len(edit.Answers) == 0 {
		os.Remove(path)
		return hintedError{
			err:  errors.New("every answer was emptied, so nothing was changed"),
			hint: fmt.Sprintf("To delete the day, run 'reflect delete %s'.", day),
		}
	}
	if edit.Changed == 0 && edit.Removed == 0 {
		os.Remove(path)
		app.Printf("No changes to %s.\n", dayName(app, day))
		return nil
	}
	err = journal.SaveEdit(j, entry, edit, app.Now())
	if errors.Is(err, journal.ErrChangedMeanwhile) {
		err = errors.New("the entry changed while you were editing it")
	}
	if err != nil {
		return keep(fmt.Errorf("could not save your changes: %w", err))
	}
	os.Remove(path)
	app.Printf("Saved %s: %s.\n", dayName(app, day), describeEdit(edit))
	return nil
}

// readEntry returns the entry of a day; no journal or no entry is an error
// that says how to write one.
func readEntry(j *storage.Journal, day journal.Day) (journal.Entry, error) {
	var (
		entry journal.Entry
		found bool
	)
	err := j.Read(func(r journal.Reader) error {
		var err error
		entry, found, err = r.Entry(day)
		return err
	})
	if err != nil {
		return entry, err
	}
	if !found {
		return entry, hintedError{
			err:  fmt.Errorf("there is no entry for %s", day.Long()),
			hint: fmt.Sprintf("'reflect today --date %s' writes one.", day),
		}
	}
	return entry, nil
}

// describeEdit says what an edit did, such as "2 answers changed, 1 removed".
func describeEdit(e journal.Edit) string {
	switch {
	case e.Removed == 0:
		return plural(e.Changed, "answer") + " changed"
	case e.Changed == 0:
		return plural(e.Removed, "answer") + " removed"
	}
	return fmt.Sprintf("%s changed, %d removed", plural(e.Changed, "answer"), e.Removed)
}
