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
// "want" section. Findings about controls no document addresses are left
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
