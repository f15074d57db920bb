package cmd

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/term"

	"github.com/reflect-cli/reflect/journal"
)

// newTerminalAsker sets up asking in the process's terminal.
//
// Ctrl-C reaches the prompts as a key, never as a signal, so the prompt that
// reads it keeps what was typed. A SIGINT, SIGTERM or SIGHUP (the terminal
// closing) ends the prompt being read as if the input had ended: the session
// then keeps its answers as a draft and exits 130 by the usual path, with the
// terminal restored. A second signal ends the process at once.
//
// The returned function puts the terminal back as it was found.
func newTerminalAsker(app *App) (journal.Prompter, func(), error) {
	out := os.Stderr
	if !term.IsTerminal(int(out.Fd())) && term.IsTerminal(int(os.Stdout.Fd())) {
		out = os.Stdout
	}
	fd := int(os.Stdin.Fd())
	state, err := term.GetState(fd)
	if err != nil {
		return nil, nil, fmt.Errorf("reading the terminal's settings: %w", err)
	}
	if err := keepCtrlCAsInput(fd); err != nil {
		return nil, nil, fmt.Errorf("setting up the terminal: %w", err)
	}
	in := newTerminalInput(os.Stdin)
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		select {
		case <-signals:
			in.cancel()
		case <-done:
			return
		}
		select {
		case <-signals:
			_ = term.Restore(fd, state)
			fmt.Fprintln(os.Stderr, "\nreflect: interrupted")
			os.Exit(exitInterrupted)
		case <-done:
		}
	}()
	stop := func() {
		signal.Stop(signals)
		close(done)
		_ = term.Restore(fd, state)
	}
	var asker journal.Prompter = newSurveyAsker(in, in.output(out), app.Getenv("NO_COLOR") == "", in.waitingInput)
	if app.Editor != "" {
		asker = &editorAsker{
			Prompter: asker,
			editor:   app.Editor,
			stdio:    [3]*os.File{os.Stdin, out, out},
			pause:    func() { _ = term.Restore(fd, state) },
			unpause:  func() { _ = keepCtrlCAsInput(fd) },
		}
	}
	return asker, stop, nil
}
