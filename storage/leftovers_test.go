package storage

import "testing"

// TestLeftoverNames: the temporary files an interrupted reflect leaves are
// known by name, a rewrite of a restore's copy too; nothing else is.
func TestLeftoverNames(t *testing.T) {
	for name, want := range map[string]string{
		".j.db" + tempRestore + "123":                              tempRestore,
		".j.db" + tempRewrite + "9":                                tempRewrite,
		"..j.db" + tempRestore + "123" + tempRewrite + "456":       tempRestore,
		"..j.db" + tempRestore + "123" + tempRewrite + "456x":      "",
		".j.db" + tempRestore:                                      "",
		"j.db":                                                     "",
		".k.db" + tempRestore + "1":                                "",
		"..j.db" + tempRestore + "12" + tempRestore + "3" + "more": "",
	} {
		got, ok := leftoverKind("j.db", name)
		if got != want || ok != (want != "") {
			t.Errorf("leftoverKind(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
}
