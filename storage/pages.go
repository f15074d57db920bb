package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
)

// bbolt trusts every page it reads: a page id past the end of the file is
// a fault, a page that points back at itself sends a cursor round for ever,
// and a count or an offset out of its page reads someone else's bytes. So
// before bbolt reads a page, reflect has read it first, through the file
// (never the memory map) and within bounds: each page id below the file's
// high-water mark, each page reached once, a tree no deeper than maxDepth,
// every element, key and value inside its page, keys in order and inside
// the range their parent gives them. Damage becomes a finding in time and
// memory bounded by the size of the file.
//
// A read or a write checks the pages on the path it takes (and the pages
// beside them, which a cursor or a rebalance steps onto); doctor, and reads
// of a whole bucket, check every page.

// The layout of bbolt's pages (go.etcd.io/bbolt/internal/common).
const (
	branchFlag   = 0x01
	leafFlag     = 0x02
	freelistFlag = 0x10
	bucketFlag   = 0x01 // a leaf element that is a nested bucket

	elementSize      = 16 // branch: pos, ksize, pgid; leaf: flags, pos, ksize, vsize
	bucketHeaderSize = 16 // root page id, sequence
	noFreelist       = ^uint64(0)

	// maxDepth is deeper than any tree bbolt builds: with 4 KiB pages,
	// twenty levels would hold more keys than a disk.
	maxDepth = 20
)

// layout is what the header in force says of the file: bbolt goes by the
// valid header of the latest transaction.
type layout struct {
	pageSize  int64
	root      uint64   // the page of the root bucket, which holds the others
	freelist  uint64   // the page listing the free pages, or noFreelist
	highWater uint64   // pages at and past it are not in use
	free      []uint64 // the free pages, in order
	// freelistSpan is how many pages the list of free pages takes.
	freelistSpan uint64
}

// pageError is damage found in a page: which page (0 for a bucket kept
// inline in its parent's page) and what is wrong with it.
type pageError struct {
	page uint64
	what string
}

func (e *pageError) Error() string {
	if e.page == 0 {
		return "a page is damaged: " + e.what
	}
	return fmt.Sprintf("page %d is damaged: %s", e.page, e.what)
}

// page is one page read from the file, or a bucket's inline page.
type page struct {
	id    uint64
	data  []byte
	flags uint16
	count int
}

// pageFile reads a journal's pages through the file.
type pageFile struct {
	f *os.File
	layout
}

// read reads and checks the page with the given id: in range, marked as
// itself, a branch or a leaf, its elements inside it.
func (pf *pageFile) read(id uint64) (*page, error) {
	if id < 2 || id >= pf.highWater {
		return nil, &pageError{id, fmt.Sprintf("it is not a page of this file (of %d)", pf.highWater)}
	}
	// One read for the page; a page with overflow takes a second for the rest.
	data := make([]byte, pf.pageSize)
	if _, err := pf.f.ReadAt(data, int64(id)*pf.pageSize); err != nil {
		return nil, readError(id, err)
	}
	overflow := uint64(binary.LittleEndian.Uint32(data[12:]))
	switch {
	case binary.LittleEndian.Uint64(data) != id:
		return nil, &pageError{id, "it is marked as another page"}
	case id+overflow >= pf.highWater:
		return nil, &pageError{id, "it runs past the pages in use"}
	}
	if overflow > 0 {
		whole := make([]byte, int64(overflow+1)*pf.pageSize)
		copy(whole, data)
		if _, err := pf.f.ReadAt(whole[pf.pageSize:], int64(id+1)*pf.pageSize); err != nil {
			return nil, readError(id, err)
		}
		data = whole
	}
	return parsePage(id, data)
}

func readError(id uint64, err error) error {
	if errors.Is(err, io.EOF) {
		return &pageError{id, "the file ends before it"}
	}
	return fmt.Errorf("reading page %d of the journal: %w", id, err)
}

