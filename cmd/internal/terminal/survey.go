package terminal

// This file is the only one that knows survey. It puts the session's
// questions to a person in a terminal; replacing survey means replacing
// this file. (survey's own package terminal is imported as surveyterm.)

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"
	"unicode"

	"github.com/AlecAivazis/survey/v2"
	"github.com/AlecAivazis/survey/v2/core"
	surveyterm "github.com/AlecAivazis/survey/v2/terminal"
	"golang.org/x/term"

	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/prompts"
)

// surveyAsker asks in the terminal on in and out with survey.
type surveyAsker struct {
	in  surveyterm.FileReader
	out surveyterm.FileWriter
	// moreTyped, when set, reports whether more input has already come in:
	// an empty line in the middle of a paste is then a paragraph break, not
	// the end of a long answer.
	moreTyped func() bool
}

func newSurveyAsker(in surveyterm.FileReader, out surveyterm.FileWriter, color bool, moreTyped func() bool) *surveyAsker {
	core.DisableColor = !color
	return &surveyAsker{in: in, out: out, moreTyped: moreTyped}
}

func (a *surveyAsker) opts() []survey.AskOpt {
	return []survey.AskOpt{
		survey.WithStdio(a.in, a.out, a.out),
		survey.WithShowCursor(true),
	}
}

