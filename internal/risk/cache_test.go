package risk

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

// TestCacheReadsAsRead: a Cache read after each of a sequence of edits
// gives the register and the findings a fresh Read gives — an edited
// risk, lines added above the risks, a new acceptance criterion, a broken
// risk and its mending, a risk removed.
func TestCacheReadsAsRead(t *testing.T) {
	data, err := os.ReadFile("../../content/risks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cat := testCatalog(t)
	src := string(data)
	edits := []struct {
		name string
		edit func(string) string
	}{
		{"unchanged", func(s string) string { return s }},
		{"a title", func(s string) string {
			return strings.Replace(s, "title: Løsepengevirus", "title: Utpressingsvirus", 1)
		}},
		{"a line above the risks", func(s string) string {
			return strings.Replace(s, "risks:\n", "risks:\n  # a note\n", 1)
		}},
		{"the acceptance criterion", func(s string) string { return strings.Replace(s, "acceptance: 9", "acceptance: 6", 1) }},
		{"a broken risk", func(s string) string { return strings.Replace(s, "likelihood: 4", "likelihood: 9", 1) }},
		{"mended", func(s string) string { return strings.Replace(s, "likelihood: 9", "likelihood: 4", 1) }},
		{"a risk removed", func(s string) string {
			i := strings.Index(s, "\n  R-02:")
			j := strings.Index(s, "\n  R-03:")
			return s[:i] + s[j:]
		}},
		{"unchanged again", func(s string) string { return s }},
	}
	var c Cache
	reused := false
	for _, e := range edits {
		src = e.edit(src)
		want, wantF := Read([]byte(src), cat)
		before := c.risks
		got, gotF := c.Read([]byte(src), cat)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: the register differs from a fresh read", e.name)
		}
		if !reflect.DeepEqual(gotF, wantF) {
			t.Fatalf("%s: findings\n%v\nwant\n%v", e.name, gotF, wantF)
		}
		for _, x := range got.Risks {
			for _, d := range before {
				reused = reused || d.risk == x
			}
		}
	}
	if !reused {
		t.Fatal("no risk was reused: the cache does nothing")
	}
}
