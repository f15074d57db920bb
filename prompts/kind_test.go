package prompts

import (
	"encoding/json"
	"strings"
	"testing"
)

var options = []string{"done", "partly", "not yet"}

func TestKindParse(t *testing.T) {
	for _, c := range []struct {
		kind       Kind
		text, want string
		err        string // a part of the error, when there is one
	}{
		{Short, "  a line  ", "a line", ""},
		{Long, "two\nlines\n", "two\nlines", ""},
		{Scale, " 4 ", "4", ""},
		{Scale, "6", "", "not on the scale"},
		{Scale, "four", "", "not a whole number"},
		{YesNo, "Y", Yes, ""},
		{YesNo, "no", No, ""},
		{YesNo, "maybe", "", "neither yes nor no"},
		{Choice, "PARTLY", "partly", ""},
		{Choice, "never", "", "not one of: done, partly, not yet"},
		{Kind("essay"), "words", "", `unknown kind "essay"`},
		{Kind(""), "words", "", `unknown kind ""`},
	} {
		got, err := c.kind.Parse(c.text, options)
		if c.err == "" && (err != nil || got != c.want) {
			t.Errorf("%s.Parse(%q) = %q, %v; want %q", c.kind, c.text, got, err, c.want)
		}
		if c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)) {
			t.Errorf("%s.Parse(%q) = %q, %v; want an error with %q", c.kind, c.text, got, err, c.err)
		}
	}
}

func TestKindParseJSON(t *testing.T) {
	for _, c := range []struct {
		kind      Kind
		raw, want string
		err       string
	}{
		{Short, `" kept as it is "`, " kept as it is ", ""},
		{Long, `"  "`, "", "is empty"},
		{Long, `4`, "", "wants a string, not 4"},
		{Scale, `4`, "4", ""},
		{Scale, `"4"`, "", `wants a whole number from 1 to 5, not "4"`},
		{Scale, `0`, "", "wants a whole number from 1 to 5, not 0"},
		{YesNo, `true`, Yes, ""},
		{YesNo, `false`, No, ""},
		{YesNo, `"yes"`, "", `wants true or false, not "yes"`},
		{Choice, `"Done"`, "done", ""},
		{Choice, `1`, "", "wants one of done, partly, not yet, not 1"},
		{Choice, `true`, "", "wants one of done, partly, not yet, not true"},
		{Kind("essay"), `"words"`, "", `unknown kind "essay"`},
	} {
		got, err := c.kind.ParseJSON(json.RawMessage(c.raw), options)
		if c.err == "" && (err != nil || got != c.want) {
			t.Errorf("%s.ParseJSON(%s) = %q, %v; want %q", c.kind, c.raw, got, err, c.want)
		}
		if c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)) {
			t.Errorf("%s.ParseJSON(%s) = %q, %v; want an error with %q", c.kind, c.raw, got, err, c.err)
		}
	}
}

// TestAChoiceOfYesAndNoTakesTrueAndFalse: the setback check, a choice of
// no, yes and a yes that weighs, takes an answers file's true and false.
func TestAChoiceOfYesAndNoTakesTrueAndFalse(t *testing.T) {
	check, _ := Builtin().Lookup(CheckID)
	for raw, want := range map[string]string{`true`: Yes, `false`: No, `"no"`: No, `"YES, and it weighs on me"`: Weighs} {
		if got, err := Choice.ParseJSON(json.RawMessage(raw), check.Options); err != nil || got != want {
			t.Errorf("the setback check's answer %s = %q, %v; want %q", raw, got, err, want)
		}
	}
}

// TestKindJSON checks that an answer's JSON form reads back as the same
// stored answer, and that what no kind stores is refused.
func TestKindJSON(t *testing.T) {
	for _, c := range []struct {
		kind         Kind
		stored, want string
	}{
		{Short, "a \"line\"", `"a \"line\""`},
		{Long, "two\nlines", `"two\nlines"`},
		{Scale, "4", `4`},
		{YesNo, Yes, `true`},
		{YesNo, No, `false`},
		{Choice, "partly", `"partly"`},
	} {
		raw, err := c.kind.JSON(c.stored)
		if err != nil || string(raw) != c.want {
			t.Errorf("%s.JSON(%q) = %s, %v; want %s", c.kind, c.stored, raw, err, c.want)
			continue
		}
		if back, err := c.kind.ParseJSON(raw, options); err != nil || back != c.stored {
			t.Errorf("%s.ParseJSON(%s) = %q, %v; want %q back", c.kind, raw, back, err, c.stored)
		}
	}
	for _, c := range []struct {
		kind   Kind
		stored string
	}{{Scale, "7"}, {Scale, "04"}, {Scale, "4 of 5"}, {YesNo, "Yes"}, {Kind("essay"), "words"}} {
		if raw, err := c.kind.JSON(c.stored); err == nil {
			t.Errorf("%s.JSON(%q) = %s, want an error", c.kind, c.stored, raw)
		}
	}
}

func TestKindDisplayAndLabel(t *testing.T) {
	for _, c := range []struct {
		kind                 Kind
		stored, shown, label string
	}{
		{Scale, "4", "4 of 5", "1 to 5"},
		{Scale, "12", "12", "1 to 5"}, // not a stored scale answer: as it is
		{YesNo, Yes, "yes", "yes/no"},
		{Choice, "partly", "partly", "a choice"},
		{Short, "4", "4", "text"},
		{Long, "4", "4", "long text"},
		{Kind("essay"), "4", "4", "essay"},
	} {
		if got := c.kind.Display(c.stored); got != c.shown {
			t.Errorf("%s.Display(%q) = %q, want %q", c.kind, c.stored, got, c.shown)
		}
		if got := c.kind.Label(); got != c.label {
			t.Errorf("%s.Label() = %q, want %q", c.kind, got, c.label)
		}
	}
}

// TestCatalogKindsAreKnown checks every kind of the built-in catalog, and
// that a prompts file with an unknown kind is refused on its line.
func TestCatalogKindsAreKnown(t *testing.T) {
	for _, p := range Builtin().Prompts {
		if err := p.Kind.check(p.Options); err != nil {
			t.Errorf("%s: %v", p.ID, err)
		}
	}
	file := "{\"prompts\": [\n  {\"id\": \"walk\", \"theme\": \"gratitude\", \"kind\": \"essay\", \"question\": \"Q?\"}\n]}"
	_, err := Builtin().WithCustom([]byte(file), "prompts.json")
	if err == nil || err.Error() != `prompts.json:2: prompt "walk": unknown kind "essay"` {
		t.Errorf("an unknown kind in a prompts file: %v", err)
	}
}

// TestKnownFindsDisabledPrompts: a prompt turned off is no longer asked,
// but the answers the journal holds to it are still shown by its kind.
func TestKnownFindsDisabledPrompts(t *testing.T) {
	c, err := Builtin().WithCustom([]byte(`{"disable": ["mood"]}`), "prompts.json")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Lookup("mood"); ok {
		t.Error("Lookup finds a disabled prompt")
	}
	if p, ok := c.Known("mood"); !ok || p.Kind != Scale {
		t.Errorf("Known(mood) = %+v, %v", p, ok)
	}
	if p, ok := c.Known("setback-check"); !ok || p.Kind != Choice {
		t.Errorf("Known(setback-check) = %+v, %v", p, ok)
	}
	if _, ok := c.Known("no-such-prompt"); ok {
		t.Error("Known finds a prompt that is not there")
	}
}
