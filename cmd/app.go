// Package cmd is reflect's front door: one cobra command per file, each
// parsing its flags into an options struct and calling one function, which
// runs a use case of journal (the evening, a review, an import, an edit, a
// delete) over the journal storage opens, and shows the result through the
// terminal package. It is the one place that wires storage, journal and the
// terminal together (docs/ARCHITECTURE.md).
//
// Commands run against an App: the streams (terminal.Streams) apart from
// what a command depends on (the clock, the environment, the way it asks,
// the journal and the catalog), so that tests can run every command
// in-process.
//
// It must never import survey (only the terminal package does) or bbolt
// (only storage does).
package cmd

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/reflect-cli/reflect/cmd/internal/terminal"
	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/prompts"
	"github.com/reflect-cli/reflect/storage"
)

// App is what the commands run against: the streams, and the things the
// commands depend on. Commands read it and never write it for one another:
// what one part tells another goes as a parameter.
type App struct {
	// Streams are the standard streams and what is known of the terminal
	// behind them (In, Out, Err, InTTY, OutTTY, Color, Width).
	terminal.Streams

	// Getenv reads the environment.
	Getenv func(string) string
	// Now is the clock.
	Now func() time.Time
	// NewAsker returns what puts questions to the person, and a function
	// that undoes any terminal state it set up. Tests replace it.
	NewAsker func(terminal.AskOptions) (journal.Prompter, func(), error)
	// ReadSecret reads a passphrase typed at the terminal without echo,
	// after prompt.
	ReadSecret func(prompt string) ([]byte, error)

	// DBFlag is the value of --db, set as the command line is parsed.
	DBFlag string
	// LockTimeout is how long to wait for a journal another process holds;
	// zero means storage.DefaultTimeout.
	LockTimeout time.Duration

	catalog *prompts.Catalog // the prompts, once read
	asking  bool             // an asker is reading the terminal (see asker)
}

// NewApp returns an App on the process's own streams and environment.
func NewApp() *App {
	return &App{
		Streams:    terminal.System(os.Getenv),
		Getenv:     os.Getenv,
		Now:        time.Now,
		NewAsker:   terminal.NewAsker,
		ReadSecret: readSecretFromTerminal,
	}
}

// asker sets up asking the person, through NewAsker. editor, when not "",
// is the shell command that long answers are written in (today --editor).
func (a *App) asker(editor string) (journal.Prompter, func(), error) {
	asker, stop, err := a.NewAsker(terminal.AskOptions{Color: !a.NoColor, Editor: editor})
	if err != nil {
		return asker, stop, err
	}
	// While the asker reads the terminal, a passphrase read from it too
	// would lose keys to the asker, and show them (readPassphrase).
	a.asking = true
	return asker, func() { stop(); a.asking = false }, nil
}

// Today is the day an evening at this moment belongs to.
func (a *App) Today() journal.Day { return journal.Today(a.Now()) }

// ParseDay reads a DATE argument; a bad one is a usage error.
func (a *App) ParseDay(flag, s string) (journal.Day, error) {
	d, err := journal.ParseDay(s, a.Now())
	if err != nil {
		return journal.Day{}, usageError{msg: fmt.Sprintf("%s: %v", flag, err)}
	}
	return d, nil
}

// ParseEntryDay reads a DATE that an entry is to be written under: as
// ParseDay does, refusing also a day outside the dates a journal holds.
func (a *App) ParseEntryDay(flag, s string) (journal.Day, error) {
	d, err := a.ParseDay(flag, s)
	if err != nil {
		return d, err
	}
	if err := journal.CheckDate(d); err != nil {
		return journal.Day{}, usageError{msg: fmt.Sprintf("%s: %v", flag, err)}
	}
	return d, nil
}

// JournalPath is where the journal lives: --db, else $REFLECT_DB, else
// $XDG_DATA_HOME/reflect/journal.db, else ~/.local/share/reflect/journal.db.
func (a *App) JournalPath() (string, error) {
	if a.DBFlag != "" {
		return a.DBFlag, nil
	}
	if p := a.Getenv("REFLECT_DB"); p != "" {
		return p, nil
	}
	if dir := a.Getenv("XDG_DATA_HOME"); dir != "" {
		return filepath.Join(dir, "reflect", "journal.db"), nil
	}
	home := a.Getenv("HOME")
	if home == "" {
		var err error
		if home, err = os.UserHomeDir(); err != nil {
			return "", fmt.Errorf("finding the journal: no --db, $REFLECT_DB or home folder: %w", err)
		}
	}
	return filepath.Join(home, ".local", "share", "reflect", "journal.db"), nil
}

// Journal returns the journal the command works on.
func (a *App) Journal() (*storage.Journal, error) {
	path, err := a.JournalPath()
	if err != nil {
		return nil, err
	}
	// A link that leads nowhere would read as no journal yet: say so now.
	if err := storage.CheckPath(path); err != nil {
		return nil, err
	}
	j := storage.New(path)
	if a.LockTimeout > 0 {
		j.Timeout = a.LockTimeout
	}
	j.Passphrase = func() ([]byte, error) { return a.readPassphrase("Passphrase for " + path + ": ") }
	j.Notify = func(msg string) { a.Printf("reflect: %s\n", msg) }
	return j, nil
}

// ConfigDir is reflect's settings folder: $XDG_CONFIG_HOME/reflect, else
// ~/.config/reflect.
func (a *App) ConfigDir() string {
	if dir := a.Getenv("XDG_CONFIG_HOME"); dir != "" {
		return filepath.Join(dir, "reflect")
	}
	home := a.Getenv("HOME")
	if home == "" {
		home, _ = os.UserHomeDir()
	}
	return filepath.Join(home, ".config", "reflect")
}

// Catalog returns the prompts reflect asks: the built-in catalog, with the
// person's prompts file (ConfigDir/prompts.json) applied when there is one.
// A broken file is a usage error naming its line.
func (a *App) Catalog() (*prompts.Catalog, error) {
	if a.catalog != nil {
		return a.catalog, nil
	}
	path := filepath.Join(a.ConfigDir(), prompts.CustomFile)
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		a.catalog = prompts.Builtin()
		return a.catalog, nil
	case err != nil:
		return nil, fmt.Errorf("reading your prompts: %w", err)
	}
	cat, err := prompts.Builtin().WithCustom(data, path)
	if err != nil {
		return nil, usageError{msg: err.Error(), hint: "Fix the file, or move it aside to use the built-in prompts."}
	}
	a.catalog = cat
	return cat, nil
}

// ShownCatalog returns the catalog by which commands that show what the
// journal holds (show, log, export, import's jrnl notes, the answers of a
// day listed before an evening) read answers: Catalog, so that an answer to
// a prompt of the person's prompts file is shown by its kind; but a broken
// prompts file leaves these commands working, with the built-in catalog
// (the commands that ask or list prompts say what is wrong with it).
func (a *App) ShownCatalog() *prompts.Catalog {
	cat, err := a.Catalog()
	if err != nil {
		return prompts.Builtin()
	}
	return cat
}

// sayNoJournal tells the person that a command that reads found no journal
// yet, and how to start one.
func sayNoJournal(app *App, j *storage.Journal) {
	app.Printf("No journal yet at %s. Run 'reflect today' to write the first entry.\n", j.Path)
}

// Printf writes a message for the person to the error stream, made safe for
// the terminal: the messages name files and days a person supplied.
func (a *App) Printf(format string, args ...any) {
	fmt.Fprint(a.Err, journal.Visible(fmt.Sprintf(format, args...)))
}
