package render

import (
	"hash/maphash"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/isms-project/isms/internal/model"
	"github.com/isms-project/isms/internal/output"
	"github.com/rogpeppe/go-internal/txtar"
)

// handbookSite has policies in force, retired, withheld and draft; a
// procedure and a standard; a record; bodies with the same heading, links
// within a body, to other documents (with a fragment), to a control and to
// an attached file.
const handbookSite = `
-- isms.yaml --
title: Testfirma AS — ISMS
organization: Testfirma AS
language: nb
version: "2.1"
-- policies/pol-01.md --
---
id: POL-01
title: Informasjonssikkerhetspolicy
type: policy
owner: Daglig leder
approved: 2026-01-15
review: 2027-01-15
classification: internal
controls: ["5.1"]
---
## Formål

Policyen gjelder alle. Se [formålet](#formål), [[PRO-01]], [stegene](../procedures/pro-01.md#steg),
[[REG-01]], [[5.15]] og [skjemaet](skjema.pdf).
-- policies/skjema.pdf --
%PDF-1.4 a form
-- policies/pol-02.md --
---
id: POL-02
title: Acceptable use
type: policy
status: review
lang: en
---
## Purpose

What everyone may do with the company's equipment.
-- policies/pol-10.md --
---
id: POL-10
title: Kryptografi
type: policy
---
## Formål

Nøkler og algoritmer.
-- policies/pol-03.md --
---
id: POL-03
title: Gammel policy som er trukket tilbake
type: policy
status: retired
---
Utgått.
-- policies/pol-04.md --
---
id: POL-04
title: Hemmelig policy for styret
type: policy
classification: confidential
---
Fortrolig.
-- policies/pol-05.md --
---
id: POL-05
title: Utkast til ny policy
type: policy
status: draft
---
Utkast.
-- procedures/pro-01.md --
---
id: PRO-01
title: Tilgangsstyring
type: procedure
---
## Formål

Hvordan tilgang gis.

## Steg

1. Be om tilgang.
-- standards/std-01.md --
---
id: STD-01
title: Passord
type: standard
---
Minst 14 tegn.
-- records/reg-01.md --
---
id: REG-01
title: Tilgangsgjennomgang 2026
type: record
date: 2026-06-01
---
Gjennomgått.
`

var handbookToday = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)

// renderHandbookSite renders the site of handbookSite, and returns the
// output and the published site's attachments.
func renderHandbookSite(t *testing.T) (*output.Output, map[string]int64) {
	t.Helper()
	out, site := renderArchive(t, handbookSite)
	return out, site.Attachments()
}

// renderArchive renders a site (a txtar archive) with the default theme,
// as of handbookToday.
func renderArchive(t *testing.T, archive string) (*output.Output, *model.Site) {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(archive)).Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	site := loadSite(t, fsys, handbookToday)
	files, _, err := ThemeFS(fsys, site.Config)
	if err != nil {
		t.Fatal(err)
	}
	var themes ThemeCache
	th, err := themes.Load(files, "", false)
	if err != nil {
		t.Fatal(err)
	}
	out := output.New(fsys)
	if _, _, err := Render(Input{Site: site, Theme: th, Seed: maphash.MakeSeed()}, Pages{}, out); err != nil {
		t.Fatal(err)
	}
	return out, site
}

var (
	articleID = regexp.MustCompile(`<article class="handbook-doc[^"]*" id="([^"]+)"`)
	tocLink   = regexp.MustCompile(`<li><a href="#([^"]+)" data-page=`)
	anyID     = regexp.MustCompile(`\sid="([^"]*)"`)
	anyLink   = regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)
)

