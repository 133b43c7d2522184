package render

// Helpers of the default theme's page furniture: the section named in the
// header, and the previous and next page within a section. Each is one
// call from a template, made from lists the build already has, so that it
// costs little on each of 10,000 document pages.

import (
	"net/url"
	"slices"
	"strings"

	"github.com/isms-project/isms/internal/model"
	"github.com/isms-project/isms/internal/urls"
)

// SectionLink is the section the page belongs to, for the header: its
// title and the site path of its index page. The overview and the 404
// page have none (a zero Crumb).
func (p *Page) SectionLink() Crumb {
	switch p.Section {
	case "docs":
		return Crumb{p.T("nav.documents"), "docs/index.html"}
	case "controls":
		return Crumb{p.T("nav.controls"), "controls/index.html"}
	case "clauses":
		return Crumb{p.T("nav.clauses"), "clauses/index.html"}
	case "search":
		return Crumb{p.T("search.title"), "search/index.html"}
	case "home", "":
		return Crumb{}
	}
	for _, v := range complianceViews {
		if v.template == p.Section && p.theme.pages[v.template] != nil {
			return Crumb{p.T("nav." + v.template), v.path}
		}
	}
	return Crumb{}
}

// Pager is the way to the previous and the next page of a section.
type Pager struct {
	Prev, Next *PagerLink
}

// PagerLink is one side of a Pager.
type PagerLink struct {
	ID, Title string
	Path      string // site path
}

// Pager finds the pages before and after this one: for a document, the
// documents of the same type in ID order; for a control, the controls in
// catalogue order; for a clause, the clauses in the order of the standard.
// It is nil for other pages and for a page alone in its section.
func (p *Page) Pager() *Pager {
	s := p.Site
	var pg Pager
	switch d := p.Data.(type) {
	case *model.Document:
		docs := s.TypeGroup(d.Type)
		i, found := slices.BinarySearchFunc(docs, d, func(a, b *model.Document) int { return model.NaturalCompare(a.ID, b.ID) })
		if !found || i >= len(docs) || docs[i] != d {
			return nil
		}
		// Documents this build withholds have no page to go to.
		for j := i - 1; j >= 0 && pg.Prev == nil; j-- {
			if !p.Hidden(docs[j]) {
				pg.Prev = docLink(docs[j])
			}
		}
		for j := i + 1; j < len(docs) && pg.Next == nil; j++ {
			if !p.Hidden(docs[j]) {
				pg.Next = docLink(docs[j])
			}
		}
	case *model.ControlCoverage:
		i := slices.Index(s.Controls, d)
		if i < 0 {
			return nil
		}
		if i > 0 {
			c := s.Controls[i-1]
			pg.Prev = &PagerLink{c.ID, p.Text(c.Title), urls.Control(c.ID)}
		}
		if i+1 < len(s.Controls) {
			c := s.Controls[i+1]
			pg.Next = &PagerLink{c.ID, p.Text(c.Title), urls.Control(c.ID)}
		}
	case *model.ClauseCoverage:
		i := slices.Index(s.Clauses, d)
		if i < 0 {
			return nil
		}
		if i > 0 {
			c := s.Clauses[i-1]
			pg.Prev = &PagerLink{c.ID, p.Text(c.Title), urls.Clause(c.ID)}
		}
		if i+1 < len(s.Clauses) {
			c := s.Clauses[i+1]
			pg.Next = &PagerLink{c.ID, p.Text(c.Title), urls.Clause(c.ID)}
		}
	default:
		return nil
	}
	if pg.Prev == nil && pg.Next == nil {
		return nil
	}
	return &pg
}

func docLink(d *model.Document) *PagerLink { return &PagerLink{d.ID, d.Title, urls.Doc(d.ID)} }

// Host is the host name of an address, for a link's label ("" when it has none).
func (p *Page) Host(address string) string {
	u, err := url.Parse(address)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}
