package storage

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/reflect-cli/reflect/journal"
)

// The temporary files reflect makes beside the journal while holding its
// lock, each written whole and then renamed into place. A reflect killed
// while making one leaves it behind; the next reflect to open the journal
// removes it. (A new journal's file, ".new-", is made before there is a
// journal to lock: another reflect may be making it now, so it is left, and
// it holds no words.)
const (
	tempRewrite = ".rewrite-" // the journal written anew: encrypt, decrypt, passphrase, upgrade
	tempRestore = ".restore-" // a backup's copy, on its way into place
	tempKept    = ".kept-"    // the copy kept before an upgrade, on its way to its name
)

// leftoverMakers names what makes each kind of temporary file, for the
// person told that one was removed.
var leftoverMakers = map[string]string{
	tempRewrite: "encrypt, decrypt, passphrase change or upgrade",
	tempRestore: "restore",
	tempKept:    "upgrade",
}

// tempPattern is the os.CreateTemp pattern of a temporary file of a kind,
// beside the journal at path.
func tempPattern(path, kind string) string {
	return "." + filepath.Base(path) + kind + "*"
}

// leftoverKind returns the kind of temporary file name is, beside the
// journal named base, and whether it is one: exactly the pattern with the
// digits os.CreateTemp puts for its "*".
func leftoverKind(base, name string) (string, bool) {
	if rest, ok := strings.CutPrefix(name, "."+base); ok {
		for kind := range leftoverMakers {
			if digits, ok := strings.CutPrefix(rest, kind); ok && isDigits(digits) {
				return kind, true
			}
		}
	}
	// A temporary file of a temporary file: restore seals its copy of a
	// backup by rewriting the copy, beside it.
	for kind := range leftoverMakers {
		if i := strings.LastIndex(name, kind); i > 1 && isDigits(name[i+len(kind):]) {
			if inner, ok := leftoverKind(base, name[1:i]); ok {
				return inner, true
			}
		}
	}
	return "", false
}

// isDigits reports whether s is digits, and not empty.
func isDigits(s string) bool { return s != "" && strings.Trim(s, "0123456789") == "" }

// removeLeftovers removes the temporary files that an interrupted reflect
// left beside the journal, once per Journal, and tells Notify of each. It
// runs with the journal's lock held, so none is being written by a live
// reflect (each holds the lock while it makes one); a file changed since the
// lock was taken is left alone all the same.
func (j *Journal) removeLeftovers() {
	if j.tidied {
		return
	}
	j.tidied = true
	locked := time.Now()
	// They are made beside the file the journal's path leads to (RealPath);
	// a reflect before that made them beside a link to it, so look there too.
	paths := []string{j.Path}
	if real, err := RealPath(j.Path); err == nil && real != j.Path {
		paths = append(paths, real)
	}
	for _, journalPath := range paths {
		dir := filepath.Dir(journalPath)
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue // the journal is readable; its folder's listing is not needed
		}
		for _, d := range entries {
			kind, ok := leftoverKind(filepath.Base(journalPath), d.Name())
			if !ok || !d.Type().IsRegular() {
				continue
			}
			info, err := d.Info()
			if err != nil || !info.ModTime().Before(locked) {
				continue
			}
			path := filepath.Join(dir, d.Name())
			if os.Remove(path) == nil && j.Notify != nil {
				j.Notify(fmt.Sprintf("removed an unfinished copy left by an interrupted %s: %s", leftoverMakers[kind], path))
			}
		}
	}
}

// NotFileError means a path that should name a journal or a backup names
// something else: a named pipe, a folder, a device. It is never opened
// (opening a named pipe waits for a writer that may never come).
//
// A link is followed to the file it leads to; one that cannot be followed
// (it leads nowhere, or round in a loop) is a NotFileError too, with Mode
// fs.ModeSymlink, where it leads in Link and why it cannot be followed in
// Reason.
type NotFileError struct {
	Path   string
	Mode   fs.FileMode
	Link   string // a link's target, as the link gives it
	Reason string // why a link cannot be followed
}

// Error implements error.
func (e *NotFileError) Error() string {
	if e.Mode&fs.ModeSymlink != 0 {
		return fmt.Sprintf("%s is a link to %s, %s: a journal's link must lead to the journal", e.Path, e.Link, e.Reason)
	}
	return fmt.Sprintf("%s is %s, not a file: a journal and its backups are ordinary files", e.Path, e.What())
}

