//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package cmd

import (
	"strings"
	"testing"

	"github.com/reflect-cli/reflect/cmd/internal/terminal"
	"github.com/reflect-cli/reflect/cmd/internal/terminal/ptytest"
	"github.com/reflect-cli/reflect/journal"
)

// ptyAsker makes today ask with the real terminal asker, in a pseudo-terminal
// of 80 columns, pressing Enter at every question (each then takes its
// default, or is skipped). The returned function ends the terminal and
// returns every byte the asker wrote to it.
func ptyAsker(t *testing.T) (func(*App), func() []byte) {
	t.Helper()
	term := ptytest.Open(t, 80, 40)
	if err := terminal.KeepCtrlCAsInput(int(term.PTS.Fd())); err != nil {
		t.Fatal(err)
	}
	term.Type(strings.Repeat("\r", 40))
	var end func()
	adjust := func(app *App) {
		app.InTTY = true
		app.NewAsker = func(terminal.AskOptions) (journal.Prompter, func(), error) {
			var asker journal.Prompter
			asker, end = terminal.AskIn(term.PTS, terminal.AskOptions{})
			return asker, func() {}, nil
		}
	}
	finish := func() []byte { return term.Close(end) }
	return adjust, finish
}
