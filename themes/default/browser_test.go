package defaulttheme_test

// Browser tests of the theme: the example ISMS (content/) built, written
// to a folder and served over HTTP with the strict Content-Security-Policy
// of isms serve, driven in a real headless Chromium through chromedp.
//
//   - TestAccessibility runs axe-core (npm package axe-core, installed
//     under testdata/a11y by `make test`) on the pages each kind of user
//     reads, in light and dark mode, and wants no serious or critical
//     violation.
//   - TestKeyboard: the skip link comes first and moves the focus to the
//     content; focus is visible; / focuses the search box; the menu button
//     opens and closes the navigation on a phone.
//   - TestCSP: no console error, no CSP violation, no request to another
//     host.
//   - TestLayoutShift: nothing moves while a page loads, also with a slow
//     script.
//   - TestNarrow: at 360 px wide no page scrolls sideways.
//   - TestPrint: a policy prints on A4 with its metadata and without the
//     navigation.
//   - TestScreenshots (with ISMS_SCREENSHOTS=1) makes the README's pictures.
//
// Without a chromium binary they are skipped, and say so; CI installs it.

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"maps"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/isms-project/isms/internal/browsertest"
	"github.com/isms-project/isms/internal/output"
)

// csp is the policy isms serve sends (generator/serve.go).
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"

// axePath is where `npm ci --prefix themes/default/testdata/a11y` puts axe-core.
const axePath = "testdata/a11y/node_modules/axe-core/axe.min.js"

// browser starts a headless Chromium for the test (internal/browsertest),
// or skips the test when there is none.
func browser(t *testing.T) context.Context {
	t.Helper()
	return browsertest.Start(t,
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("font-render-hinting", "none"),
		chromedp.WindowSize(1280, 900),
	)
}

var served struct {
	once sync.Once
	dir  string
	err  error
}

// serve writes the example to a folder (once for the package) and serves
// it over HTTP with the strict CSP.
func serve(t *testing.T) string { return serveGated(t, nil) }

// scriptGate holds the answers to script requests back until it is
// released: a page is then painted before its script runs, as on a slow
// network or with a cold cache, whatever the speed of the machine.
type scriptGate struct {
	mu   sync.Mutex
	open chan struct{} // closed when released; nil: not held
}

// hold holds back the scripts asked for from now on.
func (g *scriptGate) hold() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.open = make(chan struct{})
}

// release lets the held scripts go.
func (g *scriptGate) release() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.open != nil {
		close(g.open)
		g.open = nil
	}
}

// wait holds a script request until the gate is released.
func (g *scriptGate) wait(r *http.Request) {
	g.mu.Lock()
	open := g.open
	g.mu.Unlock()
	if open != nil {
		select {
		case <-open:
		case <-r.Context().Done():
		}
	}
}

// serveGated is serve with the scripts going through gate (when not nil),
// and not kept in the browser's cache, so that every page asks for them.
func serveGated(t *testing.T, gate *scriptGate) string {
	t.Helper()
	out := buildExample(t)
	served.once.Do(func() {
		served.dir, served.err = os.MkdirTemp("", "isms-theme-test-")
		if served.err == nil {
			served.err = output.Write(filepath.Join(served.dir, "site"), "", out)
		}
	})
	if served.err != nil {
		t.Fatal(served.err)
	}
	files := http.FileServer(http.Dir(filepath.Join(served.dir, "site")))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", csp)
		if gate != nil {
			w.Header().Set("Cache-Control", "no-store")
			if strings.HasSuffix(r.URL.Path, ".js") {
				gate.wait(r)
			}
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() {
		if gate != nil {
			gate.release() // before srv.Close, which waits for the held requests
		}
	})
	return srv.URL + "/"
}

func TestMain(m *testing.M) {
	code := m.Run()
	if served.dir != "" {
		os.RemoveAll(served.dir)
	}
	os.Exit(code)
}

