package journal

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The merge of one day in a sync. Every answer of a day carries a tag
// across machines: its key (what it says), and which answer with that key
// it is. A machine that removes an answer (edits it away, deletes the
// day) notes its tag as removed; a tag removed anywhere is removed
// everywhere, and an answer whose tag no machine removed is kept
// everywhere. Every machine's file holds its day whole, the tags it
// removed included, so machines that read each other's files in any order
// and as rarely as they like end with the same answers: the answers of
// every tag seen, less every tag removed.
//
// A tag is not random: two machines that write the same answer to the
// same prompt on the same day (each the first such answer) give it the
// same tag, and the day keeps it once, as import does. An answer written
// again after its tag was removed takes the next tag, which no one has
// removed.
//
// An answer that took the place of another in an edit (reflect edit notes
// which it replaced, and when) wins over another that replaced the same
// one earlier: the earlier is removed everywhere, and kept where its
// machine's person can bring it back.

// AnswerKey identifies an answer by what it says: its prompt and its text.
type AnswerKey struct {
	Prompt uint32 // a hash of the prompt id
	Text   uint64 // a hash of the prompt id and the answer
}

// KeyOf returns the key of an answer.
func KeyOf(a Answer) AnswerKey {
	p := sha256.Sum256([]byte(a.PromptID))
	t := sha256.Sum256([]byte(a.PromptID + "\x00" + a.Answer))
	return AnswerKey{Prompt: binary.BigEndian.Uint32(p[:]), Text: binary.BigEndian.Uint64(t[:])}
}

// Tag names one answer of a day across machines: its key, and its place
// (from 1) among the answers with that key that the day has had.
type Tag struct {
	Key AnswerKey
	N   uint32
}

// String returns the tag as 24 hex digits, a dash and N.
func (t Tag) String() string { return fmt.Sprintf("%08x%016x-%d", t.Key.Prompt, t.Key.Text, t.N) }

// parseTag reads a tag String wrote.
func parseTag(s string) (Tag, bool) {
	key, n, ok := strings.Cut(s, "-")
	if !ok || len(key) != 24 || strings.ToLower(key) != key {
		return Tag{}, false
	}
	p, err1 := strconv.ParseUint(key[:8], 16, 32)
	t, err2 := strconv.ParseUint(key[8:], 16, 64)
	num, err3 := strconv.ParseUint(n, 10, 32)
	if err1 != nil || err2 != nil || err3 != nil || num == 0 || strconv.FormatUint(num, 10) != n {
		return Tag{}, false
	}
	return Tag{Key: AnswerKey{Prompt: uint32(p), Text: t}, N: uint32(num)}, true
}

// DayTags is a machine's side of a day: the tags of its answers, in their
// order, the tags it knows were removed, and which answer each that took
// another's place in an edit replaced.
type DayTags struct {
	Tags     []Tag
	Removed  []Tag
	Replaces map[Tag]Replacement // by the tag of the answer that replaced
	// ByDeletion are the tags of Removed that the machine removed by deleting
	// the day, which it then wrote again: another machine keeps its
	// answers of them, as it keeps those of a day deleted.
	ByDeletion []Tag
}

// Replacement says which answer an answer replaced in an edit, and when.
type Replacement struct {
	Old Tag
	At  time.Time
}

// SyncedDay is a day as a machine's file holds it.
type SyncedDay struct {
	Entry
	DayTags // Tags are those of Entry.Answers, one each
	// DeletedAt is set when the machine deleted the day: its file then
	// holds no answers, and says so.
	DeletedAt time.Time
	// Machine is the machine whose file it is, as its name says.
	Machine string
}

