package generator

import (
	"html/template"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/isms-project/isms/internal/corpus"
	"github.com/isms-project/isms/internal/output"
)

// The views summarise the whole site, so their cost grows with it. These
// benchmarks measure it on the 10,000-document corpus: the views alone
// (render) and the whole build they are part of (build); the share of the
// first in the second is what the views add (target: at most 10 %).
//
//	go test ./generator -run '^$' -bench 'Views' -benchtime 5x

var (
	corpus10kOnce sync.Once
	corpus10k     fstest.MapFS
)

func corpusSite(b *testing.B) fstest.MapFS {
	corpus10kOnce.Do(func() { corpus10k = corpus.FS(corpus.Options{Docs: 10000, Seed: 1}) })
	return corpus10k
}

func BenchmarkViews(b *testing.B) {
	fsys := corpusSite(b)
	day, err := time.Parse(time.DateOnly, corpus.Today) // the day the corpus's dates are planned around
	if err != nil {
		b.Fatal(err)
	}
	b.Run("render", func(b *testing.B) {
		var bl Builder
		res, err := bl.Build(fsys, Options{Today: day, NoSearch: true})
		if err != nil || res.Output == nil {
			b.Fatalf("build: %v %v", err, res.Findings.Text())
		}
		// A build as Builder.Build makes it, views only.
		newBuild := func() *build {
			return &build{opts: Options{Today: day}, site: res.Site, theme: bl.theme, seed: bl.seed, parts: fragments{parts: map[string]template.HTML{}}}
		}
		jobs := newBuild().viewJobs()
		var bytes int
		b.ReportAllocs()
		for b.Loop() {
			bd := newBuild()
			out := output.New(nil)
			if _, err := bd.renderPages(bd.viewJobs(), nil, out); err != nil {
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
	})
	b.Run("build", func(b *testing.B) {
		b.ReportAllocs()
		var docs int
		for b.Loop() {
			var bl Builder
			res, err := bl.Build(fsys, Options{Today: day, NoSearch: true})
			if err != nil || res.Output == nil {
				b.Fatalf("build: %v", err)
			}
			docs = len(res.Site.Documents)
		}
		b.ReportMetric(float64(docs)*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	})
}
