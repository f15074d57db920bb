// Package gitsync carries a sync folder between machines through git: it
// runs the person's own git, with their remotes, keys and settings, in a
// folder that is a git work tree with a remote. It satisfies
// journal.Carrier.
package gitsync

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// Repo is a git work tree that holds a sync folder.
type Repo struct {
	dir    string   // the sync folder, where git runs
	git    string   // the git program
	env    []string // its environment
	remote string   // the remote it pulls from and pushes to, when no upstream says
	// dayFile reports whether a path within the folder is a day file.
	dayFile func(path string) bool
}

// Open returns the repository whose work tree holds dir, when git is
// installed and the repository has a remote; ok is false otherwise, and
// the folder is one a tool carries on its own. dayFile reports whether a
// path within the folder (its parts joined by "/") is a file that
// machines write: a conflict in one is settled, and a commit of only such
// files is reflect's.
func Open(dir string, dayFile func(path string) bool) (r *Repo, ok bool) {
	git, err := exec.LookPath("git")
	if err != nil {
		return nil, false
	}
	r = &Repo{dir: dir, git: git, env: withTimeouts(os.Environ()), dayFile: dayFile}
	if out, err := r.output("rev-parse", "--is-inside-work-tree"); err != nil || out != "true" {
		return nil, false
	}
	remotes, err := r.output("remote")
	if err != nil || remotes == "" {
		return nil, false
	}
	r.remote = strings.Fields(remotes)[0]
	for _, name := range strings.Fields(remotes) {
		if name == "origin" {
			r.remote = name
		}
	}
	return r, true
}

// withTimeouts is env with limits on how long git waits on a remote that
// does not answer, unless the person set their own: ssh gives up
// connecting after 20 seconds, and HTTP after 30 seconds of under 1 KB a
// second. An unreachable remote would otherwise hold a sync for minutes,
// saying nothing.
func withTimeouts(env []string) []string {
	set := func(name string) bool {
		for _, kv := range env {
			if strings.HasPrefix(kv, name+"=") {
				return true
			}
		}
		return false
	}
	if !set("GIT_SSH_COMMAND") && !set("GIT_SSH") {
		env = append(env, "GIT_SSH_COMMAND=ssh -o ConnectTimeout=20")
	}
	if !set("GIT_HTTP_LOW_SPEED_LIMIT") && !set("GIT_HTTP_LOW_SPEED_TIME") {
		env = append(env, "GIT_HTTP_LOW_SPEED_LIMIT=1000", "GIT_HTTP_LOW_SPEED_TIME=30")
	}
	return env
}

// Pull implements journal.Carrier: git pull --rebase, from the branch's
// upstream, else from the remote's branch of the same name, if it has one
// (a remote no machine has pushed to yet has nothing to pull). A rebase
// that stops on a conflict is settled (settleRebase) or undone: the folder
// is never left mid-rebase.
func (r *Repo) Pull() error {
	if err := r.ready(); err != nil {
		return err
	}
	args := []string{"pull", "--rebase", "--autostash", "--quiet"}
	if !r.hasUpstream() {
		branch, onRemote, err := r.remoteBranch()
		if err != nil || !onRemote {
			return err
		}
		args = append(args, r.remote, branch)
	}
	err := r.run("pull", args...)
	if err == nil {
		return nil
	}
	if midway, merr := r.midway(); merr != nil || !midway {
		return err
	}
	return r.settleRebase(err)
}

