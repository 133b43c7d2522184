package words

import "testing"

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"pasord", "passord", 1}, {"tilgangstyring", "tilgangsstyring", 1},
		{"kontorl", "kontroll", 2}, {"æøå", "aøå", 1}, {"abc", "", 3},
	} {
		if got := Distance(c.a, c.b); got != c.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
