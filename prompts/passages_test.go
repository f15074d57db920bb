package prompts

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// articlesDir finds the five source articles: $REFLECT_ARTICLES, else
// ../shared/articles beside the repository's root (the folder holding
// go.mod). The articles are not part of the project; "" when there are
// none, with the reason.
func articlesDir(t *testing.T) (dir, why string) {
	t.Helper()
	if dir := os.Getenv("REFLECT_ARTICLES"); dir != "" {
		if _, err := os.Stat(dir); err != nil {
			return "", "REFLECT_ARTICLES: " + err.Error()
		}
		return dir, ""
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err.Error()
	}
	for root := wd; ; root = filepath.Dir(root) {
		if _, err := os.Stat(filepath.Join(root, "go.mod")); err == nil {
			dir := filepath.Join(root, "..", "shared", "articles")
			if _, err := os.Stat(dir); err != nil {
				return "", "the source articles are not part of the project, and " + dir + " is absent (set REFLECT_ARTICLES to their folder)"
			}
			return dir, ""
		}
		if filepath.Dir(root) == root {
			return "", "no go.mod above " + wd + ", so no ../shared/articles beside it (set REFLECT_ARTICLES to the articles' folder)"
		}
	}
}

// readArticles returns each article's text, normalised, by its id (the
// file name's first three characters: 000_….txt).
func readArticles(t *testing.T, c *Catalog) map[string]string {
	t.Helper()
	dir, why := articlesDir(t)
	if dir == "" {
		t.Skip(why)
	}
	texts := map[string]string{}
	for _, a := range c.Articles {
		files, err := filepath.Glob(filepath.Join(dir, a.ID+"_*.txt"))
		if err != nil || len(files) != 1 {
			t.Fatalf("article %s: want one file %s_*.txt in %s, found %v (%v)", a.ID, a.ID, dir, files, err)
		}
		data, err := os.ReadFile(files[0])
		if err != nil {
			t.Fatal(err)
		}
		texts[a.ID] = Normalise(string(data))
	}
	return texts
}

// words splits normalised text into words without their punctuation, for
// finding runs of words in common.
func words(s string) []string {
	return strings.FieldsFunc(Normalise(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
}

const copiedRun = 8 // words in a row that a question must not share with an article

// TestPassagesAreInTheirArticles checks each source's passage against the
// article it names, and that no question copies an article.
func TestPassagesAreInTheirArticles(t *testing.T) {
	c := Builtin()
	texts := readArticles(t, c)
	for _, p := range c.Prompts {
		for _, s := range p.Sources {
			if !strings.Contains(texts[s.Article], Normalise(s.Passage)) {
				t.Errorf("%s: the passage %q is not in article %s", p.ID, s.Passage, s.Article)
			}
		}
	}
	runs := map[string]string{} // run of copiedRun words → article
	for id, text := range texts {
		w := words(text)
		for i := 0; i+copiedRun <= len(w); i++ {
			runs[strings.Join(w[i:i+copiedRun], " ")] = id
		}
	}
	for _, p := range c.Prompts {
		w := words(p.Question)
		for i := 0; i+copiedRun <= len(w); i++ {
			if id, ok := runs[strings.Join(w[i:i+copiedRun], " ")]; ok {
				t.Errorf("%s: %q shares %d words in a row with article %s; say it in our own words", p.ID, p.Question, copiedRun, id)
				break
			}
		}
	}
}

// TestPassages checks what needs no article: each passage's length, and
// that no question quotes one.
func TestPassages(t *testing.T) {
	c := Builtin()
	n := 0
	for _, p := range c.Prompts {
		for _, s := range p.Sources {
			n++
			if w := Words(s.Passage); w < PassageMinWords || w > PassageMaxWords {
				t.Errorf("%s: source %s quotes %d words, want %d to %d: %q", p.ID, s.Article, w, PassageMinWords, PassageMaxWords, s.Passage)
			}
		}
		q := Normalise(p.Question)
		for _, other := range c.Prompts {
			for _, s := range other.Sources {
				if strings.Contains(q, Normalise(s.Passage)) {
					t.Errorf("%s: the question %q quotes the passage %q of %s", p.ID, p.Question, s.Passage, other.ID)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("the catalog quotes no passage")
	}
}

func TestNormalise(t *testing.T) {
	for in, want := range map[string]string{
		"It\u2019s  OK\n\u201cto\u201d feel":          `it's ok "to" feel`,
		"try again\u2014differently, self-compassion": "try again differently, self compassion",
		"  \u2018Quoted\u2019\t":                      "'quoted'",
	} {
		if got := Normalise(in); got != want {
			t.Errorf("Normalise(%q) = %q, want %q", in, got, want)
		}
	}
}
