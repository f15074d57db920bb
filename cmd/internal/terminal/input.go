package terminal

import (
	"bytes"
	"io"
	"os"
	"regexp"
	"sync"
	"time"
)

// terminalInput is the terminal's input as survey reads it. It does three
// things survey does not:
//
//   - It reads in a goroutine of its own, so that a signal can end a read
//     that is waiting for a key: after cancel, Read returns io.EOF.
//   - It hands out at most one line per Read. Each survey prompt reads
//     through a buffer of its own that it throws away when it is done, so
//     anything typed (or pasted) past the Enter that ends a prompt must stay
//     here, for the next prompt.
//   - When survey has asked the terminal where the cursor is, the terminal's
//     report is handed out ahead of keys typed before it arrived. survey reads
//     everything up to the report into the current prompt's buffer, which
//     would otherwise swallow those keys.
type terminalInput struct {
	f         *os.File
	chunks    chan []byte
	cancelled chan struct{}
	once      sync.Once

	// Read, waitingInput and the output's Write run on survey's goroutine.
	pending []byte // read from the terminal, not yet handed out
	reports int    // cursor reports the terminal owes
	// reportWait is how long a read waits for an owed cursor report before
	// it hands out keys as they come, as survey alone would.
	reportWait time.Duration
}

// cursorReport is a terminal's answer to "where is the cursor?" (ESC [ 6 n).
var cursorReport = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\x1b\[\d+;\d+R`) })

func newTerminalInput(f *os.File) *terminalInput {
	in := &terminalInput{f: f, chunks: make(chan []byte), cancelled: make(chan struct{}), reportWait: 2 * time.Second}
	go in.pump()
	return in
}

func (in *terminalInput) pump() {
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

// receive waits up to wait (forever, when wait is zero) for more input and
// adds it to pending. It returns io.EOF once the input has ended or been
// cancelled, and false when the wait ran out.
func (in *terminalInput) receive(wait time.Duration) (bool, error) {
	var timeout <-chan time.Time
	if wait > 0 {
		timeout = time.After(wait)
	}
	select {
	case chunk, ok := <-in.chunks:
		if !ok {
			return false, io.EOF
		}
		in.pending = append(in.pending, chunk...)
		return true, nil
	case <-in.cancelled:
		return false, io.EOF
	case <-timeout:
		return false, nil
	}
}

// Read implements io.Reader.
func (in *terminalInput) Read(p []byte) (int, error) {
	for in.reports > 0 {
		if loc := cursorReport().FindIndex(in.pending); loc != nil {
			report := append([]byte(nil), in.pending[loc[0]:loc[1]]...)
			in.pending = append(in.pending[:loc[0]:loc[0]], in.pending[loc[1]:]...)
			in.reports--
			return copy(p, report), nil
		}
		got, err := in.receive(in.reportWait)
		if err != nil {
			return 0, err
		}
		if !got { // a terminal that does not answer: stop waiting for it
			in.reports = 0
		}
	}
	for len(in.pending) == 0 {
		if _, err := in.receive(0); err != nil {
			return 0, err
		}
	}
	line := in.pending
	if end := bytes.IndexAny(line, "\r\n\x04"); end >= 0 { // Enter or Ctrl-D ends a prompt's line
		line = line[:end+1]
	}
	n := copy(p, line)
	in.pending = in.pending[n:]
	return n, nil
}

// waitingInput reports whether more input has already come in, allowing a
// moment for the rest of a paste to arrive.
func (in *terminalInput) waitingInput() bool {
	if len(in.pending) > 0 {
		return true
	}
	got, _ := in.receive(20 * time.Millisecond)
	return got
}

// Fd returns the terminal's file descriptor, for survey's mode changes.
func (in *terminalInput) Fd() uintptr { return in.f.Fd() }

func (in *terminalInput) cancel() { in.once.Do(func() { close(in.cancelled) }) }

// output returns the terminal's output as survey writes it: it tells the
// input when survey asks where the cursor is.
func (in *terminalInput) output(f *os.File) *terminalOutput {
	return &terminalOutput{f: f, in: in}
}

// terminalOutput is the terminal's output as survey writes it.
type terminalOutput struct {
	f  *os.File
	in *terminalInput
}

// Write implements io.Writer.
func (o *terminalOutput) Write(p []byte) (int, error) {
	o.in.reports += bytes.Count(p, []byte("\x1b[6n"))
	return o.f.Write(p)
}

// Fd returns the terminal's file descriptor, for survey's size queries.
func (o *terminalOutput) Fd() uintptr { return o.f.Fd() }
