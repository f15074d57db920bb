package cmd

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/prompts"
)

func newImportCmd(app *App) *cobra.Command {
	var from string
	c := &cobra.Command{
		Use:   "import FILE|-",
		Short: "Bring entries in from a JSON file (or a jrnl or Day One export)",
		Long: `Reads entries in the JSON form that 'reflect export --format json' and
'reflect log --json' write, and merges them into the journal: a day with no
entry gets the file's, and a day that has one gets the answers it lacks (an
answer with the same prompt id and text is not added twice). Importing the
same file twice changes nothing.

The import is all or nothing: a file with a problem anywhere changes nothing,
and the message names the entry and the field.

--from jrnl reads jrnl's JSON export (jrnl --format json): each jrnl entry
becomes an answer to the free-writing prompt on its date, with its tags.

--from dayone reads Day One's JSON export (the Journal.json of its zip): each
Day One entry becomes an answer to the free-writing prompt on its local day
(in its own time zone), with its tags, and without the backslashes Day One
puts before Markdown punctuation; several on one day come in time order.`,
		Example: `  reflect import week.json
  reflect export --week last --format json | reflect --db other.db import -
  jrnl --format json > jrnl.json && reflect import --from jrnl jrnl.json
  reflect import --from dayone Journal.json`,
		Args: exactArgs(1, "one FILE (or - for standard input)"),
		RunE: func(_ *cobra.Command, args []string) error { return runImport(app, args[0], from) },
	}
	c.Flags().StringVar(&from, "from", "reflect", "the file's `FORM`: reflect, jrnl or dayone")
	completeWords(c, "from", "reflect", "jrnl", "dayone")
	return c
}

func runImport(app *App, path, from string) error {
	from = strings.ToLower(from)
	if from != "reflect" && from != "jrnl" && from != "dayone" {
		return usageError{msg: fmt.Sprintf("--from %q: use reflect, jrnl or dayone", from)}
	}
	var r io.Reader = app.In
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return usageError{msg: fmt.Sprintf("import: %v", err)}
		}
		defer f.Close()
		r = f
	}
	var (
		entries []journal.Entry
		err     error
	)
	free, _ := app.ShownCatalog().Known(prompts.FreeNoteID)
	switch from {
	case "jrnl":
		entries, err = journal.ReadJrnl(r, app.Now().Location(), free.Theme, free.Question)
	case "dayone":
		entries, err = journal.ReadDayOne(r, app.Now().Location(), free.Theme, free.Question)
	default:
		entries, err = journal.ReadEntries(r, app.Now())
	}
	if err != nil {
		name := path
		if path == "-" {
			name = "from standard input"
		}
		return fmt.Errorf("import %s: %w", name, err)
	}
	j, err := app.Journal()
	if err != nil {
		return err
	}
	counts, err := journal.Import(j, entries)
	if err != nil {
		return err
	}
	fmt.Fprintf(app.Out, "imported %s: %d new, %d merged, %d unchanged\n",
		plural(counts.Total(), "entry"), counts[journal.Created], counts[journal.Merged], counts[journal.Unchanged])
	return nil
}
