package journal

import "time"

// Today at a glance (reflect status): written or not, the streak, and the
// step waiting to be followed up.

// WrittenDays lists the days a journal has entries for, newest first,
// without reading them: no passphrase is needed, and it costs one read.
type WrittenDays interface {
	// WrittenDays calls fn with each day that has an entry, newest first,
	// from until back, while fn returns true.
	WrittenDays(until Day, fn func(Day) bool) error
}

// Glance is today at a glance.
type Glance struct {
	Date    Day  `json:"date"`
	Written bool `json:"written"`
	// Streak counts the days with an entry up to today, or up to yesterday
	// while today has none yet, as stats does.
	Streak int `json:"streak"`
	// Step is the step planned earlier that tonight's evening follows up,
	// if any; nil when it was not read (see GlanceAt).
	Step *StepToFollowUp `json:"step,omitempty"`
	// LastSync is when the journal last synced in full (reflect sync),
	// its carrier (git) included; nil when it never did, or was not read.
	LastSync *time.Time `json:"last_sync,omitempty"`
}

// StepToFollowUp is a step planned on a day, waiting to be followed up.
type StepToFollowUp struct {
	Planned Day    `json:"planned"`
	Text    string `json:"text"`
}

// IsWritten reports whether today has an entry: the one thing a shell
// prompt's nudge needs, at the cost of one read of keys.
func IsWritten(d WrittenDays, today Day) (bool, error) {
	written := false
	err := d.WrittenDays(today, func(day Day) bool {
		written = day == today
		return false
	})
	return written, err
}

// GlanceAt is today at a glance, from the journal's dates alone. The step
// to follow up is read by StepOf, which opens entries.
func GlanceAt(d WrittenDays, today Day) (Glance, error) {
	g := Glance{Date: today}
	expected := today // the day the streak needs next, going back
	err := d.WrittenDays(today, func(day Day) bool {
		if day == today {
			g.Written = true
		} else if g.Streak == 0 && day == today.AddDays(-1) {
			expected = day // today not written yet: the streak runs to yesterday
		}
		if day != expected {
			return false
		}
		g.Streak++
		expected = day.AddDays(-1)
		return true
	})
	return g, err
}

// LastSyncOf returns when the journal last synced; zero when it never did.
func LastSyncOf(s Store) (time.Time, error) {
	var t time.Time
	err := s.Read(func(r Reader) error {
		if c, ok := r.(interface{ LastSync() time.Time }); ok {
			t = c.LastSync()
		}
		return nil
	})
	return t, err
}

// StepOf returns the step that the evening of day would follow up, if
// there is one: the latest planned in the week before it and not followed
// up yet, as the evening's plan finds it.
func StepOf(s Store, day Day) (*StepToFollowUp, error) {
	h, err := readDay(s, day, true, time.Time{}) // quick: no lesson to bring back, so no time to name it in
	if err != nil || h.history.FollowUp == nil {
		return nil, err
	}
	f := h.history.FollowUp
	var planned Day
	if err := planned.UnmarshalText([]byte(f.Date)); err != nil {
		return nil, err
	}
	return &StepToFollowUp{Planned: planned, Text: f.Text}, nil
}
