package terminal

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// HoldSignals runs fn, a change that must run to its end once begun, with
// Ctrl-C and the signals that end a program politely (SIGTERM, SIGHUP) held
// off until fn returns. The first one that comes has note written to w, so
// the person knows it was heard; fn's own result says how it ended. Only
// SIGKILL stops fn, and the changes it is used for are made in a copy put
// in place whole, so even that leaves the journal as it was or as it is to
// be.
func HoldSignals(w io.Writer, note string, fn func() error) error {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	done := make(chan struct{})
	heard := make(chan struct{})
	go func() {
		defer close(heard)
		select {
		case <-signals:
			fmt.Fprintf(w, "\nreflect: %s\n", note)
		case <-done:
		}
	}()
	err := fn()
	close(done)
	<-heard
	signal.Stop(signals)
	return err
}

// StopOnSignal returns a context that ends when Ctrl-C or a signal that
// ends a program politely (SIGTERM, SIGHUP) comes, for work that can stop
// between two steps and say how far it got; until stop is called, the
// signal no longer ends the program by itself.
func StopOnSignal() (ctx context.Context, stop context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
}
