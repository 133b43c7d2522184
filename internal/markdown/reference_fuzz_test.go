package markdown

import (
	"strings"
	"testing"
)

// FuzzReference: the [[…]] parser never panics, consumes what it says, and
// returns a target without brackets.
func FuzzReference(f *testing.F) {
	for _, s := range []string{"[[5.15]]", "[[POL-01|own text]]", "[[clause:6.1.3]] rest", "[[", "[[]]", "[[a]b]]", "[[ x | y ]]", "[[æøå]]"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		target, own, n, ok := ParseReference(line)
		if !ok {
			return
		}
		if n > len(line) || n < 4 {
			t.Fatalf("consumed %d of %d bytes", n, len(line))
		}
		if target == "" || strings.ContainsAny(target, "[]\n") || strings.ContainsAny(own, "[]") {
			t.Fatalf("bad parse of %q: target %q, text %q", line, target, own)
		}
		if !strings.HasPrefix(string(line), "[[") || string(line[n-2:n]) != "]]" {
			t.Fatalf("consumed %q, not a whole reference", line[:n])
		}
	})
}
