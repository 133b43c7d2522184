package render

// The risk register's pages — the register with its heat maps, one page a
// risk, the treatment plan — and its exports, and what the other pages show
// of it: the risks that select a control, the SoA's reason "risk", the
// overview's summary and the overdue reviews and actions. The data comes
// from internal/risk's RegisterView, made once per render.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/maphash"
	"html/template"
	"slices"
	"strings"
	"sync"

	"github.com/isms-project/isms/internal/model"
	"github.com/isms-project/isms/internal/risk"
	"github.com/isms-project/isms/internal/urls"
	"github.com/isms-project/isms/internal/views"
)

// The register's files.
const (
	risksCSV  = "risks.csv"
	rtpCSV    = "rtp.csv"
	risksXLSX = "risks.xlsx"
)

// riskPrep makes the register's page data and the stamp of what pages
// show of it.
func (b *build) riskPrep(src []byte) {
	s := b.site
	if s.Risks == nil {
		return
	}
	b.risks = s.Risks.View(risk.ViewOptions{
		Today: s.Today,
		Words: b.t,
		DocumentTitle: func(id string) string {
			if d, ok := s.Document(id); ok && !(d.Withheld && !s.Preview) {
				return d.Title
			}
			return ""
		},
	})
	var h maphash.Hash
	h.SetSeed(b.seed)
	h.Write(src)
	b.riskStamp = h.Sum64()
	// Each risk's data, once: the control pages that list a risk and the
	// risk's own page write it into their fingerprints.
	// The matrix is in each: the acceptance criterion and the levels
	// decide what a risk's rating means.
	// A risk read from an unchanged entry is the same *risk.Risk as in the
	// last render (risk.Cache): its sum is kept while the matrix and what
	// every page shows are the same.
	matrix, _ := json.Marshal(s.Risks.Matrix)
	h.Reset()
	h.Write(matrix)
	writeUint(&h, b.stamp)
	b.rows.sumsOf = h.Sum64()
	if b.rows.sumsOf != b.rows.prevSumsOf {
		b.rows.prevSums = nil
	}
	b.riskSums = make(map[*risk.RiskView]uint64, len(b.risks.Risks))
	b.rows.sums = make(map[*risk.Risk]uint64, len(b.risks.Risks))
	for _, r := range b.risks.Risks {
		if sum, ok := b.rows.prevSums[r.Risk]; ok {
			b.riskSums[r] = sum
			b.rows.sums[r.Risk] = sum
			continue
		}
		h.Reset()
		h.Write(matrix)
		data, _ := json.Marshal(r.Risk)
		h.Write(data)
		h.WriteString(fmt.Sprint(r.ResidualScore, r.TreatmentName))
		if l := r.ResidualLevel; l != nil {
			h.WriteString(fmt.Sprint(l.Name, l.Tone))
		}
		b.riskSums[r] = h.Sum64()
		b.rows.sums[r.Risk] = b.riskSums[r]
	}
}

// riskDeps writes what a control page shows of the risks that select it.
func (b *build) riskDeps(h *maphash.Hash, control string) {
	if b.risks == nil {
		return
	}
	for _, r := range b.risks.ForControl(control) {
		writeUint(h, b.riskSums[r])
	}
}

// riskJobs lists the register's pages and files.
func (b *build) riskJobs() []pageJob {
	s := b.site
	if b.risks == nil || b.theme.pages["risks"] == nil {
		return nil
	}
	deps := func(h *maphash.Hash) {
		writeUint(h, b.riskStamp)
		writeUint(h, b.allMeta) // the documents and controls the pages name
	}
	var jobs []pageJob
	view := func(path, tmpl, titleKey string, data any, crumbs ...Crumb) {
		jobs = append(jobs, pageJob{path: path, template: tmpl, deps: deps, page: func() *Page {
			return b.page(path, b.t(titleKey), "risks", data, crumbs...)
		}})
	}
	file := func(path string, render func() ([]byte, error)) {
		jobs = append(jobs, fileJob(path, deps, render))
	}
	view("risks/index.html", "risks", "nav.risks", b.risks, Crumb{b.t("nav.risks"), ""})
	if b.theme.pages["rtp"] != nil {
		view("rtp/index.html", "rtp", "nav.rtp", b.risks, Crumb{b.t("nav.rtp"), ""})
	}
	if b.theme.pages["risk"] != nil {
		matrix, _ := json.Marshal(s.Risks.Matrix)
		for _, r := range b.risks.Risks {
			path := urls.Risk(r.ID)
			// A risk's page shows the risk, the matrix, the controls it
			// selects with their coverage, and the documents it names: an
			// edit of another risk leaves it as it is.
			riskDeps := func(h *maphash.Hash) {
				writeUint(h, b.riskSums[r])
				h.Write(matrix)
				for _, id := range r.Controls {
					if c := s.Control(id); c != nil {
						b.coverageDeps(h, c)
					}
				}
				for _, d := range r.Documents {
					h.WriteString(fmt.Sprint(d))
				}
				for _, t := range s.RiskRefs[r.ID] { // the description's references show titles
					h.WriteString(fmt.Sprint(t))
				}
				h.WriteString(fmt.Sprint(r.Register.Summary.Risks)) // the pager and counts
			}
			jobs = append(jobs, pageJob{path: path, template: "risk", deps: riskDeps, page: func() *Page {
				return b.page(path, r.ID+" "+r.Title, "risks", r, Crumb{b.t("nav.risks"), "risks/index.html"}, Crumb{r.ID, ""})
			}})
		}
	}
	file(risksCSV, func() ([]byte, error) { return b.risks.RisksCSV(), nil })
	file(rtpCSV, func() ([]byte, error) { return b.risks.RTPCSV(), nil })
	file(risksXLSX, func() ([]byte, error) {
		return b.risks.XLSX(risk.XLSXOptions{Words: b.t, Organization: s.Config.Organization})
	})
	return jobs
}

