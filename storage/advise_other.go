//go:build !linux

package storage

import bolt "go.etcd.io/bbolt"

// readAhead leaves bbolt's advice as it is where reflect has not measured
// another (advise_linux.go).
func readAhead(*bolt.DB, int64) {}
