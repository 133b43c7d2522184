package render

import (
	"hash/maphash"
	"html/template"
	"io/fs"
	"testing"
	"time"

	"github.com/isms-project/isms/catalog"
	"github.com/isms-project/isms/internal/corpus"
	"github.com/isms-project/isms/internal/markdown"
	"github.com/isms-project/isms/internal/model"
	"github.com/isms-project/isms/internal/output"
	"github.com/isms-project/isms/internal/sitefs"
)

// loadSite reads and resolves a site the way the build does, without the
// build's caches: what the views are rendered from.
func loadSite(tb testing.TB, fsys fs.FS, today time.Time) *model.Site {
	tb.Helper()
	cat, err := catalog.New()
	if err != nil {
		tb.Fatal(err)
	}
	cfgSrc, err := fs.ReadFile(fsys, model.ConfigFile)
	if err != nil {
		tb.Fatal(err)
	}
	cfg, _ := model.ReadConfig(cfgSrc)
	site := &model.Site{Config: cfg, Catalog: cat, Today: today, SoA: model.SoA{Controls: map[string]*model.Applicability{}}}
	if soaSrc, err := fs.ReadFile(fsys, model.SoAFile); err == nil {
		site.SoA, _ = model.ReadSoA(soaSrc, cat)
	}
	files, err := sitefs.Walk(fsys, "", model.ConfigFile, model.SoAFile)
	if err != nil {
		tb.Fatal(err)
	}
	md := markdown.NewRenderer(cfg.UnsafeHTML, false)
	var docs []*model.Document
	for _, p := range files.Docs {
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			tb.Fatal(err)
		}
		docs = append(docs, model.ReadDocument(p, src, md))
	}
	if f := model.Resolve(site, docs, files.Files); len(f) > 0 {
		if n, _ := f.Count(); n > 0 {
			tb.Fatalf("the site has errors:\n%s", f.Text())
		}
	}
	return site
}

// BenchmarkViews renders the compliance views alone of the
// 10,000-document corpus; generator's BenchmarkViews builds the whole site
// they are part of.
func BenchmarkViews(b *testing.B) {
	fsys := corpus.FS(corpus.Options{Docs: 10000, Seed: 1})
	day, err := time.Parse(time.DateOnly, corpus.Today) // the day the corpus's dates are planned around
	if err != nil {
		b.Fatal(err)
	}
	site := loadSite(b, fsys, day)
	files, _, err := ThemeFS(fsys, site.Config)
	if err != nil {
		b.Fatal(err)
	}
	var themes ThemeCache
	th, err := themes.Load(files, "", false)
	if err != nil {
		b.Fatal(err)
	}
	seed := maphash.MakeSeed()
	newBuild := func() *build {
		return &build{site: site, theme: th, seed: seed, parts: fragments{parts: map[string]template.HTML{}}}
	}
	jobs := newBuild().viewJobs()
	var bytes int
	b.ReportAllocs()
	for b.Loop() {
		bd := newBuild()
		out := output.New(nil)
		if err := bd.renderPages(bd.viewJobs(), nil, map[string]renderedPage{}, out); err != nil {
			b.Fatal(err)
		}
		bytes = 0
		for _, p := range out.Paths() {
			data, _ := out.Read(p)
			bytes += len(data)
		}
	}
	b.ReportMetric(float64(len(jobs)), "files")
	b.ReportMetric(float64(bytes)/1e6, "MB")
}
