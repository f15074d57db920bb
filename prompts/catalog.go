// Package prompts holds reflect's prompt catalog and decides which prompts an
// evening's reflection asks.
//
// The catalog is written in catalog.json. Each prompt is one short question,
// written in our own words from the advice of five articles on learning from
// failure; its Sources say which article and which piece of advice it comes
// from, with the short passage of the article (4 to 20 words, quoted exactly)
// that the advice rests on. The binary holds it as Go values, in
// builtin_catalog.go, which the package's tests write from catalog.json
// (go test ./prompts -update) and check against it: a command that shows
// answers has nothing to parse.
//
// Plan chooses the prompts for a date: a fixed spine (mood, a setback check, a
// small win, a next step) around slots that rotate with the date and avoid
// prompts asked in the last few entries.
//
// Where things live: catalog.go and catalog.json the catalog, and
// builtin_catalog.go that catalog as the binary holds it; kind.go the
// kinds of prompt, each of which parses, shows and labels its answers;
// custom.go a person's own prompts file, read from bytes the caller
// supplies; plan.go the plan of an evening.
//
// Imports: prompts imports nothing of the project, only the standard
// library; journal, storage and cmd all import it. It must never import
// journal, storage, cmd, cobra, survey or anything that touches a terminal
// or a file.
package prompts

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// Themes lists every theme a prompt may have, in the order reflect shows them.
var Themes = []string{
	"mood",
	"setback",
	"self-compassion",
	"small-wins",
	"next-step",
	"reframing",
	"support",
	"feedback",
	"gratitude",
	"emotions",
	"risk",
	"others-failures",
	"patterns",
	"purpose",
	"visualising",
	"free-writing",
	"follow-through",
	"resurfacing",
}

// Themes that reflect itself looks for.
const (
	ThemeSmallWins   = "small-wins"
	ThemeNextStep    = "next-step"
	ThemeFreeWriting = "free-writing"
	ThemeFollowUp    = "follow-through"
	ThemeResurfacing = "resurfacing"
)

// KnownTheme reports whether t is one of Themes.
func KnownTheme(t string) bool {
	for _, known := range Themes {
		if t == known {
			return true
		}
	}
	return false
}

// Article is one of the five articles the prompts are drawn from.
type Article struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// Source names the article a prompt comes from, the advice it draws on, in
// our own words, and the passage of the article that advice rests on.
type Source struct {
	Article string `json:"article"`
	Title   string `json:"title,omitempty"`
	Advice  string `json:"advice"`
	// Passage is a short phrase quoted from the article (PassageMinWords to
	// PassageMaxWords words): the built-in prompts all have one, a
	// person's own prompts need not.
	Passage string `json:"passage,omitempty"`
}

// The length of a built-in source's passage, in words.
const (
	PassageMinWords = 4
	PassageMaxWords = 20
)

