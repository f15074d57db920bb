package journal

import (
	"strconv"

	"github.com/reflect-cli/reflect/prompts"
)

// Review is a span of days looked back on: its entries, and what stands
// out across them.
type Review struct {
	Span Span
	// Week is the ISO week the span is, when IsWeek.
	Week    Week
	IsWeek  bool
	Entries []Entry // in date order, all within Span
}

// WeekReview returns the review of an ISO week.
func WeekReview(w Week, entries []Entry) Review {
	return Review{Span: w.Span(), Week: w, IsWeek: true, Entries: entries}
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
	return r.pick(func(a Answer) bool { return a.PromptID == prompts.LessonID })
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

// Display returns an answer as people read it: a scale's "4" as "4 of 5".
func Display(a Answer, cat *prompts.Catalog) string {
	if p, ok := cat.Lookup(a.PromptID); ok && p.Kind == prompts.Scale && len(a.Answer) == 1 {
		return a.Answer + " of 5"
	}
	return a.Answer
}
