package prompts

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Kind says how a prompt is answered. Everything that depends on the kind
// of an answer, other than how a terminal asks it, is a method of Kind:
// reading an answer written as text (Parse) or as JSON (ParseJSON), the JSON
// of an answer (JSON), how an answer reads (Display), and how the kind is
// named (Label). An answer is stored as a string: a scale as digits, a
// yes/no as "yes" or "no", a choice as one of the prompt's options, text as
// it is.
//
// Kinds are checked where they are read (the built-in catalog, a person's
// prompts file): a kind that is none of the ones below is an error, never
// taken for text. The methods say so too, where they can return an error.
type Kind string

// The kinds of prompt.
const (
	Short Kind = "short" // a line of text
	Long  Kind = "long"  // a few lines of text
	Scale Kind = "scale" // a whole number from 1 to 5
	YesNo Kind = "yesno" // yes or no
	// Choice is one of the prompt's Options.
	Choice Kind = "choice"
)

// The stored forms of a yes/no answer.
const (
	Yes = "yes"
	No  = "no"
)

// errUnknown is the error of a kind that is none of the kinds.
func (k Kind) errUnknown() error { return fmt.Errorf("unknown kind %q", string(k)) }

// check reports whether k is one of the kinds, and a choice one with
// options to choose from.
func (k Kind) check(options []string) error {
	switch k {
	case Short, Long, Scale, YesNo:
		return nil
	case Choice:
		if len(options) < 2 {
			return errors.New("a choice needs two options or more")
		}
		return nil
	}
	return k.errUnknown()
}

// Label names the kind for people, as 'reflect prompts' lists it: "text",
// "long text", "1 to 5", "yes/no" or "a choice". An unknown kind is named
// as it is written.
func (k Kind) Label() string {
	switch k {
	case Short:
		return "text"
	case Long:
		return "long text"
	case Scale:
		return "1 to 5"
	case YesNo:
		return "yes/no"
	case Choice:
		return "a choice"
	}
	return string(k)
}

// ScaleAnswer returns the stored form of a scale answer, checking its range.
func ScaleAnswer(n int) (string, error) {
	if n < 1 || n > 5 {
		return "", fmt.Errorf("%d is not on the scale from 1 to 5", n)
	}
	return strconv.Itoa(n), nil
}

// YesNoAnswer returns the stored form of a yes/no answer.
func YesNoAnswer(yes bool) string {
	if yes {
		return Yes
	}
	return No
}

// Parse reads an answer of kind k written as text by a person (typed, or
// edited in 'reflect edit'), such as "4" to a scale, "Y" to a yes/no or
// "walk" to a choice of options, and returns its stored form. Text is
// trimmed of spaces at both ends. An answer the kind does not allow, or a
// kind that is none of the kinds, is an error.
func (k Kind) Parse(text string, options []string) (string, error) {
	text = strings.TrimSpace(text)
	switch k {
	case Short, Long:
		return text, nil
	case Scale:
		n, err := strconv.Atoi(text)
		if err != nil {
			return "", fmt.Errorf("%q is not a whole number from 1 to 5", text)
		}
		return ScaleAnswer(n)
	case Choice:
		for _, o := range options {
			if strings.EqualFold(text, o) {
				return o, nil
			}
		}
		return "", fmt.Errorf("%q is not one of: %s", text, strings.Join(options, ", "))
	case YesNo:
		switch strings.ToLower(text) {
		case "yes", "y":
			return YesNoAnswer(true), nil
		case "no", "n":
			return YesNoAnswer(false), nil
		}
		return "", fmt.Errorf("%q is neither yes nor no", text)
	}
	return "", k.errUnknown()
}

// ParseJSON reads an answer of kind k as an answers file gives it ('reflect
// today --answers'): a whole number from 1 to 5 for a scale, true or false
// for a yes/no, one of the options (in any case) for a choice, and a string
// that is not blank for text, kept as it is; a choice among yes, no and
// more also takes true or false. It returns the stored form; an
// answer of the wrong type or out of range is an error, worded to follow
// the prompt's id ("wants true or false, not 3").
func (k Kind) ParseJSON(raw json.RawMessage, options []string) (string, error) {
	switch k {
	case Short, Long:
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", fmt.Errorf("wants a string, not %s", raw)
		}
		if strings.TrimSpace(s) == "" {
			return "", errors.New("is empty; leave the prompt out instead")
		}
		return s, nil
	case Scale:
		var n int
		if err := json.Unmarshal(raw, &n); err != nil || n < 1 || n > 5 {
			return "", fmt.Errorf("wants a whole number from 1 to 5, not %s", raw)
		}
		return ScaleAnswer(n)
	case Choice:
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			// A choice among yes, no and more (the setback check) takes
			// true and false as a yes/no does.
			var b bool
			if json.Unmarshal(raw, &b) == nil && slices.Contains(options, Yes) && slices.Contains(options, No) {
				return YesNoAnswer(b), nil
			}
			return "", fmt.Errorf("wants one of %s, not %s", strings.Join(options, ", "), raw)
		}
		return k.Parse(s, options)
	case YesNo:
		var b bool
		if err := json.Unmarshal(raw, &b); err != nil {
			return "", fmt.Errorf("wants true or false, not %s", raw)
		}
		return YesNoAnswer(b), nil
	}
	return "", k.errUnknown()
}

// JSON returns a stored answer of kind k in the form an answers file gives
// it, which ParseJSON reads back to the same stored answer: a scale as a
// number, a yes/no as true or false, anything else as a string. (In the
// JSON form of entries, which show --json, log --json and export write and
// import reads, every answer is a string, its stored form, whatever its
// kind.) A stored answer its kind does not allow is an error.
func (k Kind) JSON(stored string) (json.RawMessage, error) {
	switch k {
	case Short, Long, Choice:
		return json.Marshal(stored)
	case Scale:
		n, err := strconv.Atoi(stored)
		if err != nil || strconv.Itoa(n) != stored {
			return nil, fmt.Errorf("%q is not a stored scale answer", stored)
		}
		if _, err := ScaleAnswer(n); err != nil {
			return nil, err
		}
		return json.RawMessage(stored), nil
	case YesNo:
		switch stored {
		case Yes:
			return json.RawMessage("true"), nil
		case No:
			return json.RawMessage("false"), nil
		}
		return nil, fmt.Errorf("%q is not a stored yes/no answer", stored)
	}
	return nil, k.errUnknown()
}

// Display returns a stored answer of kind k as people read it: a scale's
// "4" as "4 of 5"; any other answer as it is. (A stored answer is shown
// whatever it holds, so an answer that is not one digit, or of a kind that
// is none of the kinds, is shown as it is.)
func (k Kind) Display(stored string) string {
	if k == Scale && len(stored) == 1 {
		return stored + " of 5"
	}
	return stored
}
