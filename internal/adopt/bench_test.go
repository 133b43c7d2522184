package adopt

import (
	"fmt"
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/isms-project/isms/internal/testsites"
)

// BenchmarkSite adopts a site of 2,000 documents: the plain-en and
// plain-nb documents copied into 100 folders.
func BenchmarkSite(b *testing.B) {
	site := fstest.MapFS{}
	n := 0
	err := fs.WalkDir(testsites.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(len(p) > 6 && (p[:6] == "plain-")) || IsIntroduction(p) || p[len(p)-3:] != ".md" {
			return err
		}
		data, err := fs.ReadFile(testsites.FS, p)
		for i := range 100 {
			site[fmt.Sprintf("d%03d/%s", i, p)] = &fstest.MapFile{Data: data}
			n++
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Site(site, Options{Lang: "en"}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}
