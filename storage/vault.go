package storage

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/reflect-cli/reflect/journal"
)

// VaultRecordName is the file at a vault's root that records what reflect
// last wrote there. It is a dot-file, so Obsidian does not show it.
const VaultRecordName = ".reflect-export.json"

// vaultRecordVersion is the version of the record's layout that this
// reflect writes and reads.
const vaultRecordVersion = 1

// maxNoteSize caps how much of a file already at a note's path is read: a
// file larger than this is certainly not one reflect wrote.
const maxNoteSize = 16 << 20

// Vault is a folder of notes on disk, such as an Obsidian vault: it
// satisfies journal.Notes. It remembers, in VaultRecordName, the SHA-256 of
// the bytes it last wrote at each note's path, and so tells a note it wrote
// from one a person changed or wrote.
//
// A Vault's methods may be called from several goroutines, one at a time;
// two Vaults (or two reflects) on one folder are not coordinated, and the
// last to Close keeps its record.
//
// A note's path is checked by its words alone: a folder within the vault
// that is a link is followed, as the person who made it meant. Only a link
// at the note's own path is left alone.
type Vault struct {
	dir string

	mu      sync.Mutex
	notes   map[string]string   // a note's path to the hex SHA-256 last written there
	changed bool                // whether notes differs from the record on disk
	written map[string]struct{} // folders where a note was renamed into place since the record was kept
	put     map[string]bool     // the notes given to Put since OpenVault
	tidied  map[string]bool     // folders cleared of the leftovers of an interrupted write
	saved   time.Time           // when the record was last kept
	every   time.Duration       // how often the record is kept while notes are written: keepEvery
	closed  bool
}

// keepEvery is how often, at most, a vault export keeps its record while
// it writes: an export stopped by force (SIGKILL, a power cut) loses the
// record of at most the notes of this last stretch, which the next export
// then takes for a person's and leaves alone.
const keepEvery = time.Second

// vaultRecord is the layout of VaultRecordName.
type vaultRecord struct {
	Version int               `json:"version"`
	Notes   map[string]string `json:"notes"`
}

// OpenVault opens the folder dir for a vault export, and reads the record
// of what reflect last wrote there. The folder is made (mode 0700) when the
// first note is written. A record that cannot be read is an error, and
// nothing is written.
func OpenVault(dir string) (*Vault, error) {
	switch fi, err := os.Stat(dir); {
	case errors.Is(err, fs.ErrNotExist):
	case errors.Is(err, syscall.ENOTDIR) || err == nil && !fi.IsDir():
		return nil, fmt.Errorf("%s is not a folder: a vault is a folder (a new one is made for you)", dir)
	case err != nil:
		return nil, fmt.Errorf("opening the vault %s: %w", dir, err)
	}
	v := &Vault{dir: dir, notes: map[string]string{}, written: map[string]struct{}{}, put: map[string]bool{}, tidied: map[string]bool{}, saved: time.Now(), every: keepEvery}
	v.tidy(dir)
	recPath := filepath.Join(dir, VaultRecordName)
	fi, err := os.Lstat(recPath)
	if errors.Is(err, fs.ErrNotExist) {
		return v, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", recPath, err)
	}
	if !fi.Mode().IsRegular() || fi.Size() > maxNoteSize {
		return nil, vaultRecordError(recPath, "it is not an ordinary file of reflect's")
	}
	data, err := os.ReadFile(recPath)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", recPath, err)
	}
	var rec vaultRecord
	if err := json.Unmarshal(data, &rec); err != nil {
		return nil, vaultRecordError(recPath, "it cannot be parsed")
	}
	if rec.Version != vaultRecordVersion {
		return nil, vaultRecordError(recPath, fmt.Sprintf("its version, %d, is not one this reflect knows", rec.Version))
	}
	for p, sum := range rec.Notes {
		if b, err := hex.DecodeString(sum); err != nil || len(b) != sha256.Size || checkNotePath(p) != nil {
			return nil, vaultRecordError(recPath, "it names a note or a hash that cannot be right")
		}
		v.notes[p] = sum
	}
	return v, nil
}

