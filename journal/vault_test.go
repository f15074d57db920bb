package journal

import (
	"context"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/reflect-cli/reflect/prompts"
)

// memNotes is a folder of notes in memory that writes every note it is
// given, and remembers what it did.
type memNotes struct {
	notes    map[string]string
	outcomes map[string]NoteOutcome
	pruned   bool
}

func (m *memNotes) Put(path string, content []byte) (NoteOutcome, error) {
	old, had := m.notes[path]
	outcome := NoteCreated
	switch {
	case had && old == string(content):
		outcome = NoteUnchanged
	case had:
		outcome = NoteUpdated
	}
	if _, twice := m.outcomes[path]; twice {
		panic("a note written twice in one export: " + path)
	}
	m.notes[path] = string(content)
	m.outcomes[path] = outcome
	return outcome, nil
}

func (m *memNotes) Prune() (removed, leftAlone []string, err error) {
	m.pruned = true
	for p := range m.notes {
		if _, put := m.outcomes[p]; !put {
			delete(m.notes, p)
			removed = append(removed, p)
		}
	}
	slices.Sort(removed)
	return removed, nil, nil
}

func (m *memNotes) Close() error { return nil }

// export exports s into the notes, as a fresh run would.
func (m *memNotes) export(t *testing.T, s Store, folders VaultFolders) VaultReport {
	t.Helper()
	if m.notes == nil {
		m.notes = map[string]string{}
	}
	m.outcomes = map[string]NoteOutcome{}
	report, err := ExportVault(context.Background(), s, m, folders, prompts.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	return report
}

// fixtureStore is the shared fixture journal, in memory.
func fixtureStore(t *testing.T) *memStore {
	t.Helper()
	s := newMemStore()
	for _, e := range fixtureEntries(t) {
		s.entries[e.Date.String()] = e
	}
	return s
}

// frontMatter parses a note's YAML front matter.
func frontMatter(t *testing.T, path, note string) map[string]any {
	t.Helper()
	front, _, ok := strings.Cut(strings.TrimPrefix(note, "---\n"), "\n---\n")
	if !strings.HasPrefix(note, "---\n") || !ok {
		t.Fatalf("%s has no front matter:\n%s", path, note)
	}
	var fm map[string]any
	if err := yaml.Unmarshal([]byte(front), &fm); err != nil {
		t.Fatalf("%s: front matter is not YAML: %v\n%s", path, err, front)
	}
	return fm
}

var wikiLink = regexp.MustCompile(`\[\[([^\]|]+)(\|[^\]]*)?\]\]`)

func TestVaultNotes(t *testing.T) {
	s := fixtureStore(t)
	var m memNotes
	report := m.export(t, s, DefaultVaultFolders)

	var days []string
	for d := range s.entries {
		days = append(days, "Daily/"+d+".md")
	}
	want := append(days, "Weekly/2026-W44.md", "Weekly/2026-W46.md", "Weekly/2026-W47.md", "Monthly/2026-10.md", "Monthly/2026-11.md")
	got := slices.Collect(func(yield func(string) bool) {
		for p := range m.notes {
			yield(p)
		}
	})
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("notes written:\n%v\nwant\n%v", got, want)
	}
	if report.Days != len(s.entries) || report.Created != len(want) || report.Updated+report.Unchanged+len(report.Edited)+len(report.NotOurs) != 0 {
		t.Errorf("report %+v", report)
	}

	// Every link leads to a note of the vault, and every note's front
	// matter is YAML with what it should hold.
	names := map[string]bool{}
	for p := range m.notes {
		names[strings.TrimSuffix(p[strings.LastIndex(p, "/")+1:], ".md")] = true
	}
	for p, note := range m.notes {
		for _, link := range wikiLink.FindAllStringSubmatch(note, -1) {
			if !names[link[1]] {
				t.Errorf("%s links to [[%s]], which is not a note", p, link[1])
			}
		}
		fm := frontMatter(t, p, note)
		if tags, _ := fm["tags"].([]any); len(tags) == 0 || tags[0] != "reflect" {
			t.Errorf("%s: tags %v", p, fm["tags"])
		}
	}

	day := frontMatter(t, "Daily/2026-11-17.md", m.notes["Daily/2026-11-17.md"])
	for key, want := range map[string]any{
		"date": time.Date(2026, 11, 17, 0, 0, 0, 0, time.UTC), "mood": 2, "week": "[[2026-W47]]", "month": "[[2026-11]]",
		"previous": "[[2026-11-16]]", "next": "[[2026-11-18]]",
	} {
		if got := day[key]; got != want {
			t.Errorf("2026-11-17: %s is %#v, want %#v", key, got, want)
		}
	}
	first := frontMatter(t, "first", m.notes["Daily/2026-10-27.md"])
	last := frontMatter(t, "last", m.notes["Daily/2026-11-22.md"])
	if _, has := first["previous"]; has || first["next"] != "[[2026-11-01]]" {
		t.Errorf("the first day links %v and %v", first["previous"], first["next"])
	}
	if _, has := last["next"]; has || last["previous"] != "[[2026-11-21]]" {
		t.Errorf("the last day links %v and %v", last["previous"], last["next"])
	}
	week := frontMatter(t, "W46", m.notes["Weekly/2026-W46.md"])
	if week["week"] != "2026-W46" || week["previous"] != "[[2026-W44]]" || week["next"] != "[[2026-W47]]" || week["month"] != "[[2026-11]]" || week["reflected"] != 2 {
		t.Errorf("2026-W46's front matter: %v", week)
	}
	month := m.notes["Monthly/2026-11.md"]
	for _, text := range []string{"# November 2026\n", "## Review\n", "### Themes\n", "## Weeks\n\n- [[2026-W44]]\n- [[2026-W46]]\n- [[2026-W47]]\n", "- [[2026-11-22|Sunday 22 November]]\n"} {
		if !strings.Contains(month, text) {
			t.Errorf("the month's note lacks %q", text)
		}
	}
	if fm := frontMatter(t, "2026-11", month); fm["month"] != "2026-11" || fm["previous"] != "[[2026-10]]" || fm["next"] != nil {
		t.Errorf("2026-11's front matter: %v", fm)
	}
	if strings.Contains(m.notes["Weekly/2026-W47.md"], "## Monday 16 November") {
		t.Error("a week's note holds its days' answers; it should link to them")
	}
}

