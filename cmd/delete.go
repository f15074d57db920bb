package cmd

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/storage"
)

func newDeleteCmd(app *App) *cobra.Command {
	var yes bool
	c := &cobra.Command{
		Use:   "delete DATE",
		Short: "Remove a day's entry, keeping a copy you can import back",
		Long: `Removes the entry of DATE from the journal, after asking (or with --yes).
The removed entry is first written to a file in the journal's folder, in the
JSON form of entries, so that 'reflect import FILE' brings it back.

An entry that cannot be read (damaged on disk, as doctor reports) stops
export, decrypt and a passphrase change; delete removes it too, keeping its
stored bytes in reflect-unreadable-DATE-TIME.bin beside the journal first.`,
		Example: `  reflect delete 2026-11-20
  reflect delete yesterday --yes`,
		Args: exactArgs(1, "one DATE"),
		RunE: func(_ *cobra.Command, args []string) error {
			day, err := app.ParseDay("DATE", args[0])
			if err != nil {
				return err
			}
			return runDelete(app, day, yes)
		},
	}
	c.Flags().BoolVarP(&yes, "yes", "y", false, "do not ask first")
	return c
}

func runDelete(app *App, day journal.Day, yes bool) error {
	j, err := app.Journal()
	if err != nil {
		return err
	}
	entry, err := readEntry(j, day) // a day with nothing to delete says so first
	var damaged *storage.DamagedError
	if errors.As(err, &damaged) && damaged.Record == day.String() {
		return deleteUnreadable(app, j, day, yes, damaged)
	}
	if err != nil {
		return err
	}
	if !yes && !app.InTTY {
		return usageError{msg: "no terminal to ask in: add --yes to delete without asking"}
	}
	question := fmt.Sprintf("Delete your entry for %s (%s)?", dayName(app, day), plural(len(entry.Answers), "answer"))
	if ok, err := confirmFirst(app, yes, question, "deleted"); !ok || err != nil {
		return err
	}

	var kept string
	err = journal.Delete(j, entry, func(e journal.Entry) error {
		name := fmt.Sprintf("reflect-deleted-%s-%s.json", day, app.Now().Format("20060102-150405"))
		kept, err = writeEntryFile(filepath.Dir(j.Path), name, e)
		return err
	}, app.Now())
	if err != nil {
		if kept != "" {
			os.Remove(kept)
		}
		if errors.Is(err, journal.ErrChangedMeanwhile) {
			return errors.New("the entry changed while you were deciding; nothing was deleted")
		}
		return err
	}
	app.Printf("Deleted %s (%s).\n", dayName(app, day), plural(len(entry.Answers), "answer"))
	if encrypted, _ := j.Encrypted(); encrypted {
		app.Printf("A copy is kept in %s, in plain text: encryption does not reach it. 'reflect import %s' brings it back; remove it when you no longer need it.\n", kept, kept)
	} else {
		app.Printf("A copy is kept in %s; 'reflect import %s' brings it back.\n", kept, kept)
	}
	return nil
}

// deleteUnreadable offers to remove the entry of day, which cannot be read
// (damaged is why), keeping its stored bytes in a file beside the journal:
// the way past a day that stops every command reading the whole journal.
func deleteUnreadable(app *App, j *storage.Journal, day journal.Day, yes bool, damaged *storage.DamagedError) error {
	app.Printf("The entry of %s cannot be read: %s.\n", dayName(app, day), damaged.Reason)
	if !yes && !app.InTTY {
		return usageError{msg: "no terminal to ask in: add --yes to remove the unreadable entry, its stored bytes kept in a file"}
	}
	if ok, err := confirmFirst(app, yes, "Remove it from the journal? Its stored bytes are kept in a file first.", "removed"); !ok || err != nil {
		return err
	}
	var kept string
	err := j.RemoveUnreadable(day, func(stored []byte) error {
		name := fmt.Sprintf("reflect-unreadable-%s-%s.bin", day, app.Now().Format("20060102-150405"))
		var err error
		kept, err = writeKeptFile(filepath.Dir(j.Path), name, stored)
		return err
	})
	if err != nil {
		if kept != "" {
			os.Remove(kept)
		}
		if errors.Is(err, storage.ErrReadable) || errors.Is(err, storage.ErrNotExist) {
			return fmt.Errorf("the entry of %s changed meanwhile; nothing was removed", day)
		}
		return err
	}
	app.Printf("Removed the unreadable entry of %s. Its stored bytes are kept in %s: reflect cannot read them back, but none of them was destroyed.\n", dayName(app, day), kept)
	return nil
}

// confirmFirst asks question at the terminal, unless yes, and reports
// whether to go on; no says "Nothing was <done>." and Ctrl-C is an
// interruption that says so.
func confirmFirst(app *App, yes bool, question, done string) (bool, error) {
	if yes {
		return true, nil
	}
	asker, stop, err := app.asker("")
	if err != nil {
		return false, err
	}
	ok, err := asker.Confirm(question, false)
	stop()
	if errors.Is(err, journal.ErrInterrupted) {
		return false, interruptedError{msg: "interrupted; nothing was " + done}
	}
	if err != nil {
		return false, err
	}
	if !ok {
		app.Printf("Nothing was %s.\n", done)
	}
	return ok, nil
}
