package cmd

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/reflect-cli/reflect/storage/storagetest"
)

// withEncryptedFixture returns an env whose journal holds the fixture,
// encrypted under "correct horse battery", named in its passphrase file.
func withEncryptedFixture(t *testing.T) *testEnv {
	t.Helper()
	e := withFixture(t)
	withPassphrase(t, e, "correct horse battery")
	e.mustRun("encrypt")
	return e
}

// withPassphrase puts pass in a file and names it in $REFLECT_PASSPHRASE_FILE.
func withPassphrase(t *testing.T, e *testEnv, pass string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "pass")
	os.WriteFile(path, []byte(pass+"\n"), 0o600)
	e.env[PassphraseFileEnv] = path
	return path
}

func TestEncryptedJournal(t *testing.T) {
	e := withFixture(t)
	before := e.mustRun("export", "--since", "2000-01-01", "--until", "2030-12-31", "--format", "json").out
	withPassphrase(t, e, "correct horse battery")
	if r := e.mustRun("encrypt"); !strings.HasPrefix(r.err, "Encrypted "+e.db) {
		t.Errorf("encrypt said %q", r.err)
	}
	raw := fileBytes(t, e.db)
	for _, text := range []string{"Book the dentist", "Make the hard call", "Dana", `"answer"`} {
		if bytes.Contains(raw, []byte(text)) {
			t.Errorf("%q is in the encrypted journal's bytes", text)
		}
	}
	if after := e.mustRun("export", "--since", "2000-01-01", "--until", "2030-12-31", "--format", "json").out; after != before {
		t.Error("the encrypted journal does not read back as it was")
	}
	if out := e.mustRun("log", "--grep", "dentist").out; !strings.Contains(out, "Book the dentist.") {
		t.Errorf("log on the encrypted journal:\n%s", out)
	}
	e.stdin = `{"win-small": "A secret win."}`
	e.mustRun("today", "--answers", "-")
	if bytes.Contains(fileBytes(t, e.db), []byte("secret win")) {
		t.Error("an answer saved to the encrypted journal is in its bytes")
	}
	if r := e.mustRun("doctor"); !strings.Contains(r.out, "encrypted") || !strings.Contains(r.out, "The journal is sound.") {
		t.Errorf("doctor:\n%s", r.out)
	}
	if r := e.run("encrypt"); r.code != exitFailed || !strings.Contains(r.err, "encrypted already") {
		t.Errorf("encrypting twice: exit %d, err %q", r.code, r.err)
	}

	// A wrong passphrase changes nothing.
	raw = fileBytes(t, e.db)
	withPassphrase(t, e, "wrong horse")
	for _, args := range [][]string{{"log"}, {"today", "--answers", "-"}, {"decrypt"}, {"stats"}} {
		e.stdin = `{"mood": 3}`
		if r := e.run(args...); r.code != exitFailed || !strings.Contains(r.err, "passphrase does not open") {
			t.Errorf("%v with a wrong passphrase: exit %d, err %q", args, r.code, r.err)
		}
	}
	if !bytes.Equal(fileBytes(t, e.db), raw) {
		t.Error("a wrong passphrase changed the journal")
	}
	// No passphrase and no terminal: exit 2, saying how to give one.
	delete(e.env, PassphraseFileEnv)
	if r := e.run("log"); r.code != exitUsage || !strings.Contains(r.err, PassphraseFileEnv) {
		t.Errorf("no passphrase: exit %d, err %q", r.code, r.err)
	}

	// A new passphrase, then decrypted again.
	withPassphrase(t, e, "correct horse battery")
	e.env["REFLECT_NEW_PASSPHRASE_FILE"] = withPassphrase(t, &testEnv{env: map[string]string{}}, "staple")
	raw = fileBytes(t, e.db)
	if r := e.run("passphrase"); r.code != exitUsage || !strings.Contains(r.err, "at least 8") || strings.Count(r.err, "\n") > 2 {
		t.Errorf("a new passphrase of 6 characters: exit %d, err %q", r.code, r.err)
	}
	if !bytes.Equal(fileBytes(t, e.db), raw) {
		t.Error("a refused new passphrase changed the journal")
	}
	e.env["REFLECT_NEW_PASSPHRASE_FILE"] = withPassphrase(t, &testEnv{env: map[string]string{}}, "battery staple")
	e.mustRun("passphrase")
	if r := e.run("log"); r.code != exitFailed {
		t.Errorf("the old passphrase still opens it: exit %d", r.code)
	}
	withPassphrase(t, e, "battery staple")
	e.mustRun("decrypt")
	delete(e.env, PassphraseFileEnv)
	if out := e.mustRun("show", "2026-11-20").out; !strings.Contains(out, "A secret win.") {
		t.Errorf("after decrypting:\n%s", out)
	}
	if r := e.run("decrypt"); r.code != exitFailed || !strings.Contains(r.err, "not encrypted") {
		t.Errorf("decrypting twice: exit %d, err %q", r.code, r.err)
	}
}

