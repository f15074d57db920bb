package prompts

import (
	"slices"
	"strings"
	"testing"
)

func TestBuiltinCatalogIsValid(t *testing.T) {
	c, err := Parse(catalogJSON)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(c.Prompts); n < 30 {
		t.Errorf("catalog has %d prompts, want at least 30", n)
	}
	if len(c.Articles) != 5 {
		t.Errorf("catalog names %d articles, want the five", len(c.Articles))
	}
	perArticle := map[string]int{}
	themes := map[string]bool{}
	for _, p := range c.Prompts {
		themes[p.Theme] = true
		counted := map[string]bool{}
		for _, s := range p.Sources {
			if !counted[s.Article] {
				perArticle[s.Article]++
				counted[s.Article] = true
			}
			if s.Title == "" {
				t.Errorf("prompt %s: source %s has no title after parsing", p.ID, s.Article)
			}
		}
		if p.Kind == Scale && (p.Low == "" || p.High == "") {
			t.Errorf("scale prompt %s should say what 1 and 5 mean", p.ID)
		}
	}
	for _, a := range c.Articles {
		if perArticle[a.ID] < 3 {
			t.Errorf("article %s is the source of %d prompts, want at least 3", a.ID, perArticle[a.ID])
		}
	}
	for _, theme := range Themes {
		if !themes[theme] {
			t.Errorf("theme %q has no prompt", theme)
		}
	}
}

// The voice of the prompts: one short question each, in the second person.
func TestPromptsAreShortQuestions(t *testing.T) {
	for _, p := range Builtin().Prompts {
		q := p.Question
		if !strings.HasSuffix(q, "?") || strings.Count(q, "?") != 1 {
			t.Errorf("%s: %q should be exactly one question", p.ID, q)
		}
		if n := len(strings.Fields(q)); n > 14 {
			t.Errorf("%s: %q has %d words; keep a question short", p.ID, q, n)
		}
		lower := " " + strings.ToLower(strings.Trim(q, "?")) + " "
		if !strings.Contains(lower, " you") && !strings.Contains(lower, "your ") {
			t.Errorf("%s: %q does not speak to the person (you/your)", p.ID, q)
		}
	}
}

func TestSpineIDsExist(t *testing.T) {
	c := Builtin()
	for _, id := range []string{MoodID, CheckID, NextStepID, NextDifferentlyID, "setback-what", "setback-cause", "setback-lesson"} {
		if _, ok := c.Lookup(id); !ok {
			t.Errorf("catalog lacks %q, which every plan needs", id)
		}
	}
	if p, _ := c.Lookup(MoodID); p.Kind != Scale {
		t.Errorf("mood is %s, want a scale", p.Kind)
	}
	if p, _ := c.Lookup(CheckID); p.Kind != Choice || !slices.Equal(p.Options, []string{No, Yes, Weighs}) {
		t.Errorf("setback check is %s of %q, want a choice of no, yes, and %q", p.Kind, p.Options, Weighs)
	}
	if p, _ := c.Lookup(MoodID); p.Kind != Scale {
		t.Errorf("mood is %s, want a scale, whose 1 is HeavyMood", p.Kind)
	}
}

func TestParseRejects(t *testing.T) {
	const articles = `"articles":[{"id":"000","title":"A"}]`
	tests := []struct {
		name, json, want string
	}{
		{"duplicate id", `{` + articles + `,"prompts":[
			{"id":"a","theme":"mood","kind":"short","question":"Q?","sources":[{"article":"000","advice":"x","passage":"four words of passage"}]},
			{"id":"a","theme":"mood","kind":"short","question":"Q?","sources":[{"article":"000","advice":"x","passage":"four words of passage"}]}]}`, "used twice"},
		{"unknown kind", `{` + articles + `,"prompts":[
			{"id":"a","theme":"mood","kind":"essay","question":"Q?","sources":[{"article":"000","advice":"x","passage":"four words of passage"}]}]}`, "unknown kind"},
		{"unknown theme", `{` + articles + `,"prompts":[
			{"id":"a","theme":"weather","kind":"short","question":"Q?","sources":[{"article":"000","advice":"x","passage":"four words of passage"}]}]}`, "unknown theme"},
		{"unknown article", `{` + articles + `,"prompts":[
			{"id":"a","theme":"mood","kind":"short","question":"Q?","sources":[{"article":"009","advice":"x","passage":"four words of passage"}]}]}`, "not one of the articles"},
		{"no source", `{` + articles + `,"prompts":[
			{"id":"a","theme":"mood","kind":"short","question":"Q?","sources":[]}]}`, "no source"},
		{"no advice", `{` + articles + `,"prompts":[
			{"id":"a","theme":"mood","kind":"short","question":"Q?","sources":[{"article":"000"}]}]}`, "no advice"},
		{"no question", `{` + articles + `,"prompts":[
			{"id":"a","theme":"mood","kind":"short","sources":[{"article":"000","advice":"x","passage":"four words of passage"}]}]}`, "no question"},
		{"no passage", `{` + articles + `,"prompts":[
			{"id":"a","theme":"mood","kind":"short","question":"Q?","sources":[{"article":"000","advice":"x"}]}]}`, "quotes no passage"},
		{"short passage", `{` + articles + `,"prompts":[
			{"id":"a","theme":"mood","kind":"short","question":"Q?","sources":[{"article":"000","advice":"x","passage":"only three—words"}]}]}`, "passage of 3 words"},
		{"long passage", `{` + articles + `,"prompts":[
			{"id":"a","theme":"mood","kind":"short","question":"Q?","sources":[{"article":"000","advice":"x","passage":"` + strings.Repeat("word ", 21) + `"}]}]}`, "passage of 21 words"},
		{"unknown field", `{` + articles + `,"prompts":[
			{"id":"a","theme":"mood","kind":"short","question":"Q?","colour":"red","sources":[{"article":"000","advice":"x","passage":"four words of passage"}]}]}`, "unknown field"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.json))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Parse error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}
