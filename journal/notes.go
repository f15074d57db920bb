package journal

// Notes is a folder of Markdown notes that reflect keeps up to date, such
// as an Obsidian vault: the vault export writes through it, and storage
// satisfies it with files on disk.
//
// A note is named by its path within the folder, with slashes, such as
// "Daily/2026-11-23.md". Notes never overwrites what a person wrote: a note
// changed in the folder since reflect last wrote it, and a file there that
// reflect never wrote, are left as they are.
type Notes interface {
	// Put writes a note's content at path, unless the note is left alone,
	// and says what it did.
	Put(path string, content []byte) (NoteOutcome, error)
	// Prune removes the notes an earlier export wrote that this one did not
	// give to Put (their day, week or month has left the journal), except
	// those changed in the folder since: it returns the notes it removed
	// and those it left alone. It is called only after an export that ran
	// to its end.
	Prune() (removed, leftAlone []string, err error)
	// Close keeps the record of what was written, for the next export to
	// compare against. A Notes that is not closed may take notes it wrote
	// for a person's.
	Close() error
}

// NoteOutcome is what Notes.Put did with one note.
type NoteOutcome int

const (
	// NoteUnchanged: the note was already as it would be written.
	NoteUnchanged NoteOutcome = iota
	// NoteCreated: there was no note at the path; it was written.
	NoteCreated
	// NoteUpdated: the note was as reflect last wrote it; it was rewritten.
	NoteUpdated
	// NoteEdited: the note was changed in the folder since reflect last
	// wrote it; it was left alone.
	NoteEdited
	// NoteNotOurs: there is something at the path that reflect did not
	// write (a person's own note, a link, a folder); it was left alone.
	NoteNotOurs
)

// LeftAlone reports whether the note was left as the person had it.
func (o NoteOutcome) LeftAlone() bool { return o == NoteEdited || o == NoteNotOurs }
