package model

import (
	"errors"
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/isms-project/isms/catalog"
	"github.com/isms-project/isms/internal/finding"
	"github.com/isms-project/isms/internal/markdown"
	"github.com/isms-project/isms/internal/tree"
)

// Config is a site's isms.yaml.
type Config struct {
	Title        string
	Organization string
	Language     string // nb | en: UI and catalogue-title language
	Scope        string // the ISMS scope statement (clause 4.3)
	Version      string // the ISMS version shown in the footer and on the SoA
	Theme        string // "default", or a folder in the site that overrides the default theme

	ReviewWarningDays  int // reviews due within this many days (inclusive) are flagged
	EvidenceMaxAgeDays int // records older than this no longer evidence a control
	UnsafeHTML         bool

	// MaxClassification is the highest classification a build publishes
	// (publish.max_classification; default internal): documents above it
	// are withheld.
	MaxClassification string
	// Exclude are globs of site paths that are not documents.
	Exclude []string
	// RepositoryURL links a commit: {hash} is replaced by the commit's hash.
	RepositoryURL string
}

// configFields are isms.yaml's fields, for the message about an unknown one.
const configFields = "title, organization, language, scope, version, theme, review_warning_days, evidence_max_age_days, unsafe_html, publish, exclude, repository_url"

const ConfigFile = "isms.yaml"

// ErrNotSite is what reading a folder without isms.yaml as a site gives.
var ErrNotSite = errors.New("not an isms site: no isms.yaml")

// readConfig decodes isms.yaml. Problems become findings; the returned
// config always holds usable values.
func ReadConfig(src []byte) (Config, finding.Findings) {
	c := Config{Language: "nb", Theme: "default", ReviewWarningDays: 30, EvidenceMaxAgeDays: 365, MaxClassification: "internal"}
	r := &finding.Report{Path: ConfigFile}
	root := tree.ReadYAMLFile(r, src)
	if root == nil {
		return c, r.Findings
	}
	d := tree.Decoder{R: r}
	for i, k := range root.Keys {
		v := root.Vals[i]
		switch k.Text {
		case "title":
			c.Title = d.Text(k, v)
		case "organization":
			c.Organization = d.Text(k, v)
		case "scope":
			c.Scope = strings.TrimSpace(d.Text(k, v))
		case "version":
			c.Version = d.Text(k, v)
		case "language":
			if s := d.Enum(k, v, SiteLanguages); s != "" {
				c.Language = s
			}
		case "theme":
			if s := d.Text(k, v); s != "" {
				c.Theme = s
			}
		case "review_warning_days":
			c.ReviewWarningDays = d.Days(k, v, c.ReviewWarningDays)
		case "evidence_max_age_days":
			c.EvidenceMaxAgeDays = d.Days(k, v, c.EvidenceMaxAgeDays)
		case "unsafe_html":
			c.UnsafeHTML = d.Boolean(k, v)
		case "publish":
			readPublish(r, d, v, &c)
		case "exclude":
			for _, item := range d.List(k, v) {
				if _, err := path.Match(item.Text, ""); err != nil {
					r.Errorf(item.At, "exclude: %q is not a valid glob pattern", item.Text)
					continue
				}
				c.Exclude = append(c.Exclude, item.Text)
			}
		case "repository_url":
			c.RepositoryURL = strings.TrimSpace(d.Text(k, v))
			if c.RepositoryURL != "" && !strings.Contains(c.RepositoryURL, "{hash}") {
				r.Warnf(v.At, "repository_url has no {hash}: every commit would link to the same address (write e.g. https://git.example.com/isms/commit/{hash})")
			}
		default:
			r.Warnf(k.At, "unknown field %q in isms.yaml (known: %s)", k.Text, configFields)
		}
	}
	if c.Title == "" {
		r.Errorf(finding.FileStart, "isms.yaml has no title")
	}
	return c, r.Findings
}

// readPublish reads isms.yaml's publish mapping.
func readPublish(r *finding.Report, d tree.Decoder, v *tree.Value, c *Config) {
	if v.Kind == tree.Null {
		return
	}
	if v.Kind != tree.Map {
		r.Errorf(v.At, "publish must be a mapping (max_classification: internal), not %s", v.Describe())
		return
	}
	tree.CheckDuplicateKeys(r, v)
	for i, k := range v.Keys {
		switch k.Text {
		case "max_classification":
			if s := d.Enum(k, v.Vals[i], Classifications); s != "" {
				c.MaxClassification = s
			}
		default:
			r.Warnf(k.At, "unknown field %q in publish (known: max_classification)", k.Text)
		}
	}
}

var (
	SiteLanguages     = []string{"nb", "en"}
	documentLanguages = []string{"nb", "nn", "en"}
	soaReasons        = []string{"risk", "legal", "contract", "business"}
	SoAStatuses       = []string{"implemented", "partial", "planned", "not-started"}
)

