package adopt

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"go.yaml.in/yaml/v3"

	"github.com/isms-project/isms/catalog"
	"github.com/isms-project/isms/internal/model"
	"github.com/isms-project/isms/internal/testsites"
)

// messy is a Norwegian SoA as teams keep it: semicolons, a byte order
// mark, CRLF, a heading row, IDs and values written every which way.
const messy = "\uFEFFTiltak;Tittel;Anvendelig;Årsak;Status;Begrunnelse;SoA versjon\r\n" +
	"5 Organisatoriske tiltak;;;;;;\r\n" +
	"A 5.15;Tilgangsstyring;Ja;Risiko, Kontrakt;Implementert ;POL-02;1.2\r\n" +
	"5.1;Policyer;ja;lovkrav og risiko;Delvis;\"Policy; godkjent\";1.2\r\n" +
	"a.5.2;Roller;JA;Virksomhet;Pågår;;\r\n" +
	"5.3;Arbeidsdeling;Ja;Magefølelse;Kanskje;;\r\n" +
	"7.4;Overvåking;ikke relevant;;Ikke relevant;Ingen egne lokaler;\r\n" +
	"7.6;Sikre områder;Nei;;;;\r\n" +
	"A.9.1.1;Gammel;Ja;;;;\r\n" +
	"5.99;Finnes ikke;Ja;;;;\r\n" +
	"9.2;Internrevisjon;Ja;;;;\r\n" +
	"5.15;Dobbel;Ja;;;;\r\n" +
	"8.28;Sikker koding;Kanskje;;;;\r\n" +
	"8.8;Sårbarheter;;Kunde;Ikke startet;;2.0\r\n" +
	"8.9;Konfigurasjon;Ja;;Planlagt;\"To\r\nlinjer\";\r\n" +
	"8.10;Sletting;Ja;;;;\r\n"

const messyWant = `# Statement of Applicability, imported from soa.csv (isms import soa).
# Every ISO/IEC 27002:2022 control not listed here is applicable.
version: "1.2"
controls:
  "5.1":
    reasons: [risk, legal]
    status: partial
    justification: Policy; godkjent
  "5.2":
    reasons: [business]
    status: partial
  "5.15":
    reasons: [risk, contract]
    status: implemented
    justification: POL-02
  "7.4":
    applicable: false
    justification: Ingen egne lokaler
  "7.6":
    applicable: false
  "8.8":
    reasons: [contract]
    status: not-started
  "8.9":
    status: planned
    justification: "To\nlinjer"
`

const messyFindings = `soa.csv:6:22: warning: unknown reasons "magefølelse" (risk, legal, contract, business; risiko, lov, kontrakt, virksomhet); left out
soa.csv:6:34: warning: unknown status "Kanskje" (implemented, partial, planned, not started; implementert, delvis, planlagt, ikke startet); status left out
soa.csv:8:25: error: control 7.6 is excluded without a justification; the SoA must say why (write it in soa.yaml)
soa.csv:9:1: error: A.9.1.1 is an ISO/IEC 27002:2013 control; the SoA lists 2022 controls (in 2022 it is 5.15); the row is left out
soa.csv:10:1: error: unknown control "5.99" (ISO/IEC 27002:2022 organizational controls are 5.1–5.37); the row is left out
soa.csv:11:1: error: "9.2" is not an ISO/IEC 27002:2022 control (they are 5.1 to 8.34); the row is left out
soa.csv:12:1: error: control 5.15 is listed twice (first on line 3); this row is left out
soa.csv:13:20: error: cannot read "Kanskje" as applicable or not (yes, no, not applicable; ja, nei, ikke relevant); the row is left out
soa.csv:14:38: warning: version "2.0" differs from "1.2" on an earlier row; the first is taken
`

// TestImportSoA: the messy sheet gives the exact soa.yaml and a finding at
// every cell it cannot read.
func TestImportSoA(t *testing.T) {
	out, fs := ImportSoA("soa.csv", []byte(messy))
	if string(out) != messyWant {
		t.Errorf("soa.yaml:\n%s\nwant:\n%s", out, messyWant)
	}
	if got := fs.Text(); got != messyFindings {
		t.Errorf("findings:\n%s\nwant:\n%s", got, messyFindings)
	}
	soa := readBack(t, out)
	if len(soa.Controls) != 7 || soa.Version != "1.2" || soa.Controls["7.4"].Applicable || soa.Controls["5.15"].Status != "implemented" {
		t.Errorf("soa.yaml reads back as %+v", soa)
	}
	again, _ := ImportSoA("soa.csv", []byte(messy))
	if !bytes.Equal(again, out) {
		t.Errorf("two imports differ")
	}
}

// readBack reads soa.yaml as the build does; its only finding may be an
// excluded control without a justification, which the sheet lacked.
func readBack(t *testing.T, out []byte) model.SoA {
	t.Helper()
	cat, err := catalog.New()
	if err != nil {
		t.Fatal(err)
	}
	soa, fs := model.ReadSoA(out, cat)
	for _, f := range fs {
		if !strings.Contains(f.Message, "without a justification") {
			t.Errorf("the build finds in soa.yaml: %s", f)
		}
	}
	return soa
}

