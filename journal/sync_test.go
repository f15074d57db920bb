package journal

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestSyncPathsReadBack(t *testing.T) {
	day := DayOf(time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC))
	p := SyncPath(day, "laptop-3f9a")
	if p != "2026/11/2026-11-20.laptop-3f9a.json" {
		t.Fatalf("SyncPath = %q", p)
	}
	if d, m, ok := ParseSyncPath(p); !ok || d != day || m != "laptop-3f9a" {
		t.Errorf("ParseSyncPath(%q) = %v, %q, %v", p, d, m, ok)
	}
	for _, bad := range []string{
		"2026/11/2026-11-20.json", "2026/12/2026-11-20.laptop.json", "2026/11/2026-11-20.Laptop.json",
		"2026/11/2026-11-20.-x.json", "2026/11/2026-11-31.laptop.json", "2026/11/.2026-11-20.laptop.json.123.tmp",
		"2026/11/2026-11-20.laptop.json.tmp", "11/2026-11-20.laptop.json", "2026/11/2026-11-20.lap.top.json",
	} {
		if _, _, ok := ParseSyncPath(bad); ok {
			t.Errorf("ParseSyncPath(%q) took it for a day's file", bad)
		}
	}
}

func TestMachineIDsAreNamesAFolderTakes(t *testing.T) {
	for host, want := range map[string]string{
		"Annas-MacBook-Pro.local": "annas-macbook-pro-0102",
		"desktop":                 "desktop-0102",
		"":                        "machine-0102",
		"ünïcode box":             "n-code-box-0102",
		"--":                      "machine-0102",
		strings.Repeat("a", 50):   strings.Repeat("a", 30) + "-0102",
	} {
		id := MachineID(host, [2]byte{1, 2})
		if id != want || CheckMachine(id) != nil {
			t.Errorf("MachineID(%q) = %q (%v), want %q", host, id, CheckMachine(id), want)
		}
	}
}

func TestASyncedDayReadsBackAsWritten(t *testing.T) {
	day := DayOf(time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC))
	at := time.Date(2026, 11, 20, 21, 14, 3, 0, time.FixedZone("CET", 3600))
	answers := []Answer{{PromptID: "mood", Theme: "mood", Question: "How?", Answer: "4"}, {PromptID: "lesson", Answer: "Start at ten."}}
	tags := tagAnswers(answers, DayTags{}, nil, nil, nil)
	tags.Replaces[tags.Tags[1]] = Replacement{Old: Tag{Key: KeyOf(Answer{PromptID: "lesson", Answer: "Start early."}), N: 1}, At: at}
	tags.Removed = []Tag{{Key: KeyOf(Answer{PromptID: "lesson", Answer: "Start early."}), N: 1}}
	for _, d := range []SyncedDay{
		{Entry: Entry{Date: day, CreatedAt: at, UpdatedAt: at, Answers: answers}, DayTags: tags},
		{Entry: Entry{Date: day}, DayTags: DayTags{Removed: tags.Tags}, DeletedAt: at},
	} {
		data := EncodeSyncedDay(d)
		got, err := DecodeSyncedDay(data, day)
		if err != nil {
			t.Fatalf("%s: %v", data, err)
		}
		if again := EncodeSyncedDay(got); string(again) != string(data) {
			t.Errorf("read back and written again, a day's file changed:\n%s\n%s", data, again)
		}
	}
}

func TestADayFileThatCannotBeRightIsRefused(t *testing.T) {
	day := DayOf(time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC))
	good := `{"prompt_id": "mood", "answer": "4", "tag": "` + Tag{Key: KeyOf(Answer{PromptID: "mood", Answer: "4"}), N: 1}.String() + `"}`
	for name, data := range map[string]string{
		"cut short":        `[{"date": "2026-11-20", "answers": [`,
		"another day":      `[{"date": "2026-11-21", "updated_at": "2026-11-20T21:00:00Z", "answers": [` + good + `]}]`,
		"two entries":      `[{"date": "2026-11-20", "answers": [` + good + `]}, {"date": "2026-11-20", "answers": [` + good + `]}]`,
		"no answers":       `[{"date": "2026-11-20", "updated_at": "2026-11-20T21:00:00Z", "answers": []}]`,
		"deleted, answers": `[{"date": "2026-11-20", "deleted_at": "2026-11-20T21:00:00Z", "answers": [` + good + `]}]`,
		"a tag of another": `[{"date": "2026-11-20", "answers": [{"prompt_id": "mood", "answer": "5", "tag": "` + Tag{Key: KeyOf(Answer{PromptID: "mood", Answer: "4"}), N: 1}.String() + `"}]}]`,
		"no tag":           `[{"date": "2026-11-20", "answers": [{"prompt_id": "mood", "answer": "4"}]}]`,
		"a bad removed":    `[{"date": "2026-11-20", "answers": [` + good + `], "removed": ["nope"]}]`,
		"a tag of N 0":     `[{"date": "2026-11-20", "answers": [{"prompt_id": "mood", "answer": "4", "tag": "` + strings.TrimSuffix(Tag{Key: KeyOf(Answer{PromptID: "mood", Answer: "4"}), N: 1}.String(), "1") + `0"}]}]`,
		"replaces, no time": `[{"date": "2026-11-20", "answers": [{"prompt_id": "mood", "answer": "4", "tag": "` +
			Tag{Key: KeyOf(Answer{PromptID: "mood", Answer: "4"}), N: 1}.String() + `", "replaces": "` + Tag{Key: KeyOf(Answer{PromptID: "mood", Answer: "3"}), N: 1}.String() + `"}]}]`,
	} {
		if _, err := DecodeSyncedDay([]byte(data), day); err == nil {
			t.Errorf("%s: a file that cannot be right was read", name)
		}
	}
}

