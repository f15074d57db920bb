package cmd

import "sync/atomic"

// aside writes items on a goroutine of its own, in the order they are
// added, while the caller goes on finding them: a search of a hundred years
// spends about as long reading its days as writing what it found, and a
// second core can do the writing. Items are handed over a few at a time,
// so that each costs little to hand over.
type aside[T any] struct {
	batches chan []T
	batch   []T
	done    chan error
	failed  atomic.Bool
}

// asideBatch is how many items are handed over at once.
const asideBatch = 16

// writeAside starts writing with write each item added. After a write
// fails, the items added are not written.
func writeAside[T any](write func(T) error) *aside[T] {
	a := &aside[T]{batches: make(chan []T, 4), done: make(chan error, 1)}
	go func() {
		var err error
		for batch := range a.batches {
			for _, item := range batch {
				if err != nil {
					break
				}
				if err = write(item); err != nil {
					a.failed.Store(true)
				}
			}
		}
		a.done <- err
	}()
	return a
}

// add hands an item to the writer.
func (a *aside[T]) add(item T) {
	a.batch = append(a.batch, item)
	if len(a.batch) == asideBatch {
		a.batches <- a.batch
		a.batch = nil
	}
}

// stopped reports whether a write has failed: nothing added from now on
// is written.
func (a *aside[T]) stopped() bool { return a.failed.Load() }

// wait hands over the items still held, waits until the writer is done
// with them, and returns the error of the write that failed, if one did.
func (a *aside[T]) wait() error {
	if len(a.batch) > 0 {
		a.batches <- a.batch
		a.batch = nil
	}
	close(a.batches)
	return <-a.done
}
