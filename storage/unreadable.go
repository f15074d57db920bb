package storage

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/reflect-cli/reflect/journal"
)

// ErrReadable means an entry that RemoveUnreadable was asked to remove
// reads as it should: it is left, for a delete that keeps a copy that
// imports back.
var ErrReadable = errors.New("the entry reads as it should")

// RemoveUnreadable removes the entry of day, and its summary, when the
// entry cannot be read: damaged on disk, or sealed under a key that is
// gone. It is the way past such a day, which otherwise stops every
// command that reads the whole journal (export, decrypt, a passphrase
// change). keep is given the entry's bytes as stored, first: nothing is
// removed unless it keeps them. An entry that reads is ErrReadable, and a
// day without one ErrNotExist; both are left as they are.
func (j *Journal) RemoveUnreadable(day journal.Day, keep func(stored []byte) error) error {
	// In place: an upgrade would stop at the entry that cannot be read.
	return j.updateInPlace(func(w *Writer) error {
		_, ok, readErr := w.Entry(day)
		var damaged *DamagedError
		switch {
		case readErr == nil && ok:
			return ErrReadable
		case readErr == nil:
			return ErrNotExist
		case !errors.As(readErr, &damaged) || damaged.Record != day.String():
			return readErr // the damage is not this entry's
		}
		if err := w.pages.checkGet(bucketEntries, day); err != nil {
			return err
		}
		stored := bytes.Clone(w.tx.Bucket(bucketEntries).Get([]byte(day.String())))
		if err := keep(stored); err != nil {
			return fmt.Errorf("keeping the entry's stored bytes (so nothing was removed): %w", err)
		}
		return w.DeleteEntry(day)
	})
}