// tagAnswers gives the answers of a day their tags: an answer takes the
// first tag of was (the day's tags as last given) with its key that no
// answer before it took; else the first live tag with its key that
// another machine gave (others); else a new one, after every tag with
// its key known. The tags of was no answer took are removed.
//
// An answer with a new tag that an edit made (edits, as reflect edit
// noted them since the day's tags were last given) replaces the answer of
// was the edit started from, at the time of the edit. Which answer an
// edit replaced is never guessed from a removed answer and a new one to
// the same prompt: that may as well be a note removed and another written.
// Other replacements are kept from was, and from theirs for the tags of
// others.
func tagAnswers(answers []Answer, was DayTags, others map[AnswerKey][]Tag, theirs map[Tag]Replacement, edits []EditedAnswer) DayTags {
	last := map[AnswerKey]uint32{} // the highest N known for each key
	note := func(tags []Tag) {
		for _, t := range tags {
			last[t.Key] = max(last[t.Key], t.N)
		}
	}
	note(was.Tags)
	note(was.Removed)
	for _, tags := range others {
		note(tags)
	}
	free := map[AnswerKey][]Tag{}
	for _, t := range was.Tags {
		free[t.Key] = append(free[t.Key], t)
	}
	taken := map[Tag]bool{}
	out := DayTags{Tags: make([]Tag, len(answers)), Removed: slices.Clone(was.Removed), Replaces: map[Tag]Replacement{}, ByDeletion: slices.Clone(was.ByDeletion)}
	deleted := slices.ContainsFunc(edits, EditedAnswer.isDeletion) // since was: what was there then is deleted
	for i, a := range answers {
		k := KeyOf(a)
		switch {
		case len(free[k]) > 0:
			out.Tags[i], free[k] = free[k][0], free[k][1:]
			if r, ok := was.Replaces[out.Tags[i]]; ok {
				out.Replaces[out.Tags[i]] = r
			}
		default:
			for _, t := range others[k] {
				if !taken[t] {
					out.Tags[i] = t
					break
				}
			}
			if out.Tags[i].N != 0 {
				if r, ok := theirs[out.Tags[i]]; ok {
					out.Replaces[out.Tags[i]] = r
				}
			} else {
				last[k]++
				out.Tags[i] = Tag{Key: k, N: last[k]}
			}
		}
		taken[out.Tags[i]] = true
	}
	for _, t := range was.Tags {
		if len(free[t.Key]) > 0 && free[t.Key][0] == t {
			free[t.Key] = free[t.Key][1:]
			out.Removed = append(out.Removed, t)
			if deleted {
				out.ByDeletion = append(out.ByDeletion, t)
			}
		}
	}
	for i, r := range replacedBy(edits, was, answers) {
		if t := out.Tags[i]; !slices.Contains(was.Tags, t) && r.Old != t {
			if _, theirs := out.Replaces[t]; !theirs {
				out.Replaces[t] = r
			}
		}
	}
	out.Removed, out.ByDeletion = sortedTags(out.Removed), sortedTags(out.ByDeletion)
	return out
}

// replacedBy returns, by the index of an answer of answers, the answer of
// was that edits turned into it (through as many edits as were made), and
// when the last of them was made.
func replacedBy(edits []EditedAnswer, was DayTags, answers []Answer) map[int]Replacement {
	if len(edits) == 0 {
		return nil
	}
	wasTag := map[AnswerRef]Tag{}
	seen := map[AnswerKey]int{}
	for _, t := range was.Tags {
		seen[t.Key]++
		wasTag[AnswerRef{Key: t.Key, N: seen[t.Key]}] = t
	}
	origin := map[AnswerRef]Replacement{} // an answer an edit made → the answer of was it came from
	for _, e := range edits {
		from, ok := origin[e.Old]
		if !ok {
			t, known := wasTag[e.Old]
			if !known {
				continue // an answer written since, that no other machine has
			}
			from = Replacement{Old: t}
		}
		from.At = e.At
		origin[e.New] = from
	}
	out := map[int]Replacement{}
	for i, ref := range answerRefs(answers) {
		if r, ok := origin[ref]; ok {
			out[i] = r
		}
	}
	return out
}

// sortedTags returns tags sorted, each once.
func sortedTags(tags []Tag) []Tag {
	tags = slices.Clone(tags)
	slices.SortFunc(tags, func(a, b Tag) int { return strings.Compare(a.String(), b.String()) })
	return slices.Compact(tags)
}

// dayMerge is a day as a sync merges it.
type dayMerge struct {
	entry   Entry
	tags    DayTags
	exists  bool // false: the day has no entry (any more)
	changed bool
	// displaced are answers of this machine that gave way: to another
	// machine's deletion of the day, or to a later edit there of the
	// answer they replaced. They are kept as delete keeps a day
	// (SyncOptions.Keep).
	displaced []Answer
}

