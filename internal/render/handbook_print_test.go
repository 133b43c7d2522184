package render

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/isms-project/isms/internal/browsertest"
	"github.com/isms-project/isms/internal/output"
)

// TestHandbookPrint prints the handbook with every governing document to
// PDF in a headless Chromium, as a reader would from the browser, and
// reads the PDF back with poppler's pdftotext and pdfinfo: the title page
// (without a page number), the contents on a page of its own listing every
// document in order with the page it starts on, and one section per
// document, each starting on a new page at the place its contents entry
// links to, with page numbers below.
//
// Chromium does not implement target-counter(): the page numbers of the
// contents are the theme's script's (assets/handbook.ts), which paginates
// the handbook as it will print. The site has a procedure of several pages
// (long lists, nested lists, a long table, a block of code taller than a
// page, headings), so that a count off by a page shows. The pages are
// served over HTTP: from file:// the script may not read the stylesheet
// (TestHandbookPrintFromFile).
func TestHandbookPrint(t *testing.T) {
	needPoppler(t)
	ctx := browsertest.Start(t)
	base := serveSite(t, writePrintSite(t, handbookSite+longProcedure))
	docs := []struct{ id, title string }{
		{"POL-01", "Informasjonssikkerhetspolicy"}, {"POL-02", "Acceptable use"}, {"POL-10", "Kryptografi"},
		{"PRO-01", "Tilgangsstyring"}, {"PRO-02", "Hendelseshåndtering"}, {"STD-01", "Passord"},
	}
	pr := printHandbook(t, ctx, base+"handbook/all/index.html")
	pages, total, dests := pr.pages, len(pr.pages), pr.dests
	t.Logf("the handbook of %d documents prints on %d pages", len(docs), total)

	// Page 1: the title page, without a page number.
	cover := pages[0]
	for _, s := range []string{"Testfirma AS", "Håndbok for informasjonssikkerhet", "Policyer, prosedyrer, standarder, veiledninger og planer", "2.1", "27. november 2026"} {
		if !strings.Contains(cover, s) {
			t.Errorf("the title page lacks %q:\n%s", s, cover)
		}
	}
	if regexp.MustCompile(`\b1\s*/\s*\d+\b`).MatchString(cover) {
		t.Errorf("the title page has a page number:\n%s", cover)
	}
	// Page 2: the contents, every document in order, nothing else.
	contents := pages[1]
	at := 0
	for _, d := range docs {
		i := strings.Index(contents[at:], d.id)
		if i < 0 || !strings.Contains(contents[at+i:], d.title) {
			t.Errorf("the contents page does not list %s %s after the documents before it:\n%s", d.id, d.title, contents)
			break
		}
		at += i + len(d.id)
	}
	if strings.Contains(contents, "Hvordan tilgang gis") {
		t.Error("a document's text is on the contents page")
	}
	// A section per document: each starts at the top of the page its
	// contents entry links to, after the previous one's pages.
	prev := 2
	for i, d := range docs {
		p, ok := dests["doc-"+d.id]
		if !ok {
			t.Errorf("the PDF has no destination doc-%s for the contents entry of %s (destinations: %v)", d.id, d.id, dests)
			continue
		}
		if p <= prev || p > total {
			t.Errorf("%s starts on page %d, want a page after %d", d.id, p, prev)
			continue
		}
		prev = p
		body := strings.TrimSpace(pages[p-1])
		if !strings.HasPrefix(body, d.id) || !strings.Contains(body, d.title) {
			t.Errorf("page %d, where %s starts, does not start with its ID and title:\n%s", p, d.id, body)
		}
		if !strings.Contains(strings.ToLower(body), "status") {
			t.Errorf("%s is printed without its metadata:\n%s", d.id, body)
		}
		// The pages before the next document hold no other document.
		end := total
		if i+1 < len(docs) {
			if next, ok := dests["doc-"+docs[i+1].id]; ok {
				end = next - 1
			}
		}
		for q := p; q <= end; q++ {
			for _, o := range docs {
				if o.id != d.id && strings.Contains(pages[q-1], o.title) && !strings.Contains(pages[q-1], o.id+" "+o.title) {
					t.Errorf("page %d of %s shows %s's title", q, d.id, o.id)
				}
			}
		}
	}
	if n := dests["doc-STD-01"] - dests["doc-PRO-02"]; n < 3 {
		t.Errorf("PRO-02 prints on %d pages, want at least 3 for the test to mean something", n)
	}
	// The contents give each document's page, and the script's count of
	// the pages is the PDF's.
	checkContentsPages(t, pr, 2, 2)
	if pr.scriptPages != total {
		t.Errorf("the script counts %d pages, the PDF has %d", pr.scriptPages, total)
	}
	// Every page after the title page has its number and the total
	// (style.css's @page).
	for q := 2; q <= total; q++ {
		if !regexp.MustCompile(fmt.Sprintf(`\b%d\s*/\s*%d\b`, q, total)).MatchString(pages[q-1]) {
			t.Errorf("page %d has no page number %d / %d:\n%s", q, q, total, pages[q-1])
		}
	}
}

