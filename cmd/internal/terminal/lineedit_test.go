package terminal

import (
	"io"
	"strings"
	"testing"

	"github.com/hinshun/vt10x"
)

func TestFold(t *testing.T) {
	tests := []struct {
		text    string
		at      int
		cols    int
		want    string
		wantEnd int
	}{
		{"How are you feeling tonight?", 2, 40, "How are you feeling tonight?", 30},
		{"Did anything not go the way you planned today?", 2, 40, "Did anything not go the way you\nplanned today?", 14},
		{"[Use arrows to move, type to filter]", 0, 21, "[Use arrows to move,\ntype to filter]", 15},
		{"[Use arrows to move, type to filter]", 0, 15, "[Use arrows to\nmove, type to\nfilter]", 7},
		{strings.Repeat("x", 25), 0, 11, "xxxxxxxxxx\nxxxxxxxxxx\nxxxxx", 5},
		{"keeps\nits own  breaks", 0, 40, "keeps\nits own  breaks", 15},
		{"日本語の文章です", 0, 11, "日本語の文\n章です", 6},
		{"words that do not fit", 36, 40, "\nwords that do not fit", 21},
		{"nothing folds when the width is unknown", 2, 0, "nothing folds when the width is unknown", 41},
	}
	for _, tt := range tests {
		got, end := fold(tt.text, tt.at, tt.cols)
		if got != tt.want || end != tt.wantEnd {
			t.Errorf("fold(%q, %d, %d) = %q, %d; want %q, %d", tt.text, tt.at, tt.cols, got, end, tt.want, tt.wantEnd)
		}
	}
}

// screenRows returns the emulator's rows, without their trailing blanks.
func screenRows(vt vt10x.Terminal) []string {
	rows := strings.Split(vt.String(), "\n")
	for i := range rows {
		rows[i] = strings.TrimRight(rows[i], " ")
	}
	return rows
}

// TestLineEditorOverWrappedRows types, deletes and inserts in a line that
// wraps over three rows of a terminal 20 columns wide, and checks after
// every key that the screen shows the line, wrapped as the terminal wraps
// it, and nothing else, with the cursor where the next key acts.
func TestLineEditorOverWrappedRows(t *testing.T) {
	const cols, prompt = 20, "? Q "
	vt := vt10x.New(vt10x.WithSize(cols, 8))
	io.WriteString(vt, "line above\r\n"+prompt)
	ed := newLineEditor(vt, cols, len(prompt))

	var keys []func() (rune, editKey, error)
	press := func(r rune, k editKey) {
		keys = append(keys, func() (rune, editKey, error) { return r, k, nil })
	}
	for _, r := range "abcdefghijklmnopqrstuvwxyz0123456789" { // exactly fills two rows
		press(r, keyInsert)
	}
	press(0, keyBackspace)
	for range 20 {
		press(0, keyLeft)
	}
	press('X', keyInsert)
	press('Y', keyInsert)
	press(0, keyHome)
	press(0, keyDelete)
	press(0, keyRight)
	press(0, keyBackspace)
	press(0, keyEnd)
	press('!', keyInsert)
	press(0, keyEnter)

	// The model: the line as it stands, and where the cursor is in it.
	var line []rune
	pos := 0
	check := func(step int) {
		t.Helper()
		text := prompt + string(line)
		var want []string
		for len(text) > cols {
			want = append(want, text[:cols])
			text = text[cols:]
		}
		want = append(want, text)
		got := screenRows(vt)
		if got[0] != "line above" || strings.Join(got[1:1+len(want)], "\n") != strings.Join(want, "\n") || strings.Join(got[1+len(want):], "") != "" {
			t.Fatalf("after key %d the screen is\n%s\nwant\n%s", step, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		c := vt.Cursor()
		at := len(prompt) + pos
		if wantX, wantY := at%cols, 1+at/cols; c.X != wantX || c.Y != wantY {
			t.Fatalf("after key %d the cursor is at %d,%d, want %d,%d", step, c.X, c.Y, wantX, wantY)
		}
	}
	i := 0
	next := func() (rune, editKey, error) {
		if i > 0 { // what the key before should have done
			r, k, _ := keys[i-1]()
			switch k {
			case keyInsert:
				line = append(line[:pos], append([]rune{r}, line[pos:]...)...)
				pos++
			case keyBackspace:
				line = append(line[:pos-1], line[pos:]...)
				pos--
			case keyDelete:
				line = append(line[:pos], line[pos+1:]...)
			case keyLeft:
				pos--
			case keyRight:
				pos++
			case keyHome:
				pos = 0
			case keyEnd:
				pos = len(line)
			}
			check(i)
		}
		i++
		return keys[i-1]()
	}
	got, err := ed.read(next)
	if want := "cdefghijklmnoXYpqrstuvwxyz012345678!"; got != want || err != nil {
		t.Fatalf("read = %q, %v; want %q", got, err, want)
	}

	// After Enter, what takes the line's place starts where it started.
	ed.clearFrom(spot{0, 0})
	io.WriteString(vt, "done\r\n")
	if got := screenRows(vt); got[0] != "line above" || got[1] != "done" || strings.Join(got[2:], "") != "" {
		t.Fatalf("after clearing the line the screen is\n%s", strings.Join(got, "\n"))
	}
}
