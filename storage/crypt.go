package storage

import (
	"bytes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	bolt "go.etcd.io/bbolt"
	"golang.org/x/crypto/chacha20poly1305"
	"golang.org/x/crypto/scrypt"

	"github.com/reflect-cli/reflect/journal"
)

// Encryption at rest, when a person turns it on (reflect encrypt):
//
//   - a random 32-byte data key seals every stored value (entries, drafts,
//     summaries) with XChaCha20-Poly1305, each under a fresh random nonce,
//     bound by the associated data to its bucket, its key and the format
//     version, so that a value moved to another day or bucket, or changed
//     by a single bit, fails to open;
//   - the data key itself is sealed with a key derived from the passphrase
//     by scrypt, and kept in the meta bucket with the scrypt salt and cost,
//     so that changing the passphrase rewraps one key.
//
// The dates (the keys of the buckets) stay in the clear.

// ErrWrongPassphrase means the passphrase does not open the journal.
var ErrWrongPassphrase = errors.New("the passphrase does not open this journal")

// ErrEncryptionChanged means another reflect turned encryption on or off,
// or changed the passphrase, while a change to the whole journal was being
// prepared; nothing was changed.
var ErrEncryptionChanged = errors.New("another reflect changed the journal's encryption meanwhile; nothing was changed")

// ErrChangedOutside means an encrypted journal's index reports days changed,
// put back or removed outside reflect, which a change to the whole journal
// would hide; nothing was changed.
var ErrChangedOutside = errors.New("the journal was changed outside reflect since it last wrote it, and this would hide it; nothing was changed")

// ErrNeedPassphrase means the journal is encrypted and no passphrase was
// given.
var ErrNeedPassphrase = errors.New("the journal is encrypted; a passphrase is needed")

var keyEncryption = []byte("encryption")

// sealVersion is the format of sealed values; it is part of what each
// value is bound to.
const sealVersion = "reflect-seal-1"

// lock is how the data key is kept: sealed by the passphrase's key.
// Version 2 locks are of journals that keep an index (index.go); the
// version is part of what the data key is sealed to (lockAD), so that
// a lock set back to version 1, to pass a journal off as one without an
// index, no longer opens.
type lock struct {
	Version   int    `json:"version"`
	KDF       string `json:"kdf"`
	N         int    `json:"n"`
	R         int    `json:"r"`
	P         int    `json:"p"`
	Salt      []byte `json:"salt"`
	SealedKey []byte `json:"sealed_key"` // nonce, then the sealed data key
}

// scrypt's cost for a new lock: about a third of a second, and 128 MiB,
// once per command (BenchmarkUnlock; docs/TRUST.md has the figure). The
// cost is kept in each lock, so a journal locked at another N (2^15 before)
// opens with the N it was locked at.
const (
	scryptN = 1 << 17
	scryptR = 8
	scryptP = 1
)

// The bounds of a lock's scrypt settings, checked before scrypt runs: the
// lock is read from the file, and a file may be hostile (a backup from
// elsewhere). Within them, one derivation takes at most 512 MiB and about
// four times the work of the default; outside them the journal is reported
// damaged, never handed to scrypt (r = 2^20 would panic in makeslice, r =
// 2^14 run out of memory, p = 100000 run for hours).
const (
	minScryptLogN = 10      // N = 2^10 .. 2^20, a power of two
	maxScryptLogN = 20      //
	maxScryptR    = 32      // r = 1 .. 32
	maxScryptP    = 16      // p = 1 .. 16
	maxScryptMem  = 1 << 29 // 128·N·r bytes: 512 MiB (the default is 128 MiB)
	maxScryptWork = 1 << 22 // N·r·p: four times the default's 2^20
	minSaltLen    = 16      // the salt, in bytes
	maxSaltLen    = 64      //
)

// lockVersion is the version of a new lock: of a journal with an index.
const lockVersion = 2

// lockAD is what a lock's sealed key is bound to, by the lock's version.
func lockAD(version int) []byte {
	if version == 1 {
		return []byte("reflect-data-key")
	}
	return fmt.Appendf(nil, "reflect-data-key-%d", version)
}

// sealedKeyLen is the length of a lock's sealed key: the nonce, the data
// key and the tag.
const sealedKeyLen = chacha20poly1305.NonceSizeX + chacha20poly1305.KeySize + chacha20poly1305.Overhead

