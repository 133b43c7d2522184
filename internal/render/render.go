package render

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"html/template"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/isms-project/isms/internal/model"
	"github.com/isms-project/isms/internal/output"
	"github.com/isms-project/isms/internal/parallel"
	"github.com/isms-project/isms/internal/risk"
	"github.com/isms-project/isms/internal/suggest"
	"github.com/isms-project/isms/internal/urls"
)

// pageJob is one page of the site: where it goes, which template renders
// it, and how to make its data. Making the data is cheap; rendering is not,
// so live preview can list every page and render only those that changed.
type pageJob struct {
	path     string
	template string
	page     func() *Page
	deps     func(h *maphash.Hash) // writes what the page shows, for its fingerprint
	// render, when set, makes the file instead of the template (CSV, XLSX);
	// template then only names the job in its fingerprint.
	render func() ([]byte, error)
	// lazy: the live preview makes the file only when it is asked for — a
	// page of every document (the handbook), or an export nobody has open
	// in the browser, would slow every save.
	lazy bool
}

// jobs lists the pages of the site that show nothing of its git history:
// they are rendered while the history is still being read.
func (b *build) jobs() []pageJob {
	s := b.site
	var jobs []pageJob
	add := func(path, tmpl string, deps func(*maphash.Hash), page func() *Page) {
		jobs = append(jobs, pageJob{path: path, template: tmpl, page: page, deps: deps})
	}
	all := func(h *maphash.Hash) { writeUint(h, b.allMeta) }
	none := func(*maphash.Hash) {}
	add("docs/index.html", "docs", all, func() *Page {
		return b.page("docs/index.html", b.t("nav.documents"), "docs", nil, Crumb{b.t("nav.documents"), ""})
	})
	add("controls/index.html", "controls", all, func() *Page {
		return b.page("controls/index.html", b.t("nav.controls"), "controls", nil, Crumb{b.t("nav.controls"), ""})
	})
	for _, c := range s.Controls {
		add(urls.Control(c.ID), "control", func(h *maphash.Hash) { b.controlDeps(h, c) }, func() *Page {
			return b.page(urls.Control(c.ID), c.ID+" "+c.Title.In(s.Config.Language), "controls", c,
				Crumb{b.t("nav.controls"), "controls/index.html"}, Crumb{c.Theme.Title.In(s.Config.Language), "controls/index.html#" + c.Theme.ID}, Crumb{c.ID, ""})
		})
	}
	add("clauses/index.html", "clauses", all, func() *Page {
		return b.page("clauses/index.html", b.t("nav.clauses"), "clauses", nil, Crumb{b.t("nav.clauses"), ""})
	})
	for _, c := range s.Clauses {
		add(urls.Clause(c.ID), "clause", func(h *maphash.Hash) { b.clauseDeps(h, c) }, func() *Page {
			crumbs := []Crumb{{b.t("nav.clauses"), "clauses/index.html"}}
			for p := c.Parent; p != nil; p = p.Parent {
				crumbs = slices.Insert(crumbs, 1, Crumb{p.ID, urls.Clause(p.ID)})
			}
			crumbs = append(crumbs, Crumb{c.ID, ""})
			return b.page(urls.Clause(c.ID), c.ID+" "+c.Title.In(s.Config.Language), "clauses", c, crumbs...)
		})
	}
	add("search/index.html", "search", none, func() *Page {
		return b.page("search/index.html", b.t("search.title"), "search", nil, Crumb{b.t("search.title"), ""})
	})
	add("404.html", "404", none, func() *Page {
		return b.page("404.html", b.t("notfound.title"), "", nil)
	})
	jobs = append(jobs, b.viewJobs()...)
	jobs = append(jobs, b.handbookJobs()...)
	jobs = append(jobs, b.riskJobs()...)
	slices.SortFunc(jobs, func(a, b pageJob) int { return strings.Compare(a.path, b.path) })
	return jobs
}

