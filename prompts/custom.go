package prompts

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"sync"
)

// CustomFile is the name of a person's own prompts file, in reflect's
// config folder.
const CustomFile = "prompts.json"

// FileError says what is wrong with a prompts file, and on which line.
type FileError struct {
	Path   string
	Line   int // 1-based; 0 when the problem is not on one line
	Reason string
}

// Error implements error.
func (e *FileError) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.Path, e.Reason)
	}
	return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Reason)
}

// WithCustom returns the catalog with a person's prompts file applied: its
// prompts added after the built-in ones (with the same fields; sources are
// optional, and a theme may be new, in which case it takes turns in the
// rotating slot), and the built-in prompts it names under "disable" left
// out. path is only for messages and the prompts' Origin. Any problem is a
// *FileError naming the line.
//
//	{
//	  "prompts": [
//	    {"id": "walk", "theme": "gratitude", "kind": "short",
//	     "question": "What did you notice on your walk today?"}
//	  ],
//	  "disable": ["risk-fear"]
//	}
func (c *Catalog) WithCustom(data []byte, path string) (*Catalog, error) {
	bad := func(offset int64, format string, args ...any) error {
		return &FileError{Path: path, Line: lineAt(data, offset), Reason: fmt.Sprintf(format, args...)}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, bad(dec.InputOffset(), `expected an object such as {"prompts": […], "disable": […]}`)
	}
	var (
		own       []Prompt
		ownAt     []int64
		disable   []string
		disableAt int64
	)
	for dec.More() {
		keyAt := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return nil, syntaxError(data, path, err, dec.InputOffset())
		}
		switch tok {
		case "prompts":
			if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
				return nil, bad(dec.InputOffset(), `"prompts" must be an array of prompts`)
			}
			for dec.More() {
				at := dec.InputOffset()
				var p Prompt
				if err := dec.Decode(&p); err != nil {
					return nil, fieldError(data, path, err, at)
				}
				own, ownAt = append(own, p), append(ownAt, at)
			}
			if _, err := dec.Token(); err != nil {
				return nil, syntaxError(data, path, err, dec.InputOffset())
			}
		case "disable":
			disableAt = dec.InputOffset()
			if err := dec.Decode(&disable); err != nil {
				return nil, bad(disableAt, `"disable" must be an array of prompt ids`)
			}
		default:
			return nil, bad(keyAt, "unknown field %q: the file has \"prompts\" and \"disable\"", tok)
		}
	}
	if _, err := dec.Token(); err != nil {
		return nil, syntaxError(data, path, err, dec.InputOffset())
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, bad(dec.InputOffset(), "more after the object")
	}

	titles := make(map[string]string, len(c.Articles))
	for _, a := range c.Articles {
		titles[a.ID] = a.Title
	}
	out := &Catalog{Articles: c.Articles, Disabled: slices.Clone(c.Disabled), off: slices.Clone(c.off)}
	for _, id := range disable {
		if _, ok := c.Lookup(id); !ok {
			return nil, bad(disableAt, "disable: %q is not a built-in prompt (see 'reflect prompts')", id)
		}
		out.Disabled = append(out.Disabled, id)
	}
	for _, p := range c.Prompts {
		if slices.Contains(out.Disabled, p.ID) {
			out.off = append(out.off, p)
		} else {
			out.Prompts = append(out.Prompts, p)
		}
	}
	seen := map[string]bool{}
	for i, p := range own {
		if err := validatePrompt(&p, titles, true); err != nil {
			return nil, bad(ownAt[i], "%v", err)
		}
		if _, builtin := c.Lookup(p.ID); builtin {
			return nil, bad(ownAt[i], "prompt %q: a built-in prompt has that id; choose another (or disable the built-in one)", p.ID)
		}
		if seen[p.ID] {
			return nil, bad(ownAt[i], "prompt id %q is used twice", p.ID)
		}
		seen[p.ID] = true
		p.Origin = path
		out.Prompts = append(out.Prompts, p)
	}
	out.byID = make(map[string]int, len(out.Prompts))
	for i, p := range out.Prompts {
		out.byID[p.ID] = i
	}
	return out, nil
}

// fieldError describes a prompt that cannot be decoded, on the line of
// the field at fault where it can be found.
func fieldError(data []byte, path string, err error, promptAt int64) error {
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		// The offset counts from the start of the prompt being decoded.
		return &FileError{Path: path, Line: lineAt(data, promptAt+typ.Offset-1), Reason: fmt.Sprintf("%s must not be a JSON %s", typ.Field, typ.Value)}
	}
	if m := unknownField().FindStringSubmatch(err.Error()); m != nil {
		line := lineAt(data, promptAt)
		if i := bytes.Index(data[promptAt:], []byte(`"`+m[1]+`"`)); i >= 0 {
			line = lineAt(data, promptAt+int64(i))
		}
		return &FileError{Path: path, Line: line, Reason: fmt.Sprintf("unknown field %q in a prompt", m[1])}
	}
	return syntaxError(data, path, err, promptAt)
}

var unknownField = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`unknown field "([^"]*)"`) })

// syntaxError describes JSON that cannot be read, at the line it stops.
func syntaxError(data []byte, path string, err error, at int64) error {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		at = syn.Offset
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return &FileError{Path: path, Line: lineAt(data, int64(len(data))), Reason: "the file ends before its JSON does"}
	}
	return &FileError{Path: path, Line: lineAt(data, at), Reason: "not valid JSON: " + err.Error()}
}

// lineAt is the 1-based line of a byte offset, after any spaces there.
func lineAt(data []byte, offset int64) int {
	offset = min(max(offset, 0), int64(len(data)))
	for offset < int64(len(data)) && (data[offset] == ' ' || data[offset] == '\t' || data[offset] == '\n' || data[offset] == '\r' || data[offset] == ',' || data[offset] == ':') {
		offset++
	}
	return bytes.Count(data[:offset], []byte("\n")) + 1
}
