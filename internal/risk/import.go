package risk

// Import reads a register kept in a spreadsheet — risks.csv, rtp.csv or
// risks.xlsx as the build writes them, or a team's own sheet with the same
// column headers — into risks.yaml text. Headers are matched without
// regard to case and surrounding space, as the CSV column names or as the
// theme's words for them in any language the caller passes (Words), so a
// Norwegian workbook reads as well as an English one. Every cell that
// cannot be read is reported at FILE:row:column (the spreadsheet's row
// and column numbers; in a CSV file the row is the line).
//
// What a spreadsheet does not carry — the matrix, the method, a risk's
// description, assets, properties, documents, and its actions unless a
// treatment plan table is read too — is kept from the existing risks.yaml,
// so that writing a register out and importing it again changes nothing.

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"

	"github.com/isms-project/isms/catalog"
	"github.com/isms-project/isms/internal/finding"
)

// ImportOptions is what the import needs besides the file.
type ImportOptions struct {
	// Words are the theme's strings in each language whose column
	// headers and words for treatments and statuses the sheet may use,
	// besides the CSV column names and codes.
	Words []Words
}

// table is a sheet or CSV file: its rows of cells and where each is.
type table struct {
	path  string // for findings: the file, or file[sheet]
	rows  [][]string
	lines []int // the file line of each row (CSV), or nil: row i is line i+1
	csv   bool
	width int // cells in the header row
}

func (t *table) line(row int) int {
	if t.lines != nil {
		return t.lines[row]
	}
	return row + 1
}

// importer holds what an import has read so far.
type importer struct {
	o        ImportOptions
	headers  map[string]string            // lower-case header word → column code
	vocab    map[string]map[string]string // kind → lower-case word → code
	matrix   Matrix
	findings finding.Findings
}

// Import reads a CSV or XLSX file named name into the text of risks.yaml.
// existing is the current risks.yaml, or nil. The text is returned even
// when there are errors (without the cells that could not be read); a
// caller writes it only when there are none.
func Import(name string, data, existing []byte, o ImportOptions) ([]byte, finding.Findings) {
	im := &importer{o: o}
	im.vocabulary()
	base := &Register{Matrix: DefaultMatrix()}
	if existing != nil {
		reg, fs, ok := read(existing, nil, nil)
		if !ok {
			return nil, fs
		}
		base = reg // its other problems are for isms check
	}
	im.matrix = base.Matrix

	tables, err := readTables(name, data)
	if err != nil {
		return nil, append(im.findings, *err)
	}
	var risks, plan []*table
	var riskCols, planCols []map[string]int
	for _, t := range tables {
		header, cols, kind := im.header(t)
		switch kind {
		case "risks":
			risks, riskCols = append(risks, t), append(riskCols, cols)
		case "rtp":
			plan, planCols = append(plan, t), append(planCols, cols)
		default:
			if len(tables) == 1 {
				im.errorf(t, header, 0, "no header row with the columns of risks.csv (%s) or rtp.csv (%s)", strings.Join(RisksColumns, ", "), strings.Join(RTPColumns, ", "))
			}
			continue
		}
		t.width = len(t.rows[header])
		t.rows = t.rows[header+1:]
		if t.lines != nil {
			t.lines = t.lines[header+1:]
		} else {
			t.lines = make([]int, len(t.rows))
			for i := range t.lines {
				t.lines[i] = header + 2 + i
			}
		}
	}
	if len(risks) == 0 && len(plan) == 0 {
		if len(tables) != 1 {
			im.findings = append(im.findings, finding.Finding{Pos: finding.Pos{Path: name, Line: 1, Col: 1}, Severity: finding.Error,
				Message: "no sheet has the column headers of risks.csv or rtp.csv"})
		}
		return nil, im.findings
	}

	reg := &Register{Method: base.Method, Assessed: base.Assessed, Matrix: base.Matrix, matrixWritten: base.matrixWritten}
	if len(risks) > 0 {
		reg.Risks = im.mergeRisks(base, risks, riskCols)
	} else {
		for _, x := range base.Risks {
			c := *x
			reg.Risks = append(reg.Risks, &c)
		}
	}
	reg.index()
	if len(plan) > 0 {
		im.readPlan(reg, base, plan, planCols)
	}
	comment := fmt.Sprintf("Risk register and risk treatment plan (ISO/IEC 27001:2022 6.1.2, 6.1.3).\nWritten by isms import risks from %s; what the spreadsheet does not\ncarry was kept from the previous risks.yaml.", path.Base(name))
	if existing == nil {
		comment = fmt.Sprintf("Risk register and risk treatment plan (ISO/IEC 27001:2022 6.1.2, 6.1.3).\nWritten by isms import risks from %s.", path.Base(name))
	}
	im.findings.Sort()
	return reg.YAML(comment), im.findings
}

