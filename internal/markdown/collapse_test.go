package markdown

import "testing"

// TestCollapseSpace: runs of white space, Unicode ones too, become one space; the ends are trimmed.
func TestCollapseSpace(t *testing.T) {
	for in, want := range map[string]string{"  a  b\n\tc  ": "a b c", "": "", "   ": "", "æ\u00a0ø": "æ ø", "x": "x"} {
		if got := collapseSpace([]byte(in)); got != want {
			t.Errorf("%q: got %q want %q", in, got, want)
		}
	}
}
