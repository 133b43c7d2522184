package search

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// corpus10k is the benchmarks' corpus, generated once.
var corpus10k = sync.OnceValue(func() []Document { return siteCorpus(10000, 1) })

// analyzeParallel analyses docs on GOMAXPROCS workers, as the pipeline's
// workers call Analyze.
func analyzeParallel(docs []Document) []*Analyzed {
	out := make([]*Analyzed, len(docs))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(docs); i += workers {
				out[i] = Analyze(docs[i])
			}
		})
	}
	wg.Wait()
	return out
}

func indexBytes(files map[string][]byte) (total int) {
	for _, b := range files {
		total += len(b)
	}
	return total
}

func gzipSize(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

// BenchmarkIndex10k measures what the search index adds to a build of
// 10,000 documents (internal/corpus): Analyze of every document on all
// cores, as the pipeline's workers call it, and Export. It reports
// documents per second, the index's bytes and files, the memory the
// []*Analyzed holds, and — when node is on PATH — the bytes a one-word
// and a three-word query download from cold, client code included, raw
// (as from file://) and gzipped.
func BenchmarkIndex10k(b *testing.B) {
	docs := corpus10k()
	var files map[string][]byte
	b.ReportAllocs()
	for b.Loop() {
		var err error
		files, err = Export(analyzeParallel(docs), Options{})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	analyzed := analyzeParallel(docs)
	runtime.GC()
	runtime.ReadMemStats(&after)
	held := float64(after.HeapAlloc-before.HeapAlloc) / 1e6
	runtime.KeepAlive(analyzed)
	b.ReportMetric(float64(len(docs))*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(indexBytes(files)), "index-bytes")
	b.ReportMetric(float64(len(files)), "files")
	b.ReportMetric(held, "MB-held")
	if _, err := exec.LookPath("node"); err != nil {
		b.Log("node is not on PATH: the bytes a query downloads are not measured")
		return
	}
	for name, q := range map[string]string{"1word": "sikkerhetskopiene", "3words": "risikovurdering av leverandørene"} {
		raw, gz := queryBytes(b, files, q)
		b.ReportMetric(float64(raw), name+"-bytes")
		b.ReportMetric(float64(gz), name+"-gzip-bytes")
	}
}

// queryBytes returns what the query q downloads from cold, raw and
// gzipped: the bundled client, the manifest, the shards and the data of
// the results the popup shows.
func queryBytes(b testing.TB, files map[string][]byte, q string) (raw, gz int) {
	d := queryDownload(b, files, q)
	return d.raw, d.gzip
}

// A download is what a query loads from cold.
type download struct {
	raw, gzip int            // everything, client included
	client    int            // the bundled client, raw
	byKind    map[string]int // the index files by kind (manifest, t/, w/, d/), raw
	files     int
}

// data is the index data the query loads: everything but the client.
func (d download) data() int { return d.raw - d.client }

func (d download) String() string {
	return fmt.Sprintf("%d bytes (%d gzipped): client %d, manifest %d, term shards %d, dictionary %d, data shards %d, in %d files",
		d.raw, d.gzip, d.client, d.byKind["manifest"], d.byKind["t/"], d.byKind["w/"], d.byKind["d/"], d.files)
}

func queryDownload(b testing.TB, files map[string][]byte, q string) download {
	dir := b.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	node := startNode(b)
	var opened struct{ Docs int }
	node.call(b, map[string]any{"op": "open", "dir": dir}, &opened)
	var resp struct{ Results []clientResult }
	node.call(b, map[string]any{"op": "search", "queries": []string{q}, "k": 10, "show": popupHits, "cold": true}, &resp)
	client := bundleClient(b, true)
	d := download{raw: len(client), gzip: gzipSize(client), client: len(client), byKind: map[string]int{}}
	for _, f := range resp.Results[0].Loaded {
		d.raw += f.Bytes
		d.gzip += gzipSize(files[f.Key+".js"])
		kind := f.Key
		if i := strings.IndexByte(kind, '/'); i >= 0 {
			kind = kind[:i+1]
		}
		d.byKind[kind] += f.Bytes
		d.files++
	}
	return d
}

// BenchmarkAnalyze10k measures Analyze of every document on all cores.
func BenchmarkAnalyze10k(b *testing.B) {
	docs := corpus10k()
	b.ReportAllocs()
	for b.Loop() {
		analyzeParallel(docs)
	}
	b.ReportMetric(float64(len(docs))*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkExport10k measures Export alone, the step a live-preview
// rebuild repeats in full after one document changed.
func BenchmarkExport10k(b *testing.B) {
	analyzed := analyzeParallel(corpus10k())
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Export(analyzed, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// popupHits is how many results the popup shows (client/ui.ts).
const popupHits = 6

// TestIndexFigures logs the figures of the index at 1,000 and 10,000
// documents of the benchmark corpus: time and CPU time of Analyze and
// Export, memory held, files and bytes by kind, and the bytes of a
// one-word and a three-word query (run with -v; skipped with -short).
// TestQueryDownload builds the index of 1,000 and 10,000 documents, logs
// its figures, and holds a one-word and a three-word query to what they
// download cold, client included: at most 100 kB (raw bytes, as from
// file:// where nothing is compressed).
func TestQueryDownload(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 10,000-document index")
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node is not on PATH: the query is run by the client in Node.js (CI installs it)")
	}
	for _, n := range []int{1000, 10000} {
		docs := corpus10k()[:n]
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		cpu0 := cpuTime()
		start := time.Now()
		analyzed := analyzeParallel(docs)
		tAnalyze, cpuAnalyze := time.Since(start), cpuTime()-cpu0
		runtime.GC()
		runtime.ReadMemStats(&after)
		cpu0 = cpuTime()
		start = time.Now()
		files, err := Export(analyzed, Options{})
		if err != nil {
			t.Fatal(err)
		}
		tExport, cpuExport := time.Since(start), cpuTime()-cpu0
		kinds := map[string][2]int{}
		for name, b := range files {
			k := name
			if i := strings.IndexByte(name, '/'); i >= 0 {
				k = name[:i+1] + "N.js"
			}
			c := kinds[k]
			kinds[k] = [2]int{c[0] + 1, c[1] + len(b)}
		}
		t.Logf("%d docs (%.1f MB of text): analyze %v (CPU %v), export %v (CPU %v), held by []*Analyzed %.1f MB",
			len(docs), float64(textBytes(docs))/1e6, tAnalyze.Round(time.Millisecond), cpuAnalyze.Round(time.Millisecond),
			tExport.Round(time.Millisecond), cpuExport.Round(time.Millisecond), float64(after.HeapAlloc-before.HeapAlloc)/1e6)
		t.Logf("  index: %d files, %.1f MB", len(files), float64(indexBytes(files))/1e6)
		for _, k := range []string{"manifest.js", "types.js", "t/N.js", "w/N.js", "d/N.js"} {
			c := kinds[k]
			t.Logf("    %-12s %6d files %11d bytes", k, c[0], c[1])
		}
		for _, q := range []struct {
			text  string
			limit int
		}{{"sikkerhetskopiene", 100_000}, {"risikovurdering av leverandørene", 150_000}} {
			d := queryDownload(t, files, q.text)
			t.Logf("  query %q downloads %s", q.text, d)
			if d.data() > q.limit {
				t.Errorf("query %q downloads %d bytes of search data cold, want at most %d", q.text, d.data(), q.limit)
			}
		}
		if n == 10000 && len(files) > 2000 {
			t.Errorf("the index of %d documents is %d files, want at most 2,000", n, len(files))
		}
		runtime.KeepAlive(analyzed)
	}
}

func textBytes(docs []Document) int {
	n := 0
	for _, d := range docs {
		n += len(d.Title) + len(d.Summary)
		for _, s := range d.Sections {
			n += len(s.Heading) + len(s.Text)
		}
	}
	return n
}
