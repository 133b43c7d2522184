package catalog

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func newCatalog(t testing.TB) *Catalog {
	t.Helper()
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func controlIDs(cs []*Control) []string {
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	return ids
}

func control2013IDs(cs []*Control2013) []string {
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	return ids
}

func TestCounts(t *testing.T) {
	c := newCatalog(t)
	if got := len(c.Controls()); got != 93 {
		t.Errorf("%d controls, want 93", got)
	}
	want := map[string][3]any{ // theme → number, count, first–last
		"organizational": {5, 37, "5.1–5.37"},
		"people":         {6, 8, "6.1–6.8"},
		"physical":       {7, 14, "7.1–7.14"},
		"technological":  {8, 34, "8.1–8.34"},
	}
	if len(c.Themes()) != len(want) {
		t.Fatalf("%d themes, want %d", len(c.Themes()), len(want))
	}
	sum := 0
	for i, th := range c.Themes() {
		w, ok := want[th.ID]
		if !ok {
			t.Errorf("unexpected theme %q", th.ID)
			continue
		}
		if th.Number != w[0] || th.Number != 5+i {
			t.Errorf("theme %s number %d, want %d at position %d", th.ID, th.Number, w[0], i)
		}
		if len(th.Controls) != w[1] {
			t.Errorf("theme %s has %d controls, want %d", th.ID, len(th.Controls), w[1])
		}
		if got := th.First + "–" + th.Last; got != w[2] {
			t.Errorf("theme %s spans %s, want %s", th.ID, got, w[2])
		}
		for j, ctl := range th.Controls {
			if ctl.Theme != th || ctl.ID != fmt.Sprintf("%d.%d", th.Number, j+1) {
				t.Errorf("theme %s: control %d is %s (theme %s)", th.ID, j, ctl.ID, ctl.Theme.ID)
			}
		}
		sum += len(th.Controls)
	}
	if sum != 93 {
		t.Errorf("themes hold %d controls, want 93 = 37 + 8 + 14 + 34", sum)
	}

	if got := len(c.Controls2013()); got != 114 {
		t.Errorf("%d 2013 controls, want 114", got)
	}
	if got := len(c.Domains2013()); got != 14 {
		t.Errorf("%d 2013 domains, want 14", got)
	}
	n2013 := 0
	for i, d := range c.Domains2013() {
		if want := fmt.Sprintf("A.%d", i+5); d.ID != want {
			t.Errorf("domain %d is %s, want %s", i, d.ID, want)
		}
		for _, ctl := range d.Controls {
			if ctl.Domain != d {
				t.Errorf("%s is listed in %s but points to %s", ctl.ID, d.ID, ctl.Domain.ID)
			}
		}
		n2013 += len(d.Controls)
	}
	if n2013 != 114 {
		t.Errorf("domains hold %d controls, want 114", n2013)
	}
	// Controls per 2013 domain, as in ISO/IEC 27001:2013 Annex A.
	perDomain := []int{2, 7, 6, 10, 14, 2, 15, 14, 7, 13, 5, 7, 4, 8}
	for i, d := range c.Domains2013() {
		if len(d.Controls) != perDomain[i] {
			t.Errorf("domain %s has %d controls, want %d", d.ID, len(d.Controls), perDomain[i])
		}
	}

	if got := len(c.Clauses()); got != 41 {
		t.Errorf("%d clauses, want 41", got)
	}
}

func TestNewControls(t *testing.T) {
	c := newCatalog(t)
	var got []string
	for _, ctl := range c.Controls() {
		if ctl.New {
			got = append(got, ctl.ID)
		}
	}
	want := []string{"5.7", "5.23", "5.30", "7.4", "8.9", "8.10", "8.11", "8.12", "8.16", "8.23", "8.28"}
	if !slices.Equal(got, want) {
		t.Errorf("new controls %v, want %v", got, want)
	}
}

func TestUniqueIDsAndNaturalOrder(t *testing.T) {
	c := newCatalog(t)
	check := func(what string, ids []string) {
		t.Helper()
		seen := map[string]bool{}
		for i, id := range ids {
			if seen[id] {
				t.Errorf("%s: %s repeated", what, id)
			}
			seen[id] = true
			if i > 0 && Compare(ids[i-1], id) >= 0 {
				t.Errorf("%s: %s comes before %s", what, ids[i-1], id)
			}
		}
	}
	check("controls", controlIDs(c.Controls()))
	check("2013 controls", control2013IDs(c.Controls2013()))
	var clauses, domains []string
	for _, cl := range c.Clauses() {
		clauses = append(clauses, cl.ID)
	}
	for _, d := range c.Domains2013() {
		domains = append(domains, d.ID)
	}
	check("clauses", clauses)
	check("domains", domains)
}

func TestMappingInvariants(t *testing.T) {
	c := newCatalog(t)
	pairs := 0
	for _, old := range c.Controls2013() {
		if len(old.Successors) == 0 {
			t.Errorf("2013 control %s has no 2022 successor", old.ID)
		}
		if len(old.Successors) > 1 && old.ID != "A.18.2.3" {
			t.Errorf("2013 control %s has %d successors; only A.18.2.3 has two", old.ID, len(old.Successors))
		}
		for _, s := range old.Successors {
			if !slices.Contains(s.Predecessors, old) {
				t.Errorf("%s → %s is not mirrored in %s's predecessors", old.ID, s.ID, s.ID)
			}
		}
		pairs += len(old.Successors)
	}
	if pairs != 115 {
		t.Errorf("%d mapping pairs, want 115", pairs)
	}
	back := 0
	for _, ctl := range c.Controls() {
		switch {
		case ctl.New && len(ctl.Predecessors) > 0:
			t.Errorf("%s is new in 2022 but has predecessors %v", ctl.ID, control2013IDs(ctl.Predecessors))
		case !ctl.New && len(ctl.Predecessors) == 0:
			t.Errorf("%s is not new in 2022 but has no predecessor", ctl.ID)
		}
		for _, p := range ctl.Predecessors {
			if !slices.Contains(p.Successors, ctl) {
				t.Errorf("%s ← %s is not mirrored in %s's successors", ctl.ID, p.ID, p.ID)
			}
		}
		back += len(ctl.Predecessors)
	}
	if back != 115 {
		t.Errorf("%d predecessor links, want 115", back)
	}
}

func TestAttributeInvariants(t *testing.T) {
	c := newCatalog(t)
	wantKinds := []struct {
		slug   string
		values []string
	}{
		{"control-type", []string{"Preventive", "Detective", "Corrective"}},
		{"security-properties", []string{"Confidentiality", "Integrity", "Availability"}},
		{"cybersecurity-concepts", []string{"Identify", "Protect", "Detect", "Respond", "Recover"}},
		{"operational-capabilities", []string{"Governance", "Asset_management", "Information_protection",
			"Human_resource_security", "Physical_security", "System_and_network_security",
			"Application_security", "Secure_configuration", "Identity_and_access_management",
			"Threat_and_vulnerability_management", "Continuity", "Supplier_relationships_security",
			"Legal_and_compliance", "Information_security_event_management", "Information_security_assurance"}},
		{"security-domains", []string{"Governance_and_Ecosystem", "Protection", "Defence", "Resilience"}},
	}
	kinds := c.AttributeKinds()
	if len(kinds) != len(wantKinds) {
		t.Fatalf("%d attribute kinds, want %d", len(kinds), len(wantKinds))
	}
	for i, w := range wantKinds {
		k := kinds[i]
		if k.Index != i || k.Slug != w.slug {
			t.Errorf("kind %d is %d %s, want %s", i, k.Index, k.Slug, w.slug)
		}
		var names []string
		for _, v := range k.Values {
			names = append(names, v.Name)
			if v.Kind != k {
				t.Errorf("%s points to kind %s, want %s", v.Name, v.Kind.Slug, k.Slug)
			}
			if want := strings.ToLower(strings.ReplaceAll(v.Name, "_", "-")); v.Slug != want {
				t.Errorf("%s has slug %q, want %q", v.Name, v.Slug, want)
			}
		}
		if !slices.Equal(names, w.values) {
			t.Errorf("kind %s values %v, want %v", k.Slug, names, w.values)
		}
	}
	for _, ctl := range c.Controls() {
		for _, k := range kinds {
			got := ctl.Attributes[k.Index]
			if len(got) == 0 {
				t.Errorf("%s has no %s", ctl.ID, k.Slug)
			}
			for _, name := range got {
				v, ok := c.AttributeValue(k.Slug, name)
				if !ok || v.Name != name {
					t.Errorf("%s: %q is not a %s value", ctl.ID, name, k.Slug)
					continue
				}
				if !slices.Contains(v.Controls, ctl) {
					t.Errorf("%s has %s but is missing from its controls", ctl.ID, name)
				}
			}
		}
	}
	for _, k := range kinds {
		for _, v := range k.Values {
			for _, ctl := range v.Controls {
				if !slices.Contains(ctl.Attributes[k.Index], v.Name) {
					t.Errorf("%s lists %s, which does not have it", v.Name, ctl.ID)
				}
			}
		}
	}
}

func TestBothLanguagesComplete(t *testing.T) {
	c := newCatalog(t)
	check := func(what string, text Text) {
		t.Helper()
		if strings.TrimSpace(text.En) == "" || strings.TrimSpace(text.Nb) == "" {
			t.Errorf("%s: missing a language: %+v", what, text)
		}
	}
	for _, th := range c.Themes() {
		check("theme "+th.ID, th.Title)
	}
	for _, ctl := range c.Controls() {
		check("control "+ctl.ID, ctl.Title)
	}
	for _, d := range c.Domains2013() {
		check("domain "+d.ID, d.Title)
	}
	for _, ctl := range c.Controls2013() {
		check("2013 control "+ctl.ID, ctl.Title)
	}
	for _, cl := range c.Clauses() {
		check("clause "+cl.ID, cl.Title)
		if cl.Change != (Text{}) {
			check("change note of clause "+cl.ID, cl.Change)
		}
	}
	for _, k := range c.AttributeKinds() {
		check("attribute kind "+k.Slug, k.Title)
		for _, v := range k.Values {
			check("attribute value "+v.Name, v.Title)
		}
	}
}

func TestClauseStructure(t *testing.T) {
	c := newCatalog(t)
	want := map[string][]string{ // clause → children; clauses not listed have none
		"4":   {"4.1", "4.2", "4.3", "4.4"},
		"5":   {"5.1", "5.2", "5.3"},
		"6":   {"6.1", "6.2", "6.3"},
		"6.1": {"6.1.1", "6.1.2", "6.1.3"},
		"7":   {"7.1", "7.2", "7.3", "7.4", "7.5"},
		"7.5": {"7.5.1", "7.5.2", "7.5.3"},
		"8":   {"8.1", "8.2", "8.3"},
		"9":   {"9.1", "9.2", "9.3"},
		"9.2": {"9.2.1", "9.2.2"},
		"9.3": {"9.3.1", "9.3.2", "9.3.3"},
		"10":  {"10.1", "10.2"},
	}
	var order, top []string
	for _, cl := range c.Clauses() {
		order = append(order, cl.ID)
		var kids []string
		for _, k := range cl.Children {
			kids = append(kids, k.ID)
			if k.Parent != cl {
				t.Errorf("%s is a child of %s but points to %v", k.ID, cl.ID, k.Parent)
			}
		}
		if !slices.Equal(kids, want[cl.ID]) {
			t.Errorf("clause %s children %v, want %v", cl.ID, kids, want[cl.ID])
		}
		if cl.Parent == nil {
			top = append(top, cl.ID)
		}
	}
	if !slices.Equal(top, []string{"4", "5", "6", "7", "8", "9", "10"}) {
		t.Errorf("top-level clauses %v", top)
	}
	wantOrder := "4 4.1 4.2 4.3 4.4 5 5.1 5.2 5.3 6 6.1 6.1.1 6.1.2 6.1.3 6.2 6.3 " +
		"7 7.1 7.2 7.3 7.4 7.5 7.5.1 7.5.2 7.5.3 8 8.1 8.2 8.3 " +
		"9 9.1 9.2 9.2.1 9.2.2 9.3 9.3.1 9.3.2 9.3.3 10 10.1 10.2"
	if got := strings.Join(order, " "); got != wantOrder {
		t.Errorf("clause order\n got %s\nwant %s", got, wantOrder)
	}

	var changed []string
	for _, cl := range c.Changed() {
		changed = append(changed, cl.ID)
	}
	wantChanged := []string{"4.2", "4.4", "6.1.3", "6.2", "6.3", "7.4", "8.1", "9.1", "9.2", "9.3", "9.3.2", "10", "10.1", "10.2"}
	if !slices.Equal(changed, wantChanged) {
		t.Errorf("changed clauses %v, want %v", changed, wantChanged)
	}
}

// TestControlFacts pins a sample of control facts, checked against the
// published tables of ISO/IEC 27002:2022 (attribute table, Annex B).
func TestControlFacts(t *testing.T) {
	c := newCatalog(t)
	tests := []struct {
		id, theme, title string
		attrs            [5]string // '|'-joined, in the kind's order
		isNew            bool
		predecessors     string
	}{
		{"5.1", "organizational", "Policies for information security",
			[5]string{"Preventive", "Confidentiality|Integrity|Availability", "Identify", "Governance", "Governance_and_Ecosystem|Resilience"},
			false, "A.5.1.1 A.5.1.2"},
		{"5.7", "organizational", "Threat intelligence",
			[5]string{"Preventive|Detective|Corrective", "Confidentiality|Integrity|Availability", "Identify|Detect|Respond", "Threat_and_vulnerability_management", "Defence|Resilience"},
			true, ""},
		{"5.14", "organizational", "Information transfer",
			[5]string{"Preventive", "Confidentiality|Integrity|Availability", "Protect", "Asset_management|Information_protection", "Protection"},
			false, "A.13.2.1 A.13.2.2 A.13.2.3"},
		{"5.15", "organizational", "Access control",
			[5]string{"Preventive", "Confidentiality|Integrity|Availability", "Protect", "Identity_and_access_management", "Protection"},
			false, "A.9.1.1 A.9.1.2"},
		{"5.17", "organizational", "Authentication information",
			[5]string{"Preventive", "Confidentiality|Integrity|Availability", "Protect", "Identity_and_access_management", "Protection"},
			false, "A.9.2.4 A.9.3.1 A.9.4.3"},
		{"5.22", "organizational", "Monitoring, review and change management of supplier services",
			[5]string{"Preventive", "Confidentiality|Integrity|Availability", "Identify", "Supplier_relationships_security|Information_security_assurance", "Governance_and_Ecosystem|Protection|Defence"},
			false, "A.15.2.1 A.15.2.2"},
		{"5.24", "organizational", "Information security incident management planning and preparation",
			[5]string{"Corrective", "Confidentiality|Integrity|Availability", "Respond|Recover", "Governance|Information_security_event_management", "Defence"},
			false, "A.16.1.1"},
		{"5.30", "organizational", "ICT readiness for business continuity",
			[5]string{"Corrective", "Availability", "Respond", "Continuity", "Resilience"},
			true, ""},
		{"5.36", "organizational", "Compliance with policies, rules and standards for information security",
			[5]string{"Preventive", "Confidentiality|Integrity|Availability", "Identify|Protect", "Legal_and_compliance|Information_security_assurance", "Governance_and_Ecosystem"},
			false, "A.18.2.2 A.18.2.3"},
		{"5.37", "organizational", "Documented operating procedures",
			[5]string{"Preventive|Corrective", "Confidentiality|Integrity|Availability", "Protect|Recover",
				"Asset_management|Physical_security|System_and_network_security|Application_security|Secure_configuration|Identity_and_access_management|Threat_and_vulnerability_management|Continuity|Information_security_event_management",
				"Governance_and_Ecosystem|Protection|Defence"},
			false, "A.12.1.1"},
		{"6.6", "people", "Confidentiality or non-disclosure agreements",
			[5]string{"Preventive", "Confidentiality", "Protect", "Information_protection|Human_resource_security|Supplier_relationships_security", "Governance_and_Ecosystem"},
			false, "A.13.2.4"},
		{"6.8", "people", "Information security event reporting",
			[5]string{"Detective", "Confidentiality|Integrity|Availability", "Detect", "Information_security_event_management", "Defence"},
			false, "A.16.1.2 A.16.1.3"},
		{"7.2", "physical", "Physical entry",
			[5]string{"Preventive", "Confidentiality|Integrity|Availability", "Protect", "Physical_security|Identity_and_access_management", "Protection"},
			false, "A.11.1.2 A.11.1.6"},
		{"7.4", "physical", "Physical security monitoring",
			[5]string{"Preventive|Detective", "Confidentiality|Integrity|Availability", "Protect|Detect", "Physical_security", "Protection|Defence"},
			true, ""},
		{"7.10", "physical", "Storage media",
			[5]string{"Preventive", "Confidentiality|Integrity|Availability", "Protect", "Asset_management|Physical_security", "Protection"},
			false, "A.8.3.1 A.8.3.2 A.8.3.3 A.11.2.5"},
		{"7.11", "physical", "Supporting utilities",
			[5]string{"Preventive|Detective", "Integrity|Availability", "Protect|Detect", "Physical_security", "Protection"},
			false, "A.11.2.2"},
		{"7.12", "physical", "Cabling security",
			[5]string{"Preventive", "Confidentiality|Availability", "Protect", "Physical_security", "Protection"},
			false, "A.11.2.3"},
		{"8.1", "technological", "User endpoint devices",
			[5]string{"Preventive", "Confidentiality|Integrity|Availability", "Protect", "Asset_management|Information_protection", "Protection"},
			false, "A.6.2.1 A.11.2.8"},
		{"8.6", "technological", "Capacity management",
			[5]string{"Preventive|Detective", "Integrity|Availability", "Identify|Protect|Detect", "Continuity", "Governance_and_Ecosystem|Protection"},
			false, "A.12.1.3"},
		{"8.8", "technological", "Management of technical vulnerabilities",
			[5]string{"Preventive", "Confidentiality|Integrity|Availability", "Identify|Protect", "Threat_and_vulnerability_management", "Governance_and_Ecosystem|Protection|Defence"},
			false, "A.12.6.1 A.18.2.3"},
		{"8.12", "technological", "Data leakage prevention",
			[5]string{"Preventive|Detective", "Confidentiality", "Protect|Detect", "Information_protection", "Protection|Defence"},
			true, ""},
		{"8.13", "technological", "Information backup",
			[5]string{"Corrective", "Integrity|Availability", "Recover", "Continuity", "Protection"},
			false, "A.12.3.1"},
		{"8.15", "technological", "Logging",
			[5]string{"Detective", "Confidentiality|Integrity|Availability", "Detect", "Information_security_event_management", "Protection|Defence"},
			false, "A.12.4.1 A.12.4.2 A.12.4.3"},
		{"8.16", "technological", "Monitoring activities",
			[5]string{"Detective|Corrective", "Confidentiality|Integrity|Availability", "Detect|Respond", "Information_security_event_management", "Defence"},
			true, ""},
		{"8.17", "technological", "Clock synchronization",
			[5]string{"Detective", "Integrity", "Protect|Detect", "Information_security_event_management", "Protection|Defence"},
			false, "A.12.4.4"},
		{"8.22", "technological", "Segregation of networks",
			[5]string{"Preventive", "Confidentiality|Integrity|Availability", "Protect", "System_and_network_security", "Protection"},
			false, "A.13.1.3"},
		{"8.23", "technological", "Web filtering",
			[5]string{"Preventive", "Confidentiality|Integrity|Availability", "Protect", "System_and_network_security", "Protection"},
			true, ""},
		{"8.29", "technological", "Security testing in development and acceptance",
			[5]string{"Preventive", "Confidentiality|Integrity|Availability", "Identify", "System_and_network_security|Application_security|Information_security_assurance", "Protection"},
			false, "A.14.2.8 A.14.2.9"},
		{"8.30", "technological", "Outsourced development",
			[5]string{"Preventive|Detective", "Confidentiality|Integrity|Availability", "Identify|Protect|Detect", "System_and_network_security|Application_security|Supplier_relationships_security", "Governance_and_Ecosystem|Protection"},
			false, "A.14.2.7"},
		{"8.32", "technological", "Change management",
			[5]string{"Preventive", "Confidentiality|Integrity|Availability", "Protect", "System_and_network_security|Application_security", "Protection"},
			false, "A.12.1.2 A.14.2.2 A.14.2.3 A.14.2.4"},
		{"8.34", "technological", "Protection of information systems during audit testing",
			[5]string{"Preventive", "Confidentiality|Integrity|Availability", "Protect", "Information_protection|System_and_network_security", "Governance_and_Ecosystem|Protection"},
			false, "A.12.7.1"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			ctl, ok := c.Control(tt.id)
			if !ok {
				t.Fatalf("control %s not found", tt.id)
			}
			if ctl.Theme.ID != tt.theme || ctl.Title.En != tt.title || ctl.New != tt.isNew {
				t.Errorf("got %s %q new=%v, want %s %q new=%v", ctl.Theme.ID, ctl.Title.En, ctl.New, tt.theme, tt.title, tt.isNew)
			}
			for i, want := range tt.attrs {
				if got := strings.Join(ctl.Attributes[i], "|"); got != want {
					t.Errorf("%s: %s, want %s", c.AttributeKinds()[i].Slug, got, want)
				}
			}
			if got := strings.Join(control2013IDs(ctl.Predecessors), " "); got != tt.predecessors {
				t.Errorf("predecessors %q, want %q", got, tt.predecessors)
			}
		})
	}
}