// TestHandbookPrintContents prints a handbook of 45 short policies, whose
// contents take two pages: the page numbers count both.
func TestHandbookPrintContents(t *testing.T) {
	needPoppler(t)
	ctx := browsertest.Start(t)
	var site strings.Builder
	site.WriteString("-- isms.yaml --\ntitle: Testfirma AS — ISMS\norganization: Testfirma AS\nlanguage: nb\n")
	for i := 1; i <= 45; i++ {
		fmt.Fprintf(&site, "-- policies/pol-%03d.md --\n---\nid: POL-%03d\ntitle: Policy %d om sikkerhet\ntype: policy\n---\n## Formål\n\nPolicy nummer %d gjelder alle.\n", i, i, i, i)
		if i%9 == 0 { // some longer, of two pages
			for k := 0; k < 70; k++ {
				fmt.Fprintf(&site, "\n- Krav %d: ansatte følger rutinen for område %d.\n", k+1, k+1)
			}
		}
	}
	base := serveSite(t, writePrintSite(t, site.String()))
	pr := printHandbook(t, ctx, base+"handbook/index.html")
	t.Logf("the handbook of 45 policies prints on %d pages", len(pr.pages))
	if p := pr.dests["doc-POL-001"]; p != 4 {
		t.Errorf("the first policy starts on page %d, want 4 (after the title page and two pages of contents)", p)
	}
	checkContentsPages(t, pr, 2, 3)
	if pr.scriptPages != len(pr.pages) {
		t.Errorf("the script counts %d pages, the PDF has %d", pr.scriptPages, len(pr.pages))
	}
}

