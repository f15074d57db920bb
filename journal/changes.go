package journal

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// The use cases that change days already written: an edit, a delete, an
// import.

// ErrChangedMeanwhile is an entry that changed between being read and being
// changed (by another reflect, say): nothing is changed.
var ErrChangedMeanwhile = errors.New("the entry changed meanwhile")

// SaveEdit gives the entry of was's day the answers of edit, unless the
// entry is no longer was: then it returns ErrChangedMeanwhile and changes
// nothing.
func SaveEdit(s Store, was Entry, edit Edit, now time.Time) error {
	return s.Write(func(w Writer) error {
		cur, err := unchanged(w, was)
		if err != nil {
			return err
		}
		before := cur.Answers
		cur.Answers = edit.Answers
		cur.UpdatedAt = now.Round(0).Truncate(time.Second)
		if err := w.PutEntry(cur); err != nil {
			return err
		}
		if notes, ok := w.(EditNotes); ok && len(edit.From) == len(edit.Answers) {
			return notes.NoteEdits(cur.Date, editedAnswers(before, edit, cur.UpdatedAt))
		}
		return nil
	})
}

// EditNotes keeps, for a journal that syncs, which answers an edit
// replaced with which: another machine's edit of the same answer is then
// told from a note removed and another written. The store's Writer
// satisfies it.
type EditNotes interface {
	NoteEdits(day Day, edits []EditedAnswer) error
}

// AnswerRef names an answer of a day by its key, and which of the day's
// answers with that key it is (from 1), in their order.
type AnswerRef struct {
	Key AnswerKey
	N   int
}

// EditedAnswer is one answer an edit replaced with another, and when; or,
// naming no answer (isDeletion), the deletion of the day.
type EditedAnswer struct {
	Old, New AnswerRef
	At       time.Time
}

// editedAnswers returns the answers of before that edit changed, each with
// what it became.
func editedAnswers(before []Answer, edit Edit, at time.Time) []EditedAnswer {
	oldRefs, newRefs := answerRefs(before), answerRefs(edit.Answers)
	var edits []EditedAnswer
	for j, i := range edit.From {
		if i < len(before) && oldRefs[i].Key != newRefs[j].Key {
			edits = append(edits, EditedAnswer{Old: oldRefs[i], New: newRefs[j], At: at})
		}
	}
	return edits
}

// answerRefs returns the ref of each of answers.
func answerRefs(answers []Answer) []AnswerRef {
	seen := map[AnswerKey]int{}
	refs := make([]AnswerRef, len(answers))
	for i, a := range answers {
		k := KeyOf(a)
		seen[k]++
		refs[i] = AnswerRef{Key: k, N: seen[k]}
	}
	return refs
}

// Delete removes the entry of was's day, first handing it to keepCopy
// (which keeps it where the person can bring it back); if keepCopy fails, or
// the entry is no longer was, nothing is deleted. A journal that syncs
// notes the deletion, and when (an EditedAnswer that isDeletion), for its
// next sync.
func Delete(s Store, was Entry, keepCopy func(Entry) error, now time.Time) error {
	return s.Write(func(w Writer) error {
		cur, err := unchanged(w, was)
		if err != nil {
			return err
		}
		if err := keepCopy(cur); err != nil {
			return fmt.Errorf("keeping a copy of the entry (so nothing was deleted): %w", err)
		}
		if err := w.DeleteEntry(was.Date); err != nil {
			return err
		}
		if notes, ok := w.(EditNotes); ok {
			return notes.NoteEdits(was.Date, []EditedAnswer{{At: now.Round(0).Truncate(time.Second)}})
		}
		return nil
	})
}

// isDeletion reports whether an edit note is the note of the day's
// deletion: one that names no answer.
func (e EditedAnswer) isDeletion() bool { return e.Old.N == 0 && e.New.N == 0 }

// unchanged returns the entry of was's day as it stands, or
// ErrChangedMeanwhile when that is no longer was.
func unchanged(w Writer, was Entry) (Entry, error) {
	cur, ok, err := w.Entry(was.Date)
	if err != nil {
		return cur, err
	}
	if !ok || !cur.UpdatedAt.Equal(was.UpdatedAt) || len(cur.Answers) != len(was.Answers) {
		return cur, ErrChangedMeanwhile
	}
	return cur, nil
}

// ImportCounts says what an import did to the days it named.
type ImportCounts map[MergeResult]int

// Total is how many days the import named.
func (c ImportCounts) Total() int { return c[Created] + c[Merged] + c[Unchanged] }

// Import merges entries into the journal in one transaction: all of them,
// or none. The entries of one day (a file may name a day many times) are
// merged in one go, so that the day is read and written once.
func Import(s Store, entries []Entry) (ImportCounts, error) {
	// Writing in date order keeps bbolt's pages filling in order.
	entries = slices.Clone(entries)
	slices.SortStableFunc(entries, func(a, b Entry) int { return strings.Compare(a.Date.String(), b.Date.String()) })
	counts := ImportCounts{}
	err := s.Write(func(w Writer) error {
		for len(entries) > 0 {
			n := 1
			for n < len(entries) && !entries[0].Date.Before(entries[n].Date) { // in date order: the same day
				n++
			}
			result, err := w.Merge(entries[:n]...)
			if err != nil {
				return err
			}
			counts[result]++
			entries = entries[n:]
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return counts, nil
}
