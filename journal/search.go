package journal

import (
	"slices"
	"strings"
)

// A search (Filter.Grep) looks for a text in an entry's answers and
// questions, in any case. So that a search of a large journal need not read
// every entry, the journal keeps, beside each, the trigrams of what a
// search looks through: each stretch of three bytes, letters in lower case.
// A text of three bytes or more, in ASCII, can be in an entry only if every
// one of its trigrams is.

// Trigram is three bytes of text, ASCII letters in lower case, in one
// number: the first byte highest.
type Trigram uint32

// Trigrams returns the trigrams of the texts a search of e looks through,
// each once, in order.
func Trigrams(e Entry) []Trigram {
	var out []Trigram
	for _, a := range e.Answers {
		out = appendTrigrams(out, a.Answer)
		out = appendTrigrams(out, a.Question)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func appendTrigrams(out []Trigram, text string) []Trigram {
	for i := 0; i+3 <= len(text); i++ {
		out = append(out, trigramAt(text, i))
	}
	return out
}

func trigramAt(text string, i int) Trigram {
	return Trigram(asciiLower(text[i]))<<16 | Trigram(asciiLower(text[i+1]))<<8 | Trigram(asciiLower(text[i+2]))
}

// Trigrams returns the trigrams that every entry the filter's Grep keeps
// holds, and false when a Grep cannot be narrowed so: none, one shorter
// than three bytes, or one not all in ASCII (whose case folding the
// trigrams do not follow).
func (f Filter) Trigrams() ([]Trigram, bool) {
	if len(f.Grep) < 3 || !isASCII(f.Grep) {
		return nil, false
	}
	needle := strings.ToLower(f.Grep)
	t := appendTrigrams(nil, needle)
	slices.Sort(t)
	return slices.Compact(t), true
}
