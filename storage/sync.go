package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/reflect-cli/reflect/journal"
)

// What a journal keeps to sync (journal.Syncs), from its first sync on:
//
//	meta "sync-machine"  this journal's machine id
//	meta "sync-folder"   the real path of the folder it syncs with
//	meta "sync-last"     when it last synced (RFC 3339)
//	sync-files           a file's path in the folder → what it held when
//	                     last read or written (syncRecord)
//	sync-changed         a day → the mark of its last write, for each day
//	                     written since its file was
//	sync-edits           a day → the answers reflect edit replaced since
//	                     its file was written (journal.EditNotes)
var (
	bucketSyncFiles   = []byte("sync-files")
	bucketSyncChanged = []byte("sync-changed")
	bucketSyncEdits   = []byte("sync-edits")

	keySyncMachine = []byte("sync-machine")
	keySyncFolder  = []byte("sync-folder")
	keySyncLast    = []byte("sync-last")
)

// syncRecordVersion is the layout of a sync-files record: the version,
// the file's size (uvarint) and time (varint, Unix nanoseconds), its sum (8
// bytes), whether it said the day was deleted (a byte), and the keys of its
// answers (a uvarint count, then each tag: its key, 4 + 8 bytes, and its
// N, a uvarint; then a byte, 1 when the answer replaced another in an
// edit, followed by that one's tag and the edit's time, a varint of Unix
// seconds), then of those removed (a count, then the tags), then the sums
// of its own file's earlier contents (a count, then 8 bytes each), and,
// when the day was deleted and written again, the tags the deletion
// removed (a count, then the tags).
const syncRecordVersion = 1

var errSyncRecord = errors.New("a sync record cannot be read")

func encodeSyncRecord(r journal.SyncRecord) []byte {
	b := []byte{syncRecordVersion}
	b = binary.AppendUvarint(b, uint64(max(r.Size, 0)))
	b = binary.AppendVarint(b, r.ModTime.UnixNano())
	b = binary.BigEndian.AppendUint64(b, r.Sum)
	deleted := byte(0)
	if r.Deleted {
		deleted = 1
	}
	b = append(b, deleted)
	b = binary.AppendUvarint(b, uint64(len(r.Tags)))
	for _, t := range r.Tags {
		b = appendTag(b, t)
		rep, ok := r.Replaces[t]
		if !ok {
			b = append(b, 0)
			continue
		}
		b = appendTag(append(b, 1), rep.Old)
		b = binary.AppendVarint(b, rep.At.Unix())
	}
	b = binary.AppendUvarint(b, uint64(len(r.Removed)))
	for _, t := range r.Removed {
		b = appendTag(b, t)
	}
	b = binary.AppendUvarint(b, uint64(len(r.Before)))
	for _, sum := range r.Before {
		b = binary.BigEndian.AppendUint64(b, sum)
	}
	if len(r.ByDeletion) > 0 {
		b = binary.AppendUvarint(b, uint64(len(r.ByDeletion)))
		for _, t := range r.ByDeletion {
			b = appendTag(b, t)
		}
	}
	return b
}

func decodeSyncRecord(data []byte) (journal.SyncRecord, error) {
	var r journal.SyncRecord
	rr := &recordReader{b: data, bad: errSyncRecord}
	if rr.byte() != syncRecordVersion {
		return r, errSyncRecord
	}
	r.Size = int64(rr.uvarint())
	r.ModTime = time.Unix(0, rr.varint())
	if rr.err != nil || len(rr.b) < 9 {
		return r, errSyncRecord
	}
	r.Sum = binary.BigEndian.Uint64(rr.b)
	r.Deleted = rr.b[8] == 1
	rr.b = rr.b[9:]
	n := rr.count()
	r.Tags = make([]journal.Tag, 0, n)
	for range n {
		t := readTag(rr)
		r.Tags = append(r.Tags, t)
		switch rr.byte() {
		case 0:
		case 1:
			old := readTag(rr)
			if r.Replaces == nil {
				r.Replaces = map[journal.Tag]journal.Replacement{}
			}
			r.Replaces[t] = journal.Replacement{Old: old, At: time.Unix(rr.varint(), 0)}
		default:
			rr.fail()
		}
	}
	n = rr.count()
	r.Removed = make([]journal.Tag, 0, n)
	for range n {
		r.Removed = append(r.Removed, readTag(rr))
	}
	if n = rr.count(); n > len(rr.b)/8 {
		return r, errSyncRecord
	}
	for range n {
		r.Before = append(r.Before, binary.BigEndian.Uint64(rr.b))
		rr.b = rr.b[8:]
	}
	if len(rr.b) > 0 {
		n = rr.count()
		for range n {
			r.ByDeletion = append(r.ByDeletion, readTag(rr))
		}
	}
	return r, rr.end()
}

