package storage

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"maps"
	"slices"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The index of an encrypted journal: an authenticated summary of what
// reflect last wrote, so that a day put back from an older copy of the
// file, or removed from it, is reported rather than passed over. Sealing
// each value already catches a value changed or moved to another day; it
// cannot catch an older value of the same day, sealed by the same key, put
// back in its place, nor a day taken out.
//
// Keyed by a key derived from the data key (indexKeyOf), so that only a
// reflect that holds the passphrase can make it agree:
//
//   - each record of the entries and summaries has a tag: a MAC over its
//     bucket, its day and its sealed value;
//   - each month keeps the tags of its records, in the index bucket under
//     its key (YYYY-MM), with a MAC over the month's key and its tags;
//   - the meta bucket keeps a write counter and a MAC over the counter and
//     every month's MAC, in order: a month put back whole from an older
//     copy, or removed, makes it disagree.
//
// A write updates the tags of the records it wrote, their months and the
// top, in its own transaction. It never makes a part that disagrees agree:
// a month whose MAC fails is left as it is, and so is a top that fails, so
// that what was changed outside reflect stays reported until a person
// accepts it (AcceptIndex, 'reflect doctor --accept') or restores a backup.
// A read checks the records it reads against their month, and reports a
// record changed or removed through Notify; doctor checks everything.
//
// Drafts are not indexed: they are unfinished, and written and let go
// often. A whole file put back is not detected either: it agrees with
// itself.

var (
	bucketIndex = []byte("index")
	keyIndexTop = []byte("index") // in meta: the write counter, then the top MAC
)

const (
	tagLen    = 16                  // a record's tag: HMAC-SHA256, cut short
	macLen    = sha256.Size         // a month's MAC and the top MAC
	tagged    = 2 + tagLen          // a month's entry for a record: day, kind, tag
	topLen    = 8 + macLen          // the counter and the top MAC
	maxMonthV = 124*tagged + macLen // a month of 31 days, each with four records
)

// The kinds of record the index keeps, by the bucket they are in.
const (
	kindEntry   byte = 'e'
	kindSearch  byte = 'g'
	kindLessons byte = 'l'
	kindSummary byte = 's'
)

// indexedBuckets are the buckets whose records the index keeps, each with
// its kind and what a person calls one of its records.
var indexedBuckets = dayBuckets

var kinds = []struct {
	bucket []byte
	kind   byte
	name   string
}{
	{bucketEntries, kindEntry, "entry"},
	{bucketSummaries, kindSummary, "summary"},
	{bucketLessons, kindLessons, "lesson summary"},
	{bucketSearch, kindSearch, "search record"},
}

func kindOf(bucket []byte) (byte, bool) {
	for _, k := range kinds {
		if bytes.Equal(bucket, k.bucket) {
			return k.kind, true
		}
	}
	return 0, false
}

func bucketOfKind(kind byte) []byte {
	for _, k := range kinds {
		if k.kind == kind {
			return k.bucket
		}
	}
	return nil
}

func kindName(kind byte) string {
	for _, k := range kinds {
		if k.kind == kind {
			return k.name
		}
	}
	return "record"
}

// indexKeyOf derives the index's key from the data key.
func indexKeyOf(dataKey []byte) []byte {
	mac := hmac.New(sha256.New, dataKey)
	mac.Write([]byte("reflect-index-1"))
	return mac.Sum(nil)
}

// recordID names a record within its month: its day and its kind.
type recordID struct{ day, kind byte }

// monthTags is a month of the index: the tag of each record, and whether
// its MAC checked out (a month with no record yet is empty and sound).
type monthTags struct {
	tags  map[recordID][tagLen]byte
	sound bool
}

// splitKey splits a day's key, YYYY-MM-DD (the guard checks the shape),
// into its month's key and its day.
func splitKey(key []byte) (month string, day byte) {
	d, _ := strconv.Atoi(string(key[8:10]))
	return string(key[:7]), byte(d)
}

