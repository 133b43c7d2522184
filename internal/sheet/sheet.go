package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/isms-project/isms/internal/finding"
)

// Cell is one cell's text and where it is.
type Cell struct {
	Text string // as written (CSV) or as the sheet shows it (XLSX), not trimmed
	Line int    // CSV: the line; XLSX: the row (from 1)
	Col  int    // CSV: the column in characters; XLSX: the column number, A = 1 (from 1)
}

// Value is the cell's text trimmed, without the quote Defuse puts before
// text a spreadsheet would take for a formula ('=SUM… is =SUM…).
func (c Cell) Value() string {
	v := strings.TrimSpace(c.Text)
	if len(v) > 1 && v[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(v[1])) && Defuse(v[1:]) == v {
		return v[1:]
	}
	return v
}

// Table is one sheet: the first row that is not empty is the header, the
// rest are the rows (rows with only empty cells are left out).
type Table struct {
	File   string // the file's name, for findings
	Sheet  string // the XLSX sheet's name; "" for CSV
	Header []Cell
	Rows   [][]Cell // a row may be shorter than the header: Cell gives its missing cells
	// Notes are things worth telling about the file as a whole: a CSV
	// read as Windows-1252, for example.
	Notes finding.Findings
}

// Pos is where a cell is, for a finding.
func (t *Table) Pos(c Cell) finding.Pos {
	return finding.Pos{Path: t.File, Line: c.Line, Col: c.Col}
}

// Where names a cell for a message: "cell C7" in a sheet, "" in CSV
// (whose findings point at the line and column already).
func (t *Table) Where(c Cell) string {
	if t.Sheet == "" {
		return ""
	}
	name, err := excelize.CoordinatesToCellName(c.Col, c.Line)
	if err != nil {
		return ""
	}
	return "cell " + name
}

// Column returns the index of the first header cell that matches one of
// names, case-insensitively, with spaces, '-' and '_' counted alike and
// surrounding space ignored; -1 when none does.
func (t *Table) Column(names ...string) int {
	for _, n := range names {
		for i, h := range t.Header {
			if normalize(h.Text) == normalize(n) {
				return i
			}
		}
	}
	return -1
}

func normalize(s string) string {
	s = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(s, "\uFEFF")))
	s = strings.NewReplacer("_", " ", "-", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// Cell returns row's cell in column i: an empty cell when the row is
// short or i is -1 (a column the file lacks), placed in column i of an
// XLSX row, or at the end of a CSV line.
func (t *Table) Cell(row []Cell, i int) Cell {
	if i >= 0 && i < len(row) {
		return row[i]
	}
	if len(row) == 0 {
		return Cell{}
	}
	last := row[len(row)-1]
	c := Cell{Line: last.Line, Col: last.Col + utf8.RuneCountInString(last.Text)}
	if t.Sheet != "" {
		c.Col = max(i, len(row)) + 1
	}
	return c
}

// Read reads a CSV or an XLSX file, told apart by its first bytes (an
// XLSX is a zip archive) and then its name. A CSV gives one table; an
// XLSX one per sheet that has a header, in the workbook's order. A file
// that cannot be read gives an *Error at the place.
func Read(name string, data []byte) ([]*Table, error) {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) || strings.EqualFold(path.Ext(name), ".xlsx") {
		return readXLSX(name, data)
	}
	t, err := readCSV(name, data)
	if err != nil {
		return nil, err
	}
	return []*Table{t}, nil
}

// Error is a file that cannot be read as a table, at the place where
// reading stopped.
type Error struct {
	finding.Pos
	Err error
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Err.Error() }

func (e *Error) Unwrap() error { return e.Err }

// ErrEmpty is returned for a file with no header row.
var ErrEmpty = errors.New("no rows: the first row must name the columns")

func readCSV(name string, data []byte) (*Table, error) {
	var notes []string
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) {
		data = windows1252(data)
		notes = append(notes, "not UTF-8: read as Windows-1252 (save it as \"CSV UTF-8\" to be sure)")
	}
	t, err := parseCSV(name, data, false)
	if errors.Is(err, csv.ErrBareQuote) {
		// A quote inside a value that is not quoted: Policy "A". Read it
		// as it is, and say so.
		note := strings.TrimPrefix(err.Error(), name+":")
		if t, err = parseCSV(name, data, true); err == nil {
			notes = append(notes, "a quote inside a value that is not in quotes is read as part of the value (at "+strings.SplitN(note, ": ", 2)[0]+")")
		}
	}
	if err != nil {
		return nil, err
	}
	for _, n := range notes {
		t.Notes = append(t.Notes, finding.Finding{Pos: finding.Pos{Path: name, Line: 1, Col: 1}, Severity: finding.Warning, Message: n})
	}
	return t, nil
}