func TestControl2013Facts(t *testing.T) {
	c := newCatalog(t)
	tests := []struct{ id, domain, title, successors string }{
		{"A.5.1.2", "A.5", "Review of the policies for information security", "5.1"},
		{"A.6.2.1", "A.6", "Mobile device policy", "8.1"},
		{"A.7.2.1", "A.7", "Management responsibilities", "5.4"},
		{"A.8.2.3", "A.8", "Handling of assets", "5.10"},
		{"A.9.1.1", "A.9", "Access control policy", "5.15"},
		{"A.9.1.2", "A.9", "Access to networks and network services", "5.15"},
		{"A.9.2.3", "A.9", "Management of privileged access rights", "8.2"},
		{"A.11.2.5", "A.11", "Removal of assets", "7.10"},
		{"A.12.1.1", "A.12", "Documented operating procedures", "5.37"},
		{"A.12.6.2", "A.12", "Restrictions on software installation", "8.19"},
		{"A.13.1.3", "A.13", "Segregation in networks", "8.22"},
		{"A.13.2.1", "A.13", "Information transfer policies and procedures", "5.14"},
		{"A.13.2.3", "A.13", "Electronic messaging", "5.14"},
		{"A.14.1.1", "A.14", "Information security requirements analysis and specification", "5.8"},
		{"A.16.1.3", "A.16", "Reporting information security weaknesses", "6.8"},
		{"A.17.2.1", "A.17", "Availability of information processing facilities", "8.14"},
		{"A.18.1.5", "A.18", "Regulation of cryptographic controls", "5.31"},
		{"A.18.2.3", "A.18", "Technical compliance review", "5.36 8.8"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			old, ok := c.Control2013(tt.id)
			if !ok {
				t.Fatalf("2013 control %s not found", tt.id)
			}
			if old.Domain.ID != tt.domain || old.Title.En != tt.title {
				t.Errorf("got %s %q, want %s %q", old.Domain.ID, old.Title.En, tt.domain, tt.title)
			}
			if got := strings.Join(controlIDs(old.Successors), " "); got != tt.successors {
				t.Errorf("successors %q, want %q", got, tt.successors)
			}
		})
	}
}

