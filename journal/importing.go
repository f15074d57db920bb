package journal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/reflect-cli/reflect/prompts"
)

// InputError says what is wrong with a file of entries that is being read
// in: which entry, which field, and why. Nothing of such a file is used.
type InputError struct {
	Entry  int    // 1-based position in the file; 0 for the file as a whole
	Date   string // the entry's date as written, when it has one
	Field  string // such as "answers[2].prompt_id"
	Reason string
}

// Error implements error.
func (e *InputError) Error() string {
	var where []string
	if e.Entry > 0 {
		w := fmt.Sprintf("entry %d", e.Entry)
		if e.Date != "" {
			w += " (" + e.Date + ")"
		}
		where = append(where, w)
	}
	if e.Field != "" {
		where = append(where, e.Field)
	}
	if len(where) == 0 {
		return e.Reason
	}
	return strings.Join(where, ": ") + ": " + e.Reason
}

// rawEntry and rawAnswer hold an entry as written, so that each field can be
// checked and a problem named precisely.
type rawEntry struct {
	Date      json.RawMessage `json:"date"`
	CreatedAt json.RawMessage `json:"created_at"`
	UpdatedAt json.RawMessage `json:"updated_at"`
	Answers   json.RawMessage `json:"answers"`
}

type rawAnswer struct {
	PromptID json.RawMessage `json:"prompt_id"`
	Theme    json.RawMessage `json:"theme"`
	Question json.RawMessage `json:"question"`
	Answer   json.RawMessage `json:"answer"`
	Tags     json.RawMessage `json:"tags"`
	Follows  json.RawMessage `json:"follows_up"`
}

// MaxEntriesFile is the largest file import reads, in bytes: 128 MiB holds
// a hundred years of evenings at 3.6 KB each, nearly twice a full evening's
// JSON. A larger journal is exported and imported in parts (--since,
// --until).
const MaxEntriesFile = 128 << 20

// entriesLimit is MaxEntriesFile; tests lower it.
var entriesLimit int64 = MaxEntriesFile

// readEntriesFile reads a whole file of entries, at most entriesLimit
// bytes of it: an endless input (/dev/zero) is refused, not read until
// memory runs out.
func readEntriesFile(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, entriesLimit+1))
	if err != nil {
		return nil, fmt.Errorf("reading entries: %w", err)
	}
	if int64(len(data)) > entriesLimit {
		return nil, &InputError{Reason: fmt.Sprintf("the file is larger than %d MiB, the most import reads at once; import it in parts, a few years each", entriesLimit>>20)}
	}
	return withoutBOM(data), nil
}

// withoutBOM drops the byte order mark that some editors (Notepad, among
// others) put at the start of a UTF-8 file: it is not part of the JSON.
func withoutBOM(data []byte) []byte { return bytes.TrimPrefix(data, []byte("\uFEFF")) }

// ReadEntries reads entries in the JSON form of entries (an array, as
// export and log --json write it). Fields it does not know are ignored.
// created_at and updated_at may be left out; they are then now. Any problem
// is an *InputError naming the entry and the field.
func ReadEntries(r io.Reader, now time.Time) ([]Entry, error) {
	data, err := readEntriesFile(r)
	if err != nil {
		return nil, err
	}
	now = now.Round(0).Truncate(time.Second)
	if entries, ok := readWellFormed(data, now); ok {
		return entries, nil
	}
	// The file has a problem somewhere: read it again field by field to say
	// exactly where.
	var raws []rawEntry
	if err := json.Unmarshal(data, &raws); err != nil {
		return nil, syntaxProblem(data, err, "an array of entries")
	}
	entries := make([]Entry, 0, len(raws))
	for i, raw := range raws {
		e, err := raw.entry(now)
		if err != nil {
			err.Entry = i + 1
			if err.Date == "" {
				_ = json.Unmarshal(raw.Date, &err.Date)
			}
			return nil, err
		}
		entries = append(entries, e)
	}
	return entries, nil
}

