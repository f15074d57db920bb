package storage

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"sort"
)

// keyRange is the keys from lo to hi, both included; nil is unbounded.
type keyRange struct{ lo, hi []byte }

// everything is every key.
var everything = keyRange{}

// rules is what a tree may hold beyond bbolt's own structure.
type rules struct {
	// dates: every key is a day, YYYY-MM-DD, as in the entries, drafts and
	// summaries; a key damaged to another length or to other characters
	// is found before bbolt sorts new keys in beside it.
	dates bool
	// flat: no element is a bucket. Only the root holds buckets.
	flat bool
}

// dataRules are the rules of the buckets that hold a person's days.
var dataRules = rules{dates: true, flat: true}

// rulesOf gives the rules of a bucket of the root, by its name.
func rulesOf(name []byte) rules {
	switch string(name) {
	case string(bucketEntries), string(bucketDrafts), string(bucketSummaries), string(bucketLessons), string(bucketSearch), string(bucketLedger), string(bucketSlicesNew), string(bucketSyncChanged), string(bucketSyncEdits):
		return dataRules
	}
	return rules{flat: true}
}

// walk is one check of a tree's pages; it reads each page at most once.
type walk struct {
	pf   *pageFile
	seen pageSet // pages reached, their overflow included
	// nested: also check the buckets kept in the root, whole.
	nested bool
	// branches: also check every branch page of the tree, whatever want
	// is, and that no two point to the same page. A write needs this: it
	// may rewrite any branch above what it changes, and bbolt would copy a
	// damaged pointer or key into the new page.
	branches bool
	// leafDepth is the depth of the first leaf the walk read in the tree
	// it walks, 0 before it reads one.
	leafDepth int
	// leaves are the keys that each leaf the walk read may hold, as their
	// parents bound them.
	leaves []keyRange
	// onLeaf, when set, is shown each leaf page the walk checks. Unless
	// release is set, the walk keeps the memory of those pages for it.
	onLeaf  func(*page)
	release bool
	// point: the walk is for a lookup of one key (want.lo), which reads
	// the one leaf that would hold it and none beside it, as bbolt's Get
	// does.
	point bool
}

// newWalk starts a walk over pf, with the set of pages a walk done before
// gave back (done), if there is one.
func newWalk(pf *pageFile) *walk {
	seen := pf.spareSeen
	pf.spareSeen = nil
	if seen == nil {
		seen = newPageSet(pf.highWater)
	}
	return &walk{pf: pf, seen: seen}
}

// done gives the walk's set of pages back to its pageFile, cleared, for
// the next walk: a search reads hundreds of entries, a walk each, and
// clearing a set costs less than a fresh one, whose first write the
// kernel must fault in.
func (w *walk) done() {
	clear(w.seen)
	w.pf.spareSeen, w.seen = w.seen, nil
}

// pageSet is a set of the page ids below a file's high-water mark, one bit
// each: a walk of a hundred-year journal's branches marks thousands of
// leaves, and a bit each keeps that cheap.
type pageSet []uint64

func newPageSet(highWater uint64) pageSet { return make(pageSet, (highWater+63)/64) }

// has reports whether id is in the set; an id past the set's end is not.
func (s pageSet) has(id uint64) bool {
	return id/64 < uint64(len(s)) && s[id/64]&(1<<(id%64)) != 0
}

// add puts id in the set; the walk checks ids against the high-water mark
// before it adds them, and an id past the set's end is not kept.
func (s pageSet) add(id uint64) {
	if id/64 < uint64(len(s)) {
		s[id/64] |= 1 << (id % 64)
	}
}

// bucket checks the tree of a bucket whose header (and inline page) is
// value, over the keys in want.
func (w *walk) bucket(value []byte, want keyRange, r rules, depth int) error {
	root := binary.LittleEndian.Uint64(value)
	if root != 0 {
		outer := w.leafDepth // the depth of the leaves of the tree around it
		w.leafDepth = 0
		_, err := w.tree(root, want, keyRange{}, r, depth)
		w.leafDepth = outer
		return err
	}
	inline, err := parsePage(0, value[bucketHeaderSize:])
	if err != nil {
		return err
	}
	if inline.flags != leafFlag {
		return &pageError{0, "a bucket kept inline is not a leaf"}
	}
	if err := r.check(inline); err != nil {
		return err
	}
	w.span(everything)
	return w.leaf(inline, depth)
}

// span notes the keys a leaf read may hold, b.
func (w *walk) span(b keyRange) { w.leaves = append(w.leaves, b) }

