package generator

import (
	"encoding/binary"
	"errors"
	"hash/maphash"
	"slices"
	"strings"

	"github.com/isms-project/isms/internal/model"
	"github.com/isms-project/isms/internal/output"
	"github.com/isms-project/isms/internal/parallel"
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
}

// jobs lists every page of the site.
func (b *build) jobs() []pageJob {
	s := b.site
	var jobs []pageJob
	add := func(path, tmpl string, deps func(*maphash.Hash), page func() *Page) {
		jobs = append(jobs, pageJob{path: path, template: tmpl, page: page, deps: deps})
	}
	all := func(h *maphash.Hash) { writeUint(h, b.allMeta) }
	none := func(*maphash.Hash) {}
	add("index.html", "home", all, func() *Page {
		return b.page("index.html", s.Config.Title, "home", nil)
	})
	add("docs/index.html", "docs", all, func() *Page {
		return b.page("docs/index.html", b.t("nav.documents"), "docs", nil, Crumb{b.t("nav.documents"), ""})
	})
	for _, d := range s.Documents {
		add(urls.Doc(d.ID), "doc", func(h *maphash.Hash) { b.documentDeps(h, d) }, func() *Page {
			p := b.page(urls.Doc(d.ID), d.Title, "docs", d, Crumb{b.t("nav.documents"), "docs/index.html"}, Crumb{b.t("types." + d.Type), "docs/index.html#" + d.Type}, Crumb{d.ID, ""})
			if d.Lang != "" {
				p.Lang = d.Lang
			}
			return p
		})
	}
	add("controls/index.html", "controls", all, func() *Page {
		return b.page("controls/index.html", b.t("nav.controls"), "controls", nil, Crumb{b.t("nav.controls"), ""})
	})
	for _, c := range s.Controls {
		add(urls.Control(c.ID), "control", func(h *maphash.Hash) { controlDeps(h, c) }, func() *Page {
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

func writeDocs(h *maphash.Hash, docs []*model.Document) {
	writeUint(h, uint64(len(docs)))
	for _, d := range docs {
		writeUint(h, d.MetaSum)
	}
}

// documentDeps: the document's own bytes, and the front matter of every
// document its page names.
func (b *build) documentDeps(h *maphash.Hash, d *model.Document) {
	writeUint(h, d.Sum)
	for _, a := range d.Attachments {
		if a.File != "" {
			writeUint(h, uint64(b.site.FileSize(a.Resolved(d))))
		}
	}
	writeDocs(h, b.site.PagerNeighbours(d)) // the previous and next links (page_theme.go)
	if r := b.site.Of(d); r != nil {
		writeDocs(h, r.Related)
		writeDocs(h, r.LinksTo)
		writeDocs(h, r.LinkedFrom)
	}
}

func controlDeps(h *maphash.Hash, c *model.ControlCoverage) {
	writeUint(h, uint64(c.Level))
	writeDocs(h, c.Documents)
	writeDocs(h, c.Records)
	writeDocs(h, c.Others)
}

func (b *build) clauseDeps(h *maphash.Hash, c *model.ClauseCoverage) {
	for _, cc := range append([]*model.ClauseCoverage{c}, b.site.Children(c)...) {
		writeDocs(h, cc.Documents)
		writeDocs(h, cc.Records)
		writeDocs(h, cc.Others)
	}
}

func (b *build) t(key string) string {
	if s, ok := b.theme.strings[b.site.Config.Language][key]; ok {
		return s
	}
	return b.theme.strings["en"][key]
}

func (b *build) page(path, title, section string, data any, crumbs ...Crumb) *Page {
	return &Page{Site: b.site, Path: path, Title: title, Section: section, Lang: b.site.Config.Language, Data: data, Crumbs: crumbs, theme: b.theme, live: b.opts.LiveReload, parts: &b.parts}
}

// renderPages renders on all cores the jobs whose fingerprint differs from
// the previous build's, and reuses the previous bytes for the others.
func (b *build) renderPages(jobs []pageJob, prev map[string]renderedPage, out *output.Output) (map[string]renderedPage, error) {
	pages := make(map[string]renderedPage, len(jobs))
	var todo []pageJob
	var keys []uint64
	for _, j := range jobs {
		var h maphash.Hash
		h.SetSeed(b.seed)
		h.WriteString(j.path)
		h.WriteString(j.template)
		writeUint(&h, b.stamp)
		j.deps(&h)
		key := h.Sum64()
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
	parallel.For(parallel.Seq(len(todo)), func(i int) {
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
	b.rendered = len(todo)
	return pages, errors.Join(errs...)
}

// renderedPage is a page of the previous build.
type renderedPage struct {
	key  uint64
	data []byte
}
