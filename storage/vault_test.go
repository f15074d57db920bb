package storage

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cli/reflect/journal"
)

// openVault opens the vault at dir, failing the test on an error.
func openVault(t *testing.T, dir string) *Vault {
	t.Helper()
	v, err := OpenVault(dir)
	if err != nil {
		t.Fatalf("OpenVault: %v", err)
	}
	return v
}

// putNote puts content at p and checks the outcome.
func putNote(t *testing.T, v *Vault, p, content string, want journal.NoteOutcome) {
	t.Helper()
	got, err := v.Put(p, []byte(content))
	if err != nil {
		t.Fatalf("Put(%q): %v", p, err)
	}
	if got != want {
		t.Fatalf("Put(%q) = %v, want %v", p, got, want)
	}
}

// closeVault closes v, failing the test on an error.
func closeVault(t *testing.T, v *Vault) {
	t.Helper()
	if err := v.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
}

// wantFile checks the bytes of the file at path.
func wantFile(t *testing.T, path, want string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	if string(got) != want {
		t.Fatalf("%s holds %q, want %q", path, got, want)
	}
}

// wantMode checks the permissions of path, except on Windows.
func wantMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	if runtime.GOOS == "windows" {
		return
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != want {
		t.Fatalf("%s has mode %v, want %v", path, fi.Mode().Perm(), want)
	}
}

// wantNoTemp checks that no temporary file is left in dir.
func wantNoTemp(t *testing.T, dir string) {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	if len(names) > 0 {
		t.Fatalf("temporary files left: %v", names)
	}
}

// recordOf reads the vault's record as it is on disk.
func recordOf(t *testing.T, dir string) vaultRecord {
	t.Helper()
	var rec vaultRecord
	data, err := os.ReadFile(filepath.Join(dir, VaultRecordName))
	if os.IsNotExist(err) {
		return rec
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &rec); err != nil {
		t.Fatal(err)
	}
	return rec
}

func TestVaultCreatesNotes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "vault")
	v := openVault(t, dir)
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("the vault's folder was made before a note was written: %v", err)
	}
	putNote(t, v, "Daily/2026/2026-11-23.md", "# Monday\n", journal.NoteCreated)
	wantMode(t, dir, 0o700)
	if err := os.Mkdir(filepath.Join(dir, "Mine"), 0o755); err != nil {
		t.Fatal(err)
	}
	putNote(t, v, "Mine/a.md", "a", journal.NoteCreated)
	closeVault(t, v)

	note := filepath.Join(dir, "Daily", "2026", "2026-11-23.md")
	wantFile(t, note, "# Monday\n")
	wantMode(t, note, 0o600)
	wantMode(t, filepath.Join(dir, "Daily"), 0o700)
	wantMode(t, filepath.Join(dir, "Daily", "2026"), 0o700)
	wantMode(t, filepath.Join(dir, "Mine"), 0o755)
	wantMode(t, filepath.Join(dir, VaultRecordName), 0o600)
	wantNoTemp(t, filepath.Join(dir, "Daily", "2026"))
	wantNoTemp(t, dir)

	rec := recordOf(t, dir)
	if rec.Version != 1 || rec.Notes["Daily/2026/2026-11-23.md"] != hashOf([]byte("# Monday\n")) || len(rec.Notes) != 2 {
		t.Fatalf("record = %+v", rec)
	}
}

