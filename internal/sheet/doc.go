// Package sheet reads the spreadsheets teams keep their registers in — a
// Statement of Applicability, a risk register — so that isms can import
// them: CSV (comma, semicolon or tab separated; UTF-8 with or without a
// byte order mark, or Windows-1252 as older Excel writes it) or XLSX
// (every sheet). A sheet comes out as a header and rows of cells that
// remember their place, so that a finding about a cell points at it:
// line and column in a CSV file as an editor shows them, row and column
// (A = 1) in an XLSX sheet. WriteCSV writes the other way, for the
// build's CSV views, defusing cells a spreadsheet would run as formulas;
// Cell.Value undoes that on the way back in.
//
// The package knows files and cells; what the columns mean is the
// importer's business.
package sheet