// tab opens a new tab of the browser with a viewport.
func tab(t *testing.T, ctx context.Context, width, height int64) context.Context {
	t.Helper()
	c, cancel := chromedp.NewContext(ctx)
	t.Cleanup(cancel)
	if err := chromedp.Do(c, chromedp.EmulateViewport(width, height)); err != nil {
		t.Fatal(err)
	}
	return c
}

// open loads a page and waits until it is ready: the script has run, and on
// the results page the results are there.
func open(t *testing.T, c context.Context, base, page string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(c, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+page), loaded(page)); err != nil {
		t.Fatalf("opening %s: %v", page, err)
	}
}

// loaded waits until a page that is loading is ready: the script has run,
// and on the results page the results are there.
func loaded(page string) chromedp.Action[chromedp.Void] {
	steps := []chromedp.Action[chromedp.Void]{browsertest.Poll(`document.readyState === "complete"`)}
	if strings.HasPrefix(page, "search/") {
		steps = append(steps, browsertest.Poll(`document.querySelector("#search-page .search-results, #search-page .search-empty") !== null`))
	}
	return chromedp.Steps(steps...)
}

func eval[T any](t *testing.T, c context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(c, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

func colorScheme(t *testing.T, c context.Context, scheme string) {
	t.Helper()
	if _, err := chromedp.Call(c, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	}); err != nil {
		t.Fatal(err)
	}
}

// a11yPages are the pages each kind of user reads: the overview, a policy
// (an employee); an overdue procedure, a record with attachments, a
// document in review and a retired one (an author, an ISMS manager); a
// control and a clause with the matrix, the SoA and the mapping (an
// auditor); the other views, the lists, search results and the 404 page.
var a11yPages = []string{
	"index.html",
	"docs/POL-01/index.html",
	"docs/PRO-01/index.html",
	"docs/REG-2026-02/index.html",
	"docs/VEI-01/index.html",
	"docs/POL-08/index.html",
	"docs/index.html",
	"controls/5.15/index.html",
	"controls/index.html",
	"clauses/6.1.3/index.html",
	"matrix/index.html",
	"soa/index.html",
	"mapping/index.html",
	"transition/index.html",
	"reviews/index.html",
	"attributes/index.html",
	"attributes/control-type/preventive/index.html",
	"clauses/index.html",
	"search/index.html?q=passord",
	"search/index.html?q=5.15",
	"404.html",
	"risks/index.html",
	"risks/R-01/index.html",
	"rtp/index.html",
	"handbook/index.html",
	"changes/index.html",
}

type axeResult struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []struct {
		Target  []string `json:"target"`
		HTML    string   `json:"html"`
		Summary string   `json:"failureSummary"`
	} `json:"nodes"`
}

