package cmd

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

// pager is where a long listing goes: through the person's pager when
// standard output is a terminal, else straight to standard output. The
// pager starts with the first write, so a listing that turns out empty
// starts none.
type pager struct {
	app      *App
	disabled bool

	w       io.Writer // where writes go, once started
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	signals chan os.Signal
	err     error // the first write error: the pager has quit
}

func newPager(app *App, disabled bool) *pager {
	return &pager{app: app, disabled: disabled}
}

// Write implements io.Writer. After the pager quits, writes fail, and the
// listing should stop.
func (p *pager) Write(b []byte) (int, error) {
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

// Stopped reports whether the pager has quit, so that nothing more needs
// to be written.
func (p *pager) Stopped() bool { return p.err != nil }

// start runs the pager, or settles for standard output when there is no
// terminal, no pager, or one that cannot be started.
func (p *pager) start() {
	p.w = p.app.Out
	if p.disabled || !p.app.OutTTY {
		return
	}
	command := strings.TrimSpace(p.app.Getenv("PAGER"))
	if command == "" {
		command = defaultPager
	}
	cmd := pagerCommand(command)
	if cmd == nil {
		return
	}
	cmd.Stdout, cmd.Stderr = p.app.Out, p.app.Err
	cmd.Env = os.Environ()
	if p.app.Getenv("LESS") == "" {
		cmd.Env = append(cmd.Env, "LESS=FRX") // as git does, for PAGER=less
	}
	if p.app.Getenv("LESSCHARSET") == "" && p.app.Getenv("LESSCHARDEF") == "" {
		cmd.Env = append(cmd.Env, "LESSCHARSET=utf-8") // what reflect writes, whatever the locale
	}
	if p.app.Getenv("LV") == "" {
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
// write that failed because the pager was quit is not an error.
func (p *pager) Finish(w *bufio.Writer) error {
	flushErr := w.Flush()
	if err := p.Close(); err != nil {
		return fmt.Errorf("running the pager: %w", err)
	}
	if flushErr != nil && !p.Stopped() {
		return fmt.Errorf("writing the output: %w", flushErr)
	}
	return nil
}

// Close waits for the pager to quit. A pager that was quit early is not an
// error.
func (p *pager) Close() error {
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
