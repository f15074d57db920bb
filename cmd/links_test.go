package cmd

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A journal's path may be a link to the journal (one kept in a synced
// folder, say). The commands that replace the whole file (encrypt, decrypt,
// passphrase, restore) replace the file the link leads to, and the link
// stays a link: replacing the link itself would leave the real journal
// behind, in plain text and never written again.

// knownAnswer is an answer of the fixture, looked for in raw bytes.
const knownAnswer = "Book the dentist"

// withLinkedFixture returns an env whose journal holds the fixture and whose
// --db is a link, in a folder of its own, to the journal; and the journal's
// real path.
func withLinkedFixture(t *testing.T) (e *testEnv, real string) {
	t.Helper()
	e = withFixture(t)
	real = e.db
	link := filepath.Join(t.TempDir(), "link.db")
	if err := os.Symlink(real, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	e.db = link
	return e, real
}

// assertStillLinked fails the test unless e.db is still a link to real.
func assertStillLinked(t *testing.T, e *testEnv, real string) {
	t.Helper()
	fi, err := os.Lstat(e.db)
	if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("%s is no longer a link: %v", e.db, lstatSays(fi, err))
	}
	if to, err := os.Readlink(e.db); err != nil || to != real {
		t.Fatalf("%s now leads to %q (%v), not %s", e.db, to, err, real)
	}
	if fi, err := os.Lstat(real); err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the journal %s: %v", real, lstatSays(fi, err))
	}
}

// lstatSays is what an os.Lstat found, for a test's message: the error, or
// the mode.
func lstatSays(fi fs.FileInfo, err error) any {
	if err != nil {
		return err
	}
	return fi.Mode()
}

// assertAloneInFolder fails the test if anything but the link is in its
// folder: no copy of the journal, plain or not, is left beside it.
func assertAloneInFolder(t *testing.T, link string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(link))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range entries {
		if d.Name() != filepath.Base(link) {
			t.Errorf("%s was left beside the link", d.Name())
		}
	}
}

// assertNoPlainText fails the test if the known answer is in the bytes of
// any file in path's folder other than those named in except.
func assertNoPlainText(t *testing.T, path string, except ...string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range entries {
		p := filepath.Join(filepath.Dir(path), d.Name())
		if !d.Type().IsRegular() || strings.Contains(strings.Join(except, "\x00"), p) {
			continue
		}
		if bytes.Contains(fileBytes(t, p), []byte(knownAnswer)) {
			t.Errorf("%q is in the bytes of %s", knownAnswer, p)
		}
	}
}

// exportAll is every entry of the journal at db, as JSON.
func exportAll(t *testing.T, e *testEnv, db string) string {
	t.Helper()
	return e.at(db).mustRun("export", "--since", "2000-01-01", "--until", "2030-12-31", "--format", "json").out
}

// at returns a copy of the env whose --db is db; it shares e's environment.
func (e *testEnv) at(db string) *testEnv {
	c := *e
	c.db = db
	return &c
}

func TestEncryptThroughALink(t *testing.T) {
	e, real := withLinkedFixture(t)
	before := exportAll(t, e, real)
	withPassphrase(t, e, "correct horse battery")
	e.mustRun("encrypt")
	assertStillLinked(t, e, real)
	assertAloneInFolder(t, e.db)
	assertNoPlainText(t, real)
	if got := exportAll(t, e, real); got != before {
		t.Error("the journal the link leads to does not read back as it was")
	}
	// Later writes through the link reach the journal, sealed.
	e.stdin = `{"win-small": "A secret win."}`
	e.mustRun("today", "--answers", "-")
	if bytes.Contains(fileBytes(t, real), []byte("secret win")) {
		t.Error("an answer saved through the link is in the journal's bytes")
	}
	if out := exportAll(t, e, real); !strings.Contains(out, "A secret win.") {
		t.Error("an answer saved through the link did not reach the journal")
	}
}

func TestPassphraseChangeThroughALink(t *testing.T) {
	e, real := withLinkedFixture(t)
	withPassphrase(t, e, "correct horse battery")
	e.at(real).mustRun("encrypt")
	sealed := fileBytes(t, real)

	e.env["REFLECT_NEW_PASSPHRASE_FILE"] = withPassphrase(t, &testEnv{env: map[string]string{}}, "staple gun sandwich")
	e.mustRun("passphrase")
	assertStillLinked(t, e, real)
	assertAloneInFolder(t, e.db)
	assertNoPlainText(t, real)
	if bytes.Equal(fileBytes(t, real), sealed) {
		t.Error("the passphrase change did not reach the journal the link leads to")
	}
	if r := e.at(real).run("log"); r.code != exitFailed || !strings.Contains(r.err, "passphrase does not open") {
		t.Errorf("the old passphrase on the journal itself: exit %d, err %q", r.code, r.err)
	}
	withPassphrase(t, e, "staple gun sandwich")
	if out := exportAll(t, e, real); !strings.Contains(out, knownAnswer) {
		t.Errorf("the journal, opened with the new passphrase:\n%s", out)
	}
}

func TestDecryptThroughALink(t *testing.T) {
	e, real := withLinkedFixture(t)
	before := exportAll(t, e, real)
	withPassphrase(t, e, "correct horse battery")
	e.at(real).mustRun("encrypt")

	e.mustRun("decrypt")
	assertStillLinked(t, e, real)
	assertAloneInFolder(t, e.db)
	delete(e.env, PassphraseFileEnv) // no passphrase to give: none is asked
	if got := exportAll(t, e, real); got != before {
		t.Errorf("the journal the link leads to, decrypted, does not read as it was:\n%s", got)
	}
	if !bytes.Contains(fileBytes(t, real), []byte(knownAnswer)) {
		t.Error("the journal the link leads to is still sealed")
	}
}

func TestRestoreThroughALink(t *testing.T) {
	e, real := withLinkedFixture(t)
	before := exportAll(t, e, real)
	backup := filepath.Join(t.TempDir(), "backup.db")
	e.mustRun("backup", backup)
	e.stdin = `{"mood": 1}`
	e.mustRun("today", "--answers", "-", "--date", "2026-11-19")
	changed := fileBytes(t, real)

	r := e.mustRun("restore", backup)
	assertStillLinked(t, e, real)
	assertAloneInFolder(t, e.db)
	if got := exportAll(t, e, real); got != before {
		t.Error("restore through the link did not give the journal it leads to the entries back")
	}
	// The journal as it was is kept beside itself, a file of its own.
	kept, _ := filepath.Glob(real + ".before-restore-*")
	if len(kept) != 1 || !strings.Contains(r.err, kept[0]) {
		t.Fatalf("kept %v; restore said %q", kept, r.err)
	}
	if fi, err := os.Lstat(kept[0]); err != nil || !fi.Mode().IsRegular() || !bytes.Equal(fileBytes(t, kept[0]), changed) {
		t.Errorf("the journal as it was is not kept whole beside itself: %v", lstatSays(fi, err))
	}
}

