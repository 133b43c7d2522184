package generator

import (
	"bytes"
	"encoding/csv"
	"regexp"
	"strings"
	"testing"

	"github.com/isms-project/isms/internal/finding"
	"github.com/xuri/excelize/v2"
)

// accessibleTables checks the theme's table conventions on a page: a
// caption on every table, scope on every header cell.
func accessibleTables(t *testing.T, page, html string) {
	t.Helper()
	if n, c := strings.Count(html, "<table"), strings.Count(html, "<caption"); n == 0 || n != c {
		t.Errorf("%s: %d tables, %d captions", page, n, c)
	}
	for _, th := range regexp.MustCompile(`<th[ >][^>]*>`).FindAllString(html, -1) {
		if !strings.Contains(th, "scope=") {
			t.Errorf("%s: header cell without scope: %s", page, th)
		}
	}
}

// TestRiskPages: the register, a risk and the treatment plan, and what the
// rest of the site shows of the register.
func TestRiskPages(t *testing.T) {
	fsys, _ := readSite(t, "testdata/risks/site.txtar")
	res := buildSite(t, fsys, Options{})
	if res.Output == nil {
		t.Fatalf("build failed:\n%s", res.Findings.Text())
	}
	var riskFindings finding.Findings
	for _, f := range quiet(res.Findings) {
		if f.Path == "risks.yaml" || strings.Contains(f.Message, "risk") {
			riskFindings = append(riskFindings, f)
		}
	}
	for _, want := range []string{
		"soa.yaml:8:3: warning: soa.yaml gives risk as a reason for 5.31, but no risk in risks.yaml selects it",
	} {
		if !strings.Contains(riskFindings.Text(), want) {
			t.Errorf("findings lack %q:\n%s", want, riskFindings.Text())
		}
	}

	html := read(t, res.Output, "risks/index.html")
	accessibleTables(t, "risks", html)
	for _, want := range []string{
		`<table class="heatmap heatmap-inherent">`, `<table class="heatmap heatmap-residual">`,
		`<td id="inherent-4-5" class="heat-cell risk-tone-4 heat-filled">`,
		`<span class="heat-count">1</span> <span class="heat-level">Kritisk</span>`,
		`<a href="../risks/R-01/index.html" title="Løsepengevirus krypterer produksjonsdata">R-01</a>`,
		`<select disabled name="owner">`,
		`<a class="download" href="../risks.xlsx" download>`,
		`<span class="id">ISMS-03</span> Metode for risikovurdering</a>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("risks/index.html lacks %s", want)
		}
	}

	html = read(t, res.Output, "risks/R-01/index.html")
	accessibleTables(t, "risk", html)
	for _, want := range []string{
		`<span class="doc-id">R-01</span> Løsepengevirus krypterer produksjonsdata`,
		`<a class="ref ref-doc" href="../../docs/PRO-03/index.html" title="Sikkerhetskopiering">PRO-03 Sikkerhetskopiering</a>`, // the description's [[PRO-03]]
		`<a class="ref ref-control" href="../../controls/8.13/index.html"`,
		`<a href="../../controls/8.13/index.html">8.13</a>`,
		`<a href="../../docs/PRO-03/index.html"><span class="id">PRO-03</span> Sikkerhetskopiering</a>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("risks/R-01/index.html lacks %s", want)
		}
	}
	html = read(t, res.Output, "rtp/index.html")
	accessibleTables(t, "rtp", html)
	if !strings.Contains(html, `href="../risks/R-03/index.html"`) {
		t.Error("rtp/index.html does not list R-03, above acceptance and not accepted")
	}

	// The rest of the site: a body's [[R-01]], the control page, the SoA,
	// the overview, the reviews page, the navigation.
	if html := read(t, res.Output, "docs/PRO-03/index.html"); !strings.Contains(html, `<a class="ref ref-risk" href="../../risks/R-01/index.html" title="Løsepengevirus krypterer produksjonsdata">løsepengerisikoen</a>`) {
		t.Error("[[R-01|…]] in a body does not link the risk")
	}
	if html := read(t, res.Output, "controls/8.13/index.html"); !strings.Contains(html, `<a href="../../risks/R-01/index.html"><span class="id">R-01</span>`) {
		t.Error("the page of 8.13 does not list R-01, which selects it")
	}
	soa := read(t, res.Output, "soa/index.html")
	if !strings.Contains(soa, `<a href="../risks/R-01/index.html">R-01</a>`) {
		t.Error("the SoA does not name R-01 for the controls it selects")
	}
	for _, p := range []string{"index.html", "reviews/index.html"} {
		if html := read(t, res.Output, p); !strings.Contains(html, "risks/index.html") {
			t.Errorf("%s does not show the register", p)
		}
	}

	// soa.csv: "risk" is a reason of every control a risk selects, with the
	// risks in their own column.
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(read(t, res.Output, "soa.csv"), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	byID := rowsByID(rows)
	if r := byID["8.13"]; r[col["risks"]] != "R-01" || !strings.Contains(r[col["reasons"]], "risk") {
		t.Errorf("soa.csv 8.13: reasons %q, risks %q", r[col["reasons"]], r[col["risks"]])
	}

	// The exports read back.
	for _, p := range []string{"risks.csv", "rtp.csv"} {
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(read(t, res.Output, p), "\uFEFF"))).ReadAll()
		if err != nil || len(rows) < 2 {
			t.Errorf("%s: %v, %d rows", p, err, len(rows))
		}
	}
	data, _ := res.Output.Read("risks.xlsx")
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if sheets := f.GetSheetList(); len(sheets) != 2 {
		t.Errorf("risks.xlsx has sheets %v, want the register and the plan", sheets)
	}
	f.Close()
}

// TestRiskLinksChecked: every link of the register's pages resolves.
func TestRiskLinksChecked(t *testing.T) {
	fsys, _ := readSite(t, "testdata/risks/site.txtar")
	res := buildSite(t, fsys, Options{})
	if res.Output == nil {
		t.Fatal(res.Findings.Text())
	}
	if broken := brokenLinks(res.Output); len(broken) > 0 {
		t.Errorf("broken links:\n%s", strings.Join(broken, "\n"))
	}
}
