package storage

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"

	bolt "go.etcd.io/bbolt"

	"github.com/reflect-cli/reflect/journal"
)

// The kept ledger of lessons (since schema 4, in a journal that is not
// encrypted): the ledger that journal.LedgerBuilder gathers from every
// day's lessons, kept as it is written, so that `reflect lessons` reads
// its page newest first without gathering anything, and shows the first
// screen before it has read the rest.
//
// The ledger bucket keeps, under each day that is the last a group of
// lessons was drawn, those groups, in the order Ledger gives them:
//
//	version 1 (a byte)
//	groups (a count), each:
//	  its lesson as written most recently (a string)
//	  whether it still holds: 0, or 1 then the answer (a string), the day
//	    it was given and the day of the lesson it was given for (varints)
//	  its occurrences (a count), newest first, each: its day (a varint),
//	    its place among the day's lessons (a uvarint), and the day's
//	    setback, cut as journal.SetbackLine(setback, KeptSetbackRunes) cuts
//	    it (a string)
//
// where a day is a number of days since 1970-01-01. The ledger-index
// bucket keeps what a write needs to find its way:
//
//	'k' and a lesson's key (journal.LessonKey; one longer than 256 bytes
//	    is cut to 224 and followed by its SHA-256) → the day its group is
//	    kept under, YYYY-MM-DD
//	'r', a lesson's day and the day it came back, YYYY-MM-DD each → the
//	    answer, that day, to whether it still holds
//	't' → how many lessons were drawn and how many differ (uvarints)
//
// A write that changes a day's lessons regroups only the lessons it
// touches (keepLedger); one that changes many days, or finds the kept
// ledger astray, gathers it anew from the lessons. An encrypted journal
// keeps no ledger: its groups would say, in the clear, which days drew the
// same lesson. Its page is gathered from the lessons each time.

var (
	bucketLedger      = []byte("ledger")
	bucketLedgerIndex = []byte("ledger-index")
	keyLedgerTotals   = []byte("t")
)

const (
	ledgerVersion  = 1
	prefixGroupKey = 'k'
	prefixRecheck  = 'r'
	// maxGroupKey is the longest lesson key kept as it is in an index key.
	maxGroupKey = 256
	// regroupLimit is how many days a write may change and still regroup
	// only what it touched; past it, the ledger is gathered anew.
	regroupLimit = 64
)

var errLedger = errors.New("a record of the ledger of lessons is malformed")

// errLedgerAstray stops a regrouping that finds the kept ledger disagreeing
// with itself: the ledger is gathered anew instead.
var errLedgerAstray = errors.New("the kept ledger of lessons disagrees with itself")

// keptOccurrence is one day a lesson was drawn.
type keptOccurrence struct {
	day     int64 // dayNumber
	idx     int   // its place among the day's lessons
	setback string
}

// newer orders occurrences newest first.
func (o keptOccurrence) newer(p keptOccurrence) bool {
	return o.day > p.day || o.day == p.day && o.idx > p.idx
}

// keptGroup is a group of the ledger as it is kept.
type keptGroup struct {
	lesson    string
	occ       []keptOccurrence // newest first
	still     *journal.Recheck
	stillFrom int64 // the day of the occurrence still was given for
	// stillTrue is where a group read from a record keeps still.
	stillTrue journal.Recheck
}

func (g *keptGroup) last() int64              { return g.occ[0].day }
func (g *keptGroup) first() keptOccurrence    { return g.occ[len(g.occ)-1] }
func (g *keptGroup) key() string              { return journal.LessonKey(g.lesson) }
func (g *keptGroup) before(h *keptGroup) bool { return h.first().newer(g.first()) }

// consider takes the latest answer, on day r.Date, given for the lesson of
// day from as the group's, when it is later than the one it has, or as
// late and for an earlier lesson: as Ledger chooses.
func (g *keptGroup) consider(r journal.Recheck, from int64) {
	if g.still == nil || g.still.Date.Before(r.Date) || !r.Date.Before(g.still.Date) && from < g.stillFrom {
		g.still, g.stillFrom = &r, from
	}
}

