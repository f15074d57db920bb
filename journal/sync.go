package journal

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"
)

// Sync carries a journal between machines through a folder that something
// else moves: git, Syncthing, a network drive. The journal file itself
// never goes in the folder (two writers, half-copied pages); each machine
// writes its own days there instead, as plain JSON a person can read and
// diff, one file per day per machine, and reads the others' files.
//
// A day's file, YYYY/MM/YYYY-MM-DD.<machine>.json, holds the day as that
// machine had it at its last sync: an array of one entry, in the JSON form
// of entries ('reflect import' reads it), or, for a day the machine
// deleted, an entry with no answers and a "deleted_at" time.

// SyncFile is a file of the folder, as SyncFolder.List finds it.
type SyncFile struct {
	Path    string // within the folder, with slashes
	Size    int64
	ModTime time.Time
}

// SyncFolder is the folder a sync reads and writes; storage satisfies it
// with files on disk.
type SyncFolder interface {
	// List returns the folder's files that may hold days: the ones whose
	// names look like SyncPath's; and the folders within it that could
	// not be read (a path ending in "/"), whose days are left alone.
	List() (files []SyncFile, unreadable []SyncProblem, err error)
	// Read returns a file's content; a file larger than MaxSyncFile is an
	// error.
	Read(path string) ([]byte, error)
	// Write writes a file whole (written aside, then renamed into place),
	// mode 0600, making its folders, and returns it as List would. A file
	// larger than Read takes is a *TooLargeError, and something other than
	// a file at its path an *InTheWayError: neither is written.
	Write(path string, content []byte) (SyncFile, error)
	// Flush makes the files written so far durable.
	Flush() error
}

// Carrier is what carries the folder between machines when reflect runs
// it: git, in a folder that is a git work tree with a remote. A folder a
// tool carries on its own (Syncthing, a network drive) has none.
type Carrier interface {
	// Pull brings in what the other machines published.
	Pull() error
	// Publish commits the files of the folder that match pattern (a glob
	// of paths within it, such as "*/*/*.laptop-3f9a.json") and changed,
	// with the message made for how many they are, and publishes them
	// with what earlier syncs could not publish. It commits nothing when
	// nothing changed, and says whether it committed.
	Publish(pattern string, message func(files int) string) (committed bool, err error)
}

// InTheWayError is a day's file that cannot be written for something else at
// its path (a folder, say): that day is skipped, and the rest written.
type InTheWayError struct {
	Path string
	Err  error
}

func (e *InTheWayError) Error() string { return "something else is at its path: " + e.Err.Error() }

func (e *InTheWayError) Unwrap() error { return e.Err }

// TooLargeError is a day's file larger than MaxSyncFile, which no sync
// would read: it is not written, and the day stays on this machine until
// it is smaller (reflect edit); the rest are written.
type TooLargeError struct {
	Path      string
	Size, Max int64
}

func (e *TooLargeError) Error() string {
	size, max := fmt.Sprintf("%d bytes", e.Size), fmt.Sprintf("%d bytes", e.Max)
	if e.Max >= 1<<20 {
		size, max = fmt.Sprintf("%d MiB", (e.Size+1<<20-1)>>20), fmt.Sprintf("%d MiB", e.Max>>20)
	}
	return fmt.Sprintf("the day's file would be %s, more than the %s a sync reads: the day stays on this machine until it is smaller", size, max)
}

// leftForLater reports whether a write failed for the one day alone
// (something in the way, a file too large): that day waits, noted, for a
// later sync, and the rest are written.
func leftForLater(err error) bool {
	var inTheWay *InTheWayError
	var tooLarge *TooLargeError
	return errors.As(err, &inTheWay) || errors.As(err, &tooLarge)
}

// MaxSyncFile is the largest day file a sync reads: as large as a file
// import reads, so that a day that holds a few answers files of 16 MiB
// (the most today --answers takes) still travels.
const MaxSyncFile = MaxEntriesFile

// SyncRecord is what a sync remembers of a file, to tell next time whether
// it changed: of another machine's file, as it was last read; of this
// machine's, the tags of its day (DayTags) and what it last wrote.
type SyncRecord struct {
	Size    int64
	ModTime time.Time
	Sum     uint64 // a hash of the content
	DayTags
	Deleted bool // the file said the day was deleted
	// Before are the sums of what this machine wrote in its file before
	// the last, and of what it was about to write when a sync stopped,
	// newest first (keptSums at most).
	Before []uint64
}

