package terminal

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"golang.org/x/term"

	"github.com/reflect-cli/reflect/journal"
)

// exitInterrupted is the exit status of a session the person stopped, as
// reflect's contract has it; the terminal uses it when a second signal
// ends the process at once.
const exitInterrupted = 130

// draftGrace is how long a session stopped by a signal has to keep its
// draft once a second signal comes: long enough to wait out a journal that
// another reflect holds (storage.DefaultTimeout) and write the draft.
const draftGrace = 10 * time.Second

// AskOptions say how NewAsker asks.
type AskOptions struct {
	// Color colors the prompts; false when NO_COLOR is set.
	Color bool
	// Editor, when not "", is the shell command, as $VISUAL and $EDITOR
	// hold it, that long answers are written in (today --editor).
	Editor string
}

// NewAsker sets up asking in the process's terminal, and returns what asks
// and a function that puts the terminal back as it was found.
//
// Ctrl-C reaches the prompts as a key, never as a signal, so the prompt that
// reads it keeps what was typed. A SIGINT, SIGTERM or SIGHUP (the terminal
// closing) ends the prompt being read as if the input had ended: the session
// then keeps its answers as a draft and exits 130 by the usual path, with the
// terminal restored. A second signal leaves it draftGrace to do so; a third
// ends the process at once.
func NewAsker(o AskOptions) (journal.Prompter, func(), error) {
	out := os.Stderr
	if !term.IsTerminal(int(out.Fd())) && term.IsTerminal(int(os.Stdout.Fd())) {
		out = os.Stdout
	}
	fd := int(os.Stdin.Fd())
	state, err := term.GetState(fd)
	if err != nil {
		return nil, nil, fmt.Errorf("reading the terminal's settings: %w", err)
	}
	if err := KeepCtrlCAsInput(fd); err != nil {
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
		// A second signal often follows the first at once (a closing
		// terminal sends SIGHUP after SIGTERM; a logout sends both): the
		// session is then keeping its draft, and is given the time to. A
		// third signal, or a session still not done after that time, ends
		// the process at once.
		select {
		case <-signals:
		case <-done:
			return
		}
		select {
		case <-signals:
		case <-time.After(draftGrace):
		case <-done:
			return
		}
		_ = term.Restore(fd, state)
		fmt.Fprintln(os.Stderr, "\nreflect: interrupted")
		os.Exit(exitInterrupted)
	}()
	stop := func() {
		signal.Stop(signals)
		close(done)
		_ = term.Restore(fd, state)
	}
	var asker journal.Prompter = newSurveyAsker(in, in.output(out), o.Color, in.waitingInput)
	if o.Editor != "" {
		asker = &editorAsker{
			Prompter: asker,
			editor:   o.Editor,
			stdio:    [3]*os.File{os.Stdin, out, out},
			pause:    func() { _ = term.Restore(fd, state) },
			unpause:  func() { _ = KeepCtrlCAsInput(fd) },
		}
	}
	return asker, stop, nil
}

// AskIn returns an asker that reads keys from tty and draws on it, as
// NewAsker's does, but that leaves the terminal's settings and the
// process's signals alone (see KeepCtrlCAsInput); end stops its reading of
// tty. It is for tests that run the asker in a pseudo-terminal.
func AskIn(tty *os.File, o AskOptions) (asker journal.Prompter, end func()) {
	in := newTerminalInput(tty)
	return newSurveyAsker(in, in.output(tty), o.Color, in.waitingInput), in.cancel
}
