package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"sort"

	"github.com/reflect-cli/reflect/journal"
)

// guard checks, for one transaction, the pages that bbolt is about to read
// (see pages.go). It is made once the file is locked, so that no writer
// changes the pages it reads; it reads them through a file of its own.
type guard struct {
	path string
	pf   pageFile
	// buckets holds the header of each bucket in the root, by name: its root
	// page, or its whole inline page.
	buckets map[string][]byte
	whole   map[string]bool // buckets already checked whole
	// keptDamaged is the damage the check before a write found in each
	// kept index (kept.go) it found damaged: the index is then left as it
	// is, and the write goes on without it, as nothing in it is a
	// person's own.
	keptDamaged map[*keptIndex]error
}

// newGuard checks the root bucket, which names the others, and the meta
// bucket, whose few keys every command reads.
func newGuard(f *os.File, path string, writing bool) (*guard, error) {
	lay, err := readLayout(f, path)
	if err != nil {
		return nil, err
	}
	g := &guard{path: path, pf: pageFile{f: f, layout: lay, branches: map[uint64]*page{}}, buckets: map[string][]byte{}, whole: map[string]bool{}, keptDamaged: map[*keptIndex]error{}}
	w := newWalk(&g.pf)
	w.onLeaf = func(p *page) {
		for i := range p.count {
			if key, value, _ := p.element(i); p.isBucket(i) {
				g.buckets[string(key)] = value
			}
		}
	}
	if _, err := w.tree(lay.root, everything, keyRange{}, rules{}, 0); err != nil {
		return nil, g.damaged(err)
	}
	if err := g.checkFree(w); err != nil {
		return nil, err
	}
	// In the order of their names, so that the same damage is reported
	// the same way every time.
	names := slices.Sorted(maps.Keys(g.buckets))
	for _, name := range names {
		if value := g.buckets[name]; binary.LittleEndian.Uint64(value) == 0 {
			// Kept inline: its page is in its header; check it now.
			if err := newWalk(&g.pf).bucket(value, everything, rulesOf([]byte(name)), 1); err != nil {
				return nil, g.damaged(err)
			}
			g.whole[name] = true
		}
	}
	if writing {
		// bbolt writes into the pages its list calls free, and frees the
		// pages it writes anew: before a write, every branch page of every
		// bucket is checked, no page they point to may be on that list,
		// and no page may belong to two buckets (or to a bucket and the
		// root), as a bucket's damaged header could make it: a write to
		// one would free a page the other still holds.
		//
		// The kept indexes' buckets go last: a page found twice there is
		// blamed on the index, which is then left alone (keptDamaged).
		all := newWalk(&g.pf)
		all.seen, all.branches = w.seen, true
		for _, kept := range []bool{false, true} {
			for _, name := range names {
				value := g.buckets[name]
				k := keptIndexOf([]byte(name))
				if (k != nil) != kept || binary.LittleEndian.Uint64(value) == 0 {
					continue
				}
				err := all.bucket(value, nothing, rulesOf([]byte(name)), 1)
				switch {
				case err != nil && kept && g.keptDamaged[k] == nil:
					g.keptDamaged[k] = g.damaged(err)
				case err != nil && !kept:
					return nil, g.damaged(err)
				}
			}
		}
		if err := g.checkFree(all); err != nil {
			return nil, err
		}
	}
	if lay.freelist == noFreelist {
		// With no list of free pages, bbolt walks every page to find them
		// before a write: check them all first.
		if _, err := g.everything(); err != nil {
			return nil, err
		}
	}
	if err := g.check(bucketMeta, everything); err != nil {
		return nil, err
	}
	return g, nil
}

// check checks the pages of a bucket of the root that a cursor reads to
// visit the keys in want, and those beside them. A bucket that is not there
// has no pages to check.
func (g *guard) check(bucket []byte, want keyRange) error {
	if g == nil || g.whole[string(bucket)] {
		return nil
	}
	// Before a write, newGuard has checked every branch page already; the
	// file does not change while the transaction runs.
	if _, err := g.walkBucket(bucket, want); err != nil {
		return err
	}
	if want.lo == nil && want.hi == nil {
		g.whole[string(bucket)] = true
	}
	return nil
}

// walkBucket checks the pages of a bucket of the root that a cursor reads
// to visit the keys in want, and returns the walk that did; nil for a
// bucket that is not there, which has no pages to check.
func (g *guard) walkBucket(bucket []byte, want keyRange) (*walk, error) {
	return g.walkBucketWith(bucket, want, nil)
}

// walkBucketWith is walkBucket, its walk set up by set first.
func (g *guard) walkBucketWith(bucket []byte, want keyRange, set func(*walk)) (*walk, error) {
	value, ok := g.buckets[string(bucket)]
	if !ok {
		return nil, nil
	}
	w := newWalk(&g.pf)
	if set != nil {
		set(w)
	}
	if err := w.bucket(value, want, rulesOf(bucket), 1); err != nil {
		return nil, g.damaged(err)
	}
	err := g.checkFree(w)
	w.done()
	return w, err
}

