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
	top    string   // the work tree's top folder
	prefix string   // the folder's path from top, with a "/" after it; "" at the top
	// The files in git's own folder that say what is under way there: a
	// git's index lock, and a rebase's or a merge's state.
	indexLock, rebaseMerge, rebaseApply, mergeHead string
	// dayFile reports whether a path within the folder is a day file.
	dayFile func(path string) bool
	// unreached says that Pull failed on the remote (offline, no key): a
	// push would wait on it as long again, or be refused without the
	// commits the pull did not bring.
	unreached bool
}

// ActionError is a failure that the next sync does not mend on its own:
// Advice says, in a line, what the person does about it.
type ActionError struct {
	Err    error
	Advice string
}

func (e *ActionError) Error() string { return e.Err.Error() }

func (e *ActionError) Unwrap() error { return e.Err }

// needs returns an ActionError of what and advice.
func needs(advice, format string, args ...any) error {
	return &ActionError{Err: fmt.Errorf(format, args...), Advice: advice}
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
	// One git for where the folder is, and where git keeps its state
	// (per work tree, as --git-path says), which each sync looks at.
	where, err := r.output("rev-parse", "--show-toplevel", "--show-prefix",
		"--git-path", "index.lock", "--git-path", "rebase-merge", "--git-path", "rebase-apply", "--git-path", "MERGE_HEAD")
	lines := strings.Split(where, "\n")
	if err != nil || len(lines) != 6 {
		return nil, false
	}
	r.top, r.prefix = lines[0], lines[1]
	for i, p := range []*string{&r.indexLock, &r.rebaseMerge, &r.rebaseApply, &r.mergeHead} {
		*p = lines[2+i]
		if !filepath.IsAbs(*p) {
			*p = filepath.Join(dir, *p)
		}
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
// (a remote no machine has pushed to yet has nothing to pull). It pulls
// into a work tree whose only changes are day files: the person's own
// changes are theirs to commit first. A rebase that stops on a conflict is
// settled (settleRebase) or undone, and never left half done; a day file
// that a stopped pull left in the way is cleared (clearTheWay).
func (r *Repo) Pull() (err error) {
	defer func() {
		var act *ActionError
		r.unreached = err != nil && !errors.As(err, &act)
	}()
	if err := r.ready(); err != nil {
		return err
	}
	if err := r.onlyDayFilesChanged(); err != nil {
		return err
	}
	if err := r.onlyOursAhead(); err != nil {
		return err // a rebase would rewrite the person's commits
	}
	args := []string{"pull", "--rebase", "--autostash", "--quiet"}
	if !r.hasUpstream() {
		branch, onRemote, err := r.remoteBranch()
		if err != nil || !onRemote {
			return err
		}
		args = append(args, r.remote, branch)
	}
	err = r.run("pull", args...)
	if err != nil && r.clearTheWay("FETCH_HEAD") {
		err = r.run("pull", args...)
	}
	if err != nil {
		if !r.midway() {
			if strings.Contains(err.Error(), "untracked working tree files would be overwritten") {
				return &ActionError{Err: err, Advice: "Move the file out of the way (or commit it), then sync again."}
			}
			return err
		}
		if err := r.settleRebase(err); err != nil {
			return err
		}
	}
	return r.settleStash()
}

// onlyDayFilesChanged refuses a pull into a work tree with changes to
// files other than day files, staged or not: a pull would stash them, and
// bring them back in conflict with the pulled ones, or unstaged.
func (r *Repo) onlyDayFilesChanged() error {
	if _, err := r.output("rev-parse", "--verify", "--quiet", "HEAD"); err != nil {
		return nil // no commit yet: nothing to change
	}
	changed, err := r.paths("diff", "--name-only", "-z", "HEAD")
	if err != nil {
		return err
	}
	for _, p := range changed {
		if !r.ours(p) {
			return needs("Commit or stash them, then sync again.", "git: %s has changes not committed, and reflect pulls into a work tree with none of yours", p)
		}
	}
	return nil
}

// clearTheWay removes the untracked day files of the folder that one of
// revs (the pulled commit, say) holds, whole or cut short: what a pull
// stopped by force left (git writes the files, then moves the branch),
// which would stop every pull after it. It reports whether it removed
// any. A file that holds anything else is left, and the pull's error
// names it.
func (r *Repo) clearTheWay(revs ...string) bool {
	out, err := r.output("ls-files", "-z", "--others")
	if err != nil {
		return false
	}
	removed := false
	for _, p := range strings.FieldsFunc(out, isNUL) {
		if !r.dayFile(p) {
			continue
		}
		local, err := os.ReadFile(filepath.Join(r.dir, filepath.FromSlash(p)))
		if err != nil {
			continue
		}
		for _, rev := range revs {
			held, err := r.output("cat-file", "blob", rev+":./"+p)
			if err == nil && strings.HasPrefix(held, strings.TrimSpace(string(local))) {
				removed = os.Remove(filepath.Join(r.dir, filepath.FromSlash(p))) == nil || removed
				break
			}
		}
	}
	return removed
}

// settleStash takes the pulled version of a day file whose changes here
// (a file of this machine's that an earlier sync wrote and could not
// commit) came back from the pull's autostash in conflict with it: the
// journal then writes the file again, as it stands.
func (r *Repo) settleStash() error {
	conflicts, err := r.paths("diff", "--name-only", "-z", "--diff-filter=U")
	if err != nil {
		return err
	}
	for _, p := range conflicts {
		if _, err := r.output("-C", r.top, "checkout", "HEAD", "--", ":(literal)"+p); err != nil {
			return fmt.Errorf("git checkout: %w", err)
		}
	}
	return nil
}

// paths runs a git command (diff, log) that lists paths, separated by
// NULs (-z), and returns them, each from the work tree's top.
func (r *Repo) paths(args ...string) ([]string, error) {
	out, err := r.output(append([]string{"-c", "diff.relative=false"}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("git %s: %w", args[0], err)
	}
	return strings.FieldsFunc(out, func(c rune) bool { return c == 0 || c == '\n' }), nil
}

// ours reports whether p, a path from the work tree's top, is a day file
// of the folder.
func (r *Repo) ours(p string) bool {
	rel, inFolder := strings.CutPrefix(p, r.prefix)
	return inFolder && r.dayFile(rel)
}

func isNUL(c rune) bool { return c == 0 }

// settleRebase goes on with a rebase that stopped on a conflict. Machines
// write files of their own, so two commits of one day file come from two
// copies of one journal, under one machine id: the published file is
// taken, and the journal then finds its own file written by another, and
// takes another id (journal.Sync). A conflict in any other file is not
// reflect's to settle: the rebase is undone, and the error says so.
func (r *Repo) settleRebase(pullErr error) error {
	// Each pass settles one replayed commit; a rebase has at most as many
	// as the branch was ahead, and a bound keeps a surprise from looping.
	for range 1000 {
		// None, when the rebase stopped on a commit left empty.
		conflicts, err := r.paths("diff", "--name-only", "-z", "--diff-filter=U")
		if err != nil {
			return r.undoRebase(pullErr, err)
		}
		for _, p := range conflicts {
			if !r.ours(p) {
				return r.undoRebase(pullErr, needs("Settle it in the folder (git pull --rebase), then sync again.", "git pull: a conflict in %s, which reflect does not write; the pull is undone", p))
			}
		}
		for _, p := range conflicts {
			// In a rebase, "ours" is the branch replayed onto: the published file.
			if _, err := r.output("-C", r.top, "checkout", "--ours", "--", ":(literal)"+p); err != nil {
				if _, err := r.output("-C", r.top, "rm", "--quiet", "--", ":(literal)"+p); err != nil {
					return r.undoRebase(pullErr, fmt.Errorf("git rm: %w", err))
				}
				continue
			}
			if _, err := r.output("-C", r.top, "add", "--", ":(literal)"+p); err != nil {
				return r.undoRebase(pullErr, fmt.Errorf("git add: %w", err))
			}
		}
		if _, err := r.output("-c", "core.editor=true", "rebase", "--continue"); err != nil {
			// A commit left with nothing of its own is skipped.
			if staged, _ := r.output("diff", "--cached", "--name-only"); staged != "" {
				return r.undoRebase(pullErr, fmt.Errorf("git rebase: %w", err))
			}
			if _, err := r.output("rebase", "--skip"); err != nil {
				if !r.midway() {
					return fmt.Errorf("git rebase: %w", err)
				}
			}
		}
		if !r.midway() {
			return nil
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
// push when the branch is ahead of its upstream, or has none yet, unless
// the pull before it could not reach the remote.
func (r *Repo) Publish(pattern string, message func(files int) string) (committed bool, err error) {
	if err := r.ready(); err != nil {
		return false, err
	}
	spec := ":(glob)" + pattern
	// Only when there is something to add: git add of a pattern nothing
	// matches (a machine that has written no day yet) is an error.
	// Ignored or not: a .gitignore (of *.json, say) must not keep the
	// days from the other machines.
	changed, err := r.output("ls-files", "-z", "--others", "--modified", "--", spec)
	if err != nil {
		return false, fmt.Errorf("git ls-files: %w", err)
	}
	if changed != "" {
		if err := r.run("add", "add", "--force", "--", spec); err != nil {
			return false, err
		}
	}
	staged, err := r.output("diff", "--cached", "--name-only", "-z", "--", spec)
	if err != nil {
		return false, fmt.Errorf("git diff: %w", err)
	}
	if n := strings.Count(staged, "\x00"); n > 0 {
		if err := r.run("commit", "commit", "--quiet", "-m", message(n), "--", spec); err != nil {
			var act *ActionError
			if errors.As(err, &act) {
				return false, err
			}
			// Not the remote's doing: a hook, a signing key. Trying again
			// changes nothing until the person mends it.
			return false, &ActionError{Err: err, Advice: "Mend what git says (a hook, a signing key), then sync again."}
		}
		committed = true
	}
	if r.unreached {
		return committed, nil // the pull's error says why
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
	return "", false, needs(fmt.Sprintf("Check out the remote's branch (git fetch, then git checkout %s), then sync again.", theirs[0]),
		"git: the folder is on the branch %s, which %s does not have (it has %s)", branch, r.remote, strings.Join(theirs[:min(len(theirs), 3)], ", "))
}

// onlyOursAhead refuses a pull or a push in a sync folder within a larger
// work tree (a subfolder of another repository) when the branch has
// commits not yet pushed that are not reflect's: they are the person's,
// to push when they choose, and a pull would rebase them.
func (r *Repo) onlyOursAhead() error {
	if r.prefix == "" {
		return nil
	}
	committed, err := r.paths("log", "--format=", "--name-only", "-z", "HEAD", "--not", "--remotes="+r.remote)
	if err != nil {
		return err
	}
	for _, p := range committed {
		if !r.ours(p) {
			return needs("Push them when you choose (git push); till then reflect neither pulls nor pushes, lest it rebase them.", "git: the repository has commits not yet pushed that are not reflect's (%s among them)", p)
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
	if exists(r.indexLock) {
		// Checked first: git names it on a commit, not on a pull
		// ("cannot autostash").
		return lockError(r.indexLock, fmt.Sprintf("git: %s is there: a git is at work in the folder, or one was stopped by force", r.indexLock))
	}
	switch midway := r.midway(); {
	case midway && r.undidAStoppedPull():
	case midway:
		return needs("Finish it (git rebase --continue) or abort it (git rebase --abort), then sync again.", "git: a rebase or a merge is under way in the folder")
	}
	_, err := r.branch()
	return err
}

// undidAStoppedPull aborts a rebase under way that replays reflect's
// commits alone (those of a sync's pull stopped by force, a Ctrl-C, say),
// and reports whether it did. Aborted, the branch is as it was before the
// pull, and the next pull takes it from there.
func (r *Repo) undidAStoppedPull() bool {
	onto, err1 := os.ReadFile(filepath.Join(r.rebaseMerge, "onto"))
	orig, err2 := os.ReadFile(filepath.Join(r.rebaseMerge, "orig-head"))
	if err1 != nil || err2 != nil {
		return false
	}
	replayed, err := r.paths("log", "--format=", "--name-only", "-z", strings.TrimSpace(string(onto))+".."+strings.TrimSpace(string(orig)))
	if err != nil {
		return false
	}
	for _, p := range replayed {
		if !r.ours(p) {
			return false
		}
	}
	// What the stopped pull wrote of the commits it took or replayed, and
	// did not commit, would stop the abort.
	r.clearTheWay(strings.TrimSpace(string(orig)), strings.TrimSpace(string(onto)))
	_, err = r.output("rebase", "--abort")
	return err == nil
}

// midway says whether a rebase or a merge is under way in the work tree.
func (r *Repo) midway() bool {
	return exists(r.rebaseMerge) || exists(r.rebaseApply) || exists(r.mergeHead)
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func (r *Repo) hasUpstream() bool {
	_, err := r.output("rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}")
	return err == nil
}

func (r *Repo) branch() (string, error) {
	b, err := r.output("symbolic-ref", "--short", "HEAD")
	if err != nil {
		return "", needs("Check a branch out (git checkout main, say), then sync again.", "git: the folder's work tree is on no branch (a detached HEAD)")
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
		if lock, ok := lockInTheWay(errb.String()); ok {
			return "", lockError(lock, said)
		}
		return "", errors.New(said)
	}
	return strings.TrimSpace(out.String()), nil
}

// lockError is the error of a lock file in git's way, which said says.
func lockError(lock, said string) error {
	return &ActionError{Err: errors.New(said), Advice: fmt.Sprintf("If no git is running in the folder, remove %s, then sync again.", lock)}
}

// lockInTheWay returns the lock file git could not make, when that is
// what stopped it: a git still running in the work tree holds it, or one
// stopped by force left it, and only the person can tell which.
func lockInTheWay(stderr string) (string, bool) {
	_, rest, ok := strings.Cut(stderr, "Unable to create '")
	if !ok {
		return "", false
	}
	lock, _, ok := strings.Cut(rest, "': File exists")
	return lock, ok
}

// whatGitSaid returns, of what git wrote to its error stream, the line
// that says what failed: its first "fatal:" or "error:" line, else its
// first line (git's advice, "hint:" lines, follows). A line that ends in a
// colon is followed by the first of the indented lines it introduces (the
// files in the way, say).
func whatGitSaid(stderr string) string {
	lines := strings.Split(stderr, "\n")
	first := -1
	for i, line := range lines {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "fatal:") || strings.HasPrefix(line, "error:") {
			first = i
			break
		}
		if first < 0 && line != "" && !strings.HasPrefix(line, "hint:") {
			first = i
		}
	}
	if first < 0 {
		return ""
	}
	said := strings.TrimSpace(lines[first])
	if strings.HasSuffix(said, ":") && first+1 < len(lines) && strings.HasPrefix(lines[first+1], "\t") {
		said += " " + strings.TrimSpace(lines[first+1])
		if first+2 < len(lines) && strings.HasPrefix(lines[first+2], "\t") {
			said += ", …"
		}
	}
	return said
}
