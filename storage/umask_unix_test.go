//go:build !windows

package storage

import "syscall"

func setUmask(mask int) int { return syscall.Umask(mask) }
