package journal

import (
	"testing"

	"github.com/reflect-cli/reflect/prompts"
)

// statsOf builds the stats of day n from summaries of the given days.
func statsOf(today int, sums ...Summary) Stats {
	b := NewStats(d(today))
	for _, s := range sums {
		b.Add(s)
	}
	return b.Stats()
}

func on(n, answers int) Summary { return Summary{Date: d(n), Answers: answers, Wins: 1, Mood: 3} }

func TestStreaks(t *testing.T) {
	for _, tt := range []struct {
		name             string
		today            int
		days             []int
		current, longest int
		longestEnd       int
	}{
		{"none", 20, nil, 0, 0, 0},
		{"today alone", 20, []int{20}, 1, 1, 20},
		{"up to yesterday: still going", 20, []int{17, 18, 19}, 3, 3, 19},
		{"broken the day before yesterday", 20, []int{16, 17, 18}, 0, 3, 18},
		{"a backfilled day joins two runs", 20, []int{10, 11, 12, 13, 14, 15, 16}, 0, 7, 16},
		{"the longest is earlier", 20, []int{1, 2, 3, 4, 10, 19, 20}, 2, 4, 4},
		{"days after today do not count", 20, []int{19, 20, 21, 22}, 2, 2, 20},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var sums []Summary
			for _, n := range tt.days {
				sums = append(sums, on(n, 5))
			}
			s := statsOf(tt.today, sums...)
			end := 0
			if s.Streak.LongestEnd != nil {
				end = daysBetween(d(1), *s.Streak.LongestEnd) + 1
			}
			if s.Streak.Current != tt.current || s.Streak.Longest != tt.longest || end != tt.longestEnd {
				t.Errorf("streak current %d, longest %d to day %d; want %d, %d to day %d", s.Streak.Current, s.Streak.Longest, end, tt.current, tt.longest, tt.longestEnd)
			}
		})
	}
}

func TestStatsFigures(t *testing.T) {
	sums := []Summary{
		{Date: d(-100), Answers: 4, Wins: 1, Mood: 5}, // long ago: counted, but not in the weeks shown
		{Date: d(16), Answers: 6, Wins: 2, Mood: 2, FollowUp: prompts.Done},
		{Date: d(17), Answers: 9, Wins: 1, Mood: 4, FollowUp: "partly"},
		{Date: d(19), Answers: 3, Mood: 3, FollowUp: "not yet"},
		{Date: d(20), Answers: 7, Wins: 1, FollowUp: prompts.Done},
	}
	s := statsOf(20, sums...)
	if s.Entries != 5 || s.Answers != 29 || s.SmallWins != 5 {
		t.Errorf("entries %d, answers %d, wins %d", s.Entries, s.Answers, s.SmallWins)
	}
	f := s.FollowThrough
	if f.Done != 2 || f.Partly != 1 || f.NotYet != 1 || f.Rate == nil || *f.Rate != 0.5 {
		t.Errorf("follow-through %+v", f)
	}
	if len(s.MoodByWeek) != MoodWeeks || s.MoodByWeek[MoodWeeks-1].Week != "2026-W47" || *s.MoodByWeek[MoodWeeks-1].Average != 3 ||
		s.MoodByWeek[0].Average != nil {
		t.Errorf("mood by week %+v", s.MoodByWeek)
	}
	days := s.Days
	if days[0].Date.Weekday() != 1 || days[len(days)-1].Date != d(20) || len(days) != 7*(HeatmapWeeks-1)+5 {
		t.Errorf("calendar from %s to %s, %d days", days[0].Date, days[len(days)-1].Date, len(days))
	}
	if days[len(days)-1].Answers != 7 || days[len(days)-2].Answers != 3 || days[len(days)-3].Answers != 0 {
		t.Errorf("calendar ends %+v", days[len(days)-3:])
	}
	if none := statsOf(20); none.FollowThrough.Rate != nil || none.Streak.LongestEnd != nil {
		t.Errorf("an empty journal's stats: %+v", none)
	}
}

// TestStepsByWeekAndForm: each follow-up is counted in its week, and by
// the form of the step it followed up (the latest planned in the week
// before it); a step whose form is not known counts in neither form.
func TestStepsByWeekAndForm(t *testing.T) {
	plan := func(n int, form string) Summary { s := on(n, 3); s.Planned = form; return s }
	follow := func(n int, how, form string) Summary { s := plan(n, form); s.FollowUp = how; return s }
	s := statsOf(20,
		plan(1, prompts.FormIfThen),
		follow(2, prompts.Done, prompts.FormPlain), // the if-then of the 1st: done
		follow(3, "not yet", prompts.FormIfThen),   // the plain of the 2nd: not yet
		follow(4, prompts.Done, ""),                // the if-then of the 3rd: done
		follow(5, "partly", prompts.FormIfThen),    // the 4th's form is not known
		on(6, 2), on(7, 2),                         // no follow-up, the 5th's step waits
		follow(9, prompts.Done, prompts.FormPlain),   // the if-then of the 5th, four days on
		plan(10, prompts.FormIfThen),                 // never followed up in its week
		follow(18, prompts.Done, prompts.FormIfThen), // the 10th's step is too old to count by form
	)
	byForm := s.FollowThroughByForm
	if byForm.IfThen.FollowedUp != 3 || byForm.IfThen.Done != 3 || *byForm.IfThen.Rate != 1 {
		t.Errorf("if-then steps: %+v", byForm.IfThen)
	}
	if byForm.Plain.FollowedUp != 1 || byForm.Plain.Done != 0 || *byForm.Plain.Rate != 0 {
		t.Errorf("plain steps: %+v", byForm.Plain)
	}
	weeks := map[string]StepCount{}
	for _, w := range s.StepsByWeek {
		weeks[w.Week] = w.StepCount
	}
	if len(s.StepsByWeek) != MoodWeeks {
		t.Errorf("%d weeks of steps, want %d", len(s.StepsByWeek), MoodWeeks)
	}
	followed, done := 0, 0
	for _, w := range s.StepsByWeek {
		followed += w.FollowedUp
		done += w.Done
		if (w.FollowedUp == 0) != (w.Rate == nil) {
			t.Errorf("week %s: rate %v with %d followed up", w.Week, w.Rate, w.FollowedUp)
		}
	}
	if followed != 6 || done != 4 {
		t.Errorf("by week, %d followed up and %d done; want 6 and 4: %+v", followed, done, s.StepsByWeek)
	}
	if w := weeks[WeekOf(d(18)).String()]; w.FollowedUp != 1 || w.Done != 1 {
		t.Errorf("the week of the 18th: %+v", w)
	}
}

// TestNeverMissedTwice counts the days of the run that reaches today with
// no two days missed in a row.
func TestNeverMissedTwice(t *testing.T) {
	for _, tt := range []struct {
		name string
		days []int
		want int
	}{
		{"none", nil, 0},
		{"every day", []int{17, 18, 19, 20}, 4},
		{"one missed here and there", []int{10, 12, 13, 15, 17, 18, 20}, 7},
		{"two missed in a row break it", []int{10, 11, 14, 16, 18}, 3},
		{"today and yesterday not yet: still going", []int{16, 17, 18}, 3},
		{"three days away: over", []int{15, 16, 17}, 0},
	} {
		var sums []Summary
		for _, n := range tt.days {
			sums = append(sums, on(n, 3))
		}
		if got := statsOf(20, sums...).NeverMissedTwice; got != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, got, tt.want)
		}
	}
}
