package search

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/isms-project/isms/internal/browsertest"
)

// The browser test drives the client in a real headless Chromium over a
// small site that follows the theme's DOM contract, under a strict
// Content-Security-Policy, served over HTTP and opened through file://.

// browser starts a headless Chromium, or skips the test without one.
func browser(t testing.TB) context.Context { return browsertest.Start(t) }

const pageTemplate = `<!doctype html>
<html lang="nb" data-root="{root}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'">
<title>{title}</title>
<script src="{root}assets/search.js" defer></script>
</head>
<body>
<form id="search-form" role="search" action="{root}search/index.html" method="get">
<input id="search-input" name="q" type="search" autocomplete="off" aria-controls="search-popup" aria-expanded="false" aria-autocomplete="list">
<div id="search-popup" role="listbox" hidden></div>
</form>
<main>{main}</main>
</body>
</html>
`

func page(root, title, main string) []byte {
	r := strings.NewReplacer("{root}", root, "{title}", html.EscapeString(title), "{main}", main)
	return []byte(r.Replace(pageTemplate))
}

// writeTestSite writes the pages, the index and the bundled client.
func writeTestSite(t testing.TB, docs []Document, entries []Entry, pages bool) string {
	t.Helper()
	dir := t.TempDir()
	write := func(name string, b []byte) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, err := Export(analyzeAll(docs), Options{Lang: "nb", Entries: entries})
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range files {
		write("search/"+name, b)
	}
	write("assets/search.js", bundleClient(t, true))
	write("index.html", page("./", "Hjem", "<h1>Hjem</h1>"))
	write("search/index.html", page("../", "Søk", `<h1>Søk</h1><div id="search-page"></div>`))
	for _, d := range docs {
		if !pages {
			break
		}
		var b strings.Builder
		fmt.Fprintf(&b, "<h1 id=\"title\">%s</h1>", html.EscapeString(d.Title))
		for _, s := range d.Sections {
			if s.Heading != "" {
				fmt.Fprintf(&b, "<h2 id=\"%s\">%s</h2>", html.EscapeString(s.Anchor), html.EscapeString(s.Heading))
			}
			fmt.Fprintf(&b, "<p>%s</p>", html.EscapeString(s.Text))
		}
		write(d.URL, page("../../", d.Title, b.String()))
	}
	for _, e := range entries {
		name, _, _ := strings.Cut(e.URL, "#")
		depth := strings.Count(name, "/")
		write(name, page(strings.Repeat("../", depth), e.Title, "<h1 id=\"title\">"+html.EscapeString(e.ID+" "+e.Title)+"</h1>"))
	}
	return dir
}

// consoleErrors collects the page's errors and CSP violations.
func consoleErrors(ctx context.Context) func() []string {
	// (The site has no favicon.ico.)
	var mu sync.Mutex
	var errs []string
	go func() {
		for m, err := range chromedp.Console(ctx) {
			if err != nil {
				return
			}
			if strings.HasSuffix(m.URL, "/favicon.ico") {
				continue
			}
			if m.Type == chromedp.ConsoleError || m.IsException() || strings.Contains(m.Text, "Content Security Policy") {
				mu.Lock()
				errs = append(errs, fmt.Sprintf("%s (%s:%d)", m.Text, m.URL, m.Line+1))
				mu.Unlock()
			}
		}
	}()
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(errs)
	}
}

// latencyProbe measures each keystroke in the search box up to the frame
// that shows the popup's new results, in window.latencies;
// window.latencyPending counts the measures whose frame is still to come.
const latencyProbe = `(() => {
  const input = document.getElementById("search-input");
  const popup = document.getElementById("search-popup");
  window.latencies = [];
  window.latencyPending = 0;
  let t0 = 0;
  input.addEventListener("input", () => { t0 = performance.now(); }, true);
  new MutationObserver(() => {
    if (!t0) return;
    const start = t0;
    t0 = 0;
    window.latencyPending++;
    requestAnimationFrame(() => {
      window.latencies.push(performance.now() - start);
      window.latencyPending--;
    });
  }).observe(popup, { childList: true });
  return true;
})()`