func TestVaultUnchangedAndUpdated(t *testing.T) {
	dir := t.TempDir()
	v := openVault(t, dir)
	putNote(t, v, "n.md", "one", journal.NoteCreated)
	putNote(t, v, "n.md", "one", journal.NoteUnchanged)
	putNote(t, v, "n.md", "two", journal.NoteUpdated)
	wantFile(t, filepath.Join(dir, "n.md"), "two")
	closeVault(t, v)

	// The next export finds the note as it left it, even with a mode a
	// person gave it, and rewrites it 0600.
	if err := os.Chmod(filepath.Join(dir, "n.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	v = openVault(t, dir)
	putNote(t, v, "n.md", "two", journal.NoteUnchanged)
	putNote(t, v, "n.md", "three", journal.NoteUpdated)
	closeVault(t, v)
	wantFile(t, filepath.Join(dir, "n.md"), "three")
	wantMode(t, filepath.Join(dir, "n.md"), 0o600)
	wantNoTemp(t, dir)
	if got := recordOf(t, dir).Notes["n.md"]; got != hashOf([]byte("three")) {
		t.Fatalf("recorded %s, want the hash of the last write", got)
	}
}

func TestVaultEditedStaysEdited(t *testing.T) {
	dir := t.TempDir()
	note := filepath.Join(dir, "n.md")
	v := openVault(t, dir)
	putNote(t, v, "n.md", "reflect's", journal.NoteCreated)
	closeVault(t, v)
	if err := os.WriteFile(note, []byte("the person's"), 0o600); err != nil {
		t.Fatal(err)
	}

	for run := 1; run <= 2; run++ {
		v = openVault(t, dir)
		putNote(t, v, "n.md", "new", journal.NoteEdited)
		putNote(t, v, "n.md", "newer", journal.NoteEdited)
		closeVault(t, v)
		wantFile(t, note, "the person's")
		if got := recordOf(t, dir).Notes["n.md"]; got != hashOf([]byte("reflect's")) {
			t.Fatalf("run %d: the record lost what reflect wrote", run)
		}
	}

	// Content the same as reflect last wrote is taken as unchanged without
	// reading the note: the person's edit is kept all the same.
	v = openVault(t, dir)
	putNote(t, v, "n.md", "reflect's", journal.NoteUnchanged)
	closeVault(t, v)
	wantFile(t, note, "the person's")

	// Content equal to the person's edit adopts the note again.
	v = openVault(t, dir)
	putNote(t, v, "n.md", "the person's", journal.NoteUnchanged)
	putNote(t, v, "n.md", "then reflect's", journal.NoteUpdated)
	closeVault(t, v)
	wantFile(t, note, "then reflect's")
}

func TestVaultLeavesOthersAlone(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "target.md")
	if err := os.WriteFile(outside, []byte("target"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "mine.md"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "Daily"), []byte("a file"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "folder.md"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "link.md")); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}

	v := openVault(t, dir)
	putNote(t, v, "mine.md", "reflect's", journal.NoteNotOurs)
	putNote(t, v, "folder.md", "reflect's", journal.NoteNotOurs)
	putNote(t, v, "link.md", "reflect's", journal.NoteNotOurs)
	putNote(t, v, "link.md", "target", journal.NoteNotOurs)
	if runtime.GOOS != "windows" {
		putNote(t, v, "Daily/x.md", "reflect's", journal.NoteNotOurs)
	}
	closeVault(t, v)
	wantFile(t, filepath.Join(dir, "mine.md"), "mine")
	wantFile(t, outside, "target")
	if len(recordOf(t, dir).Notes) != 0 {
		t.Fatalf("the record took notes that are not reflect's: %+v", recordOf(t, dir))
	}

	// A link put where reflect's note was is left alone too, even when the
	// content is what reflect wrote.
	v = openVault(t, dir)
	putNote(t, v, "n.md", "reflect's", journal.NoteCreated)
	if err := os.Remove(filepath.Join(dir, "n.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "n.md")); err != nil {
		t.Fatal(err)
	}
	putNote(t, v, "n.md", "reflect's", journal.NoteNotOurs)
	putNote(t, v, "n.md", "new", journal.NoteNotOurs)
	closeVault(t, v)
	wantFile(t, outside, "target")
}

func TestVaultLeavesBigFilesAlone(t *testing.T) {
	dir := t.TempDir()
	big := strings.Repeat("x", maxNoteSize+1)
	if err := os.WriteFile(filepath.Join(dir, "big.md"), []byte(big), 0o600); err != nil {
		t.Fatal(err)
	}
	v := openVault(t, dir)
	putNote(t, v, "big.md", big, journal.NoteNotOurs)
	v.notes["big.md"] = hashOf([]byte(big)) // as if reflect had written it
	putNote(t, v, "big.md", "small", journal.NoteEdited)
	wantFile(t, filepath.Join(dir, "big.md"), big)
}

func TestVaultRecreatesDeletedNote(t *testing.T) {
	dir := t.TempDir()
	v := openVault(t, dir)
	putNote(t, v, "Daily/n.md", "one", journal.NoteCreated)
	closeVault(t, v)
	if err := os.Remove(filepath.Join(dir, "Daily", "n.md")); err != nil {
		t.Fatal(err)
	}
	v = openVault(t, dir)
	putNote(t, v, "Daily/n.md", "one", journal.NoteCreated)
	closeVault(t, v)
	wantFile(t, filepath.Join(dir, "Daily", "n.md"), "one")
}

func TestVaultRecordOnlyWrittenByClose(t *testing.T) {
	dir := t.TempDir()
	v := openVault(t, dir)
	v.every = time.Hour // no record kept along the way, however slow the machine
	putNote(t, v, "n.md", "one", journal.NoteCreated)
	if _, err := os.Stat(filepath.Join(dir, VaultRecordName)); !os.IsNotExist(err) {
		t.Fatalf("the record was written before Close: %v", err)
	}

	// Not closed: the next export does not know the note as reflect's, but
	// adopts it when the bytes are the same.
	v = openVault(t, dir)
	putNote(t, v, "n.md", "two", journal.NoteNotOurs)
	putNote(t, v, "n.md", "one", journal.NoteUnchanged)
	putNote(t, v, "n.md", "two", journal.NoteUpdated)
	closeVault(t, v)
	closeVault(t, v) // a second Close does nothing
	if _, err := v.Put("n.md", []byte("three")); err == nil {
		t.Fatal("Put after Close succeeded")
	}
	wantFile(t, filepath.Join(dir, "n.md"), "two")
}

func TestVaultDamagedRecord(t *testing.T) {
	for name, record := range map[string]string{
		"garbage":     "{not json",
		"new version": `{"version":2,"notes":{}}`,
		"no version":  `{"notes":{}}`,
		"bad hash":    `{"version":1,"notes":{"n.md":"abc"}}`,
		"bad path":    `{"version":1,"notes":{"../n.md":"` + hashOf(nil) + `"}}`,
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			recPath := filepath.Join(dir, VaultRecordName)
			if err := os.WriteFile(recPath, []byte(record), 0o600); err != nil {
				t.Fatal(err)
			}
			v, err := OpenVault(dir)
			if err == nil {
				v.Close()
				t.Fatal("OpenVault accepted a damaged record")
			}
			if !strings.Contains(err.Error(), recPath) || !strings.Contains(err.Error(), "Nothing was written") {
				t.Fatalf("the error does not name the record or say nothing was written: %v", err)
			}
			wantFile(t, recPath, record)
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Fatalf("the vault holds %d files, want the record alone", len(entries))
			}
		})
	}
}

