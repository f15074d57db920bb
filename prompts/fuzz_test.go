package prompts

import (
	"errors"
	"testing"
)

// FuzzWithCustom reads any bytes as a person's prompts file: the result is
// a catalog whose prompts can all be looked up and planned, or a
// *FileError with a line inside the file.
func FuzzWithCustom(f *testing.F) {
	f.Add([]byte(`{"prompts": [{"id": "walk", "theme": "gratitude", "kind": "short", "question": "What did you notice?"}], "disable": ["risk-fear"]}`))
	f.Add([]byte(`{"prompts": [{"id": "c", "theme": "mine", "kind": "choice", "options": ["a", "b"], "question": "Q?"}]}`))
	f.Add([]byte("{\n\"disable\": [\"mood\", \"setback-check\", \"next-step\"]\n}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Builtin().WithCustom(data, "p.json")
		if err != nil {
			var fe *FileError
			if !errors.As(err, &fe) || fe.Line < 0 || fe.Line > 1+countLines(data) {
				t.Fatalf("error %v (%T)", err, err)
			}
			return
		}
		for _, p := range c.Prompts {
			if got, ok := c.Lookup(p.ID); !ok || got.ID != p.ID {
				t.Fatalf("prompt %q cannot be looked up", p.ID)
			}
		}
		c.Plan("2026-11-20", History{FollowUp: &Earlier{Text: "x"}, Resurface: &Earlier{Text: "y"}}, false)
	})
}

func countLines(data []byte) int {
	n := 0
	for _, b := range data {
		if b == '\n' {
			n++
		}
	}
	return n
}
