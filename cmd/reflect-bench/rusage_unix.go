//go:build !windows

package main

import (
	"os"
	"runtime"
	"syscall"
)

// peakKB is the peak memory of a process that has ended, in KiB.
func peakKB(p *os.ProcessState) int64 {
	ru, ok := p.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	if runtime.GOOS == "darwin" {
		return int64(ru.Maxrss) / 1024 // bytes on macOS
	}
	return int64(ru.Maxrss) // KiB on Linux
}
