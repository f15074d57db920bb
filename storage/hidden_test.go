package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/reflect-cli/reflect/journal"
)

// Damage can leave a page well formed and still hide a day: a count one
// lower hides its last element, a key changed into another date files a
// day under the wrong one. bbolt would write such a page again as it reads
// it, and the hidden words would be gone for good; so a write refuses it.

func TestAnEntryHiddenFromItsPageIsNotWrittenOver(t *testing.T) {
	last := journal.NewDay(2026, 11, 20)
	j, f, g, leaves := leavesOf(t, 60, last, bucketEntries)
	var leaf *page
	for _, id := range leaves {
		if p, err := g.pf.read(id); err == nil && p.count >= 2 {
			leaf = p
			break
		}
	}
	if leaf == nil {
		t.Fatal("no leaf of entries holds two days: too small a test")
	}
	var hidden, neighbour journal.Day
	if err := hidden.UnmarshalText(leaf.key(leaf.count - 1)); err != nil {
		t.Fatal(err)
	}
	if err := neighbour.UnmarshalText(leaf.key(0)); err != nil {
		t.Fatal(err)
	}
	count := make([]byte, 2)
	binary.LittleEndian.PutUint16(count, uint16(leaf.count-1))
	if _, err := f.WriteAt(count, int64(leaf.id)*g.pf.pageSize+10); err != nil {
		t.Fatal(err)
	}
	f.Close()
	before, _ := os.ReadFile(j.Path)

	for _, day := range []journal.Day{hidden, neighbour} {
		err := j.Update(func(w *Writer) error {
			_, err := w.AddAnswers(day, answers("a new thought"), time.Now())
			return err
		})
		var damaged *DamagedError
		if !errors.As(err, &damaged) {
			t.Errorf("a write to %s = %v, want a report of damage", day, err)
		}
		if after, _ := os.ReadFile(j.Path); string(after) != string(before) {
			t.Fatalf("the refused write to %s changed the file", day)
		}
	}
}

func TestADayFiledUnderAnotherIsReported(t *testing.T) {
	last := journal.NewDay(2026, 11, 20)
	j, f, g, leaves := leavesOf(t, 60, last, bucketEntries)
	leaf, err := g.pf.read(leaves[len(leaves)-1])
	if err != nil {
		t.Fatal(err)
	}
	// The newest day's key, 2026-11-20, becomes 2026-11-21: a key is kept
	// just before its value, which opens with the entry's own date.
	value := binary.AppendVarint([]byte{entryFormat}, dayNumber(last))
	at := bytes.Index(leaf.data, append([]byte(last.String()), value...))
	if at < 0 {
		t.Fatalf("no key %s in the last leaf of entries", last)
	}
	if _, err := f.WriteAt([]byte{'1'}, int64(leaf.id)*g.pf.pageSize+int64(at)+9); err != nil {
		t.Fatal(err)
	}
	f.Close()
	before, _ := os.ReadFile(j.Path)
	moved := last.AddDays(1)

	var damaged *DamagedError
	err = j.View(func(r *Reader) error { _, _, err := r.Entry(moved); return err })
	if !errors.As(err, &damaged) {
		t.Errorf("reading %s = %v, want a report of damage", moved, err)
	}
	err = j.Update(func(w *Writer) error {
		_, err := w.AddAnswers(moved, answers("filed where it belongs"), time.Now())
		return err
	})
	if !errors.As(err, &damaged) {
		t.Errorf("a write to %s = %v, want a report of damage", moved, err)
	}
	if after, _ := os.ReadFile(j.Path); string(after) != string(before) {
		t.Error("the refused write changed the file")
	}
}
