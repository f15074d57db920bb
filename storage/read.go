package storage

import (
	"bytes"
	"crypto/cipher"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/reflect-cli/reflect/journal"
)

// Reader reads the journal inside one transaction. Everything it returns is
// a copy, valid after the transaction ends.
type Reader struct {
	tx    *bolt.Tx
	path  string
	aead  cipher.AEAD // nil when the journal is in the clear
	pages *guard      // checks pages before bbolt reads them
	idx   *index      // checks records against the index; nil when there is none
	// questions is the table of questions, read when first needed.
	questions *questionTable
}

// Entry returns the entry of a day, and whether there is one.
func (r *Reader) Entry(day journal.Day) (journal.Entry, bool, error) {
	var e journal.Entry
	ok, err := r.get(bucketEntries, day, &e)
	return e, ok, err
}

// Draft returns the unfinished session of a day, and whether there is one.
func (r *Reader) Draft(day journal.Day) (journal.Draft, bool, error) {
	var d journal.Draft
	ok, err := r.get(bucketDrafts, day, &d)
	return d, ok, err
}

// Stop, returned by the function given to Range or Descend, ends the walk
// early without an error.
var Stop = errors.New("stop walking the journal")

// Range calls fn for each entry from one day to another, both included, in
// date order. Its cost is the range, not the size of the journal.
func (r *Reader) Range(from, to journal.Day, fn func(journal.Entry) error) error {
	if from.After(to) {
		return nil
	}
	last := lastKey(to)
	if err := r.pages.check(bucketEntries, keyRange{[]byte(firstKey(from)), []byte(last)}); err != nil {
		return err
	}
	seen := r.idx.seen()
	c := r.tx.Bucket(bucketEntries).Cursor()
	for k, v := c.Seek([]byte(firstKey(from))); k != nil && string(k) <= last; k, v = c.Next() {
		seen.add(k)
		if err := r.visit(k, v, fn); err != nil {
			if err := stopped(err); err != nil {
				return err
			}
			last = string(k) // what the walk read ends here
			break
		}
	}
	return r.idx.walked(bucketEntries, firstKey(from), last, seen)
}

// Descend calls fn for each entry from one day back to another, both
// included, newest first. Its cost is what fn reads, not the size of the
// journal.
func (r *Reader) Descend(from, to journal.Day, fn func(journal.Entry) error) error {
	return r.DescendWhere(from, to, func([]byte) bool { return true }, fn)
}

// DescendWhere is Descend over the entries whose stored form may (the
// check says) hold what is looked for; the others are not decoded, which is
// most of the cost of reading an entry. The check sees an entry as it is
// stored, opened first when the journal is encrypted: JSON, or the binary
// form (entrycodec.go), which holds each answer's words as written but its
// questions as rows of the table of questions, some with parts of their
// words kept in the entry. The check is given each row's words once: when
// one may hold what is looked for, or the table has a row with parts kept
// apart (a text may run from a row's words into a part), every entry in
// the binary form is decoded.
func (r *Reader) DescendWhere(from, to journal.Day, may func(raw []byte) bool, fn func(journal.Entry) error) error {
	if to.After(from) {
		return nil
	}
	first, last := firstKey(to), lastKey(from)
	// The walk checks the pages ahead of it a window at a time, each twice
	// as long as the one before: the cost is what it reads, whatever the
	// size of the journal.
	window := 64
	checked := from.AddDays(-window)
	if checked.Before(to) {
		checked = to
	}
	if err := r.pages.check(bucketEntries, keyRange{[]byte(firstKey(checked)), []byte(last)}); err != nil {
		return err
	}
	// Whether a question in the table may hold what is looked for: a
	// binary entry keeps its questions there, not in its own bytes.
	questionsChecked, questionsMay := false, false
	questionMay := func(q question) bool { return len(q.slots) > 0 || may([]byte(q.template)) }
	return r.backward(bucketEntries, first, last, func(k, v []byte) error {
		if string(k) < firstKey(checked) {
			window *= 2
			next := to
			var at journal.Day
			if at.UnmarshalText(k) == nil && at.AddDays(-window).After(to) {
				next = at.AddDays(-window)
			}
			if err := r.pages.check(bucketEntries, keyRange{[]byte(firstKey(next)), k}); err != nil {
				return err
			}
			checked = next
		}
		raw, err := r.open(bucketEntries, k, v)
		if err != nil {
			return err
		}
		if !isJSONRecord(raw) && !questionsChecked {
			t, err := r.table()
			if err != nil {
				return err
			}
			questionsChecked = true
			questionsMay = slices.ContainsFunc(t.rows, questionMay)
		}
		if !may(raw) && (isJSONRecord(raw) || !questionsMay) {
			return nil
		}
		var e journal.Entry
		if err := r.decodeInto(k, raw, &e); err != nil {
			return err
		}
		return fn(e)
	})
}

