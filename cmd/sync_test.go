package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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

func TestSyncThroughAPlainFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Sync", "reflect")
	a, b := newEnv(t), newEnv(t)
	a.mustRun("today", "--answers", answerFile(t, `{"mood": 4, "win-small": "Fixed the bike."}`))
	if r := a.mustRun("sync", dir); !strings.Contains(r.err, "0 days merged in, 1 file written.") {
		t.Errorf("A's first sync said %q", r.err)
	}
	b.mustRun("today", "--answers", answerFile(t, `{"mood": 3, "win-small": "Called Mum."}`))
	b.mustRun("sync", dir)
	a.mustRun("sync") // the folder remembered
	for name, e := range map[string]*testEnv{"A": a, "B": b} {
		out := e.mustRun("show").out
		if !strings.Contains(out, "Fixed the bike.") || !strings.Contains(out, "Called Mum.") {
			t.Errorf("%s's evening after the syncs:\n%s", name, out)
		}
	}
	for _, e := range []*testEnv{b, a} {
		if r := e.mustRun("sync"); !strings.Contains(r.err, "0 days merged in, 0 files written.") {
			t.Errorf("a sync with nothing new said %q", r.err)
		}
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
	if r.code != 0 || !strings.Contains(r.err, "reflect: skipped 2026/11/2026-11-19.other-1a2b.json: ") || !strings.Contains(r.err, "the next sync reads it again") {
		t.Errorf("sync with a half-copied file: exit %d, %q", r.code, r.err)
	}
}
