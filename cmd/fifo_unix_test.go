//go:build unix

package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestAFIFOIsNeitherJournalNorBackup: a named pipe where the journal or a
// backup should be is refused at once, never opened (which would wait for a
// writer forever).
func TestAFIFOIsNeitherJournalNorBackup(t *testing.T) {
	e := withFixture(t)
	backup := filepath.Join(t.TempDir(), "backup.db")
	e.mustRun("backup", backup)
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	before := fileBytes(t, e.db)
	onJournal := &testEnv{t: t, db: fifo, env: e.env, now: e.now}
	for _, tt := range []struct {
		env  *testEnv
		args []string
	}{
		{onJournal, []string{"restore", backup}},
		{onJournal, []string{"log"}},
		{onJournal, []string{"doctor"}},
		{onJournal, []string{"backup", filepath.Join(t.TempDir(), "b.db")}},
		{onJournal, []string{"today", "--answers", "-"}},
		{e, []string{"restore", fifo}},
	} {
		tt.env.stdin = `{"mood": 3}`
		r := tt.env.run(tt.args...)
		lines := 2
		if tt.args[0] == "today" {
			lines = 3 // and where the answers are kept
		}
		if r.code != exitFailed || !strings.Contains(r.err, fifo+" is a named pipe, not a file") || strings.Count(r.err, "\n") > lines {
			t.Errorf("%v with a FIFO: exit %d, err %q", tt.args, r.code, r.err)
		}
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v", err)
	}
	if string(fileBytes(t, e.db)) != string(before) {
		t.Error("restoring from a FIFO changed the journal")
	}
}

func TestAnEndlessPassphraseFileIsRefused(t *testing.T) {
	e := withEncryptedFixture(t)
	e.env[PassphraseFileEnv] = "/dev/zero"
	if r := e.run("log"); r.code != exitUsage || !strings.Contains(r.err, "/dev/zero is larger than 1 KiB") {
		t.Errorf("REFLECT_PASSPHRASE_FILE=/dev/zero: exit %d, err %q", r.code, r.err)
	}
}

// TestExportForceReplacesOnlyAFile: --force replaces an ordinary file; a
// named pipe (or a device) stays as it is, and a link is followed to the
// file it names, which takes the export while the link stays a link.
func TestExportForceReplacesOnlyAFile(t *testing.T) {
	e := withFixture(t)
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	r := e.run("export", "-o", fifo, "--force")
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("the named pipe was replaced (%v, %v)", fi, err)
	}
	if r.code != exitFailed || !strings.Contains(r.err, fifo+" is a named pipe, not a file; it was left as it is") {
		t.Errorf("export --force onto a named pipe: exit %d, err %q", r.code, r.err)
	}

	target := filepath.Join(dir, "review.md")
	os.WriteFile(target, []byte("last week's\n"), 0o600)
	link := filepath.Join(dir, "link.md")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	e.mustRun("export", "-o", link, "--force")
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced (%v, %v)", fi, err)
	}
	if got := string(fileBytes(t, target)); !strings.Contains(got, "week: 2026-W47") {
		t.Errorf("the file the link names holds:\n%s", got)
	}
}
