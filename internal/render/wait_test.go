package render

import (
	"hash/maphash"
	"io/fs"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/isms-project/isms/internal/history"
	"github.com/isms-project/isms/internal/model"
	"github.com/isms-project/isms/internal/output"
)

// TestRenderWaitsForHistoryLast: the render asks for the history once,
// after every page that shows nothing of it is made and before any page
// that shows it; the pages that show it show it all the same, and so does
// a page of a theme's own that asks for it before its turn (here the 404
// page, listing the documents changed last).
func TestRenderWaitsForHistoryLast(t *testing.T) {
	dir := historyRepo(t, []historyCommit{
		{when: "2026-01-10T09:00:00Z", author: "Ada", message: "Version 1", files: map[string]string{
			"isms.yaml":                "title: T\norganization: O\nlanguage: en\ntheme: theme\n",
			"theme/templates/404.html": "{{define \"content\"}}<ul class=\"early\">{{range .RecentlyChanged 2}}<li>{{.Doc.ID}} {{$.ISODate .Date}}</li>{{end}}</ul>{{end}}\n",
			"policies/pol01.md":        historyPolicy("POL-01", "One", "1.0", "", "", "Reviewed yearly.\n"),
			"policies/pol02.md":        historyPolicy("POL-02", "Two", "1.0", "", "", "Kept for a year.\n"),
		}},
		{when: "2026-02-10T09:00:00Z", author: "Bo", message: "Version 2 of POL-01", files: map[string]string{
			"policies/pol01.md": historyPolicy("POL-01", "One", "2.0", "", "", "Reviewed quarterly.\n"),
		}},
	})
	out, calls, before := renderAskingHistory(t, dir, false)
	if calls != 1 {
		t.Fatalf("History called %d times, want once", calls)
	}
	for _, p := range []string{"controls/index.html", "clauses/index.html", "docs/index.html", "search/index.html", "soa/index.html", "404.html"} {
		if !slices.Contains(before, p) {
			t.Errorf("%s, which shows no history, was not made before the history was asked for", p)
		}
	}
	for _, p := range before {
		if p == "index.html" || strings.HasPrefix(p, "changes/") || (strings.HasPrefix(p, "docs/") && p != "docs/index.html") {
			t.Errorf("%s, which shows the history, was made before the history was asked for", p)
		}
	}
	if got := readPage(t, out, "docs/POL-01/index.html"); !strings.Contains(got, "Version 2 of POL-01") {
		t.Errorf("POL-01's page does not show its history")
	}
	if got := readPage(t, out, "changes/index.html"); !strings.Contains(got, "Version 2 of POL-01") || !strings.Contains(got, "Version 1") {
		t.Errorf("changes/ does not list both commits")
	}

	out, calls, _ = renderAskingHistory(t, dir, true)
	if calls != 1 {
		t.Fatalf("with the theme's 404 page: History called %d times, want once", calls)
	}
	if got := readPage(t, out, "404.html"); !strings.Contains(got, `<ul class="early"><li>POL-01 2026-02-10</li><li>POL-02 2026-01-10</li></ul>`) {
		t.Errorf("the theme's 404 page does not list POL-01 changed on 10 February, then POL-02:\n%s", got)
	}
}

// renderAskingHistory renders the site in dir, with its own theme folder
// or the default theme, and returns the output, how often the render
// asked for the history and which pages were made when it first did.
func renderAskingHistory(t *testing.T, dir string, themed bool) (out *output.Output, calls int, before []string) {
	t.Helper()
	fsys := os.DirFS(dir)
	site := loadSite(t, fsys, historyToday)
	if !themed {
		site.Config.Theme = ""
	}
	files, themeDir, err := ThemeFS(fsys, site.Config)
	if err != nil {
		t.Fatal(err)
	}
	var themes ThemeCache
	th, err := themes.Load(files, themeDir, false)
	if err != nil {
		t.Fatal(err)
	}
	log, err := history.Read(dir, history.Options{CommittedOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	body := func(d *model.Document) (string, error) {
		src, err := fs.ReadFile(fsys, d.Path)
		if err != nil {
			return "", err
		}
		return string(src[d.MetaEnd:]), nil
	}
	out = output.New(fsys)
	ready := make(chan struct{})
	in := Input{Site: site, Theme: th, Seed: maphash.MakeSeed(), HistoryReady: ready, History: func() *History {
		calls++
		before = out.Paths()
		close(ready)
		return &History{Log: log, Body: body}
	}}
	if _, _, err := Render(in, Pages{}, out); err != nil {
		t.Fatal(err)
	}
	return out, calls, before
}

// TestForEachLeavesACore: while the history is being read, the pages are
// made one fewer at a time than there are cores; once it has arrived, on
// every core; every page once, and the work ends even when the history
// never comes.
func TestForEachLeavesACore(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one core: nothing to leave")
	}
	cores := runtime.GOMAXPROCS(0)
	for _, arrives := range []bool{false, true} {
		ready := make(chan struct{})
		b := &build{historyReady: ready}
		const n = 200
		var running, most, mostAfter atomic.Int32
		var arrived atomic.Bool
		seen := make([]atomic.Int32, n)
		var once sync.Once
		b.forEach(n, func(i int) {
			seen[i].Add(1)
			now := running.Add(1)
			defer running.Add(-1)
			if arrived.Load() {
				raise(&mostAfter, now)
			} else {
				raise(&most, now)
			}
			if arrives && i == n/4 {
				once.Do(func() { arrived.Store(true); close(ready) })
			}
			time.Sleep(200 * time.Microsecond)
		})
		for i := range seen {
			if c := seen[i].Load(); c != 1 {
				t.Fatalf("arrives=%v: index %d done %d times", arrives, i, c)
			}
		}
		if m := most.Load(); int(m) > cores-1 {
			t.Errorf("arrives=%v: %d at once before the history arrived, on %d cores", arrives, m, cores)
		}
		if arrives && int(mostAfter.Load()) != cores {
			t.Errorf("%d at once after the history arrived, want %d", mostAfter.Load(), cores)
		}
	}
	// With the history there from the start, every core at once.
	ready := make(chan struct{})
	close(ready)
	b := &build{historyReady: ready}
	var running, most atomic.Int32
	b.forEach(50, func(int) {
		now := running.Add(1)
		defer running.Add(-1)
		raise(&most, now)
		time.Sleep(time.Millisecond)
	})
	if int(most.Load()) != cores {
		t.Errorf("%d at once with the history read, want %d", most.Load(), cores)
	}
}

// raise sets m to v if v is more.
func raise(m *atomic.Int32, v int32) {
	for {
		old := m.Load()
		if v <= old || m.CompareAndSwap(old, v) {
			return
		}
	}
}
