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

	"github.com/spf13/cobra"

	"github.com/reflect-cli/reflect/cmd/internal/terminal"
	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/storage"
)

type exportOptions struct {
	week         string
	month, year  string
	since, until string
	format       string
	output       string
	force        bool
	vault        string
	folders      journal.VaultFolders
}

func newExportCmd(app *App) *cobra.Command {
	var opts exportOptions
	c := &cobra.Command{
		Use:   "export",
		Short: "Turn a week, a month or a year into a Markdown review, or JSON",
		Long: `Writes a week as a Markdown review: how many days you reflected, your mood
each day and on average, the small wins, lessons and next steps of the week,
the steps followed up and the lessons that came back, then each day with its
questions and answers. The document has YAML front matter and renders well on
GitHub and in Obsidian.

WEEK is this (the default), last, an ISO week such as 2026-W47 (or W47, 47),
or a DATE (the week that holds it).

--month and --year review a longer span the same way, and add the share of
steps done, the longest run of days and the themes you wrote most about. A
month lists the days you reflected on; a year shows its mood a week to a row
and leaves the days to its months. MONTH is this, last, YYYY-MM, a month's name
or a DATE; YEAR is this, last, YYYY or a DATE.

--since and --until export a range of days instead. --format json writes the
entries in the JSON form that 'reflect import' reads.

--vault DIR writes the whole journal into an Obsidian vault, named as the
Periodic Notes plugin names them: a note for each day (Daily/2026-11-23.md),
each ISO week (Weekly/2026-W48.md) and each month (Monthly/2026-11.md) that has
an entry, with front matter (date, mood, tags) and links to the notes around
it. Run it again and it writes only the notes that changed. A note you edited
in the vault, or a file of yours where a note would go, is never overwritten:
reflect lists it and leaves it alone (delete a note to have it written
afresh). What reflect last wrote is kept in DIR/.reflect-export.json.

An existing FILE is kept unless --force is given.`,
		Example: `  reflect export
  reflect export --week last -o review.md
  reflect export --week 2026-W47
  reflect export --month last -o november.md
  reflect export --year 2026 -o 2026.md
  reflect export --since 2026-01-01 --until 2026-12-31 --format json -o 2026.json
  reflect export --vault ~/Notes --daily-folder Journal/Daily`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(c *cobra.Command, _ []string) error {
			for flag, value := range map[string]string{"week": opts.week, "month": opts.month, "year": opts.year, "vault": opts.vault} {
				if c.Flags().Changed(flag) && strings.TrimSpace(value) == "" {
					return usageError{msg: fmt.Sprintf("--%s was given no value", flag)}
				}
			}
			if opts.vault != "" {
				return runVaultExport(app, c, opts)
			}
			for _, flag := range []string{"daily-folder", "weekly-folder", "monthly-folder"} {
				if c.Flags().Changed(flag) {
					return usageError{msg: fmt.Sprintf("--%s goes with --vault DIR", flag)}
				}
			}
			return runExport(app, opts)
		},
	}
	f := c.Flags()
	f.StringVar(&opts.week, "week", "", "the `WEEK` to export: this, last, YYYY-Www or a DATE (default this)")
	f.StringVar(&opts.month, "month", "", "export a `MONTH` instead: this, last, YYYY-MM, a month's name or a DATE")
	f.StringVar(&opts.year, "year", "", "export a `YEAR` instead: this, last, YYYY or a DATE")
	f.StringVar(&opts.since, "since", "", "export the days from `DATE` on, instead of a week")
	f.StringVar(&opts.until, "until", "", "export the days up to `DATE`, instead of a week")
	f.StringVar(&opts.format, "format", "markdown", "the `FORMAT`: markdown or json")
	f.StringVarP(&opts.output, "output", "o", "", "write to `FILE` instead of standard output")
	f.BoolVar(&opts.force, "force", false, "replace FILE if it exists")
	f.StringVar(&opts.vault, "vault", "", "write the whole journal into the Obsidian vault `DIR`, a note a day, a week and a month")
	f.StringVar(&opts.folders.Daily, "daily-folder", journal.DefaultVaultFolders.Daily, "with --vault: the `FOLDER` for the days' notes")
	f.StringVar(&opts.folders.Weekly, "weekly-folder", journal.DefaultVaultFolders.Weekly, "with --vault: the `FOLDER` for the weeks' notes")
	f.StringVar(&opts.folders.Monthly, "monthly-folder", journal.DefaultVaultFolders.Monthly, "with --vault: the `FOLDER` for the months' notes")
	completeWords(c, "format", "markdown", "json")
	completeWords(c, "week", "this", "last")
	completeWords(c, "month", "this", "last")
	completeWords(c, "year", "this", "last")
	return c
}