// rowCache keeps the rows of the register's tables and the cells of its
// heat maps from one render to the next: the register and the treatment
// plan show every risk, and an edit of risks.yaml in the live preview
// changes one or two.
type rowCache struct {
	mu         sync.Mutex
	prev, next map[uint64]template.HTML // by the row's fingerprint

	statusOnce sync.Once
	status     map[string]uint64 // by control ID: see controlStatus

	// The risks' sums (see riskPrep), by risk, kept while sumsOf — the
	// matrix and what every page shows — is the same.
	prevSums, sums     map[*risk.Risk]uint64
	prevSumsOf, sumsOf uint64
}

// RiskRows renders the partial templates/partials/NAME.html for each of
// a list of the register's risks, with .Page and .Risk: the rows of a
// table, one per line. A row is kept for the next render while its
// fingerprint holds — the risk, the SoA status and coverage of the
// controls it selects, the page's folder depth and what every page shows
// — so the partial may show these and nothing else.
func (p *Page) RiskRows(name string, risks []*risk.RiskView) (template.HTML, error) {
	b := p.build
	return keptParts(p, name, risks, func(r *risk.RiskView) map[string]any { return map[string]any{"Page": p, "Risk": r} }, func(h *maphash.Hash, r *risk.RiskView) {
		writeUint(h, b.riskSums[r])
		for _, id := range r.Controls {
			writeUint(h, b.controlStatus(id))
		}
	})
}

// ControlParts renders the partial templates/partials/NAME.html for each
// of a list of controls, by ID, with .Page and .Control
// (*model.ControlCoverage): the controls a risk selects, one per line. A
// control's part is kept while its SoA status and coverage are as they
// were (controlStatus) and the page's folder depth and what every page
// shows are the same, so the partial may show these and the control's ID
// and title, nothing else: a register names each control many times, and
// its part is rendered once.
func (p *Page) ControlParts(name string, ids []string) (template.HTML, error) {
	b := p.build
	controls := make([]*model.ControlCoverage, 0, len(ids))
	for _, id := range ids {
		if c := p.Site.Control(id); c != nil {
			controls = append(controls, c)
		}
	}
	return keptParts(p, name, controls, func(c *model.ControlCoverage) map[string]any {
		return map[string]any{"Page": p, "Control": c}
	}, func(h *maphash.Hash, c *model.ControlCoverage) {
		h.WriteString(c.ID)
		writeUint(h, b.controlStatus(c.ID))
	})
}

// controlStatus is the fingerprint of what the register's rows show of a
// control: its SoA status and coverage level. It is worked out once per
// render.
func (b *build) controlStatus(id string) uint64 {
	b.rows.statusOnce.Do(func() {
		b.rows.status = make(map[string]uint64, len(b.site.Controls))
		var h maphash.Hash
		h.SetSeed(b.seed)
		for _, c := range b.site.Controls {
			h.Reset()
			h.WriteString(fmt.Sprint(c.ID, c.Applicable, c.Status(), c.StatusDerived(), c.Level))
			b.rows.status[c.ID] = h.Sum64()
		}
	})
	return b.rows.status[id]
}

// ActionRows renders the partial NAME for each of a list of treatment
// actions, with .Page and .Action, kept like RiskRows' rows while its risk
// is as it was: the partial may show the action and its risk.
func (p *Page) ActionRows(name string, actions []*risk.ActionView) (template.HTML, error) {
	b := p.build
	return keptParts(p, name, actions, func(a *risk.ActionView) map[string]any { return map[string]any{"Page": p, "Action": a} }, func(h *maphash.Hash, a *risk.ActionView) {
		writeUint(h, b.riskSums[a.Risk])
		writeUint(h, uint64(slices.Index(a.Risk.Actions, a)))
	})
}

