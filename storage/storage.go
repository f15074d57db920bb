// Package storage keeps the journal in one bbolt file.
//
// The file is opened for the length of one transaction and closed again, so
// no reflect process holds it while a person is typing; another process that
// finds it locked waits up to Journal.Timeout and then gets ErrBusy.
//
// Layout: a "meta" bucket records that the file is a reflect journal and its
// schema version; "entries" maps YYYY-MM-DD keys to JSON entries, so a range
// of dates is a seek and a walk; "drafts" keeps unfinished sessions under the
// same keys. All three are created together, in the transaction that first
// writes the file. A file that is damaged, foreign or from a newer reflect is
// reported and never re-created or rewritten.
package storage

import (
	"crypto/cipher"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/reflect-cli/reflect/journal"
)

// SchemaVersion is the layout of the journal this build reads and writes.
// Schema 2 added the summaries bucket; a schema 1 journal gets it, built
// from its entries, on its first write.
const SchemaVersion = 2

// FileMode and DirMode are the permissions of the journal and of a folder
// created for it: the journal is readable by its owner alone.
const (
	FileMode fs.FileMode = 0o600
	DirMode  fs.FileMode = 0o700
)

// DefaultTimeout is how long a command waits for a journal that another
// process holds.
const DefaultTimeout = 2 * time.Second

const appName = "reflect"

// entriesFill is how full a page of entries is filled before it splits.
const entriesFill = 0.9

var (
	bucketMeta    = []byte("meta")
	bucketEntries = []byte("entries")
	bucketDrafts  = []byte("drafts")
	// bucketSummaries maps YYYY-MM-DD keys to journal.Summary: derived from
	// the day's entry, written with it in the same transaction.
	bucketSummaries = []byte("summaries")
	keyApp          = []byte("app")
	keySchema       = []byte("schema")
)

// ErrNotExist means there is no journal yet: nothing has been written.
var ErrNotExist = errors.New("no journal yet")

// BusyError means another process holds the journal.
type BusyError struct{ Path string }

// Error implements error.
func (e *BusyError) Error() string {
	return fmt.Sprintf("the journal is busy: another reflect is using %s", e.Path)
}

// DamagedError means the file cannot be read as a reflect journal: it is
// damaged, or it is some other file. It is left exactly as it was.
type DamagedError struct {
	Path   string
	Reason string
	Err    error
}

// Error implements error.
func (e *DamagedError) Error() string {
	msg := fmt.Sprintf("%s is damaged or not a reflect journal: %s", e.Path, e.Reason)
	if e.Err != nil {
		// The cause is a library's words, which may quote what it read:
		// shown short, and with nothing a terminal would act on.
		msg += ": " + shortText(e.Err.Error(), 80)
	}
	return msg
}

// shortText is s on one line, with control characters escaped, cut to at
// most n bytes.
func shortText(s string, n int) string {
	s = strings.Trim(strconv.Quote(s), `"`)
	if len(s) > n {
		s = strings.ToValidUTF8(s[:n], "") + "…"
	}
	return s
}

// Unwrap returns the cause.
func (e *DamagedError) Unwrap() error { return e.Err }

// NewerError means the journal was written by a newer reflect, whose layout
// this build does not know.
type NewerError struct {
	Path    string
	Version int
}

// Error implements error.
func (e *NewerError) Error() string {
	return fmt.Sprintf("%s was written by a newer reflect (schema %d; this one knows %d)", e.Path, e.Version, SchemaVersion)
}

// Journal is the journal file at Path.
type Journal struct {
	Path    string
	Timeout time.Duration // how long to wait for a lock held elsewhere
	// MaxSize, when positive, caps the file's size in bytes.
	MaxSize int
	// Passphrase, when the journal is encrypted, is asked once for the
	// passphrase that opens it.
	Passphrase func() ([]byte, error)
	// Notify, when set, is told in a line for the person what opening the
	// journal tidied up (an unfinished copy that an interrupted reflect left).
	Notify func(msg string)

	tidied bool // whether removeLeftovers ran

	pages    *guard      // checks pages for the transaction under way
	unlocked bool        // whether the journal was checked for encryption
	lock     *lock       // an encrypted journal's sealed key, once read
	aead     cipher.AEAD // seals and opens values; nil when in the clear
	dataKey  []byte
}

// New returns the journal at path, with the default lock timeout.
func New(path string) *Journal {
	return &Journal{Path: path, Timeout: DefaultTimeout}
}

