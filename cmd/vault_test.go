package cmd

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/prompts"
	"github.com/reflect-cli/reflect/storage"
)

// TestExportVault exports the fixture into a vault, runs again, then again
// after the person edited one note, put a note of their own where reflect
// would write one, and the journal changed under both.
func TestExportVault(t *testing.T) {
	e := withFixture(t)
	vault := filepath.Join(t.TempDir(), "Notes")
	mine := filepath.Join(vault, "Daily", "2026-11-23.md")

	r := e.mustRun("export", "--vault", vault)
	if !strings.Contains(r.err, "Exported 11 days to "+vault+": notes 16 new.") {
		t.Errorf("the first export says %q", r.err)
	}
	for _, p := range []string{"Daily/2026-10-27.md", "Daily/2026-11-22.md", "Weekly/2026-W44.md", "Weekly/2026-W47.md", "Monthly/2026-10.md", "Monthly/2026-11.md", ".reflect-export.json"} {
		fi, err := os.Stat(filepath.Join(vault, p))
		if err != nil {
			t.Fatal(err)
		}
		if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", p, fi.Mode().Perm())
		}
	}
	for _, dir := range []string{"", "Daily", "Weekly", "Monthly"} {
		if fi, _ := os.Stat(filepath.Join(vault, dir)); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o700 {
			t.Errorf("folder %q has mode %v, want 0700", dir, fi.Mode().Perm())
		}
	}
	day := string(fileBytes(t, filepath.Join(vault, "Daily", "2026-11-22.md")))
	if !strings.HasPrefix(day, "---\ndate: 2026-11-22\nmood: 4\ntags: [reflect]\nweek: \"[[2026-W47]]\"\nmonth: \"[[2026-11]]\"\nprevious: \"[[2026-11-21]]\"\n---\n\n# Sunday 22 November 2026\n") {
		t.Errorf("the day's note begins:\n%s", day[:min(len(day), 300)])
	}

	if r := e.mustRun("export", "--vault", vault); !strings.Contains(r.err, "notes 16 unchanged.") || strings.Contains(r.err, "Left alone") {
		t.Errorf("a second export says %q", r.err)
	}

	// The person edits a note, and keeps a note of their own for a day
	// reflect has not written yet.
	edited := filepath.Join(vault, "Daily", "2026-11-22.md")
	theirs := day + "\nMy own words, added in Obsidian.\n"
	if err := os.WriteFile(edited, []byte(theirs), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(mine, []byte("# My own note\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// The journal changes under both: the edited day gains a note, and the
	// day of the person's own note gets an entry.
	e.now = e.now.AddDate(0, 0, 4) // Tuesday 24 November
	e.mustRun("note", "--date", "2026-11-22", "One more thing about Sunday.")
	e.mustRun("note", "--date", "2026-11-23", "Monday's note.")

	r = e.mustRun("export", "--vault", vault)
	for _, want := range []string{
		"Exported 12 days to " + vault + ": notes 1 new, 2 updated, 13 unchanged, 2 left alone.",
		"Left alone, edited in the vault since reflect wrote them (delete one to have it written afresh):\n  Daily/2026-11-22.md\n",
		"Left alone, where reflect would write a note, something it did not write is there:\n  Daily/2026-11-23.md\n",
	} {
		if !strings.Contains(r.err, want) {
			t.Errorf("after edits, export says\n%s\nwant %q", r.err, want)
		}
	}
	if got := string(fileBytes(t, edited)); got != theirs {
		t.Error("the note the person edited was overwritten")
	}
	if got := string(fileBytes(t, mine)); got != "# My own note\n" {
		t.Error("the person's own note was overwritten")
	}
	// Still left alone the next time; and a deleted note is written afresh.
	if err := os.Remove(edited); err != nil {
		t.Fatal(err)
	}
	r = e.mustRun("export", "--vault", vault)
	if !strings.Contains(r.err, "notes 1 new, 16 unchanged, 1 left alone.") || !strings.Contains(string(fileBytes(t, edited)), "One more thing about Sunday.") {
		t.Errorf("after deleting the edited note, export says %q", r.err)
	}
}

func TestExportVaultFolders(t *testing.T) {
	e := withFixture(t)
	vault := t.TempDir()
	e.mustRun("export", "--vault", vault, "--daily-folder", "Journal/Days", "--weekly-folder", "Journal/Weeks", "--monthly-folder", ".")
	for _, p := range []string{"Journal/Days/2026-11-22.md", "Journal/Weeks/2026-W47.md", "2026-11.md"} {
		if _, err := os.Stat(filepath.Join(vault, p)); err != nil {
			t.Error(err)
		}
	}
	var notes int
	filepath.WalkDir(vault, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			notes++
		}
		return nil
	})
	if notes != 16 {
		t.Errorf("%d notes in the vault, want 16", notes)
	}
}

