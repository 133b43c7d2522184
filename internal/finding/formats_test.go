package finding

import (
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// sample is a site's findings: errors and warnings, one about a whole
// file, two alike on different lines, and text that needs escaping.
func sample() Findings {
	fs := Findings{
		{Pos{"policies/pol.md", 7, 23}, Error, `unknown control "5.99" (ISO/IEC 27002:2022 organizational controls are 5.1–5.37)`},
		{Pos{"policies/pol.md", 5, 9}, Warning, "review overdue since 2025-12-31"},
		{Pos{"rutiner/øvelse 1.md", 1, 1}, Error, "missing required field title"},
		{Pos{"soa.yaml", 19, 3}, Warning, "applicable control 5.6 (Contact with special interest groups) is not addressed by any approved document"},
		{Pos{"soa.yaml", 23, 3}, Warning, "applicable control 5.7 (Threat intelligence) is not addressed by any approved document"},
		{Pos{"soa.yaml", 27, 3}, Warning, "applicable control 5.8 (Information security in project management) is not addressed by any approved document"},
		{Pos{"a,b:c.md", 2, 1}, Error, "100% wrong\r\nsecond line"},
		{Pos{"policies/pol.md", 12, 1}, Warning, "review overdue since 2025-12-31"},
	}
	fs.Sort()
	return fs
}

// TestGitHub: escaped properties and messages, one command a line; errors
// first, then the warnings of rare kinds before the many alike (the gap
// warnings of soa.yaml), else in path order.
func TestGitHub(t *testing.T) {
	got := string(sample().GitHub())
	want := `::error file=a%2Cb%3Ac.md,line=2,col=1::100%25 wrong%0D%0Asecond line
::error file=policies/pol.md,line=7,col=23::unknown control "5.99" (ISO/IEC 27002:2022 organizational controls are 5.1–5.37)
::error file=rutiner/øvelse 1.md,line=1,col=1::missing required field title
::warning file=policies/pol.md,line=5,col=9::review overdue since 2025-12-31
::warning file=policies/pol.md,line=12,col=1::review overdue since 2025-12-31
::warning file=soa.yaml,line=19,col=3::applicable control 5.6 (Contact with special interest groups) is not addressed by any approved document
::warning file=soa.yaml,line=23,col=3::applicable control 5.7 (Threat intelligence) is not addressed by any approved document
::warning file=soa.yaml,line=27,col=3::applicable control 5.8 (Information security in project management) is not addressed by any approved document
`
	if got != want {
		t.Errorf("GitHub() =\n%s\nwant\n%s", got, want)
	}
	// A finding without a place or line has no such properties.
	if got := string(Findings{{Pos{"isms.yaml", 0, 0}, Warning, "w"}, {Pos{}, Error, "e"}}.GitHub()); got != "::error::e\n::warning file=isms.yaml::w\n" {
		t.Errorf("findings without a line: %q", got)
	}
	// Every command is one line, whatever the message holds.
	for _, line := range strings.Split(strings.TrimSuffix(got, "\n"), "\n") {
		if !strings.HasPrefix(line, "::") {
			t.Errorf("line %q is not a workflow command", line)
		}
	}
}

func TestUnder(t *testing.T) {
	fs := sample()
	under := fs.Under("site/isms")
	for i := range fs {
		if want := "site/isms/" + fs[i].Path; under[i].Path != want {
			t.Errorf("Under: %q, want %q", under[i].Path, want)
		}
	}
	if fs[0].Path == under[0].Path {
		t.Error("Under changed the findings it was given")
	}
	if got := fs.Under("").Under("."); !slices.Equal(got, fs) {
		t.Error(`Under("") or Under(".") changed the paths`)
	}
	if got := (Findings{{Pos: Pos{}}}).Under("site"); got[0].Path != "" {
		t.Errorf("a finding without a path got the path %q", got[0].Path)
	}
}

func TestFingerprints(t *testing.T) {
	fs := sample()
	prints := fs.Fingerprints()
	seen := map[string]int{}
	for i, p := range prints {
		if len(p) != 64 {
			t.Errorf("fingerprint %q is not a hex SHA-256", p)
		}
		if j, dup := seen[p]; dup {
			t.Errorf("findings %d and %d share fingerprint %s", j, i, p)
		}
		seen[p] = i
	}
	// The same findings a few lines further down keep their fingerprints.
	moved := slices.Clone(fs)
	for i := range moved {
		moved[i].Line += 3
	}
	if got := moved.Fingerprints(); !slices.Equal(got, prints) {
		t.Errorf("fingerprints changed when the lines moved:\n%v\n%v", got, prints)
	}
	// Another message, path or severity is another finding.
	for name, change := range map[string]func(*Finding){
		"message":  func(f *Finding) { f.Message += "!" },
		"path":     func(f *Finding) { f.Path = "other.md" },
		"severity": func(f *Finding) { f.Severity = 1 - f.Severity },
	} {
		other := slices.Clone(fs)
		change(&other[1])
		if other.Fingerprints()[1] == prints[1] {
			t.Errorf("a finding with another %s kept its fingerprint", name)
		}
	}
}

// TestSARIF checks the log against what SARIF 2.1.0 requires of each
// object, field by field (sarifLog, run, tool, toolComponent,
// reportingDescriptor, result, message, location, physicalLocation,
// artifactLocation, region), and against what GitHub's code scanning
// reads.
func TestSARIF(t *testing.T) {
	fs := sample()
	tool := Tool{Name: "isms", Version: "v1.2.3", InformationURI: "https://github.com/isms-project/isms"}
	var log map[string]any
	if err := json.Unmarshal(fs.SARIF(tool), &log); err != nil {
		t.Fatalf("SARIF is not JSON: %v", err)
	}
	check := func(ok bool, format string, args ...any) {
		t.Helper()
		if !ok {
			t.Errorf(format, args...)
		}
	}
	obj := func(v any, what string) map[string]any {
		t.Helper()
		m, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("%s is %T, want an object", what, v)
		}
		return m
	}
	arr := func(v any, what string) []any {
		t.Helper()
		a, ok := v.([]any)
		if !ok {
			t.Fatalf("%s is %T, want an array", what, v)
		}
		return a
	}
	str := func(v any) string { s, _ := v.(string); return s }
	num := func(v any) int { f, _ := v.(float64); return int(f) }

	check(log["version"] == "2.1.0", "version = %v, want 2.1.0", log["version"])
	check(strings.Contains(str(log["$schema"]), "sarif-schema-2.1.0") || strings.Contains(str(log["$schema"]), "sarif-2.1.0"), "$schema = %v", log["$schema"])
	runs := arr(log["runs"], "runs")
	check(len(runs) == 1, "%d runs, want 1", len(runs))
	run := obj(runs[0], "runs[0]")
	driver := obj(obj(run["tool"], "tool")["driver"], "tool.driver")
	check(driver["name"] == "isms", "driver.name = %v", driver["name"])
	check(driver["version"] == "v1.2.3", "driver.version = %v", driver["version"])
	if u, err := url.Parse(str(driver["informationUri"])); err != nil || !u.IsAbs() {
		t.Errorf("driver.informationUri %v is not an absolute URI", driver["informationUri"])
	}
	check(slices.Contains([]string{"utf16CodeUnits", "unicodeCodePoints"}, str(run["columnKind"])), "columnKind = %v", run["columnKind"])

	rules := arr(driver["rules"], "driver.rules")
	ruleIDs := map[string]int{}
	for i, r := range rules {
		rule := obj(r, "rule")
		id := str(rule["id"])
		check(id != "", "rule %d has no id", i)
		_, dup := ruleIDs[id]
		check(!dup, "rule id %s twice", id)
		ruleIDs[id] = i
		check(str(obj(rule["shortDescription"], "shortDescription")["text"]) != "", "rule %s has no short description", id)
		level := str(obj(rule["defaultConfiguration"], "defaultConfiguration")["level"])
		check(slices.Contains([]string{"none", "note", "warning", "error"}, level), "rule %s: default level %q", id, level)
	}

	results := arr(run["results"], "results")
	check(len(results) == len(fs), "%d results, want %d", len(results), len(fs))
	for i, r := range results {
		res := obj(r, "result")
		f := fs[i]
		id := str(res["ruleId"])
		idx, known := ruleIDs[id]
		check(known, "result %d: ruleId %q is not a rule of the driver", i, id)
		check(num(res["ruleIndex"]) == idx, "result %d: ruleIndex %v, rule %s is at %d", i, res["ruleIndex"], id, idx)
		check(str(res["level"]) == f.Severity.String(), "result %d: level %v, want %s", i, res["level"], f.Severity)
		check(str(obj(res["message"], "message")["text"]) == f.Message, "result %d: message %v", i, res["message"])
		check(str(obj(res["partialFingerprints"], "partialFingerprints")["isms/v1"]) != "", "result %d has no fingerprint", i)
		locs := arr(res["locations"], "locations")
		check(len(locs) == 1, "result %d: %d locations", i, len(locs))
		phys := obj(obj(locs[0], "location")["physicalLocation"], "physicalLocation")
		art := obj(phys["artifactLocation"], "artifactLocation")
		uri := str(art["uri"])
		u, err := url.Parse(uri)
		check(err == nil && !u.IsAbs() && u.Host == "" && !strings.HasPrefix(uri, "/") && !strings.Contains(uri, `\`) && !strings.Contains(uri, " "),
			"result %d: uri %q is not a relative URI reference with / separators", i, uri)
		if p, err := url.PathUnescape(uri); err != nil || p != f.Path {
			t.Errorf("result %d: uri %q reads as %q, want %q", i, uri, p, f.Path)
		}
		check(art["uriBaseId"] == "%SRCROOT%", "result %d: uriBaseId %v", i, art["uriBaseId"])
		region := obj(phys["region"], "region")
		check(num(region["startLine"]) == f.Line && f.Line >= 1, "result %d: startLine %v, want %d", i, region["startLine"], f.Line)
		check(num(region["startColumn"]) == f.Col && f.Col >= 1, "result %d: startColumn %v, want %d", i, region["startColumn"], f.Col)
	}

	// No findings: a run with an empty results array, not null.
	var empty map[string]any
	if err := json.Unmarshal(Findings(nil).SARIF(tool), &empty); err != nil {
		t.Fatal(err)
	}
	if res, ok := obj(arr(empty["runs"], "runs")[0], "run")["results"].([]any); !ok || len(res) != 0 {
		t.Errorf("no findings: results = %v, want []", res)
	}
}

func TestCodeClimate(t *testing.T) {
	fs := append(sample(), Finding{Pos{"isms.yaml", 0, 0}, Warning, "about the whole file"})
	var issues []map[string]any
	if err := json.Unmarshal(fs.CodeClimate(), &issues); err != nil {
		t.Fatalf("not a JSON array: %v", err)
	}
	if len(issues) != len(fs) {
		t.Fatalf("%d issues, want %d", len(issues), len(fs))
	}
	prints := map[string]bool{}
	for i, is := range issues {
		f := fs[i]
		if is["description"] != f.Message {
			t.Errorf("issue %d: description %v", i, is["description"])
		}
		if is["check_name"] != f.Rule() {
			t.Errorf("issue %d: check_name %v, want %s", i, is["check_name"], f.Rule())
		}
		want := map[Severity]string{Error: "major", Warning: "minor"}[f.Severity]
		if is["severity"] != want {
			t.Errorf("issue %d: severity %v, want %s", i, is["severity"], want)
		}
		fp, _ := is["fingerprint"].(string)
		if fp == "" || prints[fp] {
			t.Errorf("issue %d: fingerprint %q is empty or not unique", i, fp)
		}
		prints[fp] = true
		loc, _ := is["location"].(map[string]any)
		lines, _ := loc["lines"].(map[string]any)
		if loc["path"] != f.Path {
			t.Errorf("issue %d: path %v, want %s", i, loc["path"], f.Path)
		}
		if begin, _ := lines["begin"].(float64); int(begin) != max(f.Line, 1) {
			t.Errorf("issue %d: lines.begin %v, want %d", i, lines["begin"], max(f.Line, 1))
		}
	}
	if got := string(Findings(nil).CodeClimate()); got != "[]\n" {
		t.Errorf("no findings: %q, want an empty array", got)
	}
}
