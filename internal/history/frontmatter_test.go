package history

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/isms-project/isms/internal/tree"
)

func TestReadFields(t *testing.T) {
	tests := []struct {
		name, src string
		want      fields
		body      string
	}{
		{
			"YAML plain",
			"---\nid: POL-01\nversion: 1.0\napproved: 2026-03-01\napprover: Daglig leder\n---\n# Tittel\n",
			fields{"1.0", "2026-03-01", "Daglig leder"}, "# Tittel\n",
		},
		{
			"YAML quoted, comments, CRLF, BOM, blank lines first",
			"\uFEFF\r\n---\r\nversion: \"2.1\" # ny\r\napprover: 'IT-sjef'\r\ncontrols: [\"5.1\", '5.2']\r\napproved: 2026-04-02 # dato\r\n---\r\nTekst\r\n",
			fields{"2.1", "2026-04-02", "IT-sjef"}, "Tekst\r\n",
		},
		{
			"YAML lists and nested values are skipped",
			"---\ncontrols:\n- \"5.1\"\n- \"5.2\"\nattachments:\n  - title: Skjema\n    file: a.pdf\nversion: 3\n---\nx",
			fields{Version: "3"}, "x",
		},
		{
			"YAML block scalar goes to the decoder",
			"---\nversion: >\n  4.0\n  rev\napprover: |\n  Ola\n---\n",
			fields{Version: "4.0 rev\n", Approver: "Ola\n"}, "",
		},
		{
			"YAML escapes go to the decoder",
			"---\napprover: \"Kari \\\"K\\\" Nordmann\"\nversion: 'it''s 1'\n---\n",
			fields{Version: "it's 1", Approver: `Kari "K" Nordmann`}, "",
		},
		{
			"YAML null and empty",
			"---\nversion: ~\napprover:\napproved: null\n---\n",
			fields{}, "",
		},
		{
			"YAML syntax error gives no fields",
			"---\nversion: [1\napprover: x\n---\nbody",
			fields{}, "body",
		},
		{
			"a duplicate key: the first, as the site reader takes it",
			"---\nversion: 1\nversion: 2\n---\nbody",
			fields{Version: "1"}, "body",
		},
		{
			"---yaml opener",
			"---yaml\nversion: 5\n---\n",
			fields{Version: "5"}, "",
		},
		{
			"TOML strings",
			"+++\nid = \"POL-01\"\nversion = \"1.2\" # c\napprover = 'Driftsleder'\ncontrols = [\"5.1\"]\n[extra]\nversion = \"9\"\n+++\nbody\n",
			fields{Version: "1.2", Approver: "Driftsleder"}, "body\n",
		},
		{
			"TOML numbers and dates go to the decoder",
			"+++\nversion = 2\napproved = 2026-05-06\n+++\n",
			fields{Version: "2", Approved: "2026-05-06"}, "",
		},
		{
			"---toml opener",
			"---toml\nversion = \"7\"\n---\n",
			fields{Version: "7"}, "",
		},
		{
			"no front matter",
			"# Bare tekst\nversion: 1\n",
			fields{}, "# Bare tekst\nversion: 1\n",
		},
		{
			"unclosed front matter",
			"---\nversion: 1\n",
			fields{}, "---\nversion: 1\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, body := readFields([]byte(tt.src))
			if got != tt.want {
				t.Errorf("fields = %+v, want %+v", got, tt.want)
			}
			if string(body) != tt.body {
				t.Errorf("body = %q, want %q", body, tt.body)
			}
		})
	}
}

// FuzzScanYAML holds the line scanner to the full decoder: whenever the
// scanner answers and the decoder reads the text, they agree.
func FuzzScanYAML(f *testing.F) {
	seeds := []string{
		"version: 1.0\napproved: 2026-03-01\napprover: Daglig leder\n",
		"version: \"2\" # c\napprover: 'x'\n",
		"title: a\n  b\nversion: 1\n",
		"controls: [\"5.1\",\n  \"5.2\"]\nversion: 2\n",
		"a: |\n  x\nversion: 3 #k\n",
		"version: 1\n- x\n",
		"<<: {version: 2}\n",
		"version: 'a'#b\n",
		"version: a #b: c\n",
		"version: \"a\\tb\"\n",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, fm string) {
		got, simple := scanYAML([]byte(fm))
		if !simple {
			return
		}
		if !decodes([]byte(fm), false) {
			return
		}
		if want := decodeFields([]byte(fm), false); got != want {
			t.Fatalf("scanner %+v, decoder %+v for %q", got, want, fm)
		}
	})
}

// FuzzScanTOML is FuzzScanYAML for TOML.
func FuzzScanTOML(f *testing.F) {
	seeds := []string{
		"version = \"1.0\"\napprover = 'x' # c\n",
		"controls = [\"5.1\",\n\"5.2\"]\nversion = \"2\"\n",
		"a = \"\"\"\nversion = \"3\"\n\"\"\"\n",
		"[t]\nversion = \"9\"\n",
		"version = 3\n",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, fm string) {
		got, simple := scanTOML([]byte(fm))
		if !simple || !decodes([]byte(fm), true) {
			return
		}
		if want := decodeFields([]byte(fm), true); got != want {
			t.Fatalf("scanner %+v, decoder %+v for %q", got, want, fm)
		}
	})
}

// decodes reports whether the full decoder reads fm as a mapping.
func decodes(fm []byte, isTOML bool) bool {
	if strings.ContainsRune(string(fm), '\x00') {
		return false
	}
	var root *tree.Value
	var err error
	if isTOML {
		root, err = tree.ParseTOML(fm, 1)
	} else {
		root, err = tree.ParseYAML(fm, 1)
	}
	return err == nil && root != nil && root.Kind == tree.Map
}

// TestFrontMatterIsTheSites: the scanner that finds the front matter of
// each version (which copies nothing, for the 20,000 versions of a large
// history) finds what the site reader's tree.FindFrontMatter finds, on
// random texts made of the lines that matter: delimiters with spaces, a
// byte order mark, blank lines, CRLF, fields and body text.
func TestFrontMatterIsTheSites(t *testing.T) {
	lines := []string{"---", "+++", "---yaml", "---toml", " --- ", "+++  ", "", "  ", "\r", "\uFEFF", "\uFEFF---", "version: 1", "title = 'x'", "# Heading", "--- x", "----", "...", "body text"}
	rnd := rand.New(rand.NewPCG(5, 6))
	for range 50000 {
		var b strings.Builder
		for i := range rnd.IntN(7) {
			if i > 0 {
				b.WriteString(pickOf(rnd, []string{"\n", "\r\n"}))
			}
			b.WriteString(pickOf(rnd, lines))
		}
		if rnd.IntN(2) == 0 {
			b.WriteString("\n")
		}
		src := []byte(b.String())
		fm, isTOML, body, ok := frontMatter(src)
		span, want := tree.FindFrontMatter(src)
		if ok != want {
			t.Fatalf("%q: found %v, the site reader %v", src, ok, want)
		}
		if !ok {
			continue
		}
		if string(fm) != string(src[span.Start:span.End]) || isTOML != span.TOML || string(body) != string(src[span.Body:]) {
			t.Fatalf("%q: front matter %q toml %v body %q, the site reader %q %v %q", src, fm, isTOML, body, src[span.Start:span.End], span.TOML, src[span.Body:])
		}
	}
}

func pickOf(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }
