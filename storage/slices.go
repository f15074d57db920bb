package storage

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"math/bits"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/reflect-cli/reflect/journal"
)

// The search slices (since schema 5, in a journal in the clear) let a
// search of a hundred years read a few pages, not a record for each day.
//
// Each trigram (journal.Trigram) of an entry falls in one of 2,048 slots,
// by a hash. The slices keep, for each slot and each span of 4,096 days,
// one bit for each day of the span: set when the day's entry has a
// trigram in the slot. A day can hold what a search looks for only if it
// has the slots of every trigram of it: the search ANDs the slices of
// those slots, a few hundred bytes for each span, and reads the entries of
// the days left. A day has about a third of the slots, so a word of eight
// letters leaves about one day in 15,000 that does not hold it.
//
// The search-slices bucket keeps
//
//	the slot (2 bytes, big-endian) and the span (a day's number of days
//	since 1970-01-01, divided by 4,096, rounded down; 4 bytes, big-endian,
//	its sign bit flipped)
//	  → the bits of the span's days, the first day lowest, eight to a byte,
//	    without the zero bytes at the end (a slot no day of the span has is
//	    not kept)
//
// so that the slices of one slot, a few kilobytes over a hundred years,
// lie side by side: a search reads a page or two for each of its slots.
//
// Setting a day's bits in the slices would rewrite a page for each slot,
// so the days written go first to the search-new bucket:
//
//	YYYY-MM-DD → the slots of the day's trigrams, one bit each, 256 bytes
//
// and a search reads those too. Once it holds more than foldAfter days, a
// write folds them into the slices (once a year, for a person who writes
// each evening). A day written again may have its old trigrams' bits still
// set in a slice, and a day deleted all of them: such a day is read and
// found not to match, or not there. Made anew (gatherSlices), the slices
// hold exactly the days' slots.
var (
	bucketSlices    = []byte("search-slices")
	bucketSlicesNew = []byte("search-new")
)

const (
	slotBits   = 11
	sliceSlots = 1 << slotBits  // slots a trigram falls in
	spanDays   = 4096           // days a slice covers
	maxSlice   = spanDays / 8   // the longest slice, in bytes
	daySlots   = sliceSlots / 8 // the length of a record of search-new
)

// foldAfter is how many days the search-new bucket holds before a write
// folds them into the slices. Tests lower it.
var foldAfter = 366

// slotOf returns the slot a trigram falls in.
func slotOf(t journal.Trigram) int { return int(uint32(t) * 0x9e3779b1 >> (32 - slotBits)) }

// encodeDaySlots is the record, in search-new, of a day with the given
// trigrams.
func encodeDaySlots(trigrams []journal.Trigram) []byte {
	b := make([]byte, daySlots)
	for _, t := range trigrams {
		s := slotOf(t)
		b[s/8] |= 1 << (s % 8)
	}
	return b
}

// hasSlots reports whether a record of search-new has every slot given.
func hasSlots(record []byte, slots []int) bool {
	for _, s := range slots {
		if record[s/8]&(1<<(s%8)) == 0 {
			return false
		}
	}
	return true
}

// spanOf returns the span a day is in, and its bit in the span's slices.
func spanOf(day int64) (span int64, bit int) {
	span = day / spanDays
	if day%spanDays < 0 {
		span--
	}
	return span, int(day - span*spanDays)
}

// sliceKey is the key of the slice of a slot in a span.
func sliceKey(span int64, slot int) []byte {
	k := make([]byte, 6)
	binary.BigEndian.PutUint16(k, uint16(slot))
	binary.BigEndian.PutUint32(k[2:], uint32(int32(span))^1<<31)
	return k
}

// parseSliceKey reads a key of the search-slices bucket.
func parseSliceKey(k []byte) (span int64, slot int, ok bool) {
	if len(k) != 6 {
		return 0, 0, false
	}
	slot = int(binary.BigEndian.Uint16(k))
	span = int64(int32(binary.BigEndian.Uint32(k[2:]) ^ 1<<31))
	return span, slot, slot < sliceSlots
}

// keptSlices is the slices of some spans, as they are made or folded.
type keptSlices map[int64]*[sliceSlots][maxSlice]byte

// set sets the bit of a day in the slices of the slots a record of
// search-new (encodeDaySlots) has.
func (k keptSlices) set(day int64, record []byte) {
	span, bit := spanOf(day)
	s := k[span]
	if s == nil {
		s = new([sliceSlots][maxSlice]byte)
		k[span] = s
	}
	for i, b := range record {
		for ; b != 0; b &= b - 1 {
			slot := i*8 + bits.TrailingZeros8(b)
			s[slot][bit/8] |= 1 << (bit % 8)
		}
	}
}

