package storage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/journal/journaltest"
	"github.com/reflect-cli/reflect/prompts"
)

// oddEntries are entries as imports and long use leave them: every field
// an answer can have, questions that quote (well and badly), times in every
// kind of zone, and a zero time.
func oddEntries() []journal.Entry {
	day := journal.NewDay(2026, 11, 20)
	at := time.Date(2026, 11, 20, 21, 14, 3, 0, time.FixedZone("CET", 3600))
	return []journal.Entry{
		{Date: day, CreatedAt: at, UpdatedAt: at.Add(5 * time.Minute), Answers: []journal.Answer{
			{PromptID: "mood", Theme: "mood", Question: "How are you feeling tonight?", Answer: "4"},
			{PromptID: "follow-up", Theme: "follow-through", Question: "Yesterday you planned «call Sam». How did it go?", Answer: "done",
				FollowsUp: &prompts.Ref{Date: "2026-11-19", PromptID: "next-step"}},
			{PromptID: "still-true", Theme: "resurfacing", Question: "«A «nested» quote» and «» and « unclosed", Answer: "yes", Tags: []string{"@work", "@sam"}},
			{PromptID: "", Theme: "", Question: "", Answer: ""},
			{PromptID: "free", Theme: "free-writing", Question: "»«", Answer: "Ünïcödé, \x00 and \"quotes\" <&>\n\nnew lines"},
			{PromptID: "tags-empty", Theme: "x", Question: "q", Answer: "a", Tags: []string{""}},
		}},
		{Date: journal.NewDay(1, 1, 1), Answers: []journal.Answer{{PromptID: "mood", Answer: "1"}}},
		{Date: journal.NewDay(9999, 12, 31), CreatedAt: time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.FixedZone("", -(3*3600+30*60))),
			UpdatedAt: time.Date(1969, 12, 31, 23, 59, 59, 1, time.FixedZone("", 5*3600+45*60)), Answers: []journal.Answer{{PromptID: "mood", Answer: "1"}}},
		{Date: journal.NewDay(1970, 1, 1), CreatedAt: time.Date(2026, 7, 1, 12, 0, 0, 0, time.Local), UpdatedAt: time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)},
	}
}

// asJSONWouldRead is an entry as the journal read it back when it kept
// entries as JSON.
func asJSONWouldRead(t *testing.T, e journal.Entry) (journal.Entry, []byte) {
	t.Helper()
	data, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	var back journal.Entry
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	return back, data
}

// TestEntriesReadBackAsTheirJSONDid stores entries in the binary form and
// reads them back: each is what reading its JSON gave (zones and all), and
// exports byte for byte as it did.
func TestEntriesReadBackAsTheirJSONDid(t *testing.T) {
	entries := append(oddEntries(), journaltest.Entries(800, journaltest.Last)...)
	table := &questionTable{}
	for _, e := range entries {
		want, wantJSON := asJSONWouldRead(t, e)
		stored := encodeEntry(want, table)
		got, err := decodeEntry(stored, table)
		if err != nil {
			t.Fatalf("%s: %v", e.Date, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: read back\n%#v\nwant\n%#v", e.Date, got, want)
		}
		if gotJSON, _ := json.Marshal(got); !bytes.Equal(gotJSON, wantJSON) {
			t.Fatalf("%s: exports as\n%s\nwant\n%s", e.Date, gotJSON, wantJSON)
		}
		if stored[0] == '{' {
			t.Fatal("a binary entry opens as JSON does")
		}
	}
	// The table outlives the transaction that grew it: read from its
	// stored form, it reads every entry the same.
	again, err := decodeQuestions(table.encode())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries[:20] {
		want, _ := asJSONWouldRead(t, e)
		if got, err := decodeEntry(encodeEntry(want, table), again); err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("%s against the stored table: %v", e.Date, err)
		}
	}
	if n := len(table.rows); n > 60 {
		t.Errorf("%d rows in the table of questions for %d entries: questions that quote are not templates", n, len(entries))
	}
}

