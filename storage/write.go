package storage

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/reflect-cli/reflect/journal"
)

// Writer reads and writes the journal inside one read-write transaction.
type Writer struct {
	Reader
	// agreed holds the spans of keys whose entries and summaries
	// checkHidden found to agree: the file does not change while the
	// transaction runs, and its own writes keep them agreeing.
	agreed []keyRange
	// ledgerWas holds the lessons that the days written had before, by
	// their day's number, for keepLedger; gatherLedger is set when the
	// ledger is to be gathered anew instead.
	ledgerWas    map[int64]journal.Summary
	gatherLedger bool
	// freshSlots holds the records of search-new (slices.go) of the days
	// written, by their day's number, for keepSlices; gatherSlices is set
	// when the slices are to be made anew instead.
	freshSlots   map[int64][]byte
	gatherSlices bool
}

// AddAnswers appends answers to the entry of a day, creating the entry if
// there is none, and returns the entry as it now stands.
func (w *Writer) AddAnswers(day journal.Day, answers []journal.Answer, now time.Time) (journal.Entry, error) {
	e, ok, err := w.Entry(day)
	if err != nil {
		return journal.Entry{}, err
	}
	if !ok {
		e = journal.Entry{Date: day}
	}
	e.Add(answers, now)
	return e, w.PutEntry(e)
}

// Merge adds the answers of entries of one day to the journal, one entry
// after another, as journal.Entry.Merge does, and says whether the day's
// entry was created, merged into or unchanged. The day is read and written
// once, however many entries there are.
func (w *Writer) Merge(ins ...journal.Entry) (journal.MergeResult, error) {
	if len(ins) == 0 {
		return journal.Unchanged, nil
	}
	e, ok, err := w.Entry(ins[0].Date)
	if err != nil {
		return journal.Unchanged, err
	}
	result := journal.Created
	if ok {
		result = e.Merge(ins...)
	} else {
		e = ins[0]
		e.Merge(ins[1:]...)
	}
	if result == journal.Unchanged {
		return result, nil
	}
	return result, w.PutEntry(e)
}

