package cmd

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cli/reflect/storage"
)

// answerFile writes an answers file for 'reflect today --answers'.
func answerFile(t *testing.T, json string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "answers.json")
	if err := os.WriteFile(p, []byte(json), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// syncTwoEvenings writes an evening on A and syncs it to dirA, writes one
// of the same day on B and syncs it to dirB, then syncs A and B again (the
// folder remembered): each must then hold both evenings. It returns what
// A's first sync said.
func syncTwoEvenings(t *testing.T, a, b *testEnv, dirA, dirB string) string {
	t.Helper()
	a.mustRun("today", "--answers", answerFile(t, `{"mood": 4, "win-small": "Fixed the bike."}`))
	first := a.mustRun("sync", dirA).err
	b.mustRun("today", "--answers", answerFile(t, `{"mood": 3, "win-small": "Called Mum."}`))
	b.mustRun("sync", dirB)
	a.mustRun("sync")
	b.mustRun("sync")
	for name, e := range map[string]*testEnv{"A": a, "B": b} {
		out := e.mustRun("show").out
		if !strings.Contains(out, "Fixed the bike.") || !strings.Contains(out, "Called Mum.") {
			t.Errorf("%s's evening after the syncs:\n%s", name, out)
		}
	}
	return first
}

func TestSyncThroughAPlainFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Sync", "reflect")
	a, b := newEnv(t), newEnv(t)
	if first := syncTwoEvenings(t, a, b, dir, dir); !strings.Contains(first, "0 days merged in, 1 file written.") {
		t.Errorf("A's first sync said %q", first)
	}
	for _, e := range []*testEnv{b, a} {
		if r := e.mustRun("sync"); !strings.Contains(r.err, "0 days merged in, 0 files written.") {
			t.Errorf("a sync with nothing new said %q", r.err)
		}
	}
	if out := a.mustRun("status", "--json").out; !strings.Contains(out, `"last_sync": "2026-11-20T21:14:03+01:00"`) {
		t.Errorf("status --json after a sync:\n%s", out)
	}
	if out := a.mustRun("status").out; !strings.Contains(out, "Last sync: Friday 20 November, 21:14.") {
		t.Errorf("status after a sync:\n%s", out)
	}
	if out := newEnv(t).mustRun("status", "--json").out; strings.Contains(out, "last_sync") {
		t.Errorf("status --json of a journal that never synced:\n%s", out)
	}
}

