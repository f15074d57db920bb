package cmd

import (
	"bytes"
	"testing"

	"github.com/reflect-cli/reflect/cmd/internal/terminal"
)

// TestVersionFastPath: reflect --version, answered before the command tree
// is built, says what cobra's own --version says.
func TestVersionFastPath(t *testing.T) {
	run := func(args ...string) string {
		var out bytes.Buffer
		app := &App{Streams: terminal.Streams{Out: &out, Err: &out}, Getenv: func(string) string { return "" }}
		if code := Run(app, args); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, out.String())
		}
		return out.String()
	}
	want := "reflect " + Version() + "\n"
	for _, args := range [][]string{{"--version"}, {"-v"}, {"--db", "x.db", "--version"}} {
		if got := run(args...); got != want {
			t.Errorf("%v printed %q, want %q", args, got, want)
		}
	}
}