func TestClauseTitles(t *testing.T) {
	c := newCatalog(t)
	for id, want := range map[string]string{
		"4.4":   "Information security management system",
		"6.1.3": "Information security risk treatment",
		"6.3":   "Planning of changes",
		"7.5.2": "Creating and updating",
		"8":     "Operation",
		"9.2.2": "Internal audit programme",
		"9.3.2": "Management review inputs",
		"10.1":  "Continual improvement",
		"10.2":  "Nonconformity and corrective action",
	} {
		cl, ok := c.Clause(id)
		if !ok || cl.Title.En != want {
			t.Errorf("clause %s: %v %+v, want %q", id, ok, cl, want)
		}
	}
}

// TestNorwegianTitles pins Norwegian titles already in use in Norwegian ISMSs.
func TestNorwegianTitles(t *testing.T) {
	c := newCatalog(t)
	for id, want := range map[string]string{
		"5.15": "Tilgangskontroll",
		"5.16": "Identitetshåndtering",
		"5.17": "Autentiseringsinformasjon",
		"5.18": "Tilgangsrettigheter",
		"5.7":  "Trusseletterretning",
		"6.6":  "Konfidensialitets- eller taushetserklæringer",
		"7.4":  "Fysisk sikkerhetsovervåking",
		"8.2":  "Privilegerte tilgangsrettigheter",
		"8.4":  "Tilgang til kildekode",
		"8.5":  "Sikker autentisering",
		"8.9":  "Konfigurasjonsstyring",
		"8.10": "Sletting av informasjon",
		"8.11": "Datamaskering",
		"8.12": "Forebygging av datalekkasje",
		"8.16": "Overvåkingsaktiviteter",
		"8.28": "Sikker koding",
	} {
		ctl, ok := c.Control(id)
		if !ok || ctl.Title.Nb != want {
			t.Errorf("control %s: Norwegian title %q, want %q", id, ctl.Title.Nb, want)
		}
	}
	for _, tt := range []struct{ kind, name, nb string }{
		{"control-type", "Preventive", "Forebyggende"},
		{"control-type", "Detective", "Oppdagende"},
		{"control-type", "Corrective", "Korrigerende"},
		{"security-properties", "Availability", "Tilgjengelighet"},
		{"cybersecurity-concepts", "Recover", "Gjenopprette"},
		{"security-domains", "Governance_and_Ecosystem", "Styring_og_økosystem"},
		{"security-domains", "Resilience", "Resiliens"},
	} {
		v, ok := c.AttributeValue(tt.kind, tt.name)
		if !ok || v.Title.Nb != tt.nb || v.Title.En != tt.name {
			t.Errorf("%s %s: %+v, want Norwegian %q", tt.kind, tt.name, v, tt.nb)
		}
	}
	th := c.Themes()[0]
	if th.Title.En != "Organizational controls" || th.Title.Nb != "Organisatoriske sikkerhetstiltak" {
		t.Errorf("theme 5 title %+v", th.Title)
	}
}

