package terminal

import (
	"errors"
	"io"
	"os"
	"testing"
	"time"
)

// pipeInput returns a terminalInput reading a pipe, and the pipe's writing end.
func pipeInput(t *testing.T) (*terminalInput, *os.File) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close(); w.Close() })
	return newTerminalInput(r), w
}

func read(t *testing.T, in *terminalInput) string {
	t.Helper()
	buf := make([]byte, 4096)
	n, err := in.Read(buf)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return string(buf[:n])
}

func TestInputHandsOutOneLineAtATime(t *testing.T) {
	in, w := pipeInput(t)
	w.WriteString("first\rsecond\nthird")
	for _, want := range []string{"first\r", "second\n", "third"} {
		if got := read(t, in); got != want {
			t.Fatalf("Read = %q, want %q", got, want)
		}
	}
}

func TestInputPutsCursorReportsFirst(t *testing.T) {
	in, w := pipeInput(t)
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	out := in.output(null)
	w.WriteString("typed ahead\r")
	// survey asks where the cursor is; the terminal answers after the keys.
	if _, err := out.Write([]byte("\x1b[6n")); err != nil {
		t.Fatal(err)
	}
	// The keys are in; the report is not yet. It comes, however slow the
	// machine: the read waits for it.
	in.reportWait = time.Hour
	if _, err := in.receive(0); err != nil {
		t.Fatal(err)
	}
	go w.WriteString("\x1b[12;40R")
	if got := read(t, in); got != "\x1b[12;40R" {
		t.Fatalf("Read = %q, want the cursor report first", got)
	}
	if got := read(t, in); got != "typed ahead\r" {
		t.Fatalf("then Read = %q, want the keys", got)
	}
}

func TestInputStopsWaitingForASilentTerminal(t *testing.T) {
	in, w := pipeInput(t)
	in.reportWait = 50 * time.Millisecond
	in.reports = 1
	w.WriteString("R is for reflect\r")
	if got := read(t, in); got != "R is for reflect\r" {
		t.Fatalf("Read = %q", got)
	}
}

func TestInputCancel(t *testing.T) {
	in, _ := pipeInput(t)
	done := make(chan error)
	go func() {
		_, err := in.Read(make([]byte, 10))
		done <- err
	}()
	in.cancel()
	// A Read that never ends fails the test at go test's -timeout.
	if err := <-done; !errors.Is(err, io.EOF) {
		t.Fatalf("Read after cancel = %v, want io.EOF", err)
	}
}

func TestInputWaitingInput(t *testing.T) {
	in, w := pipeInput(t)
	if in.waitingInput() {
		t.Fatal("waitingInput with nothing typed")
	}
	w.WriteString("more")
	// Each call waits a moment for input; input never seen fails the test
	// at go test's -timeout.
	for !in.waitingInput() {
	}
}
