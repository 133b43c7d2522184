package edit

import (
	"errors"
	"testing"

	"github.com/isms-project/isms/internal/tree"
)

// TestFindList: the items' byte ranges, values and quoting, and the style
// flags, in YAML and TOML; and the errors, at their offsets.
func TestFindList(t *testing.T) {
	type item struct {
		text, value string
		quote       byte
	}
	for _, c := range []struct {
		name, in, key string
		items         []item
		flow, single  bool
		found         bool
	}{
		{"yaml flow", "---\ncontrols: [\"5.1\", 'it''s', a b , \"x\\ty\"] # c\n---\n", "controls",
			[]item{{`"5.1"`, "5.1", '"'}, {`'it''s'`, "it's", '\''}, {"a b", "a b", 0}, {`"x\ty"`, "x\ty", '"'}}, true, false, true},
		{"yaml block", "---\nc:\n  - a # x\n  - 'b'\n---\n", "c", []item{{"a", "a", 0}, {"'b'", "b", '\''}}, false, false, true},
		{"yaml single", "---\nc: x y # z\n---\n", "c", []item{{"x y", "x y", 0}}, false, true, true},
		{"yaml missing", "---\nd: [a]\n---\n", "c", nil, false, false, false},
		{"yaml null", "---\nc:\n---\n", "c", nil, false, false, true},
		{"yaml quoted key, last one wins", "---\n'c': [a]\n\"c\": [b]\n---\n", "c", []item{{"b", "b", 0}}, true, false, true},
		{"toml", "+++\n'c' = [ \"a\" , 'b', # x\n\"\\u00e5\"]\n+++\n", "c", []item{{`"a"`, "a", '"'}, {"'b'", "b", '\''}, {`"\u00e5"`, "å", '"'}}, true, false, true},
		{"toml single", "+++\nc = 'a'\n+++\n", "c", []item{{"'a'", "a", '\''}}, false, true, true},
		{"toml missing, a table's key is not the field", "+++\n[t]\nc = ['a']\n+++\n", "c", nil, false, false, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := []byte(c.in)
			fm, ok := tree.FindFrontMatter(src)
			if !ok {
				t.Fatal("no front matter")
			}
			l, err := FindList(src, fm, c.key)
			if err != nil {
				t.Fatal(err)
			}
			if l.Flow != c.flow || l.Single != c.single || l.Found != c.found || l.TOML != fm.TOML {
				t.Errorf("flags %+v", l)
			}
			if len(l.Items) != len(c.items) {
				t.Fatalf("items %+v, want %d", l.Items, len(c.items))
			}
			for i, it := range l.Items {
				w := c.items[i]
				if got := string(src[it.Start:it.End]); got != w.text || it.Value != w.value || it.Quote != w.quote {
					t.Errorf("item %d: %q %q %q, want %q %q %q", i, got, it.Value, it.Quote, w.text, w.value, w.quote)
				}
			}
		})
	}
}

func TestFindListErrors(t *testing.T) {
	for _, c := range []struct {
		in  string
		off int
		msg string
	}{
		{"---\nc: [a\n---\n", 4, "not valid YAML"},
		{"---\n- a\n---\n", 4, "not a mapping"},
		{"---\nc: {a: b}\n---\n", 7, "c is not a list"},
		{"---\nc:\n  - &x a\n  - *x\n---\n", 11, "not a plain ID or word"},
		{"---\nc:\n  - [a]\n---\n", 11, "not a plain ID or word"},
		{"---\nc:\n  - |\n    a\n---\n", 11, "block scalar"},
		{"---\nc:\n  - a\n    b\n---\n", 11, "cannot find the item"},
		{"---\nc: !!str a\n---\n", 7, "not a plain ID or word"},
		{"+++\nc = [1]\n+++\n", 4, "not a string"},
		{"+++\nc = [\"\"\"a\"\"\"]\n+++\n", 9, "not a one-line string"},
		{"+++\nc = 1\n+++\n", 4, "c is not a list"},
		{"+++\nc = [\n+++\n", 4, "not valid TOML"},
	} {
		src := []byte(c.in)
		fm, ok := tree.FindFrontMatter(src)
		if !ok {
			t.Fatalf("%q: no front matter", c.in)
		}
		_, err := FindList(src, fm, "c")
		var ee *Error
		if !errors.As(err, &ee) || ee.Off != c.off || !contains(ee.Msg, c.msg) {
			t.Errorf("%q: got %v (%+v), want %q at %d", c.in, err, ee, c.msg, c.off)
		}
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