// settleRebase goes on with a rebase that stopped on a conflict. Machines
// write files of their own, so two commits of one day file come from two
// copies of one journal, under one machine id: the published file is
// taken, and the journal then finds its own file written by another, and
// takes another id (journal.Sync). A conflict in any other file is not
// reflect's to settle: the rebase is undone, and the error says so.
func (r *Repo) settleRebase(pullErr error) error {
	top, err := r.output("rev-parse", "--show-toplevel")
	if err != nil {
		return fmt.Errorf("git rev-parse: %w", err)
	}
	prefix, err := r.output("rev-parse", "--show-prefix")
	if err != nil {
		return fmt.Errorf("git rev-parse: %w", err)
	}
	// Each pass settles one replayed commit; a rebase has at most as many
	// as the branch was ahead, and a bound keeps a surprise from looping.
	for range 1000 {
		out, err := r.output("-c", "diff.relative=false", "diff", "--name-only", "-z", "--diff-filter=U")
		if err != nil {
			return r.undoRebase(pullErr, fmt.Errorf("git diff: %w", err))
		}
		// None, when the rebase stopped on a commit left empty.
		conflicts := strings.FieldsFunc(out, func(c rune) bool { return c == 0 })
		for _, p := range conflicts {
			rel, inFolder := strings.CutPrefix(p, prefix)
			if !inFolder || !r.dayFile(rel) {
				return r.undoRebase(pullErr, fmt.Errorf("git pull: a conflict in %s, which reflect does not write: settle it in the folder (git pull --rebase), then sync again", p))
			}
		}
		for _, p := range conflicts {
			// In a rebase, "ours" is the branch replayed onto: the published file.
			if _, err := r.output("-C", top, "checkout", "--ours", "--", ":(literal)"+p); err != nil {
				if _, err := r.output("-C", top, "rm", "--quiet", "--", ":(literal)"+p); err != nil {
					return r.undoRebase(pullErr, fmt.Errorf("git rm: %w", err))
				}
				continue
			}
			if _, err := r.output("-C", top, "add", "--", ":(literal)"+p); err != nil {
				return r.undoRebase(pullErr, fmt.Errorf("git add: %w", err))
			}
		}
		if _, err := r.output("-c", "core.editor=true", "rebase", "--continue"); err != nil {
			// A commit left with nothing of its own is skipped.
			if staged, _ := r.output("diff", "--cached", "--name-only"); staged != "" {
				return r.undoRebase(pullErr, fmt.Errorf("git rebase: %w", err))
			}
			if _, err := r.output("rebase", "--skip"); err != nil {
				if midway, _ := r.midway(); !midway {
					return fmt.Errorf("git rebase: %w", err)
				}
			}
		}
		if midway, err := r.midway(); err != nil || !midway {
			return err
		}
	}
	return r.undoRebase(pullErr, errors.New("git rebase: it did not end"))
}

// undoRebase aborts the rebase under way and returns why: err, else the
// pull's error.
func (r *Repo) undoRebase(pullErr, err error) error {
	if _, aerr := r.output("rebase", "--abort"); aerr != nil {
		return fmt.Errorf("%w (and git rebase --abort: %v)", pullErr, aerr)
	}
	if err == nil {
		return pullErr
	}
	return err
}

// Publish implements journal.Carrier: git add and git commit of the files
// that match pattern (and nothing else the person has staged), then git
// push when the branch is ahead of its upstream, or has none yet.
func (r *Repo) Publish(pattern string, message func(files int) string) (committed bool, err error) {
	if err := r.ready(); err != nil {
		return false, err
	}
	spec := ":(glob)" + pattern
	// Only when there is something to add: git add of a pattern nothing
	// matches (a machine that has written no day yet) is an error.
	changed, err := r.output("ls-files", "-z", "--others", "--modified", "--exclude-standard", "--", spec)
	if err != nil {
		return false, fmt.Errorf("git ls-files: %w", err)
	}
	if changed != "" {
		if err := r.run("add", "add", "--", spec); err != nil {
			return false, err
		}
	}
	staged, err := r.output("diff", "--cached", "--name-only", "-z", "--", spec)
	if err != nil {
		return false, fmt.Errorf("git diff: %w", err)
	}
	if n := strings.Count(staged, "\x00"); n > 0 {
		if err := r.run("commit", "commit", "--quiet", "-m", message(n), "--", spec); err != nil {
			return false, err
		}
		committed = true
	}
	switch ahead, err := r.ahead(); {
	case err != nil:
		return committed, err
	case ahead == 0:
		return committed, nil
	}
	if err := r.onlyOursAhead(); err != nil {
		return committed, err
	}
	if r.hasUpstream() {
		return committed, r.run("push", "push", "--quiet")
	}
	branch, _, err := r.remoteBranch()
	if err != nil {
		return committed, err
	}
	return committed, r.run("push", "push", "--quiet", "--set-upstream", r.remote, branch)
}

// remoteBranch returns the work tree's branch, which has no upstream, and
// whether the remote has a branch of that name. A remote with branches,
// but none of that name, is an error: a clone made by hand (git init, git
// remote add) on a branch of another name would push a branch no other
// machine reads, and read none of theirs.
func (r *Repo) remoteBranch() (branch string, onRemote bool, err error) {
	if branch, err = r.branch(); err != nil {
		return "", false, err
	}
	out, err := r.output("ls-remote", "--heads", r.remote)
	if err != nil {
		return "", false, fmt.Errorf("git ls-remote: %w", err)
	}
	var theirs []string
	for _, line := range strings.Split(out, "\n") {
		if _, ref, ok := strings.Cut(line, "\t"); ok {
			name := strings.TrimPrefix(ref, "refs/heads/")
			if name == branch {
				return branch, true, nil
			}
			theirs = append(theirs, name)
		}
	}
	if len(theirs) == 0 {
		return branch, false, nil // a remote no machine has pushed to yet
	}
	return "", false, fmt.Errorf("git: the folder is on the branch %s, which %s does not have (it has %s): check out the remote's branch (git fetch, then git checkout %s), then sync again",
		branch, r.remote, strings.Join(theirs[:min(len(theirs), 3)], ", "), theirs[0])
}

