package terminal

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"

	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/prompts"
)

// editorAsker asks long questions in the person's editor and everything
// else through the Asker it wraps.
type editorAsker struct {
	journal.Prompter
	editor string // a shell command, as $VISUAL and $EDITOR hold it
	tmpDir string // where answers are written; "" for the system's
	stdio  [3]*os.File
	// pause and unpause hand the terminal to the editor and take it back.
	pause, unpause func()
}

// FindEditor returns the editor to use, as getenv reads the environment:
// $VISUAL, else $EDITOR.
func FindEditor(getenv func(string) string) (string, error) {
	for _, name := range []string{"VISUAL", "EDITOR"} {
		if ed := strings.TrimSpace(getenv(name)); ed != "" {
			return ed, nil
		}
	}
	return "", errors.New("no editor: set $VISUAL or $EDITOR")
}

// Ask implements journal.Asker.
func (e *editorAsker) Ask(p prompts.Prompt) (string, error) {
	if p.Kind != prompts.Long {
		return e.Prompter.Ask(p)
	}
	return e.edit(p.Question, "")
}

// Continue implements journal.Asker: a long answer cut short is opened in
// the editor with its text.
func (e *editorAsker) Continue(p prompts.Prompt, text string) (string, error) {
	if p.Kind != prompts.Long {
		return e.Prompter.Continue(p, text)
	}
	return e.edit(p.Question, text)
}

// edit runs the editor on a new file (0600) holding text and returns what
// was written in it. The file is removed only once its text is read back;
// when the editor fails, a file with text in it is kept, and the error says
// where.
func (e *editorAsker) edit(question, text string) (string, error) {
	f, err := os.CreateTemp(e.tmpDir, "reflect-answer-*.txt")
	if err != nil {
		return "", fmt.Errorf("creating a file for the editor: %w", err)
	}
	path := f.Name()
	_, err = f.WriteString(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return "", fmt.Errorf("writing a file for the editor: %w", err)
	}
	fmt.Fprintf(e.stdio[2], "? %s (in %s)\n", journal.Visible(question), journal.VisibleLine(e.editor))

	e.pause()
	runErr := RunEditor(e.editor, path, e.stdio[0], e.stdio[1], e.stdio[2])
	e.unpause()

	data, readErr := os.ReadFile(path)
	text = strings.TrimSpace(string(data))
	if runErr != nil || readErr != nil {
		cause := errors.Join(runErr, readErr)
		if text == "" {
			os.Remove(path)
			return "", fmt.Errorf("editor %q failed: %w", e.editor, cause)
		}
		return text, fmt.Errorf("editor %q failed: %w; what you wrote is kept in %s", e.editor, cause, path)
	}
	if err := os.Remove(path); err != nil {
		return text, fmt.Errorf("removing %s: %w", path, err)
	}
	fmt.Fprintln(e.stdio[2], indent(text))
	return text, nil
}

// RunEditor runs editor, a shell command as $VISUAL and $EDITOR hold it
// (such as "code --wait"), on the file at path, with the given streams.
func RunEditor(editor, path string, stdin io.Reader, stdout, stderr io.Writer) error {
	cmd := exec.Command("sh", "-c", editor+` "$@"`, "sh", path)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, stdout, stderr
	return cmd.Run()
}

// indent sets text off by two spaces, for echoing an answer.
func indent(text string) string {
	return "  " + strings.ReplaceAll(journal.Visible(text), "\n", "\n  ")
}
