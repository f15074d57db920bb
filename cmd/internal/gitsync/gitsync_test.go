package gitsync

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestWhatGitSaidIsTheLineThatSaysWhatFailed(t *testing.T) {
	for _, c := range []struct{ stderr, want string }{
		{"ssh: connect to host example.com port 22: Connection refused\nfatal: Could not read from remote repository.\n\nPlease make sure you have the correct access rights\nand the repository exists.\n", "fatal: Could not read from remote repository."},
		{"hint: Updates were rejected\nerror: failed to push some refs to 'x'\n", "error: failed to push some refs to 'x'"},
		{"\nhint: see git help\nsomething went wrong\n", "something went wrong"},
		{"", ""},
		{"error: The following untracked working tree files would be overwritten by merge:\n\t2026/11/a.json\n\t2026/11/b.json\nPlease move or remove them before you merge.\n", "error: The following untracked working tree files would be overwritten by merge: 2026/11/a.json, …"},
	} {
		if got := whatGitSaid(c.stderr); got != c.want {
			t.Errorf("whatGitSaid(%q) = %q, want %q", c.stderr, got, c.want)
		}
	}
}

func TestAFolderGitDoesNotCarryIsNotARepo(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir)) // a folder above it in a repository is not this one's

	if _, ok := Open(dir, dayFile); ok {
		t.Errorf("Open(%s), a plain folder, found a repository", dir)
	}
	cmd := exec.Command("git", "init", "--quiet", dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git init: %v\n%s", err, out)
	}
	if _, ok := Open(dir, dayFile); ok {
		t.Errorf("Open(%s), a repository with no remote, found one to sync through", dir)
	}
}

func TestGitWaitsOnARemoteNoLongerThanTheTimeoutsSay(t *testing.T) {
	env := withTimeouts([]string{"HOME=/h"})
	if !slices.Contains(env, "GIT_SSH_COMMAND=ssh -o ConnectTimeout=20") || !slices.Contains(env, "GIT_HTTP_LOW_SPEED_TIME=30") {
		t.Errorf("withTimeouts set %v", env)
	}
	own := []string{"GIT_SSH_COMMAND=ssh -i key", "GIT_HTTP_LOW_SPEED_TIME=5"}
	if env := withTimeouts(own); len(env) != len(own) {
		t.Errorf("withTimeouts overrode the person's own: %v", env)
	}
}

