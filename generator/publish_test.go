package generator

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"io"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/isms-project/isms/internal/model"
	"github.com/isms-project/isms/internal/views"
	"github.com/xuri/excelize/v2"
)

// canaries are the words each document of testdata/publish/site.txtar
// hides in its title, summary, body, headings and attachments.
var canaries = map[string][]string{
	"POL-02": {"zebracanarytitle", "zebracanarysummary", "zebracanarybody", "zebracanaryattachment", "zebracanaryfile"},
	"POL-03": {"okapicanarytitle", "okapicanarysummary", "okapicanarybody", "okapicanaryheading", "okapicanaryattachment", "okapicanarylinkedfile"},
	"POL-04": {"lynxcanarytitle", "lynxcanarysummary", "lynxcanarybody", "lynxcanaryattachment", "lynxcanaryfile"},
}

// outputText is every output file's text, the XLSX workbooks unzipped.
func outputText(t *testing.T, res *Result) map[string]string {
	t.Helper()
	files := map[string]string{}
	for _, p := range res.Output.Paths() {
		data, err := res.Output.Read(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(p, ".xlsx") {
			files[p] = string(data)
			continue
		}
		z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, f := range z.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(rc)
			rc.Close()
			files[p+"!"+f.Name] = string(b)
		}
	}
	return files
}

// TestPublishCanaries: a build leaves out every word of the documents it
// withholds — from pages, exports, workbooks and every search file — and
// keeps every word of those it publishes.
func TestPublishCanaries(t *testing.T) {
	fsys, _ := readSite(t, "testdata/publish/site.txtar")
	for _, c := range []struct {
		level    string
		withheld []string
	}{
		{"", []string{"POL-03", "POL-04"}}, // default: internal
		{"confidential", []string{"POL-04"}},
		{"public", []string{"POL-02", "POL-03", "POL-04", "REG-01"}},
		{"restricted", nil},
	} {
		t.Run("classification="+c.level, func(t *testing.T) {
			res := buildSite(t, fsys, Options{Classification: c.level})
			if res.Output == nil {
				t.Fatalf("build failed:\n%s", res.Findings.Text())
			}
			files := outputText(t, res)
			if len(files) < 20 {
				t.Fatalf("only %d output files", len(files))
			}
			searched := false
			for p := range files {
				searched = searched || strings.HasPrefix(p, "search/t/")
			}
			if !searched {
				t.Fatal("no search term shards in the output: the test would not see a leak into search")
			}
			for id, words := range canaries {
				held := false
				for _, w := range c.withheld {
					held = held || w == id
				}
				for _, w := range words {
					var in []string
					for p, text := range files {
						if strings.Contains(strings.ToLower(text), w) {
							in = append(in, p)
						}
					}
					switch {
					case held && len(in) > 0:
						t.Errorf("%s is withheld, yet %q is in %v", id, w, in)
					case !held && len(in) == 0 && !strings.HasSuffix(w, "file"):
						t.Errorf("%s is published, yet %q is in no output file", id, w)
					}
				}
				_, page := files["docs/"+id+"/index.html"]
				if page == held {
					t.Errorf("%s: page written %v, withheld %v", id, page, held)
				}
			}
			// The confidential file is linked by the public POL-05 too: always published.
			if _, ok := files["files/policies/files/confidential.csv"]; !ok {
				t.Error("the attachment a public document links is missing")
			}
			if got := len(res.Site.Withheld); got != len(c.withheld) {
				t.Errorf("Site.Withheld has %d documents, want %d", got, len(c.withheld))
			}
		})
	}
}

