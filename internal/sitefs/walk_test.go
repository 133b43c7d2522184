package sitefs

import (
	"maps"
	"slices"
	"testing"
	"testing/fstest"
)

// TestWalkIntroductionsAndExclude: README.md and index.md are each
// folder's introduction, not documents; exclude globs leave files and
// folders out, by name at any depth or by path from the root.
func TestWalkIntroductionsAndExclude(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, p := range []string{"isms.yaml", "README.md", "a.md", "p/index.md", "p/b.md", "p/b.tmp.md", "p/old/c.md", "q/old/d.md", "q/e.md", "r/old/f.md", "r/g.pdf", "r/h.pdf"} {
		fsys[p] = &fstest.MapFile{Data: []byte("x")}
	}
	files, err := WalkSite(fsys, Options{Exclude: []string{"*.tmp.md", "p/old", "r/*.pdf", "./r/old/"}, Inputs: []string{"isms.yaml"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"a.md", "p/b.md", "q/e.md", "q/old/d.md"}; !slices.Equal(files.Docs, want) {
		t.Errorf("documents %q, want %q", files.Docs, want)
	}
	if want := map[string]string{".": "README.md", "p": "p/index.md"}; !maps.Equal(files.Intros, want) {
		t.Errorf("introductions %v, want %v", files.Intros, want)
	}
	if len(files.Files) != 0 {
		t.Errorf("attachments %v, want none", files.Files)
	}
}

// TestExcluded: the rules of isms.yaml's exclude globs.
func TestExcluded(t *testing.T) {
	for _, c := range []struct {
		path string
		glob string
		want bool
	}{
		{"a/b/drafts/x.md", "drafts", true},
		{"drafts.md", "drafts", false},
		{"a/x.tmp.md", "*.tmp.md", true},
		{"a/drafts/x.md", "drafts/*.md", false},
		{"drafts/x.md", "drafts/*.md", true},
		{"drafts/sub/x.md", "drafts/*.md", false},
		{"policies/old/x.md", "policies/old/", true},
		{"policies/older/x.md", "policies/old", false},
		{"x.md", "", false},
	} {
		if got := Excluded(c.path, []string{c.glob}); got != c.want {
			t.Errorf("Excluded(%q, %q) = %v, want %v", c.path, c.glob, got, c.want)
		}
	}
	if !IsIntroduction("a/Readme.MD") || IsIntroduction("a/readme-old.md") {
		t.Errorf("IsIntroduction")
	}
}
