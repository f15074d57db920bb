package storage

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/reflect-cli/reflect/journal"
)

// SyncFolder is a folder on disk that a sync reads and writes, such as a
// git work tree or a folder Syncthing carries: it satisfies
// journal.SyncFolder. Only the files whose names journal.ParseSyncPath
// reads are its: anything else there (.git, a README) is left alone.
type SyncFolder struct {
	dir string
	// checking: opened to be checked (ReadSyncFolder), and so left as it
	// is: nothing is written or tidied.
	checking bool
	// unsynced are the files written since the last Flush.
	unsynced []string
	// maxFile is the largest file it reads or writes: journal.MaxSyncFile,
	// which tests lower.
	maxFile int64
}

// OpenSyncFolder opens dir, which is made (mode 0700) when it is missing.
func OpenSyncFolder(dir string) (*SyncFolder, error) {
	switch fi, err := os.Stat(dir); {
	case errors.Is(err, fs.ErrNotExist):
		if err := makeFolders(dir); err != nil {
			return nil, fmt.Errorf("making the sync folder: %w", err)
		}
	case errors.Is(err, syscall.ENOTDIR) || err == nil && !fi.IsDir():
		return nil, &NotAFolderError{Path: dir}
	case err != nil:
		return nil, fmt.Errorf("opening the sync folder: %w", err)
	}
	return &SyncFolder{dir: dir, maxFile: journal.MaxSyncFile}, nil
}

