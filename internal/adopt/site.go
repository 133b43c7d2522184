package adopt

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/isms-project/isms/internal/edit"
	"github.com/isms-project/isms/internal/finding"
	"github.com/isms-project/isms/internal/model"
	"github.com/isms-project/isms/internal/render"
	"github.com/isms-project/isms/internal/sitefs"
)

const (
	configFile = "isms.yaml"
	soaFile    = "soa.yaml"
)

// SiteResult is what adopt makes of a site folder.
type SiteResult struct {
	Lang   string    // the site language: given, from isms.yaml, or guessed from the documents
	Files  []*Result // every Markdown document looked at, in path order
	Config []byte    // a new isms.yaml, when the site has none
	SoA    []byte    // a soa.yaml skeleton, when the site has none
	// Findings are every file's findings and the site's, sorted.
	Findings finding.Findings
}

// Change is one file adopt writes: a document given front matter, or a
// new isms.yaml or soa.yaml (Old is nil).
type Change struct {
	Path     string
	Old, New []byte
}

// Changes lists the files to write, in path order.
func (s *SiteResult) Changes() []Change {
	var cs []Change
	if s.Config != nil {
		cs = append(cs, Change{Path: configFile, New: s.Config})
	}
	if s.SoA != nil {
		cs = append(cs, Change{Path: soaFile, New: s.SoA})
	}
	for _, f := range s.Files {
		if f.Changed() {
			cs = append(cs, Change{Path: f.Path, Old: f.Old, New: f.New})
		}
	}
	slices.SortFunc(cs, func(a, b Change) int { return strings.Compare(a.Path, b.Path) })
	return cs
}

// Diff is every change as one unified diff that git apply takes: paths
// prefixed a/ and b/, new files from /dev/null.
func (s *SiteResult) Diff() []byte {
	var b bytes.Buffer
	for _, c := range s.Changes() {
		oldName := "a/" + c.Path
		if c.Old == nil {
			oldName = "/dev/null"
		}
		b.Write(edit.Diff(oldName, "b/"+c.Path, c.Old, c.New))
	}
	return b.Bytes()
}

// Site adopts every Markdown document of the site in fsys (SPEC §3: not
// under themes/, static/ or folders starting with '.' or '_'; not matched
// by isms.yaml's exclude globs; README.md and index.md introduce their
// folder and are not documents). IDs are made unique across the site:
// the IDs of documents that have front matter are kept, documents that
// state their ID come next, then the others, each group in path order.
// It reads fsys and writes nothing.
func Site(fsys fs.FS, opts Options) (*SiteResult, error) {
	res := &SiteResult{}
	var cfg model.Config
	cfgSrc, err := sitefs.ReadInside(fsys, configFile)
	hasConfig := err == nil
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("reading %s: %w", configFile, err)
	default:
		// Read as the build reads it; its errors (a syntax error, a bad
		// glob) are worth telling here too, its warnings are isms check's.
		var findings finding.Findings
		cfg, findings = model.ReadConfig(cfgSrc)
		for _, f := range findings {
			if f.Severity == finding.Error && !strings.Contains(f.Message, "no title") {
				res.Findings = append(res.Findings, f)
			}
		}
	}
	if _, err := fs.Stat(fsys, soaFile); errors.Is(err, fs.ErrNotExist) {
		defer func() { res.SoA = soaSkeleton(res.Lang) }()
	}
	files, err := render.WalkContent(fsys, cfg)
	if err != nil {
		return nil, err
	}
	res.Findings = append(res.Findings, files.Findings...)

	taken := map[string]bool{}
	for id := range opts.Taken {
		taken[strings.ToUpper(id)] = true
	}
	type doc struct {
		path string
		src  []byte
		lang string
	}
	var docs []doc
	nb, en := 0, 0
	for _, p := range files.Docs {
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", p, err)
		}
		if id := model.DocumentID(src); id != "" {
			taken[strings.ToUpper(id)] = true
		}
		lang := guessLang(string(src))
		switch lang {
		case "nb":
			nb++
		case "en":
			en++
		}
		docs = append(docs, doc{p, src, lang})
	}
	res.Lang = opts.Lang
	if res.Lang == "" && hasConfig {
		res.Lang = cfg.Language
	}
	if res.Lang == "" {
		res.Lang = "nb"
		if en > nb {
			res.Lang = "en"
		}
	}

	fileOpts := opts
	fileOpts.Lang = res.Lang
	drafts := make([]*draft, len(docs))
	for i, d := range docs {
		drafts[i] = infer(d.path, d.src, fileOpts, d.lang)
	}
	for _, given := range []bool{true, false} {
		for _, d := range drafts {
			if !d.skip && d.idGiven == given {
				d.assignID(taken)
				taken[strings.ToUpper(d.fields[fID].Value)] = true
			}
		}
	}
	for _, d := range drafts {
		var r *Result
		if d.skip {
			r = d.result()
		} else {
			r = d.render()
		}
		res.Files = append(res.Files, r)
		res.Findings = append(res.Findings, r.Findings...)
	}
	if !hasConfig {
		var f finding.Findings
		res.Config, f = newConfig(opts.Org, res.Lang)
		res.Findings = append(res.Findings, f...)
	}
	res.Findings.Sort()
	return res, nil
}

