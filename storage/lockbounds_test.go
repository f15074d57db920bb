package storage_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cli/reflect/storage"
	"github.com/reflect-cli/reflect/storage/storagetest"
)

// TestDamagedLockSettings gives a journal hostile scrypt settings in its
// encryption header: reading, doctor's check and a restore from it each
// report damage, before any passphrase is asked for or scrypt is run,
// and nothing changes. Without the bounds, some of these panic inside
// scrypt, some take all the memory, and some run for hours.
func TestDamagedLockSettings(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	if err := storagetest.EncryptedJournal(good, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(dir, "target.db")
	if err := storagetest.SmallJournal(target); err != nil {
		t.Fatal(err)
	}
	targetBytes, _ := os.ReadFile(target)
	for name, fields := range storagetest.HostileLocks {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "journal.db")
			data, _ := os.ReadFile(good)
			os.WriteFile(path, data, 0o600)
			if err := storagetest.SetLock(path, fields); err != nil {
				t.Fatal(err)
			}
			hostile, _ := os.ReadFile(path)
			asked := 0
			open := func() *storage.Journal {
				j := storage.New(path)
				j.Passphrase = func() ([]byte, error) { asked++; return []byte("correct horse battery"), nil }
				return j
			}

			err := open().View(func(*storage.Reader) error { return nil })
			var damaged *storage.DamagedError
			if !errors.As(err, &damaged) || !strings.Contains(err.Error(), "encryption settings") {
				t.Errorf("reading: %v", err)
			} else if problem := storagetest.CleanMessage(err.Error()); problem != "" {
				t.Errorf("the message %.200q: %s", err, problem)
			}
			rep, err := open().Check()
			if err != nil || rep.Sound() || !strings.Contains(rep.Findings[0].Text, "encryption settings") {
				t.Errorf("doctor's check: %+v, %v", rep, err)
			}
			_, err = storage.New(target).Restore(path, time.Now())
			if !errors.As(err, &damaged) {
				t.Errorf("a restore from it: %v", err)
			}
			if asked != 0 {
				t.Errorf("the passphrase was asked for %d times", asked)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(after, hostile) {
				t.Error("the journal changed")
			}
			if after, _ := os.ReadFile(target); !bytes.Equal(after, targetBytes) {
				t.Error("the restore changed the journal it would have replaced")
			}
		})
	}
}
