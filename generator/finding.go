package generator

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Severity says whether a finding stops the build.
type Severity int

const (
	Warning Severity = iota
	Error
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// MarshalText makes severities read as words in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity written by MarshalText.
func (s *Severity) UnmarshalText(b []byte) error {
	switch string(b) {
	case "error":
		*s = Error
	case "warning":
		*s = Warning
	default:
		return fmt.Errorf("unknown severity %q", b)
	}
	return nil
}

// Pos is a place in a site file: the path relative to the site root,
// line and column from 1, the column counted in characters.
type Pos struct {
	Path string `json:"path"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
}

func (p Pos) String() string {
	if p.Line == 0 {
		return p.Path
	}
	return fmt.Sprintf("%s:%d:%d", p.Path, p.Line, p.Col)
}

// Finding is one problem in the content: where it is, how bad, and what
// is wrong (and, where it can, what would be right).
type Finding struct {
	Pos
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
}

func (f Finding) String() string {
	return fmt.Sprintf("%s: %s: %s", f.Pos, f.Severity, f.Message)
}

// Findings is every problem a build found, in the order Sort gives.
type Findings []Finding

// Sort orders findings by path, line and column, errors first; findings
// at the same place keep the order they were made in (which is
// deterministic: documents are read into a sorted list, controls are
// visited in natural order).
func (fs Findings) Sort() {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			strings.Compare(a.Path, b.Path),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(b.Severity, a.Severity),
		)
	})
}

// Count returns the number of errors and warnings.
func (fs Findings) Count() (errors, warnings int) {
	for _, f := range fs {
		if f.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return
}

// Strict returns a copy in which every warning is an error.
func (fs Findings) Strict() Findings {
	out := slices.Clone(fs)
	for i := range out {
		out[i].Severity = Error
	}
	return out
}

// Text renders one finding a line.
func (fs Findings) Text() string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// JSON renders the findings as a JSON array (an empty array when there are none).
func (fs Findings) JSON() []byte {
	if fs == nil {
		fs = Findings{}
	}
	b, _ := json.MarshalIndent(fs, "", "  ")
	return append(b, '\n')
}

// report collects findings for one file.
type report struct {
	path     string
	findings Findings
}

func (r *report) add(sev Severity, line, col int, format string, args ...any) {
	if line < 1 {
		line, col = 1, 1
	}
	if col < 1 {
		col = 1
	}
	r.findings = append(r.findings, Finding{
		Pos:      Pos{Path: r.path, Line: line, Col: col},
		Severity: sev,
		Message:  fmt.Sprintf(format, args...),
	})
}

func (r *report) errorf(at loc, format string, args ...any) {
	r.add(Error, at.line, at.col, format, args...)
}

func (r *report) warnf(at loc, format string, args ...any) {
	r.add(Warning, at.line, at.col, format, args...)
}

// loc is a line and column in the file a report is about.
type loc struct{ line, col int }

var fileStart = loc{1, 1}
