package catalog

import (
	"fmt"
	"io/fs"
	"strings"
)

// The bilingual ISMS vocabulary, for search across languages: a reader
// who types "backup" on a Norwegian site should find "Prosedyre for
// sikkerhetskopiering", and one who types "tilgangsstyring" the English
// access control policy. It is made of the titles the catalogue holds in
// both languages (the 2022 controls, the clauses, the themes) and of
// data/vocabulary.tsv: ISMS terms and their usual Norwegian words (after
// the project's glossary), written for this project.

const vocabularyFile = "data/vocabulary.tsv"

// A Concept is one entry of the vocabulary: the words or phrases that name
// the same thing in English and in Norwegian bokmål, the usual one first.
type Concept struct {
	En, Nb []string
}

// Vocabulary returns the bilingual vocabulary: the titles of the themes,
// the 2022 controls and the clauses (each a concept of its two titles),
// then the concepts of data/vocabulary.tsv in file order. An error names
// the data file and line.
func (c *Catalog) Vocabulary() ([]Concept, error) {
	terms, err := readVocabulary(dataFiles)
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	var out []Concept
	title := func(t Text) {
		if t.En != "" && t.Nb != "" {
			out = append(out, Concept{En: []string{t.En}, Nb: []string{t.Nb}})
		}
	}
	for _, t := range c.themes {
		title(t.Title)
	}
	for _, ctl := range c.controls {
		title(ctl.Title)
	}
	for _, cl := range c.clauses {
		title(cl.Title)
	}
	return append(out, terms...), nil
}

// readVocabulary reads the vocabulary's table: columns en and nb, each one
// or more phrases joined with '|'. A phrase is not empty and has no
// surrounding space; no English phrase is in two rows.
func readVocabulary(fsys fs.FS) ([]Concept, error) {
	rows, err := readTable(fsys, vocabularyFile, "en", "nb")
	if err != nil {
		return nil, err
	}
	seen := map[string]int{}
	var out []Concept
	for _, r := range rows {
		var con Concept
		for _, col := range []struct {
			name string
			to   *[]string
		}{{"en", &con.En}, {"nb", &con.Nb}} {
			for _, p := range strings.Split(r.get(col.name), "|") {
				if p == "" || strings.TrimSpace(p) != p {
					return nil, r.errorf("%s phrase %q is empty or has surrounding space", col.name, p)
				}
				*col.to = append(*col.to, p)
			}
		}
		for _, p := range con.En {
			key := strings.ToLower(p)
			if line, ok := seen[key]; ok {
				return nil, r.errorf("English phrase %q is also on line %d", p, line)
			}
			seen[key] = r.line
		}
		out = append(out, con)
	}
	return out, nil
}
