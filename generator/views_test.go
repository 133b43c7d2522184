package generator

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/isms-project/isms/internal/model"
	"github.com/isms-project/isms/internal/output"
	"github.com/isms-project/isms/internal/render"
	"github.com/isms-project/isms/internal/urls"
	"github.com/isms-project/isms/internal/views"
	"github.com/xuri/excelize/v2"
)

// viewPages are the compliance views' HTML pages (the attribute value
// pages come on top).
var viewPages = []string{"matrix/index.html", "soa/index.html", "mapping/index.html", "transition/index.html", "attributes/index.html", "reviews/index.html"}

// viewFiles are the files that go with them.
var viewFiles = []string{"matrix.csv", "soa.csv", "soa.xlsx", "mapping.csv"}

func buildViews(t testing.TB, fsys fs.FS) *Result {
	t.Helper()
	res := buildSite(t, fsys, Options{})
	if res.Output == nil {
		t.Fatalf("no output:\n%s", res.Findings.Text())
	}
	return res
}

func viewSite(t testing.TB) fstest.MapFS {
	fsys, _ := readSite(t, "testdata/views/site.txtar")
	return fsys
}

func read(t testing.TB, out *output.Output, p string) string {
	t.Helper()
	b, err := out.Read(p)
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return string(b)
}

// TestViewsLevels: the coverage the views show is what the site says.
func TestViewsLevels(t *testing.T) {
	res := buildViews(t, viewSite(t))
	s := res.Site
	for id, want := range map[string]model.Level{
		"5.1": model.Documented, "5.15": model.Evidenced, "5.18": model.Evidenced, "7.4": model.Excluded,
		"8.28": model.Documented, "8.15": model.Gap, "6.7": model.Gap, "8.25": model.Documented, "5.2": model.Gap,
	} {
		if got := s.Control(id).Level; got != want {
			t.Errorf("control %s: level %v, want %v", id, got, want)
		}
	}
	tot := s.Totals()
	if tot.Controls != 93 || tot.Applicable != 92 || tot.Excluded != 1 || tot.Evidenced != 2 || tot.Documented+tot.Evidenced+tot.Gaps != 92 {
		t.Errorf("totals %+v", tot)
	}
}