// TestImportSoAXLSX: the same sheet as a workbook; findings name the cell.
func TestImportSoAXLSX(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Front page")
	f.SetCellValue("Front page", "A1", "Statement of Applicability")
	f.NewSheet("SoA")
	rows := strings.Split(strings.TrimPrefix(messy, "\uFEFF"), "\r\n")
	for i, line := range rows {
		if line == "" || strings.Contains(line, "\"") {
			continue // the quoted cells are for CSV
		}
		for j, v := range strings.Split(line, ";") {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			f.SetCellValue("SoA", cell, v)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	out, fs := ImportSoA("soa.xlsx", buf.Bytes())
	got := fs.Text()
	for _, w := range []string{
		"soa.xlsx:13:3: error: cell C13: cannot read \"Kanskje\" as applicable or not",
		"soa.xlsx:8:6: error: cell F8: control 7.6 is excluded without a justification",
		"soa.xlsx:9:1: error: cell A9: A.9.1.1 is an ISO/IEC 27002:2013 control",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("missing finding %q in:\n%s", w, got)
		}
	}
	if !strings.Contains(string(out), "  \"5.15\":\n    reasons: [risk, contract]\n    status: implemented\n    justification: POL-02\n") {
		t.Errorf("soa.yaml:\n%s", out)
	}
}

// TestImportSoATestSite: the control register of plain-en, written by
// another hand: untidy values read, the excluded control without a
// justification found.
func TestImportSoATestSite(t *testing.T) {
	data, err := fs.ReadFile(testsites.FS, "plain-en/control-status.csv")
	if err != nil {
		t.Fatal(err)
	}
	out, findings := ImportSoA("control-status.csv", data)
	readBack(t, out)
	var doc struct {
		Controls map[string]struct {
			Applicable    *bool
			Reasons       []string
			Status        string
			Justification string
		}
	}
	if err := yaml.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	c := doc.Controls
	if got := c["5.15"]; got.Status != "implemented" || strings.Join(got.Reasons, ",") != "risk,contract" || got.Justification != "POL-SEC-003" {
		t.Errorf("5.15 (written A.5.15) is %+v", got)
	}
	if got := c["5.5"]; got.Status != "implemented" {
		t.Errorf(`5.5 ("Implemented ") is %+v`, got)
	}
	if got := c["5.3"]; got.Status != "partial" {
		t.Errorf(`5.3 ("In Progress") is %+v`, got)
	}
	if got := c["5.37"]; got.Status != "partial" {
		t.Errorf(`5.37 ("Partially Implemented") is %+v`, got)
	}
	if got := c["7.4"]; got.Applicable == nil || *got.Applicable || got.Status != "" || got.Justification == "" {
		t.Errorf(`7.4 ("Not Applicable") is %+v`, got)
	}
	if got := c["7.6"]; got.Applicable == nil || *got.Applicable {
		t.Errorf(`7.6 ("no") is %+v`, got)
	}
	if _, ok := c["5.4"]; ok {
		t.Errorf("5.4 says nothing but is listed")
	}
	errs, _ := findings.Count()
	if errs != 1 || !strings.Contains(findings.Text(), "control 7.11 is excluded without a justification") {
		t.Errorf("findings:\n%s", findings.Text())
	}
	if len(c) < 80 {
		t.Errorf("%d controls imported", len(c))
	}
}

// TestImportSoARoundTrip: the soa.csv a build writes imports back; a
// status the build derived stays derived.
func TestImportSoARoundTrip(t *testing.T) {
	csv := "id,theme,title,applicable,reasons,justification,status,status_source,coverage,documents,evidence,organization,isms_version,soa_version,soa_approver,soa_approved,built\n" +
		"5.1,organizational,Policies,yes,risk|legal,See [[POL-01]],implemented,soa.yaml,documented,POL-01,,Org,1,3,CEO,2026-01-31,2026-03-01\n" +
		"5.2,organizational,Roles,yes,,,partial,derived,gap,,,Org,1,3,CEO,2026-01-31,2026-03-01\n" +
		"7.4,physical,Monitoring,no,,No premises,,,excluded,,,Org,1,3,CEO,2026-01-31,2026-03-01\n"
	out, fs := ImportSoA("soa.csv", []byte(csv))
	want := `# Statement of Applicability, imported from soa.csv (isms import soa).
# Every ISO/IEC 27002:2022 control not listed here is applicable.
version: "3"
approver: CEO
approved: 2026-01-31
controls:
  "5.1":
    reasons: [risk, legal]
    status: implemented
    justification: See [[POL-01]]
  "7.4":
    applicable: false
    justification: No premises
`
	if string(out) != want || len(fs) != 0 {
		t.Errorf("got:\n%s\n%s\nwant:\n%s", out, fs.Text(), want)
	}
	if soa := readBack(t, out); soa.Approver != "CEO" || soa.Approved.Format("2006-01-02") != "2026-01-31" {
		t.Errorf("soa.yaml reads back as %+v", soa)
	}
}

func TestImportSoAUnreadable(t *testing.T) {
	for in, want := range map[string]string{
		"":                        "x.csv:1:1: error: no rows",
		"name,owner\nBackup,IT\n": "x.csv:1:1: error: no column of control IDs",
		"id\n\"5.1\n":             "x.csv:2:",
	} {
		_, fs := ImportSoA("x.csv", []byte(in))
		if !strings.HasPrefix(fs.Text(), want) {
			t.Errorf("%q gives %q, want %q", in, fs.Text(), want)
		}
	}
}

// TestImportSoADefused: a justification the build defused for
// spreadsheets ('=…) comes back as written.
func TestImportSoADefused(t *testing.T) {
	out, fs := ImportSoA("soa.csv", []byte("id,applicable,justification\n7.4,no,'=No premises\n"))
	if !strings.Contains(string(out), "    justification: =No premises\n") || len(fs) != 0 {
		t.Errorf("soa.yaml:\n%s%s", out, fs.Text())
	}
}
