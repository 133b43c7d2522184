package risk

// risks.csv and rtp.csv are for spreadsheets and scripts, like the site's
// other CSV files: UTF-8 with a byte-order mark (so that Excel reads æ, ø
// and å right), RFC 4180 with CRLF line ends, stable English column names,
// codes rather than translated words, multi-valued cells joined with '|'.
// A text cell that a spreadsheet would take for a formula (it starts with
// = + - @, a tab or a carriage return) gets a leading single quote; Import
// takes it off again.

import (
	"strconv"
	"strings"
	"time"

	"github.com/isms-project/isms/internal/sheet"
)

// RisksColumns are the columns of risks.csv and of the register sheet.
var RisksColumns = []string{"id", "title", "owner", "likelihood", "consequence", "score", "level", "treatment",
	"controls", "residual_likelihood", "residual_consequence", "residual_score", "residual_level",
	"accepted_by", "accepted_date", "review", "open_actions"}

// RTPColumns are the columns of rtp.csv and of the treatment plan sheet:
// one row per action.
var RTPColumns = []string{"risk", "action", "owner", "due", "status", "overdue", "controls"}

const utf8BOM = "\uFEFF"

// cell is a value of an exported table: text, a whole number or a date.
type cell struct {
	text   string
	number int
	date   time.Time
	kind   cellKind
}

type cellKind int

const (
	textCell cellKind = iota
	numberCell
	dateCell
	emptyCell
)

func text(s string) cell { return cell{text: s} }
func number(n int) cell  { return cell{number: n, kind: numberCell} }

func date(t time.Time) cell {
	if t.IsZero() {
		return cell{kind: emptyCell}
	}
	return cell{date: t, kind: dateCell}
}

// optional is a number, or an empty cell for 0 (not given).
func optional(n int) cell {
	if n == 0 {
		return cell{kind: emptyCell}
	}
	return number(n)
}

// csvText writes a cell for a CSV file.
func (c cell) csvText() string {
	switch c.kind {
	case numberCell:
		return strconv.Itoa(c.number)
	case dateCell:
		return c.date.Format(time.DateOnly)
	case emptyCell:
		return ""
	}
	return c.text
}

// risksTable is the register, one row a risk in the order of IDs. Words
// gives the level, treatment and yes/no words; nil gives codes.
func risksTable(v *RegisterView, w Words) [][]cell {
	coded := w == nil
	var rows [][]cell
	for _, r := range v.Risks {
		level, residualLevel, treatment := "", "", r.Treatment
		if r.Level != nil {
			level = levelWord(r.Level, coded)
		}
		if r.Assessed && r.ResidualLevel != nil {
			residualLevel = levelWord(r.ResidualLevel, coded)
		}
		if !coded && treatment != "" {
			treatment = r.TreatmentName
		}
		row := []cell{text(r.ID), text(r.Title), text(r.Owner), optional(r.Inherent.Likelihood), optional(r.Inherent.Consequence),
			optional(r.Score), text(level), text(treatment), text(strings.Join(r.Controls, "|")),
			{kind: emptyCell}, {kind: emptyCell}, {kind: emptyCell}, text(residualLevel),
			{kind: emptyCell}, {kind: emptyCell}, date(r.Review), number(r.OpenActions)}
		if res := r.Risk.Residual; res != nil {
			row[9], row[10], row[11] = optional(res.Likelihood), optional(res.Consequence), optional(res.Score())
		}
		if a := r.Accepted; a != nil {
			row[13], row[14] = text(a.By), date(a.Date)
		}
		rows = append(rows, row)
	}
	return rows
}

func levelWord(l *LevelView, coded bool) string {
	if coded {
		return l.Code
	}
	return l.Name
}

// rtpTable is the treatment plan, one row an action by due date.
func rtpTable(v *RegisterView, w Words) [][]cell {
	var rows [][]cell
	for _, a := range v.Actions {
		status, overdue := a.Status, "no"
		if a.Overdue {
			overdue = "yes"
		}
		if w != nil {
			status = a.StatusName
			overdue = w("risks.export." + overdue)
		}
		rows = append(rows, []cell{text(a.Risk.ID), text(a.Title), text(a.Owner), date(a.Due), text(status), text(overdue),
			text(strings.Join(a.Risk.Controls, "|"))})
	}
	return rows
}

// RisksCSV writes risks.csv.
func (v *RegisterView) RisksCSV() []byte { return writeCSV(RisksColumns, risksTable(v, nil)) }

// RTPCSV writes rtp.csv; an open action due before the view's Today is
// overdue.
func (v *RegisterView) RTPCSV() []byte { return writeCSV(RTPColumns, rtpTable(v, nil)) }

// writeCSV writes a table the way every CSV export of the site is
// written (sheet.WriteCSV): a text cell a spreadsheet would run as a
// formula gets a leading single quote.
func writeCSV(header []string, rows [][]cell) []byte {
	records := make([][]string, len(rows))
	for i, row := range rows {
		records[i] = make([]string, len(row))
		for j, c := range row {
			records[i][j] = c.csvText()
		}
	}
	return sheet.WriteCSV(header, records)
}
