package suggest

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/isms-project/isms/catalog"
)

// A Document is what the engine reads of one ISMS document: its identity,
// its language, its text split at headings, and the controls its front
// matter already cites.
type Document struct {
	ID    string // document ID from the front matter, e.g. "STD-04"
	Path  string // site-relative path of the Markdown file, for messages
	Lang  string // nb, nn or en: nb and nn are read as Norwegian, en as English
	Title string
	// Sections is the body's plain text split at headings; the first may
	// have no heading (text before the first heading).
	Sections []Section
	// Cited are the ISO/IEC 27002:2022 control IDs the front matter cites
	// ("8.28"; "A.8.28" is accepted). They are never suggested for the
	// document. The caller maps 2013 IDs to their successors.
	Cited []string
}

// A Section is the plain text under one heading.
//
// Text keeps the line breaks of the source: each '\n' in Text is a line
// break in the file, so that the engine can tell the line a passage starts
// on (Line plus the line breaks before it). A caller that cannot keep them
// may give Text on one line; passages then report the section's Line.
type Section struct {
	Heading string // plain text of the heading; "" for text before the first heading
	Anchor  string // the heading's HTML id
	Text    string
	Line    int // file line (from 1) where Text starts; 0 if unknown
}

// A Suggestion is a control that a document's text addresses and its
// front matter does not cite.
//
// Its JSON form is what `isms suggest --format json` prints (SPEC §12).
type Suggestion struct {
	Document string `json:"document"` // the document's ID
	Path     string `json:"path"`     // the document's path
	Control  string `json:"control"`  // ISO/IEC 27002:2022 control ID, e.g. "8.28"
	// Rank is 1 for the document's strongest suggestion, 2 for the next;
	// from Candidates, 1 for the control's strongest document.
	Rank int `json:"rank"`
	// Score is the calibrated strength of the match (see the package
	// comment): the share of the control's weighted vocabulary the
	// document uses. On the example ISMS a control that a document cites
	// typically scores 0.1 to 0.4; one whose words it uses in passing, a
	// few hundredths.
	Score    float64 `json:"score"`
	Evidence string  `json:"evidence"` // the passage that matched best: a sentence or two
	Heading  string  `json:"heading"`  // the heading of the passage's section ("" before the first heading)
	Anchor   string  `json:"anchor"`   // that heading's HTML id
	Line     int     `json:"line"`     // file line of the passage (0 if the document gave no lines)
}

// DefaultMinScore is the threshold Options.MinScore falls back to: the
// score from which a suggestion is worth an author's look (see the
// package comment for how it was chosen).
const DefaultMinScore = 0.12

// Options select suggestions. The zero value gives every control scoring
// DefaultMinScore or more, for every document.
type Options struct {
	// MinScore leaves out suggestions scoring below it (compared with
	// Suggestion.Score as given, rounded to three decimals); 0 means
	// DefaultMinScore, a negative value keeps every control the text
	// matches at all.
	MinScore float64
	// Controls, when not empty, limits the suggestions to these control
	// IDs ("8.28", "A.8.28").
	Controls []string
	// Limit is the most suggestions per document (for Candidates: the
	// most documents); 0 means no limit.
	Limit int
}

func (o Options) minScore() float64 {
	switch {
	case o.MinScore == 0:
		return DefaultMinScore
	case o.MinScore < 0:
		return 0
	}
	return o.MinScore
}

// An Index holds a site's documents analysed and matched against every
// control of the catalogue. Build it once with New and ask it for
// suggestions (the command and the edit engine) and for candidates (the
// site's pages); it is safe for concurrent use and is not changed by them.
type Index struct {
	cat      *catalog.Catalog
	controls []*catalog.Control
	docs     []*docMatch
	input    []Document
	cited    [][]bool  // per document, per control
	scores   []float32 // per document, per control: the calibrated score
	queries  *querySet
	// phraseWeight is the weight of each phrase of each analyzer's query.
	phraseWeight [numAnalyzers][]float32
}

// New analyses docs with bleve's analyzers (the search index's, per
// document language) and scores every document against every control of
// cat. It uses all cores. The documents are kept, not copied: do not
// change them while the Index is in use.
func New(cat *catalog.Catalog, docs []Document) *Index {
	return newIndex(cat, docs, nil)
}

// NewFor is New for the controls ids only ("8.28", "A.8.28"): a page of
// gaps or `isms suggest --controls` needs no other. The Index gives the
// same scores and passages for these controls as one made by New, and
// none for the others: Suggest leaves them out and Candidates finds no
// document for them. It costs less than New, the fewer the controls. An
// ID that is not a 2022 control is an error.
func NewFor(cat *catalog.Catalog, docs []Document, ids []string) (*Index, error) {
	ix := &Index{cat: cat, controls: cat.Controls()}
	selected, err := ix.controlFilter(ids)
	if err != nil {
		return nil, err
	}
	if selected == nil {
		selected = make([]bool, len(ix.controls))
	}
	return newIndex(cat, docs, selected), nil
}

