package risk

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func bothLanguages(t testing.TB) ImportOptions {
	return ImportOptions{Words: []Words{themeWords(t, "en"), themeWords(t, "nb")}}
}

// importAndRead imports a file over the example register and reads the
// result, failing on errors in either.
func importAndRead(t *testing.T, name string, data, existing []byte) *Register {
	t.Helper()
	text, fs := Import(name, data, existing, bothLanguages(t))
	if errs, _ := fs.Count(); errs > 0 || text == nil {
		t.Fatalf("import: %s", fs.Text())
	}
	again, _ := Import(name, data, existing, bothLanguages(t))
	if !bytes.Equal(text, again) {
		t.Error("two imports of the same file differ")
	}
	reg, fs := Read(text, testCatalog(t))
	if errs, _ := fs.Count(); errs > 0 {
		t.Fatalf("reading the imported register: %s\n%s", fs.Text(), text)
	}
	return reg
}

// Export → import gives the same register: the CSV carries the ratings,
// treatments, controls, acceptance and reviews, risks.yaml the rest.
func TestRoundTripCSV(t *testing.T) {
	reg, src := readExample(t)
	v := reg.View(ViewOptions{Today: testToday, Words: themeWords(t, "nb")})
	sameRegister(t, importAndRead(t, "risks.csv", v.RisksCSV(), src), reg)
}

// Both sheets of the workbook, in either language: the treatment plan
// sheet carries the actions too.
func TestRoundTripXLSX(t *testing.T) {
	reg, src := readExample(t)
	for _, lang := range []string{"nb", "en"} {
		t.Run(lang, func(t *testing.T) {
			w := themeWords(t, lang)
			data, err := reg.View(ViewOptions{Today: testToday, Words: w}).XLSX(XLSXOptions{Words: w, Organization: "Fjordtech AS"})
			if err != nil {
				t.Fatal(err)
			}
			// The plan sheet's actions replace those of risks.yaml, in
			// risks.yaml's order.
			sameRegister(t, importAndRead(t, "risks.xlsx", data, src), reg)
			// Without actions in risks.yaml, they all come from the plan
			// sheet, in its order: by due date.
			want, _ := Read(src, testCatalog(t))
			for _, x := range want.Risks {
				slices.SortStableFunc(x.Actions, func(a, b *Action) int { return a.Due.Compare(b.Due) })
			}
			sameRegister(t, importAndRead(t, "risks.xlsx", data, stripActions(t, src)), want)
		})
	}
}

// stripActions removes the actions from the example's text.
func stripActions(t *testing.T, src []byte) []byte {
	t.Helper()
	var out []string
	skipping := false
	for _, line := range strings.Split(string(src), "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "actions:":
			skipping = true
			continue
		case skipping && strings.HasPrefix(trimmed, "- "):
			continue
		}
		skipping = false
		out = append(out, line)
	}
	reg, _ := Read([]byte(strings.Join(out, "\n")), testCatalog(t))
	for _, x := range reg.Risks {
		if len(x.Actions) > 0 {
			t.Fatalf("%s still has actions", x.ID)
		}
	}
	return []byte(strings.Join(out, "\n"))
}

