package cmd

import (
	"errors"
	"fmt"
	"io"
	"syscall"

	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/storage"
)

// Exit statuses of the contract.
const (
	exitOK          = 0
	exitFailed      = 1
	exitUsage       = 2
	exitInterrupted = 130
)

// usageError is a mistake on the command line or in an input file: exit 2.
type usageError struct {
	msg  string
	hint string
}

// Error implements error.
func (e usageError) Error() string { return e.msg }

// interruptedError ends a session that the person stopped: exit 130.
type interruptedError struct{ msg, hint string }

// Error implements error.
func (e interruptedError) Error() string { return e.msg }

// hintedError is a failure with one line of advice: exit 1.
type hintedError struct {
	err  error
	hint string
}

// Error implements error.
func (e hintedError) Error() string { return e.err.Error() }

// Unwrap returns the cause.
func (e hintedError) Unwrap() error { return e.err }

// report writes err as the contract has it (one line "reflect: …", then at
// most one line of advice) and returns the exit status. Errors echo what a
// person or a file supplied (a date, a key, a file's name), so the error is
// made safe for the terminal and cut to about 300 characters; the advice is
// made safe too, its lines kept (answers that could not be saved are
// printed in it).
func report(w io.Writer, err error, usage bool) int {
	var quiet quietError
	if errors.As(err, &quiet) {
		return exitOK // for a shell prompt: nothing said, and $? left alone
	}
	code, hint := classify(err, usage)
	fmt.Fprintf(w, "reflect: %s\n", journal.VisibleLine(journal.OneLine(err.Error())))
	if hint != "" {
		fmt.Fprintln(w, journal.Visible(hint))
	}
	return code
}

func classify(err error, usage bool) (code int, hint string) {
	var (
		ue      usageError
		ie      interruptedError
		he      hintedError
		busy    *storage.BusyError
		damaged *storage.DamagedError
		newer   *storage.NewerError
		notFile *storage.NotFileError
		answers *journal.AnswersError
		input   *journal.InputError
	)
	switch {
	case errors.As(err, &ue):
		return exitUsage, ue.hint
	case errors.As(err, &ie):
		return exitInterrupted, ie.hint
	case errors.As(err, &he): // a deliberate hint outranks the cause's own
		return exitFailed, he.hint
	case errors.As(err, &answers):
		return exitUsage, "Nothing was saved. The file maps prompt ids to answers; 'reflect prompts' lists the ids."
	case errors.As(err, &input):
		return exitUsage, "Nothing was imported."
	case errors.Is(err, storage.ErrWrongPassphrase):
		return exitFailed, "Nothing was changed."
	case errors.Is(err, storage.ErrEncryptionChanged):
		return exitFailed, "See what it is now ('reflect doctor'), then run the command again if it is still wanted."
	case errors.Is(err, storage.ErrChangedOutside):
		return exitFailed, "'reflect doctor' names what changed. Changes made outside reflect alone, 'reflect doctor --accept' takes as they are; damage, 'reflect restore FILE' puts right from a backup, or 'reflect delete DATE' removes an entry that cannot be read. Then run this again."
	case errors.Is(err, storage.ErrSyncUnderWay):
		return exitFailed, "Let it finish; a sync after it takes what it left."
	case errors.As(err, &busy):
		return exitFailed, "Finish or close the other reflect, then try again."
	case errors.As(err, &damaged):
		return exitFailed, "The file was left as it is. 'reflect doctor' tells what is wrong; 'reflect restore FILE' puts a backup back."
	case errors.As(err, &newer):
		return exitFailed, "Nothing was changed. Use a newer reflect with this journal."
	case errors.As(err, &notFile):
		return exitFailed, "Nothing was changed."
	case usage:
		return exitUsage, "Run 'reflect --help' for usage."
	}
	return exitFailed, ""
}

// outputError is the error of writing a command's output: none when what
// read it went away (a pipe closed, as head closes it), else the failure
// (a full disk) said as one.
func outputError(err error) error {
	if err == nil || errors.Is(err, syscall.EPIPE) {
		return nil
	}
	return fmt.Errorf("writing the output: %w", err)
}
