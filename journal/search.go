package journal

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
// each once, in the order first found.
func Trigrams(e Entry) []Trigram {
	n := 0
	for _, a := range e.Answers {
		n += len(a.Answer) + len(a.Question)
	}
	set := newTrigramSet(n)
	for _, a := range e.Answers {
		for _, text := range []string{a.Answer, a.Question} {
			for i := 0; i+3 <= len(text); i++ {
				set.add(trigramAt(text, i))
			}
		}
	}
	return set.list
}

// trigramSet gathers distinct trigrams: a table open to linear probing,
// at most half full, holding each trigram plus one (0 is an empty slot).
// An entry has a few thousand, and a sort of them cost a journal's import
// half its time.
type trigramSet struct {
	slots []Trigram
	shift uint
	list  []Trigram
}

// startSlots is the most slots a set starts with: a text of megabytes has
// far fewer distinct trigrams than bytes, and its table grows (doubling)
// with what it holds, not with the text.
const startSlots = 1 << 14

func newTrigramSet(most int) *trigramSet {
	bits := uint(4)
	for 1<<bits < min(2*most, startSlots) {
		bits++
	}
	return &trigramSet{slots: make([]Trigram, 1<<bits), shift: 32 - bits}
}

func (s *trigramSet) add(t Trigram) {
	if s.insert(t) && 2*len(s.list) > len(s.slots) {
		s.slots, s.shift = make([]Trigram, 2*len(s.slots)), s.shift-1
		for _, t := range s.list {
			s.place(t)
		}
	}
}

// insert adds t unless the set holds it, and reports whether it did.
func (s *trigramSet) insert(t Trigram) bool {
	if s.place(t) {
		s.list = append(s.list, t)
		return true
	}
	return false
}

// place puts t in its slot, and reports whether it was not there.
func (s *trigramSet) place(t Trigram) bool {
	mask := len(s.slots) - 1
	for i := int(uint32(t)*0x9e3779b1>>s.shift) & mask; ; i = (i + 1) & mask {
		switch s.slots[i] {
		case 0:
			s.slots[i] = t + 1
			return true
		case t + 1:
			return false
		}
	}
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
	set := newTrigramSet(len(f.Grep))
	for i := 0; i+3 <= len(f.Grep); i++ {
		set.add(trigramAt(f.Grep, i))
	}
	return set.list, true
}
