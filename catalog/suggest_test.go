package catalog

import "testing"

func TestSuggestControl(t *testing.T) {
	c := newCatalog(t)
	for _, tt := range []struct{ in, want string }{
		{"5.15", ""},
		{"A.5.15", ""},
		{"5.99", "ISO/IEC 27002:2022 organizational controls are 5.1–5.37"},
		{"5.38", "ISO/IEC 27002:2022 organizational controls are 5.1–5.37"},
		{"6.9", "ISO/IEC 27002:2022 people controls are 6.1–6.8"},
		{"A.7.15", "ISO/IEC 27002:2022 physical controls are 7.1–7.14"},
		{"8.35", "ISO/IEC 27002:2022 technological controls are 8.1–8.34"},
		{"5,15", "did you mean 5.15?"},
		{"5.15.", "did you mean 5.15?"},
		{"05.015", "did you mean 5.15?"},
		{"A5.15", "did you mean 5.15?"},
		{"§ 8.23", "did you mean 8.23?"},
		{"A.9.1.1", "A.9.1.1 is an ISO/IEC 27002:2013 control; in 2022 it is 5.15"},
		{"A.18.2.3", "A.18.2.3 is an ISO/IEC 27002:2013 control; in 2022 it is 5.36 and 8.8"},
		{"A13.2.1", "A.13.2.1 is an ISO/IEC 27002:2013 control; in 2022 it is 5.14"},
		{"12.4.1", "A.12.4.1 is an ISO/IEC 27002:2013 control; in 2022 it is 8.15"},
		{"9.2", "9.2 is an ISO/IEC 27001:2022 clause (Internal audit), not a control"},
		{"6.1.3", "6.1.3 is an ISO/IEC 27001:2022 clause (Information security risk treatment), not a control"},
		{"POL-01", "ISO/IEC 27002:2022 controls are 5.1–5.37 (organizational), 6.1–6.8 (people), 7.1–7.14 (physical) and 8.1–8.34 (technological)"},
		{"", "ISO/IEC 27002:2022 controls are 5.1–5.37 (organizational), 6.1–6.8 (people), 7.1–7.14 (physical) and 8.1–8.34 (technological)"},
		{"A.19.1.1", "ISO/IEC 27002:2022 controls are 5.1–5.37 (organizational), 6.1–6.8 (people), 7.1–7.14 (physical) and 8.1–8.34 (technological)"},
	} {
		if got := c.SuggestControl(tt.in); got != tt.want {
			t.Errorf("SuggestControl(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSuggestClause(t *testing.T) {
	c := newCatalog(t)
	for _, tt := range []struct{ in, want string }{
		{"6.1.3", ""},
		{"clause 9.2", ""},
		{"6.1.4", "clause 6.1 (Actions to address risks and opportunities) has 6.1.1–6.1.3"},
		{"9.4", "clause 9 (Performance evaluation) has 9.1–9.3"},
		{"6.4.1", "clause 6 (Planning) has 6.1–6.3"},
		{"7.1.1", "clause 7.1 (Resources) has no sub-clauses"},
		{"11", "ISO/IEC 27001:2022 clauses are 4–10 and their sub-clauses, such as 6.1.3"},
		{"A.5.15", "5.15 is an Annex A control, not a clause; ISO/IEC 27001:2022 clauses are 4–10"},
		{"A.9.1.1", "A.9.1.1 is an Annex A control, not a clause; ISO/IEC 27001:2022 clauses are 4–10"},
		{"6,1,3", "did you mean 6.1.3?"},
		{"§6.1.3", "did you mean 6.1.3?"},
		{"risk", "ISO/IEC 27001:2022 clauses are 4–10 and their sub-clauses, such as 6.1.3"},
	} {
		if got := c.SuggestClause(tt.in); got != tt.want {
			t.Errorf("SuggestClause(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSuggest2013(t *testing.T) {
	c := newCatalog(t)
	for _, tt := range []struct{ in, want string }{
		{"A.9.1.1", ""},
		{"A.9.1.3", "ISO/IEC 27002:2013 A.9.1 has A.9.1.1–A.9.1.2"},
		{"A.9.5.1", "ISO/IEC 27002:2013 domain A.9 (Access control) has A.9.1.1–A.9.4.5"},
		{"A.19.1.1", "ISO/IEC 27002:2013 controls are in domains A.5–A.18, A.5.1.1–A.18.2.3"},
		{"5.15", "5.15 is an ISO/IEC 27002:2022 control (Access control), not a 2013 one"},
		{"9.1.1", "did you mean A.9.1.1?"},
		{"A9.1.1", "did you mean A.9.1.1?"},
		{"A.09.01.01", "did you mean A.9.1.1?"},
		{"nonsense", "ISO/IEC 27002:2013 controls are in domains A.5–A.18, A.5.1.1–A.18.2.3"},
	} {
		if got := c.Suggest2013(tt.in); got != tt.want {
			t.Errorf("Suggest2013(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Every unknown ID gets a hint, so that error messages never end in "()".
func FuzzSuggest(f *testing.F) {
	c := newCatalog(f)
	for _, s := range []string{"5.99", "A.9.1.9", "6.1.4", "", "A.", "§", ",,", "A.0.0.0", "0.0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if _, ok := c.Control(s); !ok && c.SuggestControl(s) == "" {
			t.Errorf("SuggestControl(%q) is empty", s)
		}
		if _, ok := c.Clause(s); !ok && c.SuggestClause(s) == "" {
			t.Errorf("SuggestClause(%q) is empty", s)
		}
		if _, ok := c.Control2013(s); !ok && c.Suggest2013(s) == "" {
			t.Errorf("Suggest2013(%q) is empty", s)
		}
	})
}