// appendTag appends a tag: its key (4 + 8 bytes) and its N (a uvarint).
func appendTag(b []byte, t journal.Tag) []byte {
	b = binary.BigEndian.AppendUint32(b, t.Key.Prompt)
	b = binary.BigEndian.AppendUint64(b, t.Key.Text)
	return binary.AppendUvarint(b, uint64(t.N))
}

// readTag reads a tag appendTag wrote.
func readTag(rr *recordReader) journal.Tag {
	if rr.err != nil || len(rr.b) < 12 {
		rr.fail()
		return journal.Tag{}
	}
	key := journal.AnswerKey{Prompt: binary.BigEndian.Uint32(rr.b), Text: binary.BigEndian.Uint64(rr.b[4:])}
	rr.b = rr.b[12:]
	return journal.Tag{Key: key, N: uint32(rr.uvarint())}
}

// Machine implements journal.Syncs.
func (w *Writer) Machine() (string, error) {
	return string(w.tx.Bucket(bucketMeta).Get(keySyncMachine)), nil
}

// StartSyncing implements journal.Syncs. A journal fresh to the folder
// notes every day it has as changed: a first sync that is stopped midway
// leaves the days it did not write noted, for the next.
func (w *Writer) StartSyncing(machine, folder string) (fresh bool, err error) {
	meta := w.tx.Bucket(bucketMeta)
	if meta.Get(keySyncMachine) == nil {
		if err := meta.Put(keySyncMachine, []byte(machine)); err != nil {
			return false, fmt.Errorf("keeping the machine id: %w", err)
		}
	}
	if !bytes.Equal(meta.Get(keySyncFolder), []byte(folder)) {
		// Another folder, or the first: what was known of files no
		// longer says anything.
		fresh = true
		if w.tx.Bucket(bucketSyncFiles) != nil {
			if err := w.tx.DeleteBucket(bucketSyncFiles); err != nil {
				return false, fmt.Errorf("forgetting the files of the last sync folder: %w", err)
			}
		}
		if err := meta.Put(keySyncFolder, []byte(folder)); err != nil {
			return false, fmt.Errorf("keeping the sync folder: %w", err)
		}
	}
	for _, b := range [][]byte{bucketSyncFiles, bucketSyncChanged, bucketSyncEdits} {
		if _, err := w.tx.CreateBucketIfNotExists(b); err != nil {
			return false, fmt.Errorf("making the %s bucket: %w", b, err)
		}
	}
	if fresh {
		return true, w.noteEveryDayChanged()
	}
	return false, nil
}

// noteEveryDayChanged notes every day with an entry as changed.
func (w *Writer) noteEveryDayChanged() error {
	days, err := w.Days()
	if err != nil {
		return err
	}
	for _, d := range days {
		if err := w.noteChanged(d); err != nil {
			return err
		}
	}
	return nil
}

// NewMachine implements journal.Syncs. What the journal knew of its own
// files moves to the names of the new id, as not yet written (the tags it
// removed among it, so that the old id's files, now another machine's,
// bring back nothing it removed), and every day is noted as changed.
func (w *Writer) NewMachine(machine string) error {
	meta := w.tx.Bucket(bucketMeta)
	old := string(meta.Get(keySyncMachine))
	if err := meta.Put(keySyncMachine, []byte(machine)); err != nil {
		return fmt.Errorf("keeping the machine id: %w", err)
	}
	files := w.tx.Bucket(bucketSyncFiles)
	if err := w.pages.check(bucketSyncFiles, everything); err != nil {
		return err
	}
	var ours [][]byte
	c := files.Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		if _, m, ok := journal.ParseSyncPath(string(k)); ok && m == old {
			ours = append(ours, bytes.Clone(k))
		}
	}
	for _, k := range ours {
		rec, ok, err := w.SyncRecord(string(k))
		if err != nil {
			return err
		}
		if err := files.Delete(k); err != nil {
			return fmt.Errorf("forgetting %s: %w", k, err)
		}
		if !ok {
			continue
		}
		day, _, _ := journal.ParseSyncPath(string(k))
		moved := journal.SyncRecord{DayTags: rec.DayTags, Deleted: rec.Deleted}
		if err := w.PutSyncRecord(journal.SyncPath(day, machine), moved); err != nil {
			return err
		}
	}
	return w.noteEveryDayChanged()
}