// A link that leads nowhere (the journal moved away, or on a disk not
// mounted now) or round in a loop is reported: it is not read as no journal
// yet, nor followed to make a new journal where it points, nor replaced.
func TestALinkThatLeadsNowhereIsRefused(t *testing.T) {
	e := newEnv(t)
	backup := filepath.Join(t.TempDir(), "backup.db")
	withFixture(t).mustRun("backup", backup)
	answers := filepath.Join(t.TempDir(), "answers.json")
	os.WriteFile(answers, []byte(`{"mood": 3}`), 0o600)
	dir := t.TempDir()
	gone := filepath.Join(dir, "moved-away.db")
	loopA, loopB := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	if err := os.Symlink(gone, filepath.Join(dir, "dangling.db")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	os.Symlink(loopB, loopA)
	os.Symlink(loopA, loopB)
	for _, link := range []string{filepath.Join(dir, "dangling.db"), loopA} {
		e.db = link
		// (today --answers - keeps the answers beside the link: see
		// TestPipedAnswersThroughALinkThatLeadsNowhere.)
		for _, args := range [][]string{{"today", "--answers", answers}, {"log"}, {"encrypt"}, {"restore", backup}} {
			e.stdin = `{"mood": 3}`
			r := e.run(args...)
			if r.code != exitFailed || !strings.HasPrefix(r.err, "reflect: "+link+" is a link to ") || strings.Count(r.err, "reflect:") != 1 {
				t.Errorf("%v through %s: exit %d, err %q", args, filepath.Base(link), r.code, r.err)
			}
		}
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("%s is no longer a link: %v", link, err)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		t.Errorf("files were made beside the links: %v", entries)
	}
}

// The unfinished copies an interrupted encrypt or restore leaves are made
// beside the journal the link leads to, named after it: opening the
// journal through the link removes them there.
func TestUnfinishedCopiesBesideALinkedJournalAreRemoved(t *testing.T) {
	e, real := withLinkedFixture(t)
	gone := []string{
		filepath.Join(filepath.Dir(real), "."+filepath.Base(real)+".rewrite-2831590412"),
		filepath.Join(filepath.Dir(real), "."+filepath.Base(real)+".restore-17"),
	}
	for _, path := range gone {
		if err := os.WriteFile(path, []byte("a copy of the journal, cut short"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	r := e.mustRun("show", "2026-11-20")
	for _, path := range gone {
		if _, err := os.Lstat(path); err == nil {
			t.Errorf("%s is still there", filepath.Base(path))
		}
		if !strings.Contains(r.err, "removed an unfinished copy left by an interrupted ") || !strings.Contains(r.err, path) {
			t.Errorf("stderr %q does not name %s", r.err, path)
		}
	}
	assertStillLinked(t, e, real)
}

// TestEncryptThroughALinkNamesThePlainCopiesBesideTheJournal: restore keeps
// the journal as it was beside the file a link leads to; encrypt through the
// link looks there too, and names that copy while it is in plain text.
func TestEncryptThroughALinkNamesThePlainCopiesBesideTheJournal(t *testing.T) {
	e, real := withLinkedFixture(t)
	backup := filepath.Join(t.TempDir(), "backup.db")
	e.mustRun("backup", backup)
	e.mustRun("restore", backup)
	kept, _ := filepath.Glob(real + ".before-restore-*")
	if len(kept) != 1 {
		t.Fatalf("restore kept %v", kept)
	}
	withPassphrase(t, e, "correct horse battery")
	if r := e.mustRun("encrypt"); !strings.Contains(r.err, "in plain text") || !strings.Contains(r.err, kept[0]) {
		t.Errorf("encrypt through the link said %q; the plain copy is %s", r.err, kept[0])
	}
}

// TestAJournalWithOtherNames: a journal whose file has another name (a
// hard link) would be replaced under one name only. encrypt and passphrase
// refuse (the other name would keep it in plain text, or under the old
// passphrase) and change nothing; decrypt and restore say the other name
// still holds the journal as it was.
func TestAJournalWithOtherNames(t *testing.T) {
	e := withFixture(t)
	other := filepath.Join(t.TempDir(), "other.db")
	if err := os.Link(e.db, other); err != nil {
		t.Skipf("no hard links here: %v", err)
	}
	before := fileBytes(t, e.db)
	withPassphrase(t, e, "correct horse battery")
	if r := e.run("encrypt"); r.code != exitFailed || !strings.Contains(r.err, "has 2 names (hard links)") || !strings.Contains(r.err, "in plain text") {
		t.Errorf("encrypt of a journal with another name: exit %d, err %q", r.code, r.err)
	}
	if !bytes.Equal(fileBytes(t, e.db), before) {
		t.Fatal("the refused encrypt changed the journal")
	}

	os.Remove(other)
	e.mustRun("encrypt")
	if err := os.Link(e.db, other); err != nil {
		t.Fatal(err)
	}
	e.env["REFLECT_NEW_PASSPHRASE_FILE"] = withPassphrase(t, &testEnv{env: map[string]string{}}, "staple gun sandwich")
	if r := e.run("passphrase"); r.code != exitFailed || !strings.Contains(r.err, "under the old passphrase") {
		t.Errorf("passphrase of a journal with another name: exit %d, err %q", r.code, r.err)
	}
	if r := e.mustRun("decrypt"); !strings.Contains(r.err, "had another name (a hard link); it still holds the journal as it was") {
		t.Errorf("decrypt said %q", r.err)
	}
}

// TestPipedAnswersThroughALinkThatLeadsNowhere: answers piped in have no
// other copy; a journal link that leads nowhere keeps them in a file.
func TestPipedAnswersThroughALinkThatLeadsNowhere(t *testing.T) {
	e := newEnv(t)
	link := filepath.Join(t.TempDir(), "dangling.db")
	if err := os.Symlink(filepath.Join(t.TempDir(), "gone", "journal.db"), link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	e.db = link
	e.stdin = `{"win-small": "Piped words."}`
	r := e.run("today", "--answers", "-")
	kept, _ := filepath.Glob(filepath.Join(filepath.Dir(link), "reflect-answers-*.json"))
	if r.code != exitFailed || len(kept) != 1 || !strings.Contains(r.err, "which is not there") || !strings.Contains(r.err, "kept in "+kept[0]) {
		t.Fatalf("exit %d, err %q, kept %v", r.code, r.err, kept)
	}
	if !bytes.Contains(fileBytes(t, kept[0]), []byte("Piped words.")) {
		t.Error("the kept file does not hold the answer")
	}
}
