package storage

import (
	"bytes"
	"errors"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// A kept index is made from a journal's days and kept up to date as they
// are written, so that a command reads it instead of every day: the
// ledger of lessons (ledger.go) and the search slices (slices.go). Only a
// journal in the clear keeps them. Nothing in one is a person's own, and
// it can always be made anew from the days, so damage to one never stops
// a write:
//
//   - a kept index that a write cannot bring up to date (a day it needs
//     cannot be read) is dropped, and made anew by a later write;
//   - one on damaged pages, which cannot be freed without perhaps freeing
//     a page in use, is left where it is, and marked in meta so that no
//     reflect reads or writes it again.
type keptIndex struct {
	what    string   // what it is called in a message
	buckets [][]byte // its buckets in the root, kept, dropped and left together
	left    []byte   // the key, in meta, that marks it left
}

var (
	keptLedgerIndex = &keptIndex{what: "the ledger of lessons", buckets: [][]byte{bucketLedger, bucketLedgerIndex}, left: []byte("ledger-left")}
	keptSlicesIndex = &keptIndex{what: "the search slices", buckets: [][]byte{bucketSlices, bucketSlicesNew}, left: []byte("slices-left")}
	// keptIndexes are all of them.
	keptIndexes = []*keptIndex{keptLedgerIndex, keptSlicesIndex}
)

// keptIndexOf returns the kept index a bucket of the root belongs to; nil
// for one of a person's own.
func keptIndexOf(bucket []byte) *keptIndex {
	for _, k := range keptIndexes {
		if slices.ContainsFunc(k.buckets, func(b []byte) bool { return bytes.Equal(b, bucket) }) {
			return k
		}
	}
	return nil
}

// create makes the index's buckets, empty, in a transaction where they
// are not, and returns them in the order of k.buckets. path names the
// journal in a report of damage.
func (k *keptIndex) create(tx *bolt.Tx, path string) ([]*bolt.Bucket, error) {
	var made []*bolt.Bucket
	for _, name := range k.buckets {
		b, err := tx.CreateBucket(name)
		if errors.Is(err, bolterrors.ErrIncompatibleValue) {
			// The name is taken by a value that is not a bucket: a bucket's
			// mark damaged in the journal's root.
			return nil, &DamagedError{Path: path, Reason: k.what + " is damaged", Err: err}
		}
		if err != nil {
			return nil, fmt.Errorf("keeping %s: %w", k.what, err)
		}
		b.FillPercent = 1 // filled in key order
		made = append(made, b)
	}
	return made, nil
}

// remake replaces the index's buckets with new, empty ones, once the
// guard (nil for a file being written anew) has checked the pages they
// free.
func (k *keptIndex) remake(tx *bolt.Tx, pages *guard, path string) ([]*bolt.Bucket, error) {
	if err := k.delete(tx, pages); err != nil {
		return nil, err
	}
	return k.create(tx, path)
}

// delete deletes the index's buckets, where they are, once the guard (nil
// for a file being written anew) has checked the pages they free.
func (k *keptIndex) delete(tx *bolt.Tx, pages *guard) error {
	for _, name := range k.buckets {
		if tx.Bucket(name) == nil {
			continue
		}
		if err := pages.check(name, everything); err != nil {
			return err
		}
		if err := tx.DeleteBucket(name); err != nil {
			return fmt.Errorf("deleting %s: %w", k.what, err)
		}
	}
	return nil
}

// keeps reports whether the journal keeps the index: its buckets are there
// and it was not left.
func (r *Reader) keeps(k *keptIndex) bool {
	for _, name := range k.buckets {
		if r.tx.Bucket(name) == nil {
			return false
		}
	}
	return !r.isLeft(k)
}

// isLeft reports whether the index was left on damaged pages.
func (r *Reader) isLeft(k *keptIndex) bool { return r.tx.Bucket(bucketMeta).Get(k.left) != nil }

// mayKeep reports whether a write is to keep the index: the journal is in
// the clear, of this schema, and the index was not left.
func (w *Writer) mayKeep(k *keptIndex) bool {
	return w.aead == nil && schemaOf(w.tx) >= SchemaVersion && !w.isLeft(k)
}

// leave marks the index as left where it is, on pages that are damaged:
// no reflect reads or writes it again.
func (w *Writer) leave(k *keptIndex) error {
	if err := w.tx.Bucket(bucketMeta).Put(k.left, []byte("its pages are damaged")); err != nil {
		return fmt.Errorf("leaving %s: %w", k.what, err)
	}
	return nil
}

// drop removes the index, once the guard has checked the pages it frees.
// One on pages that are damaged is left where it is instead: freeing a
// damaged page could free one in use.
func (w *Writer) drop(k *keptIndex) error {
	err := k.delete(w.tx, w.pages)
	var damaged *DamagedError
	if errors.As(err, &damaged) {
		return w.leave(k)
	}
	return err
}