// HeatCells renders the partial NAME for each cell of a heat map's row,
// with .Page and .Cell, kept like RiskRows' rows while the cell and its
// risks are as they were: the partial may show the cell and its risks' IDs
// and titles.
func (p *Page) HeatCells(name string, cells []*risk.HeatCell) (template.HTML, error) {
	b := p.build
	return keptParts(p, name, cells, func(c *risk.HeatCell) map[string]any { return map[string]any{"Page": p, "Cell": c} }, func(h *maphash.Hash, c *risk.HeatCell) {
		h.WriteString(fmt.Sprint(c.ID, c.Score, c.Acceptable))
		if c.Level != nil {
			h.WriteString(fmt.Sprint(c.Level.Name, c.Level.Tone))
		}
		for _, r := range c.Risks {
			writeUint(h, b.riskSums[r])
		}
	})
}

// ReviewGroup renders the partial templates/partials/reviewgroup.html for
// one section of the review schedule, with .Page, .ID, .State and .Groups.
// It is kept from one render to the next while the documents' metadata
// and what every page shows are the same: an edit of risks.yaml renders
// the reviews page again for its risks, not its thousand documents. The
// partial may show the documents' metadata and nothing else.
func (p *Page) ReviewGroup(id, state string, groups []views.OwnerDocuments) (template.HTML, error) {
	b := p.build
	type group struct{ id, state string }
	return keptParts(p, "reviewgroup", []group{{id, state}}, func(g group) map[string]any {
		return map[string]any{"Page": p, "ID": g.id, "State": g.state, "Groups": groups}
	}, func(h *maphash.Hash, g group) {
		h.WriteString(g.id)
		h.WriteByte(0)
		h.WriteString(g.state)
		writeUint(h, b.allMeta)
	})
}

// keptParts renders the partial templates/partials/NAME.html for each
// item, one per line, with the data data gives. An item's rendering is
// reused from the previous render (or this one) when its fingerprint is
// the same: the partial's name, the page's folder depth, what every page
// shows, and what key writes of the item.
func keptParts[T any](p *Page, name string, items []T, data func(T) map[string]any, key func(*maphash.Hash, T)) (template.HTML, error) {
	b := p.build
	tmpl := p.theme.inLanguage(p.UILang()).pages["home"].Lookup("partials/" + name + ".html")
	if tmpl == nil {
		return "", fmt.Errorf("the theme has no templates/partials/%s.html", name)
	}
	var h maphash.Hash
	h.SetSeed(b.seed)
	h.WriteString(name)
	h.WriteByte(0)
	h.WriteString(p.Root())
	writeUint(&h, b.stamp)
	common := h.Sum64() // what every item's fingerprint starts with
	sums := make([]uint64, len(items))
	for i, it := range items {
		h.Reset()
		writeUint(&h, common)
		key(&h, it)
		sums[i] = h.Sum64()
	}
	// A table of the register has thousands of rows, most of them kept:
	// they are looked up, and the new ones stored, under one lock each.
	parts := make([]template.HTML, len(items))
	var missing []int
	b.rows.mu.Lock()
	for i, sum := range sums {
		part, ok := b.rows.prev[sum]
		if !ok {
			part, ok = b.rows.next[sum]
		}
		if ok {
			parts[i] = part
		} else {
			missing = append(missing, i)
		}
	}
	b.rows.mu.Unlock()
	var buf bytes.Buffer
	for _, i := range missing {
		buf.Reset()
		if err := tmpl.Execute(&buf, data(items[i])); err != nil {
			return "", err
		}
		parts[i] = template.HTML(buf.String())
	}
	size := 0
	b.rows.mu.Lock()
	for i, sum := range sums {
		b.rows.next[sum] = parts[i]
		size += len(parts[i]) + 1
	}
	b.rows.mu.Unlock()
	var out strings.Builder
	out.Grow(size)
	for i, part := range parts {
		if i > 0 {
			out.WriteByte('\n')
		}
		out.WriteString(string(part))
	}
	return template.HTML(out.String()), nil
}

// RiskView is the risk register's data for the page, or nil when the site
// has no register.
func (p *Page) RiskView() *risk.RegisterView { return p.risks }

// RisksFor lists the risks whose treatment selects a control.
func (p *Page) RisksFor(control string) []*risk.RiskView {
	if p.risks == nil {
		return nil
	}
	return p.risks.ForControl(control)
}

// RiskURL is the link to a risk's page.
func (p *Page) RiskURL(id string) string { return p.URL(urls.Risk(id)) }

// DocByID is the published document with an ID, or nil.
func (p *Page) DocByID(id string) *model.Document {
	d, _ := p.Site.Document(id)
	return d
}

// RiskDescription is a risk's description: its Markdown rendered, with its
// references linked as in a document's body.
func (p *Page) RiskDescription(id string) template.HTML {
	return p.fillBody(p.Site.RiskText[id], p.Site.RiskRefs[id])
}

// Intro is the site folder's README.md or index.md, shown above the list
// of documents.
func (p *Page) Intro() template.HTML { return p.fillBody(p.Site.Intro, p.Site.IntroRefs) }