// keptSums is how many sums of its own file's earlier contents a machine
// remembers, to tell one put back (a git reset) from another machine's.
const keptSums = 8

// pushSum returns sums with sum first, the oldest dropped past keptSums.
func pushSum(sums []uint64, sum uint64) []uint64 {
	return append([]uint64{sum}, sums...)[:min(len(sums)+1, keptSums)]
}

// Syncs is the state a sync keeps in the journal; the store's Writer
// satisfies it.
type Syncs interface {
	// Machine returns this journal's machine id, "" before the first sync.
	Machine() (string, error)
	// StartSyncing gives the journal its machine id, unless it has one,
	// and the folder it syncs with (its real path): from then on every day
	// written is noted as changed (ChangedDays). fresh says the journal
	// knows nothing of the folder: its first sync, or a sync with another
	// folder than the last, whose files it then forgets; every day is
	// then noted as changed.
	StartSyncing(machine, folder string) (fresh bool, err error)
	// NewMachine gives the journal another machine id: what it knew of
	// its own files goes to the new id's, as not yet written, and every
	// day is noted as changed.
	NewMachine(machine string) error
	// SyncRecord returns what the journal remembers of a file.
	SyncRecord(path string) (SyncRecord, bool, error)
	// PutSyncRecord remembers what a file holds.
	PutSyncRecord(path string, r SyncRecord) error
	// ChangedDays returns the days written since their file was last
	// written, each with a mark that ClearChanged compares.
	ChangedDays() (map[Day]uint64, error)
	// ClearChanged forgets that a day changed, unless it changed again
	// since mark.
	ClearChanged(day Day, mark uint64) error
	// Days returns every day that has an entry.
	Days() ([]Day, error)
	// Edits returns the edits of a day that reflect edit noted since its
	// tags were last given (EditNotes), oldest first.
	Edits(day Day) ([]EditedAnswer, error)
	// ClearEdits forgets the first n edits of a day.
	ClearEdits(day Day, n int) error
	// SetLastSync records when the journal last synced.
	SetLastSync(t time.Time) error
}

// SyncPath is the path of a machine's file of a day within the folder.
func SyncPath(day Day, machine string) string {
	s := day.String()
	return s[:4] + "/" + s[5:7] + "/" + s + "." + machine + ".json"
}

// ParseSyncPath reads a path SyncPath made; ok is false for any other.
func ParseSyncPath(p string) (day Day, machine string, ok bool) {
	dir, name := path.Split(p)
	date, rest, found := strings.Cut(name, ".")
	machine, found2 := strings.CutSuffix(rest, ".json")
	if !found || !found2 || day.UnmarshalText([]byte(date)) != nil || CheckDate(day) != nil || CheckMachine(machine) != nil {
		return Day{}, "", false
	}
	if dir != date[:4]+"/"+date[5:7]+"/" {
		return Day{}, "", false
	}
	return day, machine, true
}

// CheckMachine says what is wrong with a machine id, or returns nil: one
// to forty lowercase letters, digits and inner dashes.
func CheckMachine(id string) error {
	if id == "" || len(id) > 40 || strings.HasPrefix(id, "-") || strings.HasSuffix(id, "-") {
		return fmt.Errorf("a machine id is 1 to 40 letters, digits and dashes: %q", id)
	}
	for _, c := range id {
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' {
			return fmt.Errorf("a machine id is 1 to 40 lowercase letters, digits and dashes: %q", id)
		}
	}
	return nil
}

