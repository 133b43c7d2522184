package views

// soa.xlsx is the Statement of Applicability as the workbook an auditor
// signs and files: the organisation, versions and dates on top, a styled
// header row with an autofilter, the header and the ID column frozen,
// readable column widths and wrapped long text, in the site's language.
//
// excelize stamps docProps/core.xml with dates; they are set to the build's
// "today" so that the same site and day give the same bytes (excelize
// writes the zip entries sorted and without modification times).

import (
	"fmt"
	"strings"
	"time"

	"github.com/isms-project/isms/catalog"
	"github.com/isms-project/isms/internal/model"
	"github.com/xuri/excelize/v2"
)

// Rows of the SoA sheet.
const (
	xlsxTitleRow  = 1
	xlsxMetaRow   = 2
	xlsxHeaderRow = 4
	xlsxFirstRow  = 5
	xlsxMaxCell   = 32767 // characters Excel allows in a cell
)

// soaColumn is a column of the SoA sheet: its header key and width.
type soaColumn struct {
	key   string
	width float64
	wrap  bool
}

var soaColumns = []soaColumn{
	{"soaview.col.id", 8, false},
	{"soaview.col.theme", 18, true},
	{"soaview.col.control", 38, true},
	{"soaview.col.applicable", 13, false},
	{"soaview.col.reasons", 20, true},
	{"soaview.col.justification", 60, true},
	{"soaview.col.status", 20, true},
	{"soaview.col.source", 16, true},
	{"soaview.col.coverage", 18, true},
	{"soaview.col.documents", 48, true},
	{"soaview.col.evidence", 48, true},
}

// Words are the site's interface strings, catalogue titles and dates in
// its language, as a page of the theme gives them.
type Words interface {
	T(key string) string
	Tf(key string, args ...any) string
	Text(t catalog.Text) string
	Date(t time.Time) string
	UILang() string
	LevelName(l model.Level) string
}

// SoAXLSX writes the Statement of Applicability workbook, in the words p
// gives.
func SoAXLSX(s *model.Site, p Words) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	sheet := p.T("soaview.sheet")
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	styles, err := newSoAStyles(f)
	if err != nil {
		return nil, err
	}
	lastCol, _ := excelize.ColumnNumberToName(len(soaColumns))
	cell := func(col, row int) string {
		name, _ := excelize.CoordinatesToCellName(col, row)
		return name
	}
	var errs []error
	set := func(col, row int, v any, style int) {
		text, ok := v.(string)
		if ok && len([]rune(text)) > xlsxMaxCell {
			v = string([]rune(text)[:xlsxMaxCell-1]) + "…"
		}
		errs = append(errs, f.SetCellValue(sheet, cell(col, row), v), f.SetCellStyle(sheet, cell(col, row), cell(col, row), style))
	}

	// The title and what the SoA was built from.
	title := p.T("soa.title")
	if s.Config.Organization != "" {
		title += " — " + s.Config.Organization
	}
	set(1, xlsxTitleRow, title, styles.title)
	set(1, xlsxMetaRow, soaSummary(s, p), styles.meta)
	errs = append(errs,
		f.MergeCell(sheet, cell(1, xlsxTitleRow), cell(len(soaColumns), xlsxTitleRow)),
		f.MergeCell(sheet, cell(1, xlsxMetaRow), cell(len(soaColumns), xlsxMetaRow)))

	for i, col := range soaColumns {
		set(i+1, xlsxHeaderRow, p.T(col.key), styles.header)
		name, _ := excelize.ColumnNumberToName(i + 1)
		errs = append(errs, f.SetColWidth(sheet, name, name, col.width))
	}
	row := xlsxFirstRow
	for _, c := range s.Controls {
		var reasons []string
		for _, r := range c.Reasons() {
			word := p.T("reason." + r)
			if r == "risk" && len(c.Risks) > 0 {
				word += " (" + strings.Join(c.Risks, ", ") + ")"
			}
			reasons = append(reasons, word)
		}
		justification := ""
		if a := c.Applicability; a != nil {
			justification = plainRefs(a.Justification, a.Refs)
		}
		applicable, status, source := p.T("soa.applicable"), "", ""
		if c.Applicable {
			status = p.T("impl." + c.Status())
			source = p.T("soaview.fromsoa")
			if c.StatusDerived() {
				source = p.T("soa.derived")
			}
		} else {
			applicable = p.T("soa.notapplicable")
		}
		values := []any{c.ID, p.Text(c.Theme.Title), p.Text(c.Title), applicable, strings.Join(reasons, ", "), justification,
			status, source, p.LevelName(c.Level), docTitles(c.Documents, "\n"), docTitles(c.Records, "\n")}
		for i, v := range values {
			style := styles.cell
			switch {
			case i == 0:
				style = styles.id
			case i == 8:
				style = styles.level[c.Level]
			case soaColumns[i].wrap:
				style = styles.wrap
			}
			set(i+1, row, v, style)
		}
		row++
	}
	last := row - 1
	errs = append(errs,
		f.SetRowHeight(sheet, xlsxTitleRow, 24),
		f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: xlsxHeaderRow, TopLeftCell: cell(2, xlsxFirstRow), ActivePane: "bottomRight",
			Selection: []excelize.Selection{{SQRef: cell(2, xlsxFirstRow), ActiveCell: cell(2, xlsxFirstRow), Pane: "bottomRight"}}}),
		f.AutoFilter(sheet, fmt.Sprintf("A%d:%s%d", xlsxHeaderRow, lastCol, last), nil),
		f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, xlsxHeaderRow, xlsxHeaderRow), Scope: sheet}),
		f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: ptr("landscape"), Size: ptr(9), FitToWidth: ptr(1), FitToHeight: ptr(0)}),
		f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)}),
	)
	today := s.Today.Format(time.DateOnly) + "T00:00:00Z"
	errs = append(errs, f.SetDocProps(&excelize.DocProperties{
		Title:          title,
		Subject:        "ISO/IEC 27001:2022 " + p.T("soa.title"),
		Creator:        s.Config.Organization,
		LastModifiedBy: "isms",
		Description:    soaSummary(s, p),
		Language:       p.UILang(),
		Version:        s.SoA.Version,
		Created:        today,
		Modified:       today,
	}), f.SetAppProps(&excelize.AppProperties{Application: "isms", Company: s.Config.Organization}))
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func ptr[T any](v T) *T { return &v }

