package storage

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/reflect-cli/reflect/journal"
	"github.com/reflect-cli/reflect/journal/journaltest"
)

// slicesDays writes days whose answers vary as a person's do, over years
// that cross the slices' spans (one begins on 1970-01-01, and every 4,096
// days on either side of it).
type slicesDays struct {
	rng   *rand.Rand
	start journal.Day
	span  int
}

func (g *slicesDays) day() journal.Day { return g.start.AddDays(g.rng.IntN(g.span)) }

// words are what the days are made of, and what the searches look for.
var slicesWords = []string{"lighthouse", "harbour", "Lantern", "kettle", "WALK", "the", "rain", "over-thinking", "Zürich", "«quoted»", "ab", "x y"}

// entry is a day written with text of its own: a synthetic day's (of
// another date, so that a day written again changes), and words of
// slicesWords.
func (g *slicesDays) entry(day journal.Day) journal.Entry {
	e := journaltest.Entry(g.start.AddDays(g.rng.IntN(40000)))
	e.Date = day
	var words []string
	for range g.rng.IntN(6) {
		words = append(words, slicesWords[g.rng.IntN(len(slicesWords))])
	}
	e.Answers[g.rng.IntN(len(e.Answers))].Answer += " " + strings.Join(words, " ")
	return e
}