func (im *importer) errorf(t *table, row, col int, format string, args ...any) {
	im.findings = append(im.findings, finding.Finding{Pos: finding.Pos{Path: t.path, Line: t.line(row), Col: col + 1},
		Severity: finding.Error, Message: fmt.Sprintf(format, args...)})
}

func (im *importer) warnf(t *table, row, col int, format string, args ...any) {
	im.findings = append(im.findings, finding.Finding{Pos: finding.Pos{Path: t.path, Line: t.line(row), Col: col + 1},
		Severity: finding.Warning, Message: fmt.Sprintf(format, args...)})
}

// vocabulary gathers the words the sheet may use: column codes and
// headers, treatment and status codes, aliases and the theme's words.
func (im *importer) vocabulary() {
	im.headers = map[string]string{}
	for _, c := range slices.Concat(RisksColumns, RTPColumns) {
		im.headers[c] = c
		im.headers[strings.ReplaceAll(c, "_", " ")] = c
		for _, w := range im.o.Words {
			if h := normal(w("risks.col." + c)); h != "" && h != "risks.col."+c {
				im.headers[h] = c
			}
		}
	}
	im.vocab = map[string]map[string]string{"treatment": {}, "status": {}}
	for _, t := range Treatments {
		im.addWord("treatment", t, t, "risks.treatment.")
	}
	for alias, t := range treatmentAliases {
		im.vocab["treatment"][alias] = t
	}
	for _, s := range ActionStatuses {
		im.addWord("status", s, s, "risks.action.")
	}
}

// addWord accepts a code, the theme's word for it and, for a word written
// "Reduce (modify)", each of its two parts.
func (im *importer) addWord(kind, code, word, prefix string) {
	v := im.vocab[kind]
	v[code] = code
	v[strings.ReplaceAll(code, "-", " ")] = code
	for _, w := range im.o.Words {
		label := normal(w(prefix + word))
		if label == "" || label == prefix+word {
			continue
		}
		v[label] = code
		if i := strings.IndexByte(label, '('); i > 0 && strings.HasSuffix(label, ")") {
			v[strings.TrimSpace(label[:i])] = code
			v[strings.TrimSpace(label[i+1:len(label)-1])] = code
		}
	}
}

