package suggest

import (
	"os"
	"sync"
	"testing"

	"github.com/isms-project/isms/catalog"
	"github.com/isms-project/isms/internal/corpus"
)

// corpus10k is the benchmark corpus of the project (internal/corpus):
// 10,000 documents, read once.
var corpus10k = sync.OnceValues(func() (*catalog.Catalog, []Document) {
	cat, err := catalog.New()
	if err != nil {
		panic(err)
	}
	site, err := readSiteFS(corpus.FS(corpus.Options{Docs: 10000, Seed: 1}), cat)
	if err != nil {
		panic(err)
	}
	docs := make([]Document, len(site))
	for i, d := range site {
		docs[i] = d.Document
		docs[i].Cited = d.Controls
	}
	return cat, docs
})

// BenchmarkSuggest10k measures what `isms suggest` adds to reading the
// site at 10,000 documents: New (analysis and scoring on all cores) and
// Suggest with the default options. The goal is well under the command's
// 10 s for the whole run.
func BenchmarkSuggest10k(b *testing.B) {
	cat, docs := corpus10k()
	var n int
	b.ReportAllocs()
	for b.Loop() {
		out, err := New(cat, docs).Suggest(Options{})
		if err != nil {
			b.Fatal(err)
		}
		n = len(out)
	}
	b.ReportMetric(float64(len(docs))*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(n), "suggestions")
}

// BenchmarkCandidates10k measures the site's use: the three best
// candidate documents for every control, on an Index already built.
func BenchmarkCandidates10k(b *testing.B) {
	cat, docs := corpus10k()
	ix := New(cat, docs)
	b.ReportAllocs()
	for b.Loop() {
		for _, ctl := range cat.Controls() {
			if _, err := ix.Candidates(ctl.ID, Options{Limit: 3}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(cat.Controls()))*float64(b.N)/b.Elapsed().Seconds(), "controls/s")
}

// BenchmarkLeaveOut reports the leave-out figures of the example ISMS and
// of the northwind site (see TestLeaveOutExample) as metrics, for
// `make bench` and benchcmp.
func BenchmarkLeaveOut(b *testing.B) {
	cat := newCatalog(b)
	example := readSite(b, os.DirFS("../../content"), cat)
	northwind := readNorthwind(b, cat)
	var e, n leaveOut
	for b.Loop() {
		e = measure(cat, example)
		n = measure(cat, northwind)
	}
	b.ReportMetric(e.RPrecision, "example-R-precision")
	b.ReportMetric(e.RecallAt10, "example-recall@10")
	b.ReportMetric(e.PooledAP, "example-pooled-AP")
	b.ReportMetric(n.RPrecision, "northwind-R-precision")
	b.ReportMetric(n.RecallAt10, "northwind-recall@10")
	b.ReportMetric(n.PooledAP, "northwind-pooled-AP")
}
