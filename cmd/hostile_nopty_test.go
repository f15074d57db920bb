//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package cmd

import "testing"

// ptyAsker needs a pseudo-terminal, which this system does not have.
func ptyAsker(t *testing.T) (func(*App), func() []byte) {
	t.Skip("no pseudo-terminal here")
	return nil, nil
}