func normal(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// readTables reads a CSV file or each sheet of an XLSX workbook.
func readTables(name string, data []byte) ([]*table, *finding.Finding) {
	fail := func(format string, args ...any) *finding.Finding {
		return &finding.Finding{Pos: finding.Pos{Path: name, Line: 1, Col: 1}, Severity: finding.Error, Message: fmt.Sprintf(format, args...)}
	}
	switch ext := strings.ToLower(path.Ext(name)); {
	case ext == ".xlsx" || bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return readWorkbook(name, data, fail)
	case ext == ".csv" || ext == ".txt" || ext == "":
		return readCSV(name, data)
	default:
		return nil, fail("%s is neither a CSV nor an XLSX file; export the register as .csv or .xlsx", path.Base(name))
	}
}

// readWorkbook reads every sheet of a workbook. A workbook so broken that
// the XLSX reader panics is reported like any unreadable one.
func readWorkbook(name string, data []byte, fail func(string, ...any) *finding.Finding) (out []*table, bad *finding.Finding) {
	defer func() {
		if p := recover(); p != nil {
			out, bad = nil, fail("cannot read the workbook: %v (save it as .xlsx, or export a sheet as CSV)", p)
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, fail("cannot read the workbook: %v (save it as .xlsx, or export a sheet as CSV)", err)
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fail("cannot read sheet %q: %v", sheet, err)
		}
		out = append(out, &table{path: name + "[" + sheet + "]", rows: rows})
	}
	return out, nil
}

func readCSV(name string, data []byte) ([]*table, *finding.Finding) {
	data = bytes.TrimPrefix(data, []byte(utf8BOM))
	t := &table{path: name, csv: true}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	if first, _, _ := bytes.Cut(data, []byte("\n")); bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		r.Comma = ';' // as spreadsheets in Norwegian settings save it
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &finding.Finding{Pos: finding.Pos{Path: name, Line: pe.Line, Col: max(pe.Column, 1)}, Severity: finding.Error,
					Message: "CSV syntax error: " + pe.Err.Error()}
			}
			return nil, &finding.Finding{Pos: finding.Pos{Path: name, Line: 1, Col: 1}, Severity: finding.Error, Message: err.Error()}
		}
		line, _ := r.FieldPos(0)
		t.rows = append(t.rows, rec)
		t.lines = append(t.lines, line)
	}
	return []*table{t}, nil
}

// header finds the header row among a table's first rows and tells what
// table it heads: "risks", "rtp" or "" (none).
func (im *importer) header(t *table) (row int, cols map[string]int, kind string) {
	for i, cells := range t.rows[:min(len(t.rows), 10)] {
		cols = map[string]int{}
		for j, c := range cells {
			if code, ok := im.headers[normal(c)]; ok {
				if _, dup := cols[code]; !dup {
					cols[code] = j
				}
			}
		}
		_, id := cols["id"]
		_, title := cols["title"]
		_, risk := cols["risk"]
		_, action := cols["action"]
		switch {
		case id && title:
			kind = "risks"
		case risk && action:
			kind = "rtp"
		default:
			continue
		}
		known := RisksColumns
		if kind == "rtp" {
			known = RTPColumns
		}
		for j, c := range cells {
			if code, ok := im.headers[normal(c)]; (!ok || !slices.Contains(known, code)) && strings.TrimSpace(c) != "" {
				im.warnf(t, i, j, "column %q is not one isms reads; it is left out (columns: %s)", c, strings.Join(known, ", "))
			}
		}
		need := []string{"id", "title", "owner", "likelihood", "consequence"}
		if kind == "rtp" {
			need = []string{"risk", "action"}
		}
		for _, c := range need {
			if _, ok := cols[c]; !ok {
				im.errorf(t, i, 0, "the header has no column %s", c)
			}
		}
		return i, cols, kind
	}
	return 0, nil, ""
}

// row gives the cells of one row by column code.
type row struct {
	im    *importer
	t     *table
	i     int
	cells []string
	cols  map[string]int
	bad   bool
}

// has reports whether the table has a column.
func (r *row) has(code string) bool { _, ok := r.cols[code]; return ok }

// text is a cell's text, without the quote that kept it from being a formula.
func (r *row) text(code string) string {
	j, ok := r.cols[code]
	if !ok || j >= len(r.cells) {
		return ""
	}
	s := strings.TrimSpace(r.cells[j])
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		s = s[1:]
	}
	return s
}

func (r *row) errorf(code, format string, args ...any) {
	r.bad = true
	r.im.errorf(r.t, r.i, r.cols[code], format, args...)
}