// Normalise folds text for comparing it with an article: lower case, curly
// quotes and apostrophes made straight, dashes and runs of white space made
// one space.
func Normalise(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch r {
		case '\u2018', '\u2019', '\u201a', '\u201b', '\u2032', '`':
			r = '\''
		case '\u201c', '\u201d', '\u201e', '\u201f', '\u2033', '\u00ab', '\u00bb':
			r = '"'
		case '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212':
			r = ' '
		}
		b.WriteRune(r)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// Words counts the words of a passage, as Normalise splits them.
func Words(s string) int {
	return len(strings.Fields(Normalise(s)))
}

// themeName is the form of a theme's name.
var themeName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`) })

// Prompt is one question of the catalog.
type Prompt struct {
	ID       string   `json:"id"`
	Theme    string   `json:"theme"`
	Kind     Kind     `json:"kind"`
	Question string   `json:"question"`
	Low      string   `json:"low,omitempty"`  // what 1 means, for a scale
	High     string   `json:"high,omitempty"` // what 5 means, for a scale
	Options  []string `json:"options,omitempty"`
	// Hint is the form of answer the question invites, such as "When …, I
	// will …", shown beside it; any answer is taken all the same.
	Hint    string   `json:"hint,omitempty"`
	Sources []Source `json:"sources"`
	// Origin is where the prompt comes from: "" for the built-in catalog,
	// else the path of the person's prompts file.
	Origin string `json:"origin,omitempty"`
}

// Catalog is the set of prompts reflect can ask, in a stable order.
type Catalog struct {
	Articles []Article
	Prompts  []Prompt
	// Disabled lists the built-in prompts turned off by a prompts file.
	Disabled []string
	byID     map[string]int
	// off holds the prompts of Disabled: no longer asked, but the journal
	// may hold answers to them (see Known).
	off []Prompt
}

// Lookup returns the prompt with the given id.
func (c *Catalog) Lookup(id string) (Prompt, bool) {
	i, ok := c.byID[id]
	if !ok {
		return Prompt{}, false
	}
	return c.Prompts[i], true
}

// Known returns the prompt with the given id among the catalog's prompts
// and the built-in ones a prompts file turned off: the prompt that an
// answer in the journal with that id was given to, for showing it.
func (c *Catalog) Known(id string) (Prompt, bool) {
	if p, ok := c.Lookup(id); ok {
		return p, true
	}
	for _, p := range c.off {
		if p.ID == id {
			return p, true
		}
	}
	return Prompt{}, false
}

// Index returns the position of the prompt with the given id in the catalog,
// or -1 when there is none.
func (c *Catalog) Index(id string) int {
	if i, ok := c.byID[id]; ok {
		return i
	}
	return -1
}

// HasTheme reports whether a theme is one of Themes or the theme of one of
// the catalog's prompts (a person's own prompts may bring new ones).
func (c *Catalog) HasTheme(theme string) bool {
	return KnownTheme(theme) || slices.ContainsFunc(c.Prompts, func(p Prompt) bool { return p.Theme == theme })
}

// AllThemes returns Themes, then the themes of the catalog's prompts that
// are not among them, in the order they first appear.
func (c *Catalog) AllThemes() []string {
	out := slices.Clone(Themes)
	for _, p := range c.Prompts {
		if !slices.Contains(out, p.Theme) {
			out = append(out, p.Theme)
		}
	}
	return out
}

// ByTheme returns the prompts of one theme, in catalog order.
func (c *Catalog) ByTheme(theme string) []Prompt {
	var out []Prompt
	for _, p := range c.Prompts {
		if p.Theme == theme {
			out = append(out, p)
		}
	}
	return out
}

var builtin = sync.OnceValue(func() *Catalog {
	c := &Catalog{Articles: builtinArticles, Prompts: builtinPrompts}
	c.index()
	return c
})

// Builtin returns the built-in catalog: catalog.json, as the package's
// tests check it and write it into builtin_catalog.go.
func Builtin() *Catalog { return builtin() }

// Parse reads and checks a catalog in the form of catalog.json.
func Parse(data []byte) (*Catalog, error) {
	var file struct {
		Articles []Article `json:"articles"`
		Prompts  []Prompt  `json:"prompts"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&file); err != nil {
		return nil, fmt.Errorf("reading catalog: %w", err)
	}
	c := &Catalog{Articles: file.Articles, Prompts: file.Prompts}
	if err := c.validate(); err != nil {
		return nil, err
	}
	return c, nil
}

// index makes the lookup of the catalog's prompts by id.
func (c *Catalog) index() {
	c.byID = make(map[string]int, len(c.Prompts))
	for i, p := range c.Prompts {
		c.byID[p.ID] = i
	}
}

func (c *Catalog) validate() error {
	titles := make(map[string]string, len(c.Articles))
	for _, a := range c.Articles {
		if a.ID == "" || a.Title == "" {
			return fmt.Errorf("catalog: article %q needs an id and a title", a.ID)
		}
		titles[a.ID] = a.Title
	}
	c.byID = make(map[string]int, len(c.Prompts))
	for i := range c.Prompts {
		p := &c.Prompts[i]
		if err := validatePrompt(p, titles, false); err != nil {
			return fmt.Errorf("catalog: %w", err)
		}
		if _, dup := c.byID[p.ID]; dup {
			return fmt.Errorf("catalog: prompt id %q is used twice", p.ID)
		}
		c.byID[p.ID] = i
	}
	return nil
}

// validatePrompt checks one prompt. A person's own prompt (own) may have a
// theme of its own, no sources, and sources without a passage.
func validatePrompt(p *Prompt, titles map[string]string, own bool) error {
	if p.ID == "" {
		return fmt.Errorf("a prompt has no id")
	}
	switch {
	case own && !themeName().MatchString(p.Theme):
		return fmt.Errorf("prompt %q: theme %q: use lowercase letters, digits and dashes", p.ID, p.Theme)
	case !own && !KnownTheme(p.Theme):
		return fmt.Errorf("prompt %q: unknown theme %q", p.ID, p.Theme)
	}
	if err := p.Kind.check(p.Options); err != nil {
		return fmt.Errorf("prompt %q: %w", p.ID, err)
	}
	if p.Question == "" {
		return fmt.Errorf("prompt %q has no question", p.ID)
	}
	if len(p.Sources) == 0 && !own {
		return fmt.Errorf("prompt %q names no source article", p.ID)
	}
	for i := range p.Sources {
		s := &p.Sources[i]
		title, ok := titles[s.Article]
		if !ok {
			return fmt.Errorf("prompt %q: source %q is not one of the articles", p.ID, s.Article)
		}
		if s.Advice == "" {
			return fmt.Errorf("prompt %q: source %q says no advice", p.ID, s.Article)
		}
		if n := Words(s.Passage); !own && (n < PassageMinWords || n > PassageMaxWords) {
			if n == 0 {
				return fmt.Errorf("prompt %q: source %q quotes no passage", p.ID, s.Article)
			}
			return fmt.Errorf("prompt %q: source %q quotes a passage of %d words; want %d to %d", p.ID, s.Article, n, PassageMinWords, PassageMaxWords)
		}
		s.Title = title
	}
	return nil
}
