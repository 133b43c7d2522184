package risk

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func readCSVTable(t *testing.T, data []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(data, []byte(utf8BOM)) {
		t.Fatal("CSV does not start with a byte-order mark")
	}
	if !bytes.Contains(data, []byte("\r\n")) {
		t.Error("CSV lines do not end in CRLF")
	}
	rows, err := csv.NewReader(bytes.NewReader(data[len(utf8BOM):])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestRisksCSV(t *testing.T) {
	reg, _ := readExample(t)
	rows := readCSVTable(t, reg.View(ViewOptions{Today: testToday, Words: themeWords(t, "nb")}).RisksCSV())
	if !slices.Equal(rows[0], []string{"id", "title", "owner", "likelihood", "consequence", "score", "level", "treatment",
		"controls", "residual_likelihood", "residual_consequence", "residual_score", "residual_level",
		"accepted_by", "accepted_date", "review", "open_actions"}) {
		t.Errorf("header %q", rows[0])
	}
	if len(rows) != 5 {
		t.Fatalf("%d rows, want a header and 4 risks", len(rows))
	}
	want := map[string][]string{
		"R-01": {"R-01", "Løsepengevirus krypterer produksjonsdata", "Driftsleder", "4", "5", "20", "Kritisk", "modify", "8.7|8.13|5.30",
			"2", "4", "8", "Middels", "Daglig leder", "2026-03-15", "2027-03-01", "1"},
		// A title that a spreadsheet would run as a formula gets a quote;
		// the treatment "transfer" is written as its option, share.
		"R-02": {"R-02", `'=HYPERLINK("http://x") i leverandørportal`, "Innkjøpsansvarlig", "3", "3", "9", "Middels", "share", "5.19|5.20",
			"2", "3", "6", "Middels", "", "", "2026-12-01", "1"},
		"R-03": {"R-03", "Utilsiktet deling av kundedata", "Driftsleder", "4", "4", "16", "Høy", "modify", "5.12|8.12",
			"", "", "", "", "", "", "", "1"},
		"R-10": {"R-10", "Tap av bærbar PC", "IT-ansvarlig", "2", "2", "4", "Lav", "retain", "", "", "", "", "", "", "", "2026-02-01", "0"},
	}
	for i, id := range []string{"R-01", "R-02", "R-03", "R-10"} {
		if !slices.Equal(rows[i+1], want[id]) {
			t.Errorf("row %d:\n got %q\nwant %q", i+1, rows[i+1], want[id])
		}
	}
}

func TestRTPCSV(t *testing.T) {
	reg, _ := readExample(t)
	rows := readCSVTable(t, reg.View(ViewOptions{Today: testToday}).RTPCSV())
	want := [][]string{
		{"risk", "action", "owner", "due", "status", "overdue", "controls"},
		{"R-03", "Opplæring", "Driftsleder", "2026-01-10", "cancelled", "no", "5.12|8.12"},
		{"R-01", "Øvelse i gjenoppretting", "Driftsleder", "2026-03-15", "planned", "yes", "8.7|8.13|5.30"},
		{"R-03", "DLP i e-post", "Driftsleder", "2026-05-01", "planned", "no", "5.12|8.12"},
		{"R-01", "Uforanderlige sikkerhetskopier", "Driftsleder", "2026-06-30", "done", "no", "8.7|8.13|5.30"},
		{"R-02", "Krav i avtaler", "Innkjøp", "2026-09-01", "in-progress", "no", "5.19|5.20"},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(rows), len(want))
	}
	for i := range want {
		if !slices.Equal(rows[i], want[i]) {
			t.Errorf("row %d:\n got %q\nwant %q", i, rows[i], want[i])
		}
	}
}

func TestXLSX(t *testing.T) {
	reg, _ := readExample(t)
	v := reg.View(ViewOptions{Today: testToday, Words: themeWords(t, "nb")})
	data, err := v.XLSX(XLSXOptions{Words: themeWords(t, "nb"), Organization: "Fjordtech AS"})
	if err != nil {
		t.Fatal(err)
	}
	// excelize writes streamed sheets in map order; the same register must
	// still give the same bytes every time.
	for range 6 {
		again, err := v.XLSX(XLSXOptions{Words: themeWords(t, "nb"), Organization: "Fjordtech AS"})
		if err != nil || !bytes.Equal(data, again) {
			t.Fatalf("two writes of the same register differ (%v)", err)
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Risikoregister", "Behandlingsplan"}) {
		t.Fatalf("sheets %q", got)
	}
	get := func(sheet, cell string) string {
		t.Helper()
		s, err := f.GetCellValue(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	const reg1 = "Risikoregister"
	if got := get(reg1, "A1"); got != "Risikoregister — Fjordtech AS" {
		t.Errorf("title %q", got)
	}
	if got := get(reg1, "A2"); !strings.Contains(got, "vurdert 2026-03-01") || !strings.Contains(got, "metode ISMS-03") || !strings.Contains(got, "bygget 2026-04-01") {
		t.Errorf("meta line %q", got)
	}
	rows, err := f.GetRows(reg1)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"ID", "Tittel", "Eier", "Sannsynlighet", "Konsekvens", "Risikoverdi", "Nivå", "Behandling", "Sikkerhetstiltak"}; !slices.Equal(rows[3][:9], want) {
		t.Errorf("headers %q", rows[3])
	}
	// Row 5 is R-01: numbers are numbers, dates are dates shown as
	// YYYY-MM-DD, words are the site's.
	if got := rows[4][:9]; !slices.Equal(got, []string{"R-01", "Løsepengevirus krypterer produksjonsdata", "Driftsleder", "4", "5", "20", "Kritisk", "Redusere (modifisere)", "8.7|8.13|5.30"}) {
		t.Errorf("R-01 %q", got)
	}
	for _, c := range []string{"D5", "F5", "J5", "Q5"} {
		if typ, _ := f.GetCellType(reg1, c); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("%s is of type %v, want a number", c, typ)
		}
	}
	if got, _ := f.GetCellValue(reg1, "P5", excelize.Options{RawCellValue: true}); got != "46447" {
		t.Errorf("review date of R-01 is stored as %q, want the date number 46447 (2027-03-01)", got)
	}
	if got := get(reg1, "P5"); got != "2027-03-01" {
		t.Errorf("review date of R-01 shows as %q", got)
	}
	// A title that looks like a formula is text, not a formula.
	if got := get(reg1, "B6"); got != `=HYPERLINK("http://x") i leverandørportal` {
		t.Errorf("R-02 title %q", got)
	}
	if formula, _ := f.GetCellFormula(reg1, "B6"); formula != "" {
		t.Errorf("R-02's title became the formula %q", formula)
	}
	if typ, _ := f.GetCellType(reg1, "B6"); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
		t.Errorf("B6 is of type %v, want text", typ)
	}
	panes, err := f.GetPanes(reg1)
	if err != nil || !panes.Freeze || panes.XSplit != 1 || panes.YSplit != 4 {
		t.Errorf("panes %+v (%v), want the header and ID column frozen", panes, err)
	}
	plan, err := f.GetRows("Behandlingsplan")
	if err != nil {
		t.Fatal(err)
	}
	if len(plan) != 4+5 || !slices.Equal(plan[3], []string{"Risiko", "Tiltak", "Eier", "Frist", "Status", "Forfalt", "Sikkerhetstiltak"}) {
		t.Fatalf("plan %q", plan)
	}
	if got := plan[5]; !slices.Equal(got, []string{"R-01", "Øvelse i gjenoppretting", "Driftsleder", "2026-03-15", "Planlagt", "ja", "8.7|8.13|5.30"}) {
		t.Errorf("overdue action row %q", got)
	}
	// The header rows have autofilters over the whole table.
	for sheet, want := range map[string]string{"xl/worksheets/sheet1.xml": `<autoFilter ref="$A$4:$Q$8">`, "xl/worksheets/sheet2.xml": `<autoFilter ref="$A$4:$G$9">`} {
		if xml := zipEntry(t, data, sheet); !strings.Contains(xml, want) {
			t.Errorf("%s has no %s", sheet, want)
		}
	}
	props, err := f.GetDocProps()
	if err != nil || props.Created != "2026-04-01T00:00:00Z" || props.Creator != "Fjordtech AS" {
		t.Errorf("document properties %+v (%v)", props, err)
	}
}

func zipEntry(t *testing.T, data []byte, name string) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	r, err := z.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSheetName(t *testing.T) {
	for in, want := range map[string]string{
		"Risikoregister": "Risikoregister", "Plan: 2026/27 [utkast]": "Plan- 2026-27 -utkast-",
		"": "def", "''": "def", strings.Repeat("å", 40): strings.Repeat("å", 31),
	} {
		if got := sheetName(in, "def"); got != want {
			t.Errorf("sheetName(%q) = %q, want %q", in, got, want)
		}
	}
}