// newConfig writes an isms.yaml for a site that has none.
func newConfig(org, lang string) ([]byte, finding.Findings) {
	var b strings.Builder
	var f finding.Findings
	name := map[string]string{"nb": "Styringssystem for informasjonssikkerhet", "en": "Information Security Management System"}[lang]
	title := name
	if org != "" {
		title = org + " — " + name
	} else {
		f = append(f, finding.Finding{Pos: finding.Pos{Path: configFile, Line: 1, Col: 1}, Severity: finding.Warning,
			Message: "no organisation given (isms adopt --org NAME): isms.yaml gets a title without it; add organization to isms.yaml"})
	}
	b.WriteString("title: " + edit.YAMLString(title) + "\n")
	if org != "" {
		b.WriteString("organization: " + edit.YAMLString(org) + "\n")
	}
	b.WriteString("language: " + lang + "\n")
	if lang == "nb" {
		b.WriteString("# scope: >\n#   Omfanget av styringssystemet (ISO/IEC 27001 punkt 4.3), vist på forsiden.\n")
	} else {
		b.WriteString("# scope: >\n#   The scope of the ISMS (ISO/IEC 27001 clause 4.3), shown on the home page.\n")
	}
	return []byte(b.String()), f
}

// soaSkeleton is a soa.yaml that says nothing yet (every control is
// applicable) and shows how to fill it in.
func soaSkeleton(lang string) []byte {
	if lang == "nb" {
		return []byte(`# Erklæring om anvendelighet (SoA). Alle sikkerhetstiltak i ISO/IEC 27002:2022
# er anvendelige til de står her med applicable: false og en begrunnelse.
# version: "1.0"
# approver: Daglig leder
# approved: 2026-01-31
controls:
  # "7.4":
  #   applicable: false
  #   justification: Hvorfor tiltaket ikke er relevant for oss.
  # "8.28":
  #   reasons: [risk, contract]   # risk | legal | contract | business
  #   status: partial             # implemented | partial | planned | not-started
`)
	}
	return []byte(`# Statement of Applicability (SoA). Every ISO/IEC 27002:2022 control is
# applicable until it is listed here with applicable: false and a justification.
# version: "1.0"
# approver: CEO
# approved: 2026-01-31
controls:
  # "7.4":
  #   applicable: false
  #   justification: Why the control does not apply to us.
  # "8.28":
  #   reasons: [risk, contract]   # risk | legal | contract | business
  #   status: partial             # implemented | partial | planned | not-started
`)
}
