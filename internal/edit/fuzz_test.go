package edit

import (
	"slices"
	"testing"

	"github.com/isms-project/isms/internal/tree"
)

// FuzzAddItems: on any file, FindList and an edit never panic, and an edit
// that Apply accepts reads back as the old items followed by the new ones.
func FuzzAddItems(f *testing.F) {
	for _, s := range []string{
		"---\ncontrols: [\"5.1\", '5.2'] # keep\n---\nBody\n",
		"---\ncontrols:\n  - a # x\n  - 'b'\n---\n",
		"---\ncontrols:\n---\n",
		"---\nid: P\nclauses:\n  - 6.1\n---\n",
		"---\ncontrols: a, b\n---\n",
		"+++\ncontrols = [\n  \"5.1\", # a\n]\n[t]\nx = 1\n+++\n",
		"+++\ncontrols = 'x'\n+++\n",
		"\uFEFF---\r\ncontrols: [\r\n  5.1\r\n]\r\n---\r\n",
	} {
		f.Add(s, "8.28")
	}
	f.Fuzz(func(t *testing.T, in, add string) {
		src := []byte(in)
		fm, ok := tree.FindFrontMatter(src)
		if !ok {
			return
		}
		l, err := FindList(src, fm, "controls")
		if err != nil {
			return
		}
		var before []string
		for _, it := range l.Items {
			before = append(before, it.Value)
		}
		if l.Single && len(before) == 1 && before[0] == "" {
			before = nil
		}
		e := New(src)
		e.AddItems(fm, l, "controls", []string{add, "5.15"})
		out, err := e.Apply()
		if err != nil {
			return
		}
		fm2, ok := tree.FindFrontMatter(out)
		if !ok {
			t.Fatalf("the front matter is gone:\n%q\n→\n%q", in, out)
		}
		l2, err := FindList(out, fm2, "controls")
		if err != nil {
			t.Fatalf("%v in\n%q\n→\n%q", err, in, out)
		}
		var after []string
		for _, it := range l2.Items {
			after = append(after, it.Value)
		}
		if want := append(before, add, "5.15"); !slices.Equal(after, want) {
			t.Fatalf("reads back as %q, want %q:\n%q\n→\n%q", after, want, in, out)
		}
		if string(out[fm2.End:]) != string(src[fm.End:]) {
			t.Fatalf("the body changed:\n%q\n→\n%q", in, out)
		}
	})
}
