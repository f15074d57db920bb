package cmd

import (
	"bufio"
	"errors"
	"fmt"
	"math"

	"github.com/spf13/cobra"

	"github.com/reflect-cli/reflect/cmd/internal/terminal"
	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/storage"
)

type lessonsOptions struct {
	grep, since     string
	asJSON, noPager bool
}

func newLessonsCmd(app *App) *cobra.Command {
	var opts lessonsOptions
	c := &cobra.Command{
		Use:   "lessons",
		Short: "The lessons you drew from setbacks, grouped when they come back",
		Long: `Lists every lesson you drew from a setback, newest first, with the day and
the setback it came from. A lesson drawn again on another day is grouped with
the first and counted: two lessons match when they read the same once case,
spacing, quotes and punctuation at either end are set aside.

When an earlier lesson came back at the end of an evening, the latest answer
to "is it still true for you?" is shown with it.`,
		Example: `  reflect lessons
  reflect lessons --grep help --since 2026-01-01
  reflect lessons --json`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(*cobra.Command, []string) error { return runLessons(app, opts) },
	}
	c.Flags().StringVar(&opts.grep, "grep", "", "only lessons (or their setbacks) that hold `TEXT`, in any case")
	c.Flags().StringVar(&opts.since, "since", "", "only lessons drawn on or after `DATE`")
	c.Flags().BoolVar(&opts.asJSON, "json", false, "print the ledger as JSON")
	c.Flags().BoolVar(&opts.noPager, "no-pager", false, "do not page the output")
	return c
}

func runLessons(app *App, opts lessonsOptions) error {
	from := journal.Earliest
	if opts.since != "" {
		var err error
		if from, err = app.ParseDay("--since", opts.since); err != nil {
			return err
		}
	}
	grep, asJSON, noPager := opts.grep, opts.asJSON, opts.noPager
	j, err := app.Journal()
	if err != nil {
		return err
	}
	if !asJSON && grep == "" && from == journal.Earliest && terminal.SetbackRunes(app.Width()) <= journal.KeptSetbackRunes {
		if shown, err := showKeptLedger(app, j, noPager); shown || err != nil {
			return err
		}
	}
	b := journal.NewLedger(func(o journal.Occurrence) bool {
		return !o.Date.Before(from) && (grep == "" || journal.ContainsFold(o.Lesson, grep) || journal.ContainsFold(o.Setback, grep))
	})
	if !asJSON {
		// A page shows a setback's first line, cut to the width: no more
		// of it is kept.
		b.ShortenSetbacks(terminal.SetbackRunes(app.Width()))
	}
	noJournal := !j.Exists()
	err = j.Read(func(r journal.Reader) error {
		return r.EachLessons(func(s journal.Summary) error { b.Add(s); return nil })
	})
	if err != nil {
		return err
	}
	ledger := b.Ledger()
	if asJSON {
		return terminal.WriteJSON(app.Out, ledger)
	}
	if len(ledger) == 0 {
		switch {
		case noJournal:
			sayNoJournal(app, j)
		case grep != "" || from != journal.Earliest:
			app.Printf("No lessons match.\n")
		default:
			app.Printf("No lessons yet: they come from evenings with a setback.\n")
		}
		return nil
	}
	out := terminal.NewPager(&app.Streams, app.Getenv, noPager)
	w := bufio.NewWriter(out)
	terminal.RenderLedger(w, ledger, terminal.Style{Color: app.Color(), Mark: grep}, app.Width())
	return out.Finish(w)
}

// firstScreens is how much of a listing is shown while the journal is open:
// a screen or two, no more than a pipe holds before its reader reads.
const firstScreens = 8 << 10

// showKeptLedger shows the whole ledger as the journal keeps it, when it
// keeps one and holds a lesson: the first screen as soon as it is read,
// the rest once the journal is closed again (terminal.Holder).
func showKeptLedger(app *App, j journal.Store, noPager bool) (shown bool, err error) {
	out := terminal.NewPager(&app.Streams, app.Getenv, noPager)
	hold := firstScreens
	if app.Streams.OutNeverWaits() {
		hold = math.MaxInt // nothing to wait for: all of it goes at once
	}
	held := terminal.HoldAfter(out, hold)
	w := bufio.NewWriter(held)
	reading := false // the journal was opened, and its ledger is being read
	err = j.Read(func(r journal.Reader) error {
		kept, ok := r.(journal.KeptLedger)
		if !ok {
			return nil
		}
		reading = true
		drawn, different, ok, err := kept.LedgerTotals()
		if err != nil || !ok || different == 0 {
			return err
		}
		shown = true
		page := terminal.NewLedgerPage(w, terminal.Style{Color: app.Color()}, app.Width())
		page.Header(drawn, different)
		return kept.EachKeptGroup(func(g journal.LessonGroup) error { page.Group(g); return nil })
	})
	var damaged *storage.DamagedError
	switch {
	case reading && errors.As(err, &damaged) && !held.Passed():
		// What reflect keeps beside the days, not the days: the page is
		// gathered from the lessons themselves instead.
		out.Close()
		app.Printf("The ledger of lessons kept beside your days cannot be read; this page is gathered from the lessons. 'reflect doctor' says more.\n")
		return false, nil
	case reading && errors.As(err, &damaged):
		out.Close()
		return true, hintedError{err: err, hint: "Your lessons are not what is damaged, but the ledger kept beside them: 'reflect doctor --accept' makes it anew from them."}
	case !shown || err != nil:
		out.Close()
		return shown, err
	}
	if err := w.Flush(); err == nil {
		if err := held.Release(); err != nil && !out.Gone() {
			out.Close()
			return true, fmt.Errorf("writing the output: %w", err)
		}
	}
	return true, out.Finish(w)
}
