package storage

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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
	// Record is the key (a date) of the one record that cannot be read,
	// when the damage is that record's alone; "" otherwise.
	Record string
}

// Error implements error.
func (e *DamagedError) Error() string {
	msg := fmt.Sprintf("%s is damaged or not a reflect journal: %s", e.Path, e.Reason)
	if e.Err != nil {
		// The cause is a library's words, which may quote what it read:
		// shown short, and with nothing a terminal would act on.
		msg += ": " + shortText(causeInWords(e.Err), 80)
	}
	return msg
}

// causeInWords says what a JSON decoder found wrong in a record in words
// a person reads; any other cause is its own words.
func causeInWords(err error) string {
	var syntax *json.SyntaxError
	var typed *json.UnmarshalTypeError
	var base64Bad base64.CorruptInputError
	switch {
	case errors.As(err, &base64Bad):
		return fmt.Sprintf("its encoded bytes are garbled at byte %d", int64(base64Bad))
	case errors.As(err, &syntax) && strings.Contains(syntax.Error(), "unexpected end"),
		errors.Is(err, io.ErrUnexpectedEOF):
		return "its text is cut short"
	case errors.As(err, &syntax):
		return fmt.Sprintf("its text is garbled at byte %d", syntax.Offset)
	case errors.As(err, &typed) && typed.Field != "":
		return fmt.Sprintf("its field %s holds the wrong kind of value (%s)", typed.Field, typed.Value)
	case errors.As(err, &typed):
		return fmt.Sprintf("it holds the wrong kind of value (%s)", typed.Value)
	}
	return err.Error()
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
