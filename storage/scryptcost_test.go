package storage

import (
	"crypto/rand"
	"encoding/json"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
	"golang.org/x/crypto/chacha20poly1305"
	"golang.org/x/crypto/scrypt"

	"github.com/reflect-cli/reflect/journal"
)

// storedLock reads the lock kept in the journal at path.
func storedLock(t *testing.T, path string) lock {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var l lock
	err = db.View(func(tx *bolt.Tx) error { return json.Unmarshal(tx.Bucket(bucketMeta).Get(keyEncryption), &l) })
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestOldScryptCostStillOpens: a journal locked at the cost reflect used
// before (N = 2^15) opens with the cost its header records, and a new
// passphrase is sealed at today's cost.
func TestOldScryptCostStillOpens(t *testing.T) {
	j := newJournal(t)
	day := journal.NewDay(2026, 11, 20)
	add(t, j, day, secret)
	if err := j.Encrypt([]byte("correct horse")); err != nil {
		t.Fatal(err)
	}
	if l := storedLock(t, j.Path); l.N != scryptN || l.R != scryptR || l.P != scryptP {
		t.Fatalf("a new lock has N=%d, r=%d, p=%d", l.N, l.R, l.P)
	}
	// The lock as reflect wrote it before: the same data key, at N = 2^15.
	old := lock{Version: 1, KDF: "scrypt", N: 1 << 15, R: 8, P: 1, Salt: make([]byte, 16)}
	rand.Read(old.Salt)
	k, err := scrypt.Key([]byte("correct horse"), old.Salt, 1<<15, 8, 1, chacha20poly1305.KeySize)
	if err != nil {
		t.Fatal(err)
	}
	aead, err := chacha20poly1305.NewX(k)
	if err != nil {
		t.Fatal(err)
	}
	old.SealedKey = seal(aead, j.dataKey, []byte("reflect-data-key"))
	db, err := bolt.Open(j.Path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error { return putLock(tx.Bucket(bucketMeta), old) })
	db.Close()

	calls := 0
	r := New(j.Path)
	r.Passphrase = passphrase("correct horse", &calls)
	if got := entriesText(t, r); got != secret+"|" {
		t.Errorf("the journal locked at N=2^15 reads %q", got)
	}
	if err := r.ChangePassphrase([]byte("battery staple")); err != nil {
		t.Fatal(err)
	}
	if l := storedLock(t, j.Path); l.N != scryptN {
		t.Errorf("a changed passphrase is sealed at N=%d", l.N)
	}
}

// BenchmarkUnlock times what each command of an encrypted journal pays
// once: deriving the key from the passphrase with scrypt at the default
// cost, and opening the data key (docs/TRUST.md gives the figure).
func BenchmarkUnlock(b *testing.B) {
	path := filepath.Join(b.TempDir(), "journal.db")
	j := New(path)
	if err := j.Update(func(w *Writer) error {
		_, err := w.AddAnswers(journal.NewDay(2026, 11, 20), answers(secret), now)
		return err
	}); err != nil {
		b.Fatal(err)
	}
	if err := j.Encrypt([]byte("correct horse")); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		calls := 0
		r := New(path)
		r.Passphrase = passphrase("correct horse", &calls)
		if err := r.Unlock(); err != nil {
			b.Fatal(err)
		}
	}
}