func TestEncryptAsksTwice(t *testing.T) {
	e := withFixture(t)
	e.tty = true
	var asked []string
	typed := []string{"correct horse", "correct mouse"}
	secrets := func(prompt string) ([]byte, error) {
		asked = append(asked, prompt)
		s := typed[0]
		typed = typed[1:]
		return []byte(s), nil
	}
	before := fileBytes(t, e.db)
	r := e.runWith(func(a *App) { a.ReadSecret = secrets }, "encrypt")
	if r.code != exitUsage || !strings.Contains(r.err, "differ") || len(asked) != 2 {
		t.Errorf("mismatched passphrases: exit %d, err %q, asked %v", r.code, r.err, asked)
	}
	if !bytes.Equal(fileBytes(t, e.db), before) {
		t.Error("a refused encrypt changed the journal")
	}
}

// TestRestoringAPlainBackupKeepsTheJournalEncrypted: a backup made before
// encryption was turned on is sealed on its way in, under the journal's
// passphrase, and says so; no plain text is left in the journal's file.
func TestRestoringAPlainBackupKeepsTheJournalEncrypted(t *testing.T) {
	e := withFixture(t)
	plain := filepath.Join(t.TempDir(), "before-encryption.db")
	e.mustRun("backup", plain)
	withPassphrase(t, e, "correct horse battery")
	e.mustRun("encrypt")

	r := e.mustRun("restore", plain)
	if !strings.Contains(r.err, "the restored journal is encrypted with the journal's passphrase") {
		t.Errorf("restore said %q", r.err)
	}
	raw := fileBytes(t, e.db)
	for _, text := range []string{"Book the dentist", "Make the hard call", `"answer"`} {
		if bytes.Contains(raw, []byte(text)) {
			t.Errorf("%q is in the journal's bytes after the restore", text)
		}
	}
	if out := e.mustRun("show", "2026-11-20").out; !strings.Contains(out, "Book the dentist.") {
		t.Errorf("show after the restore:\n%s", out)
	}
}

// TestRestoringABackupUnderAnOlderPassphrase: a backup opens with the
// passphrase the journal had when it was made. At a terminal it is asked
// for as the backup's; one that does not open it is named as the backup's,
// and the journal is left as it is.
func TestRestoringABackupUnderAnOlderPassphrase(t *testing.T) {
	e := withEncryptedFixture(t)
	backup := filepath.Join(t.TempDir(), "backup.db")
	e.mustRun("backup", backup)
	e.env["REFLECT_NEW_PASSPHRASE_FILE"] = withPassphrase(t, &testEnv{env: map[string]string{}}, "staple gun sandwich")
	e.mustRun("passphrase")
	delete(e.env, "REFLECT_NEW_PASSPHRASE_FILE")
	withPassphrase(t, e, "staple gun sandwich")
	before := fileBytes(t, e.db)

	r := e.run("restore", backup)
	if lines := strings.Split(strings.TrimSpace(r.err), "\n"); r.code != exitFailed || len(lines) != 2 || lines[0] != "reflect: the passphrase does not open the backup "+backup {
		t.Errorf("restore of a backup under the older passphrase: exit %d, err %q", r.code, r.err)
	}
	if !bytes.Equal(fileBytes(t, e.db), before) {
		t.Error("the journal changed")
	}

	delete(e.env, PassphraseFileEnv)
	e.tty = true
	var asked []string
	secrets := func(prompt string) ([]byte, error) {
		asked = append(asked, prompt)
		return []byte("correct horse battery"), nil
	}
	r = e.runWith(func(a *App) { a.ReadSecret = secrets }, "restore", backup)
	if r.code != 0 || !slices.Equal(asked, []string{"Passphrase for the backup " + backup + ": "}) || !strings.Contains(r.err, "opens with the passphrase the backup was made under") {
		t.Errorf("restore at a terminal: exit %d, asked %q, err %q", r.code, asked, r.err)
	}
}

