package journal

import "github.com/reflect-cli/reflect/prompts"

// Heavy evenings: a mood at the low end, or a setback that weighs. After
// several, the end of the evening says once, quietly, that talking to
// someone is a strength.

// Several heavy evenings: HeavyInRow of the last HeavyWindow, tonight's
// among them, within HeavySpan days.
const (
	HeavyInRow  = 3
	HeavyWindow = 5
	HeavySpan   = 14
)

// Support is the line the end of such an evening shows. It points at
// 'reflect help support', which says where to look.
const Support = "A few heavy evenings lately. Talking to someone, a friend, a doctor or a counsellor, is a strength; 'reflect help support' says where to look."

// IsHeavy reports whether an entry's evening was heavy: its latest mood
// at the low end of the scale (the latest counts, as in stats), or a
// setback it said weighs on it.
func IsHeavy(e Entry) bool {
	lowMood, weighs := false, false
	for _, a := range e.Answers {
		switch a.PromptID {
		case prompts.MoodID:
			lowMood = a.Answer == prompts.HeavyMood
		case prompts.CheckID:
			weighs = weighs || a.Answer == prompts.Weighs
		}
	}
	return lowMood || weighs
}

// HeavyBefore counts the heavy evenings among the HeavyWindow-1 entries
// before day, newest first in recent, that fall within HeavySpan days of it.
func HeavyBefore(day Day, recent []Entry) int {
	n := 0
	for i, e := range recent {
		if i == HeavyWindow-1 || daysBetween(e.Date, day) >= HeavySpan {
			break
		}
		if IsHeavy(e) {
			n++
		}
	}
	return n
}
