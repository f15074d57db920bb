package journal

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"

	"github.com/reflect-cli/reflect/prompts"
)

// WriteMarkdown writes the review as a Markdown document that reads well on
// GitHub and in Obsidian: YAML front matter, a title, the review (days
// reflected, mood per day and on average, small wins, lessons, next steps),
// then each day with its questions and answers. A week lists all seven days;
// a longer span lists the days that have an entry.
//
// Answers are a person's own text and are written so that nothing in them
// (a leading "#", ">", "-" or "1.", a fence of backticks, raw HTML) can change
// the document's structure: they are escaped, never interpreted.
func (r Review) WriteMarkdown(out io.Writer, cat *prompts.Catalog) error {
	w := bufio.NewWriter(out)
	moods, average, hasMood := r.Moods()

	w.WriteString("---\n")
	if r.IsWeek {
		fmt.Fprintf(w, "week: %s\n", r.Week)
	}
	fmt.Fprintf(w, "first: %s\nlast: %s\n", r.Span.From, r.Span.To)
	fmt.Fprintf(w, "reflected: %d\n", r.Reflected())
	if hasMood {
		fmt.Fprintf(w, "mood: %.1f\n", average)
	}
	w.WriteString("tags: [reflect]\n---\n\n")

	if r.IsWeek {
		fmt.Fprintf(w, "# %s · %s\n\n", r.Week, spanTitle(r.Span))
	} else {
		fmt.Fprintf(w, "# Reflections · %s\n\n", spanTitle(r.Span))
	}

	w.WriteString("## Review\n\n")
	fmt.Fprintf(w, "Reflected on **%d of %d days**", r.Reflected(), r.Span.Days())
	if hasMood {
		fmt.Fprintf(w, "; mood **%.1f of 5** on average", average)
	}
	w.WriteString(".\n\n")
	if hasMood {
		r.writeMoodTable(w, moods)
	}
	for _, list := range []struct {
		title string
		items []Highlight
		none  string
	}{
		{"Small wins", r.Wins(), "No small wins written down."},
		{"Lessons", r.Lessons(), "No lessons drawn."},
		{"Next steps", r.NextSteps(), "No next steps planned."},
	} {
		fmt.Fprintf(w, "### %s\n\n", list.title)
		if len(list.items) == 0 {
			fmt.Fprintf(w, "_%s_\n\n", list.none)
			continue
		}
		for _, h := range list.items {
			fmt.Fprintf(w, "- **%s:** %s\n", r.shortDate(h.Date), markdownLines(h.Text, "\\\n  "))
		}
		w.WriteString("\n")
	}

	r.writeLoop(w)

	next := 0
	for d := r.Span.From; !d.After(r.Span.To); d = d.AddDays(1) {
		var e *Entry
		for next < len(r.Entries) && !r.Entries[next].Date.After(d) {
			if r.Entries[next].Date == d {
				e = &r.Entries[next]
			}
			next++
		}
		if e == nil && !r.IsWeek {
			continue
		}
		fmt.Fprintf(w, "## %s\n\n", d.Long())
		if e == nil {
			w.WriteString("_No reflection._\n\n")
			continue
		}
		for _, a := range e.Answers {
			fmt.Fprintf(w, "**%s**\n\n", markdownLines(a.Question, " "))
			fmt.Fprintf(w, "%s\n\n", markdownParagraphs(Display(a, cat)))
		}
	}
	return w.Flush()
}

// writeLoop writes the steps followed up and the lessons that came back.
func (r Review) writeLoop(w *bufio.Writer) {
	w.WriteString("### Follow-through\n\n")
	follow := r.FollowUps()
	if len(follow) == 0 {
		w.WriteString("_No steps followed up._\n\n")
	}
	for _, f := range follow {
		fmt.Fprintf(w, "- **%s:** ", r.shortDate(f.Date))
		if f.Step != "" {
			fmt.Fprintf(w, "%s — ", markdownLines(f.Step, " "))
		}
		fmt.Fprintf(w, "**%s**", markdownLines(f.Result, " "))
		if f.Obstacle != "" {
			fmt.Fprintf(w, "; in the way: %s", markdownLines(f.Obstacle, " "))
		}
		w.WriteString("\n")
	}
	if len(follow) > 0 {
		w.WriteString("\n")
	}
	w.WriteString("### Lessons that came back\n\n")
	back := r.CameBack()
	if len(back) == 0 {
		w.WriteString("_No earlier lessons came back._\n\n")
		return
	}
	for _, c := range back {
		still := "still true"
		if c.StillTrue != "yes" {
			still = "no longer true"
		}
		fmt.Fprintf(w, "- **%s:** ", r.shortDate(c.Date))
		if c.Lesson != "" {
			fmt.Fprintf(w, "%s ", markdownLines(c.Lesson, " "))
		}
		var drawn Day
		if drawn.UnmarshalText([]byte(c.Drawn.Date)) == nil {
			fmt.Fprintf(w, "(from %s) ", drawn.Format("2 Jan 2006"))
		}
		fmt.Fprintf(w, "— **%s**\n", still)
	}
	w.WriteString("\n")
}

