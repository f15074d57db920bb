//go:build linux

package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/reflect-cli/reflect/storage/storagetest"
)

// memoryLimitKiB is the memory each run of reflect is given in the damage
// tests (RLIMIT_DATA, which counts what a process writes to, not the
// address space Go reserves): a walk that grows without bound fails it.
const memoryLimitKiB = 1 << 20 // 1 GiB

// TestFlippedBytesFromTheBinary runs reflect itself, as a person would,
// over a small journal with one byte of its page structure flipped (a
// sample of the cases the storage tests try in-process), under a memory
// limit and a time limit: doctor, log, stats, lessons and a save each exit
// 0 or 1, with a short, clean message and no trace, and a command that
// reports damage leaves the file as it was.
func TestFlippedBytesFromTheBinary(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector's shadow memory does not fit under a memory limit; make test runs this without -race")
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	if err := storagetest.SmallJournal(good); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	commands := [][]string{
		{"doctor"},
		{"log", "--no-pager"},
		{"stats"},
		{"lessons", "--no-pager"},
		{"today", "--answers", "-", "--date", storagetest.LastDay.AddDays(-40).String()},
	}
	cases := storagetest.Every(storagetest.Cases(data, 300), 9)
	db := filepath.Join(dir, "journal.db")
	for i, c := range cases {
		args := commands[i%len(commands)]
		damaged := c.Apply(data)
		if err := os.WriteFile(db, damaged, 0o600); err != nil {
			t.Fatal(err)
		}
		code, stdout, stderr, err := runLimited(db, `{"mood": 3, "win-small": "still here"}`, args...)
		if err != nil {
			t.Errorf("%v, reflect %s: %v", c, strings.Join(args, " "), err)
			continue
		}
		after, _ := os.ReadFile(db)
		readOnly := args[0] != "today"
		switch {
		case code != 0 && code != 1:
			t.Errorf("%v, reflect %s: exit %d: %.300q", c, strings.Join(args, " "), code, stderr)
		case code == 1 && !strings.HasPrefix(stderr, "reflect: ") && args[0] != "doctor":
			t.Errorf("%v, reflect %s: exit 1 with %.300q", c, strings.Join(args, " "), stderr)
		case (readOnly || code != 0) && !bytes.Equal(after, damaged):
			t.Errorf("%v, reflect %s: exit %d, and the file changed", c, strings.Join(args, " "), code)
		}
		for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
			if problem := storagetest.CleanMessage(line); problem != "" {
				t.Errorf("%v, reflect %s: the message %.200q: %s", c, strings.Join(args, " "), line, problem)
			}
		}
		if strings.IndexFunc(stdout, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }) >= 0 {
			t.Errorf("%v, reflect %s: a raw control character in what it printed", c, strings.Join(args, " "))
		}
	}
}

// runLimited runs reflect on db under memoryLimitKiB and a minute's time
// limit, with stdin, and returns its exit status and output. The time limit
// is a hang's, not a speed test's: a run takes milliseconds.
func runLimited(db, stdin string, args ...string) (code int, stdout, stderr string, err error) {
	return runLimitedWith(db, nil, stdin, args...)
}

// runLimitedWith is runLimited with more of the environment.
func runLimitedWith(db string, extraEnv []string, stdin string, args ...string) (code int, stdout, stderr string, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	limited := append([]string{"-c", `ulimit -d "$0" && exec "$@"`, strconv.Itoa(memoryLimitKiB), binary}, args...)
	cmd := exec.CommandContext(ctx, "/bin/sh", limited...)
	cmd.Env = append(env(db), extraEnv...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	if ctx.Err() != nil {
		return 0, "", "", errors.New("still running after a minute")
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode(), out.String(), errOut.String(), nil
	}
	return 0, out.String(), errOut.String(), err
}
