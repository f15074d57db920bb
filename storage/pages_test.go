package storage

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/journal/journaltest"
)

// TestALivePageListedAsFreeIsNotWrittenOver: bbolt writes into the pages
// its list calls free. A list damaged to name a page still in use (here, a
// leaf of the entries, which keeping a draft does not otherwise touch)
// makes the write refuse, leaving the file as it was, and doctor report it.
func TestALivePageListedAsFreeIsNotWrittenOver(t *testing.T) {
	last := journal.NewDay(2026, 11, 20)
	j, f, g, leaves := leavesOf(t, 60, last, bucketEntries)
	if len(leaves) < 2 || g.pf.freelist == noFreelist {
		t.Fatalf("the journal has %d leaves of entries and free list %d: too small a test", len(leaves), g.pf.freelist)
	}
	// The list of free pages now names the first leaf of the summaries.
	at := int64(g.pf.freelist) * g.pf.pageSize
	header := make([]byte, pageHeaderSize+8)
	binary.LittleEndian.PutUint64(header, g.pf.freelist)
	binary.LittleEndian.PutUint16(header[8:], freelistFlag)
	binary.LittleEndian.PutUint16(header[10:], 1)
	binary.LittleEndian.PutUint64(header[pageHeaderSize:], leaves[0])
	if _, err := f.WriteAt(header, at); err != nil {
		t.Fatal(err)
	}
	f.Close()
	before, _ := os.ReadFile(j.Path)

	err := j.Update(func(w *Writer) error {
		return w.PutDraft(journal.Draft{Date: last.AddDays(1), Answers: answers("half a thought")})
	})
	var damaged *DamagedError
	if !errors.As(err, &damaged) {
		t.Fatalf("keeping a draft = %v, want a report of damage", err)
	}
	if after, _ := os.ReadFile(j.Path); string(after) != string(before) {
		t.Error("the refused write changed the file")
	}
	rep, err := j.Check()
	if err != nil || rep.Sound() {
		t.Errorf("doctor: %+v, %v; want a finding", rep, err)
	}
}

// TestARangeChecksOnlyItsWay: reading a week reads the pages on its way and
// beside it, not the journal: a damaged leaf months away goes unread by it,
// and is found by a read of everything.
func TestARangeChecksOnlyItsWay(t *testing.T) {
	last := journal.NewDay(2026, 11, 20)
	j, f, g, leaves := leavesOf(t, 400, last, bucketEntries)
	// The oldest leaf of entries is marked as some other page.
	if _, err := f.WriteAt([]byte{0xff}, int64(leaves[0])*g.pf.pageSize); err != nil {
		t.Fatal(err)
	}
	f.Close()

	week := func(r *Reader) error {
		return r.Range(last.AddDays(-6), last, func(journal.Entry) error { return nil })
	}
	if err := j.View(week); err != nil {
		t.Errorf("the last week: %v", err)
	}
	all := func(r *Reader) error {
		return r.Range(journal.Earliest, journal.Latest, func(journal.Entry) error { return nil })
	}
	var damaged *DamagedError
	if err := j.View(all); !errors.As(err, &damaged) {
		t.Errorf("every entry: %v, want a report of damage", err)
	}
}

// leavesOf writes days of entries ending on last into a new journal and
// returns it, opened for writing, with its guard and the leaf pages of
// bucket, in key order.
func leavesOf(t *testing.T, days int, last journal.Day, bucket []byte) (*Journal, *os.File, *guard, []uint64) {
	t.Helper()
	j := New(filepath.Join(t.TempDir(), "journal.db"))
	if err := j.Update(func(w *Writer) error { return journaltest.Write(days, last, w.PutEntry) }); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(j.Path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	g, err := newGuard(f, j.Path, false)
	if err != nil {
		t.Fatal(err)
	}
	var leaves []uint64
	w := newWalk(&g.pf)
	w.onLeaf = func(p *page) { leaves = append(leaves, p.id) }
	if err := w.bucket(g.buckets[string(bucket)], everything, dataRules, 1); err != nil {
		t.Fatal(err)
	}
	return j, f, g, leaves
}

// TestABackupOfDamagedPagesIsRefused: a copy of a damaged journal would be
// a backup that restore refuses; backup says so at once, and writes none.
func TestABackupOfDamagedPagesIsRefused(t *testing.T) {
	j, f, g, leaves := leavesOf(t, 400, journal.NewDay(2026, 11, 20), bucketEntries)
	// The oldest leaf of entries, which no command reads unless asked for
	// everything, is marked as some other page.
	if _, err := f.WriteAt([]byte{0xff}, int64(leaves[0])*g.pf.pageSize); err != nil {
		t.Fatal(err)
	}
	f.Close()
	backup := filepath.Join(t.TempDir(), "backup.db")
	var damaged *DamagedError
	if err := j.Backup(backup); !errors.As(err, &damaged) {
		t.Errorf("backup = %v, want a report of damage", err)
	}
	if _, err := os.Stat(backup); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a backup was written (%v)", err)
	}
}