// MachineID makes a machine id from a host name: its first label, in
// lowercase letters, digits and dashes, and four random hex digits, so
// that two laptops both called "laptop" differ.
func MachineID(host string, random [2]byte) string {
	host, _, _ = strings.Cut(strings.ToLower(host), ".")
	var b strings.Builder
	for _, c := range host {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b.WriteRune(c)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	name := strings.Trim(b.String(), "-")
	if len(name) > 30 {
		name = strings.Trim(name[:30], "-")
	}
	if name == "" {
		name = "machine"
	}
	return fmt.Sprintf("%s-%02x%02x", name, random[0], random[1])
}

// syncFileEntry is the entry of a day's file.
type syncFileEntry struct {
	Date      Day          `json:"date"`
	CreatedAt *time.Time   `json:"created_at,omitempty"`
	UpdatedAt time.Time    `json:"updated_at"`
	DeletedAt *time.Time   `json:"deleted_at,omitempty"`
	Answers   []syncAnswer `json:"answers"`
	// Removed are the tags of the answers removed from the day.
	Removed []string `json:"removed,omitempty"`
	// Deleted are the tags of Removed that went when the machine deleted
	// the day, before it wrote the day again.
	Deleted []string `json:"deleted,omitempty"`
}

// syncAnswer is an answer of a day's file, with its tag, and the tag of
// the answer it replaced in an edit, and when, if it did.
type syncAnswer struct {
	Answer
	Tag      string     `json:"tag"`
	Replaces string     `json:"replaces,omitempty"`
	EditedAt *time.Time `json:"edited_at,omitempty"`
}

// EncodeSyncedDay returns the content of a day's file: the day's entry, or,
// when d.DeletedAt is set, a note that the day was deleted.
func EncodeSyncedDay(d SyncedDay) []byte {
	f := syncFileEntry{Date: d.Date, UpdatedAt: d.UpdatedAt, Answers: []syncAnswer{}}
	for i, a := range d.Answers {
		sa := syncAnswer{Answer: a, Tag: d.Tags[i].String()}
		if r, ok := d.Replaces[d.Tags[i]]; ok {
			sa.Replaces, sa.EditedAt = r.Old.String(), &r.At
		}
		f.Answers = append(f.Answers, sa)
	}
	for _, t := range d.Removed {
		f.Removed = append(f.Removed, t.String())
	}
	for _, t := range d.ByDeletion {
		f.Deleted = append(f.Deleted, t.String())
	}
	if !d.CreatedAt.IsZero() {
		f.CreatedAt = &d.CreatedAt
	}
	if !d.DeletedAt.IsZero() {
		f.DeletedAt, f.UpdatedAt, f.Answers, f.Deleted = &d.DeletedAt, d.DeletedAt, []syncAnswer{}, nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode([]syncFileEntry{f}) // of strings and times alone: it cannot fail
	return buf.Bytes()
}

// DecodeSyncedDay reads a day's file, which must hold the day its name
// says.
func DecodeSyncedDay(data []byte, day Day) (SyncedDay, error) {
	var in []syncFileEntry
	if err := json.Unmarshal(withoutBOM(data), &in); err != nil {
		return SyncedDay{}, syntaxProblem(data, err, "an array of one entry")
	}
	if len(in) != 1 {
		return SyncedDay{}, fmt.Errorf("it holds %d entries, not one", len(in))
	}
	f := in[0]
	if f.Date != day {
		return SyncedDay{}, fmt.Errorf("it holds %s, not the day its name says", f.Date)
	}
	d := SyncedDay{Entry: Entry{Date: f.Date, UpdatedAt: f.UpdatedAt}}
	for _, r := range f.Removed {
		t, ok := parseTag(r)
		if !ok {
			return SyncedDay{}, fmt.Errorf("removed holds %q, not the tag of an answer", r)
		}
		d.Removed = append(d.Removed, t)
	}
	for _, r := range f.Deleted {
		t, ok := parseTag(r)
		if !ok || !slices.Contains(d.Removed, t) {
			return SyncedDay{}, fmt.Errorf("deleted holds %q, not the tag of an answer removed", r)
		}
		d.ByDeletion = append(d.ByDeletion, t)
	}
	if f.CreatedAt != nil {
		d.CreatedAt = *f.CreatedAt
	}
	if f.DeletedAt != nil {
		if len(f.Answers) > 0 {
			return SyncedDay{}, errors.New("it says the day was deleted, and holds answers")
		}
		d.DeletedAt = *f.DeletedAt
		return d, nil
	}
	if len(f.Answers) == 0 {
		return SyncedDay{}, errors.New("it holds no answers, and does not say the day was deleted")
	}
	for i, sa := range f.Answers {
		a := sa.Answer
		if strings.TrimSpace(a.PromptID) == "" || badRef(a.FollowsUp) {
			return SyncedDay{}, fmt.Errorf("answers[%d] has no prompt id, or a broken follows_up", i)
		}
		answer, err := importedAnswer(a.PromptID, a.Answer)
		if err != nil {
			return SyncedDay{}, fmt.Errorf("answers[%d]: %v", i, err)
		}
		a.Answer = answer
		t, ok := parseTag(sa.Tag)
		if !ok || t.Key != KeyOf(a) {
			return SyncedDay{}, fmt.Errorf("answers[%d] has no tag, or the tag of another text (was the file changed by hand?)", i)
		}
		if sa.Replaces != "" {
			old, ok := parseTag(sa.Replaces)
			if !ok || sa.EditedAt == nil {
				return SyncedDay{}, fmt.Errorf("answers[%d] replaces %q, not a tag with the time of its edit", i, sa.Replaces)
			}
			if d.Replaces == nil {
				d.Replaces = map[Tag]Replacement{}
			}
			d.Replaces[t] = Replacement{Old: old, At: *sa.EditedAt}
		}
		d.Answers, d.Tags = append(d.Answers, a), append(d.Tags, t)
	}
	return d, nil
}

// contentSum is the hash a SyncRecord keeps of a file's content.
func contentSum(data []byte) uint64 {
	sum := sha256.Sum256(data)
	return binary.BigEndian.Uint64(sum[:])
}

// SyncOptions are what a sync needs besides the journal and the folder.
type SyncOptions struct {
	// NewMachine makes a machine id (MachineID), which the journal takes
	// at its first sync, or when another machine turns out to write as it.
	NewMachine func() string
	// Folder is the folder's real path, which the journal remembers.
	Folder string
	// Carrier carries the folder, when reflect runs what does; nil for a
	// folder carried by a tool on its own.
	Carrier Carrier
	Now     time.Time
	// Batch, when above 0, is how many days a transaction merges or
	// writes, in place of syncBatch.
	Batch int
	// leftAlone are the folders within the folder that could not be read:
	// this machine's files there are neither read nor written.
	leftAlone []SyncProblem
	// Keep keeps answers of this machine that a sync displaced (a day
	// deleted on another machine, a later edit there of the same
	// answer) where the person can bring them back, as delete does with a
	// day, and returns where. A failure stops the sync before it changes
	// the day.
	Keep func(day Day, answers []Answer) (string, error)
}

// leftAloneHas reports whether a file is in a folder that could not be
// read.
func (o SyncOptions) leftAloneHas(p string) bool {
	for _, u := range o.leftAlone {
		if strings.HasPrefix(p, u.Path) {
			return true
		}
	}
	return false
}

func (o SyncOptions) batch() int {
	if o.Batch > 0 {
		return o.Batch
	}
	return syncBatch
}

// SyncProblem is a file of the folder a sync could not read; it is left
// for the next sync.
type SyncProblem struct {
	Path   string
	Reason string
}

// SyncReport says what a sync did.
type SyncReport struct {
	Machine string
	First   bool // the journal's first sync with this folder
	// Renamed is the machine id the journal had until this sync found
	// another machine writing its files (a copy of the journal, restored
	// on another machine): it took Machine in its place.
	Renamed string
	Merged  []Day    // days changed here by other machines' files
	Written []string // this machine's files written
	Kept    []string // where displaced answers were kept
	Skipped []SyncProblem
	// Committed says that the carrier committed the files written.
	Committed bool
	// CarrierErr is what the carrier could not do (git offline, say): the
	// journal and the folder are synced all the same, and the next sync
	// tries again.
	CarrierErr error
}

// syncBatch is how many days a sync merges or writes in one transaction
// (unless SyncOptions.Batch says): a
// first sync of a hundred years writes 36,500 files, and the journal is
// not held meanwhile, nor all of it in memory.
const syncBatch = 500

// Sync merges into the journal what the other machines' files of the
// folder hold that is new, then writes this machine's files for the days
// that changed since it last wrote them (all of them at a first sync). It
// writes no other machine's file.
//
// A file that cannot be read, or does not parse (half-copied by the tool
// that carries it, say), is skipped and reported, and read again next
// time.
func Sync(s Store, folder SyncFolder, opt SyncOptions) (SyncReport, error) {
	rep := SyncReport{}
	err := withSyncs(s, func(w Writer, st Syncs) error {
		var err error
		if rep.Machine, err = st.Machine(); err != nil {
			return err
		}
		if rep.Machine == "" {
			rep.Machine = opt.NewMachine()
		}
		rep.First, err = st.StartSyncing(rep.Machine, opt.Folder)
		return err
	})
	if err != nil {
		return rep, err
	}
	if opt.Carrier != nil {
		if err := opt.Carrier.Pull(); err != nil {
			rep.CarrierErr = err
		}
	}
	files, unreadable, err := folder.List()
	if err != nil {
		return rep, err
	}
	rep.Skipped = append(rep.Skipped, unreadable...)
	opt.leftAlone = unreadable
	ours, err := checkOurs(s, folder, files, rep.Machine, rep.First, opt)
	if err != nil {
		return rep, err
	}
	if ours.clash {
		if err := takeAnotherMachine(s, opt, &rep); err != nil {
			return rep, err
		}
	}
	touched, err := mergeTheirs(s, folder, files, opt, &rep)
	if err != nil {
		return rep, err
	}
	if err := writeOurs(s, folder, files, append(touched, ours.missing...), ours.stale, opt, &rep); err != nil {
		return rep, err
	}
	if opt.Carrier != nil {
		// Published even when the pull failed: committed here, the days go
		// out with the next sync that reaches the remote.
		committed, err := opt.Carrier.Publish("*/*/*."+rep.Machine+".json", func(files int) string {
			return fmt.Sprintf("reflect sync: %s from %s", Plural(files, "day"), rep.Machine)
		})
		rep.Committed = committed
		if rep.CarrierErr == nil {
			rep.CarrierErr = err
		}
	}
	if rep.CarrierErr != nil {
		return rep, nil // not the last sync: the other machines have not had it
	}
	return rep, withSyncs(s, func(w Writer, st Syncs) error {
		return st.SetLastSync(opt.Now)
	})
}

// oursNow is how this machine's file of a day stands: its files' tags
// given (the day's, as the record of its file last gave them, and its
// edits since), and how many of its edit notes that took in. exists is
// false for a day with no entry.
func oursNow(w Writer, st Syncs, day Day, was SyncRecord) (d SyncedDay, edits int, exists bool, err error) {
	e, exists, err := w.Entry(day)
	if err != nil {
		return d, 0, false, err
	}
	notes, err := st.Edits(day)
	if err != nil {
		return d, 0, false, err
	}
	d = SyncedDay{Entry: e, DayTags: tagAnswers(e.Answers, was.DayTags, nil, nil, notes)}
	if !exists {
		for _, n := range notes {
			if n.isDeletion() {
				d.DeletedAt = n.At // the last, when it was deleted more than once
			}
		}
	}
	return d, len(notes), exists, nil
}

// ourFiles is what checkOurs found of this machine's files in the folder.
type ourFiles struct {
	// clash: another machine writes this machine's files, one that is
	// neither what this machine last wrote there, nor what it wrote there
	// before (Before), nor what it would write now (a write stopped by
	// force may have left that unrecorded). A journal copied to a second
	// machine (a backup restored there) takes its machine id with it.
	clash bool
	// stale are the days whose file is one this machine wrote before, or
	// damaged; missing those with an entry whose file is not in the folder
	// (removed there, lost to a reset of git's branch). Both are written
	// again.
	stale, missing []Day
}

// checkOurs looks over this machine's files in the folder, in one
// transaction; whether another machine writes them is looked at only when
// the journal knows the folder (not fresh).
func checkOurs(s Store, folder SyncFolder, files []SyncFile, machine string, fresh bool, opt SyncOptions) (ourFiles, error) {
	var found ourFiles
	there := map[Day]bool{}
	err := withSyncs(s, func(w Writer, st Syncs) error {
		found = ourFiles{}
		for _, f := range files {
			day, m, _ := ParseSyncPath(f.Path)
			if m != machine {
				continue
			}
			there[day] = true
			if fresh || found.clash {
				continue
			}
			rec, ok, err := st.SyncRecord(f.Path)
			if err != nil {
				return err
			}
			if ok && rec.Sum != 0 && rec.Size == f.Size && rec.ModTime.Equal(f.ModTime) {
				continue
			}
			data, err := folder.Read(f.Path)
			if err != nil {
				continue // what cannot be read is not another's: it is written again
			}
			// Git may have checked it out again (a rebase), with line
			// ends of its platform's.
			sum := contentSum(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")))
			if ok && sum == rec.Sum {
				continue
			}
			if _, err := DecodeSyncedDay(data, day); err != nil || ok && slices.Contains(rec.Before, sum) {
				// Damaged, or as this machine wrote it before (put back by
				// a git reset, say): written again, as it stands now.
				found.stale = append(found.stale, day)
				continue
			}
			d, _, exists, err := oursNow(w, st, day, rec)
			if err != nil {
				return err
			}
			found.clash = !exists || sum != contentSum(EncodeSyncedDay(d))
		}
		days, err := st.Days()
		for _, d := range days {
			if !there[d] && !opt.leftAloneHas(SyncPath(d, machine)) {
				found.missing = append(found.missing, d)
			}
		}
		return err
	})
	return found, err
}

// takeAnotherMachine gives the journal a new machine id: the files of its
// old id are another machine's now, read and merged as any other's.
func takeAnotherMachine(s Store, opt SyncOptions, rep *SyncReport) error {
	old := rep.Machine
	for rep.Machine == old {
		rep.Machine = opt.NewMachine()
	}
	rep.Renamed = old
	return withSyncs(s, func(w Writer, st Syncs) error {
		return st.NewMachine(rep.Machine)
	})
}

// CheckSyncFolder reads every day's file of the folder, as a sync would,
// and returns how many there are and those that do not parse.
func CheckSyncFolder(folder SyncFolder) (files int, problems []SyncProblem, err error) {
	list, unreadable, err := folder.List()
	if err != nil {
		return 0, nil, err
	}
	problems = unreadable
	for _, f := range list {
		day, _, _ := ParseSyncPath(f.Path)
		data, err := folder.Read(f.Path)
		if err == nil {
			_, err = DecodeSyncedDay(data, day)
		}
		if err != nil {
			problems = append(problems, SyncProblem{f.Path, err.Error()})
		}
	}
	return len(list), problems, nil
}

// withSyncs runs fn in a transaction that writes, with the journal's sync
// state.
func withSyncs(s Store, fn func(Writer, Syncs) error) error {
	return s.Write(func(w Writer) error {
		st, err := syncsOf(w)
		if err != nil {
			return err
		}
		return fn(w, st)
	})
}

// syncsOf returns the sync state of a transaction's journal.
func syncsOf(w Writer) (Syncs, error) {
	st, ok := w.(Syncs)
	if !ok {
		return nil, errors.New("this journal cannot sync")
	}
	return st, nil
}

// theirFile is another machine's file of a day, read.
type theirFile struct {
	file    SyncFile
	machine string
	day     SyncedDay
	sum     uint64
}

// mergeTheirs reads the other machines' files that changed since the last
// sync, and merges them in, in one transaction. It returns the days whose
// tags it changed, whose files are to be written again.
func mergeTheirs(s Store, folder SyncFolder, files []SyncFile, opt SyncOptions, rep *SyncReport) ([]Day, error) {
	// Which files changed, by what the journal remembers of them.
	var changed []SyncFile
	err := withSyncs(s, func(w Writer, st Syncs) error {
		changed = changed[:0]
		for _, f := range files {
			if _, machine, ok := ParseSyncPath(f.Path); !ok || machine == rep.Machine {
				continue
			}
			rec, ok, err := st.SyncRecord(f.Path)
			if err != nil {
				return err
			}
			if !ok || rec.Size != f.Size || !rec.ModTime.Equal(f.ModTime) {
				changed = append(changed, f)
			}
		}
		return nil
	})
	if err != nil || len(changed) == 0 {
		return nil, err
	}
	// A day at a time, a batch of days to a transaction: a machine new to
	// a folder of a hundred years reads 36,500 files, which are neither
	// held in memory at once nor merged in one transaction.
	byDay := map[Day][]SyncFile{}
	var days []Day
	for _, f := range changed {
		day, _, _ := ParseSyncPath(f.Path)
		if byDay[day] == nil {
			days = append(days, day)
		}
		byDay[day] = append(byDay[day], f)
	}
	slices.SortFunc(days, func(a, b Day) int { return a.t.Compare(b.t) })
	var touched []Day
	for len(days) > 0 {
		batch := days[:min(len(days), opt.batch())]
		days = days[len(batch):]
		read := map[Day][]theirFile{}
		for _, day := range batch {
			for _, f := range byDay[day] {
				_, machine, _ := ParseSyncPath(f.Path)
				data, err := folder.Read(f.Path)
				if err == nil {
					var d SyncedDay
					if d, err = DecodeSyncedDay(data, day); err == nil {
						d.Machine = machine
						read[day] = append(read[day], theirFile{file: f, machine: machine, day: d, sum: contentSum(data)})
					}
				}
				if err != nil {
					rep.Skipped = append(rep.Skipped, SyncProblem{f.Path, err.Error()})
				}
			}
		}
		var merged, retagged []Day
		var kept []string
		err := withSyncs(s, func(w Writer, st Syncs) error {
			merged, retagged, kept = merged[:0], retagged[:0], kept[:0]
			for _, day := range batch {
				theirs := read[day]
				slices.SortFunc(theirs, func(a, b theirFile) int { return strings.Compare(a.machine, b.machine) })
				var changes []SyncedDay
				for _, t := range theirs {
					rec, _, err := st.SyncRecord(t.file.Path)
					if err != nil {
						return err
					}
					if rec.Sum != t.sum {
						changes = append(changes, t.day)
					}
				}
				if len(changes) > 0 {
					m, err := mergeOneDay(w, st, day, changes, opt, rep.Machine)
					if err != nil {
						return err
					}
					if m.changed {
						merged = append(merged, day)
					}
					if m.retagged {
						retagged = append(retagged, day)
					}
					if m.kept != "" {
						kept = append(kept, m.kept)
					}
				}
				for _, t := range theirs {
					rec := SyncRecord{Size: t.file.Size, ModTime: t.file.ModTime, Sum: t.sum, Deleted: !t.day.DeletedAt.IsZero()}
					if err := st.PutSyncRecord(t.file.Path, rec); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			return touched, err
		}
		rep.Merged, rep.Kept = append(rep.Merged, merged...), append(rep.Kept, kept...)
		touched = append(touched, retagged...)
	}
	return touched, nil
}

// oneDayMerged is what mergeOneDay did to a day.
type oneDayMerged struct {
	changed  bool   // its answers changed
	retagged bool   // its tags changed: its file is to be written again
	kept     string // where answers it displaced were kept, if any
}

// mergeOneDay merges other machines' days into a day.
func mergeOneDay(w Writer, st Syncs, day Day, theirs []SyncedDay, opt SyncOptions, machine string) (oneDayMerged, error) {
	var done oneDayMerged
	ownPath := SyncPath(day, machine)
	own, _, err := st.SyncRecord(ownPath)
	if err != nil {
		return done, err
	}
	local, exists, err := w.Entry(day)
	if err != nil {
		return done, err
	}
	edits, err := st.Edits(day)
	if err != nil {
		return done, err
	}
	m := mergeDay(local, exists, own.DayTags, edits, machine, theirs)
	if m.changed {
		if len(m.displaced) > 0 {
			if done.kept, err = opt.Keep(day, m.displaced); err != nil {
				return done, fmt.Errorf("keeping the answers of %s that another machine changed (so nothing was merged): %w", day, err)
			}
		}
		switch {
		case m.exists:
			err = w.PutEntry(m.entry)
		case exists:
			err = w.DeleteEntry(day)
		}
		if err != nil {
			return done, err
		}
	}
	done.changed = m.changed
	done.retagged = !slices.Equal(m.tags.Tags, own.Tags) || !slices.Equal(m.tags.Removed, own.Removed)
	own.DayTags = m.tags
	if err := st.PutSyncRecord(ownPath, own); err != nil {
		return done, err
	}
	return done, st.ClearEdits(day, len(edits))
}

// writeOurs writes this machine's files of the days that changed since it
// last wrote them, and of also and stale (those written whatever their
// record says), a batch at a time: the days are read in one transaction,
// their files written, and the journal told in another, which keeps the
// mark of a day written again meanwhile.
func writeOurs(s Store, folder SyncFolder, files []SyncFile, also, stale []Day, opt SyncOptions, rep *SyncReport) error {
	there := map[string]bool{}
	for _, f := range files {
		there[f.Path] = true
	}
	for _, d := range stale {
		delete(there, SyncPath(d, rep.Machine)) // what is there is not what was last written
	}
	var days []Day
	var marks map[Day]uint64
	err := withSyncs(s, func(_ Writer, st Syncs) error {
		var err error
		if marks, err = st.ChangedDays(); err != nil {
			return err
		}
		all := map[Day]bool{}
		for d := range marks {
			all[d] = true
		}
		for _, d := range slices.Concat(also, stale) {
			all[d] = true
		}
		days = days[:0]
		for d := range all {
			days = append(days, d)
		}
		return nil
	})
	if err != nil {
		return err
	}
	slices.SortFunc(days, func(a, b Day) int { return a.t.Compare(b.t) })
	for len(days) > 0 {
		batch := days[:min(len(days), opt.batch())]
		days = days[len(batch):]
		type write struct {
			day     Day
			path    string
			content []byte
			rec     SyncRecord
			edits   int // the edit notes of the day its tags took in
		}
		var writes []write
		err := withSyncs(s, func(w Writer, st Syncs) error {
			writes = writes[:0]
			for _, day := range batch {
				p := SyncPath(day, rep.Machine)
				if opt.leftAloneHas(p) {
					continue // its mark stays, for a sync that can read the folder
				}
				was, known, err := st.SyncRecord(p)
				if err != nil {
					return err
				}
				d, edits, ok, err := oursNow(w, st, day, was)
				if err != nil {
					return err
				}
				if !ok && (was.Sum != 0 && was.Deleted || was.Sum == 0 && len(was.Tags)+len(was.Removed) == 0) {
					// Nothing here, and its file says so; or there is no
					// file, and no answer it knew to delete (a record moved
					// to a new id knows them: its deletion is written).
					continue
				}
				if !ok {
					at := d.DeletedAt // as its note says; else (deleted before the journal synced) now
					if at.IsZero() {
						at = opt.Now.Round(0).Truncate(time.Second)
					}
					d = SyncedDay{Entry: Entry{Date: day}, DayTags: d.DayTags, DeletedAt: at}
				}
				content := EncodeSyncedDay(d)
				rec := SyncRecord{Sum: contentSum(content), DayTags: d.DayTags, Deleted: !ok, Before: was.Before}
				if was.Sum != 0 && was.Sum != rec.Sum {
					rec.Before = pushSum(was.Before, was.Sum)
				}
				if known && was.Sum == rec.Sum && there[p] && edits == 0 {
					continue
				}
				if rec.Sum != was.Sum && !slices.Contains(was.Before, rec.Sum) {
					// Noted before it is written: a sync stopped after the
					// write and before its record takes the file, at its
					// next, for one of this machine's (checkOurs), even once
					// the day has changed again.
					pending := was
					pending.Before = pushSum(was.Before, rec.Sum)
					if err := st.PutSyncRecord(p, pending); err != nil {
						return err
					}
				}
				writes = append(writes, write{day, p, content, rec, edits})
			}
			return nil
		})
		if err != nil {
			return err
		}
		var blocked map[Day]bool // days whose file something else is in the way of
		for i, wr := range writes {
			f, err := folder.Write(wr.path, wr.content)
			switch {
			case leftForLater(err):
				rep.Skipped = append(rep.Skipped, SyncProblem{wr.path, err.Error()})
				if blocked == nil {
					blocked = map[Day]bool{}
				}
				blocked[wr.day] = true
				writes[i].path = "" // not written
				continue
			case err != nil:
				return fmt.Errorf("writing %s in the sync folder: %w", wr.path, err)
			}
			writes[i].rec.Size, writes[i].rec.ModTime = f.Size, f.ModTime
			rep.Written = append(rep.Written, wr.path)
		}
		if err := folder.Flush(); err != nil {
			return fmt.Errorf("writing the sync folder: %w", err)
		}
		err = withSyncs(s, func(w Writer, st Syncs) error {
			for _, wr := range writes {
				if wr.path == "" {
					continue
				}
				if err := st.PutSyncRecord(wr.path, wr.rec); err != nil {
					return err
				}
				if err := st.ClearEdits(wr.day, wr.edits); err != nil {
					return err
				}
			}
			for _, day := range batch {
				if blocked[day] || opt.leftAloneHas(SyncPath(day, rep.Machine)) {
					continue // written by a later sync
				}
				if mark, ok := marks[day]; ok {
					if err := st.ClearChanged(day, mark); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}
