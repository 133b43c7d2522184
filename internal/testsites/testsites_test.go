package testsites

import (
	"bytes"
	"encoding/csv"
	"io/fs"
	"path"
	"strings"
	"testing"
)

// markdownFiles lists the .md files below root in FS.
func markdownFiles(t *testing.T, root string) []string {
	t.Helper()
	var files []string
	err := fs.WalkDir(FS, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && path.Ext(p) == ".md" {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walking %s: %v", root, err)
	}
	return files
}

// hasFrontMatter reports whether a file opens with a YAML or TOML front
// matter fence, ignoring a UTF-8 byte order mark.
func hasFrontMatter(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	first, _, _ := strings.Cut(string(data), "\n")
	first = strings.TrimRight(first, " \t\r")
	return first == "---" || first == "+++"
}

func TestNorthwindIsASite(t *testing.T) {
	cfg, err := fs.ReadFile(FS, "northwind/isms.yaml")
	if err != nil {
		t.Fatalf("northwind has no isms.yaml: %v", err)
	}
	if !bytes.Contains(cfg, []byte("language: en")) {
		t.Errorf("northwind/isms.yaml does not set language: en")
	}
	files := markdownFiles(t, "northwind")
	if len(files) < 20 {
		t.Errorf("northwind has %d Markdown documents, want at least 20", len(files))
	}
	for _, f := range files {
		data, err := fs.ReadFile(FS, f)
		if err != nil {
			t.Fatal(err)
		}
		if !hasFrontMatter(data) {
			t.Errorf("%s: a document of the northwind site has no front matter", f)
		}
	}
}

func TestPlainFoldersHaveNoFrontMatter(t *testing.T) {
	for _, root := range []string{"plain-en", "plain-nb"} {
		if _, err := fs.Stat(FS, root+"/isms.yaml"); err == nil {
			t.Errorf("%s has an isms.yaml; it should be a folder before isms adopt", root)
		}
		files := markdownFiles(t, root)
		var docs int
		for _, f := range files {
			data, err := fs.ReadFile(FS, f)
			if err != nil {
				t.Fatal(err)
			}
			if hasFrontMatter(data) {
				t.Errorf("%s: has front matter; plain folders must have none", f)
			}
			if path.Base(f) != "README.md" {
				docs++
			}
		}
		if docs != 10 {
			t.Errorf("%s has %d documents besides README.md, want 10", root, docs)
		}
	}
}

func TestControlStatusRegister(t *testing.T) {
	data, err := fs.ReadFile(FS, "plain-en/control-status.csv")
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	records, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("control-status.csv: %v", err)
	}
	want := []string{"id", "title", "applicable", "reasons", "status", "justification"}
	if got := strings.Join(records[0], ","); got != strings.Join(want, ",") {
		t.Errorf("header = %q, want %q", got, strings.Join(want, ","))
	}
	rows := records[1:]
	if len(rows) != 93 {
		t.Errorf("control-status.csv has %d rows, want one per control (93)", len(rows))
	}
	seen := map[string]bool{}
	for i, r := range rows {
		id := strings.TrimPrefix(strings.TrimSpace(r[0]), "A.")
		if seen[id] {
			t.Errorf("row %d: control %s appears twice", i+2, id)
		}
		seen[id] = true
	}
}