// Exists reports whether the journal file is there.
func (j *Journal) Exists() bool {
	_, err := os.Stat(j.Path)
	return err == nil
}

// View runs fn in a read-only transaction. With no journal yet it returns
// ErrNotExist and does not create one.
func (j *Journal) View(fn func(r *Reader) error) error {
	if !j.Exists() {
		return ErrNotExist
	}
	return j.keyed(func() error {
		return j.run(true, func(tx *bolt.Tx) error {
			fresh, err := j.check(tx)
			if err != nil {
				return err
			}
			if fresh {
				return ErrNotExist
			}
			if err := j.learnLock(tx); err != nil {
				return err
			}
			return fn(&Reader{tx: tx, path: j.Path, aead: j.aead, pages: j.pages})
		})
	})
}

// Update runs fn in a read-write transaction, creating the journal (and its
// folder) if there is none yet. Everything fn writes lands together or not
// at all.
func (j *Journal) Update(fn func(w *Writer) error) error {
	if err := j.makeDir(); err != nil {
		return err
	}
	if !j.Exists() {
		if err := j.create(); err != nil {
			return err
		}
	}
	return j.keyed(func() error { return j.update(fn) })
}

// update is Update's transaction, once the journal exists.
func (j *Journal) update(fn func(w *Writer) error) error {
	return j.run(false, func(tx *bolt.Tx) error {
		fresh, err := j.check(tx)
		if err != nil {
			return err
		}
		if fresh {
			if err := initialise(tx); err != nil {
				return err
			}
		}
		if err := j.learnLock(tx); err != nil {
			return err // nothing written yet: the transaction is undone
		}
		if v := schemaOf(tx); !fresh && v < SchemaVersion {
			if err := j.pages.check(bucketEntries, everything); err != nil {
				return err // the upgrade reads every entry
			}
			// Before a journal's layout changes, a copy of it as it was.
			backup := fmt.Sprintf("%s.schema-%d-backup-%s", j.Path, v, time.Now().Format("20060102-150405"))
			if err := writeCopy(tx, backup); err != nil {
				return fmt.Errorf("keeping a copy before upgrading the journal: %w", err)
			}
		}
		if err := upgrade(tx, j.Path); err != nil {
			return err
		}
		// Entries are mostly written in date order, at the end of the key
		// space: pages filled well before they split keep the file compact.
		tx.Bucket(bucketEntries).FillPercent = entriesFill
		return fn(&Writer{Reader{tx: tx, path: j.Path, aead: j.aead, pages: j.pages}})
	})
}

// create makes a new, empty journal at j.Path. It is built in a file of
// its own and linked into place whole, so that no reflect ever finds a
// journal half made (an empty file there is damage, never a journal being
// born); when another reflect creates it first, theirs is kept.
func (j *Journal) create() error {
	tmp, err := os.CreateTemp(filepath.Dir(j.Path), "."+filepath.Base(j.Path)+".new-*")
	if err != nil {
		return fmt.Errorf("creating the journal: %w", err)
	}
	tmpPath := tmp.Name()
	tmp.Close()
	defer os.Remove(tmpPath)
	if err := os.Remove(tmpPath); err != nil { // bbolt makes the file itself
		return fmt.Errorf("creating the journal: %w", err)
	}
	db, err := bolt.Open(tmpPath, FileMode, &bolt.Options{Timeout: j.Timeout})
	if err != nil {
		return fmt.Errorf("creating the journal: %w", err)
	}
	err = db.Update(initialise)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		// bbolt creates the file with 0600 less the umask; make it exactly 0600.
		err = os.Chmod(tmpPath, FileMode)
	}
	if err != nil {
		return fmt.Errorf("creating the journal: %w", err)
	}
	err = os.Link(tmpPath, j.Path)
	if err != nil && !errors.Is(err, fs.ErrExist) && !j.Exists() {
		// A file system without hard links: a rename, which another reflect
		// creating the journal at the same instant could race.
		err = os.Rename(tmpPath, j.Path)
	}
	if err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("creating the journal: %w", err)
	}
	return syncDir(filepath.Dir(j.Path))
}

// makeDir creates the journal's folder, 0700, when it is missing. A folder
// that is already there is left as it is.
func (j *Journal) makeDir() error {
	dir := filepath.Dir(j.Path)
	if _, err := os.Stat(dir); err == nil {
		return nil
	}
	if err := os.MkdirAll(dir, DirMode); err != nil {
		return fmt.Errorf("creating the journal's folder: %w", err)
	}
	if err := os.Chmod(dir, DirMode); err != nil {
		return fmt.Errorf("creating the journal's folder: %w", err)
	}
	return nil
}