// TestHandbookPrintFromFile: a handbook opened from file:// prints without
// page numbers in its contents (Chromium does not let the script read the
// stylesheet), and the script fails no other way.
func TestHandbookPrintFromFile(t *testing.T) {
	ctx := browsertest.Start(t)
	dir := writePrintSite(t, handbookSite)
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, "handbook", "all", "index.html"))}
	cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	var mu sync.Mutex
	var thrown []string
	if err := chromedp.Listen(cctx, func(ev any) {
		if e, ok := ev.(*cdpruntime.EventExceptionThrown); ok {
			mu.Lock()
			thrown = append(thrown, fmt.Sprintf("%s (%s:%d)", e.ExceptionDetails.Text, e.ExceptionDetails.URL, e.ExceptionDetails.LineNumber+1))
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(cctx, chromedp.Navigate(u.String()), browsertest.Poll(`document.querySelector(".handbook").dataset.printPages !== undefined`)); err != nil {
		t.Fatal(err)
	}
	state, err := chromedp.Run(cctx, chromedp.Evaluate[string](`document.querySelector(".handbook").dataset.printPages + " " +
		[...document.querySelectorAll(".toc-page")].map(s => s.textContent).join("")`))
	if err != nil {
		t.Fatal(err)
	}
	if state != "unknown " {
		t.Errorf("from file://, the script says %q, want the pages unknown and no numbers", state)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, e := range thrown {
		t.Errorf("the page threw %s", e)
	}
}

// needPoppler skips the test without pdftotext and pdfinfo.
func needPoppler(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not found (Debian's poppler-utils): print test skipped; CI installs it", tool)
		}
	}
}

// printedHandbook is a handbook printed to PDF and read back.
type printedHandbook struct {
	pages       []string       // each page's text, the words separated by single spaces
	lines       [][]string     // each page's lines, as pdftotext lays them out
	dests       map[string]int // the PDF's named destinations and their pages
	toc         []string       // the contents entries' targets, in order
	scriptPages int            // the pages the script counts
}

// printHandbook opens a handbook page, waits for the script to number its
// contents, and prints it to PDF.
func printHandbook(t *testing.T, ctx context.Context, pageURL string) printedHandbook {
	t.Helper()
	cctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(cctx, chromedp.Navigate(pageURL), browsertest.Poll(`document.readyState === "complete"`)); err != nil {
		t.Fatal(err)
	}
	wctx, wcancel := context.WithTimeout(cctx, 10*time.Second)
	defer wcancel()
	if err := chromedp.Do(wctx, browsertest.Poll(`document.querySelector(".handbook").dataset.printPages !== undefined`)); err != nil {
		t.Fatalf("the script did not paginate the handbook within 10 s of loading it: %v", err)
	}
	var pr printedHandbook
	// Paginate again, as before printing, and time it: the script's task,
	// and the browser's style and layout of the screen after it; and, to
	// compare, a layout of the whole page.
	info, err := chromedp.Run(cctx, chromedp.Evaluate[struct {
		Pages         string
		MS, After, Re float64
		TOC           []string
		Scroll        []float64
	}](`(async () => {
		const root = document.documentElement, layout = () => document.body.getBoundingClientRect();
		const frame = () => new Promise(r => requestAnimationFrame(r));
		scrollTo(0, 300);
		await frame();
		const scroll = [scrollY];
		layout();
		const t0 = performance.now();
		dispatchEvent(new Event("beforeprint"));
		const t1 = performance.now();
		layout();
		const t2 = performance.now();
		await frame();
		await frame();
		scroll.push(scrollY);
		root.style.fontSize = "101%";
		layout();
		const t3 = performance.now();
		root.style.fontSize = "";
		layout();
		return {
			pages: document.querySelector(".handbook").dataset.printPages,
			ms: t1 - t0, after: t2 - t1, re: t3 - t2, scroll,
			toc: [...document.querySelectorAll(".handbook-contents a")].map(a => a.hash.slice(1)),
		};
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	pr.scriptPages, _ = strconv.Atoi(info.Pages)
	pr.toc = info.TOC
	if len(info.Scroll) != 2 || info.Scroll[0] != info.Scroll[1] {
		t.Errorf("the page was scrolled to %v before the script paginated it and after, want the same place", info.Scroll)
	}
	t.Logf("the script paginates in %.1f ms, and the browser lays the screen out again in %.1f ms after it (a layout of the whole page: %.1f ms)", info.MS, info.After, info.Re)
	pdf, err := chromedp.Run(cctx, chromedp.PrintToPDF(func(p *page.PrintToPDFParams) {
		yes := true
		p.PreferCSSPageSize = &yes
		p.GenerateDocumentOutline = &yes
	}))
	if err != nil {
		t.Fatal(err)
	}
	pdfFile := filepath.Join(t.TempDir(), "handbook.pdf")
	if err := os.WriteFile(pdfFile, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if d := os.Getenv("ISMS_PRINT_DIR"); d != "" {
		os.WriteFile(filepath.Join(d, t.Name()+".pdf"), pdf, 0o644)
	}
	text, err := exec.Command("pdftotext", "-layout", pdfFile, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	for _, p := range strings.Split(strings.TrimSuffix(string(text), "\f"), "\f") {
		// pdftotext lays words out as they are on the page: compare them
		// with single spaces.
		pr.pages = append(pr.pages, strings.Join(strings.Fields(p), " "))
		pr.lines = append(pr.lines, strings.Split(p, "\n"))
	}
	pr.dests = pdfDestinations(t, pdfFile)
	return pr
}

// tocLine is a contents entry as pdftotext lays it out: the document's ID,
// its title, and the page number at the end of the line.
var tocLine = regexp.MustCompile(`^\s*([A-Z]+-\d+)\s+.*?\s(\d+)\s*$`)

// checkContentsPages checks that the contents, on pages first to last of
// the PDF, give every document the page its destination is on, in the
// order of the contents.
func checkContentsPages(t *testing.T, pr printedHandbook, first, last int) {
	t.Helper()
	if len(pr.pages) < last {
		t.Fatalf("the PDF has %d pages, want the contents on pages %d-%d", len(pr.pages), first, last)
	}
	var got []string
	numbers := map[string]int{}
	for q := first; q <= last; q++ {
		for _, l := range pr.lines[q-1] {
			if m := tocLine.FindStringSubmatch(l); m != nil {
				n, _ := strconv.Atoi(m[2])
				got = append(got, "doc-"+m[1])
				numbers["doc-"+m[1]] = n
			}
		}
	}
	if strings.Join(got, " ") != strings.Join(pr.toc, " ") {
		t.Errorf("the contents on pages %d-%d list, with a page number,\n%q\nwant every entry of the page's contents\n%q", first, last, got, pr.toc)
	}
	for _, id := range pr.toc {
		want, ok := pr.dests[id]
		if !ok {
			t.Errorf("the PDF has no destination %s", id)
			continue
		}
		if n, ok := numbers[id]; ok && n != want {
			t.Errorf("the contents give %s page %d; it starts on page %d", strings.TrimPrefix(id, "doc-"), n, want)
		}
	}
	// Nothing but the contents on those pages: the next page starts a document.
	if first := pr.dests[pr.toc[0]]; first != last+1 {
		t.Errorf("the first document starts on page %d, want %d, after the contents", first, last+1)
	}
}

// writePrintSite renders a site (a txtar archive) to a folder and returns
// the folder.
func writePrintSite(t *testing.T, archive string) string {
	t.Helper()
	out, _ := renderArchive(t, archive)
	dir := filepath.Join(t.TempDir(), "site")
	if err := output.Write(dir, "", out); err != nil {
		t.Fatal(err)
	}
	return dir
}

// serveSite serves a folder over HTTP for the test's length and returns
// its address, ending in a slash.
func serveSite(t *testing.T, dir string) string {
	t.Helper()
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)
	return srv.URL + "/"
}

// longProcedure is a procedure of several printed pages: headings, a long
// numbered list with nested lists, a long table, a quotation, a block of
// code taller than a page and plain paragraphs.
var longProcedure = func() string {
	var b strings.Builder
	b.WriteString("-- procedures/pro-02.md --\n---\nid: PRO-02\ntitle: Hendelseshåndtering\ntype: procedure\nowner: Sikkerhetsleder\n---\n")
	b.WriteString("## Formål\n\nProsedyren beskriver hvordan vi oppdager, melder, vurderer og håndterer informasjonssikkerhetshendelser, fra første varsel til erfaringene er lært.\n\n")
	b.WriteString("## Steg\n\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "%d. Steg %d: den som har vakt, vurderer hendelsen, noterer hva som er gjort og varsler de som berøres av den.\n", i, i)
		if i%8 == 0 {
			for k := 1; k <= 3; k++ {
				fmt.Fprintf(&b, "   - Delsteg %d.%d: kontroller loggene og ta vare på sporene.\n", i, k)
			}
		}
	}
	b.WriteString("\n## Kontakter\n\n| Rolle | Navn | Telefon | Når |\n|---|---|---|---|\n")
	for i := 1; i <= 60; i++ {
		fmt.Fprintf(&b, "| Vakt %d | Person %d | 900 00 %03d | Hverdager kl. 08–16, og etter avtale |\n", i, i, i)
	}
	b.WriteString("\n> Meld heller en hendelse for mye enn en for lite.\n>\n> Den som melder, skal ikke få skylden for hendelsen.\n\n")
	b.WriteString("### Logg\n\n```text\n")
	for i := 1; i <= 75; i++ {
		fmt.Fprintf(&b, "2026-11-%02d 08:%02d hendelse %d registrert og fordelt\n", i%28+1, i%60, i)
	}
	b.WriteString("```\n\n## Etterarbeid\n\n")
	for i := 1; i <= 6; i++ {
		fmt.Fprintf(&b, "Etter hendelse %d går gruppen gjennom hva som skjedde, hva som virket og hva som må endres, og skriver det ned i hendelsesregisteret.\n\n", i)
	}
	return b.String()
}()

// pdfDestinations reads a PDF's named destinations with pdfinfo -dests: the
// ids links point to, and their pages.
func pdfDestinations(t *testing.T, pdf string) map[string]int {
	t.Helper()
	out, err := exec.Command("pdfinfo", "-dests", pdf).Output()
	if err != nil {
		t.Fatalf("pdfinfo -dests: %v", err)
	}
	// "   3 [ XYZ    6  828 null      ] "doc-POL-01""
	line := regexp.MustCompile(`^\s*(\d+)\s+\[.*\]\s+"(.*)"\s*$`)
	dests := map[string]int{}
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		if m := line.FindStringSubmatch(sc.Text()); m != nil {
			n, _ := strconv.Atoi(m[1])
			dests[m[2]] = n
		}
	}
	return dests
}
