package journal

import (
	"slices"
	"strings"
	"testing"
)

// daysOf is a WrittenDays over a list of days.
type daysOf []Day

func (ds daysOf) WrittenDays(until Day, fn func(Day) bool) error {
	sorted := slices.Clone(ds)
	slices.SortFunc(sorted, func(a, b Day) int { return strings.Compare(b.String(), a.String()) })
	for _, d := range sorted {
		if !d.After(until) && !fn(d) {
			return nil
		}
	}
	return nil
}

func TestGlanceAt(t *testing.T) {
	for _, tt := range []struct {
		name    string
		days    []int
		written bool
		streak  int
	}{
		{"nothing", nil, false, 0},
		{"today alone", []int{20}, true, 1},
		{"up to yesterday", []int{17, 18, 19}, false, 3},
		{"up to today", []int{17, 18, 19, 20}, true, 4},
		{"a gap the day before yesterday", []int{16, 17, 18}, false, 0},
		{"a gap within", []int{15, 16, 18, 19, 20}, true, 3},
		{"days after today are left out", []int{19, 21}, false, 1},
	} {
		var ds daysOf
		for _, n := range tt.days {
			ds = append(ds, d(n))
		}
		g, err := GlanceAt(ds, d(20))
		if err != nil || g.Written != tt.written || g.Streak != tt.streak || g.Date != d(20) {
			t.Errorf("%s: %+v, %v", tt.name, g, err)
		}
		if w, _ := IsWritten(ds, d(20)); w != tt.written {
			t.Errorf("%s: IsWritten = %v", tt.name, w)
		}
	}
}
