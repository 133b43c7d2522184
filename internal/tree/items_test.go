package tree

import (
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"testing"
)

// sameParse checks that c reads src as ParseYAML does: the same values at
// the same places, or the same error.
func sameParse(t *testing.T, c *ItemCache, src string) error {
	t.Helper()
	want, wantErr := ParseYAML([]byte(src), 1)
	got, gotErr := c.ParseYAML([]byte(src))
	if fmt.Sprint(wantErr) != fmt.Sprint(gotErr) {
		t.Fatalf("error %v, want %v, for\n%s", gotErr, wantErr, src)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("the values differ from ParseYAML's for\n%s", src)
	}
	return wantErr
}

// TestItemCacheShapes: files the entry-by-entry reading takes, and files
// it leaves to the whole parser, read the same either way.
func TestItemCacheShapes(t *testing.T) {
	for name, src := range map[string]string{
		"map":                 "a: 1\nrisks:\n  R-01:\n    title: x\n  R-02: {title: y}\n  # c\n\n  R-03:\n    actions:\n      - a\n      - b\nafter: 2\n",
		"list":                "risks:\n  - id: 1\n  - id: 2\n    x: [1, 2]\n",
		"list at indent 0":    "risks:\n- a\n- b\nz: 1\n",
		"block scalars":       "risks:\n  R-1:\n    d: |\n      line\n\n      - not an item\n  R-2:\n    d: >\n      folded\n",
		"comment after key":   "risks: # the register\n  R-1: {a: 1}\n",
		"flow":                "risks: {R-1: {a: 1}}\n",
		"empty":               "risks:\nm: 1\n",
		"anchor across items": "risks:\n  R-1: &a {t: 1}\n  R-2: *a\n",
		"anchor in the head":  "x: &a 1\nrisks:\n  R-1: {t: *a}\n",
		"duplicate key":       "risks:\n  R-1: {}\nrisks:\n  R-2: {}\n",
		"syntax error":        "risks:\n  R-1: {t: [}\n  R-2: {}\n",
		"error in the head":   "a: [\nrisks:\n  R-1: {}\n",
		"less indented":       "risks:\n    R-1: {}\n  R-2: {}\n",
		"mixed":               "risks:\n  R-1: {}\n  - x\n",
		"documents":           "---\nrisks:\n  R-1: {}\n",
		"tab":                 "risks:\n\tR-1: {}\n",
		"crlf":                "risks:\r\n  R-1: {}\r\n",
		"no key":              "other:\n  R-1: {}\n",
		"not a map":           "- risks\n",
		"no line end":         "risks:\n  R-1: {t: 1}",
		"quoted keys":         "risks:\n  'R-1': {}\n  \"R-2\": {}\n",
	} {
		t.Run(name, func(t *testing.T) { sameParse(t, &ItemCache{Key: "risks"}, src) })
	}
}

// TestItemCacheEdits: random edits of the example's register, read after
// each other through one cache — lines added and removed above entries,
// entries changed, moved, removed and broken — always read as ParseYAML
// reads the file.
func TestItemCacheEdits(t *testing.T) {
	data, err := os.ReadFile("../../content/risks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	c := &ItemCache{Key: "risks"}
	rnd := rand.New(rand.NewPCG(1, 2))
	entries := 0
	for i := range 120 {
		if i%25 == 0 {
			lines = strings.SplitAfter(string(data), "\n")
		}
		at := rnd.IntN(len(lines))
		switch rnd.IntN(5) {
		case 0: // a comment line
			lines = append(lines[:at], append([]string{"  # note\n"}, lines[at:]...)...)
		case 1: // a line removed
			lines = append(lines[:at], lines[at+1:]...)
		case 2: // a value changed
			lines[at] = strings.Replace(lines[at], "4", "3", 1)
		case 3: // a line moved
			l := lines[at]
			lines = append(lines[:at], lines[at+1:]...)
			to := rnd.IntN(len(lines))
			lines = append(lines[:to], append([]string{l}, lines[to:]...)...)
		case 4: // a new entry
			lines = append(lines, fmt.Sprintf("  R-X%d:\n    title: new\n", i))
		}
		src := strings.Join(lines, "")
		broken := i%40 == 39
		if broken { // a syntax error, saved once and then mended
			src = strings.Replace(src, "]", "", 1+rnd.IntN(20))
		}
		if err := sameParse(t, c, src); err != nil && !broken {
			lines = strings.SplitAfter(string(data), "\n") // mended
		}
		if sp, ok := splitItems([]byte(src), "risks"); ok {
			entries += len(sp.items)
		}
	}
	if entries == 0 {
		t.Fatal("no edit left the file in the shape read entry by entry: the test checks only the fallback")
	}
}
