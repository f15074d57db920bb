package journal

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/reflect-cli/reflect/prompts"
)

// Period says what a review looks back on: a week, a month, a year, or any
// span of days.
type Period int

// The periods a review may cover.
const (
	AnySpan Period = iota
	AWeek
	AMonth
	AYear
)

// Review is a span of days looked back on: its entries, and what stands
// out across them.
type Review struct {
	Span   Span
	Period Period
	// Week, Month and Year name the span when it is one.
	Week    Week
	Month   Month
	Year    Year
	Entries []Entry // in date order, all within Span
	// Earlier holds the text of the earlier answers that the span's
	// answers come back to (steps followed up, lessons brought back), by
	// their link; answers whose text is not there are shown without it.
	Earlier map[prompts.Ref]string
}

// Read fills the review from the journal: the entries of its span, and the
// earlier answers they come back to. A span of days (not a week, month or
// year) that starts at Earliest (a range given only its end) starts at its
// first entry instead.
func (r Review) Read(s Store) (Review, error) {
	err := s.Read(func(rd Reader) error {
		err := rd.Range(r.Span.From, r.Span.To, func(e Entry) error {
			r.Entries = append(r.Entries, e)
			return nil
		})
		if err != nil {
			return err
		}
		r.Earlier, err = earlierAnswers(atHand{r.Entries, rd}, r.Links())
		return err
	})
	if err != nil {
		return Review{}, err
	}
	if r.Span.From == Earliest && r.Period == AnySpan {
		r.Span.From = r.Span.To
		if len(r.Entries) > 0 {
			r.Span.From = r.Entries[0].Date
		}
	}
	return r, nil
}

// entryReader is the one thing earlierAnswers reads: a day's entry.
type entryReader interface {
	Entry(d Day) (Entry, bool, error)
}

// atHand finds a day's entry among entries read already (in date order)
// before it reads it from the journal: most of what a review comes back
// to (yesterday's step) is in the review itself, and reading it again
// would cost most of a long review.
type atHand struct {
	entries []Entry
	journal entryReader
}

// Entry implements entryReader.
func (a atHand) Entry(d Day) (Entry, bool, error) {
	if e, ok := findEntry(a.entries, d); ok {
		return e, true, nil
	}
	return a.journal.Entry(d)
}

// findEntry finds the entry of a day among entries in date order.
func findEntry(entries []Entry, d Day) (Entry, bool) {
	i := sort.Search(len(entries), func(i int) bool { return !entries[i].Date.Before(d) })
	if i < len(entries) && entries[i].Date == d {
		return entries[i], true
	}
	return Entry{}, false
}

// earlierAnswers reads the text of the answers that links point at: for
// each, the last answer to its prompt in the entry of its date.
func earlierAnswers(r entryReader, links []prompts.Ref) (map[prompts.Ref]string, error) {
	texts := map[prompts.Ref]string{}
	for _, ref := range links {
		var day Day
		if _, done := texts[ref]; done || day.UnmarshalText([]byte(ref.Date)) != nil {
			continue
		}
		e, ok, err := r.Entry(day)
		if err != nil {
			return nil, err
		}
		for _, a := range e.Answers {
			// A lesson brought back is pointed at as the setback's lesson,
			// whether it was drawn that night or on a later evening.
			if ok && (a.PromptID == ref.PromptID || prompts.IsLesson(a.PromptID) && prompts.IsLesson(ref.PromptID)) {
				texts[ref] = a.Answer
			}
		}
	}
	return texts, nil
}

// FollowUp is a step followed up in the span: what it was, whether it was
// done, and what got in the way.
type FollowUp struct {
	Date     Day
	Step     string
	Result   string
	Obstacle string
}

// FollowUps returns the steps followed up in the span.
func (r Review) FollowUps() []FollowUp {
	var out []FollowUp
	for _, e := range r.Entries {
		for _, a := range e.Answers {
			switch {
			case a.FollowsUp == nil:
			case a.PromptID == prompts.FollowUpID:
				out = append(out, FollowUp{Date: e.Date, Step: r.Earlier[*a.FollowsUp], Result: a.Answer})
			case a.PromptID == prompts.ObstacleID && len(out) > 0 && out[len(out)-1].Date == e.Date:
				out[len(out)-1].Obstacle = a.Answer
			}
		}
	}
	return out
}