// TestVaultRunsAgain exports twice, then again after a new day: only the
// notes the new day changes are written.
func TestVaultRunsAgain(t *testing.T) {
	s := fixtureStore(t)
	var m memNotes
	first := m.export(t, s, DefaultVaultFolders)
	if again := m.export(t, s, DefaultVaultFolders); again.Unchanged != first.Created || again.Created+again.Updated != 0 {
		t.Fatalf("a second export: %+v", again)
	}
	day := NewDay(2026, 11, 23)
	s.entries[day.String()] = Entry{Date: day, Answers: []Answer{{PromptID: prompts.MoodID, Theme: "mood", Question: "How are you?", Answer: "4"}}}
	report := m.export(t, s, DefaultVaultFolders)
	var changed []string
	for p, o := range m.outcomes {
		if o != NoteUnchanged {
			changed = append(changed, p)
		}
	}
	slices.Sort(changed)
	// The new day, its week and the day before it (whose next it is), and
	// the month, whose review it joins.
	want := []string{"Daily/2026-11-22.md", "Daily/2026-11-23.md", "Monthly/2026-11.md", "Weekly/2026-W47.md", "Weekly/2026-W48.md"}
	if !slices.Equal(changed, want) || report.Created != 2 || report.Updated != 3 {
		t.Errorf("after a new day, written %v (%+v), want %v", changed, report, want)
	}
}

func TestVaultFolders(t *testing.T) {
	s := fixtureStore(t)
	var m memNotes
	m.export(t, s, VaultFolders{Daily: "Journal/Days", Weekly: `Journal\Weeks`, Monthly: "."})
	for _, p := range []string{"Journal/Days/2026-11-22.md", "Journal/Weeks/2026-W47.md", "2026-11.md"} {
		if _, ok := m.notes[p]; !ok {
			t.Errorf("no note %s", p)
		}
	}
	for _, bad := range []VaultFolders{
		{Daily: "", Weekly: "W", Monthly: "M"},
		{Daily: "D", Weekly: "../W", Monthly: "M"},
		{Daily: "D", Weekly: "W", Monthly: "/abs"},
		{Daily: "a/../../D", Weekly: "W", Monthly: "M"},
		{Daily: `..\D`, Weekly: "W", Monthly: "M"},
		{Daily: `C:\D`, Weekly: "W", Monthly: "M"},
		{Daily: "D", Weekly: ".obsidian/W", Monthly: "M"},
		{Daily: " ", Weekly: "W", Monthly: "M"},
		{Daily: "D", Weekly: "a\nb", Monthly: "M"},
		{Daily: "D", Weekly: "W", Monthly: "Months /x"},
		{Daily: "D", Weekly: "W", Monthly: "Notes/.hidden"},
	} {
		if _, err := ExportVault(context.Background(), s, &memNotes{notes: map[string]string{}, outcomes: map[string]NoteOutcome{}}, bad, prompts.Builtin()); err == nil {
			t.Errorf("folders %+v taken", bad)
		}
	}
}

