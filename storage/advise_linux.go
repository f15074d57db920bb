package storage

import (
	bolt "go.etcd.io/bbolt"
	"golang.org/x/sys/unix"
)

// readAhead undoes the advice bbolt gives the kernel, that the journal's
// pages are read at random: it turns off reading the pages around one
// that is read, and a command that reads a hundred years of summaries then
// waits on a fault for every 4 KiB. size is the file's size, no more than
// bbolt maps. Advice that is not taken changes nothing but speed.
func readAhead(db *bolt.DB, size int64) {
	if size > 0 {
		_, _, _ = unix.Syscall(unix.SYS_MADVISE, db.Info().Data, uintptr(size), unix.MADV_NORMAL)
	}
}
