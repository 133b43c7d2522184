package edit

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestDiff checks the diff's exact form, then random texts: hunk headers,
// context, a last line without a line end; applying it must give the new
// text.
func TestDiff(t *testing.T) {
	if d := Diff("a", "b", []byte("x\n"), []byte("x\n")); d != nil {
		t.Errorf("equal texts give %q", d)
	}
	got := string(Diff("a/f", "b/f", []byte("a\nb"), []byte("a\nc")))
	want := "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n"
	if got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	got = string(Diff("/dev/null", "b/f", nil, []byte("new\n")))
	if want := "--- /dev/null\n+++ b/f\n@@ -0,0 +1 @@\n+new\n"; got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	// Two changes far apart make two hunks, each with three lines of context.
	var a, b []string
	for i := range 20 {
		a = append(a, fmt.Sprintf("l%d\n", i))
	}
	b = append(b, a...)
	b[2], b[15] = "x\n", "y\n"
	got = string(Diff("a/f", "b/f", []byte(strings.Join(a, "")), []byte(strings.Join(b, ""))))
	want = "--- a/f\n+++ b/f\n@@ -1,6 +1,6 @@\n l0\n l1\n-l2\n+x\n l3\n l4\n l5\n@@ -13,7 +13,7 @@\n l12\n l13\n l14\n-l15\n+y\n l16\n l17\n l18\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}

	r := rand.New(rand.NewPCG(1, 2))
	for n := range 500 {
		var a, b []string
		for range r.IntN(30) {
			a = append(a, strconv.Itoa(r.IntN(6))+"\n")
		}
		for _, l := range a {
			switch r.IntN(6) {
			case 0: // dropped
			case 1:
				b = append(b, l, strconv.Itoa(r.IntN(6))+"\n")
			case 2:
				b = append(b, "changed\n")
			default:
				b = append(b, l)
			}
		}
		x, y := []byte(strings.Join(a, "")), []byte(strings.Join(b, ""))
		if r.IntN(3) == 0 && len(y) > 0 {
			y = y[:len(y)-1]
		}
		d := Diff("a/f", "b/f", x, y)
		if bytes.Equal(x, y) != (d == nil) {
			t.Fatalf("case %d: diff %q of equal=%v texts", n, d, bytes.Equal(x, y))
		}
		if d == nil {
			continue
		}
		if got := applyUnified(t, x, d); !bytes.Equal(got, y) {
			t.Fatalf("case %d: applying\n%s\nto %q gives %q, want %q", n, d, x, got, y)
		}
	}
}

// TestDiffGitApply: git apply takes the diffs, CRLF files, a missing last
// line end and new files from /dev/null included.
func TestDiffGitApply(t *testing.T) {
	for _, c := range []struct{ name, old, new string }{
		{"front matter", "---\nid: P\ncontrols: [\"5.1\"]\n---\nBody\n", "---\nid: P\ncontrols: [\"5.1\", \"8.28\"]\n---\nBody\n"},
		{"CRLF", "\uFEFF---\r\nid: P\r\n---\r\nBody\r\n", "\uFEFF---\r\nid: P\r\ncontrols: [\"5.1\"]\r\n---\r\nBody\r\n"},
		{"no last line end", "a\nb", "a\nc"},
		{"new file", "", "title: T\nlanguage: en\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			gitApply(t, map[string][2]string{"dir/f.md": {c.old, c.new}})
		})
	}
}

// gitApply writes the old files into a temporary folder, applies their
// combined diff with git apply (new files, with an empty old text, come
// from /dev/null) and checks the files became the new ones.
func gitApply(t *testing.T, files map[string][2]string) {
	t.Helper()
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not installed: the diff was not checked with git apply")
	}
	dir := t.TempDir()
	var patch []byte
	for p, f := range files {
		oldName := "a/" + p
		if f[0] == "" {
			oldName = "/dev/null"
		} else {
			if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, p), []byte(f[0]), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		patch = append(patch, Diff(oldName, "b/"+p, []byte(f[0]), []byte(f[1]))...)
	}
	if err := os.WriteFile(filepath.Join(dir, "change.patch"), patch, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"apply", "--check", "change.patch"}, {"apply", "change.patch"}} {
		cmd := exec.Command(git, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CEILING_DIRECTORIES="+filepath.Dir(dir))
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s\npatch:\n%s", strings.Join(args, " "), err, out, patch)
		}
	}
	for p, f := range files {
		got, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != f[1] {
			t.Errorf("%s after git apply:\n%q\nwant:\n%q", p, got, f[1])
		}
	}
}

// applyUnified applies a unified diff of one file to text. It checks hunk
// headers and context strictly.
func applyUnified(t *testing.T, text, diff []byte) []byte {
	t.Helper()
	old := splitLines(text)
	var out []string
	next := 0 // the next line of old to copy
	lines := splitLines(diff)
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if strings.HasPrefix(l, "--- ") || strings.HasPrefix(l, "+++ ") {
			continue
		}
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
		os, oc := parse(f[1][1:])
		ns, nc := parse(f[2][1:])
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
