package storage

import (
	"bytes"
	"errors"
	"os"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/reflect-cli/reflect/journal"
)

const secret = "the words nobody else may read"

// passphrase returns a Passphrase func that gives pass and counts calls.
func passphrase(pass string, calls *int) func() ([]byte, error) {
	return func() ([]byte, error) {
		*calls++
		return []byte(pass), nil
	}
}

func entriesText(t *testing.T, j *Journal) string {
	t.Helper()
	var b bytes.Buffer
	err := j.View(func(r *Reader) error {
		return r.Range(journal.Earliest, journal.Latest, func(e journal.Entry) error {
			for _, a := range e.Answers {
				b.WriteString(a.Answer + "|")
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestEncryptionAtRest(t *testing.T) {
	j := newJournal(t)
	day := journal.NewDay(2026, 11, 20)
	add(t, j, day, secret, "4")
	add(t, j, day.AddDays(-1), "a lesson "+secret)
	if err := j.Update(func(w *Writer) error {
		return w.PutDraft(journal.Draft{Date: day.AddDays(1), Answers: answers("draft " + secret)})
	}); err != nil {
		t.Fatal(err)
	}
	before := entriesText(t, j)

	if err := j.Encrypt([]byte("correct horse")); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(j.Path)
	if bytes.Contains(raw, []byte("nobody else")) || bytes.Contains(raw, []byte("draft the")) || bytes.Contains(raw, []byte(`"answer"`)) {
		t.Fatal("answer text is in the encrypted file")
	}
	if fi, _ := os.Stat(j.Path); fi.Mode().Perm() != FileMode {
		t.Errorf("the rewritten journal's mode is %v", fi.Mode().Perm())
	}

	// Another process: the passphrase is asked once, however many reads.
	calls := 0
	other := New(j.Path)
	other.Passphrase = passphrase("correct horse", &calls)
	if got := entriesText(t, other); got != before {
		t.Errorf("read back %q, want %q", got, before)
	}
	add(t, other, day.AddDays(2), "more "+secret)
	if calls != 1 {
		t.Errorf("the passphrase was asked %d times", calls)
	}
	raw, _ = os.ReadFile(j.Path)
	if bytes.Contains(raw, []byte("nobody else")) {
		t.Fatal("a write while encrypted left answer text in the file")
	}

	// No passphrase, or a wrong one: refused, nothing changed.
	if err := New(j.Path).View(func(*Reader) error { return nil }); !errors.Is(err, ErrNeedPassphrase) {
		t.Errorf("no passphrase: %v", err)
	}
	wrong := New(j.Path)
	wrong.Passphrase = passphrase("wrong horse", &calls)
	err := wrong.Update(func(w *Writer) error { _, err := w.AddAnswers(day, answers("x"), now); return err })
	if !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("a wrong passphrase: %v", err)
	}
	if after, _ := os.ReadFile(j.Path); !bytes.Equal(after, raw) {
		t.Error("a wrong passphrase changed the file")
	}

	// A new passphrase: the old one no longer opens it.
	if err := other.ChangePassphrase([]byte("battery staple")); err != nil {
		t.Fatal(err)
	}
	old := New(j.Path)
	old.Passphrase = passphrase("correct horse", &calls)
	if err := old.View(func(*Reader) error { return nil }); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("the old passphrase after a change: %v", err)
	}
	fresh := New(j.Path)
	fresh.Passphrase = passphrase("battery staple", &calls)
	if rep, err := fresh.Check(); err != nil || !rep.Sound() {
		t.Errorf("doctor on the encrypted journal: %+v, %v", rep, err)
	}

	// Decrypted, it reads as before, with nothing asked.
	if err := fresh.Decrypt(); err != nil {
		t.Fatal(err)
	}
	plain := New(j.Path)
	if got := entriesText(t, plain); !bytes.Contains([]byte(got), []byte(before[:10])) {
		t.Errorf("after decrypting: %q", got)
	}
}

// TestSealedValuesCannotBeMovedOrChanged flips a bit of a sealed value, and
// swaps two days' values: each is reported, never read as something else.
func TestSealedValuesCannotBeMovedOrChanged(t *testing.T) {
	for name, tamper := range map[string]func(b *bolt.Bucket){
		"a flipped bit": func(b *bolt.Bucket) {
			v := bytes.Clone(b.Get([]byte("2026-11-20")))
			v[len(v)/2] ^= 1
			b.Put([]byte("2026-11-20"), v)
		},
		"swapped days": func(b *bolt.Bucket) {
			a, c := bytes.Clone(b.Get([]byte("2026-11-20"))), bytes.Clone(b.Get([]byte("2026-11-19")))
			b.Put([]byte("2026-11-20"), c)
			b.Put([]byte("2026-11-19"), a)
		},
	} {
		t.Run(name, func(t *testing.T) {
			j := newJournal(t)
			add(t, j, journal.NewDay(2026, 11, 20), secret)
			add(t, j, journal.NewDay(2026, 11, 19), "another day")
			if err := j.Encrypt([]byte("pass")); err != nil {
				t.Fatal(err)
			}
			db, _ := bolt.Open(j.Path, 0o600, nil)
			db.Update(func(tx *bolt.Tx) error { tamper(tx.Bucket(bucketEntries)); return nil })
			db.Close()
			calls := 0
			r := New(j.Path)
			r.Passphrase = passphrase("pass", &calls)
			err := r.View(func(r *Reader) error {
				_, _, err := r.Entry(journal.NewDay(2026, 11, 20))
				return err
			})
			var damaged *DamagedError
			if !errors.As(err, &damaged) {
				t.Errorf("reading a tampered value: %v", err)
			}
			if rep, _ := r.Check(); rep.Sound() {
				t.Error("doctor finds a tampered journal sound")
			}
		})
	}
}

// TestASessionOpenAcrossEncryptWritesUnderTheStateItFinds: an evening keeps
// its Journal open while another reflect turns encryption on, off, or
// changes the passphrase. Each of its transactions finds the state as it
// is now: it never writes in the clear into an encrypted journal, nor
// seals with a key that is gone.
func TestASessionOpenAcrossEncryptWritesUnderTheStateItFinds(t *testing.T) {
	day := journal.NewDay(2026, 11, 20)
	session := newJournal(t)
	add(t, session, day.AddDays(-1), "before") // the session has learned: in the clear
	calls := 0
	session.Passphrase = passphrase("correct horse", &calls)

	other := New(session.Path)
	if err := other.Encrypt([]byte("correct horse")); err != nil {
		t.Fatal(err)
	}
	add(t, session, day, "tonight "+secret)
	if calls != 1 {
		t.Errorf("the session asked for the passphrase %d times, want once, when it found the journal encrypted", calls)
	}
	if raw, _ := os.ReadFile(session.Path); bytes.Contains(raw, []byte("nobody else")) {
		t.Fatal("tonight's answer was written in the clear into an encrypted journal")
	}
	reader := New(session.Path)
	reader.Passphrase = passphrase("correct horse", new(int))
	if got := entriesText(t, reader); got != "before|tonight "+secret+"|" {
		t.Errorf("the journal reads %q", got)
	}

	// Now the other way: encryption is turned off under the session.
	other = New(session.Path)
	other.Passphrase = passphrase("correct horse", new(int))
	if err := other.Decrypt(); err != nil {
		t.Fatal(err)
	}
	add(t, session, day.AddDays(1), "the next day")
	if got := entriesText(t, New(session.Path)); got != "before|tonight "+secret+"|the next day|" {
		t.Errorf("after decrypt the journal reads %q without a passphrase", got)
	}
}

// TestAChangedPassphraseLocksOutTheOldOne: someone who knew the old
// passphrase and kept a copy of the file opens its data key; nothing
// written after the change opens with it.
func TestAChangedPassphraseLocksOutTheOldOne(t *testing.T) {
	j := newJournal(t)
	day := journal.NewDay(2026, 11, 20)
	add(t, j, day.AddDays(-1), "before")
	if err := j.Encrypt([]byte("old passphrase")); err != nil {
		t.Fatal(err)
	}
	copied := j.Path + ".copy"
	data, _ := os.ReadFile(j.Path)
	if err := os.WriteFile(copied, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := j.ChangePassphrase([]byte("new passphrase")); err != nil {
		t.Fatal(err)
	}
	add(t, j, day, "after "+secret)

	old := New(copied)
	old.Passphrase = passphrase("old passphrase", new(int))
	if err := old.Unlock(); err != nil {
		t.Fatal(err)
	}
	rawView(t, j.Path, func(tx *bolt.Tx) {
		key := []byte(day.String())
		sealed := tx.Bucket(bucketEntries).Get(key)
		if _, err := unseal(old.aead, sealed, valueAD(bucketEntries, key)); err == nil {
			t.Error("the old data key opens what was written after the change")
		}
		if _, err := unseal(j.aead, sealed, valueAD(bucketEntries, key)); err != nil {
			t.Errorf("the new key does not open it: %v", err)
		}
	})
	if got := entriesText(t, j); got != "before|after "+secret+"|" {
		t.Errorf("the journal reads %q", got)
	}
}
