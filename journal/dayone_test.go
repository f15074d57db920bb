package journal

import "testing"

func TestUnescapeDayOne(t *testing.T) {
	for in, want := range map[string]string{
		`Done\.`:                    "Done.",
		`\(finally\)\!`:             "(finally)!",
		`\- a list item`:            "- a list item",
		`C:\\Users`:                 `C:\Users`,
		`a \n stays, and \é`:        `a \n stays, and \é`,
		`ends with a backslash \`:   `ends with a backslash \`,
		"no escapes at all":         "no escapes at all",
		`\*bold\* and \_under\_ \#`: "*bold* and _under_ #",
	} {
		if got := unescapeDayOne(in); got != want {
			t.Errorf("unescapeDayOne(%q) = %q, want %q", in, got, want)
		}
	}
}
