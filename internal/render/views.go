package render

// The compliance views are the pages an auditor and an ISMS manager work
// from: the coverage matrix, the Statement of Applicability, the 2013 ↔ 2022
// mapping, the transition gap analysis, the attribute views and the review
// schedule. They summarise the whole graph, so each is one page (plus
// the CSV and XLSX files an auditor takes away) rendered through the same
// jobs as every other page, with a fingerprint of what it shows.
//
// The data the templates need beyond the Site graph is made here and in
// views_*.go, as methods on Site and Page; the files are written in
// views_csv.go and soa_xlsx.go.

import (
	"fmt"
	"hash/maphash"
	"strings"

	"github.com/isms-project/isms/catalog"
	"github.com/isms-project/isms/internal/urls"
	"github.com/isms-project/isms/internal/views"
)

// complianceViews are the auditor's and ISMS manager's pages, in the order
// the navigation lists them. A view is built when the theme has its template.
var complianceViews = []struct{ template, path string }{
	{"matrix", "matrix/index.html"},
	{"soa", "soa/index.html"},
	{"mapping", "mapping/index.html"},
	{"transition", "transition/index.html"},
	{"attributes", "attributes/index.html"},
	{"reviews", "reviews/index.html"},
}

// The files that go with the views.
const (
	matrixCSV  = "matrix.csv"
	soaCSV     = "soa.csv"
	soaXLSX    = "soa.xlsx"
	mappingCSV = "mapping.csv"
)

// Views lists the compliance views for the navigation.
func (p *Page) Views() []Crumb {
	var out []Crumb
	for _, v := range complianceViews {
		if p.theme.pages[v.template] != nil {
			out = append(out, Crumb{p.T("nav." + v.template), v.path})
		}
		if v.template == "soa" && p.risks != nil {
			for _, r := range []string{"risks", "rtp"} {
				if p.theme.pages[r] != nil {
					out = append(out, Crumb{p.T("nav." + r), r + "/index.html"})
				}
			}
		}
	}
	return out
}

// viewJobs lists the compliance views: matrix, Statement of Applicability,
// mapping, transition, attributes and reviews, and their files.
func (b *build) viewJobs() []pageJob {
	s := b.site
	var jobs []pageJob
	// Coverage comes from every document's front matter, soa.yaml and
	// today, which the site stamp and allMeta hold.
	all := func(h *maphash.Hash) { writeUint(h, b.allMeta) }
	view := func(tmpl string, deps func(*maphash.Hash), data func() any) {
		if b.theme.pages[tmpl] == nil {
			return
		}
		path := tmpl + "/index.html"
		title := b.t("nav." + tmpl)
		jobs = append(jobs, pageJob{path: path, template: tmpl, deps: deps, page: func() *Page {
			return b.page(path, title, tmpl, data(), Crumb{title, ""})
		}})
	}
	file := func(path string, deps func(*maphash.Hash), render func() ([]byte, error)) {
		jobs = append(jobs, fileJob(path, deps, render))
	}

	withCandidates := func(h *maphash.Hash) { all(h); writeUint(h, b.suggestStamp) } // the gaps' candidates
	view("matrix", withCandidates, func() any { return views.MatrixOf(s) })
	file(matrixCSV, all, func() ([]byte, error) { return views.MatrixCSV(s) })

	// The SoA names the risks that select each control, by ID; the reviews
	// page lists overdue risk reviews and treatment actions.
	withRiskIDs := func(h *maphash.Hash) {
		all(h)
		for _, c := range s.Controls {
			h.WriteString(strings.Join(c.Risks, " "))
			h.WriteByte(0)
		}
	}
	withRisks := func(h *maphash.Hash) { all(h); writeUint(h, b.riskStamp) }
	view("soa", withRiskIDs, func() any { return views.MatrixOf(s) })
	file(soaCSV, withRiskIDs, func() ([]byte, error) { return views.SoACSV(s) })
	file(soaXLSX, withRiskIDs, func() ([]byte, error) { return views.SoAXLSX(s, b.page(soaXLSX, b.t("nav.soa"), "soa", nil)) })

	view("mapping", all, func() any { return views.MappingOf(s) })
	file(mappingCSV, all, func() ([]byte, error) { return views.MappingCSV(s) })

	view("transition", func(h *maphash.Hash) {
		withCandidates(h)
		// Body citations of 2013 IDs come from the documents' text.
		for _, m := range s.Legacy {
			h.WriteString(fmt.Sprint(m.Document.ID, m.Control.ID, m.Body, m.At))
		}
	}, func() any { return views.TransitionOf(s) })

	view("attributes", all, func() any { return views.AttributesOf(s) })
	if b.theme.pages["attribute"] != nil {
		for _, kind := range s.Catalog.AttributeKinds() {
			for _, v := range kind.Values {
				path := urls.Attribute(kind.Slug, v.Slug)
				jobs = append(jobs, pageJob{path: path, template: "attribute",
					deps: func(h *maphash.Hash) {
						// The controls' coverage; of the risks, only whether
						// one selects the control (a reason to include it).
						for _, c := range v.Controls {
							cc := s.Control(c.ID)
							b.coverageDeps(h, cc)
							writeUint(h, uint64(len(cc.Risks)))
						}
					},
					page: func() *Page {
						title := "#" + attributeTitle(v, s.Config.Language)
						return b.page(path, title, "attributes", views.AttributeValueOf(s, v),
							Crumb{b.t("nav.attributes"), "attributes/index.html"},
							Crumb{kind.Title.In(s.Config.Language), "attributes/index.html#" + kind.Slug},
							Crumb{title, ""})
					}})
			}
		}
	}

	view("reviews", withRisks, func() any { return views.ReviewScheduleOf(s) })
	return jobs
}

// attributeTitle is an attribute value's hashtag name for running text,
// without '#': "Governance and Ecosystem".
func attributeTitle(v *catalog.AttributeValue, lang string) string {
	return spaced(v.Title.In(lang))
}

// fileJob is an export made by render, not a template: the CSV and XLSX
// files that go with the views and the risk register. The live preview
// makes them when they are downloaded.
func fileJob(path string, deps func(*maphash.Hash), render func() ([]byte, error)) pageJob {
	return pageJob{path: path, template: path, deps: deps, lazy: true, render: func() ([]byte, error) {
		data, err := render()
		if err != nil {
			return nil, fmt.Errorf("writing %s: %w", path, err)
		}
		return data, nil
	}}
}
