package cmd

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cli/reflect/journal"
)

// eveningAt returns the time of day h:m on Monday 23 November 2026 (CET),
// a day the fixture has no entry for.
func eveningAt(h, m int) time.Time {
	return time.Date(2026, 11, 23, h, m, 0, 0, time.FixedZone("CET", 3600))
}

// TestTheNudgeGoesQuiet: reflect status --prompt says nothing before the
// evening, nudges from 18:00 (and in the small hours after) while the day
// is unwritten, and goes quiet by itself once it is written.
func TestTheNudgeGoesQuiet(t *testing.T) {
	e := withFixture(t) // Monday 23 November has no entry
	e.dbFromEnv = true
	prompt := func(now time.Time) result {
		e.now = now
		return e.run("status", "--prompt")
	}
	for _, tt := range []struct {
		now  time.Time
		want string
	}{
		{eveningAt(17, 59), ""},
		{eveningAt(18, 0), Nudge},
		{eveningAt(23, 30), Nudge},
		{eveningAt(23, 30).Add(3 * time.Hour), Nudge}, // 02:30: still Monday's evening
	} {
		if r := prompt(tt.now); r.code != 0 || r.out != tt.want || r.err != "" {
			t.Errorf("at %s: exit %d, out %q, err %q; want %q", tt.now.Format("Mon 15:04"), r.code, r.out, r.err, tt.want)
		}
	}
	if n := len([]rune(strings.TrimSpace(Nudge))); n > 40 {
		t.Errorf("the nudge is %d characters", n)
	}
	e.env[EveningFromEnv] = "21:30"
	if r := prompt(eveningAt(21, 0)); r.out != "" {
		t.Errorf("before $%s: %q", EveningFromEnv, r.out)
	}
	delete(e.env, EveningFromEnv)

	e.now = eveningAt(20, 0)
	e.mustRun("note", "A short day.")
	if r := prompt(eveningAt(20, 1)); r.code != 0 || r.out != "" {
		t.Errorf("once written: exit %d, out %q", r.code, r.out)
	}
	if r := prompt(eveningAt(20, 1).Add(24 * time.Hour)); r.out != Nudge {
		t.Errorf("the next evening: %q", r.out)
	}
}

// TestTheNudgeIsQuietOnErrors: a shell prompt is no place for an error:
// nothing said, and exit 0, so that a prompt showing $? is not changed;
// reflect status says what it is. An encrypted journal is read without its
// passphrase.
func TestTheNudgeIsQuietOnErrors(t *testing.T) {
	e := withEncryptedFixture(t)
	e.dbFromEnv = true
	e.now = eveningAt(20, 0)
	delete(e.env, PassphraseFileEnv)
	if r := e.run("status", "--prompt"); r.code != 0 || r.out != Nudge {
		t.Errorf("an encrypted journal: exit %d, out %q, err %q", r.code, r.out, r.err)
	}
	e.env[EveningFromEnv] = "late"
	if r := e.run("status", "--prompt"); r.code != 0 || r.out != "" || r.err != "" {
		t.Errorf("a bad $%s: exit %d, out %q, err %q", EveningFromEnv, r.code, r.out, r.err)
	}
	e.dbFromEnv = false
	if r := e.run("status"); r.code != exitUsage || !strings.Contains(r.err, EveningFromEnv) {
		t.Errorf("status with a bad $%s: exit %d, err %q", EveningFromEnv, r.code, r.err)
	}
	e.dbFromEnv = true
	delete(e.env, EveningFromEnv)
	os.WriteFile(e.db, []byte(strings.Repeat("not a journal\n", 400)), 0o600)
	if r := e.run("status", "--prompt"); r.code != 0 || r.out != "" || r.err != "" {
		t.Errorf("a damaged journal: exit %d, out %q, err %q", r.code, r.out, r.err)
	}
	if r := e.run("status", "--prompt", "--json"); r.code != exitUsage || !strings.Contains(r.err, "cannot be combined") {
		t.Errorf("--prompt --json: exit %d, err %q", r.code, r.err)
	}
	if r := e.run("status"); r.code != exitFailed || !strings.Contains(r.err, "damaged") {
		t.Errorf("status says what it is: exit %d, err %q", r.code, r.err)
	}
}

// TestStatus: today at a glance, in words and as JSON.
func TestStatus(t *testing.T) {
	e := withFixture(t) // the clock says Friday 20 November 2026, which has an entry
	out := e.mustRun("status").out
	if !strings.HasPrefix(out, "Friday 20 November: written.\nStreak: ") {
		t.Errorf("status:\n%s", out)
	}
	var g journal.Glance
	if err := json.Unmarshal([]byte(e.mustRun("status", "--json").out), &g); err != nil {
		t.Fatal(err)
	}
	if g.Date.String() != "2026-11-20" || !g.Written || g.Streak < 1 {
		t.Errorf("status --json: %+v", g)
	}
	e.now = eveningAt(20, 0) // Monday: unwritten, the 22nd's step to follow up
	out = e.mustRun("status").out
	if !strings.Contains(out, "Monday 23 November: not written yet.") || !strings.Contains(out, "To follow up: «") {
		t.Errorf("status on an unwritten day:\n%s", out)
	}
	if out := newEnv(t).mustRun("status").out; !strings.Contains(out, "no journal yet") {
		t.Errorf("status with no journal: %q", out)
	}
}
