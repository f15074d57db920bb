package storage

import (
	"encoding/binary"
	"errors"
	"strings"
	"sync"
	"time"
)

// Every evening asks much the same questions, so an entry does not keep
// their words: it keeps a number in the journal's table of questions,
// which holds each question once, with its prompt id and theme. A question
// that quotes an earlier answer («call Sam») or names a day is kept as a
// template, the question with those parts cut out (splitQuestion), and the
// parts go in the entry: "How did «call Sam» go?" is the template
// "How did «» go?", with "call Sam" at byte 10.
//
// The table lives in the meta bucket under keyQuestions, sealed as the
// entries are when the journal is encrypted:
//
//	version 1 (a byte), then a count of questions, each:
//	prompt id, theme, template (strings)
//	the places quotes go in the template (a count, then uvarints, ascending)
//
// A question is never changed or removed once in the table, so an entry
// written against it reads the same for as long as the journal lasts.

var keyQuestions = []byte("questions")

const (
	questionsVersion = 1
	// maxQuestions bounds the table, which every read of an entry loads:
	// past it (a journal imported with a question of its own on every
	// day), new questions are kept in their entries, in full.
	maxQuestions = 2048
	// maxTemplate is the longest template the table keeps.
	maxTemplate = 1024
)

var errQuestions = errors.New("its table of questions cannot be read")

// question is one row of the table: a question's prompt, theme and words,
// less what it quotes.
type question struct {
	promptID, theme, template string
	slots                     []int // where quotes go in template, ascending
}

// key is what tells two questions apart in questionTable.byKey.
func (q question) key() string {
	b := appendString(nil, q.promptID)
	b = appendString(b, q.theme)
	b = appendString(b, q.template)
	for _, s := range q.slots {
		b = binary.AppendUvarint(b, uint64(s))
	}
	return string(b)
}

// text is the question with quotes put back in its slots.
func (q question) text(quotes []string) string {
	if len(q.slots) == 0 {
		return q.template
	}
	var b strings.Builder
	at := 0
	for i, s := range q.slots {
		b.WriteString(q.template[at:s])
		b.WriteString(quotes[i])
		at = s
	}
	b.WriteString(q.template[at:])
	return b.String()
}

// splitQuestion cuts what changes from evening to evening out of a
// question: what it quotes (the contents of each « » pair, each up to the
// first » after its «), and the words of a date (numbers, and the names of
// weekdays and months), so that "On Sunday 6 October you wrote «…»." is
// one template whatever the day and the words.
func splitQuestion(promptID, theme, text string) (question, []string) {
	q := question{promptID: promptID, theme: theme}
	var parts []string
	var template strings.Builder
	cut := func(part string) {
		q.slots = append(q.slots, template.Len())
		parts = append(parts, part)
	}
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case strings.HasPrefix(text[i:], "«") && strings.Contains(text[i+len("«"):], "»"):
			open := i + len("«")
			closing := open + strings.Index(text[open:], "»")
			template.WriteString("«")
			cut(text[open:closing])
			i = closing
		case '0' <= c && c <= '9':
			j := i + 1
			for j < len(text) && '0' <= text[j] && text[j] <= '9' {
				j++
			}
			cut(text[i:j])
			i = j
		case isLetter(c):
			j := i + 1
			for j < len(text) && isLetter(text[j]) {
				j++
			}
			if dateWords()[text[i:j]] {
				cut(text[i:j])
			} else {
				template.WriteString(text[i:j])
			}
			i = j
		default:
			template.WriteByte(c)
			i++
		}
	}
	q.template = template.String()
	return q, parts
}

func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// dateWords are the names of the weekdays and months, as reflect writes
// dates in its questions.
var dateWords = sync.OnceValue(func() map[string]bool {
	words := map[string]bool{}
	for d := time.Sunday; d <= time.Saturday; d++ {
		words[d.String()] = true
	}
	for m := time.January; m <= time.December; m++ {
		words[m.String()] = true
	}
	return words
})

// questionTable is the journal's table of questions, as one transaction
// sees it.
type questionTable struct {
	rows  []question
	byKey map[string]int // a row's key → its index
	grown bool           // rows were added since it was read
}

// index returns the row of q, adding it when the table has room; ok is
// false when it has none, and q is kept in full in its entry.
func (t *questionTable) index(q question) (int, bool) {
	k := q.key()
	if i, ok := t.byKey[k]; ok {
		return i, true
	}
	if len(t.rows) >= maxQuestions || len(q.template) > maxTemplate {
		return 0, false
	}
	if t.byKey == nil {
		t.byKey = map[string]int{}
	}
	t.rows = append(t.rows, q)
	t.byKey[k] = len(t.rows) - 1
	t.grown = true
	return len(t.rows) - 1, true
}

func (t *questionTable) encode() []byte {
	b := []byte{questionsVersion}
	b = binary.AppendUvarint(b, uint64(len(t.rows)))
	for _, q := range t.rows {
		b = appendString(b, q.promptID)
		b = appendString(b, q.theme)
		b = appendString(b, q.template)
		b = binary.AppendUvarint(b, uint64(len(q.slots)))
		for _, s := range q.slots {
			b = binary.AppendUvarint(b, uint64(s))
		}
	}
	return b
}

// decodeQuestions reads a table that encode wrote; nil data is an empty
// table.
func decodeQuestions(data []byte) (*questionTable, error) {
	t := &questionTable{byKey: map[string]int{}}
	if data == nil {
		return t, nil
	}
	r := &recordReader{b: data, bad: errQuestions}
	if r.byte() != questionsVersion {
		return nil, errQuestions
	}
	n := r.count()
	if n > maxQuestions {
		return nil, errQuestions
	}
	t.rows = make([]question, 0, n)
	for range n {
		q := question{promptID: r.string(), theme: r.string(), template: r.string()}
		slots := r.count()
		for range slots {
			s := r.uvarint()
			// In order, and inside the template.
			if (len(q.slots) > 0 && s < q.slots[len(q.slots)-1]) || s > len(q.template) {
				r.fail()
				break
			}
			q.slots = append(q.slots, s)
		}
		if r.err != nil {
			break
		}
		if _, dup := t.byKey[q.key()]; dup {
			r.fail()
			break
		}
		t.byKey[q.key()] = len(t.rows)
		t.rows = append(t.rows, q)
	}
	if err := r.end(); err != nil {
		return nil, err
	}
	return t, nil
}
