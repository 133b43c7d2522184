package model

import (
	"path"
	"slices"
	"strings"

	"github.com/isms-project/isms/internal/markdown"
)

// ReviewState says where a document's review stands: "overdue", "due" or "".
func (s *Site) ReviewState(d *Document) string {
	if d.Review.IsZero() || d.Status == "retired" {
		return ""
	}
	switch {
	case d.Review.Before(s.Today):
		return "overdue"
	case !d.Review.After(s.Today.AddDate(0, 0, s.Config.ReviewWarningDays)):
		return "due"
	}
	return ""
}

// Evidence says whether a record is fresh enough to evidence a control.
func (s *Site) Evidence(d *Document) bool {
	return !d.Date.IsZero() && !d.Date.Before(s.Today.AddDate(0, 0, -s.Config.EvidenceMaxAgeDays))
}

// EachTextRef walks text from soa.yaml or risks.yaml whose [[…]]
// references were resolved into refs, in order: plain is called for each
// run of text and ref for each reference.
func EachTextRef(text string, refs []RefTarget, plain func(string), ref func(RefTarget)) {
	i := 0
	markdown.TextRefs(text, plain, func(target, own string) {
		t := RefTarget{Text: target}
		if own != "" {
			t.Text = own
		}
		if i < len(refs) {
			t = refs[i]
		}
		i++
		ref(t)
	})
}

// Resolved is the site path of an attachment file.
func (a Attachment) Resolved(d *Document) string { return path.Join(path.Dir(d.Path), a.File) }

// FileSize is the size of a linked site file.
func (s *Site) FileSize(sitePath string) int64 { return s.attachments[sitePath] }

// TypeGroup is the published documents of a type, in natural ID order.
func (s *Site) TypeGroup(docType string) []*Document {
	for _, g := range s.ByType() {
		if g.Type == docType {
			return g.Documents
		}
	}
	return nil
}

// pagerNeighbours are the documents a document page's pager names, for
// the page's fingerprint: a new, renamed or removed neighbour changes it.
func (s *Site) PagerNeighbours(d *Document) []*Document {
	docs := s.TypeGroup(d.Type)
	i, found := slices.BinarySearchFunc(docs, d, func(a, b *Document) int { return NaturalCompare(a.ID, b.ID) })
	if !found {
		return nil
	}
	return docs[max(i-1, 0):min(i+2, len(docs))]
}

// Attachments are the site files that published documents link to, with
// their sizes: the files a build copies.
func (s *Site) Attachments() map[string]int64 { return s.attachments }

// Taken returns the document, drafts included, whose ID is id written in
// any case: IDs differing only in case would share a page folder on some
// file systems.
func (s *Site) Taken(id string) (*Document, bool) {
	for _, d := range s.byID {
		if strings.EqualFold(d.ID, id) {
			return d, true
		}
	}
	return nil, false
}

// Redact replaces every document the build withholds by a stub in every
// list of the graph. A stub keeps what coverage and the lists need — ID,
// type, status, classification, language, dates, owner, the controls and
// clauses it cites — and nothing of the title, the summary, the body, the
// file's name or its attachments, so that no page, export or index made
// from the site can show them. Withheld lists the stubs. A preview is
// not redacted: it shows every document, marked.
func (s *Site) Redact() {
	if s.Preview {
		return
	}
	stubs := map[*Document]*Document{}
	for _, d := range s.byID {
		if d.Withheld {
			stubs[d] = &Document{
				ID: d.ID, Type: d.Type, Status: d.Status, Classification: d.Classification, Lang: d.Lang,
				Owner: d.Owner, Version: d.Version, Approved: d.Approved, Effective: d.Effective,
				Review: d.Review, Date: d.Date, Controls: d.Controls, Clauses: d.Clauses, Withheld: true,
			}
		}
	}
	if len(stubs) == 0 {
		return
	}
	swap := func(list []*Document) {
		for i, d := range list {
			if t := stubs[d]; t != nil {
				list[i] = t
			}
		}
	}
	swap(s.Documents)
	for _, c := range s.Controls {
		swap(c.Documents)
		swap(c.Records)
		swap(c.Others)
	}
	for _, c := range s.Clauses {
		swap(c.Documents)
		swap(c.Records)
		swap(c.Others)
	}
	resolved := make(map[*Document]*Resolved, len(s.resolved))
	for d, res := range s.resolved {
		swap(res.Related)
		swap(res.LinksTo)
		swap(res.LinkedFrom)
		for i := range res.Legacy {
			if t := stubs[res.Legacy[i].Document]; t != nil {
				res.Legacy[i].Document = t
			}
		}
		if t := stubs[d]; t != nil {
			d = t
		}
		resolved[d] = res
	}
	s.resolved = resolved
	for i := range s.Legacy {
		if t := stubs[s.Legacy[i].Document]; t != nil {
			s.Legacy[i].Document = t
		}
	}
	for id, d := range s.byID {
		if t := stubs[d]; t != nil {
			s.byID[id] = t
			if d.Published(s.Drafts) {
				s.Withheld = append(s.Withheld, t)
			}
		}
	}
	slices.SortFunc(s.Withheld, func(a, b *Document) int { return NaturalCompare(a.ID, b.ID) })
}