// dayKey is the key of a day of a month.
func dayKey(month string, day byte) []byte {
	return fmt.Appendf(nil, "%s-%02d", month, day)
}

// monthName is a month's key as a person reads it: November 2026.
func monthName(month string) string {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return keyName([]byte(month))
	}
	return t.Format("January 2006")
}

// index is the index as one transaction sees it.
type index struct {
	key   []byte
	tx    *bolt.Tx
	pages *guard
	// report, when set, is told of each record a read finds changed or
	// removed outside reflect; doctor leaves it nil and lists them itself.
	report  func(msg string)
	missing bool // the journal should have an index and has none
	told    bool // the missing index has been reported
	months  map[string]*monthTags
	// written holds the records this transaction wrote: reads of them are
	// not checked, and commit updates their tags.
	written map[string]map[recordID]bool
}

// newIndex returns the index of an encrypted journal that keeps one, for
// tx; nil when there is none to keep (a journal in the clear, or locked
// before indexes were kept: its next write makes one).
func (j *Journal) newIndex(tx *bolt.Tx) *index {
	if j.indexKey == nil {
		return nil
	}
	ix := j.indexUnder(tx, j.indexKey)
	ix.missing = tx.Bucket(bucketIndex) == nil || tx.Bucket(bucketMeta).Get(keyIndexTop) == nil
	return ix
}

// indexUnder returns the index of tx under key, as it is in the file.
func (j *Journal) indexUnder(tx *bolt.Tx, key []byte) *index {
	return &index{key: key, tx: tx, pages: j.pages, report: j.tell, months: map[string]*monthTags{}, written: map[string]map[recordID]bool{}}
}

func (ix *index) mac(domain string) hash.Hash {
	m := hmac.New(sha256.New, ix.key)
	m.Write([]byte(domain))
	m.Write([]byte{0})
	return m
}

// tag is the tag of a record: its bucket, its key and its stored value.
func (ix *index) tag(bucket, key, value []byte) (t [tagLen]byte) {
	m := ix.mac("reflect-index-record")
	var n [8]byte
	for _, part := range [][]byte{bucket, key, value} {
		binary.BigEndian.PutUint64(n[:], uint64(len(part)))
		m.Write(n[:])
		m.Write(part)
	}
	copy(t[:], m.Sum(nil))
	return t
}

// monthMAC is the MAC of a month's key and its encoded tags.
func (ix *index) monthMAC(month string, body []byte) []byte {
	m := ix.mac("reflect-index-month")
	m.Write([]byte(month))
	m.Write([]byte{0})
	m.Write(body)
	return m.Sum(nil)
}

// encodeMonth is a month as the index bucket keeps it: its records in
// order of day and kind, each its day, its kind and its tag; then the MAC.
func (ix *index) encodeMonth(month string, tags map[recordID][tagLen]byte) []byte {
	ids := slices.SortedFunc(maps.Keys(tags), func(a, b recordID) int {
		return cmpID(a, b)
	})
	body := make([]byte, 0, len(ids)*tagged+macLen)
	for _, id := range ids {
		t := tags[id]
		body = append(append(body, id.day, id.kind), t[:]...)
	}
	return append(body, ix.monthMAC(month, body)...)
}

func cmpID(a, b recordID) int {
	if a.day != b.day {
		return int(a.day) - int(b.day)
	}
	return int(a.kind) - int(b.kind)
}

// decodeMonth reads a month the index bucket keeps; sound is false when
// its MAC does not check out, or its form is not the one encodeMonth gives.
func (ix *index) decodeMonth(month string, v []byte) *monthTags {
	mt := &monthTags{tags: map[recordID][tagLen]byte{}}
	if len(v) < macLen || len(v) > maxMonthV || (len(v)-macLen)%tagged != 0 {
		return mt
	}
	body, mac := v[:len(v)-macLen], v[len(v)-macLen:]
	if !hmac.Equal(mac, ix.monthMAC(month, body)) {
		return mt
	}
	for rec := range slices.Chunk(body, tagged) {
		mt.tags[recordID{rec[0], rec[1]}] = [tagLen]byte(rec[2:])
	}
	mt.sound = true
	return mt
}