// slice returns the slice of a slot in a span as it is kept: without its
// zero bytes at the end.
func (k keptSlices) slice(span int64, slot int) []byte {
	s := k[span][slot][:]
	end := len(s)
	for end > 0 && s[end-1] == 0 {
		end--
	}
	return s[:end]
}

// gatherSlices makes the slices of every day's entry, but those of the
// days in skip.
func gatherSlices(r *Reader, skip map[int64]bool) (keptSlices, error) {
	k := keptSlices{}
	err := r.Range(journal.Earliest, journal.Latest, func(e journal.Entry) error {
		if d := dayNumber(e.Date); !skip[d] {
			k.set(d, encodeDaySlots(journal.Trigrams(e)))
		}
		return nil
	})
	return k, err
}

// write replaces the slices of tx with k, and empties search-new, once
// the guard (nil for a file being written anew) has checked the pages
// they free.
func (k keptSlices) write(tx *bolt.Tx, pages *guard, path string) error {
	b, err := keptSlicesIndex.remake(tx, pages, path)
	if err != nil {
		return err
	}
	spans := slices.Sorted(maps.Keys(k))
	for slot := range sliceSlots {
		for _, span := range spans {
			if s := k.slice(span, slot); len(s) > 0 {
				if err := b[0].Put(sliceKey(span, slot), s); err != nil {
					return fmt.Errorf("keeping the search slices: %w", err)
				}
			}
		}
	}
	return nil
}

// keepsSlices reports whether the journal keeps search slices.
func (r *Reader) keepsSlices() bool { return r.keeps(keptSlicesIndex) }

// slicesDamaged is the error of a record of the slices that cannot be read.
func (r *Reader) slicesDamaged(what string, k []byte) error {
	return &DamagedError{Path: r.path, Reason: fmt.Sprintf("the search slice %s cannot be read", what), Err: fmt.Errorf("key %x", k)}
}

// slicedDays returns the days from lo to hi (day numbers) that may hold
// every slot given, newest first, each once: those the search-new bucket
// and the slices say have them.
func (r *Reader) slicedDays(lo, hi int64, slots []int) ([]int64, error) {
	// The days of search-new, read oldest first.
	var days []int64
	first, last := []byte(firstKey(dayOfNumber(lo))), []byte(lastKey(dayOfNumber(hi)))
	if err := r.pages.check(bucketSlicesNew, keyRange{first, last}); err != nil {
		return nil, err
	}
	c := r.tx.Bucket(bucketSlicesNew).Cursor()
	for k, v := c.Seek(first); k != nil && string(k) <= string(last); k, v = c.Next() {
		var day journal.Day
		if len(v) != daySlots || day.UnmarshalText(k) != nil {
			return nil, r.slicesDamaged("of the day "+keyName(k), k)
		}
		if hasSlots(v, slots) {
			days = append(days, dayNumber(day))
		}
	}
	slices.Reverse(days)

	spanLo, _ := spanOf(lo)
	spanHi, _ := spanOf(hi)
	// The spans whose slices of every slot so far have bits, and the AND
	// of those bits.
	var spans []int64
	and := map[int64][]byte{}
	c = r.tx.Bucket(bucketSlices).Cursor()
	for i, slot := range slots {
		first, last := sliceKey(spanLo, slot), sliceKey(spanHi, slot)
		if err := r.pages.check(bucketSlices, keyRange{first, last}); err != nil {
			return nil, err
		}
		had := and
		and = map[int64][]byte{}
		for k, v := c.Seek(first); k != nil && bytes.Compare(k, last) <= 0; k, v = c.Next() {
			span, _, ok := parseSliceKey(k)
			if !ok || len(v) > maxSlice {
				return nil, r.slicesDamaged(fmt.Sprintf("of slot %d", slot), k)
			}
			if i == 0 {
				spans = append(spans, span)
				and[span] = bytes.Clone(v)
			} else if s, ok := had[span]; ok {
				s = s[:min(len(s), len(v))]
				for j := range s {
					s[j] &= v[j]
				}
				and[span] = s
			}
		}
	}
	for _, span := range slices.Backward(spans) {
		s := and[span]
		for bit := len(s)*8 - 1; bit >= 0; bit-- {
			if d := span*spanDays + int64(bit); s[bit/8]&(1<<(bit%8)) != 0 && lo <= d && d <= hi {
				days = append(days, d)
			}
		}
	}
	slices.SortFunc(days, func(a, b int64) int { return cmp.Compare(b, a) })
	return slices.Compact(days), nil
}

// putDaySlots notes the slots of a day's trigrams, in a journal that keeps
// slices, for keepSlices to keep as the write ends.
func (w *Writer) putDaySlots(day journal.Day, trigrams []journal.Trigram) {
	if !w.keepsSlices() || w.gatherSlices {
		return
	}
	if w.freshSlots == nil {
		w.freshSlots = map[int64][]byte{}
	}
	w.freshSlots[dayNumber(day)] = encodeDaySlots(trigrams)
}