// PutEntry stores an entry as it is, replacing the day's entry, and its
// summary with it.
func (w *Writer) PutEntry(e journal.Entry) error {
	if err := w.checkHidden(e.Date); err != nil {
		return err
	}
	w.noteLessons(e.Date)
	if err := w.noteChanged(e.Date); err != nil {
		return err
	}
	t, err := w.table()
	if err != nil {
		return err
	}
	if err := w.store(bucketEntries, e.Date, encodeEntry(e, t)); err != nil {
		return err
	}
	if t.grown {
		if err := w.tx.Bucket(bucketMeta).Put(keyQuestions, sealIf(w.aead, t.encode(), bucketMeta, keyQuestions)); err != nil {
			return fmt.Errorf("writing the table of questions: %w", err)
		}
		t.grown = false
	}
	trigrams := journal.Trigrams(e)
	w.putDaySlots(e.Date, trigrams)
	for _, r := range derived(e, trigrams) {
		var err error
		if r.value == nil {
			err = w.remove(r.bucket, e.Date)
		} else {
			err = w.store(r.bucket, e.Date, r.value)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// record is a value a bucket keeps for a day; nil for none.
type record struct {
	bucket, value []byte
}

// derived returns the records kept beside an entry with the given
// trigrams, one for each of derivedBuckets: its search record, its
// summary's figures, and its summary's lessons (nil on a day with none).
func derived(e journal.Entry, trigrams []journal.Trigram) []record {
	sum := journal.Summarize(e)
	lessons := record{bucket: bucketLessons}
	if hasLessons(sum) {
		lessons.value = encodeLessons(sum)
	}
	return []record{{bucketSearch, encodeSearch(trigrams)}, {bucketSummaries, encodeFigures(sum)}, lessons}
}

// DeleteEntry removes the entry of a day, if there is one, and its summary.
func (w *Writer) DeleteEntry(day journal.Day) error {
	if err := w.checkHidden(day); err != nil {
		return err
	}
	w.noteLessons(day)
	if err := w.noteChanged(day); err != nil {
		return err
	}
	if err := w.deleteDaySlots(day); err != nil {
		return err
	}
	for _, b := range dayBuckets {
		if err := w.remove(b, day); err != nil {
			return err
		}
	}
	return nil
}

// remove removes the record of a day from a bucket, if it has one (and
// the journal the bucket: one of an earlier schema lacks some).
func (w *Writer) remove(bucket []byte, day journal.Day) error {
	if w.tx.Bucket(bucket) == nil {
		return nil
	}
	if err := w.pages.checkKey(bucket, day); err != nil {
		return err
	}
	key := []byte(day.String())
	if err := w.tx.Bucket(bucket).Delete(key); err != nil {
		return fmt.Errorf("writing %s: %w", day, err)
	}
	w.idx.wrote(bucket, key)
	return nil
}

// PutDraft keeps an unfinished session, replacing the day's earlier draft.
func (w *Writer) PutDraft(d journal.Draft) error {
	return w.put(bucketDrafts, d.Date, d)
}

// DeleteDraft removes the draft of a day, if there is one.
func (w *Writer) DeleteDraft(day journal.Day) error {
	if err := w.pages.checkKey(bucketDrafts, day); err != nil {
		return err
	}
	if err := w.tx.Bucket(bucketDrafts).Delete([]byte(day.String())); err != nil {
		return fmt.Errorf("removing the draft of %s: %w", day, err)
	}
	return nil
}

func (w *Writer) put(bucket []byte, day journal.Day, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encoding %s: %w", day, err)
	}
	return w.store(bucket, day, data)
}

// store keeps a value under a day, sealed when the journal is encrypted.
func (w *Writer) store(bucket []byte, day journal.Day, value []byte) error {
	if err := w.pages.checkKey(bucket, day); err != nil {
		return err
	}
	key := []byte(day.String())
	if err := w.tx.Bucket(bucket).Put(key, sealIf(w.aead, value, bucket, key)); err != nil {
		return fmt.Errorf("writing %s: %w", day, err)
	}
	w.idx.wrote(bucket, key)
	return nil
}

// checkHidden refuses a write to the entry of day when, on the pages of
// entries that the write rewrites, a day has a summary and no entry, or an
// entry and no summary. That is the mark of damage that hid a record from
// its page (a count or a key changed, the page still well formed): bbolt
// would write the page again without it, and the words would be gone for
// good. Every entry has its summary, written in the same transaction.
func (w *Writer) checkHidden(day journal.Day) error {
	sums := w.tx.Bucket(bucketSummaries)
	if w.pages == nil || sums == nil {
		return nil
	}
	spans, err := w.pages.leafSpans(bucketEntries, day)
	if err != nil {
		return err
	}
	for _, span := range spans {
		if err := w.agree(sums, span); err != nil {
			return err
		}
	}
	return nil
}

// agree checks that, within span, every day has both an entry and a
// summary, or neither; a span found to agree is noted, and not checked
// again in the transaction.
func (w *Writer) agree(sums *bolt.Bucket, span keyRange) error {
	if slices.ContainsFunc(w.agreed, span.within) {
		return nil
	}
	if err := w.pages.check(bucketSummaries, span); err != nil {
		return err
	}
	// Both lists are in key order: walked side by side, the first key of
	// one that the other lacks is the damage.
	entries, summaries := keysIn(w.tx.Bucket(bucketEntries), span), keysIn(sums, span)
	for len(entries) > 0 || len(summaries) > 0 {
		switch {
		case len(entries) > 0 && len(summaries) > 0 && entries[0] == summaries[0]:
			entries, summaries = entries[1:], summaries[1:]
		case len(entries) == 0 || len(summaries) > 0 && summaries[0] < entries[0]:
			return &DamagedError{Path: w.path, Reason: fmt.Sprintf("the entry of %s is missing, though its summary is kept", keyName([]byte(summaries[0])))}
		default:
			return &DamagedError{Path: w.path, Reason: fmt.Sprintf("the summary of %s is missing", keyName([]byte(entries[0])))}
		}
	}
	w.agreed = append(w.agreed, span)
	return nil
}

// keysIn returns the keys of b within span, in order.
func keysIn(b *bolt.Bucket, span keyRange) []string {
	var keys []string
	c := b.Cursor()
	k, _ := c.First()
	if span.lo != nil {
		k, _ = c.Seek(span.lo)
	}
	for ; k != nil && span.above(k); k, _ = c.Next() {
		keys = append(keys, string(k))
	}
	return keys
}