// check returns what is wrong with the lock's settings, or nil when scrypt
// may be run with them. The products are of bounded factors, in 64 bits.
func (l lock) check() error {
	mem, work := 128*int64(l.N)*int64(l.R), int64(l.N)*int64(l.R)*int64(l.P)
	switch {
	case l.Version < 1 || l.Version > lockVersion:
		return fmt.Errorf("its version %d is unknown", l.Version)
	case l.KDF != "scrypt":
		return fmt.Errorf("the key derivation \"%s\" is unknown", shortText(l.KDF, 20))
	case l.N < 1<<minScryptLogN || l.N > 1<<maxScryptLogN || l.N&(l.N-1) != 0:
		return fmt.Errorf("scrypt's N is %d, not a power of two from 2^%d to 2^%d", l.N, minScryptLogN, maxScryptLogN)
	case l.R < 1 || l.R > maxScryptR:
		return fmt.Errorf("scrypt's r is %d, not from 1 to %d", l.R, maxScryptR)
	case l.P < 1 || l.P > maxScryptP:
		return fmt.Errorf("scrypt's p is %d, not from 1 to %d", l.P, maxScryptP)
	case mem > maxScryptMem:
		return fmt.Errorf("scrypt's N and r would take %d MiB, more than %d", mem>>20, maxScryptMem>>20)
	case work > maxScryptWork:
		return fmt.Errorf("scrypt's N, r and p ask for %d times the work allowed", work/maxScryptWork)
	case len(l.Salt) < minSaltLen || len(l.Salt) > maxSaltLen:
		return fmt.Errorf("the salt is %d bytes, not from %d to %d", len(l.Salt), minSaltLen, maxSaltLen)
	}
	return nil
}

// newLock seals dataKey with a key derived from passphrase.
func newLock(passphrase, dataKey []byte) (lock, error) {
	l := lock{Version: lockVersion, KDF: "scrypt", N: scryptN, R: scryptR, P: scryptP, Salt: make([]byte, 16)}
	rand.Read(l.Salt)
	aead, err := l.aead(passphrase)
	if err != nil {
		return l, err
	}
	l.SealedKey = seal(aead, dataKey, lockAD(l.Version))
	return l, nil
}

// aead derives the key that seals the data key.
func (l lock) aead(passphrase []byte) (cipher.AEAD, error) {
	if err := l.check(); err != nil {
		return nil, err
	}
	k, err := scrypt.Key(passphrase, l.Salt, l.N, l.R, l.P, chacha20poly1305.KeySize)
	if err != nil {
		return nil, err
	}
	return chacha20poly1305.NewX(k)
}

// errLockDowngraded means a lock's version was set back: its key opens,
// sealed to a later version than the lock says.
var errLockDowngraded = errors.New("its encryption settings were set back to an earlier version outside reflect, which would hide its index")

// open returns the data key, and the key that sealed it (which seals it
// again when the lock is brought up to date); or ErrWrongPassphrase.
func (l lock) open(passphrase []byte) (dataKey []byte, kek cipher.AEAD, err error) {
	kek, err = l.aead(passphrase)
	if err != nil {
		return nil, nil, err
	}
	dataKey, err = unseal(kek, l.SealedKey, lockAD(l.Version))
	if err != nil {
		for v := l.Version + 1; v <= lockVersion; v++ {
			if _, err := unseal(kek, l.SealedKey, lockAD(v)); err == nil {
				return nil, nil, errLockDowngraded
			}
		}
		return nil, nil, ErrWrongPassphrase
	}
	return dataKey, kek, nil
}

// sealedBuckets are the buckets whose values are sealed.
var sealedBuckets = append([][]byte{bucketDrafts}, dayBuckets...)

// isSealedMeta reports whether the value under key in bucket is the one
// value of the meta bucket that is sealed: the table of questions.
func isSealedMeta(bucket, key []byte) bool {
	return bytes.Equal(bucket, bucketMeta) && bytes.Equal(key, keyQuestions)
}

// unlock learns, once, whether the journal is encrypted and, if so, opens
// its data key with the passphrase. The passphrase is asked for with no
// lock held: nothing keeps the journal open while a person types.
func (j *Journal) unlock() error {
	return j.keyed(func() error {
		return j.run(true, func(tx *bolt.Tx) error { return j.learnLock(tx) })
	})
}

