package storage

import (
	"encoding/binary"
	"errors"
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

func decodeSummary(data []byte) (journal.Summary, error) {
	r := &recordReader{b: data, bad: errSummary}
	var s journal.Summary
	version := r.byte()
	if version != summaryVersion && version != summaryVersionNoForm {
		return s, errSummary
	}
	s.Answers = r.uvarint()
	s.Wins = r.uvarint()
	s.Mood = int(r.byte())
	s.FollowUp = r.string()
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
	if version == summaryVersion {
		if form := int(r.byte()); form < len(stepForms) {
			s.Planned = stepForms[form]
		} else {
			r.fail()
		}
	}
	return s, r.end()
}
