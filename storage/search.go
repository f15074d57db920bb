package storage

import (
	"errors"
	"fmt"

	"github.com/reflect-cli/reflect/journal"
)

// Beside each entry (since schema 3), the search bucket keeps what a search
// needs to pass a day by without reading its entry: a Bloom filter of the
// entry's trigrams (journal.Trigrams). A day whose filter lacks one of the
// trigrams of what is looked for cannot hold it; one whose filter has them
// all is read, and most often holds it. The filter is
//
//	version 1 (a byte)
//	its bits, eight to a byte, lowest first: three for each trigram,
//	rounded up to whole 64-bit words
//
// and each trigram sets two of them, by two multiplicative hashes. A search
// for a text of eight letters reads about one day in 10,000 that does not
// hold it; one of three letters (a single trigram) about one in four.

const (
	searchVersion  = 1
	bitsPerTrigram = 3
)

var errSearch = errors.New("search record cannot be read")

// encodeSearch is the search record of an entry with the given trigrams.
func encodeSearch(trigrams []journal.Trigram) []byte {
	words := max(1, (len(trigrams)*bitsPerTrigram+63)/64)
	b := make([]byte, 1+words*8)
	b[0] = searchVersion
	bits := b[1:]
	for _, t := range trigrams {
		for _, at := range bitsOf(t, len(bits)*8) {
			bits[at/8] |= 1 << (at % 8)
		}
	}
	return b
}

// bitsOf returns the two bits, of n, that a trigram sets.
func bitsOf(t journal.Trigram, n int) [2]uint32 {
	h1 := uint32(t) * 0x9e3779b1
	h2 := (uint32(t) ^ 0x5bd1e995) * 0x85ebca77
	return [2]uint32{uint32(uint64(h1) * uint64(n) >> 32), uint32(uint64(h2) * uint64(n) >> 32)}
}

// mayHold reports whether the day of a search record may hold every
// trigram given.
func mayHold(record []byte, trigrams []journal.Trigram) (bool, error) {
	if len(record) < 9 || record[0] != searchVersion || (len(record)-1)%8 != 0 {
		return false, errSearch
	}
	bits := record[1:]
	for _, t := range trigrams {
		for _, at := range bitsOf(t, len(bits)*8) {
			if bits[at/8]&(1<<(at%8)) == 0 {
				return false, nil
			}
		}
	}
	return true, nil
}

// DescendMatching is Descend over the entries from one day back to
// another that may pass the filter's Grep: where the Grep has trigrams,
// only the days that the search slices (slices.go) say may hold them are
// read, or, in a journal that keeps no slices, those whose search record
// may; else every entry whose stored form may hold the text
// (DescendWhere). fn still decides, with the filter, what each entry holds.
func (r *Reader) DescendMatching(from, to journal.Day, f journal.Filter, fn func(journal.Entry) error) error {
	trigrams, narrowed := f.Trigrams()
	search := r.tx.Bucket(bucketSearch)
	if !narrowed || search == nil {
		return r.DescendWhere(from, to, f.MayMatch, fn)
	}
	if to.After(from) {
		return nil
	}
	if r.keepsSlices() {
		days, err := r.slicedDays(dayNumber(to), dayNumber(from), slotsOf(trigrams))
		var damaged *DamagedError
		if !errors.As(err, &damaged) {
			if err != nil {
				return err
			}
			return r.descendSliced(days, fn)
		}
		// Slices that cannot be read: the search records are read
		// instead, and doctor reports them (checkSlices).
	}
	first, last := firstKey(to), lastKey(from)
	if err := r.pages.check(bucketSearch, keyRange{[]byte(first), []byte(last)}); err != nil {
		return err
	}
	return r.backward(bucketSearch, first, last, func(k, v []byte) error {
		record, err := r.open(bucketSearch, k, v)
		if err != nil {
			return err
		}
		may, err := mayHold(record, trigrams)
		if err != nil {
			return &DamagedError{Path: r.path, Reason: fmt.Sprintf("the search record for %s cannot be read", keyName(k))}
		}
		if !may {
			return nil
		}
		var day journal.Day
		if err := day.UnmarshalText(k); err != nil {
			return &DamagedError{Path: r.path, Reason: fmt.Sprintf("a search record is kept under %s, which is not a date", keyName(k))}
		}
		e, ok, err := r.Entry(day)
		if err != nil {
			return err
		}
		if !ok {
			return &DamagedError{Path: r.path, Reason: fmt.Sprintf("a search record is kept for %s, which has no entry", keyName(k))}
		}
		return fn(e)
	})
}
