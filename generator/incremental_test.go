package generator

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// incrementalSite is a small site whose builds the incremental test compares.

// TestIncrementalBuild checks that a build told which files changed gives
// the same bytes as a build from scratch.
func TestIncrementalBuild(t *testing.T) {
	fsys := fstest.MapFS{}
	set := func(name, text string) { fsys[name] = &fstest.MapFile{Data: []byte(text)} }
	for name, text := range incrementalSite {
		set(name, text)
	}
	for i := range 40 {
		set(fmt.Sprintf("standards/std-%02d.md", i), fmt.Sprintf("---\nid: STD-%02d\ntitle: Standard %d\ntype: standard\ncontrols: [\"8.%d\"]\nrelated: [POL-01]\n---\nText of %d, see [[STD-%02d]].\n", i, i, i%30+1, i, (i+1)%40))
	}
	opts := Options{LiveReload: true, Today: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)}
	var live Builder
	if _, err := live.Build(fsys, opts); err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct {
		name    string
		edit    func()
		changed []string
	}{
		{"body", func() {
			set("standards/std-03.md", strings.Replace(string(fsys["standards/std-03.md"].Data), "Text of", "New text of", 1))
		}, []string{"standards/std-03.md"}},
		{"front matter", func() {
			set("standards/std-04.md", strings.Replace(string(fsys["standards/std-04.md"].Data), "title: Standard 4", "title: Renamed standard", 1))
		}, []string{"standards/std-04.md"}},
		{"new folder", func() {
			set("records/2026/reg-01.md", "---\nid: REG-01\ntitle: Record\ntype: record\ndate: 2026-10-01\ncontrols: [\"8.1\"]\n---\nSee [[STD-00]].\n")
			set("records/2026/reg-02.md", "---\nid: REG-02\ntitle: Record 2\ntype: record\ndate: 2026-10-02\ncontrols: [\"8.2\"]\n---\nSee [[STD-01]].\n")
		}, []string{"records"}},
		{"edit under a changed folder", func() {
			set("standards/std-07.md", strings.Replace(string(fsys["standards/std-07.md"].Data), "Text of", "Folder-wide text of", 1))
		}, []string{"standards"}},
		{"removed", func() { delete(fsys, "guidelines/gui-01.md") }, []string{"guidelines/gui-01.md"}},
		{"config", func() {
			set("isms.yaml", strings.Replace(incrementalSite["isms.yaml"], "Testco ISMS", "Testco ISMS v2", 1))
		}, []string{"isms.yaml"}},
		{"nothing", func() {}, []string{}},
	} {
		step.edit()
		o := opts
		o.Changed = step.changed
		got, err := live.Build(fsys, o)
		if err != nil {
			t.Fatal(err)
		}
		want, err := Build(fsys, opts)
		if err != nil {
			t.Fatal(err)
		}
		if got.Output == nil || want.Output == nil {
			t.Fatalf("%s: a build failed:\n%s", step.name, want.Findings.Text())
		}
		if !slices.Equal(got.Output.Paths(), want.Output.Paths()) {
			t.Fatalf("%s: the incremental build has other files", step.name)
		}
		for _, p := range want.Output.Paths() {
			a, _ := got.Output.Read(p)
			b, _ := want.Output.Read(p)
			if !bytes.Equal(a, b) {
				t.Errorf("%s: %s differs between the incremental and the full build", step.name, p)
			}
		}
	}

	// A file outside Changed is not read again: that is the point.
	set("standards/std-05.md", "not even front matter")
	o := opts
	o.Changed = []string{"standards/std-06.md"}
	res, err := live.Build(fsys, o)
	if err != nil {
		t.Fatal(err)
	}
	if res.Errors() {
		t.Fatalf("a file outside Changed was read again: %v", res.Findings)
	}
}

// incrementalSite is a small site whose builds TestIncrementalBuild compares.
var incrementalSite = map[string]string{
	"isms.yaml": "title: Testco ISMS\norganization: Testco\nlanguage: en\nscope: Everything we do.\n",
	"policies/pol-01.md": `---
id: POL-01
title: Security policy
type: policy
controls: ["5.1"]
attachments:
  - {title: Scan, file: scan.pdf}
  - {title: Chart, file: chart.png}
  - {title: Diagram, file: diagram.svg}
  - {title: Register, file: register.xlsx}
  - {title: List, file: list.csv}
---
The policy text, version one.

See [[PRO-01]].
`,
	"policies/scan.pdf":      "%PDF-1.4\n%%EOF\n",
	"policies/chart.png":     "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
	"policies/diagram.svg":   `<svg xmlns="http://www.w3.org/2000/svg"/>`,
	"policies/register.xlsx": "PK\x03\x04",
	"policies/list.csv":      "a,b\n1,2\n",
	"procedures/pro-01.md": `---
id: PRO-01
title: Access procedure
type: procedure
controls: ["5.15"]
---
Back to [[POL-01]].
`,
	"guidelines/gui-01.md": `---
id: GUI-01
title: A guideline nobody links to
type: guideline
---
Guidance.
`,
	"mytheme/assets/style.css": "body { color: black; }\n",
}