// newIndex is New for the controls selected marks (all when nil).
func newIndex(cat *catalog.Catalog, docs []Document, selected []bool) *Index {
	ix := &Index{cat: cat, controls: cat.Controls(), input: docs}
	ix.queries = compileQueriesFor(cat, selected)
	ix.docs = make([]*docMatch, len(docs))
	ix.cited = make([][]bool, len(docs))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(docs)))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			var bytes [numAnalyzers]int
			for i := w; i < len(docs); i += workers {
				for _, s := range docs[i].Sections {
					bytes[analyzerFor(docs[i].Lang)] += len(s.Text)
				}
			}
			m := newMatcher(ix.queries, bytes)
			for i := w; i < len(docs); i += workers {
				ix.docs[i] = m.match(&docs[i])
				ix.cited[i] = ix.citedControls(&docs[i])
			}
		})
	}
	wg.Wait()
	ix.score()
	return ix
}

// citedControls marks the controls d's front matter cites.
func (ix *Index) citedControls(d *Document) []bool {
	cited := make([]bool, len(ix.controls))
	for _, id := range d.Cited {
		if ctl, ok := ix.cat.Control(id); ok {
			cited[ix.controlIndex(ctl)] = true
		}
	}
	return cited
}

func (ix *Index) controlIndex(ctl *catalog.Control) int {
	i, _ := slices.BinarySearchFunc(ix.controls, ctl.ID, func(c *catalog.Control, id string) int {
		return catalog.Compare(c.ID, id)
	})
	return i
}

// controlFilter turns Options.Controls into a mask over the catalogue's
// controls; nil means all. An ID that is not a 2022 control is an error
// that says what it is instead.
func (ix *Index) controlFilter(ids []string) ([]bool, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	mask := make([]bool, len(ix.controls))
	for _, id := range ids {
		ctl, ok := ix.cat.Control(id)
		if !ok {
			return nil, fmt.Errorf("unknown control %q (%s)", id, ix.cat.SuggestControl(id))
		}
		mask[ix.controlIndex(ctl)] = true
	}
	return mask, nil
}

// Suggest returns, for every document, the controls its text addresses
// that it does not cite, strongest first, sorted by document ID and then
// rank. Each carries the passage that matched best. The only error is an
// unknown ID in opts.Controls.
func (ix *Index) Suggest(opts Options) ([]Suggestion, error) {
	mask, err := ix.controlFilter(opts.Controls)
	if err != nil {
		return nil, err
	}
	order := make([]int, len(ix.docs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Or(cmp.Compare(ix.input[a].ID, ix.input[b].ID), cmp.Compare(ix.input[a].Path, ix.input[b].Path))
	})
	var out []Suggestion
	for _, d := range order {
		for rank, c := range ix.ranked(d, mask, opts) {
			out = append(out, ix.suggestion(d, c, rank+1))
		}
	}
	return out, nil
}

// ranked returns the controls of document d that pass opts, strongest
// first (ties in natural control order).
func (ix *Index) ranked(d int, mask []bool, opts Options) []int {
	n := len(ix.controls)
	minScore := opts.minScore()
	var cs []int
	for c := range n {
		s := ix.scores[d*n+c]
		if ix.cited[d][c] || mask != nil && !mask[c] || s <= 0 || roundScore(s) < minScore {
			continue
		}
		cs = append(cs, c)
	}
	slices.SortStableFunc(cs, func(a, b int) int { return cmp.Compare(ix.scores[d*n+b], ix.scores[d*n+a]) })
	if opts.Limit > 0 && len(cs) > opts.Limit {
		cs = cs[:opts.Limit]
	}
	return cs
}

// Candidates returns the documents that most likely address control id
// without citing it, strongest first: for the page of a control that is a
// gap. opts.MinScore and opts.Limit apply (Limit is the number of
// documents); opts.Controls is ignored. Ties go to the lower document ID.
func (ix *Index) Candidates(id string, opts Options) ([]Suggestion, error) {
	ctl, ok := ix.cat.Control(id)
	if !ok {
		return nil, fmt.Errorf("unknown control %q (%s)", id, ix.cat.SuggestControl(id))
	}
	c := ix.controlIndex(ctl)
	n := len(ix.controls)
	minScore := opts.minScore()
	var ds []int
	for d := range ix.docs {
		s := ix.scores[d*n+c]
		if !ix.cited[d][c] && s > 0 && roundScore(s) >= minScore {
			ds = append(ds, d)
		}
	}
	slices.SortFunc(ds, func(a, b int) int {
		return cmp.Or(cmp.Compare(ix.scores[b*n+c], ix.scores[a*n+c]), cmp.Compare(ix.input[a].ID, ix.input[b].ID), cmp.Compare(a, b))
	})
	if opts.Limit > 0 && len(ds) > opts.Limit {
		ds = ds[:opts.Limit]
	}
	out := make([]Suggestion, len(ds))
	for i, d := range ds {
		out[i] = ix.suggestion(d, c, i+1)
	}
	return out, nil
}

// suggestion fills in the suggestion of control c for document d.
func (ix *Index) suggestion(d, c, rank int) Suggestion {
	doc := &ix.input[d]
	s := Suggestion{
		Document: doc.ID,
		Path:     doc.Path,
		Control:  ix.controls[c].ID,
		Rank:     rank,
		Score:    roundScore(ix.scores[d*len(ix.controls)+c]),
	}
	ix.evidence(d, c, &s)
	return s
}

// roundScore keeps three decimals, so that printed and compared scores
// are the same on every platform.
func roundScore(s float32) float64 {
	return float64(int64(float64(s)*1000+0.5)) / 1000
}