// month returns a month of the index, read once per transaction.
func (ix *index) month(month string) (*monthTags, error) {
	if mt, ok := ix.months[month]; ok {
		return mt, nil
	}
	mt := &monthTags{tags: map[recordID][tagLen]byte{}, sound: true}
	if b := ix.tx.Bucket(bucketIndex); b != nil {
		if err := ix.pages.check(bucketIndex, keyRange{[]byte(month), []byte(month)}); err != nil {
			return nil, err
		}
		if v := b.Get([]byte(month)); v != nil {
			mt = ix.decodeMonth(month, v)
		}
	}
	if !mt.sound {
		ix.tell("the index of %s was changed outside reflect", monthName(month))
	}
	ix.months[month] = mt
	return mt, nil
}

// What a read tells of a day changed or removed outside reflect: of its
// entry, whichever of its records it read (a day's summary is reflect's own
// business; doctor names which).
const (
	changedDay = "the entry of %s is not as reflect last wrote it: an older copy was put back, or it was changed outside reflect"
	removedDay = "the entry of %s was removed outside reflect"
)

// tell reports, when reads report, what a read found.
func (ix *index) tell(format string, args ...any) {
	if ix.report != nil {
		ix.report(fmt.Sprintf(format, args...) + "; 'reflect doctor' says more")
	}
}

// checking reports whether reads check records against the index: there
// is one, and sound enough to check against. A missing index is reported
// once, by the first read that would have checked.
func (ix *index) checking() bool {
	if ix == nil {
		return false
	}
	if ix.missing && !ix.told {
		ix.told = true
		ix.tell("the journal's index is missing: it was removed outside reflect")
	}
	return !ix.missing
}

// kept returns the tag the index keeps for a record a read touched, and
// whether it keeps one; check is false when there is nothing to check the
// record against: no index, a month that does not check out (reported), or
// a record this transaction wrote.
func (ix *index) kept(bucket, key []byte) (tag [tagLen]byte, kept, check bool, err error) {
	kind, indexed := kindOf(bucket)
	if !indexed || !ix.checking() {
		return tag, false, false, nil
	}
	month, day := splitKey(key)
	id := recordID{day, kind}
	if ix.written[month][id] {
		return tag, false, false, nil
	}
	mt, err := ix.month(month)
	if err != nil || !mt.sound {
		return tag, false, false, err
	}
	tag, kept = mt.tags[id]
	return tag, kept, true, nil
}

// read checks a record that a read found against its month's tag.
func (ix *index) read(bucket, key, value []byte) error {
	tag, kept, check, err := ix.kept(bucket, key)
	if check && (!kept || tag != ix.tag(bucket, key, value)) {
		ix.tell(changedDay, key)
	}
	return err
}

// absent checks a record that a read found missing: the index may say it
// was there.
func (ix *index) absent(bucket, key []byte) error {
	_, kept, check, err := ix.kept(bucket, key)
	if check && kept {
		ix.tell(removedDay, key)
	}
	return err
}

// seenDays is the days a walk over a bucket read, by month, one bit a day.
type seenDays map[string]uint128

// uint128 holds a bit for each day a key may name, 00 to 99.
type uint128 [2]uint64

// seen returns the days a walk is to note, for the index to check it
// against: nil, which notes nothing, when there is no index.
func (ix *index) seen() seenDays {
	if ix == nil {
		return nil
	}
	return seenDays{}
}

func (s seenDays) add(key []byte) {
	if s == nil {
		return
	}
	month, day := splitKey(key)
	bits := s[month]
	bits[day/64] |= 1 << (day % 64)
	s[month] = bits
}

func (s seenDays) has(month string, day byte) bool {
	return s[month][day/64]&(1<<(day%64)) != 0
}

