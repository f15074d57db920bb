package prompts

import "testing"

// BenchmarkPlan is choosing an evening's prompts once the catalog is loaded.
func BenchmarkPlan(b *testing.B) {
	c := Builtin()
	h := History{LastAsked: map[string]int{"win-small": 1, "grateful-today": 2, "support-lean": 3, "risk-stretch": 4, "kind-care": 5}}
	for b.Loop() {
		c.Plan("2026-11-20", h, false)
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
