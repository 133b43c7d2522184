package generator

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/isms-project/isms/internal/suggest"
	"github.com/isms-project/isms/internal/urls"
)

// suggestSite is a small English site: STD-01 addresses secure coding
// (8.28) in its text without citing it; STD-02, confidential and so
// withheld by a default build, does too, with a canary word; POL-01 is
// about something else.
func suggestSite() fstest.MapFS {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s), Mode: 0o644} }
	return fstest.MapFS{
		"isms.yaml": file("title: Suggest ISMS\norganization: Suggest AS\nlanguage: en\n"),
		"standards/std-01.md": file(`---
id: STD-01
title: Secure development standard
type: standard
status: approved
controls: ["8.25"]
---
Our development teams build and run the web shop.

## Writing code

Every change is made through a pull request.
All code follows our secure coding guidelines, based on the OWASP Top 10:
input validation on every field and parameterised queries against injection.
Static analysis (SAST) and secret scanning run on each pull request, and a
code review by a second developer is required before merge.
`),
		"standards/std-02.md": file(`---
id: STD-02
title: Confidential development standard
type: standard
status: approved
classification: confidential
controls: ["8.25"]
---
## Code quokkacanary

The quokkacanary team follows secure coding guidelines and the OWASP Top 10.
Input validation, parameterised queries against injection, static analysis,
SAST, secret scanning and code review by a second developer on each pull request.
`),
		"policies/pol-01.md": file(`---
id: POL-01
title: Access control policy
type: policy
status: approved
controls: ["5.15"]
---
Access to systems is granted by the system owner and reviewed every quarter.
`),
	}
}