// TestRestoringOverAJournalThatCannotBeRead: a plain backup put in place of
// a journal whose header is damaged cannot be sealed as the journal was
// (whether it was is not known): restore says so.
func TestRestoringOverAJournalThatCannotBeRead(t *testing.T) {
	e := withFixture(t)
	plain := filepath.Join(t.TempDir(), "plain.db")
	e.mustRun("backup", plain)
	data := fileBytes(t, e.db)
	data[storagetest.PageSize(data)+16] ^= 0xff
	data[16] ^= 0xff
	os.WriteFile(e.db, data, 0o600)
	if r := e.mustRun("restore", plain); !strings.Contains(r.err, "whether it was encrypted is not known") {
		t.Errorf("restore over a journal that cannot be read said %q", r.err)
	}
}

// TestRestoringOverAJournalWhoseLockIsDamaged: restore is how a journal
// whose encryption settings cannot be read is put right; a plain backup
// goes in as it is, and restore says it is not encrypted.
func TestRestoringOverAJournalWhoseLockIsDamaged(t *testing.T) {
	e := withFixture(t)
	plain := filepath.Join(t.TempDir(), "plain.db")
	e.mustRun("backup", plain)
	withPassphrase(t, e, "correct horse battery")
	e.mustRun("encrypt")
	if err := storagetest.SetLock(e.db, map[string]string{"n": `"big"`}); err != nil {
		t.Fatal(err)
	}
	r := e.mustRun("restore", plain)
	if !strings.Contains(r.err, "whether it was encrypted is not known") || !strings.Contains(r.err, "'reflect encrypt' encrypts it") {
		t.Errorf("restore said %q", r.err)
	}
	if out := e.mustRun("show", "2026-11-20").out; !strings.Contains(out, "Book the dentist") {
		t.Errorf("show after the restore:\n%s", out)
	}
}

// TestNoTerminalToAskIn: with no terminal and no passphrase file, encrypt
// says it has nowhere to ask for a new passphrase (not that the journal is
// encrypted), and a command on an encrypted journal that it has nowhere to
// ask for the journal's.
func TestNoTerminalToAskIn(t *testing.T) {
	e := withFixture(t)
	if r := e.run("encrypt"); r.code != exitUsage || !strings.HasPrefix(r.err, "reflect: there is no terminal to ask for a new passphrase\n") {
		t.Errorf("encrypt with no terminal: exit %d, err %q", r.code, r.err)
	}
	withPassphrase(t, e, "correct horse battery")
	e.mustRun("encrypt")
	delete(e.env, PassphraseFileEnv)
	if r := e.run("log"); r.code != exitUsage || !strings.HasPrefix(r.err, "reflect: there is no terminal to ask for the journal's passphrase\n") {
		t.Errorf("log of an encrypted journal with no terminal: exit %d, err %q", r.code, r.err)
	}
}

// TestAPassphraseChangeNeedsANewPassphrase: with only the current
// passphrase's file named, passphrase changes nothing and says why, rather
// than "changing" it to itself.
func TestAPassphraseChangeNeedsANewPassphrase(t *testing.T) {
	e := withEncryptedFixture(t)
	e.assertRefused(t, exitUsage, "REFLECT_NEW_PASSPHRASE_FILE", "passphrase")
}

