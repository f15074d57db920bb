package storage

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// Two changes to the whole journal at once (encrypt, decrypt, passphrase,
// restore): the one that learned the journal's encryption first and
// rewrites it second must not seal what is sealed already, nor open what
// is sealed under a key it does not hold; it refuses, and the journal is as
// the other left it.

// rewriteAs rewrites j as a change that learned the journal's state before
// another changed it would: sealing with a new key under pass (from is the
// key it opens values with, nil for a journal it learned in the clear).
func rewriteAs(j *Journal, pass string) error {
	l, aead, dataKey, err := newDataKey([]byte(pass))
	if err != nil {
		return err
	}
	return j.rewrite(rewriting{value: reseal(j.aead, aead), finish: putLockIn(l), indexKey: indexKeyOf(dataKey)})
}

func TestAWholeJournalChangeMeetsAnother(t *testing.T) {
	for _, tt := range []struct {
		name  string
		start func(j *Journal) // the state both learn
		other func(j *Journal) error
		reads string // the passphrase the journal opens with after
	}{
		{"encrypt meets encrypt", func(*Journal) {},
			func(j *Journal) error { return j.Encrypt([]byte("correct horse")) }, "correct horse"},
		{"passphrase meets passphrase", func(j *Journal) { j.Encrypt([]byte("first pass")) },
			func(j *Journal) error { return j.ChangePassphrase([]byte("correct horse")) }, "correct horse"},
		{"passphrase meets decrypt", func(j *Journal) { j.Encrypt([]byte("first pass")) },
			func(j *Journal) error { return j.Decrypt() }, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			j := newJournal(t)
			add(t, j, nov20, "the words of the 20th")
			tt.start(j)
			calls := 0
			slow := New(j.Path)
			slow.Passphrase = passphrase("first pass", &calls)
			if err := slow.Unlock(); err != nil {
				t.Fatal(err)
			}
			fast := New(j.Path)
			fast.Passphrase = passphrase("first pass", &calls)
			if err := tt.other(fast); err != nil {
				t.Fatal(err)
			}
			if err := rewriteAs(slow, "late pass"); !errors.Is(err, ErrEncryptionChanged) {
				t.Fatalf("the later change: %v", err)
			}
			reader := New(j.Path)
			reader.Passphrase = passphrase(tt.reads, &calls)
			if got := entriesText(t, reader); !strings.Contains(got, "the words of the 20th") {
				t.Errorf("the journal after both reads %q", got)
			}
		})
	}
}

// TestAWholeJournalChangeKeepsChangesOutsideReported: a passphrase change
// or decrypt would make the index anew, or drop it, and hide a day put
// back outside reflect; it refuses until the change is accepted.
func TestAWholeJournalChangeKeepsChangesOutsideReported(t *testing.T) {
	j, _ := indexed(t)
	j.Passphrase = passphrase("correct horse", new(int))
	rawUpdate(t, j.Path, func(tx *bolt.Tx) error { return removeDay(tx, nov21.String()) })
	if err := j.ChangePassphrase([]byte("staple gun sandwich")); !errors.Is(err, ErrChangedOutside) {
		t.Errorf("a passphrase change: %v", err)
	}
	if err := j.Decrypt(); !errors.Is(err, ErrChangedOutside) {
		t.Errorf("decrypt: %v", err)
	}
	wantOutside(t, j, "the entry of 2026-11-21 was removed outside reflect")
	if err := j.AcceptIndex(); err != nil {
		t.Fatal(err)
	}
	if err := j.ChangePassphrase([]byte("staple gun sandwich")); err != nil {
		t.Errorf("a passphrase change once accepted: %v", err)
	}
}

// TestALockChangedWhileItIsOpened: a passphrase change that ends while a
// command opens the key (between reading the lock and using the key it
// opened) leaves the command a new lock to open: it opens that one too,
// and never says its key "is not open yet".
func TestALockChangedWhileItIsOpened(t *testing.T) {
	j := newJournal(t)
	add(t, j, nov20, "the words of the 20th")
	if err := j.Encrypt([]byte("first pass")); err != nil {
		t.Fatal(err)
	}
	calls := 0
	reader := New(j.Path)
	reader.Passphrase = func() ([]byte, error) {
		calls++
		if calls == 1 {
			other := New(j.Path)
			other.Passphrase = passphrase("first pass", new(int))
			if err := other.ChangePassphrase([]byte("second pass")); err != nil {
				t.Fatal(err)
			}
			return []byte("first pass"), nil
		}
		return []byte("second pass"), nil
	}
	if got := entriesText(t, reader); !strings.Contains(got, "the words of the 20th") || calls != 2 {
		t.Errorf("read %q after %d passphrases", got, calls)
	}
}

// TestAnUnreadableEntryCanBeRemoved: an entry damaged on disk is removed,
// its stored bytes kept first; the journal then reads whole and checks
// sound. An entry that reads is left.
func TestAnUnreadableEntryCanBeRemoved(t *testing.T) {
	j, _ := indexed(t)
	j.Passphrase = passphrase("correct horse", new(int))
	var stored []byte
	keep := func(b []byte) error { stored = b; return nil }
	if err := j.RemoveUnreadable(nov20, keep); !errors.Is(err, ErrReadable) || stored != nil {
		t.Fatalf("an entry that reads: %v", err)
	}
	var damaged []byte
	rawUpdate(t, j.Path, func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketEntries)
		damaged = append([]byte(nil), b.Get([]byte(nov21.String()))...)
		damaged[len(damaged)/2] ^= 1
		return b.Put([]byte(nov21.String()), damaged)
	})
	if err := j.RemoveUnreadable(nov21, func([]byte) error { return errors.New("disk full") }); err == nil || !strings.Contains(err.Error(), "nothing was removed") {
		t.Fatalf("a keep that fails: %v", err)
	}
	if err := j.RemoveUnreadable(nov21, keep); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(stored, damaged) {
		t.Error("the stored bytes kept are not the entry's")
	}
	if got := entriesText(t, j); !strings.Contains(got, "the first words of the 20th") || strings.Contains(got, "21st") {
		t.Errorf("the journal after: %q", got)
	}
	if rep, err := j.Check(); err != nil || !rep.Sound() {
		t.Errorf("doctor after: %v %+v", err, rep.Findings)
	}
}
