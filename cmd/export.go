package cmd

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reflect-cli/reflect/cmd/internal/terminal"
	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/storage"
)

type exportOptions struct {
	week         string
	since, until string
	format       string
	output       string
	force        bool
}

func newExportCmd(app *App) *cobra.Command {
	var opts exportOptions
	c := &cobra.Command{
		Use:   "export",
		Short: "Turn a week (or a range of days) into a Markdown review or JSON",
		Long: `Writes a week as a Markdown review: how many days you reflected, your mood
each day and on average, the small wins, lessons and next steps of the week,
then each day with its questions and answers. The document has YAML front
matter and renders well on GitHub and in Obsidian.

WEEK is this (the default), last, an ISO week such as 2026-W47, or a DATE (the
week that holds it). --since and --until export a range of days instead.
--format json writes the entries in the JSON form that 'reflect import' reads.

An existing FILE is kept unless --force is given.`,
		Example: `  reflect export
  reflect export --week last -o review.md
  reflect export --week 2026-W47
  reflect export --since 2026-01-01 --until 2026-12-31 --format json -o 2026.json`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(*cobra.Command, []string) error { return runExport(app, opts) },
	}
	f := c.Flags()
	f.StringVar(&opts.week, "week", "", "the `WEEK` to export: this, last, YYYY-Www or a DATE (default this)")
	f.StringVar(&opts.since, "since", "", "export the days from `DATE` on, instead of a week")
	f.StringVar(&opts.until, "until", "", "export the days up to `DATE`, instead of a week")
	f.StringVar(&opts.format, "format", "markdown", "the `FORMAT`: markdown or json")
	f.StringVarP(&opts.output, "output", "o", "", "write to `FILE` instead of standard output")
	f.BoolVar(&opts.force, "force", false, "replace FILE if it exists")
	completeWords(c, "format", "markdown", "json")
	completeWords(c, "week", "this", "last")
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
	var (
		review journal.Review
		ranged = opts.since != "" || opts.until != ""
	)
	if ranged {
		if opts.week != "" {
			return usageError{msg: "--week cannot be combined with --since or --until"}
		}
		span, err := sinceUntil(app, opts.since, opts.until, journal.Span{From: journal.Earliest, To: app.Today()})
		if err != nil {
			return err
		}
		review = journal.SpanReview(span, nil)
	} else {
		week, err := journal.ParseWeek(opts.week, app.Now())
		if err != nil {
			return usageError{msg: "--week: " + err.Error()}
		}
		review = journal.WeekReview(week, nil)
	}
	j, err := app.Journal()
	if err != nil {
		return err
	}
	if !j.Exists() {
		sayNoJournal(app, j)
		return nil
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
	what := review.Week.String()
	if ranged {
		what = fmt.Sprintf("%s to %s", review.Span.From, review.Span.To)
	}
	app.Printf("Wrote %s (%s) to %s.\n", what, plural(len(review.Entries), "entry"), opts.output)
	return nil
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
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := writeAndClose(f, data); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
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