// SoA is a site's soa.yaml: the Statement of Applicability input.
type SoA struct {
	Version  string
	Approver string
	Approved time.Time
	Controls map[string]*Applicability // by 2022 control ID
	present  bool                      // the site has a soa.yaml
}

// Applicability is what soa.yaml says of one control.
type Applicability struct {
	Control       string
	Applicable    bool
	Reasons       []string // risk | legal | contract | business
	Status        string   // implemented | partial | planned | not-started; "" derives it from coverage
	Justification string
	Refs          []RefTarget // the justification's [[…]] references, resolved, in order
	refs          []textRef
	at            finding.Loc
}

// textRef is a [[…]] reference in the text of soa.yaml or risks.yaml.
type textRef struct {
	target, own string
	at          finding.Loc
}

const SoAFile = "soa.yaml"

func ReadSoA(src []byte, cat *catalog.Catalog) (SoA, finding.Findings) {
	s := SoA{Controls: map[string]*Applicability{}, present: true}
	r := &finding.Report{Path: SoAFile}
	root := tree.ReadYAMLFile(r, src)
	if root == nil {
		return s, r.Findings
	}
	d := tree.Decoder{R: r}
	for i, k := range root.Keys {
		v := root.Vals[i]
		switch k.Text {
		case "version":
			s.Version = d.Text(k, v)
		case "approver":
			s.Approver = d.Text(k, v)
		case "approved":
			s.Approved = d.Date(k, v)
		case "controls":
			readSoAControls(d, cat, v, &s)
		default:
			r.Warnf(k.At, "unknown field %q in soa.yaml (known: version, approver, approved, controls)", k.Text)
		}
	}
	return s, r.Findings
}

func readSoAControls(d tree.Decoder, cat *catalog.Catalog, v *tree.Value, s *SoA) {
	if v.Kind == tree.Null {
		return
	}
	if v.Kind != tree.Map {
		d.R.Errorf(v.At, "controls must map control IDs to their applicability, not %s", v.Describe())
		return
	}
	tree.CheckDuplicateKeys(d.R, v)
	for i, k := range v.Keys {
		c, ok := cat.Control(k.Text)
		if !ok {
			if c13, ok := cat.Control2013(k.Text); ok {
				d.R.Errorf(k.At, "%s is an ISO/IEC 27002:2013 control; the SoA lists 2022 controls (%s)", c13.ID, successorList(c13))
			} else {
				d.R.Errorf(k.At, "unknown control %q in soa.yaml (%s)", k.Text, cat.SuggestControl(k.Text))
			}
			continue
		}
		if _, dup := s.Controls[c.ID]; dup {
			d.R.Errorf(k.At, "control %s appears twice in soa.yaml", c.ID)
			continue
		}
		a := &Applicability{Control: c.ID, Applicable: true, at: k.At}
		s.Controls[c.ID] = a
		e := v.Vals[i]
		if e.Kind != tree.Map {
			d.R.Errorf(e.At, "control %s: expected fields (applicable, reasons, status, justification), not %s", c.ID, e.Describe())
			continue
		}
		for j, fk := range e.Keys {
			fv := e.Vals[j]
			switch fk.Text {
			case "applicable":
				a.Applicable = d.Boolean(fk, fv) || fv.Kind == tree.Null
			case "reasons":
				for _, item := range d.List(fk, fv) {
					if reason := d.Enum(&tree.Value{Text: "reason"}, item, soaReasons); reason != "" {
						a.Reasons = append(a.Reasons, reason)
					}
				}
			case "status":
				a.Status = d.Enum(fk, fv, SoAStatuses)
			case "justification":
				a.Justification = strings.TrimSpace(d.Text(fk, fv))
				a.refs = scanTextRefs(a.Justification, fv.At)
			default:
				d.R.Warnf(fk.At, "unknown field %q for control %s (known: applicable, reasons, status, justification)", fk.Text, c.ID)
			}
		}
		if !a.Applicable && a.Justification == "" {
			d.R.Errorf(k.At, "control %s is excluded (applicable: false) without a justification; the SoA must say why", c.ID)
		}
	}
}

// scanTextRefs finds the [[…]] references in text from a YAML file, in
// order. Positions point at the text's value, since folded YAML text has
// no exact columns.
func scanTextRefs(s string, at finding.Loc) []textRef {
	var refs []textRef
	markdown.TextRefs(s, func(string) {}, func(target, own string) {
		refs = append(refs, textRef{target: target, own: own, at: at})
	})
	return refs
}

func successorList(c *catalog.Control2013) string {
	ids := make([]string, len(c.Successors))
	for i, s := range c.Successors {
		ids[i] = s.ID
	}
	if len(ids) == 1 {
		return "in 2022 it is " + ids[0]
	}
	return fmt.Sprintf("in 2022 it is %s", strings.Join(ids, " and "))
}