func TestHandbook(t *testing.T) {
	out, attachments := renderHandbookSite(t)
	read := func(p string) string {
		t.Helper()
		b, err := out.Read(p)
		if err != nil {
			t.Fatalf("the build has no %s: %v", p, err)
		}
		return string(b)
	}
	for _, tc := range []struct {
		page string
		docs []string
	}{
		{"handbook/index.html", []string{"POL-01", "POL-02", "POL-10"}},
		{"handbook/all/index.html", []string{"POL-01", "POL-02", "POL-10", "PRO-01", "STD-01"}},
	} {
		t.Run(tc.page, func(t *testing.T) {
			html := read(tc.page)
			var want []string
			for _, id := range tc.docs {
				want = append(want, "doc-"+id)
			}
			var articles, toc []string
			for _, m := range articleID.FindAllStringSubmatch(html, -1) {
				articles = append(articles, m[1])
			}
			for _, m := range tocLink.FindAllStringSubmatch(html, -1) {
				toc = append(toc, m[1])
			}
			if !slices.Equal(articles, want) {
				t.Errorf("documents %q, want %q (published, in force, not withheld, in natural order)", articles, want)
			}
			if !slices.Equal(toc, articles) {
				t.Errorf("the contents list %q, the page holds %q", toc, articles)
			}
			for _, gone := range []string{"Gammel policy", "Hemmelig policy", "Utkast til ny policy"} {
				if strings.Contains(html, gone) {
					t.Errorf("the handbook shows %q (retired, withheld or draft)", gone)
				}
			}
			// The title page.
			for _, s := range []string{"Testfirma AS", "Håndbok for informasjonssikkerhet", ">2.1<", "27. november 2026", ">" + strconv.Itoa(len(tc.docs)) + "<"} {
				if !strings.Contains(html, s) {
					t.Errorf("the title page lacks %q", s)
				}
			}
			// Every document's title is a heading of the page; the
			// bodies' headings are a level below it.
			if n := strings.Count(html, `<h2 class="handbook-doc-title">`); n != len(tc.docs) {
				t.Errorf("%d document titles, want %d", n, len(tc.docs))
			}
			if !strings.Contains(html, `<h3 id="doc-POL-01--formål">Formål</h3>`) {
				t.Error("POL-01's heading Formål is not an h3 with the document's prefix")
			}
			if !strings.Contains(html, `<article class="handbook-doc document" id="doc-POL-02" lang="en">`) {
				t.Error("POL-02 is not marked as English")
			}
			// One page, many bodies: every id once, and every link leads
			// somewhere: an id of the page, a file of the build or an
			// attachment the build copies.
			ids := map[string]int{}
			for _, m := range anyID.FindAllStringSubmatch(html, -1) {
				ids[m[1]]++
			}
			for id, n := range ids {
				if n > 1 {
					t.Errorf("id %q is on the page %d times", id, n)
				}
			}
			for _, m := range anyLink.FindAllStringSubmatch(html, -1) {
				href := strings.ReplaceAll(m[1], "&amp;", "&")
				target, frag, _ := strings.Cut(href, "#")
				switch {
				case strings.Contains(target, "://"):
				case target == "":
					if f, err := url.PathUnescape(frag); err != nil || ids[f] == 0 {
						t.Errorf("link %q: no such id on the page", href)
					}
				default:
					target, _, _ = strings.Cut(target, "?")
					p := path.Join(path.Dir(tc.page), target)
					if strings.HasSuffix(target, "/") || target == "." || target == "./" {
						p = path.Join(p, "index.html")
					}
					if a, ok := strings.CutPrefix(p, "files/"); ok {
						if _, copied := attachments[a]; !copied {
							t.Errorf("link %q: %s is not an attachment the build copies", href, a)
						}
					} else if _, err := out.Read(p); err != nil {
						t.Errorf("link %q: the build has no %s", href, p)
					}
				}
			}
			for _, link := range []string{`href="#doc-POL-01--form%C3%A5l"`, `href="../docs/REG-01/index.html"`, `href="files/policies/skjema.pdf"`} {
				if tc.page == "handbook/index.html" {
					link = strings.Replace(link, `href="files/`, `href="../files/`, 1)
				} else {
					link = strings.Replace(link, `href="../docs/`, `href="../../docs/`, 1)
					link = strings.Replace(link, `href="files/`, `href="../../files/`, 1)
				}
				if !strings.Contains(html, link) {
					t.Errorf("POL-01's body has no %s", link)
				}
			}
			// A link to a document of the handbook stays on the page.
			if tc.page == "handbook/all/index.html" {
				for _, link := range []string{`href="#doc-PRO-01"`, `href="#doc-PRO-01--steg"`} {
					if !strings.Contains(html, link) {
						t.Errorf("POL-01's link to PRO-01 is not %s", link)
					}
				}
			} else if !strings.Contains(html, `href="../docs/PRO-01/index.html"`) {
				t.Error("the policies' handbook does not hold PRO-01, but does not link to its page")
			}
		})
	}
	// Each handbook links the other, and the navigation links the handbook.
	if !strings.Contains(read("handbook/index.html"), `href="../handbook/all/index.html"`) || !strings.Contains(read("handbook/all/index.html"), `href="../../handbook/index.html"`) {
		t.Error("the two handbooks do not link each other")
	}
	if !strings.Contains(read("docs/index.html"), `href="../handbook/index.html"`) {
		t.Error("the navigation does not link the handbook")
	}
}

// writeHandbookSite writes the rendered site of handbookSite to a folder,
// for the print test, and returns the folder.
func writeHandbookSite(t *testing.T) string {
	t.Helper()
	out, _ := renderHandbookSite(t)
	dir := filepath.Join(t.TempDir(), "site")
	if err := output.Write(dir, "", out); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "handbook", "all", "index.html")); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestRewriteBody(t *testing.T) {
	mark := func(name, value string) string { return name + ":" + value }
	for _, tc := range []struct{ in, want string }{
		{`<h2 id="a">A</h2>`, `<h3 id="id:a">A</h3>`},
		{`<h1>T</h1><h5>x</h5><h6 id="z">y</h6>`, `<h2>T</h2><h6>x</h6><h6 id="id:z">y</h6>`},
		{`<hr><header><p>a<br>b</p>`, `<hr><header><p>a<br>b</p>`},
		{`<p><a href="#x" title="t">x</a> <img src="../../files/a.png" alt="id=&quot;q&quot;"></p>`,
			`<p><a href="href:#x" title="t">x</a> <img src="src:../../files/a.png" alt="id=&quot;q&quot;"></p>`},
		{`<a class="ref" href="../docs/A/index.html">A</a>`, `<a class="ref" href="href:../docs/A/index.html">A</a>`},
		{`text with id="not in a tag"`, `text with id="id:not in a tag"`}, // quotes in text are escaped by the renderer
		{`<p data-id="x" hidden="">`, `<p data-id="x" hidden="">`},
		{`<a href="unclosed`, `<a href="unclosed`},
		{``, ``},
	} {
		if got := rewriteBody(tc.in, mark); got != tc.want {
			t.Errorf("rewriteBody(%q) =\n%q\nwant\n%q", tc.in, got, tc.want)
		}
	}
}
