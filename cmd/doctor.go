package cmd

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/reflect-cli/reflect/cmd/internal/terminal"
	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/storage"
)

func newDoctorCmd(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "doctor",
		Short: "Check the journal, changing nothing",
		Long: `Reads the whole journal without changing it: bbolt's check of its pages, the
header and schema version, every entry and draft, and each day's summary
against its entry. Prints what it found. Exits 0 when the journal is sound,
1 when it is not, with what to do next.`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(*cobra.Command, []string) error { return runDoctor(app) },
	}
}

func runDoctor(app *App) error {
	j, err := app.Journal()
	if err != nil {
		return err
	}
	rep, err := j.Check()
	if errors.Is(err, storage.ErrNotExist) {
		sayNoJournal(app, j)
		return nil
	}
	var damaged *storage.DamagedError
	if errors.As(err, &damaged) {
		rep.Findings = append(rep.Findings, storage.Finding{Text: damaged.Reason})
		err = nil
	}
	if err != nil {
		return err
	}
	st := terminal.Style{Color: app.Color()}
	// A damaged file's keys and a journal's name are a file's text: each
	// finding is made safe and kept to one line.
	fmt.Fprintf(app.Out, "Checked %s\n", journal.VisibleLine(j.Path))
	for _, f := range rep.Findings {
		mark := st.Wrap("32", "✓")
		if !f.OK {
			mark = st.Wrap("31", "✗")
		}
		fmt.Fprintf(app.Out, "  %s %s\n", mark, journal.VisibleLine(f.Text))
	}
	if rep.Sound() {
		fmt.Fprintln(app.Out, "The journal is sound.")
		return nil
	}
	return hintedError{
		err:  errors.New("the journal has problems; nothing was changed"),
		hint: "Nothing was changed. 'reflect restore FILE' puts a backup back; 'reflect export --since 0001-01-01 --format json -o FILE' saves what reads back.",
	}
}
