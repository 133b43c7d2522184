package risk

// risks.xlsx holds the register and the treatment plan as two sheets laid
// out like soa.xlsx: a title and what the sheet was built from on top, a
// styled header row with an autofilter, the header and the ID column
// frozen, readable widths, levels named in words on coloured cells. Text
// cells are strings (never formulas), numbers numbers, dates real dates
// shown as YYYY-MM-DD. The document properties carry the build's "today",
// so that the same register and day give the same bytes.

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// XLSXOptions is what the workbook needs besides the view.
type XLSXOptions struct {
	// Words gives the sheet names, column headers and the words of levels,
	// treatments and statuses in the site's language; nil writes the CSV
	// column names and codes.
	Words        Words
	Organization string
}

// Rows of a sheet.
const (
	titleRow  = 1
	metaRow   = 2
	headerRow = 4
	firstRow  = 5
	maxCell   = 32767 // characters Excel allows in a cell
)

// excelEpoch is day 0 of Excel's date serial numbers (1900 date system,
// counting its phantom 29 February 1900).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

type column struct {
	code  string
	width float64
	kind  columnKind
}

type columnKind int

const (
	plainColumn columnKind = iota
	idColumn
	wrapColumn
	numberColumn
	dateColumn
	levelColumn
	flagColumn
)

var risksSheetColumns = []column{
	{"id", 9, idColumn}, {"title", 40, wrapColumn}, {"owner", 18, wrapColumn},
	{"likelihood", 11, numberColumn}, {"consequence", 12, numberColumn}, {"score", 8, numberColumn}, {"level", 12, levelColumn},
	{"treatment", 20, wrapColumn}, {"controls", 16, wrapColumn},
	{"residual_likelihood", 11, numberColumn}, {"residual_consequence", 12, numberColumn}, {"residual_score", 8, numberColumn}, {"residual_level", 12, levelColumn},
	{"accepted_by", 18, wrapColumn}, {"accepted_date", 12, dateColumn}, {"review", 12, dateColumn}, {"open_actions", 9, numberColumn},
}

var rtpSheetColumns = []column{
	{"risk", 9, idColumn}, {"action", 48, wrapColumn}, {"owner", 18, wrapColumn}, {"due", 12, dateColumn},
	{"status", 14, wrapColumn}, {"overdue", 10, flagColumn}, {"controls", 16, wrapColumn},
}

// XLSX writes risks.xlsx: the register and the treatment plan.
func (v *RegisterView) XLSX(o XLSXOptions) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		return &orderedZip{w: zip.NewWriter(w), entries: map[string]*bytes.Buffer{}}
	})
	x := &workbook{f: f, v: v, o: o}
	x.newStyles()
	registerSheet := sheetName(x.word("risks.sheet.register", "Risks"), "Risks")
	rtpSheet := sheetName(x.word("risks.sheet.rtp", "Treatment plan"), "Treatment plan")
	if rtpSheet == registerSheet {
		rtpSheet = "RTP"
	}
	x.check(f.SetSheetName("Sheet1", registerSheet))
	_, err := f.NewSheet(rtpSheet)
	x.check(err)

	title := x.word("risks.title", "Risk register")
	x.sheet(registerSheet, title, risksSheetColumns, risksTable(v, o.Words), v.riskLevels())
	x.sheet(rtpSheet, x.word("rtp.title", "Risk treatment plan"), rtpSheetColumns, rtpTable(v, o.Words), nil)

	stamp := v.Today
	if stamp.IsZero() {
		stamp = v.Register.Assessed
	}
	when := stamp.Format(time.DateOnly) + "T00:00:00Z"
	if stamp.IsZero() {
		when = "2000-01-01T00:00:00Z"
	}
	if o.Organization != "" {
		title += " — " + o.Organization
	}
	x.check(f.SetDocProps(&excelize.DocProperties{
		Title: title, Subject: "ISO/IEC 27001:2022 6.1.2, 6.1.3", Creator: o.Organization, LastModifiedBy: "isms",
		Description: x.meta(), Created: when, Modified: when,
	}))
	x.check(f.SetAppProps(&excelize.AppProperties{Application: "isms", Company: o.Organization}))
	// The first sheet is the active one; SetActiveSheet would read the
	// streamed sheets back in.
	if x.err != nil {
		return nil, x.err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// orderedZip writes a workbook's files in the order of their names.
// excelize writes streamed sheets in the order of a map, which would make
// the same register give different bytes.
type orderedZip struct {
	w       *zip.Writer
	entries map[string]*bytes.Buffer
}

func (z *orderedZip) Create(name string) (io.Writer, error) {
	b := new(bytes.Buffer)
	z.entries[name] = b
	return b, nil
}

func (z *orderedZip) AddFS(fsys fs.FS) error { return z.w.AddFS(fsys) }

func (z *orderedZip) Close() error {
	for _, name := range slices.Sorted(maps.Keys(z.entries)) {
		w, err := z.w.Create(name)
		if err != nil {
			return err
		}
		if _, err := z.entries[name].WriteTo(w); err != nil {
			return err
		}
	}
	return z.w.Close()
}

// sheetName makes a theme's word a name Excel takes for a sheet: at most
// 31 characters, none of : \ / ? * [ ].
func sheetName(s, def string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '-'
		}
		return r
	}, strings.TrimSpace(s))
	if r := []rune(s); len(r) > 31 {
		s = string(r[:31])
	}
	if strings.Trim(s, "'") == "" {
		return def
	}
	return s
}

