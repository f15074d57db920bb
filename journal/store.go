package journal

import (
	"errors"
	"time"
)

// The use cases below (the evening, saving an answers file) read and write
// a journal through these small interfaces; storage satisfies them with
// bbolt, and tests with whatever they like.

// Store is a journal as the use cases see it: transactions over its days.
type Store interface {
	// Read runs fn in a read-only transaction. On a journal that does not
	// exist yet, fn is given a Reader that holds nothing.
	Read(fn func(Reader) error) error
	// Write runs fn in a read-write transaction: all of it is kept, or
	// none of it.
	Write(fn func(Writer) error) error
}

// Reader reads a journal's days within one transaction.
type Reader interface {
	// Entry returns the entry of a day, and whether there is one.
	Entry(d Day) (Entry, bool, error)
	// Draft returns the draft of a day, and whether there is one.
	Draft(d Day) (Draft, bool, error)
	// Range calls fn for each entry from the day from up to the day to,
	// oldest first, until fn returns Stop.
	Range(from, to Day, fn func(Entry) error) error
	// Descend calls fn for each entry from the day from down to the day to,
	// newest first, until fn returns Stop.
	Descend(from, to Day, fn func(Entry) error) error
	Summaries
}

// Writer changes a journal's days within one transaction.
type Writer interface {
	// Entry returns the entry of a day as the transaction sees it.
	Entry(d Day) (Entry, bool, error)
	// PutEntry writes an entry, replacing the day's.
	PutEntry(e Entry) error
	// DeleteEntry removes the entry of a day.
	DeleteEntry(d Day) error
	// Merge adds entries of one day to the journal as import does: a new day
	// is taken as it is, an existing one gets only the answers it lacks.
	Merge(ins ...Entry) (MergeResult, error)
	// AddAnswers adds answers to the entry of a day, given at now, and
	// returns the entry as it then stands.
	AddAnswers(d Day, answers []Answer, now time.Time) (Entry, error)
	// Draft returns the draft of a day as the transaction sees it.
	Draft(d Day) (Draft, bool, error)
	// PutDraft keeps the draft of its day, replacing any earlier one.
	PutDraft(d Draft) error
	// DeleteDraft removes the draft of a day, if it has one.
	DeleteDraft(d Day) error
}

// Stop, returned by the function given to Reader.Descend, ends the walk
// early, without an error.
var Stop = errors.New("stop walking the journal")
