package gitsync

import (
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
	if midway, err := r.midway(); midway || err != nil {
		t.Errorf("after the pull, midway = %v, %v", midway, err)
	}

	commitFile(t, one, "../README", "theirs\n")
	gitIn(t, one, "push", "--quiet")
	commitFile(t, two, "../README", "mine\n")
	head := gitIn(t, two, "rev-parse", "HEAD")
	err := r.Pull()
	if err == nil || !strings.Contains(err.Error(), "a conflict in README, which reflect does not write") {
		t.Errorf("Pull with a conflict in README: %v", err)
	}
	if midway, _ := r.midway(); midway || gitIn(t, two, "rev-parse", "HEAD") != head {
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
	if err == nil || !strings.Contains(err.Error(), "not reflect's (notes.txt among them)") {
		t.Errorf("Publish with a commit of the person's ahead: %v", err)
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
	want := "the folder is on the branch master, which origin does not have (it has main): check out the remote's branch (git fetch, then git checkout main)"
	if err := r.Pull(); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Pull: %v", err)
	}
	if _, err := r.Publish("*/*/*.desktop.json", func(int) string { return "reflect sync" }); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Publish: %v", err)
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
