package generator

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/isms-project/isms/catalog"
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
}

const configFile = "isms.yaml"

// readConfig decodes isms.yaml. Problems become findings; the returned
// config always holds usable values.
func readConfig(src []byte) (Config, Findings) {
	c := Config{Language: "nb", Theme: "default", ReviewWarningDays: 30, EvidenceMaxAgeDays: 365}
	r := &report{path: configFile}
	root := readYAMLFile(r, src)
	if root == nil {
		return c, r.findings
	}
	d := fieldDecoder{r: r}
	for i, k := range root.keys {
		v := root.vals[i]
		switch k.text {
		case "title":
			c.Title = d.text(k, v)
		case "organization":
			c.Organization = d.text(k, v)
		case "scope":
			c.Scope = strings.TrimSpace(d.text(k, v))
		case "version":
			c.Version = d.text(k, v)
		case "language":
			if s := d.enum(k, v, siteLanguages); s != "" {
				c.Language = s
			}
		case "theme":
			if s := d.text(k, v); s != "" {
				c.Theme = s
			}
		case "review_warning_days":
			c.ReviewWarningDays = d.days(k, v, c.ReviewWarningDays)
		case "evidence_max_age_days":
			c.EvidenceMaxAgeDays = d.days(k, v, c.EvidenceMaxAgeDays)
		case "unsafe_html":
			c.UnsafeHTML = d.boolean(k, v)
		default:
			r.warnf(k.at, "unknown field %q in isms.yaml (known: title, organization, language, scope, version, theme, review_warning_days, evidence_max_age_days, unsafe_html)", k.text)
		}
	}
	if c.Title == "" {
		r.errorf(fileStart, "isms.yaml has no title")
	}
	return c, r.findings
}

// readYAMLFile parses a YAML file whose top level must be a mapping.
func readYAMLFile(r *report, src []byte) *value {
	if !checkText(r, src) {
		return nil
	}
	root, err := parseYAML(src, 1)
	if err != nil {
		se := err.(*syntaxError)
		r.errorf(se.at, "%s", se.msg)
		return nil
	}
	if root.kind == nullValue {
		return &value{kind: mapValue}
	}
	if root.kind != mapValue {
		r.errorf(root.at, "%s must be a mapping of fields, not %s", r.path, root.describe())
		return nil
	}
	checkDuplicateKeys(r, root)
	return root
}

func checkDuplicateKeys(r *report, m *value) {
	seen := make(map[string]loc, len(m.keys))
	for _, k := range m.keys {
		if first, ok := seen[k.text]; ok {
			r.errorf(k.at, "field %q appears twice (first at line %d)", k.text, first.line)
			continue
		}
		seen[k.text] = k.at
	}
}

var (
	siteLanguages     = []string{"nb", "en"}
	documentLanguages = []string{"nb", "nn", "en"}
	soaReasons        = []string{"risk", "legal", "contract", "business"}
	soaStatuses       = []string{"implemented", "partial", "planned", "not-started"}
)

// fieldDecoder turns tree values into Go values, reporting each problem at
// the value it is about.
type fieldDecoder struct{ r *report }

func (d fieldDecoder) text(k, v *value) string {
	switch v.kind {
	case scalarValue:
		return v.text
	case nullValue:
		return ""
	}
	d.r.errorf(v.at, "%s must be text, not %s", k.text, v.describe())
	return ""
}

func (d fieldDecoder) enum(k, v *value, allowed []string) string {
	s := strings.TrimSpace(d.text(k, v))
	if s == "" || slices.Contains(allowed, s) {
		return s
	}
	d.r.errorf(v.at, "unknown %s %q (use one of: %s)", k.text, s, strings.Join(allowed, ", "))
	return ""
}

func (d fieldDecoder) days(k, v *value, def int) int {
	n, err := strconv.Atoi(strings.TrimSpace(v.text))
	if v.kind != scalarValue || err != nil || n < 0 {
		d.r.errorf(v.at, "%s must be a whole number of days, not %s", k.text, v.describe())
		return def
	}
	return n
}

func (d fieldDecoder) boolean(k, v *value) bool {
	switch strings.ToLower(v.text) {
	case "true", "yes", "on":
		return v.kind == scalarValue
	case "false", "no", "off", "":
		return false
	}
	d.r.errorf(v.at, "%s must be true or false, not %s", k.text, v.describe())
	return false
}

