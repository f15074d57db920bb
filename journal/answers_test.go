package journal

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cli/reflect/prompts"
)

func TestParseAnswers(t *testing.T) {
	in := `{"next-step": "Call Sam", "mood": 4, "setback-check": false, "win-small": "Shipped the draft."}`
	got, err := ParseAnswers(strings.NewReader(in), prompts.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ id, answer string }{ // catalog order, not the file's
		{"mood", "4"}, {"setback-check", "no"}, {"win-small", "Shipped the draft."}, {"next-step", "Call Sam"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d answers: %+v", len(got), got)
	}
	for i, w := range want {
		if got[i].PromptID != w.id || got[i].Answer != w.answer {
			t.Errorf("answer %d = %s %q, want %s %q", i, got[i].PromptID, got[i].Answer, w.id, w.answer)
		}
		if got[i].Question == "" || got[i].Theme == "" {
			t.Errorf("answer %d lacks its question or theme", i)
		}
	}
}

func TestParseAnswersRejects(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"unknown id", `{"mood": 3, "weather": "sunny"}`, `"weather": is not a prompt id`},
		{"scale as string", `{"mood": "4"}`, `"mood": wants a whole number`},
		{"scale out of range", `{"mood": 6}`, `"mood": wants a whole number from 1 to 5, not 6`},
		{"scale fraction", `{"mood": 3.5}`, `"mood": wants a whole number`},
		{"yes/no as string", `{"lesson-still-true": "yes"}`, `wants true or false`},
		{"setback check not an option", `{"setback-check": "maybe"}`, `"setback-check": "maybe" is not one of: no, yes, yes, and it weighs on me`},
		{"text as number", `{"win-small": 3}`, `"win-small": wants a string`},
		{"empty text", `{"win-small": "  "}`, `is empty`},
		{"duplicate", `{"mood": 3, "mood": 4}`, `"mood": is given twice`},
		{"array", `[1, 2]`, `must be a JSON object`},
		{"empty object", `{}`, `names no prompts`},
		{"broken", `{"mood": 3`, `ends before`},
		{"bad syntax", `{"mood" 3}`, `not valid JSON`},
		{"trailing", `{"mood": 3} {}`, `more after`},
		{"empty file", ``, `ends before`},
		{"null", `null`, `must be a JSON object`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseAnswers(strings.NewReader(tt.in), prompts.Builtin())
			var ae *AnswersError
			if !errors.As(err, &ae) {
				t.Fatalf("err = %v (%T), want an *AnswersError", err, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %q, want it to contain %q", err, tt.want)
			}
			if got != nil {
				t.Errorf("answers came back with the error: %+v", got)
			}
		})
	}
}

func TestParseAnswersTooLarge(t *testing.T) {
	big := `{"win-small": "` + strings.Repeat("a", MaxAnswersFile) + `"}`
	if _, err := ParseAnswers(strings.NewReader(big), prompts.Builtin()); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Fatalf("err = %v", err)
	}
}

// TestABOMIsNotPartOfTheFile: Notepad and others start a UTF-8 file with a
// byte order mark; answers and import files read the same with it.
func TestABOMIsNotPartOfTheFile(t *testing.T) {
	const bom = "\uFEFF"
	got, err := ParseAnswers(strings.NewReader(bom+`{"mood": 4}`), prompts.Builtin())
	if err != nil || len(got) != 1 || got[0].Answer != "4" {
		t.Errorf("answers with a BOM: %+v, %v", got, err)
	}
	entries, err := ReadEntries(strings.NewReader(bom+`[{"date": "2026-11-20", "answers": [{"prompt_id": "mood", "answer": "4"}]}]`), time.Now())
	if err != nil || len(entries) != 1 {
		t.Errorf("entries with a BOM: %+v, %v", entries, err)
	}
}