// parsePage checks that data holds a branch or leaf page whose element
// table, keys and values lie inside it.
func parsePage(id uint64, data []byte) (*page, error) {
	if len(data) < pageHeaderSize {
		return nil, &pageError{id, "it is cut short"}
	}
	p := &page{
		id:    id,
		data:  data,
		flags: binary.LittleEndian.Uint16(data[8:]),
		count: int(binary.LittleEndian.Uint16(data[10:])),
	}
	if p.flags != branchFlag && p.flags != leafFlag {
		return nil, &pageError{id, fmt.Sprintf("it is of an unknown kind (%#x)", p.flags)}
	}
	if p.flags == branchFlag && p.count == 0 {
		return nil, &pageError{id, "it is a branch with nothing under it"}
	}
	if pageHeaderSize+p.count*elementSize > len(data) {
		return nil, &pageError{id, fmt.Sprintf("its %d elements do not fit in it", p.count)}
	}
	var prev []byte
	for i := range p.count {
		key, value, ok := p.element(i)
		if !ok {
			return nil, &pageError{id, fmt.Sprintf("element %d lies outside it", i)}
		}
		if i > 0 && bytes.Compare(prev, key) >= 0 {
			return nil, &pageError{id, "its keys are out of order"}
		}
		if p.flags == leafFlag && p.isBucket(i) && len(value) < bucketHeaderSize {
			return nil, &pageError{id, fmt.Sprintf("element %d is a bucket too short to be one", i)}
		}
		prev = key
	}
	return p, nil
}

// element returns the key and (for a leaf) value of element i, and whether
// they lie inside the page.
func (p *page) element(i int) (key, value []byte, ok bool) {
	at := pageHeaderSize + i*elementSize
	e := p.data[at : at+elementSize]
	var pos, ksize, vsize uint64
	if p.flags == branchFlag {
		pos = uint64(binary.LittleEndian.Uint32(e[0:]))
		ksize = uint64(binary.LittleEndian.Uint32(e[4:]))
	} else {
		pos = uint64(binary.LittleEndian.Uint32(e[4:]))
		ksize = uint64(binary.LittleEndian.Uint32(e[8:]))
		vsize = uint64(binary.LittleEndian.Uint32(e[12:]))
	}
	start := uint64(at) + pos
	end := start + ksize + vsize
	if end > uint64(len(p.data)) {
		return nil, nil, false
	}
	return p.data[start : start+ksize], p.data[start+ksize : end], true
}

// key returns the key of element i, checked by parsePage.
func (p *page) key(i int) []byte {
	k, _, _ := p.element(i)
	return k
}

// child returns the page that branch element i points to.
func (p *page) child(i int) uint64 {
	at := pageHeaderSize + i*elementSize
	return binary.LittleEndian.Uint64(p.data[at+8:])
}

func (p *page) isBucket(i int) bool {
	at := pageHeaderSize + i*elementSize
	return binary.LittleEndian.Uint32(p.data[at:])&bucketFlag != 0
}

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
	case string(bucketEntries), string(bucketDrafts), string(bucketSummaries):
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
	// onLeaf, when set, is shown each leaf page the walk checks.
	onLeaf func(*page)
}

func newWalk(pf *pageFile) *walk {
	return &walk{pf: pf, seen: newPageSet(pf.highWater)}
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
	return w.leaf(inline, depth)
}

// tree checks the page id, which holds keys within bounds, and under it the
// pages a cursor reads to visit want. It says whether the page is a leaf.
func (w *walk) tree(id uint64, want, bounds keyRange, r rules, depth int) (leaf bool, err error) {
	if depth > maxDepth {
		return false, &pageError{id, "the tree above it is too deep"}
	}
	if w.seen.has(id) {
		return false, &pageError{id, "it is reached twice"}
	}
	p, err := w.pf.read(id)
	if err != nil {
		return false, err
	}
	for i := range uint64(len(p.data)) / uint64(w.pf.pageSize) {
		w.seen.add(id + i)
	}
	if p.count > 0 && (!bounds.below(p.key(0)) || !bounds.above(p.key(p.count-1))) {
		return false, &pageError{id, "its keys lie outside the range its parent gives them"}
	}
	if err := r.check(p); err != nil {
		return false, err
	}
	if p.flags == leafFlag {
		if w.leafDepth == 0 {
			w.leafDepth = depth
		}
		return true, w.leaf(p, depth)
	}
	for i := range p.count {
		if c := p.child(i); c < 2 || c >= w.pf.highWater {
			return false, &pageError{id, fmt.Sprintf("element %d points outside the file", i)}
		}
	}
	first, last := w.children(p, want, bounds)
	// bbolt keeps its trees even: every leaf at one depth. Once a walk has
	// read one leaf of this tree, it need not read a leaf beside none of
	// want to learn that the children of a branch are leaves.
	childrenAreLeaves := w.leafDepth == depth+1
	for i := range p.count {
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
	// first key is at most k.
	holding := func(k []byte) int {
		i := 0
		for i+1 < n && bytes.Compare(p.key(i+1), k) <= 0 {
			i++
		}
		return i
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