// assertRefused runs args and fails the test unless they exit with code,
// say want on standard error, and leave the journal's file as it was.
func (e *testEnv) assertRefused(t *testing.T, code int, want string, args ...string) {
	t.Helper()
	raw := fileBytes(t, e.db)
	if r := e.run(args...); r.code != code || !strings.Contains(r.err, want) {
		t.Errorf("%v: exit %d, err %q; want exit %d and %q", args, r.code, r.err, code, want)
	}
	if !bytes.Equal(fileBytes(t, e.db), raw) {
		t.Errorf("%v changed the journal", args)
	}
}

// TestEncryptNamesThePlainCopiesBesideTheJournal: encryption does not reach
// the copies reflect left beside the journal in plain text; encrypt names
// them and, in a terminal, offers to remove them.
func TestEncryptNamesThePlainCopiesBesideTheJournal(t *testing.T) {
	e := withFixture(t)
	e.mustRun("delete", "2026-11-17", "--yes")
	copies, _ := filepath.Glob(filepath.Join(filepath.Dir(e.db), "reflect-deleted-*.json"))
	if len(copies) != 1 {
		t.Fatalf("delete kept %v", copies)
	}
	withPassphrase(t, e, "correct horse battery")
	r := e.mustRun("encrypt")
	if !strings.Contains(r.err, "in plain text") || !strings.Contains(r.err, copies[0]) {
		t.Errorf("encrypt said %q", r.err)
	}
	if _, err := os.Stat(copies[0]); err != nil {
		t.Errorf("without a terminal, the copy was not left alone: %v", err)
	}

	// A copy delete keeps of an encrypted journal's day says it is plain.
	if r := e.mustRun("delete", "2026-11-18", "--yes"); !strings.Contains(r.err, "in plain text: encryption does not reach it") {
		t.Errorf("delete of an encrypted journal's day said %q", r.err)
	}
	copies, _ = filepath.Glob(filepath.Join(filepath.Dir(e.db), "reflect-deleted-*.json"))

	e.mustRun("decrypt")
	e.tty = true
	e.asker = &fakeAsker{t: t, confirms: []bool{true}}
	if r := e.mustRun("encrypt"); !strings.Contains(r.err, "Removed 2 copies.") {
		t.Errorf("encrypt in a terminal said %q", r.err)
	}
	if _, err := os.Stat(copies[0]); !os.IsNotExist(err) {
		t.Errorf("the copy is still there (%v)", err)
	}
}

// TestAShortNewPassphraseIsRefused: under 8 characters, a new passphrase
// from a file is refused (exit 2, nothing changed); at a terminal, it is
// asked for again.
func TestAShortNewPassphraseIsRefused(t *testing.T) {
	e := withFixture(t)
	before := fileBytes(t, e.db)
	withPassphrase(t, e, "seven c")
	if r := e.run("encrypt"); r.code != exitUsage || !strings.Contains(r.err, "has 7 characters; it needs at least 8") || strings.Count(r.err, "\n") > 2 {
		t.Errorf("encrypt with a passphrase of 7 characters: exit %d, err %q", r.code, r.err)
	}
	if !bytes.Equal(fileBytes(t, e.db), before) {
		t.Error("a refused encrypt changed the journal")
	}

	delete(e.env, PassphraseFileEnv)
	e.tty = true
	var asked []string
	typed := []string{"ünïcödé", "ünïcödé!", "ünïcödé!"} // 7, then 8 characters (more bytes)
	secrets := func(prompt string) ([]byte, error) {
		asked = append(asked, prompt)
		s := typed[0]
		typed = typed[1:]
		return []byte(s), nil
	}
	r := e.runWith(func(a *App) { a.ReadSecret = secrets }, "encrypt")
	if r.code != 0 || len(asked) != 3 || asked[1] != "New passphrase: " || !strings.Contains(r.err, "That is 7 characters; a passphrase needs at least 8.") {
		t.Errorf("a short passphrase at the terminal: exit %d, err %q, asked %q", r.code, r.err, asked)
	}
}

