//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

// Package ptytest opens a pseudo-terminal for tests of the terminal
// asker: a vt10x screen behind it answers the asker's cursor queries, as
// a terminal would, and every byte written to the terminal is kept.
//
// It imports no package of the project, so that the terminal package's
// own tests can use it.
package ptytest

import (
	"bytes"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/hinshun/vt10x"
)

// Terminal is a pseudo-terminal: PTS is the side a program reads keys from
// and draws on; keys typed into PTM reach it.
type Terminal struct {
	PTM, PTS *os.File
	t        *testing.T
	mu       sync.Mutex
	raw      bytes.Buffer
	read     chan struct{}
	closed   bool
}

// Open opens a pseudo-terminal of cols by rows.
func Open(t *testing.T, cols, rows int) *Terminal {
	t.Helper()
	ptm, pts, err := pty.Open()
	if err != nil {
		t.Fatal(err)
	}
	if err := pty.Setsize(ptm, &pty.Winsize{Rows: uint16(rows), Cols: uint16(cols)}); err != nil {
		t.Fatal(err)
	}
	p := &Terminal{PTM: ptm, PTS: pts, t: t, read: make(chan struct{})}
	vt := vt10x.New(vt10x.WithWriter(ptm), vt10x.WithSize(cols, rows))
	go func() {
		defer close(p.read)
		buf := make([]byte, 4096)
		for {
			n, err := ptm.Read(buf)
			p.mu.Lock()
			p.raw.Write(buf[:n])
			p.mu.Unlock()
			vt.Write(buf[:n])
			if err != nil {
				return
			}
		}
	}()
	return p
}

// Type types keys at the terminal; they wait in its input for the program
// that reads them.
func (p *Terminal) Type(keys string) {
	p.t.Helper()
	if _, err := p.PTM.Write([]byte(keys)); err != nil {
		p.t.Fatal(err)
	}
}

// Close closes the terminal, once the program has stopped reading it
// (end, when given, stops it), and returns every byte written to it.
func (p *Terminal) Close(end func()) []byte {
	if !p.closed {
		p.closed = true
		if end != nil {
			end()
		}
		p.PTS.Close()
		p.PTM.Write([]byte("\r")) // wakes the program's reader, which then sees the end
		select {
		case <-p.read:
		case <-time.After(20 * time.Second):
			p.t.Fatal("the pseudo-terminal did not close")
		}
		p.PTM.Close()
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.raw.Bytes()
}