// riskLevels returns the inherent and residual level of each row of the
// register sheet, for the level cells' colours.
func (v *RegisterView) riskLevels() [][2]*LevelView {
	out := make([][2]*LevelView, len(v.Risks))
	for i, r := range v.Risks {
		out[i][0] = r.Level
		if r.Assessed {
			out[i][1] = r.ResidualLevel
		}
	}
	return out
}

type workbook struct {
	f   *excelize.File
	v   *RegisterView
	o   XLSXOptions
	err error

	title, metaStyle, header, id, plain, wrap, number, dateStyle, flag int
	level                                                              []int
}

func (x *workbook) check(err error) {
	if err != nil && x.err == nil {
		x.err = err
	}
}

// word is a theme string, or def without words.
func (x *workbook) word(key, def string) string {
	if x.o.Words == nil {
		return def
	}
	return x.o.Words(key)
}

// meta says what the register was built from, in one line.
func (x *workbook) meta() string {
	reg := x.v.Register
	var parts []string
	if x.o.Organization != "" {
		parts = append(parts, x.o.Organization)
	}
	if !reg.Assessed.IsZero() {
		parts = append(parts, fmt.Sprintf(x.word("risks.meta.assessed", "assessed %s"), reg.Assessed.Format(time.DateOnly)))
	}
	if reg.Method != "" {
		parts = append(parts, fmt.Sprintf(x.word("risks.meta.method", "method %s"), reg.Method))
	}
	parts = append(parts, fmt.Sprintf(x.word("risks.meta.acceptance", "scores up to %d accepted without treatment"), x.v.Acceptance))
	if !x.v.Today.IsZero() {
		parts = append(parts, fmt.Sprintf(x.word("risks.meta.built", "built %s"), x.v.Today.Format(time.DateOnly)))
	}
	return strings.Join(parts, " · ")
}

