package terminal

import (
	"go/build"
	"strings"
	"testing"
)

// TestImports keeps the package doc's rule: the terminal shows and asks; it
// neither stores (storage, bbolt) nor parses the command line (cobra).
func TestImports(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range pkg.Imports {
		for _, banned := range []string{"github.com/reflect-cli/reflect/storage", "go.etcd.io/bbolt", "github.com/spf13/cobra"} {
			if path == banned || strings.HasPrefix(path, banned+"/") {
				t.Errorf("package terminal imports %s", path)
			}
		}
	}
}
