package cmd

import (
	"bufio"

	"github.com/spf13/cobra"

	"github.com/reflect-cli/reflect/cmd/internal/terminal"
	"github.com/reflect-cli/reflect/journal"
)

func newStatsCmd(app *App) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "stats",
		Short: "Streaks, counts, follow-through, mood by week and a calendar at a glance",
		Long: `Shows your current and longest streak of evenings (a day filled in later with
'today --date' counts), how many entries, answers and small wins the journal
holds, how often the steps you planned were done, your mood by week over the
last 12 weeks, and a calendar of the last 26 weeks, darker for fuller evenings.
--json prints the same figures.`,
		Example: `  reflect stats
  reflect stats --json`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(*cobra.Command, []string) error { return runStats(app, asJSON) },
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print the figures as JSON")
	return c
}

func runStats(app *App, asJSON bool) error {
	j, err := app.Journal()
	if err != nil {
		return err
	}
	noJournal := !j.Exists()
	b := journal.NewStats(app.Today())
	err = j.Read(func(r journal.Reader) error {
		return r.EachFigures(func(s journal.Summary) error { b.Add(s); return nil })
	})
	if err != nil {
		return err
	}
	stats := b.Stats()
	if asJSON {
		return terminal.WriteJSON(app.Out, stats)
	}
	if noJournal {
		sayNoJournal(app, j)
		return nil
	}
	w := bufio.NewWriter(app.Out)
	terminal.RenderStats(w, stats, terminal.Style{Color: app.Color()})
	return w.Flush()
}