// errLocked means do found an encrypted journal whose key is not open yet.
var errLocked = errors.New("the journal's key is not open yet")

// keyed runs do, which opens the journal and calls learnLock first; when
// do finds the journal encrypted, keyed asks for the passphrase (with the
// file closed again) and runs do once more. A journal in the clear, the
// usual case, is opened once. Another reflect may change the lock between
// the two (a passphrase change ending): its new lock is opened in turn, a
// few times at most, and then that is what is said.
func (j *Journal) keyed(do func() error) error {
	err := do()
	for range 3 {
		if !errors.Is(err, errLocked) {
			return err
		}
		if err := j.openKey(); err != nil {
			return err
		}
		err = do()
	}
	if errors.Is(err, errLocked) {
		return ErrEncryptionChanged
	}
	return err
}

// learnLock learns whether the journal is encrypted: in the clear it is
// then unlocked; encrypted, its lock is kept and errLocked returned, for
// keyed to open the key. Every transaction calls it: another reflect may
// have turned encryption on or off, or changed the key, since this one
// learned it (a session stays open through an evening), and nothing may be
// read or written under a state that no longer holds. When the stored lock
// is not the one learned, it is learned again.
func (j *Journal) learnLock(tx *bolt.Tx) error {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return nil // a fresh file: check says what it is
	}
	raw := meta.Get(keyEncryption)
	if j.unlocked && bytes.Equal(raw, j.lockRaw) {
		return nil
	}
	j.forgetKey()
	j.unlocked = false
	l, encrypted, err := readLock(raw)
	if err != nil {
		return &DamagedError{Path: j.Path, Reason: "its encryption settings cannot be read", Err: err}
	}
	j.lockRaw = bytes.Clone(raw)
	if !encrypted {
		// Only an encrypted journal keeps an index: one without its lock
		// had the lock taken away, and what is saved now would be in the
		// clear among sealed days.
		if tx.Bucket(bucketIndex) != nil || meta.Get(keyIndexTop) != nil {
			return &DamagedError{Path: j.Path, Reason: "its encryption settings are missing, though it keeps the index only an encrypted journal keeps"}
		}
		sealed, err := j.sealedWithoutLock(tx)
		if err != nil {
			return err
		}
		if sealed {
			return &DamagedError{Path: j.Path, Reason: "its encryption settings are missing, though its days are sealed"}
		}
		j.unlocked = true
		return nil
	}
	// Checked before any passphrase is asked for, and before scrypt runs.
	if err := l.check(); err != nil {
		return &DamagedError{Path: j.Path, Reason: "its encryption settings are out of bounds: " + err.Error()}
	}
	if len(l.SealedKey) != sealedKeyLen {
		return &DamagedError{Path: j.Path, Reason: fmt.Sprintf("its encryption settings are damaged: the sealed key is %d bytes, not %d", len(l.SealedKey), sealedKeyLen)}
	}
	j.lock = &l
	return errLocked
}

// sealedWithoutLock reports whether a journal with no lock holds sealed
// days all the same (its lock, and its index, taken out): its first entry
// is not JSON, or its first summary not of a summary's versions. Sealed,
// both begin as they would in the clear by chance 1 time in 32768; in the
// clear, neither begins otherwise.
func (j *Journal) sealedWithoutLock(tx *bolt.Tx) (bool, error) {
	first := func(bucket []byte) ([]byte, error) {
		b := tx.Bucket(bucket)
		if b == nil {
			return nil, nil
		}
		if err := j.pages.checkKey(bucket, journal.Earliest); err != nil {
			return nil, err // the way to the first key is checked first
		}
		_, v := b.Cursor().First()
		return v, nil
	}
	entry, err := first(bucketEntries)
	if err != nil {
		return false, err
	}
	summary, err := first(bucketSummaries)
	if err != nil {
		return false, err
	}
	return looksSealed(entry, summary), nil
}

// looksSealed reports whether the first entry and summary of a journal
// (nil where there is none) are not what they are in the clear.
func looksSealed(entry, summary []byte) bool {
	return len(entry) > 0 && !isJSONRecord(entry) && entry[0] != entryFormat ||
		len(summary) > 0 && summary[0] != figuresVersion && summary[0] != summaryVersion && summary[0] != summaryVersionNoForm
}