// soaSummary says which SoA this is: the organisation, the ISMS and SoA
// versions, the approval and the build date, in one line.
func soaSummary(s *model.Site, p Words) string {
	var parts []string
	if s.Config.Organization != "" {
		parts = append(parts, s.Config.Organization)
	}
	if v := s.Config.Version; v != "" {
		parts = append(parts, p.T("soaview.ismsversion")+" "+v)
	}
	if v := s.SoA.Version; v != "" {
		parts = append(parts, p.T("soaview.soaversion")+" "+v)
	}
	switch {
	case s.SoA.Approver != "" && !s.SoA.Approved.IsZero():
		parts = append(parts, p.Tf("soaview.approvedbyon", s.SoA.Approver, p.Date(s.SoA.Approved)))
	case s.SoA.Approver != "":
		parts = append(parts, p.Tf("soaview.approvedby", s.SoA.Approver))
	case !s.SoA.Approved.IsZero():
		parts = append(parts, p.Tf("soaview.approvedon", p.Date(s.SoA.Approved)))
	default:
		parts = append(parts, p.T("soaview.notapproved"))
	}
	parts = append(parts, p.T("footer.built")+" "+p.Date(s.Today))
	return strings.Join(parts, " · ")
}

type soaStyles struct {
	title, meta, header, id, cell, wrap int
	level                               map[model.Level]int
}

func newSoAStyles(f *excelize.File) (*soaStyles, error) {
	var errs []error
	style := func(st *excelize.Style) int {
		id, err := f.NewStyle(st)
		errs = append(errs, err)
		return id
	}
	border := []excelize.Border{{Type: "bottom", Color: "D9DFE8", Style: 1}}
	top := &excelize.Alignment{Vertical: "top"}
	wrapTop := &excelize.Alignment{Vertical: "top", WrapText: true}
	s := &soaStyles{
		title: style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}),
		meta:  style(&excelize.Style{Font: &excelize.Font{Color: "4F5B6D"}}),
		header: style(&excelize.Style{
			Font:      &excelize.Font{Bold: true, Color: "FFFFFF"},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"0B57A4"}},
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
			Border:    []excelize.Border{{Type: "bottom", Color: "1C2330", Style: 2}},
		}),
		id:    style(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: top, Border: border}),
		cell:  style(&excelize.Style{Alignment: top, Border: border}),
		wrap:  style(&excelize.Style{Alignment: wrapTop, Border: border}),
		level: map[model.Level]int{},
	}
	// In a fixed order: style IDs are part of the file's bytes.
	for _, lc := range []struct {
		level    model.Level
		bg, text string
	}{
		{model.Gap, "FDECEA", "B3261E"},
		{model.Documented, "FFF4CC", "7A5B00"},
		{model.Evidenced, "E3F4E7", "1E6B34"},
		{model.Excluded, "ECEFF3", "4F5B6D"},
	} {
		s.level[lc.level] = style(&excelize.Style{
			Font:      &excelize.Font{Bold: true, Color: lc.text},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{lc.bg}},
			Alignment: top, Border: border,
		})
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return s, nil
}