// walked checks, after a walk over the records of bucket from lo to hi
// (keys, both included; "" for the first), that it read every record the
// index keeps there: one it did not is reported removed.
func (ix *index) walked(bucket []byte, lo, hi string, seen seenDays) error {
	kind, indexed := kindOf(bucket)
	if !indexed || !ix.checking() || lo > hi {
		return nil
	}
	b := ix.tx.Bucket(bucketIndex)
	loMonth, hiMonth := lo[:min(len(lo), 7)], hi[:min(len(hi), 7)]
	if err := ix.pages.check(bucketIndex, keyRange{[]byte(loMonth), []byte(hiMonth)}); err != nil {
		return err
	}
	c := b.Cursor()
	for k, _ := c.Seek([]byte(loMonth)); k != nil && string(k) <= hiMonth; k, _ = c.Next() {
		month := string(k)
		mt, err := ix.month(month)
		if err != nil {
			return err
		}
		if !mt.sound {
			continue
		}
		for _, id := range slices.SortedFunc(maps.Keys(mt.tags), cmpID) {
			key := string(dayKey(month, id.day))
			if id.kind != kind || key < lo || key > hi || seen.has(month, id.day) || ix.written[month][id] {
				continue
			}
			ix.tell(removedDay, key)
		}
	}
	return nil
}

// wrote notes that this transaction wrote (or removed) a record.
func (ix *index) wrote(bucket, key []byte) {
	kind, indexed := kindOf(bucket)
	if ix == nil || !indexed {
		return
	}
	month, day := splitKey(key)
	if ix.written[month] == nil {
		ix.written[month] = map[recordID]bool{}
	}
	ix.written[month][recordID{day, kind}] = true
}

// monthMACs returns the MAC of each month of the index as stored (the
// last macLen bytes of its value, or all of a value shorter than that), by
// month.
func (ix *index) monthMACs() (map[string][]byte, error) {
	macs := map[string][]byte{}
	b := ix.tx.Bucket(bucketIndex)
	if b == nil {
		return macs, nil
	}
	if err := ix.pages.check(bucketIndex, everything); err != nil {
		return nil, err
	}
	err := b.ForEach(func(k, v []byte) error {
		macs[string(k)] = bytes.Clone(v[max(0, len(v)-macLen):])
		return nil
	})
	return macs, err
}

// topMAC is the MAC over the counter and the months' MACs, in the order of
// their keys.
func (ix *index) topMAC(counter uint64, macs map[string][]byte) []byte {
	m := ix.mac("reflect-index-top")
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], counter)
	m.Write(n[:])
	for _, month := range slices.Sorted(maps.Keys(macs)) {
		for _, part := range [][]byte{[]byte(month), macs[month]} {
			binary.BigEndian.PutUint64(n[:], uint64(len(part)))
			m.Write(n[:])
			m.Write(part)
		}
	}
	return m.Sum(nil)
}

// storedCounter is the write counter the meta bucket keeps, and whether it
// keeps a top of the right length at all.
func storedCounter(meta *bolt.Bucket) (uint64, bool) {
	v := meta.Get(keyIndexTop)
	if len(v) != topLen {
		return 0, false
	}
	return binary.BigEndian.Uint64(v), true
}

// top reads the stored counter, the months' MACs, and whether the stored
// top MAC agrees with them.
func (ix *index) top() (counter uint64, macs map[string][]byte, sound bool, err error) {
	if macs, err = ix.monthMACs(); err != nil {
		return 0, nil, false, err
	}
	meta := ix.tx.Bucket(bucketMeta)
	counter, ok := storedCounter(meta)
	sound = ok && hmac.Equal(ix.topMAC(counter, macs), meta.Get(keyIndexTop)[8:])
	return counter, macs, sound, nil
}

// putTop stores the counter and the top MAC over the months' MACs.
func (ix *index) putTop(counter uint64, macs map[string][]byte) error {
	v := binary.BigEndian.AppendUint64(make([]byte, 0, topLen), counter)
	return ix.tx.Bucket(bucketMeta).Put(keyIndexTop, append(v, ix.topMAC(counter, macs)...))
}