func TestVaultTagsAndHostileText(t *testing.T) {
	s := newMemStore()
	day := NewDay(2026, 11, 20)
	s.entries[day.String()] = Entry{Date: day, Answers: []Answer{{
		PromptID: prompts.FreeNoteID, Theme: prompts.ThemeFreeWriting, Question: "Note",
		Answer: "---\ntags: [pwned]\n---\n[[2026-11-19]] #tag",
		Tags:   []string{"work trip", "#health", "2026", "ünï/sub", `"quoted": yes`, "health", "-"},
	}}}
	var m memNotes
	m.export(t, s, DefaultVaultFolders)
	note := m.notes["Daily/2026-11-20.md"]
	fm := frontMatter(t, "day", note)
	var tags []string
	for _, tag := range fm["tags"].([]any) {
		tags = append(tags, tag.(string))
	}
	if want := []string{"reflect", "work-trip", "health", "ünï/sub", "quoted-yes"}; !slices.Equal(tags, want) {
		t.Errorf("tags %q, want %q", tags, want)
	}
	if strings.Count(note, "\n---\n") != 1 || strings.Contains(note, "[[2026-11-19]]") || strings.Contains(note, " #tag") {
		t.Errorf("the answer changed the note's structure:\n%s", note)
	}
}

// TestVaultPrunesWhatLeft deletes a day, then the only day of a week: its
// notes go, and the notes around them link past them.
func TestVaultPrunesWhatLeft(t *testing.T) {
	s := fixtureStore(t)
	var m memNotes
	m.export(t, s, DefaultVaultFolders)
	delete(s.entries, "2026-11-17")
	report := m.export(t, s, DefaultVaultFolders)
	if !slices.Equal(report.Removed, []string{"Daily/2026-11-17.md"}) || !m.pruned {
		t.Errorf("after deleting a day, removed %v", report.Removed)
	}
	if fm := frontMatter(t, "16th", m.notes["Daily/2026-11-16.md"]); fm["next"] != "[[2026-11-18]]" {
		t.Errorf("the day before links on to %v", fm["next"])
	}
	delete(s.entries, "2026-11-01") // W44's one day in November
	report = m.export(t, s, DefaultVaultFolders)
	if !slices.Contains(report.Removed, "Daily/2026-11-01.md") || slices.Contains(report.Removed, "Weekly/2026-W44.md") {
		t.Errorf("removed %v", report.Removed)
	}
	for _, e := range []string{"2026-10-27", "2026-10-28", "2026-10-29", "2026-10-30", "2026-10-31"} {
		delete(s.entries, e)
	}
	report = m.export(t, s, DefaultVaultFolders)
	if !slices.Contains(report.Removed, "Weekly/2026-W44.md") || !slices.Contains(report.Removed, "Monthly/2026-10.md") {
		t.Errorf("after emptying a week and a month, removed %v", report.Removed)
	}
}

// cancelAfter is a folder of notes that ends an export after n notes.
type cancelAfter struct {
	*memNotes
	n      int
	cancel context.CancelFunc
}

func (c *cancelAfter) Put(path string, content []byte) (NoteOutcome, error) {
	if c.n--; c.n == 0 {
		c.cancel()
	}
	return c.memNotes.Put(path, content)
}

// TestVaultStops ends an export part way: it stops before the next day,
// says why, and prunes nothing.
func TestVaultStops(t *testing.T) {
	s := fixtureStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	m := &memNotes{notes: map[string]string{}, outcomes: map[string]NoteOutcome{}}
	report, err := ExportVault(ctx, s, &cancelAfter{m, 3, cancel}, DefaultVaultFolders, prompts.Builtin())
	if !errors.Is(err, context.Canceled) || m.pruned || len(m.notes) < 3 || len(m.notes) > 5 || report.Created != len(m.notes) {
		t.Errorf("a stopped export: %v, %d notes, %+v, pruned %v", err, len(m.notes), report, m.pruned)
	}
}