// TestPublishCoverage: withholding changes no control's coverage; the
// matrix and the control pages list a withheld document by ID, marked.
func TestPublishCoverage(t *testing.T) {
	fsys, _ := readSite(t, "testdata/publish/site.txtar")
	all := buildSite(t, fsys, Options{Classification: "restricted"})
	def := buildSite(t, fsys, Options{})
	pub := buildSite(t, fsys, Options{Classification: "public"})
	for _, c := range all.Site.Controls {
		for _, other := range []*Result{def, pub} {
			oc := other.Site.Control(c.ID)
			if oc.Level != c.Level || len(oc.Documents) != len(c.Documents) || len(oc.Records) != len(c.Records) {
				t.Errorf("control %s: %v with %d/%d documents when everything is published, %v with %d/%d when some are withheld",
					c.ID, c.Level, len(c.Documents), len(c.Records), oc.Level, len(oc.Documents), len(oc.Records))
			}
		}
	}
	if got := def.Site.Control("5.15").Level; got != model.Evidenced {
		t.Errorf("5.15 is %v, want evidenced", got)
	}
	page := read(t, def.Output, "controls/5.17/index.html")
	if !strings.Contains(page, `<span class="id">POL-03</span>`) || !strings.Contains(page, "withheld") {
		t.Errorf("the control page does not list POL-03 as withheld:\n%s", page)
	}
	if strings.Contains(page, `href="../../docs/POL-03/`) {
		t.Error("the control page links the withheld POL-03")
	}
	body := read(t, def.Output, "docs/POL-01/index.html")
	for _, want := range []string{`<span class="ref ref-withheld">POL-03 <span class="withheld-mark">(withheld)</span></span>`, `<span class="ref-withheld">POL-04 <span class="withheld-mark">(withheld)</span></span>`} {
		if !strings.Contains(body, want) {
			t.Errorf("POL-01 does not show %s", want)
		}
	}
	soaCSV, err := views.SoACSV(def.Site)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(soaCSV), "POL-03 (withheld)") {
		t.Errorf("soa.csv does not name POL-03 as withheld:\n%s", soaCSV)
	}
	home := read(t, def.Output, "index.html")
	if !strings.Contains(home, "withholds 2 documents classified above Internal") {
		t.Errorf("the overview does not say what the build withholds")
	}
}

// TestPublishPreview: the live preview publishes every document and marks
// those a build would withhold.
func TestPublishPreview(t *testing.T) {
	fsys, _ := readSite(t, "testdata/publish/site.txtar")
	res := buildSite(t, fsys, Options{LiveReload: true})
	page := read(t, res.Output, "docs/POL-03/index.html")
	if !strings.Contains(page, "banner-withheld") || !strings.Contains(page, "okapicanarybody") {
		t.Errorf("the preview of POL-03 lacks its text or the withheld banner")
	}
	if strings.Contains(read(t, res.Output, "docs/POL-01/index.html"), "banner-withheld") {
		t.Error("a public document is marked as withheld")
	}
}

// TestExportFormulas: text a spreadsheet would run — a title or a
// justification starting with =, +, -, @ — is written as text in every
// CSV and XLSX file.
func TestExportFormulas(t *testing.T) {
	fsys := fstest.MapFS{
		"isms.yaml": {Data: []byte("title: T\nlanguage: en\n")},
		"soa.yaml":  {Data: []byte("controls:\n  \"7.4\":\n    applicable: false\n    justification: '=HYPERLINK(\"http://evil.example\",\"x\")'\n")},
		"pol.md":    {Data: []byte("---\nid: POL-01\ntitle: \"@SUM(1+1)*cmd|' /C calc'!A0\"\ntype: policy\ncontrols: [\"5.15\"]\n---\nBody.\n")},
	}
	res := buildSite(t, fsys, Options{})
	if res.Output == nil {
		t.Fatalf("build failed:\n%s", res.Findings.Text())
	}
	for _, p := range []string{"soa.csv", "matrix.csv"} {
		data := read(t, res.Output, p)
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(data, "\uFEFF"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			for _, cell := range row {
				if cell != "" && strings.ContainsRune("=+@", rune(cell[0])) {
					t.Errorf("%s: cell %q would run as a formula", p, cell)
				}
			}
		}
	}
	if data := read(t, res.Output, "soa.csv"); !strings.Contains(data, `'=HYPERLINK(`) {
		t.Errorf("soa.csv lost the justification:\n%s", data)
	}
	data, _ := res.Output.Read("soa.xlsx")
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if formula, _ := f.GetCellFormula(sheet, cell); formula != "" {
				t.Errorf("soa.xlsx %s holds the formula %q", cell, formula)
			}
			if strings.Contains(v, "HYPERLINK") || strings.Contains(v, "@SUM") {
				found++
			}
		}
	}
	if found < 2 {
		t.Errorf("soa.xlsx: the justification and the title are not there as text (%d found)", found)
	}
}
