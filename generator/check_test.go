package generator

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite the expected output of golden tests")

// TestChecks builds each site under testdata/checks and compares its
// findings — file, line, column, severity and message — with the archive's
// "want" section. finding.Findings about controls no document addresses are left
// out, since every small site has them (TestGapWarnings covers those).
func TestChecks(t *testing.T) {
	files, err := filepath.Glob("testdata/checks/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no check cases: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			fsys, want := readSite(t, file)
			res := buildSite(t, fsys, Options{})
			got := quiet(res.Findings).Text()
			if *update {
				rewriteWant(t, file, got)
				return
			}
			if got != want {
				t.Errorf("findings differ\n--- got\n%s--- want\n%s", got, want)
			}
			if errs, _ := res.Findings.Count(); errs > 0 && res.Output != nil {
				t.Errorf("a build with errors produced output")
			}
		})
	}
}

// rewriteWant replaces an archive's "want" section.
func rewriteWant(t *testing.T, file, want string) {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	ar := txtar.Parse(data)
	for i := range ar.Files {
		if ar.Files[i].Name == "want" {
			ar.Files[i].Data = []byte(want)
		}
	}
	if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestDraftsPublished: with drafts published, a link from an approved
// document to a draft is still a warning, and the link is a link.
func TestDraftsPublished(t *testing.T) {
	fsys, _ := readSite(t, "testdata/checks/drafts.txtar")
	res := buildSite(t, fsys, Options{Drafts: true})
	want := "approved.md:5:11: warning: approved document links to draft DOC-2\n" +
		"approved.md:7:5: warning: approved document links to draft DOC-2\n" +
		"approved.md:7:19: warning: approved document links to draft DOC-2\n" +
		"draft.md:6:12: error: unknown control \"5.99\" (ISO/IEC 27002:2022 organizational controls are 5.1–5.37)\n" +
		"draft.md:8:25: error: unknown document \"NOPE\"\n"
	if got := quiet(res.Findings).Text(); got != want {
		t.Errorf("findings:\n%s\nwant:\n%s", got, want)
	}
}
