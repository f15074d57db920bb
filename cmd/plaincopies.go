package cmd

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/reflect-cli/reflect/storage"
)

// plainCopies lists the copies in the clear that reflect itself left
// beside the journal at path: the entries delete kept, the answers kept
// when a save failed, and the journal as it was before a restore or an
// upgrade, when that copy is not encrypted. When path is a link, the
// copies of the whole journal sit beside the file it leads to, and the
// kept entries and answers beside the link: both folders are looked in.
func plainCopies(path string) []string {
	places := []string{path}
	if real, err := storage.RealPath(path); err == nil && real != path {
		places = append(places, real)
	}
	var plain []string
	for _, place := range places {
		plain = append(plain, plainCopiesBeside(place)...)
	}
	slices.Sort(plain)
	return slices.Compact(plain)
}

// plainCopiesBeside lists the copies in the clear in the folder of path,
// named after path's file.
func plainCopiesBeside(path string) []string {
	dir, base := filepath.Dir(path), filepath.Base(path)
	files, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var plain []string
	for _, f := range files {
		name := f.Name()
		full := filepath.Join(dir, name)
		switch {
		case !f.Type().IsRegular():
		case strings.HasSuffix(name, ".json") && (strings.HasPrefix(name, "reflect-deleted-") || strings.HasPrefix(name, "reflect-answers-")):
			plain = append(plain, full)
		case strings.HasPrefix(name, base+".before-restore-") || strings.HasPrefix(name, base+".schema-"):
			if encrypted, err := storage.New(full).Encrypted(); err == nil && !encrypted {
				plain = append(plain, full)
			}
		}
	}
	return plain
}

// offerToRemovePlainCopies, after encrypt, names the copies in the clear
// beside the journal (encryption does not reach them) and, in a terminal,
// offers to remove them.
func offerToRemovePlainCopies(app *App, path string) error {
	plain := plainCopies(path)
	if len(plain) == 0 {
		return nil
	}
	app.Printf("These copies beside the journal are in plain text; encryption does not reach them:\n")
	for _, p := range plain {
		app.Printf("  %s\n", p)
	}
	if !app.InTTY {
		app.Printf("Remove them once you no longer need them.\n")
		return nil
	}
	asker, stop, err := app.asker("")
	if err != nil {
		return err
	}
	remove, err := asker.Confirm(fmt.Sprintf("Remove these %s?", plural(len(plain), "copy")), false)
	stop()
	if err != nil || !remove {
		app.Printf("They were left as they are.\n")
		return nil
	}
	for _, p := range plain {
		if err := os.Remove(p); err != nil {
			return fmt.Errorf("removing a copy in plain text: %w", err)
		}
	}
	app.Printf("Removed %s.\n", plural(len(plain), "copy"))
	return nil
}
