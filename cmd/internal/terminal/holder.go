package terminal

import (
	"io"
	"math"
)

// Holder passes the first bytes written to it on, and holds the rest until
// it is released: a listing written while the journal is open shows its
// first screen at once, and a pager that waits for the person to read on
// never keeps the journal open (and other reflects waiting) meanwhile.
type Holder struct {
	w      io.Writer
	left   int  // how many more bytes pass straight on
	passed bool // whether any has
	// held is what is held, in parts of holdPart bytes: a buffer that
	// grew by doubling would copy megabytes over again.
	held [][]byte
}

const holdPart = 64 << 10

// HoldAfter returns a Holder that passes n bytes on to w, then holds.
func HoldAfter(w io.Writer, n int) *Holder { return &Holder{w: w, left: n} }

// Write implements io.Writer.
func (h *Holder) Write(b []byte) (int, error) {
	h.passed = h.passed || h.left > 0 && len(b) > 0
	if h.left >= len(b) {
		h.left -= len(b)
		return h.w.Write(b)
	}
	passed := 0
	if h.left > 0 {
		n, err := h.w.Write(b[:h.left])
		if err != nil {
			return n, err
		}
		passed, b, h.left = n, b[h.left:], 0
	}
	n := len(b)
	for len(b) > 0 {
		if len(h.held) == 0 || len(h.held[len(h.held)-1]) == holdPart {
			h.held = append(h.held, make([]byte, 0, holdPart))
		}
		last := &h.held[len(h.held)-1]
		k := min(len(b), holdPart-len(*last))
		*last, b = append(*last, b[:k]...), b[k:]
	}
	return passed + n, nil
}

// Passed reports whether any byte has gone on to the writer.
func (h *Holder) Passed() bool { return h.passed }

// Release writes what is held on, and passes every later write straight on.
func (h *Holder) Release() error {
	h.left = math.MaxInt
	held := h.held
	h.held = nil
	for _, part := range held {
		if _, err := h.w.Write(part); err != nil {
			return err
		}
	}
	return nil
}
