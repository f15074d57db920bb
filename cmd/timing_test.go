package cmd

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// elapsedBound finds a line that compares a measured time with "> …": an
// upper bound on how long something took, which a busy machine can break.
var elapsedBound = regexp.MustCompile(`(time\.Since\(|Elapsed|\.Sub\().*[^<-]>=?\s`)

// TestNoTestBoundsElapsedTime keeps every test of the module free of upper
// bounds on elapsed time: a test waits on what it expects (with go test's
// -timeout, or a generous wait, for a hang), and never fails because the
// machine was slow.
func TestNoTestBoundsElapsedTime(t *testing.T) {
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, "_test.go") || filepath.Base(path) == "timing_test.go" {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		lines := bufio.NewScanner(f)
		for n := 1; lines.Scan(); n++ {
			if elapsedBound.MatchString(lines.Text()) {
				t.Errorf("%s:%d bounds how long something took: %s", path, n, strings.TrimSpace(lines.Text()))
			}
		}
		return lines.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
}