// readWellFormed reads entries in one pass, as they nearly always are: all
// fields there and of the right types. ok is false at the first sign of a
// problem, which the careful reading then names.
func readWellFormed(data []byte, now time.Time) (entries []Entry, ok bool) {
	type answer struct {
		PromptID *string      `json:"prompt_id"`
		Theme    string       `json:"theme"`
		Question string       `json:"question"`
		Answer   *string      `json:"answer"`
		Tags     []string     `json:"tags"`
		Follows  *prompts.Ref `json:"follows_up"`
	}
	var in []struct {
		Date      *Day       `json:"date"`
		CreatedAt *time.Time `json:"created_at"`
		UpdatedAt *time.Time `json:"updated_at"`
		Answers   []answer   `json:"answers"`
	}
	if json.Unmarshal(data, &in) != nil {
		return nil, false
	}
	entries = make([]Entry, len(in))
	for i, e := range in {
		if e.Date == nil || len(e.Answers) == 0 || CheckDate(*e.Date) != nil {
			return nil, false
		}
		out := Entry{Date: *e.Date, CreatedAt: now, UpdatedAt: now, Answers: make([]Answer, len(e.Answers))}
		if e.CreatedAt != nil {
			out.CreatedAt = *e.CreatedAt
		}
		if e.UpdatedAt != nil {
			out.UpdatedAt = *e.UpdatedAt
		}
		for k, a := range e.Answers {
			if a.PromptID == nil || strings.TrimSpace(*a.PromptID) == "" || a.Answer == nil || badRef(a.Follows) {
				return nil, false
			}
			answer, err := importedAnswer(*a.PromptID, *a.Answer)
			if err != nil {
				return nil, false
			}
			out.Answers[k] = Answer{PromptID: *a.PromptID, Theme: a.Theme, Question: a.Question, Answer: answer, Tags: a.Tags, FollowsUp: a.Follows}
		}
		entries[i] = out
	}
	return entries, true
}

func (raw rawEntry) entry(now time.Time) (Entry, *InputError) {
	var e Entry
	var date string
	if err := field(raw.Date, &date, true); err != nil {
		return e, &InputError{Field: "date", Reason: err.Error()}
	}
	if err := e.Date.UnmarshalText([]byte(date)); err != nil {
		return e, &InputError{Date: date, Field: "date", Reason: err.Error()}
	}
	if err := CheckDate(e.Date); err != nil {
		return e, &InputError{Date: date, Field: "date", Reason: err.Error()}
	}
	for _, t := range []struct {
		name string
		raw  json.RawMessage
		into *time.Time
	}{{"created_at", raw.CreatedAt, &e.CreatedAt}, {"updated_at", raw.UpdatedAt, &e.UpdatedAt}} {
		*t.into = now
		if isAbsent(t.raw) {
			continue
		}
		if err := json.Unmarshal(t.raw, t.into); err != nil {
			return e, &InputError{Date: date, Field: t.name, Reason: "must be a time such as 2026-11-20T21:14:03+01:00"}
		}
	}
	var answers []rawAnswer
	if isAbsent(raw.Answers) {
		return e, &InputError{Date: date, Field: "answers", Reason: "is missing"}
	}
	if err := json.Unmarshal(raw.Answers, &answers); err != nil {
		return e, &InputError{Date: date, Field: "answers", Reason: "must be an array of answers"}
	}
	if len(answers) == 0 {
		return e, &InputError{Date: date, Field: "answers", Reason: "is empty: an entry holds at least one answer"}
	}
	for i, ra := range answers {
		a, err := ra.answer()
		if err != nil {
			err.Date = date
			err.Field = fmt.Sprintf("answers[%d].%s", i, err.Field)
			return e, err
		}
		e.Answers = append(e.Answers, a)
	}
	return e, nil
}