// TestMatrixPage: the plain table has every control with its level in
// words, theme totals, compact document cells and the filter data.
func TestMatrixPage(t *testing.T) {
	res := buildViews(t, viewSite(t))
	page := read(t, res.Output, "matrix/index.html")
	if n := strings.Count(page, `<tr data-level="`); n != 93 {
		t.Errorf("matrix has %d control rows, want 93", n)
	}
	for _, want := range []string{
		// Level with text as well as colour; rows carry filter data.
		`<tr data-level="evidenced" data-theme="organizational" data-attr="control-type/preventive security-properties/confidentiality security-properties/integrity security-properties/availability cybersecurity-concepts/protect operational-capabilities/identity-and-access-management security-domains/protection" class="row-evidenced">`,
		"<span class=\"level level-gap\">Mangel</span>\n<span class=\"cell-note\">bevis uten styrende dokument</span>",
		`<span class="level level-excluded">Ikke anvendelig</span>`,
		// An excluded control shows its justification.
		`<span class="cell-note">Ingen egne lokaler; se <a href="../docs/POL-01/index.html">POL-01 Informasjonssikkerhetspolicy</a>.</span>`,
		// 5.15 has five governing documents: four are shown, then a link to the control.
		`<li class="more"><a href="../controls/5.15/index.html">&#43; 1 til</a></li>`,
		`<a href="../docs/POL-01/index.html" title="Informasjonssikkerhetspolicy"><span class="id">POL-01</span></a>`,
		// Stale evidence is marked.
		`<li class="stale"><a href="../docs/REC-02/index.html" title="Gammel gjennomgang"><span class="id">REC-02</span></a> <time datetime="2024-05-01">2024-05-01</time> <span class="badge warn">`,
		// Totals per theme and overall.
		`<th scope="row">Alle tiltak</th>`,
		`<option value="cybersecurity-concepts/recover">#Gjenopprette</option>`,
		`data-filter-target=".matrix tbody tr[data-level]"`,
		`href="../matrix.csv"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("matrix lacks %s", want)
		}
	}
	if strings.Contains(page, "style=") || strings.Contains(page, "<script>") {
		t.Errorf("matrix has inline style or script, which the CSP forbids")
	}
	// Theme totals: the physical theme has 14 controls, one excluded.
	if !regexp.MustCompile(`id="physical"><span class="group-title">7 Fysiske sikkerhetstiltak</span> <span class="group-totals">0 av 13 anvendelige`).MatchString(page) {
		t.Errorf("matrix lacks the totals of the physical theme")
	}
}

func parseCSV(t *testing.T, data string) [][]string {
	t.Helper()
	body, ok := strings.CutPrefix(data, "\uFEFF")
	if !ok {
		t.Fatalf("CSV has no byte-order mark")
	}
	if !strings.Contains(body, "\r\n") {
		t.Errorf("CSV lines do not end in CRLF")
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("CSV: %v", err)
	}
	return rows
}

// rowsByID indexes CSV rows by their first column.
func rowsByID(rows [][]string) map[string][]string {
	m := map[string][]string{}
	for _, r := range rows[1:] {
		m[r[0]] = r
	}
	return m
}

func TestMatrixCSV(t *testing.T) {
	res := buildViews(t, viewSite(t))
	rows := parseCSV(t, read(t, res.Output, "matrix.csv"))
	header := []string{"id", "theme", "title", "level", "applicable", "status", "documents", "evidence", "other_documents", "evidence_without_document"}
	if !slices.Equal(rows[0], header) {
		t.Errorf("header %q, want %q", rows[0], header)
	}
	if len(rows) != 94 {
		t.Fatalf("%d rows, want a header and 93 controls", len(rows))
	}
	if rows[1][0] != "5.1" || rows[2][0] != "5.2" || rows[10][0] != "5.10" || rows[93][0] != "8.34" {
		t.Errorf("controls not in natural order: %v %v %v %v", rows[1][0], rows[2][0], rows[10][0], rows[93][0])
	}
	by := rowsByID(rows)
	for id, want := range map[string][]string{
		"5.15": {"5.15", "organizational", "Tilgangskontroll", "evidenced", "yes", "implemented", "POL-01|POL-02|PRO-01|STD-01|VEI-01", "REC-01|REC-02", "", "no"},
		"7.4":  {"7.4", "physical", "Fysisk sikkerhetsovervåking", "excluded", "no", "", "", "", "", "no"},
		"8.15": {"8.15", "technological", "Logging", "gap", "yes", "not-started", "", "REC-03", "", "yes"},
		"6.7":  {"6.7", "people", "Fjernarbeid", "gap", "yes", "not-started", "", "", "POL-03", "no"},
		"8.28": {"8.28", "technological", "Sikker koding", "documented", "yes", "planned", "STD-01", "REC-02", "", "no"},
	} {
		if !slices.Equal(by[id], want) {
			t.Errorf("row %s:\n got %q\nwant %q", id, by[id], want)
		}
	}
}

func TestSoAPage(t *testing.T) {
	res := buildViews(t, viewSite(t))
	page := read(t, res.Output, "soa/index.html")
	if n := strings.Count(page, `<tr id="`); n != 93 {
		t.Errorf("SoA has %d control rows, want 93", n)
	}
	for _, want := range []string{
		`<dd>Fjordtest AS</dd>`, `<dd>2.1</dd>`, `<dd>2026-2</dd>`, `<dd>Daglig leder</dd>`,
		`<time datetime="2026-11-12">12. november 2026</time>`, // approved
		`<time datetime="2026-11-27">27. november 2026</time>`, // built
		`href="../soa.xlsx"`, `href="../soa.csv"`,
		// Excluded with its justification, references as links.
		`<span class="level level-excluded">Ikke anvendelig</span>`,
		`Ingen egne lokaler; se <a href="../docs/POL-01/index.html">POL-01 Informasjonssikkerhetspolicy</a>.`,
		`Sikker koding innføres trinnvis, se <a href="../docs/STD-01/index.html">standarden</a> og <a href="../controls/5.15/index.html">5.15 Tilgangskontroll</a>.`,
		// Status from soa.yaml, or derived and said so.
		`<span class="badge impl-planned">Planlagt</span></span>`,
		`<span class="badge impl-partial">Delvis implementert</span><span class="cell-note">utledet av dekningen</span>`,
		`<span class="cell-note">Risiko, Kontrakt</span>`,
		// Implementing documents with ID and title.
		`<a href="../docs/STD-01/index.html"><span class="id">STD-01</span> Secure Development Standard</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("SoA page lacks %s", want)
		}
	}
}

func TestSoACSV(t *testing.T) {
	res := buildViews(t, viewSite(t))
	rows := parseCSV(t, read(t, res.Output, "soa.csv"))
	header := []string{"id", "theme", "title", "applicable", "reasons", "risks", "justification", "status", "status_source", "coverage", "documents", "evidence",
		"organization", "isms_version", "soa_version", "soa_approver", "soa_approved", "built"}
	if !slices.Equal(rows[0], header) {
		t.Errorf("header %q", rows[0])
	}
	if len(rows) != 94 {
		t.Fatalf("%d rows, want a header and 93 controls", len(rows))
	}
	by := rowsByID(rows)
	for id, want := range map[string][]string{
		"7.4":  {"7.4", "physical", "Fysisk sikkerhetsovervåking", "no", "", "", "Ingen egne lokaler; se POL-01 Informasjonssikkerhetspolicy.", "", "", "excluded", "", ""},
		"8.28": {"8.28", "technological", "Sikker koding", "yes", "risk|contract", "", "Sikker koding innføres trinnvis, se standarden og 5.15 Tilgangskontroll.", "planned", "soa.yaml", "documented", "STD-01 Secure Development Standard", "REC-02 Gammel gjennomgang (2024-05-01)"},
		"5.18": {"5.18", "organizational", "Tilgangsrettigheter", "yes", "", "", "", "implemented", "derived", "evidenced", `POL-02 Tilgangspolicy, "gammel" & ny|PRO-01 Tilgangsstyring|VEI-01 Veiledning uten dato`, "REC-01 Tilgangsgjennomgang Q3 2026 (2026-10-01)"},
	} {
		if !slices.Equal(by[id][:12], want) {
			t.Errorf("row %s:\n got %q\nwant %q", id, by[id][:12], want)
		}
	}
	for _, r := range rows[1:] {
		if got := r[12:]; !slices.Equal(got, []string{"Fjordtest AS", "2.1", "2026-2", "Daglig leder", "2026-11-12", "2026-11-27"}) {
			t.Fatalf("row %s states %q", r[0], got)
		}
	}
	// The quoting is RFC 4180: the title with a comma and quotes is quoted.
	if !strings.Contains(read(t, res.Output, "soa.csv"), `"POL-02 Tilgangspolicy, ""gammel"" & ny|`) {
		t.Errorf("quotes in a cell are not doubled")
	}
}