// run opens the file, runs fn in one transaction and closes the file again.
// A fault or panic inside bbolt, which a damaged page can cause, becomes a
// *DamagedError instead of a crash.
func (j *Journal) run(readOnly bool, fn func(tx *bolt.Tx) error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		// What bbolt says when it panics is about its own pages (and may
		// quote their bytes): the person is told only that one is damaged.
		if r := recover(); r != nil {
			err = &DamagedError{Path: j.Path, Reason: "a damaged page stopped the read"}
		}
	}()
	fi, statErr := os.Stat(j.Path)
	existed := statErr == nil
	if existed && !fi.Mode().IsRegular() {
		return &NotFileError{Path: j.Path, Mode: fi.Mode()}
	}
	if existed && fi.Size() == 0 {
		// bbolt would make a new journal of an empty file; it may be the
		// remains of one, so it is left for a person to look at.
		return &DamagedError{Path: j.Path, Reason: "it is empty"}
	}
	if existed && !readOnly {
		// bbolt reads the list of free pages as it opens a journal for
		// writing, before reflect can check it: check it first, under a
		// shared lock.
		if err := j.run(true, func(*bolt.Tx) error { return nil }); err != nil {
			return err
		}
	}
	db, err := bolt.Open(j.Path, FileMode, &bolt.Options{
		Timeout:  j.Timeout,
		ReadOnly: readOnly,
		MaxSize:  j.MaxSize,
	})
	if err != nil {
		return j.openError(err)
	}
	defer func() {
		if cerr := db.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("closing the journal: %w", cerr)
		}
	}()
	// A journal put in place (restore, encrypt) while this one waited for
	// the lock is another file: start again on it, so that nothing is
	// written to the one that was moved away.
	if now, err := os.Stat(j.Path); existed && err == nil && !os.SameFile(fi, now) {
		db.Close()
		return j.run(readOnly, fn)
	}
	// Now that the file is locked, no writer can be changing its pages:
	// check the headers, and the pages every command reads, before bbolt
	// reads them; the rest are checked on the way to what is read.
	f, err := os.Open(j.Path)
	if err != nil {
		return fmt.Errorf("opening the journal: %w", err)
	}
	defer f.Close()
	if j.pages, err = newGuard(f, j.Path, !readOnly); err != nil {
		return err
	}
	defer func() { j.pages = nil }()
	if existed {
		j.removeLeftovers()
	}
	if readOnly {
		return db.View(fn)
	}
	return db.Update(fn)
}

func (j *Journal) openError(err error) error {
	switch {
	case errors.Is(err, bolterrors.ErrTimeout):
		return &BusyError{Path: j.Path}
	case errors.Is(err, bolterrors.ErrInvalid), errors.Is(err, bolterrors.ErrVersionMismatch),
		errors.Is(err, bolterrors.ErrChecksum), errors.Is(err, bolterrors.ErrInvalidMapping):
		return &DamagedError{Path: j.Path, Reason: "its header cannot be read", Err: err}
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("opening the journal: %w", err)
	}
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		return fmt.Errorf("opening the journal: %w", err)
	}
	return &DamagedError{Path: j.Path, Reason: "it cannot be opened", Err: err}
}

// check reports whether the file is a reflect journal this build can read.
// fresh is true for a file with no buckets at all: one just created.
func (j *Journal) check(tx *bolt.Tx) (fresh bool, err error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		empty := true
		_ = tx.ForEach(func([]byte, *bolt.Bucket) error { empty = false; return nil })
		if empty {
			return true, nil
		}
		return false, &DamagedError{Path: j.Path, Reason: "it has no reflect header"}
	}
	if string(meta.Get(keyApp)) != appName {
		return false, &DamagedError{Path: j.Path, Reason: "it is not marked as a reflect journal"}
	}
	version, convErr := strconv.Atoi(string(meta.Get(keySchema)))
	if convErr != nil || version < 1 {
		return false, &DamagedError{Path: j.Path, Reason: "its schema version is unreadable"}
	}
	if version > SchemaVersion {
		return false, &NewerError{Path: j.Path, Version: version}
	}
	if tx.Bucket(bucketEntries) == nil || tx.Bucket(bucketDrafts) == nil {
		return false, &DamagedError{Path: j.Path, Reason: "its entries or drafts are missing"}
	}
	if version >= 2 && tx.Bucket(bucketSummaries) == nil {
		return false, &DamagedError{Path: j.Path, Reason: "its summaries are missing"}
	}
	return false, nil
}

