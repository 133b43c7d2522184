package sheet

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// cells writes a table's cells as "text@line:col" for comparison.
func cells(t *Table) string {
	var b strings.Builder
	for _, row := range append([][]Cell{t.Header}, t.Rows...) {
		for i, c := range row {
			if i > 0 {
				b.WriteString(" | ")
			}
			fmt.Fprintf(&b, "%s@%d:%d", c.Text, c.Line, c.Col)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestReadCSV(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"comma", "id,status\n5.1,Implemented\n",
			"id@1:1 | status@1:4\n5.1@2:1 | Implemented@2:5\n"},
		{"semicolon, BOM, CRLF, a blank row", "\uFEFFid;status;note\r\n\r\n5.1;Delvis;a, b\r\n;;\r\n5.2;;\r\n",
			"id@1:1 | status@1:4 | note@1:11\n5.1@3:1 | Delvis@3:5 | a, b@3:12\n5.2@5:1 | @5:5 | @5:6\n"},
		{"tab", "id\tstatus\n5.1\tok\n", "id@1:1 | status@1:4\n5.1@2:1 | ok@2:5\n"},
		{"quoted, over lines, columns in characters", "id,title,status\n5.1,\"Ærlig, «ja»\nto\",x\n5.2,ø,y\n",
			"id@1:1 | title@1:4 | status@1:10\n5.1@2:1 | Ærlig, «ja»\nto@2:5 | x@3:5\n5.2@4:1 | ø@4:5 | y@4:7\n"},
		{"short row", "a,b,c\n1\n", "a@1:1 | b@1:3 | c@1:5\n1@2:1\n"},
		{"Windows-1252", "id,begrunnelse\n5.1,\xe6\xf8\xe5 \x96 \x80\n", "id@1:1 | begrunnelse@1:4\n5.1@2:1 | æøå – €@2:5\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tables, err := Read("x.csv", []byte(c.in))
			if err != nil {
				t.Fatal(err)
			}
			if len(tables) != 1 {
				t.Fatalf("%d tables", len(tables))
			}
			if got := cells(tables[0]); got != c.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, c.want)
			}
			if strings.HasPrefix(c.name, "Windows") != (len(tables[0].Notes) == 1) {
				t.Errorf("notes %v", tables[0].Notes)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	if _, err := Read("x.csv", []byte("\n ,\n")); !errors.Is(err, ErrEmpty) {
		t.Errorf("an empty CSV gives %v", err)
	}
	_, err := Read("x.csv", []byte("a,b\n1,\"x\n2,y\n"))
	if err == nil || !strings.HasPrefix(err.Error(), "x.csv:3:5: extraneous or missing \" in quoted-field (in the row that starts on line 2)") {
		t.Errorf("a bad quote gives %v", err)
	}
	tables, err := Read("x.csv", []byte("a,b\n1,Policy \"A\"\n"))
	if err != nil || tables[0].Rows[0][1].Text != `Policy "A"` || len(tables[0].Notes) != 1 || !strings.Contains(tables[0].Notes[0].Message, "(at 2:") {
		t.Errorf("a bare quote gives %v %v", err, tables)
	}
	if _, err := Read("x.xlsx", []byte("PK\x03\x04 not a zip")); err == nil || !strings.Contains(err.Error(), "not an XLSX") {
		t.Errorf("a broken XLSX gives %v", err)
	}
}

func TestColumnAndCell(t *testing.T) {
	tables, err := Read("x.csv", []byte("\uFEFF Control ID ;Implementation_status\n5.1\n"))
	if err != nil {
		t.Fatal(err)
	}
	tb := tables[0]
	if i := tb.Column("id", "control id"); i != 0 {
		t.Errorf("control id is column %d", i)
	}
	if i := tb.Column("implementation-status"); i != 1 {
		t.Errorf("implementation status is column %d", i)
	}
	if i := tb.Column("justification"); i != -1 {
		t.Errorf("a missing column is %d", i)
	}
	c := tb.Cell(tb.Rows[0], 1)
	if c.Text != "" || c.Line != 2 || c.Col != 4 {
		t.Errorf("a missing cell is %+v", c)
	}
	if p := tb.Pos(tb.Rows[0][0]); p.String() != "x.csv:2:1" {
		t.Errorf("pos %s", p)
	}
	if w := tb.Where(tb.Rows[0][0]); w != "" {
		t.Errorf("a CSV cell is named %q", w)
	}
}

func TestReadXLSX(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Notes")
	if _, err := f.NewSheet("SoA"); err != nil {
		t.Fatal(err)
	}
	f.NewSheet("Empty")
	for cell, v := range map[string]string{"B2": "Control", "C2": "Status", "B3": "A.5.15", "C3": "Implemented", "B5": "5.16"} {
		f.SetCellValue("SoA", cell, v)
	}
	f.SetCellValue("Notes", "A1", "Read me")
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	tables, err := Read("soa.xlsx", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(tables) != 2 || tables[0].Sheet != "Notes" || tables[1].Sheet != "SoA" {
		t.Fatalf("tables %v", tables)
	}
	tb := tables[1]
	want := "@2:1 | Control@2:2 | Status@2:3\n@3:1 | A.5.15@3:2 | Implemented@3:3\n@5:1 | 5.16@5:2\n"
	if got := cells(tb); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if w := tb.Where(tb.Cell(tb.Rows[1], 2)); w != "cell C5" {
		t.Errorf("the missing cell is %q", w)
	}
}

// TestLongLine: a line of many fields is read in time linear in its length.
func TestLongLine(t *testing.T) {
	line := strings.Repeat("ø,", 200000)
	start := time.Now()
	tables, err := Read("x.csv", []byte("a\n"+line+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	row := tables[0].Rows[0]
	if c := row[len(row)-2]; c.Col != 2*(len(row)-2)+1 {
		t.Errorf("the last field is at column %d", c.Col)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("a line of 200,000 fields takes %v", d)
	}
}

func TestCellValue(t *testing.T) {
	for in, want := range map[string]string{
		" Implemented ": "Implemented", "'=SUM(A1)": "=SUM(A1)", "'-2": "'-2", "'quoted'": "'quoted'", "'@x": "@x", "-": "-",
	} {
		if got := (Cell{Text: in}).Value(); got != want {
			t.Errorf("Value(%q) = %q, want %q", in, got, want)
		}
		if c := (Cell{Text: Defuse(want)}); c.Value() != want && strings.TrimSpace(want) == want {
			t.Errorf("Defuse(%q) does not read back: %q", want, c.Value())
		}
	}
}