func TestSoAXLSX(t *testing.T) {
	res := buildViews(t, viewSite(t))
	data, _ := res.Output.Read("soa.xlsx")
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{"SoA"}) {
		t.Fatalf("sheets %v", got)
	}
	rows, err := f.GetRows("SoA")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != soaXLSXHeaderRow+93 {
		t.Fatalf("%d rows, want %d (title, summary, blank, header, 93 controls)", len(rows), soaXLSXHeaderRow+93)
	}
	if rows[0][0] != "Erklæring om anvendelighet — Fjordtest AS" {
		t.Errorf("title %q", rows[0][0])
	}
	if want := "Fjordtest AS · ISMS-versjon 2.1 · SoA-versjon 2026-2 · godkjent av Daglig leder 12. november 2026 · bygget 27. november 2026"; rows[1][0] != want {
		t.Errorf("summary %q, want %q", rows[1][0], want)
	}
	wantHeader := []string{"Tiltak", "Tema", "Tittel", "Anvendelig", "Begrunnelse for å inkludere", "Begrunnelse", "Implementeringsstatus", "Status fra", "Dekning", "Implementerende dokumenter", "Bevis"}
	if !slices.Equal(rows[3], wantHeader) {
		t.Errorf("header %q", rows[3])
	}
	cell := func(ref string) string {
		v, err := f.GetCellValue("SoA", ref)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	// Row 5 is 5.1; 7.4 is the 49th control (37 + 8 + 4), row 53.
	for ref, want := range map[string]string{
		"A5": "5.1", "C5": "Policyer for informasjonssikkerhet", "E5": "Risiko, Lovkrav", "G5": "Delvis implementert", "H5": "utledet av dekningen", "I5": "Dokumentert",
		"A53": "7.4", "D53": "Ikke anvendelig", "F53": "Ingen egne lokaler; se POL-01 Informasjonssikkerhetspolicy.", "I53": "Ikke anvendelig",
		"A97": "8.34",
	} {
		if got := cell(ref); got != want {
			t.Errorf("%s = %q, want %q", ref, got, want)
		}
	}
	if got := cell("J19"); got != "POL-01 Informasjonssikkerhetspolicy\nPOL-02 Tilgangspolicy, \"gammel\" & ny\nPRO-01 Tilgangsstyring\nSTD-01 Secure Development Standard\nVEI-01 Veiledning uten dato" {
		t.Errorf("documents of 5.15 (J19) = %q", got)
	}
	panes, err := f.GetPanes("SoA")
	if err != nil || !panes.Freeze || panes.YSplit != soaXLSXHeaderRow || panes.XSplit != 1 || panes.TopLeftCell != "B5" {
		t.Errorf("panes %+v, %v: want the header rows and the ID column frozen", panes, err)
	}
	names := f.GetDefinedName()
	if !slices.ContainsFunc(names, func(d excelize.DefinedName) bool {
		return d.Name == "_xlnm._FilterDatabase" && strings.Contains(d.RefersTo, "$A$4:$K$97")
	}) {
		t.Errorf("no autofilter over A4:K97 in %+v", names)
	}
	if w, _ := f.GetColWidth("SoA", "F"); w != 60 {
		t.Errorf("justification column width %v", w)
	}
	styleID, _ := f.GetCellStyle("SoA", "F53")
	if st, err := f.GetStyle(styleID); err != nil || st.Alignment == nil || !st.Alignment.WrapText {
		t.Errorf("justification does not wrap: %+v %v", st, err)
	}
	headerStyle, _ := f.GetCellStyle("SoA", "A4")
	if st, err := f.GetStyle(headerStyle); err != nil || st.Font == nil || !st.Font.Bold || len(st.Fill.Color) == 0 {
		t.Errorf("header row not styled: %+v %v", st, err)
	}
	props, err := f.GetDocProps()
	if err != nil || props.Created != "2026-11-27T00:00:00Z" || props.Modified != "2026-11-27T00:00:00Z" || props.Creator != "Fjordtest AS" || props.Version != "2026-2" {
		t.Errorf("document properties %+v, %v", props, err)
	}
}

