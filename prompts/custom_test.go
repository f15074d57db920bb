package prompts

import (
	"errors"
	"strings"
	"testing"
)

func TestWithCustom(t *testing.T) {
	file := `{
  "prompts": [
    {"id": "walk", "theme": "gratitude", "kind": "short",
     "question": "What did you notice on your walk today?"},
    {"id": "body", "theme": "health", "kind": "scale", "low": "drained", "high": "strong",
     "question": "How does your body feel tonight?",
     "sources": [{"article": "001", "advice": "Look after yourself."}]}
  ],
  "disable": ["risk-fear", "grateful-today"]
}`
	c, err := Builtin().WithCustom([]byte(file), "/home/me/.config/reflect/prompts.json")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Lookup("risk-fear"); ok {
		t.Error("a disabled prompt is still there")
	}
	walk, ok := c.Lookup("walk")
	if !ok || walk.Origin != "/home/me/.config/reflect/prompts.json" || len(c.Prompts) != len(Builtin().Prompts) {
		t.Errorf("walk = %+v; %d prompts", walk, len(c.Prompts))
	}
	if body, _ := c.Lookup("body"); body.Sources[0].Title == "" {
		t.Error("a custom prompt's source has no title")
	}
	if !c.HasTheme("health") || Builtin().HasTheme("health") {
		t.Error("the new theme is not known to the custom catalog alone")
	}
	if b, _ := Builtin().Lookup("risk-fear"); b.ID == "" {
		t.Error("WithCustom changed the built-in catalog")
	}
	// gratitude now has one prompt fewer and one of its own: over enough
	// evenings, plans pick both the new prompt and the new theme.
	picked := map[string]bool{}
	for i := 1; i <= 28; i++ {
		p := c.Plan("2026-02-"+twoDigits(i), History{}, false)
		for _, s := range p.Steps {
			picked[s.Prompt.ID] = true
		}
	}
	if !picked["walk"] || !picked["body"] {
		t.Errorf("a month of plans never picked the custom prompts: %v", picked)
	}
}

func twoDigits(n int) string { return string(rune('0'+n/10)) + string(rune('0'+n%10)) }

func TestWithCustomRejects(t *testing.T) {
	for _, tt := range []struct {
		name, file string
		line       int
		want       string
	}{
		{"not JSON", "{\n  \"prompts\": [\n    {\"id\": \"x\",,}\n  ]\n}", 3, "not valid JSON"},
		{"cut short", "{\n  \"prompts\": [\n", 3, "ends before"},
		{"an array", "[]", 1, "expected an object"},
		{"unknown top field", "{\n  \"prompt\": []\n}", 2, `unknown field "prompt"`},
		{"unknown prompt field", "{\"prompts\": [\n  {\"id\": \"a\", \"theme\": \"x\", \"kind\": \"short\",\n   \"questoin\": \"Q?\"}\n]}", 3, `unknown field "questoin"`},
		{"wrong type", "{\"prompts\": [\n  {\"id\": \"a\",\n   \"kind\": 3}\n]}", 3, "kind must not be a JSON number"},
		{"no question", "{\"prompts\": [\n  {\"id\": \"a\", \"theme\": \"x\", \"kind\": \"short\"}\n]}", 2, `prompt "a" has no question`},
		{"bad kind", "{\"prompts\": [\n\n  {\"id\": \"a\", \"theme\": \"x\", \"kind\": \"essay\", \"question\": \"Q?\"}\n]}", 3, `unknown kind "essay"`},
		{"bad theme", "{\"prompts\": [\n  {\"id\": \"a\", \"theme\": \"My Theme\", \"kind\": \"short\", \"question\": \"Q?\"}\n]}", 2, "lowercase"},
		{"built-in id", "{\"prompts\": [\n  {\"id\": \"mood\", \"theme\": \"x\", \"kind\": \"short\", \"question\": \"Q?\"}\n]}", 2, "a built-in prompt has that id"},
		{"twice", "{\"prompts\": [\n  {\"id\": \"a\", \"theme\": \"x\", \"kind\": \"short\", \"question\": \"Q?\"},\n  {\"id\": \"a\", \"theme\": \"x\", \"kind\": \"short\", \"question\": \"Q?\"}\n]}", 3, "used twice"},
		{"unknown article", "{\"prompts\": [\n  {\"id\": \"a\", \"theme\": \"x\", \"kind\": \"short\", \"question\": \"Q?\", \"sources\": [{\"article\": \"009\", \"advice\": \"x\"}]}\n]}", 2, "not one of the articles"},
		{"disable unknown", "{\n  \"disable\": [\"no-such-prompt\"]\n}", 2, `"no-such-prompt" is not a built-in prompt`},
		{"disable not a list", "{\n  \"disable\": \"mood\"\n}", 2, "must be an array"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Builtin().WithCustom([]byte(tt.file), "p.json")
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("err = %v, want a *FileError", err)
			}
			if fe.Line != tt.line || !strings.Contains(fe.Reason, tt.want) || fe.Path != "p.json" {
				t.Errorf("err = %v (line %d), want line %d and %q", err, fe.Line, tt.line, tt.want)
			}
		})
	}
}
