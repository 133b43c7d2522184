package generator

// Gap suggestions (SPEC §12): the documents' text by section goes to
// internal/suggest, which finds the controls a document addresses without
// citing them. `isms suggest` asks for every document's suggestions
// (Suggest); a build asks, for each control that is a gap, for the
// documents that may already address it (Builder.candidates), and the
// control pages, the transition page and the matrix show them.

import (
	"io/fs"
	"slices"

	"github.com/isms-project/isms/catalog"
	"github.com/isms-project/isms/internal/finding"
	"github.com/isms-project/isms/internal/model"
	"github.com/isms-project/isms/internal/suggest"
)

// candidateLimit is the most documents a gap control's page lists.
const candidateLimit = 3

// SuggestOptions select what Suggest reports.
type SuggestOptions struct {
	Drafts bool // suggest for drafts too
	// Options are the engine's: MinScore (0: suggest.DefaultMinScore),
	// Controls (only these control IDs), Limit (per document).
	suggest.Options
}

// Suggestions are the controls the site's documents address without
// citing them.
type Suggestions struct {
	Site *model.Site
	// Findings are the site's problems, as isms check reports them.
	Findings finding.Findings
	// Suggestions are sorted by document ID, then rank.
	Suggestions []suggest.Suggestion
}

// Suggest reads and resolves the site in fsys, as isms check does, and
// returns, for every published document (withheld ones too: suggestions
// are for the authors), the controls its text addresses that its front
// matter does not cite, strongest first. An unknown control ID in
// opts.Controls is an error, as is what stops a build.
func Suggest(fsys fs.FS, opts SuggestOptions) (*Suggestions, error) {
	var bl Builder
	res, err := bl.Build(fsys, Options{Drafts: opts.Drafts, CheckOnly: true, sections: true})
	if err != nil {
		return nil, err
	}
	docs := bl.suggestDocuments(res.Site, true)
	var ix *suggest.Index
	if len(opts.Controls) > 0 {
		ix, err = suggest.NewFor(bl.catalog, docs, opts.Controls) // matching fewer controls costs less
	} else {
		ix = suggest.New(bl.catalog, docs)
	}
	if err != nil {
		return nil, err
	}
	list, err := ix.Suggest(opts.Options)
	if err != nil {
		return nil, err
	}
	return &Suggestions{Site: res.Site, Findings: res.Findings, Suggestions: list}, nil
}

// suggestDocuments are the engine's input: the site's published
// documents with their text, read by a build that kept it (the Builder's
// cache holds it), leaving out those the build withholds unless withheld
// is true.
func (bl *Builder) suggestDocuments(site *model.Site, withheld bool) []suggest.Document {
	docs := make([]suggest.Document, 0, len(site.Documents))
	for _, d := range site.Documents {
		if d.Withheld && !site.Preview && !withheld {
			continue
		}
		if c, ok := bl.cache[d.Path]; ok && c.doc == d && c.text != nil {
			docs = append(docs, *c.text)
		}
	}
	return docs
}

// candidates finds, for each applicable control that no document
// addresses (a gap), up to candidateLimit documents whose text may already
// address it. Documents the build withholds are left out, so that no
// passage of theirs reaches a page. Nothing is computed when there are no
// gaps.
func (bl *Builder) candidates(site *model.Site) map[string][]suggest.Suggestion {
	var gaps []string
	for _, c := range site.Controls {
		if c.Level == model.Gap {
			gaps = append(gaps, c.ID)
		}
	}
	if len(gaps) == 0 {
		return nil
	}
	docs := bl.suggestDocuments(site, false)
	if len(docs) == 0 {
		return nil
	}
	if c := &bl.suggested; slices.Equal(c.gaps, gaps) && slices.EqualFunc(c.docs, docs, sameText) {
		return c.candidates // a rebuild that changed no document's text or front matter
	}
	ix, err := suggest.NewFor(site.Catalog, docs, gaps) // only the gaps' queries: fewer words match
	if err != nil {
		return nil // the gaps are the catalogue's own controls
	}
	out := map[string][]suggest.Suggestion{}
	for _, id := range gaps {
		cs, err := ix.Candidates(id, suggest.Options{Limit: candidateLimit})
		if err == nil && len(cs) > 0 {
			out[id] = cs
		}
	}
	bl.suggested = suggestCache{gaps, docs, out}
	return out
}

// suggestCache keeps a Builder's last candidates with what they were found
// from: the live preview rebuilds after every save, and most saves (a
// theme, soa.yaml, an attachment) change no document.
type suggestCache struct {
	gaps       []string
	docs       []suggest.Document
	candidates map[string][]suggest.Suggestion
}

// sameText reports whether two engine documents were made from the same
// read of a file: readDocuments reuses a file's Document while its bytes
// are the same, and with it the sections slice.
func sameText(a, b suggest.Document) bool {
	return a.ID == b.ID && a.Path == b.Path && a.Lang == b.Lang && a.Title == b.Title && len(a.Sections) == len(b.Sections) &&
		(len(a.Sections) == 0 || &a.Sections[0] == &b.Sections[0]) && slices.Equal(a.Cited, b.Cited)
}

// suggestDocument is what the engine reads of a document: its text by
// section, with the file lines, and the 2022 controls its front matter
// cites (a 2013 ID stands for its successors). Its language is the site's
// when the front matter gives none.
func suggestDocument(d *model.Document, siteLang string, cat *catalog.Catalog) *suggest.Document {
	if d.ID == "" {
		return nil
	}
	sd := &suggest.Document{ID: d.ID, Path: d.Path, Lang: d.Lang, Title: d.Title}
	if sd.Lang == "" {
		sd.Lang = siteLang
	}
	for _, m := range d.Controls {
		switch kind, id := catalog.Classify(m.ID); kind {
		case catalog.KindControl:
			sd.Cited = append(sd.Cited, id)
		case catalog.KindControl2013:
			if c, ok := cat.Control2013(id); ok {
				for _, s := range c.Successors {
					sd.Cited = append(sd.Cited, s.ID)
				}
			}
		}
	}
	slices.Sort(sd.Cited)
	sd.Cited = slices.Compact(sd.Cited)
	if d.Body != nil {
		for _, s := range d.Body.Sections {
			sd.Sections = append(sd.Sections, suggest.Section{Heading: s.Heading, Anchor: s.Anchor, Text: s.Text, Line: s.Line})
		}
	}
	return sd
}