func TestMappingPageAndCSV(t *testing.T) {
	res := buildViews(t, viewSite(t))
	page := read(t, res.Output, "mapping/index.html")
	if n := strings.Count(page, `<tr id="A.`); n != 114 {
		t.Errorf("%d rows of 2013 controls, want 114", n)
	}
	if n := regexp.MustCompile(`<tr id="[5-8]\.`).FindAllStringIndex(page, -1); len(n) != 93 {
		t.Errorf("%d rows of 2022 controls, want 93", len(n))
	}
	for _, want := range []string{
		`<tr id="A.9.1.1">`,
		`<tr id="A.18.2.3">`,
		`<span class="badge rel-split">Delt</span>`,
		// 5.15 with its coverage beside it, on the 2013 side.
		`<a href="../controls/5.15/index.html"><span class="id">5.15</span> Tilgangskontroll</a> <span class="level level-evidenced">`,
		`<span class="badge new">Nytt i 2022</span>`,
		`<a href="#A.9.1.1"><span class="id">A.9.1.1</span>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("mapping lacks %s", want)
		}
	}
	rows := parseCSV(t, read(t, res.Output, "mapping.csv"))
	if !slices.Equal(rows[0], []string{"id_2013", "title_2013", "id_2022", "title_2022", "relation", "coverage_2022"}) {
		t.Errorf("header %q", rows[0])
	}
	if len(rows) != 1+115+11 {
		t.Errorf("%d rows, want a header, 115 pairs and 11 new controls", len(rows))
	}
	var split, newRows int
	for _, r := range rows[1:] {
		if r[0] == "A.18.2.3" {
			split++
			if !strings.Contains(r[4], "split") {
				t.Errorf("A.18.2.3 → %s is %q, want split", r[2], r[4])
			}
		}
		if r[4] == "new" {
			newRows++
		}
		if r[0] == "A.9.1.1" && (r[2] != "5.15" || r[4] != "merged" || r[5] != "evidenced") {
			t.Errorf("A.9.1.1 row %q", r)
		}
	}
	if split != 2 || newRows != 11 {
		t.Errorf("%d rows for A.18.2.3 (want 2), %d new (want 11)", split, newRows)
	}
}

func TestTransitionPage(t *testing.T) {
	res := buildViews(t, viewSite(t))
	tr := views.TransitionOf(res.Site)
	if len(tr.New) != 11 {
		t.Errorf("%d new controls", len(tr.New))
	}
	var citing []string
	for _, c := range tr.Citing {
		for _, m := range c.Mentions {
			citing = append(citing, c.Document.ID+" "+m.Control.ID+" "+m.At.String())
		}
	}
	// Retired POL-03 has nothing left to migrate; it still shows the coverage lost.
	if want := []string{"POL-02 A.9.1.1 policies/pol-02.md:7:12", "POL-02 A.9.2.1 policies/pol-02.md:9:4"}; !slices.Equal(citing, want) {
		t.Errorf("citing %q, want %q", citing, want)
	}
	if len(tr.Lost) != 1 || tr.Lost[0].Control.ID != "6.7" || tr.Lost[0].Citations[0].Document.ID != "POL-03" {
		t.Errorf("lost coverage %+v, want 6.7 through retired POL-03", tr.Lost)
	}
	if len(tr.Clauses) == 0 || tr.Clauses[0].ID != "4.2" {
		t.Errorf("changed clauses %v", tr.Clauses)
	}
	page := read(t, res.Output, "transition/index.html")
	for _, want := range []string{
		`<td class="id"><a href="../mapping/index.html#A.9.2.1">A.9.2.1</a></td>`,
		`i teksten<span class="cell-note" title="policies/pol-02.md:9:4">linje 9, kolonne 4</span>`,
		`<a href="../controls/5.16/index.html"><span class="id">5.16</span> Identitetshåndtering</a>`,
		`<a href="../controls/6.7/index.html">6.7</a>`,
		`<span class="badge status-retired">Utgått</span>`,
		// A changed clause with the document that addresses it.
		`<a href="../clauses/6.1.3/index.html">6.1.3</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("transition lacks %s", want)
		}
	}
}