// step reads a likelihood or consequence of the matrix; 0 when empty.
func (r *row) step(code string, n int) int {
	s := r.text(code)
	if s == "" {
		return 0
	}
	v, err := strconv.Atoi(strings.TrimSuffix(s, ".0"))
	if err != nil {
		r.errorf(code, "%s %q is not a whole number (1–%d)", code, s, n)
		return 0
	}
	if v < 1 || v > n {
		r.errorf(code, "%s %d is outside the matrix (1–%d)", code, v, n)
		return 0
	}
	return v
}

// date reads YYYY-MM-DD, DD.MM.YYYY or DD/MM/YYYY, or a spreadsheet's
// date number.
func (r *row) date(code string) time.Time {
	s := r.text(code)
	if s == "" {
		return time.Time{}
	}
	for _, layout := range []string{time.DateOnly, "02.01.2006", "2.1.2006", "02/01/2006", "2/1/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	if !r.t.csv {
		if serial, err := strconv.ParseFloat(s, 64); err == nil && serial >= 1 && serial < 2958466 {
			return excelEpoch.AddDate(0, 0, int(serial))
		}
	}
	r.errorf(code, "%s %q is not a date (write YYYY-MM-DD)", code, s)
	return time.Time{}
}

// word reads a treatment or status by its code, alias or theme word.
func (r *row) word(code, kind string, allowed []string) string {
	s := r.text(code)
	if s == "" {
		return ""
	}
	if c, ok := r.im.vocab[kind][normal(s)]; ok {
		return c
	}
	r.errorf(code, "unknown %s %q (use one of: %s)", kind, s, strings.Join(allowed, ", "))
	return ""
}

