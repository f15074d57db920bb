package journal

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cli/reflect/prompts"
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
	if a := got[0].Answers[0]; a.PromptID != prompts.FreeNoteID || a.Theme != "free-writing" || a.Question != "Q?" {
		t.Errorf("answer = %+v", a)
	}
	for _, bad := range []string{``, `[]`, `{}`, `{"entries": [{"date": "March 2"}]}`, `{"entries": [{"date": "2026-03-02", "tags": "x"}]}`} {
		if _, err := ReadJrnl(strings.NewReader(bad), loc, "", ""); err == nil {
			t.Errorf("ReadJrnl(%q) read it", bad)
		}
	}
}

// mergeOne is Entry.Merge as it was before it took many entries at once:
// the reference that merging many must agree with.
func mergeOne(e *Entry, in Entry) MergeResult {
	type key struct{ id, text string }
	have := make(map[key]int, len(e.Answers))
	for _, a := range e.Answers {
		have[key{a.PromptID, a.Answer}]++
	}
	added := 0
	for _, a := range in.Answers {
		k := key{a.PromptID, a.Answer}
		if have[k] > 0 {
			have[k]--
			continue
		}
		e.Answers = append(e.Answers, a)
		added++
	}
	if added == 0 {
		return Unchanged
	}
	if !in.CreatedAt.IsZero() && (e.CreatedAt.IsZero() || in.CreatedAt.Before(e.CreatedAt)) {
		e.CreatedAt = in.CreatedAt
	}
	if in.UpdatedAt.After(e.UpdatedAt) {
		e.UpdatedAt = in.UpdatedAt
	}
	return Merged
}

// TestMergeManyIsMergingEachInTurn merges random runs of entries of one day,
// from a few prompt ids and texts so that answers repeat within an entry and
// across entries: in one call, the answers, their order, the times and the
// result are those of merging the entries one at a time.
func TestMergeManyIsMergingEachInTurn(t *testing.T) {
	r := rand.New(rand.NewPCG(10, 11))
	day := NewDay(2026, 11, 20)
	at := time.Date(2026, 11, 20, 21, 0, 0, 0, time.UTC)
	randomEntry := func() Entry {
		e := Entry{Date: day}
		if r.IntN(4) > 0 { // some entries of a file have no times
			e.CreatedAt = at.Add(time.Duration(r.IntN(120)-60) * time.Minute)
			e.UpdatedAt = e.CreatedAt.Add(time.Duration(r.IntN(60)) * time.Minute)
		}
		for range r.IntN(5) {
			e.Answers = append(e.Answers, Answer{PromptID: fmt.Sprint("p", r.IntN(3)), Answer: fmt.Sprint("t", r.IntN(3)), Question: fmt.Sprint("q", r.IntN(100))})
		}
		return e
	}
	for i := range 2000 {
		base := randomEntry()
		ins := make([]Entry, r.IntN(6))
		for k := range ins {
			ins[k] = randomEntry()
		}
		want := base
		want.Answers = slices.Clone(base.Answers)
		wantResult := Unchanged
		for _, in := range ins {
			wantResult = max(wantResult, mergeOne(&want, in))
		}
		got := base
		got.Answers = slices.Clone(base.Answers)
		gotResult := got.Merge(ins...)
		if gotResult != wantResult || !reflect.DeepEqual(got, want) {
			t.Fatalf("case %d: merging %d entries at once gave %v %+v, one at a time %v %+v", i, len(ins), gotResult, got, wantResult, want)
		}
	}
}

// TestReadEntriesReadsWhetherALessonHoldsAsYesOrNo: an answer to whether a
// lesson still holds is kept as yes or no, as 'reflect edit' keeps it; one
// that is neither is refused, naming where it is.
func TestReadEntriesReadsWhetherALessonHoldsAsYesOrNo(t *testing.T) {
	entry := func(answer string) string {
		return `[{"date": "2026-11-19", "answers": [{"prompt_id": "lesson-still-true", "answer": ` + strconv.Quote(answer) +
			`, "follows_up": {"date": "2026-11-12", "prompt_id": "setback-lesson"}}]}]`
	}
	for in, want := range map[string]string{"yes": "yes", "YES": "yes", " y ": "yes", "No": "no", "n": "no"} {
		es, err := ReadEntries(strings.NewReader(entry(in)), time.Now())
		if err != nil || len(es) != 1 || es[0].Answers[0].Answer != want {
			t.Errorf("%q: %v, %+v; want %q", in, err, es, want)
		}
	}
	_, err := ReadEntries(strings.NewReader(entry("maybe")), time.Now())
	var input *InputError
	if !errors.As(err, &input) || !strings.Contains(err.Error(), "answers[0].answer") || !strings.Contains(err.Error(), "yes or no") {
		t.Errorf("maybe: %v", err)
	}
}