// initialise creates every bucket and records the schema, in tx.
func initialise(tx *bolt.Tx) error {
	meta, err := tx.CreateBucket(bucketMeta)
	if err != nil {
		return fmt.Errorf("creating the journal: %w", err)
	}
	if err := meta.Put(keyApp, []byte(appName)); err != nil {
		return fmt.Errorf("creating the journal: %w", err)
	}
	if err := meta.Put(keySchema, []byte(strconv.Itoa(SchemaVersion))); err != nil {
		return fmt.Errorf("creating the journal: %w", err)
	}
	for _, name := range [][]byte{bucketEntries, bucketDrafts, bucketSummaries} {
		if _, err := tx.CreateBucket(name); err != nil {
			return fmt.Errorf("creating the journal: %w", err)
		}
	}
	return nil
}

// schemaOf returns the schema version a journal records.
func schemaOf(tx *bolt.Tx) int {
	v, _ := strconv.Atoi(string(tx.Bucket(bucketMeta).Get(keySchema)))
	return v
}

// upgrade brings a journal of an earlier schema up to this one, in tx:
// schema 1 lacks the summaries, which are built from the entries.
func upgrade(tx *bolt.Tx, path string) error {
	meta := tx.Bucket(bucketMeta)
	if string(meta.Get(keySchema)) == strconv.Itoa(SchemaVersion) {
		return nil
	}
	sums, err := tx.CreateBucketIfNotExists(bucketSummaries)
	if err != nil {
		return fmt.Errorf("upgrading the journal: %w", err)
	}
	err = tx.Bucket(bucketEntries).ForEach(func(k, v []byte) error {
		var e journal.Entry
		if err := json.Unmarshal(v, &e); err != nil {
			return &DamagedError{Path: path, Reason: fmt.Sprintf("the record for %s cannot be read", keyName(k)), Err: err}
		}
		return sums.Put(k, encodeSummary(journal.Summarize(e)))
	})
	if err != nil {
		return err
	}
	return meta.Put(keySchema, []byte(strconv.Itoa(SchemaVersion)))
}

// Reader reads the journal inside one transaction. Everything it returns is
// a copy, valid after the transaction ends.
type Reader struct {
	tx    *bolt.Tx
	path  string
	aead  cipher.AEAD // nil when the journal is in the clear
	pages *guard      // checks pages before bbolt reads them
}

// Entry returns the entry of a day, and whether there is one.
func (r *Reader) Entry(day journal.Day) (journal.Entry, bool, error) {
	var e journal.Entry
	ok, err := r.get(bucketEntries, day, &e)
	return e, ok, err
}

// Draft returns the unfinished session of a day, and whether there is one.
func (r *Reader) Draft(day journal.Day) (journal.Draft, bool, error) {
	var d journal.Draft
	ok, err := r.get(bucketDrafts, day, &d)
	return d, ok, err
}

// Stop, returned by the function given to Range or Descend, ends the walk
// early without an error.
var Stop = errors.New("stop walking the journal")

// Range calls fn for each entry from one day to another, both included, in
// date order. Its cost is the range, not the size of the journal.
func (r *Reader) Range(from, to journal.Day, fn func(journal.Entry) error) error {
	if from.After(to) {
		return nil
	}
	last := to.String()
	if err := r.pages.check(bucketEntries, keyRange{[]byte(firstKey(from)), []byte(last)}); err != nil {
		return err
	}
	c := r.tx.Bucket(bucketEntries).Cursor()
	for k, v := c.Seek([]byte(firstKey(from))); k != nil && string(k) <= last; k, v = c.Next() {
		if err := r.visit(k, v, fn); err != nil {
			return stopped(err)
		}
	}
	return nil
}

// Descend calls fn for each entry from one day back to another, both
// included, newest first. Its cost is what fn reads, not the size of the
// journal.
func (r *Reader) Descend(from, to journal.Day, fn func(journal.Entry) error) error {
	return r.DescendWhere(from, to, func([]byte) bool { return true }, fn)
}