// measureKeystrokes types text into the search box of the page at url,
// one character at a time, after a first query, and returns the time from
// each keystroke to the popup's next rendered frame, sorted.
func measureKeystrokes(t testing.TB, tab context.Context, url, first, text string) []float64 {
	t.Helper()
	input := chromedp.ID("search-input")
	c, cancel := context.WithTimeout(tab, 60*time.Second)
	defer cancel()
	err := chromedp.Do(c,
		chromedp.Navigate(url),
		chromedp.WaitVisible(input),
		chromedp.Click(input),
		chromedp.SendKeys(input, first),
		browsertest.Poll(`document.getElementById("search-popup").dataset.query === `+strconv.Quote(first)),
		func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
			_, err := chromedp.Evaluate[bool](latencyProbe)(ctx, tg)
			return chromedp.Void{}, err
		},
	)
	if err != nil {
		t.Fatalf("the first query: %v", err)
	}
	typed := first
	for _, r := range text {
		typed += string(r)
		if err := chromedp.Do(c, chromedp.SendKeys(input, string(r)), browsertest.Poll(`document.getElementById("search-popup").dataset.query === `+strconv.Quote(typed))); err != nil {
			t.Fatalf("typing %q: %v", typed, err)
		}
	}
	// The popup changed with the last query (the mutation observer has
	// run); its frame may be still to come.
	if err := chromedp.Do(c, browsertest.Poll(`window.latencyPending === 0`)); err != nil {
		t.Fatalf("the frames of the results: %v", err)
	}
	latencies, err := chromedp.Run(c, chromedp.Evaluate[[]float64](`window.latencies`))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(latencies)
	return latencies
}

// TestBrowserLatency10k measures keystroke-to-rendered-results on the
// 10,000-document corpus, over HTTP (skipped with -short).
// BenchmarkKeystroke10k measures, in a real Chromium over HTTP, the time
// from a keystroke to the rendered results on a 10,000-document index,
// after a first query: the median and 90th percentile over the keystrokes
// of two typed phrases.
func BenchmarkKeystroke10k(b *testing.B) {
	ctx := browser(b)
	dir := writeTestSite(b, corpus10k(), testEntries(), false)
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	var all []float64
	for b.Loop() {
		for _, q := range []struct{ first, text string }{
			{"passord ", "tilgangsstyring for leverandører"},
			{"risiko", "vurdering av sikkerhetskopiene"},
		} {
			all = append(all, measureKeystrokes(b, ctx, srv.URL+"/index.html", q.first, q.text)...)
		}
	}
	slices.Sort(all)
	b.ReportMetric(all[len(all)/2], "ms/keystroke-median")
	b.ReportMetric(all[len(all)*9/10], "ms/keystroke-p90")
	b.ReportMetric(all[len(all)-1], "ms/keystroke-max")
}

