package cmd

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/term"

	"github.com/reflect-cli/reflect/journal"
)

// newTerminalAsker sets up asking in the process's terminal. Until the
// returned function is called, a SIGINT, SIGTERM or SIGHUP (the terminal
// closing) restores the terminal, says where the answers are, and exits 130;
// the answers themselves are already in the draft, written after each one.
func newTerminalAsker(app *App) (journal.Asker, func(), error) {
	in := os.Stdin
	out := os.Stderr
	if !term.IsTerminal(int(out.Fd())) && term.IsTerminal(int(os.Stdout.Fd())) {
		out = os.Stdout
	}
	state, err := term.GetState(int(in.Fd()))
	if err != nil {
		return nil, nil, fmt.Errorf("reading the terminal's settings: %w", err)
	}
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		select {
		case <-signals:
			app.writeMu.Lock() // never unlocked: no write may start after this
			_ = term.Restore(int(in.Fd()), state)
			note, hint := app.interruptNote()
			fmt.Fprintf(os.Stderr, "\nreflect: %s\n", note)
			if hint != "" {
				fmt.Fprintln(os.Stderr, hint)
			}
			os.Exit(exitInterrupted)
		case <-done:
		}
	}()
	stop := func() {
		signal.Stop(signals)
		close(done)
		_ = term.Restore(int(in.Fd()), state)
	}
	return newSurveyAsker(in, out, app.Getenv("NO_COLOR") == ""), stop, nil
}
