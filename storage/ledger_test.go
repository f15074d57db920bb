package storage

import (
	"bytes"
	"os"
	"path/filepath"

	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/prompts"
)

// keptGroups reads the kept ledger whole, its totals and its groups.
func keptGroups(t *testing.T, r *Reader) (drawn, different int, groups journal.Ledger) {
	t.Helper()
	drawn, different, kept, err := r.LedgerTotals()
	if err != nil || !kept {
		t.Fatalf("LedgerTotals: kept %v, %v", kept, err)
	}
	err = r.EachKeptGroup(func(g journal.LessonGroup) error {
		groups = append(groups, g.Clone()) // fn may not keep g
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return drawn, different, groups
}

// checkKeptLedger fails the test unless the journal's kept ledger is the
// one gathered from its lessons, byte for byte, and reads back as the
// ledger journal.LedgerBuilder makes of them.
func checkKeptLedger(t *testing.T, j *Journal, when string) {
	t.Helper()
	err := j.View(func(r *Reader) error {
		gathered, err := gatherLedger(r)
		if err != nil {
			return err
		}
		if ok, err := gathered.agrees(r); err != nil || !ok {
			t.Fatalf("%s: the kept ledger is not the one gathered anew (%v)", when, err)
		}
		b := journal.NewLedger(nil)
		b.ShortenSetbacks(journal.KeptSetbackRunes)
		if err := r.EachLessons(func(s journal.Summary) error { b.Add(s); return nil }); err != nil {
			return err
		}
		want := b.Ledger()
		wantDrawn := 0
		for i := range want {
			wantDrawn += want[i].Count
			for k := range want[i].Occurrences {
				want[i].Occurrences[k].Lesson = ""
			}
		}
		drawn, different, got := keptGroups(t, r)
		if drawn != wantDrawn || different != len(want) {
			t.Fatalf("%s: totals %d drawn, %d different; want %d, %d", when, drawn, different, wantDrawn, len(want))
		}
		if len(want) == 0 {
			want = nil
		}
		if !reflect.DeepEqual(got, want) {
			for i := range min(len(got), len(want)) {
				if !reflect.DeepEqual(got[i], want[i]) {
					t.Fatalf("%s: group %d is\n%+v\nwant\n%+v", when, i, got[i], want[i])
				}
			}
			t.Fatalf("%s: %d groups, want %d", when, len(got), len(want))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// ledgerDays makes entries with lessons, setbacks and answers to whether
// earlier lessons still hold, varied as a person's are: lessons that come
// back in other words, setbacks long, short, of several lines or none.
type ledgerDays struct {
	rng   *rand.Rand
	start journal.Day
	span  int
}

var samePoolLessons = []string{
	"Ask for help earlier.", "ask for help earlier", "  ASK for help EARLIER!! ", "Sleep on it",
	"sleep on it.", "Write the plan down first", "Start smaller", "«Start smaller»", "…", "",
	"Gönn dir eine Pause", "gönn dir eine pause.",
}

func (g *ledgerDays) day() journal.Day { return g.start.AddDays(g.rng.IntN(g.span)) }

func (g *ledgerDays) setback() string {
	switch g.rng.IntN(6) {
	case 0:
		return ""
	case 1:
		return "The demo failed\nand then the laptop died.\nThird line."
	case 2:
		return strings.Repeat("a long evening of it ", 30) // past KeptSetbackRunes
	case 3:
		return "  lead and trail spaces  \n"
	default:
		return fmt.Sprintf("Setback number %d", g.rng.IntN(50))
	}
}

func (g *ledgerDays) entry(day journal.Day) journal.Entry {
	e := journal.Entry{Date: day, CreatedAt: now, UpdatedAt: now}
	add := func(id, answer string, ref *prompts.Ref) {
		e.Answers = append(e.Answers, journal.Answer{PromptID: id, Theme: "t", Question: "Q?", Answer: answer, FollowsUp: ref})
	}
	add("note", "a day", nil)
	if g.rng.IntN(4) > 0 {
		add("setback-what", g.setback(), nil)
	}
	for range g.rng.IntN(4) {
		lesson := samePoolLessons[g.rng.IntN(len(samePoolLessons))]
		if g.rng.IntN(3) == 0 {
			lesson = fmt.Sprintf("Lesson %d", g.rng.IntN(40))
		}
		add(prompts.LessonID, lesson, nil)
	}
	for range g.rng.IntN(3) {
		drawn := g.day().String()
		if g.rng.IntN(10) == 0 {
			drawn = "not a day"
		}
		answer := "yes"
		if g.rng.IntN(3) == 0 {
			answer = "no"
		}
		add(prompts.StillTrueID, answer, &prompts.Ref{Date: drawn, PromptID: prompts.LessonID})
	}
	return e
}

// TestKeptLedgerFollowsEveryWrite makes a year of writes as people make
// them (the evening, an old day edited or deleted, an import of a few days
// or of many) and checks the kept ledger after each.
func TestKeptLedgerFollowsEveryWrite(t *testing.T) {
	seeds, steps := 6, 250
	if testing.Short() {
		seeds, steps = 2, 150
	}
	for seed := range seeds {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			g := &ledgerDays{rng: rand.New(rand.NewPCG(uint64(seed), 7)), start: journal.NewDay(2025, time.January, 1), span: 120}
			j := newJournal(t)
			for step := range steps {
				op := g.rng.IntN(100)
				err := j.Update(func(w *Writer) error {
					switch {
					case op < 55:
						return w.PutEntry(g.entry(g.start.AddDays(g.span - 1 - g.rng.IntN(3))))
					case op < 75:
						return w.PutEntry(g.entry(g.day()))
					case op < 88:
						return w.DeleteEntry(g.day())
					case op < 97:
						for range 2 + g.rng.IntN(6) {
							if _, err := w.Merge(g.entry(g.day())); err != nil {
								return err
							}
						}
						return nil
					default:
						for range regroupLimit + g.rng.IntN(40) {
							if err := w.PutEntry(g.entry(g.day())); err != nil {
								return err
							}
						}
						return nil
					}
				})
				if err != nil {
					t.Fatal(err)
				}
				checkKeptLedger(t, j, fmt.Sprintf("step %d (op %d)", step, op))
			}
		})
	}
}

// hasLedger reports whether the file keeps a ledger, read with bbolt alone.
func hasLedger(t *testing.T, path string) bool {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	kept := false
	_ = db.View(func(tx *bolt.Tx) error {
		kept = tx.Bucket(bucketLedger) != nil || tx.Bucket(bucketLedgerIndex) != nil
		return nil
	})
	return kept
}

// withLessons writes a year of varied days into a new journal.
func withLessons(t *testing.T) (*Journal, *ledgerDays) { return withYearsOfLessons(t, 1) }

// withYearsOfLessons writes years of varied days into a new journal.
func withYearsOfLessons(t *testing.T, years int) (*Journal, *ledgerDays) {
	t.Helper()
	j := newJournal(t)
	g := &ledgerDays{rng: rand.New(rand.NewPCG(3, 4)), start: journal.NewDay(2025, time.January, 1), span: 365 * years}
	err := j.Update(func(w *Writer) error {
		for i := range g.span {
			if err := w.PutEntry(g.entry(g.start.AddDays(i))); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	checkKeptLedger(t, j, "written")
	return j, g
}

// TestASchema3JournalGainsItsLedgerInPlace: a journal of schema 3 is read
// as it is, its ledger gathered from the lessons; its next write keeps the
// ledger in the same file, with no copy of it kept first (nothing it had
// is changed).
func TestASchema3JournalGainsItsLedgerInPlace(t *testing.T) {
	j, g := withLessons(t)
	rawUpdate(t, j.Path, func(tx *bolt.Tx) error {
		if err := dropKept(tx); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, []byte("3"))
	})
	err := j.View(func(r *Reader) error {
		if _, _, kept, err := r.LedgerTotals(); kept || err != nil {
			t.Errorf("schema 3: LedgerTotals says kept %v, %v", kept, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := j.Update(func(w *Writer) error { return w.PutEntry(g.entry(g.start.AddDays(g.span))) }); err != nil {
		t.Fatal(err)
	}
	if !hasLedger(t, j.Path) {
		t.Fatal("no ledger after the first write")
	}
	checkKeptLedger(t, j, "upgraded")
	if kept, _ := filepath.Glob(j.Path + ".schema-*"); len(kept) != 0 {
		t.Errorf("copies kept by an upgrade in place: %v", kept)
	}
}

// TestAnEncryptedJournalKeepsNoLedger: encrypting drops the ledger, writes
// to the encrypted journal keep none, and decrypting gathers it anew.
func TestAnEncryptedJournalKeepsNoLedger(t *testing.T) {
	j, g := withLessons(t)
	if err := j.Encrypt([]byte("correct horse")); err != nil {
		t.Fatal(err)
	}
	if hasLedger(t, j.Path) {
		t.Fatal("the encrypted journal keeps a ledger, in the clear")
	}
	if err := j.Update(func(w *Writer) error { return w.PutEntry(g.entry(g.start.AddDays(3))) }); err != nil {
		t.Fatal(err)
	}
	if hasLedger(t, j.Path) {
		t.Fatal("a write to the encrypted journal kept a ledger")
	}
	if err := j.Decrypt(); err != nil {
		t.Fatal(err)
	}
	checkKeptLedger(t, j, "decrypted")
}

// TestALedgerAstrayIsFoundAndMadeAnew: a kept ledger that does not match
// the lessons, one record unreadable or one that reads as something else,
// is reported by doctor and made anew by RemakeIndexes; a write that finds
// its way astray gathers it anew itself.
func TestALedgerAstrayIsFoundAndMadeAnew(t *testing.T) {
	for _, tt := range []struct {
		name  string
		spoil func(k, v []byte) []byte
	}{
		{"unreadable", func(_, v []byte) []byte { return v[:len(v)/2] }},
		{"another lesson", func(_, v []byte) []byte {
			groups, err := decodeLedgerDay(v)
			if err != nil {
				panic(err)
			}
			groups[0].lesson = "a lesson never drawn"
			return encodeLedgerDay(groups)
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			j, _ := withLessons(t)
			var spoiled journal.Day
			rawUpdate(t, j.Path, func(tx *bolt.Tx) error {
				b := tx.Bucket(bucketLedger)
				k, v := b.Cursor().Last()
				if err := spoiled.UnmarshalText(k); err != nil {
					return err
				}
				return b.Put(bytes.Clone(k), tt.spoil(k, bytes.Clone(v)))
			})
			rep, err := j.Check()
			if err != nil || rep.Sound() || !rep.Remake() {
				t.Fatalf("doctor: sound %v, remake %v, %v; %+v", rep.Sound(), rep.Remake(), err, rep.Findings)
			}
			if err := j.RemakeIndexes(); err != nil {
				t.Fatal(err)
			}
			checkKeptLedger(t, j, "made anew")
			if rep, err := j.Check(); err != nil || !rep.Sound() {
				t.Fatalf("doctor after RemakeIndexes: %v, %+v", err, rep.Findings)
			}
		})
	}
	j, g := withLessons(t)
	rawUpdate(t, j.Path, func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketLedger)
		k, v := b.Cursor().Last()
		return b.Put(bytes.Clone(k), bytes.Clone(v[:len(v)/2]))
	})
	// The last day's lessons are rewritten: their groups are read on the way.
	if err := j.Update(func(w *Writer) error { return w.PutEntry(g.entry(g.start.AddDays(g.span - 1))) }); err != nil {
		t.Fatal(err)
	}
	checkKeptLedger(t, j, "a write over a ledger astray")
}

// TestALessonThatCannotBeReadNeverStopsAWrite: with one day's lessons
// damaged, a write that brings its lesson back cannot keep the ledger: it
// drops it, and goes on; the ledger comes back once the day is mended.
func TestALessonThatCannotBeReadNeverStopsAWrite(t *testing.T) {
	j, g := withLessons(t)
	bad := g.start.AddDays(100)
	rawUpdate(t, j.Path, func(tx *bolt.Tx) error {
		return tx.Bucket(bucketLessons).Put([]byte(bad.String()), []byte{lessonsVersion, 0xff})
	})
	e := g.entry(g.start.AddDays(g.span))
	e.Answers = append(e.Answers, journal.Answer{PromptID: prompts.StillTrueID, Theme: "t", Question: "Q?", Answer: "yes",
		FollowsUp: &prompts.Ref{Date: bad.String(), PromptID: prompts.LessonID}})
	if err := j.Update(func(w *Writer) error { return w.PutEntry(e) }); err != nil {
		t.Fatalf("a write beside a damaged lesson: %v", err)
	}
	if hasLedger(t, j.Path) {
		t.Error("a ledger kept though a lesson it needs cannot be read")
	}
	if err := j.Update(func(w *Writer) error { return w.PutEntry(g.entry(bad)) }); err != nil {
		t.Fatal(err)
	}
	checkKeptLedger(t, j, "mended")
}

// TestALedgerOnDamagedPagesIsLeftAndWritesGoOn: a leaf of the kept ledger
// damaged (a key of its index out of order) stops no write: the ledger is
// left where it is, marked, and read no more; the lessons are gathered.
// (A damaged branch page, which the check before every write reads, stops
// writes as one of any bucket does.)
func TestALedgerOnDamagedPagesIsLeftAndWritesGoOn(t *testing.T) {
	j, g := withYearsOfLessons(t, 4)
	if n := len(leafPages(t, j.Path, bucketLedgerIndex)); n < 2 {
		t.Fatalf("the ledger's index is %d leaf, not a branch and leaves", n)
	}
	data, err := os.ReadFile(j.Path)
	if err != nil {
		t.Fatal(err)
	}
	// An answer's key on a leaf of the index in use (free pages may hold
	// old copies of it).
	at := -1
	for _, id := range leafPages(t, j.Path, bucketLedgerIndex) {
		page := data[id*pageSize : (id+1)*pageSize]
		for i := 0; at < 0 && i+21 <= len(page); i++ {
			// 'r', a day, and a day: the whole of such a key.
			if page[i] == 'r' && dateShaped(page[i+1:i+11]) && dateShaped(page[i+11:i+21]) {
				at = int(id)*pageSize + i
			}
		}
	}
	if at < 0 {
		t.Fatal("no answer of the ledger's index found in the file")
	}
	data[at] = 'z' // its key now sorts after those it sits before
	if err := os.WriteFile(j.Path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	// An import of many days: the ledger is gathered anew, and its pages
	// freed, the damaged one among them.
	e := g.entry(g.start.AddDays(g.span))
	e.Answers = append(e.Answers, journal.Answer{PromptID: prompts.LessonID, Theme: "t", Question: "Q?", Answer: "a lesson after the damage"})
	err = j.Update(func(w *Writer) error {
		for i := range regroupLimit + 1 {
			if err := w.PutEntry(g.entry(g.start.AddDays(i))); err != nil {
				return err
			}
		}
		return w.PutEntry(e)
	})
	if err != nil {
		t.Fatalf("a write beside a damaged ledger: %v", err)
	}
	err = j.View(func(r *Reader) error {
		if _, _, kept, err := r.LedgerTotals(); kept || err != nil {
			t.Errorf("the ledger left on damaged pages reads as kept %v (%v)", kept, err)
		}
		got, ok, err := r.Entry(e.Date)
		if err != nil || !ok || len(got.Answers) != len(e.Answers) {
			t.Errorf("the entry written: %v, %v", ok, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// And the next write leaves it alone too.
	if err := j.Update(func(w *Writer) error { return w.PutEntry(g.entry(g.start.AddDays(2))) }); err != nil {
		t.Fatal(err)
	}
	// The page is left as it was: mended, the file passes bbolt's own check
	// when the test ends.
	if data, err = os.ReadFile(j.Path); err != nil || data[at] != 'z' {
		t.Fatalf("the damaged page was written over (%v)", err)
	}
	data[at] = 'r'
	if err := os.WriteFile(j.Path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestASchema3JournalWithALessonThatCannotBeReadIsUpgraded: the upgrade in
// place gathers the ledger; with a lesson it cannot read, it keeps none,
// and the write goes on.
func TestASchema3JournalWithALessonThatCannotBeReadIsUpgraded(t *testing.T) {
	j, g := withLessons(t)
	bad := g.start.AddDays(100)
	rawUpdate(t, j.Path, func(tx *bolt.Tx) error {
		if err := dropKept(tx); err != nil {
			return err
		}
		if err := tx.Bucket(bucketMeta).Put(keySchema, []byte("3")); err != nil {
			return err
		}
		return tx.Bucket(bucketLessons).Put([]byte(bad.String()), []byte{lessonsVersion, 0xff})
	})
	if err := j.Update(func(w *Writer) error { return w.PutEntry(g.entry(g.start.AddDays(g.span))) }); err != nil {
		t.Fatalf("the first write after the upgrade: %v", err)
	}
	if err := j.Update(func(w *Writer) error { return w.DeleteEntry(bad) }); err != nil {
		t.Fatalf("deleting the day that cannot be read: %v", err)
	}
	checkKeptLedger(t, j, "mended")
}

// leafPages returns the leaf pages of a bucket of the journal at path.
func leafPages(t *testing.T, path string, bucket []byte) []uint64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g, err := newGuard(f, path, false)
	if err != nil {
		t.Fatal(err)
	}
	var leaves []uint64
	w := newWalk(&g.pf)
	w.onLeaf = func(p *page) { leaves = append(leaves, p.id) }
	if err := w.bucket(g.buckets[string(bucket)], everything, rulesOf(bucket), 1); err != nil {
		t.Fatal(err)
	}
	return leaves
}

// TestALedgerDayReadToBeKeptHasItsOwnStrings: a write reads a day's groups
// of the ledger and keeps them past the transaction, so they must not be
// the record's bytes, as the groups EachKeptGroup shows may be.
func TestALedgerDayReadToBeKeptHasItsOwnStrings(t *testing.T) {
	still := journal.Recheck{Date: journal.DayOfUnix(20_010), Answer: "yes"}
	want := []*keptGroup{{lesson: "Start the report early.", occ: []keptOccurrence{{day: 20_000, idx: 1, setback: "Rushed it."}}, still: &still, stillFrom: 20_000}}
	data := encodeLedgerDay(want)
	got, err := decodeLedgerDay(data)
	if err != nil {
		t.Fatal(err)
	}
	for i := range data {
		data[i] = 'x' // as bbolt reuses its pages once the transaction ends
	}
	g := got[0]
	if g.lesson != want[0].lesson || g.occ[0].setback != "Rushed it." || g.still == nil || g.still.Answer != "yes" {
		t.Errorf("the groups read changed with the record's bytes: %q, %+v, %+v", g.lesson, g.occ, g.still)
	}
}
