package cmd

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reflect-cli/reflect/cmd/internal/terminal"
	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/prompts"
)

type promptsOptions struct {
	theme  string
	asJSON bool
}

func newPromptsCmd(app *App) *cobra.Command {
	var opts promptsOptions
	c := &cobra.Command{
		Use:   "prompts",
		Short: "List the prompt catalog",
		Long: `Lists every prompt reflect can ask: its id, theme, kind and question, and the
advice it draws on, in our words, with the number of the article each piece
comes from. --json adds, for each source, the short passage of the article
that its advice rests on.`,
		Example: `  reflect prompts
  reflect prompts --theme small-wins
  reflect prompts --json`,
		Args: exactArgs(0, "no arguments (did you mean 'reflect prompts plan'?)"),
		RunE: func(*cobra.Command, []string) error { return runPrompts(app, opts) },
	}
	c.Flags().StringVar(&opts.theme, "theme", "", "list only the prompts of theme `T`")
	c.Flags().BoolVar(&opts.asJSON, "json", false, "print the prompts as JSON")
	completeWords(c, "theme", prompts.Themes...)
	c.AddCommand(newPlanCmd(app))
	return c
}

func runPrompts(app *App, opts promptsOptions) error {
	cat, err := app.Catalog()
	if err != nil {
		return err
	}
	list := cat.Prompts
	if opts.theme != "" {
		if !cat.HasTheme(opts.theme) {
			return usageError{
				msg:  fmt.Sprintf("--theme: unknown theme %q", opts.theme),
				hint: "Themes: " + strings.Join(cat.AllThemes(), ", ") + ".",
			}
		}
		list = cat.ByTheme(opts.theme)
	}
	if opts.asJSON {
		if list == nil {
			list = []prompts.Prompt{}
		}
		return terminal.WriteJSON(app.Out, list)
	}
	terminal.RenderCatalog(app.Out, cat, list, terminal.Style{Color: app.Color()}, app.Width())
	return nil
}

type planOptions struct {
	date   string
	asJSON bool
	quick  bool
}

func newPlanCmd(app *App) *cobra.Command {
	var opts planOptions
	c := &cobra.Command{
		Use:   "plan",
		Short: "Show the prompts that 'reflect today' would ask",
		Long: `Shows, in order, the prompts that 'reflect today' would ask for DATE (today
by default). After the setback check, some prompts are asked only if
something did not go as planned, and others only if nothing did.`,
		Example: `  reflect prompts plan
  reflect prompts plan --date 2026-11-20 --json`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(*cobra.Command, []string) error { return runPlan(app, opts) },
	}
	c.Flags().StringVar(&opts.date, "date", "", "the `DATE` to plan: YYYY-MM-DD, today, yesterday, a weekday, N days ago or -Nd (default today)")
	c.Flags().BoolVar(&opts.quick, "quick", false, "the plan of 'reflect today --quick'")
	c.Flags().BoolVar(&opts.asJSON, "json", false, "print the plan as JSON")
	return c
}

func runPlan(app *App, opts planOptions) error {
	day := app.Today()
	if opts.date != "" {
		var err error
		if day, err = app.ParseDay("--date", opts.date); err != nil {
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
	plan, err := journal.PlanFor(j, cat, day, opts.quick, app.Now())
	if err != nil {
		return err
	}
	if opts.asJSON {
		return terminal.WriteJSON(app.Out, plan)
	}
	terminal.RenderPlan(app.Out, plan, day.Long(), terminal.Style{Color: app.Color()}, app.Width())
	return nil
}
