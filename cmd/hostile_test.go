package cmd

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"github.com/reflect-cli/reflect/journal"
)

// hostileName holds everything that must never reach a terminal as it is:
// a screen clear, a clipboard write (OSC 52, ended by BEL), a C1 CSI, DEL,
// a right-to-left override and a byte that is not UTF-8. It is short enough
// to be a file's name.
const hostileName = "clear\x1b[2J clip\x1b]52;c;aGFjaw==\a csi\u009b31m del\x7f rlo\u202egnp.exe bad\xff"

// hostile is hostileName and then a line of 10 KB.
var hostile = hostileName + " " + strings.Repeat("long line ", 1024)

// rawForms are the bytes of hostile that must not reach a terminal.
var rawForms = []string{"\x1b[2J", "\x1b]52", "\a", "\u009b", "\x9b", "\x7f", "\u202e", "\xff"}

// quoted returns s as a JSON string, its invalid UTF-8 kept as it is.
func quoted(s string) string {
	return `"` + strings.NewReplacer(`"`, `\"`, `\`, `\\`, "\a", `\u0007`, "\x1b", `\u001b`).Replace(s) + `"`
}

// assertSafe fails the test unless text is UTF-8 free of control characters
// other than newlines and of invisible format characters, and unless each
// of its lines is short when it is an error stream.
func assertSafe(t *testing.T, door, stream, text string, lineCap bool) {
	t.Helper()
	if !utf8.ValidString(text) {
		t.Errorf("%s: %s is not UTF-8: %.300q", door, stream, text)
	}
	for i, r := range text {
		if journal.Hidden(r) && r != '\n' {
			t.Errorf("%s: %s holds %U raw: %.300q", door, stream, r, text[max(0, i-100):])
			break
		}
	}
	if !lineCap {
		return
	}
	for _, line := range strings.Split(text, "\n") {
		if n := utf8.RuneCountInString(line); n > journal.MaxLine+len("reflect: ") {
			t.Errorf("%s: %s has a line of %d characters: %.200q…", door, stream, n, line)
		}
	}
}

// tempFile writes a file in a temporary folder and returns its path.
func tempFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestHostileTextThroughEveryDoor sends one hostile string through every way
// that text a person or a file supplied reaches standard output, standard
// error or the terminal, and checks that none of it arrives raw.
func TestHostileTextThroughEveryDoor(t *testing.T) {
	h := quoted(hostile)
	tests := []struct {
		door  string
		setup func(t *testing.T, e *testEnv) []string // returns the arguments
		asks  bool                                    // asks in a terminal
	}{
		{"import: a bad date", func(t *testing.T, e *testEnv) []string {
			return []string{"import", tempFile(t, "bad.json", `[{"date": `+h+`, "answers": [{"prompt_id": "mood", "answer": "3"}]}]`)}
		}, false},
		{"import: a bad field", func(t *testing.T, e *testEnv) []string {
			return []string{"import", tempFile(t, "bad.json", `[{"date": "2026-11-20", "created_at": `+h+`, "answers": [{"prompt_id": "mood", "answer": "3"}]}]`)}
		}, false},
		{"import: a file's name", func(t *testing.T, e *testEnv) []string {
			return []string{"import", filepath.Join(t.TempDir(), hostileName)}
		}, false},
		{"restore: a file's name", func(t *testing.T, e *testEnv) []string {
			return []string{"restore", filepath.Join(t.TempDir(), hostileName)}
		}, false},
		{"log: a journal's name", func(t *testing.T, e *testEnv) []string {
			e.db = tempFile(t, hostileName, strings.Repeat("not a journal ", 1000))
			return []string{"log"}
		}, false},
		{"doctor: a journal's name and keys", func(t *testing.T, e *testEnv) []string {
			e.db = filepath.Join(t.TempDir(), hostileName)
			e.stdin = `{"mood": 3}`
			e.mustRun("today", "--answers", "-")
			db, err := bolt.Open(e.db, 0o600, nil)
			if err != nil {
				t.Fatal(err)
			}
			err = db.Update(func(tx *bolt.Tx) error {
				for _, bucket := range []string{"drafts", "summaries"} {
					if err := tx.Bucket([]byte(bucket)).Put([]byte(hostile), []byte(hostile)); err != nil {
						return err
					}
				}
				return nil
			})
			if cerr := db.Close(); err != nil || cerr != nil {
				t.Fatal(err, cerr)
			}
			return []string{"doctor"}
		}, false},
		{"today --answers: a prompt id", func(t *testing.T, e *testEnv) []string {
			e.stdin = `{` + h + `: "an answer"}`
			return []string{"today", "--answers", "-"}
		}, false},
		{"today --answers: an answer out of range", func(t *testing.T, e *testEnv) []string {
			e.stdin = `{"mood": ` + h + `}`
			return []string{"today", "--answers", "-"}
		}, false},
		{"today: a date", func(t *testing.T, e *testEnv) []string {
			return []string{"today", "--date", hostile, "--answers", "-"}
		}, false},
		{"show --json: an answer", func(t *testing.T, e *testEnv) []string {
			e.stdin = `{"win-small": ` + h + `}`
			e.mustRun("today", "--answers", "-")
			return []string{"show", "today", "--json"}
		}, false},
		{"log --json: an answer", func(t *testing.T, e *testEnv) []string {
			e.stdin = `{"win-small": ` + h + `}`
			e.mustRun("today", "--answers", "-")
			return []string{"log", "--json"}
		}, false},
		{"prompts: a prompts file's ids, questions and options", func(t *testing.T, e *testEnv) []string {
			withPrompts(t, e, `{"prompts": [{"id": `+quoted(hostileName)+`, "theme": "gratitude", "kind": "choice",
				"question": `+h+`, "options": [`+h+`, "plain"], "sources": [{"article": "002", "advice": `+h+`}]}]}`)
			return []string{"prompts"}
		}, false},
		{"prompts --json: a prompts file", func(t *testing.T, e *testEnv) []string {
			withPrompts(t, e, `{"prompts": [{"id": `+quoted(hostileName)+`, "theme": "gratitude", "kind": "scale",
				"question": `+h+`, "low": `+h+`, "high": `+h+`}]}`)
			return []string{"prompts", "--json"}
		}, false},
		{"prompts: a broken prompts file", func(t *testing.T, e *testEnv) []string {
			withPrompts(t, e, `{"prompts": [{`+h+`: 1}]}`)
			return []string{"prompts"}
		}, false},
		{"prompts plan: a step and a lesson", func(t *testing.T, e *testEnv) []string {
			e.mustRun("import", tempFile(t, "past.json", pastWith(h)))
			return []string{"prompts", "plan", "--date", "2026-11-20"}
		}, false},
		{"today: the step and the lesson asked about again", func(t *testing.T, e *testEnv) []string {
			e.mustRun("import", tempFile(t, "past.json", pastWith(h)))
			plan := e.mustRun("prompts", "plan", "--date", "2026-11-20", "--json").out
			if !strings.Contains(plan, `"followup-done"`) || !strings.Contains(plan, `"lesson-still-true"`) {
				t.Fatalf("the plan does not come back to the step and the lesson:\n%.2000s", plan)
			}
			return []string{"today", "--date", "2026-11-20"}
		}, true},
		{"today: a prompts file's question and options", func(t *testing.T, e *testEnv) []string {
			withPrompts(t, e, `{"prompts": [{"id": "hostile", "theme": "hostile", "kind": "choice",
				"question": `+h+`, "options": [`+h+`, "plain"]}]}`)
			for day := 1; day <= 30; day++ {
				date := fmt.Sprintf("2026-11-%02d", day)
				if strings.Contains(e.mustRun("prompts", "plan", "--date", date, "--json").out, `"hostile"`) {
					return []string{"today", "--date", date}
				}
			}
			t.Fatal("no plan in a month asks the prompts file's question")
			return nil
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.door, func(t *testing.T) {
			e := newEnv(t)
			args := tt.setup(t, e)
			var r result
			if tt.asks {
				adjust, finish := ptyAsker(t)
				r = e.runWith(adjust, args...)
				screen := finish()
				for _, raw := range rawForms {
					if i := bytes.Index(screen, []byte(raw)); i >= 0 {
						t.Errorf("the terminal got %q raw: %.300q", raw, screen[max(0, i-100):])
					}
				}
				if r.code != 0 {
					t.Errorf("exit %d: %s", r.code, r.err)
				}
			} else {
				r = e.run(args...)
			}
			assertSafe(t, tt.door, "standard output", r.out, false)
			assertSafe(t, tt.door, "standard error", r.err, true)
		})
	}
}

// pastWith is an import file whose step for tomorrow (on 19 November) and
// lesson (on 27 October) are text.
func pastWith(text string) string {
	return `[{"date": "2026-10-27", "answers": [{"prompt_id": "setback-check", "answer": "yes"},
		{"prompt_id": "setback-lesson", "answer": ` + text + `}]},
	{"date": "2026-11-19", "answers": [{"prompt_id": "next-step", "theme": "next-step", "answer": ` + text + `}]}]`
}

// TestJSONRoundTripOfHostileText: C1 controls, DEL, line separators and
// bidirectional controls come out of --json as \u escapes, and the text
// still makes the round trip export → import → export byte for byte.
func TestJSONRoundTripOfHostileText(t *testing.T) {
	e := newEnv(t)
	text := "csi\u009b31m del\x7f rlo\u202e lsep\u2028 nel\u0085 bom\ufeff tag\U000E0041 é 日本 🙂"
	data, _ := json.Marshal(map[string]string{"win-small": text, "setback-what": text})
	e.stdin = string(data)
	e.mustRun("today", "--answers", "-")
	first := e.mustRun("export", "--format", "json", "--since", "2026-11-01").out
	assertSafe(t, "export --format json", "standard output", first, false)
	for _, esc := range []string{`\u009b`, `\u007f`, `\u202e`, `\u2028`, `\u0085`, `\ufeff`, `\udb40\udc41`} {
		if !strings.Contains(first, esc) {
			t.Errorf("export --format json does not escape %s:\n%s", esc, first)
		}
	}
	other := newEnv(t)
	other.mustRun("import", tempFile(t, "week.json", first))
	if again := other.mustRun("export", "--format", "json", "--since", "2026-11-01").out; again != first {
		t.Errorf("export → import → export changed the text:\n%s\nthen\n%s", first, again)
	}
	var entries []journal.Entry
	if err := json.Unmarshal([]byte(first), &entries); err != nil || entries[0].Answers[0].Answer != text {
		t.Errorf("the JSON does not read back as the text (%v): %+v", err, entries)
	}
}