func TestVaultRejectsBadPaths(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "vault")
	v := openVault(t, dir)
	for _, p := range []string{
		"", "../x.md", "/abs.md", "a/../../x.md", "a/../x.md", "./x.md", "a//x.md", "a/",
		".", "..", VaultRecordName, ".obsidian/x.md", "Daily/.n.md.123.tmp", `a\x.md`,
	} {
		if got, err := v.Put(p, []byte("x")); err == nil {
			t.Errorf("Put(%q) = %v, want an error", p, got)
		}
	}
	closeVault(t, v)
	if entries, _ := os.ReadDir(root); len(entries) != 0 {
		t.Fatalf("something was written beside the vault, or the vault made: %v", entries)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("something was written in the vault: %v", entries)
	}
}

func TestVaultReadOnlyFolder(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		t.Skip("permissions are not enforced here")
	}
	dir := t.TempDir()
	v := openVault(t, dir)
	putNote(t, v, "n.md", "one", journal.NoteCreated)
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o700)

	for _, p := range []string{"n.md", "new.md", "Sub/new.md"} {
		_, err := v.Put(p, []byte("two"))
		if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, filepath.FromSlash(p))) {
			t.Fatalf("Put(%q) in a read-only folder: %v, want an error naming the note", p, err)
		}
	}
	wantFile(t, filepath.Join(dir, "n.md"), "one")
	wantNoTemp(t, dir)
	if err := v.Close(); err == nil || !strings.Contains(err.Error(), filepath.Join(dir, VaultRecordName)) {
		t.Fatalf("Close in a read-only folder: %v, want an error naming the record", err)
	}
}

func TestVaultFailedWriteRemovesTemp(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "d")
	if err := os.MkdirAll(filepath.Join(target, "inside"), 0o700); err != nil {
		t.Fatal(err)
	}
	// The rename over a folder fails, after the temporary file is written.
	err := WriteWhole(target, []byte("x"))
	if err == nil || !strings.Contains(err.Error(), target) {
		t.Fatalf("writeWhole over a folder: %v, want an error naming it", err)
	}
	wantNoTemp(t, dir)
	if fi, err := os.Stat(filepath.Join(target, "inside")); err != nil || !fi.IsDir() {
		t.Fatalf("the folder was changed: %v", err)
	}
}

