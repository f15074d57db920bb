package storage

import (
	"encoding/binary"
	"errors"
	"math"
	"slices"

	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/prompts"
)

// Day summaries are read by the thousand (stats, lessons), so they are
// kept in a compact binary form rather than JSON:
//
//	version 2 (a byte)
//	answers, wins (uvarints), mood (a byte), follow-up (a string)
//	lessons (a count, then strings), setback (a string)
//	lessons brought back (a count, then date, prompt id and answer strings)
//	the planned step's form (a byte: 0 none, 1 plain, 2 if-then)
//
// where a string is a uvarint length and its bytes. Version 1 is the same
// without the last byte: its summaries are read as they are, with no form
// (a journal's summaries are not all rewritten for a field stats can do
// without), and the next save of the day writes version 2.

const (
	summaryVersion = 2
	// summaryVersionNoForm is the version of summaries kept before the
	// planned step's form was.
	summaryVersionNoForm = 1
)

// stepForms are the planned step's forms, by the byte that keeps them.
var stepForms = []string{"", prompts.FormPlain, prompts.FormIfThen}

var errSummary = errors.New("summary cannot be read")

func encodeSummary(s journal.Summary) []byte {
	b := []byte{summaryVersion}
	b = binary.AppendUvarint(b, uint64(s.Answers))
	b = binary.AppendUvarint(b, uint64(s.Wins))
	b = append(b, byte(s.Mood))
	b = appendString(b, s.FollowUp)
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
	return append(b, byte(max(0, slices.Index(stepForms, s.Planned))))
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// summaryReader reads the fields of an encoded summary in turn; the first
// problem sticks.
type summaryReader struct {
	b   []byte
	err error
}

func (r *summaryReader) uvarint() int {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 || v > math.MaxInt32 {
		r.err = errSummary
		return 0
	}
	r.b = r.b[n:]
	return int(v)
}

func (r *summaryReader) byte() byte {
	if r.err != nil || len(r.b) == 0 {
		r.err = errSummary
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *summaryReader) string() string {
	n := r.uvarint()
	if r.err != nil || n > len(r.b) {
		r.err = errSummary
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func decodeSummary(data []byte) (journal.Summary, error) {
	r := &summaryReader{b: data}
	var s journal.Summary
	version := r.byte()
	if version != summaryVersion && version != summaryVersionNoForm {
		return s, errSummary
	}
	s.Answers = r.uvarint()
	s.Wins = r.uvarint()
	s.Mood = int(r.byte())
	s.FollowUp = r.string()
	if n := r.uvarint(); n > 0 && n <= len(r.b) {
		s.Lessons = make([]string, n)
		for i := range s.Lessons {
			s.Lessons[i] = r.string()
		}
	}
	s.Setback = r.string()
	if n := r.uvarint(); n > 0 && n <= len(r.b) {
		s.BroughtBack = make([]journal.Revisit, n)
		for i := range s.BroughtBack {
			s.BroughtBack[i] = journal.Revisit{
				Lesson:    prompts.Ref{Date: r.string(), PromptID: r.string()},
				StillTrue: r.string(),
			}
		}
	}
	if version == summaryVersion {
		if form := int(r.byte()); form < len(stepForms) {
			s.Planned = stepForms[form]
		} else if r.err == nil {
			r.err = errSummary
		}
	}
	if r.err == nil && len(r.b) != 0 {
		r.err = errSummary
	}
	return s, r.err
}