// What says what is at the path: "a named pipe", "a folder", "a device"…
func (e *NotFileError) What() string {
	switch {
	case e.Mode&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case e.Mode.IsDir():
		return "a folder"
	case e.Mode&fs.ModeDevice != 0:
		return "a device"
	case e.Mode&fs.ModeSocket != 0:
		return "a socket"
	case e.Mode&fs.ModeSymlink != 0:
		return "a link that cannot be followed"
	}
	return "not an ordinary file"
}

// checkFile returns a *NotFileError when something other than an ordinary
// file (or a link to one) is at path; nothing there is no error here.
func checkFile(path string) error {
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().IsRegular() {
		return nil
	}
	return &NotFileError{Path: path, Mode: fi.Mode()}
}

// RealPath returns the path of the file that the journal's path names: the
// path itself, or, when it is a link, the file the link leads to (through
// any further links). A change that replaces the whole file (encrypt,
// decrypt, passphrase, restore) writes its new copy in that file's folder
// and renames it over that file, so that a link stays a link and the file
// it leads to gets the new content; renaming over the link itself would
// put a new file in its place and leave the real journal behind, unchanged.
//
// Nothing at path is no error: path is returned, for the caller to find
// nothing there. A link that leads nowhere, or round in a loop, is a
// *NotFileError, so that no new journal is made in its place.
func RealPath(path string) (string, error) {
	fi, err := os.Lstat(path)
	if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		return path, nil
	}
	real, err := filepath.EvalSymlinks(path)
	if err == nil {
		return real, nil
	}
	e := &NotFileError{Path: path, Mode: fs.ModeSymlink, Reason: "which cannot be followed"}
	e.Link, _ = os.Readlink(path)
	if _, serr := os.Stat(path); errors.Is(serr, fs.ErrNotExist) {
		e.Reason = "which is not there"
	} else if errors.Is(serr, syscall.ELOOP) || strings.Contains(err.Error(), "too many links") {
		e.Reason = "which leads round in a loop"
	}
	return "", e
}

// CheckPath returns a *NotFileError when path is a link that cannot be
// followed: one that leads nowhere (the journal moved away, or on a disk
// not mounted now) or round in a loop. Without it such a journal reads as
// none yet, and a first write would make a new one where the link points.
func CheckPath(path string) error {
	_, err := RealPath(path)
	return err
}

// lastKey is the key a walk that ends at to (going forward) or starts
// there (going back) stops at: a day past journal.Latest (the last of a
// week that runs into year 10000) has a key that sorts before the others,
// and stands for every key instead.
func lastKey(to journal.Day) string {
	if to.After(journal.Latest) {
		return journal.Latest.String()
	}
	return to.String()
}

// firstKey is the key a walk that starts at from (going forward) or ends
// there (going back) stops at: a walk from journal.Earliest takes in every
// key before it too, so that a day of year 0, which an earlier reflect let
// in, is shown with the rest.
func firstKey(from journal.Day) string {
	if from == journal.Earliest {
		return ""
	}
	return from.String()
}

// Names is how many names (hard links) the journal's file has: 1 for a
// file of its own, 0 when there is none. A change that replaces the whole
// file (encrypt, decrypt, passphrase, restore) gives only the journal's
// path the new file: every other name keeps the file as it was, and, after
// encrypt or a passphrase change, in plain text or under the old
// passphrase.
func Names(path string) (int, error) {
	real, err := RealPath(path)
	if err != nil {
		return 0, err
	}
	fi, err := os.Stat(real)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	return namesOf(fi), nil
}

// WriteWhole writes content at path through a temporary file beside it,
// ".NAME.*.tmp", synced, made FileMode and renamed into place: the file at
// path is either as it was or content, never part of it. A write that fails
// removes its temporary file.
func WriteWhole(path string, content []byte) error {
	if err := writeAside(path, content, true); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// writeAside writes content at path through a temporary file beside it
// (removed again if the write fails), made FileMode and renamed into
// place; synced to the disk first when durable is set.
func writeAside(path string, content []byte, durable bool) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(content); err != nil {
		return err
	}
	if durable {
		if err := tmp.Sync(); err != nil {
			return err
		}
	}
	if err := tmp.Chmod(FileMode); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
