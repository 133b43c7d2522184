package edit

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/isms-project/isms/internal/tree"
	"go.yaml.in/yaml/v3"
)

// values reads the list key of a file back, as a check that an edit says
// what it meant to.
func values(t *testing.T, src []byte, key string) []string {
	t.Helper()
	fm, ok := tree.FindFrontMatter(src)
	if !ok {
		t.Fatalf("no front matter in %q", src)
	}
	l, err := FindList(src, fm, key)
	if err != nil {
		t.Fatalf("reading %s back from %q: %v", key, src, err)
	}
	var vs []string
	for _, it := range l.Items {
		vs = append(vs, it.Value)
	}
	return vs
}

// TestAddItems: each case is a file, the values added to a key and the
// exact file that makes; everything else stays byte for byte, the list
// reads back as the old items and the new ones, and git apply takes the
// diff.
func TestAddItems(t *testing.T) {
	for _, c := range []struct {
		name, key, in, want string
		add                 []string
	}{
		{
			name: "yaml flow",
			in:   "---\nid: P # id\ncontrols: [\"5.1\", '5.2'] # keep\ntags: [a]\n---\nBody\n",
			add:  []string{"8.28", "5.15"},
			want: "---\nid: P # id\ncontrols: [\"5.1\", '5.2', '8.28', '5.15'] # keep\ntags: [a]\n---\nBody\n",
		},
		{
			name: "yaml flow, plain items stay plain where they can",
			in:   "---\ncontrols: [5.1, 5.2]\ntags: [a,b]\n---\n",
			key:  "tags",
			add:  []string{"c d", "e, f", "null"},
			want: "---\ncontrols: [5.1, 5.2]\ntags: [a,b, c d, \"e, f\", \"null\"]\n---\n",
		},
		{
			name: "yaml flow, trailing comma",
			in:   "---\ncontrols: [\"5.1\",]\n---\n",
			add:  []string{"8.28"},
			want: "---\ncontrols: [\"5.1\", \"8.28\",]\n---\n",
		},
		{
			name: "yaml flow, empty",
			in:   "---\ncontrols: [ ]\n---\n",
			add:  []string{"8.28", "5.1"},
			want: "---\ncontrols: [\"8.28\", \"5.1\"]\n---\n",
		},
		{
			name: "yaml flow, one item a line, with commas",
			in:   "---\ncontrols: [\n    \"5.1\", # first\n    \"5.2\",\n]\n---\n",
			add:  []string{"8.28", "8.8"},
			want: "---\ncontrols: [\n    \"5.1\", # first\n    \"5.2\",\n    \"8.28\",\n    \"8.8\",\n]\n---\n",
		},
		{
			name: "yaml flow, one item a line, no trailing comma, a comment after the last",
			in:   "---\ncontrols: [\n  5.1,\n  5.2 # last\n  ]\n---\n",
			add:  []string{"8.28", "8.8"},
			want: "---\ncontrols: [\n  5.1,\n  5.2, # last\n  8.28,\n  8.8\n  ]\n---\n",
		},
		{
			name: "yaml block list, indented, comments kept",
			in:   "---\ncontrols:\n  - \"5.1\"   # first\n  # between\n  - '5.2' # last\ntitle: T\n---\n",
			add:  []string{"8.28", "it's"},
			want: "---\ncontrols:\n  - \"5.1\"   # first\n  # between\n  - '5.2' # last\n  - '8.28'\n  - 'it''s'\ntitle: T\n---\n",
		},
		{
			name: "yaml block list, not indented, plain",
			in:   "---\ncontrols:\n- 5.1\nowner: X\n---\n",
			add:  []string{"8.28", "#x", "a: b"},
			want: "---\ncontrols:\n- 5.1\n- 8.28\n- \"#x\"\n- \"a: b\"\nowner: X\n---\n",
		},
		{
			name: "yaml missing key: a flow list at the end",
			in:   "---\nid: P\ntags: [a]   # x\n\n---\nBody\n",
			add:  []string{"5.15", "8.28"},
			want: "---\nid: P\ntags: [a]   # x\ncontrols: [\"5.15\", \"8.28\"]\n\n---\nBody\n",
		},
		{
			name: "yaml missing key: a block list when the front matter has one",
			in:   "---\nid: P\nclauses:\n    - \"6.1\"\nowner: X\n---\n",
			add:  []string{"5.15", "8.28"},
			want: "---\nid: P\nclauses:\n    - \"6.1\"\nowner: X\ncontrols:\n    - \"5.15\"\n    - \"8.28\"\n---\n",
		},
		{
			name: "yaml missing key in an empty front matter",
			in:   "---\n---\nBody\n",
			add:  []string{"5.15"},
			want: "---\ncontrols: [\"5.15\"]\n---\nBody\n",
		},
		{
			name: "yaml missing key in a front matter of comments only",
			in:   "---\n# nothing yet\n---\n",
			add:  []string{"5.15"},
			want: "---\n# nothing yet\ncontrols: [\"5.15\"]\n---\n",
		},
		{
			name: "yaml missing key, a key that must be quoted",
			key:  "my key",
			in:   "---\nid: P\n---\n",
			add:  []string{"x"},
			want: "---\nid: P\n\"my key\": [\"x\"]\n---\n",
		},
		{
			name: "yaml empty value",
			in:   "---\ncontrols:   # none yet\ntitle: T\n---\n",
			add:  []string{"5.15"},
			want: "---\ncontrols: [\"5.15\"]   # none yet\ntitle: T\n---\n",
		},
		{
			name: "yaml null value",
			in:   "---\n\"controls\": ~\n---\n",
			add:  []string{"5.15"},
			want: "---\n\"controls\": [\"5.15\"]\n---\n",
		},
		{
			name: "yaml lone value becomes a flow list",
			in:   "---\ncontrols: 5.1 # x\n---\n",
			add:  []string{"8.28"},
			want: "---\ncontrols: [5.1, 8.28] # x\n---\n",
		},
		{
			name: "yaml lone plain value that a flow list would split",
			key:  "tags",
			in:   "---\ntags: a, b\n---\n",
			add:  []string{"c"},
			want: "---\ntags: [\"a, b\", c]\n---\n",
		},
		{
			name: "CRLF and BOM, block list",
			in:   "\uFEFF---\r\nid: P\r\ncontrols:\r\n  - \"5.1\"\r\n---\r\nBody\r\n",
			add:  []string{"8.28", "8.8"},
			want: "\uFEFF---\r\nid: P\r\ncontrols:\r\n  - \"5.1\"\r\n  - \"8.28\"\r\n  - \"8.8\"\r\n---\r\nBody\r\n",
		},
		{
			name: "CRLF and BOM, missing key",
			in:   "\uFEFF\r\n---\r\nid: P\r\n---\r\nBody\r\n",
			add:  []string{"8.28"},
			want: "\uFEFF\r\n---\r\nid: P\r\ncontrols: [\"8.28\"]\r\n---\r\nBody\r\n",
		},
		{
			name: "CRLF, flow list one item a line",
			in:   "---\r\ncontrols: [\r\n  \"5.1\"\r\n]\r\n---\r\n",
			add:  []string{"8.28"},
			want: "---\r\ncontrols: [\r\n  \"5.1\",\r\n  \"8.28\"\r\n]\r\n---\r\n",
		},
		{
			name: "toml array",
			in:   "+++\nid = \"P\"\ncontrols = ['5.1', \"5.2\"] # x\n+++\n",
			add:  []string{"8.28", "it's"},
			want: "+++\nid = \"P\"\ncontrols = ['5.1', \"5.2\", \"8.28\", \"it's\"] # x\n+++\n",
		},
		{
			name: "toml array, single quotes",
			in:   "+++\ncontrols = ['5.1']\n+++\n",
			add:  []string{"8.28", "it's"},
			want: "+++\ncontrols = ['5.1', '8.28', \"it's\"]\n+++\n",
		},
		{
			name: "toml empty array over lines",
			in:   "---toml\ncontrols = [\n]\n---\n",
			add:  []string{"8.28"},
			want: "---toml\ncontrols = [\"8.28\"]\n---\n",
		},
		{
			name: "toml multi-line array with a trailing comma",
			in:   "+++\ncontrols = [\n  \"5.1\", # a\n]\n+++\n",
			add:  []string{"8.28"},
			want: "+++\ncontrols = [\n  \"5.1\", # a\n  \"8.28\",\n]\n+++\n",
		},
		{
			name: "toml lone string",
			in:   "+++\ncontrols = \"5.1\"\n+++\n",
			add:  []string{"8.28"},
			want: "+++\ncontrols = [\"5.1\", \"8.28\"]\n+++\n",
		},
		{
			name: "toml missing key goes before the first table",
			in:   "+++\nid = \"P\"\narr = [\n[1, 2],\n]\n\n[extra]\ncontrols = \"x\"\n+++\n",
			add:  []string{"5.15"},
			want: "+++\nid = \"P\"\narr = [\n[1, 2],\n]\ncontrols = [\"5.15\"]\n\n[extra]\ncontrols = \"x\"\n+++\n",
		},
		{
			name: "toml missing key, CRLF",
			in:   "+++\r\nid = \"P\"\r\n+++\r\n",
			add:  []string{"5.15"},
			want: "+++\r\nid = \"P\"\r\ncontrols = [\"5.15\"]\r\n+++\r\n",
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			key := c.key
			if key == "" {
				key = "controls"
			}
			src := []byte(c.in)
			fm, ok := tree.FindFrontMatter(src)
			if !ok {
				t.Fatal("no front matter")
			}
			l, err := FindList(src, fm, key)
			if err != nil {
				t.Fatal(err)
			}
			before := values(t, src, key)
			if l.Single && len(before) == 1 && before[0] == "" {
				before = nil
			}
			e := New(src)
			e.AddItems(fm, l, key, c.add)
			out, err := e.Apply()
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != c.want {
				t.Fatalf("got:\n%q\nwant:\n%q", out, c.want)
			}
			if string(src) != c.in {
				t.Errorf("the editor changed its input")
			}
			if got, want := values(t, out, key), append(before, c.add...); !slices.Equal(got, want) {
				t.Errorf("reads back as %q, want %q", got, want)
			}
			gitApply(t, map[string][2]string{"doc.md": {c.in, c.want}})
		})
	}
}

