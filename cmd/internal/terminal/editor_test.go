package terminal

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/prompts"
)

func newEditorAsker(t *testing.T, editor string) (*editorAsker, string) {
	t.Helper()
	dir := t.TempDir()
	null, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { null.Close() })
	return &editorAsker{
		Prompter: shortAsker{},
		editor:   editor,
		tmpDir:   dir,
		stdio:    [3]*os.File{null, null, null},
		pause:    func() {},
		unpause:  func() {},
	}, dir
}

// shortAsker answers every question it is put "about ID", as the person
// at the terminal would when the editor is not for that question.
type shortAsker struct{ journal.Prompter }

func (shortAsker) Ask(p prompts.Prompt) (string, error) { return "about " + p.ID, nil }

func (shortAsker) Continue(p prompts.Prompt, text string) (string, error) { return text, nil }

func longPrompt(t *testing.T) prompts.Prompt {
	p, ok := prompts.Builtin().Lookup("setback-what")
	if !ok || p.Kind != prompts.Long {
		t.Fatal("setback-what is not a long prompt")
	}
	return p
}

func leftFiles(t *testing.T, dir string) []string {
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	return files
}

func TestEditorAnswer(t *testing.T) {
	e, dir := newEditorAsker(t, `printf '  written here\n' >`)
	got, err := e.Ask(longPrompt(t))
	if err != nil || got != "written here" {
		t.Fatalf("Ask = %q, %v", got, err)
	}
	if files := leftFiles(t, dir); len(files) != 0 {
		t.Errorf("left behind %v", files)
	}
}

func TestEditorOnlyForLongPrompts(t *testing.T) {
	e, _ := newEditorAsker(t, `false`)
	p, _ := prompts.Builtin().Lookup("win-small")
	if got, err := e.Ask(p); err != nil || got != "about win-small" {
		t.Fatalf("a short prompt went to the editor: %q, %v", got, err)
	}
}

func TestEditorFailures(t *testing.T) {
	tests := []struct {
		name, editor, text string
		kept               bool
	}{
		{"missing", "/no/such/editor", "", false},
		{"fails before writing", "exit 1;", "", false},
		{"fails after writing", `sh -c 'printf "half a thought" > "$1"; exit 2' sh`, "half a thought", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, dir := newEditorAsker(t, tt.editor)
			got, err := e.Ask(longPrompt(t))
			if err == nil {
				t.Fatal("a failing editor gave no error")
			}
			if got != tt.text {
				t.Errorf("text = %q, want %q", got, tt.text)
			}
			files := leftFiles(t, dir)
			if tt.kept {
				if len(files) != 1 || !strings.Contains(err.Error(), files[0]) {
					t.Fatalf("files %v, err %v: want the text kept and its path named", files, err)
				}
				if fi, _ := os.Stat(files[0]); fi.Mode().Perm() != 0o600 {
					t.Errorf("kept file mode %v", fi.Mode())
				}
			} else if len(files) != 0 {
				t.Errorf("an empty file was kept: %v", files)
			}
		})
	}
}

// A long answer cut short opens in the editor with its text, to finish.
func TestEditorContinuesACutAnswer(t *testing.T) {
	e, dir := newEditorAsker(t, `printf ' and I froze.' >>`)
	got, err := e.Continue(longPrompt(t), "The demo crashed")
	if err != nil || got != "The demo crashed and I froze." {
		t.Fatalf("Continue = %q, %v", got, err)
	}
	if files := leftFiles(t, dir); len(files) != 0 {
		t.Errorf("left behind %v", files)
	}
}
