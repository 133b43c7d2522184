package edit

import (
	"bytes"
	"fmt"
	"strings"
)

// Diff writes the differences between two versions of a file as a unified
// diff with three lines of context, under the names given (a caller writes
// "a/"+path and "b/"+path as git does, or "/dev/null" for a file that is
// new), so that git apply and patch -p1 take it. Equal texts give nil.
// Lines keep their own line ends, so a CRLF file diffs as CRLF; a last
// line without one is marked as diff marks it.
//
// The lines both texts share at the start and the end are set aside first,
// so the longest-common-subsequence table covers only the part that
// changed (a front matter, not the whole body).
func Diff(oldName, newName string, a, b []byte) []byte {
	x, y := splitLines(a), splitLines(b)
	pre := 0
	for pre < len(x) && pre < len(y) && x[pre] == y[pre] {
		pre++
	}
	suf := 0
	for suf < len(x)-pre && suf < len(y)-pre && x[len(x)-1-suf] == y[len(y)-1-suf] {
		suf++
	}
	if pre == len(x) && pre == len(y) {
		return nil
	}
	ops := diffLines(x[pre:len(x)-suf], y[pre:len(y)-suf])
	// The whole edit script, with the shared lines around it.
	script := make([]diffOp, 0, pre+len(ops)+suf)
	for i := range pre {
		script = append(script, diffOp{' ', i, i})
	}
	for _, op := range ops {
		script = append(script, diffOp{op.kind, op.i + pre, op.j + pre})
	}
	for k := range suf {
		script = append(script, diffOp{' ', len(x) - suf + k, len(y) - suf + k})
	}

	const context = 3
	var out bytes.Buffer
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", oldName, newName)
	for start := 0; start < len(script); {
		// Find the next change, then the end of its hunk: changes closer
		// than twice the context share one.
		first := start
		for first < len(script) && script[first].kind == ' ' {
			first++
		}
		if first == len(script) {
			break
		}
		last := first
		for k := first; k < len(script); k++ {
			if script[k].kind != ' ' {
				last = k
			} else if k-last > 2*context {
				break
			}
		}
		lo, hi := max(first-context, start), min(last+context+1, len(script))
		var oldStart, oldCount, newStart, newCount int
		oldStart, newStart = -1, -1
		for _, op := range script[lo:hi] {
			if op.kind != '+' {
				if oldStart < 0 {
					oldStart = op.i
				}
				oldCount++
			}
			if op.kind != '-' {
				if newStart < 0 {
					newStart = op.j
				}
				newCount++
			}
		}
		fmt.Fprintf(&out, "@@ -%s +%s @@\n", hunkRange(oldStart, oldCount, script[lo].i), hunkRange(newStart, newCount, script[lo].j))
		for _, op := range script[lo:hi] {
			line := ""
			switch op.kind {
			case '+':
				line = y[op.j]
			default:
				line = x[op.i]
			}
			out.WriteByte(op.kind)
			out.WriteString(line)
			if !strings.HasSuffix(line, "\n") {
				out.WriteString("\n\\ No newline at end of file\n")
			}
		}
		start = hi
	}
	return out.Bytes()
}

// hunkRange writes a hunk's line range: its first line (from 1) and count;
// an empty range names the line before it.
func hunkRange(start, count, at int) string {
	if count == 0 {
		return fmt.Sprintf("%d,0", at)
	}
	if count == 1 {
		return fmt.Sprintf("%d", start+1)
	}
	return fmt.Sprintf("%d,%d", start+1, count)
}

// diffOp is a step of an edit script: ' ' keeps x[i] (= y[j]), '-' drops
// x[i], '+' adds y[j].
type diffOp struct {
	kind byte
	i, j int
}

// diffLines is a shortest edit script from x to y by the longest common
// subsequence; deletions come before insertions within a change.
func diffLines(x, y []string) []diffOp {
	n, m := len(x), len(y)
	var ops []diffOp
	if n*m > 4<<20 {
		// Too big to compare line by line (never for front matter): replace it all.
		for i := range n {
			ops = append(ops, diffOp{'-', i, 0})
		}
		for j := range m {
			ops = append(ops, diffOp{'+', n, j})
		}
		return ops
	}
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && x[i] == y[j]:
			ops = append(ops, diffOp{' ', i, j})
			i++
			j++
		case j == m || (i < n && lcs[i+1][j] >= lcs[i][j+1]):
			ops = append(ops, diffOp{'-', i, j})
			i++
		default:
			ops = append(ops, diffOp{'+', i, j})
			j++
		}
	}
	return ops
}

// splitLines splits after each line end; a last line without one is kept.
func splitLines(b []byte) []string {
	var lines []string
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			lines = append(lines, string(b))
			break
		}
		lines = append(lines, string(b[:i+1]))
		b = b[i+1:]
	}
	return lines
}