// TestAddItemsErrors: a block list whose item is not on a line of its own
// cannot be appended to; Apply says so, at the item.
func TestAddItemsErrors(t *testing.T) {
	src := []byte("---\ncontrols: \n  - - 5.1\n---\n")
	fm, _ := tree.FindFrontMatter(src)
	if _, err := FindList(src, fm, "controls"); err == nil {
		t.Errorf("a nested list was taken")
	}
	src = []byte("---\nx:\n- controls:\n  - 5.1\n---\n")
	fm, _ = tree.FindFrontMatter(src)
	l, err := FindList(src, fm, "controls")
	if err != nil || l.Found {
		t.Fatalf("a nested key was found: %v %v", l, err)
	}
	// Defensive: a hand-made block list whose item is not on a "- " line.
	src = []byte("---\ncontrols: x\n---\n")
	fm, _ = tree.FindFrontMatter(src)
	l, err = FindList(src, fm, "controls")
	if err != nil {
		t.Fatal(err)
	}
	l.Single = false
	e := New(src)
	e.AddItems(fm, l, "controls", []string{"8.28"})
	_, err = e.Apply()
	var ee *Error
	if !errors.As(err, &ee) || ee.Off != 14 || !strings.Contains(ee.Msg, "not on its own") {
		t.Errorf("got %v, want an error at 14", err)
	}
	if err := New(src).ReplaceItem(l, 0, []string{"a", "b"}); err == nil {
		t.Errorf("ReplaceItem took a block item that is not on its own line")
	}
	e = New(src)
	e.Replace(4, 10, "x")
	e.Replace(8, 12, "y")
	if _, err := e.Apply(); err == nil {
		t.Errorf("overlapping edits were applied")
	}
}

