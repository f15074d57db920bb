//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package terminal

import (
	"bytes"
	"errors"
	"testing"

	"github.com/reflect-cli/reflect/cmd/internal/terminal/ptytest"
	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/prompts"
)

// hostile holds what must never reach a terminal as it is: a screen clear,
// a clipboard write (OSC 52, ended by BEL), a C1 CSI, DEL, a right-to-left
// override and a byte that is not UTF-8.
const hostile = "clear\x1b[2J clip\x1b]52;c;aGFjaw==\a csi\u009b31m del\x7f rlo\u202egnp.exe bad\xff"

// rawForms are the bytes of hostile that must not reach a terminal.
var rawForms = []string{"\x1b[2J", "\x1b]52", "\a", "\u009b", "\x9b", "\x7f", "\u202e", "\xff"}

// ptyTerm is an asker in a pseudo-terminal of 80 columns, whose keys the
// test types.
type ptyTerm struct {
	*ptytest.Terminal
	asker journal.Prompter
	end   func()
}

func newPTYTerm(t *testing.T) *ptyTerm {
	t.Helper()
	term := ptytest.Open(t, 80, 40)
	if err := KeepCtrlCAsInput(int(term.PTS.Fd())); err != nil {
		t.Fatal(err)
	}
	p := &ptyTerm{Terminal: term}
	p.asker, p.end = AskIn(term.PTS, AskOptions{})
	t.Cleanup(func() { p.finish() })
	return p
}

// finish ends the terminal and returns every byte the asker wrote.
func (p *ptyTerm) finish() []byte { return p.Close(p.end) }

// TestAskerShowsHostileTextSafely puts every kind of question, each made of
// text a prompts file or an earlier answer could hold, and checks that none
// of it reaches the terminal raw while each answer comes back as given.
func TestAskerShowsHostileTextSafely(t *testing.T) {
	p := newPTYTerm(t)
	ask := func(pr prompts.Prompt, want string) {
		t.Helper()
		p.Type("\r")
		if got, err := p.asker.Ask(pr); err != nil || got != want {
			t.Fatalf("Ask(%s) = %q, %v; want %q", pr.Kind, got, err, want)
		}
	}
	ask(prompts.Prompt{ID: "c", Kind: prompts.Choice, Question: hostile, Options: []string{hostile, "plain"}}, hostile)
	ask(prompts.Prompt{ID: "s", Kind: prompts.Scale, Question: hostile, Low: hostile, High: hostile}, "3")
	ask(prompts.Prompt{ID: "y", Kind: prompts.YesNo, Question: hostile}, journal.YesNoAnswer(false))
	ask(prompts.Prompt{ID: "t", Kind: prompts.Short, Question: hostile}, "")

	p.Type("\r")
	if got, err := p.asker.Continue(prompts.Prompt{ID: "l", Kind: prompts.Long, Question: hostile}, hostile); err != nil || got != hostile {
		t.Fatalf("Continue = %q, %v; want the cut answer kept", got, err)
	}
	p.Type("\r")
	if i, err := p.asker.Choose(hostile, []string{hostile, "plain"}); err != nil || i != 0 {
		t.Fatalf("Choose = %d, %v", i, err)
	}

	screen := p.finish()
	for _, raw := range rawForms {
		if i := bytes.Index(screen, []byte(raw)); i >= 0 {
			t.Errorf("the terminal got %q raw: %.300q", raw, screen[max(0, i-100):])
		}
	}
	if safe := journal.Visible("clear\x1b[2J"); !bytes.Contains(screen, []byte(safe)) {
		t.Errorf("the question is not on the screen in a safe form:\n%q", screen)
	}
}

// TestAskerKeepsWhatWasTypedOnCtrlC: Ctrl-C in the middle of an answer is
// journal.ErrInterrupted, with the words typed so far.
func TestAskerKeepsWhatWasTypedOnCtrlC(t *testing.T) {
	p := newPTYTerm(t)
	p.Type("half a thought\x03")
	got, err := p.asker.Ask(prompts.Prompt{ID: "t", Kind: prompts.Short, Question: "What went well?"})
	if !errors.Is(err, journal.ErrInterrupted) || got != "half a thought" {
		t.Fatalf("Ask = %q, %v; want the typed words and journal.ErrInterrupted", got, err)
	}

	p.Type("first line\rsecond\x03")
	got, err = p.asker.Ask(prompts.Prompt{ID: "l", Kind: prompts.Long, Question: "What happened?"})
	if !errors.Is(err, journal.ErrInterrupted) || got != "first line\nsecond" {
		t.Fatalf("Ask(long) = %q, %v; want both lines and journal.ErrInterrupted", got, err)
	}
}
