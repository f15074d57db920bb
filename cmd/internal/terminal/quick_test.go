package terminal

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/journal/journaltest"
)

// The ledger writes tens of thousands of lines through quick paths; these
// tests hold each to what the long way gives.

// TestShortDatesAsTimeWritesThem writes every day of several years, and
// years of one to four digits, as time.Format does.
func TestShortDatesAsTimeWritesThem(t *testing.T) {
	var days []journal.Day
	for d := journal.NewDay(2023, 1, 1); d.Before(journal.NewDay(2027, 1, 1)); d = d.AddDays(1) {
		days = append(days, d)
	}
	for _, y := range []int{1, 9, 10, 99, 100, 999, 1000, 9999} {
		days = append(days, journal.NewDay(y, time.March, 7))
	}
	for _, d := range days {
		if got, want := string(appendShortDate(nil, d)), d.Format("Mon 2 Jan 2006"); got != want {
			t.Fatalf("%s: %q, want %q", d, got, want)
		}
	}
}

// TestWrapTextWholeLines gives WrapText lines that may or may not come back
// whole: every ASCII byte, and characters of two to four bytes (spaces
// among them, and a byte that is no character), at the start, inside and at
// the end, and lengths about the width. Each gives what wrapping it word by
// word the plain way gives.
func TestWrapTextWholeLines(t *testing.T) {
	var texts []string
	chars := []string{"é", "«", "»", "’", "\u00a0", "\u2003", "\u3000", "\u2028", "\u0085", "日", "🙂", "\xff", "\xc3"}
	for c := range 0x80 {
		chars = append(chars, string(rune(c)))
	}
	for _, ch := range chars {
		texts = append(texts, ch, ch+"ask early"+ch, "ask"+ch+"early", "ask"+ch+ch+"early", "«ask» "+ch+" early")
	}
	for n := 15; n <= 45; n++ {
		texts = append(texts, strings.Repeat("word ", n)[:n], strings.Repeat("x", n), "é"+strings.Repeat("a", n), strings.Repeat("«é» ", n)[:n*5/2])
	}
	for _, text := range texts {
		for _, width := range []int{10, 20, 30, 40} {
			got := WrapText(text, width)
			want := wrapWordsPlainly(text, max(width, 20))
			if strings.Join(got, "\n") != strings.Join(want, "\n") || len(got) != len(want) {
				t.Fatalf("WrapText(%q, %d) = %q, want %q", text, width, got, want)
			}
		}
	}
}

// TestFirstLineOfLongText: cutting a setback before making it visible
// gives what making all of it visible and then cutting gives.
func TestFirstLineOfLongText(t *testing.T) {
	long := func(text string, width int) string { // the whole line made visible, then cut
		line, _, more := strings.Cut(strings.TrimSpace(text), "\n")
		line, end := cutToWidth(journal.Visible(line), max(width, 10), more)
		return line + end
	}
	for _, text := range []string{"", "short", "  ", "\n\n", "ascii first, then é" + strings.Repeat("z", 30), strings.Repeat("x", 12) + "\x7f" + strings.Repeat("y", 30), strings.Repeat("x", 20) + "\nmore", strings.Repeat("a\x1bb", 40), strings.Repeat("é\u202e", 30), "  two\nlines  ", strings.Repeat("x", 29), strings.Repeat("x", 30), strings.Repeat("x", 31), "\xff\xfe" + strings.Repeat("y", 40)} {
		for width := 5; width <= 40; width++ {
			if got, want := firstLine(text, width), long(text, width); got != want {
				t.Fatalf("firstLine(%q, %d) = %q, want %q", text, width, got, want)
			}
		}
	}
}

// TestLedgerPagesOfShortenedSetbacks: a ledger that keeps only what its page
// shows of each setback (LedgerBuilder.ShortenSetbacks) is written as the
// whole ledger is, at every width, for a year of setbacks and for setbacks
// of many lines, long lines, spaces and characters of many bytes.
func TestLedgerPagesOfShortenedSetbacks(t *testing.T) {
	var days []journal.Summary
	for _, e := range journaltest.Entries(365, journaltest.Last) {
		days = append(days, journal.Summarize(e))
	}
	odd := []string{"  two\nlines  ", strings.Repeat("é", 300), strings.Repeat("word ", 100) + "\nmore", "\n\n  late start", "tail   ", strings.Repeat("🙂", 90) + "\n"}
	for n := range 80 { // spaces where a cut may fall, then more words
		odd = append(odd, strings.Repeat("x", n)+"          and then    more", "leading\ttabs"+strings.Repeat(" ", n)+"and then    \nnext")
	}
	for i, setback := range odd {
		days = append(days, journal.Summary{Date: journaltest.Last.AddDays(1 + i), Lessons: []string{"Ask early."}, Setback: setback})
	}
	for _, width := range []int{0, 5, 9, 10, 11, 12, 20, 40, 80, 200} {
		page := func(shorten bool) string {
			b := journal.NewLedger(nil)
			if shorten {
				b.ShortenSetbacks(SetbackRunes(width))
			}
			for _, s := range days {
				b.Add(s)
			}
			var out strings.Builder
			w := bufio.NewWriter(&out)
			RenderLedger(w, b.Ledger(), Style{}, width)
			w.Flush()
			return out.String()
		}
		if got, want := page(true), page(false); got != want {
			t.Fatalf("width %d: the page of shortened setbacks differs:\n%s", width, firstDifference(got, want))
		}
	}
}

