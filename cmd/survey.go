package cmd

// This file is the only one that knows survey. It puts the session's
// questions to a person in a terminal; replacing survey means replacing
// this file.

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"

	"github.com/AlecAivazis/survey/v2"
	"github.com/AlecAivazis/survey/v2/core"
	"github.com/AlecAivazis/survey/v2/terminal"

	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/prompts"
)

// surveyAsker asks in the terminal on in and out with survey.
type surveyAsker struct {
	in  terminal.FileReader
	out terminal.FileWriter
	// moreTyped, when set, reports whether more input has already come in:
	// an empty line in the middle of a paste is then a paragraph break, not
	// the end of a long answer.
	moreTyped func() bool
}

func newSurveyAsker(in terminal.FileReader, out terminal.FileWriter, color bool, moreTyped func() bool) *surveyAsker {
	core.DisableColor = !color
	return &surveyAsker{in: in, out: out, moreTyped: moreTyped}
}

func (a *surveyAsker) opts() []survey.AskOpt {
	return []survey.AskOpt{
		survey.WithStdio(a.in, a.out, a.out),
		survey.WithShowCursor(true),
	}
}

// Ask implements journal.Asker.
func (a *surveyAsker) Ask(p prompts.Prompt) (string, error) {
	switch p.Kind {
	case prompts.Scale:
		return a.scale(p)
	case prompts.Choice:
		var choice string
		if err := survey.AskOne(&survey.Select{Message: p.Question, Options: p.Options}, &choice, a.opts()...); err != nil {
			return "", a.mapErr(err)
		}
		return choice, nil
	case prompts.YesNo:
		yes, err := a.Confirm(p.Question, false)
		if err != nil {
			return "", err
		}
		return journal.YesNoAnswer(yes), nil
	default:
		return a.text(&textPrompt{Message: p.Question, Long: p.Kind == prompts.Long})
	}
}

// Continue implements journal.Asker: a text answer that was cut short is
// put again with its text ready to edit (its last line, for a long one:
// the lines before it are shown as written and kept).
func (a *surveyAsker) Continue(p prompts.Prompt, text string) (string, error) {
	switch p.Kind {
	case prompts.Scale, prompts.Choice, prompts.YesNo:
		return a.Ask(p)
	}
	lines := strings.Split(text, "\n")
	last := lines[len(lines)-1]
	// Text the terminal could not show as it is, or of more than one
	// line, is kept above the line being edited, as in a long answer.
	long := p.Kind == prompts.Long || len(lines) > 1 || journal.Visible(last) != last
	return a.text(&textPrompt{Message: p.Question, Long: long, Partial: text})
}

// text asks a text prompt.
func (a *surveyAsker) text(tp *textPrompt) (string, error) {
	tp.moreTyped = a.moreTyped
	var answer string
	err := survey.AskOne(tp, &answer, a.opts()...)
	if err != nil {
		// survey drops what its prompt returned along with an error;
		// textPrompt keeps it, so an interruption costs no words.
		return strings.TrimSpace(tp.typed), a.mapErr(err)
	}
	return strings.TrimSpace(answer), nil
}

// Choose implements Prompter.
func (a *surveyAsker) Choose(question string, options []string) (int, error) {
	var idx int
	if err := survey.AskOne(&survey.Select{Message: question, Options: options}, &idx, a.opts()...); err != nil {
		return 0, a.mapErr(err)
	}
	return idx, nil
}

// scale asks for a number from 1 to 5 with a list to pick from.
func (a *surveyAsker) scale(p prompts.Prompt) (string, error) {
	options := []string{"1", "2", "3", "4", "5"}
	sel := &survey.Select{
		Message: p.Question,
		Options: options,
		Default: "3",
		Description: func(value string, i int) string {
			switch i {
			case 0:
				return p.Low
			case len(options) - 1:
				return p.High
			}
			return ""
		},
	}
	var idx int
	if err := survey.AskOne(sel, &idx, a.opts()...); err != nil {
		return "", a.mapErr(err)
	}
	return journal.ScaleAnswer(idx + 1)
}

// Confirm implements Prompter.
func (a *surveyAsker) Confirm(question string, dflt bool) (bool, error) {
	var yes bool
	err := survey.AskOne(&survey.Confirm{Message: question, Default: dflt}, &yes, a.opts()...)
	if err != nil {
		return false, a.mapErr(err)
	}
	return yes, nil
}

