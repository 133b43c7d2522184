package generator

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/isms-project/isms/internal/browsertest"
	"github.com/isms-project/isms/internal/output"
	"github.com/isms-project/isms/internal/sitefs"
)

// TestSearchInBrowser builds the example ISMS, writes it to a folder, and
// searches it in a real Chromium: served over HTTP by a plain file server,
// and opened from the folder through file:// (an auditor's offline copy) —
// both under the strict Content-Security-Policy of the pages' own meta
// element, which must be in force and must break nothing. Results appear as the query is typed, a
// Norwegian inflection finds its stem, the first result opens the right
// page, an ID query offers the control first, and ?q= shows the results.
func TestSearchInBrowser(t *testing.T) {
	if _, err := os.Stat("../content/isms.yaml"); err != nil {
		t.Skip("the example ISMS in ../content is missing")
	}
	ctx := browsertest.Start(t)
	res, err := Build(sitefs.DirFS("../content"), Options{Today: today})
	if err != nil || res.Output == nil {
		t.Fatalf("build: %v\n%s", err, res.Findings.Text())
	}
	dir := filepath.Join(t.TempDir(), "site")
	if err := output.Write(dir, "", res.Output); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir))) // no CSP header: the page's meta is the policy
	t.Cleanup(srv.Close)
	fileRoot := (&url.URL{Scheme: "file", Path: filepath.ToSlash(dir) + "/"}).String()

	for _, site := range []struct{ name, root string }{{"http", srv.URL + "/"}, {"file", fileRoot}} {
		t.Run(site.name, func(t *testing.T) {
			tab, cancel := chromedp.NewContext(ctx)
			defer cancel()
			// The first action on a tab opens it for the tab context's life,
			// so it runs without the timeout the steps below have.
			if err := chromedp.Do(tab); err != nil {
				t.Fatal(err)
			}
			run := func(name string, actions ...chromedp.Action[chromedp.Void]) {
				t.Helper()
				c, cancel := context.WithTimeout(tab, 20*time.Second)
				defer cancel()
				if err := chromedp.Do(c, actions...); err != nil {
					t.Fatalf("%s: %v", name, err)
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

			// As the words are typed, results appear in the popup.
			input := chromedp.ID("search-input")
			run("open a policy", chromedp.Navigate(site.root+"docs/POL-01/index.html"), chromedp.WaitVisible(input))

			// The meta element's policy is in force: an inline script is refused.
			if v := eval(`(() => { const s = document.createElement("script"); s.textContent = "window.inlineRan = true"; document.head.appendChild(s); return window.inlineRan ? "allowed" : "refused" })()`); v != "refused" {
				t.Errorf("an inline script is %s: the page's Content-Security-Policy is not in force", v)
			}
			run("type", chromedp.Click(input), chromedp.SendKeys(input, "gjenopprettingste"))
			run("results as you type", browsertest.Poll(`document.querySelectorAll("#search-popup a.search-hit").length > 0`))
			first := eval(`document.querySelector("#search-popup a.search-hit").getAttribute("href")`)
			if !strings.HasSuffix(first, "docs/REG-2026-03/index.html") && !strings.Contains(first, "docs/REG-2026-03/index.html#") {
				t.Errorf("first result for the prefix of «gjenopprettingstest» links to %q, want the restore test record REG-2026-03", first)
			}
			run("open the first result", browsertest.Script(`document.querySelector("#search-popup a.search-hit").click()`), browsertest.Poll(`location.pathname.includes("/docs/REG-2026-03/")`))

			// An ID query offers the control before any document.
			run("ID query", chromedp.WaitVisible(input), chromedp.Click(input), chromedp.SendKeys(input, "5.15"),
				browsertest.Poll(`document.querySelector("#search-popup a") !== null && document.querySelector("#search-popup a").getAttribute("href").endsWith("controls/5.15/index.html")`))

			// The results page: an inflected word finds documents that say
			// its stem, and the snippets carry highlights, not markup.
			run("results page", chromedp.Navigate(site.root+"search/index.html?q=sikkerhetskopiene"),
				browsertest.Poll(`document.querySelectorAll("#search-page a.search-hit").length >= 3`))
			if v := eval(`document.getElementById("search-input").value`); v != "sikkerhetskopiene" {
				t.Errorf("search box on the results page shows %q", v)
			}
			marks := eval(`Array.from(document.querySelectorAll("#search-page mark")).map(m => m.textContent.toLowerCase()).join(" ")`)
			if !strings.Contains(marks, "sikkerhetskopi") {
				t.Errorf("highlights %q lack a form of sikkerhetskopi", marks)
			}
		})
	}
}
