package catalog

import (
	"fmt"
	"io/fs"
	"strings"
)

// Each control has two short keyword lists, English and bokmål: the words
// and phrases an organisation's own policies, procedures and records use
// when they address the control ("secure coding", "code review", "OWASP";
// "sikker koding", "kodegjennomgang"). The gap suggestions (isms suggest)
// search documents with them. They are written for this project from
// practice in the field, not taken from the standard's text, and they are
// deliberately the language of practitioners — product names, acronyms and
// Norwegian compounds included — since that is what documents say.

const keywordsFile = "data/keywords.tsv"

// keywordLists are a control's keyword lists; see Control.Keywords.
type keywordLists struct{ en, nb []string }

// Keywords returns the control's keyword list in lang: English for "en"
// (or a regional form such as "en-GB"), bokmål for anything else ("nb",
// "nn", ""), as Text.In chooses. The phrases are lowercase unless case
// matters (acronyms, names), without duplicates, in the order written.
// The list is shared: do not modify it.
func (c *Control) Keywords(lang string) []string {
	if (Text{En: "en", Nb: "nb"}).In(lang) == "en" {
		return c.keywords.en
	}
	return c.keywords.nb
}

// loadKeywords reads the keyword lists: one row per control, every control
// once, phrases joined with '|', none empty or repeated within a list.
func (c *Catalog) loadKeywords(fsys fs.FS) error {
	rows, err := readTable(fsys, keywordsFile, "id", "keywords_en", "keywords_nb")
	if err != nil {
		return err
	}
	seen := map[*Control]bool{}
	for _, r := range rows {
		ctl, ok := c.controlByID[r.get("id")]
		if !ok {
			return r.errorf("unknown control %q", r.get("id"))
		}
		if seen[ctl] {
			return r.errorf("control %s repeated", ctl.ID)
		}
		seen[ctl] = true
		for _, list := range []struct {
			column string
			dst    *[]string
		}{{"keywords_en", &ctl.keywords.en}, {"keywords_nb", &ctl.keywords.nb}} {
			phrases, err := splitPhrases(r.get(list.column))
			if err != nil {
				return r.errorf("control %s: %s %v", ctl.ID, list.column, err)
			}
			*list.dst = phrases
		}
	}
	for _, ctl := range c.controls {
		if !seen[ctl] {
			return fmt.Errorf("%s: control %s has no keywords", keywordsFile, ctl.ID)
		}
	}
	return nil
}

// splitPhrases splits a '|'-joined cell into phrases. A phrase must not be
// empty, have surrounding or doubled space, or repeat another phrase of the
// cell (ignoring case).
func splitPhrases(cell string) ([]string, error) {
	phrases := strings.Split(cell, "|")
	seen := map[string]bool{}
	for i, p := range phrases {
		switch {
		case p == "":
			return nil, fmt.Errorf("phrase %d is empty", i+1)
		case strings.TrimSpace(p) != p || strings.Contains(p, "  "):
			return nil, fmt.Errorf("phrase %q has surrounding or doubled space", p)
		case seen[strings.ToLower(p)]:
			return nil, fmt.Errorf("phrase %q repeated", p)
		}
		seen[strings.ToLower(p)] = true
	}
	return phrases, nil
}
