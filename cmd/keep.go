package cmd

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/reflect-cli/reflect/cmd/internal/terminal"
	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/prompts"
	"github.com/reflect-cli/reflect/storage"
)

// keeper returns the last resort for answers the journal cannot take
// (journal.Evening.Keep): they are written to a file of their own, in the
// JSON form of entries, and the error says where.
func keeper(app *App, j *storage.Journal) func(journal.Day, []journal.Answer, error) error {
	return func(day journal.Day, answers []journal.Answer, cause error) error {
		return keepAnswers(app, j, day, answers, cause)
	}
}

func keepAnswers(app *App, j *storage.Journal, day journal.Day, answers []journal.Answer, cause error) error {
	// The cause is said, with its advice, but not wrapped: whatever it was
	// (a usage error among them), where the answers are is what must be
	// read, and the command failed (exit 1).
	_, advice := classify(cause, false)
	if advice != "" {
		advice += "\n"
	}
	path, err := writeAnswersFile(app, j, "answers", day, answers)
	if err != nil {
		return hintedError{
			err:  fmt.Errorf("could not save your answers: %v; nor keep them in a file: %v", cause, err),
			hint: advice + "Your answers are printed below so that you can copy them.\n" + answersText(answers, app.ShownCatalog(), day),
		}
	}
	return hintedError{
		err:  fmt.Errorf("could not save your answers: %v", cause),
		hint: advice + fmt.Sprintf("Your answers are kept in %s, in plain text; 'reflect import %s' adds them to the journal, then remove the file.", path, path),
	}
}

// writeAnswersFile writes answers as a one-entry JSON file (mode 0600),
// reflect-KIND-DATE-TIME.json, in the journal's folder, else the home
// folder, else the temporary folder.
func writeAnswersFile(app *App, j *storage.Journal, kind string, day journal.Day, answers []journal.Answer) (string, error) {
	entry := journal.Entry{Date: day}
	entry.Add(answers, app.Now())
	name := fmt.Sprintf("reflect-%s-%s-%s.json", kind, day, app.Now().Format("150405"))
	var firstErr error
	for _, dir := range []string{filepath.Dir(j.Path), app.Getenv("HOME"), os.TempDir()} {
		if dir == "" {
			continue
		}
		path, err := writeEntryFile(dir, name, entry)
		if err == nil {
			return path, nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return "", firstErr
}

// writeEntryFile writes entry, in the JSON form of entries that import
// reads, to a new file (mode 0600) named name in dir; if that name is
// taken, a number is added to it. It returns the file's path.
func writeEntryFile(dir, name string, entry journal.Entry) (string, error) {
	var data bytes.Buffer
	if err := terminal.WriteJSON(&data, []journal.Entry{entry}); err != nil {
		return "", err
	}
	return writeKeptFile(dir, name, data.Bytes())
}

// writeKeptFile writes data to a new file (mode 0600) named name in dir;
// if that name is taken, a number is added to it. It returns the file's
// path.
func writeKeptFile(dir, name string, data []byte) (string, error) {
	ext := filepath.Ext(name)
	for n := 1; ; n++ {
		path := filepath.Join(dir, name)
		if n > 1 {
			path = filepath.Join(dir, fmt.Sprintf("%s-%d%s", strings.TrimSuffix(name, ext), n, ext))
		}
		err := createFile(path, data)
		if errors.Is(err, fs.ErrExist) && n < 100 {
			continue
		}
		if err != nil {
			return "", err
		}
		return path, nil
	}
}

// answersText renders answers as show does, for a person to copy.
func answersText(answers []journal.Answer, cat *prompts.Catalog, day journal.Day) string {
	var b strings.Builder
	terminal.RenderEntry(&b, journal.Entry{Date: day, Answers: answers}, cat, terminal.Style{}, 80)
	return b.String()
}

// resumeHint is the advice after an interruption that kept a draft of day.
func resumeHint(app *App, day journal.Day) string {
	return "To pick up where you left off, run: " + todayCommand(app, day)
}

// todayCommand is the command that reflects on day (and so picks up its
// draft), as the person would type it: 'reflect today', with --date when day
// is not today and --db when the journal was named with it.
func todayCommand(app *App, day journal.Day) string {
	c := "reflect today"
	if day.String() != app.Today().String() {
		c += " --date " + day.String()
	}
	if app.DBFlag != "" {
		c += " --db " + shellQuote(app.DBFlag)
	}
	return c
}

// shellQuote quotes s as a POSIX shell reads it back: as it is when it
// holds only characters a shell leaves alone; else in single quotes; else,
// when it holds what must not reach a terminal (a control character, a bidi
// control, bytes that are not UTF-8), as $'…' with those escaped.
func shellQuote(s string) string {
	plain, printable := s != "", true
	var escaped strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			printable = false
			fmt.Fprintf(&escaped, `\x%02x`, s[i])
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			printable = false
			switch {
			case r < utf8.RuneSelf:
				fmt.Fprintf(&escaped, `\x%02x`, r)
			case r <= 0xffff:
				fmt.Fprintf(&escaped, `\u%04x`, r)
			default:
				fmt.Fprintf(&escaped, `\U%08x`, r)
			}
		case r == '\\' || r == '\'':
			escaped.WriteString(`\` + string(r))
		default:
			escaped.WriteString(s[i : i+size])
		}
		if r >= utf8.RuneSelf || !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-_./:@%+=,", r)) {
			plain = false
		}
		i += size
	}
	switch {
	case plain:
		return s
	case printable:
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	return "$'" + escaped.String() + "'"
}
