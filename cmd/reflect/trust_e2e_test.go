//go:build linux

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// logDates returns the dates the journal holds, from 'reflect log --json'.
func logDates(t *testing.T, db string) map[string][]string {
	t.Helper()
	cmd := exec.Command(binary, "log", "--json")
	cmd.Env = env(db)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("log: %v", err)
	}
	var entries []struct {
		Date    string
		Answers []struct{ Answer string }
	}
	if err := json.Unmarshal(out, &entries); err != nil {
		t.Fatal(err)
	}
	days := map[string][]string{}
	for _, e := range entries {
		for _, a := range e.Answers {
			days[e.Date] = append(days[e.Date], a.Answer)
		}
	}
	return days
}

// TestTwentyWritersAtOnce: twenty processes, half answering and half
// importing, each write a day of their own at the same moment.
func TestTwentyWritersAtOnce(t *testing.T) {
	db := filepath.Join(t.TempDir(), "journal.db")
	var cmds []*exec.Cmd
	var outs []*bytes.Buffer
	for i := 1; i <= 20; i++ {
		date := fmt.Sprintf("2026-10-%02d", i)
		var cmd *exec.Cmd
		if i%2 == 0 {
			cmd = exec.Command(binary, "today", "--date", date, "--answers", "-")
			cmd.Stdin = strings.NewReader(fmt.Sprintf(`{"mood": 3, "win-small": "writer %d"}`, i))
		} else {
			cmd = exec.Command(binary, "import", "-")
			cmd.Stdin = strings.NewReader(fmt.Sprintf(`[{"date": %q, "answers": [{"prompt_id": "win-small", "answer": "writer %d"}]}]`, date, i))
		}
		cmd.Env = env(db)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		cmds, outs = append(cmds, cmd), append(outs, &out)
	}
	for _, cmd := range cmds {
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("writer %d: %v: %s", i+1, err, outs[i])
		}
	}
	days := logDates(t, db)
	for i := 1; i <= 20; i++ {
		date := fmt.Sprintf("2026-10-%02d", i)
		if !strings.Contains(strings.Join(days[date], "|"), fmt.Sprintf("writer %d", i)) {
			t.Errorf("%s lacks writer %d: %v", date, i, days[date])
		}
	}
}

// TestKilledWriters kills writers with SIGKILL at random moments of a
// large write, again and again: the journal always opens and checks clean,
// and each write is there wholly or not at all.
func TestKilledWriters(t *testing.T) {
	db := filepath.Join(t.TempDir(), "journal.db")
	const days, rounds = 60, 12
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(1, 2))
	for round := 1; round <= rounds; round++ {
		// Each round adds the same three answers, marked with the round, to
		// every one of 60 days, in one import.
		var entries []string
		for d := 0; d < days; d++ {
			date := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, d).Format("2006-01-02")
			var answers []string
			for k := 0; k < 3; k++ {
				answers = append(answers, fmt.Sprintf(`{"prompt_id": "win-small", "answer": "round %d part %d %s"}`, round, k, strings.Repeat("words ", 50)))
			}
			entries = append(entries, fmt.Sprintf(`{"date": %q, "answers": [%s]}`, date, strings.Join(answers, ",")))
		}
		file := filepath.Join(dir, fmt.Sprintf("round-%d.json", round))
		os.WriteFile(file, []byte("["+strings.Join(entries, ",")+"]"), 0o600)
		cmd := exec.Command(binary, "import", file)
		cmd.Env = env(db)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done: // finished before its kill
		case <-time.After(time.Duration(rng.IntN(60)) * time.Millisecond):
			cmd.Process.Signal(syscall.SIGKILL)
			<-done
		}
	}
	doctor := exec.Command(binary, "doctor")
	doctor.Env = env(db)
	if out, err := doctor.CombinedOutput(); err != nil && !os.IsNotExist(err) {
		if _, statErr := os.Stat(db); statErr == nil {
			t.Fatalf("doctor after the kills: %v\n%s", err, out)
		}
	}
	if _, err := os.Stat(db); err != nil {
		t.Skip("every writer was killed before it wrote anything")
	}
	// A round is in the journal on every day, with all three parts, or on none.
	per := map[int]int{}
	for date, answers := range logDates(t, db) {
		parts := map[int]int{}
		for _, a := range answers {
			var round, part int
			fmt.Sscanf(a, "round %d part %d", &round, &part)
			parts[round]++
		}
		for round, n := range parts {
			if n != 3 {
				t.Errorf("%s holds %d of round %d's 3 answers", date, n, round)
			}
			per[round]++
		}
	}
	for round, n := range per {
		if n != days {
			t.Errorf("round %d is on %d of the %d days", round, n, days)
		}
	}
	t.Logf("%d of %d rounds landed", len(per), rounds)
}