// DescendWhere is Descend over the entries whose stored form may (the
// check says) hold what is looked for; the others are not decoded, which is
// most of the cost of reading an entry. The check sees an entry's JSON,
// opened first when the journal is encrypted.
func (r *Reader) DescendWhere(from, to journal.Day, may func(raw []byte) bool, fn func(journal.Entry) error) error {
	if to.After(from) {
		return nil
	}
	first, last := firstKey(to), from.String()
	// The walk checks the pages ahead of it a window at a time, each twice
	// as long as the one before: the cost is what it reads, whatever the
	// size of the journal.
	window := 64
	checked := from.AddDays(-window)
	if checked.Before(to) {
		checked = to
	}
	if err := r.pages.check(bucketEntries, keyRange{[]byte(firstKey(checked)), []byte(last)}); err != nil {
		return err
	}
	c := r.tx.Bucket(bucketEntries).Cursor()
	k, v := c.Seek([]byte(last))
	switch {
	case k == nil:
		k, v = c.Last()
	case string(k) > last:
		k, v = c.Prev()
	}
	for ; k != nil && string(k) >= first; k, v = c.Prev() {
		if string(k) < firstKey(checked) {
			window *= 2
			next := to
			var at journal.Day
			if at.UnmarshalText(k) == nil && at.AddDays(-window).After(to) {
				next = at.AddDays(-window)
			}
			if err := r.pages.check(bucketEntries, keyRange{[]byte(firstKey(next)), k}); err != nil {
				return err
			}
			checked = next
		}
		raw, err := r.open(bucketEntries, k, v)
		if err != nil {
			return err
		}
		if !may(raw) {
			continue
		}
		var e journal.Entry
		if err := json.Unmarshal(raw, &e); err != nil {
			return &DamagedError{Path: r.path, Reason: fmt.Sprintf("the record for %s cannot be read", keyName(k)), Err: err}
		}
		if err := fn(e); err != nil {
			return stopped(err)
		}
	}
	return nil
}

func (r *Reader) visit(k, v []byte, fn func(journal.Entry) error) error {
	var e journal.Entry
	if err := r.decode(bucketEntries, k, v, &e); err != nil {
		return err
	}
	return fn(e)
}

func stopped(err error) error {
	if errors.Is(err, Stop) {
		return nil
	}
	return err
}

// Summary returns the summary of a day, and whether it has one. It
// implements journal.Summaries.
func (r *Reader) Summary(day journal.Day) (journal.Summary, bool, error) {
	if r.tx.Bucket(bucketSummaries) == nil { // a schema 1 journal, read only
		e, ok, err := r.Entry(day)
		return journal.Summarize(e), ok, err
	}
	if err := r.pages.checkKey(bucketSummaries, day); err != nil {
		return journal.Summary{Date: day}, false, err
	}
	key := []byte(day.String())
	v := r.tx.Bucket(bucketSummaries).Get(key)
	if v == nil {
		return journal.Summary{Date: day}, false, nil
	}
	s, err := r.decodeSummary(key, v)
	return s, true, err
}

// EachSummary calls fn for every day's summary, oldest first; it returns
// early, without an error, when fn returns Stop. It implements
// journal.Summaries.
func (r *Reader) EachSummary(fn func(journal.Summary) error) error {
	b := r.tx.Bucket(bucketSummaries)
	if b == nil { // a schema 1 journal, read only: summarise every entry
		return r.Range(journal.Earliest, journal.Latest, func(e journal.Entry) error { return fn(journal.Summarize(e)) })
	}
	if err := r.pages.check(bucketSummaries, everything); err != nil {
		return err
	}
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		s, err := r.decodeSummary(k, v)
		if err != nil {
			return err
		}
		if err := fn(s); err != nil {
			return stopped(err)
		}
	}
	return nil
}

func (r *Reader) decodeSummary(key, value []byte) (journal.Summary, error) {
	value, err := r.open(bucketSummaries, key, value)
	if err != nil {
		return journal.Summary{}, err
	}
	s, err := decodeSummary(value)
	if err == nil {
		err = s.Date.UnmarshalText(key)
	}
	if err != nil {
		return s, &DamagedError{Path: r.path, Reason: fmt.Sprintf("the summary for %s cannot be read", keyName(key)), Err: err}
	}
	return s, nil
}

func (r *Reader) get(bucket []byte, day journal.Day, into any) (bool, error) {
	if err := r.pages.checkKey(bucket, day); err != nil {
		return false, err
	}
	key := []byte(day.String())
	v := r.tx.Bucket(bucket).Get(key)
	if v == nil {
		return false, nil
	}
	return true, r.decode(bucket, key, v, into)
}

