package journal

import (
	"errors"
	"strings"

	"github.com/reflect-cli/reflect/prompts"
)

// ErrEmptyNote is a note with nothing in it: nothing is saved.
var ErrEmptyNote = errors.New("the note is empty")

// Note is a free note added to a day without the evening (reflect note):
// the answer to the evening's closing "Anything else on your mind?", the
// free-writing prompt, known even where a prompts file turns it off. The
// note's own line breaks are kept (a Windows file's CRLF as LF); spaces
// around it are not. Saved with
// Given.Save, it joins the day's entry, which is made if there is none.
func Note(cat *prompts.Catalog, text string) (Answer, error) {
	text = strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n")) // a Windows file's line ends
	if text == "" {
		return Answer{}, ErrEmptyNote
	}
	p, ok := cat.Known(prompts.FreeNoteID)
	if !ok {
		return Answer{}, errors.New("the catalog has no free-writing prompt to keep a note under")
	}
	return AnswerTo(p, text), nil
}
