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
// reflected, mood per day and on average, small wins, lessons, next steps,
// follow-through), then each day with its questions and answers. A week
// lists all seven days; a month or a longer span lists the days that have
// an entry; a year, whose review is long enough, lists none. A month's and
// a year's review add the follow-through rate and the themes most written
// about, and a year's shows its mood a week to a row.
//
// Answers are a person's own text and are written so that nothing in them
// (a leading "#", ">", "-" or "1.", a fence of backticks, raw HTML) can change
// the document's structure: they are escaped, never interpreted.
func (r Review) WriteMarkdown(out io.Writer, cat *prompts.Catalog) error {
	w := bufio.NewWriter(out)
	r.writeFrontMatter(w, nil)
	fmt.Fprintf(w, "# %s\n\n", r.title())
	r.writeReview(w, cat)
	if r.Period != AYear {
		r.writeDays(w, cat)
	}
	return w.Flush()
}

// writeFrontMatter writes the review's YAML front matter: what it covers,
// its first and last days, the days reflected, the average mood and its
// tags, then whatever more writes.
func (r Review) writeFrontMatter(w *bufio.Writer, more func()) {
	_, average, hasMood := r.Moods()
	w.WriteString("---\n")
	switch r.Period {
	case AWeek:
		fmt.Fprintf(w, "week: %s\n", r.Week)
	case AMonth:
		fmt.Fprintf(w, "month: %s\n", r.Month)
	case AYear:
		fmt.Fprintf(w, "year: %s\n", r.Year)
	}
	fmt.Fprintf(w, "first: %s\nlast: %s\n", r.Span.From, r.Span.To)
	fmt.Fprintf(w, "reflected: %d\n", r.Reflected())
	if hasMood {
		fmt.Fprintf(w, "mood: %.1f\n", average)
	}
	w.WriteString("tags: [reflect]\n")
	if more != nil {
		more()
	}
	w.WriteString("---\n\n")
}

// title is "2026-W47 · 16–22 November 2026", "November 2026", "2026" or
// "Reflections · 1–7 November 2026".
func (r Review) title() string {
	switch r.Period {
	case AWeek:
		return fmt.Sprintf("%s · %s", r.Week, spanTitle(r.Span))
	case AMonth:
		return r.Month.Long()
	case AYear:
		return r.Year.String()
	}
	return "Reflections · " + spanTitle(r.Span)
}

// writeReview writes the review's sections: what stands out across the
// span.
func (r Review) writeReview(w *bufio.Writer, cat *prompts.Catalog) {
	moods, average, hasMood := r.Moods()
	long := r.Period == AMonth || r.Period == AYear
	w.WriteString("## Review\n\n")
	fmt.Fprintf(w, "Reflected on **%d of %d days**", r.Reflected(), r.Span.Days())
	if hasMood {
		fmt.Fprintf(w, "; mood **%.1f of 5** on average", average)
	}
	if run := r.LongestRun(); long && run > 1 && run < r.Reflected() {
		fmt.Fprintf(w, "; **%d days** in a row at the longest", run)
	}
	w.WriteString(".\n\n")
	switch {
	case r.Period == AYear:
		r.writeWeekTable(w)
	case hasMood:
		r.writeMoodTable(w, moods)
	}
	lists := []struct {
		title string
		items []Highlight
		none  string
	}{
		{"Small wins", r.Wins(), "No small wins written down."},
		{"Lessons", r.Lessons(), "No lessons drawn."},
		{"Next steps", r.NextSteps(), "No next steps planned."},
	}
	if r.Period == AYear { // the year's steps are in its follow-through
		lists = lists[:2]
	}
	for _, list := range lists {
		fmt.Fprintf(w, "### %s\n\n", list.title)
		switch {
		case len(list.items) == 0:
			fmt.Fprintf(w, "_%s_\n\n", list.none)
		case long && list.title == "Lessons":
			r.writeDrawnLessons(w)
		default:
			r.writeHighlights(w, list.items)
		}
	}
	r.writeLoop(w)
	if long {
		r.writeThemes(w, cat)
	}
}

// writeHighlights writes answers picked out, a line each; a year's under a
// heading for each month.
func (r Review) writeHighlights(w *bufio.Writer, items []Highlight) {
	var month Month
	for i, h := range items {
		if r.Period == AYear && (i == 0 || MonthOf(h.Date) != month) {
			if i > 0 {
				w.WriteString("\n")
			}
			month = MonthOf(h.Date)
			fmt.Fprintf(w, "#### %s\n\n", month.First().Format("January"))
		}
		fmt.Fprintf(w, "- **%s:** %s\n", r.shortDate(h.Date), markdownLines(h.Text, "\\\n  "))
	}
	w.WriteString("\n")
}

// writeDrawnLessons writes the lessons drawn, each once, with the days it
// was drawn on: all of them when there are a few, else the first and last.
func (r Review) writeDrawnLessons(w *bufio.Writer) {
	const daysListed = 4
	for _, l := range r.DrawnLessons() {
		text := markdownLines(l.Lesson, " ")
		first, last := l.Days[0], l.Days[len(l.Days)-1]
		switch n := len(l.Days); {
		case n == 1:
			fmt.Fprintf(w, "- **%s:** %s\n", r.shortDate(first), text)
		case n <= daysListed:
			days := make([]string, n)
			for i, d := range l.Days {
				days[i] = r.shortDate(d)
			}
			times := fmt.Sprintf("%d times", n)
			if n == 2 {
				times = "twice"
			}
			fmt.Fprintf(w, "- %s — **%s:** %s\n", text, times, strings.Join(days, ", "))
		default:
			fmt.Fprintf(w, "- %s — **%d times,** first %s, last %s\n", text, n, r.shortDate(first), r.shortDate(last))
		}
	}
	w.WriteString("\n")
}

