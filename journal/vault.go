package journal

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"strings"
	"unicode"

	"github.com/reflect-cli/reflect/prompts"
)

// VaultFolders are the folders of a vault, relative to it, that the notes
// of each day, ISO week and month go in.
type VaultFolders struct {
	Daily, Weekly, Monthly string
}

// DefaultVaultFolders are the folders a vault export uses unless told.
var DefaultVaultFolders = VaultFolders{Daily: "Daily", Weekly: "Weekly", Monthly: "Monthly"}

// Check says which folder is not one within the vault, or returns nil.
func (f VaultFolders) Check() error {
	for _, folder := range []struct{ flag, name string }{{"daily", f.Daily}, {"weekly", f.Weekly}, {"monthly", f.Monthly}} {
		name := strings.ReplaceAll(folder.name, `\`, "/")
		clean := path.Clean(name)
		if name == "" || path.IsAbs(name) || clean == ".." || strings.HasPrefix(clean, "../") || strings.Contains(name, ":") {
			return fmt.Errorf("the %s folder %q is not a folder within the vault: give a relative path such as %s", folder.flag, folder.name, "Journal/"+strings.ToUpper(folder.flag[:1])+folder.flag[1:])
		}
		for _, part := range strings.Split(clean, "/") {
			if strings.TrimSpace(part) != part || strings.IndexFunc(part, unicode.IsControl) >= 0 {
				return fmt.Errorf("the %s folder %q has a name that begins or ends with a space, or holds a control character", folder.flag, folder.name)
			}
			if part != "." && strings.HasPrefix(part, ".") {
				return fmt.Errorf("the %s folder %q is hidden (a name that starts with a dot): Obsidian does not show it, and reflect keeps out of it", folder.flag, folder.name)
			}
		}
	}
	return nil
}

// note returns the path of a note in folder.
func (f VaultFolders) note(folder, name string) string {
	return path.Join(strings.ReplaceAll(folder, `\`, "/"), name+".md")
}

// VaultReport says what a vault export did.
type VaultReport struct {
	Days                        int // days of the journal exported
	Created, Updated, Unchanged int
	// Edited lists the notes left alone because they were changed in the
	// vault since reflect wrote them; NotOurs the paths left alone because
	// something reflect did not write is there.
	Edited, NotOurs []string
	// Removed lists the notes of days, weeks and months no longer in the
	// journal that were removed from the vault; Outdated those left alone
	// because they were changed in the vault.
	Removed, Outdated []string
}

// ExportVault writes the journal into a vault as Obsidian's Periodic Notes
// names them: a note for each day with an entry (YYYY-MM-DD.md), for each
// ISO week (GGGG-[W]WW.md) and for each month (YYYY-MM.md) that has one.
// Each note has YAML front matter and links to the notes before and after
// it and to the periods that hold it; a week's and a month's note is its
// review, with links to its days. Notes holds what is written, and leaves
// alone what a person changed.
//
// The journal is read in one pass, oldest first, a year of it at a time:
// each year is read in a short transaction with the earlier entries it
// comes back to, and its notes are written after it ends, so that an
// evening saved meanwhile finds the journal free. Once the whole journal
// is written, the notes of what left it are pruned. When ctx ends, the
// export stops before the next day and returns ctx's error.
func ExportVault(ctx context.Context, s Store, notes Notes, folders VaultFolders, cat *prompts.Catalog) (VaultReport, error) {
	if err := folders.Check(); err != nil {
		return VaultReport{}, err
	}
	v := &vaultExport{notes: notes, folders: folders, cat: cat}
	for from := Earliest; !from.After(Latest); {
		var stretch []Entry
		err := s.Read(func(r Reader) error {
			var err error
			if stretch, from, err = readAYear(r, from); err != nil || len(stretch) == 0 {
				return err // an error, or the end of the journal
			}
			linked, err := linkedTo(r, stretch)
			if err != nil {
				return err
			}
			v.before, v.stretch = v.stretch, stretch
			v.linkedBefore, v.linked = v.linked, linked
			return nil
		})
		if err != nil {
			return v.report, err
		}
		for _, e := range stretch {
			if err := ctx.Err(); err != nil {
				return v.report, err
			}
			if err := v.add(e); err != nil {
				return v.report, err
			}
		}
	}
	if err := v.finish(); err != nil {
		return v.report, err
	}
	var err error
	v.report.Removed, v.report.Outdated, err = notes.Prune()
	return v.report, err
}

// readAYear returns the entries from the day from on, a year of them from
// the first, oldest first, and the day to go on from. Years without an
// entry are passed over in windows that double in length, so that a
// journal that begins in year 1 costs no more than one that begins now.
func readAYear(r Reader, from Day) (entries []Entry, next Day, err error) {
	for days := 366; ; days *= 2 {
		to := from.AddDays(days - 1)
		if to.After(Latest) {
			to = Latest
		}
		next = to.AddDays(1)
		err := r.Range(from, to, func(e Entry) error {
			if len(entries) > 0 && daysBetween(entries[0].Date, e.Date) >= 366 {
				next = e.Date // a year of entries is read; the rest waits
				return Stop
			}
			entries = append(entries, e)
			return nil
		})
		if err != nil || len(entries) > 0 || to == Latest {
			return entries, next, err
		}
		from = next
	}
}

// linkedTo reads the entries before stretch that its answers come back to
// (a step followed up, a lesson brought back).
func linkedTo(r Reader, stretch []Entry) (map[Day]Entry, error) {
	linked := map[Day]Entry{}
	for _, ref := range (Review{Entries: stretch}).Links() {
		var day Day
		if day.UnmarshalText([]byte(ref.Date)) != nil || !day.Before(stretch[0].Date) {
			continue
		}
		if _, done := linked[day]; done {
			continue
		}
		e, ok, err := r.Entry(day)
		if err != nil {
			return nil, err
		}
		if ok {
			linked[day] = e
		}
	}
	return linked, nil
}

// vaultExport is one vault export under way. Each note is written when
// the next of its kind is known, so that it can link to it.
type vaultExport struct {
	notes   Notes
	folders VaultFolders
	cat     *prompts.Catalog
	report  VaultReport

	day                          *Entry
	week, month                  []Entry // the entries of the week and month under way
	prevDay, prevWeek, prevMonth string

	// What a review may come back to: the stretch of the journal being
	// written and the one before it, and the earlier entries each links to.
	// A week's or a month's review holds entries of these two at most.
	stretch, before      []Entry
	linked, linkedBefore map[Day]Entry
}

// Entry returns a day's entry from those read, for the answers a review
// comes back to.
func (v *vaultExport) Entry(d Day) (Entry, bool, error) {
	for _, entries := range [][]Entry{v.stretch, v.before} {
		if e, ok := findEntry(entries, d); ok {
			return e, true, nil
		}
	}
	for _, linked := range []map[Day]Entry{v.linked, v.linkedBefore} {
		if e, ok := linked[d]; ok {
			return e, true, nil
		}
	}
	return Entry{}, false, nil
}

func (v *vaultExport) add(e Entry) error {
	if err := v.flush(&e); err != nil {
		return err
	}
	v.report.Days++
	v.day = &e
	v.week = append(v.week, e)
	v.month = append(v.month, e)
	return nil
}

func (v *vaultExport) finish() error { return v.flush(nil) }

// flush writes the notes that next, the entry after them (nil at the end
// of the journal), completes.
func (v *vaultExport) flush(next *Entry) error {
	var nextDay, nextWeek, nextMonth string
	if next != nil {
		nextDay, nextWeek, nextMonth = next.Date.String(), WeekOf(next.Date).String(), MonthOf(next.Date).String()
	}
	if v.day != nil {
		if err := v.put(v.folders.Daily, v.day.Date.String(), v.dayNote(*v.day, nextDay)); err != nil {
			return err
		}
		v.prevDay = v.day.Date.String()
	}
	if len(v.week) > 0 && WeekOf(v.week[0].Date).String() != nextWeek {
		review := WeekReview(WeekOf(v.week[0].Date), v.week)
		if err := v.putReview(v.folders.Weekly, review, &v.prevWeek, nextWeek); err != nil {
			return err
		}
		v.week = nil
	}
	if len(v.month) > 0 && MonthOf(v.month[0].Date).String() != nextMonth {
		review := MonthReview(MonthOf(v.month[0].Date), v.month)
		if err := v.putReview(v.folders.Monthly, review, &v.prevMonth, nextMonth); err != nil {
			return err
		}
		v.month = nil
	}
	return nil
}

// putReview writes the note of a week or a month, and makes it the one
// before the next.
func (v *vaultExport) putReview(folder string, r Review, prev *string, next string) error {
	var err error
	if r.Earlier, err = earlierAnswers(v, r.Links()); err != nil {
		return err
	}
	if err := v.put(folder, r.Name(), v.reviewNote(r, *prev, next)); err != nil {
		return err
	}
	*prev = r.Name()
	return nil
}

func (v *vaultExport) put(folder, name string, content []byte) error {
	notePath := v.folders.note(folder, name)
	content = append(bytes.TrimRight(content, "\n"), '\n')
	outcome, err := v.notes.Put(notePath, content)
	if err != nil {
		return err
	}
	switch outcome {
	case NoteCreated:
		v.report.Created++
	case NoteUpdated:
		v.report.Updated++
	case NoteUnchanged:
		v.report.Unchanged++
	case NoteEdited:
		v.report.Edited = append(v.report.Edited, notePath)
	case NoteNotOurs:
		v.report.NotOurs = append(v.report.NotOurs, notePath)
	}
	return nil
}

// dayNote is the note of one day: front matter, the day's title, links
// to the days around it and the periods that hold it, then its questions
// and answers.
func (v *vaultExport) dayNote(e Entry, next string) []byte {
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	week, month := WeekOf(e.Date).String(), MonthOf(e.Date).String()
	fmt.Fprintf(w, "---\ndate: %s\n", e.Date)
	if mood, _, ok := (Review{Entries: []Entry{e}}).Moods(); ok {
		fmt.Fprintf(w, "mood: %d\n", mood[e.Date])
	}
	fmt.Fprintf(w, "tags: %s\n", tagList(e))
	writeLinks(w, week, month, v.prevDay, next)
	w.WriteString("---\n\n")
	fmt.Fprintf(w, "# %s\n\n", e.Date.Long())
	writeNavigation(w, v.prevDay, next, week, month)
	writeAnswers(w, e.Answers, v.cat)
	w.Flush()
	return b.Bytes()
}

// reviewNote is the note of a week or a month: the review's front matter
// with links, its title, links around it, the review, then links to its
// weeks (a month's) and its days.
func (v *vaultExport) reviewNote(r Review, prev, next string) []byte {
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	var up string
	if r.Period == AWeek {
		up = MonthOf(r.Week.Monday().AddDays(3)).String() // the month of its Thursday, as ISO gives a week its year
	}
	r.writeFrontMatter(w, func() { writeLinks(w, "", up, prev, next) })
	fmt.Fprintf(w, "# %s\n\n", r.title())
	writeNavigation(w, prev, next, "", up)
	r.writeReview(w, v.cat)
	if r.Period == AMonth {
		w.WriteString("## Weeks\n\n")
		var last Week
		for i, e := range r.Entries {
			if week := WeekOf(e.Date); i == 0 || week != last {
				fmt.Fprintf(w, "- [[%s]]\n", week)
				last = week
			}
		}
		w.WriteString("\n")
	}
	w.WriteString("## Days\n\n")
	for _, e := range r.Entries {
		fmt.Fprintf(w, "- [[%s|%s]]\n", e.Date, e.Date.Format("Monday 2 January"))
	}
	w.WriteString("\n")
	w.Flush()
	return b.Bytes()
}

// writeLinks writes a note's links as front matter properties: the week
// and the month that hold it, and the notes before and after it. An empty
// one is left out.
func writeLinks(w *bufio.Writer, week, month, prev, next string) {
	for _, link := range []struct{ key, note string }{{"week", week}, {"month", month}, {"previous", prev}, {"next", next}} {
		if link.note != "" {
			fmt.Fprintf(w, "%s: \"[[%s]]\"\n", link.key, link.note)
		}
	}
}

// writeNavigation writes a line of links to the notes before and after and
// to the periods that hold a note, for readers that do not show
// properties.
func writeNavigation(w *bufio.Writer, prev, next string, up ...string) {
	var parts []string
	if prev != "" {
		parts = append(parts, "← [["+prev+"]]")
	}
	for _, u := range up {
		if u != "" {
			parts = append(parts, "[["+u+"]]")
		}
	}
	if next != "" {
		parts = append(parts, "[["+next+"]] →")
	}
	if len(parts) > 0 {
		fmt.Fprintf(w, "%s\n\n", strings.Join(parts, " · "))
	}
}

// tagList is the YAML list of an entry's tags: reflect's own, then the
// tags its answers were given (by jrnl or Day One), each once, as
// Obsidian takes a tag (no spaces; letters, digits, _, - and /).
func tagList(e Entry) string {
	tags := []string{"reflect"}
	for _, a := range e.Answers {
		for _, t := range a.Tags {
			if t = obsidianTag(t); t != "" && !slices.Contains(tags, t) {
				tags = append(tags, t)
			}
		}
	}
	list := "[reflect"
	for _, t := range tags[1:] {
		q, _ := json.Marshal(t) // a JSON string is a YAML one
		list += ", " + string(q)
	}
	return list + "]"
}

// obsidianTag is a tag as Obsidian takes it: a leading # dropped, spaces
// as dashes, other punctuation dropped; "" when nothing is left, or only
// digits, which Obsidian does not take as a tag.
func obsidianTag(t string) string {
	t = strings.TrimPrefix(strings.TrimSpace(t), "#")
	var b strings.Builder
	for _, r := range strings.Join(strings.Fields(t), "-") {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-' || r == '/' {
			b.WriteRune(r)
		}
	}
	out := strings.Trim(b.String(), "-/")
	if strings.Trim(out, "0123456789") == "" {
		return ""
	}
	return out
}