// historyJobs lists the pages that show the history — the overview (its
// recently changed documents), each document's page and the pages of
// changes/ — once it has arrived (waitHistory): their number and their
// fingerprints depend on it.
func (b *build) historyJobs() []pageJob {
	s := b.site
	var jobs []pageJob
	add := func(path, tmpl string, deps func(*maphash.Hash), page func() *Page) {
		jobs = append(jobs, pageJob{path: path, template: tmpl, page: page, deps: deps})
	}
	withRisks := func(h *maphash.Hash) {
		writeUint(h, b.allMeta)
		writeUint(h, b.riskStamp)
		writeUint(h, b.historyStamp)
	}
	add("index.html", "home", withRisks, func() *Page {
		return b.page("index.html", s.Config.Title, "home", nil)
	})
	for _, d := range s.Documents {
		if d.Withheld && !s.Preview {
			continue // no page: the build withholds it
		}
		add(urls.Doc(d.ID), "doc", func(h *maphash.Hash) { b.documentDeps(h, d) }, func() *Page {
			p := b.page(urls.Doc(d.ID), d.Title, "docs", d, Crumb{b.t("nav.documents"), "docs/index.html"}, Crumb{b.t("types." + d.Type), "docs/index.html#" + d.Type}, Crumb{d.ID, ""})
			if d.Lang != "" {
				p.Lang = d.Lang
			}
			return p
		})
	}
	jobs = append(jobs, b.changesJobs()...)
	slices.SortFunc(jobs, func(a, b pageJob) int { return strings.Compare(a.path, b.path) })
	return jobs
}

// A page's fingerprint is a hash of what it shows; when it is the same as
// in the previous build, the previous bytes are reused without rendering.
// Every page shows the site stamp (config, soa.yaml, today, theme, the
// navigation); pages that list documents show their front matter.

func writeUint(h *maphash.Hash, v uint64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], v)
	h.Write(b[:])
}

// writeDocs writes what a page shows of each document it names, anywhere
// on it: the front matter (a link, a title, a date, a status, the list of
// attachments) and the sizes of the attached files (the evidence rows of
// control and clause pages print them). Every fingerprint of a page that
// names documents goes through it, so nothing a page shows of a document
// is left out of one page's fingerprint and kept in another's.
func (b *build) writeDocs(h *maphash.Hash, docs []*model.Document) {
	writeUint(h, uint64(len(docs)))
	for _, d := range docs {
		writeUint(h, d.MetaSum)
		for _, a := range d.Attachments {
			if a.File != "" {
				writeUint(h, uint64(b.site.FileSize(a.Resolved(d))))
			}
		}
	}
}

// documentDeps: the document's own bytes and files, and every document its
// page names.
func (b *build) documentDeps(h *maphash.Hash, d *model.Document) {
	writeUint(h, d.Sum)
	b.historyDeps(h, d)
	b.writeDocs(h, []*model.Document{d})
	b.writeDocs(h, b.site.PagerNeighbours(d)) // the previous and next links (page_theme.go)
	if r := b.site.Of(d); r != nil {
		for _, t := range r.Refs { // the resolved references show titles: of documents, risks, controls
			h.WriteString(fmt.Sprint(t))
		}
		b.writeDocs(h, r.Related)
		b.writeDocs(h, r.LinksTo)
		b.writeDocs(h, r.LinkedFrom)
	}
}

func (b *build) controlDeps(h *maphash.Hash, c *model.ControlCoverage) {
	b.riskDeps(h, c.ID)
	b.coverageDeps(h, c)
}

// coverageDeps writes what a control's coverage shows: its level, its
// justification and the documents that cite it.
func (b *build) coverageDeps(h *maphash.Hash, c *model.ControlCoverage) {
	writeUint(h, uint64(c.Level))
	if a := c.Applicability; a != nil {
		// The justification's references show the titles of what they name.
		for _, r := range a.Refs {
			h.WriteString(fmt.Sprint(r))
		}
	}
	b.writeDocs(h, c.Documents)
	b.writeDocs(h, c.Records)
	b.writeDocs(h, c.Others)
	b.suggestDeps(h, c.ID)
}

func (b *build) clauseDeps(h *maphash.Hash, c *model.ClauseCoverage) {
	for _, cc := range append([]*model.ClauseCoverage{c}, b.site.Children(c)...) {
		b.writeDocs(h, cc.Documents)
		b.writeDocs(h, cc.Records)
		b.writeDocs(h, cc.Others)
	}
}

