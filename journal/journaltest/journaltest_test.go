package journaltest

import (
	"reflect"
	"strings"
	"testing"

	"github.com/reflect-cli/reflect/journal"
)

func TestEntriesAreDeterministic(t *testing.T) {
	a, b := Entries(400, Last), Entries(400, Last)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two calls gave two journals")
	}
	// A day's entry depends on its date alone, not on the journal's length.
	if short := Entries(10, Last); !reflect.DeepEqual(short, a[390:]) {
		t.Error("the last ten days differ between a short and a long journal")
	}
	if a[0].Date != Last.AddDays(-399) || a[399].Date != Last {
		t.Errorf("dates run from %s to %s", a[0].Date, a[399].Date)
	}
	rare, setbacks, text := 0, 0, 0
	lessons := map[string]int{}
	for _, e := range a {
		if len(e.Answers) < 6 || e.Answers[0].PromptID != "followup-done" || e.Answers[0].FollowsUp == nil || strings.Contains(e.Answers[0].Question, "{") {
			t.Fatalf("entry %s: %+v", e.Date, e.Answers)
		}
		for _, ans := range e.Answers {
			if strings.Contains(ans.Answer, Rare) {
				rare++
			}
			if ans.PromptID == "setback-lesson" {
				setbacks++
				lessons[journal.LessonKey(ans.Answer)]++
			}
			text += len(ans.Answer)
		}
	}
	if rare == 0 || rare > 20 || setbacks < 180 || setbacks > 300 {
		t.Errorf("in 400 days: %d with %q, %d setbacks", rare, Rare, setbacks)
	}
	// As a person's: about 1.2 KB of answers a day, a lesson of its own
	// most days, and now and then one drawn again.
	if perDay := text / len(a); perDay < 900 || perDay > 1600 {
		t.Errorf("%d bytes of answers a day", perDay)
	}
	if len(lessons) < setbacks*3/4 || len(lessons) == setbacks {
		t.Errorf("%d different lessons in %d", len(lessons), setbacks)
	}
	var written []journal.Entry
	_ = Write(400, Last, func(e journal.Entry) error { written = append(written, e); return nil })
	if !reflect.DeepEqual(written, a) {
		t.Error("Write and Entries differ")
	}
}
