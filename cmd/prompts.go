package cmd

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/reflect-cli/reflect/cmd/internal/terminal"
	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/prompts"
)

func newPromptsCmd(app *App) *cobra.Command {
	var (
		theme  string
		asJSON bool
	)
	c := &cobra.Command{
		Use:   "prompts",
		Short: "List the prompt catalog",
		Long: `Lists every prompt reflect can ask: its id, theme, kind and question, and the
articles its advice comes from.`,
		Example: `  reflect prompts
  reflect prompts --theme small-wins
  reflect prompts --json`,
		Args: exactArgs(0, "no arguments (did you mean 'reflect prompts plan'?)"),
		RunE: func(*cobra.Command, []string) error {
			cat, err := app.Catalog()
			if err != nil {
				return err
			}
			list := cat.Prompts
			if theme != "" {
				if !cat.HasTheme(theme) {
					return usageError{
						msg:  fmt.Sprintf("--theme: unknown theme %q", theme),
						hint: "Themes: " + strings.Join(cat.AllThemes(), ", ") + ".",
					}
				}
				list = cat.ByTheme(theme)
			}
			if asJSON {
				if list == nil {
					list = []prompts.Prompt{}
				}
				return writeJSON(app.Out, list)
			}
			renderCatalog(app.Out, cat, list, terminal.Style{Color: app.Color()}, app.Width())
			return nil
		},
	}
	c.Flags().StringVar(&theme, "theme", "", "list only the prompts of theme `T`")
	c.Flags().BoolVar(&asJSON, "json", false, "print the prompts as JSON")
	completeWords(c, "theme", prompts.Themes...)
	c.AddCommand(newPlanCmd(app))
	return c
}

// renderCatalog lists prompts by theme, each with its kind, question and the
// articles it draws on, then the articles by number. A prompts file's ids,
// like its questions, are shown safe for the terminal.
func renderCatalog(w io.Writer, cat *prompts.Catalog, list []prompts.Prompt, st terminal.Style, width int) {
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
			var from []string
			for _, s := range p.Sources {
				from = append(from, journal.VisibleLine(s.Article))
			}
			terminal.WriteHanging(w, fmt.Sprintf("  %-*s  ", idWidth, journal.VisibleLine(p.ID)), p.Question, width, terminal.Style{})
			origin := "from " + strings.Join(from, ", ")
			switch {
			case p.Origin != "" && len(from) > 0:
				origin = "yours, " + origin
			case p.Origin != "":
				origin = "yours"
			}
			fmt.Fprintf(w, "  %-*s  %s\n", idWidth, "", st.Dim(p.Kind.Label()+" · "+origin))
		}
		fmt.Fprintln(w)
	}
	if len(cat.Disabled) > 0 {
		fmt.Fprintln(w, st.Title("turned off"))
		terminal.WriteHanging(w, "  ", strings.Join(cat.Disabled, ", "), width, terminal.Style{})
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, st.Title("articles"))
	for _, a := range cat.Articles {
		terminal.WriteHanging(w, "  "+journal.VisibleLine(a.ID)+"  ", a.Title, width, terminal.Style{})
	}
}

func newPlanCmd(app *App) *cobra.Command {
	var (
		date   string
		asJSON bool
		quick  bool
	)
	c := &cobra.Command{
		Use:   "plan",
		Short: "Show the prompts that 'reflect today' would ask",
		Long: `Shows, in order, the prompts that 'reflect today' would ask for DATE (today
by default). After the setback check, some prompts are asked only if
something did not go as planned, and others only if nothing did.`,
		Example: `  reflect prompts plan
  reflect prompts plan --date 2026-11-20 --json`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(*cobra.Command, []string) error {
			day := app.Today()
			if date != "" {
				var err error
				if day, err = app.ParseDay("--date", date); err != nil {
					return err
				}
			}
			j, err := app.Journal()
			if err != nil {
				return err
			}
			cat, err := app.Catalog()
			if err != nil {
				return err
			}
			plan, err := journal.PlanFor(j, cat, day, quick, app.Now())
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(app.Out, plan)
			}
			renderPlan(app.Out, plan, day.Long(), terminal.Style{Color: app.Color()}, app.Width())
			return nil
		},
	}
	c.Flags().StringVar(&date, "date", "", "the day to plan: YYYY-MM-DD, today, yesterday or a weekday (default today)")
	c.Flags().BoolVar(&quick, "quick", false, "the plan of 'reflect today --quick'")
	c.Flags().BoolVar(&asJSON, "json", false, "print the plan as JSON")
	return c
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

func renderPlan(w io.Writer, plan prompts.Plan, dayLong string, st terminal.Style, width int) {
	fmt.Fprintln(w, st.Title("Plan for "+dayLong))
	// The longest path of each kind: a step not done adds what got in the way.
	if plan.Quick {
		fmt.Fprintf(w, "%s.\n\n", plural(len(plan.Asked(false, false)), "question"))
	} else {
		fmt.Fprintf(w, "%d questions after a setback, %d otherwise.\n\n", len(plan.Asked(true, false)), len(plan.Asked(false, false)))
	}
	idWidth, labelWidth := 0, 0
	for _, s := range plan.Steps {
		idWidth = max(idWidth, utf8.RuneCountInString(journal.VisibleLine(s.Prompt.ID)))
		labelWidth = max(labelWidth, len(whenLabel(s)))
	}
	for _, s := range plan.Steps {
		terminal.WriteHanging(w, fmt.Sprintf("  %-*s  %-*s  ", labelWidth, whenLabel(s), idWidth, journal.VisibleLine(s.Prompt.ID)), s.Prompt.Question, width, terminal.Style{})
	}
}
