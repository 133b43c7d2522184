package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMigrateWriteCRLF: --write keeps CRLF line ends, the BOM, the body
// and the file's permissions, and leaves no temporary file behind.
func TestMigrateWriteCRLF(t *testing.T) {
	dir := t.TempDir()
	in := "\uFEFF---\r\nid: POL-01\r\ntitle: T\r\ntype: policy\r\ncontrols: [\"A.9.1.1\", 'A.18.2.3']\r\n---\r\nSe [[A.9.1.1]].\r\n"
	want := "\uFEFF---\r\nid: POL-01\r\ntitle: T\r\ntype: policy\r\ncontrols: [\"5.15\", '5.36', '8.8']\r\n---\r\nSe [[A.9.1.1]].\r\n"
	if err := os.WriteFile(filepath.Join(dir, "isms.yaml"), []byte("title: T\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "policies"), 0o755); err != nil {
		t.Fatal(err)
	}
	doc := filepath.Join(dir, "policies", "pol.md")
	if err := os.WriteFile(doc, []byte(in), 0o600); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"migrate", "--src", dir, "--write"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	got, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if info, _ := os.Stat(doc); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", info.Mode().Perm())
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "policies"))
	if len(entries) != 1 {
		t.Errorf("files left in policies/: %v", entries)
	}
	for _, want := range []string{
		"policies/pol.md:5:12: A.9.1.1 → 5.15\n",
		"policies/pol.md:5:23: A.18.2.3 → 5.36, 8.8 (several successors: all are listed)\n",
		"policies/pol.md:7:4: [[A.9.1.1]] in the text",
	} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
	if stdout.Len() != 0 {
		t.Errorf("--write printed %q", stdout.String())
	}
}

// TestMigrateNotMigrated: a file migrate cannot edit safely is an error
// (exit 1), the others are still rewritten.
func TestMigrateNotMigrated(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"isms.yaml": "title: T\n",
		"a.md":      "---\ncontrols: [\"A.9.1.1\"]\n---\n",
		"b.md":      "---\ncontrols:\n  - &x A.9.1.1\n---\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"migrate", "--src", dir, "--write"}, &stdout, &stderr); code != exitContent {
		t.Fatalf("exit %d, want %d: %s", code, exitContent, stderr.String())
	}
	if !strings.Contains(stderr.String(), "b.md:3:5: error: not migrated: ") {
		t.Errorf("stderr: %s", stderr.String())
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "a.md")); string(got) != "---\ncontrols: [\"5.15\"]\n---\n" {
		t.Errorf("a.md: %q", got)
	}
}
