package cmd

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/reflect-cli/reflect/storage/storagetest"
)

func TestDoctorOnASoundJournal(t *testing.T) {
	e := withFixture(t)
	r := e.mustRun("doctor")
	for _, want := range []string{
		"Checked " + e.db + "\n",
		"  ✓ a reflect journal, schema 5\n",
		"  ✓ the search slices hold every entry\n",
		"  ✓ 11 entries read back, from 2026-10-27 to 2026-11-22\n",
		"  ✓ every day's summary matches its entry\n",
		"The journal is sound.\n",
	} {
		if !strings.Contains(r.out, want) {
			t.Errorf("doctor lacks %q:\n%s", want, r.out)
		}
	}
	if r := newEnv(t).mustRun("doctor"); !strings.Contains(r.err, "No journal yet") {
		t.Errorf("doctor with no journal: %q", r.err)
	}
}

func TestDoctorOnADamagedJournal(t *testing.T) {
	for name, damage := range map[string]func([]byte) []byte{
		"a header":      func(d []byte) []byte { d[storagetest.PageSize(d)+16+48] ^= 1; return d },
		"not a journal": func([]byte) []byte { return bytes.Repeat([]byte("dear diary\n"), 500) },
		"cut short":     func(d []byte) []byte { return d[:len(d)/2] },
		"every data page": func(d []byte) []byte {
			size := storagetest.PageSize(d)
			for i := 2 * size; i < len(d); i += size {
				d[i+9] ^= 0x5a
			}
			return d
		},
	} {
		t.Run(name, func(t *testing.T) {
			e := withFixture(t)
			data := damage(fileBytes(t, e.db))
			os.WriteFile(e.db, data, 0o600)
			r := e.run("doctor")
			if r.code != exitFailed || !strings.Contains(r.out, "✗") || !strings.HasPrefix(r.err, "reflect: the journal has problems") || strings.Contains(r.err+r.out, "goroutine") {
				t.Errorf("exit %d\nout: %s\nerr: %s", r.code, r.out, r.err)
			}
			if strings.Count(strings.ToLower(r.err), "nothing was changed") != 1 {
				t.Errorf("doctor says nothing was changed other than once: %q", r.err)
			}
			// --accept takes changes made outside reflect, not damage.
			r = e.run("doctor", "--accept")
			if r.code != exitFailed || !strings.Contains(r.out, "Nothing to accept: what was found is damage") {
				t.Errorf("doctor --accept: exit %d\nout: %s\nerr: %s", r.code, r.out, r.err)
			}
			if !bytes.Equal(fileBytes(t, e.db), data) {
				t.Error("doctor changed the file")
			}
			// Every other command says so too, and points at doctor.
			r = e.run("log")
			if r.code != exitFailed || !strings.Contains(r.err, "reflect doctor") {
				t.Errorf("log on a damaged journal: exit %d, err %q", r.code, r.err)
			}
		})
	}
}

// TestDoctorAcceptsNoDamage: a sealed entry damaged on disk is both damage
// and, to the index, a change made outside reflect. doctor --accept takes
// nothing then: the index would vouch for the damage.
func TestDoctorAcceptsNoDamage(t *testing.T) {
	e := withEncryptedFixture(t)
	if err := storagetest.FlipEntryByte(e.db, "2026-11-18"); err != nil {
		t.Fatal(err)
	}
	data := fileBytes(t, e.db)
	for range 2 {
		r := e.run("doctor", "--accept")
		if r.code != exitFailed || !strings.Contains(r.out, "Nothing was accepted: the journal is damaged too") || strings.Contains(r.out, "Accepted") {
			t.Errorf("doctor --accept on damage: exit %d\nout: %s\nerr: %s", r.code, r.out, r.err)
		}
	}
	if !bytes.Equal(fileBytes(t, e.db), data) {
		t.Error("doctor --accept changed the file")
	}
}

// TestDoctorMakesALedgerAstrayAnew: a kept ledger of lessons that no longer
// matches the lessons is reported, with what to do; --accept makes it anew,
// and the ledger shows the lessons as they are.
func TestDoctorMakesALedgerAstrayAnew(t *testing.T) {
	e := withFixture(t)
	before := e.mustRun("lessons").out
	if err := storagetest.MiscountLedger(e.db); err != nil {
		t.Fatal(err)
	}
	r := e.run("doctor")
	if r.code != exitFailed || !strings.Contains(r.out, "✗ the ledger of lessons does not match the lessons") ||
		!strings.Contains(r.err, "'reflect doctor --accept' makes it anew") {
		t.Errorf("doctor: exit %d\nout: %s\nerr: %s", r.code, r.out, r.err)
	}
	r = e.run("doctor", "--accept")
	if r.code != 0 || !strings.Contains(r.out, "Made the ledger of lessons and the search slices anew from the entries.") || !strings.Contains(r.out, "The journal is sound.") {
		t.Errorf("doctor --accept: exit %d\nout: %s\nerr: %s", r.code, r.out, r.err)
	}
	if after := e.mustRun("lessons").out; after != before {
		t.Errorf("lessons after --accept:\n%s\nwant\n%s", after, before)
	}
}

// TestDoctorMakesSlicesAstrayAnew: search slices that no longer hold the
// days written lately hide them from a search; doctor says so, and what
// to do, naming what is astray; --accept makes them anew, and the search
// finds the days again.
func TestDoctorMakesSlicesAstrayAnew(t *testing.T) {
	e := withFixture(t)
	before := e.mustRun("log", "--grep", "the").out
	if err := storagetest.ClearSearchNew(e.db); err != nil {
		t.Fatal(err)
	}
	if hidden := e.run("log", "--grep", "the").out; hidden == before {
		t.Fatal("clearing search-new hid no day from a search")
	}
	r := e.run("doctor")
	if r.code != exitFailed || !strings.Contains(r.out, "✗ the search slices do not match the entries") ||
		!strings.Contains(r.err, "(its ledger of lessons, its search slices) does not match them") || strings.Contains(r.err, "restore") {
		t.Errorf("doctor: exit %d\nout: %s\nerr: %s", r.code, r.out, r.err)
	}
	r = e.run("doctor", "--accept")
	if r.code != 0 || !strings.Contains(r.out, "The journal is sound.") {
		t.Errorf("doctor --accept: exit %d\nout: %s\nerr: %s", r.code, r.out, r.err)
	}
	if after := e.mustRun("log", "--grep", "the").out; after != before {
		t.Errorf("log --grep after --accept:\n%s\nwant\n%s", after, before)
	}
}
