package cmd

import (
	"errors"
	"testing"
)

// TestWritingAsideKeepsOrderAndStopsAtAFailure: items are written in the
// order added, however many batches they fill; after a write fails, none
// is written, the adder is told, and wait returns the failure.
func TestWritingAsideKeepsOrderAndStopsAtAFailure(t *testing.T) {
	for _, n := range []int{0, 1, asideBatch - 1, asideBatch, asideBatch + 1, 10 * asideBatch, 10*asideBatch + 3} {
		var got []int
		a := writeAside(func(i int) error { got = append(got, i); return nil })
		for i := range n {
			a.add(i)
		}
		if err := a.wait(); err != nil || len(got) != n {
			t.Fatalf("%d items: %d written, %v", n, len(got), err)
		}
		for i, v := range got {
			if v != i {
				t.Fatalf("%d items: item %d written as %d", n, i, v)
			}
		}
	}
	failure := errors.New("the disk is full")
	var got []int
	a := writeAside(func(i int) error {
		got = append(got, i)
		if i == 20 {
			return failure
		}
		return nil
	})
	added := 0
	for i := range 1000 {
		if a.stopped() {
			break
		}
		a.add(i)
		added++
	}
	if err := a.wait(); !errors.Is(err, failure) || len(got) != 21 || !a.stopped() {
		t.Fatalf("after a failure at 20: %v, %d written, stopped %v", err, len(got), a.stopped())
	}
}