// TestAFullTableKeepsQuestionsInTheirEntries gives every entry a question
// of its own, past what the table holds: the rest are kept in full.
func TestAFullTableKeepsQuestionsInTheirEntries(t *testing.T) {
	table := &questionTable{}
	for i := range maxQuestions + 10 {
		e := journal.Entry{Date: journal.NewDay(2026, 1, 1), Answers: []journal.Answer{
			{PromptID: fmt.Sprint("p", i), Theme: "t", Question: fmt.Sprint("Question ", i, "?"), Answer: "a"},
		}}
		got, err := decodeEntry(encodeEntry(e, table), table)
		if err != nil || !reflect.DeepEqual(got, e) {
			t.Fatalf("entry %d: %v\n%#v", i, err, got)
		}
	}
	if len(table.rows) != maxQuestions {
		t.Errorf("%d rows, want %d", len(table.rows), maxQuestions)
	}
	long := journal.Entry{Date: journal.NewDay(2026, 1, 1), Answers: []journal.Answer{{Question: strings.Repeat("x", maxTemplate+1)}}}
	small := &questionTable{}
	if got, err := decodeEntry(encodeEntry(long, small), small); err != nil || !reflect.DeepEqual(got, long) || len(small.rows) != 0 {
		t.Errorf("a long question: %v, %d rows", err, len(small.rows))
	}
}

// TestDamagedEntriesAreRefused cuts a stored entry short at every byte,
// and changes every byte of it in turn: reading it gives an entry or
// errEntry, never a panic, and never a count of answers larger than the
// record could hold.
func TestDamagedEntriesAreRefused(t *testing.T) {
	table := &questionTable{}
	for _, e := range oddEntries() {
		want, _ := asJSONWouldRead(t, e)
		stored := encodeEntry(want, table)
		for n := range len(stored) {
			if _, err := decodeEntry(stored[:n], table); !errors.Is(err, errEntry) {
				t.Fatalf("%s cut to %d bytes: %v", e.Date, n, err)
			}
		}
		for i := range stored {
			for _, mask := range []byte{0x01, 0x80, 0xff} {
				damaged := bytes.Clone(stored)
				damaged[i] ^= mask
				got, err := decodeEntry(damaged, table)
				if err == nil && len(got.Answers) > len(damaged) {
					t.Fatalf("byte %d ^ %#x: %d answers from %d bytes", i, mask, len(got.Answers), len(damaged))
				}
			}
		}
	}
	// A count as large as a uvarint holds, in a few bytes.
	huge := append([]byte{entryFormat, 0, 0, 0, 0, 0, 0, 0}, 0xff, 0xff, 0xff, 0xff, 0x07)
	if _, err := decodeEntry(huge, table); !errors.Is(err, errEntry) {
		t.Errorf("a huge count: %v", err)
	}
}

// TestDamagedQuestionTablesAreRefused does the same to the table.
func TestDamagedQuestionTablesAreRefused(t *testing.T) {
	table := &questionTable{}
	for _, e := range oddEntries() {
		encodeEntry(e, table)
	}
	stored := table.encode()
	for n := range len(stored) {
		if _, err := decodeQuestions(stored[:n]); !errors.Is(err, errQuestions) {
			t.Fatalf("cut to %d bytes: %v", n, err)
		}
	}
	for i := range stored {
		damaged := bytes.Clone(stored)
		damaged[i] ^= 0xff
		if got, err := decodeQuestions(damaged); err == nil {
			for _, q := range got.rows {
				q.text(make([]string, len(q.slots))) // never out of range
			}
		}
	}
}

// FuzzEntryCodec reads any bytes as a stored entry, against a table of
// questions read from any bytes: an entry or an error, never a panic, and
// an entry that is stored again reads back the same.
func FuzzEntryCodec(f *testing.F) {
	table := &questionTable{}
	for _, e := range oddEntries() {
		f.Add(encodeEntry(e, table), table.encode())
	}
	f.Fuzz(func(t *testing.T, entry, questions []byte) {
		table, err := decodeQuestions(questions)
		if err != nil {
			return
		}
		e, err := decodeEntry(entry, table)
		if err != nil {
			return
		}
		again, err := decodeEntry(encodeEntry(e, table), table)
		if err != nil || !reflect.DeepEqual(again, e) {
			t.Errorf("stored again: %v\n%#v\nwant\n%#v", err, again, e)
		}
	})
}

