package cmd

import (
	"strings"
	"testing"
)

// TestDatesAsPeopleSayThem: N days ago and -Nd where a DATE goes, a week
// by its number, and the words of a date left over after a flag get a
// hint that shows how to quote them.
func TestDatesAsPeopleSayThem(t *testing.T) {
	e := withFixture(t) // the clock says Friday 20 November 2026
	if out := e.mustRun("show", "2 days ago").out; !strings.HasPrefix(out, "Wednesday 18 November 2026") {
		t.Errorf("show '2 days ago':\n%s", out)
	}
	if out := e.mustRun("show", "--", "-2d").out; !strings.HasPrefix(out, "Wednesday 18 November 2026") {
		t.Errorf("show -- -2d:\n%s", out)
	}
	if out := e.mustRun("log", "--since", "-3d", "--until", "1 day ago").out; !strings.Contains(out, "Tuesday 17 November") || strings.Contains(out, "Friday 20 November") {
		t.Errorf("log --since -3d --until '1 day ago':\n%s", out)
	}
	if out := e.mustRun("export", "--week", "47").out; !strings.Contains(out, "2026-W47") {
		t.Errorf("export --week 47:\n%.200s", out)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"log", "--since", "3", "days", "ago"}, "reflect: reflect log takes no arguments, but \"days ago\" was left over\nA date of several words needs quotes: --since '3 days ago'\n"},
		{[]string{"show", "-2d"}, "For a date, write '2 days ago', or put -- before it: reflect show -- -2d\n"},
	} {
		if r := e.run(tt.args...); r.code != exitUsage || !strings.HasSuffix(r.err, tt.want) {
			t.Errorf("%v: exit %d, err %q; want it to end %q", tt.args, r.code, r.err, tt.want)
		}
	}
}