func firstDifference(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d: %q\nwant %q", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(al), len(bl))
}

// wrapWordsPlainly is wrapWords as it was first written, word by word, a
// string made for each line: what the quick one must give.
func wrapWordsPlainly(text string, width int) []string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		words := strings.Fields(para)
		if len(words) == 0 {
			out = append(out, "")
			continue
		}
		line, runes := "", 0
		for _, word := range words {
			n := utf8.RuneCountInString(word)
			for ; n > width; n -= width {
				if line != "" {
					out = append(out, line)
					line, runes = "", 0
				}
				cut := byteIndexOfRune(word, width)
				out = append(out, word[:cut])
				word = word[cut:]
			}
			switch {
			case line == "":
				line, runes = word, n
			case runes+1+n <= width:
				line += " " + word
				runes += 1 + n
			default:
				out = append(out, line)
				line, runes = word, n
			}
		}
		if line != "" {
			out = append(out, line)
		}
	}
	return out
}

// TestWrapWordsAsPlainly wraps texts of every kind of space, long words,
// characters of many bytes and empty lines as the plain way does.
func TestWrapWordsAsPlainly(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"word", "a", "éclair", "naïve", "longerwordthanmost", strings.Repeat("x", 45), strings.Repeat("é", 30),
		" ", " ", " ", "  ", "\t", "\n", "\n\n", "\u00a0", "\u2003", "\r", "日本語", "🙂"}
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(30) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text, width := b.String(), 20+rng.IntN(40)
		got, want := wrapWords(text, width), wrapWordsPlainly(text, width)
		if strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
			t.Fatalf("wrapWords(%q, %d) =\n%q\nwant\n%q", text, width, got, want)
		}
	}
	for _, e := range journaltest.Entries(60, journaltest.Last) {
		for _, a := range e.Answers {
			for _, width := range []int{20, 33, 50, 80} {
				if got, want := wrapWords(a.Answer, width), wrapWordsPlainly(a.Answer, width); strings.Join(got, "|") != strings.Join(want, "|") {
					t.Fatalf("wrapWords(%q, %d) =\n%q\nwant\n%q", a.Answer, width, got, want)
				}
			}
		}
	}
}

// TestWriteHangingAsThePlainWay writes answers of printable ASCII, single
// spaces and newlines (which skip being made safe, and are cut at spaces)
// and of everything else as writing them made safe and wrapped word by
// word does.
func TestWriteHangingAsThePlainWay(t *testing.T) {
	plainly := func(prefix, text string, width int) string {
		var b strings.Builder
		pad := strings.Repeat(" ", utf8.RuneCountInString(prefix))
		for i, line := range wrapWordsPlainly(journal.Visible(text), max(width-len(pad), 20)) {
			if i == 0 {
				b.WriteString(prefix)
			} else {
				b.WriteString(pad)
			}
			b.WriteString(line + "\n")
		}
		return b.String()
	}
	rng := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"word", "a", "longerwordthanmost", strings.Repeat("x", 45), " ", " ", " ", " ", "  ", "\n", "\n\n", ".", "~", "\t", "é", "\x1b[31m", "\x7f"}
	plain := 0
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(30) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text, width := b.String(), 10+rng.IntN(60)
		if singleSpacedLines(text) {
			plain++
		}
		var got strings.Builder
		WriteHanging(&got, "  > ", text, width, Style{})
		if want := plainly("  > ", text, width); got.String() != want {
			t.Fatalf("WriteHanging(%q, %d):\n%q\nwant\n%q", text, width, got.String(), want)
		}
	}
	if plain < 500 {
		t.Errorf("only %d of the texts were single-spaced", plain)
	}
}