// mapErr turns the ways a person can leave a prompt (Ctrl-C, the terminal
// closing) into journal.ErrInterrupted.
func (a *surveyAsker) mapErr(err error) error {
	if errors.Is(err, terminal.InterruptErr) || errors.Is(err, io.EOF) ||
		errors.Is(err, syscall.EIO) || errors.Is(err, os.ErrClosed) {
		return journal.ErrInterrupted
	}
	return fmt.Errorf("asking: %w", err)
}

// textPrompt is a survey prompt for text answers that, unlike survey's Input
// and Multiline, keeps every line typed so far when the person presses
// Ctrl-C or the terminal goes away: survey's Multiline throws those lines
// away. A long answer ends at an empty line (but for one inside a paste).
type textPrompt struct {
	survey.Renderer
	Message string
	Long    bool
	// Partial is an earlier answer that was cut short, to finish: its last
	// line is ready to edit, and the lines before it are kept.
	Partial   string
	moreTyped func() bool // see surveyAsker
	typed     string      // everything typed so far, kept on interruption
}

type textPromptData struct {
	Message    string
	Long       bool
	Reopened   bool // a cut answer is put again: Enter keeps it
	Answer     string
	ShowAnswer bool
	Config     *survey.PromptConfig
}

var textPromptTemplate = `
{{- color .Config.Icons.Question.Format }}{{ .Config.Icons.Question.Text }} {{color "reset"}}
{{- color "default+hb"}}{{ .Message }} {{color "reset"}}
{{- if .ShowAnswer}}
  {{- if .Long }}{{"\n"}}{{ end }}
  {{- color "cyan"}}{{.Answer}}{{color "reset"}}{{"\n"}}
{{- else }}
  {{- color "white"}}{{ if .Long }}(an empty line ends it){{ else if .Reopened }}(Enter keeps it){{ else }}(Enter skips){{ end }}{{color "reset"}}
  {{- if .Long }}{{"\n"}}{{ else }} {{ end }}
{{- end}}`

// Prompt implements survey.Prompt.
func (t *textPrompt) Prompt(config *survey.PromptConfig) (interface{}, error) {
	if err := t.Render(textPromptTemplate, textPromptData{Message: t.Message, Long: t.Long, Reopened: t.Partial != "", Config: config}); err != nil {
		return "", err
	}
	lines, edit := t.reopen()
	rr := t.NewRuneReader()
	_ = rr.SetTermMode()
	defer func() { _ = rr.RestoreTermMode() }()

	for {
		line, err := rr.ReadLineWithDefault(0, edit)
		edit = nil
		if err != nil {
			t.typed = strings.Join(append(lines, string(line)), "\n")
			return t.typed, err
		}
		if !t.Long {
			// As survey's Input does: the reader moved to a new line; go
			// back up so that Cleanup redraws the question in place.
			t.NewCursor().Up(1)
			t.AppendRenderedText(string(line))
			t.typed = string(line)
			return t.typed, nil
		}
		if strings.TrimSpace(string(line)) == "" {
			if len(lines) > 0 && t.moreTyped != nil && t.moreTyped() {
				lines = append(lines, "") // a paragraph break inside a paste
				continue
			}
			t.typed = strings.TrimSpace(strings.Join(lines, "\n"))
			return t.typed, nil
		}
		lines = append(lines, string(line))
		t.typed = strings.Join(lines, "\n")
	}
}

// reopen shows the lines of a cut answer (Partial) that come before the
// line to edit, and returns them with the text ready to edit: the last line,
// unless the terminal could not show it as it is (then it is kept above).
func (t *textPrompt) reopen() (kept []string, edit []rune) {
	if t.Partial == "" {
		return nil, nil
	}
	kept = strings.Split(t.Partial, "\n")
	if last := kept[len(kept)-1]; journal.Visible(last) == last {
		edit, kept = []rune(last), kept[:len(kept)-1]
	}
	for _, line := range kept {
		fmt.Fprintln(t.Stdio().Out, journal.Visible(line))
	}
	return kept, edit
}

// Cleanup implements survey.Prompt: it redraws the question with its answer.
func (t *textPrompt) Cleanup(config *survey.PromptConfig, val interface{}) error {
	answer, _ := val.(string)
	if t.Long {
		// Long answers stay on screen as typed; show only the question.
		return nil
	}
	return t.Render(textPromptTemplate, textPromptData{
		Message: t.Message, Long: t.Long, Answer: strings.TrimSpace(answer), ShowAnswer: true, Config: config,
	})
}