// TestAPassphraseFileOthersCanReadIsRefused: as ssh does with a key, a
// passphrase file that group or others may read is not used (exit 2, and
// the advice is the chmod that fixes it).
func TestAPassphraseFileOthersCanReadIsRefused(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows' permissions are not mode bits")
	}
	e := withFixture(t)
	path := withPassphrase(t, e, "correct horse battery")
	e.mustRun("encrypt")
	raw := fileBytes(t, e.db)
	for _, mode := range []os.FileMode{0o640, 0o604, 0o644, 0o660} {
		os.Chmod(path, mode)
		r := e.run("log")
		lines := strings.Split(strings.TrimSpace(r.err), "\n")
		if r.code != exitUsage || len(lines) != 2 || !strings.Contains(lines[0], "can be read by others") || lines[1] != "chmod 600 "+path {
			t.Errorf("a passphrase file of mode %04o: exit %d, err %q", mode, r.code, r.err)
		}
	}
	// The new passphrase's file is named by its own variable.
	os.Chmod(path, 0o600)
	newPath := withPassphrase(t, &testEnv{env: map[string]string{}}, "staple gun sandwich")
	os.Chmod(newPath, 0o644)
	e.env["REFLECT_NEW_PASSPHRASE_FILE"] = newPath
	r := e.run("passphrase")
	if lines := strings.Split(strings.TrimSpace(r.err), "\n"); r.code != exitUsage || len(lines) != 2 ||
		!strings.HasPrefix(lines[0], "reflect: $REFLECT_NEW_PASSPHRASE_FILE: "+newPath+" can be read by others") || lines[1] != "chmod 600 "+newPath {
		t.Errorf("a new passphrase file of mode 0644: exit %d, err %q", r.code, r.err)
	}
	delete(e.env, "REFLECT_NEW_PASSPHRASE_FILE")
	if !bytes.Equal(fileBytes(t, e.db), raw) {
		t.Error("a refused passphrase file changed the journal")
	}
	for _, mode := range []os.FileMode{0o600, 0o400} {
		os.Chmod(path, mode)
		e.mustRun("log")
	}
}

// TestDaysChangedOutsideReflect: a day of an encrypted journal put back
// from an older copy of the file, and a day taken out of it, are reported
// by doctor (exit 1, the file unchanged) and by the commands that read
// them; doctor --accept takes the journal as it is.
func TestDaysChangedOutsideReflect(t *testing.T) {
	e := withEncryptedFixture(t)
	older := filepath.Join(t.TempDir(), "older.db")
	os.WriteFile(older, fileBytes(t, e.db), 0o600)
	e.stdin = `{"win-small": "A later win."}`
	e.mustRun("today", "--answers", "-", "--date", "2026-11-19")
	if err := storagetest.PutBackDay(e.db, older, "2026-11-19"); err != nil {
		t.Fatal(err)
	}
	if err := storagetest.RemoveDay(e.db, "2026-11-17"); err != nil {
		t.Fatal(err)
	}
	raw := fileBytes(t, e.db)

	r := e.run("doctor")
	for _, want := range []string{
		"  ✗ the entry of 2026-11-17 was removed outside reflect\n",
		"  ✗ the entry of 2026-11-19 is not as reflect last wrote it: an older copy was put back, or it was changed outside reflect\n",
	} {
		if !strings.Contains(r.out, want) {
			t.Errorf("doctor lacks %q:\n%s", want, r.out)
		}
	}
	if r.code != exitFailed || !strings.HasPrefix(r.err, "reflect: the journal was changed outside reflect\n") || !strings.Contains(r.err, "reflect doctor --accept") {
		t.Errorf("doctor: exit %d, err %q", r.code, r.err)
	}
	if !bytes.Equal(fileBytes(t, e.db), raw) {
		t.Error("doctor changed the journal")
	}

	r = e.mustRun("show", "2026-11-19")
	if !strings.Contains(r.err, "reflect: the entry of 2026-11-19 is not as reflect last wrote it") || strings.Contains(r.out, "A later win") {
		t.Errorf("show of the day put back: out %q, err %q", r.out, r.err)
	}
	r = e.run("show", "2026-11-17")
	if !strings.Contains(r.err, "reflect: the entry of 2026-11-17 was removed outside reflect") {
		t.Errorf("show of the day removed: exit %d, err %q", r.code, r.err)
	}
	r = e.mustRun("export", "--week", "2026-W47")
	if strings.Count(r.err, "reflect: the entry of") != 2 {
		t.Errorf("export of the week tells each change once:\n%s", r.err)
	}

	r = e.mustRun("doctor", "--accept")
	if !strings.Contains(r.out, "Accepted") || !strings.HasSuffix(r.out, "The journal is sound.\n") {
		t.Errorf("doctor --accept:\n%s", r.out)
	}
	if r := e.mustRun("show", "2026-11-19"); r.err != "" {
		t.Errorf("show after accepting: err %q", r.err)
	}
	if r := e.mustRun("doctor", "--accept"); !strings.Contains(r.out, "Nothing to accept") {
		t.Errorf("doctor --accept on a sound journal:\n%s", r.out)
	}
}