// TestFactsFingerprint guards the English facts as a whole: IDs, themes,
// titles, attributes, new flags, the mapping and the clause titles. They were
// compared row by row with the published tables of the standards when the
// fingerprint was taken. A change to any fact fails this test; if the change
// is a deliberate correction, check it against the standards and update the
// fingerprint in the same commit.
func TestFactsFingerprint(t *testing.T) {
	c := newCatalog(t)
	var b strings.Builder
	for _, ctl := range c.Controls() {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%v\t%v\t%v\n", ctl.ID, ctl.Theme.ID, ctl.Title.En, ctl.Attributes, ctl.New, control2013IDs(ctl.Predecessors))
	}
	for _, old := range c.Controls2013() {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%v\n", old.ID, old.Domain.ID, old.Title.En, controlIDs(old.Successors))
	}
	for _, cl := range c.Clauses() {
		fmt.Fprintf(&b, "%s\t%s\n", cl.ID, cl.Title.En)
	}
	const want = "5c8af62d6271c1442ea070f95d42f38b84d89e4f7fa0ccb5a07340599861be16"
	if got := fmt.Sprintf("%x", sha256.Sum256([]byte(b.String()))); got != want {
		t.Errorf("the English facts changed: fingerprint %s, want %s", got, want)
	}
}

