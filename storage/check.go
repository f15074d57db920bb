package storage

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/reflect-cli/reflect/journal"
)

// Finding is one thing Check looked at, and what it found.
type Finding struct {
	OK   bool
	Text string
	// Outside marks a record or a part of the index found changed outside
	// reflect (index.go): AcceptIndex takes the journal as it is.
	Outside bool
	// Remake marks a kept index (kept.go) found not to match the days:
	// RemakeIndexes makes it anew from them.
	Remake bool
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

// outside adds a finding of something changed outside reflect.
func (r *Report) outside(format string, args ...any) {
	r.Findings = append(r.Findings, Finding{Text: fmt.Sprintf(format, args...), Outside: true})
}

// Remake reports whether the report found a kept index not matching the
// days, which RemakeIndexes makes anew.
func (r Report) Remake() bool {
	return slices.ContainsFunc(r.Findings, func(f Finding) bool { return f.Remake })
}

// Outside reports whether the report found changes made outside reflect,
// which AcceptIndex accepts.
func (r Report) Outside() bool {
	return slices.ContainsFunc(r.Findings, func(f Finding) bool { return f.Outside })
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
				j.checkPages(tx, &rep)
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
		if !j.checkPages(tx, &rep) {
			return nil // reading on through broken pages could fault
		}
		r := &Reader{tx: tx, path: j.Path, aead: j.aead, pages: j.pages}
		if _, err := r.table(); err != nil {
			// Every entry that asks its questions reads through it: say so
			// once, rather than that each of them cannot be read.
			rep.add(false, "its table of questions cannot be read, and with it no entry that asks them; 'reflect restore FILE' puts a backup back")
			return nil
		}
		checkEntries(r, &rep)
		checkLedger(r, &rep)
		checkSlices(r, &rep)
		checkDrafts(r, &rep)
		return j.checkIndex(tx, &rep)
	})
	var damaged *DamagedError
	if errors.As(err, &damaged) { // found before the report could begin
		rep.add(false, "%s", damaged.Reason)
		return rep, nil
	}
	return rep, err
}

// checkPages checks every page of the journal, within bounds (see
// pages.go), before anything else reads them.
func (j *Journal) checkPages(tx *bolt.Tx, rep *Report) bool {
	lost, err := j.pages.everything()
	if err != nil {
		var damaged *DamagedError
		if errors.As(err, &damaged) {
			rep.add(false, "%s", damaged.Reason)
		} else {
			rep.add(false, "its pages cannot be read: %v", err)
		}
		return false
	}
	if lost > 0 {
		rep.add(false, "%s neither in use nor free: space lost, nothing else", plural(lost, "page is", "pages are"))
		return true
	}
	rep.add(true, "its pages check clean (%d KiB)", tx.Size()>>10)
	return true
}