// vaultRecordError is the error for a record that cannot be used.
func vaultRecordError(recPath, why string) error {
	return fmt.Errorf("%s, reflect's record of the notes it wrote in the vault, cannot be used: %s. "+
		"Nothing was written; move the file away to export afresh (notes that differ from the export will then be left alone as yours)", recPath, why)
}

// checkNotePath returns an error unless p is a note's path as Put takes
// it: relative, with slashes, in its simplest form, within the vault, and
// with no part starting with "." (those are Obsidian's and reflect's own,
// such as VaultRecordName and the temporary files of a write under way).
func checkNotePath(p string) error {
	bad := p == "" || path.Clean(p) != p || !filepath.IsLocal(filepath.FromSlash(p)) || strings.Contains(p, `\`)
	for _, part := range strings.Split(p, "/") {
		bad = bad || strings.HasPrefix(part, ".")
	}
	if bad {
		return fmt.Errorf("%q is not a note's path: it must be relative, within the vault, with slashes and no part starting with \".\"", p)
	}
	return nil
}

// hashOf is the hex SHA-256 of b.
func hashOf(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Put writes content at the note path (such as "Daily/2026-11-23.md"),
// unless what is there is a person's, and says what it did.
func (v *Vault) Put(p string, content []byte) (journal.NoteOutcome, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.closed {
		return 0, fmt.Errorf("writing %s: the vault was closed", p)
	}
	if err := checkNotePath(p); err != nil {
		return 0, err
	}
	full := filepath.Join(v.dir, filepath.FromSlash(p))
	v.put[p] = true
	v.tidy(filepath.Dir(full))
	want := hashOf(content)
	old, known := v.notes[p]
	fi, err := os.Lstat(full)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := makeFolders(filepath.Dir(full)); err != nil {
			return 0, fmt.Errorf("writing %s: %w", full, err)
		}
		return v.write(p, full, content, want, journal.NoteCreated)
	case errors.Is(err, syscall.ENOTDIR):
		return journal.NoteNotOurs, nil // a file of the person's where a folder would be
	case err != nil:
		return 0, fmt.Errorf("reading %s: %w", full, err)
	case !fi.Mode().IsRegular():
		return journal.NoteNotOurs, nil
	case known && old == want:
		return journal.NoteUnchanged, nil // not read: a stat per note
	}
	have, fits, err := readNote(full, fi)
	switch {
	case err != nil:
		return 0, err
	case fits && bytes.Equal(have, content):
		v.remember(p, want)
		return journal.NoteUnchanged, nil
	case !known:
		return journal.NoteNotOurs, nil
	case fits && hashOf(have) == old:
		return v.write(p, full, content, want, journal.NoteUpdated)
	}
	return journal.NoteEdited, nil
}

// makeFolders creates dir and the folders above it that are missing, each
// DirMode whatever the umask; folders already there keep their mode.
func makeFolders(dir string) error {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil || filepath.Dir(d) == d {
			break
		}
		missing = append(missing, d)
	}
	if err := os.MkdirAll(dir, DirMode); err != nil {
		return err
	}
	for _, d := range missing {
		if err := os.Chmod(d, DirMode); err != nil {
			return err
		}
	}
	return nil
}

// readNote reads the regular file at full, found by Lstat as fi; fits is
// false, and nothing is read, when it is too large to be one reflect wrote.
func readNote(full string, fi fs.FileInfo) (b []byte, fits bool, err error) {
	if fi.Size() > maxNoteSize {
		return nil, false, nil
	}
	f, err := os.Open(full)
	if err != nil {
		return nil, false, fmt.Errorf("reading %s: %w", full, err)
	}
	defer f.Close()
	b, err = io.ReadAll(io.LimitReader(f, maxNoteSize+1)) // it may have grown since
	if err != nil {
		return nil, false, fmt.Errorf("reading %s: %w", full, err)
	}
	return b, len(b) <= maxNoteSize, nil
}

// write puts content at full, and records it under p.
func (v *Vault) write(p, full string, content []byte, sum string, outcome journal.NoteOutcome) (journal.NoteOutcome, error) {
	if err := WriteWhole(full, content); err != nil {
		return 0, err
	}
	v.written[filepath.Dir(full)] = struct{}{}
	v.remember(p, sum)
	if time.Since(v.saved) >= v.every {
		if err := v.keep(); err != nil {
			return 0, err
		}
	}
	return outcome, nil
}

// leftover is the name of a write's temporary file, left behind when an
// export was stopped by force: ".NAME.DIGITS.tmp", where NAME is the name
// of a day's, a week's or a month's note, or of the record. Nothing else is
// taken for one, whatever it looks like.
var leftover = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\.([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-W[0-9]{2}|[0-9]{4}-[0-9]{2})\.md\.[0-9]+\.tmp$|^\.reflect-export\.json\.[0-9]+\.tmp$`)
})

