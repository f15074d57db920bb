package cmd

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/reflect-cli/reflect/cmd/internal/terminal"
	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/storage"
)

// statusOptions are status's flags.
type statusOptions struct {
	prompt bool // the shell prompt's nudge alone
	json   bool
}

// EveningFromEnv names the time of day (HH or HH:MM) from which
// 'reflect status --prompt' nudges while today is unwritten.
const EveningFromEnv = "REFLECT_EVENING_FROM"

// defaultEveningFrom is when the evening begins, for the nudge.
const defaultEveningFrom = 18 * time.Hour

// Nudge is what 'reflect status --prompt' prints for a shell prompt while
// today is unwritten and the evening has begun: a segment, with the space
// that parts it from the rest of the prompt.
const Nudge = "✎ reflect "

func newStatusCmd(app *App) *cobra.Command {
	var opts statusOptions
	c := &cobra.Command{
		Use:   "status",
		Short: "Today at a glance: written or not, the streak, a step to follow up",
		Long: `Says whether today has an entry, the current streak, and the step the
evening will follow up. It reads only the dates of the journal for the first
two (no passphrase is asked for them); the step needs the passphrase of an
encrypted journal, and is left out when there is no way to ask for it.

--prompt prints a short segment for a shell prompt ("` + strings.TrimSpace(Nudge) + `") while today
has no entry and the evening has begun (from 18:00, or $` + EveningFromEnv + `), and
nothing at all otherwise: it goes quiet by itself once you have reflected. It
costs one read of the journal's dates; on an error it prints nothing and
exits 0, so that a prompt showing $? is not changed ('reflect status' says
what the error is).`,
		Example: `  reflect status
  PS1='$(s=$?; reflect status --prompt; exit $s)'"$PS1"`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(*cobra.Command, []string) error { return runStatus(app, opts) },
	}
	c.Flags().BoolVar(&opts.prompt, "prompt", false, "print only a short nudge for a shell prompt, while today is unwritten in the evening")
	c.Flags().BoolVar(&opts.json, "json", false, "print the glance as JSON")
	return c
}

func runStatus(app *App, opts statusOptions) error {
	if opts.prompt && opts.json {
		return usageError{msg: "--prompt and --json cannot be combined: --prompt is a shell prompt's nudge alone"}
	}
	if opts.prompt {
		return statusPrompt(app)
	}
	// The nudge says nothing of a mistake in its setting: status does.
	if _, err := eveningFrom(app); err != nil {
		return err
	}
	j, err := app.Journal()
	if err != nil {
		return err
	}
	today := app.Today()
	g, err := journal.GlanceAt(j, today)
	if err != nil {
		return err
	}
	if j.Exists() && !needsPassphraseNobodyCanGive(app, j) {
		if g.Step, err = journal.StepOf(j, today); err != nil {
			return err
		}
		synced, err := journal.LastSyncOf(j)
		if err != nil {
			return err
		}
		if !synced.IsZero() {
			g.LastSync = &synced
		}
	}
	if opts.json {
		return terminal.WriteJSON(app.Out, g)
	}
	name := dayName(app, today)
	switch {
	case !j.Exists():
		fmt.Fprintf(app.Out, "%s: no journal yet. 'reflect today' writes the first entry.\n", name)
		return nil
	case g.Written:
		fmt.Fprintf(app.Out, "%s: written.\n", name)
	default:
		fmt.Fprintf(app.Out, "%s: not written yet.\n", name)
	}
	fmt.Fprintf(app.Out, "Streak: %s.\n", plural(g.Streak, "day"))
	if g.Step != nil {
		fmt.Fprintf(app.Out, "To follow up: «%s», planned %s.\n", journal.VisibleLine(g.Step.Text), dayName(app, g.Step.Planned))
	}
	if g.LastSync != nil {
		at := g.LastSync.In(app.Now().Location())
		fmt.Fprintf(app.Out, "Last sync: %s, %s.\n", dayName(app, journal.DayOf(at)), at.Format("15:04"))
	}
	return nil
}

// needsPassphraseNobodyCanGive reports whether the journal is encrypted with
// no passphrase file and no terminal to ask in: the step is then left out
// of the glance rather than failing it.
func needsPassphraseNobodyCanGive(app *App, j *storage.Journal) bool {
	encrypted, err := j.Encrypted()
	return err == nil && encrypted && app.Getenv(PassphraseFileEnv) == "" && !app.canTypePassphrase()
}

// statusPrompt prints the nudge while today is unwritten and the evening
// has begun; nothing otherwise. Any error is quiet, and exits 0 all the
// same: a shell prompt is no place for it (a prompt that shows $? would
// show it for the person's own command), and 'reflect status' says what it
// is.
func statusPrompt(app *App) error {
	now := app.Now()
	today := app.Today()
	from, err := eveningFrom(app)
	if err != nil {
		return quietError{err}
	}
	// Before 04:00 today is still yesterday, whose evening goes on.
	evening := today != journal.DayOf(now) || sinceMidnight(now) >= from
	if !evening {
		return nil
	}
	j, err := app.Journal()
	if err != nil {
		return quietError{err}
	}
	written, err := journal.IsWritten(j, today)
	if err != nil {
		return quietError{err}
	}
	if !written {
		fmt.Fprint(app.Out, Nudge)
	}
	return nil
}

// eveningFrom is when the evening begins: $REFLECT_EVENING_FROM (HH or
// HH:MM), else 18:00.
func eveningFrom(app *App) (time.Duration, error) {
	s := app.Getenv(EveningFromEnv)
	if s == "" {
		return defaultEveningFrom, nil
	}
	hh, mm, _ := strings.Cut(s, ":")
	h, err := strconv.Atoi(hh)
	m := 0
	if err == nil && mm != "" {
		m, err = strconv.Atoi(mm)
	}
	if err != nil || h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, usageError{msg: fmt.Sprintf("$%s: %q is not a time of day (HH or HH:MM)", EveningFromEnv, s)}
	}
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute, nil
}

// sinceMidnight is how far into its day t is.
func sinceMidnight(t time.Time) time.Duration {
	h, m, s := t.Clock()
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(s)*time.Second
}

// quietError ends a command without a word, and with exit status 0: for a
// shell prompt, which shows neither.
type quietError struct{ err error }

// Error implements error.
func (e quietError) Error() string { return e.err.Error() }

// Unwrap gives the cause.
func (e quietError) Unwrap() error { return e.err }