// parseCSV reads CSV text; lazy takes quotes inside unquoted values.
func parseCSV(name string, data []byte, lazy bool) (*Table, error) {
	t := &Table{File: name}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = separator(data)
	r.FieldsPerRecord = -1
	r.LazyQuotes = lazy
	lines := bytes.Split(data, []byte("\n"))
	// col turns a byte column into characters. Fields come in order, so
	// counting goes on from the last field of the same line: a line of
	// many fields costs its length, not its length squared.
	lastLine, lastByte, lastRune := 0, 0, 0
	col := func(line, byteCol int) int {
		if line < 1 || line > len(lines) || byteCol < 1 || byteCol-1 > len(lines[line-1]) {
			return byteCol
		}
		if line != lastLine || byteCol-1 < lastByte {
			lastLine, lastByte, lastRune = line, 0, 0
		}
		lastRune += utf8.RuneCount(lines[line-1][lastByte : byteCol-1])
		lastByte = byteCol - 1
		return lastRune + 1
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &Error{finding.Pos{Path: name, Line: pe.Line, Col: col(pe.Line, pe.Column)}, fmt.Errorf("%w (in the row that starts on line %d)", pe.Err, pe.StartLine)}
			}
			return nil, &Error{finding.Pos{Path: name, Line: 1, Col: 1}, err}
		}
		row := make([]Cell, len(rec))
		for i, s := range rec {
			line, c := r.FieldPos(i)
			row[i] = Cell{Text: s, Line: line, Col: col(line, c)}
		}
		t.add(row)
	}
	if t.Header == nil {
		return nil, &Error{finding.Pos{Path: name, Line: 1, Col: 1}, ErrEmpty}
	}
	return t, nil
}

// add adds a row read from the file: the first row that is not blank is
// the header, blank rows are left out.
func (t *Table) add(row []Cell) {
	if !slices.ContainsFunc(row, func(c Cell) bool { return strings.TrimSpace(c.Text) != "" }) {
		return
	}
	if t.Header == nil {
		t.Header = row
		return
	}
	t.Rows = append(t.Rows, row)
}

// separator picks the CSV separator from the first line: the one of ',',
// ';' and tab found most often outside quotes (Excel in Norway writes ';').
func separator(data []byte) rune {
	counts := map[rune]int{}
	quoted := false
	for _, c := range string(data) {
		if c == '"' {
			quoted = !quoted
		}
		if c == '\n' && !quoted {
			break
		}
		if !quoted && (c == ',' || c == ';' || c == '\t') {
			counts[c]++
		}
	}
	best := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

// windows1252 decodes Windows-1252 (Latin-1 with printable characters in
// 0x80–0x9F) to UTF-8.
func windows1252(data []byte) []byte {
	high := [32]rune{'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8D, 'Ž', 0x8F,
		0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9D, 'ž', 'Ÿ'}
	var b strings.Builder
	for _, c := range data {
		switch {
		case c < 0x80:
			b.WriteByte(c)
		case c < 0xA0:
			b.WriteRune(high[c-0x80])
		default:
			b.WriteRune(rune(c))
		}
	}
	return []byte(b.String())
}

// Limits on an XLSX's unpacked size: a register is a few megabytes; a zip
// bomb is not read.
const (
	unzipLimit    = 256 << 20
	unzipXMLLimit = 64 << 20
)

func readXLSX(name string, data []byte) ([]*Table, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: unzipXMLLimit})
	if err != nil {
		return nil, &Error{finding.Pos{Path: name, Line: 1, Col: 1}, fmt.Errorf("not an XLSX workbook: %v", err)}
	}
	defer f.Close()
	var tables []*Table
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			return nil, &Error{finding.Pos{Path: name, Line: 1, Col: 1}, fmt.Errorf("sheet %q: %v", sheet, err)}
		}
		t := &Table{File: name, Sheet: sheet}
		for i, rec := range rows {
			row := make([]Cell, len(rec))
			for j, s := range rec {
				row[j] = Cell{Text: s, Line: i + 1, Col: j + 1}
			}
			t.add(row)
		}
		if t.Header != nil {
			tables = append(tables, t)
		}
	}
	if len(tables) == 0 {
		return nil, &Error{finding.Pos{Path: name, Line: 1, Col: 1}, ErrEmpty}
	}
	return tables, nil
}