func loadAxe(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile(axePath)
	if errors.Is(err, os.ErrNotExist) {
		t.Fatalf("axe-core is not installed: run `npm ci --prefix themes/default/testdata/a11y` from the repository root (make test does it); it needs Node.js and npm")
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(src)
}

// runAxe injects axe-core into the page and returns its violations.
func runAxe(t *testing.T, c context.Context, axe string) []axeResult {
	t.Helper()
	if _, err := chromedp.Run(c, chromedp.Evaluate[chromedp.Void](axe)); err != nil {
		t.Fatalf("injecting axe-core: %v", err)
	}
	// WCAG 2.0 and 2.1, levels A and AA, and axe's best practices.
	res, err := chromedp.Run(c, chromedp.Evaluate[[]axeResult](`axe.run(document, {
		runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
		resultTypes: ["violations"],
	}).then(r => r.violations)`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("running axe-core: %v", err)
	}
	return res
}

// TestAccessibility: axe-core finds no serious or critical violation of
// WCAG 2.1 A/AA on the pages of the example, in light and in dark mode,
// nor on the search popup with results; moderate and minor findings are
// logged.
func TestAccessibility(t *testing.T) {
	ctx := browser(t)
	axe := loadAxe(t)
	base := serve(t)
	c := tab(t, ctx, 1280, 900)
	check := func(name string) {
		t.Helper()
		for _, v := range runAxe(t, c, axe) {
			var nodes []string
			for _, n := range v.Nodes[:min(len(v.Nodes), 5)] {
				nodes = append(nodes, fmt.Sprintf("\n\t\t%s: %s\n\t\t\t%s", strings.Join(n.Target, " "), n.HTML, strings.ReplaceAll(n.Summary, "\n", " ")))
			}
			msg := fmt.Sprintf("%s: %s (%s, %d elements): %s%s", name, v.ID, v.Impact, len(v.Nodes), v.Help, strings.Join(nodes, ""))
			if v.Impact == "serious" || v.Impact == "critical" {
				t.Error(msg)
			} else {
				t.Log(msg)
			}
		}
	}
	for _, scheme := range []string{"light", "dark"} {
		colorScheme(t, c, scheme)
		for _, p := range a11yPages {
			open(t, c, base, p)
			check(p + " (" + scheme + ")")
		}
		// The popup, open with results and a selected option.
		open(t, c, base, "docs/POL-01/index.html")
		ctx, cancel := context.WithTimeout(c, 20*time.Second)
		err := chromedp.Do(ctx,
			chromedp.Click(chromedp.ID("search-input")),
			chromedp.SendKeys(chromedp.ID("search-input"), "tilgang"),
			browsertest.Poll(`document.getElementById("search-popup").dataset.query === "tilgang"`),
			chromedp.SendKeys(chromedp.ID("search-input"), kb.ArrowDown),
		)
		cancel()
		if err != nil {
			t.Fatalf("search popup: %v", err)
		}
		check("the search popup (" + scheme + ")")
	}
	colorScheme(t, c, "light")
}

// focusInfo says where the focus is and how it shows.
const focusInfo = `(() => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  const r = e.getBoundingClientRect();
  return {
    tag: e.tagName, id: e.id, cls: e.className && e.className.baseVal === undefined ? e.className : "",
    text: (e.textContent || e.value || "").trim().slice(0, 40),
    outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2,
    inView: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth && r.width > 0 && r.height > 0,
    inMain: !!e.closest("main"), inNav: !!e.closest("#site-nav"),
  };
})()`

type focus struct {
	Tag, ID, Cls, Text string
	Outline, InView    bool
	InMain, InNav      bool
}

// TestKeyboard: from the top of a page, Tab reaches the skip link first,
// and it shows; Enter on it moves the focus to the content; every element
// Tab reaches after that shows its focus and is in view; / focuses the
// search box; on a phone the menu button opens the navigation with the
// focus in it, and Escape closes it and gives the focus back.
func TestKeyboard(t *testing.T) {
	ctx := browser(t)
	base := serve(t)
	c := tab(t, ctx, 1280, 900)
	key := func(k string) focus {
		t.Helper()
		if err := chromedp.Do(c, chromedp.KeyEvent(k)); err != nil {
			t.Fatal(err)
		}
		return eval[focus](t, c, focusInfo)
	}

	open(t, c, base, "docs/POL-01/index.html")
	f := key(kb.Tab)
	if !strings.Contains(f.Cls, "skip-link") {
		t.Fatalf("the first Tab focuses %+v, want the skip link", f)
	}
	if !f.Outline || !f.InView {
		t.Errorf("the focused skip link does not show: %+v", f)
	}
	f = key(kb.Enter)
	if f.ID != "main" {
		t.Errorf("Enter on the skip link focuses %+v, want main", f)
	}
	if h := eval[string](t, c, `location.hash`); h != "#main" {
		t.Errorf("the skip link goes to %q, want #main", h)
	}
	f = key(kb.Tab)
	if !f.InMain {
		t.Errorf("Tab after the skip link focuses %+v, want the first link of the content", f)
	}

	// Tab through the header, the navigation and into the content: every
	// stop shows its focus and is in view, in this order.
	open(t, c, base, "controls/5.15/index.html")
	var order []string
	sawNav, sawMain := false, false
	for i := range 60 {
		f := key(kb.Tab)
		if f.Tag == "BODY" {
			break
		}
		order = append(order, f.Tag+"."+f.Cls+" "+f.Text)
		if !f.Outline {
			t.Errorf("Tab %d: the focus on %s %q does not show (no outline)", i+1, f.Tag, f.Text)
		}
		if !f.InView {
			t.Errorf("Tab %d: the focused %s %q is out of view", i+1, f.Tag, f.Text)
		}
		if f.InNav && sawMain {
			t.Errorf("Tab %d: back in the navigation after the content", i+1)
		}
		sawNav = sawNav || f.InNav
		sawMain = sawMain || f.InMain
		if f.InMain && !sawNav {
			t.Errorf("Tab %d reaches the content before the navigation", i+1)
		}
	}
	if !sawNav || !sawMain {
		t.Errorf("Tab did not reach the navigation and the content: %q", order)
	}
	if len(order) < 4 || !strings.Contains(order[0], "skip-link") || !strings.HasPrefix(order[1], "A.site-title") {
		t.Errorf("the tab order begins %q, want the skip link, then the site title", order[:min(4, len(order))])
	}

	// / focuses the search box.
	open(t, c, base, "docs/POL-01/index.html")
	if f := key("/"); f.ID != "search-input" {
		t.Errorf("/ focuses %+v, want the search box", f)
	}

	// The navigation on a phone.
	p := tab(t, ctx, 360, 740)
	open(t, p, base, "docs/POL-01/index.html")
	if v := eval[bool](t, p, `getComputedStyle(document.getElementById("site-nav")).display === "none"`); !v {
		t.Errorf("at 360 px the navigation shows before the menu button opens it")
	}
	tabs := func(n int) focus {
		var f focus
		for range n {
			if err := chromedp.Do(p, chromedp.KeyEvent(kb.Tab)); err != nil {
				t.Fatal(err)
			}
			f = eval[focus](t, p, focusInfo)
		}
		return f
	}
	if f := tabs(2); f.Cls != "nav-toggle" || !f.Outline {
		t.Fatalf("at 360 px the second Tab focuses %+v, want the menu button, visibly", f)
	}
	if err := chromedp.Do(p, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	f = eval[focus](t, p, focusInfo)
	if !f.InNav || !f.InView {
		t.Errorf("the menu button leaves the focus on %+v, want the first link of the navigation", f)
	}
	if v := eval[string](t, p, `document.querySelector(".nav-toggle").getAttribute("aria-expanded")`); v != "true" {
		t.Errorf("the open menu button has aria-expanded=%q", v)
	}
	if err := chromedp.Do(p, chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	f = eval[focus](t, p, focusInfo)
	if f.Cls != "nav-toggle" {
		t.Errorf("Escape leaves the focus on %+v, want the menu button", f)
	}
	if v := eval[bool](t, p, `getComputedStyle(document.getElementById("site-nav")).display === "none"`); !v {
		t.Errorf("Escape does not close the navigation")
	}
}

// layoutShift is the page's cumulative layout shift so far, and what
// moved: the shifts of every frame up to the next one, which is rendered
// after what the page has done so far.
const layoutShift = `new Promise(resolve => {
  let sum = 0;
  const moved = [];
  const add = entries => {
    for (const e of entries) {
      if (e.hadRecentInput) continue;
      sum += e.value;
      for (const s of e.sources || []) {
        const n = s.node;
        moved.push(n ? (n.nodeName + (n.className ? "." + n.className : "") + (n.id ? "#" + n.id : "")) : "?");
      }
    }
  };
  const observer = new PerformanceObserver(list => add(list.getEntries()));
  observer.observe({type: "layout-shift", buffered: true});
  requestAnimationFrame(() => requestAnimationFrame(() => {
    add(observer.takeRecords());
    observer.disconnect();
    resolve({sum, moved});
  }));
})`

// painted is true once the page is parsed and has painted content.
const painted = `document.readyState !== "loading" && performance.getEntriesByType("paint").some(e => e.name === "first-contentful-paint")`

// TestCSP: under the strict Content-Security-Policy of isms serve, the
// pages and the search (popup and results page) run without a console
// error or a CSP violation, and request nothing from another host.
func TestCSP(t *testing.T) {
	ctx := browser(t)
	base := serve(t)
	c := tab(t, ctx, 1280, 900)
	host := strings.TrimSuffix(strings.TrimPrefix(base, "http://"), "/")

	var mu sync.Mutex
	var problems []string
	note := func(s string) {
		mu.Lock()
		problems = append(problems, s)
		mu.Unlock()
	}
	// The console's messages, in order; the test's own mark at the end
	// says that those before it have all been read.
	const mark = "isms-test: the end"
	end := make(chan struct{})
	messages := chromedp.Console(c)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Text == mark {
				close(end)
				continue
			}
			if strings.HasSuffix(m.URL, "/favicon.ico") {
				continue
			}
			if m.Type == chromedp.ConsoleError || m.IsException() || strings.Contains(m.Text, "Content Security Policy") {
				note(fmt.Sprintf("console: %s (%s:%d)", m.Text, m.URL, m.Line+1))
			}
		}
	}()
	// Called in order with the replies to commands: a request the page
	// made is noted before the command after it returns.
	if err := chromedp.Listen(c, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			u, err := url.Parse(e.Request.URL)
			if err == nil && u.Scheme != "data" && u.Host != host {
				note("request to another host: " + e.Request.URL)
			}
		}
	}); err != nil {
		t.Fatal(err)
	}

	for _, p := range a11yPages {
		open(t, c, base, p)
	}
	// Search as you type, keyboard selection, the results page's filter.
	open(t, c, base, "index.html")
	cctx, cancel := context.WithTimeout(c, 20*time.Second)
	defer cancel()
	err := chromedp.Do(cctx,
		chromedp.Click(chromedp.ID("search-input")),
		chromedp.SendKeys(chromedp.ID("search-input"), "risiko"),
		browsertest.Poll(`document.getElementById("search-popup").dataset.query === "risiko"`),
		chromedp.SendKeys(chromedp.ID("search-input"), kb.ArrowDown),
		chromedp.SendKeys(chromedp.ID("search-input"), kb.Enter),
		browsertest.Poll(`location.pathname.includes("/docs/")`),
		chromedp.Navigate(base+"search/index.html?q=tilgang"),
		browsertest.Poll(`document.querySelector(".search-filter button[data-type='policy']") !== null`),
		chromedp.Click(chromedp.CSS(".search-filter button[data-type='policy']")),
		browsertest.Poll(`document.querySelector(".search-filter button[data-type='policy']").getAttribute("aria-pressed") === "true"`),
	)
	if err != nil {
		t.Fatalf("searching: %v", err)
	}
	eval[bool](t, c, `console.info(`+strconv.Quote(mark)+`), true`)
	select {
	case <-end:
	case <-time.After(10 * time.Second):
		t.Fatal("the console's messages were not read within 10 s")
	}
	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Error(p)
	}
}