func TestSyncRefusesWhatItCannotDo(t *testing.T) {
	e := newEnv(t)
	if r := e.run("sync"); r.code != 2 || !strings.Contains(r.err, "reflect: no sync folder yet") {
		t.Errorf("sync with no folder: exit %d, %q", r.code, r.err)
	}
	if r := e.run("sync", filepath.Dir(filepath.Dir(e.db))); r.code != 2 || !strings.Contains(r.err, "is inside") {
		t.Errorf("sync with the journal's own folder: exit %d, %q", r.code, r.err)
	}
	e.mustRun("note", "A first line.")
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(filepath.Dir(e.db), link); err != nil {
		t.Fatal(err)
	}
	if r := e.run("sync", link); r.code != 2 || !strings.Contains(r.err, "is inside") {
		t.Errorf("sync with a link to the journal's own folder: exit %d, %q", r.code, r.err)
	}
	relative := newEnv(t)
	relative.db = "journal.db" // beside the folder it is run in
	t.Chdir(filepath.Dir(e.db))
	if r := relative.run("sync", "."); r.code != 2 || !strings.Contains(r.err, "is inside") {
		t.Errorf("sync with a relative journal in the folder: exit %d, %q", r.code, r.err)
	}
	file := filepath.Join(t.TempDir(), "passwd")
	if err := os.WriteFile(file, []byte("root:x:0:0\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := e.run("sync", file); r.code != 2 || !strings.Contains(r.err, "is not a folder") {
		t.Errorf("sync with a file: exit %d, %q", r.code, r.err)
	}
}

func TestSyncSkipsAFileThatDoesNotParse(t *testing.T) {
	dir := t.TempDir()
	e := newEnv(t)
	bad := filepath.Join(dir, "2026", "11", "2026-11-19.other-1a2b.json")
	if err := os.MkdirAll(filepath.Dir(bad), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte(`[{"date": "2026-11-19", "answ`), 0o600); err != nil {
		t.Fatal(err)
	}
	r := e.run("sync", dir)
	if r.code != 0 || !strings.Contains(r.err, "reflect: skipped 2026/11/2026-11-19.other-1a2b.json: ") || !strings.Contains(r.err, "the next sync tries it again") {
		t.Errorf("sync with a half-copied file: exit %d, %q", r.code, r.err)
	}
	r = e.run("doctor")
	if r.code != 1 || !strings.Contains(r.out, "✗ 2026/11/2026-11-19.other-1a2b.json: ") || !strings.Contains(r.err, "reflect: 1 file of the sync folder cannot be read") {
		t.Errorf("doctor with a half-copied file: exit %d, %q, %q", r.code, r.out, r.err)
	}
	if err := os.Remove(bad); err != nil {
		t.Fatal(err)
	}
	leftover := filepath.Join(filepath.Dir(bad), ".2026-11-19.other-1a2b.json.123.tmp")
	if err := os.WriteFile(leftover, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	long := time.Now().Add(-2 * time.Hour)
	os.Chtimes(leftover, long, long)
	if r := e.mustRun("doctor"); !strings.Contains(r.out, "Checked the sync folder "+dir+": 0 files") {
		t.Errorf("doctor with a sound folder: %q", r.out)
	}
	if _, err := os.Stat(leftover); err != nil {
		t.Errorf("doctor changed the folder: %v", err)
	}
	if err := os.Mkdir(filepath.Join(filepath.Dir(bad), "2026-11-18.other-1a2b.json"), 0o700); err != nil {
		t.Fatal(err)
	}
	if r := e.run("doctor"); r.code != 1 || !strings.Contains(r.out, "✗ 2026/11/2026-11-18.other-1a2b.json: it is not a file") {
		t.Errorf("doctor with a folder at a day file's path: exit %d, %q", r.code, r.out)
	}
	if err := os.Symlink(t.TempDir(), filepath.Join(dir, "2026", "10")); err != nil {
		t.Fatal(err)
	}
	if r := e.run("doctor"); r.code != 1 || !strings.Contains(r.out, "✗ 2026/10/: it is a link") || !strings.Contains(r.err, "reflect: 2 places in the sync folder cannot be read") {
		t.Errorf("doctor with a month that is a link: exit %d, %q, %q", r.code, r.out, r.err)
	}
}

// git runs git in dir for a test, and returns what it printed.
func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

// gitClone clones the bare repository remote into a new folder, as a
// person on a machine of their own would.
func gitClone(t *testing.T, remote, who string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "journal-sync")
	git(t, filepath.Dir(dir), "clone", "--quiet", remote, dir)
	git(t, dir, "config", "user.name", who)
	git(t, dir, "config", "user.email", who+"@example.com")
	git(t, dir, "config", "commit.gpgsign", "false")
	return dir
}

func commits(t *testing.T, dir string) string {
	t.Helper()
	return git(t, dir, "rev-list", "--all", "--count")
}

// bareRemote makes a bare repository for a git test, with git's settings
// of the machine left out; it skips the test where git is not installed.
func bareRemote(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_CONFIG_GLOBAL", "/dev/null")
	remote := filepath.Join(t.TempDir(), "remote.git")
	git(t, filepath.Dir(remote), "init", "--quiet", "--bare", "--initial-branch=main", remote)
	return remote
}

func TestSyncThroughGit(t *testing.T) {
	remote := bareRemote(t)
	dirA, dirB := gitClone(t, remote, "anna"), gitClone(t, remote, "bea")
	a, b := newEnv(t), newEnv(t)
	// A machine with no day yet has nothing to commit, and that is no error.
	if r := newEnv(t).run("sync", gitClone(t, remote, "cleo")); r.code != 0 {
		t.Errorf("the sync of an empty journal: exit %d, %q", r.code, r.err)
	}
	if first := syncTwoEvenings(t, a, b, dirA, dirB); !strings.Contains(first, "Committed and pushed") {
		t.Errorf("A's first sync said %q", first)
	}
	if msg := git(t, dirA, "log", "-1", "--format=%s"); !strings.HasPrefix(msg, "reflect sync: 1 day from ") {
		t.Errorf("the last commit says %q", msg)
	}

	// A second round makes no commit.
	before := commits(t, dirA)
	a.mustRun("sync")
	b.mustRun("sync")
	a.mustRun("sync")
	if after := commits(t, dirA); after != before {
		t.Errorf("a round with nothing new made commits: %s, then %s", before, after)
	}

	// Offline: the journal side is done, and the next sync pushes.
	git(t, dirA, "remote", "set-url", "origin", filepath.Join(t.TempDir(), "gone.git"))
	a.now = a.now.AddDate(0, 0, 1)
	a.mustRun("today", "--answers", answerFile(t, `{"mood": 5, "win-small": "Offline win."}`))
	r := a.run("sync")
	if r.code != 1 || !strings.Contains(r.err, "reflect: the journal and the folder are synced, but git") || !strings.Contains(r.err, "The next 'reflect sync' tries git again.") {
		t.Errorf("sync offline: exit %d, %q", r.code, r.err)
	}
	// The last sync is the one the other machines had.
	if out := a.mustRun("status", "--json").out; !strings.Contains(out, `"last_sync": "2026-11-20T21:14:03+01:00"`) {
		t.Errorf("status --json after a sync that git failed:\n%s", out)
	}
	git(t, dirA, "remote", "set-url", "origin", remote)
	a.mustRun("sync")
	b.mustRun("sync")
	b.now = a.now
	if out := b.mustRun("show").out; !strings.Contains(out, "Offline win.") {
		t.Errorf("B after A came back online:\n%s", out)
	}
}

// TestAnEncryptedJournalDoesNotSync: encrypted, a journal that synced
// keeps nothing of what it knew of the folder (hashes of its answers among
// it), refuses to write its days there in the clear, and syncs them all
// again once decrypted.
func TestAnEncryptedJournalDoesNotSync(t *testing.T) {
	dir := t.TempDir()
	e := withFixture(t)
	first := e.mustRun("sync", dir).err
	withPassphrase(t, e, "correct horse battery")
	e.mustRun("encrypt")
	if raw := fileBytes(t, e.db); bytes.Contains(raw, []byte("sync-files")) || bytes.Contains(raw, []byte("sync-changed")) {
		t.Error("the encrypted journal keeps what it knew of the sync folder")
	}
	before := fileNames(t, dir)
	r := e.run("sync")
	if r.code != 1 || !strings.Contains(r.err, "reflect: an encrypted journal does not sync") {
		t.Errorf("sync of an encrypted journal: exit %d, %q", r.code, r.err)
	}
	if after := fileNames(t, dir); !slices.Equal(before, after) {
		t.Errorf("the folder changed: %v, then %v", before, after)
	}
	e.mustRun("decrypt")
	if again := e.mustRun("sync").err; again != first {
		t.Errorf("the first sync said %q; the first after decrypt %q", first, again)
	}
}

// fileNames returns the paths of the files under dir, sorted.
func fileNames(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// TestSyncLeavesAGitFolderMidRebaseAlone: a work tree with a rebase under
// way, or on no branch, gets no commit; the person is told why, and the
// journal side is done.
func TestSyncLeavesAGitFolderMidRebaseAlone(t *testing.T) {
	remote := bareRemote(t)
	dir := gitClone(t, remote, "anna")
	e := newEnv(t)
	e.mustRun("note", "A first line.")
	e.mustRun("sync", dir)
	head := git(t, dir, "rev-parse", "HEAD")
	git(t, dir, "checkout", "--quiet", "--detach")
	e.mustRun("note", "A second line.")
	r := e.run("sync")
	if r.code != 1 || !strings.Contains(r.err, "detached HEAD") || !strings.Contains(r.err, "\nCheck a branch out") || strings.Contains(r.err, "tries git again") || git(t, dir, "rev-parse", "HEAD") != head {
		t.Errorf("sync on a detached HEAD: exit %d, %q", r.code, r.err)
	}
	git(t, dir, "checkout", "--quiet", "main")
	gitDir := git(t, dir, "rev-parse", "--absolute-git-dir")
	if err := os.Mkdir(filepath.Join(gitDir, "rebase-merge"), 0o700); err != nil {
		t.Fatal(err)
	}
	r = e.run("sync")
	if r.code != 1 || !strings.Contains(r.err, "a rebase or a merge is under way") || git(t, dir, "rev-parse", "HEAD") != head {
		t.Errorf("sync mid-rebase: exit %d, %q", r.code, r.err)
	}
	os.Remove(filepath.Join(gitDir, "rebase-merge"))
	e.mustRun("sync")
	if msg := git(t, dir, "log", "-1", "--format=%s"); !strings.HasPrefix(msg, "reflect sync: 1 day from ") {
		t.Errorf("once the rebase was done, the last commit says %q", msg)
	}
}

// TestSyncTheLaterEditWinsThroughReflectEdit: the same answer changed with
// reflect edit on two machines ends as the later edit on both; the earlier
// is kept in a file that import brings back.
func TestSyncTheLaterEditWinsThroughReflectEdit(t *testing.T) {
	dir := t.TempDir()
	a, b := newEnv(t), newEnv(t)
	a.mustRun("today", "--answers", answerFile(t, `{"mood": 4, "win-small": "Fixed the bike."}`))
	a.mustRun("sync", dir)
	b.mustRun("sync", dir)
	withEditor(t, a, `sed -i 's/^Fixed the bike\.$/Fixed the bike and the bell./' "$1"`)
	a.mustRun("edit", "today")
	b.now = b.now.Add(time.Minute)
	withEditor(t, b, `sed -i 's/^Fixed the bike\.$/Fixed the bike, at last./' "$1"`)
	b.mustRun("edit", "today")
	a.mustRun("sync")
	b.mustRun("sync")
	if r := a.mustRun("sync"); !strings.Contains(r.err, "Answers that gave way to a change made on another machine are kept in ") {
		t.Errorf("A's sync said %q", r.err)
	}
	for name, e := range map[string]*testEnv{"A": a, "B": b} {
		out := e.mustRun("show").out
		if !strings.Contains(out, "Fixed the bike, at last.") || strings.Contains(out, "and the bell") {
			t.Errorf("%s after the edits:\n%s", name, out)
		}
	}
	kept, _ := filepath.Glob(filepath.Join(filepath.Dir(a.db), "reflect-sync-kept-*.json"))
	if len(kept) != 1 {
		t.Fatalf("A kept %v", kept)
	}
	a.mustRun("import", kept[0])
	if out := a.mustRun("show").out; !strings.Contains(out, "and the bell") {
		t.Errorf("the edit that gave way, imported back:\n%s", out)
	}
}

// TestACopiedJournalGetsPastAGitConflict: a journal copied to a second
// machine writes the first one's files under the same machine id. When
// both commit the same day's file, git pull --rebase stops on it; sync
// takes the published file, the copy takes another id, and every evening
// reaches both machines.
func TestACopiedJournalGetsPastAGitConflict(t *testing.T) {
	remote := bareRemote(t)
	dirA, dirC := gitClone(t, remote, "anna"), gitClone(t, remote, "anna-copy")
	a, c := newEnv(t), newEnv(t)
	a.mustRun("note", "Before the copy.")
	a.mustRun("sync", dirA)
	if err := os.MkdirAll(filepath.Dir(c.db), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(c.db, fileBytes(t, a.db), 0o600); err != nil {
		t.Fatal(err)
	}
	c.mustRun("sync", dirC)

	// The copy commits its evening, offline; then the first publishes its own.
	c.now = c.now.AddDate(0, 0, 1)
	a.now = c.now
	c.mustRun("note", "On the copy.")
	git(t, dirC, "remote", "set-url", "origin", filepath.Join(t.TempDir(), "gone.git"))
	if r := c.run("sync"); r.code != 1 {
		t.Fatalf("the copy's sync offline: exit %d, %q", r.code, r.err)
	}
	git(t, dirC, "remote", "set-url", "origin", remote)
	a.mustRun("note", "On the first.")
	a.mustRun("sync")

	if r := c.run("sync"); r.code != 0 || !strings.Contains(r.err, "a copy of this journal?") {
		t.Errorf("the copy's sync after the conflict: exit %d, %q", r.code, r.err)
	}
	for _, e := range []*testEnv{a, c, a} {
		e.mustRun("sync")
	}
	for name, e := range map[string]*testEnv{"first": a, "copy": c} {
		out := e.mustRun("show").out
		if !strings.Contains(out, "On the copy.") || !strings.Contains(out, "On the first.") {
			t.Errorf("the %s's evening after the syncs:\n%s", name, out)
		}
		if st := git(t, map[string]string{"first": dirA, "copy": dirC}[name], "status", "--porcelain"); st != "" {
			t.Errorf("the %s's work tree is left with changes:\n%s", name, st)
		}
	}
}

// TestOneSyncOfAJournalAtATime: a sync started while another of the same
// journal runs (a timer's and the person's) says so, and changes nothing.
func TestOneSyncOfAJournalAtATime(t *testing.T) {
	dir := t.TempDir()
	e := newEnv(t)
	e.lock = 100 * time.Millisecond
	e.mustRun("note", "A first line.")
	unlock, err := storage.New(e.db).LockSync()
	if err != nil {
		t.Fatal(err)
	}
	r := e.run("sync", dir)
	unlock()
	if r.code != 1 || r.err != "reflect: another reflect sync of this journal is under way\nLet it finish; a sync after it takes what it left.\n" {
		t.Errorf("a sync while another runs: exit %d, %q", r.code, r.err)
	}
	if names := fileNames(t, dir); len(names) != 0 {
		t.Errorf("it wrote %v", names)
	}
	e.mustRun("sync", dir)
}

// TestSyncDoesNotMakeAFolderThatWentMissing: the remembered folder gone
// (unmounted, moved) is not made afresh by a sync that names no folder.
func TestSyncDoesNotMakeAFolderThatWentMissing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mount", "reflect")
	e := newEnv(t)
	e.mustRun("note", "A first line.")
	e.mustRun("sync", dir)
	if err := os.RemoveAll(filepath.Dir(dir)); err != nil {
		t.Fatal(err)
	}
	r := e.run("sync")
	if r.code != 1 || !strings.Contains(r.err, "reflect: the sync folder "+dir+" is not there\n") {
		t.Errorf("a sync with its folder gone: exit %d, %q", r.code, r.err)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Error("the folder was made again")
	}
	e.mustRun("sync", dir)
}