// group returns the group as the page shows it, its occurrences in occ.
func (g *keptGroup) group(occ []journal.Occurrence) journal.LessonGroup {
	occ = occ[:0]
	for _, o := range g.occ {
		occ = append(occ, journal.Occurrence{Date: dayOfNumber(o.day), Setback: o.setback})
	}
	return journal.LessonGroup{Lesson: g.lesson, Count: len(g.occ), Occurrences: occ, StillTrue: g.still}
}

func encodeLedgerDay(groups []*keptGroup) []byte {
	b := binary.AppendUvarint([]byte{ledgerVersion}, uint64(len(groups)))
	for _, g := range groups {
		b = appendString(b, g.lesson)
		if g.still == nil {
			b = append(b, 0)
		} else {
			b = appendString(append(b, 1), g.still.Answer)
			b = binary.AppendVarint(b, dayNumber(g.still.Date))
			b = binary.AppendVarint(b, g.stillFrom)
		}
		b = binary.AppendUvarint(b, uint64(len(g.occ)))
		for _, o := range g.occ {
			b = binary.AppendVarint(b, o.day)
			b = binary.AppendUvarint(b, uint64(o.idx))
			b = appendString(b, o.setback)
		}
	}
	return b
}

// decodeLedgerDay reads the groups kept under a day. Their strings share
// one copy of the record.
func decodeLedgerDay(data []byte) ([]*keptGroup, error) {
	var groups []*keptGroup
	err := eachKeptGroup(sharing(data, errLedger), nil, func(g *keptGroup) error {
		kept := *g
		kept.occ = slices.Clone(g.occ)
		if g.still != nil {
			kept.still = &kept.stillTrue
		}
		groups = append(groups, &kept)
		return nil
	})
	return groups, err
}

// eachKeptGroup calls fn for each group a record of the ledger keeps, in
// turn, as r reads them. The group, and its occurrences, are reused for
// the next: fn must copy what it keeps. Their strings are those r reads.
//
// scratch, when set, is the group to read into, kept from a record to the
// next.
func eachKeptGroup(r *recordReader, scratch *keptGroup, fn func(*keptGroup) error) error {
	if r.byte() != ledgerVersion {
		return errLedger
	}
	g := scratch
	if g == nil {
		g = &keptGroup{}
	}
	for n := r.count(); n > 0 && r.err == nil; n-- {
		g.lesson, g.still, g.stillFrom = r.string(), nil, 0
		switch r.byte() {
		case 0:
		case 1:
			answer := r.string()
			g.stillTrue = journal.Recheck{Answer: answer, Date: dayOfNumber(clampDay(r.varint()))}
			g.still = &g.stillTrue
			g.stillFrom = r.varint()
		default:
			r.fail()
		}
		m := r.count()
		if m == 0 {
			r.fail()
		}
		g.occ = g.occ[:0]
		for range m {
			g.occ = append(g.occ, keptOccurrence{day: clampDay(r.varint()), idx: r.uvarint(), setback: r.string()})
		}
		if r.err != nil {
			break
		}
		if err := fn(g); err != nil {
			return err
		}
	}
	return r.end()
}

// clampDay keeps a day number read from a damaged record within the days
// a journal holds, so that it makes a day at all.
func clampDay(n int64) int64 {
	return min(max(n, dayNumber(journal.Earliest)), dayNumber(journal.Latest))
}

// groupIndexKey is the ledger-index key of the group of a lesson key.
func groupIndexKey(lessonKey string) []byte {
	k := append([]byte{prefixGroupKey}, lessonKey...)
	if len(lessonKey) > maxGroupKey {
		sum := sha256.Sum256([]byte(lessonKey))
		k = append(k[:1+maxGroupKey-len(sum)], sum[:]...)
	}
	return k
}

