package prompts

import "testing"

// BenchmarkPlan is choosing an evening's prompts once the catalog is loaded.
func BenchmarkPlan(b *testing.B) {
	c := Builtin()
	recent := []string{"win-small", "grateful-today", "support-lean", "risk-stretch", "kind-care"}
	for b.Loop() {
		c.Plan("2026-11-20", recent, false)
	}
}

// BenchmarkParseCatalog is the one-time cost of reading the embedded catalog.
func BenchmarkParseCatalog(b *testing.B) {
	for b.Loop() {
		if _, err := Parse(catalogJSON); err != nil {
			b.Fatal(err)
		}
	}
}