// SyncRecord implements journal.Syncs.
func (w *Writer) SyncRecord(path string) (journal.SyncRecord, bool, error) {
	b := w.tx.Bucket(bucketSyncFiles)
	if b == nil {
		return journal.SyncRecord{}, false, nil
	}
	if err := w.pages.checkLookup(bucketSyncFiles, []byte(path)); err != nil {
		return journal.SyncRecord{}, false, err
	}
	v := b.Get([]byte(path))
	if v == nil {
		return journal.SyncRecord{}, false, nil
	}
	r, err := decodeSyncRecord(v)
	if err != nil {
		// What a sync knew of a file: nothing of a person's. Forgotten,
		// the file is read again as new, and merged as import merges.
		return journal.SyncRecord{}, false, nil
	}
	return r, true, nil
}

// PutSyncRecord implements journal.Syncs.
func (w *Writer) PutSyncRecord(path string, r journal.SyncRecord) error {
	if err := w.pages.check(bucketSyncFiles, keyRange{[]byte(path), []byte(path)}); err != nil {
		return err
	}
	b := w.tx.Bucket(bucketSyncFiles)
	// Most are put in key order (a day at a time, from the first), and
	// then seldom changed: full pages keep a hundred years' records half
	// the size bbolt's half-full pages would.
	b.FillPercent = 1
	if err := b.Put([]byte(path), encodeSyncRecord(r)); err != nil {
		return fmt.Errorf("remembering %s: %w", path, err)
	}
	return nil
}

// noteChanged notes, in a journal that syncs, that a day was written.
func (w *Writer) noteChanged(day journal.Day) error {
	b := w.tx.Bucket(bucketSyncChanged)
	if b == nil {
		return nil
	}
	if err := w.pages.checkKey(bucketSyncChanged, day); err != nil {
		return err
	}
	mark, err := b.NextSequence()
	if err != nil {
		return fmt.Errorf("noting %s for the next sync: %w", day, err)
	}
	if err := b.Put([]byte(day.String()), binary.BigEndian.AppendUint64(nil, mark)); err != nil {
		return fmt.Errorf("noting %s for the next sync: %w", day, err)
	}
	return nil
}

// ChangedDays implements journal.Syncs.
func (w *Writer) ChangedDays() (map[journal.Day]uint64, error) {
	days := map[journal.Day]uint64{}
	b := w.tx.Bucket(bucketSyncChanged)
	if b == nil {
		return days, nil
	}
	if err := w.pages.check(bucketSyncChanged, everything); err != nil {
		return nil, err
	}
	err := b.ForEach(func(k, v []byte) error {
		var d journal.Day
		if d.UnmarshalText(k) != nil || len(v) != 8 {
			return nil // checked as a date by the guard; a mark cut short is one to clear
		}
		days[d] = binary.BigEndian.Uint64(v)
		return nil
	})
	return days, err
}

// ClearChanged implements journal.Syncs.
func (w *Writer) ClearChanged(day journal.Day, mark uint64) error {
	b := w.tx.Bucket(bucketSyncChanged)
	if b == nil {
		return nil
	}
	if err := w.pages.checkKey(bucketSyncChanged, day); err != nil {
		return err
	}
	key := []byte(day.String())
	if v := b.Get(key); v != nil && (len(v) != 8 || binary.BigEndian.Uint64(v) != mark) {
		return nil // written again meanwhile: the next sync writes it
	}
	return b.Delete(key)
}

// Days implements journal.Syncs.
func (w *Writer) Days() ([]journal.Day, error) {
	if err := w.pages.check(bucketSummaries, everything); err != nil {
		return nil, err
	}
	var days []journal.Day
	for _, k := range keysIn(w.tx.Bucket(bucketSummaries), everything) {
		var d journal.Day
		if d.UnmarshalText([]byte(k)) == nil {
			days = append(days, d)
		}
	}
	return days, nil
}