// TestLayoutShift: nothing moves while a page loads, also when its script
// comes late (a slow network, a cold cache) and the page is painted
// before the script has run: the header, the search box and the filters
// have their room from the start.
func TestLayoutShift(t *testing.T) {
	ctx := browser(t)
	var gate scriptGate
	base := serveGated(t, &gate)
	for _, size := range []struct{ w, h int64 }{{1280, 900}, {360, 740}} {
		c := tab(t, ctx, size.w, size.h)
		for _, p := range []string{"index.html", "docs/index.html", "docs/POL-01/index.html", "controls/5.15/index.html", "matrix/index.html", "soa/index.html", "reviews/index.html", "search/index.html?q=passord"} {
			// Painted without the script, then the script runs.
			gate.hold()
			cctx, cancel := context.WithTimeout(c, 30*time.Second)
			_, err := chromedp.Call(cctx, page.Navigate, page.NavigateParams{URL: base + p})
			if err == nil {
				err = chromedp.Do(cctx, browsertest.Poll(painted))
			}
			if err == nil {
				var scripts int
				scripts, err = chromedp.Run(cctx, chromedp.Evaluate[int](`performance.getEntriesByType("resource").filter(e => e.initiatorType === "script").length`))
				if err == nil && scripts > 0 {
					err = fmt.Errorf("%d scripts came before the page was painted", scripts)
				}
			}
			gate.release()
			if err == nil {
				err = chromedp.Do(cctx, loaded(p))
			}
			cancel()
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			type shift struct {
				Sum   float64
				Moved []string
			}
			if s := eval[shift](t, c, layoutShift); s.Sum > 0.001 {
				t.Errorf("%s at %d px: layout shift %.3f while loading, want none; moved: %q", p, size.w, s.Sum, s.Moved)
			}
		}
	}
}