// A team's own workbook with Norwegian headers in another order, in mixed
// case, words for treatments and statuses, dates as dates and as text.
func TestImportNorwegianXLSX(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "Risikoer"))
	rows := [][]any{
		{"Risikovurdering 2026"},
		{},
		{" tittel ", "ID", "RISIKOEIER?", "Eier", "Sannsynlighet", "Konsekvens", "Behandling", "Sikkerhetstiltak", "Sannsynlighet etter tiltak", "Konsekvens etter tiltak", "Akseptert av", "Akseptert dato", "Neste gjennomgang"},
		{"Phishing mot økonomi", "R-7", "x", "Økonomisjef", 4, 3, "Redusere", "A.5.15; 8.13, a.8.7", 2, 2, "Daglig leder", time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC), "01.09.2026"},
		{"Brann i serverrom", "R-8", "", "Driftsleder", "2", "5", "dele (overføre)", "", "", "", "", "", ""},
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		must(f.SetSheetRow("Risikoer", cell, &row))
	}
	_, err := f.NewSheet("Tiltaksplan")
	must(err)
	for i, row := range [][]any{
		{"Risiko", "Tiltak", "Frist", "Status"},
		{"R-7", "Opplæring i phishing", "2026-05-01", "Pågår"},
		{"R-7", "Tofaktor for betalinger", "", ""},
	} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		must(f.SetSheetRow("Tiltaksplan", cell, &row))
	}
	buf, err := f.WriteToBuffer()
	must(err)

	text, fs := Import("risikoer.xlsx", buf.Bytes(), nil, bothLanguages(t))
	if len(fs) != 1 || fs[0].String() != `risikoer.xlsx[Risikoer]:3:3: warning: column "RISIKOEIER?" is not one isms reads; it is left out (columns: id, title, owner, likelihood, consequence, score, level, treatment, controls, residual_likelihood, residual_consequence, residual_score, residual_level, accepted_by, accepted_date, review, open_actions)` {
		t.Errorf("findings:\n%s", fs.Text())
	}
	if !bytes.Contains(text, []byte(`controls: ["5.15", "8.13", "8.7"]`)) || !bytes.HasPrefix(text, []byte("# Risk register")) {
		t.Errorf("risks.yaml text:\n%s", text)
	}
	reg, fs := Read(text, testCatalog(t))
	if errs, _ := fs.Count(); errs > 0 {
		t.Fatalf("%s\n%s", fs.Text(), text)
	}
	if len(reg.Risks) != 2 || reg.matrixWritten {
		t.Fatalf("got %d risks, matrix written %v", len(reg.Risks), reg.matrixWritten)
	}
	r7, r8 := reg.Risks[0], reg.Risks[1]
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	if r7.ID != "R-7" || r7.Title != "Phishing mot økonomi" || r7.Owner != "Økonomisjef" || r7.Inherent != (Rating{4, 3}) ||
		r7.Treatment != Modify || r7.Residual == nil || *r7.Residual != (Rating{2, 2}) ||
		r7.Accepted == nil || r7.Accepted.By != "Daglig leder" || !r7.Accepted.Date.Equal(day(2026, 3, 15)) || !r7.Review.Equal(day(2026, 9, 1)) {
		t.Errorf("R-7 = %+v", *r7)
	}
	if len(r7.Actions) != 2 || r7.Actions[0].Title != "Opplæring i phishing" || r7.Actions[0].Status != InProgress ||
		!r7.Actions[0].Due.Equal(day(2026, 5, 1)) || r7.Actions[0].Owner != "Økonomisjef" || r7.Actions[1].Status != Planned || !r7.Actions[1].Due.IsZero() {
		t.Errorf("R-7 actions: %+v %+v", *r7.Actions[0], *r7.Actions[1])
	}
	if r8.Treatment != Share || r8.Inherent != (Rating{2, 5}) || r8.Residual != nil || r8.Accepted != nil || len(r8.Actions) != 0 {
		t.Errorf("R-8 = %+v", *r8)
	}
}

// Every cell that cannot be read is reported at its row and column.
func TestImportBrokenCSV(t *testing.T) {
	csv := "id,title,owner,likelihood,consequence,treatment,controls,review,colour\r\n" +
		"R-01,Ok,Ops,3,4,modify,5.15,2026-05-01,red\r\n" +
		"R-02,Bad numbers,Ops,fire,9,retain,,2026-05-01,\r\n" +
		"R-03,Bad treatment,Ops,1,1,maybe,,01/13/2026,\r\n" +
		"R-04,Short,Ops\r\n" +
		"R-01,Again,Ops,1,1,,,,\r\n" +
		",No id,Ops,1,1,,,,\r\n" +
		"5.15,Control,Ops,1,1,,,,\r\n" +
		",,,,,,,,\r\n" +
		"R-05,\"Two\nlines\",Ops,1,x,,,,\r\n"
	text, fs := Import("risks.csv", []byte(csv), nil, bothLanguages(t))
	want := `risks.csv:1:9: warning: column "colour" is not one isms reads; it is left out (columns: id, title, owner, likelihood, consequence, score, level, treatment, controls, residual_likelihood, residual_consequence, residual_score, residual_level, accepted_by, accepted_date, review, open_actions)
risks.csv:3:4: error: likelihood "fire" is not a whole number (1–5)
risks.csv:3:5: error: consequence 9 is outside the matrix (1–5)
risks.csv:4:6: error: unknown treatment "maybe" (use one of: modify, retain, avoid, share)
risks.csv:4:8: error: review "01/13/2026" is not a date (write YYYY-MM-DD)
risks.csv:5:4: error: the row has 3 cells, the header 9; a cell is missing or a quote is unclosed
risks.csv:6:1: error: risk R-01 is in the sheet twice (first in row 2)
risks.csv:7:1: error: the row has no risk ID
risks.csv:8:1: error: invalid risk ID "5.15": an ID starts with a letter, then letters, digits, -, _ or ., and does not look like a control ID
risks.csv:10:5: error: consequence "x" is not a whole number (1–5)
`
	if got := fs.Text(); got != want {
		t.Errorf("findings:\n--- got\n%s--- want\n%s", got, want)
	}
	// The rows that could be read are in the text, for the diff.
	if !bytes.Contains(text, []byte("R-01:\n    title: Ok")) || bytes.Contains(text, []byte("Again")) {
		t.Errorf("text:\n%s", text)
	}
}