// TestVaultKeepsItsRecordAlong: while notes are written, the record is
// kept every so often, so that an export stopped by force (SIGKILL) leaves
// the notes written before the last keep known as reflect's.
func TestVaultKeepsItsRecordAlong(t *testing.T) {
	dir := t.TempDir()
	v := openVault(t, dir)
	v.every = 0 // keep after every write
	putNote(t, v, "Daily/a.md", "one", journal.NoteCreated)
	putNote(t, v, "Daily/b.md", "two", journal.NoteCreated)
	// Never closed, as after SIGKILL: the record knows both notes, so a
	// later export updates them rather than leaving them alone.
	if rec := recordOf(t, dir); len(rec.Notes) != 2 {
		t.Fatalf("the record kept along the way: %+v", rec)
	}
	v = openVault(t, dir)
	putNote(t, v, "Daily/a.md", "one, changed", journal.NoteUpdated)
	closeVault(t, v)
}

// TestVaultPrunes removes the notes an export no longer writes, unless a
// person changed them, and forgets those already gone.
func TestVaultPrunes(t *testing.T) {
	dir := t.TempDir()
	v := openVault(t, dir)
	for _, p := range []string{"Daily/a.md", "Daily/b.md", "Daily/c.md", "Daily/d.md", "Weekly/w.md"} {
		putNote(t, v, p, "text of "+p, journal.NoteCreated)
	}
	closeVault(t, v)
	if err := os.WriteFile(filepath.Join(dir, "Daily", "c.md"), []byte("my edit"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "Daily", "d.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "Daily", "mine.md"), []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}

	v = openVault(t, dir)
	putNote(t, v, "Daily/a.md", "text of Daily/a.md", journal.NoteUnchanged)
	removed, kept, err := v.Prune()
	if err != nil {
		t.Fatal(err)
	}
	closeVault(t, v)
	if strings.Join(removed, " ") != "Daily/b.md Weekly/w.md" || strings.Join(kept, " ") != "Daily/c.md" {
		t.Errorf("Prune removed %v and kept %v", removed, kept)
	}
	for p, want := range map[string]bool{"Daily/a.md": true, "Daily/b.md": false, "Daily/c.md": true, "Daily/mine.md": true, "Weekly/w.md": false} {
		if _, err := os.Stat(filepath.Join(dir, p)); (err == nil) != want {
			t.Errorf("%s there: %v, want %v", p, err == nil, want)
		}
	}
	if rec := recordOf(t, dir); len(rec.Notes) != 2 || rec.Notes["Daily/c.md"] == "" {
		t.Errorf("the record after pruning: %+v", rec.Notes)
	}
}

// TestVaultTidiesLeftovers removes the temporary files of a write that an
// export stopped by force left, and nothing of the person's.
func TestVaultTidiesLeftovers(t *testing.T) {
	dir := t.TempDir()
	daily := filepath.Join(dir, "Daily")
	if err := os.MkdirAll(daily, 0o700); err != nil {
		t.Fatal(err)
	}
	leftovers := []string{"Daily/.2026-11-23.md.123456.tmp", "Daily/.2026-W47.md.1.tmp", "Daily/.2026-11.md.22.tmp", ".reflect-export.json.98765.tmp"}
	mine := []string{"Daily/notes.tmp", "Daily/.hidden.md", "Daily/.x.md.tmp", "Daily/2026-11-22.md.1.tmp", "Daily/.ideas.md.2.tmp", "Daily/.plan.json.7.tmp", ".ideas.md.2.tmp", "Daily/.2026-11-23.txt.5.tmp"}
	for _, p := range append(leftovers, mine...) {
		if err := os.WriteFile(filepath.Join(dir, p), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	v := openVault(t, dir)
	putNote(t, v, "Daily/2026-11-23.md", "note", journal.NoteCreated)
	closeVault(t, v)
	for _, p := range leftovers {
		if _, err := os.Stat(filepath.Join(dir, p)); !os.IsNotExist(err) {
			t.Errorf("the leftover %s is still there", p)
		}
	}
	for _, p := range mine {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Errorf("%s, not a leftover, was removed", p)
		}
	}
}

// TestVaultThatIsAFile: a vault that is a file is named plainly.
func TestVaultThatIsAFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "notes")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{file, filepath.Join(file, "sub")} {
		if _, err := OpenVault(dir); err == nil || !strings.Contains(err.Error(), "is not a folder") {
			t.Errorf("OpenVault(%s): %v", dir, err)
		}
	}
}
