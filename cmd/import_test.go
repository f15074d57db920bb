package cmd

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestImportMerges(t *testing.T) {
	e := newEnv(t)
	e.stdin = `{"mood": 4, "win-small": "Shipped the draft."}`
	e.mustRun("today", "--answers", "-") // Friday 20 November
	path := filepath.Join(t.TempDir(), "in.json")
	os.WriteFile(path, []byte(`[
	  {"date": "2026-11-20", "answers": [
	    {"prompt_id": "win-small", "answer": "Shipped the draft."},
	    {"prompt_id": "old-prompt-we-no-longer-have", "question": "How was lunch?", "answer": "Good soup."}]},
	  {"date": "2026-11-19", "created_at": "2026-11-19T22:00:00+01:00", "updated_at": "2026-11-19T22:05:00+01:00",
	   "answers": [{"prompt_id": "mood", "theme": "mood", "question": "How are you feeling tonight?", "answer": "3", "extra": "ignored"}],
	   "a_field_from_the_future": true}
	]`), 0o600)
	if r := e.mustRun("import", path); r.out != "imported 2 entries: 1 new, 1 merged, 0 unchanged\n" {
		t.Errorf("import said %q", r.out)
	}
	show := e.mustRun("show", "2026-11-20").out
	if strings.Count(show, "Shipped the draft.") != 1 || !strings.Contains(show, "How was lunch?\n    Good soup.") {
		t.Errorf("after the merge, the day reads:\n%s", show)
	}
	if r := e.mustRun("import", path); r.out != "imported 2 entries: 0 new, 0 merged, 2 unchanged\n" {
		t.Errorf("importing again said %q", r.out)
	}
	e.stdin = `[{"date": "2026-11-18", "answers": [{"prompt_id": "mood", "answer": "2"}]}]`
	if r := e.mustRun("import", "-"); r.out != "imported 1 entry: 1 new, 0 merged, 0 unchanged\n" {
		t.Errorf("import - said %q", r.out)
	}
	// Missing times are the time of the import.
	if js := e.mustRun("show", "2026-11-18", "--json").out; !strings.Contains(js, `"created_at": "2026-11-20T21:14:03+01:00"`) {
		t.Errorf("an entry without times:\n%s", js)
	}
}

func TestImportIsAllOrNothing(t *testing.T) {
	e := withFixture(t)
	before := fileBytes(t, e.db)
	for _, tt := range []struct{ name, file, want string }{
		{"not JSON", `[{"date": "2026-11-01",`, "line 1, column 23: unexpected end"},
		{"not JSON either", "[\n  {\"date\": 2026-11-01}]", "line 2, column 16: invalid character"},
		{"empty", ``, "empty"},
		{"an object", `{"date": "2026-11-01"}`, "expected an array of entries"},
		{"no date", `[{"answers": [{"prompt_id": "mood", "answer": "4"}]}]`, "entry 1: date: is missing"},
		{"bad date", `[{"date": "2026-11-01", "answers": [{"prompt_id": "m", "answer": "4"}]}, {"date": "20 Nov", "answers": []}]`, `entry 2 (20 Nov): date: date "20 Nov" is not of the form YYYY-MM-DD`},
		{"date a number", `[{"date": 20261101}]`, "entry 1: date: must be a string"},
		{"no answers", `[{"date": "2026-11-01"}]`, "entry 1 (2026-11-01): answers: is missing"},
		{"no answer at all", `[{"date": "2026-11-01", "answers": []}]`, "answers: is empty"},
		{"answers an object", `[{"date": "2026-11-01", "answers": {}}]`, "answers: must be an array"},
		{"no prompt id", `[{"date": "2026-11-01", "answers": [{"answer": "4"}]}]`, "entry 1 (2026-11-01): answers[0].prompt_id: is missing"},
		{"blank prompt id", `[{"date": "2026-11-01", "answers": [{"prompt_id": " ", "answer": "4"}]}]`, "answers[0].prompt_id: is empty"},
		{"answer a number", `[{"date": "2026-11-01", "answers": [{"prompt_id": "mood", "answer": "4"}, {"prompt_id": "mood", "answer": 4}]}]`, "entry 1 (2026-11-01): answers[1].answer: must be a string"},
		{"no answer text", `[{"date": "2026-11-01", "answers": [{"prompt_id": "mood"}]}]`, "answers[0].answer: is missing"},
		{"bad time", `[{"date": "2026-11-01", "created_at": "yesterday", "answers": [{"prompt_id": "mood", "answer": "4"}]}]`, "created_at: must be a time"},
		{"bad tags", `[{"date": "2026-11-01", "answers": [{"prompt_id": "mood", "answer": "4", "tags": "x"}]}]`, "answers[0].tags: must be an array of strings"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e.stdin = tt.file
			r := e.run("import", "-")
			if r.code != exitUsage || !strings.Contains(r.err, tt.want) || !strings.HasPrefix(r.err, "reflect: import") || !strings.HasSuffix(r.err, "\nNothing was imported.\n") {
				t.Errorf("exit %d, err %q; want exit 2 naming %q", r.code, r.err, tt.want)
			}
		})
	}
	// A good first entry does not land when a later one is bad.
	e.stdin = `[{"date": "2030-01-01", "answers": [{"prompt_id": "mood", "answer": "4"}]}, {"date": "2030-01-02"}]`
	if r := e.run("import", "-"); r.code != exitUsage {
		t.Errorf("exit %d", r.code)
	}
	if !bytes.Equal(fileBytes(t, e.db), before) {
		t.Error("a bad import changed the journal")
	}
	if r := e.run("import", filepath.Join(t.TempDir(), "missing.json")); r.code != exitUsage || !strings.Contains(r.err, "no such file") {
		t.Errorf("a missing file: exit %d, err %q", r.code, r.err)
	}
	if r := e.run("import", "--from", "dayone", "-"); r.code != exitUsage {
		t.Errorf("--from dayone: exit %d", r.code)
	}
	if r := e.run("import"); r.code != exitUsage {
		t.Errorf("no FILE: exit %d", r.code)
	}
}

