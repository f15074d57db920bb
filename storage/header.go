package storage

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// bbolt keeps two header (meta) pages and, when one is damaged, quietly
// opens the file as the other one describes it, which may be the state
// before the last write. reflect checks both first and refuses a journal
// with a damaged header, so that nothing is silently rolled back or
// written over: doctor or a backup can then be used.

const (
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
	pageHeaderSize = 16 // page id, flags, count, overflow
	metaSumOffset  = 56 // magic, version, page size, flags, root bucket, freelist, pgid, txid
)

// readLayout checks the two header pages of the journal open as f:
// magic, version and checksum, that the file holds every page they count,
// and the list of free pages. It returns what the header in force says. A
// file of any other kind, too short, or with a damaged header is a
// *DamagedError.
func readLayout(f *os.File, path string) (layout, error) {
	first := make([]byte, 4096)
	if _, err := f.ReadAt(first, 0); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return layout{}, &DamagedError{Path: path, Reason: "it is too short to be a journal"}
		}
		return layout{}, fmt.Errorf("reading the journal: %w", err)
	}
	pageSize := int64(binary.LittleEndian.Uint32(first[pageHeaderSize+8:]))
	if binary.LittleEndian.Uint32(first[pageHeaderSize:]) != boltMagic {
		return layout{}, &DamagedError{Path: path, Reason: "it is not a journal file, or its first header page is damaged"}
	}
	if pageSize < 512 || pageSize > 1<<16 || pageSize&(pageSize-1) != 0 {
		return layout{}, &DamagedError{Path: path, Reason: "its first header page is damaged"}
	}
	second := make([]byte, pageHeaderSize+metaSumOffset+8)
	if _, err := f.ReadAt(second, pageSize); err != nil {
		return layout{}, &DamagedError{Path: path, Reason: "it is too short to be a journal"}
	}
	metas := [][]byte{first[pageHeaderSize:], second[pageHeaderSize:]}
	for i, meta := range metas {
		if problem := metaProblem(meta); problem != "" {
			return layout{}, &DamagedError{Path: path, Reason: fmt.Sprintf("header page %d is damaged (%s)", i, problem)}
		}
	}
	// bbolt goes by the header of the latest transaction.
	meta := metas[0]
	if binary.LittleEndian.Uint64(metas[1][48:]) > binary.LittleEndian.Uint64(meta[48:]) {
		meta = metas[1]
	}
	lay := layout{
		pageSize:  pageSize,
		root:      binary.LittleEndian.Uint64(meta[16:]),
		freelist:  binary.LittleEndian.Uint64(meta[32:]),
		highWater: binary.LittleEndian.Uint64(meta[40:]),
	}
	fi, err := f.Stat()
	if err != nil {
		return layout{}, fmt.Errorf("reading the journal: %w", err)
	}
	switch {
	case lay.highWater < 3 || lay.highWater > uint64(fi.Size()/pageSize):
		return layout{}, &DamagedError{Path: path, Reason: fmt.Sprintf("it is shorter than its header says (%d pages of %d)", fi.Size()/pageSize, lay.highWater)}
	case lay.root < 2 || lay.root >= lay.highWater:
		return layout{}, &DamagedError{Path: path, Reason: "its header points outside the file"}
	}
	free, span, problem := freelist(f, meta, pageSize)
	if problem != "" {
		return layout{}, &DamagedError{Path: path, Reason: "its list of free pages is damaged (" + problem + ")"}
	}
	lay.free, lay.freelistSpan = free, span
	return lay, nil
}

// freelist reads the page that lists the file's free pages, which bbolt
// trusts when it writes: a damaged one would have it write over live pages
// or far past the end of the file. It returns the free pages, in order, or
// says what is wrong.
func freelist(f *os.File, meta []byte, pageSize int64) (free []uint64, span uint64, problem string) {
	freelist := binary.LittleEndian.Uint64(meta[32:])
	highWater := binary.LittleEndian.Uint64(meta[40:])
	if freelist == noFreelist {
		return nil, 0, ""
	}
	if freelist < 2 || freelist >= highWater {
		return nil, 0, fmt.Sprintf("it is said to be page %d of %d", freelist, highWater)
	}
	header := make([]byte, pageHeaderSize+8)
	if _, err := f.ReadAt(header, int64(freelist)*pageSize); err != nil {
		return nil, 0, "it cannot be read"
	}
	flags := binary.LittleEndian.Uint16(header[8:])
	count := uint64(binary.LittleEndian.Uint16(header[10:]))
	overflow := uint64(binary.LittleEndian.Uint32(header[12:]))
	start := uint64(pageHeaderSize)
	if count == 0xFFFF { // a long list keeps its length in the first element
		count = binary.LittleEndian.Uint64(header[pageHeaderSize:])
		start += 8
	}
	switch {
	case binary.LittleEndian.Uint64(header) != freelist || flags != freelistFlag:
		return nil, 0, "it is not marked as such"
	case overflow >= highWater-freelist || count > ((overflow+1)*uint64(pageSize)-start)/8:
		return nil, 0, "it does not fit in the file"
	}
	ids := make([]byte, count*8)
	if _, err := f.ReadAt(ids, int64(freelist)*pageSize+int64(start)); err != nil {
		return nil, 0, "it cannot be read"
	}
	free = make([]uint64, count)
	last := uint64(1)
	for i := range free {
		id := binary.LittleEndian.Uint64(ids[i*8:])
		if id <= last || id >= highWater {
			return nil, 0, fmt.Sprintf("it lists page %d", id)
		}
		free[i], last = id, id
	}
	return free, overflow + 1, ""
}

// metaProblem says what is wrong with a header, or "" when it is sound.
func metaProblem(meta []byte) string {
	switch {
	case binary.LittleEndian.Uint32(meta) != boltMagic:
		return "not a bbolt header"
	case binary.LittleEndian.Uint32(meta[4:]) != boltVersion:
		return "an unknown bbolt version"
	}
	h := fnv.New64a()
	h.Write(meta[:metaSumOffset])
	if h.Sum64() != binary.LittleEndian.Uint64(meta[metaSumOffset:]) {
		return "its checksum does not match"
	}
	return ""
}
