//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package terminal

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/sys/unix"
)

// KeepCtrlCAsInput stops the terminal on fd from turning Ctrl-C into a
// signal, so that a Ctrl-C typed between two prompts waits in the input for
// the next prompt, which reads it as an interruption and keeps what was typed.
// Without this, a Ctrl-C that lands while survey switches the terminal's
// modes would race the signal handler for the terminal's settings.
//
// It also stops the terminal from echoing, and from holding keys back until
// Enter, between prompts as the prompts themselves do: keys typed (or
// pasted) ahead of a prompt are then shown by the prompt, in its place,
// rather than by the terminal wherever the cursor happens to be, which
// would move every row drawn after them.
func KeepCtrlCAsInput(fd int) error {
	t, err := unix.IoctlGetTermios(fd, ioctlGetTermios)
	if err != nil {
		return err
	}
	t.Lflag &^= unix.ISIG | unix.ECHO | unix.ECHONL | unix.ICANON
	t.Cc[unix.VMIN] = 1
	t.Cc[unix.VTIME] = 0
	return unix.IoctlSetTermios(fd, ioctlSetTermios, t)
}

// withoutEcho runs fn with the terminal on fd not echoing what is typed,
// then puts the terminal back as it was. Echo is off before fn prints its
// prompt, so that keys typed ahead of the prompt are not shown either.
// Ctrl-C (or the terminal closing) ends reflect at once, with the terminal
// put back first, so that it does not stay silent.
func withoutEcho(fd int, fn func() error) error {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(signals)
	old, err := unix.IoctlGetTermios(fd, ioctlGetTermios)
	if err != nil {
		return err
	}
	t := *old
	t.Lflag &^= unix.ECHO
	t.Lflag |= unix.ICANON | unix.ISIG
	t.Iflag |= unix.ICRNL
	if err := unix.IoctlSetTermios(fd, ioctlSetTermios, &t); err != nil {
		return err
	}
	done := make(chan struct{})
	defer func() {
		close(done)
		unix.IoctlSetTermios(fd, ioctlSetTermios, old)
	}()
	go func() {
		select {
		case <-signals:
			unix.IoctlSetTermios(fd, ioctlSetTermios, old)
			fmt.Fprintln(os.Stderr, "\nreflect: interrupted; nothing was changed")
			os.Exit(exitInterrupted)
		case <-done:
		}
	}()
	return fn()
}
