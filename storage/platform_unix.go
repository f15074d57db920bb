//go:build !windows

package storage

import (
	"errors"
	"os"
	"syscall"
)

// tryLock takes, without waiting, the exclusive lock that bbolt's writers
// take on the journal file f; held is false when another process has it.
func tryLock(f *os.File) (held bool, err error) {
	err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return false, nil
	}
	return err == nil, err
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// namesOf is how many names (hard links) the file fi has; 1 where that
// is not known.
func namesOf(fi os.FileInfo) int {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && st.Nlink > 1 {
		return int(st.Nlink)
	}
	return 1
}
