package generator

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/isms-project/isms/internal/output"
	"golang.org/x/net/html"
)

// Every link in the output is relative, so that the site works from any
// folder and through file://. checkLinks parses pages and checks that each
// relative href and src names a file of the output and, when it has a
// #fragment, an element with that id in the target page.

// brokenLinks returns the broken links of the HTML pages in out, as
// "page: link (why)". pages lists the pages to check; none means every
// .html file of out.
func brokenLinks(out *output.Output, pages ...string) []string {
	if len(pages) == 0 {
		for _, p := range out.Paths() {
			if strings.HasSuffix(p, ".html") {
				pages = append(pages, p)
			}
		}
	}
	lc := linkChecker{out: out, ids: map[string]map[string]bool{}}
	var broken []string
	for _, page := range pages {
		data, err := out.Read(page)
		if err != nil {
			broken = append(broken, fmt.Sprintf("%s: page not in the output", page))
			continue
		}
		for _, link := range pageLinks(data) {
			if why := lc.check(page, link); why != "" {
				broken = append(broken, fmt.Sprintf("%s: %s (%s)", page, link, why))
			}
		}
	}
	return broken
}

// checkLinks fails the test for each broken link of the pages (all the
// output's pages if none are named).
func checkLinks(t testing.TB, out *output.Output, pages ...string) {
	t.Helper()
	broken := brokenLinks(out, pages...)
	for i, b := range broken {
		if i == 20 {
			t.Errorf("… and %d more broken links", len(broken)-i)
			break
		}
		t.Errorf("broken link: %s", b)
	}
}

// pageLinks lists the href and src values of an HTML page, entities decoded.
func pageLinks(data []byte) []string {
	var links []string
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return links
		case html.StartTagToken, html.SelfClosingTagToken:
			for {
				key, val, more := z.TagAttr()
				if k := string(key); k == "href" || k == "src" {
					links = append(links, string(val))
				}
				if !more {
					break
				}
			}
		}
	}
}

type linkChecker struct {
	out *output.Output
	ids map[string]map[string]bool // page → its element ids
}

// check returns why link from page is broken, or "".
func (lc linkChecker) check(page, link string) string {
	u, err := url.Parse(link)
	switch {
	case err != nil:
		return "not a URL"
	case u.Scheme != "" || u.Host != "":
		return "" // external: not checked
	case strings.HasPrefix(link, "/"):
		return "absolute path; links must be relative"
	}
	target := page
	if u.Path != "" {
		target = path.Join(path.Dir(page), u.Path)
		if strings.HasSuffix(u.Path, "/") || u.Path == "." {
			target = path.Join(target, "index.html")
		}
		if strings.HasPrefix(target, "../") || target == ".." {
			return "leaves the site"
		}
	}
	if _, err := lc.out.Read(target); err != nil {
		return "no file " + target
	}
	if u.Fragment == "" || !strings.HasSuffix(target, ".html") {
		return ""
	}
	if !lc.pageIDs(target)[u.Fragment] {
		return "no id " + u.Fragment + " in " + target
	}
	return ""
}

// pageIDs lists the id attributes of a page (cached).
func (lc linkChecker) pageIDs(page string) map[string]bool {
	if ids, ok := lc.ids[page]; ok {
		return ids
	}
	ids := map[string]bool{}
	data, _ := lc.out.Read(page)
	z := html.NewTokenizer(bytes.NewReader(data))
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		for {
			key, val, more := z.TagAttr()
			if string(key) == "id" {
				ids[string(val)] = true
			}
			if !more {
				break
			}
		}
	}
	lc.ids[page] = ids
	return ids
}

// TestLinkChecker: the checker itself finds what it must.
func TestLinkChecker(t *testing.T) {
	out := output.New(nil)
	out.Set("index.html", []byte(`<a href="docs/A/index.html#top">a</a><a href="./">root</a><a href="https://example.org/x">ext</a><img src="logo.svg">`))
	out.Set("docs/A/index.html", []byte(`<h1 id="top">A</h1><a href="../../index.html">up</a><a href="../B/index.html">b</a><a href="#nope">n</a><a href="../../../out.html">o</a><a href="/abs.html">abs</a><a href="../../docs/A/index.html?x=1&amp;y=2#top">q</a>`))
	out.Set("logo.svg", []byte(`<svg/>`))
	got := brokenLinks(out)
	want := []string{
		"docs/A/index.html: ../B/index.html (no file docs/B/index.html)",
		"docs/A/index.html: #nope (no id nope in docs/A/index.html)",
		"docs/A/index.html: ../../../out.html (leaves the site)",
		"docs/A/index.html: /abs.html (absolute path; links must be relative)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("broken links:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