// commit brings the index up to date with what the transaction wrote: the
// tag of each record written, in its month, then the top. A month whose
// MAC failed is left as it is, and a top that failed too, and an index
// found missing: what disagrees keeps disagreeing, for doctor to report.
func (ix *index) commit() error {
	if ix == nil || len(ix.written) == 0 || ix.missing {
		return nil // a missing index stays missing, for doctor to report
	}
	counter, macs, topSound, err := ix.top()
	if err != nil {
		return err
	}
	b, err := ix.tx.CreateBucketIfNotExists(bucketIndex)
	if err != nil {
		return fmt.Errorf("writing the index: %w", err)
	}
	for _, month := range slices.Sorted(maps.Keys(ix.written)) {
		mt, err := ix.month(month)
		if err != nil {
			return err
		}
		if !mt.sound {
			continue
		}
		for id := range ix.written[month] {
			bucket := bucketOfKind(id.kind)
			key := dayKey(month, id.day)
			if v := ix.tx.Bucket(bucket).Get(key); v != nil {
				mt.tags[id] = ix.tag(bucket, key, v)
			} else {
				delete(mt.tags, id)
			}
		}
		if len(mt.tags) == 0 {
			delete(macs, month)
			err = b.Delete([]byte(month))
		} else {
			v := ix.encodeMonth(month, mt.tags)
			macs[month] = v[len(v)-macLen:]
			err = b.Put([]byte(month), v)
		}
		if err != nil {
			return fmt.Errorf("writing the index: %w", err)
		}
	}
	if !topSound {
		return nil
	}
	return ix.putTop(counter+1, macs)
}

// build makes the index anew from the records as they are, after the
// counter given: when a journal is sealed under a new key, when a journal
// locked before indexes were kept is first written, and when a person
// accepts changes made outside reflect.
func (ix *index) build(counter uint64) error {
	if ix.tx.Bucket(bucketIndex) != nil {
		if err := ix.tx.DeleteBucket(bucketIndex); err != nil {
			return fmt.Errorf("writing the index: %w", err)
		}
	}
	b, err := ix.tx.CreateBucket(bucketIndex)
	if err != nil {
		return fmt.Errorf("writing the index: %w", err)
	}
	months, err := ix.tagsOfRecords()
	if err != nil {
		return err
	}
	b.FillPercent = 1 // written in key order
	macs := make(map[string][]byte, len(months))
	for _, month := range slices.Sorted(maps.Keys(months)) {
		v := ix.encodeMonth(month, months[month])
		macs[month] = v[len(v)-macLen:]
		if err := b.Put([]byte(month), v); err != nil {
			return fmt.Errorf("writing the index: %w", err)
		}
	}
	ix.months, ix.missing = map[string]*monthTags{}, false
	return ix.putTop(counter+1, macs)
}

// upgradeLock makes the index of a journal locked before indexes were
// kept, and seals its data key again, to the version of a lock with an
// index, in tx. It returns the new lock, for the journal to keep once tx is
// committed, and the index, for tx's writes to keep up to date.
func (j *Journal) upgradeLock(tx *bolt.Tx) (lock, *index, error) {
	l := *j.lock
	l.Version = lockVersion
	l.SealedKey = seal(j.kek, j.dataKey, lockAD(l.Version))
	if err := putLock(tx.Bucket(bucketMeta), l); err != nil {
		return l, nil, fmt.Errorf("writing the encryption settings: %w", err)
	}
	ix := j.indexUnder(tx, indexKeyOf(j.dataKey))
	return l, ix, ix.build(0)
}