// TestNarrow: at 360 px wide (a phone) no page scrolls sideways; wide
// tables scroll inside their own box.
func TestNarrow(t *testing.T) {
	ctx := browser(t)
	base := serve(t)
	c := tab(t, ctx, 360, 740)
	pages := append(slices.Clone(a11yPages), "docs/STD-07/index.html")
	for _, p := range pages {
		open(t, c, base, p)
		type widths struct{ Scroll, Inner int }
		w := eval[widths](t, c, `({scroll: document.scrollingElement.scrollWidth, inner: innerWidth})`)
		if w.Scroll > w.Inner {
			wide := eval[[]string](t, c, `[...document.querySelectorAll("main *")].filter(e => e.getBoundingClientRect().right > innerWidth + 1 && !e.closest(".sheet-wrap, .table-wrap, .prose table, pre")).slice(0, 5).map(e => e.tagName + "." + e.className + ": " + (e.textContent || "").trim().slice(0, 40))`)
			t.Errorf("%s scrolls sideways at 360 px: %d px wide; too wide: %q", p, w.Scroll, wide)
		}
	}
}

// TestPrint: a policy prints on A4 paper, with the site's name at the top,
// its title and metadata, and without the search box, navigation,
// breadcrumbs, contents and pager.
func TestPrint(t *testing.T) {
	ctx := browser(t)
	base := serve(t)
	c := tab(t, ctx, 1280, 900)
	open(t, c, base, "docs/POL-01/index.html")
	if _, err := chromedp.Call(c, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	hidden := eval[[]string](t, c, `[".search", ".nav-toggle", ".site-section", ".site-nav", ".breadcrumbs", ".toc", ".pager", ".skip-link", "#search-popup"]
	  .filter(s => { const e = document.querySelector(s); return e && getComputedStyle(e).display !== "none"; })`)
	if len(hidden) > 0 {
		t.Errorf("printed, these show: %q", hidden)
	}
	shown := eval[[]string](t, c, `[".site-title .site-org", ".site-title .site-name", "h1", ".meta-card", ".doc-kicker .classification", ".doc-body", ".site-footer .footer-note"]
	  .filter(s => { const e = document.querySelector(s); return !e || getComputedStyle(e).display === "none"; })`)
	if len(shown) > 0 {
		t.Errorf("printed, these are missing: %q", shown)
	}
	if _, err := chromedp.Call(c, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
		t.Fatal(err)
	}
	pdf, err := chromedp.Run(c, chromedp.PrintToPDF(func(p *page.PrintToPDFParams) { prefer := true; p.PreferCSSPageSize = &prefer }))
	if err != nil {
		t.Fatal(err)
	}
	// A4 is 595 × 842 points.
	var w, h float64
	if i := bytes.Index(pdf, []byte("/MediaBox [0 0 ")); i < 0 {
		t.Error("the PDF has no /MediaBox")
	} else if _, err := fmt.Sscanf(string(pdf[i+len("/MediaBox [0 0 "):]), "%g %g", &w, &h); err != nil || math.Abs(w-595) > 1 || math.Abs(h-842) > 1 {
		t.Errorf("the PDF's pages are %g × %g points, want A4 (595 × 842)", w, h)
	}
	pages := bytes.Count(pdf, []byte("/Type /Page\n")) + bytes.Count(pdf, []byte("/Type /Page>")) + bytes.Count(pdf, []byte("/Type /Page/"))
	t.Logf("POL-01 prints on %d A4 pages (%d bytes of PDF)", pages, len(pdf))
	if dir := os.Getenv("ISMS_PRINT_DIR"); dir != "" {
		os.WriteFile(filepath.Join(dir, "POL-01.pdf"), pdf, 0o644)
	}
}

// TestScreenshots makes the pictures of the README from the example ISMS
// (run with ISMS_SCREENSHOTS=1; they go to screenshots/).
func TestScreenshots(t *testing.T) {
	if os.Getenv("ISMS_SCREENSHOTS") == "" {
		t.Skip("set ISMS_SCREENSHOTS=1 to remake screenshots/*.png")
	}
	ctx := browser(t)
	base := serve(t)
	shots := []struct {
		name, page    string
		width, height int64
		scheme        string
		do            []chromedp.Action[chromedp.Void]
	}{
		{"home", "index.html", 1280, 860, "light", nil},
		{"policy", "docs/POL-01/index.html", 1280, 860, "light", nil},
		{"control", "controls/5.18/index.html", 1280, 860, "light", nil},
		{"matrix", "matrix/index.html", 1280, 860, "light", []chromedp.Action[chromedp.Void]{scrollTo("#matrix-h")}},
		{"soa", "soa/index.html", 1280, 860, "light", []chromedp.Action[chromedp.Void]{scrollTo("#soa-h")}},
		{"search", "search/index.html?q=passord", 1280, 860, "light", nil},
		{"search-popup", "docs/POL-01/index.html", 1280, 860, "light", []chromedp.Action[chromedp.Void]{
			chromedp.Click(chromedp.ID("search-input")),
			chromedp.SendKeys(chromedp.ID("search-input"), "sikkerhetskopi"),
			browsertest.Poll(`document.getElementById("search-popup").dataset.query === "sikkerhetskopi"`),
			chromedp.SendKeys(chromedp.ID("search-input"), kb.ArrowDown),
		}},
		{"dark", "docs/PRO-01/index.html", 1280, 860, "dark", nil},
		{"risks", "risks/index.html", 1280, 900, "light", []chromedp.Action[chromedp.Void]{scrollTo("#heatmaps-h")}},
		{"rtp", "rtp/index.html", 1280, 860, "light", nil},
		{"phone", "docs/POL-01/index.html", 360, 780, "light", nil},
	}
	if err := os.MkdirAll("screenshots", 0o755); err != nil {
		t.Fatal(err)
	}
	for _, s := range shots {
		c := tab(t, ctx, s.width, s.height)
		colorScheme(t, c, s.scheme)
		open(t, c, base, s.page)
		cctx, cancel := context.WithTimeout(c, 20*time.Second)
		err := chromedp.Do(cctx, append(s.do, still)...)
		cancel()
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		shot, err := chromedp.Run(c, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		shot = recompress(t, shot)
		if err := os.WriteFile(filepath.Join("screenshots", s.name+".png"), shot, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshots/%s.png: %d KB", s.name, len(shot)/1024)
	}
}

// still waits until the page is still: its fonts loaded, its animations and
// transitions over, and a frame drawn after them.
func still(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
	_, err := chromedp.Evaluate[bool](`(async () => {
	  await document.fonts.ready;
	  await Promise.all(document.getAnimations().map(a => a.finished));
	  await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
	  return true;
	})()`, chromedp.EvalAwaitPromise)(ctx, t)
	return chromedp.Void{}, err
}

// scrollTo scrolls an element to the top of the page, under the header.
func scrollTo(sel string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := chromedp.Evaluate[chromedp.Void](`document.querySelector(`+fmt.Sprintf("%q", sel)+`).scrollIntoView()`)(ctx, t)
		return chromedp.Void{}, err
	}
}

// recompress writes the PNG again with at most 256 colours, the most
// frequent ones (a page is mostly a few flat colours; the shades of
// anti-aliased text go to their nearest), and the best compression: a
// third of the size, and no visible difference.
func recompress(t *testing.T, b []byte) []byte {
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	r := img.Bounds()
	count := map[color.RGBA]int{}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			count[color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)]++
		}
	}
	colors := slices.Collect(maps.Keys(count))
	slices.SortFunc(colors, func(a, b color.RGBA) int {
		return cmp.Or(count[b]-count[a], cmp.Compare(a.R, b.R), cmp.Compare(a.G, b.G), cmp.Compare(a.B, b.B), cmp.Compare(a.A, b.A))
	})
	var pal color.Palette
	for _, c := range colors[:min(256, len(colors))] {
		pal = append(pal, c)
	}
	out := image.NewPaletted(r, pal)
	index := map[color.RGBA]uint8{}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			i, ok := index[c]
			if !ok {
				i = uint8(pal.Index(c))
				index[c] = i
			}
			out.SetColorIndex(x, y, i)
		}
	}
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, out); err != nil {
		t.Fatal(err)
	}
	if buf.Len() > len(b) {
		return b
	}
	return buf.Bytes()
}

