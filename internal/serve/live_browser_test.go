package serve

import (
	"context"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/isms-project/isms/internal/browsertest"
)

// browser starts a headless Chromium for the test.
func browser(t *testing.T) context.Context { return browsertest.Start(t) }

// TestLiveBrowser drives the live preview in a real browser: an edit shows
// without a manual reload, a broken reference shows the overlay with its
// file and line, and the fix clears it.
func TestLiveBrowser(t *testing.T) {
	ctx := browser(t)
	ts := startServer(t, serveSite, Options{})

	// Whatever the page logs: CSP violations and script errors fail the
	// test. The messages come in order; the test's own mark at the end
	// says that those before it have all been read.
	const mark = "isms-test: the end"
	end := make(chan struct{})
	var mu sync.Mutex
	var console []string
	consoleCtx, stopConsole := context.WithCancel(ctx)
	defer stopConsole()
	messages := chromedp.Console(consoleCtx)
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
				continue // the site has none
			}
			if strings.HasSuffix(m.URL, "/_isms/events") && strings.Contains(m.Text, "ERR_CONNECTION_REFUSED") {
				continue // while the server restarts
			}
			if m.Type == chromedp.ConsoleError || m.IsException() || strings.Contains(m.Text, "Content Security Policy") {
				mu.Lock()
				console = append(console, m.String()+" ("+m.URL+")")
				mu.Unlock()
			}
		}
	}()

	step := func(name string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		c, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		if err := chromedp.Do(c, actions...); err != nil {
			t.Fatalf("%s: %v\nserver log:\n%s", name, err, ts.log)
		}
	}
	eval := func(expr string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return v
	}
	poll := browsertest.Poll
	connected := poll(`document.documentElement.dataset.ismsLive === "connected"`)
	shows := func(text string) chromedp.Action[chromedp.Void] {
		return poll(`document.querySelector("main") !== null && document.querySelector("main").innerText.includes(` + jsString(text) + `)`)
	}

	step("open the page", chromedp.Navigate(ts.url+"docs/POL-01/"), shows("version one"), connected)
	eval(`window.ismsMark = "same page"; ""`)

	ts.replace(t, "policies/pol-01.md", "version one", "version two")
	step("the edit appears", shows("version two"), connected)
	if eval(`String(window.ismsMark)`) == "same page" {
		t.Fatal("the page shows the edit without having reloaded")
	}

	ts.replace(t, "policies/pol-01.md", "See [[PRO-01]]", "See [[NOPE-404]]")
	step("the overlay appears", poll(`document.getElementById("isms-live-errors") !== null`))
	overlay := eval(`document.getElementById("isms-live-errors").innerText`)
	if !strings.Contains(overlay, "policies/pol-01.md:15:5") || !strings.Contains(overlay, `unknown document "NOPE-404"`) {
		t.Fatalf("overlay text:\n%s", overlay)
	}
	if role := eval(`document.getElementById("isms-live-errors").getAttribute("role")`); role != "alert" {
		t.Errorf("overlay role %q, want alert", role)
	}
	// Styled by /_isms/live.css (allowed by the CSP), with a close button
	// that takes the focus.
	step("the overlay is styled", poll(`getComputedStyle(document.getElementById("isms-live-errors")).position === "fixed"`))
	if got := eval(`(() => { const b = document.querySelector("#isms-live-errors button"); b.focus(); return document.activeElement === b ? "focused" : "not focused"; })()`); got != "focused" {
		t.Errorf("the close button is %s", got)
	}
	if !strings.Contains(eval(`document.querySelector("main").innerText`), "version two") {
		t.Error("the last good page is not shown under the overlay")
	}

	// A page opened while the site is broken shows the overlay too.
	step("a fresh page shows the overlay", chromedp.Navigate(ts.url+"docs/PRO-01/"), connected,
		poll(`document.getElementById("isms-live-errors") !== null && document.getElementById("isms-live-errors").innerText.includes("NOPE-404")`))
	step("back", chromedp.Navigate(ts.url+"docs/POL-01/"), connected, poll(`document.getElementById("isms-live-errors") !== null`))

	ts.replace(t, "policies/pol-01.md", "See [[NOPE-404]]", "See [[PRO-01]], fixed")
	step("the overlay goes and the fix shows", poll(`document.getElementById("isms-live-errors") === null`), shows("fixed"), connected)

	// The scroll position survives a reload.
	long := strings.Replace(serveSite["policies/pol-01.md"], "The policy text, version one.", strings.Repeat("A long paragraph of policy.\n\n", 300)+"The end, version five.", 1)
	ts.write(t, "policies/pol-01.md", long)
	step("the long page shows", shows("version five"), connected)
	eval(`window.scrollTo(0, 2000); ""`)
	ts.write(t, "policies/pol-01.md", strings.Replace(long, "version five", "version six", 1))
	step("the edit shows at the same place", shows("version six"), connected, poll(`Math.abs(window.scrollY - 2000) < 5`))

	// A stylesheet change is swapped in without a reload.
	ts.replace(t, "isms.yaml", "language: en", "language: en\ntheme: mytheme")
	step("the theme changes", poll(`getComputedStyle(document.body).color === "rgb(0, 0, 0)"`), connected)
	eval(`window.ismsMark = "same page"; ""`)
	ts.replace(t, "mytheme/assets/style.css", "black", "rgb(0, 0, 128)")
	step("the stylesheet is swapped", poll(`getComputedStyle(document.body).color === "rgb(0, 0, 128)"`))
	if eval(`String(window.ismsMark)`) != "same page" {
		t.Error("the page reloaded for a stylesheet change")
	}

	// An edit of another page leaves this one alone. The page handles its
	// events in order: once it has swapped the stylesheet of a later
	// rebuild, it has handled the edit's. A reload it decided on would
	// have left the scroll position in sessionStorage (live.ts, reload),
	// or, done, taken the mark.
	ts.rebuilds.upTo(t, ts.mark(t))
	ts.replace(t, "guidelines/gui-01.md", "Guidance.", "Other guidance.")
	ts.rebuilds.upTo(t, "guidelines/gui-01.md")
	ts.replace(t, "mytheme/assets/style.css", "rgb(0, 0, 128)", "rgb(0, 0, 64)")
	step("the next stylesheet is swapped", poll(`getComputedStyle(document.body).color === "rgb(0, 0, 64)"`))
	if got := eval(`String(window.ismsMark) + ", " + String(sessionStorage.getItem("isms-live-scroll:docs/POL-01/index.html"))`); got != "same page, null" {
		t.Errorf("the page reloaded for an edit of another page (mark, saved scroll position: %s)", got)
	}

	// After a restart of the server the page reloads by itself once the
	// server answers, showing what changed meanwhile.
	addr := ts.addr
	if err := ts.stop(); err != nil {
		t.Fatal(err)
	}
	step("the page sees the server go", poll(`document.documentElement.dataset.ismsLive === undefined`))
	ts.replace(t, "policies/pol-01.md", "version six", "version seven")
	ts = startServerIn(t, ts.dir, Options{Addr: addr})
	step("the page comes back with the change", shows("version seven"), connected)

	// A document with a new ID takes its readers along; a removed one
	// sends them home.
	step("open a guideline", chromedp.Navigate(ts.url+"docs/GUI-01/"), connected)
	ts.replace(t, "guidelines/gui-01.md", "id: GUI-01", "id: GUI-02")
	step("to the new ID's page", poll(`location.pathname === "/docs/GUI-02/index.html"`), connected)
	if err := os.Remove(ts.path("guidelines/gui-01.md")); err != nil {
		t.Fatal(err)
	}
	step("home", poll(`location.pathname === "/index.html"`), connected)
	eval(`console.info(` + jsString(mark) + `), ""`)
	select {
	case <-end:
	case <-time.After(10 * time.Second):
		t.Fatal("the console's messages were not read within 10 s")
	}
	mu.Lock()
	defer mu.Unlock()
	for _, m := range console {
		t.Errorf("console: %s", m)
	}
}

// jsString quotes s for JavaScript.
func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}
