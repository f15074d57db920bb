package cmd

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"

	"golang.org/x/term"
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
func newTerminalAsker(app *App) (Prompter, func(), error) {
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
	in := newCancelableInput(os.Stdin)
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
	var asker Prompter = newSurveyAsker(in, out, app.Getenv("NO_COLOR") == "")
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

// cancelableInput reads a terminal in a goroutine of its own, so that a
// signal can end a read that is waiting for a key: after cancel, Read
// returns io.EOF.
type cancelableInput struct {
	f         *os.File
	chunks    chan []byte
	cancelled chan struct{}
	once      sync.Once
	pending   []byte
}

func newCancelableInput(f *os.File) *cancelableInput {
	in := &cancelableInput{f: f, chunks: make(chan []byte), cancelled: make(chan struct{})}
	go in.pump()
	return in
}

func (in *cancelableInput) pump() {
	defer close(in.chunks)
	for {
		buf := make([]byte, 512)
		n, err := in.f.Read(buf)
		if n > 0 {
			select {
			case in.chunks <- buf[:n]:
			case <-in.cancelled:
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// Read implements io.Reader.
func (in *cancelableInput) Read(p []byte) (int, error) {
	if len(in.pending) == 0 {
		select {
		case chunk, ok := <-in.chunks:
			if !ok {
				return 0, io.EOF
			}
			in.pending = chunk
		case <-in.cancelled:
			return 0, io.EOF
		}
	}
	n := copy(p, in.pending)
	in.pending = in.pending[n:]
	return n, nil
}

// Fd returns the terminal's file descriptor, for survey's mode changes.
func (in *cancelableInput) Fd() uintptr { return in.f.Fd() }

func (in *cancelableInput) cancel() { in.once.Do(func() { close(in.cancelled) }) }
