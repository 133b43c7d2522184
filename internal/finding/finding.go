// Package finding is how every part of isms reports a problem in a site's
// content: a Finding has a file, a line and a column, a severity and a
// message that says what is wrong and what would be right. Parts collect
// findings in a Report per file, and the build sorts them and prints them
// together (go/scanner's ErrorList is the model). The package knows nothing
// of documents, controls or pages.
package finding

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
// Loc is a line and column in one file, both from 1, the column counted
// in characters.
type Loc struct{ Line, Col int }

// FileStart is where a finding about a whole file points.
var FileStart = Loc{1, 1}

// Report collects the findings about one file.
type Report struct {
	Path     string // relative to the site root
	Findings Findings
}

// Add records a finding at line and column; a place before the file's
// start is taken as its start.
func (r *Report) Add(sev Severity, at Loc, format string, args ...any) {
	if at.Line < 1 {
		at = FileStart
	}
	if at.Col < 1 {
		at.Col = 1
	}
	r.Findings = append(r.Findings, Finding{
		Pos:      Pos{Path: r.Path, Line: at.Line, Col: at.Col},
		Severity: sev,
		Message:  fmt.Sprintf(format, args...),
	})
}

// Errorf records an error at a place.
func (r *Report) Errorf(at Loc, format string, args ...any) { r.Add(Error, at, format, args...) }

// Warnf records a warning at a place.
func (r *Report) Warnf(at Loc, format string, args ...any) { r.Add(Warning, at, format, args...) }
