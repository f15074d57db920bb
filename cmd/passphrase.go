package cmd

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/reflect-cli/reflect/cmd/internal/terminal"
	"github.com/reflect-cli/reflect/storage"
)

// PassphraseFileEnv names a file that holds the journal's passphrase, for
// scripts; a passphrase is never taken from a flag.
const PassphraseFileEnv = "REFLECT_PASSPHRASE_FILE"

// NewPassphraseFileEnv names a file that holds the new passphrase for
// 'reflect passphrase', when $REFLECT_PASSPHRASE_FILE gives the current one.
const NewPassphraseFileEnv = "REFLECT_NEW_PASSPHRASE_FILE"

// readPassphrase gets a passphrase: from the file $REFLECT_PASSPHRASE_FILE
// names, else typed at the terminal without echo, after prompt. what names
// the passphrase asked for ("the journal's passphrase", "a new passphrase"),
// for the error when there is no terminal to ask in.
func (a *App) readPassphrase(prompt, what string) ([]byte, error) {
	if path := a.Getenv(PassphraseFileEnv); path != "" {
		return passphraseFromFile(PassphraseFileEnv, path)
	}
	if a.asking {
		// Asked for again mid-evening: another reflect turned encryption
		// on, or changed the passphrase. The terminal is the questions'
		// now; nothing is read from it.
		return nil, errors.New("the journal's encryption changed while reflect was asking its questions")
	}
	if !a.canTypePassphrase() {
		return nil, usageError{
			msg:  "there is no terminal to ask for " + what,
			hint: fmt.Sprintf("Put the passphrase in a file (mode 0600) and name it in $%s.", PassphraseFileEnv),
		}
	}
	pass, err := a.ReadSecret(prompt)
	if err != nil {
		return nil, err
	}
	if len(pass) == 0 {
		return nil, usageError{msg: "no passphrase was typed; nothing was changed"}
	}
	return pass, nil
}

// canTypePassphrase reports whether there is a terminal to type a
// passphrase at.
func (a *App) canTypePassphrase() bool { return a.ReadSecret != nil && a.InTTY }

// passphraseFromFile reads the passphrase in the file at path, which the
// environment variable env names, and says so in its errors.
func passphraseFromFile(env, path string) ([]byte, error) {
	data, err := readPassphraseFile(path)
	var open openToOthersError
	if errors.As(err, &open) {
		return nil, usageError{msg: fmt.Sprintf("$%s: %v", env, err), hint: "chmod 600 " + path}
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, usageError{msg: fmt.Sprintf("$%s: there is no file at %s", env, path)}
	case errors.Is(err, fs.ErrPermission):
		return nil, usageError{msg: fmt.Sprintf("$%s: %s cannot be read: permission denied", env, path)}
	case err != nil:
		return nil, usageError{msg: fmt.Sprintf("$%s: %v", env, err)}
	}
	// The first line is the passphrase: a password manager's entry (pass
	// show) may keep notes on the lines below it.
	pass, _, _ := bytes.Cut(data, []byte("\n"))
	pass = bytes.TrimSuffix(pass, []byte("\r"))
	if len(pass) == 0 {
		return nil, usageError{msg: fmt.Sprintf("$%s: the first line of %s is empty", env, path)}
	}
	return pass, nil
}

// maxPassphraseFile is the most of a passphrase file that is read: it holds
// one line, and an endless file (/dev/zero) must not fill the memory.
const maxPassphraseFile = 1 << 10

// openToOthersError is a passphrase file that its group or others may
// read: as ssh does with a private key, reflect does not use it.
type openToOthersError struct {
	path string
	mode os.FileMode
}

// Error implements error.
func (e openToOthersError) Error() string {
	return fmt.Sprintf("%s can be read by others (mode %04o), so it is not used", e.path, e.mode.Perm())
}