// TestReplaceAndRemove: one item becomes several in each list style, and
// items go with their separators.
func TestReplaceAndRemove(t *testing.T) {
	for _, c := range []struct {
		name, in, want string
		replace        map[int][]string
		remove         []int
	}{
		{"flow", "---\nc: [\"a\", b, 'c', d]\n---\n", "---\nc: [\"x\", \"y\", b, 'z']\n---\n", map[int][]string{0: {"x", "y"}, 2: {"z"}}, []int{3}},
		{"block", "---\nc:\n  - a # one\n  - b\n  - c # three\n---\n", "---\nc:\n  - x # one\n  - y\n  # three\n---\n", map[int][]string{0: {"x", "y"}}, []int{1, 2}},
		{"single", "---\nc: a\n---\n", "---\nc: [x, y]\n---\n", map[int][]string{0: {"x", "y"}}, nil},
		{"toml", "+++\nc = [\n  'a',\n  \"b\",\n]\n+++\n", "+++\nc = [\n  'x', 'y',\n]\n+++\n", map[int][]string{0: {"x", "y"}}, []int{1}},
		{"quoting kept safe", "---\nc: [a, 'b']\n---\n", "---\nc: [\"x, y\", 'it''s']\n---\n", map[int][]string{0: {"x, y"}, 1: {"it's"}}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := []byte(c.in)
			fm, _ := tree.FindFrontMatter(src)
			l, err := FindList(src, fm, "c")
			if err != nil {
				t.Fatal(err)
			}
			e := New(src)
			for k, vs := range c.replace {
				if err := e.ReplaceItem(l, k, vs); err != nil {
					t.Fatal(err)
				}
			}
			removed := make([]bool, len(l.Items))
			for _, k := range c.remove {
				removed[k] = true
			}
			e.RemoveItems(l, removed)
			out, err := e.Apply()
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != c.want {
				t.Errorf("got:\n%q\nwant:\n%q", out, c.want)
			}
		})
	}
	src := []byte("---\nc:\n- a\n---\n")
	fm, _ := tree.FindFrontMatter(src)
	l, _ := FindList(src, fm, "c")
	if err := New(src).ReplaceItem(l, 0, nil); err == nil {
		t.Errorf("replacing an item with nothing was taken")
	}
	if err := New(src).ReplaceItem(l, 1, []string{"x"}); err == nil {
		t.Errorf("replacing a missing item was taken")
	}
}

