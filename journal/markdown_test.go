package journal

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/reflect-cli/reflect/prompts"
)

// fixtureEntries returns the entries of the shared fixture journal.
func fixtureEntries(t *testing.T) []Entry {
	t.Helper()
	f, err := os.Open("../testdata/journal.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	all, err := ReadEntries(f, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return all
}

// fixtureWeek returns the review of a week of the shared fixture journal.
func fixtureWeek(t *testing.T, week Week) Review {
	t.Helper()
	var in []Entry
	for _, e := range fixtureEntries(t) {
		if week.Span().Contains(e.Date) {
			in = append(in, e)
		}
	}
	return WeekReview(week, in)
}

// renderHTML writes the review as Markdown and renders it as GitHub would
// (CommonMark with GitHub's extensions), without the front matter.
func renderHTML(t *testing.T, r Review) (markdown, html string) {
	t.Helper()
	var md bytes.Buffer
	if err := r.WriteMarkdown(&md, prompts.Builtin()); err != nil {
		t.Fatal(err)
	}
	doc := md.String()
	if !strings.HasPrefix(doc, "---\n") {
		t.Fatalf("no front matter:\n%s", doc)
	}
	end := strings.Index(doc[4:], "\n---\n")
	body := doc[4+end+5:]
	var out bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert([]byte(body), &out); err != nil {
		t.Fatal(err)
	}
	return doc, out.String()
}

// TestHostileAnswersKeepTheStructure renders a week whose answers are full of
// Markdown and HTML and checks that the document's structure is ours alone.
func TestHostileAnswersKeepTheStructure(t *testing.T) {
	r := fixtureWeek(t, Week{2026, 44})
	_, html := renderHTML(t, r)
	for tag, want := range map[string]int{
		"<h1>": 1, "<h2>": 1 + 7, "<h3>": 5, // title; review and days; wins, lessons, steps, follow-through, lessons back
		"<ul>": 3, "<li>": 5, "<table>": 1,
		"<ol": 0, "<pre": 0, "<code": 0, "<blockquote": 0, "<hr": 0, "<em>": 5 + 2, // and the empty follow-through and lessons back
		"<script": 0, "<b>": 0, "<del>": 0,
		"<em>No reflection.</em>": 5, // the days without an entry
	} {
		if got := strings.Count(html, tag); got != want {
			t.Errorf("%d %s in the rendered review, want %d", got, tag, want)
		}
	}
	// Only the one URL is a link, as GitHub makes every URL one.
	if strings.Count(html, "<a ") != 1 || !strings.Contains(html, `<a href="http://example.com">`) {
		t.Errorf("links in the rendered review:\n%s", html)
	}
	for _, text := range []string{
		"# Not a heading<br>",
		"## Nor this<br>",
		"&gt; not a quote<br>",
		"- not a list<br>",
		"1. not a numbered list<br>",
		"```<br>",
		"&lt;script&gt;alert(",
		"&lt;b&gt;Shipped&lt;/b&gt; it &amp; said thanks.",
		"*stars*, _underscores_, [a link](",
		"$100 and $200, ==no highlight==, %%no comment%%, #no-tag, ^no-block and &amp;amp; an entity.",
		`Snapping at the \x1b[31mprinter\x1b[0m.\x07 In Japanese: 自分を許す 🙂`,
		"=== Call Mum ===",
		"1) Finished the long run.<br>",
	} {
		if !strings.Contains(html, text) {
			t.Errorf("the rendered review lacks %q", text)
		}
	}
}

func TestMarkdownLine(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"plain words, nothing else", "plain words, nothing else"},
		{"# heading", `\# heading`},
		{"> quote", `\> quote`},
		{"- item", `\- item`},
		{"+ item", `\+ item`},
		{"---", `\---`},
		{"===", `\=\==`},
		{"12. twelfth", `12\. twelfth`},
		{"3) third", `3\) third`},
		{"2026. A year", `2026\. A year`},
		{"```go", "\\`\\`\\`go"},
		{"~~~", `\~\~\~`},
		{"<div>", `\<div\>`},
		{"a | b", `a \| b`},
		{"cost $5", `cost \$5`},
		{"a ==mark== b", `a \==mark\== b`},
		{"a %%hide%% b", `a \%%hide\%% b`},
		{"fish & chips", "fish & chips"},
		{"&copy; &#169;", `\&copy; \&\#169;`},
		{`back\slash`, `back\\slash`},
		{"[[wiki]] ![img](x)", `\[\[wiki\]\] !\[img\](x)`},
		{"end ^block", `end \^block`},
		{"bell\a", `bell\\x07`},
	} {
		if got := markdownLine(tt.in); got != tt.want {
			t.Errorf("markdownLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMarkdownParagraphs(t *testing.T) {
	got := markdownParagraphs("first line\n    indented\n\n\n  second paragraph  \n")
	want := "first line\\\nindented\n\nsecond paragraph"
	if got != want {
		t.Errorf("markdownParagraphs = %q, want %q", got, want)
	}
}

func TestSpanTitle(t *testing.T) {
	for _, tt := range []struct {
		from, to Day
		want     string
	}{
		{NewDay(2026, 11, 16), NewDay(2026, 11, 22), "16–22 November 2026"},
		{NewDay(2026, 10, 26), NewDay(2026, 11, 1), "26 October – 1 November 2026"},
		{NewDay(2025, 12, 29), NewDay(2026, 1, 4), "29 December 2025 – 4 January 2026"},
		{NewDay(2026, 11, 20), NewDay(2026, 11, 20), "20 November 2026"},
	} {
		if got := spanTitle(Span{tt.from, tt.to}); got != tt.want {
			t.Errorf("spanTitle(%s, %s) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestReviewFigures(t *testing.T) {
	r := fixtureWeek(t, Week{2026, 47})
	moods, avg, ok := r.Moods()
	if !ok || len(moods) != 7 || avg < 3.57 || avg > 3.58 || moods[NewDay(2026, 11, 20)] != 5 {
		t.Errorf("Moods = %v, %v, %v", moods, avg, ok)
	}
	if r.Reflected() != 7 || len(r.Wins()) != 7 || len(r.Lessons()) != 2 || len(r.NextSteps()) != 7 {
		t.Errorf("reflected %d, wins %d, lessons %d, steps %d", r.Reflected(), len(r.Wins()), len(r.Lessons()), len(r.NextSteps()))
	}
	empty := WeekReview(Week{2026, 45}, nil)
	if _, _, ok := empty.Moods(); ok || empty.Reflected() != 0 {
		t.Error("an empty week has figures")
	}
}
