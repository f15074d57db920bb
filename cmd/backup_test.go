package cmd

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBackupThenRestoreGivesBackTheEntries(t *testing.T) {
	e := withFixture(t)
	before := e.mustRun("export", "--since", "2000-01-01", "--until", "2030-12-31", "--format", "json").out
	backup := filepath.Join(t.TempDir(), "backup.db")
	if r := e.mustRun("backup", backup); r.err != "Backed up "+e.db+" to "+backup+".\n" {
		t.Errorf("backup said %q", r.err)
	}
	if fi, err := os.Stat(backup); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the backup: %v, %v", err, fi.Mode())
	}
	// Never over an existing file.
	os.WriteFile(filepath.Join(filepath.Dir(backup), "taken.db"), []byte("mine"), 0o600)
	if r := e.run("backup", filepath.Join(filepath.Dir(backup), "taken.db")); r.code != exitFailed || !strings.Contains(r.err, "already exists") {
		t.Errorf("backup onto a file: exit %d, err %q", r.code, r.err)
	}
	if got, _ := os.ReadFile(filepath.Join(filepath.Dir(backup), "taken.db")); string(got) != "mine" {
		t.Error("backup wrote over a file")
	}

	e.mustRun("delete", "2026-11-20", "--yes")
	e.stdin = `{"mood": 1}`
	e.mustRun("today", "--answers", "-", "--date", "2026-11-19")
	changed := fileBytes(t, e.db)

	r := e.mustRun("restore", backup)
	if !strings.HasPrefix(r.err, "Restored "+e.db+" from "+backup+".\nThe journal as it was is kept in "+e.db+".before-restore-") {
		t.Errorf("restore said %q", r.err)
	}
	if after := e.mustRun("export", "--since", "2000-01-01", "--until", "2030-12-31", "--format", "json").out; after != before {
		t.Error("backup then restore did not give the entries back")
	}
	kept := strings.TrimSuffix(strings.TrimPrefix(strings.Split(r.err, "\n")[1], "The journal as it was is kept in "), ".")
	if !bytes.Equal(fileBytes(t, kept), changed) {
		t.Error("the journal as it was is not kept whole")
	}
	if fi, _ := os.Stat(e.db); fi.Mode().Perm() != 0o600 {
		t.Errorf("the restored journal's mode is %v", fi.Mode().Perm())
	}
	if r := e.mustRun("doctor"); !strings.Contains(r.out, "The journal is sound.") {
		t.Errorf("doctor after restore:\n%s", r.out)
	}
}

func TestRestoreRefusesABadBackup(t *testing.T) {
	e := withFixture(t)
	before := fileBytes(t, e.db)
	dir := t.TempDir()
	notAJournal := filepath.Join(dir, "notes.txt")
	os.WriteFile(notAJournal, bytes.Repeat([]byte("dear diary\n"), 1000), 0o600)
	for _, tt := range []struct {
		file, want string
		code       int
	}{
		{notAJournal, "the backup cannot be used", exitFailed},
		{filepath.Join(dir, "missing.db"), "there is no backup at", exitUsage},
		{e.db, "that is the journal itself, not a backup of it", exitUsage},
	} {
		r := e.run("restore", tt.file)
		if r.code != tt.code || !strings.Contains(r.err, tt.want) {
			t.Errorf("restore %s: exit %d, err %q", tt.file, r.code, r.err)
		}
	}
	if !bytes.Equal(fileBytes(t, e.db), before) {
		t.Error("a refused restore changed the journal")
	}
	if matches, _ := filepath.Glob(e.db + ".*"); len(matches) != 0 {
		t.Errorf("a refused restore left %v", matches)
	}
}

func TestRestoreOverADamagedJournal(t *testing.T) {
	e := withFixture(t)
	backup := filepath.Join(t.TempDir(), "backup.db")
	e.mustRun("backup", backup)
	damaged := bytes.Repeat([]byte("scribble "), 3000)
	os.WriteFile(e.db, damaged, 0o600)
	e.mustRun("restore", backup)
	if r := e.mustRun("show", "2026-11-20"); !strings.Contains(r.out, "Book the dentist.") {
		t.Errorf("after restoring over a damaged journal:\n%s", r.out)
	}
	kept, _ := filepath.Glob(e.db + ".before-restore-*")
	if len(kept) != 1 || !bytes.Equal(fileBytes(t, kept[0]), damaged) {
		t.Errorf("the damaged journal is not kept beside: %v", kept)
	}
}
