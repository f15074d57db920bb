package storage

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrNotExist means there is no journal yet: nothing has been written.
var ErrNotExist = errors.New("no journal yet")

// BusyError means another process holds the journal.
type BusyError struct{ Path string }

// Error implements error.
func (e *BusyError) Error() string {
	return fmt.Sprintf("the journal is busy: another reflect is using %s", e.Path)
}

// DamagedError means the file cannot be read as a reflect journal: it is
// damaged, or it is some other file. It is left exactly as it was.
type DamagedError struct {
	Path   string
	Reason string
	Err    error
}

// Error implements error.
func (e *DamagedError) Error() string {
	msg := fmt.Sprintf("%s is damaged or not a reflect journal: %s", e.Path, e.Reason)
	if e.Err != nil {
		// The cause is a library's words, which may quote what it read:
		// shown short, and with nothing a terminal would act on.
		msg += ": " + shortText(e.Err.Error(), 80)
	}
	return msg
}

// shortText is s on one line, with control characters escaped, cut to at
// most n bytes.
func shortText(s string, n int) string {
	s = strings.Trim(strconv.Quote(s), `"`)
	if len(s) > n {
		s = strings.ToValidUTF8(s[:n], "") + "…"
	}
	return s
}

// Unwrap returns the cause.
func (e *DamagedError) Unwrap() error { return e.Err }

// NewerError means the journal was written by a newer reflect, whose layout
// this build does not know.
type NewerError struct {
	Path    string
	Version int
}

// Error implements error.
func (e *NewerError) Error() string {
	return fmt.Sprintf("%s was written by a newer reflect (schema %d; this one knows %d)", e.Path, e.Version, SchemaVersion)
}