func TestImportFromJrnl(t *testing.T) {
	e := newEnv(t)
	r := e.mustRun("import", "--from", "jrnl", "../testdata/jrnl-export.json")
	if r.out != "imported 3 entries: 3 new, 0 merged, 0 unchanged\n" {
		t.Errorf("import --from jrnl said %q", r.out)
	}
	assertGolden(t, "import-jrnl.json", e.mustRun("export", "--since", "2026-03-01", "--until", "2026-03-31", "--format", "json").out)
	if r := e.mustRun("import", "--from", "jrnl", "../testdata/jrnl-export.json"); !strings.Contains(r.out, "3 unchanged") {
		t.Errorf("importing jrnl's export twice said %q", r.out)
	}
	if out := e.mustRun("log", "--grep", "#run").out; !strings.Contains(out, "First #run in months!\n    Only 3 km") || !strings.Contains(out, "tagged #run") {
		t.Errorf("a jrnl entry in the log:\n%s", out)
	}
	e.stdin = `[{"title": "x"}]`
	if r := e.run("import", "--from", "jrnl", "-"); r.code != exitUsage || !strings.Contains(r.err, "jrnl") {
		t.Errorf("a file that is not jrnl's export: exit %d, err %q", r.code, r.err)
	}
	e.stdin = `{"entries": [{"title": "x", "date": "2026-03-02", "time": "9am"}]}`
	if r := e.run("import", "--from", "jrnl", "-"); r.code != exitUsage || !strings.Contains(r.err, "entry 1 (2026-03-02): time") {
		t.Errorf("a bad jrnl time: exit %d, err %q", r.code, r.err)
	}
}

