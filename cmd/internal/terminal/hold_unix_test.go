//go:build unix

package terminal

import (
	"errors"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// noteWriter is a writer that says when it was first written to.
type noteWriter struct {
	mu      sync.Mutex
	b       strings.Builder
	written chan struct{}
	once    sync.Once
}

func (w *noteWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.once.Do(func() { close(w.written) })
	return w.b.Write(p)
}

// TestHoldSignals: a SIGTERM, SIGINT or SIGHUP that comes while a change
// runs is heard (the note is written) and does not stop it: it runs to its
// end and its own result is returned.
func TestHoldSignals(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP} {
		w := &noteWriter{written: make(chan struct{})}
		ended := errors.New("the change's own result")
		err := HoldSignals(w, "finishing first", func() error {
			if err := syscall.Kill(syscall.Getpid(), sig); err != nil {
				t.Fatal(err)
			}
			// Waited for, so that the signal is not left to come after the
			// hold, when it would end the test.
			select {
			case <-w.written:
			case <-time.After(30 * time.Second):
				t.Errorf("%v was not heard", sig)
			}
			return ended
		})
		if err != ended {
			t.Errorf("%v: HoldSignals returned %v", sig, err)
		}
		if got := w.b.String(); got != "\nreflect: finishing first\n" {
			t.Errorf("%v: wrote %q", sig, got)
		}
	}
}
