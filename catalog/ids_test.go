package catalog

import (
	"slices"
	"strings"
	"testing"
)

func TestClassify(t *testing.T) {
	for _, tt := range []struct {
		in   string
		kind Kind
		norm string
	}{
		{"5.15", KindControl, "5.15"},
		{"A.5.15", KindControl, "5.15"},
		{"a.5.15", KindControl, "5.15"},
		{" 5.15 ", KindControl, "5.15"},
		{"8.34", KindControl, "8.34"},
		{"5.99", KindControl, "5.99"}, // shaped like a control, even if it does not exist
		{"5.2", KindControl, "5.2"},   // also clause 5.2; the context decides
		{"A.9.1.1", KindControl2013, "A.9.1.1"},
		{" a.18.2.3\t", KindControl2013, "A.18.2.3"},
		{"A.19.1.1", KindControl2013, "A.19.1.1"},
		{"6.1.3", KindClause, "6.1.3"},
		{"9.2", KindClause, "9.2"},
		{"9.2.1", KindClause, "9.2.1"},
		{"10", KindClause, "10"},
		{"4", KindClause, "4"},
		{"4.4", KindClause, "4.4"},
		{"A.9.1", KindUnknown, "A.9.1"},
		{"A.6.1.3.1", KindUnknown, "A.6.1.3.1"},
		{"A.5", KindUnknown, "A.5"},
		{"6.1.3.1", KindUnknown, "6.1.3.1"},
		{"05.15", KindUnknown, "05.15"},
		{"5.15.", KindUnknown, "5.15."},
		{".5.15", KindUnknown, ".5.15"},
		{"5..15", KindUnknown, "5..15"},
		{"5,15", KindUnknown, "5,15"},
		{"A5.15", KindUnknown, "A5.15"},
		{"A. 5.15", KindUnknown, "A. 5.15"},
		{"5.1000", KindUnknown, "5.1000"},
		{"POL-01", KindUnknown, "POL-01"},
		{"", KindUnknown, ""},
		{"   ", KindUnknown, ""},
		{"A.", KindUnknown, "A."},
		{"５.１５", KindUnknown, "５.１５"}, // full-width digits are not IDs
		{"-5.15", KindUnknown, "-5.15"},
	} {
		kind, norm := Classify(tt.in)
		if kind != tt.kind || norm != tt.norm {
			t.Errorf("Classify(%q) = %v, %q; want %v, %q", tt.in, kind, norm, tt.kind, tt.norm)
		}
	}
}

func TestLooksLikeControlID(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"A.9.1.1", true}, {"A.5.15", true}, {"5.15", true}, {"a.5.15", true},
		{"A5.15", true}, {"A9.1.1", true}, {"A.5", true}, {"A.6.1.3.1", true}, {"9.1", true},
		{" A.9.1.1 ", true}, {"6.1.3", true},
		{"POL-01", false}, {"A1", false}, {"A", false}, {"A.", false}, {"", false},
		{"ACCESS-5.15", false}, {"A.B", false}, {"A.5.", false}, {"A..5", false},
		{"A-5.15", false}, {"ISMS.1", false}, {"5", false}, {"AA.5.15", false},
	} {
		if got := LooksLikeControlID(tt.in); got != tt.want {
			t.Errorf("LooksLikeControlID(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestCompare(t *testing.T) {
	ordered := []string{
		"", "4", "4.1", "4.4", "5", "5.1", "5.2", "5.10", "5.37", "6.1.3", "9", "9.2", "9.2.1", "9.2.2", "9.3",
		"10", "10.1", "10.2", "A.5.1.1", "A.5.1.2", "A.9.1.1", "A.9.4.5", "A.10.1.1", "A.18.1.1", "A.18.2.3",
	}
	for i := range ordered {
		for j := range ordered {
			want := 0
			switch {
			case i < j:
				want = -1
			case i > j:
				want = 1
			}
			if got := Compare(ordered[i], ordered[j]); got != want {
				t.Errorf("Compare(%q, %q) = %d, want %d", ordered[i], ordered[j], got, want)
			}
		}
	}
	shuffled := slices.Clone(ordered)
	slices.Reverse(shuffled)
	slices.SortFunc(shuffled, Compare)
	if !slices.Equal(shuffled, ordered) {
		t.Errorf("sorted %v", shuffled)
	}
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"5.02", "5.2", -1}, // same number: ordered by bytes, so the order stays total
		{"5.2", "5.02", 1},
		{"5.2", "5.2a", -1},
		{"5.2a", "5.10", -1},
		{"99999999999999999999", "100000000000000000000", -1}, // longer than int64
		{"x", "5", 1},
		{"A.5.15", "5.15", 1},
	} {
		if got := Compare(tt.a, tt.b); got != tt.want {
			t.Errorf("Compare(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func FuzzClassify(f *testing.F) {
	for _, s := range []string{"5.15", "A.5.15", " a.9.1.1 ", "6.1.3", "10", "A.", "", "05.1", "５.１５", "\xff.1", "A.1.2.3.4"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		kind, norm := Classify(s)
		kind2, norm2 := Classify(norm)
		if kind2 != kind || norm2 != norm {
			t.Errorf("Classify(%q) = %v, %q but Classify(%q) = %v, %q", s, kind, norm, norm, kind2, norm2)
		}
		if kind != KindUnknown && strings.TrimSpace(norm) != norm {
			t.Errorf("Classify(%q) normal form %q has surrounding space", s, norm)
		}
		if (kind == KindControl || kind == KindControl2013) && !LooksLikeControlID(s) {
			t.Errorf("Classify(%q) = %v but LooksLikeControlID is false", s, kind)
		}
	})
}

func FuzzCompare(f *testing.F) {
	for _, p := range [][3]string{
		{"5.2", "5.10", "5.9"}, {"9.2", "9.2.1", "10"}, {"A.5.1.1", "A.18.1.1", "A.5.1.1"},
		{"05", "5", "005"}, {"", "a", "0"}, {"\xff", "1.", ".1"},
	} {
		f.Add(p[0], p[1], p[2])
	}
	f.Fuzz(func(t *testing.T, a, b, c string) {
		ab, ba := Compare(a, b), Compare(b, a)
		if ab != -ba || ab < -1 || ab > 1 {
			t.Errorf("Compare(%q, %q) = %d but Compare(%q, %q) = %d", a, b, ab, b, a, ba)
		}
		if (ab == 0) != (a == b) {
			t.Errorf("Compare(%q, %q) = %d", a, b, ab)
		}
		if ab <= 0 && Compare(b, c) <= 0 && Compare(a, c) > 0 {
			t.Errorf("not transitive: %q <= %q <= %q but Compare(%q, %q) > 0", a, b, c, a, c)
		}
	})
}
