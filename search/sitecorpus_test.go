package search

import (
	"bytes"
	"cmp"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"

	sitegen "github.com/isms-project/isms/internal/corpus"
	"go.yaml.in/yaml/v3"
)

// siteCorpus is the project's benchmark corpus (internal/corpus): n
// realistic ISMS documents as Markdown, turned into Documents the way the
// pipeline would (front matter to fields, the body split at headings,
// markup to plain text) — roughly, which is all a benchmark and a ranking
// test need.
func siteCorpus(n int, seed int64) []Document {
	files := sitegen.Files(sitegen.Options{Docs: n, Seed: seed})
	var names []string
	for name := range files {
		if strings.HasSuffix(name, ".md") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	docs := make([]Document, 0, len(names))
	for _, name := range names {
		if d, ok := markdownDocument(files[name]); ok {
			docs = append(docs, d)
		}
	}
	return docs
}

type frontMatter struct {
	ID       string   `yaml:"id" toml:"id"`
	Title    string   `yaml:"title" toml:"title"`
	Type     string   `yaml:"type" toml:"type"`
	Summary  string   `yaml:"summary" toml:"summary"`
	Owner    string   `yaml:"owner" toml:"owner"`
	Lang     string   `yaml:"lang" toml:"lang"`
	Status   string   `yaml:"status" toml:"status"`
	Controls []string `yaml:"controls" toml:"controls"`
	Clauses  []string `yaml:"clauses" toml:"clauses"`
}

var (
	wikiLink     = regexp.MustCompile(`\[\[(?:[^\]|]*\|)?([^\]]*)\]\]`)
	markdownLink = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	emphasis     = regexp.MustCompile("\\*\\*|\\*|`")
	listMarker   = regexp.MustCompile(`^\s*(?:[-*+]|\d+\.)\s+`)
	tableRule    = regexp.MustCompile(`^\|?[\s:|-]+\|?$`)
)

func markdownDocument(src []byte) (Document, bool) {
	rest, ok := bytes.CutPrefix(src, []byte("---\n"))
	if !ok {
		return Document{}, false
	}
	head, body, ok := bytes.Cut(rest, []byte("\n---\n"))
	if !ok {
		return Document{}, false
	}
	var fm frontMatter
	if err := yaml.Unmarshal(head, &fm); err != nil {
		return Document{}, false
	}
	return markdownBody(fm, body), true
}

// markdownBody makes a Document of front matter and a Markdown body.
func markdownBody(fm frontMatter, body []byte) Document {
	d := Document{
		ID: fm.ID, Title: fm.Title, Summary: fm.Summary, Type: fm.Type, Owner: fm.Owner,
		Lang: fm.Lang, URL: "docs/" + fm.ID + "/index.html", Controls: fm.Controls, Clauses: fm.Clauses,
	}
	var sec Section
	var text []string
	flush := func() {
		sec.Text = strings.Join(text, "\n")
		if sec.Heading != "" || sec.Text != "" {
			d.Sections = append(d.Sections, sec)
		}
		text = nil
	}
	for _, line := range strings.Split(string(body), "\n") {
		if h, ok := strings.CutPrefix(line, "#"); ok {
			flush()
			h = strings.TrimSpace(strings.TrimLeft(h, "#"))
			sec = Section{Heading: plainText(h), Anchor: slug(h)}
			continue
		}
		if tableRule.MatchString(line) && strings.Contains(line, "-") {
			continue
		}
		line = listMarker.ReplaceAllString(line, "")
		line = strings.ReplaceAll(line, "|", " ")
		if t := strings.TrimSpace(plainText(line)); t != "" {
			text = append(text, t)
		}
	}
	flush()
	return d
}

func plainText(s string) string {
	s = wikiLink.ReplaceAllString(s, "$1")
	s = markdownLink.ReplaceAllString(s, "$1")
	return emphasis.ReplaceAllString(s, "")
}

// queriesFrom derives a query set from documents' text: words at every
// frequency (common, middling, rare), finished and still typed, and two and
// three words taken from one sentence, Norwegian and English.
func queriesFrom(docs []Document, seed uint64) []string {
	r := rand.New(rand.NewPCG(seed, seed+1))
	e := theEngine()
	type wordStat struct {
		word string
		n    int
	}
	counts := map[analyzerID]map[string]int{analyzerNo: {}, analyzerEn: {}}
	var sentences [numAnalyzers][][]string
	var sc scratch
	for i, d := range docs {
		a := e.analyzers[analyzerForLang(d.Lang)]
		for _, s := range d.Sections {
			for _, sentence := range strings.Split(s.Text, ". ") {
				var words []string
				a.words(sentence, &sc, func(tok []byte) {
					if r := a.token(tok); !r.stop() && len(tok) > 2 {
						words = append(words, string(tok))
						counts[a.id][strings.ToLower(string(tok))]++
					}
				})
				if i%7 == 0 && len(words) >= 3 {
					sentences[a.id] = append(sentences[a.id], words)
				}
			}
		}
	}
	var qs []string
	for a := range numAnalyzers {
		var stats []wordStat
		for w, n := range counts[a] {
			stats = append(stats, wordStat{w, n})
		}
		slices.SortFunc(stats, func(x, y wordStat) int { return cmp.Or(y.n-x.n, strings.Compare(x.word, y.word)) })
		if len(stats) == 0 {
			continue
		}
		share := 1
		if a == analyzerEn {
			share = 2 // fewer English queries, as there are fewer English documents
		}
		band := func(lo, hi float64, n int, typed bool) {
			for range n / share {
				w := stats[int(lo*float64(len(stats)))+r.IntN(max(1, int((hi-lo)*float64(len(stats)))))].word
				if typed {
					runes := []rune(w)
					qs = append(qs, string(runes[:min(len(runes), 3+r.IntN(max(1, len(runes)-3)))]))
				} else {
					qs = append(qs, w+" ")
				}
			}
		}
		band(0, 0.01, 10, false)   // common
		band(0.05, 0.3, 10, false) // middling
		band(0.7, 1, 10, false)    // rare
		band(0, 0.3, 16, true)     // typed
		for k := range 30 / share {
			if len(sentences[a]) == 0 {
				break
			}
			s := sentences[a][r.IntN(len(sentences[a]))]
			n := 2 + k%2
			start := r.IntN(len(s) - n + 1)
			qs = append(qs, strings.Join(s[start:start+n], " "))
		}
	}
	return qs
}
