package storage

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"syscall"
	"testing"
)

// TestDamageIsSaidInWords: a record or a lock whose JSON is damaged is
// reported in words a person reads, not in the decoder's (no Go types, no
// "unmarshal").
func TestDamageIsSaidInWords(t *testing.T) {
	for in, want := range map[string]string{
		`{"version": 2, "kdf"`:  "its text is cut short",
		`xx`:                    "its text is garbled at byte 1",
		`{"version": "two"}`:    "its field version holds the wrong kind of value (string)",
		`[1]`:                   "it holds the wrong kind of value (array)",
		`{"sealed_key": "%%%"}`: "its encoded bytes are garbled at byte 0",
	} {
		var l lock
		err := json.Unmarshal([]byte(in), &l)
		got := (&DamagedError{Path: "j.db", Reason: "its encryption settings cannot be read", Err: err}).Error()
		if !strings.HasSuffix(got, ": "+want) {
			t.Errorf("%s: %q, want it to end %q", in, got, want)
		}
		for _, jargon := range []string{"Go ", "unmarshal", "json", "storage.", "[]uint8"} {
			if strings.Contains(got, jargon) {
				t.Errorf("%s: %q speaks of %q", in, got, jargon)
			}
		}
	}
}

// TestAMapRefusedForWantOfMemoryIsNotDamage: under a limit on address
// space, mapping a large journal fails with ENOMEM; the file is not
// blamed, and restoring a backup is not advised.
func TestAMapRefusedForWantOfMemoryIsNotDamage(t *testing.T) {
	j := New("journal.db")
	err := j.openError(fmt.Errorf("mmap allocate error: %w", syscall.ENOMEM))
	var damaged *DamagedError
	if errors.As(err, &damaged) || !strings.Contains(err.Error(), "not enough memory") {
		t.Errorf("openError(ENOMEM) = %v", err)
	}
}
