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
	// spare is a page's worth of memory a walk is done with, for the
	// next read: a walk over a bucket reads every leaf, and need not
	// keep one to read the next.
	spare []byte
	// spareSeen is a walk's set of pages, given back cleared (walk.done).
	spareSeen pageSet
	// branches are the branch pages checked so far, by id.
	branches map[uint64]*page
}

// release gives back the memory of a page no longer needed, for the next
// read to use.
func (pf *pageFile) release(p *page) {
	if int64(len(p.data)) == pf.pageSize {
		pf.spare = p.data
	}
}

// read reads and checks the page with the given id: in range, marked as
// itself, a branch or a leaf, its elements inside it.
func (pf *pageFile) read(id uint64) (*page, error) {
	if id < 2 || id >= pf.highWater {
		return nil, &pageError{id, fmt.Sprintf("it is not a page of this file (of %d)", pf.highWater)}
	}
	// One read for the page; a page with overflow takes a second for the rest.
	data := pf.spare
	if data == nil {
		data = make([]byte, pf.pageSize)
	}
	pf.spare = nil
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
	filled := pageHeaderSize + p.count*elementSize // where its last element's bytes end
	for i := range p.count {
		key, value, ok := p.element(i)
		if !ok {
			return nil, &pageError{id, fmt.Sprintf("element %d lies outside it", i)}
		}
		filled = max(filled, p.end(i))
		if i > 0 && bytes.Compare(prev, key) >= 0 {
			return nil, &pageError{id, "its keys are out of order"}
		}
		if p.flags == leafFlag && p.isBucket(i) && len(value) < bucketHeaderSize {
			return nil, &pageError{id, fmt.Sprintf("element %d is a bucket too short to be one", i)}
		}
		prev = key
	}
	// bbolt gives a page as many pages as its bytes need, no more: one
	// that claims more (its overflow damaged) would free pages still in
	// use, with it, when it is next written.
	if overflow := int(binary.LittleEndian.Uint32(data[12:])); overflow > 0 && filled <= overflow*(len(data)/(overflow+1)) {
		return nil, &pageError{id, fmt.Sprintf("it claims %d pages more than it fills", overflow)}
	}
	return p, nil
}

// end is where the bytes of element i end, checked by parsePage.
func (p *page) end(i int) int {
	_, _, end := p.span(i)
	return int(end)
}

// element returns the key and (for a leaf) value of element i, and whether
// they lie inside the page.
func (p *page) element(i int) (key, value []byte, ok bool) {
	start, split, end := p.span(i)
	if end > uint64(len(p.data)) {
		return nil, nil, false
	}
	return p.data[start:split], p.data[split:end], true
}

// span returns where the key of element i starts, where its value
// starts (where the key ends) and where the value ends, as its element
// header says.
func (p *page) span(i int) (start, split, end uint64) {
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
	start = uint64(at) + pos
	return start, start + ksize, start + ksize + vsize
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
