package journal

import (
	"bufio"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/reflect-cli/reflect/prompts"
)

// The editable text of an entry (reflect edit) is a short note, then one
// section per answer: a heading "## N. question", then the answer's lines.
// An answer line that would read as a heading, or that starts with a
// backslash, is written with one more backslash in front, which reading
// takes off again, so any text survives the round trip.

var editHeading = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^## (\d+)\. `) })

// EditText returns the entry as text for a person to edit.
func EditText(e Entry) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n", e.Date.Long())
	b.WriteString("#\n")
	b.WriteString("# Change the answers below, then save and close the editor.\n")
	b.WriteString("# Keep each heading as it is; an answer you empty is removed.\n")
	b.WriteString("# To change nothing, close the editor without saving.\n")
	for i, a := range e.Answers {
		question := strings.Join(strings.Fields(a.Question), " ")
		if question == "" {
			question = a.PromptID
		}
		fmt.Fprintf(&b, "\n## %d. %s\n\n", i+1, question)
		for _, line := range strings.Split(a.Answer, "\n") {
			if strings.HasPrefix(line, `\`) || editHeading().MatchString(line) {
				line = `\` + line
			}
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}

// EditError says why edited text cannot be read back.
type EditError struct {
	Line   int // 1-based; 0 when the problem is not on one line
	Reason string
}

// Error implements error.
func (e *EditError) Error() string {
	if e.Line == 0 {
		return e.Reason
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Reason)
}

// Edit is what a person's editing did to an entry's answers.
type Edit struct {
	Answers []Answer // the answers as they now stand
	// From is, for each of Answers, the index in the entry's answers of
	// the answer it was.
	From    []int
	Changed int // answers whose text changed
	Removed int // answers emptied, and so dropped
}

// ReadEditText reads back text that EditText wrote for e and a person
// edited, and returns what it did to e's answers: each answer takes the
// text under its heading, and one emptied is dropped. Text whose headings no
// longer match e's answers one for one, in order, is an *EditError, as is a
// scale or yes/no answer of cat that its kind does not allow.
func ReadEditText(e Entry, text string, cat *prompts.Catalog) (Edit, error) {
	sections := make([][]string, 0, len(e.Answers))
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 0, 64<<10), len(text)+1)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if m := editHeading().FindStringSubmatch(line); m != nil {
			num, _ := strconv.Atoi(m[1])
			if num != len(sections)+1 || num > len(e.Answers) {
				return Edit{}, &EditError{Line: n, Reason: fmt.Sprintf("heading %d is out of place: keep the %d headings, in order", num, len(e.Answers))}
			}
			sections = append(sections, nil)
			continue
		}
		if len(sections) == 0 {
			if trimmed := strings.TrimSpace(line); trimmed != "" && !strings.HasPrefix(trimmed, "#") {
				return Edit{}, &EditError{Line: n, Reason: "text above the first heading belongs to no question"}
			}
			continue
		}
		line = strings.TrimPrefix(line, `\`)
		sections[len(sections)-1] = append(sections[len(sections)-1], line)
	}
	if err := sc.Err(); err != nil {
		return Edit{}, &EditError{Reason: err.Error()}
	}
	if len(sections) != len(e.Answers) {
		return Edit{}, &EditError{Reason: fmt.Sprintf("found %d of the %d headings: keep every heading, in order", len(sections), len(e.Answers))}
	}
	var edit Edit
	for i, lines := range sections {
		a := e.Answers[i]
		text := strings.TrimSpace(strings.Join(lines, "\n"))
		switch {
		case text == "":
			edit.Removed++
			continue
		case text == strings.TrimSpace(a.Answer):
			// unchanged: keep it exactly as it was
		default:
			if p, ok := cat.Lookup(a.PromptID); ok {
				var err error
				if text, err = p.Kind.Parse(text, p.Options); err != nil {
					return Edit{}, &EditError{Reason: fmt.Sprintf("answer %d (%s): %v", i+1, a.PromptID, err)}
				}
			}
			if text != a.Answer {
				edit.Changed++
				a.Answer = text
			}
		}
		edit.Answers, edit.From = append(edit.Answers, a), append(edit.From, i)
	}
	return edit, nil
}