// ids splits a cell of IDs on |, commas, semicolons or line breaks.
func (r *row) ids(code string) []string {
	var out []string
	for _, s := range strings.FieldsFunc(r.text(code), func(c rune) bool { return c == '|' || c == ',' || c == ';' || unicode.IsSpace(c) }) {
		if k, n := catalog.Classify(s); k == catalog.KindControl {
			s = n
		}
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// rows calls fn for each row of the tables that has any text.
func (im *importer) rows(tables []*table, cols []map[string]int, fn func(r *row)) {
	for ti, t := range tables {
		for i, cells := range t.rows {
			if strings.TrimSpace(strings.Join(cells, "")) == "" {
				continue
			}
			r := &row{im: im, t: t, i: i, cells: cells, cols: cols[ti]}
			if t.csv && len(cells) < t.width {
				im.errorf(t, i, len(cells), "the row has %d cells, the header %d; a cell is missing or a quote is unclosed", len(cells), t.width)
				continue
			}
			fn(r)
		}
	}
}

// mergeRisks reads the register tables over the existing register: the
// sheet's fields replace the existing ones, the rest is kept. Risks keep
// their order in risks.yaml; new ones follow in the sheet's order.
func (im *importer) mergeRisks(base *Register, tables []*table, cols []map[string]int) []*Risk {
	m := im.matrix
	seen := map[string]*row{}
	var sheet []*Risk
	im.rows(tables, cols, func(r *row) {
		id := r.text("id")
		switch {
		case id == "":
			r.errorf("id", "the row has no risk ID")
			return
		case !idPattern.MatchString(id) || catalog.LooksLikeControlID(id):
			r.errorf("id", "invalid risk ID %q: an ID starts with a letter, then letters, digits, -, _ or ., and does not look like a control ID", id)
			return
		case seen[id] != nil:
			r.errorf("id", "risk %s is in the sheet twice (first in row %d)", id, seen[id].t.line(seen[id].i))
			return
		}
		seen[id] = r
		x := &Risk{ID: id}
		old, known := base.Risk(id)
		if known {
			c := *old
			x = &c
			x.Actions = nil
			for _, a := range old.Actions {
				ac := *a
				if ac.Owner == old.Owner { // the risk owner's actions follow a new risk owner
					ac.Owner = ""
				}
				x.Actions = append(x.Actions, &ac)
			}
		}
		x.Title, x.Owner = r.text("title"), r.text("owner")
		x.Inherent = Rating{r.step("likelihood", len(m.Likelihood)), r.step("consequence", len(m.Consequence))}
		if r.has("treatment") {
			x.Treatment = r.word("treatment", "treatment", Treatments)
		}
		if r.has("controls") {
			x.Controls = r.ids("controls")
		}
		if r.has("residual_likelihood") || r.has("residual_consequence") {
			l, c := r.step("residual_likelihood", len(m.Likelihood)), r.step("residual_consequence", len(m.Consequence))
			switch {
			case l > 0 && c > 0:
				x.Residual = &Rating{l, c}
			case l > 0 || c > 0:
				missing := "residual_consequence"
				if l == 0 {
					missing = "residual_likelihood"
				}
				r.errorf(missing, "risk %s has a residual rating without %s", id, missing)
				x.Residual = nil
			default:
				x.Residual = nil
			}
		}
		if r.has("accepted_by") || r.has("accepted_date") {
			by, when := r.text("accepted_by"), r.date("accepted_date")
			switch {
			case by != "":
				x.Accepted = &Acceptance{By: by, Date: when}
			case !when.IsZero():
				r.errorf("accepted_by", "risk %s has an acceptance date but not who accepted it (accepted_by)", id)
			default:
				x.Accepted = nil
			}
		}
		if r.has("review") {
			x.Review = r.date("review")
		}
		for _, a := range x.Actions {
			a.Owner = cmp.Or(a.Owner, x.Owner)
		}
		sheet = append(sheet, x)
	})
	bySheet := map[string]*Risk{}
	for _, x := range sheet {
		bySheet[x.ID] = x
	}
	var out []*Risk
	for _, old := range base.Risks {
		if x, ok := bySheet[old.ID]; ok {
			out = append(out, x)
			delete(bySheet, old.ID)
		} else {
			im.findings = append(im.findings, finding.Finding{Pos: finding.Pos{Path: File, Line: old.pos.at.Line, Col: old.pos.at.Col}, Severity: finding.Warning,
				Message: fmt.Sprintf("risk %s is not in the spreadsheet; the import leaves it out of %s", old.ID, File)})
		}
	}
	for _, x := range sheet {
		if _, ok := bySheet[x.ID]; ok {
			out = append(out, x)
		}
	}
	return out
}

// readPlan reads the treatment plan tables: their rows are the actions of
// the register's risks. Actions keep their order in risks.yaml; new ones
// follow in the sheet's order.
func (im *importer) readPlan(reg, base *Register, tables []*table, cols []map[string]int) {
	actions := map[string][]*Action{}
	im.rows(tables, cols, func(r *row) {
		id := r.text("risk")
		x, ok := reg.Risk(id)
		if !ok {
			r.errorf("risk", "action of unknown risk %q (the register has no such risk)", id)
			return
		}
		a := &Action{Title: r.text("action"), Owner: r.text("owner"), Due: r.date("due"), Status: r.word("status", "status", ActionStatuses)}
		if a.Title == "" {
			r.errorf("action", "an action of risk %s has no title", id)
			return
		}
		a.Owner = cmp.Or(a.Owner, x.Owner)
		if a.Status == "" {
			a.Status = Planned
		}
		actions[id] = append(actions[id], a)
	})
	for _, x := range reg.Risks {
		got := actions[x.ID]
		if old, ok := base.Risk(x.ID); ok {
			order := func(a *Action) int {
				if i := slices.IndexFunc(old.Actions, func(o *Action) bool { return o.Title == a.Title }); i >= 0 {
					return i
				}
				return len(old.Actions)
			}
			slices.SortStableFunc(got, func(a, b *Action) int { return order(a) - order(b) })
		}
		x.Actions = got
	}
}
