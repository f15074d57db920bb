// Command reflect-bench times the built reflect binary, whole process and
// all, on synthetic journals of several sizes, and prints a table: the
// median wall time of each command over several runs after a warm-up, and
// its peak memory. A Go hello-world is the floor; jq reading the import
// file, when jq is installed, is the yardstick for import.
//
// The journals come from journal/journaltest, the same generator the Go
// benchmarks use. 'make bench' builds and runs it.
//
// Imports: reflect-bench imports journaltest (to make the journals) and
// storage (to write them), and runs reflect only as a built binary: it must
// never import cmd, so that it times the program from outside.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/reflect-cli/reflect/journal/journaltest"
	"github.com/reflect-cli/reflect/storage"
)

func main() {
	reflect := flag.String("reflect", "bin/reflect", "the reflect binary to time")
	hello := flag.String("hello", "bin/hello", "a Go hello-world binary: the floor")
	runs := flag.Int("runs", 11, "timed runs of each command, after two to warm up")
	sizes := flag.String("sizes", "365,3650,36500", "journal sizes, in daily entries")
	generate := flag.String("generate", "", "(internal) write the synthetic journals into this folder and exit")
	flag.Parse()
	if *generate != "" {
		if err := generateAll(*generate, *sizes); err != nil {
			fmt.Fprintln(os.Stderr, "reflect-bench:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*reflect, *hello, *runs, *sizes); err != nil {
		fmt.Fprintln(os.Stderr, "reflect-bench:", err)
		os.Exit(1)
	}
}

// measure is a command's median wall time and the largest peak memory of
// its runs.
type measure struct {
	median time.Duration
	peakKB int64
}

func (m measure) String() string {
	if m.median == 0 {
		return "—"
	}
	if m.peakKB == 0 { // not measured: the process ran on past the time
		return fmt.Sprintf("%7.1f ms %8s", float64(m.median.Microseconds())/1000, "")
	}
	return fmt.Sprintf("%7.1f ms %5.1f MB", float64(m.median.Microseconds())/1000, float64(m.peakKB)/1024)
}

// timeIt runs a command runs+2 times (the first two not counted) and
// returns its median wall time and peak memory. before, when set, runs
// (untimed) before each run.
func timeIt(runs int, env []string, before func() error, name string, args ...string) (measure, error) {
	var times []time.Duration
	var peak int64
	for i := 0; i < runs+2; i++ {
		if before != nil {
			if err := before(); err != nil {
				return measure{}, err
			}
		}
		cmd := exec.Command(name, args...)
		cmd.Env = env
		cmd.Stdout, cmd.Stderr = nil, nil // to /dev/null
		start := time.Now()
		if err := cmd.Run(); err != nil {
			return measure{}, fmt.Errorf("%s %s: %w", filepath.Base(name), strings.Join(args, " "), err)
		}
		took := time.Since(start)
		if i < 2 {
			continue
		}
		times = append(times, took)
		peak = max(peak, peakKB(cmd.ProcessState))
	}
	slices.Sort(times)
	return measure{median: times[len(times)/2], peakKB: peak}, nil
}

// screenLines is a screen of output, as a person waits for it.
const screenLines = 40

// timeFirstScreen runs a command as timeIt does, with its output into a
// pipe, and times it until its first screenLines lines have come out: what
// a person waits for before they can read. The rest is read and let go.
func timeFirstScreen(runs int, env []string, name string, args ...string) (measure, error) {
	var times []time.Duration
	for i := 0; i < runs+2; i++ {
		cmd := exec.Command(name, args...)
		cmd.Env = env
		out, err := cmd.StdoutPipe()
		if err != nil {
			return measure{}, err
		}
		start := time.Now()
		if err := cmd.Start(); err != nil {
			return measure{}, err
		}
		r := bufio.NewReader(out)
		for range screenLines {
			if _, err := r.ReadBytes('\n'); err != nil {
				break // a page shorter than a screen: its end is its first screen
			}
		}
		took := time.Since(start)
		io.Copy(io.Discard, r)
		if err := cmd.Wait(); err != nil {
			return measure{}, fmt.Errorf("%s %s: %w", filepath.Base(name), strings.Join(args, " "), err)
		}
		if i >= 2 {
			times = append(times, took)
		}
	}
	slices.Sort(times)
	return measure{median: times[len(times)/2]}, nil
}

// parseSizes reads the -sizes list.
func parseSizes(list string) ([]int, error) {
	var sizes []int
	for _, s := range strings.Split(list, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			return nil, fmt.Errorf("-sizes: %v", err)
		}
		sizes = append(sizes, n)
	}
	return sizes, nil
}

// generateAll writes, for each size, the synthetic journal and its JSON
// export into dir. It runs in a process of its own: on Linux a child's
// peak memory starts from its parent's at the fork, so the process that
// times reflect must stay small.
func generateAll(dir, list string) error {
	sizes, err := parseSizes(list)
	if err != nil {
		return err
	}
	for _, size := range sizes {
		j := storage.New(filepath.Join(dir, fmt.Sprintf("journal-%d.db", size)))
		if err := j.Update(func(w *storage.Writer) error { return journaltest.Write(size, journaltest.Last, w.PutEntry) }); err != nil {
			return err
		}
		data, err := json.Marshal(journaltest.Entries(size, journaltest.Last))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("journal-%d.json", size)), data, 0o600); err != nil {
			return err
		}
	}
	return nil
}