// t is an interface string in the site's language, as Page.T.
func (b *build) t(key string) string { return b.theme.text(b.site.Config.Language, key) }

func (b *build) page(path, title, section string, data any, crumbs ...Crumb) *Page {
	return &Page{Site: b.site, Path: path, Title: title, Section: section, Lang: b.site.Config.Language, Data: data, Crumbs: crumbs, theme: b.theme, live: b.live, parts: &b.parts, risks: b.risks, candidates: b.candidates, build: b}
}

// renderPages renders on all cores the jobs whose fingerprint differs from
// the previous build's, and reuses the previous bytes for the others; it
// adds them to pages and counts those rendered.
func (b *build) renderPages(jobs []pageJob, prev, pages map[string]renderedPage, out *output.Output) error {
	// The fingerprints first, on all cores: a live edit renders a few
	// pages of thousands, and the fingerprints of the others are most of
	// its work.
	all := make([]uint64, len(jobs))
	b.forEach(len(jobs), func(i int) {
		j := jobs[i]
		if j.lazy && b.live {
			return
		}
		var h maphash.Hash
		h.SetSeed(b.seed)
		h.WriteString(j.path)
		h.WriteString(j.template)
		writeUint(&h, b.stamp)
		j.deps(&h)
		all[i] = h.Sum64()
	})
	var todo []pageJob
	var keys []uint64
	for i, j := range jobs {
		if j.lazy && b.live {
			make := j.render
			if make == nil {
				make = func() ([]byte, error) { return b.theme.execute(j.template, j.page()) }
			}
			out.SetLazy(j.path, make)
			continue
		}
		key := all[i]
		if p, ok := prev[j.path]; ok && p.key == key {
			pages[j.path] = p
			out.Set(j.path, p.data)
			continue
		}
		todo = append(todo, j)
		keys = append(keys, key)
	}
	html := make([][]byte, len(todo))
	errs := make([]error, len(todo))
	b.forEach(len(todo), func(i int) {
		if j := todo[i]; j.render != nil {
			html[i], errs[i] = j.render()
		} else {
			html[i], errs[i] = b.theme.execute(j.template, j.page())
		}
	})
	for i, j := range todo {
		pages[j.path] = renderedPage{keys[i], html[i]}
		out.Set(j.path, html[i])
	}
	b.rendered += len(todo)
	return errors.Join(errs...)
}

// forEach calls f for the indices 0 to n-1 on all cores and waits for
// them; while the history is still being read (historyReady open), one
// core is left to git, whose one process reading the log is what the rest
// of the render waits for: a second worker of ours would only slow git
// down.
func (b *build) forEach(n int, f func(i int)) {
	parallel.ForLeavingOne(n, b.historyReady, f)
}

// Input is what a render of the site takes.
type Input struct {
	Site       *model.Site
	Theme      *Theme
	Seed       maphash.Seed // of the fingerprints; the same for every render whose pages are reused
	LiveReload bool         // pages load the live-reload client (isms serve)
	// Sources are the site-wide input files every page shows something of
	// (isms.yaml, soa.yaml): any change to them renders every page.
	Sources [][]byte
	// Risks is risks.yaml's text: the pages that show the register are
	// rendered again when it changes.
	Risks []byte
	// History returns the site's git history, waiting for it if it is
	// still being read; nil (or a nil result) for none. Render calls it
	// once, after the pages that show nothing of the history (so they
	// render while git works), and before those that do.
	History func() *History
	// HistoryReady, when not nil, is closed once History no longer waits;
	// until then the render leaves a core to the reading of the history.
	HistoryReady <-chan struct{}
	// Candidates are, for each control that is a gap, the documents that
	// may already address it, best first (SPEC §12); nil for none.
	Candidates map[string][]suggest.Suggestion
}

// Pages are the pages of a render, each with the fingerprint of what it
// shows, and the register's table rows, for the next render to reuse.
type Pages struct {
	byPath map[string]renderedPage
	rows   map[uint64]template.HTML
	sums   map[*risk.Risk]uint64
	sumsOf uint64
}