// backward calls visit for each record of a bucket of days from the key
// last back to the key first, newest first, and checks the walk against
// the index; visit returning Stop ends it early, without an error.
func (r *Reader) backward(bucket []byte, first, last string, visit func(k, v []byte) error) error {
	c := r.tx.Bucket(bucket).Cursor()
	k, v := c.Seek([]byte(last))
	switch {
	case k == nil:
		k, v = c.Last()
	case string(k) > last:
		k, v = c.Prev()
	}
	seen := r.idx.seen()
	for ; k != nil && string(k) >= first; k, v = c.Prev() {
		seen.add(k)
		if err := visit(k, v); err != nil {
			if err := stopped(err); err != nil {
				return err
			}
			first = string(k) // what the walk read ends here
			break
		}
	}
	return r.idx.walked(bucket, first, last, seen)
}

func (r *Reader) visit(k, v []byte, fn func(journal.Entry) error) error {
	var e journal.Entry
	if err := r.decode(bucketEntries, k, v, &e); err != nil {
		return err
	}
	return fn(e)
}

func stopped(err error) error {
	if errors.Is(err, Stop) {
		return nil
	}
	return err
}

// Summary returns the summary of a day, lessons and all, and whether it
// has one. It implements journal.Summaries.
func (r *Reader) Summary(day journal.Day) (journal.Summary, bool, error) {
	if r.tx.Bucket(bucketSummaries) == nil { // a schema 1 journal, read only
		e, ok, err := r.Entry(day)
		return journal.Summarize(e), ok, err
	}
	if err := r.pages.checkGet(bucketSummaries, day); err != nil {
		return journal.Summary{Date: day}, false, err
	}
	key := []byte(day.String())
	v := r.tx.Bucket(bucketSummaries).Get(key)
	if v == nil {
		return journal.Summary{Date: day}, false, r.idx.absent(bucketSummaries, key)
	}
	s, err := r.decodeSummary(key, v)
	if err != nil {
		return s, true, err
	}
	lessons := r.tx.Bucket(bucketLessons)
	if lessons == nil { // a summary kept before schema 3 holds its lessons
		return s, true, nil
	}
	if err := r.pages.checkGet(bucketLessons, day); err != nil {
		return s, true, err
	}
	if v := lessons.Get(key); v != nil {
		err = r.decodeLessons(key, v, &s)
	} else {
		err = r.idx.absent(bucketLessons, key)
	}
	return s, true, err
}

// EachFigures calls fn for every day's summary, oldest first, without its
// lessons (Lessons, Setback and BroughtBack are empty, though a journal of
// an earlier schema may fill them): what stats reads. It returns early,
// without an error, when fn returns Stop. It implements journal.Summaries.
func (r *Reader) EachFigures(fn func(journal.Summary) error) error {
	if r.tx.Bucket(bucketSummaries) == nil { // a schema 1 journal, read only: summarise every entry
		return r.Range(journal.Earliest, journal.Latest, func(e journal.Entry) error { return fn(journal.Summarize(e)) })
	}
	return r.walk(bucketSummaries, func(k, v []byte) error {
		s, err := r.decodeSummary(k, v)
		if err != nil {
			return err
		}
		return fn(s)
	})
}

