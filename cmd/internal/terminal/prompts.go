package terminal

// The prompts command's pages: the catalog and an evening's plan.

import (
	"fmt"
	"io"
	"slices"
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

// whenLabels mark the steps asked on some paths only.
var whenLabels = map[prompts.When]string{
	prompts.Always:    "",
	prompts.IfSetback: "if yes",
	prompts.NoSetback: "if no",
	prompts.NotDone:   "if not done",
	prompts.Heavy:     "if heavy",
	prompts.Light:     "if not heavy",
}

// unlessLabels say on which paths a step that gives way on one condition
// is asked: its complement.
var unlessLabels = map[prompts.When]string{
	prompts.IfSetback: "no",
	prompts.NoSetback: "yes",
	prompts.NotDone:   "done",
	prompts.Heavy:     "not heavy",
	prompts.Light:     "heavy",
}

// atomLabel is the word of one condition, as in "yes" or "not done".
func atomLabel(w prompts.When) string { return strings.TrimPrefix(whenLabels[w], "if ") }

// labelRank orders the conditions of a label: the setback first, then the
// step followed up, then a heavy evening.
var labelRank = map[string]int{"yes": 0, "no": 0, "not done": 1, "done": 1, "heavy": 2, "not heavy": 2}

// whenLabel marks a step asked on some paths only, such as "if yes and not
// heavy" for a step of a setback's chain, or "unless not done and (yes or
// heavy)" for one that gives way on either of two joined conditions.
func whenLabel(s prompts.Step) string {
	var ifs []string // the conditions it is asked on
	if s.When != prompts.Always {
		for _, part := range s.When.Parts() {
			ifs = append(ifs, atomLabel(part))
		}
	}
	var joined []prompts.When // the joined conditions it gives way on
	for _, u := range s.Unless {
		if parts := u.Parts(); len(parts) == 1 {
			ifs = append(ifs, unlessLabels[parts[0]])
		} else {
			joined = append(joined, u)
		}
	}
	slices.SortStableFunc(ifs, func(a, b string) int { return labelRank[a] - labelRank[b] })
	if len(ifs) == 0 && len(joined) == 1 {
		// Its one joined condition is said the other way round: "if no
		// or heavy" for a step that gives way on yes and not heavy.
		var either []string
		for _, part := range joined[0].Parts() {
			either = append(either, unlessLabels[part])
		}
		return "if " + strings.Join(either, " or ")
	}
	var label []string
	if len(ifs) > 0 {
		label = append(label, "if "+strings.Join(ifs, " and "))
	}
	if len(joined) > 0 {
		label = append(label, "unless "+unlessLabel(joined))
	}
	return strings.Join(label, ", ")
}

// unlessLabel says the paths a step gives way on: each is its conditions
// joined ("yes and not done"); what all of them share is said once, before
// the rest ("not done and (yes or heavy)").
func unlessLabel(unless []prompts.When) string {
	var common []prompts.When
	for _, part := range unless[0].Parts() {
		if !slices.ContainsFunc(unless, func(u prompts.When) bool { return !slices.Contains(u.Parts(), part) }) {
			common = append(common, part)
		}
	}
	join := func(parts []prompts.When) string {
		labels := make([]string, len(parts))
		for i, p := range parts {
			labels[i] = atomLabel(p)
		}
		return strings.Join(labels, " and ")
	}
	if len(unless) == 1 {
		return join(unless[0].Parts())
	}
	var rests []string
	for _, u := range unless {
		rest := slices.DeleteFunc(slices.Clone(u.Parts()), func(p prompts.When) bool { return slices.Contains(common, p) })
		if len(rest) > 0 {
			rests = append(rests, join(rest))
		}
	}
	either := strings.Join(rests, " or ")
	switch {
	case len(common) == 0:
		return either
	case len(rests) < len(unless):
		return join(common) // one of them is what they share: that alone
	}
	return join(common) + " and (" + either + ")"
}

// RenderPlan shows a plan: how many questions its longest paths ask, then
// each step, marked with the paths it is asked on.
func RenderPlan(w io.Writer, plan prompts.Plan, dayLong string, st Style, width int) {
	fmt.Fprintln(w, st.Title("Plan for "+dayLong))
	// The longest path of each kind: a step not done adds what got in the way.
	if plan.Quick {
		fmt.Fprintf(w, "%s.\n\n", journal.Plural(plan.Longest(func(prompts.Path) bool { return true }), "question"))
	} else {
		fmt.Fprintf(w, "%d questions after a setback, %d otherwise, %d on a heavy evening.\n\n",
			plan.Longest(func(p prompts.Path) bool { return p.Setback && !p.Heavy }),
			plan.Longest(func(p prompts.Path) bool { return !p.Setback && !p.Heavy }),
			plan.Longest(func(p prompts.Path) bool { return p.Heavy }))
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
