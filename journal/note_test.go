package journal

import (
	"errors"
	"testing"

	"github.com/reflect-cli/reflect/prompts"
)

func TestNote(t *testing.T) {
	cat := prompts.Builtin()
	if _, err := Note(cat, " \n\t "); !errors.Is(err, ErrEmptyNote) {
		t.Errorf("an empty note: %v", err)
	}
	a, err := Note(cat, "  Sam called.\r\nAbout the trip.  \r\n")
	if err != nil || a.PromptID != prompts.FreeNoteID || a.Answer != "Sam called.\nAbout the trip." {
		t.Errorf("Note = %+v, %v", a, err)
	}
	off, err := cat.WithCustom([]byte(`{"disable": ["free-write"]}`), "p.json")
	if err != nil {
		t.Fatal(err)
	}
	if a, err := Note(off, "Still kept."); err != nil || a.PromptID != prompts.FreeNoteID {
		t.Errorf("with the free note turned off: %+v, %v", a, err)
	}
}
