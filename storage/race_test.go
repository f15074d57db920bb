//go:build race

package storage

// raceEnabled is whether the tests run with the race detector, which also
// turns on checkptr: bbolt's pointer arithmetic over a deliberately damaged
// page then stops the test binary outright (a build without -race, such as
// reflect itself, recovers from it). Tests that damage pages run without
// -race in their own pass of make test.
const raceEnabled = true
