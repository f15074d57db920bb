//go:build linux

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reflect-cli/reflect/storage/storagetest"
)

// TestDamagedLockFromTheBinary gives reflect itself journals whose
// encryption header holds hostile scrypt settings, under the memory limit
// of the damage tests: show and doctor of such a journal, and a restore
// from it, each exit 1 with one clean line that says the settings are
// damaged, and change nothing. Unchecked, r = 2^20 panics in scrypt,
// r = 2^14 runs out of memory and p = 100000 runs for hours.
func TestDamagedLockFromTheBinary(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector's shadow memory does not fit under a memory limit; make test runs this without -race")
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	if err := storagetest.EncryptedJournal(good, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	pass := filepath.Join(dir, "pass")
	os.WriteFile(pass, []byte("correct horse battery\n"), 0o600)
	extra := []string{"REFLECT_PASSPHRASE_FILE=" + pass}
	other := filepath.Join(dir, "other.db")
	if err := storagetest.SmallJournal(other); err != nil {
		t.Fatal(err)
	}
	otherBytes, _ := os.ReadFile(other)
	for name, fields := range storagetest.HostileLocks {
		db := filepath.Join(dir, "journal.db")
		data, _ := os.ReadFile(good)
		if err := os.WriteFile(db, data, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := storagetest.SetLock(db, fields); err != nil {
			t.Fatal(err)
		}
		hostile, _ := os.ReadFile(db)
		for _, run := range []struct {
			db   string
			args []string
		}{
			{db, []string{"show", storagetest.LastDay.String()}},
			{db, []string{"doctor"}},
			{other, []string{"restore", db}},
		} {
			code, stdout, stderr, err := runLimitedWith(run.db, extra, "", run.args...)
			what := name + ", reflect " + strings.Join(run.args, " ")
			if err != nil {
				t.Errorf("%s: %v", what, err)
				continue
			}
			said := stderr
			if run.args[0] == "doctor" {
				said = stdout + stderr
			}
			if code != 1 || !strings.Contains(said, "encryption settings") {
				t.Errorf("%s: exit %d, said %.300q", what, code, said)
			}
			lines := strings.Split(strings.TrimSpace(stderr), "\n")
			if run.args[0] != "doctor" && (!strings.HasPrefix(stderr, "reflect: ") || len(lines) > 2) {
				t.Errorf("%s: not one line and at most one of advice: %.300q", what, stderr)
			}
			for _, line := range strings.Split(strings.TrimSpace(said), "\n") {
				if problem := storagetest.CleanMessage(line); problem != "" {
					t.Errorf("%s: the message %.200q: %s", what, line, problem)
				}
			}
			if after, _ := os.ReadFile(db); !bytes.Equal(after, hostile) {
				t.Errorf("%s: the journal changed", what)
			}
			if after, _ := os.ReadFile(other); !bytes.Equal(after, otherBytes) {
				t.Errorf("%s: the journal a restore would replace changed", what)
			}
		}
	}
}