func run(reflect, hello string, runs int, sizeList string) error {
	dir, err := os.MkdirTemp("", "reflect-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	sizes, err := parseSizes(sizeList)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "making synthetic journals of %s days…\n", sizeList)
	self, err := os.Executable()
	if err != nil {
		return err
	}
	gen := exec.Command(self, "-generate", dir, "-sizes", sizeList)
	gen.Stderr = os.Stderr
	if err := gen.Run(); err != nil {
		return fmt.Errorf("making the journals: %w", err)
	}

	type row struct {
		name string
		args func(size int) []string
		// firstScreen: timed until a screen of its output has come, not
		// to its end (timeFirstScreen).
		firstScreen bool
	}
	week := journaltest.Last.AddDays(-6)
	rows := []row{
		{"reflect --version", func(int) []string { return []string{"--version"} }, false},
		{"status --prompt", func(int) []string { return []string{"status", "--prompt"} }, false},
		{"log -n 7", func(int) []string { return []string{"log", "-n", "7"} }, false},
		{"show DATE", func(int) []string { return []string{"show", journaltest.Last.AddDays(-2).String()} }, false},
		{"export --week", func(int) []string { return []string{"export", "--week", week.String()} }, false},
		{"prompts plan", func(int) []string { return []string{"prompts", "plan", "--date", journaltest.Last.String()} }, false},
		{"today --answers (a save)", nil, false}, // filled in below
		{"log --grep WORD", func(int) []string { return []string{"log", "--grep", journaltest.Rare} }, false},
		{"stats", func(int) []string { return []string{"stats"} }, false},
		{"lessons", func(int) []string { return []string{"lessons"} }, false},
		{"lessons, first screen", func(int) []string { return []string{"lessons"} }, true},
		// The warm-up runs write the vault; the timed ones find it up to date.
		{"export --vault (again)", func(size int) []string {
			return []string{"export", "--vault", filepath.Join(dir, fmt.Sprintf("vault-%d", size))}
		}, false},
	}
	results := map[string][]measure{}
	floor, err := timeIt(runs, nil, nil, hello)
	if err != nil {
		return err
	}
	answers := filepath.Join(dir, "answers.json")
	os.WriteFile(answers, []byte(`{"mood": 4, "win-small": "A timed save."}`), 0o600)

	var imports, jqs []measure
	var fileRatios []string
	for _, size := range sizes {
		fmt.Fprintf(os.Stderr, "timing on %d days…\n", size)
		db := filepath.Join(dir, fmt.Sprintf("journal-%d.db", size))
		env := []string{"REFLECT_DB=" + db, "HOME=" + dir, "NO_COLOR=1", "PATH=" + os.Getenv("PATH"), "TZ=UTC"}
		for _, r := range rows {
			var m measure
			switch {
			case r.args == nil:
				m, err = timeIt(runs, env, nil, reflect, "today", "--date", journaltest.Last.String(), "--answers", answers)
			case r.firstScreen:
				m, err = timeFirstScreen(runs, env, reflect, r.args(size)...)
			default:
				m, err = timeIt(runs, env, nil, reflect, r.args(size)...)
			}
			if err != nil {
				return err
			}
			results[r.name] = append(results[r.name], m)
		}
		// The file against its JSON export: what the journal costs on disk.
		fileRatio, err := fileToExport(reflect, env, db)
		if err != nil {
			return err
		}
		fileRatios = append(fileRatios, fileRatio)

		// Import: the whole journal, as JSON, into a new journal each run.
		file := filepath.Join(dir, fmt.Sprintf("journal-%d.json", size))
		target := filepath.Join(dir, "imported.db")
		fresh := func() error { return os.RemoveAll(target) }
		m, err := timeIt(runs, []string{"REFLECT_DB=" + target, "HOME=" + dir, "PATH=" + os.Getenv("PATH")}, fresh, reflect, "import", file)
		if err != nil {
			return err
		}
		imports = append(imports, m)
		if jq, err := exec.LookPath("jq"); err == nil {
			m, err := timeIt(runs, nil, nil, "sh", "-c", jq+` . "$0" >/dev/null`, file)
			if err != nil {
				return err
			}
			jqs = append(jqs, m)
		}
	}

	// The table.
	fmt.Printf("\nWhole-process timings: median of %d runs after 2 to warm up, and peak memory (max RSS).\n\n", runs)
	fmt.Printf("%-28s", "command")
	for _, size := range sizes {
		fmt.Printf(" | %18s", fmt.Sprintf("%d days", size))
	}
	fmt.Println()
	fmt.Println(strings.Repeat("-", 28+21*len(sizes)))
	fmt.Printf("%-28s", "Go hello-world (the floor)")
	for range sizes {
		fmt.Printf(" | %s", floor)
	}
	fmt.Println()
	for _, r := range rows {
		fmt.Printf("%-28s", r.name)
		for _, m := range results[r.name] {
			fmt.Printf(" | %s", m)
		}
		fmt.Println()
	}
	fmt.Printf("%-28s", "import (whole journal)")
	for _, m := range imports {
		fmt.Printf(" | %s", m)
	}
	fmt.Println()
	if len(jqs) > 0 {
		fmt.Printf("%-28s", "jq . (the same file)")
		for _, m := range jqs {
			fmt.Printf(" | %s", m)
		}
		fmt.Println()
	}

	// The targets, as ratios, each size side by side.
	version := results["reflect --version"]
	ratio := func(a, b measure) string { return fmt.Sprintf("%.2f×", float64(a.median)/float64(b.median)) }
	fmt.Println("\nTargets (measured in this run):")
	fmt.Printf("  --version / hello-world: %s (target 1.5×)\n\n", ratio(version[0], floor))
	fmt.Printf("  %-28s", "ratio to --version")
	for _, size := range sizes {
		fmt.Printf(" %11s", fmt.Sprintf("%d days", size))
	}
	fmt.Println("   target")
	for _, target := range []struct{ name, goal string }{
		{"status --prompt", "1.3× (before every shell prompt)"},
		{"log -n 7", "2×"}, {"show DATE", "2×"}, {"export --week", "2×"}, {"prompts plan", "2×"}, {"today --answers (a save)", "2×"},
		{"stats", "5×"}, {"log --grep WORD", "5×"}, {"lessons", "10×"}, {"lessons, first screen", "2×"},
	} {
		fmt.Printf("  %-28s", target.name)
		for i, m := range results[target.name] {
			fmt.Printf(" %11s", ratio(m, version[i]))
		}
		fmt.Printf("   %s\n", target.goal)
	}
	fmt.Printf("  %-28s", "journal file / JSON export")
	for _, r := range fileRatios {
		fmt.Printf(" %11s", r)
	}
	fmt.Println("   1.0× (stretch 0.6×)")
	last := len(sizes) - 1
	if len(jqs) > 0 {
		fmt.Printf("  import of %d days / jq .: %s (target 3×)\n", sizes[last], ratio(imports[last], jqs[last]))
	} else {
		fmt.Println("  import / jq .: jq is not installed (apt-get install jq)")
	}
	fmt.Printf("  peak memory of log -n 7 at %d days: %.1f MB (target 25 MB)\n", sizes[last], float64(results["log -n 7"][last].peakKB)/1024)
	return nil
}

// fileToExport is the size of the journal file db against the size of its
// whole JSON export, such as "1.75×".
func fileToExport(reflect string, env []string, db string) (string, error) {
	fi, err := os.Stat(db)
	if err != nil {
		return "", err
	}
	// The export is counted as it comes, never held: on Linux a child's peak
	// memory counts this process's at the moment it starts, so a large
	// buffer here would show in every command timed after it.
	var out byteCount
	export := exec.Command(reflect, "export", "--since", "0001-01-01", "--until", "9999-12-31", "--format", "json")
	export.Env, export.Stdout = env, &out
	if err := export.Run(); err != nil {
		return "", fmt.Errorf("exporting %s: %w", db, err)
	}
	return fmt.Sprintf("%.2f×", float64(fi.Size())/float64(out)), nil
}

// byteCount is a writer that counts what is written to it.
type byteCount int64

func (c *byteCount) Write(p []byte) (int, error) {
	*c += byteCount(len(p))
	return len(p), nil
}