// allEntriesJSON is every entry of the journal, as export writes them.
func allEntriesJSON(t *testing.T, j *Journal) []byte {
	t.Helper()
	var b bytes.Buffer
	err := j.View(func(r *Reader) error {
		return r.Range(journal.Earliest, journal.Latest, func(e journal.Entry) error {
			data, err := json.Marshal(e)
			b.Write(append(data, '\n'))
			return err
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestUpgradeFromSchema2 writes to a journal kept as schema 2 wrote it
// (entries in JSON), in the clear and encrypted: the write upgrades it
// into a new, smaller file, after keeping a copy; every entry reads back
// byte for byte as before, the journal checks sound, and its entries are
// in the binary form.
func TestUpgradeFromSchema2(t *testing.T) {
	for _, encrypted := range []bool{false, true} {
		t.Run(fmt.Sprint("encrypted=", encrypted), func(t *testing.T) {
			j := newJournal(t)
			err := j.Update(func(w *Writer) error {
				for _, e := range append(oddEntries(), journaltest.Entries(400, journaltest.Last)...) {
					if len(e.Answers) == 0 {
						continue // doctor's concern, not the upgrade's
					}
					if _, err := w.Merge(e); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			asSchema(t, j.Path, 2)
			if encrypted {
				if err := j.Encrypt([]byte("correct horse")); err != nil {
					t.Fatal(err)
				}
			}
			want := allEntriesJSON(t, j) // read as schema 2
			before, _ := os.Stat(j.Path)

			if err := j.Update(func(w *Writer) error {
				return w.PutDraft(journal.Draft{Date: journaltest.Last, Answers: answers("a draft")})
			}); err != nil {
				t.Fatal(err)
			}
			if got := allEntriesJSON(t, j); !bytes.Equal(got, want) {
				t.Fatal("the upgraded journal's entries read back otherwise")
			}
			rep, err := j.Check()
			if err != nil || !rep.Sound() {
				t.Fatalf("the upgraded journal checks: %v %+v", err, rep.Findings)
			}
			err = j.View(func(r *Reader) error {
				if v := schemaOf(r.tx); v != SchemaVersion {
					t.Errorf("schema %d after the upgrade", v)
				}
				_, v := r.tx.Bucket(bucketEntries).Cursor().First()
				plain, err := r.open(bucketEntries, []byte(journal.NewDay(1, 1, 1).String()), v)
				if err == nil && isJSONRecord(plain) {
					t.Error("entries are still JSON after the upgrade")
				}
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if after, _ := os.Stat(j.Path); after.Size() >= before.Size() {
				t.Errorf("the upgraded file is %d bytes, %d before", after.Size(), before.Size())
			}
			kept, _ := filepath.Glob(j.Path + ".schema-2-backup-*")
			if len(kept) != 1 {
				t.Fatalf("copies kept before the upgrade: %v", kept)
			}
			old := New(kept[0])
			old.Passphrase = func() ([]byte, error) { return []byte("correct horse"), nil }
			if got := allEntriesJSON(t, old); !bytes.Equal(got, want) {
				t.Error("the copy kept before the upgrade reads otherwise")
			}
		})
	}
}

// TestAnUnreadableEntryStopsTheUpgradeAndCanBeRemoved: a journal of schema
// 2 with an entry that cannot be read is not upgraded (it would be written
// anew, damage and all): the write fails, keeping no copy of the journal,
// which is left as it was. Removing the entry, as doctor advises, works on
// the journal as it is; the next write upgrades it, keeping one copy.
func TestAnUnreadableEntryStopsTheUpgradeAndCanBeRemoved(t *testing.T) {
	j := newJournal(t)
	if err := j.Update(func(w *Writer) error { return journaltest.Write(40, journaltest.Last, w.PutEntry) }); err != nil {
		t.Fatal(err)
	}
	asSchema(t, j.Path, 2)
	bad := journaltest.Last.AddDays(-10)
	rawUpdate(t, j.Path, func(tx *bolt.Tx) error {
		return tx.Bucket(bucketEntries).Put([]byte(bad.String()), []byte(`{"date": "2026-11-12", "answers": [`))
	})
	before, _ := os.ReadFile(j.Path)
	write := func() error {
		return j.Update(func(w *Writer) error {
			_, err := w.AddAnswers(journaltest.Last.AddDays(1), answers("a later evening"), now)
			return err
		})
	}
	for range 2 { // and again at once: no copy of the same name is in the way
		var damaged *DamagedError
		if err := write(); !errors.As(err, &damaged) {
			t.Fatalf("a write: %v, want a report of damage", err)
		}
		if after, _ := os.ReadFile(j.Path); !bytes.Equal(after, before) {
			t.Fatal("the failed upgrade changed the journal")
		}
		if kept, _ := filepath.Glob(j.Path + ".schema-2-backup-*"); len(kept) != 0 {
			t.Fatalf("a failed upgrade kept %v", kept)
		}
	}
	var stored []byte
	if err := j.RemoveUnreadable(bad, func(b []byte) error { stored = b; return nil }); err != nil {
		t.Fatalf("removing the unreadable entry of the journal as it is: %v", err)
	}
	if !bytes.HasPrefix(stored, []byte(`{"date"`)) {
		t.Errorf("the removed entry's bytes were given as %q", stored)
	}
	if err := write(); err != nil {
		t.Fatalf("a write once it was removed: %v", err)
	}
	if kept, _ := filepath.Glob(j.Path + ".schema-2-backup-*"); len(kept) != 1 {
		t.Errorf("copies kept by the upgrade: %v", kept)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(j.Path), ".*")); len(leftovers) != 0 {
		t.Errorf("files left beside the journal: %v", leftovers)
	}
	rep, err := j.Check()
	if err != nil || !rep.Sound() {
		t.Errorf("the upgraded journal checks: %v %+v", err, rep.Findings)
	}
}

// TestCopiesKeptUnderOneNameAreNumbered: a copy kept before an upgrade
// never replaces another of the same name.
func TestCopiesKeptUnderOneNameAreNumbered(t *testing.T) {
	j := newJournal(t)
	add(t, j, journaltest.Last, "4")
	var names []string
	err := j.View(func(r *Reader) error {
		for range 3 {
			kept, err := keepCopy(r.tx, j.Path, j.Path+".copy")
			if err != nil {
				return err
			}
			names = append(names, kept)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{j.Path + ".copy", j.Path + ".copy-2", j.Path + ".copy-3"}; !slices.Equal(names, want) {
		t.Errorf("kept as %v, want %v", names, want)
	}
	for _, name := range names {
		if got := allEntriesJSON(t, New(name)); !bytes.Equal(got, allEntriesJSON(t, j)) {
			t.Errorf("%s reads otherwise", name)
		}
	}
}

// TestADamagedTableOfQuestionsIsNamed: doctor names the table of questions
// when it cannot be read, rather than each entry that reads through it.
func TestADamagedTableOfQuestionsIsNamed(t *testing.T) {
	j := newJournal(t)
	if err := j.Update(func(w *Writer) error { return journaltest.Write(30, journaltest.Last, w.PutEntry) }); err != nil {
		t.Fatal(err)
	}
	rawUpdate(t, j.Path, func(tx *bolt.Tx) error {
		table := bytes.Clone(tx.Bucket(bucketMeta).Get(keyQuestions))
		table[2] ^= 0x7f // the first row's first length
		return tx.Bucket(bucketMeta).Put(keyQuestions, table)
	})
	rep, err := j.Check()
	if err != nil {
		t.Fatal(err)
	}
	var bad []string
	for _, f := range rep.Findings {
		if !f.OK {
			bad = append(bad, f.Text)
		}
	}
	if len(bad) != 1 || !strings.Contains(bad[0], "table of questions") {
		t.Errorf("doctor found %q", bad)
	}
}
