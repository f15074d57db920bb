package storage

import (
	"bytes"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/reflect-cli/reflect/journal"
)

// Finding is one thing Check looked at, and what it found.
type Finding struct {
	OK   bool
	Text string
}

// Report is what Check found. The journal is sound when every finding is.
type Report struct {
	Findings []Finding
}

// Sound reports whether nothing is wrong.
func (r Report) Sound() bool {
	for _, f := range r.Findings {
		if !f.OK {
			return false
		}
	}
	return true
}

func (r *Report) add(ok bool, format string, args ...any) {
	r.Findings = append(r.Findings, Finding{OK: ok, Text: fmt.Sprintf(format, args...)})
}

// maxListed is how many problems of one kind a report lists one by one.
const maxListed = 5

// Check reads the whole journal without changing it: bbolt's own check of
// its pages, the header and schema, every entry and draft, and every day's
// summary against its entry. A journal that cannot be opened at all is an
// error (a *DamagedError, *BusyError, ...); anything found inside is in the
// report. With no journal it returns ErrNotExist.
func (j *Journal) Check() (Report, error) {
	var rep Report
	if !j.Exists() {
		return rep, ErrNotExist
	}
	if err := j.unlock(); err != nil {
		var damaged *DamagedError
		if errors.As(err, &damaged) {
			rep.add(false, "%s", damaged.Reason)
			return rep, nil
		}
		return rep, err
	}
	err := j.run(true, func(tx *bolt.Tx) error {
		fresh, err := j.check(tx)
		var newer *NewerError
		switch {
		case errors.As(err, &newer):
			rep.add(false, "written by a newer reflect (schema %d); this one reads up to %d", newer.Version, SchemaVersion)
			return nil
		case err != nil:
			var damaged *DamagedError
			if errors.As(err, &damaged) {
				rep.add(false, "%s", damaged.Reason)
				checkPages(tx, &rep)
				return nil
			}
			return err
		case fresh:
			rep.add(true, "an empty journal, with nothing written yet")
			return nil
		}
		schema := string(tx.Bucket(bucketMeta).Get(keySchema))
		if j.aead != nil {
			rep.add(true, "a reflect journal, schema %s, encrypted", schema)
		} else {
			rep.add(true, "a reflect journal, schema %s", schema)
		}
		if !checkPages(tx, &rep) {
			return nil // reading on through broken pages could fault
		}
		r := &Reader{tx: tx, path: j.Path, aead: j.aead}
		checkEntries(r, &rep)
		checkDrafts(r, &rep)
		return nil
	})
	return rep, err
}

// checkPages runs bbolt's check of the file's pages.
func checkPages(tx *bolt.Tx, rep *Report) bool {
	// bbolt checks in a goroutine of its own, where a page pointing outside
	// the file would crash the process; walking every key here first, where
	// such a fault is caught, finds those pages safely.
	_ = tx.ForEach(func(_ []byte, b *bolt.Bucket) error {
		return b.ForEach(func(_, _ []byte) error { return nil })
	})
	var problems []string
	for err := range tx.Check() {
		problems = append(problems, err.Error())
	}
	if len(problems) == 0 {
		rep.add(true, "its pages check clean (%d KiB)", tx.Size()>>10)
		return true
	}
	for i, p := range problems {
		if i == maxListed {
			rep.add(false, "… and %d more page problems", len(problems)-maxListed)
			break
		}
		rep.add(false, "page problem: %s", p)
	}
	return false
}

// checkEntries reads every entry back and compares each day's summary with
// the one its entry gives.
func checkEntries(r *Reader, rep *Report) {
	tx := r.tx
	sums := tx.Bucket(bucketSummaries)
	var (
		n, bad, badSums int
		first, last     string
	)
	problem := func(counter *int, format string, args ...any) {
		if *counter++; *counter <= maxListed {
			rep.add(false, format, args...)
		}
	}
	_ = tx.Bucket(bucketEntries).ForEach(func(k, v []byte) error {
		n++
		if first == "" {
			first = string(k)
		}
		last = string(k)
		var e journal.Entry
		var day journal.Day
		switch {
		case day.UnmarshalText(k) != nil:
			problem(&bad, "an entry is kept under %q, which is not a date", k)
			return nil
		case r.decode(bucketEntries, k, v, &e) != nil:
			problem(&bad, "the entry of %s cannot be read", k)
			return nil
		case e.Date != day:
			problem(&bad, "the entry kept under %s says it is of %s", k, e.Date)
			return nil
		case len(e.Answers) == 0:
			problem(&bad, "the entry of %s has no answers", k)
			return nil
		}
		if sums == nil {
			return nil // schema 1: summaries come with the next write
		}
		want := journal.Summarize(e)
		got, err := r.decodeSummary(k, sums.Get(k))
		if err != nil || !bytes.Equal(encodeSummary(got), encodeSummary(want)) {
			problem(&badSums, "the summary of %s does not match its entry", k)
		}
		return nil
	})
	if sums != nil {
		_ = sums.ForEach(func(k, _ []byte) error {
			if tx.Bucket(bucketEntries).Get(k) == nil {
				problem(&badSums, "a summary is kept for %s, which has no entry", k)
			}
			return nil
		})
	}
	for _, c := range []struct {
		count int
		what  string
	}{{bad, "entries"}, {badSums, "summaries"}} {
		if c.count > maxListed {
			rep.add(false, "… and %d more %s with problems", c.count-maxListed, c.what)
		}
	}
	switch {
	case n == 0:
		rep.add(true, "no entries yet")
	case bad == 0:
		rep.add(true, "%d entries read back, from %s to %s", n, first, last)
	}
	if sums != nil && n > 0 && badSums == 0 {
		rep.add(true, "every day's summary matches its entry")
	}
}

// checkDrafts reads every draft back.
func checkDrafts(r *Reader, rep *Report) {
	n, bad := 0, 0
	_ = r.tx.Bucket(bucketDrafts).ForEach(func(k, v []byte) error {
		n++
		var d journal.Draft
		if r.decode(bucketDrafts, k, v, &d) != nil {
			bad++
			rep.add(false, "the draft of %s cannot be read", k)
		}
		return nil
	})
	if n > 0 && bad == 0 {
		rep.add(true, "%d unfinished reflections (drafts) read back", n)
	}
}
