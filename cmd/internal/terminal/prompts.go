package terminal

// The prompts command's pages: the catalog and an evening's plan.

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/prompts"
)

// RenderCatalog lists prompts by theme, each with its question, its kind,
// and under it the advice it draws on, in our words, with the number of the
// article each piece comes from; then the articles by number. A prompts
// file's ids, like its questions and advice, are shown safe for the
// terminal.
func RenderCatalog(w io.Writer, cat *prompts.Catalog, list []prompts.Prompt, st Style, width int) {
	idWidth := 0
	for _, p := range list {
		idWidth = max(idWidth, utf8.RuneCountInString(journal.VisibleLine(p.ID)))
	}
	for _, theme := range cat.AllThemes() {
		var ofTheme []prompts.Prompt
		for _, p := range list {
			if p.Theme == theme {
				ofTheme = append(ofTheme, p)
			}
		}
		if len(ofTheme) == 0 {
			continue
		}
		fmt.Fprintln(w, st.Title(journal.VisibleLine(theme)))
		for _, p := range ofTheme {
			WriteHanging(w, fmt.Sprintf("  %-*s  ", idWidth, journal.VisibleLine(p.ID)), p.Question, width, Style{})
			label := p.Kind.Label()
			if p.Origin != "" {
				label += " · yours"
			}
			indent := strings.Repeat(" ", idWidth+4)
			fmt.Fprintln(w, indent+st.Dim(label))
			for _, s := range p.Sources {
				writeAdvice(w, indent, s, st, width)
			}
		}
		fmt.Fprintln(w)
	}
	if len(cat.Disabled) > 0 {
		fmt.Fprintln(w, st.Title("turned off"))
		WriteHanging(w, "  ", strings.Join(cat.Disabled, ", "), width, Style{})
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, st.Title("articles"))
	for _, a := range cat.Articles {
		WriteHanging(w, "  "+journal.VisibleLine(a.ID)+"  ", a.Title, width, Style{})
	}
}

// writeAdvice writes one source of a prompt: the article's number and its
// advice in our words, wrapped under itself.
func writeAdvice(w io.Writer, indent string, s prompts.Source, st Style, width int) {
	article := journal.VisibleLine(s.Article)
	pad := indent + strings.Repeat(" ", utf8.RuneCountInString(article)+2)
	for i, line := range WrapText(journal.Visible(s.Advice), width-utf8.RuneCountInString(pad)) {
		if i == 0 {
			fmt.Fprintln(w, indent+st.Dim(article+"  "+line))
		} else {
			fmt.Fprintln(w, pad+st.Dim(line))
		}
	}
}

// whenLabels mark the steps asked on one path only.
var whenLabels = map[prompts.When]string{
	prompts.Always:    "",
	prompts.IfSetback: "if yes",
	prompts.NoSetback: "if no",
	prompts.NotDone:   "if not done",
}

// unlessLabels say on which paths a step that gives way on others is asked.
var unlessLabels = map[prompts.When]string{
	prompts.IfSetback: "no",
	prompts.NoSetback: "yes",
	prompts.NotDone:   "done",
}

// whenLabel marks a step asked on some paths only, such as "if yes and
// done" for one that gives way when the step followed up was not done.
func whenLabel(s prompts.Step) string {
	switch {
	case s.Unless == "":
		return whenLabels[s.When]
	case s.When == prompts.Always:
		return "if " + unlessLabels[s.Unless]
	}
	return whenLabels[s.When] + " and " + unlessLabels[s.Unless]
}

func RenderPlan(w io.Writer, plan prompts.Plan, dayLong string, st Style, width int) {
	fmt.Fprintln(w, st.Title("Plan for "+dayLong))
	// The longest path of each kind: a step not done adds what got in the way.
	if plan.Quick {
		fmt.Fprintf(w, "%s.\n\n", journal.Plural(len(plan.Asked(false, false)), "question"))
	} else {
		fmt.Fprintf(w, "%d questions after a setback, %d otherwise.\n\n", len(plan.Asked(true, false)), len(plan.Asked(false, false)))
	}
	idWidth, labelWidth := 0, 0
	for _, s := range plan.Steps {
		idWidth = max(idWidth, utf8.RuneCountInString(journal.VisibleLine(s.Prompt.ID)))
		labelWidth = max(labelWidth, len(whenLabel(s)))
	}
	for _, s := range plan.Steps {
		WriteHanging(w, fmt.Sprintf("  %-*s  %-*s  ", labelWidth, whenLabel(s), idWidth, journal.VisibleLine(s.Prompt.ID)), s.Prompt.Question, width, Style{})
	}
}
