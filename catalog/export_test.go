package catalog

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func write(t *testing.T, c *Catalog, what, format, lang string) string {
	t.Helper()
	var b bytes.Buffer
	if err := c.Write(&b, what, format, lang); err != nil {
		t.Fatalf("Write(%s, %s, %s): %v", what, format, lang, err)
	}
	return b.String()
}

func TestWriteCSV(t *testing.T) {
	c := newCatalog(t)
	for _, tt := range []struct {
		what   string
		header string
		rows   int
		cells  map[string][]string // first cell → whole row
	}{
		{"controls", "id,theme,title_en,title_nb,control_type,security_properties,cybersecurity_concepts,operational_capabilities,security_domains,new_in_2022,predecessors_2013", 93,
			map[string][]string{
				"5.15": {"5.15", "organizational", "Access control", "Tilgangskontroll", "Preventive", "Confidentiality|Integrity|Availability", "Protect", "Identity_and_access_management", "Protection", "no", "A.9.1.1|A.9.1.2"},
				"8.23": {"8.23", "technological", "Web filtering", "Nettfiltrering", "Preventive", "Confidentiality|Integrity|Availability", "Protect", "System_and_network_security", "Protection", "yes", ""},
				"5.31": {"5.31", "organizational", "Legal, statutory, regulatory and contractual requirements", "Juridiske, lovfestede, regulatoriske og kontraktsmessige krav", "Preventive", "Confidentiality|Integrity|Availability", "Identify", "Legal_and_compliance", "Governance_and_Ecosystem|Protection", "no", "A.18.1.1|A.18.1.5"},
			}},
		{"clauses", "id,title_en,title_nb", 41,
			map[string][]string{"6.3": {"6.3", "Planning of changes", "Planlegging av endringer"}}},
		{"mapping", "id_2013,title_2013_en,id_2022,title_2022_en", 115,
			map[string][]string{"A.13.2.1": {"A.13.2.1", "Information transfer policies and procedures", "5.14", "Information transfer"}}},
	} {
		t.Run(tt.what, func(t *testing.T) {
			out := write(t, c, tt.what, "csv", "nb")
			records, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(records[0], ","); got != tt.header {
				t.Errorf("header %s, want %s", got, tt.header)
			}
			if len(records)-1 != tt.rows {
				t.Errorf("%d rows, want %d", len(records)-1, tt.rows)
			}
			found := map[string]bool{}
			for _, rec := range records[1:] {
				if want, ok := tt.cells[rec[0]]; ok {
					found[rec[0]] = true
					if !slices.Equal(rec, want) {
						t.Errorf("row\n got %q\nwant %q", rec, want)
					}
				}
			}
			if len(found) != len(tt.cells) {
				t.Errorf("found rows %v of %d", found, len(tt.cells))
			}
		})
	}
	// A.18.2.3 maps to two controls: two rows.
	out := write(t, c, "mapping", "csv", "en")
	if !strings.Contains(out, "A.18.2.3,Technical compliance review,5.36,") || !strings.Contains(out, "A.18.2.3,Technical compliance review,8.8,") {
		t.Errorf("mapping lacks the two rows of A.18.2.3")
	}
	if strings.Contains(out, "\r\n") {
		t.Errorf("CSV uses CRLF line ends")
	}
}