// onlyOursAhead refuses a push from a sync folder within a larger work
// tree (a subfolder of another repository) when the branch has commits
// not yet pushed that are not reflect's: they are the person's, to push
// when they choose.
func (r *Repo) onlyOursAhead() error {
	prefix, err := r.output("rev-parse", "--show-prefix")
	if err != nil {
		return fmt.Errorf("git rev-parse: %w", err)
	}
	if prefix == "" {
		return nil
	}
	out, err := r.output("log", "--format=", "--name-only", "-z", "HEAD", "--not", "--remotes="+r.remote)
	if err != nil {
		return fmt.Errorf("git log: %w", err)
	}
	for _, p := range strings.FieldsFunc(out, func(c rune) bool { return c == 0 || c == '\n' }) {
		rel, inFolder := strings.CutPrefix(p, prefix)
		if !inFolder || !r.dayFile(rel) {
			return fmt.Errorf("git push: the repository has commits not yet pushed that are not reflect's (%s among them): push them when you choose (git push), and reflect's go with them", p)
		}
	}
	return nil
}

// ahead returns how many commits the branch has that its upstream lacks:
// all of them when it has no upstream.
func (r *Repo) ahead() (int, error) {
	if _, err := r.output("rev-parse", "--verify", "--quiet", "HEAD"); err != nil {
		return 0, nil // no commit yet
	}
	revs := "HEAD"
	if r.hasUpstream() {
		revs = "@{upstream}..HEAD"
	}
	out, err := r.output("rev-list", "--count", revs)
	if err != nil {
		return 0, fmt.Errorf("git rev-list: %w", err)
	}
	return strconv.Atoi(out)
}

// ready says what stops a pull or a commit in the work tree: a rebase or
// a merge under way, which the person finishes or aborts, or a detached
// HEAD, on which a commit would be lost.
func (r *Repo) ready() error {
	switch midway, err := r.midway(); {
	case err != nil:
		return err
	case midway:
		return errors.New("git: a rebase or a merge is under way in the folder: finish it (git rebase --continue) or abort it, then sync again")
	}
	_, err := r.branch()
	return err
}

// midway says whether a rebase or a merge is under way in the work tree.
func (r *Repo) midway() (bool, error) {
	for _, state := range []string{"rebase-merge", "rebase-apply", "MERGE_HEAD"} {
		p, err := r.output("rev-parse", "--git-path", state)
		if err != nil {
			return false, fmt.Errorf("git rev-parse: %w", err)
		}
		if !filepath.IsAbs(p) {
			p = filepath.Join(r.dir, p)
		}
		if _, err := os.Stat(p); err == nil {
			return true, nil
		}
	}
	return false, nil
}

func (r *Repo) hasUpstream() bool {
	_, err := r.output("rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}")
	return err == nil
}

func (r *Repo) branch() (string, error) {
	b, err := r.output("symbolic-ref", "--short", "HEAD")
	if err != nil {
		return "", errors.New("git: the folder's work tree is on no branch (a detached HEAD): check one out")
	}
	return b, nil
}

// run runs a git command whose output is not needed; its error says what
// git said, as "git NAME: ...".
func (r *Repo) run(name string, args ...string) error {
	if _, err := r.output(args...); err != nil {
		return fmt.Errorf("git %s: %w", name, err)
	}
	return nil
}

// output runs git in the folder and returns what it printed, trimmed; its
// error is what git said of the failure (whatGitSaid).
func (r *Repo) output(args ...string) (string, error) {
	cmd := exec.Command(r.git, args...)
	cmd.Dir = r.dir
	cmd.Env = r.env
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		said := whatGitSaid(errb.String())
		if said == "" {
			said = err.Error()
		}
		return "", errors.New(said)
	}
	return strings.TrimSpace(out.String()), nil
}

// whatGitSaid returns, of what git wrote to its error stream, the line
// that says what failed: its first "fatal:" or "error:" line, else its
// first line (git's advice, "hint:" lines, follows).
func whatGitSaid(stderr string) string {
	var first string
	for _, line := range strings.Split(stderr, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "fatal:") || strings.HasPrefix(line, "error:"):
			return line
		case first == "" && line != "" && !strings.HasPrefix(line, "hint:"):
			first = line
		}
	}
	return first
}
