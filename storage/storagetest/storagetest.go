// Package storagetest damages journals for tests: a small journal written
// as a person's would be, the bytes of its page structure, and the cases of
// one flipped byte that the damage tests of storage and of the binary try.
// Only tests import it.
//
// Imports: storagetest imports storage, journal and journaltest, nothing
// else of the project; it must never import cmd, cobra, survey or terminal
// code, so that storage's own tests and the binary's can both use it.
package storagetest

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"

	bolt "go.etcd.io/bbolt"

	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/journal/journaltest"
	"github.com/reflect-cli/reflect/storage"
)

// LastDay is the last day of SmallJournal's entries.
var LastDay = journal.NewDay(2026, 11, 20)

// DraftDays are the days of SmallJournal's two drafts.
var DraftDays = []journal.Day{LastDay.AddDays(1), LastDay.AddDays(-70)}

// SmallJournal writes 60 days of entries ending on LastDay, as a person's
// would be (setbacks some days, long and short answers, follow-ups,
// lessons), and a draft on each of DraftDays, into the journal at path.
func SmallJournal(path string) error {
	j := storage.New(path)
	return j.Update(func(w *storage.Writer) error {
		if err := journaltest.Write(60, LastDay, w.PutEntry); err != nil {
			return err
		}
		for _, d := range DraftDays {
			half := journal.Answer{PromptID: "setback", Theme: "setback", Question: "What happened?", Answer: "half a thought"}
			if err := w.PutDraft(journal.Draft{Date: d, Answers: []journal.Answer{half}}); err != nil {
				return err
			}
		}
		return nil
	})
}

// bbolt's page layout (go.etcd.io/bbolt/internal/common).
const (
	pageHeaderSize   = 16
	elementSize      = 16
	metaSize         = 64
	bucketHeaderSize = 16
	branchFlag       = 0x01
	leafFlag         = 0x02
	freelistFlag     = 0x10
	bucketFlag       = 0x01
)

// PageSize is the size of the pages of the bbolt file data, as its first
// header says: where its second header and its data pages begin.
func PageSize(data []byte) int {
	return int(binary.LittleEndian.Uint32(data[pageHeaderSize+8:]))
}