// tree checks the page id, which holds keys within bounds, and under it the
// pages a cursor reads to visit want. It says whether the page is a leaf.
func (w *walk) tree(id uint64, want, bounds keyRange, r rules, depth int) (leaf bool, err error) {
	if depth > maxDepth {
		return false, &pageError{id, "the tree above it is too deep"}
	}
	if w.seen.has(id) {
		return false, &pageError{id, "it is reached twice"}
	}
	// A branch checked once is not read again: the file does not change
	// while a transaction runs, and a search reads one leaf after another
	// under the same branches.
	p, known := w.pf.branches[id]
	if !known {
		var err error
		if p, err = w.pf.read(id); err != nil {
			return false, err
		}
	}
	for i := range uint64(len(p.data)) / uint64(w.pf.pageSize) {
		w.seen.add(id + i)
	}
	if !known {
		if p.count > 0 && (!bounds.below(p.key(0)) || !bounds.above(p.key(p.count-1))) {
			return false, &pageError{id, "its keys lie outside the range its parent gives them"}
		}
		if err := r.check(p); err != nil {
			return false, err
		}
	}
	if p.flags == leafFlag {
		w.span(bounds)
		if w.leafDepth == 0 {
			w.leafDepth = depth
		}
		err := w.leaf(p, depth)
		if w.onLeaf == nil || w.release { // nothing holds on to the leaf's bytes
			w.pf.release(p)
		}
		return true, err
	}
	if !known {
		for i := range p.count {
			if c := p.child(i); c < 2 || c >= w.pf.highWater {
				return false, &pageError{id, fmt.Sprintf("element %d points outside the file", i)}
			}
		}
		w.pf.branches[id] = p
	}
	first, last := w.children(p, want, bounds)
	// bbolt keeps its trees even: every leaf at one depth. Once a walk has
	// read one leaf of this tree, it need not read a leaf beside none of
	// want to learn that the children of a branch are leaves.
	childrenAreLeaves := w.leafDepth == depth+1
	from, to := 0, p.count-1
	if !w.branches {
		// Only the children in want are walked: a lookup under a branch
		// of hundreds of children reads one.
		from, to = max(first, 0), min(last, p.count-1)
	}
	for i := from; i <= to; i++ {
		inWant := i >= first && i <= last
		switch {
		case inWant || (w.branches && !childrenAreLeaves):
			within := want
			if !inWant {
				within = nothing
			}
			if childrenAreLeaves, err = w.tree(p.child(i), within, p.bounds(i, bounds), r, depth+1); err != nil {
				return false, err
			}
		case w.branches:
			// A leaf beside none of want: not read, but it must be a page
			// of its own.
			if w.seen.has(p.child(i)) {
				return false, &pageError{p.child(i), "it is reached twice"}
			}
			w.seen.add(p.child(i))
		}
	}
	return false, nil
}

// nothing is no key: a walk with it checks only branch pages.
var nothing = keyRange{lo: []byte{0xff}, hi: []byte{}}

// bounds is the range of keys that child i of branch p may hold, within
// the bounds of p.
func (p *page) bounds(i int, bounds keyRange) keyRange {
	b := keyRange{lo: p.key(i), hi: bounds.hi}
	if i == 0 {
		b.lo = bounds.lo
	}
	if i+1 < p.count {
		b.hi = p.key(i + 1)
	}
	return b
}

// check checks the keys and elements of p against the rules of its tree.
func (r rules) check(p *page) error {
	for i := range p.count {
		if r.dates && !dateShaped(p.key(i)) {
			return &pageError{p.id, fmt.Sprintf("element %d is kept under a key that is not a day", i)}
		}
		if r.flat && p.flags == leafFlag && p.isBucket(i) {
			return &pageError{p.id, fmt.Sprintf("element %d is marked as a bucket", i)}
		}
	}
	return nil
}

// dateShaped reports whether k has the shape of a day's key, YYYY-MM-DD.
func dateShaped(k []byte) bool {
	if len(k) != 10 || k[4] != '-' || k[7] != '-' {
		return false
	}
	for i, c := range k {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// children returns which children of branch p, whose keys lie within
// bounds, to check for want: those whose keys it overlaps, and one on either
// side, which a cursor steps onto at the edges and a rebalance merges with.
// Where want lies wholly to one side of p, only the child nearest it is;
// for nothing, none is (first > last).
func (w *walk) children(p *page, want, bounds keyRange) (first, last int) {
	n := p.count
	switch {
	case want.lo != nil && want.hi != nil && bytes.Compare(want.lo, want.hi) > 0:
		return n, n - 1 // nothing
	case want.hi != nil && !bounds.below(want.hi):
		return 0, 0 // want is before p: a cursor steps onto its first child
	case want.lo != nil && !bounds.above(want.lo):
		return n - 1, n - 1 // want is after p: a cursor steps onto its last
	}
	// holding is the child whose keys would hold k: the last one whose
	// first key is at most k (or the first). parsePage found the keys in
	// order.
	holding := func(k []byte) int {
		after := sort.Search(n, func(i int) bool { return bytes.Compare(p.key(i), k) > 0 })
		return max(after-1, 0)
	}
	if w.point {
		at := holding(want.lo)
		return at, at
	}
	first, last = 0, n-1
	if want.lo != nil {
		first = holding(want.lo)
	}
	if want.hi != nil {
		last = holding(want.hi)
	}
	return max(first-1, 0), min(last+1, n-1)
}

// leaf shows a leaf to onLeaf and, when the walk is nested, checks the
// buckets kept in it.
func (w *walk) leaf(p *page, depth int) error {
	if w.onLeaf != nil {
		w.onLeaf(p)
	}
	if !w.nested {
		return nil
	}
	for i := range p.count {
		if !p.isBucket(i) {
			continue
		}
		key, value, _ := p.element(i)
		if err := w.bucket(value, everything, rulesOf(key), depth+1); err != nil {
			return err
		}
	}
	return nil
}

// below reports whether k is at or above the range's low end.
func (r keyRange) below(k []byte) bool { return r.lo == nil || bytes.Compare(r.lo, k) <= 0 }

// above reports whether k is below the range's high end, which is the
// first key of the next page.
func (r keyRange) above(k []byte) bool { return r.hi == nil || bytes.Compare(k, r.hi) < 0 }

// within reports whether every key of r lies within outer.
func (r keyRange) within(outer keyRange) bool {
	loOK := outer.lo == nil || (r.lo != nil && bytes.Compare(outer.lo, r.lo) <= 0)
	hiOK := outer.hi == nil || (r.hi != nil && bytes.Compare(r.hi, outer.hi) <= 0)
	return loOK && hiOK
}
