package terminal

import (
	"io"
	"os"
	"strconv"

	"golang.org/x/term"
)

// Streams are where a command reads and writes, and what is known of the
// terminal behind them. Tests make their own, on buffers.
type Streams struct {
	In     io.Reader // what is typed or piped in
	Out    io.Writer // results
	Err    io.Writer // messages, prompts' notes and errors
	InTTY  bool      // standard input is a terminal: a person can be asked
	OutTTY bool      // standard output is a terminal

	// NoColor is set when $NO_COLOR is: nothing is colored.
	NoColor bool
	// Columns is $COLUMNS, the width to wrap to when Out is not a terminal
	// that tells its own; 0 when it is unset or not a positive number.
	Columns int
}

// System returns the process's own streams, with what getenv says of
// NO_COLOR and COLUMNS.
func System(getenv func(string) string) Streams {
	s := Streams{
		In:     os.Stdin,
		Out:    os.Stdout,
		Err:    os.Stderr,
		InTTY:  term.IsTerminal(int(os.Stdin.Fd())),
		OutTTY: term.IsTerminal(int(os.Stdout.Fd())),
	}
	s.ReadEnv(getenv)
	return s
}

// ReadEnv sets NoColor and Columns from the environment that getenv reads.
func (s *Streams) ReadEnv(getenv func(string) string) {
	s.NoColor = getenv("NO_COLOR") != ""
	s.Columns = 0
	if w, err := strconv.Atoi(getenv("COLUMNS")); err == nil && w > 0 {
		s.Columns = w
	}
}

// Color reports whether output may be colored: only on a terminal, and
// never with NO_COLOR set.
func (s *Streams) Color() bool {
	return s.OutTTY && !s.NoColor
}

// Width is the width that text is wrapped to: the terminal's, else
// $COLUMNS, else 80.
func (s *Streams) Width() int {
	if f, ok := s.Out.(*os.File); ok && s.OutTTY {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			return w
		}
	}
	if s.Columns > 0 {
		return s.Columns
	}
	return 80
}

// OutNeverWaits reports whether a write to Out never waits on a reader: Out
// is a file, or a device that is not a terminal (/dev/null). A pipe, a
// socket or a terminal may keep a writer waiting as long as it likes.
func (s *Streams) OutNeverWaits() bool {
	f, ok := s.Out.(*os.File)
	if !ok || s.OutTTY {
		return false
	}
	info, err := f.Stat()
	if err != nil {
		return false
	}
	mode := info.Mode()
	return mode.IsRegular() || mode&os.ModeCharDevice != 0
}
