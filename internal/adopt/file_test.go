package adopt

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/isms-project/isms/catalog"
	"github.com/isms-project/isms/internal/tree"
)

// TestFileBytes: line ends, a byte order mark and a last line without a
// line end are kept; the front matter uses the file's line end.
func TestFileBytes(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"CRLF", "# Backup Policy\r\n\r\n**Version:** 1.0\r\n\r\nText\r\nMore\r\n",
			"---\r\nid: BACKUP\r\ntitle: Backup Policy\r\ntype: policy\r\nversion: \"1.0\"\r\n---\r\n\r\nText\r\nMore\r\n"},
		{"BOM and CRLF", "\uFEFF# Backup Policy\r\nText\r\n",
			"\uFEFF---\r\nid: BACKUP\r\ntitle: Backup Policy\r\ntype: policy\r\n---\r\nText\r\n"},
		{"no last line end", "# Backup Policy\n\nText", "---\nid: BACKUP\ntitle: Backup Policy\ntype: policy\n---\n\nText"},
		{"title only", "# Backup Policy", "---\nid: BACKUP\ntitle: Backup Policy\ntype: policy\n---\n"},
		{"blank lines around a removed run collapse to one", "Intro text here.\n\n# Backup Policy\n\nVersion: 2\n\nText\n",
			"---\nid: BACKUP\ntitle: Backup Policy\ntype: policy\nversion: \"2\"\n---\nIntro text here.\n\nText\n"},
		{"a removed run at the end takes the blank line before it", "Text\n\n# Backup Policy\n",
			"---\nid: BACKUP\ntitle: Backup Policy\ntype: policy\n---\nText\n"},
		{"metadata after the text is text", "# Backup Policy\n\nText\n\nOwner: IT\n",
			"---\nid: BACKUP\ntitle: Backup Policy\ntype: policy\n---\n\nText\n\nOwner: IT\n"},
		{"code fences are text", "```\n# not a title\nVersion: 2\n```\n",
			"---\nid: BACKUP\ntitle: Backup\ntype: policy\n---\n```\n# not a title\nVersion: 2\n```\n"},
		{"a key line over --- is metadata, the rule goes", "# Backup Policy\n**Version:** 3\n---\nText\n",
			"---\nid: BACKUP\ntitle: Backup Policy\ntype: policy\nversion: \"3\"\n---\nText\n"},
		{"a title that needs quotes", "# Policy: \"Backup\" #1\n",
			"---\nid: BACKUP\ntitle: \"Policy: \\\"Backup\\\" #1\"\ntype: policy\n---\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := File("backup.md", []byte(c.in), Options{})
			if string(r.New) != c.want {
				t.Errorf("got:\n%q\nwant:\n%q\n%s", r.New, c.want, r.Findings.Text())
			}
			if again := File("backup.md", r.New, Options{}); again.Changed() || len(again.Findings) != 0 {
				t.Errorf("a second run changes the file or finds %v", again.Findings)
			}
		})
	}
}

// TestFileLeftAlone: what File does not change, and what it says.
func TestFileLeftAlone(t *testing.T) {
	for _, c := range []struct{ name, path, in, finding string }{
		{"front matter", "a.md", "---\nid: A\n---\n# T\n", ""},
		{"TOML front matter", "a.md", "+++\nid = 'A'\n+++\n# T\n", ""},
		{"introduction", "x/README.md", "# Policies\n", ""},
		{"index", "x/index.md", "# Policies\n", ""},
		{"not UTF-8", "a.md", "# T\n\xff\n", "a.md:2:1: error: invalid UTF-8"},
		{"empty", "a.md", " \n\n", "a.md:1:1: warning: empty file"},
		{"unclosed", "a.md", "\n+++\n# T\n", "a.md:2:1: error: the file starts with a +++ line that is not closed"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := File(c.path, []byte(c.in), Options{})
			if r.Changed() {
				t.Errorf("changed:\n%s", r.New)
			}
			got := strings.TrimSpace(r.Findings.Text())
			if c.finding == "" && got != "" || !strings.HasPrefix(got, c.finding) {
				t.Errorf("findings %q, want %q", got, c.finding)
			}
		})
	}
}