// writeMoodTable writes the mood of each day, a row per ISO week of the span.
func (r Review) writeMoodTable(w *bufio.Writer, moods map[Day]int) {
	w.WriteString("| Week | Mon | Tue | Wed | Thu | Fri | Sat | Sun | Average |\n")
	w.WriteString("| --- | :-: | :-: | :-: | :-: | :-: | :-: | :-: | :-: |\n")
	for week := WeekOf(r.Span.From); !week.Monday().After(r.Span.To); week = WeekOf(week.Monday().AddDays(7)) {
		fmt.Fprintf(w, "| %s |", week)
		sum, n := 0, 0
		for d := week.Monday(); !d.After(week.Sunday()); d = d.AddDays(1) {
			mood, ok := moods[d]
			switch {
			case !r.Span.Contains(d):
				w.WriteString("   |")
			case !ok:
				w.WriteString(" – |")
			default:
				fmt.Fprintf(w, " %d |", mood)
				sum += mood
				n++
			}
		}
		if n > 0 {
			fmt.Fprintf(w, " %.1f |\n", float64(sum)/float64(n))
		} else {
			w.WriteString(" – |\n")
		}
	}
	w.WriteString("\n")
}

// shortDate is "Mon 16 Nov", with the year when the span crosses one.
func (r Review) shortDate(d Day) string {
	if r.Span.From.Year() != r.Span.To.Year() {
		return d.Format("Mon 2 Jan 2006")
	}
	return d.Format("Mon 2 Jan")
}

// spanTitle is "16–22 November 2026", "27 October – 2 November 2026" or
// "29 December 2025 – 4 January 2026".
func spanTitle(s Span) string {
	from, to := s.From, s.To
	switch {
	case from.Year() != to.Year():
		return from.Format("2 January 2006") + " – " + to.Format("2 January 2006")
	case from.Format("01") != to.Format("01"):
		return from.Format("2 January") + " – " + to.Format("2 January 2006")
	case from == to:
		return from.Format("2 January 2006")
	}
	return from.Format("2") + "–" + to.Format("2 January 2006")
}

// markdownParagraphs writes a person's text as Markdown paragraphs: its
// blank lines separate paragraphs, its other line breaks are kept as hard
// breaks, and every line is escaped.
func markdownParagraphs(text string) string {
	var paras []string
	for _, para := range splitParagraphs(text) {
		paras = append(paras, markdownLines(para, "\\\n"))
	}
	return strings.Join(paras, "\n\n")
}

// splitParagraphs splits text at blank lines, dropping empty paragraphs.
func splitParagraphs(text string) []string {
	var paras []string
	var cur []string
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			if len(cur) > 0 {
				paras = append(paras, strings.Join(cur, "\n"))
				cur = nil
			}
			continue
		}
		cur = append(cur, line)
	}
	if len(cur) > 0 {
		paras = append(paras, strings.Join(cur, "\n"))
	}
	return paras
}

// markdownLines escapes each non-blank line of text and joins them with sep.
func markdownLines(text, sep string) string {
	var lines []string
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			lines = append(lines, markdownLine(line))
		}
	}
	return strings.Join(lines, sep)
}

var (
	// inlineSpecial are the characters that can start inline Markdown on
	// GitHub or in Obsidian: emphasis, code, links, HTML, tables, math,
	// headings and tags, block references.
	inlineSpecial = "\\`*_[]<>#|~$^"
	orderedMarker = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d{1,9})([.)])`) })
	entityLike    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^&(#?[A-Za-z0-9]+;)`) })
)

// markdownLine escapes one line of a person's text (with no line break and
// no leading space) so that Markdown shows it as it is written. Control
// characters are shown as visible escapes.
func markdownLine(line string) string {
	line = Visible(line)
	var b strings.Builder
	start := 0
	switch {
	case line[0] == '-' || line[0] == '+' || line[0] == '=':
		// a list item, a rule or a heading underline
		b.WriteString(`\`)
		b.WriteByte(line[0])
		start = 1
	case orderedMarker().MatchString(line):
		m := orderedMarker().FindStringSubmatch(line)
		b.WriteString(m[1] + `\` + m[2])
		start = len(m[0])
	}
	for i := start; i < len(line); i++ {
		c := line[i]
		switch {
		case strings.IndexByte(inlineSpecial, c) >= 0:
			b.WriteByte('\\')
		case c == '&' && entityLike().MatchString(line[i:]):
			b.WriteByte('\\')
		case (c == '=' || c == '%') && i+1 < len(line) && line[i+1] == c:
			// Obsidian's ==highlight== and %%comment%%
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}
