package cmd

import (
	"bufio"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reflect-cli/reflect/cmd/internal/terminal"
	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/prompts"
	"github.com/reflect-cli/reflect/storage"
)

type logOptions struct {
	n            int
	since, until string
	on           string
	filter       journal.Filter
	asJSON       bool
	noPager      bool
}

func newLogCmd(app *App) *cobra.Command {
	var opts logOptions
	c := &cobra.Command{
		Use:   "log",
		Short: "Look back over past entries, newest first",
		Long: `Shows past entries, newest first, paged through $PAGER (else less -FRX) on a
terminal.

--grep keeps the entries with an answer or question holding TEXT, in any case.
--theme keeps the entries with an answer of theme T, and shows only those
answers: 'reflect log --theme small-wins' lists your small wins.`,
		Example: `  reflect log -n 7
  reflect log --since 2026-11-01 --until 2026-11-15
  reflect log --grep sam
  reflect log --theme small-wins --json`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(c *cobra.Command, _ []string) error {
			opts.n = -1
			if c.Flags().Changed("limit") {
				n, _ := c.Flags().GetInt("limit")
				if n < 1 {
					return usageError{msg: fmt.Sprintf("-n %d: give a number of entries, 1 or more", n)}
				}
				opts.n = n
			}
			return runLog(app, opts)
		},
	}
	f := c.Flags()
	f.IntP("limit", "n", 0, "show at most `N` entries")
	f.StringVar(&opts.since, "since", "", "only entries on or after `DATE`")
	f.StringVar(&opts.until, "until", "", "only entries on or before `DATE`")
	f.StringVar(&opts.on, "on", "", "only the entry of `DATE`")
	f.StringVar(&opts.filter.Grep, "grep", "", "only entries whose answers or questions hold `TEXT` (any case)")
	f.StringVar(&opts.filter.Theme, "theme", "", "only answers of theme `T` (see 'reflect prompts')")
	f.BoolVar(&opts.asJSON, "json", false, "print the entries in the JSON form of entries")
	f.BoolVar(&opts.noPager, "no-pager", false, "do not page the output")
	completeWords(c, "theme", prompts.Themes...)
	return c
}

// span reads the --since, --until and --on flags: the days to look at.
func (o logOptions) span(app *App) (journal.Span, error) {
	s := journal.Span{From: journal.Earliest, To: journal.Latest}
	if o.on != "" {
		if o.since != "" || o.until != "" {
			return s, usageError{msg: "--on cannot be combined with --since or --until"}
		}
		d, err := app.ParseDay("--on", o.on)
		return journal.Span{From: d, To: d}, err
	}
	return sinceUntil(app, o.since, o.until, s)
}

// sinceUntil narrows s to the --since and --until flags given.
func sinceUntil(app *App, since, until string, s journal.Span) (journal.Span, error) {
	var err error
	if since != "" {
		if s.From, err = app.ParseDay("--since", since); err != nil {
			return s, err
		}
	}
	if until != "" {
		if s.To, err = app.ParseDay("--until", until); err != nil {
			return s, err
		}
	}
	if s.To.Before(s.From) {
		return s, usageError{msg: fmt.Sprintf("--since %s is after --until %s", s.From, s.To)}
	}
	return s, nil
}

// errPagerQuit stops writing a listing whose pager has quit.
var errPagerQuit = errors.New("the pager has quit")

