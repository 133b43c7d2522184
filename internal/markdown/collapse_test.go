package markdown

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
)

// collapseSpaceByRune is collapseSpace written the plain way, one
// character at a time: the reference the fast one is held to.
func collapseSpaceByRune(s string) string {
	var b []rune
	breaks, space := 0, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			if r == '\n' {
				breaks++
			}
			continue
		}
		if len(b) > 0 && breaks > 0 {
			for range breaks {
				b = append(b, '\n')
			}
		} else if len(b) > 0 && space {
			b = append(b, ' ')
		}
		breaks, space = 0, false
		b = append(b, r)
	}
	return string(b)
}

func TestCollapseSpace(t *testing.T) {
	alphabet := []string{" ", "\n", "\t", "\r", "\u00a0", "\u2003", "a", "ø", "Å", "-", "\n\n", "x y", "\u3000", "é"}
	rnd := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var b strings.Builder
		for range rnd.IntN(12) {
			b.WriteString(alphabet[rnd.IntN(len(alphabet))])
		}
		in := b.String()
		if got, want := collapseSpace([]byte(in)), collapseSpaceByRune(in); got != want {
			t.Fatalf("collapseSpace(%q) = %q, want %q", in, got, want)
		}
	}
}
