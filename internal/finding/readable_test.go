package finding

import (
	"fmt"
	"strings"
	"testing"
)

// TestReadable: errors come first, whole; warnings of one kind beyond a
// few collapse into a line that says how many more; all lists everything.
func TestReadable(t *testing.T) {
	var fs Findings
	for i := range 10 {
		fs = append(fs, Finding{Pos: Pos{Path: "soa.yaml", Line: 10 + i, Col: 3}, Severity: Warning,
			Message: fmt.Sprintf("applicable control 8.%d (Title %d) is not addressed by any approved document", i+1, i)})
	}
	fs = append(fs,
		Finding{Pos: Pos{Path: "a.md", Line: 2, Col: 1}, Severity: Warning, Message: `review overdue since 2026-01-01`},
		Finding{Pos: Pos{Path: "z.md", Line: 5, Col: 7}, Severity: Error, Message: `unknown document "NOPE"`},
	)
	fs.Sort()
	got := fs.Readable(false, "isms check --all lists them")
	lines := strings.Split(strings.TrimSpace(got), "\n")
	if !strings.HasPrefix(lines[0], "z.md:5:7: error:") {
		t.Errorf("the error is not first:\n%s", got)
	}
	if len(lines) != 1+1+3+1 {
		t.Errorf("%d lines, want the error, the review warning, 3 gaps and a summary:\n%s", len(lines), got)
	}
	if !strings.Contains(got, "… and 7 more warnings like the 3 above (isms check --all lists them)") {
		t.Errorf("no summary line:\n%s", got)
	}
	if all := fs.Readable(true, ""); strings.Count(all, "\n") != len(fs) {
		t.Errorf("all lists %d lines, want %d", strings.Count(all, "\n"), len(fs))
	}
	// Four of a kind are shown whole: a summary line would save nothing.
	if got := fs[:5].Readable(false, ""); strings.Contains(got, "more warnings") {
		t.Errorf("four findings collapsed:\n%s", got)
	}
}
