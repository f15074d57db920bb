//go:build windows

package storage

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// tryLock takes, without waiting, the exclusive lock that bbolt's writers
// take on the journal file f (LockFileEx on the byte at offset -1, as bbolt
// does on Windows); held is false when another process has it.
func tryLock(f *os.File) (held bool, err error) {
	const all = ^uint32(0) // -1 in a uint32
	err = windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY,
		0, 1, 0, &windows.Overlapped{Offset: all, OffsetHigh: all})
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
		return false, nil
	}
	return err == nil, err
}

// syncDir does nothing on Windows: a folder cannot be synced there (bbolt
// does not either), and NTFS journals its renames.
func syncDir(string) error { return nil }

// namesOf is how many names (hard links) the file fi has: not known on
// Windows through a FileInfo, so 1.
func namesOf(os.FileInfo) int { return 1 }