// openKey opens the data key of the lock learnLock found, with the
// passphrase.
func (j *Journal) openKey() error {
	if j.Passphrase == nil {
		return ErrNeedPassphrase
	}
	pass, err := j.Passphrase()
	if err != nil {
		return err
	}
	dataKey, kek, err := j.lock.open(pass)
	if errors.Is(err, errLockDowngraded) {
		return &DamagedError{Path: j.Path, Reason: err.Error()}
	}
	if err != nil {
		return err
	}
	aead, err := chacha20poly1305.NewX(dataKey)
	if err != nil {
		return err
	}
	j.keepKey(*j.lock, j.lockRaw, aead, dataKey)
	j.kek = kek
	return nil
}

// keepKey keeps an open data key, and the lock it came from as stored.
func (j *Journal) keepKey(l lock, raw []byte, aead cipher.AEAD, dataKey []byte) {
	j.lock, j.lockRaw, j.aead, j.dataKey, j.kek = &l, raw, aead, dataKey, nil
	j.indexKey = nil
	if l.Version >= 2 {
		j.indexKey = indexKeyOf(dataKey)
	}
	j.unlocked = true
}

// forgetKey forgets the data key and the lock: the journal is in the
// clear, or not learned yet.
func (j *Journal) forgetKey() {
	j.lock, j.lockRaw, j.aead, j.dataKey, j.kek, j.indexKey = nil, nil, nil, nil, nil, nil
}

// Unlock opens an encrypted journal's key now, asking for the passphrase;
// other methods do it when first needed.
func (j *Journal) Unlock() error { return j.unlock() }

// Encrypted reports whether the journal is encrypted; it asks for nothing.
func (j *Journal) Encrypted() (bool, error) {
	if !j.Exists() {
		return false, ErrNotExist
	}
	var encrypted bool
	err := j.run(true, func(tx *bolt.Tx) error {
		if meta := tx.Bucket(bucketMeta); meta != nil {
			encrypted = meta.Get(keyEncryption) != nil
		}
		return nil
	})
	return encrypted, err
}

// Encrypt turns encryption on with passphrase: every value is sealed under
// a new data key, and the file is then rewritten from its live data alone,
// so that none of the old plain text is left in its free pages.
func (j *Journal) Encrypt(passphrase []byte) error {
	if err := j.unlock(); err != nil {
		return err
	}
	if j.aead != nil {
		return errors.New("the journal is encrypted already; 'reflect passphrase' changes the passphrase")
	}
	l, aead, dataKey, err := newDataKey(passphrase)
	if err != nil {
		return err
	}
	put := putLockIn(l)
	finish := func(tx *bolt.Tx) error {
		if err := forgetSyncing(tx); err != nil {
			return err
		}
		return put(tx)
	}
	err = j.rewrite(rewriting{value: reseal(nil, aead), finish: finish, indexKey: indexKeyOf(dataKey)})
	if err != nil {
		return err
	}
	j.keepKey(l, lockBytes(l), aead, dataKey)
	return nil
}

// Decrypt turns encryption off: every value is stored in the clear again.
func (j *Journal) Decrypt() error {
	if err := j.unlock(); err != nil {
		return err
	}
	if j.aead == nil {
		return errors.New("the journal is not encrypted")
	}
	err := j.rewrite(rewriting{value: reseal(j.aead, nil), finish: func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Delete(keyEncryption) }})
	if err == nil {
		j.forgetKey()
	}
	return err
}

// ChangePassphrase seals the journal under a new passphrase and a new data
// key: every value is sealed again, and the file rewritten from its live
// data, as Encrypt does. Someone who knew the old passphrase and kept a
// copy of the file learns the old data key, which opens nothing written
// after the change.
func (j *Journal) ChangePassphrase(passphrase []byte) error {
	if err := j.unlock(); err != nil {
		return err
	}
	if j.aead == nil {
		return errors.New("the journal is not encrypted; 'reflect encrypt' turns encryption on")
	}
	l, aead, dataKey, err := newDataKey(passphrase)
	if err != nil {
		return err
	}
	if err := j.rewrite(rewriting{value: reseal(j.aead, aead), finish: putLockIn(l), indexKey: indexKeyOf(dataKey)}); err != nil {
		return err
	}
	j.keepKey(l, lockBytes(l), aead, dataKey)
	return nil
}

