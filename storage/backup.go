package storage

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Backup writes a consistent copy of the journal to a new file at path
// (mode 0600), from one read transaction, so that it can run while the
// journal is in use. An existing file at path is never written over. With
// no journal it returns ErrNotExist; with damaged pages, a *DamagedError,
// and no copy.
func (j *Journal) Backup(path string) error {
	if !j.Exists() {
		return ErrNotExist
	}
	return j.run(true, func(tx *bolt.Tx) error {
		if _, err := j.check(tx); err != nil {
			return err
		}
		// A copy of damaged pages is a backup that restore refuses: say so
		// now, while the person still thinks they have one.
		if _, err := j.pages.everything(); err != nil {
			return err
		}
		return writeCopy(tx, path)
	})
}

// writeCopy writes the file as tx sees it to a new file at path.
func writeCopy(tx *bolt.Tx, path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, FileMode)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; it was left as it is", path)
	}
	if err != nil {
		return fmt.Errorf("writing the backup: %w", err)
	}
	_, err = tx.WriteTo(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("writing the backup: %w", err)
	}
	return nil
}

// ErrSameFile is a restore from the journal itself: there is nothing to
// put back, and nothing is changed.
var ErrSameFile = errors.New("that is the journal itself, not a backup of it; nothing was changed")

// Restore puts the journal backed up at from in place of this one, after
// checking it (Check, which must find it sound) and while holding this
// journal's lock. The journal as it was is kept beside it, under a name
// Restore returns ("" when there was none). When the journal's path is a
// link, the file it leads to is the one replaced, and kept beside itself
// (RealPath): the link stays, and leads to the restored journal.
func (j *Journal) Restore(from string, now time.Time) (kept string, err error) {
	return j.RestoreSealed(from, now, nil)
}

// RestoreSealed is Restore, with the copy of a backup in the clear
// encrypted under passphrase (unless it is nil) before it takes the
// journal's place: a restore stopped at any moment leaves the journal as it
// was or the backup sealed, never the backup in the clear in place of an
// encrypted journal.
func (j *Journal) RestoreSealed(from string, now time.Time, passphrase []byte) (kept string, err error) {
	real, err := RealPath(j.Path)
	if err != nil {
		return "", err
	}
	for _, path := range []string{from, real} {
		if err := checkFile(path); err != nil {
			return "", err
		}
	}
	if a, err := os.Stat(from); err == nil {
		if b, err := os.Stat(real); err == nil && os.SameFile(a, b) {
			return "", ErrSameFile
		}
	}
	backup := &Journal{Path: from, Timeout: j.Timeout, Passphrase: j.Passphrase, Notify: j.Notify}
	rep, err := backup.Check()
	if errors.Is(err, ErrNotExist) {
		return "", fmt.Errorf("restore: %s: %w", from, fs.ErrNotExist)
	}
	if err != nil {
		return "", err
	}
	if !rep.Sound() {
		for _, f := range rep.Findings {
			if !f.OK {
				return "", &DamagedError{Path: from, Reason: f.Text}
			}
		}
	}
	if err := j.makeDir(); err != nil {
		return "", err
	}
	if fileExists(real) {
		// Hold the journal's lock while the backup is copied beside it and
		// swapped in, so that no reflect uses the journal meanwhile, nor
		// takes the copy for one an interrupted restore left. bbolt is not
		// asked to open it: the journal being replaced may well be damaged.
		unlock, err := lockFile(real, j.Timeout)
		if err != nil {
			return "", err
		}
		defer unlock()
	}
	tmp, err := copyBeside(from, real)
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp) // gone already once renamed into place
	if passphrase != nil {
		copied := &Journal{Path: tmp, Timeout: j.Timeout}
		if err := copied.Encrypt(passphrase); err != nil {
			return "", fmt.Errorf("encrypting the backup's copy: %w", err)
		}
	}

	swap := func() error {
		if fileExists(real) {
			kept = real + ".before-restore-" + now.Format("20060102-150405")
			for n := 2; fileExists(kept); n++ {
				kept = real + ".before-restore-" + now.Format("20060102-150405") + "-" + strconv.Itoa(n)
			}
			if err := os.Link(real, kept); err != nil {
				// A file system without hard links: a copy.
				if _, cerr := copyFile(real, kept); cerr != nil {
					return fmt.Errorf("keeping the journal as it was: %w", errors.Join(err, cerr))
				}
			}
		}
		if err := os.Rename(tmp, real); err != nil {
			return fmt.Errorf("putting the backup in place: %w", err)
		}
		return syncDir(filepath.Dir(real))
	}
	err = swap()
	return kept, err
}

// lockFile takes the exclusive lock that bbolt's writers take on the file
// at path, waiting up to timeout for another process to let go of it.
func lockFile(path string, timeout time.Duration) (unlock func(), err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("opening the journal: %w", err)
	}
	return holdLock(f, timeout, "locking the journal", &BusyError{Path: path})
}

// holdLock takes the exclusive lock on f, waiting up to timeout for
// another process to let go of it, and returns what lets go of it (and
// closes f). It closes f when it fails: with busy, when another process
// held the lock throughout, else with the error, after doing.
func holdLock(f *os.File, timeout time.Duration, doing string, busy error) (unlock func(), err error) {
	deadline := time.Now().Add(timeout)
	for {
		held, err := tryLock(f)
		switch {
		case held:
			return func() { f.Close() }, nil
		case err != nil:
			f.Close()
			return nil, fmt.Errorf("%s: %w", doing, err)
		case time.Now().After(deadline):
			f.Close()
			return nil, busy
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// copyBeside copies the file at from into a new file (mode 0600) in the
// folder of to, synced, and returns its path.
func copyBeside(from, to string) (string, error) {
	path, err := copyFile(from, filepath.Join(filepath.Dir(to), tempPattern(to, tempRestore)))
	if err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	return path, nil
}

// copyFile copies the file at from to a new file (mode 0600): at to, or,
// when to ends in "*", at a new name made from it. It returns the path.
func copyFile(from, to string) (string, error) {
	src, err := os.Open(from)
	if err != nil {
		return "", err
	}
	defer src.Close()
	var dst *os.File
	if strings.HasSuffix(to, "*") {
		dst, err = os.CreateTemp(filepath.Dir(to), filepath.Base(to))
	} else {
		dst, err = os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, FileMode)
	}
	if err != nil {
		return "", err
	}
	_, err = io.Copy(dst, src)
	if err == nil {
		err = dst.Chmod(FileMode)
	}
	if err == nil {
		err = dst.Sync()
	}
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(dst.Name())
		return "", err
	}
	return dst.Name(), nil
}

func fileExists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
