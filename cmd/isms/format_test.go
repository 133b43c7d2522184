package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestSlashFolder: the site folder, as the system writes it, becomes the
// slash path CI tools resolve file names with — Windows paths included,
// tested here on any system.
func TestSlashFolder(t *testing.T) {
	for _, tc := range []struct {
		rel  string
		sep  byte
		want string
	}{
		{"site", '/', "site"},
		{"./docs/isms/", '/', "docs/isms"},
		{"docs//isms/./", '/', "docs/isms"},
		{".", '/', ""},
		{"", '/', ""},
		{"..", '/', ""},
		{"../other/site", '/', ""},
		{"/abs/site", '/', ""},
		{`a\b`, '/', `a\b`}, // a backslash is part of a name outside Windows
		{`docs\isms`, '\\', "docs/isms"},
		{`.\docs\isms\`, '\\', "docs/isms"},
		{`docs/isms\sub`, '\\', "docs/isms/sub"}, // Windows takes both separators
		{`..\other`, '\\', ""},
		{`C:\sites\isms`, '\\', ""},
		{`\\server\share\isms`, '\\', ""},
		{`ø rutiner\del 1`, '\\', "ø rutiner/del 1"},
	} {
		if got := slashFolder(tc.rel, tc.sep); got != tc.want {
			t.Errorf("slashFolder(%q, %q) = %q, want %q", tc.rel, tc.sep, got, tc.want)
		}
	}
}

// TestRepoFolder: the same through the system's own path functions, from a
// working directory.
func TestRepoFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "repo", "docs", "isms"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join(dir, "repo"))
	for src, want := range map[string]string{
		".":                                      "",
		filepath.Join("docs", "isms"):            "docs/isms",
		filepath.Join(dir, "repo", "docs"):       "docs",
		filepath.Join("docs", "..", "docs", "."): "docs",
		filepath.Join(dir, "elsewhere"):          "",
	} {
		if got := repoFolder(src); got != want {
			t.Errorf("repoFolder(%q) = %q, want %q", src, got, want)
		}
	}
}
