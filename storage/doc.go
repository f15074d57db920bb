// Package storage keeps the journal in one bbolt file.
//
// The file is opened for the length of one transaction and closed again, so
// no reflect process holds it while a person is typing; another process that
// finds it locked waits up to Journal.Timeout and then gets a *BusyError.
//
// Layout: a "meta" bucket records that the file is a reflect journal and its
// schema version (and, when it is encrypted, its sealed key); "entries" maps
// YYYY-MM-DD keys to JSON entries, so a range of dates is a seek and a walk;
// "drafts" keeps unfinished sessions under the same keys; "summaries" keeps
// a few bytes about each day, written with its entry. All are created
// together, in the transaction that first writes the file. A file that is
// damaged, foreign or from a newer reflect is reported and never re-created
// or rewritten.
//
// Where things live: storage.go has the Journal, how it is opened and its
// transactions; schema.go the buckets, the header and upgrades; read.go the
// Reader; write.go the Writer; store.go the Journal as journal.Store (the
// use cases read and write through it); errors.go the errors a caller may test for;
// summary.go the summaries' binary form; crypt.go encryption at rest;
// header.go, pages.go, walk.go and guard.go the checks of the file's pages
// before bbolt reads them; check.go doctor's report; backup.go backup and
// restore; files.go the files kept beside the journal; vault.go the folder
// of Markdown notes a vault export writes (journal.Notes).
//
// Imports: storage imports journal and prompts, bbolt and golang.org/x/crypto.
// It must never import cobra, survey, cmd or any terminal code: it asks
// nothing of a person (a passphrase comes through Journal.Passphrase) and
// prints nothing (a note comes through Journal.Notify).
package storage
