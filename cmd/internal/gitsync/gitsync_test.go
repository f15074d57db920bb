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

	if _, ok := Open(dir); ok {
		t.Errorf("Open(%s), a plain folder, found a repository", dir)
	}
	cmd := exec.Command("git", "init", "--quiet", dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git init: %v\n%s", err, out)
	}
	if _, ok := Open(dir); ok {
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

// commitFile writes content at name under dir and commits it.
func commitFile(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
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
	return filepath.Join(root, "one", sub), filepath.Join(root, "two", sub)
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
	r, ok := Open(two)
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