// CameBack is an earlier lesson brought back in the span.
type CameBack struct {
	Date      Day
	Lesson    string
	Drawn     prompts.Ref
	StillTrue string
}

// CameBack returns the earlier lessons brought back in the span.
func (r Review) CameBack() []CameBack {
	var out []CameBack
	for _, e := range r.Entries {
		for _, a := range e.Answers {
			if a.PromptID == prompts.StillTrueID && a.FollowsUp != nil {
				out = append(out, CameBack{Date: e.Date, Lesson: r.Earlier[*a.FollowsUp], Drawn: *a.FollowsUp, StillTrue: a.Answer})
			}
		}
	}
	return out
}

// Links returns the earlier answers the span's answers come back to, for
// filling in Earlier.
func (r Review) Links() []prompts.Ref {
	var out []prompts.Ref
	for _, e := range r.Entries {
		for _, a := range e.Answers {
			if a.FollowsUp != nil {
				out = append(out, *a.FollowsUp)
			}
		}
	}
	return out
}

// WeekReview returns the review of an ISO week.
func WeekReview(w Week, entries []Entry) Review {
	return Review{Span: w.Span(), Period: AWeek, Week: w, Entries: entries}
}

// MonthReview returns the review of a month.
func MonthReview(m Month, entries []Entry) Review {
	return Review{Span: m.Span(), Period: AMonth, Month: m, Entries: entries}
}

// YearReview returns the review of a year.
func YearReview(y Year, entries []Entry) Review {
	return Review{Span: y.Span(), Period: AYear, Year: y, Entries: entries}
}

// Name is what the review covers, as people write it: "2026-W47",
// "2026-11", "2026", or "2026-11-01 to 2026-11-07".
func (r Review) Name() string {
	switch r.Period {
	case AWeek:
		return r.Week.String()
	case AMonth:
		return r.Month.String()
	case AYear:
		return r.Year.String()
	}
	return fmt.Sprintf("%s to %s", r.Span.From, r.Span.To)
}

// SpanReview returns the review of any span of days.
func SpanReview(s Span, entries []Entry) Review {
	return Review{Span: s, Entries: entries}
}

// Reflected is the number of days with an entry.
func (r Review) Reflected() int { return len(r.Entries) }

// Moods returns each day's mood (the day's last answer to the mood prompt)
// and the average over the days that have one.
func (r Review) Moods() (byDay map[Day]int, average float64, ok bool) {
	byDay = map[Day]int{}
	sum := 0
	for _, e := range r.Entries {
		for _, a := range e.Answers {
			if a.PromptID != prompts.MoodID {
				continue
			}
			if n, err := strconv.Atoi(a.Answer); err == nil && n >= 1 && n <= 5 {
				byDay[e.Date] = n
			}
		}
		if n, has := byDay[e.Date]; has {
			sum += n
		}
	}
	if len(byDay) == 0 {
		return byDay, 0, false
	}
	return byDay, float64(sum) / float64(len(byDay)), true
}

// Highlight is one answer picked out for the review, with its day.
type Highlight struct {
	Date Day
	Text string
}

// Wins returns the small wins of the span.
func (r Review) Wins() []Highlight {
	return r.pick(func(a Answer) bool { return a.Theme == prompts.ThemeSmallWins })
}

// Lessons returns the lessons drawn in the span.
func (r Review) Lessons() []Highlight {
	return r.pick(func(a Answer) bool { return prompts.IsLesson(a.PromptID) })
}

// NextSteps returns the next steps planned in the span.
func (r Review) NextSteps() []Highlight {
	return r.pick(func(a Answer) bool { return a.Theme == prompts.ThemeNextStep })
}

func (r Review) pick(keep func(Answer) bool) []Highlight {
	var out []Highlight
	for _, e := range r.Entries {
		for _, a := range e.Answers {
			if keep(a) {
				out = append(out, Highlight{Date: e.Date, Text: a.Answer})
			}
		}
	}
	return out
}

// Display returns an answer as people read it, as the kind of its prompt in
// cat shows it (a scale's "4" as "4 of 5"); an answer to a prompt cat does
// not know is shown as it is.
func Display(a Answer, cat *prompts.Catalog) string {
	if p, ok := cat.Known(a.PromptID); ok {
		return p.Kind.Display(a.Answer)
	}
	return a.Answer
}