func runLog(app *App, opts logOptions) error {
	span, err := opts.span(app)
	if err != nil {
		return err
	}
	j, err := app.Journal()
	if err != nil {
		return err
	}
	if t := opts.filter.Theme; t != "" {
		if err := checkTheme(app, j, t); err != nil {
			return err
		}
	}

	out := terminal.NewPager(&app.Streams, app.Getenv, opts.noPager)
	w := bufio.NewWriter(out)
	array := terminal.NewJSONArray(w)
	st := terminal.Style{Color: app.Color() && !opts.asJSON, Mark: opts.filter.Grep}
	width := app.Width()
	var cat *prompts.Catalog // JSON has no need of it
	if !opts.asJSON {
		cat = app.ShownCatalog()
	}
	// The entries found are written aside, while the walk finds the next.
	written := 0
	writer := writeAside(func(e journal.Entry) error {
		if opts.asJSON {
			if err := array.Add(e); err != nil && !out.Gone() {
				return err
			}
			if out.Stopped() {
				return errPagerQuit
			}
			return nil
		}
		if written > 0 {
			fmt.Fprintln(w)
		}
		terminal.RenderEntry(w, e, cat, st, width)
		written++
		if out.Stopped() {
			return errPagerQuit
		}
		return nil
	})
	shown := 0
	err = j.View(func(r *storage.Reader) error {
		return r.DescendMatching(span.To, span.From, opts.filter, func(e journal.Entry) error {
			e, ok := opts.filter.Apply(e)
			if !ok {
				return nil
			}
			writer.add(e)
			shown++
			if shown == opts.n || writer.stopped() {
				return storage.Stop
			}
			return nil
		})
	})
	if werr := writer.wait(); err == nil && !errors.Is(werr, errPagerQuit) {
		err = werr
	}
	noJournal := errors.Is(err, storage.ErrNotExist)
	if err != nil && !noJournal {
		w.Flush()
		out.Close()
		return err
	}
	if opts.asJSON {
		array.Close()
	}
	if err := out.Finish(w); err != nil {
		return err
	}
	if shown == 0 && !opts.asJSON {
		switch {
		case noJournal:
			sayNoJournal(app, j)
		default:
			app.Printf("No entries%s.\n", opts.describe(span))
		}
	}
	return nil
}

// checkTheme makes sure --theme names a theme: one of the catalog's, or
// one that answers in the journal carry (imported ones, say). Only a theme
// the catalog lacks is looked for in the journal.
func checkTheme(app *App, j *storage.Journal, theme string) error {
	cat, err := app.Catalog()
	if err != nil || cat.HasTheme(theme) {
		return err
	}
	var found bool
	err = j.View(func(r *storage.Reader) (err error) {
		found, err = r.HasTheme(theme)
		return err
	})
	if found || (err != nil && !errors.Is(err, storage.ErrNotExist)) {
		return err
	}
	// Refused: list the themes there are, the journal's after the catalog's.
	themes := cat.AllThemes()
	seen := map[string]bool{}
	for _, t := range themes {
		seen[t] = true
	}
	err = j.View(func(r *storage.Reader) error {
		return r.Descend(journal.Latest, journal.Earliest, func(e journal.Entry) error {
			for _, a := range e.Answers {
				if a.Theme != "" && !seen[a.Theme] {
					seen[a.Theme] = true
					themes = append(themes, themeName(a.Theme))
				}
			}
			return nil
		})
	})
	if err != nil && !errors.Is(err, storage.ErrNotExist) {
		return err
	}
	return usageError{msg: fmt.Sprintf("--theme: unknown theme %q", theme), hint: "Themes: " + strings.Join(themes, ", ") + "."}
}

// themeName is a theme from the journal as a list of themes shows it:
// quoted when it holds anything but printable characters other than commas
// and spaces (a file that was imported chose it).
func themeName(theme string) string {
	if q := strconv.Quote(theme); q[1:len(q)-1] != theme || strings.ContainsAny(theme, ", ") {
		return q
	}
	return theme
}

// describe says what the options select, for "No entries…".
func (o logOptions) describe(s journal.Span) string {
	var b strings.Builder
	switch {
	case s.From == s.To:
		fmt.Fprintf(&b, " on %s", s.From.Long())
	case s.From != journal.Earliest && s.To != journal.Latest:
		fmt.Fprintf(&b, " from %s to %s", s.From.Long(), s.To.Long())
	case s.From != journal.Earliest:
		fmt.Fprintf(&b, " since %s", s.From.Long())
	case s.To != journal.Latest:
		fmt.Fprintf(&b, " until %s", s.To.Long())
	}
	if o.filter.Theme != "" {
		fmt.Fprintf(&b, " with answers of theme %s", o.filter.Theme)
	}
	if o.filter.Grep != "" {
		fmt.Fprintf(&b, " holding %q", o.filter.Grep)
	}
	if b.Len() == 0 {
		return " yet"
	}
	return b.String()
}