// TestGapCandidates: the page of 8.28, a gap, lists STD-01 with the
// passage that addresses secure coding and a link to its section; no
// passage of the withheld STD-02 appears anywhere in the output; a
// control that is no gap lists no candidates; the matrix marks the gap.
func TestGapCandidates(t *testing.T) {
	res := buildSite(t, suggestSite(), Options{})
	if res.Output == nil {
		t.Fatalf("build failed:\n%s", res.Findings.Text())
	}
	page := func(p string) string {
		data, err := res.Output.Read(p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		return string(data)
	}
	ctl := page(urls.Control("8.28"))
	section := between(ctl, `id="candidates-h"`, "</section>")
	if section == "" {
		t.Fatalf("8.28's page has no candidates section:\n%s", ctl)
	}
	for _, want := range []string{"STD-01", "Secure development standard", "OWASP", "#writing-code", "May already address this"} {
		if !strings.Contains(section, want) {
			t.Errorf("8.28's candidates lack %q:\n%s", want, section)
		}
	}
	for p, data := range outputText(t, res) {
		if strings.Contains(data, "quokkacanary") {
			t.Errorf("%s shows text of the withheld STD-02", p)
		}
	}
	// 5.15 is addressed by POL-01; 8.25 by both standards: no candidates.
	for _, id := range []string{"5.15", "8.25"} {
		if strings.Contains(page(urls.Control(id)), `id="candidates-h"`) {
			t.Errorf("%s is not a gap, yet its page lists candidates", id)
		}
	}
	if m := page("matrix/index.html"); !strings.Contains(m, `href="../controls/8.28/index.html#candidates-h"`) {
		t.Errorf("the matrix does not mark 8.28's candidates")
	}
	// 8.28 is new in 2022: the transition page lists its candidate.
	if tr := page("transition/index.html"); !strings.Contains(tr, "May already address this:") || !strings.Contains(between(tr, `id="new"`, "</section>"), "STD-01") {
		t.Errorf("the transition page does not list 8.28's candidate")
	}
	// Suggestions never change coverage: 8.28 stays a gap.
	if c := res.Site.Control("8.28"); c == nil || c.Level.String() != "gap" {
		t.Errorf("8.28's level changed: %v", c)
	}

	// Without candidates (NoSuggest) the page has no such section.
	res = buildSite(t, suggestSite(), Options{NoSuggest: true})
	if data, _ := res.Output.Read(urls.Control("8.28")); bytes.Contains(data, []byte(`id="candidates-h"`)) {
		t.Errorf("NoSuggest build lists candidates")
	}
}

// TestGapCandidatesPreview: the live preview shows every document, so the
// withheld document may be a candidate there, marked as withheld.
func TestGapCandidatesPreview(t *testing.T) {
	res := buildSite(t, suggestSite(), Options{LiveReload: true})
	if res.Output == nil {
		t.Fatalf("build failed:\n%s", res.Findings.Text())
	}
	data, _ := res.Output.Read(urls.Control("8.28"))
	if section := between(string(data), `id="candidates-h"`, "</section>"); !strings.Contains(section, "STD-02") || !strings.Contains(section, "STD-01") {
		t.Errorf("the preview's candidates lack a standard:\n%s", section)
	}
}

// TestGapCandidatesFingerprint: the gap's page is rendered again when its
// candidate's passage changes, and when the gap is closed.
func TestGapCandidatesFingerprint(t *testing.T) {
	fsys := suggestSite()
	var bl Builder
	build := func() *Result {
		res, err := bl.Build(fsys, Options{Today: today})
		if err != nil || res.Output == nil {
			t.Fatalf("build: %v %s", err, res.Findings.Text())
		}
		return res
	}
	build()
	res := build()
	if len(res.Changed) != 0 {
		t.Fatalf("an unchanged site changed: %v", res.Changed)
	}
	std := fsys["standards/std-01.md"]
	std.Data = bytes.Replace(std.Data, []byte("OWASP Top 10"), []byte("OWASP ASVS"), 1)
	res = build()
	data, _ := res.Output.Read(urls.Control("8.28"))
	if !strings.Contains(string(data), "OWASP ASVS") {
		t.Fatalf("8.28's page does not show the new passage")
	}
	std.Data = bytes.Replace(std.Data, []byte(`controls: ["8.25"]`), []byte(`controls: ["8.25", "8.28"]`), 1)
	res = build()
	data, _ = res.Output.Read(urls.Control("8.28"))
	if strings.Contains(string(data), `id="candidates-h"`) {
		t.Errorf("8.28 is addressed now, yet its page lists candidates")
	}
}

// TestSuggest: the command's suggestions name the document, the control
// and the passage with the file line it is on; withheld documents are
// included (suggestions are for the authors), cited controls are not.
func TestSuggest(t *testing.T) {
	fsys := suggestSite()
	got, err := Suggest(fsys, SuggestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, s := range got.Suggestions {
		if s.Control == "8.25" && s.Document != "POL-01" {
			t.Errorf("%s cites 8.25, yet it is suggested", s.Document)
		}
		if s.Control != "8.28" {
			continue
		}
		found[s.Document] = true
		lines := strings.Split(string(fsys[s.Path].Data), "\n")
		if s.Line < 1 || s.Line > len(lines) {
			t.Fatalf("%s: line %d out of the file", s.Document, s.Line)
		}
		first := strings.Fields(s.Evidence)[0]
		if !strings.Contains(lines[s.Line-1], first) {
			t.Errorf("%s: the passage %q starts with %q, not on line %d (%q)", s.Document, s.Evidence, first, s.Line, lines[s.Line-1])
		}
	}
	if !found["STD-01"] || !found["STD-02"] {
		t.Errorf("8.28 not suggested for both standards: %+v", got.Suggestions)
	}
	if _, err := Suggest(fsys, SuggestOptions{Options: suggest.Options{Controls: []string{"9.99"}}}); err == nil {
		t.Errorf("an unknown control gave no error")
	}
}

// between is the text of s from the first start to the next end after it.
func between(s, start, end string) string {
	i := strings.Index(s, start)
	if i < 0 {
		return ""
	}
	j := strings.Index(s[i:], end)
	if j < 0 {
		return s[i:]
	}
	return s[i : i+j]
}