// writeDays writes each day of the span with its questions and answers: a
// week's seven days, or the days that have an entry.
func (r Review) writeDays(w *bufio.Writer, cat *prompts.Catalog) {
	next := 0
	for d := r.Span.From; !d.After(r.Span.To); d = d.AddDays(1) {
		var e *Entry
		for next < len(r.Entries) && !r.Entries[next].Date.After(d) {
			if r.Entries[next].Date == d {
				e = &r.Entries[next]
			}
			next++
		}
		if e == nil && r.Period != AWeek {
			continue
		}
		fmt.Fprintf(w, "## %s\n\n", d.Long())
		if e == nil {
			w.WriteString("_No reflection._\n\n")
			continue
		}
		writeAnswers(w, e.Answers, cat)
	}
}

// writeAnswers writes each question in bold and its answer below it.
func writeAnswers(w *bufio.Writer, answers []Answer, cat *prompts.Catalog) {
	for _, a := range answers {
		fmt.Fprintf(w, "**%s**\n\n", markdownLines(a.Question, " "))
		fmt.Fprintf(w, "%s\n\n", markdownParagraphs(Display(a, cat)))
	}
}

// writeLoop writes the steps followed up and the lessons that came back.
func (r Review) writeLoop(w *bufio.Writer) {
	w.WriteString("### Follow-through\n\n")
	follow := r.FollowUps()
	if len(follow) == 0 {
		w.WriteString("_No steps followed up._\n\n")
	}
	if rate := followRate(follow); r.Period == AMonth || r.Period == AYear {
		writeFollowRate(w, rate)
	}
	if r.Period == AYear {
		r.writeFollowTable(w)
		follow = nil
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

// writeFollowRate writes how the steps followed up went, in a sentence.
func writeFollowRate(w *bufio.Writer, f FollowRate) {
	percent, ok := f.Percent()
	if !ok {
		return
	}
	fmt.Fprintf(w, "**%d of %d** steps followed up were done (%d%%)", f.Done, f.Followed, percent)
	if f.Partly > 0 || f.NotYet > 0 {
		fmt.Fprintf(w, "; %d partly, %d not yet", f.Partly, f.NotYet)
	}
	w.WriteString(".\n\n")
}

// writeFollowTable writes the follow-through of each month, a row each.
func (r Review) writeFollowTable(w *bufio.Writer) {
	rows := r.FollowThroughByMonth()
	if len(rows) == 0 {
		return
	}
	w.WriteString("| Month | Followed up | Done | Partly | Not yet | Share done |\n")
	w.WriteString("| --- | --: | --: | --: | --: | --: |\n")
	for _, row := range rows {
		percent, _ := row.Follow.Percent()
		fmt.Fprintf(w, "| %s | %d | %d | %d | %d | %d%% |\n", row.Month.First().Format("January"),
			row.Follow.Followed, row.Follow.Done, row.Follow.Partly, row.Follow.NotYet, percent)
	}
	w.WriteString("\n")
}

// themesShown is how many of the themes most written about a review names.
const themesShown = 5

// writeThemes writes the themes most written about, in a table.
func (r Review) writeThemes(w *bufio.Writer, cat *prompts.Catalog) {
	w.WriteString("### Themes\n\n")
	themes := r.Themes(cat)
	if len(themes) == 0 {
		w.WriteString("_Nothing written in words._\n\n")
		return
	}
	w.WriteString("| Theme | Answers | Words |\n| --- | --: | --: |\n")
	for _, t := range themes[:min(len(themes), themesShown)] {
		fmt.Fprintf(w, "| %s | %d | %d |\n", markdownLine(t.Theme), t.Answers, t.Words)
	}
	w.WriteString("\n")
}

// writeWeekTable writes how many days of each ISO week of the span were
// reflected on, and the week's mood.
func (r Review) writeWeekTable(w *bufio.Writer) {
	w.WriteString("| Week | Reflected | Mood |\n| --- | :-: | :-: |\n")
	for _, row := range r.Weeks() {
		fmt.Fprintf(w, "| %s | %d of %d | %s |\n", row.Week, row.Reflected, row.Days, row.moodCell())
	}
	w.WriteString("\n")
}

// writeMoodTable writes the mood of each day, a row per ISO week of the span.
func (r Review) writeMoodTable(w *bufio.Writer, moods map[Day]int) {
	w.WriteString("| Week | Mon | Tue | Wed | Thu | Fri | Sat | Sun | Average |\n")
	w.WriteString("| --- | :-: | :-: | :-: | :-: | :-: | :-: | :-: | :-: |\n")
	for _, row := range r.Weeks() {
		fmt.Fprintf(w, "| %s |", row.Week)
		for d := row.Week.Monday(); !d.After(row.Week.Sunday()); d = d.AddDays(1) {
			mood, ok := moods[d]
			switch {
			case !r.Span.Contains(d):
				w.WriteString("   |")
			case !ok:
				w.WriteString(" – |")
			default:
				fmt.Fprintf(w, " %d |", mood)
			}
		}
		fmt.Fprintf(w, " %s |\n", row.moodCell())
	}
	w.WriteString("\n")
}

// moodCell is the week's average mood as a table shows it, or "–".
func (row WeekRow) moodCell() string {
	if !row.HasMood {
		return "–"
	}
	return fmt.Sprintf("%.1f", row.Mood)
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