func TestWriteJSON(t *testing.T) {
	c := newCatalog(t)
	var controls []struct {
		ID               string   `json:"id"`
		Theme            string   `json:"theme"`
		TitleNb          string   `json:"title_nb"`
		ControlType      []string `json:"control_type"`
		SecurityDomains  []string `json:"security_domains"`
		NewIn2022        bool     `json:"new_in_2022"`
		Predecessors2013 []string `json:"predecessors_2013"`
	}
	if err := json.Unmarshal([]byte(write(t, c, "controls", "json", "en")), &controls); err != nil {
		t.Fatal(err)
	}
	if len(controls) != 93 {
		t.Fatalf("%d controls", len(controls))
	}
	got := controls[slices.IndexFunc(controls, func(x struct {
		ID               string   `json:"id"`
		Theme            string   `json:"theme"`
		TitleNb          string   `json:"title_nb"`
		ControlType      []string `json:"control_type"`
		SecurityDomains  []string `json:"security_domains"`
		NewIn2022        bool     `json:"new_in_2022"`
		Predecessors2013 []string `json:"predecessors_2013"`
	}) bool {
		return x.ID == "5.7"
	})]
	if got.Theme != "organizational" || got.TitleNb != "Trusseletterretning" || !got.NewIn2022 ||
		!slices.Equal(got.ControlType, []string{"Preventive", "Detective", "Corrective"}) ||
		!slices.Equal(got.SecurityDomains, []string{"Defence", "Resilience"}) ||
		got.Predecessors2013 == nil || len(got.Predecessors2013) != 0 {
		t.Errorf("5.7 = %+v", got)
	}
	raw := write(t, c, "controls", "json", "en")
	if !strings.Contains(raw, `"predecessors_2013": []`) {
		t.Errorf("new controls should have an empty predecessors_2013 array, not null")
	}

	var clauses []map[string]string
	if err := json.Unmarshal([]byte(write(t, c, "clauses", "json", "nb")), &clauses); err != nil {
		t.Fatal(err)
	}
	if len(clauses) != 41 || clauses[0]["id"] != "4" || clauses[40]["title_en"] != "Nonconformity and corrective action" {
		t.Errorf("clauses: %d, first %v, last %v", len(clauses), clauses[0], clauses[len(clauses)-1])
	}
	var mapping []map[string]string
	if err := json.Unmarshal([]byte(write(t, c, "mapping", "json", "nb")), &mapping); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"id_2013": "A.5.1.1", "title_2013_en": "Policies for information security", "id_2022": "5.1", "title_2022_en": "Policies for information security"}
	if len(mapping) != 115 || !equalMaps(mapping[0], want) {
		t.Errorf("mapping: %d, first %v", len(mapping), mapping[0])
	}
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestWriteTable(t *testing.T) {
	c := newCatalog(t)
	nb := write(t, c, "controls", "table", "nb")
	for _, ctl := range c.Controls() {
		if !strings.Contains(nb, "\n"+ctl.ID+" ") {
			t.Errorf("table lacks control %s", ctl.ID)
		}
	}
	for _, want := range []string{"Tittel", "Tilgangskontroll", "Organisatoriske sikkerhetstiltak", "A.9.1.1, A.9.1.2", "ja"} {
		if !strings.Contains(nb, want) {
			t.Errorf("Norwegian controls table lacks %q", want)
		}
	}
	en := write(t, c, "controls", "table", "en")
	if !strings.Contains(en, "Access control") || strings.Contains(en, "Tilgangskontroll") {
		t.Errorf("English table has the wrong titles")
	}
	lines := strings.Split(strings.TrimSuffix(en, "\n"), "\n")
	if len(lines) != 94 {
		t.Errorf("%d lines, want a heading and 93 rows", len(lines))
	}
	col := strings.Index(lines[0], "Title")
	for _, l := range lines[1:] {
		if !strings.HasPrefix(l[col:], strings.TrimSpace(l[col:])) || l[col-1] != ' ' {
			t.Errorf("title column not aligned at %d: %q", col, l)
			break
		}
	}

	clauses := write(t, c, "clauses", "table", "nb")
	for _, cl := range c.Clauses() {
		if !strings.Contains(clauses, "\n"+cl.ID+" ") {
			t.Errorf("clause table lacks %s", cl.ID)
		}
	}
	mapping := write(t, c, "mapping", "table", "en")
	if n := strings.Count(mapping, "\n"); n != 116 {
		t.Errorf("mapping table has %d lines, want 116", n)
	}
	for _, old := range c.Controls2013() {
		if !strings.Contains(mapping, "\n"+old.ID+" ") {
			t.Errorf("mapping table lacks %s", old.ID)
		}
	}
}

func TestWriteErrors(t *testing.T) {
	c := newCatalog(t)
	for _, tt := range []struct{ what, format, lang, want string }{
		{"attributes", "csv", "nb", `unknown list "attributes" (valid: controls, clauses, mapping)`},
		{"controls", "xlsx", "nb", `unknown format "xlsx" (valid: table, json, csv)`},
		{"controls", "csv", "de", `unknown language "de" (valid: nb, en)`},
		{"", "", "", `unknown list ""`},
	} {
		var b bytes.Buffer
		err := c.Write(&b, tt.what, tt.format, tt.lang)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Write(%q, %q, %q) = %v, want %q", tt.what, tt.format, tt.lang, err, tt.want)
		}
		if b.Len() != 0 {
			t.Errorf("Write(%q, %q, %q) wrote %q before failing", tt.what, tt.format, tt.lang, b.String())
		}
	}
}

func TestWriteTableNoTrailingSpace(t *testing.T) {
	c := newCatalog(t)
	for _, what := range []string{"controls", "clauses", "mapping"} {
		for line := range strings.Lines(write(t, c, what, "table", "nb")) {
			if strings.HasSuffix(strings.TrimSuffix(line, "\n"), " ") {
				t.Errorf("%s: trailing space in %q", what, line)
				break
			}
		}
	}
}
