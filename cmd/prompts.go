package cmd

import (
	"fmt"
	"strings"

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
				return terminal.WriteJSON(app.Out, list)
			}
			terminal.RenderCatalog(app.Out, cat, list, terminal.Style{Color: app.Color()}, app.Width())
			return nil
		},
	}
	c.Flags().StringVar(&theme, "theme", "", "list only the prompts of theme `T`")
	c.Flags().BoolVar(&asJSON, "json", false, "print the prompts as JSON")
	completeWords(c, "theme", prompts.Themes...)
	c.AddCommand(newPlanCmd(app))
	return c
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
				return terminal.WriteJSON(app.Out, plan)
			}
			terminal.RenderPlan(app.Out, plan, day.Long(), terminal.Style{Color: app.Color()}, app.Width())
			return nil
		},
	}
	c.Flags().StringVar(&date, "date", "", "the day to plan: YYYY-MM-DD, today, yesterday or a weekday (default today)")
	c.Flags().BoolVar(&quick, "quick", false, "the plan of 'reflect today --quick'")
	c.Flags().BoolVar(&asJSON, "json", false, "print the plan as JSON")
	return c
}