func TestImportKeepsAndDrops(t *testing.T) {
	reg, src := readExample(t)
	v := reg.View(ViewOptions{Today: testToday})
	var kept []string
	for _, line := range strings.Split(string(v.RisksCSV()), "\r\n") {
		if !strings.HasPrefix(line, "R-10,") {
			kept = append(kept, line)
		}
	}
	text, fs := Import("risks.csv", []byte(strings.Join(kept, "\r\n")), src, ImportOptions{})
	line := 1 + strings.Count(string(src[:strings.Index(string(src), "  R-10:")]), "\n")
	want := "risks.yaml:" + strconv.Itoa(line) + ":3: warning: risk R-10 is not in the spreadsheet; the import leaves it out of risks.yaml\n"
	if fs.Text() != want {
		t.Errorf("findings:\n%swant\n%s", fs.Text(), want)
	}
	got, _ := Read(text, testCatalog(t))
	if _, ok := got.Risk("R-10"); ok || len(got.Risks) != 3 {
		t.Errorf("R-10 is still there")
	}
	if r, _ := got.Risk("R-01"); !strings.Contains(r.Description, "[[PRO-03]]") || len(r.Assets) != 2 || len(r.Actions) != 2 {
		t.Errorf("R-01 lost what the sheet does not carry: %+v", *r)
	}
}

// A treatment plan CSV alone replaces the actions of the risks it names
// and clears the others'.
func TestImportPlanOnly(t *testing.T) {
	_, src := readExample(t)
	csv := "risk,action,owner,due,status\nR-03,Ny DLP,,2026-06-01,done\nR-99,Ghost,,,\n"
	text, fs := Import("rtp.csv", []byte(csv), src, bothLanguages(t))
	if got := fs.Text(); got != "rtp.csv:3:1: error: action of unknown risk \"R-99\" (the register has no such risk)\n" {
		t.Errorf("findings %s", got)
	}
	got, _ := Read(text, testCatalog(t))
	r3, _ := got.Risk("R-03")
	r1, _ := got.Risk("R-01")
	if len(r3.Actions) != 1 || r3.Actions[0].Title != "Ny DLP" || r3.Actions[0].Status != Done || r3.Actions[0].Owner != "Driftsleder" || len(r1.Actions) != 0 {
		t.Errorf("R-03 actions %+v, R-01 %d", r3.Actions, len(r1.Actions))
	}
}

func TestImportUnreadable(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"risks.pdf", "%PDF", "risks.pdf:1:1: error: risks.pdf is neither a CSV nor an XLSX file; export the register as .csv or .xlsx\n"},
		{"risks.csv", "a,b\n1,2\n", "risks.csv:1:1: error: no header row with the columns of risks.csv (id, title, owner, likelihood, consequence, score, level, treatment, controls, residual_likelihood, residual_consequence, residual_score, residual_level, accepted_by, accepted_date, review, open_actions) or rtp.csv (risk, action, owner, due, status, overdue, controls)\n"},
		{"risks.csv", "id,title\nR-1,\"open\n", "risks.csv:2:11: error: CSV syntax error: extraneous or missing \" in quoted-field\n"},
		{"risks.xlsx", "PK\x03\x04broken", "risks.xlsx:1:1: error: cannot read the workbook: zip: not a valid zip file (save it as .xlsx, or export a sheet as CSV)\n"},
		{"risks.csv", "id,title,likelihood\nR-1,A,1\n", "risks.csv:1:1: error: the header has no column owner\nrisks.csv:1:1: error: the header has no column consequence\n"},
	} {
		text, fs := Import(tc.name, []byte(tc.data), nil, ImportOptions{})
		if got := fs.Text(); got != tc.want {
			t.Errorf("%s %q:\n got %s\nwant %s", tc.name, tc.data, got, tc.want)
		}
		if strings.Contains(tc.want, "no column") != (text != nil) {
			t.Errorf("%s %q: text %q", tc.name, tc.data, text)
		}
	}
}

// Spreadsheets in Norwegian settings save CSV with semicolons.
func TestImportSemicolons(t *testing.T) {
	csv := "ID;Tittel;Eier;Sannsynlighet;Konsekvens;Behandling\r\nR-1;Brann, eller flom;Drift;2;5;Unngå\r\n"
	text, fs := Import("risiko.csv", []byte(csv), nil, bothLanguages(t))
	if len(fs) != 0 {
		t.Fatal(fs.Text())
	}
	reg, _ := Read(text, nil)
	if r := reg.Risks[0]; r.Title != "Brann, eller flom" || r.Treatment != Avoid || r.Inherent != (Rating{2, 5}) {
		t.Errorf("risk %+v", *r)
	}
}

// An existing risks.yaml that cannot be parsed stops the import: its
// matrix and descriptions would be lost.
func TestImportBrokenExisting(t *testing.T) {
	text, fs := Import("risks.csv", []byte("id,title,owner,likelihood,consequence\nR-1,a,b,1,1\n"), []byte("risks:\n  R-1: [\n"), ImportOptions{})
	if text != nil || len(fs) != 1 || fs[0].Path != "risks.yaml" || fs[0].Line != 2 || !strings.Contains(fs[0].Message, "YAML syntax error") {
		t.Errorf("text %q, findings %s", text, fs.Text())
	}
}
