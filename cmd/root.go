package cmd

import (
	"fmt"
	"regexp"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// version is stamped in by the Makefile (-ldflags -X); without it, the
// module's build info gives it.
var version = ""

// Version returns the version reflect was built as.
func Version() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
}

// Main runs reflect with the process's arguments and streams and returns
// its exit status.
func Main(args []string) int {
	return Run(NewApp(), args)
}

// Run runs reflect's command line against app and returns the exit status.
func Run(app *App, args []string) int {
	// reflect --version answers at once: no command tree to build, no
	// template to parse, as scripts run it in loops.
	if len(args) == 1 && (args[0] == "--version" || args[0] == "-v") {
		fmt.Fprintf(app.Out, "reflect %s\n", Version())
		return exitOK
	}
	// reflect status --prompt runs before every shell prompt: as cheap as
	// --version, with no command tree either.
	if len(args) == 2 && args[0] == "status" && args[1] == "--prompt" {
		if err := statusPrompt(app); err != nil {
			return report(app.Err, err, false)
		}
		return exitOK
	}
	root, started := newRootCmd(app)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	// Anything that fails before a command starts to run is a mistake on the
	// command line: an unknown command or flag, a wrong number of arguments.
	return report(app.Err, err, !*started)
}

func newRootCmd(app *App) (*cobra.Command, *bool) {
	started := new(bool)
	root := &cobra.Command{
		Use:   "reflect",
		Short: "A five-minute evening reflection, kept in a local journal",
		Long: `reflect walks you through a short evening reflection: how the day went, what a
setback taught you, a small win, and one small step for tomorrow. Your answers
are kept in one local file.

Start with:  reflect today`,
		Version:       Version(),
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(*cobra.Command, []string) error {
			*started = true
			return nil
		},
	}
	root.SetVersionTemplate("reflect {{.Version}}\n")
	root.SetOut(app.Out)
	root.SetErr(app.Err)
	root.SetIn(app.In)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		// A date such as -2d where a DATE argument goes reads as flags.
		if m := daysAgoFlag.FindStringSubmatch(err.Error()); m != nil {
			ago := m[1] + " days ago"
			if m[1] == "1" {
				ago = "1 day ago"
			}
			return usageError{msg: err.Error(), hint: fmt.Sprintf("For a date, write '%s', or put -- before it: %s -- -%sd", ago, c.CommandPath(), m[1])}
		}
		return usageError{msg: err.Error(), hint: "Run '" + c.CommandPath() + " --help' for usage."}
	})
	root.PersistentFlags().StringVar(&app.DBFlag, "db", "", "the journal file, at `PATH` (default $REFLECT_DB, else $XDG_DATA_HOME/reflect/journal.db)")
	root.AddCommand(
		newTodayCmd(app),
		newNoteCmd(app),
		newStatusCmd(app),
		newPromptsCmd(app),
		newShowCmd(app),
		newLogCmd(app),
		newExportCmd(app),
		newImportCmd(app),
		newSyncCmd(app),
		newEditCmd(app),
		newDeleteCmd(app),
		newLessonsCmd(app),
		newStatsCmd(app),
		newDoctorCmd(app),
		newBackupCmd(app),
		newRestoreCmd(app),
		newEncryptCmd(app),
		newDecryptCmd(app),
		newPassphraseCmd(app),
		newSupportTopic(),
	)
	return root, started
}

// daysAgoFlag is pflag's error for a -Nd date given where flags are read.
var daysAgoFlag = regexp.MustCompile(`in -(\d+)d$`)

// exactArgs is cobra.ExactArgs with a message that says what is missing.
func exactArgs(n int, what string) cobra.PositionalArgs { return rangeArgs(n, n, what) }

// rangeArgs is exactArgs for a command that takes from least to most
// arguments.
func rangeArgs(least, most int, what string) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) < least || len(args) > most {
			return usageError{
				msg:  c.CommandPath() + " takes " + what + leftOver(args, most),
				hint: quoteHint(c, args, most),
			}
		}
		return nil
	}
}

// dateFlags are the flags whose value is a date or a week, which people
// write in several words ("3 days ago").
var dateFlags = map[string]bool{"since": true, "until": true, "date": true, "on": true, "week": true}

// leftOver says which words were left over past the most a command takes.
func leftOver(args []string, most int) string {
	if len(args) <= most {
		return ""
	}
	return fmt.Sprintf(", but %q was left over", strings.Join(args[most:], " "))
}

// quoteHint is the advice for a command given arguments it does not take:
// when a date flag was given, that the rest of a date of several words was
// left over, and how to quote it; else where the usage is.
func quoteHint(c *cobra.Command, args []string, most int) string {
	hint := "Run '" + c.CommandPath() + " --help' for usage."
	if len(args) <= most {
		return hint
	}
	c.Flags().Visit(func(f *pflag.Flag) {
		if dateFlags[f.Name] && strings.HasPrefix(hint, "Run") {
			hint = fmt.Sprintf("A date of several words needs quotes: --%s '%s %s'", f.Name, f.Value.String(), strings.Join(args[most:], " "))
		}
	})
	return hint
}

// completeWords offers a fixed list of words for a flag's value.
func completeWords(c *cobra.Command, flag string, words ...string) {
	_ = c.RegisterFlagCompletionFunc(flag, func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return words, cobra.ShellCompDirectiveNoFileComp
	})
}