// gitIn runs git in dir and returns what it printed, trimmed.
func gitIn(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// writeFile writes content at name under dir, making its folders.
func writeFile(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// commitFile writes content at name under dir and commits it.
func commitFile(t *testing.T, dir, name, content string) {
	t.Helper()
	writeFile(t, dir, name, content)
	gitIn(t, dir, "add", "--", name)
	gitIn(t, dir, "commit", "--quiet", "-m", "write "+name)
}

// twoClones returns two clones of one remote, whose first commit is there,
// and the folder within each that reflect syncs through (sub, under it).
func twoClones(t *testing.T, sub string) (one, two string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_CONFIG_GLOBAL", "/dev/null")
	t.Setenv("GIT_AUTHOR_NAME", "t")
	t.Setenv("GIT_AUTHOR_EMAIL", "t@example.com")
	t.Setenv("GIT_COMMITTER_NAME", "t")
	t.Setenv("GIT_COMMITTER_EMAIL", "t@example.com")
	root := t.TempDir()
	gitIn(t, root, "init", "--quiet", "--bare", "--initial-branch=main", "remote.git")
	gitIn(t, root, "clone", "--quiet", "remote.git", "one")
	commitFile(t, filepath.Join(root, "one"), "README", "notes\n")
	gitIn(t, filepath.Join(root, "one"), "push", "--quiet", "origin", "main")
	gitIn(t, root, "clone", "--quiet", "remote.git", "two")
	one, two = filepath.Join(root, "one", sub), filepath.Join(root, "two", sub)
	for _, dir := range []string{one, two} {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	return one, two
}

// TestAPullSettlesAConflictInADayFileOnly: two commits of one day file
// (two copies of one journal) end with the published file, and the rest of
// what the puller committed on top; a conflict in any other file is
// undone, and the folder is left as it was, not mid-rebase.
func TestAPullSettlesAConflictInADayFileOnly(t *testing.T) {
	one, two := twoClones(t, "journal")
	day := "2026/11/2026-11-20.laptop.json"
	commitFile(t, one, day, "{\"published\": true}\n")
	gitIn(t, one, "push", "--quiet")
	commitFile(t, two, day, "{\"published\": false}\n")
	commitFile(t, two, "2026/11/2026-11-21.laptop.json", "{}\n")
	r, ok := Open(two, dayFile)
	if !ok {
		t.Fatal("Open found no repository")
	}
	if err := r.Pull(); err != nil {
		t.Fatalf("Pull: %v", err)
	}
	if data, _ := os.ReadFile(filepath.Join(two, day)); string(data) != "{\"published\": true}\n" {
		t.Errorf("the day file after the pull: %q", data)
	}
	if _, err := os.Stat(filepath.Join(two, "2026/11/2026-11-21.laptop.json")); err != nil {
		t.Errorf("the pull lost a file committed on top: %v", err)
	}
	if midway := r.midway(); midway {
		t.Errorf("after the pull, midway = %v", midway)
	}

	// A commit of the person's, in a repository of which the folder is a
	// part, is not rebased.
	commitFile(t, one, "../README", "theirs\n")
	gitIn(t, one, "push", "--quiet")
	commitFile(t, two, "../README", "mine\n")
	head := gitIn(t, two, "rev-parse", "HEAD")
	err := r.Pull()
	if !strings.Contains(withAdvice(err), "not yet pushed that are not reflect's (README among them)") || gitIn(t, two, "rev-parse", "HEAD") != head {
		t.Errorf("Pull with a commit of the person's: %s", withAdvice(err))
	}

	// In a repository of its own, it is, and a conflict is undone.
	one, two = twoClones(t, "")
	commitFile(t, one, "README", "theirs\n")
	gitIn(t, one, "push", "--quiet")
	commitFile(t, two, "README", "mine\n")
	head = gitIn(t, two, "rev-parse", "HEAD")
	r, _ = Open(two, dayFile)
	err = r.Pull()
	if !strings.Contains(withAdvice(err), "a conflict in README, which reflect does not write; the pull is undone — Settle it") {
		t.Errorf("Pull with a conflict in README: %s", withAdvice(err))
	}
	if r.midway() || gitIn(t, two, "rev-parse", "HEAD") != head {
		t.Errorf("the pull left the folder mid-rebase, or moved HEAD")
	}
}

// TestAPushFromASubfolderTakesNoCommitOfThePersons: a sync folder within
// another repository pushes reflect's commits, never the person's own
// that they have not pushed.
func TestAPushFromASubfolderTakesNoCommitOfThePersons(t *testing.T) {
	one, _ := twoClones(t, "journal")
	r, ok := Open(one, dayFile)
	if !ok {
		t.Fatal("Open found no repository")
	}
	day := "2026/11/2026-11-20.laptop.json"
	writeFile(t, one, day, "{}\n")
	if _, err := r.Publish("*/*/*.laptop.json", func(int) string { return "reflect sync" }); err != nil {
		t.Fatalf("Publish of reflect's own commit: %v", err)
	}
	commitFile(t, one, "../notes.txt", "my own, not to push yet\n")
	writeFile(t, one, "2026/11/2026-11-21.laptop.json", "{}\n")
	pushed := gitIn(t, one, "rev-parse", "origin/main")
	_, err := r.Publish("*/*/*.laptop.json", func(int) string { return "reflect sync" })
	if !strings.Contains(withAdvice(err), "not reflect's (notes.txt among them) — Push them when you choose (git push); till then reflect neither pulls nor pushes") {
		t.Errorf("Publish with a commit of the person's ahead: %s", withAdvice(err))
	}
	if remote := strings.Fields(gitIn(t, one, "ls-remote", "origin", "main")); len(remote) == 0 || remote[0] != pushed {
		t.Error("the person's commit was pushed")
	}
}

// TestAFolderOnABranchTheRemoteLacksSaysSo: a clone made by hand (git
// init, git remote add) on a branch of another name than the remote's
// neither pulls nor pushes, and says which branch to take.
func TestAFolderOnABranchTheRemoteLacksSaysSo(t *testing.T) {
	one, _ := twoClones(t, "")
	dir := filepath.Join(t.TempDir(), "by-hand")
	gitIn(t, filepath.Dir(dir), "init", "--quiet", "--initial-branch=master", dir)
	gitIn(t, dir, "remote", "add", "origin", filepath.Join(filepath.Dir(one), "remote.git"))
	writeFile(t, dir, "2026/11/2026-11-20.desktop.json", "{}\n")
	r, ok := Open(dir, dayFile)
	if !ok {
		t.Fatal("Open found no repository")
	}
	want := "the folder is on the branch master, which origin does not have (it has main) — Check out the remote's branch (git fetch, then git checkout main)"
	if err := r.Pull(); !strings.Contains(withAdvice(err), want) {
		t.Errorf("Pull: %s", withAdvice(err))
	}
	if _, err := r.Publish("*/*/*.desktop.json", func(int) string { return "reflect sync" }); !strings.Contains(withAdvice(err), want) {
		t.Errorf("Publish: %s", withAdvice(err))
	}
	if heads := gitIn(t, dir, "ls-remote", "--heads", "origin"); strings.Contains(heads, "master") {
		t.Errorf("the remote was given a branch master:\n%s", heads)
	}
}

// dayFile is a stand-in for journal.ParseSyncPath: a JSON file two
// folders down.
func dayFile(p string) bool {
	return strings.Count(p, "/") == 2 && strings.HasSuffix(p, ".json")
}

// withAdvice is what err says, and after " — " the advice of an
// ActionError; "" for nil.
func withAdvice(err error) string {
	var act *ActionError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &act):
		return err.Error() + " — " + act.Advice
	}
	return err.Error()
}

// TestAPullGetsPastWhatAStoppedPullLeft: the files a pull stopped by force
// wrote, whole or cut short, before it moved the branch no longer stop
// every pull after it; a file there that holds anything else is named.
func TestAPullGetsPastWhatAStoppedPullLeft(t *testing.T) {
	one, two := twoClones(t, "")
	whole, short, empty, other := "2026/11/2026-11-17.laptop.json", "2026/11/2026-11-18.laptop.json", "2026/11/2026-11-19.laptop.json", "2026/11/2026-11-20.laptop.json"
	for _, p := range []string{whole, short, empty, other} {
		commitFile(t, one, p, "{\"day\": \""+p+"\"}\n")
	}
	gitIn(t, one, "push", "--quiet")
	writeFile(t, two, whole, "{\"day\": \""+whole+"\"}\n")
	writeFile(t, two, short, "{\"day\": ")
	writeFile(t, two, empty, "")
	r, _ := Open(two, dayFile)
	if err := r.Pull(); err != nil {
		t.Fatalf("Pull past a stopped pull's files: %s", withAdvice(err))
	}
	if gitIn(t, two, "status", "--porcelain") != "" || gitIn(t, two, "rev-parse", "HEAD") != gitIn(t, one, "rev-parse", "HEAD") {
		t.Errorf("after the pull: %s", gitIn(t, two, "status", "--porcelain"))
	}

	commitFile(t, one, "2026/11/2026-11-21.laptop.json", "{}\n")
	gitIn(t, one, "push", "--quiet")
	writeFile(t, two, "2026/11/2026-11-21.laptop.json", "{\"mine\": true}\n")
	err := r.Pull()
	if !strings.Contains(withAdvice(err), "would be overwritten by merge: 2026/11/2026-11-21.laptop.json — Move the file out of the way") {
		t.Errorf("Pull with a file of other content in the way: %s", withAdvice(err))
	}
	if data, _ := os.ReadFile(filepath.Join(two, "2026/11/2026-11-21.laptop.json")); string(data) != "{\"mine\": true}\n" {
		t.Errorf("the file in the way became %q", data)
	}
}

// TestAPullLeavesThePersonsChangesAlone: a work tree with changes of the
// person's, staged or not, is not pulled into: they stay as they were.
// A day file this machine wrote and could not commit, changed on the
// remote too, comes back as the pulled one.
func TestAPullLeavesThePersonsChangesAlone(t *testing.T) {
	one, two := twoClones(t, "")
	commitFile(t, one, "README", "theirs\n")
	gitIn(t, one, "push", "--quiet")
	r, _ := Open(two, dayFile)
	writeFile(t, two, "README", "mine\n")
	for _, staged := range []bool{false, true} {
		if staged {
			gitIn(t, two, "add", "README")
		}
		before := gitIn(t, two, "status", "--porcelain")
		err := r.Pull()
		if !strings.Contains(withAdvice(err), "README has changes not committed, and reflect pulls into a work tree with none of yours — Commit or stash them") {
			t.Errorf("Pull with README changed (staged %v): %s", staged, withAdvice(err))
		}
		if after := gitIn(t, two, "status", "--porcelain"); after != before || gitIn(t, two, "stash", "list") != "" {
			t.Errorf("the pull changed the work tree: %q, then %q", before, after)
		}
	}
	gitIn(t, two, "reset", "--quiet", "--hard")
	gitIn(t, two, "pull", "--quiet")

	day := "2026/11/2026-11-20.laptop.json"
	commitFile(t, two, day, "{\"v\": 1}\n")
	gitIn(t, two, "push", "--quiet")
	gitIn(t, one, "pull", "--quiet")
	commitFile(t, one, day, "{\"v\": \"pushed\"}\n")
	gitIn(t, one, "push", "--quiet")
	writeFile(t, two, day, "{\"v\": \"not committed\"}\n")
	if err := r.Pull(); err != nil {
		t.Fatalf("Pull with a day file changed on both: %s", withAdvice(err))
	}
	if data, _ := os.ReadFile(filepath.Join(two, day)); string(data) != "{\"v\": \"pushed\"}\n" {
		t.Errorf("the day file after the pull: %q", data)
	}
	if st := gitIn(t, two, "status", "--porcelain"); st != "" {
		t.Errorf("the pull left: %s", st)
	}
}

// TestGitStoppedByALockSaysWhichToRemove: a lock file that a git stopped
// by force left is named, with what to do.
func TestGitStoppedByALockSaysWhichToRemove(t *testing.T) {
	one, _ := twoClones(t, "")
	lock := filepath.Join(one, ".git", "index.lock")
	if err := os.WriteFile(lock, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	writeFile(t, one, "2026/11/2026-11-20.laptop.json", "{}\n")
	r, _ := Open(one, dayFile)
	advice := "If no git is running in the folder, remove " + lock + ", then sync again."
	if err := r.Pull(); !strings.Contains(withAdvice(err), advice) {
		t.Errorf("Pull with a lock in the way: %s", withAdvice(err))
	}
	_, err := r.Publish("*/*/*.laptop.json", func(int) string { return "reflect sync" })
	if !strings.Contains(withAdvice(err), advice) {
		t.Errorf("Publish with a lock in the way: %s", withAdvice(err))
	}
}

// TestAPublishCommitsDayFilesAGitignoreNames: a .gitignore that names the
// day files (*.json) does not keep them from the other machines.
func TestAPublishCommitsDayFilesAGitignoreNames(t *testing.T) {
	one, _ := twoClones(t, "")
	commitFile(t, one, ".gitignore", "*.json\n")
	writeFile(t, one, "2026/11/2026-11-20.laptop.json", "{}\n")
	r, _ := Open(one, dayFile)
	if committed, err := r.Publish("*/*/*.laptop.json", func(int) string { return "reflect sync" }); !committed || err != nil {
		t.Fatalf("Publish: %v, %v", committed, err)
	}
	if files := gitIn(t, one, "ls-tree", "-r", "--name-only", "origin/main"); !strings.Contains(files, "2026/11/2026-11-20.laptop.json") {
		t.Errorf("the remote holds %s", files)
	}
}

// TestAPublishAfterAPullThatCouldNotReachTheRemoteOnlyCommits: a pull that could not
// reach the remote is not followed by a push that would wait on it as long
// again: the commit waits for the next sync.
func TestAPublishAfterAPullThatCouldNotReachTheRemoteOnlyCommits(t *testing.T) {
	one, _ := twoClones(t, "")
	gitIn(t, one, "remote", "set-url", "origin", filepath.Join(t.TempDir(), "gone.git"))
	writeFile(t, one, "2026/11/2026-11-20.laptop.json", "{}\n")
	r, _ := Open(one, dayFile)
	if err := r.Pull(); err == nil {
		t.Fatal("Pull from a remote that is gone said nothing")
	}
	committed, err := r.Publish("*/*/*.laptop.json", func(int) string { return "reflect sync" })
	if !committed || err != nil {
		t.Errorf("Publish after the pull failed: %v, %v; want a commit, and no push tried", committed, err)
	}
}

// TestAPullUndoesAStoppedPullOfItsOwn: a rebase left under way by a pull
// stopped by force is undone and done again when it replays reflect's
// commits alone; one that replays the person's is theirs to finish.
func TestAPullUndoesAStoppedPullOfItsOwn(t *testing.T) {
	one, two := twoClones(t, "")
	day := "2026/11/2026-11-20.laptop.json"
	for _, name := range []string{day, "README"} {
		commitFile(t, one, name, "pushed\n")
		gitIn(t, one, "push", "--quiet")
		commitFile(t, two, name, "here\n")
		cmd := exec.Command("git", "pull", "--rebase", "--quiet")
		cmd.Dir = two
		if out, err := cmd.CombinedOutput(); err == nil {
			t.Fatalf("git pull met no conflict in %s:\n%s", name, out)
		}
		r, _ := Open(two, dayFile)
		err := r.Pull()
		midway := r.midway()
		if name == "README" {
			if !strings.Contains(withAdvice(err), "a rebase or a merge is under way") || !midway {
				t.Errorf("Pull mid-rebase of the person's commit: %s (midway %v)", withAdvice(err), midway)
			}
			continue
		}
		if err != nil || midway {
			t.Fatalf("Pull mid-rebase of reflect's commit: %s (midway %v)", withAdvice(err), midway)
		}
		if data, _ := os.ReadFile(filepath.Join(two, day)); string(data) != "pushed\n" {
			t.Errorf("the day file after the pull: %q", data)
		}
	}
}

// TestAPullUndoesAStoppedPullThatLeftFilesBehind: a pull stopped while it
// replayed this machine's commits leaves their files untracked, in the way
// of the abort; they are cleared (they are in the commits), and the pull
// is done again.
func TestAPullUndoesAStoppedPullThatLeftFilesBehind(t *testing.T) {
	one, two := twoClones(t, "")
	commitFile(t, one, "2026/11/2026-11-19.desktop.json", "pushed\n")
	gitIn(t, one, "push", "--quiet")
	mine := "2026/11/2026-11-20.laptop.json"
	commitFile(t, two, mine, "not pushed\n")
	gitIn(t, two, "fetch", "--quiet")
	// Stopped before it replayed the commit: then its file, written whole
	// or in part, as git was killed writing it.
	cmd := exec.Command("git", "rebase", "-i", "origin/main")
	cmd.Dir = two
	cmd.Env = append(os.Environ(), "GIT_SEQUENCE_EDITOR=sed -i 1ibreak")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git rebase: %v\n%s", err, out)
	}
	writeFile(t, two, mine, "not pu")
	r, _ := Open(two, dayFile)
	if err := r.Pull(); err != nil {
		t.Fatalf("Pull after a pull stopped midway: %s", withAdvice(err))
	}
	if data, _ := os.ReadFile(filepath.Join(two, mine)); string(data) != "not pushed\n" {
		t.Errorf("this machine's file after the pull: %q", data)
	}
	if log := gitIn(t, two, "log", "--format=%s"); !strings.Contains(log, "write 2026/11/2026-11-19.desktop.json") || !strings.Contains(log, "write "+mine) {
		t.Errorf("the branch after the pull:\n%s", log)
	}
}

// TestACommitThatGitRefusesSaysWhatToMend: a commit a hook refuses is not
// one the next sync makes: the advice says to mend it.
func TestACommitThatGitRefusesSaysWhatToMend(t *testing.T) {
	one, _ := twoClones(t, "")
	writeFile(t, one, ".git/hooks/pre-commit", "#!/bin/sh\necho 'error: not today' >&2\nexit 1\n")
	if err := os.Chmod(filepath.Join(one, ".git/hooks/pre-commit"), 0o700); err != nil {
		t.Fatal(err)
	}
	writeFile(t, one, "2026/11/2026-11-20.laptop.json", "{}\n")
	r, _ := Open(one, dayFile)
	committed, err := r.Publish("*/*/*.laptop.json", func(int) string { return "reflect sync" })
	if committed || !strings.Contains(withAdvice(err), "git commit: error: not today — Mend what git says") {
		t.Errorf("Publish with a hook that refuses: %v, %s", committed, withAdvice(err))
	}
}
