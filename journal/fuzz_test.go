package journal

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/reflect-cli/reflect/prompts"
)

// Fuzz targets for everything reflect reads from a person or a file. Seeds
// are the shared fixtures under the top-level testdata and a few hand-made
// cases; crashers that go test finds are kept under testdata/fuzz here.

var fuzzNow = time.Date(2026, 11, 20, 21, 0, 0, 0, time.UTC)

func addFile(f *testing.F, path string) {
	if data, err := os.ReadFile(path); err == nil {
		f.Add(data)
	}
}

func FuzzParseDay(f *testing.F) {
	for _, s := range []string{"2026-11-20", "today", "yesterday", "fri", "Wednesday", "0001-01-01", "9999-12-31", "2026-02-30", " 2026-11-20 ", "frid"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDay(s, fuzzNow)
		if err != nil {
			return
		}
		if again, err := ParseDay(d.String(), fuzzNow); err != nil || again != d {
			t.Errorf("%q gave %s, which reads back as %s, %v", s, d, again, err)
		}
	})
}

func FuzzParseWeek(f *testing.F) {
	for _, s := range []string{"this", "last", "2026-W47", "2020-w53", "2026-W00", "2026-11-20", "friday", "-W", "0000-W01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w, err := ParseWeek(s, fuzzNow)
		if err != nil {
			return
		}
		if WeekOf(w.Monday()) != w || WeekOf(w.Sunday()) != w || w.Monday().Weekday() != time.Monday {
			t.Errorf("%q gave %s, which does not run Monday to Sunday", s, w)
		}
	})
}

func FuzzParseAnswers(f *testing.F) {
	for _, s := range []string{`{"mood": 4, "win-small": "Shipped."}`, `{"setback-check": true}`, `{}`, `[]`, `{"mood": 9}`, `{"mood": 4, "mood": 5}`, `{"followup-done": "partly"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		answers, err := ParseAnswers(bytes.NewReader(data), prompts.Builtin())
		if err != nil {
			return
		}
		for _, a := range answers {
			p, ok := prompts.Builtin().Lookup(a.PromptID)
			if !ok || strings.TrimSpace(a.Answer) == "" {
				t.Errorf("accepted %+v", a)
			}
			if _, err := p.Kind.Parse(a.Answer, p.Options); err != nil {
				t.Errorf("accepted %q for %s: %v", a.Answer, p.ID, err)
			}
		}
	})
}

func FuzzReadEntries(f *testing.F) {
	addFile(f, "../testdata/journal.json")
	f.Add([]byte(`[{"date": "2026-11-20", "answers": [{"prompt_id": "mood", "answer": "4"}]}]`))
	f.Add([]byte(`[{"date": "2026-11-20"}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, err := ReadEntries(bytes.NewReader(data), fuzzNow)
		if err != nil {
			if _, ok := err.(*InputError); !ok {
				t.Errorf("error of type %T: %v", err, err)
			}
			return
		}
		for _, e := range entries {
			if len(e.Answers) == 0 {
				t.Errorf("an entry without answers: %+v", e)
			}
			for _, a := range e.Answers {
				if strings.TrimSpace(a.PromptID) == "" {
					t.Errorf("an answer without a prompt id: %+v", a)
				}
			}
		}
	})
}

func FuzzReadJrnl(f *testing.F) {
	addFile(f, "../testdata/jrnl-export.json")
	f.Add([]byte(`{"entries": [{"title": "x", "date": "2026-03-02", "time": "09:00"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, err := ReadJrnl(bytes.NewReader(data), time.UTC, "free-writing", "Q?")
		if err != nil {
			return
		}
		for i, e := range entries {
			if len(e.Answers) == 0 || (i > 0 && !entries[i-1].Date.Before(e.Date)) {
				t.Errorf("entries out of order or empty: %+v", entries)
			}
		}
	})
}

func FuzzEditText(f *testing.F) {
	f.Add("## 1. Q\n\nan answer\n", "the new answer")
	f.Add("\\## 2. x\n\\\\y", "## 1. heading-like")
	f.Fuzz(func(t *testing.T, answer, replacement string) {
		if !utf8.ValidString(answer) || strings.TrimSpace(answer) == "" {
			return
		}
		e := Entry{Date: NewDay(2026, 11, 20), Answers: []Answer{{PromptID: "x", Question: "Q?", Answer: answer}}}
		edit, err := ReadEditText(e, EditText(e), prompts.Builtin())
		if err != nil || edit.Changed != 0 || edit.Answers[0].Answer != answer {
			t.Fatalf("%q does not survive the edit text unchanged: %+v, %v", answer, edit, err)
		}
		// Any text under the heading reads back as that text, trimmed.
		full := EditText(e)
		preamble := full[:strings.Index(full, "\n## 1. ")]
		text := preamble + "\n## 1. Q?\n\n" + escapeEditLines(replacement) + "\n"
		edit, err = ReadEditText(e, text, prompts.Builtin())
		if err != nil {
			t.Fatalf("replacing the answer with %q: %v", replacement, err)
		}
		// Line ends of \r\n (an editor on Windows) read back as \n.
		want := strings.TrimSpace(crlf.ReplaceAllString(replacement, "\n"))
		if want != "" && edit.Answers[0].Answer != want && want != strings.TrimSpace(answer) {
			t.Errorf("replaced with %q, read back %q", want, edit.Answers[0].Answer)
		}
	})
}

var crlf = regexp.MustCompile(`\r+\n`)

// escapeEditLines writes text as EditText writes an answer's lines.
func escapeEditLines(text string) string {
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		if strings.HasPrefix(line, `\`) || editHeading().MatchString(line) {
			lines[i] = `\` + line
		}
	}
	return strings.Join(lines, "\n")
}

func FuzzMarkdownLine(f *testing.F) {
	for _, s := range []string{"# heading", "1. item", "```", "<b>", "a | b", "==x==", "\x1b[31m"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		line = strings.TrimSpace(strings.ReplaceAll(line, "\n", " "))
		if line == "" {
			return
		}
		out := markdownLine(line)
		if strings.ContainsAny(out, "\n\r") {
			t.Errorf("%q became more than one line: %q", line, out)
		}
		for i := 0; i < len(out); i++ {
			if strings.IndexByte(inlineSpecial, out[i]) >= 0 && out[i] != '\\' && (i == 0 || out[i-1] != '\\') {
				t.Errorf("%q: %q at %d is not escaped in %q", line, out[i], i, out)
			}
		}
	})
}

// FuzzMayMatch: the quick test on an entry's stored JSON never says no to
// an entry that --grep finds.
func FuzzMayMatch(f *testing.F) {
	f.Add("Walked to the Lighthouse.", "lighthouse")
	f.Add("Tom & Jerry <3", "& j")
	f.Add("naïve café", "CAFÉ")
	f.Add("tab\there", "\t")
	f.Fuzz(func(t *testing.T, text, needle string) {
		e := Entry{Date: NewDay(2026, 11, 20), Answers: []Answer{{PromptID: "win-small", Question: "A win?", Answer: text}}}
		raw, err := json.Marshal(e)
		if err != nil {
			return
		}
		flt := Filter{Grep: needle}
		// What the journal keeps is what JSON gives back.
		var stored Entry
		if json.Unmarshal(raw, &stored) != nil {
			return
		}
		if _, ok := flt.Apply(stored); ok && !flt.MayMatch(raw) {
			t.Errorf("%q holds %q, but the quick test said no", text, needle)
		}
	})
}