// TestBrowser drives the client in Chromium: results as you type, the
// first result opens the page bleve ranks first, keyboard navigation,
// snippets keep markup as text, ID queries, the results page with its
// filter, no page errors under the CSP — over HTTP and from file://. It
// also measures keystroke-to-rendered-results after the first query.
func TestBrowser(t *testing.T) {
	ctx := browser(t)
	docs := append(smallSite(), corpus(150, 12)...)
	dir := writeTestSite(t, docs, testEntries(), true)
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()

	// The page bleve ranks first for the query.
	const query = "sikkerhetskopiene"
	analyzed := analyzeAll(docs)
	ref := newReference(t, docs, analyzed)
	top, _ := ref.top(t, query, 1)
	if len(top) == 0 {
		t.Fatal("the reference finds nothing")
	}
	want := ref.site.docs[top[0].doc].url

	for _, site := range []struct{ name, base string }{
		{"http", srv.URL + "/"},
		{"file", "file://" + filepath.ToSlash(dir) + "/"},
	} {
		t.Run(site.name, func(t *testing.T) {
			tab, cancel := chromedp.NewContext(ctx)
			defer cancel()
			if err := chromedp.Do(tab); err != nil {
				t.Fatal(err)
			}
			errs := consoleErrors(tab)
			step := func(what string, actions ...chromedp.Action[chromedp.Void]) {
				t.Helper()
				c, cancel := context.WithTimeout(tab, 30*time.Second)
				defer cancel()
				if err := chromedp.Do(c, actions...); err != nil {
					t.Fatalf("%s: %v (page errors: %q)", what, err, errs())
				}
			}
			eval := func(expr string) string {
				t.Helper()
				v, err := chromedp.Run(tab, chromedp.Evaluate[string](expr))
				if err != nil {
					t.Fatalf("%s: %v", expr, err)
				}
				return v
			}
			input := chromedp.ID("search-input")
			clear := func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
				_, err := chromedp.Evaluate[string](`document.getElementById("search-input").value = ""`)(ctx, tg)
				return chromedp.Void{}, err
			}

			// Results as you type; the first result opens the page bleve ranks first.
			step("typing a query",
				chromedp.Navigate(site.base+"index.html"),
				chromedp.WaitVisible(input),
				chromedp.Click(input),
				chromedp.SendKeys(input, query),
				browsertest.Poll(`document.getElementById("search-popup").dataset.query === "`+query+`"`),
			)
			href := eval(`document.querySelector("#search-popup a.search-hit").getAttribute("href")`)
			if page, _, _ := strings.Cut(href, "#"); page != "./"+want {
				t.Errorf("first result links to %s, want ./%s", href, want)
			}
			step("opening the first result with the keyboard",
				chromedp.SendKeys(input, kb.ArrowDown),
				chromedp.SendKeys(input, kb.Enter),
				browsertest.Poll(`document.getElementById("title") !== null`),
			)
			// (The HTTP server redirects …/index.html to …/.)
			wantPage := site.base + strings.TrimSuffix(want, "index.html")
			if loc := eval(`location.href`); !strings.HasPrefix(loc, wantPage) || !strings.HasSuffix(loc, href[strings.Index(href+"#", "#"):]) {
				t.Errorf("Enter on the first result opened %s, want %s", loc, site.base+strings.TrimPrefix(href, "./"))
			}

			// Markup in a document is text in the snippet.
			step("the home page", chromedp.Navigate(site.base+"index.html"), chromedp.WaitVisible(input), chromedp.Click(input))
			step("searching markup",
				clear,
				chromedp.SendKeys(input, "script "),
				chromedp.WaitVisible(chromedp.CSS("#search-popup .search-hit-snippet mark")),
			)
			if n := eval(`String(document.querySelectorAll("#search-popup script, #search-popup b").length)`); n != "0" {
				t.Errorf("the popup has %s elements from a document", n)
			}
			if snippet := eval(`document.querySelector("#search-popup .search-hit-snippet").textContent`); !strings.Contains(snippet, `<script>alert("x")</script>`) {
				t.Errorf("snippet %q: want the markup as text", snippet)
			}

			// An ID query offers the control, then the clause.
			step("an ID query",
				clear,
				chromedp.SendKeys(input, "5.2"),
				chromedp.WaitVisible(chromedp.CSS("#search-popup a.search-entry")),
			)
			if got := eval(`[...document.querySelectorAll("#search-popup a.search-entry")].map(a => a.getAttribute("href")).join(" ")`); got != "./controls/5.2/index.html ./clauses/5.2/index.html" {
				t.Errorf("5.2 offers %q, want the control, then the clause", got)
			}

			// "/" focuses the search box; Escape closes the popup.
			step("keyboard",
				chromedp.Click(chromedp.CSS("h1")),
				chromedp.KeyEvent("/"),
			)
			focused := eval(`String(document.activeElement === document.getElementById("search-input"))`)
			step("escape", chromedp.SendKeys(input, kb.Escape))
			if hidden := eval(`String(document.getElementById("search-popup").hidden)`); focused != "true" || hidden != "true" {
				t.Errorf(`"/" focused the box: %s; Escape hid the popup: %s`, focused, hidden)
			}

			// The results page: ?q= shows the results, the box shows the query, the filter filters.
			step("the results page",
				chromedp.Navigate(site.base+"search/index.html?q=passord"),
				chromedp.WaitVisible(chromedp.CSS("#search-page ol.search-results li")),
			)
			value := eval(`document.getElementById("search-input").value`)
			all := eval(`String(document.querySelectorAll("#search-page ol.search-results li").length)`)
			first := eval(`document.querySelector("#search-page ol.search-results a").getAttribute("href")`)
			step("filtering",
				chromedp.Click(chromedp.CSS(`#search-page .search-filter button[data-type="procedure"]`)),
				chromedp.WaitVisible(chromedp.CSS(`#search-page .search-filter button[data-type="procedure"][aria-pressed="true"]`)),
			)
			types := eval(`[...document.querySelectorAll("#search-page .search-hit-type")].map(e => e.textContent).join(",")`)
			if value != "passord" || all == "0" || !strings.HasPrefix(first, "../docs/") {
				t.Errorf("results page: box %q, %s results, first link %q", value, all, first)
			}
			if types == "" || strings.Trim(strings.ReplaceAll(types, "Prosedyre", ""), ",") != "" {
				t.Errorf("filtered by procedure, the results have types %q", types)
			}
			for _, e := range errs() {
				t.Errorf("page error: %s", e)
			}
		})
	}
}
