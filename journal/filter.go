package journal

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Filter picks entries as log does. The zero Filter keeps everything.
type Filter struct {
	// Grep keeps entries with an answer whose question or text holds it,
	// in any case; the whole entry is kept.
	Grep string
	// Theme keeps entries with an answer of that theme, and of each entry
	// only those answers.
	Theme string
}

// Apply returns what the filter keeps of e, and whether it keeps e at all.
func (f Filter) Apply(e Entry) (Entry, bool) {
	if f.Theme != "" {
		var kept []Answer
		for _, a := range e.Answers {
			if a.Theme == f.Theme {
				kept = append(kept, a)
			}
		}
		if len(kept) == 0 {
			return e, false
		}
		e.Answers = kept
	}
	if f.Grep != "" {
		found := false
		for _, a := range e.Answers {
			if ContainsFold(a.Answer, f.Grep) || ContainsFold(a.Question, f.Grep) {
				found = true
				break
			}
		}
		if !found {
			return e, false
		}
	}
	return e, true
}

// ContainsFold reports whether s holds substr, ignoring case.
func ContainsFold(s, substr string) bool {
	if IndexFold(s, substr) >= 0 {
		return true
	}
	// Case folding can change a text's length in bytes (rare outside ASCII).
	return !isASCII(substr) && !isASCII(s) && strings.Contains(strings.ToLower(s), strings.ToLower(substr))
}

// IndexFold returns the byte offset of the first stretch of s, as long as
// substr, that equals substr ignoring case; -1 if there is none.
func IndexFold(s, substr string) int {
	if substr == "" {
		return 0
	}
	if r, _ := utf8.DecodeRuneInString(substr); r >= utf8.RuneSelf && r != utf8.RuneError {
		return indexFoldFrom(s, substr, r)
	}
	n := len(substr)
	if n > len(s) {
		return -1
	}
	first := asciiLower(substr[0])
	if first >= utf8.RuneSelf { // an invalid byte: tried at each character
		for i := 0; i+n <= len(s); {
			if strings.EqualFold(s[i:i+n], substr) {
				return i
			}
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
		return -1
	}
	// substr can begin only where s holds its first byte in either case.
	// When substr is all ASCII, so is any stretch of s that equals it, and
	// a byte of it rarer in writing than the first (its anchor) finds
	// fewer places to try.
	anchor := 0
	if isASCII(substr) {
		for j := 1; j < n; j++ {
			if commonness[asciiLower(substr[j])] < commonness[asciiLower(substr[anchor])] {
				anchor = j
			}
		}
	}
	// The next place of each case of the anchor is found with
	// strings.IndexByte, which is fast.
	c := asciiLower(substr[anchor])
	cases := [2]byte{c, asciiUpper(c)}
	var next [2]int
	find := func(k, from int) {
		if j := strings.IndexByte(s[from:], cases[k]); j >= 0 {
			next[k] = from + j
		} else {
			next[k] = len(s)
		}
	}
	find(0, anchor)
	if next[1] = len(s); cases[1] != cases[0] {
		find(1, anchor)
	}
	for {
		k := 0
		if next[1] < next[0] {
			k = 1
		}
		i := next[k] - anchor
		if i+n > len(s) {
			return -1
		}
		if strings.EqualFold(s[i:i+n], substr) {
			return i
		}
		find(k, next[k]+1)
	}
}

// commonness ranks bytes by how often they come in English writing, most
// often highest (a space, then e, t, a, o…): IndexFold looks for the
// rarest byte of what it is given. Bytes not ranked are rarer than z.
var commonness = func() (rank [256]uint8) {
	for i, c := range " etaoinshrdlcumwfgypbvkjxqz" {
		rank[c] = uint8(27 - i)
	}
	return rank
}()

// indexFoldFrom is IndexFold for a substr whose first character, first,
// is not ASCII: only where s holds first in one of its cases (found with
// strings.Index, which is fast) can substr begin, rather than at each
// character of s.
func indexFoldFrom(s, substr string, first rune) int {
	var cases []string
	for c := first; ; {
		cases = append(cases, string(c))
		if c = unicode.SimpleFold(c); c == first {
			break
		}
	}
	for from := 0; ; {
		at := -1
		for _, c := range cases {
			if i := strings.Index(s[from:], c); i >= 0 && (at < 0 || from+i < at) {
				at = from + i
			}
		}
		if at < 0 {
			return -1
		}
		if at+len(substr) <= len(s) && strings.EqualFold(s[at:at+len(substr)], substr) {
			return at
		}
		_, size := utf8.DecodeRuneInString(s[at:])
		from = at + size
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// asciiUpper is b in upper case, when it is an ASCII letter.
func asciiUpper(b byte) byte {
	if 'a' <= b && b <= 'z' {
		return b - ('a' - 'A')
	}
	return b
}

func asciiLower(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

// MayMatch reports whether an entry stored as raw (as the journal keeps
// it: JSON, or the binary form, which holds each answer's words as written)
// could pass the filter's Grep, without decoding it: a quick test that only
// says no when the text cannot be there. Characters that JSON writes
// escaped (quotes, backslashes, control characters, <, > and &) cannot be
// looked for in raw JSON: a Grep with any of them says yes.
func (f Filter) MayMatch(raw []byte) bool {
	needle := f.Grep
	if needle == "" || strings.ContainsAny(needle, "\"\\<>&\u2028\u2029\ufffd") || !utf8.ValidString(needle) ||
		strings.ContainsFunc(needle, func(r rune) bool { return r < 0x20 }) {
		return true
	}
	if !isASCII(needle) {
		return ContainsFold(string(raw), needle)
	}
	return containsFoldASCII(raw, strings.ToLower(needle))
}

// containsFoldASCII reports whether b holds lower (ASCII, in lower case) in
// any case. It finds candidates with bytes.IndexByte, which is fast, for
// the first letter in either case.
func containsFoldASCII(b []byte, lower string) bool {
	first := lower[0]
	upper := first
	if 'a' <= first && first <= 'z' {
		upper = first - 'a' + 'A'
	}
	n := len(lower)
	// The next place each form of the first letter is found, from start
	// on; each is searched for again only once start has passed it.
	next := func(c byte, from int) int {
		if i := bytes.IndexByte(b[from:], c); i >= 0 {
			return from + i
		}
		return len(b)
	}
	nextLower, nextUpper := -1, -1
	if upper == first {
		nextUpper = len(b)
	}
	for start := 0; start < len(b); {
		if nextLower < start {
			nextLower = next(first, start)
		}
		if nextUpper < start {
			nextUpper = next(upper, start)
		}
		i := min(nextLower, nextUpper)
		if i+n > len(b) {
			return false
		}
		if equalFoldASCII(b[i+1:i+n], lower[1:]) {
			return true
		}
		start = i + 1
	}
	return false
}

func equalFoldASCII(b []byte, lower string) bool {
	for k := 0; k < len(lower); k++ {
		if asciiLower(b[k]) != lower[k] {
			return false
		}
	}
	return true
}
