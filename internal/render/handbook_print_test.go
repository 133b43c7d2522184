package render

import (
	"bufio"
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/isms-project/isms/internal/browsertest"
)

// TestHandbookPrint prints the handbook with every governing document to
// PDF in a headless Chromium, as a reader would from the browser, and
// reads the PDF back with poppler's pdftotext and pdfinfo: the title page
// (without a page number), the contents on a page of its own listing every
// document in order, and one section per document, each starting on a new
// page at the place its contents entry links to, with page numbers below.
//
// Chromium does not implement target-counter(), so the printed contents
// have no page numbers (engines that do, such as WeasyPrint, print them);
// in Chromium's PDF each entry is a link to the document's page, which is
// what this test follows.
func TestHandbookPrint(t *testing.T) {
	for _, tool := range []string{"pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not found (Debian's poppler-utils): print test skipped; CI installs it", tool)
		}
	}
	ctx := browsertest.Start(t)
	dir := writeHandbookSite(t)
	docs := []struct{ id, title string }{
		{"POL-01", "Informasjonssikkerhetspolicy"}, {"POL-02", "Acceptable use"}, {"POL-10", "Kryptografi"},
		{"PRO-01", "Tilgangsstyring"}, {"STD-01", "Passord"},
	}

	u := url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, "handbook", "all", "index.html"))}
	cctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(cctx, chromedp.Navigate(u.String()), browsertest.Poll(`document.readyState === "complete"`)); err != nil {
		t.Fatal(err)
	}
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
		os.WriteFile(filepath.Join(d, "handbook.pdf"), pdf, 0o644)
	}

	text, err := exec.Command("pdftotext", "-layout", pdfFile, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(strings.TrimSuffix(string(text), "\f"), "\f")
	total := len(pages)
	t.Logf("the handbook of %d documents prints on %d pages", len(docs), total)
	dests := pdfDestinations(t, pdfFile)

	// pdftotext lays words out as they are on the page: compare them with
	// single spaces.
	for i, p := range pages {
		pages[i] = strings.Join(strings.Fields(p), " ")
	}

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
	// Every page after the title page has its number and the total
	// (style.css's @page).
	for q := 2; q <= total; q++ {
		if !regexp.MustCompile(fmt.Sprintf(`\b%d\s*/\s*%d\b`, q, total)).MatchString(pages[q-1]) {
			t.Errorf("page %d has no page number %d / %d:\n%s", q, q, total, pages[q-1])
		}
	}
}

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
