package storage

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/reflect-cli/reflect/journal"
)

var now = time.Date(2026, 11, 20, 21, 14, 3, 0, time.FixedZone("CET", 3600))

// newJournal returns a journal in a fresh folder that the test checks for
// consistency when it ends.
func newJournal(t *testing.T) *Journal {
	t.Helper()
	j := New(filepath.Join(t.TempDir(), "data", "journal.db"))
	j.Timeout = 200 * time.Millisecond
	t.Cleanup(func() { checkConsistent(t, j.Path) })
	return j
}

func checkConsistent(t *testing.T, path string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		return
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		return // a test that damaged the file on purpose
	}
	defer db.Close()
	_ = db.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			t.Errorf("journal is inconsistent: %v", err)
		}
		return nil
	})
}

func answers(texts ...string) []journal.Answer {
	var out []journal.Answer
	for i, s := range texts {
		out = append(out, journal.Answer{PromptID: "p" + strconv.Itoa(i), Theme: "mood", Question: "Q?", Answer: s})
	}
	return out
}

func add(t *testing.T, j *Journal, day journal.Day, texts ...string) journal.Entry {
	t.Helper()
	var e journal.Entry
	err := j.Update(func(w *Writer) error {
		var err error
		e, err = w.AddAnswers(day, answers(texts...), now)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestReadingCreatesNothing(t *testing.T) {
	j := newJournal(t)
	err := j.View(func(*Reader) error { t.Fatal("ran with no journal"); return nil })
	if !errors.Is(err, ErrNotExist) {
		t.Fatalf("View = %v, want ErrNotExist", err)
	}
	if _, err := os.Stat(filepath.Dir(j.Path)); !os.IsNotExist(err) {
		t.Fatal("reading created the folder")
	}
}

func TestFirstWriteCreatesPrivateFile(t *testing.T) {
	old := setUmask(0)
	defer setUmask(old)
	j := newJournal(t)
	add(t, j, journal.NewDay(2026, 11, 20), "4")
	fi, err := os.Stat(j.Path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != FileMode {
		t.Errorf("journal mode = %v, want %v", fi.Mode().Perm(), FileMode)
	}
	di, _ := os.Stat(filepath.Dir(j.Path))
	if di.Mode().Perm() != DirMode {
		t.Errorf("folder mode = %v, want %v", di.Mode().Perm(), DirMode)
	}
}

func TestAddAppendsNeverOverwrites(t *testing.T) {
	j := newJournal(t)
	day := journal.NewDay(2026, 11, 20)
	add(t, j, day, "first", "second")
	e := add(t, j, day, "third")
	if len(e.Answers) != 3 || e.Answers[0].Answer != "first" || e.Answers[2].Answer != "third" {
		t.Fatalf("entry = %+v", e.Answers)
	}
	var read journal.Entry
	err := j.View(func(r *Reader) error {
		var ok bool
		var err error
		read, ok, err = r.Entry(day)
		if !ok {
			t.Error("entry not found")
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(read.Answers) != 3 || !read.CreatedAt.Equal(now) {
		t.Fatalf("read back %+v", read)
	}
}

func TestDrafts(t *testing.T) {
	j := newJournal(t)
	day := journal.NewDay(2026, 11, 20)
	d := journal.Draft{Date: day, StartedAt: now, Answers: answers("4", "yes")}
	if err := j.Update(func(w *Writer) error { return w.PutDraft(d) }); err != nil {
		t.Fatal(err)
	}
	err := j.View(func(r *Reader) error {
		got, ok, err := r.Draft(day)
		if !ok || len(got.Answers) != 2 {
			t.Errorf("draft = %+v, %v", got, ok)
		}
		if _, ok, _ := r.Entry(day); ok {
			t.Error("a draft made an entry")
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := j.Update(func(w *Writer) error { return w.DeleteDraft(day) }); err != nil {
		t.Fatal(err)
	}
	_ = j.View(func(r *Reader) error {
		if _, ok, _ := r.Draft(day); ok {
			t.Error("draft still there after DeleteDraft")
		}
		return nil
	})
}

// dates walks the journal with walk and returns the dates fn saw, stopping
// after limit of them.
func dates(t *testing.T, j *Journal, limit int, walk func(r *Reader, fn func(journal.Entry) error) error) []string {
	t.Helper()
	var got []string
	err := j.View(func(r *Reader) error {
		return walk(r, func(e journal.Entry) error {
			got = append(got, e.Date.String())
			if len(got) == limit {
				return Stop
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestRangeAndDescend(t *testing.T) {
	j := newJournal(t)
	start := journal.NewDay(2026, 1, 1)
	for i := 0; i < 40; i += 2 { // every other day: 2026-01-01 to 2026-02-08
		add(t, j, start.AddDays(i), start.AddDays(i).String())
	}
	day := start.AddDays
	for _, tt := range []struct {
		name     string
		from, to journal.Day
		limit    int
		asc      bool
		want     string
	}{
		{"range", day(3), day(9), 0, true, "2026-01-05 2026-01-07 2026-01-09"},
		{"range of entry days", day(4), day(8), 0, true, "2026-01-05 2026-01-07 2026-01-09"},
		{"range stopped", day(0), day(100), 2, true, "2026-01-01 2026-01-03"},
		{"range before the journal", day(-10), day(-1), 0, true, ""},
		{"descend", day(9), day(3), 0, false, "2026-01-09 2026-01-07 2026-01-05"},
		{"descend from a day between entries", day(5), day(0), 2, false, "2026-01-05 2026-01-03"},
		{"descend from past the last entry", day(100), journal.Earliest, 2, false, "2026-02-08 2026-02-06"},
		{"descend from the first entry", day(0), journal.Earliest, 0, false, "2026-01-01"},
		{"descend before the journal", day(-1), journal.Earliest, 0, false, ""},
		{"descend everything", journal.Latest, journal.Earliest, 0, false, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := dates(t, j, tt.limit, func(r *Reader, fn func(journal.Entry) error) error {
				if tt.asc {
					return r.Range(tt.from, tt.to, fn)
				}
				return r.Descend(tt.from, tt.to, fn)
			})
			if tt.name == "descend everything" {
				if len(got) != 20 || got[0] != "2026-02-08" || got[19] != "2026-01-01" {
					t.Errorf("got %v", got)
				}
				return
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("got %v, want %s", got, tt.want)
			}
		})
	}
}

func TestWalkStopsOnError(t *testing.T) {
	j := newJournal(t)
	add(t, j, journal.NewDay(2026, 1, 1), "x")
	boom := errors.New("boom")
	err := j.View(func(r *Reader) error {
		return r.Range(journal.Earliest, journal.Latest, func(journal.Entry) error { return boom })
	})
	if !errors.Is(err, boom) {
		t.Errorf("err = %v, want boom", err)
	}
}

func TestMergePutDelete(t *testing.T) {
	j := newJournal(t)
	day := journal.NewDay(2026, 11, 20)
	in := journal.Entry{Date: day, CreatedAt: now, UpdatedAt: now, Answers: answers("a", "b")}
	var results []journal.MergeResult
	for i := 0; i < 2; i++ {
		err := j.Update(func(w *Writer) error {
			r, err := w.Merge(in)
			results = append(results, r)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	more := in
	more.Answers = answers("a", "b", "c")
	more.UpdatedAt = now.Add(time.Hour)
	err := j.Update(func(w *Writer) error {
		r, err := w.Merge(more)
		results = append(results, r)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []journal.MergeResult{journal.Created, journal.Unchanged, journal.Merged}; !slices.Equal(results, want) {
		t.Errorf("results = %v, want %v", results, want)
	}
	_ = j.View(func(r *Reader) error {
		e, _, _ := r.Entry(day)
		if len(e.Answers) != 3 || !e.UpdatedAt.Equal(now.Add(time.Hour)) {
			t.Errorf("merged entry = %+v", e)
		}
		return nil
	})
	if err := j.Update(func(w *Writer) error { return w.DeleteEntry(day) }); err != nil {
		t.Fatal(err)
	}
	_ = j.View(func(r *Reader) error {
		if _, ok, _ := r.Entry(day); ok {
			t.Error("entry still there after DeleteEntry")
		}
		return nil
	})
}

func TestBusy(t *testing.T) {
	j := newJournal(t)
	add(t, j, journal.NewDay(2026, 11, 20), "4")
	db, err := bolt.Open(j.Path, 0o600, nil) // another writer holds the lock
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	err = j.Update(func(*Writer) error { return nil })
	var busy *BusyError
	if !errors.As(err, &busy) {
		t.Fatalf("Update = %v, want a *BusyError", err)
	}
	if waited := time.Since(start); waited < j.Timeout/2 {
		t.Errorf("gave up after %v, before the timeout of %v", waited, j.Timeout)
	}
	if err := j.View(func(*Reader) error { return nil }); !errors.As(err, &busy) {
		t.Fatalf("View = %v, want a *BusyError", err)
	}
}

// damaged writes data to the journal's path and returns it.
func damaged(t *testing.T, j *Journal, data []byte) []byte {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(j.Path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(j.Path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return data
}

func assertUnchanged(t *testing.T, path string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("the file was changed")
	}
}

func TestDamagedFilesAreReportedAndKept(t *testing.T) {
	good := func(t *testing.T) []byte {
		j := New(filepath.Join(t.TempDir(), "good.db"))
		for i := 0; i < 50; i++ {
			add(t, j, journal.NewDay(2026, 1, 1).AddDays(i), string(bytes.Repeat([]byte("words "), 200)))
		}
		data, err := os.ReadFile(j.Path)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	foreign := func(t *testing.T) []byte {
		path := filepath.Join(t.TempDir(), "other.db")
		db, err := bolt.Open(path, 0o600, nil)
		if err != nil {
			t.Fatal(err)
		}
		_ = db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("widgets")); return err })
		db.Close()
		data, _ := os.ReadFile(path)
		return data
	}
	cases := map[string]func(t *testing.T) []byte{
		"text file":     func(*testing.T) []byte { return bytes.Repeat([]byte("dear diary\n"), 2000) },
		"foreign bbolt": foreign,
		"truncated":     func(t *testing.T) []byte { return good(t)[:6000] },
		"header flipped": func(t *testing.T) []byte {
			d := good(t)
			d[20] ^= 0xff
			d[pageSizeOf(d)+20] ^= 0xff
			return d
		},
		// One header alone damaged: bbolt would quietly open the file as
		// the other describes it, perhaps before the last write.
		"first header's txid flipped":  func(t *testing.T) []byte { d := good(t); d[16+48] ^= 0x01; return d },
		"second header's txid flipped": func(t *testing.T) []byte { d := good(t); d[pageSizeOf(d)+16+48] ^= 0x01; return d },
		"empty":                        func(*testing.T) []byte { return nil },
		"data flipped": func(t *testing.T) []byte {
			d := good(t)
			size := pageSizeOf(d)
			for i := 2 * size; i < len(d); i += size {
				d[i+1] ^= 0xff // page flags and ids of every data page
				d[i+9] ^= 0x5a
			}
			return d
		},
	}
	for name, make := range cases {
		t.Run(name, func(t *testing.T) {
			j := New(filepath.Join(t.TempDir(), "journal.db"))
			j.Timeout = 200 * time.Millisecond
			data := damaged(t, j, make(t))
			readAll := func(r *Reader) error {
				return r.Range(journal.NewDay(1, 1, 1), journal.NewDay(9999, 1, 1), func(journal.Entry) error { return nil })
			}
			verr := j.View(readAll)
			uerr := j.Update(func(w *Writer) error {
				if err := readAll(&w.Reader); err != nil {
					return err
				}
				_, err := w.AddAnswers(journal.NewDay(2026, 3, 1), answers("new"), now)
				return err
			})
			var dmg *DamagedError
			if !errors.As(verr, &dmg) {
				t.Errorf("View = %v, want a *DamagedError", verr)
			}
			if !errors.As(uerr, &dmg) {
				t.Errorf("Update = %v, want a *DamagedError", uerr)
			}
			assertUnchanged(t, j.Path, data)
		})
	}
}

func TestNewerSchemaIsRefused(t *testing.T) {
	j := newJournal(t)
	add(t, j, journal.NewDay(2026, 11, 20), "4")
	db, err := bolt.Open(j.Path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	_ = db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, []byte("99")) })
	db.Close()
	before, _ := os.ReadFile(j.Path)
	err = j.Update(func(w *Writer) error {
		_, err := w.AddAnswers(journal.NewDay(2026, 11, 21), answers("x"), now)
		return err
	})
	var newer *NewerError
	if !errors.As(err, &newer) || newer.Version != 99 {
		t.Fatalf("Update = %v, want a *NewerError for 99", err)
	}
	assertUnchanged(t, j.Path, before)
}

func TestUndecodableRecordIsDamage(t *testing.T) {
	j := newJournal(t)
	day := journal.NewDay(2026, 11, 20)
	add(t, j, day, "4")
	rawUpdate(t, j.Path, func(tx *bolt.Tx) error { return tx.Bucket(bucketEntries).Put([]byte(day.String()), []byte("{oops")) })
	err := j.View(func(r *Reader) error { _, _, err := r.Entry(day); return err })
	var dmg *DamagedError
	if !errors.As(err, &dmg) {
		t.Fatalf("err = %v, want *DamagedError", err)
	}
}

func TestMaxSizeFailsTheWriteAndKeepsTheFile(t *testing.T) {
	j := newJournal(t)
	add(t, j, journal.NewDay(2026, 11, 20), "4")
	before, _ := os.ReadFile(j.Path)
	j.MaxSize = len(before)
	err := j.Update(func(w *Writer) error {
		_, err := w.AddAnswers(journal.NewDay(2026, 11, 21), answers(string(bytes.Repeat([]byte("x"), 1<<20))), now)
		return err
	})
	if err == nil {
		t.Fatal("a write past MaxSize succeeded")
	}
	j.MaxSize = 0
	_ = j.View(func(r *Reader) error {
		if _, ok, _ := r.Entry(journal.NewDay(2026, 11, 21)); ok {
			t.Error("the failed write left an entry")
		}
		return nil
	})
}

// TestUpgradeFromSchema1 opens a journal as the first reflect wrote it
// (schema 1, no summaries): reading works, and the first write adds the
// summaries, built from the entries.
func TestUpgradeFromSchema1(t *testing.T) {
	j, day := schema1Journal(t)
	summaryAnswers := func() int {
		t.Helper()
		var n int
		err := j.View(func(r *Reader) error {
			s, ok, err := r.Summary(day)
			if !ok {
				t.Error("no summary")
			}
			n = s.Answers
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := summaryAnswers(); n != 1 {
		t.Errorf("schema 1, read only: summary of %d answers, want 1", n)
	}
	add(t, j, day.AddDays(1), "3", "x")
	db, _ := bolt.Open(j.Path, 0o600, &bolt.Options{ReadOnly: true})
	_ = db.View(func(tx *bolt.Tx) error {
		if got := string(tx.Bucket(bucketMeta).Get(keySchema)); got != strconv.Itoa(SchemaVersion) {
			t.Errorf("schema %s after a write, want %d", got, SchemaVersion)
		}
		if n := tx.Bucket(bucketSummaries).Stats().KeyN; n != 2 {
			t.Errorf("%d summaries after the upgrade, want 2", n)
		}
		return nil
	})
	db.Close()
	if n := summaryAnswers(); n != 1 {
		t.Errorf("upgraded: summary of %d answers, want 1", n)
	}
	// The journal as it was before the upgrade is kept beside it.
	kept, _ := filepath.Glob(j.Path + ".schema-1-backup-*")
	if len(kept) != 1 {
		t.Fatalf("copies kept before the upgrade: %v", kept)
	}
	if fi, _ := os.Stat(kept[0]); fi.Mode().Perm() != FileMode {
		t.Errorf("the copy's mode is %v", fi.Mode().Perm())
	}
	old := New(kept[0])
	_ = old.View(func(r *Reader) error {
		if v := schemaOf(r.tx); v != 1 {
			t.Errorf("the copy has schema %d, want 1", v)
		}
		return nil
	})
}

// TestTheLastWeekOfTheCalendar: the week of 9999-12-31 runs into year 10000,
// whose keys sort before every other; a range or a walk back from past the
// last day a journal holds still finds that day.
func TestTheLastWeekOfTheCalendar(t *testing.T) {
	j := newJournal(t)
	add(t, j, journal.Latest, "the last day")
	past := journal.Latest.AddDays(2) // 10000-01-02, the week's Sunday
	for name, walk := range map[string]func(r *Reader, fn func(journal.Entry) error) error{
		"range": func(r *Reader, fn func(journal.Entry) error) error {
			return r.Range(journal.Latest.AddDays(-4), past, fn)
		},
		"descend": func(r *Reader, fn func(journal.Entry) error) error { return r.Descend(past, journal.Earliest, fn) },
	} {
		if got := dates(t, j, 0, walk); len(got) != 1 || got[0] != "9999-12-31" {
			t.Errorf("%s: got %v, want 9999-12-31", name, got)
		}
	}
}

// schema1Journal returns a journal as the first reflect wrote it (schema 1,
// no summaries), holding one entry, of the day it returns.
func schema1Journal(t *testing.T) (*Journal, journal.Day) {
	t.Helper()
	j := newJournal(t)
	day := journal.NewDay(2026, 11, 20)
	add(t, j, day, "4")
	asSchema(t, j.Path, 1)
	return j, day
}

// asSchema turns a journal in the clear, as this build writes it, into one
// of an earlier schema, as the reflect of that schema wrote it: its
// entries in JSON, no table of questions and, in schema 1, no summaries.
// dropKept removes the kept indexes, as a journal of schema 3 or earlier
// lacks them.
func dropKept(tx *bolt.Tx) error {
	for _, k := range keptIndexes {
		if err := k.delete(tx, nil); err != nil {
			return err
		}
	}
	return nil
}

func asSchema(t *testing.T, path string, schema int) {
	t.Helper()
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		meta, entries := tx.Bucket(bucketMeta), tx.Bucket(bucketEntries)
		table, err := decodeQuestions(meta.Get(keyQuestions))
		if err != nil {
			return err
		}
		type record struct{ k, v []byte }
		var records []record
		err = entries.ForEach(func(k, v []byte) error {
			e, err := decodeEntry(v, table)
			if err != nil {
				return err
			}
			data, err := json.Marshal(e)
			records = append(records, record{bytes.Clone(k), data})
			return err
		})
		if err != nil {
			return err
		}
		for _, r := range records {
			if err := entries.Put(r.k, r.v); err != nil {
				return err
			}
		}
		if err := meta.Delete(keyQuestions); err != nil {
			return err
		}
		if err := tx.DeleteBucket(bucketLessons); err != nil {
			return err
		}
		if err := tx.DeleteBucket(bucketSearch); err != nil {
			return err
		}
		if err := dropKept(tx); err != nil {
			return err
		}
		if schema < 2 {
			if err := tx.DeleteBucket(bucketSummaries); err != nil {
				return err
			}
		} else {
			// A summary was one record, figures and lessons.
			for _, r := range records {
				var e journal.Entry
				if err := json.Unmarshal(r.v, &e); err != nil {
					return err
				}
				if err := tx.Bucket(bucketSummaries).Put(r.k, wholeSummary(journal.Summarize(e))); err != nil {
					return err
				}
			}
		}
		return meta.Put(keySchema, []byte(strconv.Itoa(schema)))
	})
}

// pageSizeOf is the size of the pages of the journal file data, as its
// first header says.
func pageSizeOf(data []byte) int {
	return int(binary.LittleEndian.Uint32(data[pageHeaderSize+8:]))
}
