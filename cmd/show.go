package cmd

import (
	"bufio"

	"github.com/spf13/cobra"

	"github.com/reflect-cli/reflect/cmd/internal/terminal"
	"github.com/reflect-cli/reflect/journal"
)

func newShowCmd(app *App) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "show [DATE]",
		Short: "Show one day's entry",
		Long: `Shows the entry of one day: DATE, or today. DATE is YYYY-MM-DD, today,
yesterday, a weekday (its most recent occurrence), N days ago, or -Nd after
--, as in 'reflect show -- -2d'.`,
		Example: `  reflect show today
  reflect show 2026-11-20 --json`,
		Args: rangeArgs(0, 1, "at most one DATE"),
		RunE: func(_ *cobra.Command, args []string) error {
			day := app.Today()
			if len(args) == 1 {
				var err error
				if day, err = app.ParseDay("DATE", args[0]); err != nil {
					return err
				}
			}
			return runShow(app, day, asJSON)
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print the entry in the JSON form of entries")
	return c
}

func runShow(app *App, day journal.Day, asJSON bool) error {
	j, err := app.Journal()
	if err != nil {
		return err
	}
	var (
		entry    journal.Entry
		found    bool
		hasDraft bool
	)
	noJournal := !j.Exists()
	err = j.Read(func(r journal.Reader) error {
		if entry, found, err = r.Entry(day); err != nil {
			return err
		}
		_, hasDraft, err = r.Draft(day)
		return err
	})
	if err != nil {
		return err
	}
	if hasDraft {
		app.Printf("An unfinished reflection for %s is kept as a draft. To pick it up, run: %s\n", day.Long(), todayCommand(app, day))
	}
	if asJSON {
		entries := []journal.Entry{}
		if found {
			entries = append(entries, entry)
		}
		return outputError(terminal.WriteJSON(app.Out, entries))
	}
	switch {
	case noJournal:
		sayNoJournal(app, j)
	case !found:
		app.Printf("No entry for %s.\n", day.Long())
	default:
		w := bufio.NewWriter(app.Out)
		terminal.RenderEntry(w, entry, app.ShownCatalog(), terminal.Style{Color: app.Color()}, app.Width())
		return outputError(w.Flush())
	}
	return nil
}
