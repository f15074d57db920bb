package journal

import (
	"math"

	"github.com/reflect-cli/reflect/prompts"
)

// Stats are the figures of `reflect stats`, as of one day.
type Stats struct {
	Today     Day `json:"today"`
	Entries   int `json:"entries"`
	Answers   int `json:"answers"`
	SmallWins int `json:"small_wins"`
	Streak    struct {
		// Current counts the days with an entry up to today, or up to
		// yesterday while today has none yet: the evening is not over.
		Current int `json:"current"`
		Longest int `json:"longest"`
		// LongestEnd is the last day of the longest streak.
		LongestEnd *Day `json:"longest_end,omitempty"`
	} `json:"streak"`
	FollowThrough struct {
		Done   int `json:"done"`
		Partly int `json:"partly"`
		NotYet int `json:"not_yet"`
		// Rate is the share of steps done, 0 to 1; nil with none followed up.
		Rate *float64 `json:"rate"`
	} `json:"follow_through"`
	// MoodByWeek is the average mood of each of the last MoodWeeks weeks,
	// oldest first; nil for a week without one.
	MoodByWeek []WeekMood `json:"mood_by_week"`
	// Days holds the answers of each day of the last HeatmapWeeks weeks,
	// Monday first, up to today.
	Days []DayCount `json:"days"`
}

// WeekMood is a week's average mood.
type WeekMood struct {
	Week    string   `json:"week"`
	Average *float64 `json:"average"`
}

// DayCount is how many answers a day has.
type DayCount struct {
	Date    Day `json:"date"`
	Answers int `json:"answers"`
}

// How far back stats look for the mood sparkline and the calendar.
const (
	MoodWeeks    = 12
	HeatmapWeeks = 26
)

// StatsBuilder gathers Stats from day summaries given oldest first.
type StatsBuilder struct {
	s        Stats
	run      int // the streak ending on last
	last     Day
	haveLast bool
	moodSum  map[Week][2]int // total and count of moods
	answers  map[Day]int
	heatFrom Day
	moodFrom Day
}

// NewStats starts the figures as of today.
func NewStats(today Day) *StatsBuilder {
	b := &StatsBuilder{moodSum: map[Week][2]int{}, answers: map[Day]int{}}
	b.s.Today = today
	b.heatFrom = WeekOf(today).Monday().AddDays(-7 * (HeatmapWeeks - 1))
	b.moodFrom = WeekOf(today).Monday().AddDays(-7 * (MoodWeeks - 1))
	return b
}

// Add takes in one day's summary; days must come oldest first. Days after
// today are left out.
func (b *StatsBuilder) Add(sum Summary) {
	if sum.Date.After(b.s.Today) || sum.Answers == 0 {
		return
	}
	b.s.Entries++
	b.s.Answers += sum.Answers
	b.s.SmallWins += sum.Wins
	switch sum.FollowUp {
	case prompts.Done:
		b.s.FollowThrough.Done++
	case "partly":
		b.s.FollowThrough.Partly++
	case "not yet":
		b.s.FollowThrough.NotYet++
	}
	if b.haveLast && sum.Date == b.last.AddDays(1) {
		b.run++
	} else {
		b.run = 1
	}
	b.last, b.haveLast = sum.Date, true
	if b.run > b.s.Streak.Longest {
		b.s.Streak.Longest = b.run
		end := sum.Date
		b.s.Streak.LongestEnd = &end
	}
	if !sum.Date.Before(b.moodFrom) && sum.Mood > 0 {
		w := WeekOf(sum.Date)
		m := b.moodSum[w]
		b.moodSum[w] = [2]int{m[0] + sum.Mood, m[1] + 1}
	}
	if !sum.Date.Before(b.heatFrom) {
		b.answers[sum.Date] = sum.Answers
	}
}

// Stats returns the figures.
func (b *StatsBuilder) Stats() Stats {
	s := b.s
	if b.haveLast && (b.last == s.Today || b.last == s.Today.AddDays(-1)) {
		s.Streak.Current = b.run
	}
	f := &s.FollowThrough
	if total := f.Done + f.Partly + f.NotYet; total > 0 {
		rate := math.Round(float64(f.Done)/float64(total)*1000) / 1000
		f.Rate = &rate
	}
	s.MoodByWeek = make([]WeekMood, 0, MoodWeeks)
	for d := b.moodFrom; !d.After(s.Today); d = d.AddDays(7) {
		w := WeekOf(d)
		wm := WeekMood{Week: w.String()}
		if m := b.moodSum[w]; m[1] > 0 {
			avg := math.Round(float64(m[0])/float64(m[1])*10) / 10
			wm.Average = &avg
		}
		s.MoodByWeek = append(s.MoodByWeek, wm)
	}
	s.Days = make([]DayCount, 0, 7*HeatmapWeeks)
	for d := b.heatFrom; !d.After(s.Today); d = d.AddDays(1) {
		s.Days = append(s.Days, DayCount{Date: d, Answers: b.answers[d]})
	}
	return s
}
