package terminal

// What people read of the journal: an entry as text, and JSON made safe
// for a terminal.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/prompts"
)

// RenderEntry writes one day for people: the date, underlined, then each
// question with its answer, as cat shows it, indented below it, wrapped to
// width.
func RenderEntry(w io.Writer, e journal.Entry, cat *prompts.Catalog, st Style, width int) {
	heading := e.Date.Long()
	fmt.Fprintln(w, st.Title(heading))
	fmt.Fprintln(w, st.Dim(strings.Repeat("─", utf8.RuneCountInString(heading))))
	for _, a := range e.Answers {
		fmt.Fprintln(w)
		writeLines(w, "", a.Question, width, st.Bold)
		WriteHanging(w, "    ", journal.Display(a, cat), width, st)
		if len(a.Tags) > 0 {
			fmt.Fprintln(w, "    "+st.Dim(journal.Visible("tagged "+strings.Join(a.Tags, " "))))
		}
		if f := a.FollowsUp; f != nil {
			fmt.Fprintln(w, "    "+st.Dim(journal.Visible("follows up "+refName(*f))))
		}
	}
}

// refName names an earlier answer for people: "Thursday 19 November 2026
// (next-step)".
func refName(r prompts.Ref) string {
	var d journal.Day
	if d.UnmarshalText([]byte(r.Date)) != nil {
		return r.Date + " (" + r.PromptID + ")"
	}
	return d.Long() + " (" + r.PromptID + ")"
}

// WriteJSON writes v as indented JSON, safe for a terminal (see jsonSafe).
func WriteJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(jsonSafe(buf.Bytes()))
	return err
}

// jsonSafe writes as \u escapes the characters that encoding/json leaves as
// they are but that would act on a terminal: DEL, the C1 controls, and the
// bidirectional controls and other invisible characters of journal.Hidden.
// Outside its strings JSON is ASCII, so they stand only inside strings,
// where an escape means the very same character: the JSON reads back the
// same.
func jsonSafe(data []byte) []byte {
	var out []byte
	last := 0 // data[:last] is in out
	for i := 0; i < len(data); {
		if data[i] < 0x7f {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if journal.Hidden(r) {
			out = append(out, data[last:i]...)
			for _, unit := range utf16.AppendRune(nil, r) {
				out = fmt.Appendf(out, `\u%04x`, unit)
			}
			last = i + size
		}
		i += size
	}
	if out == nil {
		return data
	}
	return append(out, data[last:]...)
}

// JSONArray writes a JSON array one element at a time, byte for byte as
// WriteJSON writes the whole slice, so that a long listing need not be held
// in memory. Close ends the array.
type JSONArray struct {
	w   io.Writer
	n   int
	buf bytes.Buffer
}

// NewJSONArray returns a JSONArray that writes to w.
func NewJSONArray(w io.Writer) *JSONArray { return &JSONArray{w: w} }

// Add writes one element.
func (a *JSONArray) Add(v any) error {
	a.buf.Reset()
	enc := json.NewEncoder(&a.buf)
	enc.SetIndent("  ", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	sep := ",\n  "
	if a.n == 0 {
		sep = "[\n  "
	}
	a.n++
	if _, err := io.WriteString(a.w, sep); err != nil {
		return err
	}
	_, err := a.w.Write(jsonSafe(bytes.TrimSuffix(a.buf.Bytes(), []byte("\n"))))
	return err
}

// Close ends the array.
func (a *JSONArray) Close() error {
	end := "\n]\n"
	if a.n == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(a.w, end)
	return err
}