// TestFullDisk: when the journal cannot grow (a file size limit stands in
// for a full disk), answers from standard input are kept in a file of their
// own, the message says where, and the journal is left sound.
func TestFullDisk(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "journal.db")
	if code, stderr := run(t, db, "", "import", fixture); code != 0 {
		t.Fatalf("import: %d %s", code, stderr)
	}
	fi, _ := os.Stat(db)
	before, _ := os.ReadFile(db)
	// An answer of half the journal's size: the file the answers go to fits
	// under the limit, but the journal must grow to take it, and cannot.
	long := strings.Repeat("A long evening, written out in full. ", int(fi.Size()/2/37))
	answers := fmt.Sprintf(`{"mood": 2, "setback-what": %q}`, long)
	blocks := fi.Size() / 512
	cmd := exec.Command("sh", "-c", fmt.Sprintf(`ulimit -f %d; exec "$0" today --date 2026-11-09 --answers -`, blocks), binary)
	cmd.Env = env(db)
	cmd.Stdin = strings.NewReader(answers)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if exit, ok := err.(*exec.ExitError); !ok || exit.ExitCode() != 1 {
		t.Fatalf("exit %v, stderr %.300q", err, stderr.String())
	}
	msg := stderr.String()
	if !strings.HasPrefix(msg, "reflect: could not save your answers") || !strings.Contains(msg, "Your answers are kept in ") {
		t.Fatalf("stderr %.300q", msg)
	}
	kept, _, _ := strings.Cut(msg[strings.Index(msg, "kept in ")+len("kept in "):], ", in plain text")
	data, err := os.ReadFile(kept)
	if err != nil || !bytes.Contains(data, []byte(`"answer": "A long evening`)) {
		t.Fatalf("the kept answers (%s): %v", kept, err)
	}
	after, _ := os.ReadFile(db)
	if len(after) > len(before) {
		t.Logf("the journal grew by %d bytes before the limit", len(after)-len(before))
	}
	doctor := exec.Command(binary, "doctor")
	doctor.Env = env(db)
	if out, err := doctor.CombinedOutput(); err != nil {
		t.Errorf("doctor after the failed save: %v\n%s", err, out)
	}
	// The kept file brings the answers in once there is room.
	if code, stderr := run(t, db, "", "import", kept); code != 0 {
		t.Errorf("importing the kept answers: %d %s", code, stderr)
	}
	if got := answersOf(show(t, db, "2026-11-09"))["setback-what"]; got != long {
		t.Errorf("the long answer came back as %d bytes", len(got))
	}
}

// TestFullDiskEverywhere: when not even a small file can be written, the
// answers are printed for the person to copy.
func TestFullDiskEverywhere(t *testing.T) {
	db := filepath.Join(t.TempDir(), "journal.db")
	if code, stderr := run(t, db, "", "import", fixture); code != 0 {
		t.Fatalf("import: %d %s", code, stderr)
	}
	cmd := exec.Command("sh", "-c", `ulimit -f 0; exec "$0" today --date 2026-11-09 --answers -`, binary)
	cmd.Env = env(db)
	cmd.Stdin = strings.NewReader(`{"mood": 2, "win-small": "Words with nowhere to go but the screen."}`)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if exit, ok := err.(*exec.ExitError); !ok || exit.ExitCode() != 1 {
		t.Fatalf("exit %v, stderr %.300q", err, stderr.String())
	}
	if msg := stderr.String(); !strings.Contains(msg, "printed below") || !strings.Contains(msg, "    Words with nowhere to go but the screen.\n") {
		t.Errorf("stderr %.500q", msg)
	}
}