// readPassphraseFile reads a passphrase file of at most maxPassphraseFile
// bytes. It may be a pipe, as from a shell's <(pass show reflect). A
// regular file that group or others may read is refused, except on
// Windows, whose permissions are not these bits.
func readPassphraseFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o077 != 0 && runtime.GOOS != "windows" {
		return nil, openToOthersError{path: path, mode: fi.Mode()}
	}
	data, err := io.ReadAll(io.LimitReader(f, maxPassphraseFile+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxPassphraseFile {
		return nil, fmt.Errorf("%s is larger than %d KiB: it holds the passphrase alone", path, maxPassphraseFile>>10)
	}
	return data, nil
}

// readSecretFromTerminal asks on standard error and reads a passphrase
// from the terminal on standard input without echoing it.
func readSecretFromTerminal(prompt string) ([]byte, error) {
	pass, err := terminal.ReadSecret(prompt)
	if err != nil {
		return nil, interruptedError{msg: "no passphrase was read; nothing was changed"}
	}
	return pass, nil
}

// minPassphrase is the fewest characters a new passphrase may have.
const minPassphrase = 8

// shortPassphrase is the error of a new passphrase under minPassphrase
// characters.
func shortPassphrase(n int) usageError {
	return usageError{msg: fmt.Sprintf("the new passphrase has %d characters; it needs at least %d, and nothing was changed", n, minPassphrase)}
}

// tooWeak says why a new passphrase typed at the terminal is refused, or
// "": under minPassphrase characters, or only spaces.
func tooWeak(pass []byte) string {
	if n := utf8.RuneCount(pass); n < minPassphrase {
		return fmt.Sprintf("That is %d characters; a passphrase needs at least %d", n, minPassphrase)
	}
	if len(bytes.TrimSpace(pass)) == 0 {
		return "That is only spaces; a passphrase needs more"
	}
	return ""
}

// newPassphrase asks for a new passphrase twice (once from a file). One
// shorter than minPassphrase characters is refused: from a file, with an
// error; at a terminal, by asking again.
func (a *App) newPassphrase() ([]byte, error) {
	if a.Getenv(PassphraseFileEnv) != "" {
		return a.newPassphraseFromFile(PassphraseFileEnv)
	}
	const what = "a new passphrase"
	pass, err := a.readPassphrase("New passphrase: ", what)
	for err == nil && tooWeak(pass) != "" {
		a.Printf("%s.\n", tooWeak(pass))
		pass, err = a.readPassphrase("New passphrase: ", what)
	}
	if err != nil {
		return nil, err
	}
	again, err := a.readPassphrase("The same again: ", what)
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(pass, again) {
		return nil, usageError{msg: "the two passphrases differ; nothing was changed"}
	}
	return pass, nil
}

// newPassphraseFromFile reads a new passphrase from the file the
// environment variable env names, and refuses one that is too short.
func (a *App) newPassphraseFromFile(env string) ([]byte, error) {
	pass, err := passphraseFromFile(env, a.Getenv(env))
	if err != nil {
		return nil, err
	}
	if n := utf8.RuneCount(pass); n < minPassphrase {
		return nil, shortPassphrase(n)
	}
	if len(bytes.TrimSpace(pass)) == 0 {
		return nil, usageError{msg: fmt.Sprintf("$%s: the new passphrase is only spaces; nothing was changed", env)}
	}
	// It must be one that can be typed at the prompt too.
	if !utf8.Valid(pass) || bytes.ContainsFunc(pass, unicode.IsControl) {
		return nil, usageError{msg: fmt.Sprintf("$%s: the new passphrase holds a character that cannot be typed at a prompt; nothing was changed", env)}
	}
	return pass, nil
}

// encryptionCmd runs an encryption command on the journal: with no journal
// it says so; when the journal is (or is not) encrypted against what the
// command needs, it says what to do instead; else it runs do.
func encryptionCmd(app *App, wantEncrypted bool, otherwise hintedError, do func(j *storage.Journal) error) error {
	j, err := app.Journal()
	if err != nil {
		return err
	}
	encrypted, err := j.Encrypted()
	switch {
	case errors.Is(err, storage.ErrNotExist):
		sayNoJournal(app, j)
		return nil
	case err != nil:
		return err
	case encrypted != wantEncrypted:
		return otherwise
	}
	return do(j)
}

func newEncryptCmd(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "encrypt",
		Short: "Encrypt the journal with a passphrase",
		Long: `Turns encryption at rest on: asks for a new passphrase (at least 8
characters) twice, or reads it from the file $REFLECT_PASSPHRASE_FILE names
(mode 0600: a file others can read is refused), then seals every entry,
draft and summary with it and writes the journal anew, so none of the old
text is left in the file. From then on every command asks for the passphrase once.

The dates of the entries stay visible; what you wrote does not. Exports
('reflect export'), the copies 'delete' keeps, and the files reflect keeps
your words in when a save fails are plain text.`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(*cobra.Command, []string) error {
			already := hintedError{err: errors.New("the journal is encrypted already"), hint: "'reflect passphrase' changes the passphrase."}
			return encryptionCmd(app, false, already, func(j *storage.Journal) error {
				if err := refuseOtherNames(j, "in plain text"); err != nil {
					return err
				}
				pass, err := app.newPassphrase()
				if err != nil {
					return err
				}
				if err := holdSignals(app, "encrypting", func() error { return j.Encrypt(pass) }); err != nil {
					return err
				}
				app.Printf("Encrypted %s. Keep the passphrase safe: without it, nothing can read the journal.\n", j.Path)
				return offerToRemovePlainCopies(app, j.Path)
			})
		},
	}
}