func TestFileTaken(t *testing.T) {
	r := File("pol-01.md", []byte("# Backup Policy\n"), Options{Taken: map[string]bool{"pol-01": true, "POL-01-2": true}})
	if id := r.Get("id"); id != "POL-01-3" {
		t.Errorf("id %q, want POL-01-3", id)
	}
	if !strings.Contains(r.Findings.Text(), "this one gets POL-01-3") {
		t.Errorf("findings %s", r.Findings.Text())
	}
}

func TestParseDate(t *testing.T) {
	for _, c := range []struct {
		in, lang, want, note string
	}{
		{"2026-02-19", "", "2026-02-19", ""},
		{"2026-2-9", "", "2026-02-09", ""},
		{"19.02.2026", "en", "2026-02-19", ""},
		{"02.04.2026", "en", "2026-04-02", ""}, // dots are always day first
		{"19-02-2026", "", "2026-02-19", ""},
		{"19/02/2026", "en", "2026-02-19", ""},
		{"02/19/2026", "nb", "2026-02-19", "read as month/day/year"},
		{"02/04/2026", "en", "2026-04-02", "read as day/month/year"},
		{"02/04/2026", "nb", "2026-04-02", ""},
		{"04/04/2026", "en", "2026-04-04", ""},
		{"2. april 2026", "", "2026-04-02", ""},
		{"2. April 2026.", "", "2026-04-02", ""},
		{"19 February 2026", "", "2026-02-19", ""},
		{"19th of February 2026", "", "2026-02-19", ""},
		{"February 19, 2026", "", "2026-02-19", ""},
		{"Feb 19 2026", "", "2026-02-19", ""},
		{"1. desember 2026", "", "2026-12-01", ""},
		{"3. mai 2026", "", "2026-05-03", ""},
		{"29.02.2028", "", "2028-02-29", ""},
		{"29.02.2026", "", "", ""},
		{"31/04/2026", "", "", ""},
		{"2026-13-01", "", "", ""},
		{"19 Febuary 2026", "", "", ""},
		{"Q1 2026", "", "", ""},
		{"19.02.26", "", "", ""},
		{"", "", "", ""},
	} {
		got, note, ok := parseDate(c.in, c.lang)
		s := ""
		if ok {
			s = got.Format(time.DateOnly)
		}
		if s != c.want || note != c.note {
			t.Errorf("parseDate(%q, %q) = %q %q, want %q %q", c.in, c.lang, s, note, c.want, c.note)
		}
	}
}

