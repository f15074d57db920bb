package cmd

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reflect-cli/reflect/cmd/internal/terminal"
	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/storage"
)

// doctorOptions are doctor's flags.
type doctorOptions struct {
	// accept: take changes made outside reflect that the check finds as
	// they are (storage.Journal.AcceptIndex).
	accept bool
}

func newDoctorCmd(app *App) *cobra.Command {
	var opts doctorOptions
	cmd := &cobra.Command{
		Use:   "doctor",
		Short: "Check the journal, changing nothing",
		Long: `Reads the whole journal without changing it: bbolt's check of its pages, the
header and schema version, every entry and draft, and each day's summary
against its entry. An encrypted journal's index is checked too: it reports a
day put back from an older copy of the file, or removed from it, outside
reflect. Prints what it found. Exits 0 when the journal is sound, 1 when it
is not, with what to do next.

With --accept, changes made outside reflect that the check finds are taken
as they are: the index is made anew from the journal as it is now, and only
what changes from then on is reported. A ledger of lessons that does not match
the lessons (reflect keeps one, to show it at once) is made anew from them.
Those are the only things doctor writes.`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(*cobra.Command, []string) error { return runDoctor(app, opts) },
	}
	cmd.Flags().BoolVar(&opts.accept, "accept", false, "take days changed, put back or removed outside reflect as they are now")
	return cmd
}

func runDoctor(app *App, opts doctorOptions) error {
	j, err := app.Journal()
	if err != nil {
		return err
	}
	rep, err := check(j)
	if errors.Is(err, storage.ErrNotExist) {
		sayNoJournal(app, j)
		return nil
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
	remade := false
	if opts.accept && rep.Remake() && !slices.ContainsFunc(rep.Findings, func(f storage.Finding) bool { return !f.OK && !f.Outside && !f.Remake }) {
		if err := j.RemakeIndexes(); err != nil {
			return err
		}
		fmt.Fprintln(app.Out, "Made the ledger of lessons and the search slices anew from the entries.")
		remade = true
		if rep, err = check(j); err != nil {
			return err
		}
	}
	onlyOutside := !slices.ContainsFunc(rep.Findings, func(f storage.Finding) bool { return !f.OK && !f.Outside })
	switch {
	case opts.accept && rep.Outside() && !onlyOutside:
		fmt.Fprintln(app.Out, "Nothing was accepted: the journal is damaged too, and accepting would vouch for the damage.")
	case opts.accept && rep.Outside():
		if err := j.AcceptIndex(); err != nil {
			return err
		}
		fmt.Fprintln(app.Out, "Accepted: the journal as it is now is what reflect last wrote; only what changes from here is reported.")
		if rep, err = check(j); err != nil {
			return err
		}
	case remade && !rep.Outside():
	case opts.accept && (rep.Sound() || rep.Remake()):
		fmt.Fprintln(app.Out, "Nothing to accept: nothing was changed outside reflect.")
	case opts.accept:
		fmt.Fprintln(app.Out, "Nothing to accept: what was found is damage, not a change made outside reflect.")
	}
	folderErr := checkSyncFolder(app, st)
	if rep.Sound() {
		fmt.Fprintln(app.Out, "The journal is sound.")
		return folderErr
	}
	if !slices.ContainsFunc(rep.Findings, func(f storage.Finding) bool { return !f.OK && !f.Remake }) {
		return hintedError{
			err:  errors.New("what the journal keeps beside your days (its ledger of lessons, its search slices) does not match them; nothing was changed"),
			hint: "'reflect doctor --accept' makes it anew from your days, which are sound.",
		}
	}
	if onlyOutside {
		return hintedError{
			err:  errors.New("the journal was changed outside reflect"),
			hint: "If that was not you, 'reflect restore FILE' puts a backup back; 'reflect doctor --accept' keeps the journal as it is.",
		}
	}
	return hintedError{
		err:  errors.New("the journal has problems; nothing was changed"),
		hint: "'reflect restore FILE' puts a backup back; without one, 'reflect delete DATE' removes an entry that cannot be read (its bytes kept in a file), and the rest reads again.",
	}
}

// checkSyncFolder checks, when the journal syncs with a folder, that
// every day's file there parses, and lists those that do not; its error
// says some do not.
func checkSyncFolder(app *App, st terminal.Style) error {
	dir, ok := rememberedSyncFolder(app)
	if !ok {
		return nil
	}
	folder, err := storage.ReadSyncFolder(dir)
	if err != nil {
		return err
	}
	files, problems, err := journal.CheckSyncFolder(folder)
	if err != nil {
		return err
	}
	fmt.Fprintf(app.Out, "Checked the sync folder %s: %s\n", journal.VisibleLine(dir), journal.Plural(files, "file"))
	for _, p := range problems {
		fmt.Fprintf(app.Out, "  %s %s\n", st.Wrap("31", "✗"), journal.VisibleLine(p.Path+": "+p.Reason))
	}
	if len(problems) == 0 {
		return nil
	}
	what := journal.Plural(len(problems), "file") + " of the sync folder"
	for _, p := range problems {
		if strings.HasSuffix(p.Path, "/") {
			what = journal.Plural(len(problems), "place") + " in the sync folder" // a folder among them
		}
	}
	return hintedError{
		err:  fmt.Errorf("%s cannot be read", what),
		hint: "A sync skips them and tries them again each time: a file half copied by the sync tool mends itself; what stays is for you to put right, as the lines above say.",
	}
}

// check is storage's check of the journal, with damage found before the
// report could begin as one more finding.
func check(j *storage.Journal) (storage.Report, error) {
	rep, err := j.Check()
	var damaged *storage.DamagedError
	if errors.As(err, &damaged) {
		rep.Findings = append(rep.Findings, storage.Finding{Text: damaged.Reason})
		err = nil
	}
	return rep, err
}
