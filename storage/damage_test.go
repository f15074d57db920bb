package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/journal/journaltest"
)

// smallJournal writes a 60-day journal, as a person's would be (setbacks
// some days, long and short answers, follow-ups, lessons), with two drafts,
// and returns its bytes.
func smallJournal(t testing.TB) []byte {
	t.Helper()
	j := New(filepath.Join(t.TempDir(), "small.db"))
	last := journal.NewDay(2026, 11, 20)
	err := j.Update(func(w *Writer) error {
		if err := journaltest.Write(60, last, w.PutEntry); err != nil {
			return err
		}
		for _, d := range []journal.Day{last.AddDays(1), last.AddDays(-70)} {
			if err := w.PutDraft(journal.Draft{Date: d, Answers: answers("half a thought")}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(j.Path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// structureBytes returns the offset of every byte of the file's page
// structure: both headers, every page header and every element header of
// the branch, leaf and free-list pages, and those of the pages kept inline
// in a bucket's header.
func structureBytes(data []byte) []int {
	pageSize := int(binary.LittleEndian.Uint32(data[pageHeaderSize+8:]))
	var at []int
	span := func(from, n int) {
		for i := range n {
			if from+i < len(data) {
				at = append(at, from+i)
			}
		}
	}
	var elements func(start, end int)
	elements = func(start, end int) {
		if end-start < pageHeaderSize {
			return
		}
		flags := binary.LittleEndian.Uint16(data[start+8:])
		count := int(binary.LittleEndian.Uint16(data[start+10:]))
		span(start, pageHeaderSize)
		if flags != branchFlag && flags != leafFlag {
			return
		}
		span(start+pageHeaderSize, min(count*elementSize, end-start-pageHeaderSize))
		if flags != leafFlag {
			return
		}
		for i := range count {
			e := start + pageHeaderSize + i*elementSize
			if e+elementSize > end || binary.LittleEndian.Uint32(data[e:])&bucketFlag == 0 {
				continue
			}
			pos := int(binary.LittleEndian.Uint32(data[e+4:]))
			ksize := int(binary.LittleEndian.Uint32(data[e+8:]))
			vsize := int(binary.LittleEndian.Uint32(data[e+12:]))
			value := e + pos + ksize
			span(value, bucketHeaderSize)
			if value+vsize <= end && binary.LittleEndian.Uint64(data[value:]) == 0 {
				elements(value+bucketHeaderSize, value+vsize) // an inline bucket's page
			}
		}
	}
	for page := 0; (page+1)*pageSize <= len(data); page++ {
		start := page * pageSize
		if page < 2 {
			span(start, pageHeaderSize+metaSumOffset+8)
			continue
		}
		if binary.LittleEndian.Uint64(data[start:]) != uint64(page) {
			continue // an overflow page, or one not in use
		}
		overflow := int(binary.LittleEndian.Uint32(data[start+12:]))
		end := min(start+(overflow+1)*pageSize, len(data))
		if binary.LittleEndian.Uint16(data[start+8:]) == freelistFlag {
			span(start, min(end-start, pageHeaderSize+8*int(binary.LittleEndian.Uint16(data[start+10:]))))
			continue
		}
		elements(start, end)
	}
	return at
}

// damageCase is one flipped byte: at which offset, with which bits.
type damageCase struct {
	at   int
	mask byte
}

func (c damageCase) String() string { return fmt.Sprintf("byte %d ^ %#02x", c.at, c.mask) }

// damageCases is every byte of the page structure flipped two ways, and a
// fixed sample of other bytes flipped at random. With -short, every
// seventh of them.
func damageCases(data []byte) []damageCase {
	var cases []damageCase
	structure := map[int]bool{}
	for _, at := range structureBytes(data) {
		structure[at] = true
		for _, mask := range []byte{0x01, 0xff} { // the lowest bit; every bit
			cases = append(cases, damageCase{at, mask})
		}
	}
	r := rand.New(rand.NewPCG(10, 10))
	for n := 0; n < 300; {
		at := r.IntN(len(data))
		if structure[at] {
			continue
		}
		cases = append(cases, damageCase{at, byte(1 + r.IntN(255))})
		n++
	}
	if testing.Short() {
		var some []damageCase
		for i := 0; i < len(cases); i += 7 {
			some = append(some, cases[i])
		}
		cases = some
	}
	return cases
}

// cleanMessage reports what is wrong with a message a person would read:
// too long, a raw control character, or Go's own words for a crash.
func cleanMessage(msg string) string {
	switch {
	case len(msg) > 300:
		return fmt.Sprintf("%d characters long", len(msg))
	case strings.IndexFunc(msg, unicode.IsControl) >= 0:
		return "it holds a control character"
	}
	for _, internal := range []string{"runtime error", "goroutine", "panic", "nil pointer", "index out of range"} {
		if strings.Contains(msg, internal) {
			return "it speaks of " + internal
		}
	}
	return ""
}

// TestEveryStructureByteFlipped flips each byte of a small journal's page
// structure in turn (and a sample of the others), as a failing disk might,
// and reads, checks and writes each damaged file: each gives a clean result
// or a short, clean report of damage, never a crash, a hang or a flood;
// doctor's verdict agrees with what reads find; a write either lands where
// it can be read back or leaves the file exactly as it was. Run by make
// test under a memory limit (see the Makefile), where one unbounded walk
// would fail it.
func TestEveryStructureByteFlipped(t *testing.T) {
	if raceEnabled {
		t.Skip("checkptr, which -race turns on, stops at bbolt's pointer arithmetic; make test runs this without -race")
	}
	good := smallJournal(t)
	cases := damageCases(good)
	t.Logf("%d cases over %d bytes", len(cases), len(good))
	const shards = 4 // run side by side where there are cores to run them
	for shard := range shards {
		t.Run(fmt.Sprint("shard", shard), func(t *testing.T) {
			t.Parallel()
			var mine []damageCase
			for i := shard; i < len(cases); i += shards {
				mine = append(mine, cases[i])
			}
			flipAndUse(t, good, mine)
		})
	}
}

// flipAndUse reads, checks and writes the journal good with each case of
// damage in turn, as TestEveryStructureByteFlipped says.
func flipAndUse(t *testing.T, good []byte, cases []damageCase) {
	dir := memDir(t)
	newDay := journal.NewDay(2026, 11, 25)
	oldDay := journal.NewDay(2026, 10, 1)
	for _, c := range cases {
		d := bytes.Clone(good)
		d[c.at] ^= c.mask
		j := New(filepath.Join(dir, "journal.db"))
		j.Timeout = 200 * time.Millisecond
		if err := os.WriteFile(j.Path, d, 0o600); err != nil {
			t.Fatal(err)
		}
		fail := func(format string, args ...any) { t.Errorf("%v: %s", c, fmt.Sprintf(format, args...)) }
		expectClean := func(what string, err error) {
			var damaged *DamagedError
			if err != nil && !errors.As(err, &damaged) {
				fail("%s = %v, not a report of damage", what, err)
			}
			if err != nil {
				if problem := cleanMessage(err.Error()); problem != "" {
					fail("%s: the message %q: %s", what, err.Error()[:min(len(err.Error()), 120)], problem)
				}
			}
		}

		readErr := j.View(readEverything)
		expectClean("reading", readErr)
		rep, err := j.Check()
		expectClean("doctor", err)
		for _, f := range rep.Findings {
			if problem := cleanMessage(f.Text); problem != "" {
				fail("doctor's finding %q: %s", f.Text[:min(len(f.Text), 120)], problem)
			}
		}
		if err == nil && rep.Sound() && readErr != nil {
			fail("doctor finds it sound, but reading it gives %v", readErr)
		}
		for _, day := range []journal.Day{newDay, oldDay} {
			err := j.Update(func(w *Writer) error {
				_, err := w.AddAnswers(day, answers("written over damage"), now)
				return err
			})
			expectClean("writing "+day.String(), err)
			after, _ := os.ReadFile(j.Path)
			if err != nil && !bytes.Equal(after, d) {
				fail("writing %s was refused (%v), and the file changed", day, err)
			}
			if err != nil {
				continue
			}
			d = after
			err = j.View(func(r *Reader) error {
				e, ok, err := r.Entry(day)
				if err == nil && (!ok || !strings.Contains(e.Answers[len(e.Answers)-1].Answer, "written over damage")) {
					err = errors.New("the answer is not there")
				}
				return err
			})
			if err != nil {
				fail("wrote %s, but reading it back gives %v", day, err)
			}
		}
	}
}

// readEverything reads every entry (newest first, as log does), a fortnight
// of them oldest first (as export does), every summary and the drafts.
func readEverything(r *Reader) error {
	if err := r.Descend(journal.Latest, journal.Earliest, func(journal.Entry) error { return nil }); err != nil {
		return err
	}
	if err := r.Range(journal.NewDay(2026, 10, 20), journal.NewDay(2026, 11, 2), func(journal.Entry) error { return nil }); err != nil {
		return err
	}
	for _, d := range []journal.Day{journal.NewDay(2026, 11, 21), journal.NewDay(2026, 9, 11)} {
		if _, _, err := r.Draft(d); err != nil {
			return err
		}
	}
	return r.EachSummary(func(journal.Summary) error { return nil })
}

// memDir is a folder for the test in memory, where there is one, so that
// thousands of writes do not wait on a disk.
func memDir(t *testing.T) string {
	if dir, err := os.MkdirTemp("/dev/shm", "reflect-test-"); err == nil {
		t.Cleanup(func() { os.RemoveAll(dir) })
		return dir
	}
	return t.TempDir()
}