// checkKey checks the pages on the way to the key of day in a bucket, and
// those beside it, which a write there may merge with.
func (g *guard) checkKey(bucket []byte, day journal.Day) error {
	key := []byte(day.String())
	return g.check(bucket, keyRange{key, key})
}

// checkGet checks the pages that a lookup of the key of day in a bucket
// (Bucket.Get) reads: those on the way to the leaf that would hold it, and
// that leaf alone.
func (g *guard) checkGet(bucket []byte, day journal.Day) error {
	return g.checkLookup(bucket, []byte(day.String()))
}

// checkLookup checks the pages that a lookup of a key in a bucket
// (Bucket.Get) reads.
func (g *guard) checkLookup(bucket, key []byte) error {
	if g == nil || g.whole[string(bucket)] {
		return nil
	}
	_, err := g.walkLookup(bucket, key, nil)
	return err
}

// walkLookup is the walk of checkLookup, showing the leaf it reads to
// onLeaf, when set, before its memory goes to the next read.
func (g *guard) walkLookup(bucket, key []byte, onLeaf func(*page)) (*walk, error) {
	return g.walkBucketWith(bucket, keyRange{key, key}, func(w *walk) {
		w.point = true
		w.onLeaf, w.release = onLeaf, true
	})
}

// lookup is checkLookup that also returns what bbolt's Get would: a copy
// of the value of key, read from the leaf the check read (nil when there
// is none, or the key names a bucket), so that bbolt need not read the
// page again. used is false when the guard read no leaf for it (a bucket
// checked whole, or kept inline, or none at all): the caller asks bbolt.
// Only a transaction that writes nothing may use it: a write's changes are
// in bbolt's memory, not yet in the file.
func (g *guard) lookup(bucket, key []byte) (value []byte, used bool, err error) {
	if g == nil || g.whole[string(bucket)] {
		return nil, false, nil
	}
	valueOf := func(p *page) {
		used = true
		i := sort.Search(p.count, func(i int) bool { return bytes.Compare(p.key(i), key) >= 0 })
		if i < p.count && bytes.Equal(p.key(i), key) && !p.isBucket(i) {
			_, v, _ := p.element(i)
			value = bytes.Clone(v)
			if value == nil {
				value = []byte{} // there, and empty
			}
		}
	}
	w, err := g.walkLookup(bucket, key, valueOf)
	if err != nil || w == nil {
		return nil, false, err
	}
	return value, used, nil
}

// leafSpans checks the pages on the way to the key of day in a bucket, as
// checkKey does, and returns the keys that each leaf it read may hold:
// those of the pages that a write to day rewrites, or merges with. (The
// leaves beside the one that holds day may be far from it in the keys: the
// last leaf of the subtree before, say.)
func (g *guard) leafSpans(bucket []byte, day journal.Day) ([]keyRange, error) {
	key := []byte(day.String())
	w, err := g.walkBucket(bucket, keyRange{key, key})
	if err != nil || w == nil || len(w.leaves) == 0 {
		return []keyRange{everything}, err
	}
	return w.leaves, nil
}

// checkFree refuses pages that a walk reached and that the list of free
// pages also lists: bbolt would write over them.
func (g *guard) checkFree(w *walk) error {
	for _, id := range g.pf.free {
		if w.seen.has(id) {
			return g.damaged(&pageError{id, "it is in use and listed as free"})
		}
	}
	return nil
}

// everything checks every page of the journal, nested buckets included,
// and that each page below the high-water mark is in use, free or a
// header. It returns how many pages are neither in use nor free: space
// lost, with nothing else wrong.
func (g *guard) everything() (lost int, err error) {
	w := newWalk(&g.pf)
	w.nested = true
	if _, err := w.tree(g.pf.root, everything, keyRange{}, rules{}, 0); err != nil {
		return 0, g.damaged(err)
	}
	if err := g.checkFree(w); err != nil {
		return 0, err
	}
	for name := range g.buckets {
		g.whole[name] = true
	}
	accounted := func(id uint64) bool {
		if _, free := slices.BinarySearch(g.pf.free, id); free || w.seen.has(id) || id < 2 {
			return true
		}
		return g.pf.freelist != noFreelist && id >= g.pf.freelist && id < g.pf.freelist+g.pf.freelistSpan
	}
	for id := range g.pf.highWater {
		if !accounted(id) {
			lost++
		}
	}
	return lost, nil
}

// damaged turns what a walk found into the error commands report.
func (g *guard) damaged(err error) error {
	var pe *pageError
	if errors.As(err, &pe) {
		return &DamagedError{Path: g.path, Reason: pe.Error()}
	}
	return fmt.Errorf("checking the journal's pages: %w", err)
}