func FuzzDecodeSyncedDay(f *testing.F) {
	day := DayOf(time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC))
	answers := []Answer{{PromptID: "mood", Answer: "4"}, {PromptID: "win", Answer: "A walk."}}
	f.Add(EncodeSyncedDay(SyncedDay{Entry: Entry{Date: day, Answers: answers}, DayTags: tagAnswers(answers, DayTags{}, nil, nil, nil)}))
	f.Add([]byte(`[{"date": "2026-11-20", "deleted_at": "2026-11-20T21:00:00Z", "answers": []}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := DecodeSyncedDay(data, day)
		if err != nil {
			return
		}
		if len(d.Tags) != len(d.Answers) {
			t.Fatalf("%d tags for %d answers", len(d.Tags), len(d.Answers))
		}
		again, err := DecodeSyncedDay(EncodeSyncedDay(d), day)
		if err != nil || len(again.Answers) != len(d.Answers) {
			t.Fatalf("written again, it reads as %v, %v", again, err)
		}
	})
}

// TestTheLaterOfTwoDeclaredEditsWins: two machines' files that say their
// answers replaced the same one: the later edit is kept, the earlier
// removed, and this machine's, when it lost, kept aside.
func TestTheLaterOfTwoDeclaredEditsWins(t *testing.T) {
	day := DayOf(time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC))
	at := time.Date(2026, 11, 20, 21, 0, 0, 0, time.UTC)
	early := Answer{PromptID: "lesson", Answer: "Start early."}
	nine, ten := Answer{PromptID: "lesson", Answer: "Start at nine."}, Answer{PromptID: "lesson", Answer: "Start at ten."}
	old := Tag{Key: KeyOf(early), N: 1}
	tagNine, tagTen := Tag{Key: KeyOf(nine), N: 1}, Tag{Key: KeyOf(ten), N: 1}
	// Here: nine replaced early, at 21:00.
	local := Entry{Date: day, UpdatedAt: at, Answers: []Answer{nine}}
	was := DayTags{Tags: []Tag{tagNine}, Removed: []Tag{old}, Replaces: map[Tag]Replacement{tagNine: {Old: old, At: at}}}
	// There: ten replaced early, a minute later.
	theirs := SyncedDay{Entry: Entry{Date: day, UpdatedAt: at.Add(time.Minute), Answers: []Answer{ten}}, Machine: "other",
		DayTags: DayTags{Tags: []Tag{tagTen}, Removed: []Tag{old}, Replaces: map[Tag]Replacement{tagTen: {Old: old, At: at.Add(time.Minute)}}}}
	m := mergeDay(local, true, was, nil, "here", []SyncedDay{theirs})
	if len(m.entry.Answers) != 1 || m.entry.Answers[0].Answer != ten.Answer || len(m.displaced) != 1 || m.displaced[0].Answer != nine.Answer {
		t.Fatalf("merged %v, displaced %v; want ten, and nine kept aside", m.entry.Answers, m.displaced)
	}
	if !slices.Contains(m.tags.Removed, tagNine) {
		t.Errorf("the earlier edit's tag is not removed: %v", m.tags.Removed)
	}
	// And the other way round, the later one here: theirs is left out.
	theirs.Replaces[tagTen] = Replacement{Old: old, At: at.Add(-time.Minute)}
	if m := mergeDay(local, true, was, nil, "here", []SyncedDay{theirs}); len(m.entry.Answers) != 1 || m.entry.Answers[0].Answer != nine.Answer || len(m.displaced) != 0 {
		t.Errorf("merged %v, displaced %v; want nine alone", m.entry.Answers, m.displaced)
	}
}
