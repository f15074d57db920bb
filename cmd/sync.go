package cmd

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reflect-cli/reflect/cmd/internal/gitsync"
	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/storage"
)

// syncOptions are the flags and arguments of 'reflect sync'.
type syncOptions struct {
	dir string // "" for the folder remembered
}

func newSyncCmd(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "sync [DIR]",
		Short: "Merge with a folder that git or a file-sync tool carries between machines",
		Long: `Merges the journal with DIR, a folder that git or a file-sync tool
(Syncthing, a network drive) carries between your machines. Each machine
writes its own days there, one JSON file a day
(YYYY/MM/YYYY-MM-DD.MACHINE.json), and reads the others': an evening written
on one machine reaches the others at their next sync, edits and deletions
too. The journal file itself never goes in the folder.

When DIR is a git work tree with a remote, sync runs your git: pull --rebase
first, then commit this machine's files and push. DIR is remembered: later
syncs need no argument.`,
		Example: `  reflect sync ~/Sync/reflect
  reflect sync ~/reflect-days      # a clone of a private git repository
  reflect sync`,
		Args: rangeArgs(0, 1, "at most one DIR"),
		RunE: func(_ *cobra.Command, args []string) error {
			var opts syncOptions
			if len(args) == 1 {
				opts.dir = args[0]
			}
			return runSync(app, opts)
		},
	}
}

// syncSettings is the settings file of sync (ConfigDir/sync.json).
type syncSettings struct {
	Folder string `json:"folder"`
}

const syncSettingsFile = "sync.json"

func runSync(app *App, opts syncOptions) error {
	settingsPath := filepath.Join(app.ConfigDir(), syncSettingsFile)
	dir := opts.dir
	if dir == "" {
		remembered, ok := rememberedSyncFolder(app)
		if !ok {
			return usageError{msg: "no sync folder yet", hint: "Name one the first time, as in: reflect sync ~/Sync/reflect"}
		}
		dir = remembered
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return fmt.Errorf("finding the sync folder: %w", err)
	}
	j, err := app.Journal()
	if err != nil {
		return err
	}
	journalPath, err := filepath.Abs(j.Path)
	if err != nil {
		return fmt.Errorf("finding the journal: %w", err)
	}
	if within(journalPath, dir) || within(realPath(journalPath), realPath(dir)) {
		return usageError{msg: fmt.Sprintf("the journal %s is inside %s", j.Path, dir), hint: "A journal file must not be carried by a sync tool (two writers, half-copied pages): sync with a folder of its own."}
	}
	if encrypted, _ := j.Encrypted(); encrypted {
		return hintedError{err: errors.New("an encrypted journal does not sync: its days would go into the folder in the clear"), hint: "Nothing was written. 'reflect decrypt' turns encryption off, if the folder is private."}
	}
	unlock, err := j.LockSync()
	if err != nil {
		return err
	}
	defer unlock()
	if _, err := os.Stat(dir); opts.dir == "" && errors.Is(err, fs.ErrNotExist) {
		// Unmounted, or moved: made afresh, it would take every day again.
		return hintedError{err: fmt.Errorf("the sync folder %s is not there", dir), hint: "If it moved, name it: reflect sync DIR. To begin a new one there, name it: reflect sync " + dir}
	}
	folder, err := storage.OpenSyncFolder(dir)
	var notFolder *storage.NotAFolderError
	switch {
	case errors.As(err, &notFolder):
		return usageError{msg: err.Error(), hint: "Name a folder of its own, as in: reflect sync ~/Sync/reflect"}
	case err != nil:
		return err
	}
	// Remembered before the sync: one stopped midway goes on with 'reflect sync'.
	if err := rememberSyncFolder(app, settingsPath, dir); err != nil {
		return err
	}
	var carrier journal.Carrier
	dayFile := func(p string) bool {
		_, _, ok := journal.ParseSyncPath(p)
		return ok
	}
	if repo, ok := gitsync.Open(dir, dayFile); ok {
		carrier = repo
	}
	host, _ := os.Hostname()
	rep, err := journal.Sync(j, folder, journal.SyncOptions{
		NewMachine: func() string {
			var random [2]byte
			_, _ = rand.Read(random[:])
			return journal.MachineID(host, random)
		},
		Folder:  realPath(dir),
		Carrier: carrier,
		Now:     app.Now(),
		Keep: func(day journal.Day, answers []journal.Answer) (string, error) {
			return writeAnswersFile(app, j, "sync-kept", day, answers)
		},
	})
	if err != nil {
		return err
	}
	if rep.Renamed != "" {
		app.Printf("Another machine writes this journal's files in the folder (%s: a copy of this journal?); this one is %s from now on.\n", rep.Renamed, rep.Machine)
	}
	for _, p := range rep.Skipped {
		app.Printf("reflect: skipped %s: %s; the next sync tries it again\n", p.Path, p.Reason)
	}
	for _, p := range rep.Kept {
		app.Printf("Answers that gave way to a change made on another machine are kept in %s; 'reflect import %s' brings them back.\n", p, p)
	}
	app.Printf("Synced with %s as %s: %s merged in, %s written.\n", dir, rep.Machine, journal.Plural(len(rep.Merged), "day"), journal.Plural(len(rep.Written), "file"))
	if rep.CarrierErr != nil {
		hint := "The next 'reflect sync' tries git again."
		if act := (*gitsync.ActionError)(nil); errors.As(rep.CarrierErr, &act) {
			hint = act.Advice
		}
		return hintedError{
			err:  fmt.Errorf("the journal and the folder are synced, but %v", rep.CarrierErr),
			hint: hint,
		}
	}
	if rep.Committed {
		app.Printf("Committed and pushed with git.\n")
	}
	return nil
}

// rememberedSyncFolder returns the folder the last sync named, if the
// sync settings name one.
func rememberedSyncFolder(app *App) (string, bool) {
	data, err := os.ReadFile(filepath.Join(app.ConfigDir(), syncSettingsFile))
	var s syncSettings
	if err != nil || json.Unmarshal(data, &s) != nil || s.Folder == "" {
		return "", false
	}
	return s.Folder, true
}

// realPath is path with its links followed, as far as they lead: a
// folder not made yet is taken as its nearest existing parent, and the rest.
func realPath(path string) string {
	rest := ""
	for p := path; ; p = filepath.Dir(p) {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(real, rest)
		}
		if filepath.Dir(p) == p {
			return path
		}
		rest = filepath.Join(filepath.Base(p), rest)
	}
}

// within reports whether path is dir or inside it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// rememberSyncFolder keeps dir in the sync settings, unless they name it
// already.
func rememberSyncFolder(app *App, settingsPath, dir string) error {
	if remembered, ok := rememberedSyncFolder(app); ok && remembered == dir {
		return nil
	}
	data, _ := json.MarshalIndent(syncSettings{Folder: dir}, "", "  ")
	if err := os.MkdirAll(filepath.Dir(settingsPath), storage.DirMode); err != nil {
		return fmt.Errorf("keeping the sync folder in %s: %w", settingsPath, err)
	}
	if err := storage.WriteWhole(settingsPath, append(data, '\n')); err != nil {
		return fmt.Errorf("keeping the sync folder: %w", err)
	}
	return nil
}