// tagsOfRecords returns the tag of every record the index keeps, as the
// records are now, by month.
func (ix *index) tagsOfRecords() (map[string]map[recordID][tagLen]byte, error) {
	months := map[string]map[recordID][tagLen]byte{}
	for _, bucket := range indexedBuckets {
		kind, _ := kindOf(bucket)
		if err := ix.pages.check(bucket, everything); err != nil {
			return nil, err
		}
		b := ix.tx.Bucket(bucket)
		if b == nil {
			continue // a journal of an earlier schema, being upgraded
		}
		err := b.ForEach(func(k, v []byte) error {
			month, day := splitKey(k)
			if months[month] == nil {
				months[month] = map[recordID][tagLen]byte{}
			}
			months[month][recordID{day, kind}] = ix.tag(bucket, k, v)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return months, nil
}

// checkIndex checks, for doctor, the whole index against the records as
// they are: each month's MAC, each record's tag, and the top.
func (j *Journal) checkIndex(tx *bolt.Tx, rep *Report) error {
	switch {
	case j.aead == nil:
		return nil
	case j.indexKey == nil:
		rep.add(true, "no index of its days yet: the next save makes one")
		return nil
	}
	ix := j.indexUnder(tx, j.indexKey)
	ix.report = nil // doctor lists what it finds itself
	if tx.Bucket(bucketIndex) == nil && tx.Bucket(bucketMeta).Get(keyIndexTop) == nil {
		rep.outside("its index is missing: it was removed outside reflect")
		return nil
	}
	found, err := ix.tagsOfRecords()
	if err != nil {
		return err
	}
	months := slices.Collect(maps.Keys(found))
	if b := tx.Bucket(bucketIndex); b != nil {
		if err := ix.pages.check(bucketIndex, everything); err != nil {
			return err
		}
		_ = b.ForEach(func(k, _ []byte) error { months = append(months, string(k)); return nil })
	}
	slices.Sort(months)
	problems := 0
	problem := func(format string, args ...any) {
		if problems++; problems <= maxListed {
			rep.outside(format, args...)
		}
	}
	for _, month := range slices.Compact(months) {
		mt, err := ix.month(month)
		if err != nil {
			return err
		}
		if !mt.sound {
			problem("the index of %s was changed outside reflect", monthName(month))
			continue
		}
		// A day at a time: what is wrong with its entry, else with its
		// summary.
		days := slices.Sorted(func(yield func(byte) bool) {
			for id := range mt.tags {
				yield(id.day)
			}
			for id := range found[month] {
				yield(id.day)
			}
		})
		for _, day := range slices.Compact(days) {
			for _, kind := range []byte{kindEntry, kindSummary, kindLessons, kindSearch} {
				id := recordID{day, kind}
				want, kept := mt.tags[id]
				got, there := found[month][id]
				name, key := kindName(kind), dayKey(month, day)
				switch {
				case !there && kept:
					problem("the %s of %s was removed outside reflect", name, key)
				case there && !kept:
					problem("the %s of %s was added outside reflect: reflect did not write it, or had removed it", name, key)
				case want != got:
					problem("the %s of %s is not as reflect last wrote it: an older copy was put back, or it was changed outside reflect", name, key)
				default:
					continue
				}
				break
			}
		}
	}
	counter, _, sound, err := ix.top()
	if err != nil {
		return err
	}
	if !sound {
		problem("the index as a whole does not match its months: a month of it was put back from an older copy, or removed")
	}
	if problems > maxListed {
		rep.outside("… and %d more changes made outside reflect", problems-maxListed)
	}
	if problems == 0 {
		rep.add(true, "its index matches every entry and summary: nothing put back or removed outside reflect (%s so far)", plural(int(counter), "write", "writes"))
	}
	return nil
}

// AcceptIndex makes the index of an encrypted journal anew from its records
// as they are, after doctor found changes made outside reflect that a
// person made, or lets stand: from then on they are as reflect last wrote
// them. The write counter goes on.
func (j *Journal) AcceptIndex() error {
	if !j.Exists() {
		return ErrNotExist
	}
	return j.Update(func(w *Writer) error {
		if w.idx == nil {
			return errors.New("the journal is not encrypted: it keeps no index")
		}
		counter, _ := storedCounter(w.tx.Bucket(bucketMeta))
		return w.idx.build(counter)
	})
}