// Ask implements journal.Asker. Everything it shows (the question, the
// options, their descriptions) is made safe for the terminal first: a
// prompts file, or an earlier answer quoted in a question, is text that a
// person or a file supplied.
func (a *surveyAsker) Ask(p prompts.Prompt) (string, error) {
	cols := a.width()
	question := journal.Visible(p.Question)
	switch p.Kind {
	case prompts.Scale:
		return a.scale(p, question, cols)
	case prompts.Choice:
		i, err := a.choose(question, p.Options, 0, nil, cols)
		if err != nil {
			return "", err
		}
		return p.Options[i], nil
	case prompts.YesNo:
		yes, err := a.Confirm(p.Question, prompts.DefaultYes(p))
		if err != nil {
			return "", err
		}
		return journal.YesNoAnswer(yes), nil
	default:
		return a.text(&textPrompt{Message: question, Long: p.Kind == prompts.Long, Hint: journal.VisibleLine(p.Hint), cols: cols})
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
	return a.text(&textPrompt{Message: journal.Visible(p.Question), Long: long, Partial: text, cols: a.width()})
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

// Choose implements journal.Prompter.
func (a *surveyAsker) Choose(question string, options []string) (int, error) {
	return a.choose(journal.Visible(question), options, 0, nil, a.width())
}

// width returns how many columns the terminal has, or 0 when it does not
// say.
func (a *surveyAsker) width() int {
	cols, _, err := term.GetSize(int(a.out.Fd()))
	if err != nil {
		return 0
	}
	return cols
}

// scale asks for a number from 1 to 5 with a list to pick from.
func (a *surveyAsker) scale(p prompts.Prompt, question string, cols int) (string, error) {
	options := []string{"1", "2", "3", "4", "5"}
	describe := func(i int) string {
		switch i {
		case 0:
			return journal.VisibleLine(p.Low)
		case len(options) - 1:
			return journal.VisibleLine(p.High)
		}
		return ""
	}
	i, err := a.choose(question, options, 2, describe, cols)
	if err != nil {
		return "", err
	}
	return journal.ScaleAnswer(i + 1)
}

// choose asks for one of options from a list to pick from, dflt picked at
// first, and returns the index of the one picked. The question and the hint
// are folded to the terminal's width between words.
func (a *surveyAsker) choose(question string, options []string, dflt int, describe func(int) string, cols int) (int, error) {
	shown := make([]string, len(options))
	for i, o := range options {
		shown[i] = journal.VisibleLine(o)
	}
	msg, end := fold(question, 2, cols)
	survey.SelectQuestionTemplate = hinted(selectTemplate, hintAfter(end, "  ", "[Use arrows to move, type to filter]", cols))
	sel := &survey.Select{Message: msg, Options: shown, Default: dflt}
	if describe != nil {
		sel.Description = func(_ string, i int) string { return describe(i) }
	}
	var i int
	if err := survey.AskOne(sel, &i, a.opts()...); err != nil {
		return 0, a.mapErr(err)
	}
	return i, nil
}

// Confirm implements journal.Prompter.
func (a *surveyAsker) Confirm(question string, dflt bool) (bool, error) {
	cols := a.width()
	msg, end := fold(journal.Visible(question), 2, cols)
	hint := "(y/N) "
	if dflt {
		hint = "(Y/n) "
	}
	survey.ConfirmQuestionTemplate = hinted(confirmTemplate, hintAfter(end, " ", hint, cols))
	var yes bool
	err := survey.AskOne(&survey.Confirm{Message: msg, Default: dflt}, &yes, a.opts()...)
	if err != nil {
		return false, a.mapErr(err)
	}
	return yes, nil
}

// selectTemplate and confirmTemplate are survey's templates for a list to
// pick from and for a yes/no question, with HINT in place of their hint,
// which changes with the terminal's width; hinted fills it in.
var (
	selectTemplate = `
{{- define "option"}}
    {{- if eq .SelectedIndex .CurrentIndex }}{{color .Config.Icons.SelectFocus.Format }}{{ .Config.Icons.SelectFocus.Text }} {{else}}{{color "default"}}  {{end}}
    {{- .CurrentOpt.Value}}{{ if ne ($.GetDescription .CurrentOpt) "" }} - {{color "cyan"}}{{ $.GetDescription .CurrentOpt }}{{end}}
    {{- color "reset"}}
{{end}}
{{- color .Config.Icons.Question.Format }}{{ .Config.Icons.Question.Text }} {{color "reset"}}
{{- color "default+hb"}}{{ .Message }}{{ .FilterMessage }}{{color "reset"}}
{{- if .ShowAnswer}}{{color "cyan"}} {{.Answer}}{{color "reset"}}{{"\n"}}
{{- else}}
  {{- color "cyan"}}HINT{{color "reset"}}
  {{- "\n"}}
  {{- range $ix, $option := .PageEntries}}
    {{- template "option" $.IterateOption $ix $option}}
  {{- end}}
{{- end}}`
	confirmTemplate = `
{{- color .Config.Icons.Question.Format }}{{ .Config.Icons.Question.Text }} {{color "reset"}}
{{- color "default+hb"}}{{ .Message }}{{color "reset"}}
{{- if .Answer}}
  {{- color "cyan"}} {{.Answer}}{{color "reset"}}{{"\n"}}
{{- else }}
  {{- color "white"}}HINT{{color "reset"}}
{{- end}}`
)

func hinted(template, hint string) string {
	return strings.Replace(template, "HINT", "{{ "+strconv.Quote(hint)+" }}", 1)
}

// mapErr turns the ways a person can leave a prompt (Ctrl-C, the terminal
// closing) into journal.ErrInterrupted.
func (a *surveyAsker) mapErr(err error) error {
	if errors.Is(err, surveyterm.InterruptErr) || errors.Is(err, io.EOF) ||
		errors.Is(err, syscall.EIO) || errors.Is(err, os.ErrClosed) {
		return journal.ErrInterrupted
	}
	return fmt.Errorf("asking: %w", err)
}

// textPrompt is a survey prompt for text answers that, unlike survey's Input
// and Multiline, keeps every line typed so far when the person presses
// Ctrl-C or the terminal goes away: survey's Multiline throws those lines
// away. A long answer ends at an empty line (but for one inside a paste).
//
// It draws itself, folding the question and each answer between words to
// the terminal's width, and edits each line with a lineEditor, which knows
// where every wrapped row of it is: so the answer can be drawn again in
// place after Enter, every row of it.
type textPrompt struct {
	survey.Renderer
	Message string // the question, safe for the terminal
	Long    bool
	Hint    string // the form of answer invited, safe for the terminal
	// Partial is an earlier answer that was cut short, to finish: its last
	// line is ready to edit, and the lines before it are kept.
	Partial   string
	cols      int         // the terminal's width; 0 when unknown
	moreTyped func() bool // see surveyAsker
	typed     string      // everything typed so far, kept on interruption

	editor *lineEditor // a short answer's, for Cleanup
	above  int         // how many rows the question takes above the answer's first
	msgEnd int         // the column the question ends at
}

type textPromptData struct {
	Message    string
	Hint       string
	Answer     string
	ShowAnswer bool
	Config     *survey.PromptConfig
}

var textPromptTemplate = `
{{- color .Config.Icons.Question.Format }}{{ .Config.Icons.Question.Text }} {{color "reset"}}
{{- color "default+hb"}}{{ .Message }}{{color "reset"}}
{{- if .ShowAnswer}}
  {{- color "cyan"}}{{.Answer}}{{color "reset"}}{{"\n"}}
{{- else }}
  {{- color "white"}}{{ .Hint }}{{color "reset"}}
{{- end}}`

// show draws the template with data where the cursor is.
func (t *textPrompt) show(data textPromptData) error {
	text, _, err := core.RunTemplate(textPromptTemplate, data)
	if err != nil {
		return err
	}
	_, err = io.WriteString(t.out(), text)
	return err
}

func (t *textPrompt) out() io.Writer { return surveyterm.NewAnsiStdout(t.Stdio().Out) }

// Prompt implements survey.Prompt.
func (t *textPrompt) Prompt(config *survey.PromptConfig) (interface{}, error) {
	msg, end := fold(t.Message, 2, t.cols)
	t.msgEnd = end
	hint := hintAfter(end, " ", "(Enter skips) ", t.cols)
	if t.Hint != "" {
		hint = hintAfter(end, " ", "("+t.Hint+") ", t.cols)
	}
	if t.Partial != "" {
		hint = hintAfter(end, " ", "(Enter keeps it) ", t.cols)
	}
	if t.Long {
		hint = hintAfter(end, " ", "(an empty line ends it)", t.cols) + "\n"
	}
	if err := t.show(textPromptData{Message: msg, Hint: hint, Config: config}); err != nil {
		return "", err
	}
	lines, edit := t.reopen()
	rr := t.NewRuneReader()
	_ = rr.SetTermMode()
	defer func() { _ = rr.RestoreTermMode() }()
	next := func() (rune, editKey, error) { return readKey(rr) }

	if !t.Long {
		shown := "? " + msg + hint
		t.above = strings.Count(shown, "\n")
		t.editor = newLineEditor(t.out(), t.cols, textCells(shown[strings.LastIndex(shown, "\n")+1:]))
		t.editor.preset(edit)
		line, err := t.editor.read(next)
		t.typed = line
		return line, err
	}
	for {
		ed := newLineEditor(t.out(), t.cols, 0)
		ed.preset(edit)
		edit = nil
		line, err := ed.read(next)
		if err != nil {
			t.typed = strings.Join(append(lines, line), "\n")
			return t.typed, err
		}
		// The line as typed wraps wherever the edge of the terminal falls;
		// draw it again, folded between words.
		folded, _ := fold(journal.Visible(line), 0, t.cols)
		ed.clearFrom(spot{0, 0})
		io.WriteString(t.out(), folded+"\n")
		if strings.TrimSpace(line) == "" {
			if len(lines) > 0 && t.moreTyped != nil && t.moreTyped() {
				lines = append(lines, "") // a paragraph break inside a paste
				continue
			}
			t.typed = strings.TrimSpace(strings.Join(lines, "\n"))
			return t.typed, nil
		}
		lines = append(lines, line)
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
		folded, _ := fold(journal.Visible(line), 0, t.cols)
		io.WriteString(t.out(), folded+"\n")
	}
	return kept, edit
}

// Cleanup implements survey.Prompt: it draws the question again with its
// answer, in place of the question and the answer as typed.
func (t *textPrompt) Cleanup(config *survey.PromptConfig, val interface{}) error {
	if t.Long {
		// Long answers stay on screen as typed; show only the question.
		return nil
	}
	answer, _ := val.(string)
	folded, _ := fold(journal.Visible(strings.TrimSpace(answer)), t.msgEnd+1, t.cols)
	if !strings.HasPrefix(folded, "\n") {
		folded = " " + folded
	}
	t.editor.clearFrom(spot{-t.above, 0})
	msg, _ := fold(t.Message, 2, t.cols)
	return t.show(textPromptData{Message: msg, Answer: folded, ShowAnswer: true, Config: config})
}

// readKey reads one key for a lineEditor. Ctrl-C is an error,
// surveyterm.InterruptErr, as survey's own prompts have it.
func readKey(rr *surveyterm.RuneReader) (rune, editKey, error) {
	r, _, err := rr.ReadRune()
	switch {
	case err != nil:
		return 0, keyNone, err
	case r == surveyterm.KeyInterrupt:
		return r, keyNone, surveyterm.InterruptErr
	case r == '\r' || r == '\n' || r == surveyterm.KeyEndTransmission:
		return r, keyEnter, nil
	case r == surveyterm.KeyBackspace || r == surveyterm.KeyDelete:
		return r, keyBackspace, nil
	case r == surveyterm.SpecialKeyDelete:
		return r, keyDelete, nil
	case r == surveyterm.KeyArrowLeft:
		return r, keyLeft, nil
	case r == surveyterm.KeyArrowRight:
		return r, keyRight, nil
	case r == surveyterm.SpecialKeyHome:
		return r, keyHome, nil
	case r == surveyterm.SpecialKeyEnd:
		return r, keyEnd, nil
	case r == '\t': // a tab in a paste still parts two words
		return ' ', keyInsert, nil
	case unicode.IsControl(r) || r == surveyterm.IgnoreKey:
		return r, keyNone, nil
	}
	return r, keyInsert, nil
}