// newDataKey makes a random data key and its lock under passphrase.
func newDataKey(passphrase []byte) (lock, cipher.AEAD, []byte, error) {
	dataKey := make([]byte, chacha20poly1305.KeySize)
	rand.Read(dataKey)
	l, err := newLock(passphrase, dataKey)
	if err != nil {
		return lock{}, nil, nil, err
	}
	aead, err := chacha20poly1305.NewX(dataKey)
	if err != nil {
		return lock{}, nil, nil, err
	}
	return l, aead, dataKey, nil
}

func putLock(meta *bolt.Bucket, l lock) error {
	return meta.Put(keyEncryption, lockBytes(l))
}

// putLockIn is a rewrite's last step when it puts lock l on the journal.
func putLockIn(l lock) func(*bolt.Tx) error {
	return func(tx *bolt.Tx) error { return putLock(tx.Bucket(bucketMeta), l) }
}

// lockBytes is a lock as the meta bucket keeps it.
func lockBytes(l lock) []byte {
	data, _ := json.Marshal(l) // a lock holds only numbers, strings and bytes
	return data
}

// reseal returns what rewrite does to each value of the sealed buckets:
// open it with from (nil: it is in the clear) and seal it with to (nil:
// leave it in the clear). Sealing anew gives each value a fresh nonce.
func reseal(from, to cipher.AEAD) func(bucket, k, v []byte) ([]byte, error) {
	return func(bucket, k, v []byte) ([]byte, error) {
		plain := v
		if from != nil {
			var err error
			if plain, err = unseal(from, v, valueAD(bucket, k)); err != nil {
				return nil, fmt.Errorf("the record for %s cannot be opened: it was changed or moved", keyName(k))
			}
		}
		if to != nil {
			return seal(to, plain, valueAD(bucket, k)), nil
		}
		return append([]byte(nil), plain...), nil
	}
}

// rewriting is what a rewrite does to the journal on its way into the new
// file.
type rewriting struct {
	// before, when set, is run first, on the journal as it is, once it is
	// locked and checked; an error stops the rewrite.
	before func(src *bolt.Tx) error
	// value is applied to each value of the sealed buckets.
	value func(bucket, k, v []byte) ([]byte, error)
	// finish, when set, is run on the new file once every bucket is
	// copied, before the index is made.
	finish func(dst *bolt.Tx) error
	// indexKey is the key the index is made anew under (index.go); nil
	// leaves it out: the new file is in the clear.
	indexKey []byte
}

