package migrate

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// migrateSite runs Migrate on a site of one document (plus isms.yaml).
func migrateSite(t *testing.T, files map[string]string) *Migration {
	t.Helper()
	fsys := fstest.MapFS{"isms.yaml": {Data: []byte("title: T\n")}}
	for p, s := range files {
		fsys[p] = &fstest.MapFile{Data: []byte(s)}
	}
	m, err := Migrate(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestMigrateRewrites: each case is a document and what migrate makes of
// it; everything but the list items stays byte for byte.
func TestMigrateRewrites(t *testing.T) {
	for _, c := range []struct {
		name, in, want string
		rewrites       []string // Rewrite.String without the path
	}{
		{
			name:     "yaml flow, double quotes",
			in:       "---\nid: P\ntitle: T\ntype: policy\ncontrols: [\"A.9.1.1\", \"8.2\"]\n---\nBody\n",
			want:     "---\nid: P\ntitle: T\ntype: policy\ncontrols: [\"5.15\", \"8.2\"]\n---\nBody\n",
			rewrites: []string{"5:12: A.9.1.1 → 5.15"},
		},
		{
			name:     "yaml flow, single quotes and bare, spacing kept",
			in:       "---\nid: P\ncontrols: [ 'A.9.1.1' ,A.12.3.1,  \"5.1\" ]   # mixed\n---\n",
			want:     "---\nid: P\ncontrols: [ '5.15' ,8.13,  \"5.1\" ]   # mixed\n---\n",
			rewrites: []string{"3:13: A.9.1.1 → 5.15", "3:24: A.12.3.1 → 8.13"},
		},
		{
			name:     "yaml flow, successor listed already: no duplicate",
			in:       "---\ncontrols: [\"A.9.1.1\", \"5.15\", \"8.2\"]\n---\n",
			want:     "---\ncontrols: [\"5.15\", \"8.2\"]\n---\n",
			rewrites: []string{"2:12: A.9.1.1 → 5.15, listed already, so the item is removed"},
		},
		{
			name:     "yaml flow, last item removed, and a 2022 ID written A.5.15",
			in:       "---\ncontrols: [\"A.5.15\", \"8.2\", \"A.9.1.1\"]\n---\n",
			want:     "---\ncontrols: [\"A.5.15\", \"8.2\"]\n---\n",
			rewrites: []string{"2:29: A.9.1.1 → 5.15, listed already, so the item is removed"},
		},
		{
			name:     "yaml flow, the same 2013 ID twice and its merge partner",
			in:       "---\ncontrols: [\"5.1\", \"A.9.1.1\", \"A.9.1.1\", \"A.9.1.2\"]\n---\n",
			want:     "---\ncontrols: [\"5.1\", \"5.15\"]\n---\n",
			rewrites: []string{"2:19: A.9.1.1 → 5.15", "2:30: A.9.1.1 → 5.15, listed already, so the item is removed", "2:41: A.9.1.2 → 5.15, listed already, so the item is removed"},
		},
		{
			name:     "yaml flow, split control: both successors",
			in:       "---\ncontrols: [\"A.18.2.3\", \"5.1\"]\n---\n",
			want:     "---\ncontrols: [\"5.36\", \"8.8\", \"5.1\"]\n---\n",
			rewrites: []string{"2:12: A.18.2.3 → 5.36, 8.8 (several successors: all are listed)"},
		},
		{
			name:     "yaml flow, split control with one successor listed",
			in:       "---\ncontrols: ['8.8', 'A.18.2.3']\n---\n",
			want:     "---\ncontrols: ['8.8', '5.36']\n---\n",
			rewrites: []string{"2:19: A.18.2.3 → 5.36, 8.8 (several successors: all are listed; 8.8 was listed already)"},
		},
		{
			name:     "toml trailing comma",
			in:       "+++\ncontrols = [\"5.15\", \"A.9.1.1\",]\n+++\n",
			want:     "+++\ncontrols = [\"5.15\",]\n+++\n",
			rewrites: []string{"2:21: A.9.1.1 → 5.15, listed already, so the item is removed"},
		},
		{
			name:     "yaml flow over several lines",
			in:       "---\ncontrols: [\n  \"A.9.1.1\",\n  \"5.15\",\n  \"A.12.3.1\"\n]\n---\n",
			want:     "---\ncontrols: [\n  \"5.15\",\n  \"8.13\"\n]\n---\n",
			rewrites: []string{"3:3: A.9.1.1 → 5.15, listed already, so the item is removed", "5:3: A.12.3.1 → 8.13"},
		},
		{
			name:     "yaml block list, quoting and comments kept",
			in:       "---\nid: P # the id\n# which controls:\ncontrols:\n  - \"A.9.1.1\"   # access policy\n  - 'A.12.3.1'\n  # a comment line\n  - A.12.4.1\n  - 5.1\ntags: [x]\n---\nBody [[A.9.1.1]]\n",
			want:     "---\nid: P # the id\n# which controls:\ncontrols:\n  - \"5.15\"   # access policy\n  - '8.13'\n  # a comment line\n  - 8.15\n  - 5.1\ntags: [x]\n---\nBody [[A.9.1.1]]\n",
			rewrites: []string{"5:5: A.9.1.1 → 5.15", "6:5: A.12.3.1 → 8.13", "8:5: A.12.4.1 → 8.15"},
		},
		{
			name:     "yaml block list, split control gets a line per successor",
			in:       "---\ncontrols:\n- A.18.2.3 # compliance review\n- 5.1\n---\n",
			want:     "---\ncontrols:\n- 5.36 # compliance review\n- 8.8\n- 5.1\n---\n",
			rewrites: []string{"3:3: A.18.2.3 → 5.36, 8.8 (several successors: all are listed)"},
		},
		{
			name:     "yaml block list, item removed, its comment kept",
			in:       "---\ncontrols:\n    - \"5.15\"\n    - \"A.9.1.1\"  # old\n    - \"A.9.1.2\"\n---\n",
			want:     "---\ncontrols:\n    - \"5.15\"\n    # old\n---\n",
			rewrites: []string{"4:7: A.9.1.1 → 5.15, listed already, so the item is removed", "5:7: A.9.1.2 → 5.15, listed already, so the item is removed"},
		},
		{
			name:     "yaml single value",
			in:       "---\ncontrols: A.18.2.3\n---\n",
			want:     "---\ncontrols: [5.36, 8.8]\n---\n",
			rewrites: []string{"2:11: A.18.2.3 → 5.36, 8.8 (several successors: all are listed)"},
		},
		{
			name:     "CRLF line ends, BOM and a block list",
			in:       "\uFEFF---\r\nid: P\r\ncontrols:\r\n  - \"A.18.2.3\"\r\n  - \"A.9.1.1\"\r\n---\r\nBody\r\n",
			want:     "\uFEFF---\r\nid: P\r\ncontrols:\r\n  - \"5.36\"\r\n  - \"8.8\"\r\n  - \"5.15\"\r\n---\r\nBody\r\n",
			rewrites: []string{"4:5: A.18.2.3 → 5.36, 8.8 (several successors: all are listed)", "5:5: A.9.1.1 → 5.15"},
		},
		{
			name:     "CRLF, a removed line goes with its line end",
			in:       "---\r\ncontrols: [\r\n  \"5.15\",\r\n  \"A.9.1.1\",\r\n]\r\n---\r\n",
			want:     "---\r\ncontrols: [\r\n  \"5.15\",\r\n]\r\n---\r\n",
			rewrites: []string{"4:3: A.9.1.1 → 5.15, listed already, so the item is removed"},
		},
		{
			name:     "toml inline array",
			in:       "+++\nid = \"P\"\n# note\ncontrols = [\"A.9.1.1\", 'A.12.3.1', \"5.1\"] # x\n+++\nBody controls = [\"A.9.1.1\"]\n",
			want:     "+++\nid = \"P\"\n# note\ncontrols = [\"5.15\", '8.13', \"5.1\"] # x\n+++\nBody controls = [\"A.9.1.1\"]\n",
			rewrites: []string{"4:13: A.9.1.1 → 5.15", "4:24: A.12.3.1 → 8.13"},
		},
		{
			name:     "toml multi-line array with comments, split and duplicate",
			in:       "+++\ncontrols = [\n  \"A.18.2.3\", # review\n  \"8.8\",\n  # kept comment\n  \"A.12.6.1\",\n]\ntitle = \"T\"\n+++\n",
			want:     "+++\ncontrols = [\n  \"5.36\", # review\n  \"8.8\",\n  # kept comment\n]\ntitle = \"T\"\n+++\n",
			rewrites: []string{"3:3: A.18.2.3 → 5.36, 8.8 (several successors: all are listed; 8.8 was listed already)", "6:3: A.12.6.1 → 8.8, listed already, so the item is removed"},
		},
		{
			name:     "toml single string",
			in:       "---toml\ncontrols = \"A.18.2.3\"\n---\n",
			want:     "---toml\ncontrols = [\"5.36\", \"8.8\"]\n---\n",
			rewrites: []string{"2:12: A.18.2.3 → 5.36, 8.8 (several successors: all are listed)"},
		},
		{
			name: "other fields and the body are never touched",
			in:   "---\nsummary: \"A.9.1.1 is gone\"\ncontrols: [\"5.15\"]\nrelated: [A.9.1.1]\n---\ncontrols: [\"A.9.1.1\"]\n",
			want: "",
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := migrateSite(t, map[string]string{"doc.md": c.in})
			if c.want == "" {
				if len(m.Files) != 0 {
					t.Fatalf("migrate changed the file:\n%s", m.Files[0].New)
				}
				return
			}
			if len(m.Files) != 1 {
				t.Fatalf("migrate found %d files to change; findings:\n%s", len(m.Files), m.Findings.Text())
			}
			f := m.Files[0]
			if string(f.New) != c.want {
				t.Errorf("got:\n%q\nwant:\n%q", f.New, c.want)
			}
			if !bytes.Equal(f.Old, []byte(c.in)) {
				t.Errorf("Old is not the file as read")
			}
			var got []string
			for _, r := range f.Rewrites {
				got = append(got, strings.TrimPrefix(r.String(), "doc.md:"))
			}
			if !slices.Equal(got, c.rewrites) {
				t.Errorf("rewrites:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.rewrites, "\n"))
			}
			// The result reads as the 2022 IDs, without 2013 warnings.
			again := migrateSite(t, map[string]string{"doc.md": string(f.New)})
			if len(again.Files) != 0 || len(again.Findings) != 0 {
				t.Errorf("a second migrate still finds work: %v %v", again.Files, again.Findings)
			}
			if t.Failed() {
				return
			}
			// The diff, applied to the old file, gives the new one.
			if got := applyUnified(t, f.Old, m.Diff()); !bytes.Equal(got, f.New) {
				t.Errorf("the diff does not turn the old file into the new one:\n%s", m.Diff())
			}
		})
	}
}

// TestMigrateFindings: what migrate leaves alone, and says so.
func TestMigrateFindings(t *testing.T) {
	m := migrateSite(t, map[string]string{
		"a.md": "---\nid: A\ncontrols: [\"A.9.9.9\", \"A.9.1.1\"]\n---\nSee [[A.9.1.2]] and [[A.18.2.3|the review]], not `[[A.5.1.1]]`.\n",
		"b.md": "---\nid: B\ncontrols: [\"A.9.1.1\"\n---\n",
		"c.md": "---\nid: C\ncontrols:\n  - &x A.9.1.1\n  - *x\n---\n",
		"d.md": "---\ncontrols:\n  - |\n    A.9.1.1\n---\n",
		"e.md": "No front matter [[A.9.1.1]]\n",                                            // an error in a build; nothing to migrate
		"f.md": "---\nid: F\nstatus: retired\ncontrols: [\"A.9.1.1\"]\n---\n[[A.9.1.2]]\n", // kept as it was
	})
	var files []string
	for _, f := range m.Files {
		files = append(files, f.Path)
	}
	if !slices.Equal(files, []string{"a.md"}) {
		t.Errorf("files %v, want a.md only", files)
	}
	var refs []string
	for _, r := range m.BodyRefs {
		refs = append(refs, r.String())
	}
	wantRefs := []string{
		"a.md:5:5: [[A.9.1.2]] in the text: in 2022 it is 5.15; not rewritten, edit it by hand",
		"a.md:5:21: [[A.18.2.3]] in the text: in 2022 it is 5.36 and 8.8; not rewritten, edit it by hand",
	}
	if !slices.Equal(refs, wantRefs) {
		t.Errorf("body references:\n%s\nwant:\n%s", strings.Join(refs, "\n"), strings.Join(wantRefs, "\n"))
	}
	want := []string{
		"a.md:3:12: warning: unknown ISO/IEC 27002:2013 control \"A.9.9.9\" left as it is",
		"b.md:2:1: error: not migrated: the front matter is not valid YAML",
		"c.md:4:5: error: not migrated: controls has an item that is not a plain ID",
		"d.md:3:5: error: not migrated: the item \"A.9.1.1\\n\" is a block scalar",
	}
	if len(m.Findings) != len(want) {
		t.Fatalf("findings:\n%s", m.Findings.Text())
	}
	for i, f := range m.Findings {
		if !strings.HasPrefix(f.String(), want[i]) {
			t.Errorf("finding %q, want it to start %q", f, want[i])
		}
	}
	if !strings.Contains(string(m.Files[0].New), "[\"A.9.9.9\", \"5.15\"]") {
		t.Errorf("a.md became %q", m.Files[0].New)
	}
}

// TestMigrateDiff: the diff's exact form, on two files with hunks far apart.
func TestMigrateDiff(t *testing.T) {
	m := migrateSite(t, map[string]string{
		"policies/p.md": "---\nid: P\ntitle: T\ntype: policy\nowner: X\nstatus: approved\ncontrols: [\"A.9.1.1\"]\nclauses: [\"6.1\"]\nrelated: []\ntags: [a]\nlang: nb\n---\nBody",
		"x/q.md":        "---\ncontrols:\n  - A.18.2.3\n---\n",
	})
	want := `--- a/policies/p.md
+++ b/policies/p.md
@@ -4,7 +4,7 @@
 type: policy
 owner: X
 status: approved
-controls: ["A.9.1.1"]
+controls: ["5.15"]
 clauses: ["6.1"]
 related: []
 tags: [a]
--- a/x/q.md
+++ b/x/q.md
@@ -1,4 +1,5 @@
 ---
 controls:
-  - A.18.2.3
+  - 5.36
+  - 8.8
 ---
`
	if got := string(m.Diff()); got != want {
		t.Errorf("diff:\n%s\nwant:\n%s", got, want)
	}
}

// applyUnified applies a unified diff of one or more files to text (all
// hunks of all files apply to the same text, as in the tests: one file
// changes). It checks hunk headers and context strictly.
func applyUnified(t *testing.T, text, diff []byte) []byte {
	t.Helper()
	old := linesOf(text)
	var out []string
	next := 0 // the next line of old to copy
	lines := linesOf(diff)
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if strings.HasPrefix(l, "--- ") || strings.HasPrefix(l, "+++ ") {
			continue
		}
		var os, oc, ns, nc int
		if !strings.HasPrefix(l, "@@ ") {
			t.Fatalf("unexpected diff line %q", l)
		}
		parse := func(s string) (int, int) {
			start, count, ok := strings.Cut(s, ",")
			a, _ := strconv.Atoi(start)
			c := 1
			if ok {
				c, _ = strconv.Atoi(count)
			}
			return a, c
		}
		f := strings.Fields(l)
		os, oc = parse(f[1][1:])
		ns, nc = parse(f[2][1:])
		first := os - 1
		if oc == 0 {
			first = os
		}
		if first < next {
			t.Fatalf("hunk %q overlaps the one before", l)
		}
		out = append(out, old[next:first]...)
		if nc > 0 && ns-1 != len(out) || nc == 0 && ns != len(out) {
			t.Fatalf("hunk %q: new start %d, but %d lines are out", l, ns, len(out))
		}
		next = first
		var seenOld, seenNew int
		for i+1 < len(lines) && !strings.HasPrefix(lines[i+1], "@@ ") && !strings.HasPrefix(lines[i+1], "--- ") {
			i++
			body := lines[i]
			line := body[1:]
			if i+1 < len(lines) && lines[i+1] == "\\ No newline at end of file\n" {
				line = strings.TrimSuffix(line, "\n")
				i++
			}
			switch body[0] {
			case ' ', '-':
				if next >= len(old) || old[next] != line {
					t.Fatalf("hunk %q: context or removed line %q does not match %q", l, line, fmt.Sprint(old[min(next, len(old)-1):]))
				}
				next++
				seenOld++
				if body[0] == ' ' {
					out = append(out, line)
					seenNew++
				}
			case '+':
				out = append(out, line)
				seenNew++
			default:
				t.Fatalf("bad hunk line %q", body)
			}
		}
		if seenOld != oc || seenNew != nc {
			t.Fatalf("hunk %q has %d old and %d new lines", l, seenOld, seenNew)
		}
	}
	out = append(out, old[next:]...)
	return []byte(strings.Join(out, ""))
}

// linesOf splits after each line end; a last line without one is kept.
func linesOf(b []byte) []string {
	lines := strings.SplitAfter(string(b), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}
