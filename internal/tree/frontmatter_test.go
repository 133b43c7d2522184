package tree

import "testing"

func TestFindFrontMatter(t *testing.T) {
	for _, c := range []struct {
		in               string
		ok, toml         bool
		start, end, body int
	}{
		{"---\na: 1\n---\nbody", true, false, 4, 9, 13},
		{"\uFEFF\n  \n---yaml  \na: 1\n --- \n", true, false, 17, 22, 28},
		{"+++\r\na = 1\r\n+++\r\n", true, true, 5, 12, 17},
		{"---toml\na = 1\n---\n", true, true, 8, 14, 18},
		{"---\n---\n", true, false, 4, 4, 8},
		{"---\na: 1\n---", true, false, 4, 9, 12},    // no line end after the closing line
		{"---\na: 1\n", false, false, 0, 0, 0},       // not closed
		{"+++\na = 1\n---\n", false, false, 0, 0, 0}, // closed by the other format's line
		{"# Title\n---\n", false, false, 0, 0, 0},    // not first
		{"", false, false, 0, 0, 0},
		{"\n\n", false, false, 0, 0, 0},
	} {
		fm, ok := FindFrontMatter([]byte(c.in))
		if ok != c.ok || ok && (fm.TOML != c.toml || fm.Start != c.start || fm.End != c.end || fm.Body != c.body) {
			t.Errorf("%q: got %+v %v, want toml=%v %d..%d body %d %v", c.in, fm, ok, c.toml, c.start, c.end, c.body, c.ok)
		}
	}
}
