package storage

import (
	"crypto/cipher"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// FileMode and DirMode are the permissions of the journal and of a folder
// created for it: the journal is readable by its owner alone.
const (
	FileMode fs.FileMode = 0o600
	DirMode  fs.FileMode = 0o700
)

// DefaultTimeout is how long a command waits for a journal that another
// process holds.
const DefaultTimeout = 2 * time.Second

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
	lockRaw  []byte      // the lock as stored when learned; nil in the clear
	aead     cipher.AEAD // seals and opens values; nil when in the clear
	dataKey  []byte
	kek      cipher.AEAD // sealed the data key: seals it again when a lock is brought up to date
	indexKey []byte      // keys the index (index.go); nil when there is none to keep
	told     map[string]bool
}

// tell passes what a read found to Notify, once per Journal.
func (j *Journal) tell(msg string) {
	if j.Notify == nil || j.told[msg] {
		return
	}
	if j.told == nil {
		j.told = map[string]bool{}
	}
	j.told[msg] = true
	j.Notify(msg)
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
			return fn(j.reader(tx))
		})
	})
}

// reader returns the Reader of a transaction.
func (j *Journal) reader(tx *bolt.Tx) *Reader {
	return &Reader{tx: tx, path: j.Path, aead: j.aead, pages: j.pages, idx: j.newIndex(tx)}
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
	return j.keyed(func() error {
		err := j.update(fn, false)
		if errors.Is(err, errOldSchema) {
			if err := j.upgradeSchema(); err != nil {
				return err
			}
			err = j.update(fn, false)
		}
		return err
	})
}

// updateInPlace is Update on a journal as it is, of whatever schema this
// build reads, with no upgrade first: for removing what cannot be read,
// which would stop an upgrade (RemoveUnreadable). fn may only remove.
func (j *Journal) updateInPlace(fn func(w *Writer) error) error {
	if !j.Exists() {
		return ErrNotExist
	}
	return j.keyed(func() error { return j.update(fn, true) })
}

// update is Update's transaction, once the journal exists: on a journal of
// an earlier schema, it is errOldSchema, unless asIs.
func (j *Journal) update(fn func(w *Writer) error, asIs bool) error {
	var upgraded *lock
	err := j.run(false, func(tx *bolt.Tx) error {
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
		if v := schemaOf(tx); !fresh && v < SchemaVersion && !asIs {
			if v < 3 {
				return errOldSchema // nothing written yet: upgraded first
			}
			// Schemas 3 and 4 lack only kept indexes: the journal is marked
			// of this schema, and the write makes them as it ends
			// (Writer.keepLedger, Writer.keepSlices), in place.
			if err := tx.Bucket(bucketMeta).Put(keySchema, []byte(strconv.Itoa(SchemaVersion))); err != nil {
				return fmt.Errorf("upgrading the journal: %w", err)
			}
		}
		// Entries and their summaries are mostly written in date order, at
		// the end of the key space: pages filled well before they split
		// keep the file compact.
		for _, name := range dayBuckets {
			if b := tx.Bucket(name); b != nil { // an earlier schema lacks some
				b.FillPercent = entriesFill
			}
		}
		w := &Writer{Reader: *j.reader(tx)}
		for _, k := range keptIndexes {
			if j.pages.keptDamaged[k] != nil && !w.isLeft(k) {
				if err := w.leave(k); err != nil {
					return err
				}
			}
		}
		if j.aead != nil && j.lock.Version < lockVersion {
			// Locked before journals kept an index: make it now.
			l, ix, err := j.upgradeLock(tx)
			if err != nil {
				return err
			}
			upgraded, w.idx = &l, ix
		}
		if err := fn(w); err != nil {
			return err
		}
		if err := w.keepLedger(); err != nil {
			return err
		}
		if err := w.keepSlices(); err != nil {
			return err
		}
		return w.idx.commit()
	})
	if err == nil && upgraded != nil {
		j.keepKey(*upgraded, lockBytes(*upgraded), j.aead, j.dataKey)
	}
	return err
}

// create makes a new, empty journal at j.Path. It is built in a file of
// its own and linked into place whole, so that no reflect ever finds a
// journal half made (an empty file there is damage, never a journal being
// born); when another reflect creates it first, theirs is kept. A link at
// j.Path that leads nowhere is refused (RealPath), not followed to make a
// journal where it points: the journal it led to may be on a disk not
// mounted now, or moved away.
func (j *Journal) create() error {
	if _, err := RealPath(j.Path); err != nil {
		return err
	}
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
	db, err := bolt.Open(tmpPath, FileMode, &bolt.Options{Timeout: j.Timeout, PageSize: pageSize})
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
	if err := makeFolders(dir); err != nil {
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
	db.AllocSize = allocSize
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
	if existed {
		readAhead(db, fi.Size()) // as it was before the lock: advice, no more
	}
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
	case errors.Is(err, syscall.ENOMEM):
		// The memory map was refused (a limit on address space, say):
		// the file may be sound, and is not blamed.
		return fmt.Errorf("opening the journal: there is not enough memory to map it: %w", err)
	}
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		return fmt.Errorf("opening the journal: %w", err)
	}
	return &DamagedError{Path: j.Path, Reason: "it cannot be opened", Err: err}
}
