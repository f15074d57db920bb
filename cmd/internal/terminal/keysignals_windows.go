//go:build windows

package terminal

import (
	"fmt"
	"os"
	"os/signal"

	"golang.org/x/sys/windows"
)

// KeepCtrlCAsInput stops the console on fd from turning Ctrl-C into a
// signal (it turns off processed input), so that a Ctrl-C typed between two
// prompts waits in the input for the next prompt, which reads it as an
// interruption and keeps what was typed.
func KeepCtrlCAsInput(fd int) error {
	h := windows.Handle(fd)
	var mode uint32
	if err := windows.GetConsoleMode(h, &mode); err != nil {
		return err
	}
	return windows.SetConsoleMode(h, mode&^windows.ENABLE_PROCESSED_INPUT)
}

// withoutEcho runs fn with the console on fd not echoing what is typed,
// then puts the console back as it was. Ctrl-C ends reflect at once, with
// the console put back first, so that it does not stay silent.
func withoutEcho(fd int, fn func() error) error {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt)
	defer signal.Stop(signals)
	h := windows.Handle(fd)
	var old uint32
	if err := windows.GetConsoleMode(h, &old); err != nil {
		return err
	}
	mode := old&^windows.ENABLE_ECHO_INPUT | windows.ENABLE_LINE_INPUT | windows.ENABLE_PROCESSED_INPUT
	if err := windows.SetConsoleMode(h, mode); err != nil {
		return err
	}
	done := make(chan struct{})
	defer func() {
		close(done)
		windows.SetConsoleMode(h, old)
	}()
	go func() {
		select {
		case <-signals:
			windows.SetConsoleMode(h, old)
			fmt.Fprintln(os.Stderr, "\nreflect: interrupted; nothing was changed")
			os.Exit(exitInterrupted)
		case <-done:
		}
	}()
	return fn()
}
