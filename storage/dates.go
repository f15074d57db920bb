package storage

import (
	bolt "go.etcd.io/bbolt"

	"github.com/reflect-cli/reflect/journal"
)

// datesChunk is how many days back a walk of WrittenDays checks the pages
// of at a time: a walk that stops early (a streak of a few days) checks
// few pages, at a hundred years as at one.
const datesChunk = 64

// WrittenDays calls fn with each day that has an entry, newest first, from
// until back, while fn returns true. It reads keys alone, never a value:
// it asks for no passphrase, as the dates of an encrypted journal are
// visible anyway, and costs one read transaction (reflect status runs it
// before every shell prompt). A journal that does not exist has no days.
func (j *Journal) WrittenDays(until journal.Day, fn func(journal.Day) bool) error {
	if !j.Exists() {
		return nil
	}
	return j.run(true, func(tx *bolt.Tx) error {
		fresh, err := j.check(tx)
		if err != nil || fresh {
			return err
		}
		b := tx.Bucket(bucketEntries)
		hi := until
		for {
			lo := hi.AddDays(-datesChunk + 1)
			if lo.Before(journal.Earliest) {
				lo = journal.Earliest
			}
			if err := j.pages.check(bucketEntries, keyRange{[]byte(lo.String()), []byte(hi.String())}); err != nil {
				return err
			}
			c := b.Cursor()
			k, _ := c.Seek([]byte(hi.AddDays(1).String()))
			if k == nil {
				k, _ = c.Last()
			} else {
				k, _ = c.Prev()
			}
			for ; k != nil && string(k) >= lo.String(); k, _ = c.Prev() {
				var day journal.Day
				if day.UnmarshalText(k) != nil {
					continue // doctor reports a key that is not a date
				}
				if !fn(day) {
					return nil
				}
			}
			if k == nil || !lo.After(journal.Earliest) {
				return nil
			}
			// On from the next day written, however far back: a gap of
			// years is one step, not one per chunk.
			if hi.UnmarshalText(k) != nil {
				hi = lo.AddDays(-1)
			}
		}
	})
}