// mergeDay merges into the day as it stands here (local, when exists; was
// its tags as last given, and edits the edits since; ours this machine's
// id) the days other
// machines' files hold: the answers of every tag seen, less every tag
// removed, and of answers that replaced the same one, the later.
func mergeDay(local Entry, exists bool, was DayTags, edits []EditedAnswer, ours string, theirs []SyncedDay) dayMerge {
	if !exists {
		local = Entry{}
	}
	m := dayMerge{entry: local, exists: exists}
	removed := map[Tag]bool{}
	deletedThere := map[Tag]bool{} // removed by a machine that deleted the day
	for _, t := range was.Removed {
		removed[t] = true
	}
	others := map[AnswerKey][]Tag{}
	replaces := map[Tag]Replacement{}
	for _, d := range theirs {
		for _, t := range d.Removed {
			removed[t] = true
			if !d.DeletedAt.IsZero() {
				deletedThere[t] = true
			}
		}
		for _, t := range d.ByDeletion {
			deletedThere[t] = true
		}
		for t, r := range d.Replaces {
			replaces[t] = r
		}
	}
	for _, d := range theirs {
		for _, t := range d.Tags {
			if !removed[t] && !slices.Contains(others[t.Key], t) {
				others[t.Key] = append(others[t.Key], t)
			}
		}
	}
	mine := tagAnswers(local.Answers, was, others, replaces, edits)
	for _, t := range mine.Removed {
		removed[t] = true
	}
	for t, r := range mine.Replaces {
		replaces[t] = r
	}
	type tagged struct {
		tag    Tag
		answer Answer
	}
	// Of the answers that replaced the same answer, the later edit wins
	// (the greater tag, at the same second), whether or not the other
	// machine has removed the earlier already.
	winner := map[Tag]Tag{}
	for t, r := range replaces {
		if w, seen := winner[r.Old]; !seen || laterEdit(t, r, w, replaces[w]) {
			winner[r.Old] = t
		}
	}
	lost := func(t Tag) bool {
		r, ok := replaces[t]
		return ok && winner[r.Old] != t
	}
	for i, a := range local.Answers {
		if t := mine.Tags[i]; removed[t] || lost(t) {
			if deletedThere[t] || lost(t) {
				m.displaced = append(m.displaced, a)
			}
			removed[t] = true
		}
	}
	for _, d := range theirs {
		for _, t := range d.Tags {
			if lost(t) {
				removed[t] = true
			}
		}
	}
	// The machines in the order of their ids, each machine's answers in
	// its order: every machine orders the day alike (and so agrees on,
	// say, the day's last mood).
	type source struct {
		machine string
		tags    []Tag
		answers []Answer
	}
	sources := []source{{ours, mine.Tags, local.Answers}}
	for _, d := range theirs {
		sources = append(sources, source{d.Machine, d.Tags, d.Answers})
	}
	slices.SortStableFunc(sources, func(a, b source) int { return strings.Compare(a.machine, b.machine) })
	var day []tagged
	placed := map[Tag]bool{}
	for _, src := range sources {
		for i, a := range src.answers {
			if t := src.tags[i]; !removed[t] && !placed[t] {
				placed[t] = true
				day = append(day, tagged{t, a})
			}
		}
	}
	m.tags = DayTags{Replaces: map[Tag]Replacement{}, ByDeletion: mine.ByDeletion}
	var answers []Answer
	for _, x := range day {
		answers, m.tags.Tags = append(answers, x.answer), append(m.tags.Tags, x.tag)
		if r, ok := replaces[x.tag]; ok {
			m.tags.Replaces[x.tag] = r
		}
	}
	m.tags.Removed = sortedTags(mapKeys(removed))
	m.changed = !slices.EqualFunc(answers, local.Answers, sameAnswer)
	m.exists = len(answers) > 0
	if !m.changed {
		return m
	}
	if !exists {
		m.entry = Entry{Date: theirs[0].Date}
	}
	m.entry.Answers = answers
	for _, d := range theirs {
		if !d.CreatedAt.IsZero() && (m.entry.CreatedAt.IsZero() || d.CreatedAt.Before(m.entry.CreatedAt)) {
			m.entry.CreatedAt = d.CreatedAt
		}
		changed := d.UpdatedAt
		if !d.DeletedAt.IsZero() {
			changed = d.DeletedAt
		}
		if changed.After(m.entry.UpdatedAt) {
			m.entry.UpdatedAt = changed
		}
	}
	return m
}

// laterEdit reports whether the edit that gave tag a (replacing ra) came
// after the one that gave tag b: by its time, then by its tag.
func laterEdit(a Tag, ra Replacement, b Tag, rb Replacement) bool {
	if !ra.At.Equal(rb.At) {
		return ra.At.After(rb.At)
	}
	return a.String() > b.String()
}

func mapKeys(m map[Tag]bool) []Tag {
	keys := make([]Tag, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}

// sameAnswer reports whether two answers are the same in every field.
func sameAnswer(a, b Answer) bool {
	return a.PromptID == b.PromptID && a.Theme == b.Theme && a.Question == b.Question && a.Answer == b.Answer &&
		slices.Equal(a.Tags, b.Tags) && (a.FollowsUp == nil) == (b.FollowsUp == nil) && (a.FollowsUp == nil || *a.FollowsUp == *b.FollowsUp)
}
