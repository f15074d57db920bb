package journal_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/journal/journaltest"
	"github.com/reflect-cli/reflect/prompts"
)

// aYear returns a synthetic year of entries with days missed as a person
// misses them: now and then one, and a fortnight away in the summer.
func aYear() []journal.Entry {
	var out []journal.Entry
	for _, e := range journaltest.Entries(365, journal.NewDay(2026, 12, 31)) {
		_, m, d := e.Date.Date()
		if (d*7+int(m))%9 == 0 || (m == 8 && d <= 14) {
			continue
		}
		out = append(out, e)
	}
	return out
}

// TestAYearsFigures checks a year's review against counts made here from
// its entries, answer by answer.
func TestAYearsFigures(t *testing.T) {
	entries := aYear()
	r := journal.YearReview(2026, entries)
	cat := prompts.Builtin()

	followed, done, lessons := 0, 0, 0
	words := map[string]int{}
	for _, e := range entries {
		for _, a := range e.Answers {
			switch {
			case a.PromptID == prompts.FollowUpID && a.FollowsUp != nil:
				followed++
				if a.Answer == prompts.Done {
					done++
				}
			case prompts.IsLesson(a.PromptID):
				lessons++
			}
			if p, ok := cat.Known(a.PromptID); !ok || p.Kind == prompts.Short || p.Kind == prompts.Long {
				words[a.Theme] += len(strings.Fields(a.Answer))
			}
		}
	}
	f := r.FollowThrough()
	if f.Followed != followed || f.Done != done || f.Done+f.Partly+f.NotYet != followed {
		t.Errorf("follow-through %+v; counted %d followed up, %d done", f, followed, done)
	}
	byMonth := 0
	for _, row := range r.FollowThroughByMonth() {
		byMonth += row.Follow.Followed
	}
	if byMonth != followed {
		t.Errorf("the months' follow-through adds up to %d, want %d", byMonth, followed)
	}

	days, reflected := 0, 0
	for _, row := range r.Weeks() {
		days += row.Days
		reflected += row.Reflected
	}
	if days != 365 || reflected != len(entries) || r.Reflected() != len(entries) {
		t.Errorf("the week rows hold %d days, %d reflected; want 365 and %d", days, reflected, len(entries))
	}
	if run := r.LongestRun(); run != longestRun(entries) {
		t.Errorf("longest run %d, want %d", run, longestRun(entries))
	}

	drawn := 0
	for _, l := range r.DrawnLessons() {
		drawn += len(l.Days)
	}
	if drawn != lessons || len(r.DrawnLessons()) >= lessons {
		t.Errorf("%d lessons drawn in %d groups; counted %d", drawn, len(r.DrawnLessons()), lessons)
	}

	themes := r.Themes(cat)
	for i, th := range themes {
		if th.Words != words[th.Theme] {
			t.Errorf("theme %s: %d words, counted %d", th.Theme, th.Words, words[th.Theme])
		}
		if th.Theme == "mood" || (i > 0 && th.Words > themes[i-1].Words) {
			t.Errorf("themes out of order or counting a scale: %+v", themes)
		}
	}
}

func longestRun(entries []journal.Entry) int {
	longest, run := 0, 0
	for i, e := range entries {
		run++
		if i > 0 && entries[i-1].Date.AddDays(1) != e.Date {
			run = 1
		}
		longest = max(longest, run)
	}
	return longest
}

// TestLongReviewsRender renders a month's and a year's review as GitHub
// would and counts what the document is made of.
func TestLongReviewsRender(t *testing.T) {
	entries := aYear()
	var november []journal.Entry
	for _, e := range entries {
		if journal.MonthOf(e.Date) == (journal.Month{Year: 2026, Month: 11}) {
			november = append(november, e)
		}
	}
	for _, tt := range []struct {
		r                   journal.Review
		h2, tables, h4      int
		frontMatter, title  string
		days, followedUpRow bool
	}{
		{journal.MonthReview(journal.Month{Year: 2026, Month: 11}, november), 1 + len(november), 2, 0, "month: 2026-11\n", "<h1>November 2026</h1>", true, false},
		{journal.YearReview(2026, entries), 1, 3, 12, "year: 2026\n", "<h1>2026</h1>", false, true},
	} {
		var md bytes.Buffer
		if err := tt.r.WriteMarkdown(&md, prompts.Builtin()); err != nil {
			t.Fatal(err)
		}
		doc := md.String()
		front, body, ok := strings.Cut(strings.TrimPrefix(doc, "---\n"), "\n---\n")
		if !ok || !strings.Contains(front+"\n", tt.frontMatter) {
			t.Fatalf("%s: front matter %q", tt.r.Name(), front)
		}
		var html bytes.Buffer
		if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert([]byte(body), &html); err != nil {
			t.Fatal(err)
		}
		out := html.String()
		for tag, want := range map[string]int{
			"<h1>": 1, "<h2>": tt.h2, "<table>": tt.tables, "<h4>": tt.h4,
			"<h3>Themes</h3>": 1, "<h3>Follow-through</h3>": 1, "<h3>Lessons that came back</h3>": 1,
		} {
			if got := strings.Count(out, tag); got != want {
				t.Errorf("%s: %d %s, want %d", tt.r.Name(), got, tag, want)
			}
		}
		if !strings.Contains(out, tt.title) || !strings.Contains(out, "steps followed up were done (") {
			t.Errorf("%s: no title or follow-through rate", tt.r.Name())
		}
		if got := strings.Contains(out, "Followed up</th>"); got != tt.followedUpRow {
			t.Errorf("%s: a table of follow-through by month: %v", tt.r.Name(), got)
		}
		if got := strings.Contains(out, "<h3>Next steps</h3>"); got != tt.days {
			t.Errorf("%s: next steps listed: %v", tt.r.Name(), got)
		}
	}
}
