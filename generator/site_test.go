package generator

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/isms-project/isms/internal/finding"
	"github.com/rogpeppe/go-internal/txtar"
)

// Sites for tests are written as txtar archives: every file of the site
// inline. Two names are special: "want" holds what the test expects, and
// "symlinks" lists symbolic links to create, one "LINK -> TARGET" a line.

// today is the date tests build on.
var today = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)

// siteFromTxtar makes a site from an archive and returns it with the
// archive's "want" section.
func siteFromTxtar(t testing.TB, data []byte) (fstest.MapFS, string) {
	t.Helper()
	ar := txtar.Parse(data)
	fsys := fstest.MapFS{}
	var want string
	for _, f := range ar.Files {
		switch f.Name {
		case "want":
			want = string(f.Data)
		case "symlinks":
			for _, line := range strings.Split(strings.TrimSpace(string(f.Data)), "\n") {
				link, target, ok := strings.Cut(line, " -> ")
				if !ok {
					t.Fatalf("bad symlinks line %q", line)
				}
				fsys[link] = &fstest.MapFile{Data: []byte(target), Mode: fs.ModeSymlink}
			}
		default:
			fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
		}
	}
	return fsys, want
}

func readSite(t testing.TB, path string) (fstest.MapFS, string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return siteFromTxtar(t, data)
}

// buildSite builds a site as of today and fails the test on a build error.
func buildSite(t testing.TB, fsys fs.FS, opts Options) *Result {
	t.Helper()
	if opts.Today.IsZero() {
		opts.Today = today
	}
	res, err := Build(fsys, opts)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return res
}

// quiet leaves out the findings every small test site has: applicable
// controls that no document addresses.
func quiet(fs finding.Findings) finding.Findings {
	var out finding.Findings
	for _, f := range fs {
		if !strings.Contains(f.Message, "is not addressed by any approved document") {
			out = append(out, f)
		}
	}
	return out
}