// EachLessons calls fn, oldest first, for each day that drew a lesson or
// brought one back, with its summary's date and lessons (Lessons, Setback
// and BroughtBack) alone; it returns early, without an error, when fn
// returns Stop. It implements journal.Summaries.
func (r *Reader) EachLessons(fn func(journal.Summary) error) error {
	if r.tx.Bucket(bucketLessons) == nil { // an earlier schema: summaries hold lessons
		return r.EachFigures(func(s journal.Summary) error {
			if !hasLessons(s) {
				return nil
			}
			return fn(journal.Summary{Date: s.Date, Lessons: s.Lessons, Setback: s.Setback, BroughtBack: s.BroughtBack})
		})
	}
	return r.walk(bucketLessons, func(k, v []byte) error {
		var s journal.Summary
		if err := s.Date.UnmarshalText(k); err != nil {
			return &DamagedError{Path: r.path, Reason: fmt.Sprintf("the lessons for %s cannot be read", keyName(k)), Err: err}
		}
		if err := r.decodeLessons(k, v, &s); err != nil {
			return err
		}
		return fn(s)
	})
}

// walk calls fn for every record of a bucket of days, in order, after the
// guard has checked its pages, and checks the walk against the index. fn
// returning Stop ends it early, without an error.
func (r *Reader) walk(bucket []byte, fn func(k, v []byte) error) error {
	if err := r.pages.check(bucket, everything); err != nil {
		return err
	}
	seen, last := r.idx.seen(), journal.Latest.String()
	c := r.tx.Bucket(bucket).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		seen.add(k)
		if err := fn(k, v); err != nil {
			if err := stopped(err); err != nil {
				return err
			}
			last = string(k)
			break
		}
	}
	return r.idx.walked(bucket, "", last, seen)
}

func (r *Reader) decodeSummary(key, value []byte) (journal.Summary, error) {
	value, err := r.open(bucketSummaries, key, value)
	if err != nil {
		return journal.Summary{}, err
	}
	s, err := decodeSummary(value)
	if err == nil {
		err = s.Date.UnmarshalText(key)
	}
	if err != nil {
		return s, &DamagedError{Path: r.path, Reason: fmt.Sprintf("the summary for %s cannot be read", keyName(key)), Err: err}
	}
	return s, nil
}

func (r *Reader) decodeLessons(key, value []byte, into *journal.Summary) error {
	value, err := r.open(bucketLessons, key, value)
	if err != nil {
		return err
	}
	if err := decodeLessons(value, into); err != nil {
		return &DamagedError{Path: r.path, Reason: fmt.Sprintf("the lessons for %s cannot be read", keyName(key)), Err: err}
	}
	return nil
}

func (r *Reader) get(bucket []byte, day journal.Day, into any) (bool, error) {
	key := []byte(day.String())
	v, err := r.lookup(bucket, key)
	if err != nil {
		return false, err
	}
	if v == nil {
		return false, r.idx.absent(bucket, key)
	}
	return true, r.decode(bucket, key, v, into)
}

// lookup returns the value of key in a bucket of the root (nil for none),
// once the guard has checked the pages a lookup reads. A transaction that
// only reads takes it from the page the guard read, and bbolt need not
// read that page too: a search of a hundred years opens hundreds of days,
// each on a page of its own.
func (r *Reader) lookup(bucket, key []byte) ([]byte, error) {
	if !r.tx.Writable() {
		if v, used, err := r.pages.lookup(bucket, key); used || err != nil {
			return v, err
		}
	}
	if err := r.pages.checkLookup(bucket, key); err != nil {
		return nil, err
	}
	return r.tx.Bucket(bucket).Get(key), nil
}

