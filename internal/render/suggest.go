package render

// Gap candidates (SPEC §12): the page of a control that is a gap lists the
// documents whose text may already address it, with the passage that
// matched; the transition page does the same for the new controls that are
// gaps, and the matrix marks the gaps that have candidates. The build finds
// them once (internal/suggest) and hands them over in Input.Candidates;
// they never change coverage.

import (
	"fmt"
	"hash/maphash"

	"github.com/isms-project/isms/internal/model"
	"github.com/isms-project/isms/internal/suggest"
)

// A Candidate is a document that may already address a control that is a
// gap: the suggestion and the document it names.
type Candidate struct {
	suggest.Suggestion
	Doc *model.Document
}

// suggestPrep keeps the candidates and makes the stamp of what the
// transition page and the matrix show of them.
func (b *build) suggestPrep(candidates map[string][]suggest.Suggestion) {
	b.candidates = candidates
	var h maphash.Hash
	h.SetSeed(b.seed)
	for _, c := range b.site.Controls {
		b.suggestDeps(&h, c.ID)
	}
	b.suggestStamp = h.Sum64()
}

// suggestDeps writes what a control page shows of the control's
// candidates: the documents (their front matter shows as a link), the
// scores and the passages.
func (b *build) suggestDeps(h *maphash.Hash, control string) {
	cs := b.candidates[control]
	if len(cs) == 0 {
		return
	}
	h.WriteString(control)
	docs := make([]*model.Document, 0, len(cs))
	for _, s := range cs {
		fmt.Fprintf(h, "%s\x00%.3f\x00%s\x00%s\x00%s\x00", s.Document, s.Score, s.Heading, s.Anchor, s.Evidence)
		if d, ok := b.site.Document(s.Document); ok {
			docs = append(docs, d)
		}
	}
	b.writeDocs(h, docs)
}

// Candidates lists the documents that may already address a control that
// is a gap, best first, each with the passage that matched. A document the
// build withholds is never listed.
func (p *Page) Candidates(control string) []Candidate {
	var out []Candidate
	for _, s := range p.candidates[control] {
		d, ok := p.Site.Document(s.Document)
		if !ok || p.Hidden(d) {
			continue
		}
		out = append(out, Candidate{s, d})
	}
	return out
}

// PassageURL links to the section of a candidate's document that holds its
// passage.
func (p *Page) PassageURL(c Candidate) string {
	if c.Anchor == "" {
		return p.DocURL(c.Doc)
	}
	return p.DocURL(c.Doc) + "#" + c.Anchor
}
