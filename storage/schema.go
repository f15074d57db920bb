package storage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/reflect-cli/reflect/journal"
)

// SchemaVersion is the layout of the journal this build reads and writes.
// Schema 2 added the summaries bucket; schema 3 keeps entries in a compact
// binary form (entrycodec.go) against a table of questions; schema 4 keeps
// the ledger of lessons (ledger.go); schema 5 the search slices
// (slices.go). A journal of an earlier schema is read as it is, and
// upgraded on its first write: one of schema 3 or 4 in place, as only kept
// indexes are added; an older one into a new file, after a copy of it is
// kept.
const SchemaVersion = 5

const appName = "reflect"

// entriesFill is how full a page of entries (or of summaries) is filled
// before it splits.
const entriesFill = 0.9

// pageSize is the size of a new journal's pages (and of one rewritten):
// an entry is 1 to 2 KB, and a page of 16 KB holds ten of them, where one
// of 4 KB (the default) holds two and is left a quarter empty.
const pageSize = 16 << 10

// allocSize is how much the file grows by, past what its pages need, when
// it must grow: bbolt's default of 16 MB is a tenth of a hundred-year
// journal.
const allocSize = 1 << 20

var (
	bucketMeta    = []byte("meta")
	bucketEntries = []byte("entries")
	bucketDrafts  = []byte("drafts")
	// bucketSummaries maps YYYY-MM-DD keys to journal.Summary: derived from
	// the day's entry, written with it in the same transaction.
	bucketSummaries = []byte("summaries")
	// bucketLessons maps YYYY-MM-DD keys to the lessons of a day's summary,
	// for the days that have any (since schema 3).
	bucketLessons = []byte("lessons")
	// bucketSearch maps YYYY-MM-DD keys to the search record of a day's
	// entry (since schema 3; search.go).
	bucketSearch = []byte("search")
	// derivedBuckets are those whose records are derived from the day's
	// entry (derived), and dayBuckets the entries and those: what a day is
	// in the journal.
	derivedBuckets = [][]byte{bucketSummaries, bucketLessons, bucketSearch}
	dayBuckets     = [][]byte{bucketEntries, bucketSummaries, bucketLessons, bucketSearch}
	keyApp         = []byte("app")
	keySchema      = []byte("schema")
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
	if version >= 2 && tx.Bucket(bucketSummaries) == nil || version >= 3 && (tx.Bucket(bucketLessons) == nil || tx.Bucket(bucketSearch) == nil) {
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
	for _, name := range append([][]byte{bucketDrafts}, dayBuckets...) {
		if _, err := tx.CreateBucket(name); err != nil {
			return fmt.Errorf("creating the journal: %w", err)
		}
	}
	if err := (&keptLedger{index: map[string][]byte{string(keyLedgerTotals): encodeTotals(0, 0)}}).write(tx, nil, ""); err != nil {
		return fmt.Errorf("creating the journal: %w", err)
	}
	if _, err := keptSlicesIndex.create(tx, ""); err != nil {
		return fmt.Errorf("creating the journal: %w", err)
	}
	return nil
}

// schemaOf returns the schema version a journal records.
func schemaOf(tx *bolt.Tx) int {
	v, _ := strconv.Atoi(string(tx.Bucket(bucketMeta).Get(keySchema)))
	return v
}

// errOldSchema stops a write to a journal of an earlier schema, before
// anything is written: it is upgraded first.
var errOldSchema = errors.New("the journal is of an earlier schema")

// upgradeSchema rewrites a journal of an earlier schema into this one
// (rewrite), after keeping a copy of it as it was, beside the file itself
// when j.Path is a link to it, as restore keeps the journal it replaces.
// Its entries are written in the binary form, and its summaries made anew
// from them, in two parts (summary.go). Another reflect that upgraded it
// meanwhile leaves nothing to do.
func (j *Journal) upgradeSchema() error {
	var table *questionTable // the journal's, read before the rewrite
	var from int
	var kept string // the copy kept before the upgrade
	var indexKey []byte
	if j.aead != nil {
		indexKey = indexKeyOf(j.dataKey)
	}
	open := reseal(j.aead, nil)
	err := j.rewrite(rewriting{
		before: func(src *bolt.Tx) error {
			if from = schemaOf(src); from >= SchemaVersion {
				return errUpToDate
			}
			// Questions are added to the table the journal has, if any.
			had, err := j.reader(src).table()
			if err != nil {
				return err
			}
			table = had
			real, err := RealPath(j.Path)
			if err != nil {
				return err
			}
			kept, err = keepCopy(src, real, fmt.Sprintf("%s.schema-%d-backup-%s", real, from, time.Now().Format("20060102-150405")))
			if err != nil {
				return fmt.Errorf("keeping a copy before upgrading the journal: %w", err)
			}
			return nil
		},
		value: func(bucket, k, v []byte) ([]byte, error) {
			plain, err := open(bucket, k, v)
			if err != nil || !bytes.Equal(bucket, bucketEntries) || !isJSONRecord(plain) {
				return v, err
			}
			var e journal.Entry
			if err := json.Unmarshal(plain, &e); err != nil {
				return nil, &DamagedError{Path: j.Path, Record: string(k), Reason: fmt.Sprintf("the record for %s cannot be read", keyName(k)), Err: err}
			}
			return sealIf(j.aead, encodeEntry(e, table), bucket, k), nil
		},
		finish: func(dst *bolt.Tx) error {
			meta := dst.Bucket(bucketMeta)
			if table.grown {
				if err := meta.Put(keyQuestions, sealIf(j.aead, table.encode(), bucketMeta, keyQuestions)); err != nil {
					return err
				}
			}
			// Summaries and search records are made anew from the entries.
			buckets := map[string]*bolt.Bucket{}
			for _, name := range derivedBuckets {
				if dst.Bucket(name) != nil {
					if err := dst.DeleteBucket(name); err != nil {
						return err
					}
				}
				b, err := dst.CreateBucket(name)
				if err != nil {
					return err
				}
				b.FillPercent = 1 // written in key order
				buckets[string(name)] = b
			}
			err := dst.Bucket(bucketEntries).ForEach(func(k, v []byte) error {
				plain, err := open(bucketEntries, k, v)
				if err != nil {
					return err
				}
				e, err := decodeEntry(plain, table)
				if err != nil {
					return err
				}
				for _, r := range derived(e, journal.Trigrams(e)) {
					if r.value == nil {
						continue
					}
					if err := buckets[string(r.bucket)].Put(k, sealIf(j.aead, r.value, r.bucket, k)); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				return err
			}
			return meta.Put(keySchema, []byte(strconv.Itoa(SchemaVersion)))
		},
		indexKey: indexKey,
	})
	if errors.Is(err, errUpToDate) {
		return nil
	}
	if err != nil {
		// The journal is as it was: the copy of it is not needed, and
		// would take the room (twice the journal's) the next try needs.
		if kept != "" {
			os.Remove(kept)
		}
		return fmt.Errorf("upgrading the journal: %w", err)
	}
	return nil
}

// keepCopy writes a copy of the journal as src sees it beside the journal
// at real, under name, or name-2, name-3… when that is taken: into a file
// of its own first, and then linked into place whole, so that a file of
// that name is never a copy cut short. It returns the name it kept.
func keepCopy(src *bolt.Tx, real, name string) (string, error) {
	tmp, err := os.CreateTemp(filepath.Dir(real), tempPattern(real, tempKept))
	if err != nil {
		return "", err
	}
	tmpPath := tmp.Name()
	tmp.Close()
	os.Remove(tmpPath)
	defer os.Remove(tmpPath)
	if err := writeCopy(src, tmpPath); err != nil {
		return "", err
	}
	for n := 1; ; n++ {
		kept := name
		if n > 1 {
			kept = fmt.Sprintf("%s-%d", name, n)
		}
		err := os.Link(tmpPath, kept)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			// A file system without hard links: a rename, which
			// replaces nothing that is there, as the name was free.
			if _, serr := os.Lstat(kept); serr == nil {
				continue
			}
			err = os.Rename(tmpPath, kept)
		}
		if err != nil {
			return "", err
		}
		return kept, syncDir(filepath.Dir(real))
	}
}

// errUpToDate ends an upgrade that another reflect has made already.
var errUpToDate = errors.New("the journal is of this schema already")
