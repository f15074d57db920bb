package journal

import (
	"cmp"
	"slices"
	"strings"

	"github.com/reflect-cli/reflect/prompts"
)

// The figures that a month's or a year's review adds to a week's.

// FollowRate is how the steps followed up in a span went.
type FollowRate struct {
	Followed, Done, Partly, NotYet int
}

// FollowThrough counts the steps followed up in the span by how they went.
func (r Review) FollowThrough() FollowRate {
	return followRate(r.FollowUps())
}

func followRate(follow []FollowUp) FollowRate {
	var f FollowRate
	for _, fu := range follow {
		f.Followed++
		switch fu.Result {
		case prompts.Done:
			f.Done++
		case "partly":
			f.Partly++
		case "not yet":
			f.NotYet++
		}
	}
	return f
}

// Percent is the share of the steps followed up that were done, rounded,
// as stats shows it; ok is false when none were followed up.
func (f FollowRate) Percent() (percent int, ok bool) {
	if f.Followed == 0 {
		return 0, false
	}
	return (200*f.Done + f.Followed) / (2 * f.Followed), true
}

// ThemeWords is how much was written on one theme in a span.
type ThemeWords struct {
	Theme   string
	Answers int
	Words   int
}

// Themes returns the themes written about in the span, the most words
// first: the answers in words (a scale, a yes or no and a choice are not
// counted), by the theme of the prompt they answer.
func (r Review) Themes(cat *prompts.Catalog) []ThemeWords {
	var themes []ThemeWords
	index := map[string]int{}
	for _, e := range r.Entries {
		for _, a := range e.Answers {
			if p, known := cat.Known(a.PromptID); known && p.Kind != prompts.Short && p.Kind != prompts.Long {
				continue
			}
			words := len(strings.Fields(a.Answer))
			if words == 0 || a.Theme == "" {
				continue
			}
			i, seen := index[a.Theme]
			if !seen {
				i = len(themes)
				index[a.Theme] = i
				themes = append(themes, ThemeWords{Theme: a.Theme})
			}
			themes[i].Answers++
			themes[i].Words += words
		}
	}
	slices.SortStableFunc(themes, func(a, b ThemeWords) int {
		return cmp.Or(b.Words-a.Words, strings.Compare(a.Theme, b.Theme))
	})
	return themes
}

// LongestRun is the most days in a row the span has an entry on.
func (r Review) LongestRun() int {
	longest, run := 0, 0
	var prev Day
	for i, e := range r.Entries {
		if i > 0 && e.Date == prev.AddDays(1) {
			run++
		} else {
			run = 1
		}
		longest = max(longest, run)
		prev = e.Date
	}
	return longest
}

// WeekRow is one ISO week of a span, as a year's review shows it.
type WeekRow struct {
	Week Week
	// Days is how many of the week's days fall within the span, Reflected
	// how many of those have an entry.
	Days, Reflected int
	// Mood is the week's average mood, when HasMood: some day has one.
	Mood    float64
	HasMood bool
}

// Weeks returns a row for each ISO week that overlaps the span, in order.
func (r Review) Weeks() []WeekRow {
	moods, _, _ := r.Moods()
	written := map[Day]bool{}
	for _, e := range r.Entries {
		written[e.Date] = true
	}
	var rows []WeekRow
	for week := WeekOf(r.Span.From); !week.Monday().After(r.Span.To); week = WeekOf(week.Monday().AddDays(7)) {
		row := WeekRow{Week: week}
		sum, n := 0, 0
		for d := week.Monday(); !d.After(week.Sunday()); d = d.AddDays(1) {
			if !r.Span.Contains(d) {
				continue
			}
			row.Days++
			if written[d] {
				row.Reflected++
			}
			if m, ok := moods[d]; ok {
				sum += m
				n++
			}
		}
		if n > 0 {
			row.Mood, row.HasMood = float64(sum)/float64(n), true
		}
		rows = append(rows, row)
	}
	return rows
}

// MonthRow is one month of a span and how its followed-up steps went, as a
// year's review shows it.
type MonthRow struct {
	Month  Month
	Follow FollowRate
}

// FollowThroughByMonth returns the follow-through of each month of the
// span that has a step followed up, in order.
func (r Review) FollowThroughByMonth() []MonthRow {
	var rows []MonthRow
	follow := r.FollowUps()
	for start := 0; start < len(follow); {
		month := MonthOf(follow[start].Date)
		end := start
		for end < len(follow) && MonthOf(follow[end].Date) == month {
			end++
		}
		rows = append(rows, MonthRow{Month: month, Follow: followRate(follow[start:end])})
		start = end
	}
	return rows
}

// DrawnLesson is one lesson drawn in a span and the days it was drawn on:
// lessons that say the same thing (SameLesson) are one.
type DrawnLesson struct {
	Lesson string // as written most recently
	Days   []Day
}

// DrawnLessons returns the lessons drawn in the span, the same lesson once,
// in the order they were first drawn.
func (r Review) DrawnLessons() []DrawnLesson {
	var out []DrawnLesson
	index := map[string]int{}
	for _, h := range r.Lessons() {
		key := LessonKey(h.Text)
		i, seen := index[key]
		if !seen {
			i = len(out)
			index[key] = i
			out = append(out, DrawnLesson{})
		}
		out[i].Lesson = h.Text
		out[i].Days = append(out[i].Days, h.Date)
	}
	return out
}
