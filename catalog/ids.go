package catalog

import (
	"strconv"
	"strings"
)

// Kind is what an ID looks like: a 2022 control, a 2013 control or a clause.
type Kind int

const (
	KindUnknown     Kind = iota // not shaped like any catalogue ID
	KindControl                 // ISO/IEC 27002:2022 control: "5.15", "A.5.15"
	KindControl2013             // ISO/IEC 27002:2013 control: "A.9.1.1"
	KindClause                  // ISO/IEC 27001:2022 clause: "6.1.3", "9.2", "10"
)

func (k Kind) String() string {
	switch k {
	case KindControl:
		return "control"
	case KindControl2013:
		return "2013 control"
	case KindClause:
		return "clause"
	}
	return "unknown"
}

// Classify tells from its shape alone what kind of ID id is, and returns the
// ID in normal form. It does not check that the ID exists. The rules, applied
// after trimming surrounding space:
//
//   - An ID is an optional Annex A prefix "A." (or "a.") followed by one or
//     more dot-separated numbers of one to three digits without leading zeros.
//   - "A." and two numbers, the first 5..8: KindControl, normal form without
//     the prefix ("A.5.15" → "5.15").
//   - "A." and three numbers: KindControl2013, normal form with "A."
//     ("a.9.1.1" → "A.9.1.1").
//   - Two numbers without prefix, the first 5..8: KindControl ("5.15"). Such
//     numbers may also be clauses ("5.2", "6.1"); where a clause is meant the
//     context says so, see Catalog.Clause.
//   - Any other one to three numbers without prefix: KindClause ("4", "9.2",
//     "6.1.3").
//   - Anything else: KindUnknown, with the trimmed input as normal form.
//
// Classify never panics, and classifying a normal form again gives the same
// kind and normal form.
func Classify(id string) (Kind, string) {
	s := strings.TrimSpace(id)
	rest, annex := cutAnnex(s)
	parts, ok := parseNumbers(rest)
	if !ok {
		return KindUnknown, s
	}
	isControl := len(parts) == 2 && parts[0] >= 5 && parts[0] <= 8
	switch {
	case annex && isControl:
		return KindControl, joinNumbers(parts)
	case annex && len(parts) == 3:
		return KindControl2013, "A." + joinNumbers(parts)
	case annex:
		return KindUnknown, s
	case isControl:
		return KindControl, joinNumbers(parts)
	case len(parts) <= 3:
		return KindClause, joinNumbers(parts)
	}
	return KindUnknown, s
}

// LooksLikeControlID reports whether s could be read as a control ID of either
// edition, so that it must not be used as a document ID. It is true for
// everything Classify takes for a control ("5.15", "A.5.15", "A.9.1.1") and
// more broadly for an optional "A" or "A." followed by digits and dots with at
// least one dot ("A5.15", "A.9.1.1.1", "9.1"), and for "A." followed by digits
// ("A.5", a 2013 domain). Document IDs such as "POL-01" or "A1" are not.
func LooksLikeControlID(s string) bool {
	if k, _ := Classify(s); k == KindControl || k == KindControl2013 {
		return true
	}
	t := strings.TrimSpace(s)
	annexDot := false
	if len(t) > 0 && (t[0] == 'A' || t[0] == 'a') {
		t = t[1:]
		if strings.HasPrefix(t, ".") {
			t = t[1:]
			annexDot = true
		}
	}
	if t == "" || !isDigit(t[0]) || !isDigit(t[len(t)-1]) {
		return false
	}
	dots := 0
	for i := 0; i < len(t); i++ {
		switch {
		case t[i] == '.':
			if t[i-1] == '.' {
				return false
			}
			dots++
		case !isDigit(t[i]):
			return false
		}
	}
	return dots > 0 || annexDot
}

// Compare orders dotted IDs naturally and returns -1, 0 or +1. Runs of digits
// compare as numbers (5.2 < 5.10, A.5.1.1 < A.18.1.1), other runs as strings,
// a run of digits before any other run, and an ID before its extensions
// (9.2 < 9.2.1 < 10). It is a total order on all strings: IDs that differ
// only in leading zeros are ordered by their bytes, and it never panics.
func Compare(a, b string) int {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		da, db := isDigit(a[i]), isDigit(b[j])
		if da != db {
			if da {
				return -1
			}
			return 1
		}
		ei, ej := runEnd(a, i, da), runEnd(b, j, db)
		var c int
		if da {
			c = compareDigits(a[i:ei], b[j:ej])
		} else {
			c = strings.Compare(a[i:ei], b[j:ej])
		}
		if c != 0 {
			return c
		}
		i, j = ei, ej
	}
	switch {
	case i < len(a):
		return 1
	case j < len(b):
		return -1
	}
	return strings.Compare(a, b)
}

// runEnd returns the end of the run of digits (or non-digits) starting at i.
func runEnd(s string, i int, digits bool) int {
	for i < len(s) && isDigit(s[i]) == digits {
		i++
	}
	return i
}

// compareDigits compares two runs of digits as numbers of any length.
func compareDigits(x, y string) int {
	x = strings.TrimLeft(x, "0")
	y = strings.TrimLeft(y, "0")
	if len(x) != len(y) {
		if len(x) < len(y) {
			return -1
		}
		return 1
	}
	return strings.Compare(x, y)
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// cutAnnex removes an Annex A prefix "A." or "a." and reports whether there was one.
func cutAnnex(s string) (string, bool) {
	if len(s) >= 2 && (s[0] == 'A' || s[0] == 'a') && s[1] == '.' {
		return s[2:], true
	}
	return s, false
}

// parseNumbers parses dot-separated numbers of one to three digits without
// leading zeros: "6.1.3" → [6 1 3].
func parseNumbers(s string) ([]int, bool) {
	if s == "" {
		return nil, false
	}
	fields := strings.Split(s, ".")
	parts := make([]int, len(fields))
	for i, f := range fields {
		if f == "" || len(f) > 3 || (len(f) > 1 && f[0] == '0') {
			return nil, false
		}
		for j := 0; j < len(f); j++ {
			if !isDigit(f[j]) {
				return nil, false
			}
		}
		parts[i], _ = strconv.Atoi(f)
	}
	return parts, true
}

func joinNumbers(parts []int) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(strconv.Itoa(p))
	}
	return b.String()
}

// clauseNumber normalises a clause reference: surrounding space and an
// optional leading word "clause" (any case) followed by ':' or space are
// removed, and what remains must be one to three dotted numbers.
func clauseNumber(id string) (string, bool) {
	s := strings.TrimSpace(id)
	if len(s) >= len("clause") && strings.EqualFold(s[:len("clause")], "clause") {
		rest := s[len("clause"):]
		trimmed := strings.TrimLeft(rest, " \t:")
		if trimmed == rest { // "clauses", "clause6.1": not the word on its own
			return "", false
		}
		s = strings.TrimSpace(trimmed)
	}
	parts, ok := parseNumbers(s)
	if !ok || len(parts) > 3 {
		return "", false
	}
	return joinNumbers(parts), true
}
