package generator

import (
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/isms-project/isms/internal/corpus"
)

// The views summarise the whole site, so their cost grows with it.
// BenchmarkViews measures the whole build they are part of on the
// 10,000-document corpus; internal/render's BenchmarkViews the views alone.
// The share of the second in the first is what the views add (target: at
// most 10 %).
//
//	go test ./generator ./internal/render -run '^$' -bench 'Views' -benchtime 5x

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
