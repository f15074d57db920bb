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
	// NeverMissedTwice counts the days written in the run that reaches
	// today (or, today not written yet, yesterday or the day before)
	// without two days missed in a row: one missed day does not break a
	// habit. It is stats' headline figure.
	NeverMissedTwice int `json:"never_missed_twice"`
	Streak           struct {
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
	// StepsByWeek is how the planned steps followed up in each of the last
	// MoodWeeks weeks went, oldest first.
	StepsByWeek []WeekSteps `json:"steps_by_week"`
	// FollowThroughByForm sets steps planned as "When/If …, I will …"
	// against plain ones. Only steps whose form is known are counted: those
	// planned since reflect notes it.
	FollowThroughByForm struct {
		IfThen StepCount `json:"if_then"`
		Plain  StepCount `json:"plain"`
	} `json:"follow_through_by_form"`
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

// StepCount is how many planned steps were followed up, and how many of
// them were done.
type StepCount struct {
	FollowedUp int `json:"followed_up"`
	Done       int `json:"done"`
	// Rate is the share done, 0 to 1; nil with none followed up.
	Rate *float64 `json:"rate"`
}

// WeekSteps is how the steps followed up in a week went.
type WeekSteps struct {
	Week string `json:"week"`
	StepCount
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
	s   Stats
	run int // the streak ending on last
	// longestEnd is the last day of the longest streak so far.
	longestEnd Day
	loose      int // the days written in the run ending on last with no two missed in a row
	last       Day
	haveLast   bool
	moodSum    map[Week][2]int // total and count of moods
	steps      map[Week]StepCount
	// planned is the form of the latest step planned and not yet followed
	// up, and plannedOn its day: the next follow-up is of that step, as
	// History finds it.
	planned   string
	plannedOn Day
	answers   map[Day]int
	heatFrom  Day
	moodFrom  Day
}

// NewStats starts the figures as of today.
func NewStats(today Day) *StatsBuilder {
	b := &StatsBuilder{moodSum: map[Week][2]int{}, steps: map[Week]StepCount{}, answers: map[Day]int{}}
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
	b.addSteps(sum)
	gap := daysBetween(b.last, sum.Date) // days since the last day written
	if b.haveLast && gap == 1 {
		b.run++
	} else {
		b.run = 1
	}
	if b.haveLast && gap <= 2 {
		b.loose++
	} else {
		b.loose = 1
	}
	b.last, b.haveLast = sum.Date, true
	if b.run > b.s.Streak.Longest {
		b.s.Streak.Longest, b.longestEnd = b.run, sum.Date
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

// addSteps counts a day's follow-up by its week and by the form of the
// step it followed up, then notes the step the day planned.
func (b *StatsBuilder) addSteps(sum Summary) {
	if sum.FollowUp != "" {
		done := sum.FollowUp == prompts.Done
		if !sum.Date.Before(b.moodFrom) {
			w := WeekOf(sum.Date)
			b.steps[w] = b.steps[w].add(done)
		}
		if b.planned != "" && daysBetween(b.plannedOn, sum.Date) <= FollowUpWindow {
			byForm := &b.s.FollowThroughByForm
			switch b.planned {
			case prompts.FormIfThen:
				byForm.IfThen = byForm.IfThen.add(done)
			case prompts.FormPlain:
				byForm.Plain = byForm.Plain.add(done)
			}
		}
		b.planned = ""
	}
	if sum.Planned != "" {
		b.planned, b.plannedOn = sum.Planned, sum.Date
	}
}

// add counts one more step followed up.
func (c StepCount) add(done bool) StepCount {
	c.FollowedUp++
	if done {
		c.Done++
	}
	return c // its Rate is worked out once, in Stats
}

// withRate returns the count with its Rate.
func (c StepCount) withRate() StepCount {
	c.Rate = share(c.Done, c.FollowedUp)
	return c
}

// share is part of whole, rounded to three places; nil when whole is 0.
func share(part, whole int) *float64 {
	if whole == 0 {
		return nil
	}
	r := math.Round(float64(part)/float64(whole)*1000) / 1000
	return &r
}

// Stats returns the figures.
func (b *StatsBuilder) Stats() Stats {
	s := b.s
	if b.haveLast && (b.last == s.Today || b.last == s.Today.AddDays(-1)) {
		s.Streak.Current = b.run
	}
	if b.haveLast && !b.last.Before(s.Today.AddDays(-2)) {
		s.NeverMissedTwice = b.loose
	}
	if s.Streak.Longest > 0 {
		end := b.longestEnd
		s.Streak.LongestEnd = &end
	}
	f := &s.FollowThrough
	f.Rate = share(f.Done, f.Done+f.Partly+f.NotYet)
	byForm := &s.FollowThroughByForm
	byForm.IfThen, byForm.Plain = byForm.IfThen.withRate(), byForm.Plain.withRate()
	s.StepsByWeek = make([]WeekSteps, 0, MoodWeeks)
	s.MoodByWeek = make([]WeekMood, 0, MoodWeeks)
	for d := b.moodFrom; !d.After(s.Today); d = d.AddDays(7) {
		w := WeekOf(d)
		wm := WeekMood{Week: w.String()}
		if m := b.moodSum[w]; m[1] > 0 {
			avg := math.Round(float64(m[0])/float64(m[1])*10) / 10
			wm.Average = &avg
		}
		s.MoodByWeek = append(s.MoodByWeek, wm)
		s.StepsByWeek = append(s.StepsByWeek, WeekSteps{Week: w.String(), StepCount: b.steps[w].withRate()})
	}
	s.Days = make([]DayCount, 0, 7*HeatmapWeeks)
	for d := b.heatFrom; !d.After(s.Today); d = d.AddDays(1) {
		s.Days = append(s.Days, DayCount{Date: d, Answers: b.answers[d]})
	}
	return s
}
