package cmd

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reflect-cli/reflect/cmd/internal/terminal"
	"github.com/reflect-cli/reflect/journal/journaltest"
	"github.com/reflect-cli/reflect/storage"
)

// benchSizes are the journals the benchmarks run on: one, ten and a
// hundred years of daily entries.
var benchSizes = []int{365, 3650, 36500}

var (
	benchDir      string
	benchJournals sync.Map // size → path of a synthetic journal
)

// benchJournal returns the path of a synthetic journal of n daily entries,
// made once per test binary and shared by the benchmarks, which only read it.
func benchJournal(b *testing.B, n int) string {
	b.Helper()
	if p, ok := benchJournals.Load(n); ok {
		return p.(string)
	}
	if benchDir == "" {
		dir, err := os.MkdirTemp("", "reflect-bench-")
		if err != nil {
			b.Fatal(err)
		}
		benchDir = dir
	}
	j := storage.New(filepath.Join(benchDir, fmt.Sprintf("journal-%d.db", n)))
	if err := j.Update(func(w *storage.Writer) error { return journaltest.Write(n, journaltest.Last, w.PutEntry) }); err != nil {
		b.Fatal(err)
	}
	benchJournals.Store(n, j.Path)
	return j.Path
}

// benchRun runs reflect in-process on a journal, its output thrown away,
// with the clock on the journal's last day.
func benchRun(b *testing.B, db string, stdin io.Reader, args ...string) {
	app := &App{
		Streams: terminal.Streams{In: stdin, Out: io.Discard, Err: io.Discard},
		Getenv:  func(k string) string { return map[string]string{"NO_COLOR": "1", "HOME": benchDir}[k] },
		Now:     func() time.Time { return time.Date(2026, 11, 22, 21, 0, 0, 0, time.Local) },
	}
	app.ReadEnv(app.Getenv)
	if code := Run(app, append([]string{"--db", db}, args...)); code != 0 {
		b.Fatalf("reflect %v: exit %d", args, code)
	}
}

// benchEach runs fn as a sub-benchmark on each size of journal.
func benchEach(b *testing.B, fn func(b *testing.B, db string)) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("days=%d", n), func(b *testing.B) { fn(b, benchJournal(b, n)) })
	}
}

// BenchmarkLogSeven renders the seven newest entries: flat in the journal.
func BenchmarkLogSeven(b *testing.B) {
	benchEach(b, func(b *testing.B, db string) {
		for b.Loop() {
			benchRun(b, db, nil, "log", "-n", "7")
		}
	})
}

// BenchmarkLogGrep searches every entry: linear in the journal.
func BenchmarkLogGrep(b *testing.B) {
	benchEach(b, func(b *testing.B, db string) {
		for b.Loop() {
			benchRun(b, db, nil, "log", "--grep", journaltest.Rare)
		}
	})
}

// BenchmarkShow renders one day: flat in the journal.
func BenchmarkShow(b *testing.B) {
	benchEach(b, func(b *testing.B, db string) {
		for b.Loop() {
			benchRun(b, db, nil, "show", "2026-11-20")
		}
	})
}

// BenchmarkExportWeek writes a week's Markdown review: flat in the journal.
func BenchmarkExportWeek(b *testing.B) {
	benchEach(b, func(b *testing.B, db string) {
		for b.Loop() {
			benchRun(b, db, nil, "export", "--week", "2026-W47")
		}
	})
}

// BenchmarkPlan chooses tomorrow's prompts: flat in the journal.
func BenchmarkPlan(b *testing.B) {
	benchEach(b, func(b *testing.B, db string) {
		for b.Loop() {
			benchRun(b, db, nil, "prompts", "plan", "--date", "2026-11-22")
		}
	})
}

// BenchmarkStats gathers the figures of stats from every day's summary:
// linear in the journal, at a few bytes a day.
func BenchmarkStats(b *testing.B) {
	benchEach(b, func(b *testing.B, db string) {
		for b.Loop() {
			benchRun(b, db, nil, "stats")
		}
	})
}

// BenchmarkLessons builds the lesson ledger from every day's summary.
func BenchmarkLessons(b *testing.B) {
	benchEach(b, func(b *testing.B, db string) {
		for b.Loop() {
			benchRun(b, db, nil, "lessons")
		}
	})
}

// BenchmarkImport imports a whole journal's JSON export into a new journal,
// in one transaction: linear in the file.
func BenchmarkImport(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("days=%d", n), func(b *testing.B) {
			data, err := json.Marshal(journaltest.Entries(n, journaltest.Last))
			if err != nil {
				b.Fatal(err)
			}
			benchImportFile(b, data)
		})
	}
}

// BenchmarkImportRepeatedDate imports a file whose entries all carry one
// date (n evenings' answers written under the same day): merged in memory
// first, it is linear in the file, like BenchmarkImport.
func BenchmarkImportRepeatedDate(b *testing.B) {
	for _, n := range []int{1000, 4000, 10000} {
		b.Run(fmt.Sprintf("repeats=%d", n), func(b *testing.B) {
			entries := journaltest.Entries(n, journaltest.Last)
			for i := range entries {
				entries[i].Date = journaltest.Last
			}
			data, err := json.Marshal(entries)
			if err != nil {
				b.Fatal(err)
			}
			benchImportFile(b, data)
		})
	}
}

// benchImportFile imports data into a new journal on each round.
func benchImportFile(b *testing.B, data []byte) {
	dir := b.TempDir()
	b.SetBytes(int64(len(data)))
	i := 0
	for b.Loop() {
		i++
		benchRun(b, filepath.Join(dir, fmt.Sprintf("%d.db", i)), bytes.NewReader(data), "import", "-")
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" && strings.Contains(benchDir, "reflect-bench-") {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}