// LockSync takes the lock that one sync of the journal at a time holds,
// on a file beside it (PATH.sync-lock, made once and left), waiting up to
// j.Timeout for another to finish; unlock lets go of it. Two syncs at once
// would run git against each other in the folder.
func (j *Journal) LockSync() (unlock func(), err error) {
	path := j.Path + ".sync-lock"
	if err := os.MkdirAll(filepath.Dir(path), DirMode); err != nil {
		return nil, fmt.Errorf("locking the journal for a sync: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, FileMode)
	if err != nil {
		return nil, fmt.Errorf("locking the journal for a sync: %w", err)
	}
	return holdLock(f, j.Timeout, "locking the journal for a sync", ErrSyncUnderWay)
}

// ErrSyncUnderWay is the error of a sync started while another of the
// same journal runs.
var ErrSyncUnderWay = errors.New("another reflect sync of this journal is under way")

// NotAFolderError is a sync folder named where something else is (a
// file, say).
type NotAFolderError struct{ Path string }

func (e *NotAFolderError) Error() string { return e.Path + " is not a folder" }

// ReadSyncFolder opens dir to read it, as doctor does, changing nothing: a
// missing folder is an error, not made.
func ReadSyncFolder(dir string) (*SyncFolder, error) {
	fi, err := os.Stat(dir)
	switch {
	case err != nil:
		return nil, fmt.Errorf("opening the sync folder: %w", err)
	case !fi.IsDir():
		return nil, &NotAFolderError{Path: dir}
	}
	return &SyncFolder{dir: dir, checking: true, maxFile: journal.MaxSyncFile}, nil
}

// Dir returns the folder's path.
func (f *SyncFolder) Dir() string { return f.dir }

// List implements journal.SyncFolder: the files of YYYY/MM/ folders
// whose names are a day's and a machine's. A year's or a month's folder
// that cannot be read, and something other than a file under a day file's
// name, are named among unreadable, and the rest is listed.
func (f *SyncFolder) List() (files []journal.SyncFile, unreadable []journal.SyncProblem, err error) {
	years, links, err := readDirs(f.dir)
	if err != nil {
		return nil, nil, err
	}
	unreadable = append(unreadable, linked(links, "")...)
	for _, y := range years {
		months, links, err := readDirs(filepath.Join(f.dir, y))
		if err != nil {
			unreadable = append(unreadable, journal.SyncProblem{Path: y + "/", Reason: err.Error()})
			continue
		}
		unreadable = append(unreadable, linked(links, y+"/")...)
		for _, m := range months {
			entries, err := os.ReadDir(filepath.Join(f.dir, y, m))
			if err != nil {
				unreadable = append(unreadable, journal.SyncProblem{Path: y + "/" + m + "/", Reason: err.Error()})
				continue
			}
			for _, e := range entries {
				p := path.Join(y, m, e.Name())
				if !f.checking && leftoverOfAWrite(y, m, e) {
					// A write stopped by force left it (Write): an hour
					// on, no write is still under way.
					os.Remove(filepath.Join(f.dir, y, m, e.Name()))
					continue
				}
				if _, _, ok := journal.ParseSyncPath(p); !ok {
					continue
				}
				if !e.Type().IsRegular() {
					// A folder, a link: its day is left alone, and named.
					unreadable = append(unreadable, journal.SyncProblem{Path: p, Reason: "it is not a file"})
					continue
				}
				fi, err := e.Info()
				if err != nil {
					continue // gone meanwhile
				}
				files = append(files, journal.SyncFile{Path: p, Size: fi.Size(), ModTime: fi.ModTime()})
			}
		}
	}
	return files, unreadable, nil
}

// leftoverOfAWrite reports whether e, in the folder of year y and month m,
// is the temporary file of a Write (".NAME.DIGITS.tmp", NAME a day's file)
// last changed over an hour ago.
func leftoverOfAWrite(y, m string, e fs.DirEntry) bool {
	name, ok := strings.CutPrefix(e.Name(), ".")
	if !ok || !e.Type().IsRegular() {
		return false
	}
	name, ok = strings.CutSuffix(name, ".tmp")
	dot := strings.LastIndexByte(name, '.')
	if !ok || dot < 0 || !isDigits(name[dot+1:]) {
		return false
	}
	if _, _, ok := journal.ParseSyncPath(path.Join(y, m, name[:dot])); !ok {
		return false
	}
	fi, err := e.Info()
	return err == nil && time.Since(fi.ModTime()) > time.Hour
}

// readDirs returns the names of the folders in dir that may hold days:
// digits only (a year, a month), not hidden; and the names of that kind
// that are links, which are not followed.
func readDirs(dir string) (names, links []string, err error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("reading the sync folder: %w", err)
	}
	for _, e := range entries {
		switch {
		case !isDigits(e.Name()):
		case e.IsDir():
			names = append(names, e.Name())
		case e.Type()&fs.ModeSymlink != 0:
			links = append(links, e.Name())
		}
	}
	return names, links, nil
}

// linked names, as problems, the year's or month's folders that are links
// (under parent): their days are left alone, as the other machines, whose
// folders have no such link, could not see them.
func linked(links []string, parent string) []journal.SyncProblem {
	var problems []journal.SyncProblem
	for _, l := range links {
		problems = append(problems, journal.SyncProblem{Path: parent + l + "/", Reason: "it is a link, which a sync does not follow"})
	}
	return problems
}

// Read implements journal.SyncFolder.
func (f *SyncFolder) Read(p string) ([]byte, error) {
	file, err := os.Open(filepath.Join(f.dir, filepath.FromSlash(p)))
	if err != nil {
		return nil, err
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, f.maxFile+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > f.maxFile {
		return nil, fmt.Errorf("it is larger than %d MiB: not a day's file", f.maxFile>>20)
	}
	return data, nil
}

// Write implements journal.SyncFolder. The file is durable once Flush
// returns.
func (f *SyncFolder) Write(p string, content []byte) (journal.SyncFile, error) {
	if f.checking {
		return journal.SyncFile{}, errors.New("the sync folder was opened to be checked")
	}
	if int64(len(content)) > f.maxFile {
		return journal.SyncFile{}, &journal.TooLargeError{Path: p, Size: int64(len(content)), Max: f.maxFile}
	}
	full := filepath.Join(f.dir, filepath.FromSlash(p))
	if fi, err := os.Lstat(full); err == nil && !fi.Mode().IsRegular() {
		return journal.SyncFile{}, &journal.InTheWayError{Path: p, Err: fmt.Errorf("%s is not a file", full)}
	}
	if err := makeFolders(filepath.Dir(full)); err != nil {
		return journal.SyncFile{}, err
	}
	if err := writeAside(full, content, false); err != nil {
		return journal.SyncFile{}, err
	}
	f.unsynced = append(f.unsynced, full)
	fi, err := os.Lstat(full)
	if err != nil {
		return journal.SyncFile{}, err
	}
	return journal.SyncFile{Path: p, Size: fi.Size(), ModTime: fi.ModTime()}, nil
}

// Flush implements journal.SyncFolder: the files written since the last
// Flush, and their folders, are synced to the disk. Written first and
// synced after, a thousand files cost the disk about one wait, not a
// thousand.
func (f *SyncFolder) Flush() error {
	dirs := map[string]bool{}
	for _, p := range f.unsynced {
		if err := syncPath(p); err != nil {
			return err
		}
		dirs[filepath.Dir(p)] = true
	}
	for d := range dirs {
		if err := syncPath(d); err != nil {
			return err
		}
	}
	f.unsynced = f.unsynced[:0]
	return nil
}

// syncPath syncs a file or a folder to the disk. A folder that cannot be
// synced (as on Windows) is left to the system.
func syncPath(p string) error {
	file, err := os.Open(p)
	if err != nil {
		return err
	}
	defer file.Close()
	if err := file.Sync(); err != nil {
		if fi, serr := file.Stat(); serr == nil && fi.IsDir() {
			return nil
		}
		return fmt.Errorf("writing %s: %w", p, err)
	}
	return nil
}