func TestLookup(t *testing.T) {
	c := newCatalog(t)
	for _, tt := range []struct {
		in, want string // want "" means not found
	}{
		{"5.15", "5.15"}, {"A.5.15", "5.15"}, {" 5.15 ", "5.15"}, {"a.5.15", "5.15"},
		{"\t8.34\n", "8.34"}, {"5.1", "5.1"}, {"A.8.1", "8.1"},
		{"5.38", ""}, {"5.0", ""}, {"9.1", ""}, {"A.9.1.1", ""}, {"05.15", ""}, {"5.15.", ""},
		{"", ""}, {"A.", ""}, {"5,15", ""}, {"A 5.15", ""},
	} {
		ctl, ok := c.Control(tt.in)
		switch {
		case tt.want == "" && ok:
			t.Errorf("Control(%q) = %s, want not found", tt.in, ctl.ID)
		case tt.want != "" && (!ok || ctl.ID != tt.want):
			t.Errorf("Control(%q) = %v, %v; want %s", tt.in, ctl, ok, tt.want)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"A.9.1.1", "A.9.1.1"}, {" a.9.1.1 ", "A.9.1.1"}, {"A.18.2.3", "A.18.2.3"},
		{"9.1.1", ""}, {"A.9.1.9", ""}, {"A.5.15", ""}, {"A.9.1", ""},
	} {
		old, ok := c.Control2013(tt.in)
		switch {
		case tt.want == "" && ok:
			t.Errorf("Control2013(%q) = %s, want not found", tt.in, old.ID)
		case tt.want != "" && (!ok || old.ID != tt.want):
			t.Errorf("Control2013(%q) = %v, %v; want %s", tt.in, old, ok, tt.want)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"6.1.3", "6.1.3"}, {" 6.1.3 ", "6.1.3"}, {"clause 6.1.3", "6.1.3"}, {"Clause:9.2", "9.2"},
		{"clause: 10", "10"}, {"5.2", "5.2"}, {"4", "4"}, {"10.2", "10.2"},
		{"11", ""}, {"6.4", ""}, {"A.6.1", ""}, {"clauses 6.1", ""}, {"clause6.1", ""}, {"6.1.3.1", ""}, {"", ""},
	} {
		cl, ok := c.Clause(tt.in)
		switch {
		case tt.want == "" && ok:
			t.Errorf("Clause(%q) = %s, want not found", tt.in, cl.ID)
		case tt.want != "" && (!ok || cl.ID != tt.want):
			t.Errorf("Clause(%q) = %v, %v; want %s", tt.in, cl, ok, tt.want)
		}
	}
}

