// Package terminal is reflect's room for the terminal: everything that
// knows a person sits at a screen and a keyboard. It puts the evening's
// questions (through survey, which no other package imports), reads a
// passphrase without echo, hands long answers to $EDITOR, pages long
// listings, styles and wraps text for people to read, and renders what the
// commands show: an entry (render.go), the stats page (stats.go), the
// lesson ledger (ledger.go), the catalog and an evening's plan (prompts.go),
// and JSON with every character that would act on a terminal escaped.
//
// The output rules, for this package and for every command that writes
// through it:
//
//   - Colour only on a terminal, and never with NO_COLOR set
//     (Streams.Color; a zero Style is plain).
//   - Wrap to the terminal's width, else $COLUMNS, else 80 columns
//     (Streams.Width).
//   - Every piece of text that a person or a file supplied (an answer, a
//     question from a prompts file, a file's name, a date as typed) is made
//     safe with journal.Visible, or journal.VisibleLine where it must stay on
//     one line, before it reaches the terminal.
//   - Results go to standard output; messages, prompts and errors go to
//     standard error.
//
// The package satisfies journal.Prompter (Ask, Continue, Confirm, Choose)
// and keeps its contract: a person who leaves a prompt (Ctrl-C, the
// terminal closing) gets journal.ErrInterrupted, with what they had typed.
//
// It may import journal and prompts, and nothing that stores (storage,
// bbolt) or parses the command line (cobra): it shows and asks, it does not
// decide or keep.
package terminal