// TestRiskRegister: the register's filters work from the keyboard, and the
// heat maps and the treatment plan print.
func TestRiskRegister(t *testing.T) {
	ctx := browser(t)
	base := serve(t)
	c := tab(t, ctx, 1280, 900)
	open(t, c, base, "risks/index.html")
	rows := func() int {
		return eval[int](t, c, `[...document.querySelectorAll(".risk-table tbody tr")].filter(r => !r.hidden && getComputedStyle(r).display !== "none").length`)
	}
	all := rows()
	if all < 15 {
		t.Fatalf("the register shows %d risks, want the example's 22", all)
	}
	// Focus the treatment filter by keyboard and pick the next option.
	if err := chromedp.Do(c, browsertest.Script(`document.querySelector('.filters select[name="treatment"]').focus()`)); err != nil {
		t.Fatal(err)
	}
	if f := eval[string](t, c, `document.activeElement.name`); f != "treatment" {
		t.Fatalf("focus is on %q, want the treatment filter (is it still disabled?)", f)
	}
	if err := chromedp.Do(c, chromedp.KeyEvent(kb.ArrowDown)); err != nil {
		t.Fatal(err)
	}
	ctxT, cancel := context.WithTimeout(c, 10*time.Second)
	err := chromedp.Do(ctxT, browsertest.Poll(fmt.Sprintf(`[...document.querySelectorAll(".risk-table tbody tr")].filter(r => !r.hidden && getComputedStyle(r).display !== "none").length < %d`, all)))
	cancel()
	if err != nil {
		t.Errorf("choosing a treatment with the keyboard did not filter the %d risks: %v", all, err)
	}
	for _, p := range []string{"risks/index.html", "rtp/index.html"} {
		open(t, c, base, p)
		if _, err := chromedp.Call(c, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
			t.Fatal(err)
		}
		missing := eval[[]string](t, c, `["h1", "table", ".site-footer"].filter(s => { const e = document.querySelector(s); return !e || getComputedStyle(e).display === "none"; })`)
		if p == "risks/index.html" && eval[int](t, c, `[...document.querySelectorAll("table.heatmap")].filter(e => getComputedStyle(e).display !== "none").length`) != 2 {
			missing = append(missing, "the two heat maps")
		}
		if len(missing) > 0 {
			t.Errorf("%s printed lacks %q", p, missing)
		}
		if _, err := chromedp.Call(c, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
			t.Fatal(err)
		}
		pdf, err := chromedp.Run(c, chromedp.PrintToPDF(func(p *page.PrintToPDFParams) {}))
		if err != nil || len(pdf) < 1000 {
			t.Errorf("%s does not print: %v", p, err)
		}
	}
}
