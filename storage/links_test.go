package storage

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/reflect-cli/reflect/journal"
)

// linkTo returns a journal whose Path is a link, in a folder of its own, to
// j's file.
func linkTo(t *testing.T, j *Journal) *Journal {
	t.Helper()
	link := filepath.Join(t.TempDir(), "link.db")
	if err := os.Symlink(j.Path, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	l := New(link)
	l.Timeout = j.Timeout
	return l
}

// stillLinked fails the test unless l.Path is still a link to j's file,
// alone in its folder.
func stillLinked(t *testing.T, l, j *Journal) {
	t.Helper()
	if to, err := os.Readlink(l.Path); err != nil || to != j.Path {
		t.Fatalf("%s is no longer a link to the journal: %q, %v", l.Path, to, err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(l.Path)); len(entries) != 1 {
		t.Errorf("files were left beside the link: %v", entries)
	}
}

func TestWholeFileChangesThroughALinkReachTheJournal(t *testing.T) {
	j := newJournal(t)
	day := journal.NewDay(2026, 11, 20)
	add(t, j, day, secret)
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := j.Backup(backup); err != nil {
		t.Fatal(err)
	}
	l := linkTo(t, j)

	if err := l.Encrypt([]byte("correct horse")); err != nil {
		t.Fatal(err)
	}
	stillLinked(t, l, j)
	if raw, _ := os.ReadFile(j.Path); bytes.Contains(raw, []byte(secret)) {
		t.Error("the journal the link leads to is in plain text after encrypt")
	}
	if err := l.ChangePassphrase([]byte("staple")); err != nil {
		t.Fatal(err)
	}
	stillLinked(t, l, j)
	if err := l.Decrypt(); err != nil {
		t.Fatal(err)
	}
	stillLinked(t, l, j)
	if got := entriesText(t, New(j.Path)); got != secret+"|" {
		t.Errorf("the journal the link leads to, decrypted, reads %q", got)
	}

	add(t, l, day.AddDays(-1), "written since the backup")
	kept, err := l.Restore(backup, now)
	if err != nil {
		t.Fatal(err)
	}
	stillLinked(t, l, j)
	if filepath.Dir(kept) != filepath.Dir(j.Path) {
		t.Errorf("the journal as it was is kept at %s, not beside itself", kept)
	}
	if fi, err := os.Lstat(kept); err != nil || !fi.Mode().IsRegular() {
		t.Errorf("the journal as it was is not a file of its own: %v", err)
	}
	if got := entriesText(t, New(kept)); got != "written since the backup|"+secret+"|" {
		t.Errorf("the journal as it was reads %q", got)
	}
	if got := entriesText(t, New(j.Path)); got != secret+"|" {
		t.Errorf("the journal the link leads to, restored, reads %q", got)
	}
}

func TestALinkThatLeadsNowhereMakesNoJournal(t *testing.T) {
	dir := t.TempDir()
	gone := filepath.Join(dir, "gone.db")
	link := filepath.Join(dir, "link.db")
	if err := os.Symlink(gone, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	j := New(link)
	j.Timeout = 200 * time.Millisecond
	var notFile *NotFileError
	err := j.Update(func(w *Writer) error {
		_, err := w.AddAnswers(journal.NewDay(2026, 11, 20), answers(secret), now)
		return err
	})
	if !errors.As(err, &notFile) || notFile.Mode&fs.ModeSymlink == 0 {
		t.Errorf("a write through a link that leads nowhere: %v", err)
	}
	if _, err := os.Lstat(gone); err == nil {
		t.Error("a journal was made where the link points")
	}
	if _, err := j.Restore(filepath.Join(dir, "none.db"), now); !errors.As(err, &notFile) {
		t.Errorf("a restore through a link that leads nowhere: %v", err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v", err)
	}
}

// The copy kept before an upgrade goes beside the journal a link leads to,
// as restore's does, and the link stays.
func TestUpgradeThroughALinkKeepsTheCopyBesideTheJournal(t *testing.T) {
	j, day := schema1Journal(t)
	l := linkTo(t, j)
	add(t, l, day.AddDays(1), "3")
	stillLinked(t, l, j)
	kept, _ := filepath.Glob(j.Path + ".schema-1-backup-*")
	if len(kept) != 1 {
		t.Fatalf("copies kept beside the journal before the upgrade: %v", kept)
	}
	if fi, err := os.Lstat(kept[0]); err != nil || !fi.Mode().IsRegular() {
		t.Errorf("the copy is not a file of its own: %v", err)
	}
}