func TestAttributeLookup(t *testing.T) {
	c := newCatalog(t)
	for _, tt := range []struct{ kind, value, want string }{
		{"control-type", "preventive", "Preventive"},
		{"control-type", "Preventive", "Preventive"},
		{"control-type", "#Preventive", "Preventive"},
		{"control-type", "Forebyggende", "Preventive"},
		{"control_type", "detective", "Detective"},
		{"operational-capabilities", "identity-and-access-management", "Identity_and_access_management"},
		{"operational-capabilities", "Identity_and_access_management", "Identity_and_access_management"},
		{"security-domains", "governance-and-ecosystem", "Governance_and_Ecosystem"},
		{"security-domains", "#Styring_og_økosystem", "Governance_and_Ecosystem"},
		{"security-properties", "confidentiality", "Confidentiality"},
		{"control-type", "Protect", ""},
		{"no-such-kind", "preventive", ""},
		{"security-domains", "", ""},
	} {
		v, ok := c.AttributeValue(tt.kind, tt.value)
		switch {
		case tt.want == "" && ok:
			t.Errorf("AttributeValue(%q, %q) = %s, want not found", tt.kind, tt.value, v.Name)
		case tt.want != "" && (!ok || v.Name != tt.want):
			t.Errorf("AttributeValue(%q, %q) = %v, %v; want %s", tt.kind, tt.value, v, ok, tt.want)
		}
	}
	v, _ := c.AttributeValue("control-type", "corrective")
	want := []string{"5.5", "5.6", "5.7", "5.24", "5.26", "5.28", "5.29", "5.30", "5.35", "5.37", "6.4", "8.7", "8.13", "8.16"}
	if got := controlIDs(v.Controls); !slices.Equal(got, want) {
		t.Errorf("#Corrective controls %v, want %v", got, want)
	}
}