func TestValues(t *testing.T) {
	for in, want := range map[string]string{
		"Public": "public", "Offentlig": "public", "Åpen": "public", "Internal use only": "internal", "INTERN": "internal",
		"Confidential": "confidential", "Konfidensiell": "confidential", "Fortrolig": "confidential",
		"Strengt fortrolig": "restricted", "Restricted": "restricted", "Begrenset": "restricted", "TLP:AMBER": "confidential",
		"Company confidential": "confidential", "Secretive": "", "Opened": "", "": "",
	} {
		if got, _ := classification(in); got != want {
			t.Errorf("classification(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"Draft": "draft", "Utkast": "draft", "Approved": "approved", "Godkjent": "approved", "Approved (v2)": "approved",
		"In review": "review", "Til gjennomgang": "review", "Retired": "retired", "Utgått": "retired", "Planned": "",
	} {
		if got, _ := status(in); got != want {
			t.Errorf("status(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"[DATE]": "[DATE]", "[Organization Name]": "[Organization Name]", "<Company>": "<Company>", "TBD": "TBD",
		"XX.XX.XXXX": "XX.XX.XXXX", "dd.mm.åååå": "dd.mm.åååå", "{{owner}}": "{{owner}}", "Head of [Dept]": "[Dept]",
		"x.y": "x.y", "CISO": "", "[CISO](mailto:c@x)": "", "[[POL-01]]": "", "1.0": "", "2026-01-01": "",
	} {
		got, _, _ := placeholder(in)
		if got != want {
			t.Errorf("placeholder(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestKeyLine(t *testing.T) {
	for _, c := range []struct{ in, key, value string }{
		{"**Document ID:** POL-SEC-001", "Document ID", "POL-SEC-001"},
		{"**Version**: 2.0  ", "Version", "2.0"},
		{"- __Eier:__ IT-sjef\\", "Eier", "IT-sjef"},
		{"* *Owner*: **CISO**", "Owner", "CISO"},
		{"1. Versjon: 1.2<br>", "Versjon", "1.2"},
		{"Dokumenteier (Document owner): Anne", "Dokumenteier (Document owner)", "Anne"},
		{"Owner: [CISO](mailto:ciso@example.com)", "Owner", "CISO"},
		{"See https://example.com", "", ""},
		{"**Bold text** and more", "", ""},
		{"    Version: 2 (code)", "", ""},
	} {
		k, ok := parseKeyLine(c.in)
		if ok != (c.key != "") || ok && (k.key != c.key || k.value != c.value) {
			t.Errorf("parseKeyLine(%q) = %+v %v, want %q %q", c.in, k, ok, c.key, c.value)
		}
		if ok && !strings.HasPrefix(c.in[k.valueOff:], c.value[:1]) {
			t.Errorf("parseKeyLine(%q): the value is not at %d", c.in, k.valueOff)
		}
	}
	for in, want := range map[string]string{
		"Document ID": fID, "Dokument-ID": fID, "Doc ID": fID, "Versjon / Version": fVersion, "Dokumenteier": fOwner,
		"Godkjent av": fApprover, "Godkjent": fApproved, "Approval date": fApproved, "Gyldig fra": fEffective,
		"Ikrafttredelse": fEffective, "Neste gjennomgang": fReview, "Review Date": fReview, "Sist oppdatert": fDateLine,
		"Sensitivity": fClassification, "Status": fStatus, "Scope": "",
	} {
		if got := fieldOf(in); got != want {
			t.Errorf("fieldOf(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestInferType(t *testing.T) {
	for _, c := range []struct{ path, title, want string }{
		{"x.md", "Access Control Policy", "policy"},
		{"x.md", "Policy for Incident Management Procedures", "policy"},
		{"x.md", "Minutes of the Policy Review", "record"},
		{"x.md", "Standard Operating Procedure", "procedure"},
		{"x.md", "Sikkerhetspolicy", "policy"},
		{"x.md", "Informasjonssikkerhetspolitikk", "policy"},
		{"x.md", "Rutine for tilgangsstyring", "procedure"},
		{"x.md", "Retningslinjer for passord", "guideline"},
		{"x.md", "Beredskapsplan", "plan"},
		{"x.md", "Møtereferat ledelsens gjennomgang", "record"},
		{"x.md", "Revisjonsrapport 2026", "record"},
		{"x.md", "Backup Log", "record"},
		{"x.md", "Catalog of Services", ""},
		{"records/2026/q1.md", "Q1", "record"},
		{"policyer/x.md", "Tilgang", "policy"},
		{"a/veiledere/b/x.md", "Tilgang", "guideline"},
		{"docs/std-04-crypto.md", "Crypto", "standard"},
	} {
		got, _ := inferType(c.path, c.title, true, "")
		if got != c.want {
			t.Errorf("inferType(%q, %q) = %q, want %q", c.path, c.title, got, c.want)
		}
	}
}

func TestIDs(t *testing.T) {
	for in, want := range map[string]string{
		"POL-01": "POL-01", "POL 01": "POL-01", "pol_01": "pol_01", "A.5.15": "DOC-A.5.15", "5.15": "DOC-5.15",
		"01": "DOC-01", "Ærlig-ID": "AErlig-ID", "#12!": "DOC-12", "": "", "---": "",
	} {
		if got := validID(in); got != want {
			t.Errorf("validID(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"pol-02-access-control.md": "POL-02", "isms-pol-001.md": "ISMS-POL-001", "POL02.md": "POL02",
		"access-control-2026.md": "ACCESS-CONTROL-2026", "access control.md": "ACCESS-CONTROL",
		"01-backup.md": "BACKUP", "2026.md": "DOC-2026", "å.md": "AA",
	} {
		if got, _ := idFromName("x/" + in); got != want {
			t.Errorf("idFromName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTitleFromName(t *testing.T) {
	for in, want := range map[string]string{
		"backup-procedure.md": "Backup procedure", "pol-02-access-control.md": "Access control", "01-backup.md": "Backup",
		"isms-pol-001.md": "ISMS-POL-001", "Øvelse på beredskap.md": "Øvelse på beredskap", "2026.md": "2026",
	} {
		if got := titleFromName("x/" + in); got != want {
			t.Errorf("titleFromName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGuessLang(t *testing.T) {
	for in, want := range map[string]string{
		"Denne rutinen skal følges av alle ansatte, og det er ikke lov å dele passord.": "nb",
		"This procedure must be followed by all staff, and passwords are not shared.":   "en",
		"Short.": "",
	} {
		if got := guessLang(in); got != want {
			t.Errorf("guessLang(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzFile: on any input File never panics; what it writes has front
// matter with a valid id, a title and a type, and a second run leaves it.
func FuzzFile(f *testing.F) {
	for _, s := range []string{
		"# Access Control Policy\n\n**Document ID:** POL-01\n**Version:** 2.0\n\n---\n\nText\n",
		"Tittel\n===\nVersjon: 1\nDato: 2. april 2026\n",
		"| Field | Value |\n|---|---|\n| Owner | X |\n",
		"## Document control\n- Status: Draft\n# T\n```\ncode\n```\n",
		"\uFEFF\r\n# T\r\n[DATE]\r\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		r := File("dir/pol-01-x.md", []byte(in), Options{Lang: "en"})
		if !r.Changed() {
			return
		}
		fm, ok := tree.FindFrontMatter(r.New)
		if !ok {
			t.Fatalf("no front matter in %q", r.New)
		}
		var m map[string]any
		if err := yaml.Unmarshal(r.New[fm.Start:fm.End], &m); err != nil {
			t.Fatalf("%v in %q", err, r.New[fm.Start:fm.End])
		}
		id, _ := m["id"].(string)
		if !idPattern.MatchString(id) || catalog.LooksLikeControlID(id) {
			t.Fatalf("bad id %q", id)
		}
		if title, _ := m["title"].(string); strings.TrimSpace(title) == "" {
			t.Fatalf("no title in %q", r.New)
		}
		if again := File("dir/pol-01-x.md", r.New, Options{Lang: "en"}); again.Changed() {
			t.Fatalf("a second run changes %q", r.New)
		}
	})
}

// TestSiteCRLF: a CRLF file with a byte order mark, adopted in a site:
// the diff keeps both and git apply takes it.
func TestSiteCRLF(t *testing.T) {
	in := fstest.MapFS{
		"isms.yaml":         {Data: []byte("title: T\r\nlanguage: nb\r\n")},
		"soa.yaml":          {Data: []byte("controls:\r\n")},
		"rutiner/backup.md": {Data: []byte("\uFEFFSikkerhetskopi\r\n==============\r\n\r\n**Versjon:** 1.0\r\n**Eier:** IT\r\n\r\nVi tar kopi hver natt.\r\n")},
	}
	res, err := Site(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "\uFEFF---\r\nid: BACKUP\r\ntitle: Sikkerhetskopi\r\ntype: procedure\r\nowner: IT\r\nversion: \"1.0\"\r\n---\r\n\r\nVi tar kopi hver natt.\r\n"
	cs := res.Changes()
	if len(cs) != 1 || string(cs[0].New) != want {
		t.Fatalf("changes %q, want %q", cs, want)
	}
	gitApply(t, in, res.Diff(), map[string]string{"rutiner/backup.md": want})
}

// FuzzImportSoA: any file gives findings, never a panic, and what it
// writes is YAML.
func FuzzImportSoA(f *testing.F) {
	f.Add("x.csv", []byte(messy))
	f.Add("x.csv", []byte("id,applicable,status\n5.1,no,\nA.5.15,yes,Delvis\n"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		out, _ := ImportSoA("x.csv", data)
		if out == nil {
			return
		}
		var doc map[string]any
		if err := yaml.Unmarshal(out, &doc); err != nil {
			t.Fatalf("%v in:\n%s", err, out)
		}
	})
}
