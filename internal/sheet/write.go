package sheet

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
)

// WriteCSV writes a table as CSV for spreadsheets: UTF-8 with a byte order
// mark (so Excel reads æ, ø and å), CRLF line ends, and every text cell
// that a spreadsheet would take for a formula defused (Defuse).
func WriteCSV(header []string, rows [][]string) []byte {
	var b bytes.Buffer
	b.WriteString("\uFEFF")
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	_ = w.Write(header) // writing to a bytes.Buffer does not fail
	record := make([]string, 0, len(header))
	for _, row := range rows {
		record = record[:0]
		for _, c := range row {
			record = append(record, Defuse(c))
		}
		_ = w.Write(record)
	}
	w.Flush()
	return b.Bytes()
}

// Defuse makes text that a spreadsheet would read as a formula — it starts
// with =, +, -, @, a tab or a carriage return — show as text, with a
// leading single quote. A number stays a number: -3 and +1.5 are left alone.
func Defuse(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return s
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return s
	}
	return "'" + s
}
