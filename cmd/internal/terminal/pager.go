package terminal

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
)

// defaultPager is the pager used when $PAGER is unset: it quits at once on
// output that fits the screen, passes colors through and leaves the text on
// the screen when it quits.
const defaultPager = "less -FRX"

// Pager is where a long listing goes: through the person's pager ($PAGER,
// else less) when standard output is a terminal, else straight to standard
// output. The pager starts with the first write, so a listing that turns
// out empty starts none.
type Pager struct {
	streams  *Streams
	getenv   func(string) string
	disabled bool

	w       io.Writer // where writes go, once started
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	signals chan os.Signal
	err     error // the first write error: the pager has quit
}

// NewPager returns a Pager for a listing on s; getenv reads $PAGER and the
// pager's own settings. A disabled Pager (--no-pager) writes straight to
// s.Out.
func NewPager(s *Streams, getenv func(string) string, disabled bool) *Pager {
	return &Pager{streams: s, getenv: getenv, disabled: disabled}
}

// Write implements io.Writer. After the pager quits, writes fail, and the
// listing should stop.
func (p *Pager) Write(b []byte) (int, error) {
	if p.err != nil {
		return 0, p.err
	}
	if p.w == nil {
		p.start()
	}
	n, err := p.w.Write(b)
	if err != nil {
		p.err = err
	}
	return n, err
}

// Stopped reports whether a write has failed (the pager has quit, say), so
// that nothing more needs to be written.
func (p *Pager) Stopped() bool { return p.err != nil }

// Gone reports whether the write that failed did so because what reads the
// listing went away: the pager was quit, or the pipe it went into was
// closed (as head closes it). That is not the listing's failure; a full
// disk is.
func (p *Pager) Gone() bool {
	return p.err != nil && (p.cmd != nil || errors.Is(p.err, syscall.EPIPE))
}

// start runs the pager, or settles for standard output when there is no
// terminal, no pager, or one that cannot be started.
func (p *Pager) start() {
	p.w = p.streams.Out
	if p.disabled || !p.streams.OutTTY {
		return
	}
	command := strings.TrimSpace(p.getenv("PAGER"))
	if command == "" {
		command = defaultPager
	}
	cmd := pagerCommand(command)
	if cmd == nil {
		return
	}
	cmd.Stdout, cmd.Stderr = p.streams.Out, p.streams.Err
	cmd.Env = os.Environ()
	if p.getenv("LESS") == "" {
		cmd.Env = append(cmd.Env, "LESS=FRX") // as git does, for PAGER=less
	}
	if p.getenv("LESSCHARSET") == "" && p.getenv("LESSCHARDEF") == "" {
		cmd.Env = append(cmd.Env, "LESSCHARSET=utf-8") // what reflect writes, whatever the locale
	}
	if p.getenv("LV") == "" {
		cmd.Env = append(cmd.Env, "LV=-c")
	}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return
	}
	if err := cmd.Start(); err != nil {
		return
	}
	// Ctrl-C in the pager is the pager's to handle; reflect waits for it.
	p.signals = make(chan os.Signal, 1)
	signal.Notify(p.signals, os.Interrupt, syscall.SIGQUIT)
	p.cmd, p.stdin, p.w = cmd, stdin, stdin
}

// pagerCommand returns the command that runs a pager given as $PAGER holds
// it: "cat" means none, a plain command line runs directly (so that a
// missing pager is noticed before any output is lost), and anything with
// shell syntax runs through sh.
func pagerCommand(command string) *exec.Cmd {
	if command == "cat" {
		return nil
	}
	if strings.ContainsAny(command, "|&;<>()$`\\\"'*?[#~=%{}") {
		return exec.Command("sh", "-c", command)
	}
	fields := strings.Fields(command)
	path, err := exec.LookPath(fields[0])
	if err != nil {
		return nil
	}
	return exec.Command(path, fields[1:]...)
}

// Finish flushes w (which writes to the pager), then closes the pager. A
// write that failed because the pager was quit (Gone) is not an error.
func (p *Pager) Finish(w *bufio.Writer) error {
	flushErr := w.Flush()
	if err := p.Close(); err != nil {
		return fmt.Errorf("running the pager: %w", err)
	}
	if flushErr != nil && !p.Gone() {
		return fmt.Errorf("writing the output: %w", flushErr)
	}
	return nil
}

// Close waits for the pager to quit. A pager that was quit early is not an
// error.
func (p *Pager) Close() error {
	if p.cmd == nil {
		return nil
	}
	defer signal.Stop(p.signals)
	p.stdin.Close()
	err := p.cmd.Wait()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return nil // the pager's own failure is its own to report
	}
	return err
}
