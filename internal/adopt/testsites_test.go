package adopt

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/isms-project/isms/internal/testsites"
)

// TestTestSites adopts the plain-en and plain-nb folders, written by
// another hand in other house styles: every document gets the ID, type and
// title its text states, the language is guessed, the placeholders are
// reported, a second run changes nothing and git apply takes the diff.
func TestTestSites(t *testing.T) {
	type doc struct{ id, typ, title string }
	for _, c := range []struct {
		site, lang   string
		docs         map[string]doc
		placeholders []string // paths:line of metadata placeholders
	}{
		{"plain-en", "en", map[string]doc{
			"policies/acceptable-use-policy.md":         {"POL-SEC-002", "policy", "Acceptable Use Policy"},
			"policies/access-control-policy.md":         {"POL-SEC-003", "policy", "Access Control Policy"},
			"policies/information-security-policy.md":   {"POL-SEC-001", "policy", "Information Security Policy"},
			"policies/remote-working-policy.md":         {"POL-SEC-005", "policy", "Remote Working Policy"},
			"policies/supplier-security-policy.md":      {"POL-SEC-004", "policy", "Supplier Security Policy"},
			"procedures/backup-procedure.md":            {"PROC-OPS-002", "procedure", "Backup procedure"},
			"procedures/change-management-procedure.md": {"PROC-OPS-003", "procedure", "Change Management Procedure"},
			"procedures/incident-response-procedure.md": {"PROC-IR-001", "procedure", "Incident Response Procedure"},
			"standards/logging-standard.md":             {"LOGGING-STANDARD", "standard", "Logging and Monitoring Standard"},
			"standards/password-standard.md":            {"STD-IAM-001", "standard", "Password and MFA Standard"},
		}, []string{"policies/acceptable-use-policy.md:5:", "policies/acceptable-use-policy.md:6:", "policies/acceptable-use-policy.md:7:", "policies/acceptable-use-policy.md:9:"}},
		{"plain-nb", "nb", map[string]doc{
			"policyer/informasjonssikkerhetspolicy.md": {"POL-01", "policy", "Informasjonssikkerhetspolicy"},
			"policyer/personvern.md":                   {"POL-03", "policy", "Personvernpolicy"},
			"policyer/tilgangsstyring.md":              {"POL-02", "policy", "Policy for tilgangsstyring"},
			"prosedyrer/brukeradministrasjon.md":       {"PROS-03", "procedure", "Prosedyre for brukeradministrasjon"},
			"prosedyrer/hendelseshandtering.md":        {"PROS-01", "procedure", "Prosedyre for håndtering av sikkerhetshendelser"},
			"prosedyrer/sikkerhetskopiering.md":        {"SIKKERHETSKOPIERING", "procedure", "Sikkerhetskopiering og gjenoppretting"},
			"retningslinjer/akseptabel-bruk.md":        {"RETN-01", "guideline", "Retningslinje for akseptabel bruk av IT-utstyr"},
			"retningslinjer/e-post-og-deling.md":       {"RETN-04", "guideline", "Retningslinje for e-post og deling av filer"},
			"retningslinjer/hjemmekontor.md":           {"RETN-03", "guideline", "Retningslinje for hjemmekontor"},
			"retningslinjer/passord-og-palogging.md":   {"RETN-02", "guideline", "Retningslinje for passord og pålogging"},
		}, []string{"retningslinjer/hjemmekontor.md:5:", "retningslinjer/hjemmekontor.md:6:", "retningslinjer/hjemmekontor.md:7:"}},
	} {
		t.Run(c.site, func(t *testing.T) {
			sub, err := fs.Sub(testsites.FS, c.site)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Site(sub, Options{Org: "Test"})
			if err != nil {
				t.Fatal(err)
			}
			if res.Lang != c.lang {
				t.Errorf("language %q, want %q", res.Lang, c.lang)
			}
			if res.Config == nil || !strings.Contains(string(res.Config), "language: "+c.lang+"\n") || res.SoA == nil {
				t.Errorf("isms.yaml %q, soa.yaml %v", res.Config, res.SoA != nil)
			}
			seen := map[string]bool{}
			for _, r := range res.Files {
				w, ok := c.docs[r.Path]
				if !ok {
					if r.Changed() {
						t.Errorf("%s: unexpected document", r.Path)
					}
					continue
				}
				seen[r.Path] = true
				if !r.Changed() {
					t.Errorf("%s: not adopted: %s", r.Path, r.Findings.Text())
					continue
				}
				if w.id != "" && r.Get("id") != w.id || r.Get("type") != w.typ || w.title != "" && r.Get("title") != w.title {
					t.Errorf("%s: id %q type %q title %q, want %q %q %q", r.Path, r.Get("id"), r.Get("type"), r.Get("title"), w.id, w.typ, w.title)
				}
				if strings.Contains(string(r.New), "\n**Document ID:**") || strings.Contains(string(r.New), "\nDokument-ID:") {
					t.Errorf("%s: the ID line is still in the body", r.Path)
				}
			}
			for p := range c.docs {
				if !seen[p] {
					t.Errorf("%s: not looked at", p)
				}
			}
			text := res.Findings.Text()
			for _, p := range c.placeholders {
				found := false
				for _, l := range strings.Split(text, "\n") {
					found = found || strings.HasPrefix(l, p) && strings.Contains(l, "placeholder")
				}
				if !found {
					t.Errorf("no placeholder reported at %s:\n%s", p, text)
				}
			}
			if strings.Contains(text, "error") {
				t.Errorf("errors:\n%s", text)
			}

			buildReads(t, res)

			again := fstest.MapFS{}
			in := fstest.MapFS{}
			err = fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				b, err := fs.ReadFile(sub, p)
				in[p] = &fstest.MapFile{Data: b}
				again[p] = &fstest.MapFile{Data: b}
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]string{}
			for _, ch := range res.Changes() {
				again[ch.Path] = &fstest.MapFile{Data: ch.New}
				want[ch.Path] = string(ch.New)
			}
			res2, err := Site(again, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if cs := res2.Changes(); len(cs) != 0 {
				t.Errorf("a second run changes %d files, first %s", len(cs), cs[0].Path)
			}
			gitApply(t, in, res.Diff(), want)
		})
	}
}
