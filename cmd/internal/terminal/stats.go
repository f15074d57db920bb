package terminal

// The stats command's page: figures, a mood sparkline and a calendar.

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/reflect-cli/reflect/journal"
)

// RenderStats writes the figures, the mood sparkline and the calendar,
// within 80 columns. The habit comes first: one missed day does not break
// it, and a streak lost is never the headline.
func RenderStats(w io.Writer, s journal.Stats, st Style) {
	row := func(label, text string) { fmt.Fprintf(w, "%s  %s\n", st.Bold(fmt.Sprintf("%-14s", label)), text) }

	row("Habit", fmt.Sprintf("%s written without missing two in a row", journal.Plural(s.NeverMissedTwice, "day")))
	streak := journal.Plural(s.Streak.Current, "day")
	if s.Streak.LongestEnd != nil {
		streak += fmt.Sprintf(" · longest %s, to %s", journal.Plural(s.Streak.Longest, "day"), s.Streak.LongestEnd.Format("Mon 2 Jan 2006"))
	}
	row("Streak", streak)
	row("Entries", fmt.Sprintf("%d · %s · %s", s.Entries, journal.Plural(s.Answers, "answer"), journal.Plural(s.SmallWins, "small win")))
	f := s.FollowThrough
	if f.Rate == nil {
		row("Follow-through", "no step followed up yet")
	} else {
		row("Follow-through", fmt.Sprintf("%.0f%% done · %d done, %d partly, %d not yet", *f.Rate*100, f.Done, f.Partly, f.NotYet))
	}
	row("Steps done", stepsLine(s.StepsByWeek, st))
	if byForm := s.FollowThroughByForm; byForm.IfThen.FollowedUp > 0 {
		row("When/if steps", fmt.Sprintf("%s · plain steps %s", doneOf(byForm.IfThen), doneOf(byForm.Plain)))
	}
	row("Mood by week", sparkline(s.MoodByWeek, st))
	fmt.Fprintln(w)
	writeHeatmap(w, s.Days, st)
}

// sparkBars are the heights of a sparkline, low to high.
var sparkBars = []rune("▁▂▃▄▅▆▇█")

// sparkline draws each week's mood as a bar (· for a week without one),
// then says what the weeks are and this week's average.
func sparkline(weeks []journal.WeekMood, st Style) string {
	if len(weeks) == 0 {
		return ""
	}
	heights := make([]*float64, len(weeks))
	for i, wm := range weeks {
		if wm.Average != nil {
			h := (*wm.Average - 1) / 4 // a mood of 1 to 5, as 0 to 1
			heights[i] = &h
		}
	}
	last := weeks[len(weeks)-1]
	note := fmt.Sprintf("  %s to %s", weeks[0].Week, last.Week)
	if last.Average != nil {
		note += fmt.Sprintf(" · %.1f this week", *last.Average)
	}
	return bars(heights, "36", st) + st.Dim(note)
}

// stepsLine draws, for each week, the share of the steps followed up that
// were done as a bar (· for a week with none followed up), then says what
// the weeks are and this week's figures.
func stepsLine(weeks []journal.WeekSteps, st Style) string {
	if len(weeks) == 0 {
		return ""
	}
	heights := make([]*float64, len(weeks))
	for i, w := range weeks {
		heights[i] = w.Rate
	}
	last := weeks[len(weeks)-1]
	note := fmt.Sprintf("  %s to %s", weeks[0].Week, last.Week)
	if last.FollowedUp > 0 {
		note += fmt.Sprintf(" · %d of %d this week", last.Done, last.FollowedUp)
	}
	return bars(heights, "33", st) + st.Dim(note)
}

// bars draws each height, 0 to 1, as a bar of sparkBars in color, and a
// missing one (nil) as a dim ·.
func bars(heights []*float64, color string, st Style) string {
	var b strings.Builder
	for _, h := range heights {
		if h == nil {
			b.WriteString(st.Dim("·"))
			continue
		}
		i := int(math.Round(*h * float64(len(sparkBars)-1)))
		b.WriteString(st.Wrap(color, string(sparkBars[max(0, min(i, len(sparkBars)-1))])))
	}
	return b.String()
}

// doneOf says how many of the steps counted were done.
func doneOf(c journal.StepCount) string {
	if c.Rate == nil {
		return "none followed up yet"
	}
	return fmt.Sprintf("%d of %d done (%.0f%%)", c.Done, c.FollowedUp, *c.Rate*100)
}

// heatLevels are the calendar's shades, by how many answers a day has:
// none, 1–3, 4–6, 7–9, 10 or more. plainCells draws them without color;
// colored cells are squares in greens.
var (
	plainCells = []string{"·", "░", "▒", "▓", "█"}
	heatColors = []string{"", "38;5;22", "38;5;28", "38;5;34", "38;5;40"}
)

func heatLevel(answers int) int {
	if answers == 0 {
		return 0
	}
	return min(4, (answers+2)/3)
}

func heatCell(level int, st Style) string {
	if !st.Color {
		return plainCells[level]
	}
	if level == 0 {
		return st.Dim("·")
	}
	return st.Wrap(heatColors[level], "■")
}

// writeHeatmap draws the days as GitHub draws contributions: a column per
// week, Monday at the top, months named above the week they begin in.
func writeHeatmap(w io.Writer, days []journal.DayCount, st Style) {
	if len(days) == 0 {
		return
	}
	weeks := (len(days) + 6) / 7
	months := []byte(strings.Repeat(" ", 2*weeks+3))
	for col := 0; col < weeks; col++ {
		// A month is named above the first week that starts in it.
		monday := days[col*7].Date
		if _, _, dom := monday.Date(); dom <= 7 {
			copy(months[2*col:], monday.Format("Jan"))
		}
	}
	fmt.Fprintf(w, "     %s\n", strings.TrimRight(string(months), " "))
	labels := []string{"Mon", "", "Wed", "", "Fri", "", "Sun"}
	for row := 0; row < 7; row++ {
		var b strings.Builder
		fmt.Fprintf(&b, "%-3s  ", labels[row])
		for col := 0; col < weeks; col++ {
			i := col*7 + row
			if i >= len(days) {
				break
			}
			b.WriteString(heatCell(heatLevel(days[i].Answers), st))
			if col < weeks-1 {
				b.WriteByte(' ')
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
	legend := "     less"
	for level := range plainCells {
		legend += " " + heatCell(level, st)
	}
	fmt.Fprintln(w, st.Dim(legend+" more"))
}
