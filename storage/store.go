package storage

import (
	"errors"

	"github.com/reflect-cli/reflect/journal"
)

// Journal satisfies journal.Store: the use cases in journal read and write
// through Read and Write.
var _ journal.Store = (*Journal)(nil)

// Read implements journal.Store: it runs fn in a read transaction, as View
// does. On a journal that does not exist yet, fn is given a reader that
// holds nothing, and nothing is created.
func (j *Journal) Read(fn func(journal.Reader) error) error {
	called := false
	err := j.View(func(r *Reader) error {
		called = true
		return fn(storeReader{r})
	})
	if errors.Is(err, ErrNotExist) && !called {
		return fn(emptyReader{})
	}
	return err
}

// Write implements journal.Store: it runs fn in a write transaction, as
// Update does.
func (j *Journal) Write(fn func(journal.Writer) error) error {
	return j.Update(func(w *Writer) error { return fn(w) })
}

// storeReader is a Reader as journal.Reader: journal.Stop ends a walk.
type storeReader struct{ *Reader }

func (r storeReader) Descend(from, to journal.Day, fn func(journal.Entry) error) error {
	return r.Reader.Descend(from, to, stopping(fn))
}

func (r storeReader) Range(from, to journal.Day, fn func(journal.Entry) error) error {
	return r.Reader.Range(from, to, stopping(fn))
}

// stopping turns journal.Stop from fn into Stop.
func stopping(fn func(journal.Entry) error) func(journal.Entry) error {
	return func(e journal.Entry) error {
		if err := fn(e); !errors.Is(err, journal.Stop) {
			return err
		}
		return Stop
	}
}

// emptyReader is a journal that does not exist yet: it holds nothing.
type emptyReader struct{}

func (emptyReader) Entry(journal.Day) (journal.Entry, bool, error) {
	return journal.Entry{}, false, nil
}
func (emptyReader) Draft(journal.Day) (journal.Draft, bool, error) {
	return journal.Draft{}, false, nil
}
func (emptyReader) Summary(journal.Day) (journal.Summary, bool, error) {
	return journal.Summary{}, false, nil
}
func (emptyReader) EachFigures(func(journal.Summary) error) error               { return nil }
func (emptyReader) EachLessons(func(journal.Summary) error) error               { return nil }
func (emptyReader) Descend(_, _ journal.Day, _ func(journal.Entry) error) error { return nil }
func (emptyReader) Range(_, _ journal.Day, _ func(journal.Entry) error) error   { return nil }
