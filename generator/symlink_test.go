package generator

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/isms-project/isms/internal/sitefs"
)

// siteWithLinksOut writes a site whose input files and folders are
// symbolic links to files outside it, each holding a secret word.
func siteWithLinksOut(t *testing.T, links map[string]string) string {
	t.Helper()
	base := t.TempDir()
	dir, outside := filepath.Join(base, "site"), filepath.Join(base, "outside")
	for p, s := range map[string]string{
		"site/isms.yaml":         "title: T\n",
		"site/docs/a.md":         "---\nid: DOC-1\ntitle: A\ntype: policy\n---\nBody.\n",
		"outside/soa.yaml":       "controls:\n  \"7.4\":\n    applicable: false\n    justification: secretword\n",
		"outside/risks.yaml":     "risks:\n  R-1: {title: secretword, owner: X, likelihood: 1, consequence: 1}\n",
		"outside/isms.yaml":      "title: secretword\n",
		"outside/doc.md":         "---\nid: OUT-1\ntitle: secretword\ntype: policy\n---\nsecretword\n",
		"outside/theme/i18n/x.y": "secretword",
		"outside/file.pdf":       "secretword",
	} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(base, p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(base, p), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range links {
		if err := os.Symlink(filepath.Join(outside, target), filepath.Join(dir, link)); err != nil {
			t.Skipf("symbolic links unavailable: %v", err)
		}
	}
	return dir
}

// TestSymlinksOutOfTheSite: build (sitefs.DirFS) and serve (os.Root) read
// a site under one rule: a link that leaves the site is skipped with a
// warning — soa.yaml, risks.yaml, a document, an attachment — or, for
// what a site cannot do without (isms.yaml, the theme folder it names),
// is an error; never is a word of what it points at read.
func TestSymlinksOutOfTheSite(t *testing.T) {
	dir := siteWithLinksOut(t, map[string]string{"soa.yaml": "soa.yaml", "risks.yaml": "risks.yaml", "docs/out.md": "doc.md", "docs/file.pdf": "file.pdf"})
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	var texts []string
	for name, fsys := range map[string]fs.FS{"DirFS": sitefs.DirFS(dir), "os.Root": root.FS()} {
		res, err := Build(fsys, Options{Today: today})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := quiet(res.Findings).Text()
		for _, want := range []string{
			"soa.yaml:1:1: warning: symbolic link points outside the site folder; skipped",
			"risks.yaml:1:1: warning: symbolic link points outside the site folder; skipped",
			"docs/out.md:1:1: warning: symbolic link points outside the site folder; skipped",
			"docs/file.pdf:1:1: warning: symbolic link points outside the site folder; skipped",
		} {
			if !strings.Contains(got, want) {
				t.Errorf("%s: findings lack %q:\n%s", name, want, got)
			}
		}
		if strings.Contains(got, "secretword") || res.Site.Risks != nil || len(res.Site.Documents) != 1 {
			t.Errorf("%s: something outside the site was read:\n%s", name, got)
		}
		texts = append(texts, got)
	}
	if texts[0] != texts[1] {
		t.Errorf("the two file systems give other findings:\n%s\n---\n%s", texts[0], texts[1])
	}

	for _, c := range []struct{ link, target, config string }{
		{"isms.yaml", "isms.yaml", ""},
		{"mytheme", "theme", "title: T\ntheme: mytheme\n"},
	} {
		dir := siteWithLinksOut(t, nil)
		if c.config != "" {
			os.WriteFile(filepath.Join(dir, "isms.yaml"), []byte(c.config), 0o644)
		} else {
			os.Remove(filepath.Join(dir, "isms.yaml"))
		}
		if err := os.Symlink(filepath.Join(filepath.Dir(dir), "outside", c.target), filepath.Join(dir, c.link)); err != nil {
			t.Fatal(err)
		}
		_, err := Build(sitefs.DirFS(dir), Options{Today: today})
		if !errors.Is(err, sitefs.ErrLeavesSite) || strings.Contains(err.Error(), "secretword") {
			t.Errorf("%s linked out of the site: error %v, want one that says it leaves the site", c.link, err)
		}
	}
}
