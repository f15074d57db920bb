package storage

import (
	"encoding/binary"
	"errors"
	"slices"

	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/prompts"
)

// Day summaries are read by the thousand (stats, lessons), so they are
// kept in a compact binary form rather than JSON, and in two parts: what
// stats reads of every day (its figures, in the summaries bucket), and the
// lessons of the days that have some (in the lessons bucket), which the
// lesson ledger reads. Figures, version 3 (since schema 3):
//
//	version 3 (a byte)
//	answers, wins (uvarints), mood (a byte), follow-up (a string)
//	the planned step's form (a byte: 0 none, 1 plain, 2 if-then)
//
// and a day's lessons, kept only for a day that drew a lesson or brought
// one back:
//
//	version 1 (a byte)
//	lessons (a count, then strings), setback (a string)
//	lessons brought back (a count, then date, prompt id and answer strings)
//
// where a string is a uvarint length and its bytes. Before schema 3 a
// summary held both parts (version 2: figures, lessons, setback, brought
// back, form; version 1: the same without the form). Such summaries are
// read as they are, by a reflect reading a journal of an earlier schema.

const (
	figuresVersion = 3
	lessonsVersion = 1
	// summaryVersion is the version of a whole summary, kept before
	// schema 3.
	summaryVersion = 2
	// summaryVersionNoForm is the version of whole summaries kept before
	// the planned step's form was.
	summaryVersionNoForm = 1
)

// stepForms are the planned step's forms, by the byte that keeps them.
var stepForms = []string{"", prompts.FormPlain, prompts.FormIfThen}

var errSummary = errors.New("summary cannot be read")

// followUps are the answers a follow-up is given, read from a summary
// without a string of their own each.
var followUps = []string{prompts.Done, "partly", "not yet"}

// encodeFigures is the figures part of a summary.
func encodeFigures(s journal.Summary) []byte {
	b := []byte{figuresVersion}
	b = binary.AppendUvarint(b, uint64(s.Answers))
	b = binary.AppendUvarint(b, uint64(s.Wins))
	b = append(b, byte(s.Mood))
	b = appendString(b, s.FollowUp)
	return append(b, byte(max(0, slices.Index(stepForms, s.Planned))))
}

// hasLessons reports whether a summary has a lessons part to keep.
func hasLessons(s journal.Summary) bool {
	return len(s.Lessons) > 0 || len(s.BroughtBack) > 0
}

// encodeLessons is the lessons part of a summary.
func encodeLessons(s journal.Summary) []byte {
	return appendLessons([]byte{lessonsVersion}, s)
}

func appendLessons(b []byte, s journal.Summary) []byte {
	b = binary.AppendUvarint(b, uint64(len(s.Lessons)))
	for _, l := range s.Lessons {
		b = appendString(b, l)
	}
	b = appendString(b, s.Setback)
	b = binary.AppendUvarint(b, uint64(len(s.BroughtBack)))
	for _, r := range s.BroughtBack {
		b = appendString(b, r.Lesson.Date)
		b = appendString(b, r.Lesson.PromptID)
		b = appendString(b, r.StillTrue)
	}
	return b
}

// decodeSummary reads a summary's figures (version 3), or a whole summary
// kept before schema 3 (versions 1 and 2).
func decodeSummary(data []byte) (journal.Summary, error) {
	r := &recordReader{b: data, bad: errSummary}
	var s journal.Summary
	version := r.byte()
	if version != figuresVersion && version != summaryVersion && version != summaryVersionNoForm {
		return s, errSummary
	}
	s.Answers = r.uvarint()
	s.Wins = r.uvarint()
	s.Mood = int(r.byte())
	s.FollowUp = r.stringOf(followUps...)
	if version != figuresVersion {
		r.lessons(&s)
	}
	if version != summaryVersionNoForm {
		if form := int(r.byte()); form < len(stepForms) {
			s.Planned = stepForms[form]
		} else {
			r.fail()
		}
	}
	return s, r.end()
}

// decodeLessons reads a day's lessons into s.
func decodeLessons(data []byte, s *journal.Summary) error {
	r := sharing(data, errSummary)
	if r.byte() != lessonsVersion {
		return errSummary
	}
	r.lessons(s)
	return r.end()
}

func (r *recordReader) lessons(s *journal.Summary) {
	if n := r.count(); n > 0 {
		s.Lessons = make([]string, n)
		for i := range s.Lessons {
			s.Lessons[i] = r.string()
		}
	}
	s.Setback = r.string()
	if n := r.count(); n > 0 {
		s.BroughtBack = make([]journal.Revisit, n)
		for i := range s.BroughtBack {
			s.BroughtBack[i] = journal.Revisit{
				Lesson:    prompts.Ref{Date: r.string(), PromptID: r.string()},
				StillTrue: r.string(),
			}
		}
	}
}