func TestYAMLString(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Access control", "Access control"},
		{"POL-01", "POL-01"},
		{"1.0", `"1.0"`},
		{"2026-02-19", `"2026-02-19"`},
		{"yes", "yes"}, // a string in YAML 1.2
		{"true", `"true"`},
		{"~", `"~"`},
		{"", `""`},
		{"a: b", `"a: b"`},
		{"Policy #1", `"Policy #1"`}, // " #" starts a comment
		{"Policy#1", "Policy#1"},
		{"#1 policy", `"#1 policy"`},
		{"- item", `"- item"`},
		{" lead", `" lead"`},
		{`say "hi"`, `say "hi"`},
		{"'q'", `"'q'"`},
		{"tab\there", `"tab\there"`},
		{"Åpen & fri", "Åpen & fri"},
		{"* star", `"* star"`},
		{"[x]", `"[x]"`},
		{"True", `"True"`},
		{"NULL", `"NULL"`},
		{"Head of IT (London)", "Head of IT (London)"},
		{"IT-sjef / CISO", "IT-sjef / CISO"},
		{"no", "no"},
	} {
		got := YAMLString(c.in)
		if slow := plainTag(c.in, false) == "!!str"; simpleWords(c.in) && !slow {
			t.Errorf("%q: the fast path takes what the parser would not", c.in)
		}
		if got != c.want {
			t.Errorf("YAMLString(%q) = %s, want %s", c.in, got, c.want)
		}
		var back struct{ V any }
		if err := yaml.Unmarshal([]byte("v: "+got), &back); err != nil || back.V != c.in {
			t.Errorf("%s reads back as %#v (%v)", got, back.V, err)
		}
	}
}