// TestPagesFillInDateOrder: entries written in date order, as an evening
// or an import writes them, fill their summaries' pages rather than leave
// them half empty.
func TestPagesFillInDateOrder(t *testing.T) {
	j := New(filepath.Join(t.TempDir(), "journal.db"))
	if err := j.Update(func(w *Writer) error { return journaltest.Write(2000, journaltest.Last, w.PutEntry) }); err != nil {
		t.Fatal(err)
	}
	rawView(t, j.Path, func(tx *bolt.Tx) {
		s := tx.Bucket(bucketSummaries).Stats()
		if used := float64(s.LeafInuse) / float64(s.LeafAlloc); used < 0.8 {
			t.Errorf("the summaries' leaf pages are %.0f%% full, want 80%% or more", 100*used)
		}
	})
}

// TestAPageOfTwoBucketsIsNotWrittenOver: a bucket's header damaged to name
// a page of another bucket as its root (the lessons', naming a leaf of the
// entries, the root page that holds the buckets' headers, or a page a bit
// away from its own) would have a write to the one free a page the other
// holds. Each write is refused, leaving the file as it was, or lands where
// it reads back.
func TestAPageOfTwoBucketsIsNotWrittenOver(t *testing.T) {
	t.Run("a leaf of entries", func(t *testing.T) {
		writeOverSharedPage(t, func(g *guard, leaves []uint64) uint64 { return leaves[len(leaves)/2] })
	})
	t.Run("the leaf of entries a write rewrites", func(t *testing.T) {
		writeOverSharedPage(t, func(g *guard, leaves []uint64) uint64 {
			for _, id := range leaves {
				p, err := g.pf.read(id)
				if err == nil && string(p.key(0)) <= "2026-10-01" && "2026-10-01" <= string(p.key(p.count-1)) {
					return id
				}
			}
			t.Fatal("no leaf of entries holds 2026-10-01")
			return 0
		})
	})
	t.Run("the root", func(t *testing.T) {
		writeOverSharedPage(t, func(g *guard, leaves []uint64) uint64 { return g.pf.root })
	})
	for _, bit := range []uint64{1, 2, 4, 8} {
		t.Run(fmt.Sprint("a bit flipped: ", bit), func(t *testing.T) {
			writeOverSharedPage(t, func(g *guard, _ []uint64) uint64 {
				return binary.LittleEndian.Uint64(g.buckets[string(bucketLessons)]) ^ bit
			})
		})
	}
}

func writeOverSharedPage(t *testing.T, shared func(g *guard, leaves []uint64) uint64) {
	last := journal.NewDay(2026, 11, 20)
	j, f, g, leaves := leavesOf(t, 60, last, bucketEntries)
	root, err := g.pf.read(g.pf.root)
	if err != nil {
		t.Fatal(err)
	}
	header := -1
	for i := range root.count {
		if string(root.key(i)) == string(bucketLessons) {
			_, split, _ := root.span(i)
			header = int(split)
		}
	}
	if header < 0 {
		t.Fatal("no header of the lessons bucket in the root page")
	}
	pgid := binary.LittleEndian.AppendUint64(nil, shared(g, leaves))
	if _, err := f.WriteAt(pgid, int64(g.pf.root)*g.pf.pageSize+int64(header)); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, day := range []journal.Day{last.AddDays(5), last.AddDays(-50)} {
		before, _ := os.ReadFile(j.Path)
		err := j.Update(func(w *Writer) error {
			_, err := w.AddAnswers(day, answers("a lesson: ask sooner"), time.Now())
			return err
		})
		var damaged *DamagedError
		switch {
		case err != nil && !errors.As(err, &damaged):
			t.Errorf("a write to %s = %v, want a report of damage", day, err)
		case err != nil:
			if after, _ := os.ReadFile(j.Path); string(after) != string(before) {
				t.Errorf("the refused write to %s changed the file", day)
			}
		default:
			err := j.View(func(r *Reader) error { _, _, err := r.Entry(day); return err })
			if err != nil {
				t.Errorf("wrote %s, but reading it back gives %v", day, err)
			}
		}
	}
}
