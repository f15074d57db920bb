package journal

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // Day One's time zones, where the system has no zone files (Windows)

	"github.com/reflect-cli/reflect/prompts"
)

// dayOneEntry is one entry of Day One's JSON export.
type dayOneEntry struct {
	UUID         string   `json:"uuid"`
	CreationDate string   `json:"creationDate"` // UTC, RFC 3339
	ModifiedDate string   `json:"modifiedDate"`
	TimeZone     string   `json:"timeZone"` // an IANA name, such as Europe/Berlin
	Tags         []string `json:"tags"`
	Starred      bool     `json:"starred"`
	Text         string   `json:"text"`
}

// ReadDayOne reads Day One's JSON export ({"metadata": …, "entries": […]}).
// Each Day One entry becomes an answer to the free-writing prompt (its
// question given by question and theme) in the entry of its local day, in
// its own time zone (loc where it names none), with its tags kept
// ("starred" added for a starred one) and Day One's backslash escapes of
// Markdown punctuation (\. \( \- \!) taken out. Several on one day come in
// time order. Entries come back in date order; imported twice, they merge
// into nothing new.
func ReadDayOne(r io.Reader, loc *time.Location, theme, question string) ([]Entry, error) {
	raws, err := readExport(r, "Day One's JSON export", "Day One's JSON export")
	if err != nil {
		return nil, err
	}
	type dated struct {
		at, modified time.Time
		answer       Answer
	}
	byDay := map[Day][]dated{}
	for i, raw := range raws {
		var de dayOneEntry
		if err := decodeExported(raw, i, &de); err != nil {
			return nil, err
		}
		at, err := time.Parse(time.RFC3339, de.CreationDate)
		if err != nil {
			return nil, &InputError{Entry: i + 1, Field: "creationDate", Reason: fmt.Sprintf("%q is not a time such as 2026-11-20T20:14:03Z", de.CreationDate)}
		}
		zone := loc
		if de.TimeZone != "" {
			if zone, err = time.LoadLocation(de.TimeZone); err != nil {
				return nil, &InputError{Entry: i + 1, Field: "timeZone", Reason: fmt.Sprintf("%q is not a time zone", de.TimeZone)}
			}
		}
		at = at.In(zone)
		modified := at
		if m, err := time.Parse(time.RFC3339, de.ModifiedDate); err == nil && m.After(at) {
			modified = m.In(zone)
		}
		day := DayOf(at)
		if err := CheckDate(day); err != nil {
			return nil, &InputError{Entry: i + 1, Field: "creationDate", Reason: err.Error()}
		}
		text := strings.TrimSpace(unescapeDayOne(de.Text))
		if text == "" {
			continue // an empty Day One entry holds no words to keep
		}
		tags := slices.Clone(de.Tags)
		if de.Starred {
			tags = append(tags, "starred")
		}
		byDay[day] = append(byDay[day], dated{at, modified, Answer{PromptID: prompts.FreeNoteID, Theme: theme, Question: question, Answer: text, Tags: tags}})
	}
	entries := make([]Entry, 0, len(byDay))
	for day, ds := range byDay {
		slices.SortStableFunc(ds, func(a, b dated) int { return a.at.Compare(b.at) })
		e := Entry{Date: day, CreatedAt: ds[0].at, UpdatedAt: ds[0].modified}
		for _, d := range ds {
			if d.modified.After(e.UpdatedAt) {
				e.UpdatedAt = d.modified
			}
			e.Answers = append(e.Answers, d.answer)
		}
		entries = append(entries, e)
	}
	slices.SortFunc(entries, func(a, b Entry) int { return strings.Compare(a.Date.String(), b.Date.String()) })
	return entries, nil
}

// unescapeDayOne takes out the backslashes Day One puts before Markdown
// punctuation (\. \( \) \- \! and the rest of ASCII's punctuation); a
// backslash before anything else stays.
func unescapeDayOne(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
