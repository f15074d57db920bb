package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGoldenExport(t *testing.T) {
	e := withFixture(t)
	for _, tt := range []struct{ golden, week string }{
		{"export-full-week.md", "2026-W47"},
		{"export-sparse-week.md", "2026-W46"},
		{"export-empty-week.md", "2026-11-05"}, // a DATE means its week, W45
		{"export-hostile-answers.md", "2026-W44"},
	} {
		assertGolden(t, tt.golden, e.mustRun("export", "--week", tt.week).out)
	}
	assertGolden(t, "export-range.md", e.mustRun("export", "--since", "2026-11-10", "--until", "2026-11-17").out)
	assertGolden(t, "export-month.md", e.mustRun("export", "--month", "2026-11").out)
	assertGolden(t, "export-year.md", e.mustRun("export", "--year", "2026").out)
}

func TestExportMonthsAndYears(t *testing.T) {
	e := withFixture(t) // the clock says Friday 20 November 2026
	for want, months := range map[string][]string{
		"2026-11": {"this", "november", "NOV", "2026-11-02", "friday"},
		"2026-10": {"last", "oct", "2026-10"},
		"2025-12": {"december"},
	} {
		first := e.mustRun("export", "--month", want).out
		if !strings.Contains(first, "month: "+want+"\n") {
			t.Errorf("--month %s is not %s", want, want)
		}
		for _, m := range months {
			if out := e.mustRun("export", "--month", m).out; out != first {
				t.Errorf("--month %s is not %s", m, want)
			}
		}
	}
	this := e.mustRun("export", "--year", "2026").out
	for _, y := range []string{"this", "today", "2026-01-01"} {
		if out := e.mustRun("export", "--year", y).out; out != this {
			t.Errorf("--year %s is not 2026", y)
		}
	}
	if out := e.mustRun("export", "--year", "last").out; !strings.Contains(out, "year: 2025\n") || !strings.Contains(out, "Reflected on **0 of 365 days**") {
		t.Errorf("--year last:\n%s", out)
	}
	path := filepath.Join(t.TempDir(), "november.md")
	if r := e.mustRun("export", "--month", "this", "-o", path); !strings.Contains(r.err, "Wrote 2026-11 (") {
		t.Errorf("export --month -o says %q", r.err)
	}
}

func TestExportWeeks(t *testing.T) {
	e := withFixture(t) // the clock says Friday 20 November 2026, in W47
	full := e.mustRun("export", "--week", "2026-W47").out
	for _, week := range []string{"this", "friday", "2026-11-16", "2026-11-22", "2026-w47"} {
		if out := e.mustRun("export", "--week", week).out; out != full {
			t.Errorf("--week %s is not 2026-W47", week)
		}
	}
	if out := e.mustRun("export").out; out != full {
		t.Error("export without --week is not this week")
	}
	if out := e.mustRun("export", "--week", "last").out; !strings.Contains(out, "week: 2026-W46\n") {
		t.Error("--week last is not 2026-W46")
	}
}

func TestExportJSONRoundTrip(t *testing.T) {
	e := withFixture(t)
	all := []string{"export", "--since", "2000-01-01", "--until", "2030-12-31", "--format", "json"}
	first := e.mustRun(all...).out
	if first != string(fileBytes(t, fixture)) {
		t.Error("exporting the imported fixture does not give the fixture back")
	}
	path := filepath.Join(t.TempDir(), "all.json")
	os.WriteFile(path, []byte(first), 0o600)

	empty := newEnv(t)
	if r := empty.mustRun("import", path); r.out != "imported 11 entries: 11 new, 0 merged, 0 unchanged\n" {
		t.Errorf("import said %q", r.out)
	}
	if again := empty.mustRun(all...).out; again != first {
		t.Error("export → import → export is not byte for byte the same")
	}
	if r := empty.mustRun("import", path); r.out != "imported 11 entries: 0 new, 0 merged, 11 unchanged\n" {
		t.Errorf("importing twice said %q", r.out)
	}
	if again := empty.mustRun(all...).out; again != first {
		t.Error("importing the same file twice changed the journal")
	}
}

func TestExportToFile(t *testing.T) {
	e := withFixture(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "review.md")

	r := e.mustRun("export", "-o", path)
	if r.out != "" || r.err != "Wrote 2026-W47 (7 entries) to "+path+".\n" {
		t.Errorf("export -o: out %q, err %q", r.out, r.err)
	}
	if got := string(fileBytes(t, path)); got != e.mustRun("export").out {
		t.Error("the file differs from what export prints")
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("the export's mode is %v, want 0600", fi.Mode().Perm())
	}

	os.WriteFile(path, []byte("my own notes\n"), 0o644)
	r = e.run("export", "--week", "last", "-o", path)
	if r.code != exitFailed || !strings.Contains(r.err, "already exists") || !strings.Contains(r.err, "--force") {
		t.Errorf("export onto an existing file: exit %d, err %q", r.code, r.err)
	}
	if got := string(fileBytes(t, path)); got != "my own notes\n" {
		t.Errorf("the existing file was changed to %q", got)
	}
	e.mustRun("export", "--week", "last", "-o", path, "--force")
	if got := string(fileBytes(t, path)); !strings.Contains(got, "week: 2026-W46") {
		t.Errorf("--force did not replace the file:\n%s", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("export left files behind: %v", entries)
	}
	// A folder that is not there: exit 1, nothing written.
	if r := e.run("export", "-o", filepath.Join(dir, "missing", "x.md")); r.code != exitFailed {
		t.Errorf("export into a missing folder: exit %d, err %q", r.code, r.err)
	}
}

func TestExportWithoutJournal(t *testing.T) {
	e := newEnv(t)
	r := e.mustRun("export")
	if r.out != "" || !strings.Contains(r.err, "No journal yet") || e.exists() {
		t.Errorf("export with no journal: out %q, err %q", r.out, r.err)
	}
}

func TestExportBadInput(t *testing.T) {
	e := withFixture(t)
	for _, args := range [][]string{
		{"--week", "2026-W54"},
		{"--week", "2026-W00"},
		{"--week", "2021-W53"}, // 2021 has 52 weeks
		{"--week", "next"},
		{"--week", "this", "--since", "2026-11-01"},
		{"--month", "this", "--year", "this"},
		{"--month", "2026-11", "--week", "2026-W47"},
		{"--year", "2026", "--until", "2026-11-01"},
		{"--month", "2026-13"},
		{"--month", "smarch"},
		{"--year", "26"},
		{"--since", "2026-11-20", "--until", "2026-11-01"},
		{"--until", "2026-02-30"},
		{"--format", "pdf"},
		{"--force", "extra"},
	} {
		r := e.run(append([]string{"export"}, args...)...)
		if r.code != exitUsage || !strings.HasPrefix(r.err, "reflect: ") || r.out != "" {
			t.Errorf("export %v: exit %d, out %q, err %q; want exit 2", args, r.code, r.out, r.err)
		}
	}
}