// plural is "1 page is" or "3 pages are".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// keyName is a stored key as a report names it: quoted, with anything a
// terminal would act on made visible, and cut short when it is long.
func keyName(k []byte) string {
	return `"` + shortText(string(k), 40) + `"`
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
			problem(&bad, "an entry is kept under %s, which is not a date", keyName(k))
			return nil
		case r.decode(bucketEntries, k, v, &e) != nil:
			problem(&bad, "the entry of %s cannot be read", keyName(k))
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
		got, _, err := r.Summary(day)
		if got.Planned == "" {
			// Kept before summaries noted the planned step's form
			// (summaryVersionNoForm): it is not known, not wrong.
			want.Planned = ""
		}
		if err != nil || !bytes.Equal(encodeFigures(got), encodeFigures(want)) || !bytes.Equal(encodeLessons(got), encodeLessons(want)) {
			problem(&badSums, "the summary of %s does not match its entry", k)
		}
		if search := tx.Bucket(bucketSearch); search != nil {
			stored, err := r.open(bucketSearch, k, search.Get(k))
			if err != nil || !bytes.Equal(stored, encodeSearch(journal.Trigrams(e))) {
				problem(&badSums, "the search record of %s does not match its entry", k)
			}
		}
		return nil
	})
	for _, b := range derivedBuckets {
		if tx.Bucket(b) == nil {
			continue
		}
		_ = tx.Bucket(b).ForEach(func(k, _ []byte) error {
			if tx.Bucket(bucketEntries).Get(k) == nil {
				problem(&badSums, "a summary is kept for %s, which has no entry", keyName(k))
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
		rep.add(true, "%s read back, from %s to %s", journal.Plural(n, "entry"), first, last)
	}
	if sums != nil && n > 0 && bad == 0 && badSums == 0 {
		rep.add(true, "every day's summary matches its entry")
	}
}

// checkLedger compares the kept ledger of lessons, when the journal keeps
// one, with the ledger gathered anew from the lessons.
func checkLedger(r *Reader, rep *Report) {
	if !r.keepsLedger() {
		return
	}
	k, err := gatherLedger(r)
	if err != nil {
		return // a lesson that cannot be read is reported with its summary
	}
	switch ok, err := k.agrees(r); {
	case ok:
		rep.add(true, "the ledger of lessons matches the lessons")
	case err == nil:
		rep.Findings = append(rep.Findings, Finding{Text: "the ledger of lessons does not match the lessons; 'reflect doctor --accept' makes it anew from them", Remake: true})
	default:
		var damaged *DamagedError
		if errors.As(err, &damaged) {
			err = errors.New(damaged.Reason)
		}
		rep.Findings = append(rep.Findings, Finding{Text: fmt.Sprintf("the ledger of lessons cannot be read (%v); 'reflect doctor --accept' makes it anew from the lessons", err), Remake: true})
	}
}

// RemakeIndexes makes the kept indexes (kept.go) anew from the days, in
// place of those kept.
func (j *Journal) RemakeIndexes() error {
	if !j.Exists() {
		return ErrNotExist
	}
	return j.Update(func(w *Writer) error {
		w.gatherLedger, w.gatherSlices = true, true
		return nil
	})
}

// errSlicesAstray is what checkSlices finds in slices that miss a day.
var errSlicesAstray = errors.New("the search slices do not match the entries")

// checkSlices checks that the search slices, when the journal keeps them,
// have every day: each record of search-new is its day's, and each bit
// that slices made anew from the other days set is set in those kept.
// (A bit set for a day since changed or deleted is not wrong: the day is
// read, and found not to match.)
func checkSlices(r *Reader, rep *Report) {
	if !r.keepsSlices() {
		return
	}
	fresh := map[int64]bool{}
	err := r.walk(bucketSlicesNew, func(k, v []byte) error {
		var day journal.Day
		if day.UnmarshalText(k) != nil || len(v) != daySlots {
			return errSlicesAstray
		}
		e, ok, err := r.Entry(day)
		switch {
		case err != nil:
			return err
		case !ok || !bytes.Equal(v, encodeDaySlots(journal.Trigrams(e))):
			return errSlicesAstray
		}
		fresh[dayNumber(day)] = true
		return nil
	})
	var want keptSlices
	if err == nil {
		if want, err = gatherSlices(r, fresh); err != nil {
			return // an entry that cannot be read is reported with the entries
		}
		err = slicesHold(r, want)
	}
	var damaged *DamagedError
	switch {
	case err == nil:
		rep.add(true, "the search slices hold every entry")
	case errors.Is(err, errSlicesAstray):
		rep.Findings = append(rep.Findings, Finding{Text: "the search slices do not match the entries; 'reflect doctor --accept' makes them anew from them", Remake: true})
	case errors.As(err, &damaged):
		rep.Findings = append(rep.Findings, Finding{Text: fmt.Sprintf("the search slices cannot be read (%s); 'reflect doctor --accept' makes them anew from the entries", damaged.Reason), Remake: true})
	}
}

// slicesHold reports, as errSlicesAstray, kept slices that are malformed
// or lack a bit that want sets.
func slicesHold(r *Reader, want keptSlices) error {
	if err := r.pages.check(bucketSlices, everything); err != nil {
		return err
	}
	b := r.tx.Bucket(bucketSlices)
	for span, s := range want {
		for slot := range s {
			need := want.slice(span, slot)
			have := b.Get(sliceKey(span, slot))
			if len(have) < len(need) {
				return errSlicesAstray
			}
			for i, x := range need {
				if have[i]&x != x {
					return errSlicesAstray
				}
			}
		}
	}
	return b.ForEach(func(k, v []byte) error {
		if _, _, ok := parseSliceKey(k); !ok || len(v) == 0 || len(v) > maxSlice {
			return errSlicesAstray
		}
		return nil
	})
}

// checkDrafts reads every draft back and names the days they are of: each
// is an evening to finish (or to let go into its entry).
func checkDrafts(r *Reader, rep *Report) {
	var days, bad []string
	_ = r.tx.Bucket(bucketDrafts).ForEach(func(k, v []byte) error {
		var d journal.Draft
		if r.decode(bucketDrafts, k, v, &d) != nil {
			bad = append(bad, keyName(k))
			return nil
		}
		days = append(days, d.Date.String())
		return nil
	})
	for i, k := range bad {
		if i == maxListed {
			rep.add(false, "… and %d more drafts that cannot be read", len(bad)-maxListed)
			break
		}
		rep.add(false, "the draft of %s cannot be read", k)
	}
	if len(days) == 0 {
		return
	}
	shown := days
	if len(shown) > maxListed {
		shown = append(slices.Clone(days[:maxListed]), fmt.Sprintf("and %d more", len(days)-maxListed))
	}
	rep.add(true, "%s read back: %s (finish one with 'reflect today --date DATE')",
		plural(len(days), "unfinished reflection (draft)", "unfinished reflections (drafts)"), strings.Join(shown, ", "))
}