// open returns a stored value in the clear: as it is, or opened with the
// data key when the journal is encrypted.
func (r *Reader) open(bucket, key, value []byte) ([]byte, error) {
	if r.aead == nil {
		return value, nil
	}
	plain, err := unseal(r.aead, value, valueAD(bucket, key))
	if err != nil {
		return nil, &DamagedError{Path: r.path, Record: string(key), Reason: fmt.Sprintf("the record for %s cannot be opened: it was changed, or moved from elsewhere", keyName(key))}
	}
	return plain, r.idx.read(bucket, key, value)
}

func (r *Reader) decode(bucket, key, value []byte, into any) error {
	value, err := r.open(bucket, key, value)
	if err != nil {
		return err
	}
	return r.decodeInto(key, value, into)
}

// decodeInto reads a record in the clear: an entry in the binary form, or
// anything kept as JSON.
func (r *Reader) decodeInto(key, value []byte, into any) error {
	e, binary := into.(*journal.Entry)
	binary = binary && !isJSONRecord(value)
	var err error
	if binary {
		var t *questionTable
		if t, err = r.table(); err != nil {
			return err
		}
		*e, err = decodeEntry(value, t)
	} else {
		err = json.Unmarshal(value, into)
	}
	if err != nil {
		return &DamagedError{Path: r.path, Record: string(key), Reason: fmt.Sprintf("the record for %s cannot be read", keyName(key)), Err: err}
	}
	// A record is kept under its own day: one under another day's key (a
	// key damaged into another date) would be shown, and written, as a day
	// it is not.
	var dated journal.Day
	switch v := into.(type) {
	case *journal.Entry:
		dated = v.Date
	case *journal.Draft:
		dated = v.Date
	default:
		return nil
	}
	if dated.String() != string(key) {
		return &DamagedError{Path: r.path, Record: string(key), Reason: fmt.Sprintf("the record kept under %s is dated %s", keyName(key), dated)}
	}
	return nil
}

// table returns the journal's table of questions, read once a
// transaction.
func (r *Reader) table() (*questionTable, error) {
	if r.questions != nil {
		return r.questions, nil
	}
	if err := r.pages.check(bucketMeta, everything); err != nil {
		return nil, err
	}
	value := r.tx.Bucket(bucketMeta).Get(keyQuestions)
	if value != nil && r.aead != nil {
		var err error
		if value, err = unseal(r.aead, value, valueAD(bucketMeta, keyQuestions)); err != nil {
			return nil, &DamagedError{Path: r.path, Reason: "its table of questions cannot be opened: it was changed, or moved from elsewhere"}
		}
	}
	t, err := decodeQuestions(value)
	if err != nil {
		return nil, &DamagedError{Path: r.path, Reason: errQuestions.Error()}
	}
	r.questions = t
	return t, nil
}

// HasTheme reports whether an answer in the journal is of theme. Only the
// entries whose stored form may hold the theme are read.
func (r *Reader) HasTheme(theme string) (bool, error) {
	t, err := r.table()
	if err != nil {
		return false, err
	}
	inTable := slices.ContainsFunc(t.rows, func(q question) bool { return q.theme == theme })
	quoted, _ := json.Marshal(theme)
	inJSON := append([]byte(`"theme":`), quoted...)
	may := func(raw []byte) bool {
		if isJSONRecord(raw) {
			return bytes.Contains(raw, inJSON)
		}
		return inTable || bytes.Contains(raw, []byte(theme))
	}
	found := false
	err = r.DescendWhere(journal.Latest, journal.Earliest, may, func(e journal.Entry) error {
		if found = slices.ContainsFunc(e.Answers, func(a journal.Answer) bool { return a.Theme == theme }); found {
			return Stop
		}
		return nil
	})
	return found, err
}