// An edit's record in sync-edits: the old answer's ref, the new one's (each
// a key, 4 + 8 bytes, and its N, a uvarint) and the time (a varint of Unix
// seconds), one after another.

func appendRef(b []byte, r journal.AnswerRef) []byte {
	b = binary.BigEndian.AppendUint32(b, r.Key.Prompt)
	b = binary.BigEndian.AppendUint64(b, r.Key.Text)
	return binary.AppendUvarint(b, uint64(r.N))
}

func appendEdit(b []byte, e journal.EditedAnswer) []byte {
	return binary.AppendVarint(appendRef(appendRef(b, e.Old), e.New), e.At.Unix())
}

func readRef(rr *recordReader) journal.AnswerRef {
	t := readTag(rr)
	return journal.AnswerRef{Key: t.Key, N: int(t.N)}
}

// NoteEdits implements journal.EditNotes: in a journal that syncs, the
// edits are kept until the day's file is next written.
func (w *Writer) NoteEdits(day journal.Day, edits []journal.EditedAnswer) error {
	b := w.tx.Bucket(bucketSyncEdits)
	if b == nil || len(edits) == 0 {
		return nil
	}
	if err := w.pages.checkKey(bucketSyncEdits, day); err != nil {
		return err
	}
	key := []byte(day.String())
	v := bytes.Clone(b.Get(key))
	for _, e := range edits {
		v = appendEdit(v, e)
	}
	if err := b.Put(key, v); err != nil {
		return fmt.Errorf("noting the edit of %s for the next sync: %w", day, err)
	}
	return nil
}

// Edits implements journal.Syncs. Records that cannot be read are not
// edits: what they would have said is lost, and the edits are kept both.
func (w *Writer) Edits(day journal.Day) ([]journal.EditedAnswer, error) {
	b := w.tx.Bucket(bucketSyncEdits)
	if b == nil {
		return nil, nil
	}
	if err := w.pages.checkGet(bucketSyncEdits, day); err != nil {
		return nil, err
	}
	rr := &recordReader{b: b.Get([]byte(day.String())), bad: errSyncRecord}
	var edits []journal.EditedAnswer
	for len(rr.b) > 0 && rr.err == nil {
		e := journal.EditedAnswer{Old: readRef(rr), New: readRef(rr)}
		e.At = time.Unix(rr.varint(), 0)
		if rr.err == nil {
			edits = append(edits, e)
		}
	}
	return edits, nil
}

// ClearEdits implements journal.Syncs.
func (w *Writer) ClearEdits(day journal.Day, n int) error {
	b := w.tx.Bucket(bucketSyncEdits)
	if b == nil || n == 0 {
		return nil
	}
	edits, err := w.Edits(day)
	if err != nil {
		return err
	}
	key := []byte(day.String())
	if n >= len(edits) {
		return b.Delete(key)
	}
	var v []byte
	for _, e := range edits[n:] {
		v = appendEdit(v, e)
	}
	return b.Put(key, v)
}

// SetLastSync implements journal.Syncs.
func (w *Writer) SetLastSync(t time.Time) error {
	return w.tx.Bucket(bucketMeta).Put(keySyncLast, []byte(t.Format(time.RFC3339)))
}

// forgetSyncing drops what a journal keeps to sync, but for its machine id,
// as it is encrypted: the tags of its answers are hashes of their text,
// and a hash of a mood's "4" is soon guessed. A sync after it is decrypted
// is a first sync again, and writes every day.
func forgetSyncing(tx *bolt.Tx) error {
	for _, b := range [][]byte{bucketSyncFiles, bucketSyncChanged, bucketSyncEdits} {
		if tx.Bucket(b) == nil {
			continue
		}
		if err := tx.DeleteBucket(b); err != nil {
			return fmt.Errorf("dropping %s: %w", b, err)
		}
	}
	meta := tx.Bucket(bucketMeta)
	for _, k := range [][]byte{keySyncFolder, keySyncLast} {
		if err := meta.Delete(k); err != nil {
			return fmt.Errorf("dropping %s: %w", k, err)
		}
	}
	return nil
}

// LastSync returns when the journal last synced; zero when never.
func (r *Reader) LastSync() time.Time {
	t, _ := time.Parse(time.RFC3339, string(r.tx.Bucket(bucketMeta).Get(keySyncLast)))
	return t
}
