package journal

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/reflect-cli/reflect/prompts"
)

// jrnlEntry is one entry of jrnl's JSON export (jrnl --format json).
type jrnlEntry struct {
	Title   string   `json:"title"`
	Body    string   `json:"body"`
	Date    string   `json:"date"`
	Time    string   `json:"time"`
	Tags    []string `json:"tags"`
	Starred bool     `json:"starred"`
}

// ReadJrnl reads jrnl's JSON export. Each jrnl entry becomes an answer to
// the free-writing prompt (its question given by question and theme) in the
// entry of its date, with its tags kept ("starred" added for a starred one).
// Times are read in loc. Entries come back in date order.
func ReadJrnl(r io.Reader, loc *time.Location, theme, question string) ([]Entry, error) {
	raws, err := readExport(r, "jrnl's JSON export", "jrnl's JSON export (jrnl --format json)")
	if err != nil {
		return nil, err
	}
	byDay := map[Day]*Entry{}
	for i, raw := range raws {
		var je jrnlEntry
		if err := decodeExported(raw, i, &je); err != nil {
			return nil, err
		}
		at, err := jrnlTime(je, loc)
		if err != nil {
			return nil, &InputError{Entry: i + 1, Date: je.Date, Field: err.field, Reason: err.reason}
		}
		if err := CheckDate(DayOf(at)); err != nil {
			return nil, &InputError{Entry: i + 1, Date: je.Date, Field: "date", Reason: err.Error()}
		}
		text := strings.TrimSpace(je.Title)
		if body := strings.TrimSpace(je.Body); body != "" {
			text = strings.TrimSpace(text + "\n" + body)
		}
		if text == "" {
			continue // an empty jrnl entry holds no words to keep
		}
		tags := append([]string(nil), je.Tags...)
		if je.Starred {
			tags = append(tags, "starred")
		}
		day := DayOf(at)
		e := byDay[day]
		if e == nil {
			e = &Entry{Date: day, CreatedAt: at, UpdatedAt: at}
			byDay[day] = e
		}
		if at.Before(e.CreatedAt) {
			e.CreatedAt = at
		}
		if at.After(e.UpdatedAt) {
			e.UpdatedAt = at
		}
		e.Answers = append(e.Answers, Answer{PromptID: prompts.FreeNoteID, Theme: theme, Question: question, Answer: text, Tags: tags})
	}
	entries := make([]Entry, 0, len(byDay))
	for _, e := range byDay {
		entries = append(entries, *e)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Date.Before(entries[j].Date) })
	return entries, nil
}

type jrnlProblem struct{ field, reason string }

// jrnlTime reads a jrnl entry's date and time (HH:MM, midnight if absent).
func jrnlTime(je jrnlEntry, loc *time.Location) (time.Time, *jrnlProblem) {
	d, err := time.ParseInLocation(DayLayout, je.Date, loc)
	if err != nil {
		return time.Time{}, &jrnlProblem{"date", fmt.Sprintf("%q is not of the form YYYY-MM-DD", je.Date)}
	}
	if je.Time == "" {
		return d, nil
	}
	clock, err := time.Parse("15:04", je.Time)
	if err != nil {
		return time.Time{}, &jrnlProblem{"time", fmt.Sprintf("%q is not of the form HH:MM", je.Time)}
	}
	return time.Date(d.Year(), d.Month(), d.Day(), clock.Hour(), clock.Minute(), 0, 0, loc), nil
}

// readExport reads another journal's JSON export, an object whose
// "entries" array holds its entries (jrnl's and Day One's both are), and
// returns them undecoded. what names the export in errors, and expected
// says what was expected where there is no such array.
func readExport(r io.Reader, what, expected string) ([]json.RawMessage, error) {
	data, err := readEntriesFile(r)
	if err != nil {
		return nil, err
	}
	var file struct {
		Entries *[]json.RawMessage `json:"entries"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		return nil, syntaxProblem(data, err, what+", an object with \"entries\"")
	}
	if file.Entries == nil {
		return nil, &InputError{Reason: "no \"entries\" array: expected " + expected}
	}
	return *file.Entries, nil
}

// decodeExported decodes the entry at index i of an export into v; a
// field of the wrong type is an *InputError that names it.
func decodeExported(raw json.RawMessage, i int, v any) error {
	if err := json.Unmarshal(raw, v); err != nil {
		var typ *json.UnmarshalTypeError
		field := ""
		if errors.As(err, &typ) {
			field = typ.Field
		}
		return &InputError{Entry: i + 1, Field: field, Reason: "has the wrong type"}
	}
	return nil
}