// Render renders every page and file of the site, and the theme's assets,
// into out. A page whose fingerprint is the same as in prev is not rendered
// again: its bytes are reused. It returns the pages for the next render and
// the number rendered.
func Render(in Input, prev Pages, out *output.Output) (Pages, int, error) {
	b := &build{site: in.Site, theme: in.Theme, seed: in.Seed, live: in.LiveReload, parts: fragments{parts: map[string]template.HTML{}}, historyIn: in.History, historyReady: in.HistoryReady}
	b.rows = rowCache{prev: prev.rows, next: make(map[uint64]template.HTML, len(prev.rows)), prevSums: prev.sums, prevSumsOf: prev.sumsOf}
	b.stamps(in.Sources)
	b.riskPrep(in.Risks)
	b.suggestPrep(in.Candidates)
	pages := make(map[string]renderedPage, len(prev.byPath))
	if err := b.renderPages(b.jobs(), prev.byPath, pages, out); err != nil {
		return Pages{}, 0, err
	}
	b.waitHistory()
	if err := b.renderPages(b.historyJobs(), prev.byPath, pages, out); err != nil {
		return Pages{}, 0, err
	}
	for p, data := range in.Theme.assets {
		out.Set(p, data)
	}
	return Pages{byPath: pages, rows: b.rows.next, sums: b.rows.sums, sumsOf: b.rows.sumsOf}, b.rendered, nil
}

// renderedPage is a page of the previous build.
type renderedPage struct {
	key  uint64
	data []byte
}

// build is the state of one build.
type build struct {
	live     bool // pages load the live-reload client
	site     *model.Site
	theme    *Theme
	seed     maphash.Seed
	stamp    uint64 // what every page shows: config, soa.yaml, today, theme, navigation
	allMeta  uint64 // the front matter of every published document
	rendered int
	parts    fragments

	risks     *risk.RegisterView        // the risk register's pages' data; nil without one
	riskStamp uint64                    // what pages showing the register show of it
	riskSums  map[*risk.RiskView]uint64 // what a page listing a risk shows of it
	rows      rowCache                  // the register's table rows

	historyIn    func() *History // Input.History
	historyReady <-chan struct{} // Input.HistoryReady
	historyOnce  sync.Once       // waitHistory
	history      *History        // nil without git history; set by waitHistory
	historyStamp uint64          // what changes/ and the overview show of it; set by waitHistory

	candidates   map[string][]suggest.Suggestion // by control ID: documents that may address a gap
	suggestStamp uint64                          // what the matrix and the transition page show of them
}

// stamps computes the fingerprints every page shares.
func (b *build) stamps(sources [][]byte) {
	var h maphash.Hash
	h.SetSeed(b.seed)
	for _, src := range sources {
		h.Write(src)
	}
	h.WriteString(b.site.Today.Format(time.DateOnly))
	h.WriteString(fmt.Sprint(b.site.Drafts, b.live, b.site.Risks != nil)) // the navigation links the register when there is one
	writeUint(&h, b.theme.stamp)
	for _, g := range b.site.ByType() {
		h.WriteString(g.Type) // the navigation lists the types that have documents
	}
	b.stamp = h.Sum64()
	h.Reset()
	b.writeDocs(&h, b.site.Documents)
	b.allMeta = h.Sum64()
}

// ThemeCache keeps the last theme loaded. The zero value is ready to use.
type ThemeCache struct {
	seed   maphash.Seed
	seeded bool
	theme  *Theme
	key    uint64
}

// Load loads the theme in files (the default theme under the site's folder
// dir, if any), reusing the previous one unless its files changed.
func (c *ThemeCache) Load(files fs.FS, dir string, live bool) (*Theme, error) {
	if !c.seeded {
		c.seed, c.seeded = maphash.MakeSeed(), true
	}
	var h maphash.Hash
	h.SetSeed(c.seed)
	h.WriteString(fmt.Sprint(dir, live))
	if dir != "" {
		err := fs.WalkDir(files.(overlayFS).top, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(files.(overlayFS).top, p)
			h.WriteString(p)
			h.Write(data)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("reading theme folder %s: %w", dir, err)
		}
	}
	key := h.Sum64()
	if c.theme != nil && c.key == key {
		return c.theme, nil
	}
	th, err := loadTheme(files, live)
	if err != nil {
		return nil, err
	}
	th.stamp = key
	c.theme, c.key = th, key
	return th, nil
}