func TestTextIn(t *testing.T) {
	full := Text{En: "Access control", Nb: "Tilgangskontroll"}
	for _, tt := range []struct {
		text       Text
		lang, want string
	}{
		{full, "en", "Access control"},
		{full, "EN", "Access control"},
		{full, "en-GB", "Access control"},
		{full, "nb", "Tilgangskontroll"},
		{full, "nn", "Tilgangskontroll"},
		{full, "", "Tilgangskontroll"},
		{full, "de", "Tilgangskontroll"},
		{full, "english", "Tilgangskontroll"},
		{Text{En: "Only English"}, "nb", "Only English"},
		{Text{Nb: "Bare norsk"}, "en", "Bare norsk"},
	} {
		if got := tt.text.In(tt.lang); got != tt.want {
			t.Errorf("%+v.In(%q) = %q, want %q", tt.text, tt.lang, got, tt.want)
		}
	}
}

// dataFS returns the embedded data files with edit applied to one of them.
func dataFS(t *testing.T, file string, edit func(string) string) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	entries, err := fs.ReadDir(dataFiles, "data")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := "data/" + e.Name()
		b, err := fs.ReadFile(dataFiles, name)
		if err != nil {
			t.Fatal(err)
		}
		if name == file {
			b = []byte(edit(string(b)))
		}
		m[name] = &fstest.MapFile{Data: b}
	}
	return m
}