func TestAttributePages(t *testing.T) {
	res := buildViews(t, viewSite(t))
	var values int
	for _, k := range res.Site.Catalog.AttributeKinds() {
		for _, v := range k.Values {
			values++
			p := urls.Attribute(k.Slug, v.Slug)
			page := read(t, res.Output, p)
			if n := strings.Count(page, `<th scope="row" class="id">`); n != len(v.Controls) {
				t.Errorf("%s lists %d controls, want %d", p, n, len(v.Controls))
			}
		}
	}
	if values != 30 {
		t.Errorf("%d attribute values, want 30", values)
	}
	page := read(t, res.Output, "attributes/control-type/detective/index.html")
	ac := views.AttributeValueOf(res.Site, res.Site.Catalog.AttributeKinds()[0].Values[1])
	want := fmt.Sprintf("#Oppdagende: %d av %d anvendelige tiltak dokumentert", ac.Totals.Covered(), ac.Totals.Applicable)
	if !strings.Contains(page, want) || ac.Value.Slug != "detective" {
		t.Errorf("detective page lacks %q", want)
	}
	overview := read(t, res.Output, "attributes/index.html")
	for _, want := range []string{
		`<a class="attr" href="../attributes/security-domains/governance-and-ecosystem/index.html">#Styring og økosystem</a>`,
		`<h2 id="operational-capabilities">`,
	} {
		if !strings.Contains(overview, want) {
			t.Errorf("attributes overview lacks %s", want)
		}
	}
}