func runExport(app *App, opts exportOptions) error {
	format := strings.ToLower(opts.format)
	switch format {
	case "markdown", "md":
		format = "markdown"
	case "json":
	default:
		return usageError{msg: fmt.Sprintf("--format %q: use markdown or json", opts.format)}
	}
	review, err := exportedReview(app, opts)
	if err != nil {
		return err
	}
	j, err := existingJournal(app)
	if j == nil {
		return err
	}
	if review, err = review.Read(j); err != nil {
		return err
	}

	var doc bytes.Buffer
	if format == "json" {
		array := terminal.NewJSONArray(&doc)
		for _, e := range review.Entries {
			if err := array.Add(e); err != nil {
				return err
			}
		}
		err = array.Close()
	} else {
		err = review.WriteMarkdown(&doc, app.ShownCatalog())
	}
	if err != nil {
		return fmt.Errorf("writing the export: %w", err)
	}
	if opts.output == "" || opts.output == "-" {
		_, err := app.Out.Write(doc.Bytes())
		return err
	}
	if err := writeFile(opts.output, doc.Bytes(), opts.force); err != nil {
		return err
	}
	app.Printf("Wrote %s (%s) to %s.\n", review.Name(), plural(len(review.Entries), "entry"), opts.output)
	return nil
}

// runVaultExport writes the journal into a vault and says what it wrote
// and what it left alone.
func runVaultExport(app *App, c *cobra.Command, opts exportOptions) error {
	var others []string
	for _, name := range []string{"week", "month", "year", "since", "until", "format", "output", "force"} {
		if c.Flags().Changed(name) {
			others = append(others, "--"+name)
		}
	}
	if len(others) > 0 {
		return usageError{msg: fmt.Sprintf("--vault cannot be combined with %s: a vault holds the whole journal", strings.Join(others, " or "))}
	}
	if err := opts.folders.Check(); err != nil {
		return usageError{msg: err.Error()}
	}
	j, err := existingJournal(app)
	if j == nil {
		return err
	}
	vault, err := storage.OpenVault(opts.vault)
	if err != nil {
		return err
	}
	ctx, stop := terminal.StopOnSignal()
	defer stop()
	report, err := journal.ExportVault(ctx, j, vault, opts.folders, app.ShownCatalog())
	if cerr := vault.Close(); err == nil {
		err = cerr
	}
	if ctx.Err() != nil {
		sayVaultReport(app, opts.vault, report)
		return interruptedError{
			msg:  "the export was stopped; the notes written so far are recorded",
			hint: "Run it again to finish: it goes on where it stopped.",
		}
	}
	if err != nil {
		return fmt.Errorf("exporting to %s: %w", opts.vault, err)
	}
	sayVaultReport(app, opts.vault, report)
	if encrypted, _ := j.Encrypted(); encrypted && report.Created+report.Updated > 0 {
		app.Printf("The notes are plain text: the journal's encryption does not reach them.\n")
	}
	return nil
}

// sayVaultReport says what a vault export wrote, then lists the notes it
// left alone.
func sayVaultReport(app *App, dir string, r journal.VaultReport) {
	var done []string
	for _, count := range []struct {
		n    int
		what string
	}{
		{r.Created, "new"}, {r.Updated, "updated"}, {r.Unchanged, "unchanged"}, {len(r.Removed), "removed"},
		{len(r.Edited) + len(r.NotOurs) + len(r.Outdated), "left alone"},
	} {
		if count.n > 0 {
			done = append(done, fmt.Sprintf("%d %s", count.n, count.what))
		}
	}
	if len(done) == 0 {
		app.Printf("The journal has no entries to export to %s yet.\n", dir)
		return
	}
	app.Printf("Exported %s to %s: notes %s.\n", plural(r.Days, "day"), dir, strings.Join(done, ", "))
	for _, left := range []struct {
		paths []string
		why   string
	}{
		{r.Removed, "Removed, no longer in the export (their day left the journal, or their folder changed)"},
		{r.Edited, "Left alone, edited in the vault since reflect wrote them (delete one to have it written afresh)"},
		{r.Outdated, "Left alone, edited in the vault, though no longer in the export"},
		{r.NotOurs, "Left alone, where reflect would write a note, something it did not write is there"},
	} {
		if len(left.paths) == 0 {
			continue
		}
		app.Printf("%s:\n", left.why)
		for _, p := range left.paths {
			app.Printf("  %s\n", p)
		}
	}
}

