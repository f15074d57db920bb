package journal

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

// zeros is an endless file of zero bytes, as /dev/zero is.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestAnEndlessFileIsRefused(t *testing.T) {
	defer func(limit int64) { entriesLimit = limit }(entriesLimit)
	entriesLimit = 1 << 20
	for name, read := range map[string]func(io.Reader) error{
		"reflect": func(r io.Reader) error { _, err := ReadEntries(r, time.Now()); return err },
		"jrnl":    func(r io.Reader) error { _, err := ReadJrnl(r, time.UTC, "t", "Q?"); return err },
	} {
		var input *InputError
		if err := read(zeros{}); !errors.As(err, &input) || !strings.Contains(err.Error(), "larger than 1 MiB") {
			t.Errorf("%s: an endless file = %v, want an *InputError saying it is too large", name, err)
		}
	}
}

func TestDatesOutsideTheJournalAreRefused(t *testing.T) {
	in := `[{"date": "2026-11-20", "answers": [{"prompt_id": "x", "answer": "fine"}]},
	        {"date": "0000-01-01", "answers": [{"prompt_id": "x", "answer": "the year nought"}]}]`
	_, err := ReadEntries(strings.NewReader(in), time.Now())
	var input *InputError
	if !errors.As(err, &input) || input.Entry != 2 || input.Field != "date" || !strings.Contains(err.Error(), "0001-01-01") {
		t.Errorf("ReadEntries = %v, want entry 2's date refused", err)
	}
	jrnl := `{"entries": [{"title": "Nought", "body": "", "date": "0000-01-01", "time": "09:00"}]}`
	_, err = ReadJrnl(strings.NewReader(jrnl), time.UTC, "t", "Q?")
	if !errors.As(err, &input) || input.Entry != 1 || input.Field != "date" {
		t.Errorf("ReadJrnl = %v, want entry 1's date refused", err)
	}
	for _, d := range []Day{Earliest, Latest, NewDay(2026, 11, 20)} {
		if err := CheckDate(d); err != nil {
			t.Errorf("CheckDate(%s) = %v", d, err)
		}
	}
	if err := CheckDate(Earliest.AddDays(-1)); err == nil {
		t.Errorf("CheckDate(%s) = nil", Earliest.AddDays(-1))
	}
}
