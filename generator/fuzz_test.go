package generator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/rogpeppe/go-internal/txtar"
)

// FuzzDocument builds a site whose one document is the fuzzer's input:
// whatever the bytes, the build must not panic, and every finding must
// name the file and a real position in it.
func FuzzDocument(f *testing.F) {
	files, _ := filepath.Glob("testdata/checks/*.txtar")
	files = append(files, "testdata/golden/site.txtar")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, af := range txtar.Parse(data).Files {
			if strings.HasSuffix(af.Name, ".md") {
				f.Add(af.Data)
			}
		}
	}
	var bl Builder
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys := fstest.MapFS{
			"isms.yaml": {Data: []byte("title: T\n")},
			"doc.md":    {Data: src},
			"other.md":  {Data: []byte("---\nid: OTHER-1\ntitle: Other\ntype: policy\n---\nBody.\n")},
		}
		res, err := bl.Build(fsys, Options{Today: today})
		if err != nil {
			t.Fatalf("build error: %v", err)
		}
		lines := strings.Count(string(src), "\n") + 1
		for _, fd := range res.Findings {
			if fd.Path != "doc.md" && fd.Path != "isms.yaml" && fd.Path != "other.md" {
				t.Errorf("finding about unknown file: %v", fd)
			}
			if fd.Line < 1 || fd.Col < 1 {
				t.Errorf("finding without a position: %v", fd)
			}
			if fd.Path == "doc.md" && fd.Line > lines {
				t.Errorf("finding past the end of the file (%d lines): %v", lines, fd)
			}
			if !utf8.ValidString(fd.Message) {
				t.Errorf("finding message is not UTF-8: %q", fd.Message)
			}
		}
		if res.Output != nil {
			if res.Errors() {
				t.Error("output despite errors")
			}
			for _, p := range res.Output.Paths() {
				if _, err := res.Output.Read(p); err != nil {
					t.Errorf("%s: %v", p, err)
				}
			}
		}
	})
}

// FuzzReference: the [[…]] parser never panics, consumes what it says, and