// tidy removes, once per export, the temporary files that an export
// stopped by force left in a folder of notes.
func (v *Vault) tidy(dir string) {
	if v.tidied[dir] {
		return
	}
	v.tidied[dir] = true
	entries, err := os.ReadDir(dir)
	if err != nil {
		return // a folder not made yet holds none
	}
	for _, e := range entries {
		if e.Type().IsRegular() && leftover().MatchString(e.Name()) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// Prune removes the notes that an earlier export wrote and that this one
// did not give to Put: their day, week or month has left the journal (or
// their folder changed). A note changed in the vault since reflect wrote it
// is left alone, and listed in kept. Call it only after an export that ran
// to its end.
func (v *Vault) Prune() (removed, kept []string, err error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	var stale []string
	for p := range v.notes {
		if !v.put[p] {
			stale = append(stale, p)
		}
	}
	sort.Strings(stale)
	for _, p := range stale {
		full := filepath.Join(v.dir, filepath.FromSlash(p))
		fi, err := os.Lstat(full)
		if err != nil || !fi.Mode().IsRegular() {
			delete(v.notes, p) // gone, or something else is there now
			v.changed = true
			continue
		}
		have, fits, err := readNote(full, fi)
		if err != nil {
			return removed, kept, err
		}
		if !fits || hashOf(have) != v.notes[p] {
			kept = append(kept, p)
			continue
		}
		if err := os.Remove(full); err != nil {
			return removed, kept, fmt.Errorf("removing %s: %w", full, err)
		}
		v.written[filepath.Dir(full)] = struct{}{}
		delete(v.notes, p)
		v.changed = true
		removed = append(removed, p)
	}
	return removed, kept, nil
}

// remember records that sum is what is at p.
func (v *Vault) remember(p, sum string) {
	if v.notes[p] != sum {
		v.notes[p] = sum
		v.changed = true
	}
}

// Close keeps the record of the notes written, as keep does, and ends
// the Vault. A Vault that is not closed leaves the record as it was last
// kept, and the next export may take the notes written since for a
// person's. Close after Close does nothing.
func (v *Vault) Close() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.closed {
		return nil
	}
	v.closed = true
	return v.keep()
}

// keep makes the notes written durable and then keeps the record of them
// in VaultRecordName, written whole; when nothing changed the record is left
// as it was.
func (v *Vault) keep() error {
	v.saved = time.Now()
	if !v.changed {
		return nil
	}
	for dir := range v.written {
		if err := syncDir(dir); err != nil {
			return fmt.Errorf("writing the notes in %s: %w", dir, err)
		}
	}
	data, err := json.Marshal(vaultRecord{Version: vaultRecordVersion, Notes: v.notes})
	if err != nil {
		return fmt.Errorf("writing the vault's record: %w", err)
	}
	recPath := filepath.Join(v.dir, VaultRecordName)
	if err := WriteWhole(recPath, data); err != nil {
		return err
	}
	if err := syncDir(v.dir); err != nil {
		return fmt.Errorf("writing %s: %w", recPath, err)
	}
	v.changed = false
	clear(v.written)
	return nil
}

var _ journal.Notes = (*Vault)(nil)