// open returns a stored value in the clear: as it is, or opened with the
// data key when the journal is encrypted.
func (r *Reader) open(bucket, key, value []byte) ([]byte, error) {
	if r.aead == nil {
		return value, nil
	}
	plain, err := unseal(r.aead, value, valueAD(bucket, key))
	if err != nil {
		return nil, &DamagedError{Path: r.path, Reason: fmt.Sprintf("the record for %s cannot be opened: it was changed, or moved from elsewhere", keyName(key))}
	}
	return plain, nil
}

func (r *Reader) decode(bucket, key, value []byte, into any) error {
	value, err := r.open(bucket, key, value)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(value, into); err != nil {
		return &DamagedError{Path: r.path, Reason: fmt.Sprintf("the record for %s cannot be read", keyName(key)), Err: err}
	}
	return nil
}

// Writer reads and writes the journal inside one read-write transaction.
type Writer struct {
	Reader
}

// AddAnswers appends answers to the entry of a day, creating the entry if
// there is none, and returns the entry as it now stands.
func (w *Writer) AddAnswers(day journal.Day, answers []journal.Answer, now time.Time) (journal.Entry, error) {
	e, ok, err := w.Entry(day)
	if err != nil {
		return journal.Entry{}, err
	}
	if !ok {
		e = journal.Entry{Date: day}
	}
	e.Add(answers, now)
	return e, w.PutEntry(e)
}

// Merge adds the answers of entries of one day to the journal, one entry
// after another, as journal.Entry.Merge does, and says whether the day's
// entry was created, merged into or unchanged. The day is read and written
// once, however many entries there are.
func (w *Writer) Merge(ins ...journal.Entry) (journal.MergeResult, error) {
	if len(ins) == 0 {
		return journal.Unchanged, nil
	}
	e, ok, err := w.Entry(ins[0].Date)
	if err != nil {
		return journal.Unchanged, err
	}
	result := journal.Created
	if ok {
		result = e.Merge(ins...)
	} else {
		e = ins[0]
		e.Merge(ins[1:]...)
	}
	if result == journal.Unchanged {
		return result, nil
	}
	return result, w.PutEntry(e)
}

// PutEntry stores an entry as it is, replacing the day's entry, and its
// summary with it.
func (w *Writer) PutEntry(e journal.Entry) error {
	if err := w.put(bucketEntries, e.Date, e); err != nil {
		return err
	}
	return w.store(bucketSummaries, e.Date, encodeSummary(journal.Summarize(e)))
}

// DeleteEntry removes the entry of a day, if there is one, and its summary.
func (w *Writer) DeleteEntry(day journal.Day) error {
	for _, b := range [][]byte{bucketEntries, bucketSummaries} {
		if err := w.pages.checkKey(b, day); err != nil {
			return err
		}
		if err := w.tx.Bucket(b).Delete([]byte(day.String())); err != nil {
			return fmt.Errorf("removing the entry of %s: %w", day, err)
		}
	}
	return nil
}

// PutDraft keeps an unfinished session, replacing the day's earlier draft.
func (w *Writer) PutDraft(d journal.Draft) error {
	return w.put(bucketDrafts, d.Date, d)
}

// DeleteDraft removes the draft of a day, if there is one.
func (w *Writer) DeleteDraft(day journal.Day) error {
	if err := w.pages.checkKey(bucketDrafts, day); err != nil {
		return err
	}
	if err := w.tx.Bucket(bucketDrafts).Delete([]byte(day.String())); err != nil {
		return fmt.Errorf("removing the draft of %s: %w", day, err)
	}
	return nil
}

func (w *Writer) put(bucket []byte, day journal.Day, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encoding %s: %w", day, err)
	}
	return w.store(bucket, day, data)
}

// store keeps a value under a day, sealed when the journal is encrypted.
func (w *Writer) store(bucket []byte, day journal.Day, value []byte) error {
	if err := w.pages.checkKey(bucket, day); err != nil {
		return err
	}
	key := []byte(day.String())
	if w.aead != nil {
		value = seal(w.aead, value, valueAD(bucket, key))
	}
	if err := w.tx.Bucket(bucket).Put(key, value); err != nil {
		return fmt.Errorf("writing %s: %w", day, err)
	}
	return nil
}
