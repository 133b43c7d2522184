package serve

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/isms-project/isms/internal/corpus"
	"github.com/isms-project/isms/internal/urls"
)

// BenchmarkLiveReload measures what a policy author waits for: the time
// from writing a document to the reload event for its page, on the
// generated corpus. Each op is 20 edits of 20 documents (one at a time,
// each after the previous edit's rebuild): of the body (edit=body, what
// authors do most; targets: median ≤ 50 ms at 500 documents, ≤ 200 ms at
// 10,000), or of the title in the front matter (edit=title, which also
// re-renders the lists that show it). The metrics are the median, minimum
// and maximum of the edits, and the memory the server holds.
func BenchmarkLiveReload(b *testing.B) {
	b.Run("docs=1000/risks=2000/edit=risk", benchLiveReloadRisks)
	for _, n := range []int{500, 10000} {
		for _, edit := range []string{"body", "title"} {
			b.Run(fmt.Sprintf("docs=%d/edit=%s", n, edit), func(b *testing.B) { benchLiveReload(b, n, edit) })
		}
	}
}

func benchLiveReload(b *testing.B, n int, edit string) {
	dir := b.TempDir()
	if err := corpus.Write(dir, corpus.Options{Docs: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	var docs []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			docs = append(docs, p)
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	slices.Sort(docs)
	// 20 documents spread over the site, with their pages.
	type doc struct {
		file, page string
		src        []byte
	}
	var edits []doc
	for i := 0; len(edits) < 20; i++ {
		file := docs[(i*len(docs)/20+i/20)%len(docs)]
		src, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		if strings.Contains(string(src), "\nstatus: draft\n") {
			continue // no page
		}
		id := strings.TrimSpace(strings.SplitN(strings.SplitN(string(src), "id:", 2)[1], "\n", 2)[0])
		edits = append(edits, doc{file, urls.Doc(id), src})
	}

	ts := startServerIn(b, dir, Options{})
	b.Cleanup(func() {
		if b.Failed() {
			b.Logf("server log:\n%s", ts.log)
		}
	})
	ev := ts.events(b)

	var lat []time.Duration
	k := 0
	b.ResetTimer()
	for b.Loop() {
		for _, d := range edits {
			k++
			text := fmt.Appendf(slices.Clip(d.src), "\nRedigering %d.\n", k)
			if edit == "title" {
				text = bytes.Replace(d.src, []byte("\ntitle: \""), fmt.Appendf(nil, "\ntitle: \"%d ", k), 1)
			}
			start := time.Now()
			if err := os.WriteFile(d.file, text, 0o644); err != nil {
				b.Fatal(err)
			}
			for {
				e := ev.next(b)
				if e.name == "reload" && (e.data == d.page || e.data == "*") {
					lat = append(lat, time.Since(start))
					break
				}
				if e.name == "errors" && e.data != "[]" {
					b.Fatalf("the edit of %s made errors: %s", d.file, e.data)
				}
			}
			for e := ev.next(b); e.name != "built"; e = ev.next(b) {
			}
		}
	}
	b.StopTimer()
	// The memory the server holds: the site, its pages and the caches.
	runtime.GC()
	var mem runtime.MemStats
	runtime.ReadMemStats(&mem)
	heap := float64(mem.HeapAlloc) / (1 << 20)
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(lat[len(lat)/2]), "median-ms")
	b.ReportMetric(ms(lat[0]), "min-ms")
	b.ReportMetric(ms(lat[len(lat)-1]), "max-ms")
	b.ReportMetric(heap, "heap-MB")
	b.ReportMetric(float64(len(lat)), "edits")
}

// benchLiveReloadRisks edits one risk of a 2,000-risk register on the
// 1,000-document corpus, 20 times: from the save to the reload of the
// risk's page (target: at most 100 ms).
func benchLiveReloadRisks(b *testing.B) {
	dir := b.TempDir()
	if err := corpus.Write(dir, corpus.Options{Docs: 1000, Seed: 1, Risks: 2000}); err != nil {
		b.Fatal(err)
	}
	file := filepath.Join(dir, "risks.yaml")
	src, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	ts := startServerIn(b, dir, Options{Today: corpusDay(b)})
	b.Cleanup(func() {
		if b.Failed() {
			b.Logf("server log:\n%s", ts.log)
		}
	})
	ev := ts.events(b)
	var lat []time.Duration
	k := 0
	b.ResetTimer()
	for b.Loop() {
		for i := range 20 {
			k++
			id := fmt.Sprintf("R-%04d", i*97+1)
			text := bytes.Replace(src, []byte("Risiko "+strings.TrimLeft(id[2:], "0")+" for"), fmt.Appendf(nil, "Risiko %s (redigert %d) for", strings.TrimLeft(id[2:], "0"), k), 1)
			start := time.Now()
			if err := os.WriteFile(file, text, 0o644); err != nil {
				b.Fatal(err)
			}
			for {
				e := ev.next(b)
				if e.name == "reload" && (e.data == "risks/"+id+"/index.html" || e.data == "*") {
					lat = append(lat, time.Since(start))
					break
				}
				if e.name == "errors" && e.data != "[]" {
					b.Fatalf("the edit made errors: %s", e.data)
				}
			}
			for e := ev.next(b); e.name != "built"; e = ev.next(b) {
			}
		}
	}
	b.StopTimer()
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(lat[len(lat)/2]), "median-ms")
	b.ReportMetric(ms(lat[len(lat)-1]), "max-ms")
}

// corpusDay is the day the generated corpus is current on.
func corpusDay(b *testing.B) time.Time {
	day, err := time.Parse(time.DateOnly, corpus.Today)
	if err != nil {
		b.Fatal(err)
	}
	return day
}
