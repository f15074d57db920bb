//go:build windows

package storage

// setUmask does nothing on Windows, which has no umask.
func setUmask(int) int { return 0 }
