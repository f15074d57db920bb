//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package cmd

import "golang.org/x/sys/unix"

// keepCtrlCAsInput stops the terminal on fd from turning Ctrl-C into a
// signal, so that a Ctrl-C typed between two prompts waits in the input for
// the next prompt, which reads it as an interruption and keeps what was typed.
// Without this, a Ctrl-C that lands while survey switches the terminal's
// modes would race the signal handler for the terminal's settings.
func keepCtrlCAsInput(fd int) error {
	t, err := unix.IoctlGetTermios(fd, ioctlGetTermios)
	if err != nil {
		return err
	}
	t.Lflag &^= unix.ISIG
	return unix.IoctlSetTermios(fd, ioctlSetTermios, t)
}
