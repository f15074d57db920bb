package cmd

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

// style colors text for a terminal; the zero style leaves it plain.
type style struct {
	color bool
	// mark, when set, is text to pick out wherever it appears (log --grep).
	mark string
}

func (s style) wrap(code, text string) string {
	if !s.color || text == "" {
		return text
	}
	return "\x1b[" + code + "m" + text + "\x1b[0m"
}

func (s style) bold(t string) string  { return s.marked("1", t) }
func (s style) dim(t string) string   { return s.wrap("2", t) }
func (s style) title(t string) string { return s.wrap("1;36", t) }
func (s style) plain(t string) string { return s.marked("", t) }

// marked colors text with code, and each stretch of it that matches s.mark
// (in any case) in bold yellow.
func (s style) marked(code, text string) string {
	if !s.color || s.mark == "" {
		if code == "" {
			return text
		}
		return s.wrap(code, text)
	}
	var b strings.Builder
	for text != "" {
		i := journal.IndexFold(text, s.mark)
		if i < 0 {
			break
		}
		end := i + len(s.mark)
		if code != "" {
			b.WriteString(s.wrap(code, text[:i]))
		} else {
			b.WriteString(text[:i])
		}
		b.WriteString(s.wrap("1;33", text[i:end]))
		text = text[end:]
	}
	if code != "" {
		b.WriteString(s.wrap(code, text))
	} else {
		b.WriteString(text)
	}
	return b.String()
}

// renderEntry writes one day for people: the date, underlined, then each
// question with its answer, as cat shows it, indented below it, wrapped to
// width.
func renderEntry(w io.Writer, e journal.Entry, cat *prompts.Catalog, st style, width int) {
	heading := e.Date.Long()
	fmt.Fprintln(w, st.title(heading))
	fmt.Fprintln(w, st.dim(strings.Repeat("─", utf8.RuneCountInString(heading))))
	for _, a := range e.Answers {
		fmt.Fprintln(w)
		for _, line := range wrapText(journal.Visible(a.Question), width) {
			fmt.Fprintln(w, st.bold(line))
		}
		writeHanging(w, "    ", journal.Display(a, cat), width, st)
		if len(a.Tags) > 0 {
			fmt.Fprintln(w, "    "+st.dim(journal.Visible("tagged "+strings.Join(a.Tags, " "))))
		}
		if f := a.FollowsUp; f != nil {
			fmt.Fprintln(w, "    "+st.dim(journal.Visible("follows up "+refName(*f))))
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

// writeJSON writes v as indented JSON, safe for a terminal (see jsonSafe).
func writeJSON(w io.Writer, v any) error {
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

// jsonArray writes a JSON array one element at a time, byte for byte as
// writeJSON writes the whole slice, so that a long listing need not be held
// in memory. Close ends the array.
type jsonArray struct {
	w   io.Writer
	n   int
	buf bytes.Buffer
}

// Add writes one element.
func (a *jsonArray) Add(v any) error {
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
func (a *jsonArray) Close() error {
	end := "\n]\n"
	if a.n == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(a.w, end)
	return err
}

// wrapText breaks text into lines of at most width runes, at spaces where
// it can, keeping the text's own line breaks.
func wrapText(text string, width int) []string {
	if width < 20 {
		width = 20
	}
	var out []string
	for _, para := range strings.Split(text, "\n") {
		words := strings.Fields(para)
		if len(words) == 0 {
			out = append(out, "")
			continue
		}
		line := ""
		for _, word := range words {
			for utf8.RuneCountInString(word) > width { // a word longer than a line is cut
				if line != "" {
					out = append(out, line)
					line = ""
				}
				cut := byteIndexOfRune(word, width)
				out = append(out, word[:cut])
				word = word[cut:]
			}
			switch {
			case line == "":
				line = word
			case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) <= width:
				line += " " + word
			default:
				out = append(out, line)
				line = word
			}
		}
		if line != "" {
			out = append(out, line)
		}
	}
	return out
}

// writeHanging writes prefix and then text wrapped to width, with every
// line after the first indented as far as the prefix reaches.
func writeHanging(w io.Writer, prefix, text string, width int, st style) {
	pad := strings.Repeat(" ", utf8.RuneCountInString(prefix))
	for i, line := range wrapText(journal.Visible(text), width-len(pad)) {
		if i == 0 {
			fmt.Fprintln(w, prefix+st.plain(line))
		} else {
			fmt.Fprintln(w, pad+st.plain(line))
		}
	}
}

// byteIndexOfRune returns the byte offset of the n-th rune of s.
func byteIndexOfRune(s string, n int) int {
	i := 0
	for k := range s {
		if i == n {
			return k
		}
		i++
	}
	return len(s)
}
