package storage

import (
	"encoding/binary"
	"math"
	"unsafe"
)

// The binary records (entries, summaries, the table of questions) are
// built from a few kinds of field: uvarints and varints, single bytes, and
// strings, each a uvarint length and its bytes.

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// recordReader reads the fields of a binary record in turn. The first
// problem sticks, as bad: every later field reads as zero, so a decoder
// reads on and checks once, at the end. A length or a count is never
// trusted beyond the bytes that are left, so a damaged record cannot make
// the reader allocate more than the record's own size.
type recordReader struct {
	b   []byte
	err error
	bad error // what a problem is reported as
	// whole, when set, is the record as one string: the strings read are
	// parts of it, not copies, which saves an allocation for each.
	whole string
}

// sharing returns a reader of data whose strings share one copy of it:
// for a record whose strings are most of it, read by the thousand.
func sharing(data []byte, bad error) *recordReader {
	return &recordReader{b: data, bad: bad, whole: string(data)}
}

// borrowing returns a reader of data whose strings are data itself, not
// copies of it: for a record in bbolt's memory map that is read once, in
// one transaction, and let go before it ends. The strings last only as
// long as that transaction, and must not be kept: the ledger page of a
// hundred years shows megabytes of lessons once each, and copying them
// first (into memory the kernel must then find) took a quarter of its
// time.
func borrowing(data []byte, bad error) *recordReader {
	return &recordReader{b: data, bad: bad, whole: unsafe.String(unsafe.SliceData(data), len(data))}
}

func (r *recordReader) fail() {
	if r.err == nil {
		r.err = r.bad
	}
}

// uvarint reads a uvarint no larger than math.MaxInt32.
func (r *recordReader) uvarint() int {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 || v > math.MaxInt32 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return int(v)
}

// varint reads a signed varint.
func (r *recordReader) varint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

// count reads a number of items still to come, each at least one byte
// long: a count the rest of the record cannot hold is a problem.
func (r *recordReader) count() int {
	n := r.uvarint()
	if n > len(r.b) {
		r.fail()
		return 0
	}
	return n
}

func (r *recordReader) byte() byte {
	if r.err != nil || len(r.b) == 0 {
		r.fail()
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

// field reads a string's length and returns its bytes, and where in the
// record they begin; nil after a problem.
func (r *recordReader) field() (b []byte, at int) {
	n := r.uvarint()
	if r.err != nil || n > len(r.b) {
		r.fail()
		return nil, 0
	}
	b, at = r.b[:n], len(r.whole)-len(r.b)
	r.b = r.b[n:]
	return b, at
}

func (r *recordReader) string() string {
	b, at := r.field()
	if r.whole != "" {
		return r.whole[at : at+len(b)]
	}
	return string(b)
}

// stringOf reads a string, and returns it as one of known when it is one
// of them: read by the thousand, it allocates nothing.
func (r *recordReader) stringOf(known ...string) string {
	b, _ := r.field()
	for _, k := range known {
		if string(b) == k {
			return k
		}
	}
	return string(b)
}

// end is the reader's verdict once the record is read: its first problem,
// or one when bytes are left over.
func (r *recordReader) end() error {
	if r.err == nil && len(r.b) != 0 {
		r.fail()
	}
	return r.err
}