// TestVaultAcrossTheAges exports a journal whose days lie at the ends of
// the calendar and years apart: every one is found, and the read
// transactions are few.
func TestVaultAcrossTheAges(t *testing.T) {
	s := newMemStore()
	days := []Day{Earliest, NewDay(2, 3, 4), NewDay(1999, 12, 31), NewDay(2000, 1, 1), NewDay(2026, 11, 20), Latest}
	for _, d := range days {
		s.entries[d.String()] = Entry{Date: d, Answers: []Answer{{PromptID: prompts.MoodID, Theme: "mood", Question: "Mood?", Answer: "3"}}}
	}
	counted := &countingStore{Store: s}
	var m memNotes
	m.notes, m.outcomes = map[string]string{}, map[string]NoteOutcome{}
	report, err := ExportVault(context.Background(), counted, &m, DefaultVaultFolders, prompts.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	if report.Days != len(days) || report.Created != 3*len(days)-1 { // 1999-12-31 and 2000-01-01 share a week
		t.Errorf("exported %+v", report)
	}
	if counted.reads > 20 || counted.reads < 5 {
		t.Errorf("%d read transactions for %d days", counted.reads, len(days))
	}
	if _, ok := m.notes["Daily/0001-01-01.md"]; !ok {
		t.Error("no note for the first day of year 1")
	}
	if _, ok := m.notes["Monthly/9999-12.md"]; !ok {
		t.Error("no note for the last month of 9999")
	}
}

// countingStore counts read transactions.
type countingStore struct {
	Store
	reads int
}

func (c *countingStore) Read(fn func(Reader) error) error {
	c.reads++
	return c.Store.Read(fn)
}

// watchedStore says whether a read transaction is open.
type watchedStore struct {
	Store
	open bool
}

func (w *watchedStore) Read(fn func(Reader) error) error {
	w.open = true
	defer func() { w.open = false }()
	return w.Store.Read(fn)
}

// outsideReads is a folder of notes that refuses a note written while the
// journal is held open.
type outsideReads struct {
	*memNotes
	store *watchedStore
}

func (o outsideReads) Put(path string, content []byte) (NoteOutcome, error) {
	if o.store.open {
		return 0, errors.New("a note written while a read transaction holds the journal: " + path)
	}
	return o.memNotes.Put(path, content)
}

// TestVaultWritesOutsideReads: no note is written while the journal is
// held, so an evening saved during a long export finds it free; and what
// a review comes back to is found across the stretches the journal is
// read in, however far back.
func TestVaultWritesOutsideReads(t *testing.T) {
	s := newMemStore()
	lessonDay, stepDay := NewDay(2024, 1, 10), NewDay(2026, 2, 28)
	put := func(e Entry) { s.entries[e.Date.String()] = e }
	put(Entry{Date: lessonDay, Answers: []Answer{{PromptID: prompts.LessonID, Theme: "setback", Question: "Lesson?", Answer: "An old lesson, far back."}}})
	put(Entry{Date: stepDay, Answers: []Answer{{PromptID: "next-step", Theme: prompts.ThemeNextStep, Question: "Step?", Answer: "A step across the stretches."}}})
	put(Entry{Date: NewDay(2025, 6, 1), Answers: []Answer{{PromptID: prompts.MoodID, Theme: "mood", Question: "Mood?", Answer: "4"}}})
	for d := NewDay(2026, 3, 1); d.Before(NewDay(2026, 3, 8)); d = d.AddDays(1) {
		put(Entry{Date: d, Answers: []Answer{{PromptID: prompts.MoodID, Theme: "mood", Question: "Mood?", Answer: "3"}}})
	}
	e := s.entries["2026-03-01"]
	e.Answers = append(e.Answers,
		Answer{PromptID: prompts.FollowUpID, Theme: prompts.ThemeFollowUp, Question: "Did you?", Answer: "done", FollowsUp: &prompts.Ref{Date: stepDay.String(), PromptID: "next-step"}},
		Answer{PromptID: prompts.StillTrueID, Theme: prompts.ThemeResurfacing, Question: "Still true?", Answer: "yes", FollowsUp: &prompts.Ref{Date: lessonDay.String(), PromptID: prompts.LessonID}})
	put(e)

	watched := &watchedStore{Store: s}
	m := &memNotes{notes: map[string]string{}, outcomes: map[string]NoteOutcome{}}
	if _, err := ExportVault(context.Background(), watched, outsideReads{m, watched}, DefaultVaultFolders, prompts.Builtin()); err != nil {
		t.Fatal(err)
	}
	month := m.notes["Monthly/2026-03.md"]
	for _, want := range []string{"An old lesson, far back. (from 10 Jan 2024) — **still true**", "A step across the stretches. — **done**"} {
		if !strings.Contains(month, want) {
			t.Errorf("March's note lacks %q:\n%s", want, month)
		}
	}
}
