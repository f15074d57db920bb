package cmd

import (
	"go/build"
	"path/filepath"
	"strings"
	"testing"
)

// TestPackagesImportOnlyInward keeps docs/ARCHITECTURE.md's rules: the
// domain knows nothing of the file it is kept in or of the terminal it is
// asked on, and only the terminal package knows survey.
func TestPackagesImportOnlyInward(t *testing.T) {
	const (
		mod    = "github.com/reflect-cli/reflect/"
		survey = "github.com/AlecAivazis/survey"
		cobra  = "github.com/spf13/cobra"
		bbolt  = "go.etcd.io/bbolt"
	)
	never := map[string][]string{ // package folder, from the module's root: what it must never import
		"prompts":               {mod, survey, cobra, bbolt},
		"journal":               {mod + "storage", mod + "cmd", survey, cobra, bbolt},
		"storage":               {mod + "cmd", survey, cobra},
		"cmd/internal/terminal": {mod + "storage", cobra, bbolt},
		"cmd/internal/gitsync":  {mod, survey, cobra, bbolt},
		"cmd":                   {survey, bbolt},
	}
	for dir, banned := range never {
		pkg, err := build.ImportDir(filepath.Join("..", dir), 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range pkg.Imports {
			for _, b := range banned {
				if path == b || strings.HasPrefix(path, strings.TrimSuffix(b, "/")+"/") {
					t.Errorf("%s imports %s", dir, path)
				}
			}
		}
	}
}