// recheckKey is the ledger-index key of an answer, on day on, to whether
// the lesson of day drawn still holds.
func recheckKey(drawn int64, on journal.Day) []byte {
	k := append([]byte{prefixRecheck}, dayOfNumber(drawn).String()...)
	return append(k, on.String()...)
}

// rechecked returns the day of the lesson an answer was given for, and
// whether it names one, as journal.LedgerBuilder reads it.
func rechecked(r journal.Revisit) (int64, bool) {
	var d journal.Day
	if d.UnmarshalText([]byte(r.Lesson.Date)) != nil {
		return 0, false
	}
	return dayNumber(d), true
}

func encodeTotals(drawn, different int) []byte {
	return binary.AppendUvarint(binary.AppendUvarint(nil, uint64(drawn)), uint64(different))
}

// keptLedger is the whole kept ledger, as gatherLedger makes it.
type keptLedger struct {
	days  map[int64][]*keptGroup // the day each group was last drawn → the groups
	index map[string][]byte      // the ledger-index bucket
}

// gatherLedger gathers the ledger from every day's lessons.
func gatherLedger(r *Reader) (*keptLedger, error) {
	byKey := map[string]*keptGroup{}
	var order []*keptGroup
	latest := map[int64]journal.Recheck{} // the latest answer for each lesson's day
	index := map[string][]byte{}
	drawn := 0
	err := r.EachLessons(func(s journal.Summary) error {
		for _, rv := range s.BroughtBack {
			if x, ok := rechecked(rv); ok {
				latest[x] = journal.Recheck{Date: s.Date, Answer: rv.StillTrue}
				index[string(recheckKey(x, s.Date))] = []byte(rv.StillTrue)
			}
		}
		if len(s.Lessons) == 0 {
			return nil
		}
		day, setback := dayNumber(s.Date), journal.SetbackLine(s.Setback, journal.KeptSetbackRunes)
		for i, lesson := range s.Lessons {
			key := journal.LessonKey(lesson)
			g := byKey[key]
			if g == nil {
				g = &keptGroup{}
				byKey[key] = g
				order = append(order, g)
			}
			g.lesson = lesson
			g.occ = append(g.occ, keptOccurrence{day: day, idx: i, setback: setback})
			drawn++
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	k := &keptLedger{days: map[int64][]*keptGroup{}, index: index}
	for _, g := range order {
		slices.Reverse(g.occ)
		for i := len(g.occ) - 1; i >= 0; i-- {
			if r, ok := latest[g.occ[i].day]; ok {
				g.consider(r, g.occ[i].day)
			}
		}
		k.days[g.last()] = append(k.days[g.last()], g)
		k.index[string(groupIndexKey(g.key()))] = []byte(dayOfNumber(g.last()).String())
	}
	k.index[string(keyLedgerTotals)] = encodeTotals(drawn, len(order))
	return k, nil
}

// write replaces the ledger buckets of tx with k, once the guard (nil for
// a file being written anew) has checked the pages they free. path names
// the journal in a report of damage.
func (k *keptLedger) write(tx *bolt.Tx, pages *guard, path string) error {
	b, err := keptLedgerIndex.remake(tx, pages, path)
	if err != nil {
		return err
	}
	ledger, index := b[0], b[1]
	for _, day := range slices.Sorted(maps.Keys(k.days)) {
		if err := ledger.Put([]byte(dayOfNumber(day).String()), encodeLedgerDay(k.days[day])); err != nil {
			return fmt.Errorf("keeping the ledger of lessons: %w", err)
		}
	}
	for _, key := range slices.Sorted(maps.Keys(k.index)) {
		if err := index.Put([]byte(key), k.index[key]); err != nil {
			return fmt.Errorf("keeping the ledger of lessons: %w", err)
		}
	}
	return nil
}

// agrees reports whether the ledger buckets of tx hold k and nothing else.
func (k *keptLedger) agrees(r *Reader) (bool, error) {
	for _, b := range []struct {
		name []byte
		want func(key []byte) ([]byte, bool)
		n    int
	}{
		{bucketLedger, func(key []byte) ([]byte, bool) {
			var d journal.Day
			if d.UnmarshalText(key) != nil {
				return nil, false
			}
			groups, ok := k.days[dayNumber(d)]
			return encodeLedgerDay(groups), ok
		}, len(k.days)},
		{bucketLedgerIndex, func(key []byte) ([]byte, bool) { v, ok := k.index[string(key)]; return v, ok }, len(k.index)},
	} {
		if err := r.pages.check(b.name, everything); err != nil {
			return false, err
		}
		n := 0
		c := r.tx.Bucket(b.name).Cursor()
		for key, v := c.First(); key != nil; key, v = c.Next() {
			want, ok := b.want(key)
			if !ok || !bytes.Equal(want, v) {
				return false, nil
			}
			n++
		}
		if n != b.n {
			return false, nil
		}
	}
	return true, nil
}

// keepsLedger reports whether the journal keeps its ledger.
func (r *Reader) keepsLedger() bool { return r.keeps(keptLedgerIndex) }

// LedgerTotals returns how many lessons were drawn and how many differ, as
// the kept ledger counts them; kept is false when the journal keeps none.
// It implements journal.KeptLedger.
func (r *Reader) LedgerTotals() (drawn, different int, kept bool, err error) {
	if !r.keepsLedger() {
		return 0, 0, false, nil
	}
	if err := r.pages.check(bucketLedgerIndex, keyRange{keyLedgerTotals, keyLedgerTotals}); err != nil {
		return 0, 0, true, err
	}
	rr := &recordReader{b: r.tx.Bucket(bucketLedgerIndex).Get(keyLedgerTotals), bad: errLedger}
	drawn, different = rr.uvarint(), rr.uvarint()
	if err := rr.end(); err != nil {
		return 0, 0, true, &DamagedError{Path: r.path, Reason: "the count of lessons of its ledger cannot be read", Err: err}
	}
	return drawn, different, true, nil
}

// EachKeptGroup calls fn for each group of the kept ledger, newest first,
// until fn returns Stop. It implements journal.KeptLedger.
func (r *Reader) EachKeptGroup(fn func(journal.LessonGroup) error) error {
	if !r.keepsLedger() {
		return nil
	}
	// The pages are checked as the walk reaches them, so that the first
	// screen is shown before the rest is read: the last page first, then
	// the last year's, then all of them. A check of keys from lo on covers
	// the page before too, which a cursor stepping below lo reads.
	if err := r.pages.check(bucketLedger, keyRange{lo: []byte("9999-12-31")}); err != nil {
		return err
	}
	var lo []byte
	whole := false
	var occ []journal.Occurrence
	var scratch keptGroup
	var fnErr error // what fn returned, to tell it from damage
	c := r.tx.Bucket(bucketLedger).Cursor()
	for k, v := c.Last(); k != nil; k, v = c.Prev() {
		if !whole {
			var err error
			var last journal.Day
			switch {
			case lo == nil && last.UnmarshalText(k) == nil:
				lo = []byte(last.AddDays(-366).String())
				err = r.pages.check(bucketLedger, keyRange{lo: lo})
			case lo == nil || bytes.Compare(k, lo) < 0:
				whole, err = true, r.pages.check(bucketLedger, everything)
			}
			if err != nil {
				return err
			}
		}
		// fn keeps nothing: the record's strings are read in place.
		err := eachKeptGroup(borrowing(v, errLedger), &scratch, func(g *keptGroup) error {
			lg := g.group(occ)
			occ = lg.Occurrences
			fnErr = fn(lg)
			return fnErr
		})
		switch {
		case fnErr != nil:
			return stopped(fnErr)
		case err != nil:
			return &DamagedError{Path: r.path, Reason: fmt.Sprintf("the ledger of lessons last drawn %s cannot be read", keyName(k)), Err: err}
		}
	}
	return nil
}

// lessonsOf returns the lessons of a day (its summary's Lessons, Setback
// and BroughtBack), empty for a day with none.
func (r *Reader) lessonsOf(day journal.Day) (journal.Summary, error) {
	s := journal.Summary{Date: day}
	if err := r.pages.checkGet(bucketLessons, day); err != nil {
		return s, err
	}
	key := []byte(day.String())
	v := r.tx.Bucket(bucketLessons).Get(key)
	if v == nil {
		return s, nil
	}
	return s, r.decodeLessons(key, v, &s)
}

// noteLessons notes, before a write changes the lessons of day, what they
// were, for keepLedger.
func (w *Writer) noteLessons(day journal.Day) {
	if !w.keepsLedger() || w.gatherLedger {
		return
	}
	d := dayNumber(day)
	if _, ok := w.ledgerWas[d]; ok {
		return
	}
	if len(w.ledgerWas) == regroupLimit {
		w.gatherLedger = true
		return
	}
	s, err := w.lessonsOf(day)
	if err != nil {
		// What the day had cannot be read: the write gathers the
		// ledger anew, from what the days then have.
		w.gatherLedger = true
		return
	}
	if w.ledgerWas == nil {
		w.ledgerWas = map[int64]journal.Summary{}
	}
	w.ledgerWas[d] = s
}

// keepLedger brings the kept ledger up to date with the days the
// transaction changed, at its end, in a journal of this schema in the
// clear. A ledger that is not there (it was dropped, below) is gathered.
//
// A lesson that cannot be read leaves no ledger to keep: it is dropped,
// and the write goes on, so that damage to one day never stops an evening
// from being saved. Reading the lessons reports the damage, as doctor
// does, and each write tries again until it is mended.
func (w *Writer) keepLedger() error {
	if !w.mayKeep(keptLedgerIndex) {
		return nil
	}
	if !w.keepsLedger() {
		w.gatherLedger = true
	}
	if len(w.ledgerWas) == 0 && !w.gatherLedger {
		return nil
	}
	var damaged *DamagedError
	if !w.gatherLedger {
		err := w.regroup()
		if !errors.Is(err, errLedgerAstray) && !errors.As(err, &damaged) {
			return err
		}
	}
	k, err := gatherLedger(&w.Reader)
	if err == nil {
		err = k.write(w.tx, w.pages, w.path)
	}
	if errors.As(err, &damaged) {
		return w.drop(keptLedgerIndex)
	}
	return err
}

// regrouping is the state of one regroup.
type regrouping struct {
	w       *Writer
	now     map[int64]journal.Summary // the changed days' lessons as they are now
	touched map[int64]bool            // the days whose lessons, or the answers for them, changed
	days    map[int64][]*keptGroup    // the ledger's days read, and changed
	changed map[int64]bool            // those of days to write back
	ledger  *bolt.Bucket
	index   *bolt.Bucket
	drawn   int
	groups  int
}

// regroup regroups the lessons of the days the transaction changed, and
// those whose answer to whether they still hold changed.
func (w *Writer) regroup() error {
	u := &regrouping{
		w: w, now: map[int64]journal.Summary{}, touched: map[int64]bool{},
		days: map[int64][]*keptGroup{}, changed: map[int64]bool{},
		ledger: w.tx.Bucket(bucketLedger), index: w.tx.Bucket(bucketLedgerIndex),
	}
	v, err := u.indexGet(keyLedgerTotals)
	if err != nil {
		return err
	}
	rr := &recordReader{b: v, bad: errLedger}
	u.drawn, u.groups = rr.uvarint(), rr.uvarint()
	if rr.end() != nil {
		return errLedgerAstray
	}
	days := slices.Sorted(maps.Keys(w.ledgerWas))
	for _, d := range days {
		s, err := w.lessonsOf(dayOfNumber(d))
		if err != nil {
			return err
		}
		u.now[d], u.touched[d] = s, true
	}
	// The answers: each day's are replaced whole.
	for _, d := range days {
		on := dayOfNumber(d)
		for _, rv := range w.ledgerWas[d].BroughtBack {
			if x, ok := rechecked(rv); ok {
				if err := u.indexDelete(recheckKey(x, on)); err != nil {
					return err
				}
				u.touched[x] = true
			}
		}
		for _, rv := range u.now[d].BroughtBack {
			if x, ok := rechecked(rv); ok {
				if err := u.indexPut(recheckKey(x, on), []byte(rv.StillTrue)); err != nil {
					return err
				}
				u.touched[x] = true
			}
		}
	}
	// The groups touched: those of the lessons the changed days had and
	// have, and those of the lessons whose answers changed.
	keys := map[string]bool{}
	for _, d := range days {
		for _, l := range w.ledgerWas[d].Lessons {
			keys[journal.LessonKey(l)] = true
		}
		for _, l := range u.now[d].Lessons {
			keys[journal.LessonKey(l)] = true
		}
	}
	for x := range u.touched {
		if _, ok := u.now[x]; ok {
			continue
		}
		s, err := w.lessonsOf(dayOfNumber(x))
		if err != nil {
			return err
		}
		for _, l := range s.Lessons {
			keys[journal.LessonKey(l)] = true
		}
	}
	for _, key := range slices.Sorted(maps.Keys(keys)) {
		if err := u.regroupLesson(key); err != nil {
			return err
		}
	}
	for _, d := range slices.Sorted(maps.Keys(u.changed)) {
		if err := u.putDay(d); err != nil {
			return err
		}
	}
	return u.indexPut(keyLedgerTotals, encodeTotals(u.drawn, u.groups))
}

// regroupLesson makes anew the group of one lesson key.
func (u *regrouping) regroupLesson(key string) error {
	ik := groupIndexKey(key)
	var old *keptGroup
	var oldAt int64
	if at, err := u.indexGet(ik); err != nil {
		return err
	} else if at != nil {
		var d journal.Day
		if d.UnmarshalText(at) != nil {
			return errLedgerAstray
		}
		oldAt = dayNumber(d)
		groups, err := u.day(oldAt)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(groups, func(g *keptGroup) bool { return g.key() == key })
		if i < 0 {
			return errLedgerAstray
		}
		old = groups[i]
		u.days[oldAt] = slices.Delete(groups, i, i+1)
		u.changed[oldAt] = true
		u.drawn -= len(old.occ)
		u.groups--
	}
	g := &keptGroup{}
	if old != nil {
		for _, o := range old.occ {
			if _, changed := u.now[o.day]; !changed {
				g.occ = append(g.occ, o)
			}
		}
	}
	for d, s := range u.now {
		var setback string
		for i, lesson := range s.Lessons {
			if journal.LessonKey(lesson) != key {
				continue
			}
			if setback == "" {
				setback = journal.SetbackLine(s.Setback, journal.KeptSetbackRunes)
			}
			g.occ = append(g.occ, keptOccurrence{day: d, idx: i, setback: setback})
		}
	}
	if len(g.occ) == 0 {
		return u.indexDelete(ik)
	}
	sort.Slice(g.occ, func(i, j int) bool { return g.occ[i].newer(g.occ[j]) })
	// Its lesson as written most recently.
	newest := g.occ[0]
	switch s, changed := u.now[newest.day]; {
	case changed:
		g.lesson = s.Lessons[newest.idx]
	case old != nil && old.occ[0] == newest:
		g.lesson = old.lesson
	default:
		s, err := u.w.lessonsOf(dayOfNumber(newest.day))
		if err != nil {
			return err
		}
		if newest.idx >= len(s.Lessons) || journal.LessonKey(s.Lessons[newest.idx]) != key {
			return errLedgerAstray
		}
		g.lesson = s.Lessons[newest.idx]
	}
	// Whether it still holds. The answers for the days untouched are as
	// they were: when the one it had was given for one of them, it is
	// still the latest of theirs, and only the days touched are looked up.
	keepOld := old != nil && old.still != nil && !u.touched[old.stillFrom]
	if keepOld {
		g.still, g.stillFrom = old.still, old.stillFrom
	}
	for i := len(g.occ) - 1; i >= 0; i-- { // oldest first, as Ledger looks
		d := g.occ[i].day
		if keepOld && !u.touched[d] {
			continue
		}
		r, ok, err := u.latestRecheck(d)
		if err != nil {
			return err
		}
		if ok {
			g.consider(r, d)
		}
	}
	groups, err := u.day(g.last())
	if err != nil {
		return err
	}
	at, _ := slices.BinarySearchFunc(groups, g, func(a, b *keptGroup) int {
		if a.before(b) {
			return -1
		}
		return 1
	})
	u.days[g.last()] = slices.Insert(groups, at, g)
	u.changed[g.last()] = true
	u.drawn += len(g.occ)
	u.groups++
	return u.indexPut(ik, []byte(dayOfNumber(g.last()).String()))
}

// day returns the groups kept under a day.
func (u *regrouping) day(d int64) ([]*keptGroup, error) {
	if groups, ok := u.days[d]; ok {
		return groups, nil
	}
	day := dayOfNumber(d)
	if err := u.w.pages.checkGet(bucketLedger, day); err != nil {
		return nil, err
	}
	var groups []*keptGroup
	if v := u.ledger.Get([]byte(day.String())); v != nil {
		var err error
		if groups, err = decodeLedgerDay(v); err != nil {
			return nil, errLedgerAstray
		}
	}
	u.days[d] = groups
	return groups, nil
}

// putDay writes back the groups of a day.
func (u *regrouping) putDay(d int64) error {
	day := dayOfNumber(d)
	if err := u.w.pages.checkKey(bucketLedger, day); err != nil {
		return err
	}
	key := []byte(day.String())
	var err error
	if groups := u.days[d]; len(groups) == 0 {
		err = u.ledger.Delete(key)
	} else {
		err = u.ledger.Put(key, encodeLedgerDay(groups))
	}
	if err != nil {
		return fmt.Errorf("keeping the ledger of lessons: %w", err)
	}
	return nil
}

// latestRecheck returns the latest answer for the lesson of a day.
func (u *regrouping) latestRecheck(drawn int64) (journal.Recheck, bool, error) {
	prefix := append([]byte{prefixRecheck}, dayOfNumber(drawn).String()...)
	if err := u.w.pages.check(bucketLedgerIndex, keyRange{prefix, append(slices.Clip(prefix), 0xff)}); err != nil {
		return journal.Recheck{}, false, err
	}
	var last, answer []byte
	c := u.index.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		last, answer = k, v
	}
	if last == nil {
		return journal.Recheck{}, false, nil
	}
	var on journal.Day
	if on.UnmarshalText(last[len(prefix):]) != nil {
		return journal.Recheck{}, false, errLedgerAstray
	}
	return journal.Recheck{Date: on, Answer: string(answer)}, true, nil
}

func (u *regrouping) indexGet(key []byte) ([]byte, error) {
	if err := u.w.pages.check(bucketLedgerIndex, keyRange{key, key}); err != nil {
		return nil, err
	}
	return u.index.Get(key), nil
}

func (u *regrouping) indexPut(key, value []byte) error {
	if err := u.w.pages.check(bucketLedgerIndex, keyRange{key, key}); err != nil {
		return err
	}
	if err := u.index.Put(key, value); err != nil {
		return fmt.Errorf("keeping the ledger of lessons: %w", err)
	}
	return nil
}

func (u *regrouping) indexDelete(key []byte) error {
	if err := u.w.pages.check(bucketLedgerIndex, keyRange{key, key}); err != nil {
		return err
	}
	if err := u.index.Delete(key); err != nil {
		return fmt.Errorf("keeping the ledger of lessons: %w", err)
	}
	return nil
}