// existingJournal returns the journal; with none yet, it says so and
// returns nil.
func existingJournal(app *App) (*storage.Journal, error) {
	j, err := app.Journal()
	if err != nil {
		return nil, err
	}
	if !j.Exists() {
		sayNoJournal(app, j)
		return nil, nil
	}
	return j, nil
}

// exportedReview returns the review the flags ask for: a week (this week
// unless told), a month, a year or a range of days.
func exportedReview(app *App, opts exportOptions) (journal.Review, error) {
	var given []string
	for flag, value := range map[string]string{"--week": opts.week, "--month": opts.month, "--year": opts.year} {
		if value != "" {
			given = append(given, flag)
		}
	}
	if opts.since != "" || opts.until != "" {
		given = append(given, "--since or --until")
	}
	if len(given) > 1 {
		slices.Sort(given)
		return journal.Review{}, usageError{msg: fmt.Sprintf("%s cannot be combined: export one period at a time", strings.Join(given, " and "))}
	}
	switch {
	case opts.month != "":
		month, err := journal.ParseMonth(opts.month, app.Now())
		if err != nil {
			return journal.Review{}, usageError{msg: "--month: " + err.Error()}
		}
		return journal.MonthReview(month, nil), nil
	case opts.year != "":
		year, err := journal.ParseYear(opts.year, app.Now())
		if err != nil {
			return journal.Review{}, usageError{msg: "--year: " + err.Error()}
		}
		return journal.YearReview(year, nil), nil
	case opts.since != "" || opts.until != "":
		span, err := sinceUntil(app, opts.since, opts.until, journal.Span{From: journal.Earliest, To: app.Today()})
		if err != nil {
			return journal.Review{}, err
		}
		return journal.SpanReview(span, nil), nil
	}
	week, err := journal.ParseWeek(opts.week, app.Now())
	if err != nil {
		return journal.Review{}, usageError{msg: "--week: " + err.Error()}
	}
	return journal.WeekReview(week, nil), nil
}

// writeFile writes data to a new file at path, mode 0600. An existing file
// is an error unless replace is set; then it is replaced whole, through a
// file beside it, so that a failed write leaves the old one as it was.
func writeFile(path string, data []byte, replace bool) error {
	if !replace {
		err := createFile(path, data)
		if errors.Is(err, fs.ErrExist) {
			return hintedError{
				err:  fmt.Errorf("%s already exists; it was left as it is", path),
				hint: "Add --force to replace it, or choose another file with -o.",
			}
		}
		if err != nil {
			return fmt.Errorf("writing %s: %w", path, err)
		}
		return nil
	}
	// --force replaces an ordinary file, and only that: a link is followed
	// to the file it names (which is replaced, the link kept), and a device,
	// a pipe or a folder is left alone.
	if target, err := filepath.EvalSymlinks(path); err == nil {
		path = target
	}
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		return hintedError{
			err:  fmt.Errorf("%s is %s, not a file; it was left as it is", path, (&storage.NotFileError{Mode: fi.Mode()}).What()),
			hint: "Choose a file with -o.",
		}
	}
	return storage.WriteWhole(path, data)
}

// createFile writes data to a new file at path, mode 0600, synced; an
// existing file is an error (fs.ErrExist) and is left alone, and a file
// that could not be written whole is removed.
func createFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, storage.FileMode)
	if err != nil {
		return err
	}
	if err := writeAndClose(f, data); err != nil {
		os.Remove(path)
		return err
	}
	return nil
}

// writeAndClose writes data to f, syncs and closes it.
func writeAndClose(f *os.File, data []byte) error {
	_, err := io.Copy(f, bytes.NewReader(data))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
