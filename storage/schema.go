package storage

import (
	"encoding/json"
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"

	"github.com/reflect-cli/reflect/journal"
)

// SchemaVersion is the layout of the journal this build reads and writes.
// Schema 2 added the summaries bucket; a schema 1 journal gets it, built
// from its entries, on its first write.
const SchemaVersion = 2

const appName = "reflect"

// entriesFill is how full a page of entries (or of summaries) is filled
// before it splits.
const entriesFill = 0.9

var (
	bucketMeta    = []byte("meta")
	bucketEntries = []byte("entries")
	bucketDrafts  = []byte("drafts")
	// bucketSummaries maps YYYY-MM-DD keys to journal.Summary: derived from
	// the day's entry, written with it in the same transaction.
	bucketSummaries = []byte("summaries")
	keyApp          = []byte("app")
	keySchema       = []byte("schema")
)

// check reports whether the file is a reflect journal this build can read.
// fresh is true for a file with no buckets at all: one just created.
func (j *Journal) check(tx *bolt.Tx) (fresh bool, err error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		empty := true
		_ = tx.ForEach(func([]byte, *bolt.Bucket) error { empty = false; return nil })
		if empty {
			return true, nil
		}
		return false, &DamagedError{Path: j.Path, Reason: "it has no reflect header"}
	}
	if string(meta.Get(keyApp)) != appName {
		return false, &DamagedError{Path: j.Path, Reason: "it is not marked as a reflect journal"}
	}
	version, convErr := strconv.Atoi(string(meta.Get(keySchema)))
	if convErr != nil || version < 1 {
		return false, &DamagedError{Path: j.Path, Reason: "its schema version is unreadable"}
	}
	if version > SchemaVersion {
		return false, &NewerError{Path: j.Path, Version: version}
	}
	if tx.Bucket(bucketEntries) == nil || tx.Bucket(bucketDrafts) == nil {
		return false, &DamagedError{Path: j.Path, Reason: "its entries or drafts are missing"}
	}
	if version >= 2 && tx.Bucket(bucketSummaries) == nil {
		return false, &DamagedError{Path: j.Path, Reason: "its summaries are missing"}
	}
	return false, nil
}

// initialise creates every bucket and records the schema, in tx.
func initialise(tx *bolt.Tx) error {
	meta, err := tx.CreateBucket(bucketMeta)
	if err != nil {
		return fmt.Errorf("creating the journal: %w", err)
	}
	if err := meta.Put(keyApp, []byte(appName)); err != nil {
		return fmt.Errorf("creating the journal: %w", err)
	}
	if err := meta.Put(keySchema, []byte(strconv.Itoa(SchemaVersion))); err != nil {
		return fmt.Errorf("creating the journal: %w", err)
	}
	for _, name := range [][]byte{bucketEntries, bucketDrafts, bucketSummaries} {
		if _, err := tx.CreateBucket(name); err != nil {
			return fmt.Errorf("creating the journal: %w", err)
		}
	}
	return nil
}

// schemaOf returns the schema version a journal records.
func schemaOf(tx *bolt.Tx) int {
	v, _ := strconv.Atoi(string(tx.Bucket(bucketMeta).Get(keySchema)))
	return v
}

// upgrade brings a journal of an earlier schema up to this one, in tx:
// schema 1 lacks the summaries, which are built from the entries.
func upgrade(tx *bolt.Tx, path string) error {
	meta := tx.Bucket(bucketMeta)
	if string(meta.Get(keySchema)) == strconv.Itoa(SchemaVersion) {
		return nil
	}
	sums, err := tx.CreateBucketIfNotExists(bucketSummaries)
	if err != nil {
		return fmt.Errorf("upgrading the journal: %w", err)
	}
	err = tx.Bucket(bucketEntries).ForEach(func(k, v []byte) error {
		var e journal.Entry
		if err := json.Unmarshal(v, &e); err != nil {
			return &DamagedError{Path: path, Reason: fmt.Sprintf("the record for %s cannot be read", keyName(k)), Err: err}
		}
		return sums.Put(k, encodeSummary(journal.Summarize(e)))
	})
	if err != nil {
		return err
	}
	return meta.Put(keySchema, []byte(strconv.Itoa(SchemaVersion)))
}