// StructureBytes returns the offset of every byte of a bbolt file's page
// structure: both headers, every page header and every element header of
// the branch, leaf and free-list pages, and those of the pages kept inline
// in a bucket's header.
func StructureBytes(data []byte) []int {
	if len(data) < pageHeaderSize+12 {
		return nil
	}
	pageSize := PageSize(data)
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
			span(start, pageHeaderSize+metaSize)
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

// Case is one flipped byte: at which offset, with which bits.
type Case struct {
	At   int
	Mask byte
}

func (c Case) String() string { return fmt.Sprintf("byte %d ^ %#02x", c.At, c.Mask) }

// Apply returns a copy of data with the case's byte flipped.
func (c Case) Apply(data []byte) []byte {
	d := append([]byte(nil), data...)
	d[c.At] ^= c.Mask
	return d
}

// Cases is every byte of the page structure of data flipped two ways (its
// lowest bit, and every bit), and a sample of other bytes flipped at random,
// from a fixed seed.
func Cases(data []byte, others int) []Case {
	var cases []Case
	structure := map[int]bool{}
	for _, at := range StructureBytes(data) {
		structure[at] = true
		cases = append(cases, Case{at, 0x01}, Case{at, 0xff})
	}
	r := rand.New(rand.NewPCG(10, 10))
	for n := 0; n < others && len(structure) < len(data); {
		at := r.IntN(len(data))
		if structure[at] {
			continue
		}
		cases = append(cases, Case{at, byte(1 + r.IntN(255))})
		n++
	}
	return cases
}

// Every returns every nth of cases, from the first.
func Every(cases []Case, n int) []Case {
	var some []Case
	for i := 0; i < len(cases); i += n {
		some = append(some, cases[i])
	}
	return some
}

// CleanMessage says what is wrong with a message a person would read, or
// "": too long, a raw control character, or Go's own words for a crash.
func CleanMessage(msg string) string {
	switch {
	case len(msg) > 300:
		return fmt.Sprintf("%d characters long", len(msg))
	case strings.IndexFunc(strings.TrimSuffix(msg, "\n"), unicode.IsControl) >= 0:
		return "it holds a control character"
	}
	for _, internal := range []string{"runtime error", "goroutine", "panic", "nil pointer", "index out of range", "fatal error"} {
		if strings.Contains(msg, internal) {
			return "it speaks of " + internal
		}
	}
	return ""
}

// EncryptedJournal writes SmallJournal at path and encrypts it with
// passphrase.
func EncryptedJournal(path, passphrase string) error {
	if err := SmallJournal(path); err != nil {
		return err
	}
	return storage.New(path).Encrypt([]byte(passphrase))
}

// HostileLocks are settings that a hostile or damaged file may hold in its
// encryption header (its lock: the scrypt cost, the salt), each of which
// must be refused as damage before scrypt runs: unchecked, some panic,
// some take all the memory, some run for hours. The values are JSON.
var HostileLocks = map[string]map[string]string{
	"r=2^20 (makeslice)":              {"r": "1048576"},
	"r=2^14 (16 GiB)":                 {"r": "16384"},
	"p=100000 (hours)":                {"p": "100000"},
	"p=0":                             {"p": "0"},
	"r=-1":                            {"r": "-1"},
	"N=2^40":                          {"n": "1099511627776"},
	"N=2^22 (4 GiB)":                  {"n": "4194304"},
	"N=3 (not a power of two)":        {"n": "3"},
	"N=100000 (not a power of two)":   {"n": "100000"},
	"N=0":                             {"n": "0"},
	"N=-2^17":                         {"n": "-131072"},
	"N=2^20, r=32 (4 GiB)":            {"n": "1048576", "r": "32"},
	"N=2^17, r=8, p=16 (16 times)":    {"p": "16"},
	"an empty salt":                   {"salt": `""`},
	"a salt of 1 MiB":                 {"salt": `"` + strings.Repeat("AAAA", 1<<18) + `"`},
	"another KDF":                     {"kdf": `"argon2\u001b[31m"`},
	"a sealed key cut short":          {"sealed_key": `"AAAA"`},
	"N as a string":                   {"n": `"big"`},
	"r as a float past int64's range": {"r": "1e30"},
	"version 0":                       {"version": "0"},
	"version 99":                      {"version": "99"},
}

// SetLock changes fields of the encryption header of the encrypted journal
// at path, as a hostile file's could be: each value is JSON, put in place of
// that field's.
func SetLock(path string, fields map[string]string) error {
	return update(path, func(tx *bolt.Tx) error {
		meta := tx.Bucket([]byte("meta"))
		if meta == nil || meta.Get([]byte("encryption")) == nil {
			return fmt.Errorf("%s is not encrypted", path)
		}
		var lock map[string]json.RawMessage
		if err := json.Unmarshal(meta.Get([]byte("encryption")), &lock); err != nil {
			return err
		}
		for k, v := range fields {
			lock[k] = json.RawMessage(v)
		}
		data, err := json.Marshal(lock)
		if err != nil {
			return err
		}
		return meta.Put([]byte("encryption"), data)
	})
}

// dayBuckets are the buckets that keep a day's words: its entry and its
// summary.
var dayBuckets = []string{"entries", "summaries", "lessons", "search"}

// PutBackDay puts the day (YYYY-MM-DD) of the older copy of a journal at
// older into the journal at path, in place of the day as it is there: what
// someone without reflect, or its passphrase, can do with two copies of an
// encrypted journal.
func PutBackDay(path, older, day string) error {
	old, err := bolt.Open(older, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	values := map[string][]byte{}
	err = old.View(func(tx *bolt.Tx) error {
		for _, b := range dayBuckets {
			if v := tx.Bucket([]byte(b)).Get([]byte(day)); v != nil {
				values[b] = bytes.Clone(v)
			}
		}
		return nil
	})
	old.Close()
	if err != nil {
		return err
	}
	if len(values) == 0 {
		return fmt.Errorf("%s has no %s", older, day)
	}
	return updateRaw(path, func(tx *bolt.Tx) error {
		for _, b := range dayBuckets {
			bucket := tx.Bucket([]byte(b))
			if v, ok := values[b]; ok {
				err = bucket.Put([]byte(day), v)
			} else {
				err = bucket.Delete([]byte(day))
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// RemoveDay takes the day (YYYY-MM-DD) out of the journal at path, without
// reflect.
func RemoveDay(path, day string) error {
	return updateRaw(path, func(tx *bolt.Tx) error {
		for _, b := range dayBuckets {
			if err := tx.Bucket([]byte(b)).Delete([]byte(day)); err != nil {
				return err
			}
		}
		return nil
	})
}

func updateRaw(path string, fn func(tx *bolt.Tx) error) error {
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Update(fn)
}

// FlipEntryByte flips one bit of the stored entry of day (YYYY-MM-DD) in
// the journal at path, as a bad disk would: an encrypted entry no longer
// opens.
func FlipEntryByte(path, day string) error {
	return updateRaw(path, func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("entries"))
		v := bytes.Clone(b.Get([]byte(day)))
		if len(v) == 0 {
			return fmt.Errorf("no entry of %s", day)
		}
		v[len(v)/2] ^= 1
		return b.Put([]byte(day), v)
	})
}

// MiscountLedger changes the count of lessons that the journal's kept
// ledger holds (FORMAT.md) to one more than it is: a ledger that no longer
// matches the lessons, whose words are all still there.
func MiscountLedger(path string) error {
	return update(path, func(tx *bolt.Tx) error {
		index := tx.Bucket([]byte("ledger-index"))
		if index == nil {
			return fmt.Errorf("%s keeps no ledger", path)
		}
		drawn, n := binary.Uvarint(index.Get([]byte("t")))
		if n <= 0 {
			return fmt.Errorf("%s: the count of lessons cannot be read", path)
		}
		rest := index.Get([]byte("t"))[n:]
		return index.Put([]byte("t"), append(binary.AppendUvarint(nil, drawn+1), rest...))
	})
}

// CutLedgerRecord cuts the newest record of the journal's kept ledger to
// half its length: a record that cannot be read.
func CutLedgerRecord(path string) error {
	return update(path, func(tx *bolt.Tx) error {
		ledger := tx.Bucket([]byte("ledger"))
		if ledger == nil {
			return fmt.Errorf("%s keeps no ledger", path)
		}
		k, v := ledger.Cursor().Last()
		return ledger.Put(bytes.Clone(k), bytes.Clone(v[:len(v)/2]))
	})
}

// ClearSearchNew clears every bit of the records of the journal's
// search-new bucket (FORMAT.md): search slices that no longer hold the
// days written lately, whose words are all still there.
func ClearSearchNew(path string) error {
	return update(path, func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("search-new"))
		if b == nil {
			return fmt.Errorf("%s keeps no search slices", path)
		}
		var keys [][]byte
		_ = b.ForEach(func(k, _ []byte) error { keys = append(keys, bytes.Clone(k)); return nil })
		if len(keys) == 0 {
			return fmt.Errorf("%s: no day waits in search-new", path)
		}
		for _, k := range keys {
			if err := b.Put(k, make([]byte, len(b.Get(k)))); err != nil {
				return err
			}
		}
		return nil
	})
}

// update runs fn in a write transaction on the bbolt file at path, past
// reflect and all its checks.
func update(path string, fn func(tx *bolt.Tx) error) error {
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Update(fn)
}
