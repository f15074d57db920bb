package journal_test

import (
	"reflect"
	"slices"
	"testing"
	"unsafe"

	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/journal/journaltest"
	"github.com/reflect-cli/reflect/prompts"
)

// TestLedgerOrder gathers the ledger of two synthetic years (lessons drawn
// again in other words, lessons brought back), with days that draw two
// lessons at once, and checks it against the ledger as it is defined:
// grouped by SameLesson, each group's occurrences newest first, the groups
// by their newest occurrence (ties in the order first drawn), each with the
// latest answer on whether it still holds.
func TestLedgerOrder(t *testing.T) {
	var days []journal.Summary
	for _, e := range journaltest.Entries(730, journaltest.Last) {
		days = append(days, journal.Summarize(e))
	}
	for i := range days { // now and then two lessons on a day, one drawn before
		if i%11 == 0 && len(days[i].Lessons) > 0 && i > 40 && len(days[i-40].Lessons) > 0 {
			days[i].Lessons = append(days[i].Lessons, days[i-40].Lessons[0])
		}
		if i%13 == 0 && i > 30 && len(days[i-30].Lessons) > 0 {
			days[i].BroughtBack = append(days[i].BroughtBack, journal.Revisit{Lesson: prompts.Ref{Date: days[i-30].Date.String()}, StillTrue: []string{"yes", "no"}[i%2]})
		}
	}
	b := journal.NewLedger(nil)
	for _, s := range days {
		b.Add(s)
	}
	got := b.Ledger()

	// The ledger by its definition, the long way.
	var want journal.Ledger
	index := map[string]int{}
	for _, s := range days {
		for _, l := range s.Lessons {
			k := journal.LessonKey(l)
			i, ok := index[k]
			if !ok {
				i = len(want)
				index[k] = i
				want = append(want, journal.LessonGroup{})
			}
			want[i].Lesson = l
			want[i].Count++
			want[i].Occurrences = append([]journal.Occurrence{{Date: s.Date, Lesson: l, Setback: s.Setback}}, want[i].Occurrences...)
		}
	}
	for i := range want {
		for _, s := range days {
			for _, r := range s.BroughtBack {
				for _, o := range want[i].Occurrences {
					if r.Lesson.Date == o.Date.String() && (want[i].StillTrue == nil || want[i].StillTrue.Date.Before(s.Date)) {
						want[i].StillTrue = &journal.Recheck{Date: s.Date, Answer: r.StillTrue}
					}
				}
			}
		}
	}
	slices.SortStableFunc(want, func(a, b journal.LessonGroup) int {
		x, y := b.Occurrences[0].Date, a.Occurrences[0].Date
		switch {
		case x.Before(y):
			return -1
		case y.Before(x):
			return 1
		}
		return 0
	})
	if len(got) < 100 || !reflect.DeepEqual(got, want) {
		t.Fatalf("%d groups, want %d; first differing: %v", len(got), len(want), firstDiff(got, want))
	}
}

func firstDiff(a, b journal.Ledger) any {
	for i := range min(len(a), len(b)) {
		if !reflect.DeepEqual(a[i], b[i]) {
			return []any{i, a[i], b[i]}
		}
	}
	return nil
}

func TestALessonGroupCloneSharesNothing(t *testing.T) {
	day := journal.DayOfUnix(20_000)
	g := journal.LessonGroup{
		Lesson: "Start the report early.", Count: 2,
		Occurrences: []journal.Occurrence{{Date: day, Lesson: "Start the report early.", Setback: "Rushed it."}, {Date: day.AddDays(-9), Setback: "Late again."}},
		StillTrue:   &journal.Recheck{Date: day.AddDays(1), Answer: "yes"},
	}
	c := g.Clone()
	if !reflect.DeepEqual(c, g) {
		t.Fatalf("Clone = %+v, want %+v", c, g)
	}
	same := func(a, b string) bool { return len(a) > 0 && unsafe.StringData(a) == unsafe.StringData(b) }
	if same(c.Lesson, g.Lesson) || same(c.Occurrences[0].Lesson, g.Occurrences[0].Lesson) || same(c.Occurrences[1].Setback, g.Occurrences[1].Setback) || same(c.StillTrue.Answer, g.StillTrue.Answer) {
		t.Error("the clone's strings are the group's own bytes")
	}
	g.Occurrences[0].Setback, g.StillTrue.Answer = "changed", "no"
	if c.Occurrences[0].Setback != "Rushed it." || c.StillTrue.Answer != "yes" {
		t.Errorf("changing the group changed its clone: %+v, %+v", c.Occurrences[0], *c.StillTrue)
	}
}