func TestLoadErrors(t *testing.T) {
	if _, err := load(dataFS(t, "", nil)); err != nil {
		t.Fatalf("unedited data: %v", err)
	}
	replace := func(old, new string) func(string) string {
		return func(s string) string {
			if !strings.Contains(s, old) {
				t.Fatalf("test data lacks %q", old)
			}
			return strings.Replace(s, old, new, 1)
		}
	}
	for _, tt := range []struct {
		name, file string
		edit       func(string) string
		want       string
	}{
		{"unknown attribute value", controlsFile,
			replace("8.23\ttechnological\tWeb filtering\tNettfiltrering\tPreventive", "8.23\ttechnological\tWeb filtering\tNettfiltrering\tPrevention"),
			`data/controls-2022.tsv:83: control 8.23: control_type "Prevention" has an unknown or repeated value`},
		{"wrong theme", controlsFile, replace("6.1\tpeople", "6.1\tphysical"), "data/controls-2022.tsv:39: control 6.1 is not in theme physical"},
		{"missing cell", controlsFile, replace("\tno\n", "\n"), "data/controls-2022.tsv:2: 9 cells, want 10"},
		{"empty Norwegian title", controls2013File, replace("\tNøkkelhåndtering", "\t"), "data/controls-2013.tsv:42: empty title_nb"},
		{"bad new flag", controlsFile, replace("\tyes\n", "\tja\n"), `new_in_2022 is "ja", want yes or no`},
		{"repeated control", controlsFile, replace("5.2\t", "5.1\t"), "data/controls-2022.tsv:3: control 5.1 repeated"},
		{"unknown mapping target", mappingFile, replace("A.9.1.1\t5.15", "A.9.1.1\t5.99"), `data/mapping-2013-2022.tsv:27: unknown 2022 control "5.99"`},
		{"new control with predecessor", mappingFile, replace("A.9.1.1\t5.15", "A.9.1.1\t5.7"), "5.7 is new in 2022"},
		{"bad header", clausesFile, replace("title_nb", "tittel"), `data/clauses-27001-2022.tsv:1: header is`},
		{"orphan clause", clausesFile, replace("6.1.1\t", "6.4.1\t"), "clause 6.4.1 has no parent clause 6.4"},
		{"surrounding space", domains2013File, replace("\tKryptografi", "\tKryptografi "), `data/domains-2013.tsv:7: title_nb "Kryptografi " has surrounding space`},
		{"change note for unknown clause", clauseChangesFile, replace("6.3\t", "6.4\t"), `data/clause-changes-2022.tsv:6: unknown clause "6.4"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := load(dataFS(t, tt.file, tt.edit))
			if tt.want == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want it to contain %q", err, tt.want)
			}
		})
	}
}