func TestReviewsPage(t *testing.T) {
	res := buildViews(t, viewSite(t))
	r := views.ReviewScheduleOf(res.Site)
	ids := func(groups []views.OwnerDocuments) []string {
		var out []string
		for _, g := range groups {
			for _, d := range g.Documents {
				out = append(out, g.Owner+":"+d.ID)
			}
		}
		return out
	}
	for name, c := range map[string]struct{ got, want []string }{
		"overdue":     {ids(r.Overdue), []string{"Daglig leder:POL-01"}},
		"due":         {ids(r.Due), []string{"CISO:POL-02"}},
		"later":       {ids(r.Later), []string{"CISO:STD-01", ":PRO-01"}},
		"unscheduled": {ids(r.Unscheduled), []string{"CISO:VEI-01"}},
		"stale":       {ids(r.Stale), []string{"CISO:REC-02", ":REC-04"}},
	} {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s: %q, want %q", name, c.got, c.want)
		}
	}
	page := read(t, res.Output, "reviews/index.html")
	for _, want := range []string{
		`<span class="badge review-overdue">57 dager på overtid</span>`,
		`<span class="badge review-due">om 13 dager</span>`,
		`<span class="group-title">Uten eier</span>`,
		`<span class="badge warn">uten dato</span>`,
		`<span class="badge warn">940 dager gammel</span>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("reviews lacks %s", want)
		}
	}
	if strings.Contains(page, "POL-03") {
		t.Errorf("the retired POL-03 is in the review schedule")
	}
}

// TestViewsEnglish: the views speak the site's language.
func TestViewsEnglish(t *testing.T) {
	fsys := viewSite(t)
	fsys["isms.yaml"] = &fstest.MapFile{Data: bytes.Replace(fsys["isms.yaml"].Data, []byte("language: nb"), []byte("language: en"), 1)}
	res := buildViews(t, fsys)
	for page, want := range map[string]string{
		"matrix/index.html":     `<span class="level level-gap">Gap</span>`,
		"soa/index.html":        `<time datetime="2026-11-12">12 November 2026</time>`,
		"reviews/index.html":    `57 days overdue`,
		"transition/index.html": `Coverage that did not carry over`,
		"mapping/index.html":    `<span class="badge rel-split">Split</span>`,
	} {
		if !strings.Contains(read(t, res.Output, page), want) {
			t.Errorf("%s lacks %s", page, want)
		}
	}
	data, _ := res.Output.Read("soa.xlsx")
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := f.GetCellValue("SoA", "G4"); v != "Implementation status" {
		t.Errorf("G4 = %q", v)
	}
}

func mustThemeFS(t testing.TB) fs.FS {
	fsys, _, err := render.ThemeFS(nil, model.Config{Theme: "default"})
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

// TestViewsLinks: every link of every page resolves in the output, the
// anchors of the mapping included.
func TestViewsLinks(t *testing.T) {
	res := buildViews(t, viewSite(t))
	checkLinks(t, res.Output)
	for _, p := range append(slices.Clone(viewPages), viewFiles...) {
		if _, err := res.Output.Read(p); err != nil {
			t.Errorf("%s not built", p)
		}
	}
}

// TestViewsDeterministic: two builds give byte-identical views and files;
// the workbook's zip entries are in the same order with the same times.
func TestViewsDeterministic(t *testing.T) {
	a := buildViews(t, viewSite(t))
	b := buildViews(t, viewSite(t))
	for _, p := range append(slices.Clone(viewPages), viewFiles...) {
		if !bytes.Equal([]byte(read(t, a.Output, p)), []byte(read(t, b.Output, p))) {
			t.Errorf("%s differs between two builds", p)
		}
	}
	x, _ := a.Output.Read("soa.xlsx")
	zr, err := zip.NewReader(bytes.NewReader(x), int64(len(x)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.Modified.IsZero() && f.Modified.Year() > 1980 {
			t.Errorf("zip entry %s has a modification time %v", f.Name, f.Modified)
		}
	}
	if !slices.Contains(names, "docProps/core.xml") || !slices.IsSortedFunc(names, func(a, b string) int { return strings.Compare(b, a) }) {
		t.Errorf("zip entries %v", names)
	}
}

// TestViewsIncremental: the views follow edits — front matter and body
// citations of 2013 IDs — and are reused when nothing they show changed.
func TestViewsIncremental(t *testing.T) {
	fsys := viewSite(t)
	var bl Builder
	if _, err := bl.Build(fsys, Options{Today: today}); err != nil {
		t.Fatal(err)
	}
	edit := func(path, old, new string) {
		f := fsys[path]
		fsys[path] = &fstest.MapFile{Data: bytes.Replace(f.Data, []byte(old), []byte(new), 1), Mode: f.Mode}
	}
	rebuild := func() *Result {
		res, err := bl.Build(fsys, Options{Today: today})
		if err != nil || res.Output == nil {
			t.Fatalf("rebuild: %v", err)
		}
		return res
	}
	edit("procedures/pro-01.md", "Prosedyre.", "Prosedyren.")
	res := rebuild()
	for _, p := range append(slices.Clone(viewPages), viewFiles...) {
		if slices.Contains(res.Changed, p) {
			t.Errorf("a body edit without citations changed %s", p)
		}
	}
	edit("procedures/pro-01.md", "Prosedyren.", "Prosedyren, se [[A.12.3.1]].")
	res = rebuild()
	if !slices.Contains(res.Changed, "transition/index.html") {
		t.Errorf("a new 2013 citation in a body did not change the transition page (changed %v)", res.Changed)
	}
	edit("procedures/pro-01.md", `controls: ["5.15",`, `controls: ["5.2", "5.15",`)
	res = rebuild()
	for _, p := range []string{"matrix/index.html", "matrix.csv", "soa/index.html", "soa.csv", "soa.xlsx", "attributes/index.html", "attributes/control-type/preventive/index.html"} {
		if !slices.Contains(res.Changed, p) {
			t.Errorf("covering 5.2 did not change %s", p)
		}
	}
	if slices.Contains(res.Changed, "attributes/control-type/detective/index.html") {
		t.Errorf("covering 5.2 (preventive) changed the #Detective page")
	}
}

// TestViewsExample builds the example ISMS and checks the views on it.
func TestViewsExample(t *testing.T) {
	const dir = "../content"
	if _, err := os.Stat(dir + "/isms.yaml"); err != nil {
		t.Skip("the example ISMS (content/) is not there yet; skipping the views test on it")
	}
	res := buildSite(t, os.DirFS(dir), Options{})
	if res.Output == nil {
		t.Fatalf("the example ISMS has errors:\n%s", res.Findings.Text())
	}
	out := res.Output
	checkLinks(t, out) // every page, the views' included
	for _, p := range []string{"matrix.csv", "soa.csv"} {
		if rows := parseCSV(t, read(t, out, p)); len(rows) != 94 {
			t.Errorf("%s has %d rows, want a header and 93 controls", p, len(rows))
		}
	}
	data, _ := out.Read("soa.xlsx")
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if rows, _ := f.GetRows(f.GetSheetList()[0]); len(rows) != soaXLSXHeaderRow+93 {
		t.Errorf("soa.xlsx has %d rows", len(rows))
	}
	// Meaningful data: some of every level, and the transition has work.
	tot := res.Site.Totals()
	if tot.Gaps == 0 || tot.Excluded == 0 || tot.Evidenced == 0 || tot.Documented == 0 {
		t.Errorf("the example ISMS lacks a level: %+v", tot)
	}
	matrix := read(t, out, "matrix/index.html")
	for _, l := range []string{"gap", "documented", "evidenced", "excluded"} {
		if !strings.Contains(matrix, `<tr data-level="`+l+`"`) {
			t.Errorf("matrix shows no %s control", l)
		}
	}
	tr := views.TransitionOf(res.Site)
	if len(tr.Citing) < 2 {
		t.Errorf("%d documents cite 2013 IDs; the example should show at least two", len(tr.Citing))
	}
	if len(res.Site.Reviews("overdue")) == 0 {
		t.Errorf("no overdue reviews in the example")
	}
}

// TestSoAXLSXLibreOffice opens soa.xlsx in LibreOffice, where it is
// installed, and reads it back as CSV: the workbook must open there too.
func TestSoAXLSXLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) is not installed; skipping the check that it opens soa.xlsx")
	}
	if testing.Short() {
		t.Skip("-short: skipping LibreOffice")
	}
	res := buildViews(t, viewSite(t))
	dir := t.TempDir()
	data, _ := res.Output.Read("soa.xlsx")
	if err := os.WriteFile(filepath.Join(dir, "soa.xlsx"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", dir, filepath.Join(dir, "soa.xlsx"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	text, err := os.ReadFile(filepath.Join(dir, "soa.csv"))
	if err != nil {
		t.Fatalf("LibreOffice wrote no CSV: %v", err)
	}
	rows, err := csv.NewReader(bytes.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != soaXLSXHeaderRow+93 || rows[3][0] != "Tiltak" || rows[4][0] != "5.1" || rows[len(rows)-1][0] != "8.34" {
		t.Errorf("LibreOffice reads %d rows: header %q, first %q", len(rows), rows[min(3, len(rows)-1)], rows[min(4, len(rows)-1)])
	}
}

// soaXLSXHeaderRow is the row of soa.xlsx's column headers, under the
// title, the summary and a blank row.
const soaXLSXHeaderRow = 4