// TestEncryptInATerminal: the passphrase is asked twice, never echoed, and
// then once by each command; the file holds none of the answers' text.
func TestEncryptInATerminal(t *testing.T) {
	db := withFixture(t)
	s := start(t, db, "encrypt")
	s.expect("New passphrase: ")
	s.send("tea at dusk" + enter)
	s.expect("The same again: ")
	s.send("tea at dusk" + enter)
	s.expect("Encrypted ")
	if code := s.wait(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if screen := s.vt.String(); strings.Contains(screen, "tea at dusk") {
		t.Errorf("the passphrase was echoed:\n%s", screen)
	}
	raw, _ := os.ReadFile(db)
	if bytes.Contains(raw, []byte("Book the dentist")) {
		t.Fatal("an answer is readable in the encrypted file")
	}

	s = start(t, db, "show", "2026-11-20")
	s.expect("Passphrase for " + db + ": ")
	s.send("tea at dusk" + enter)
	s.expect("Book the dentist.")
	if code := s.wait(); code != 0 {
		t.Fatalf("exit %d", code)
	}

	s = start(t, db, "show", "2026-11-20")
	s.expect("Passphrase for ")
	s.send("coffee at dawn" + enter)
	s.expect("the passphrase does not open this journal")
	if code := s.wait(); code != 1 {
		t.Fatalf("a wrong passphrase: exit %d", code)
	}
}

// TestCtrlCAtThePassphrase leaves the terminal as it was (echo on).
func TestCtrlCAtThePassphrase(t *testing.T) {
	db := withFixture(t)
	s := start(t, db, "encrypt")
	s.expect("New passphrase: ")
	s.send("half typed")
	s.send(ctrlC)
	s.expect("interrupted; nothing was changed")
	if code := s.wait(); code != 130 { // wait also checks the terminal was put back
		t.Fatalf("exit %d, want 130", code)
	}
	if raw, _ := os.ReadFile(db); !bytes.Contains(raw, []byte("Book the dentist")) {
		t.Error("the interrupted encrypt changed the journal")
	}
}

// reflectWith runs the binary without a terminal, with extra environment,
// and fails the test unless it exits 0.
func reflectWith(t *testing.T, db string, extraEnv []string, args ...string) string {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(env(db), extraEnv...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("reflect %v: %v, stderr %.300q", args, err, stderr.String())
	}
	return string(out)
}

// TestAnEveningAcrossEncryptAndDecrypt: an evening is open in a terminal
// while another reflect turns encryption on, and in another evening off.
// Each evening saves under the state it finds at the save: never in the
// clear into an encrypted journal, never sealed with a key that is gone.
func TestAnEveningAcrossEncryptAndDecrypt(t *testing.T) {
	passFile := filepath.Join(t.TempDir(), "pass")
	if err := os.WriteFile(passFile, []byte("tea at dusk\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	withPass := []string{"REFLECT_PASSPHRASE_FILE=" + passFile}

	// Encryption turned on while the evening waits at its second question.
	db, steps, s := startAtSetbackCheck(t, withPass)
	reflectWith(t, db, withPass, "encrypt")
	s.send(enter) // no, at the setback check, whose question is on the screen
	typed := s.answerPlan(steps[2:], calmPath)
	s.expectSaved("")
	if code := s.wait(); code != 0 {
		t.Fatalf("the evening across encrypt: exit %d", code)
	}
	raw, _ := os.ReadFile(db)
	for id, text := range typed {
		if len(text) > 3 && bytes.Contains(raw, []byte(text)) {
			t.Errorf("the answer to %s is in the clear in the encrypted journal", id)
		}
	}
	if out := reflectWith(t, db, withPass, "show", day, "--json"); !strings.Contains(out, `"prompt_id": "mood"`) || strings.Count(out, `"prompt_id"`) < len(typed)+2 {
		t.Errorf("show after the evening across encrypt:\n%s", out)
	}

	// Encryption turned off while another evening waits.
	s = startWith(t, db, withPass, "today", "--date", "2026-11-19", "--quick")
	s.expect("How are you feeling") // the mood, after the passphrase is read from its file
	reflectWith(t, db, withPass, "decrypt")
	s.send(down + enter)
	s.expect("(Enter skips)")
	s.send("Walked home the long way" + enter)
	s.expect("(When …, I will …)") // the next step
	s.send(enter)
	s.expect("(an empty line ends it)") // the free note
	s.send(enter)
	if code := s.wait(); code != 0 {
		t.Fatalf("the evening across decrypt: exit %d", code)
	}
	if out := reflectWith(t, db, nil, "show", "2026-11-19"); !strings.Contains(out, "Walked home the long way") {
		t.Errorf("show without a passphrase after decrypt:\n%s", out)
	}
}

// TestAnEncryptedEveningAsksThePassphraseFirst: with no passphrase file,
// an evening on an encrypted journal asks for the passphrase at the
// terminal before its first question, not between questions that hold it.
func TestAnEncryptedEveningAsksThePassphraseFirst(t *testing.T) {
	db := withFixture(t)
	passFile := filepath.Join(t.TempDir(), "pass")
	if err := os.WriteFile(passFile, []byte("tea at dusk\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	withPass := []string{"REFLECT_PASSPHRASE_FILE=" + passFile}
	reflectWith(t, db, withPass, "encrypt")

	s := start(t, db, "today", "--date", "2026-10-01", "--quick")
	s.expect("Passphrase for " + db + ": ")
	s.send("tea at dusk" + enter)
	s.expect("How are you feeling")
	s.send(down + enter)
	s.answerText("(Enter skips)", "Walked home the long way")
	s.finishSkipping()
	if code := s.wait(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if screen := s.vt.String(); strings.Contains(screen, "tea at dusk") {
		t.Errorf("the passphrase was echoed:\n%s", screen)
	}
	if out := reflectWith(t, db, withPass, "show", "2026-10-01"); !strings.Contains(out, "Walked home the long way") {
		t.Errorf("show after the evening:\n%s", out)
	}
}

// TestAnEveningAcrossEncryptWithNoPassphraseFile: encryption turned on
// while an evening with no passphrase file waits at a question. The
// terminal is the questions': the passphrase is not read from it then, and
// the answers are kept in a file that is named.
func TestAnEveningAcrossEncryptWithNoPassphraseFile(t *testing.T) {
	db := withFixture(t)
	passFile := filepath.Join(t.TempDir(), "pass")
	if err := os.WriteFile(passFile, []byte("tea at dusk\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s := start(t, db, "today", "--date", "2026-10-01", "--quick")
	s.expect("How are you feeling")
	reflectWith(t, db, []string{"REFLECT_PASSPHRASE_FILE=" + passFile}, "encrypt")
	s.send(down + enter)
	s.answerText("(Enter skips)", "Walked home the long way")
	s.finishSkipping()
	if code := s.wait(); code != 1 {
		t.Fatalf("exit %d, want 1\nscreen:\n%s", code, s.vt.String())
	}
	screen := strings.Join(strings.Fields(s.vt.String()), " ")
	if !strings.Contains(screen, "encryption changed while reflect was asking") {
		t.Errorf("the evening did not say why it could not save:\n%s", s.vt.String())
	}
	kept, _ := filepath.Glob(filepath.Join(filepath.Dir(db), "reflect-answers-2026-10-01-*.json"))
	if len(kept) != 1 {
		t.Fatalf("answers kept in %v", kept)
	}
	if data, _ := os.ReadFile(kept[0]); !bytes.Contains(data, []byte("Walked home the long way")) {
		t.Errorf("%s does not hold the answer:\n%s", kept[0], data)
	}
	if raw, _ := os.ReadFile(db); bytes.Contains(raw, []byte("Walked home the long way")) {
		t.Error("the answer is in the clear in the encrypted journal")
	}
}

// TestTwoEncryptsAtOnce: two encrypts of the same journal, each with its
// own passphrase, started together. One encrypts it; the other finds it
// changed and refuses (it must not seal what is sealed already, nor put its
// lock over the first one's). The journal reads with the winner's
// passphrase, whole.
func TestTwoEncryptsAtOnce(t *testing.T) {
	db := withFixture(t)
	before := reflectWith(t, db, nil, "export", "--since", "2000-01-01", "--format", "json")
	passes := make([]string, 2)
	for i := range passes {
		passes[i] = filepath.Join(t.TempDir(), "pass")
		if err := os.WriteFile(passes[i], []byte(fmt.Sprintf("passphrase number %d\n", i)), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	type result struct {
		code   int
		stderr string
	}
	results := make(chan result, 2)
	for _, pass := range passes {
		go func() {
			cmd := exec.Command(binary, "encrypt")
			cmd.Env = append(env(db), "REFLECT_PASSPHRASE_FILE="+pass)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			_ = cmd.Run() // the exit status says how it went
			results <- result{cmd.ProcessState.ExitCode(), stderr.String()}
		}()
	}
	won := ""
	for range passes {
		r := <-results
		switch {
		case r.code == 0 && won == "":
			won = strings.TrimSpace(r.stderr)
		case r.code == 1 && (strings.Contains(r.stderr, "another reflect changed the journal's encryption") || strings.Contains(r.stderr, "encrypted already")):
		default:
			t.Errorf("an encrypt: exit %d, %q", r.code, r.stderr)
		}
	}
	if won == "" {
		t.Fatal("neither encrypt won")
	}
	opened := 0
	for _, pass := range passes {
		cmd := exec.Command(binary, "export", "--since", "2000-01-01", "--format", "json")
		cmd.Env = append(env(db), "REFLECT_PASSPHRASE_FILE="+pass)
		if out, err := cmd.Output(); err == nil {
			opened++
			if string(out) != before {
				t.Error("the journal does not read back as it was")
			}
		}
	}
	if opened != 1 {
		t.Errorf("the journal opens with %d of the two passphrases", opened)
	}
}
