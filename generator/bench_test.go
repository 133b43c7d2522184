package generator

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/isms-project/isms/internal/corpus"
)

// benchSite writes the generated corpus of n documents once per process
// and returns its folder.
func benchSite(b *testing.B, n int) string {
	b.Helper()
	dir := filepath.Join(os.TempDir(), "isms-bench-corpus-"+strconv.Itoa(n))
	if _, err := os.Stat(filepath.Join(dir, "isms.yaml")); err == nil {
		return dir
	}
	os.RemoveAll(dir)
	if err := corpus.Write(dir, corpus.Options{Docs: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	return dir
}

var corpusToday, _ = time.Parse(time.DateOnly, corpus.Today)

func benchmarkBuild(b *testing.B, n int, opts Options) {
	dir := benchSite(b, n)
	root, err := os.OpenRoot(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer root.Close()
	opts.Today = corpusToday
	b.ReportAllocs()
	for b.Loop() {
		res, err := Build(root.FS(), opts)
		if err != nil {
			b.Fatal(err)
		}
		if res.Output == nil {
			b.Fatalf("build failed:\n%s", res.Findings.Text())
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkBuild is a cold build (a new Builder) into memory, without search.
func BenchmarkBuild1k(b *testing.B)  { benchmarkBuild(b, 1000, Options{NoSearch: true}) }
func BenchmarkBuild10k(b *testing.B) { benchmarkBuild(b, 10000, Options{NoSearch: true}) }

// BenchmarkBuild10kPublishAll publishes every document: against
// BenchmarkBuild10k, which withholds the corpus's confidential and
// restricted documents, it shows what withholding costs.
func BenchmarkBuild10kPublishAll(b *testing.B) {
	benchmarkBuild(b, 10000, Options{NoSearch: true, Classification: "restricted"})
}
