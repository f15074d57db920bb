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

// TestHoldSignals: a SIGTERM and a Ctrl-C that come while a change runs
// are heard (the note is written once) and do not stop it: it runs to its
// end and its own result is returned.
func TestHoldSignals(t *testing.T) {
	w := &noteWriter{written: make(chan struct{})}
	ended := errors.New("the change's own result")
	err := HoldSignals(w, "finishing first", func() error {
		for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
			if err := syscall.Kill(syscall.Getpid(), sig); err != nil {
				t.Fatal(err)
			}
		}
		select {
		case <-w.written:
		case <-time.After(30 * time.Second):
			t.Error("the signals were not heard")
		}
		return ended
	})
	if err != ended {
		t.Errorf("HoldSignals returned %v", err)
	}
	if got := w.b.String(); got != "\nreflect: finishing first\n" {
		t.Errorf("wrote %q", got)
	}
}
