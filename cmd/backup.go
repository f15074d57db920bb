package cmd

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/spf13/cobra"

	"github.com/reflect-cli/reflect/storage"
)

func newBackupCmd(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "backup FILE",
		Short: "Copy the journal to a new file, even while it is in use",
		Long: `Writes a consistent copy of the journal to FILE (mode 0600), from one read,
so it can run while another reflect is using the journal. An existing FILE is
never written over. 'reflect restore FILE' puts it back.`,
		Example: `  reflect backup ~/backups/journal-$(date +%F).db`,
		Args:    exactArgs(1, "one FILE to write the copy to"),
		RunE: func(_ *cobra.Command, args []string) error {
			j, err := app.Journal()
			if err != nil {
				return err
			}
			err = j.Backup(args[0])
			if errors.Is(err, storage.ErrNotExist) {
				sayNoJournal(app, j)
				return nil
			}
			if err != nil {
				return hintedError{err: err, hint: "Nothing was written over; choose another FILE if it exists."}
			}
			app.Printf("Backed up %s to %s.\n", j.Path, args[0])
			return nil
		},
	}
}

func newRestoreCmd(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "restore FILE",
		Short: "Put a backup in place of the journal, keeping the journal beside it",
		Long: `Checks the backup in FILE as 'reflect doctor' would and, if it is sound,
puts a copy of it in place of the journal. The journal as it was is kept
beside it (journal.db.before-restore-TIME), so a restore loses nothing. A
backup in plain text put in place of an encrypted journal is encrypted on
the way in, with the journal's passphrase.`,
		Example: `  reflect restore ~/backups/journal-2026-11-20.db`,
		Args:    exactArgs(1, "one backup FILE"),
		RunE: func(_ *cobra.Command, args []string) error {
			j, err := app.Journal()
			if err != nil {
				return err
			}
			// A backup in the clear put in place of an encrypted journal is
			// sealed on the way in, under the journal's passphrase: a
			// restore never turns encryption off without a word.
			encrypted, unknown := j.Encrypted()
			if errors.Is(unknown, storage.ErrNotExist) {
				unknown = nil
			}
			backupEncrypted, _ := storage.New(args[0]).Encrypted()
			var pass []byte
			if encrypted && !backupEncrypted {
				ask := j.Passphrase
				j.Passphrase = func() ([]byte, error) {
					p, err := ask()
					pass = p
					return p, err
				}
				if err := j.Unlock(); err != nil {
					return err
				}
			}
			kept, err := j.RestoreSealed(args[0], app.Now(), pass)
			if errors.Is(err, fs.ErrNotExist) {
				return usageError{msg: fmt.Sprintf("restore: there is no backup at %s", args[0])}
			}
			if errors.Is(err, storage.ErrSameFile) {
				return usageError{msg: fmt.Sprintf("restore: %s: %v", args[0], err)}
			}
			if err != nil {
				var damaged *storage.DamagedError
				if errors.As(err, &damaged) {
					return hintedError{err: fmt.Errorf("the backup cannot be used: %w", err), hint: "The journal was left as it is."}
				}
				return err
			}
			app.Printf("Restored %s from %s.\n", j.Path, args[0])
			if kept != "" {
				app.Printf("The journal as it was is kept in %s.\n", kept)
			}
			switch {
			case pass != nil:
				app.Printf("The backup was not encrypted; the restored journal is encrypted with the journal's passphrase, as the journal was.\n")
			case unknown != nil && !backupEncrypted:
				app.Printf("The journal could not be read, so whether it was encrypted is not known: the backup put back is not encrypted ('reflect encrypt' encrypts it).\n")
			}
			return nil
		},
	}
}
