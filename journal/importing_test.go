package journal

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestMergeCountsEachAnswerOnce(t *testing.T) {
	at := time.Date(2026, 11, 20, 21, 0, 0, 0, time.UTC)
	a := func(id, text string) Answer { return Answer{PromptID: id, Answer: text} }
	e := Entry{Date: NewDay(2026, 11, 20), CreatedAt: at, UpdatedAt: at, Answers: []Answer{a("mood", "4"), a("mood", "4"), a("win", "x")}}
	in := Entry{Date: e.Date, CreatedAt: at.Add(-time.Hour), UpdatedAt: at.Add(time.Hour),
		Answers: []Answer{a("mood", "4"), a("mood", "4"), a("mood", "4"), a("win", "x"), a("win", "y")}}
	if got := e.Merge(in); got != Merged {
		t.Fatalf("Merge = %v, want Merged", got)
	}
	var texts []string
	for _, x := range e.Answers {
		texts = append(texts, x.PromptID+"="+x.Answer)
	}
	// The third "4" is new; the two already there stand for two of in's.
	if want := []string{"mood=4", "mood=4", "win=x", "mood=4", "win=y"}; !slices.Equal(texts, want) {
		t.Errorf("answers = %v, want %v", texts, want)
	}
	if !e.CreatedAt.Equal(at.Add(-time.Hour)) || !e.UpdatedAt.Equal(at.Add(time.Hour)) {
		t.Errorf("times = %v, %v", e.CreatedAt, e.UpdatedAt)
	}
	if got := e.Merge(in); got != Unchanged {
		t.Errorf("merging again = %v, want Unchanged", got)
	}
}

func TestReadEntriesKeepsWhatItReads(t *testing.T) {
	in := `[{"date": "2026-11-20", "created_at": "2026-11-20T21:14:03.5+01:00", "updated_at": "2026-11-20T23:59:59Z",
	  "answers": [{"prompt_id": "x", "theme": "t", "question": "Q?", "answer": "", "tags": ["a", "b"]}]}]`
	got, err := ReadEntries(strings.NewReader(in), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	e := got[0]
	if e.CreatedAt.Format(time.RFC3339Nano) != "2026-11-20T21:14:03.5+01:00" || e.UpdatedAt.Format(time.RFC3339) != "2026-11-20T23:59:59Z" {
		t.Errorf("times = %v, %v", e.CreatedAt, e.UpdatedAt)
	}
	if a := e.Answers[0]; a.PromptID != "x" || a.Theme != "t" || a.Question != "Q?" || a.Answer != "" || !slices.Equal(a.Tags, []string{"a", "b"}) {
		t.Errorf("answer = %+v", a)
	}
}

func TestReadJrnl(t *testing.T) {
	in := `{"tags": {}, "entries": [
	  {"title": "Evening.", "body": "", "date": "2026-03-02", "time": "23:30", "tags": [], "starred": false},
	  {"title": "Morning.", "body": "Coffee.", "date": "2026-03-02", "time": "07:00", "tags": ["@home"], "starred": true},
	  {"title": "No time.", "date": "2026-03-01"},
	  {"title": "  ", "body": "", "date": "2026-03-03", "time": "12:00"}]}`
	loc := time.FixedZone("X", 2*3600)
	got, err := ReadJrnl(strings.NewReader(in), loc, "free-writing", "Q?")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Date.String() != "2026-03-01" || got[1].Date.String() != "2026-03-02" {
		t.Fatalf("entries = %+v", got)
	}
	day := got[1]
	if day.CreatedAt.Format(time.RFC3339) != "2026-03-02T07:00:00+02:00" || day.UpdatedAt.Format(time.RFC3339) != "2026-03-02T23:30:00+02:00" {
		t.Errorf("times = %v, %v", day.CreatedAt, day.UpdatedAt)
	}
	if len(day.Answers) != 2 || day.Answers[1].Answer != "Morning.\nCoffee." || !slices.Equal(day.Answers[1].Tags, []string{"@home", "starred"}) {
		t.Errorf("answers = %+v", day.Answers)
	}
	if a := got[0].Answers[0]; a.PromptID != FreeWritePromptID || a.Theme != "free-writing" || a.Question != "Q?" {
		t.Errorf("answer = %+v", a)
	}
	for _, bad := range []string{``, `[]`, `{}`, `{"entries": [{"date": "March 2"}]}`, `{"entries": [{"date": "2026-03-02", "tags": "x"}]}`} {
		if _, err := ReadJrnl(strings.NewReader(bad), loc, "", ""); err == nil {
			t.Errorf("ReadJrnl(%q) read it", bad)
		}
	}
}