// rewrite writes the journal anew into a file of its own, from its live
// data alone, as how says, then puts the new file in place of the old, all
// while holding the journal's lock. Nothing of the old file is left in the
// new one: not the free pages where old values lay. When the journal's path
// is a link, the new file goes beside the file it leads to and takes that
// file's place (RealPath): the link stays, and leads to the new file.
func (j *Journal) rewrite(how rewriting) error {
	return j.run(false, func(src *bolt.Tx) error {
		if _, err := j.check(src); err != nil {
			return err
		}
		if _, err := j.pages.everything(); err != nil {
			return err // every page is read
		}
		// What is rewritten is what was learned: another reflect may have
		// turned encryption on or off, or changed the key, since (an
		// encrypt's scrypt takes a while), and values sealed or opened
		// under a state that no longer holds would be lost.
		if !bytes.Equal(src.Bucket(bucketMeta).Get(keyEncryption), j.lockRaw) {
			return ErrEncryptionChanged
		}
		// A change made outside reflect stays reported until accepted: a
		// rewrite would make the index anew, or drop it, and hide it.
		var rep Report
		if err := j.checkIndex(src, &rep); err != nil {
			return err
		}
		if rep.Outside() {
			return ErrChangedOutside
		}
		if how.before != nil {
			if err := how.before(src); err != nil {
				return err
			}
		}
		real, err := RealPath(j.Path)
		if err != nil {
			return err
		}
		tmp, err := os.CreateTemp(filepath.Dir(real), tempPattern(real, tempRewrite))
		if err != nil {
			return fmt.Errorf("rewriting the journal: %w", err)
		}
		tmpPath := tmp.Name()
		tmp.Close()
		os.Remove(tmpPath)
		defer os.Remove(tmpPath)
		dst, err := bolt.Open(tmpPath, FileMode, &bolt.Options{Timeout: j.Timeout, PageSize: pageSize})
		if err != nil {
			return fmt.Errorf("rewriting the journal: %w", err)
		}
		dst.AllocSize = allocSize
		err = dst.Update(func(tx *bolt.Tx) error {
			err := src.ForEach(func(name []byte, b *bolt.Bucket) error {
				if bytes.Equal(name, bucketIndex) || keptIndexOf(name) != nil {
					return nil // made anew below
				}
				nb, err := tx.CreateBucket(name)
				if err != nil {
					return err
				}
				nb.FillPercent = 1 // written in key order: pages can be full
				sealed := slices.ContainsFunc(sealedBuckets, func(s []byte) bool { return bytes.Equal(s, name) })
				err = b.ForEach(func(k, v []byte) error {
					if sealed || isSealedMeta(name, k) {
						var err error
						if v, err = how.value(name, k, v); err != nil {
							return err
						}
					}
					return nb.Put(k, v)
				})
				if err != nil || !bytes.Equal(name, bucketMeta) {
					return err
				}
				return nb.Delete(keyIndexTop)
			})
			if err == nil && how.finish != nil {
				err = how.finish(tx)
			}
			if err != nil {
				return err
			}
			if how.indexKey == nil {
				// In the clear: the kept indexes are made (kept.go).
				if schemaOf(tx) < SchemaVersion {
					return nil
				}
				r := &Reader{tx: tx, path: j.Path}
				k, err := gatherLedger(r)
				if err != nil {
					return err
				}
				if err := k.write(tx, nil, j.Path); err != nil {
					return err
				}
				s, err := gatherSlices(r, nil)
				if err != nil {
					return err
				}
				return s.write(tx, nil, j.Path)
			}
			// The counter goes on from the old file's.
			counter, _ := storedCounter(src.Bucket(bucketMeta))
			ix := &index{key: how.indexKey, tx: tx}
			return ix.build(counter)
		})
		if err == nil {
			err = dst.Sync()
		}
		if cerr := dst.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Chmod(tmpPath, FileMode)
		}
		if err == nil {
			err = os.Rename(tmpPath, real)
		}
		if err != nil {
			return fmt.Errorf("rewriting the journal: %w", err)
		}
		return syncDir(filepath.Dir(real))
	})
}

func readLock(meta []byte) (lock, bool, error) {
	if meta == nil {
		return lock{}, false, nil
	}
	var l lock
	if err := json.Unmarshal(meta, &l); err != nil {
		return l, true, err
	}
	return l, true, nil
}

// seal encrypts plain with a fresh nonce, bound to ad.
func seal(aead cipher.AEAD, plain, ad []byte) []byte {
	nonce := make([]byte, aead.NonceSize(), aead.NonceSize()+len(plain)+aead.Overhead())
	rand.Read(nonce) // never fails: it crashes the program instead
	return aead.Seal(nonce, nonce, plain, ad)
}

// sealIf is a value as a bucket keeps it under key: sealed with aead, or in
// the clear when aead is nil (a journal not encrypted).
func sealIf(aead cipher.AEAD, value, bucket, key []byte) []byte {
	if aead == nil {
		return value
	}
	return seal(aead, value, valueAD(bucket, key))
}

// unseal opens what seal sealed with the same ad.
func unseal(aead cipher.AEAD, sealed, ad []byte) ([]byte, error) {
	if len(sealed) < aead.NonceSize() {
		return nil, errors.New("too short")
	}
	return aead.Open(nil, sealed[:aead.NonceSize()], sealed[aead.NonceSize():], ad)
}

// valueAD is what a stored value is bound to: the format, its bucket and
// its key.
func valueAD(bucket, key []byte) []byte {
	ad := make([]byte, 0, len(sealVersion)+len(bucket)+len(key)+2)
	ad = append(ad, sealVersion...)
	ad = append(ad, 0)
	ad = append(ad, bucket...)
	ad = append(ad, 0)
	return append(ad, key...)
}