// deleteDaySlots removes a day from search-new, in a journal that keeps
// slices. Its bits in the slices stay: a search reads the day, and finds
// no entry.
func (w *Writer) deleteDaySlots(day journal.Day) error {
	if !w.keepsSlices() || w.gatherSlices {
		return nil
	}
	delete(w.freshSlots, dayNumber(day))
	return w.remove(bucketSlicesNew, day)
}

// keepSlices brings the search slices up to date at the end of a write, in
// a journal in the clear of this schema: slices that are not there are
// made from every entry, and the days the write wrote are kept in
// search-new, or, when that would hold more than foldAfter days, folded
// into the slices with those it holds. Slices that cannot be brought up to
// date (a record cannot be read) are made anew; and when an entry cannot
// be read either, they are dropped, and a later write makes them: damage
// never stops an evening from being saved.
func (w *Writer) keepSlices() error {
	if !w.mayKeep(keptSlicesIndex) {
		return nil
	}
	var damaged *DamagedError
	if w.keepsSlices() && !w.gatherSlices {
		if len(w.freshSlots) == 0 {
			return nil
		}
		err := w.keepFreshSlots()
		if !errors.As(err, &damaged) {
			return err
		}
	}
	k, err := gatherSlices(&w.Reader, nil)
	if err == nil {
		err = k.write(w.tx, w.pages, w.path)
	}
	if errors.As(err, &damaged) {
		return w.drop(keptSlicesIndex)
	}
	return err
}

// keepFreshSlots keeps the days the write wrote in search-new, or folds
// them and the days search-new holds into the slices, leaving it empty,
// once there would be more than foldAfter of them. Folded at once, the
// days of a large import never take room in search-new that would then
// lie free.
func (w *Writer) keepFreshSlots() error {
	if err := w.pages.check(bucketSlicesNew, everything); err != nil {
		return err
	}
	// The days search-new holds that the write did not write again.
	waiting := map[int64][]byte{}
	c := w.tx.Bucket(bucketSlicesNew).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		var day journal.Day
		if day.UnmarshalText(k) != nil {
			return w.slicesDamaged("of the day "+keyName(k), k)
		}
		if _, again := w.freshSlots[dayNumber(day)]; !again {
			waiting[dayNumber(day)] = v
		}
	}
	days := slices.Sorted(maps.Keys(w.freshSlots))
	if len(waiting)+len(days) <= foldAfter {
		for _, d := range days {
			if err := w.store(bucketSlicesNew, dayOfNumber(d), w.freshSlots[d]); err != nil {
				return err
			}
		}
		return nil
	}
	fold := keptSlices{}
	for _, d := range days {
		fold.set(d, w.freshSlots[d])
	}
	for _, d := range slices.Sorted(maps.Keys(waiting)) {
		if key := dayOfNumber(d).String(); len(waiting[d]) != daySlots {
			return w.slicesDamaged("of the day "+key, []byte(key))
		}
		fold.set(d, waiting[d])
	}
	b := w.tx.Bucket(bucketSlices)
	if err := w.pages.check(bucketSlices, everything); err != nil {
		return err
	}
	spans := slices.Sorted(maps.Keys(fold))
	for slot := range sliceSlots {
		for _, span := range spans {
			add := fold.slice(span, slot)
			if len(add) == 0 {
				continue
			}
			key := sliceKey(span, slot)
			was := b.Get(key)
			if len(was) > maxSlice {
				return w.slicesDamaged(fmt.Sprintf("of slot %d from %s", slot, dayOfNumber(span*spanDays)), key)
			}
			s := make([]byte, max(len(was), len(add)))
			copy(s, was)
			for i, x := range add {
				s[i] |= x
			}
			if err := b.Put(key, s); err != nil {
				return fmt.Errorf("keeping the search slices: %w", err)
			}
		}
	}
	if err := w.tx.DeleteBucket(bucketSlicesNew); err != nil {
		return fmt.Errorf("keeping the search slices: %w", err)
	}
	if _, err := w.tx.CreateBucket(bucketSlicesNew); err != nil {
		return fmt.Errorf("keeping the search slices: %w", err)
	}
	return nil
}

// slotsOf returns the slots of trigrams, each once.
func slotsOf(trigrams []journal.Trigram) []int {
	var slots []int
	for _, t := range trigrams {
		if s := slotOf(t); !slices.Contains(slots, s) {
			slots = append(slots, s)
		}
	}
	return slots
}

// descendSliced is DescendMatching over the days the search slices give.
func (r *Reader) descendSliced(days []int64, fn func(journal.Entry) error) error {
	for _, d := range days {
		e, ok, err := r.Entry(dayOfNumber(d))
		if err != nil {
			return err
		}
		if !ok {
			continue // deleted since its bits were set
		}
		if err := fn(e); err != nil {
			return stopped(err)
		}
	}
	return nil
}
