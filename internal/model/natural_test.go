package model

import (
	"cmp"
	"strings"
	"testing"
	"unicode"
)

// naturalCompareAllocating is NaturalCompare as it was before foldByte,
// with strings.ToLower of one byte at a time: the order must not change.
func naturalCompareAllocating(a, b string) int {
	for a != "" && b != "" {
		da, db := unicode.IsDigit(rune(a[0])), unicode.IsDigit(rune(b[0]))
		if da && db {
			na, ra := leadingDigits(a)
			nb, rb := leadingDigits(b)
			ta, tb := strings.TrimLeft(na, "0"), strings.TrimLeft(nb, "0")
			if c := cmp.Or(cmp.Compare(len(ta), len(tb)), strings.Compare(ta, tb), cmp.Compare(len(na), len(nb))); c != 0 {
				return c
			}
			a, b = ra, rb
			continue
		}
		if c := strings.Compare(strings.ToLower(a[:1]), strings.ToLower(b[:1])); c != 0 {
			return c
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

func TestNaturalCompareFold(t *testing.T) {
	ids := []string{"", "A", "a", "B", "b", "POL-2", "pol-10", "POL-10", "POL-010", "DOC-00011", "doc-11", "Z", "_x", "x_", "x.1", "X-1",
		"ÆRE-1", "ære-1", "ØKO-2", "Å", "å", "a~", "a{", "a[", "a@", "9", "09", "A9", "a10"}
	for _, a := range ids {
		for _, b := range ids {
			if got, want := NaturalCompare(a, b), naturalCompareAllocating(a, b); got != want {
				t.Errorf("NaturalCompare(%q, %q) = %d, was %d", a, b, got, want)
			}
		}
	}
	if n := testing.AllocsPerRun(100, func() { NaturalCompare("DOC-00011-ABC", "DOC-00011-ABD") }); n != 0 {
		t.Errorf("NaturalCompare allocates %v times", n)
	}
}