func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// sheet writes one sheet through excelize's stream writer, which is
// several times faster than setting cell by cell at a few thousand rows.
// The sheet-wide settings are made first: the stream writer takes them
// from the sheet when it starts.
func (x *workbook) sheet(name, title string, cols []column, rows [][]cell, levels [][2]*LevelView) {
	f := x.f
	if x.o.Organization != "" {
		title += " — " + x.o.Organization
	}
	last := len(cols)
	lastRow := max(firstRow+len(rows)-1, headerRow)
	lastCol, _ := excelize.ColumnNumberToName(last)
	landscape, a4, one, zero, fit := "landscape", 9, 1, 0, true
	x.check(f.AutoFilter(name, fmt.Sprintf("A%d:%s%d", headerRow, lastCol, lastRow), nil))
	x.check(f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$%d:$%d", name, headerRow, headerRow), Scope: name}))
	x.check(f.SetPageLayout(name, &excelize.PageLayoutOptions{Orientation: &landscape, Size: &a4, FitToWidth: &one, FitToHeight: &zero}))
	x.check(f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}))

	sw, err := f.NewStreamWriter(name)
	if err != nil {
		x.check(err)
		return
	}
	x.check(sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 1, YSplit: headerRow, TopLeftCell: cellName(2, firstRow), ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: cellName(2, firstRow), ActiveCell: cellName(2, firstRow), Pane: "bottomRight"}}}))
	for i, c := range cols {
		x.check(sw.SetColWidth(i+1, i+1, c.width))
	}
	x.check(sw.SetRow(cellName(1, titleRow), []any{excelize.Cell{StyleID: x.title, Value: title}}, excelize.RowOpts{Height: 24}))
	x.check(sw.SetRow(cellName(1, metaRow), []any{excelize.Cell{StyleID: x.metaStyle, Value: x.meta()}}))
	header := make([]any, len(cols))
	for i, c := range cols {
		header[i] = excelize.Cell{StyleID: x.header, Value: x.word("risks.col."+c.code, c.code)}
	}
	x.check(sw.SetRow(cellName(1, headerRow), header, excelize.RowOpts{Height: 45})) // room for three lines of a wrapped header
	values := make([]any, len(cols))
	for r, row := range rows {
		levelCols := 0 // the first level column is the inherent level, the second the residual
		for i, c := range row {
			style := x.styleOf(cols[i].kind)
			switch {
			case cols[i].kind == levelColumn && levels != nil:
				if l := levels[r][min(levelCols, 1)]; l != nil {
					style = x.level[l.Tone-1]
				}
				levelCols++
			case cols[i].kind == flagColumn && c.text == x.word("risks.export.yes", "yes"):
				style = x.flag
			}
			var v any
			switch c.kind {
			case numberCell:
				v = c.number
			case dateCell:
				v = int(c.date.Sub(excelEpoch).Hours() / 24)
			case textCell:
				if c.text != "" {
					v = truncate(c.text)
				}
			}
			values[i] = excelize.Cell{StyleID: style, Value: v}
		}
		x.check(sw.SetRow(cellName(1, firstRow+r), values))
	}
	x.check(sw.MergeCell(cellName(1, titleRow), cellName(last, titleRow)))
	x.check(sw.MergeCell(cellName(1, metaRow), cellName(last, metaRow)))
	x.check(sw.Flush())
}

// truncate keeps a text within what Excel allows in a cell.
func truncate(s string) string {
	if len(s) > maxCell && len([]rune(s)) > maxCell {
		return string([]rune(s)[:maxCell-1]) + "…"
	}
	return s
}

func (x *workbook) styleOf(k columnKind) int {
	switch k {
	case idColumn:
		return x.id
	case wrapColumn:
		return x.wrap
	case numberColumn:
		return x.number
	case dateColumn:
		return x.dateStyle
	}
	return x.plain
}

// levelColours are the fills and text colours of the level tones
// (LevelView.Tone), lowest first.
var levelColours = [][2]string{
	{"E3F4E7", "1E6B34"}, // low: green
	{"FFF4CC", "7A5B00"}, // medium: yellow
	{"FDE3CC", "8A3B00"}, // high: orange
	{"FDECEA", "B3261E"}, // critical: red
}

// newStyles makes the workbook's styles, in a fixed order: style IDs are
// part of the file's bytes.
func (x *workbook) newStyles() {
	style := func(st *excelize.Style) int {
		id, err := x.f.NewStyle(st)
		x.check(err)
		return id
	}
	border := []excelize.Border{{Type: "bottom", Color: "D9DFE8", Style: 1}}
	top := &excelize.Alignment{Vertical: "top"}
	dateFormat := "yyyy-mm-dd"
	x.title = style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	x.metaStyle = style(&excelize.Style{Font: &excelize.Font{Color: "4F5B6D"}})
	x.header = style(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"0B57A4"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
		Border:    []excelize.Border{{Type: "bottom", Color: "1C2330", Style: 2}},
	})
	x.id = style(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: top, Border: border})
	x.plain = style(&excelize.Style{Alignment: top, Border: border})
	x.wrap = style(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Border: border})
	x.number = style(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "right"}, Border: border})
	x.dateStyle = style(&excelize.Style{Alignment: top, Border: border, CustomNumFmt: &dateFormat})
	x.flag = style(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "B3261E"}, Alignment: top, Border: border})
	for _, c := range levelColours {
		x.level = append(x.level, style(&excelize.Style{
			Font: &excelize.Font{Bold: true, Color: c[1]}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c[0]}},
			Alignment: top, Border: border,
		}))
	}
}
