package generator

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
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
	benchmarkBuildSite(b, benchSite(b, n), n, opts)
}

// BenchmarkBuild is a cold build (a new Builder) into memory, without search.
func BenchmarkBuild1k(b *testing.B)  { benchmarkBuild(b, 1000, Options{NoSearch: true}) }
func BenchmarkBuild10k(b *testing.B) { benchmarkBuild(b, 10000, Options{NoSearch: true}) }

// The generated corpus cites every control, so its builds find no gap and
// look for no candidates. BenchmarkBuild1kGaps builds a copy of it whose
// documents cite none of 8.20–8.29, ten gaps, and so measures a build that
// finds the gaps' candidate documents (SPEC §12); against
// BenchmarkBuild1kGapsNoSuggest, which leaves them out, it shows what that
// costs.
func BenchmarkBuild1kGaps(b *testing.B) {
	benchmarkBuildSite(b, benchSiteGaps(b), 1000, Options{NoSearch: true})
}

func BenchmarkBuild1kGapsNoSuggest(b *testing.B) {
	benchmarkBuildSite(b, benchSiteGaps(b), 1000, Options{NoSearch: true, NoSuggest: true})
}

// BenchmarkBuild1kGapsWithSearch and its NoSuggest twin are the same
// pair as a default build makes them, with the search index: the search
// analysis keeps each section's text, which the candidates then reuse.
func BenchmarkBuild1kGapsWithSearch(b *testing.B) {
	benchmarkBuildSite(b, benchSiteGaps(b), 1000, Options{})
}

func BenchmarkBuild1kGapsWithSearchNoSuggest(b *testing.B) {
	benchmarkBuildSite(b, benchSiteGaps(b), 1000, Options{NoSuggest: true})
}

// BenchmarkGapCandidates1k is the part of what BenchmarkBuild1kGaps adds
// that is finding the candidates (Builder.candidates: the engine of
// internal/suggest on the ten gaps), on the documents' text read once.
// The rest is reading that text (the Markdown renderer keeps each
// section's plain text when a build may need candidates).
func BenchmarkGapCandidates1k(b *testing.B) {
	root, err := os.OpenRoot(benchSiteGaps(b))
	if err != nil {
		b.Fatal(err)
	}
	defer root.Close()
	var bl Builder
	res, err := bl.Build(root.FS(), Options{NoSearch: true, Today: corpusToday})
	if err != nil || res.Output == nil {
		b.Fatalf("build failed: %v", err)
	}
	var found int
	b.ReportAllocs()
	for b.Loop() {
		bl.suggested = suggestCache{} // no reuse: a cold build's work
		found = len(bl.candidates(res.Site))
	}
	if found == 0 {
		b.Fatal("no gap has candidates")
	}
	b.ReportMetric(float64(found), "gaps-with-candidates")
}

var hiddenCitation = regexp.MustCompile(`"8\.2[0-9]",\s*|,\s*"8\.2[0-9]"|"8\.2[0-9]"`)

// benchSiteGaps writes, once, the 1,000-document corpus with the
// citations of 8.20–8.29 taken out of its documents' front matter.
func benchSiteGaps(b *testing.B) string {
	b.Helper()
	src := benchSite(b, 1000)
	dir := src + "-gaps"
	if _, err := os.Stat(filepath.Join(dir, "isms.yaml")); err == nil {
		return dir
	}
	os.RemoveAll(dir)
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dir, rel)
		if d.IsDir() {
			return os.MkdirAll(to, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(p, ".md") {
			data = hiddenCitation.ReplaceAll(data, nil)
		}
		return os.WriteFile(to, data, 0o644)
	})
	if err != nil {
		os.RemoveAll(dir)
		b.Fatal(err)
	}
	return dir
}

// BenchmarkBuild10kPublishAll publishes every document: against
// BenchmarkBuild10k, which withholds the corpus's confidential and
// restricted documents, it shows what withholding costs.
func BenchmarkBuild10kPublishAll(b *testing.B) {
	benchmarkBuild(b, 10000, Options{NoSearch: true, Classification: "restricted"})
}

// BenchmarkBuild1kRisks builds the 1,000-document corpus with a register
// of 2,000 risks, search included; against BenchmarkBuild1kWithSearch it
// shows what the register adds (target: at most 0.3 s).
func BenchmarkBuild1kRisks(b *testing.B) {
	benchmarkBuildSite(b, benchSiteWith(b, corpus.Options{Docs: 1000, Seed: 1, Risks: 2000}), 1000, Options{})
}

// BenchmarkBuild1kWithSearch is the same corpus without the register.
func BenchmarkBuild1kWithSearch(b *testing.B) {
	benchmarkBuildSite(b, benchSiteWith(b, corpus.Options{Docs: 1000, Seed: 1}), 1000, Options{})
}

// benchSiteWith writes a generated corpus once per process.
func benchSiteWith(b *testing.B, opts corpus.Options) string {
	b.Helper()
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("isms-bench-corpus-%d-risks-%d", opts.Docs, opts.Risks))
	if _, err := os.Stat(filepath.Join(dir, "isms.yaml")); err == nil {
		return dir
	}
	os.RemoveAll(dir)
	if err := corpus.Write(dir, opts); err != nil {
		b.Fatal(err)
	}
	return dir
}

func benchmarkBuildSite(b *testing.B, dir string, n int, opts Options) {
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

// BenchmarkBuild10kWithSearch is BenchmarkBuild10k with the search index:
// the two show what search adds to a build (target: at most 30 %).
func BenchmarkBuild10kWithSearch(b *testing.B) { benchmarkBuild(b, 10000, Options{}) }