func TestExportVaultBadInput(t *testing.T) {
	e := withFixture(t)
	vault := filepath.Join(t.TempDir(), "v")
	for _, args := range [][]string{
		{"--vault", vault, "--week", "last"},
		{"--vault", vault, "--month", "this"},
		{"--vault", vault, "--format", "json"},
		{"--vault", vault, "-o", "x.md"},
		{"--vault", vault, "--daily-folder", "../out"},
		{"--vault", vault, "--weekly-folder", "/tmp"},
		{"--vault", vault, "--monthly-folder", ""},
		{"--vault", vault, "--daily-folder", " "},
		{"--vault", ""},
		{"--month", ""},
		{"--year", " "},
		{"--week", ""},
		{"--daily-folder", "Days"},
		{"--month", "last", "--weekly-folder", "Weeks"},
	} {
		r := e.run(append([]string{"export"}, args...)...)
		if r.code != exitUsage || !strings.HasPrefix(r.err, "reflect: ") || strings.Count(r.err, "\n") > 2 {
			t.Errorf("export %v: exit %d, err %q; want exit 2", args, r.code, r.err)
		}
	}
	if _, err := os.Stat(vault); err == nil {
		t.Error("a refused export made the vault")
	}
}

// TestExportVaultAfterADelete: the notes of a deleted day go from the
// vault, as its words go from the journal; a week left empty goes too.
func TestExportVaultAfterADelete(t *testing.T) {
	e := withFixture(t)
	vault := t.TempDir()
	e.mustRun("export", "--vault", vault)
	e.mustRun("delete", "2026-11-10", "--yes")
	e.mustRun("delete", "2026-11-13", "--yes") // W46 is now empty
	r := e.mustRun("export", "--vault", vault)
	want := "Removed, no longer in the export (their day left the journal, or their folder changed):\n  Daily/2026-11-10.md\n  Daily/2026-11-13.md\n  Weekly/2026-W46.md\n"
	if !strings.Contains(r.err, "3 removed") || !strings.Contains(r.err, want) {
		t.Errorf("after deleting two days, export says\n%s", r.err)
	}
	for _, p := range []string{"Daily/2026-11-10.md", "Weekly/2026-W46.md"} {
		if _, err := os.Stat(filepath.Join(vault, p)); !os.IsNotExist(err) {
			t.Errorf("%s is still in the vault", p)
		}
	}
}

// TestExportVaultStoppedPartWay stops an export after a few notes, as
// Ctrl-C does: what it wrote is recorded, so that after the journal
// changes the next export updates those notes rather than leaving them
// alone as a person's.
func TestExportVaultStoppedPartWay(t *testing.T) {
	e := withFixture(t)
	vault := t.TempDir()
	v, err := storage.OpenVault(vault)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	stopping := &stopAfter{Notes: v, n: 4, cancel: cancel}
	_, err = journal.ExportVault(ctx, storage.New(e.db), stopping, journal.DefaultVaultFolders, prompts.Builtin())
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("a stopped export returned %v", err)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	e.now = e.now.AddDate(0, 0, 3)
	e.mustRun("note", "--date", "2026-10-27", "A later thought.") // the first note written
	r := e.mustRun("export", "--vault", vault)
	if strings.Contains(r.err, "Left alone") || !strings.Contains(r.err, "notes 12 new, 2 updated, 2 unchanged.") { // the day and its month
		t.Errorf("after a stopped export and a change, export says\n%s", r.err)
	}
}

// stopAfter is a vault that ends its export after n notes.
type stopAfter struct {
	journal.Notes
	n      int
	cancel context.CancelFunc
}

func (s *stopAfter) Put(path string, content []byte) (journal.NoteOutcome, error) {
	if s.n--; s.n == 0 {
		s.cancel()
	}
	return s.Notes.Put(path, content)
}
