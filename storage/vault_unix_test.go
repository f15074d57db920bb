//go:build !windows

package storage

import (
	"path/filepath"
	"syscall"
	"testing"

	"github.com/reflect-cli/reflect/journal"
)

func TestVaultLeavesFifoAlone(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.md"), 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	v := openVault(t, dir)
	putNote(t, v, "pipe.md", "x", journal.NoteNotOurs) // opening it would hang
	v.notes["pipe.md"] = hashOf([]byte("y"))
	putNote(t, v, "pipe.md", "x", journal.NoteNotOurs)
	closeVault(t, v)
}