// TestImportFromDayOne reads the fixture written from Day One's export
// format: each entry on its local day in its own time zone, in time order,
// tags kept, Day One's backslash escapes taken out; twice, nothing new.
func TestImportFromDayOne(t *testing.T) {
	e := newEnv(t)
	r := e.mustRun("import", "--from", "dayone", "../testdata/dayone-export.json")
	if r.out != "imported 1 entry: 1 new, 0 merged, 0 unchanged\n" {
		t.Errorf("import --from dayone said %q", r.out)
	}
	assertGolden(t, "import-dayone.json", e.mustRun("export", "--since", "2026-11-01", "--until", "2026-11-30", "--format", "json").out)
	answers := e.showJSON("2026-11-19")[0].Answers
	var texts []string
	for _, a := range answers {
		texts = append(texts, a.Answer)
	}
	want := []string{
		"Before the talk: nervous, then fine.",
		"Gave the talk. The demo (finally) worked!\n\n- Dana asked the hard question.\nA path: C:\\Users stays.",
		"Late in California: still the 19th here.",
	}
	if !slices.Equal(texts, want) {
		t.Errorf("the 19th holds %q, want %q", texts, want)
	}
	if tags := answers[1].Tags; !slices.Equal(tags, []string{"work", "talk", "starred"}) {
		t.Errorf("the starred entry's tags: %q", tags)
	}
	if r := e.mustRun("import", "--from", "dayone", "../testdata/dayone-export.json"); !strings.Contains(r.out, "1 unchanged") {
		t.Errorf("importing Day One's export twice said %q", r.out)
	}
	for _, tt := range []struct{ stdin, want string }{
		{`[{"text": "x"}]`, "Day One"},
		{`{"entries": [{"text": "x", "creationDate": "yesterday"}]}`, "entry 1: creationDate"},
		{`{"entries": [{"text": "x", "creationDate": "2026-11-19T21:05:00Z", "timeZone": "Mars/Olympus"}]}`, "entry 1: timeZone"},
	} {
		e.stdin = tt.stdin
		if r := e.run("import", "--from", "dayone", "-"); r.code != exitUsage || !strings.Contains(r.err, tt.want) {
			t.Errorf("%s: exit %d, err %q", tt.stdin, r.code, r.err)
		}
	}
}

// TestImportMergesARepeatedDay imports a file that names days many times:
// each day counts once, the repeats merge one after another by the usual
// rules (an answer there already stands for one of the file's), and the
// journal reads as merging them one import at a time would leave it.
func TestImportMergesARepeatedDay(t *testing.T) {
	e := newEnv(t)
	e.stdin = `{"mood": 4, "win-small": "Shipped the draft."}`
	e.mustRun("today", "--answers", "-") // Friday 20 November
	e.stdin = `[
	  {"date": "2026-11-20", "answers": [{"prompt_id": "win-small", "answer": "Shipped the draft."}, {"prompt_id": "free-write", "answer": "One."}]},
	  {"date": "2026-11-19", "created_at": "2026-11-19T22:00:00+01:00", "updated_at": "2026-11-19T22:05:00+01:00",
	   "answers": [{"prompt_id": "mood", "answer": "3"}, {"prompt_id": "mood", "answer": "3"}]},
	  {"date": "2026-11-20", "answers": [{"prompt_id": "free-write", "answer": "One."}, {"prompt_id": "free-write", "answer": "One."}]},
	  {"date": "2026-11-19", "created_at": "2026-11-19T21:00:00+01:00", "updated_at": "2026-11-19T21:30:00+01:00",
	   "answers": [{"prompt_id": "mood", "answer": "3"}, {"prompt_id": "mood", "answer": "3"}, {"prompt_id": "mood", "answer": "3"}, {"prompt_id": "free-write", "answer": "Late."}]},
	  {"date": "2026-11-18", "answers": [{"prompt_id": "mood", "answer": "2"}]},
	  {"date": "2026-11-18", "answers": [{"prompt_id": "mood", "answer": "2"}]}
	]`
	if r := e.mustRun("import", "-"); r.out != "imported 3 entries: 2 new, 1 merged, 0 unchanged\n" {
		t.Errorf("import said %q", r.out)
	}
	texts := func(date string) string {
		var out []string
		for _, a := range answersOn(t, e, date) {
			out = append(out, a.PromptID+"="+a.Answer)
		}
		return strings.Join(out, " ")
	}
	for date, want := range map[string]string{
		"2026-11-20": "mood=4 win-small=Shipped the draft. free-write=One. free-write=One.",
		"2026-11-19": "mood=3 mood=3 mood=3 free-write=Late.",
		"2026-11-18": "mood=2",
	} {
		if got := texts(date); got != want {
			t.Errorf("%s holds %q, want %q", date, got, want)
		}
	}
	if js := e.mustRun("show", "2026-11-19", "--json").out; !strings.Contains(js, `"created_at": "2026-11-19T21:00:00+01:00"`) || !strings.Contains(js, `"updated_at": "2026-11-19T22:05:00+01:00"`) {
		t.Errorf("the times of a repeated day do not cover every repeat:\n%s", js)
	}
	if r := e.mustRun("import", "-"); r.out != "imported 3 entries: 0 new, 0 merged, 3 unchanged\n" {
		t.Errorf("importing again said %q", r.out)
	}
}
