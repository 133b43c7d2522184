package generator

import (
	"strings"
	"testing"
)

// TestIntroduction: the site folder's README.md is shown above the list of
// documents, with its references linked; it is not a document.
func TestIntroduction(t *testing.T) {
	fsys, _ := readSite(t, "testdata/checks/intros.txtar")
	fsys["README.md"].Data = []byte("# Our ISMS\n\nStart here: [[POL-01]].\n")
	res := buildSite(t, fsys, Options{})
	if res.Output == nil {
		t.Fatalf("build failed:\n%s", res.Findings.Text())
	}
	page := read(t, res.Output, "docs/index.html")
	for _, want := range []string{`<div class="prose folder-intro">`, `Start here: <a class="ref ref-doc" href="../docs/POL-01/index.html" title="Policy">POL-01 Policy</a>`} {
		if !strings.Contains(page, want) {
			t.Errorf("docs/index.html lacks %s", want)
		}
	}
	if _, err := res.Output.Read("docs/README/index.html"); err == nil {
		t.Error("README.md has a page of its own")
	}
}
