package model

import (
	"fmt"
	"html/template"
	"path"
	"slices"
	"strings"

	"github.com/isms-project/isms/catalog"
	"github.com/isms-project/isms/internal/markdown"
	"github.com/isms-project/isms/internal/urls"
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

// linkRefs escapes text and turns its [[…]] references into links made by url.
func (s *Site) LinkRefs(text string, url func(string) string) string {
	var b strings.Builder
	markdown.TextRefs(text, func(plain string) { b.WriteString(template.HTMLEscapeString(plain)) }, func(target, own string) {
		href, label := s.RefLink(target)
		if own != "" {
			label = own
		}
		if href == "" {
			b.WriteString(template.HTMLEscapeString(label))
		} else {
			fmt.Fprintf(&b, `<a href="%s">%s</a>`, template.HTMLEscapeString(url(href)), template.HTMLEscapeString(label))
		}
	})
	return b.String()
}

// refLink is the site path and default text of a reference target, or ""
// when it names nothing published.
func (s *Site) RefLink(target string) (href, label string) {
	lang := s.Config.Language
	if clause, ok := strings.CutPrefix(target, "clause:"); ok {
		if c, ok := s.Catalog.Clause(clause); ok {
			return urls.Clause(c.ID), c.ID + " " + c.Title.In(lang)
		}
		return "", target
	}
	switch kind, id := catalog.Classify(target); kind {
	case catalog.KindControl:
		if c, ok := s.Catalog.Control(id); ok {
			return urls.Control(c.ID), c.ID + " " + c.Title.In(lang)
		}
	case catalog.KindControl2013:
		if c, ok := s.Catalog.Control2013(id); ok {
			return urls.Mapping(c.ID), c.ID + " " + c.Title.In(lang)
		}
	}
	if d, ok := s.Document(target); ok {
		return urls.Doc(d.ID), d.ID + " " + d.Title
	}
	return "", target
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
