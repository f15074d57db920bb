package cmd

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/reflect-cli/reflect/storage/storagetest"
)

var keptCopy = regexp.MustCompile(`A copy is kept in (\S+); 'reflect import (\S+)' brings it back\.`)

func TestDeleteAndImportBack(t *testing.T) {
	e := withFixture(t)
	before := e.mustRun("export", "--week", "2026-W47", "--format", "json").out
	r := e.mustRun("delete", "2026-11-17", "--yes")
	m := keptCopy.FindStringSubmatch(r.err)
	if !strings.HasPrefix(r.err, "Deleted Tuesday 17 November (10 answers).\n") || m == nil || m[1] != m[2] {
		t.Fatalf("delete said %q", r.err)
	}
	kept := m[1]
	if filepath.Dir(kept) != filepath.Dir(e.db) {
		t.Errorf("the copy is in %s, not in the journal's folder", filepath.Dir(kept))
	}
	if fi, err := os.Stat(kept); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the copy: %v, mode %v", err, fi.Mode().Perm())
	}
	if r := e.mustRun("show", "2026-11-17"); !strings.Contains(r.err, "No entry") {
		t.Errorf("the day is still there: %q", r.out)
	}
	if r := e.mustRun("import", kept); r.out != "imported 1 entry: 1 new, 0 merged, 0 unchanged\n" {
		t.Errorf("importing the copy said %q", r.out)
	}
	if after := e.mustRun("export", "--week", "2026-W47", "--format", "json").out; after != before {
		t.Error("delete then import did not give the week back as it was")
	}
	// Deleting the same day again in the same second keeps both copies.
	e.mustRun("delete", "2026-11-17", "-y")
	e.mustRun("import", kept)
	r = e.mustRun("delete", "2026-11-17", "-y")
	if again := keptCopy.FindStringSubmatch(r.err); again == nil || again[1] == kept {
		t.Errorf("the second copy overwrote the first: %q", r.err)
	}
}

func TestDeleteAsks(t *testing.T) {
	e := withFixture(t)
	e.tty = true
	e.asker = &fakeAsker{t: t, confirms: []bool{false}}
	before := fileBytes(t, e.db)
	if r := e.mustRun("delete", "2026-11-17"); r.err != "Nothing was deleted.\n" {
		t.Errorf("declining said %q", r.err)
	}
	if !bytes.Equal(fileBytes(t, e.db), before) {
		t.Error("declining changed the journal")
	}
	e.asker.confirms = []bool{true}
	e.mustRun("delete", "2026-11-17")
	if r := e.mustRun("show", "2026-11-17"); !strings.Contains(r.err, "No entry") {
		t.Error("confirming did not delete the day")
	}
}

func TestDeleteRefuses(t *testing.T) {
	e := withFixture(t)
	before := fileBytes(t, e.db)
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"delete", "2026-11-17"}, exitUsage, "--yes"}, // no terminal to ask in
		{[]string{"delete", "2026-11-14", "--yes"}, exitFailed, "no entry for Saturday 14 November 2026"},
		{[]string{"delete", "someday", "--yes"}, exitUsage, "not a date"},
		{[]string{"delete", "--yes"}, exitUsage, "one DATE"},
	} {
		r := e.run(tt.args...)
		if r.code != tt.code || !strings.Contains(r.err, tt.want) {
			t.Errorf("%v: exit %d, err %q; want exit %d and %q", tt.args, r.code, r.err, tt.code, tt.want)
		}
	}
	if !bytes.Equal(fileBytes(t, e.db), before) {
		t.Error("a refused delete changed the journal")
	}
	// When the copy cannot be written, nothing is deleted. (Every name the
	// copy could take is taken, by a folder: that fails for root too.)
	dir := filepath.Dir(e.db)
	os.Mkdir(filepath.Join(dir, "reflect-deleted-2026-11-17-20261120-211403.json"), 0o700)
	for n := 2; n <= 100; n++ {
		os.Mkdir(filepath.Join(dir, fmt.Sprintf("reflect-deleted-2026-11-17-20261120-211403-%d.json", n)), 0o700)
	}
	if r := e.run("delete", "2026-11-17", "--yes"); r.code != exitFailed || !strings.Contains(r.err, "so nothing was deleted") {
		t.Errorf("delete without a place for the copy: exit %d, err %q", r.code, r.err)
	}
	if !bytes.Equal(fileBytes(t, e.db), before) {
		t.Error("a delete that could not keep a copy changed the journal")
	}
}

// TestDeletingAnUnreadableEntry: an entry damaged on disk stops export,
// decrypt and a passphrase change; delete removes it, keeping its stored
// bytes in a file, and they work again.
func TestDeletingAnUnreadableEntry(t *testing.T) {
	e := withEncryptedFixture(t)
	if err := storagetest.FlipEntryByte(e.db, "2026-11-18"); err != nil {
		t.Fatal(err)
	}
	if r := e.run("export", "--since", "2026-01-01", "--format", "json"); r.code != exitFailed {
		t.Fatalf("export over the damaged day: exit %d", r.code)
	}
	if r := e.run("delete", "2026-11-18"); r.code != exitUsage || !strings.Contains(r.err, "cannot be read") || !strings.Contains(r.err, "--yes") {
		t.Errorf("delete with no terminal: exit %d, err %q", r.code, r.err)
	}
	r := e.mustRun("delete", "2026-11-18", "--yes")
	kept, _ := filepath.Glob(filepath.Join(filepath.Dir(e.db), "reflect-unreadable-2026-11-18-*.bin"))
	if len(kept) != 1 || !strings.Contains(r.err, "Removed the unreadable entry") || !strings.Contains(r.err, kept[0]) {
		t.Fatalf("delete said %q; kept %v", r.err, kept)
	}
	e.mustRun("export", "--since", "2026-01-01", "--format", "json")
	e.mustRun("doctor")
	e.mustRun("decrypt")
}
