package gitsync

import (
	"os/exec"
	"path/filepath"
	"slices"
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
