package finding

import (
	"fmt"
	"regexp"
	"strings"
)

// collapseAfter is how many warnings of one kind the readable text shows
// before it says how many more there are.
const collapseAfter = 3

// kindOf is a warning's message with what differs between findings of one
// kind — IDs, numbers, quoted text, parentheses — taken out: "applicable
// control 5.6 (Contact with…) is not addressed…" and the same for 8.6 are
// one kind.
var (
	kindQuoted = regexp.MustCompile(`"[^"]*"|«[^»]*»|\([^)]*\)|\[\[[^\]]*\]\]`)
	kindToken  = regexp.MustCompile(`[\w./-]*\d[\w./-]*`)
)

func kindOf(msg string) string {
	msg = kindQuoted.ReplaceAllString(msg, "…")
	return kindToken.ReplaceAllString(msg, "#")
}

// Readable is the findings as people read them in a terminal: the errors
// first, every one of them, then the warnings; of the warnings of one kind
// beyond a few, one line says how many more there are and where to see
// them all — unless all is set. Each listed finding keeps its
// file:line:col, in path order.
func (fs Findings) Readable(all bool, more string) string {
	var b strings.Builder
	for _, f := range fs {
		if f.Severity == Error {
			b.WriteString(f.String())
			b.WriteByte('\n')
		}
	}
	count := map[string]int{}
	for _, f := range fs {
		if f.Severity != Error {
			count[kindOf(f.Message)]++
		}
	}
	shown := map[string]int{}
	for _, f := range fs {
		if f.Severity == Error {
			continue
		}
		k := kindOf(f.Message)
		n := count[k]
		if all || n <= collapseAfter+1 {
			b.WriteString(f.String())
			b.WriteByte('\n')
			continue
		}
		switch shown[k]++; {
		case shown[k] <= collapseAfter:
			b.WriteString(f.String())
			b.WriteByte('\n')
		case shown[k] == collapseAfter+1:
			fmt.Fprintf(&b, "… and %d more warnings like the %d above (%s)\n", n-collapseAfter, collapseAfter, more)
		}
	}
	return b.String()
}