func (raw rawAnswer) answer() (Answer, *InputError) {
	var a Answer
	for _, f := range []struct {
		name     string
		raw      json.RawMessage
		into     *string
		required bool
	}{
		{"prompt_id", raw.PromptID, &a.PromptID, true},
		{"theme", raw.Theme, &a.Theme, false},
		{"question", raw.Question, &a.Question, false},
		{"answer", raw.Answer, &a.Answer, true},
	} {
		if err := field(f.raw, f.into, f.required); err != nil {
			return a, &InputError{Field: f.name, Reason: err.Error()}
		}
	}
	if strings.TrimSpace(a.PromptID) == "" {
		return a, &InputError{Field: "prompt_id", Reason: "is empty"}
	}
	if !isAbsent(raw.Tags) {
		if err := json.Unmarshal(raw.Tags, &a.Tags); err != nil {
			return a, &InputError{Field: "tags", Reason: "must be an array of strings"}
		}
	}
	if !isAbsent(raw.Follows) {
		if err := json.Unmarshal(raw.Follows, &a.FollowsUp); err != nil || badRef(a.FollowsUp) {
			return a, &InputError{Field: "follows_up", Reason: `must be {"date": "YYYY-MM-DD", "prompt_id": "…"}`}
		}
	}
	answer, err := importedAnswer(a.PromptID, a.Answer)
	if err != nil {
		return a, &InputError{Field: "answer", Reason: err.Error()}
	}
	a.Answer = answer
	return a, nil
}

// importedAnswer is an answer as import keeps it: as it is, but for whether
// a lesson still holds, which is read as yes or no wherever it is shown:
// "Yes" and "y" are kept as yes, as 'reflect edit' keeps them, and anything
// else is refused.
func importedAnswer(promptID, answer string) (string, error) {
	if promptID != prompts.StillTrueID {
		return answer, nil
	}
	yesNo, err := prompts.YesNo.Parse(answer, nil)
	if err != nil {
		return "", fmt.Errorf("%s wants yes or no: %v", prompts.StillTrueID, err)
	}
	return yesNo, nil
}

// badRef reports whether a link to an earlier answer is there but broken.
func badRef(r *prompts.Ref) bool {
	if r == nil {
		return false
	}
	var d Day
	return d.UnmarshalText([]byte(r.Date)) != nil || strings.TrimSpace(r.PromptID) == ""
}

// field decodes a JSON string.
func field(raw json.RawMessage, into *string, required bool) error {
	if isAbsent(raw) {
		if required {
			return errors.New("is missing")
		}
		return nil
	}
	if err := json.Unmarshal(raw, into); err != nil {
		return errors.New("must be a string")
	}
	return nil
}

func isAbsent(raw json.RawMessage) bool {
	return len(raw) == 0 || bytes.Equal(raw, []byte("null"))
}

// syntaxProblem describes a file that is not the JSON expected, with the
// line and column where reading stopped.
func syntaxProblem(data []byte, err error, want string) *InputError {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return &InputError{Reason: "the file is empty; expected " + want}
	case errors.As(err, &syn):
		line, col := position(data, syn.Offset)
		return &InputError{Reason: fmt.Sprintf("line %d, column %d: %v", line, col, syn)}
	case errors.As(err, &typ) && typ.Field == "":
		return &InputError{Reason: fmt.Sprintf("expected %s, found a JSON %s", want, typ.Value)}
	case errors.As(err, &typ):
		line, col := position(data, typ.Offset)
		return &InputError{Reason: fmt.Sprintf("line %d, column %d: %s must not be a JSON %s", line, col, typ.Field, typ.Value)}
	}
	return &InputError{Reason: err.Error()}
}

// position turns a byte offset into a 1-based line and column.
func position(data []byte, offset int64) (line, col int) {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(offset) - (bytes.LastIndexByte(before, '\n') + 1)
	if col < 1 {
		col = 1
	}
	return line, col
}
