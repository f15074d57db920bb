package journal

import (
	"strings"
	"testing"

	"github.com/reflect-cli/reflect/prompts"
)

func editEntry() Entry {
	return Entry{Date: NewDay(2026, 11, 20), Answers: []Answer{
		{PromptID: "mood", Question: "How are you feeling tonight?", Answer: "4"},
		{PromptID: "lesson-still-true", Question: "Is it still true for you?", Answer: "yes"},
		{PromptID: "setback-what", Question: "What happened?", Answer: "## 2. looks like a heading\n\\starts with a backslash\n\n# a hash"},
		{PromptID: "unknown-old", Question: "Multi\nline question", Answer: "  kept as it was  "},
	}}
}

func TestEditTextRoundTrip(t *testing.T) {
	e := editEntry()
	text := EditText(e)
	if !strings.Contains(text, "\n## 4. Multi line question\n") || !strings.Contains(text, "\n\\## 2. looks like a heading\n\\\\starts") {
		t.Errorf("EditText:\n%s", text)
	}
	edit, err := ReadEditText(e, text, prompts.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	if edit.Changed != 0 || edit.Removed != 0 || len(edit.Answers) != 4 {
		t.Fatalf("reading back unchanged text: %+v", edit)
	}
	for i := range e.Answers {
		if edit.Answers[i].Answer != e.Answers[i].Answer {
			t.Errorf("answer %d came back as %q, want %q", i+1, edit.Answers[i].Answer, e.Answers[i].Answer)
		}
	}
}

func TestReadEditText(t *testing.T) {
	e := editEntry()
	text := EditText(e)
	for _, tt := range []struct {
		name, from, to string
		want           string // the answers joined with |, or the error
	}{
		{"a change", "\n4\n", "\n  2  \n", "2|yes|## 2. looks like a heading\n\\starts with a backslash\n\n# a hash|  kept as it was  "},
		{"yes/no in other words", "\nyes\n", "\nN\n", "4|no|"},
		{"an answer emptied", "\\## 2. looks like a heading\n\\\\starts with a backslash\n\n# a hash\n", "\n", "4|yes|  kept as it was  "},
		{"a heading renamed is fine", "## 2. Is it still true for you?", "## 2. Something else", "4|yes|"},
		{"a scale out of range", "\n4\n", "\n6\n", "answer 1 (mood): 6 is not on the scale from 1 to 5"},
		{"a yes/no that is neither", "\nyes\n", "\nmaybe\n", `answer 2 (lesson-still-true): "maybe" is neither yes nor no`},
		{"a heading lost", "## 3. What happened?\n", "", "line 21: heading 4 is out of place"},
		{"a heading added", "## 4. Multi", "## 4. Extra\n\n## 5. Multi", "line 24: heading 5 is out of place"},
		{"words above", "# Change the answers", "Change the answers", "line 3: text above the first heading"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			edited := strings.Replace(text, tt.from, tt.to, 1)
			if edited == text && tt.from != tt.to {
				t.Fatalf("%q is not in the text", tt.from)
			}
			edit, err := ReadEditText(e, edited, prompts.Builtin())
			var got string
			if err != nil {
				got = err.Error()
			} else {
				var parts []string
				for _, a := range edit.Answers {
					parts = append(parts, a.Answer)
				}
				got = strings.Join(parts, "|")
			}
			if !strings.HasPrefix(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestReadEditTextSetbackCheck: the setback check is a choice, and an edit
// takes any of its options, in any case, and nothing else.
func TestReadEditTextSetbackCheck(t *testing.T) {
	e := Entry{Date: NewDay(2026, 11, 20), Answers: []Answer{
		{PromptID: prompts.CheckID, Question: "Did anything not go the way you planned today?", Answer: prompts.Yes},
	}}
	text := EditText(e)
	for to, want := range map[string]string{
		"YES, and it weighs on me": prompts.Weighs,
		"no":                       prompts.No,
		"maybe":                    `answer 1 (setback-check): "maybe" is not one of: no, yes, yes, and it weighs on me`,
	} {
		edit, err := ReadEditText(e, strings.Replace(text, "\nyes\n", "\n"+to+"\n", 1), prompts.Builtin())
		got := ""
		if err != nil {
			got = err.Error()
		} else if len(edit.Answers) == 1 {
			got = edit.Answers[0].Answer
		}
		if got != want {
			t.Errorf("edited to %q: got %q, want %q", to, got, want)
		}
	}
}
