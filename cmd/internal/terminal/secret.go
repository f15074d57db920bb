package terminal

import (
	"bytes"
	"fmt"
	"io"
	"os"
)

// ReadSecret asks prompt on standard error and reads a line from the
// terminal on standard input without echoing it, and without its line end.
// Ctrl-C (or the terminal closing) ends the process at once, exit 130,
// with the terminal put back first; any other failure to read is an error.
func ReadSecret(prompt string) ([]byte, error) {
	var pass []byte
	err := withoutEcho(int(os.Stdin.Fd()), func() error {
		fmt.Fprint(os.Stderr, prompt)
		var err error
		pass, err = readLine(os.Stdin)
		fmt.Fprintln(os.Stderr)
		return err
	})
	if err != nil {
		return nil, err
	}
	return pass, nil
}

// readLine reads one line from the terminal, a byte at a time so that
// nothing after it is taken from the input, without its line end.
func readLine(in io.Reader) ([]byte, error) {
	var line []byte
	b := make([]byte, 1)
	for {
		n, err := in.Read(b)
		if n == 1 {
			if b[0] == '\n' {
				return bytes.TrimRight(line, "\r"), nil
			}
			line = append(line, b[0])
		}
		if err != nil {
			return nil, err
		}
	}
}