// checkSlicesFind searches the journal for each of a few texts, through
// the slices and by reading every entry, over every day and over days
// across the span that begins on 1970-01-01 (whose slices hold days on
// either side): both must find the same days, and doctor must find the
// slices sound.
func checkSlicesFind(t *testing.T, j *Journal, when string) {
	t.Helper()
	// (Texts outside ASCII are searched by reading every entry.)
	greps := []string{"lighthouse", "Lantern", "WALK", "the", "over-thinking", "lighthouse harbour", "ed."}
	spans := []journal.Span{{From: journal.Earliest, To: journal.Latest}, {From: journal.NewDay(1969, time.August, 30), To: journal.NewDay(1974, time.March, 3)}}
	// Every entry is read once, for every text and span.
	want := map[string][]string{}
	err := j.View(func(r *Reader) error {
		return r.Descend(journal.Latest, journal.Earliest, func(e journal.Entry) error {
			for _, grep := range greps {
				if _, ok := (journal.Filter{Grep: grep}).Apply(e); ok {
					for i, s := range spans {
						if !e.Date.Before(s.From) && !e.Date.After(s.To) {
							key := fmt.Sprint(grep, i)
							want[key] = append(want[key], e.Date.String())
						}
					}
				}
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, grep := range greps {
		f := journal.Filter{Grep: grep}
		for i, s := range spans {
			sliced := false
			found := daysFound(t, j, f, func(r *Reader, fn func(journal.Entry) error) error {
				sliced = r.keepsSlices()
				return r.DescendMatching(s.To, s.From, f, fn)
			})
			if !sliced {
				t.Fatalf("%s: the journal keeps no slices", when)
			}
			if all := want[fmt.Sprint(grep, i)]; !slices.Equal(found, all) {
				t.Fatalf("%s: %q from %s back to %s: through the slices %d days, reading every entry %d\nslices: %v\nevery entry: %v", when, grep, s.To, s.From, len(found), len(all), found, all)
			}
		}
	}
	rep, err := j.Check()
	if err != nil || !rep.Sound() {
		t.Fatalf("%s: doctor: %v %+v", when, err, rep.Findings)
	}
}

// TestTheSlicesFindWhatEveryEntryHolds writes, in a few hundred writes,
// evenings, days written again, days deleted, and imports of many days at
// once, with a search-new bucket folded every 25 days, and searches after
// each write: the slices find what reading every entry finds.
func TestTheSlicesFindWhatEveryEntryHolds(t *testing.T) {
	was := foldAfter
	foldAfter = 25
	t.Cleanup(func() { foldAfter = was })
	steps := 100
	if testing.Short() {
		steps = 40
	}
	for seed := range 2 {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			// From before 1970 to past the next span's first day, 1981-03-21.
			g := &slicesDays{rng: rand.New(rand.NewPCG(uint64(seed), 11)), start: journal.NewDay(1969, time.July, 1), span: 12 * 366}
			j := newJournal(t)
			evening := g.start
			for step := range steps {
				op := g.rng.IntN(100)
				err := j.Update(func(w *Writer) error {
					switch {
					case op < 50:
						evening = evening.AddDays(1 + g.rng.IntN(60))
						return w.PutEntry(g.entry(evening))
					case op < 70:
						return w.PutEntry(g.entry(g.day()))
					case op < 80:
						return w.DeleteEntry(g.day())
					case op < 85:
						return w.DeleteEntry(evening) // the latest evening: not yet folded
					case op < 95:
						for range 2 + g.rng.IntN(6) {
							if _, err := w.Merge(g.entry(g.day())); err != nil {
								return err
							}
						}
						return nil
					default:
						for range foldAfter + g.rng.IntN(40) {
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
				if step%10 == 9 || op >= 95 {
					checkSlicesFind(t, j, fmt.Sprintf("step %d (op %d)", step, op))
				}
			}
			checkSlicesFind(t, j, "at the end")
			if err := j.RemakeIndexes(); err != nil {
				t.Fatal(err)
			}
			checkSlicesFind(t, j, "made anew")
		})
	}
}

// TestTheSlicesFoldWhenFull: the days written go to search-new, and once
// it would hold more than foldAfter, into the slices, leaving it empty; a
// write of more days than that folds them at once.
func TestTheSlicesFoldWhenFull(t *testing.T) {
	was := foldAfter
	foldAfter = 5
	t.Cleanup(func() { foldAfter = was })
	j := newJournal(t)
	newDays := func() (n int, sliced int) {
		_ = j.View(func(r *Reader) error {
			n = r.tx.Bucket(bucketSlicesNew).Stats().KeyN
			sliced = r.tx.Bucket(bucketSlices).Stats().KeyN
			return nil
		})
		return n, sliced
	}
	for i := range 5 {
		if err := j.Update(func(w *Writer) error { return w.PutEntry(journaltest.Entry(journaltest.Last.AddDays(i))) }); err != nil {
			t.Fatal(err)
		}
		if n, sliced := newDays(); n != i+1 || sliced != 0 {
			t.Fatalf("after %d days: %d in search-new, %d slices", i+1, n, sliced)
		}
	}
	if err := j.Update(func(w *Writer) error { return w.PutEntry(journaltest.Entry(journaltest.Last.AddDays(5))) }); err != nil {
		t.Fatal(err)
	}
	if n, sliced := newDays(); n != 0 || sliced < 100 {
		t.Fatalf("after the fold: %d in search-new, %d slices", n, sliced)
	}
	checkSlicesFind(t, j, "folded")
	// A write of more days than search-new holds folds them at once.
	err := j.Update(func(w *Writer) error { return journaltest.Write(3*foldAfter, journaltest.Last.AddDays(40), w.PutEntry) })
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := newDays(); n != 0 {
		t.Fatalf("after a write of %d days: %d in search-new", 3*foldAfter, n)
	}
	checkSlicesFind(t, j, "a large write")
}

// TestSlicesAstrayAreFoundAndMadeAnew: slices that miss a day's bit, or
// a record of search-new that is not its day's, are found by doctor, and
// made anew; one that cannot be read leaves the search to the search
// records, and the next fold makes them anew.
func TestSlicesAstrayAreFoundAndMadeAnew(t *testing.T) {
	for _, damage := range []struct {
		name string
		do   func(tx *bolt.Tx) error
	}{
		{"a slice without a day", func(tx *bolt.Tx) error {
			c := tx.Bucket(bucketSlices).Cursor()
			k, v := c.First()
			return tx.Bucket(bucketSlices).Put(k, make([]byte, len(v)))
		}},
		{"a slice too long", func(tx *bolt.Tx) error {
			k, _ := tx.Bucket(bucketSlices).Cursor().Last()
			return tx.Bucket(bucketSlices).Put(k, make([]byte, maxSlice+1))
		}},
		{"a new day of another's", func(tx *bolt.Tx) error {
			k, _ := tx.Bucket(bucketSlicesNew).Cursor().First()
			return tx.Bucket(bucketSlicesNew).Put(k, make([]byte, daySlots))
		}},
		{"a new day cut short", func(tx *bolt.Tx) error {
			k, _ := tx.Bucket(bucketSlicesNew).Cursor().First()
			return tx.Bucket(bucketSlicesNew).Put(k, make([]byte, daySlots-1))
		}},
	} {
		t.Run(damage.name, func(t *testing.T) {
			j := newJournal(t)
			err := j.Update(func(w *Writer) error { return journaltest.Write(400, journaltest.Last.AddDays(-10), w.PutEntry) })
			if err == nil {
				err = j.Update(func(w *Writer) error { return journaltest.Write(10, journaltest.Last, w.PutEntry) })
			}
			if err != nil {
				t.Fatal(err)
			}
			rawUpdate(t, j.Path, damage.do)
			rep, err := j.Check()
			if err != nil || rep.Sound() || !rep.Remake() {
				t.Fatalf("doctor: sound %v, remake %v, %v; %+v", rep.Sound(), rep.Remake(), err, rep.Findings)
			}
			if damage.name == "a new day cut short" || damage.name == "a slice too long" {
				// The search reads the search records instead.
				f := journal.Filter{Grep: journaltest.Rare}
				all := daysFound(t, j, f, func(r *Reader, fn func(journal.Entry) error) error {
					return r.Descend(journal.Latest, journal.Earliest, fn)
				})
				found := daysFound(t, j, f, func(r *Reader, fn func(journal.Entry) error) error {
					return r.DescendMatching(journal.Latest, journal.Earliest, f, fn)
				})
				if len(all) == 0 || !slices.Equal(found, all) {
					t.Fatalf("through damaged slices %d days, reading every entry %d", len(found), len(all))
				}
			}
			if err := j.RemakeIndexes(); err != nil {
				t.Fatal(err)
			}
			checkSlicesFind(t, j, "made anew")
		})
	}
}
