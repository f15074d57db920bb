package journal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"

	"github.com/reflect-cli/reflect/prompts"
)

// AnswersError says what is wrong with an answers file.
type AnswersError struct {
	PromptID string // the prompt the problem is with, if any
	Reason   string
}

// Error implements error.
func (e *AnswersError) Error() string {
	if e.PromptID == "" {
		return "answers file: " + e.Reason
	}
	return fmt.Sprintf("answers file: %q: %s", e.PromptID, e.Reason)
}

// MaxAnswersFile is the largest answers file read, in bytes.
const MaxAnswersFile = 16 << 20

// ParseAnswers reads an answers file: one JSON object mapping prompt ids of
// cat to answers (a string for a text prompt, an integer from 1 to 5 for a
// scale, true or false for a yes/no). The answers come back in the catalog's
// order. Any problem (an unknown id, a wrong type, a repeated id) is an
// *AnswersError and no answer is returned.
func ParseAnswers(r io.Reader, cat *prompts.Catalog) ([]Answer, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxAnswersFile+1))
	if err != nil {
		return nil, fmt.Errorf("reading answers: %w", err)
	}
	if len(data) > MaxAnswersFile {
		return nil, &AnswersError{Reason: fmt.Sprintf("larger than %d MiB", MaxAnswersFile>>20)}
	}
	raw, err := decodeObject(withoutBOM(data))
	if err != nil {
		return nil, err
	}
	if len(raw) == 0 {
		return nil, &AnswersError{Reason: "names no prompts; give at least one, such as {\"mood\": 4}"}
	}
	ids := make([]string, 0, len(raw))
	for id := range raw {
		if _, ok := cat.Lookup(id); !ok {
			return nil, &AnswersError{PromptID: id, Reason: "is not a prompt id (see 'reflect prompts')"}
		}
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return cat.Index(ids[i]) < cat.Index(ids[j]) })
	answers := make([]Answer, 0, len(ids))
	for _, id := range ids {
		p, _ := cat.Lookup(id)
		text, err := p.Kind.ParseJSON(raw[id], p.Options)
		if err != nil {
			return nil, &AnswersError{PromptID: id, Reason: err.Error()}
		}
		answers = append(answers, AnswerTo(p, text))
	}
	return answers, nil
}

// decodeObject reads one JSON object, keeping each value raw, and refuses a
// repeated key or anything after the object.
func decodeObject(data []byte) (map[string]json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	bad := func(err error) error {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			return &AnswersError{Reason: fmt.Sprintf("not valid JSON at byte %d: %v", syn.Offset, err)}
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return &AnswersError{Reason: "ends before the JSON object does"}
		}
		return &AnswersError{Reason: "not valid JSON: " + err.Error()}
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, bad(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, &AnswersError{Reason: `must be a JSON object such as {"mood": 4, "win-small": "…"}`}
	}
	out := make(map[string]json.RawMessage)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, bad(err)
		}
		key := tok.(string) // inside an object, json.Decoder only yields string keys here
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, bad(err)
		}
		if _, dup := out[key]; dup {
			return nil, &AnswersError{PromptID: key, Reason: "is given twice"}
		}
		out[key] = v
	}
	if _, err := dec.Token(); err != nil {
		return nil, bad(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &AnswersError{Reason: "has more after the JSON object"}
	}
	return out, nil
}