func newDecryptCmd(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "decrypt",
		Short: "Turn the journal's encryption off",
		Long: `Asks for the passphrase, then stores every entry, draft and summary in
the clear again, and writes the journal anew without its lock and index.
From then on no command asks for a passphrase, and anyone who can read the
file can read the journal. 'reflect encrypt' turns encryption on again,
with a new key.`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(*cobra.Command, []string) error {
			plain := hintedError{err: errors.New("the journal is not encrypted"), hint: "Nothing was changed."}
			return encryptionCmd(app, true, plain, func(j *storage.Journal) error {
				others, _ := storage.Names(j.Path)
				if err := holdSignals(app, "decrypting", j.Decrypt); err != nil {
					return err
				}
				app.Printf("Decrypted %s: it is stored in the clear again.\n", j.Path)
				sayOtherNamesKept(app, j.Path, others)
				return nil
			})
		},
	}
}

func newPassphraseCmd(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "passphrase",
		Short: "Change the passphrase of an encrypted journal",
		Long: `Asks for the current passphrase, then a new one twice, and seals the
journal again under the new one, with a new key: a copy of the file and the
old passphrase open nothing written after the change. (With $REFLECT_PASSPHRASE_FILE set, that file
holds the current passphrase and $REFLECT_NEW_PASSPHRASE_FILE the new one.)`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(*cobra.Command, []string) error {
			plain := hintedError{err: errors.New("the journal is not encrypted"), hint: "'reflect encrypt' turns encryption on."}
			return encryptionCmd(app, true, plain, func(j *storage.Journal) error { return changePassphrase(app, j) })
		},
	}
}

// changePassphrase asks for the current passphrase, then a new one (from
// $REFLECT_NEW_PASSPHRASE_FILE when the current one comes from a file).
func changePassphrase(app *App, j *storage.Journal) error {
	if err := refuseOtherNames(j, "under the old passphrase"); err != nil {
		return err
	}
	if err := j.Unlock(); err != nil {
		return err
	}
	var (
		pass []byte
		err  error
	)
	fromFile := app.Getenv(PassphraseFileEnv) != ""
	switch {
	case fromFile && app.Getenv(NewPassphraseFileEnv) == "":
		// The file gives the passphrase that opens the journal: read again
		// as the new one, it would change nothing while saying it had.
		return usageError{
			msg:  fmt.Sprintf("$%s gives the current passphrase; there is no new one", PassphraseFileEnv),
			hint: fmt.Sprintf("Name a file holding the new passphrase in $%s. Nothing was changed.", NewPassphraseFileEnv),
		}
	case fromFile:
		pass, err = app.newPassphraseFromFile(NewPassphraseFileEnv)
	default:
		pass, err = app.newPassphrase()
	}
	if err != nil {
		return err
	}
	if err := holdSignals(app, "changing the passphrase", func() error { return j.ChangePassphrase(pass) }); err != nil {
		return err
	}
	app.Printf("Changed the passphrase of %s.\n", j.Path)
	return nil
}

// holdSignals runs a change to the whole journal (doing says which) to its
// end, a Ctrl-C or SIGTERM meanwhile being heard and said to wait: stopped
// half-way, it would leave the journal as it was, but the person would not
// know which.
func holdSignals(app *App, doing string, change func() error) error {
	return terminal.HoldSignals(app.Err, "finishing "+doing+" first, so the journal is not left half changed; it takes a moment", change)
}

// refuseOtherNames refuses a change to the whole journal that would reach
// only the journal's path when its file has other names (hard links): they
// would keep the journal as it is, how (in plain text, under the old
// passphrase).
func refuseOtherNames(j *storage.Journal, how string) error {
	names, err := storage.Names(j.Path)
	if err != nil || names <= 1 {
		return err
	}
	real, err := storage.RealPath(j.Path) // the file itself, when j.Path is a link to it
	if err != nil {
		return err
	}
	return hintedError{
		err: fmt.Errorf("%s has %d names (hard links); only this one would change, and the others would keep the journal %s",
			real, names, how),
		hint: fmt.Sprintf("Nothing was changed. Remove the other names (find / -samefile %s lists them), or make them symbolic links (ln -s), then run this again.", real),
	}
}

// sayOtherNamesKept, after a change to the whole journal, says that the
// file's other names (hard links), if it had any (names counts them all),
// still hold the journal as it was.
func sayOtherNamesKept(app *App, path string, names int) {
	switch {
	case names == 2:
		app.Printf("%s had another name (a hard link); it still holds the journal as it was.\n", path)
	case names > 2:
		app.Printf("%s had %d other names (hard links); they still hold the journal as it was.\n", path, names-1)
	}
}
