package defaulttheme_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/isms-project/isms/generator"
	"github.com/isms-project/isms/internal/output"
)

// wideTableSite is a site whose document has no contents column and a
// nine-column table, as Markdown written for GitHub often has, and one
// divided by level-1 headings only.
var wideTableSite = fstest.MapFS{
	"isms.yaml": {Data: []byte("title: Wide\nlanguage: en\n")},
	"register.md": {Data: []byte(`---
id: REG-01
title: Asset register
type: record
lang: en
---
Every asset with its owner and its handling.

| Asset | Owner | Location | Class | Retention | Backup | Crypto | Reviewed | Team |
|---|---|---|---|---|---|---|---|---|
| Laptops | ITManager | Offices | Internal | Lifetime | Nightly | BitLocker | 2026-01-31 | Helpdesk |
| Payroll | FinanceLead | Datacenter | Confidential | 7years | Hourly | AES | 2026-02-28 | Accounting |
| Website | Marketing | Cloud | Public | Indefinite | Weekly | TLS | 2026-03-31 | Agencyteam |
`)},
	"policy.md": {Data: []byte(`---
id: POL-01
title: Security policy
type: policy
lang: en
---
# Security policy

# Purpose

Why.

# Scope

What.

# Roles

Who.
`)},
}

// TestWideTable: on a document without a contents column a nine-column
// table gets the page's whole width at 1280 px and is not cut off; at
// 360 px the page still does not scroll sideways (the table scrolls in
// its own box). No column header breaks inside a word. A document divided
// by level-1 headings has a contents list of them.
func TestWideTable(t *testing.T) {
	ctx := browser(t)
	res, err := generator.Build(wideTableSite, generator.Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if res.Output == nil {
		t.Fatalf("the site has errors:\n%s", res.Findings.Text())
	}
	dir := filepath.Join(t.TempDir(), "site")
	if err := output.Write(dir, "", res.Output); err != nil {
		t.Fatal(err)
	}
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", csp)
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	base := srv.URL + "/"

	type box struct {
		Scroll, Client, Right, MainRight, Measure float64
		HasTOC                                    bool
	}
	measure := `(() => {
		const table = document.querySelector(".doc-body table");
		const main = document.querySelector("main");
		const ruler = document.createElement("div");
		ruler.style.width = "var(--measure)";
		document.body.append(ruler);
		const m = ruler.getBoundingClientRect().width;
		ruler.remove();
		const style = getComputedStyle(main);
		return {scroll: table.scrollWidth, client: table.clientWidth, right: table.getBoundingClientRect().right,
			mainRight: main.getBoundingClientRect().right - parseFloat(style.paddingRight), measure: m,
			hasTOC: document.querySelector(".toc") !== null};
	})()`
	// brokenHeaders lists the header words that are split over two lines.
	brokenHeaders := `[...document.querySelectorAll("thead th")].flatMap(th => {
		const out = [];
		const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
		for (let text; (text = walker.nextNode()); ) {
			for (const m of text.data.matchAll(/\S+/g)) {
				const r = document.createRange();
				r.setStart(text, m.index);
				r.setEnd(text, m.index + m[0].length);
				if (r.getClientRects().length > 1) out.push(m[0]);
			}
		}
		return out;
	})`

	wide := tab(t, ctx, 1280, 900)
	open(t, wide, base, "docs/REG-01/index.html")
	b := eval[box](t, wide, measure)
	if b.HasTOC {
		t.Fatalf("the register has a contents column; the case needs none")
	}
	if b.Scroll > b.Client+1 {
		t.Errorf("at 1280 px the table is cut off: %.0f px of %.0f show", b.Client, b.Scroll)
	}
	if b.Client <= b.Measure {
		t.Errorf("at 1280 px the table is %.0f px wide, no wider than the text measure (%.0f px): the case does not test a wide table", b.Client, b.Measure)
	}
	if b.Right > b.MainRight+1 {
		t.Errorf("the table ends at %.0f px, past the content's edge at %.0f px", b.Right, b.MainRight)
	}
	if broken := eval[[]string](t, wide, brokenHeaders); len(broken) > 0 {
		t.Errorf("at 1280 px header words break: %q", broken)
	}

	narrow := tab(t, ctx, 360, 740)
	open(t, narrow, base, "docs/REG-01/index.html")
	type widths struct{ Scroll, Inner int }
	if w := eval[widths](t, narrow, `({scroll: document.scrollingElement.scrollWidth, inner: innerWidth})`); w.Scroll > w.Inner {
		t.Errorf("at 360 px the page scrolls sideways: %d px wide", w.Scroll)
	}
	if broken := eval[[]string](t, narrow, brokenHeaders); len(broken) > 0 {
		t.Errorf("at 360 px header words break: %q", broken)
	}

	// The Statement of Applicability in English: CONTROL once broke as
	// CONTR/OL.
	for _, c := range []struct {
		name string
		tab  context.Context
	}{{"1280", wide}, {"360", narrow}, {"800", tab(t, ctx, 800, 900)}} {
		open(t, c.tab, base, "soa/index.html")
		if broken := eval[[]string](t, c.tab, brokenHeaders); len(broken) > 0 {
			t.Errorf("at %s px SoA header words break: %q", c.name, broken)
		}
	}

	open(t, wide, base, "docs/POL-01/index.html")
	toc := eval[[]string](t, wide, `[...document.querySelectorAll(".toc a")].map(a => a.textContent)`)
	if strings.Join(toc, "|") != "Purpose|Scope|Roles" {
		t.Errorf("contents of a document of level-1 sections: %q, want Purpose, Scope, Roles", toc)
	}
	if n := eval[int](t, wide, `document.querySelectorAll(".doc-body h1").length`); n != 3 {
		t.Errorf("%d level-1 headings in the body, want 3 (the title's repeat left out)", n)
	}
}