// TestPassphraseFiles: the first line of a passphrase file is the
// passphrase (a password manager keeps notes below it); a file that is not
// there is named plainly; a new passphrase that could not be typed at a
// prompt is refused.
func TestPassphraseFiles(t *testing.T) {
	e := withFixture(t)
	path := withPassphrase(t, e, "correct horse battery")
	os.WriteFile(path, []byte("correct horse battery\nurl: example.org\nuser: me\n"), 0o600)
	e.mustRun("encrypt")
	withPassphrase(t, e, "correct horse battery")
	if out := e.mustRun("show", "2026-11-20").out; !strings.Contains(out, "Book the dentist") {
		t.Errorf("the journal, opened with the first line alone:\n%s", out)
	}

	e.env[PassphraseFileEnv] = filepath.Join(t.TempDir(), "none")
	if r := e.run("log"); r.code != exitUsage || r.err != "reflect: $REFLECT_PASSPHRASE_FILE: there is no file at "+e.env[PassphraseFileEnv]+"\n" {
		t.Errorf("a passphrase file that is not there: exit %d, err %q", r.code, r.err)
	}

	withPassphrase(t, e, "correct horse battery")
	e.env["REFLECT_NEW_PASSPHRASE_FILE"] = withPassphrase(t, &testEnv{env: map[string]string{}}, "          ")
	if r := e.run("passphrase"); r.code != exitUsage || !strings.Contains(r.err, "only spaces") {
		t.Errorf("a new passphrase of spaces: exit %d, err %q", r.code, r.err)
	}
	e.env["REFLECT_NEW_PASSPHRASE_FILE"] = withPassphrase(t, &testEnv{env: map[string]string{}}, "staple gun\x00sandwich")
	e.assertRefused(t, exitUsage, "cannot be typed at a prompt", "passphrase")
}

// TestAnswersWithNoPassphraseToSaveThem: answers given to an encrypted
// journal with no passphrase to open it are kept in a file, and the error
// names it, with the advice of the cause.
func TestAnswersWithNoPassphraseToSaveThem(t *testing.T) {
	e := withEncryptedFixture(t)
	delete(e.env, PassphraseFileEnv)
	e.stdin = `{"win-small": "Piped words."}`
	r := e.run("today", "--answers", "-")
	kept, _ := filepath.Glob(filepath.Join(filepath.Dir(e.db), "reflect-answers-*.json"))
	if r.code != exitFailed || len(kept) != 1 || !strings.Contains(r.err, "Your answers are kept in "+kept[0]) || !strings.Contains(r.err, "REFLECT_PASSPHRASE_FILE") {
		t.Errorf("exit %d, err %q, kept %v", r.code, r.err, kept)
	}
}