// date reads YYYY-MM-DD (YAML text or timestamp, or a TOML date).
func (d fieldDecoder) date(k, v *value) time.Time {
	if v.kind == nullValue {
		return time.Time{}
	}
	if !v.date.IsZero() {
		return time.Date(v.date.Year(), v.date.Month(), v.date.Day(), 0, 0, 0, 0, time.UTC)
	}
	if v.kind == scalarValue {
		if t, err := time.Parse("2006-01-02", strings.TrimSpace(v.text)); err == nil {
			return t
		}
	}
	d.r.errorf(v.at, "%s must be a date written YYYY-MM-DD, not %s", k.text, v.describe())
	return time.Time{}
}

// list reads a list of scalars; a single scalar is taken as a list of one.
func (d fieldDecoder) list(k, v *value) []*value {
	switch v.kind {
	case nullValue:
		return nil
	case scalarValue:
		return []*value{v}
	case listValue:
		var out []*value
		for _, item := range v.items {
			if item.kind != scalarValue {
				d.r.errorf(item.at, "%s: each item must be text, not %s", k.text, item.describe())
				continue
			}
			out = append(out, item)
		}
		return out
	}
	d.r.errorf(v.at, "%s must be a list, not %s", k.text, v.describe())
	return nil
}

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
	refs          []soaRef
	at            loc
}

// soaRef is a [[…]] reference inside a justification.
type soaRef struct {
	target string
	at     loc
}

const soaFile = "soa.yaml"

func readSoA(src []byte, cat *catalog.Catalog) (SoA, Findings) {
	s := SoA{Controls: map[string]*Applicability{}, present: true}
	r := &report{path: soaFile}
	root := readYAMLFile(r, src)
	if root == nil {
		return s, r.findings
	}
	d := fieldDecoder{r: r}
	for i, k := range root.keys {
		v := root.vals[i]
		switch k.text {
		case "version":
			s.Version = d.text(k, v)
		case "approver":
			s.Approver = d.text(k, v)
		case "approved":
			s.Approved = d.date(k, v)
		case "controls":
			readSoAControls(d, cat, v, &s)
		default:
			r.warnf(k.at, "unknown field %q in soa.yaml (known: version, approver, approved, controls)", k.text)
		}
	}
	return s, r.findings
}

func readSoAControls(d fieldDecoder, cat *catalog.Catalog, v *value, s *SoA) {
	if v.kind == nullValue {
		return
	}
	if v.kind != mapValue {
		d.r.errorf(v.at, "controls must map control IDs to their applicability, not %s", v.describe())
		return
	}
	checkDuplicateKeys(d.r, v)
	for i, k := range v.keys {
		c, ok := cat.Control(k.text)
		if !ok {
			if c13, ok := cat.Control2013(k.text); ok {
				d.r.errorf(k.at, "%s is an ISO/IEC 27002:2013 control; the SoA lists 2022 controls (%s)", c13.ID, successorList(c13))
			} else {
				d.r.errorf(k.at, "unknown control %q in soa.yaml (%s)", k.text, cat.SuggestControl(k.text))
			}
			continue
		}
		if _, dup := s.Controls[c.ID]; dup {
			d.r.errorf(k.at, "control %s appears twice in soa.yaml", c.ID)
			continue
		}
		a := &Applicability{Control: c.ID, Applicable: true, at: k.at}
		s.Controls[c.ID] = a
		e := v.vals[i]
		if e.kind != mapValue {
			d.r.errorf(e.at, "control %s: expected fields (applicable, reasons, status, justification), not %s", c.ID, e.describe())
			continue
		}
		for j, fk := range e.keys {
			fv := e.vals[j]
			switch fk.text {
			case "applicable":
				a.Applicable = d.boolean(fk, fv) || fv.kind == nullValue
			case "reasons":
				for _, item := range d.list(fk, fv) {
					if reason := d.enum(&value{text: "reason"}, item, soaReasons); reason != "" {
						a.Reasons = append(a.Reasons, reason)
					}
				}
			case "status":
				a.Status = d.enum(fk, fv, soaStatuses)
			case "justification":
				a.Justification = strings.TrimSpace(d.text(fk, fv))
				a.refs = scanSoARefs(a.Justification, fv.at)
			default:
				d.r.warnf(fk.at, "unknown field %q for control %s (known: applicable, reasons, status, justification)", fk.text, c.ID)
			}
		}
		if !a.Applicable && a.Justification == "" {
			d.r.errorf(k.at, "control %s is excluded (applicable: false) without a justification; the SoA must say why", c.ID)
		}
	}
}

// scanSoARefs finds [[…]] references in a justification. Positions point
// at the justification's value, since folded YAML text has no exact columns.
func scanSoARefs(s string, at loc) []soaRef {
	var refs []soaRef
	textRefs(s, func(string) {}, func(target, _ string) {
		if target != "" && !strings.ContainsAny(target, "[]") {
			refs = append(refs, soaRef{target: target, at: at})
		}
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
