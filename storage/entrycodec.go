package storage

import (
	"encoding/binary"
	"errors"
	"time"

	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/prompts"
)

// An entry is kept in a compact binary form (since schema 3), which holds
// only what the entry alone knows: its questions are numbers in the table
// of questions (questions.go), and its dates are numbers.
//
//	format 1 (a byte; never '{', which begins an entry kept as JSON)
//	the date (a varint: days since 1970-01-01)
//	created and updated (each a time, below)
//	a count of answers, plus 1 (0 for none at all: JSON's null, not []),
//	then each answer:
//	  its question (a uvarint: 0 for one kept here in full, as prompt id,
//	  theme and text; else its row in the table, plus 1, then the
//	  question's quotes, one string for each of the row's slots)
//	  the answer (a string)
//	  what else it has (a byte: 1 tags, 2 an answer it follows up)
//	  the tags (a count, then strings), when it has them
//	  the answer it follows up (date and prompt id, strings), when it has one
//
// A time is its second since 1970 (a varint), its nanoseconds (a uvarint)
// and its offset from UTC in seconds (a varint). It reads back in the
// location that reading it from JSON gives (UTC, the local zone, or a zone
// fixed at its offset), so that an entry exports byte for byte as it did
// when it was kept as JSON.

const entryFormat = 1

const (
	answerTags    = 1
	answerFollows = 2
)

var errEntry = errors.New("entry cannot be read")

// isJSONRecord reports whether a stored record is JSON, as every entry was
// before schema 3.
func isJSONRecord(data []byte) bool { return len(data) > 0 && data[0] == '{' }

// encodeEntry is the stored form of e; questions it asks for the first
// time are added to t.
func encodeEntry(e journal.Entry, t *questionTable) []byte {
	b := []byte{entryFormat}
	b = binary.AppendVarint(b, dayNumber(e.Date))
	b = appendTime(b, e.CreatedAt)
	b = appendTime(b, e.UpdatedAt)
	if e.Answers == nil {
		b = append(b, 0)
	} else {
		b = binary.AppendUvarint(b, uint64(len(e.Answers))+1)
	}
	for _, a := range e.Answers {
		q, quotes := splitQuestion(a.PromptID, a.Theme, a.Question)
		if row, ok := t.index(q); ok {
			b = binary.AppendUvarint(b, uint64(row)+1)
			for _, s := range quotes {
				b = appendString(b, s)
			}
		} else {
			b = append(b, 0)
			b = appendString(b, a.PromptID)
			b = appendString(b, a.Theme)
			b = appendString(b, a.Question)
		}
		b = appendString(b, a.Answer)
		var has byte
		if len(a.Tags) > 0 {
			has |= answerTags
		}
		if a.FollowsUp != nil {
			has |= answerFollows
		}
		b = append(b, has)
		if len(a.Tags) > 0 {
			b = binary.AppendUvarint(b, uint64(len(a.Tags)))
			for _, tag := range a.Tags {
				b = appendString(b, tag)
			}
		}
		if a.FollowsUp != nil {
			b = appendString(b, a.FollowsUp.Date)
			b = appendString(b, a.FollowsUp.PromptID)
		}
	}
	return b
}

// decodeEntry reads what encodeEntry wrote, against the table it wrote to.
func decodeEntry(data []byte, t *questionTable) (journal.Entry, error) {
	r := sharing(data, errEntry)
	var e journal.Entry
	if r.byte() != entryFormat {
		return e, errEntry
	}
	e.Date = dayOfNumber(r.varint())
	e.CreatedAt = r.time()
	e.UpdatedAt = r.time()
	// An answer takes at least three bytes: its question, its answer's
	// length and what else it has.
	n := r.uvarint() - 1
	if n > len(r.b)/3 || r.err != nil {
		return e, errEntry
	}
	if n >= 0 {
		e.Answers = make([]journal.Answer, n)
	}
	for i := range e.Answers {
		a := &e.Answers[i]
		if row := r.uvarint(); row == 0 {
			a.PromptID, a.Theme, a.Question = r.string(), r.string(), r.string()
		} else if row <= len(t.rows) {
			q := t.rows[row-1]
			a.PromptID, a.Theme = q.promptID, q.theme
			if len(q.slots) > 0 {
				quotes := make([]string, len(q.slots))
				for i := range quotes {
					quotes[i] = r.string()
				}
				a.Question = q.text(quotes)
			} else {
				a.Question = q.template
			}
		} else {
			r.fail()
		}
		a.Answer = r.string()
		has := r.byte()
		if has&^(answerTags|answerFollows) != 0 {
			r.fail()
		}
		if has&answerTags != 0 {
			a.Tags = make([]string, r.count())
			for i := range a.Tags {
				a.Tags[i] = r.string()
			}
		}
		if has&answerFollows != 0 {
			a.FollowsUp = &prompts.Ref{Date: r.string(), PromptID: r.string()}
		}
		if r.err != nil {
			return e, r.err
		}
	}
	return e, r.end()
}

// secondsPerDay is the length of every calendar day, as Day counts them.
const secondsPerDay = 24 * 60 * 60

func dayNumber(d journal.Day) int64 { return d.UnixDays() }

func dayOfNumber(n int64) journal.Day { return journal.DayOfUnix(n) }

func appendTime(b []byte, t time.Time) []byte {
	_, offset := t.Zone()
	b = binary.AppendVarint(b, t.Unix())
	b = binary.AppendUvarint(b, uint64(t.Nanosecond()))
	return binary.AppendVarint(b, int64(offset))
}

// time reads what appendTime wrote, in the location time.Parse would give
// the same time written in RFC 3339: UTC for an offset of zero (written
// "Z"), the local zone when it is at that offset then, else a zone fixed at
// the offset.
func (r *recordReader) time() time.Time {
	sec, nsec, offset := r.varint(), r.uvarint(), r.varint()
	const day = secondsPerDay
	if r.err != nil || nsec >= 1e9 || offset <= -day || offset >= day {
		r.fail()
		return time.Time{}
	}
	t := time.Unix(sec, int64(nsec))
	if offset == 0 {
		return t.UTC()
	}
	if _, local := t.In(time.Local).Zone(); int64(local) == offset {
		return t.In(time.Local)
	}
	return t.In(time.FixedZone("", int(offset)))
}
