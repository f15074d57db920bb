//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package cmd

import (
	"bytes"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/hinshun/vt10x"

	"github.com/reflect-cli/reflect/cmd/internal/terminal"
	"github.com/reflect-cli/reflect/journal"
)

// ptyAsker makes today ask with the real terminal asker, in a pseudo-terminal
// of 80 columns, pressing Enter at every question (each then takes its
// default, or is skipped). The returned function ends the terminal and
// returns every byte the asker wrote to it.
func ptyAsker(t *testing.T) (func(*App), func() []byte) {
	t.Helper()
	ptm, pts, err := pty.Open()
	if err != nil {
		t.Fatal(err)
	}
	if err := pty.Setsize(ptm, &pty.Winsize{Rows: 40, Cols: 80}); err != nil {
		t.Fatal(err)
	}
	if err := terminal.KeepCtrlCAsInput(int(pts.Fd())); err != nil {
		t.Fatal(err)
	}
	var (
		mu  sync.Mutex
		raw bytes.Buffer
	)
	vt := vt10x.New(vt10x.WithWriter(ptm), vt10x.WithSize(80, 40)) // answers the asker's cursor queries
	read := make(chan struct{})
	go func() {
		defer close(read)
		buf := make([]byte, 4096)
		for {
			n, err := ptm.Read(buf)
			mu.Lock()
			raw.Write(buf[:n])
			mu.Unlock()
			vt.Write(buf[:n])
			if err != nil {
				return
			}
		}
	}()
	if _, err := ptm.Write(bytes.Repeat([]byte("\r"), 40)); err != nil {
		t.Fatal(err)
	}
	var end func()
	adjust := func(app *App) {
		app.InTTY = true
		app.NewAsker = func(terminal.AskOptions) (journal.Prompter, func(), error) {
			var asker journal.Prompter
			asker, end = terminal.AskIn(pts, terminal.AskOptions{})
			return asker, func() {}, nil
		}
	}
	finish := func() []byte {
		if end != nil {
			end()
		}
		pts.Close()
		ptm.Write([]byte("\r")) // wakes the input's reader, which then sees the cancel
		select {
		case <-read:
		case <-time.After(20 * time.Second):
			t.Fatal("the pseudo-terminal did not close")
		}
		ptm.Close()
		mu.Lock()
		defer mu.Unlock()
		return raw.Bytes()
	}
	return adjust, finish
}
