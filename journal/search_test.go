package journal_test

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/journal/journaltest"
)

// TestTrigramsHoldWhatASearchFinds takes stretches of a year of answers and
// questions, of three to twenty bytes, in changed case, and searches for
// them: wherever the filter keeps an entry, the entry's trigrams hold the
// search's. A trigram search never passes by an entry that holds the text.
func TestTrigramsHoldWhatASearchFinds(t *testing.T) {
	entries := journaltest.Entries(365, journaltest.Last)
	r := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		e := entries[r.IntN(len(entries))]
		a := e.Answers[r.IntN(len(e.Answers))]
		text := a.Answer
		if r.IntN(4) == 0 {
			text = a.Question
		}
		if len(text) < 3 {
			continue
		}
		n := 3 + r.IntN(min(18, len(text)-2))
		at := r.IntN(len(text) - n + 1)
		needle := []byte(text[at : at+n])
		for i := range needle {
			if r.IntN(2) == 0 {
				needle[i] = strings.ToUpper(string(needle[i]))[0]
			}
		}
		f := journal.Filter{Grep: string(needle)}
		want, narrowed := f.Trigrams()
		if _, kept := f.Apply(e); !kept || !narrowed {
			continue // not ASCII, or cut in a character
		}
		have := journal.Trigrams(e)
		for _, tg := range want {
			if !slices.Contains(have, tg) {
				t.Fatalf("%q is in the entry of %s, but its trigram %06x is not among the entry's", needle, e.Date, tg)
			}
		}
	}
}

// TestTrigramsEachOnce: an entry's trigrams are those of its texts, each
// once.
func TestTrigramsEachOnce(t *testing.T) {
	// And a text of many more distinct trigrams than an evening's, for
	// which the set grows.
	rng := rand.New(rand.NewPCG(1, 2))
	many := make([]byte, 300_000)
	for i := range many {
		many[i] = "abcdefghijklmnopqrstuvwxyz0123456789 "[rng.IntN(37)]
	}
	big := journal.Entry{Date: journal.DayOf(time.Now()), Answers: []journal.Answer{{Answer: string(many)}}}
	for _, e := range append(journaltest.Entries(60, journaltest.Last), big) {
		want := map[journal.Trigram]bool{}
		for _, a := range e.Answers {
			for _, text := range []string{a.Answer, a.Question} {
				low := strings.ToLower(text)
				for i := 0; i+3 <= len(low); i++ {
					want[journal.Trigram(low[i])<<16|journal.Trigram(low[i+1])<<8|journal.Trigram(low[i+2])] = true
				}
			}
		}
		got := journal.Trigrams(e)
		if len(got) != len(want) {
			t.Fatalf("%s: %d trigrams, want %d", e.Date, len(got), len(want))
		}
		for _, tg := range got {
			if !want[tg] {
				t.Fatalf("%s: trigram %06x is not in its texts", e.Date, tg)
			}
		}
	}
	if got := journal.Trigrams(journal.Entry{Answers: []journal.Answer{{Answer: "\x00\x00\x00\x00"}}}); len(got) != 1 || got[0] != 0 {
		t.Errorf("the trigram of three zero bytes: %v", got)
	}
}

func TestTrigramsOfAFilter(t *testing.T) {
	for grep, want := range map[string]bool{"": false, "ab": false, "abc": true, "Sam's": true, "café": false, "«x»": false} {
		if _, ok := (journal.Filter{Grep: grep}).Trigrams(); ok != want {
			t.Errorf("Trigrams of %q: narrowed %v, want %v", grep, ok, want)
		}
	}
	got, _ := journal.Filter{Grep: "AbAb"}.Trigrams()
	if len(got) != 2 { // "aba" and "bab"
		t.Errorf("Trigrams of AbAb = %06x", got)
	}
}
