package model

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/isms-project/isms/catalog"
	"github.com/isms-project/isms/internal/finding"
	"github.com/isms-project/isms/internal/markdown"
	"github.com/isms-project/isms/internal/risk"
	"github.com/isms-project/isms/internal/sitefs"
	"github.com/isms-project/isms/internal/urls"
	"github.com/isms-project/isms/internal/words"
)

// Site is the resolved graph of a build: the published documents, the
// controls and clauses with the documents that address them, and the links
// between documents. Templates read it; nothing changes it after resolve.
type Site struct {
	Config  Config
	SoA     SoA
	Catalog *catalog.Catalog
	Today   time.Time
	Drafts  bool // drafts are published
	Preview bool // a preview (isms serve): withheld documents are shown, marked, not left out

	Documents []*Document // published documents, in natural ID order
	Controls  []*ControlCoverage
	Clauses   []*ClauseCoverage
	Legacy    []LegacyMention // 2013 control IDs still cited in front matter
	Withheld  []*Document     // documents this build withholds, as stubs (after Redact)

	// Risks is the risk register (risks.yaml), nil when the site has none;
	// RiskText holds each risk's description rendered from Markdown, by
	// risk ID, and Resolve fills RiskRefs with its references.
	// Intro is the site folder's README.md or index.md rendered, shown
	// above the list of documents; IntroRefs are its references.
	Intro     *markdown.Body
	IntroPath string
	IntroRefs []RefTarget

	Risks    *risk.Register
	RiskText map[string]*markdown.Body
	RiskRefs map[string][]RefTarget

	byID        map[string]*Document // every document with a valid, unique ID (drafts too)
	controls    map[string]*ControlCoverage
	clauses     map[string]*ClauseCoverage
	resolved    map[*Document]*Resolved
	attachments map[string]int64 // linked site files to copy, with sizes
	summary     siteLists
}

// Resolved is what resolution found for one document.
type Resolved struct {
	Controls   []*ControlCoverage // cited in front matter (2013 IDs mapped to their successors)
	Clauses    []*ClauseCoverage
	Related    []*Document // published documents in `related`
	LinksTo    []*Document // published documents linked from related or the body
	LinkedFrom []*Document // published documents linking here (backlinks)
	Legacy     []LegacyMention
	Refs       []RefTarget // expansions of the body's placeholders
}

// Level is a control's coverage.
type Level int

const (
	Gap Level = iota
	Documented
	Evidenced
	Excluded
)

func (l Level) String() string {
	return [...]string{"gap", "documented", "evidenced", "excluded"}[l]
}

// ControlCoverage is a control of the catalogue with what the site says
// about it.
type ControlCoverage struct {
	*catalog.Control
	Applicable    bool
	Applicability *Applicability // soa.yaml's entry, or nil
	Documents     []*Document    // approved governing documents citing it
	Records       []*Document    // approved records citing it, newest first
	Others        []*Document    // other published documents citing it (in review, retired)
	Level         Level
	EvidenceOnly  bool     // records cite it but no governing document does
	Risks         []string // the risks of the register that select it, in ID order
}

// Reasons are why the control is included: soa.yaml's reasons, and "risk"
// when a risk of the register selects it.
func (c *ControlCoverage) Reasons() []string {
	var out []string
	if c.Applicability != nil {
		out = c.Applicability.Reasons
	}
	if len(c.Risks) > 0 && !slices.Contains(out, "risk") {
		out = append([]string{"risk"}, out...)
	}
	return out
}

// Status is the implementation status: soa.yaml's, or derived from coverage.
func (c *ControlCoverage) Status() string {
	if c.Applicability != nil && c.Applicability.Status != "" {
		return c.Applicability.Status
	}
	switch c.Level {
	case Evidenced:
		return "implemented"
	case Documented:
		return "partial"
	case Excluded:
		return ""
	}
	return "not-started"
}

// StatusDerived reports whether Status comes from coverage, not soa.yaml.
func (c *ControlCoverage) StatusDerived() bool {
	return c.Applicability == nil || c.Applicability.Status == ""
}

// ClauseCoverage is an ISO/IEC 27001 clause with the documents that address it.
type ClauseCoverage struct {
	*catalog.Clause
	Documents []*Document // governing documents citing it
	Records   []*Document
	Others    []*Document
}

// Addressed reports whether some document cites the clause or one of its sub-clauses.
func (c *ClauseCoverage) Addressed(s *Site) bool {
	if len(c.Documents)+len(c.Records) > 0 {
		return true
	}
	for _, child := range c.Children {
		if s.Clause(child.ID).Addressed(s) {
			return true
		}
	}
	return false
}

// LegacyMention is a 2013 control ID a document still cites.
type LegacyMention struct {
	Document *Document
	Control  *catalog.Control2013
	Body     bool // a [[…]] in the body, not front matter
	At       finding.Pos
}

// RefTarget is how a resolved reference shows: a placeholder of a body,
// or a [[…]] in the text of soa.yaml or risks.yaml.
type RefTarget struct {
	Href     string // the site path it links to; "" renders plain text
	Text     string // link text, for [[…]] references
	Title    string // tooltip
	Class    string
	Withheld bool // it names a document this build withholds: its ID, marked, without a link
}

// Document returns the published document with that ID.
func (s *Site) Document(id string) (*Document, bool) {
	d, ok := s.byID[id]
	if !ok || !d.Published(s.Drafts) {
		return nil, false
	}
	return d, true
}

// Of returns what resolution found for a published document.
func (s *Site) Of(d *Document) *Resolved { return s.resolved[d] }

// Control returns a control's coverage.
func (s *Site) Control(id string) *ControlCoverage { return s.controls[id] }

// Clause returns a clause's coverage.
func (s *Site) Clause(id string) *ClauseCoverage { return s.clauses[id] }

// resolver builds a Site from the read documents.
type resolver struct {
	site     *Site
	all      []*Document
	byPath   map[string]*Document
	files    map[string]int64
	findings finding.Findings
}

func (r *resolver) errorf(d *Document, at finding.Loc, format string, args ...any) {
	r.add(d.Path, finding.Error, at, format, args...)
}

func (r *resolver) warnf(d *Document, at finding.Loc, format string, args ...any) {
	r.add(d.Path, finding.Warning, at, format, args...)
}

func (r *resolver) add(p string, sev finding.Severity, at finding.Loc, format string, args ...any) {
	if at.Line < 1 {
		at = finding.FileStart
	}
	r.findings = append(r.findings, finding.Finding{Pos: finding.Pos{Path: p, Line: at.Line, Col: at.Col}, Severity: sev, Message: fmt.Sprintf(format, args...)})
}

// resolve links the documents to the catalogue and to each other, and
// works out coverage.
func Resolve(site *Site, docs []*Document, files map[string]int64) finding.Findings {
	r := &resolver{site: site, all: docs, files: files, byPath: map[string]*Document{}}
	site.byID = map[string]*Document{}
	site.controls = map[string]*ControlCoverage{}
	site.clauses = map[string]*ClauseCoverage{}
	site.resolved = map[*Document]*Resolved{}
	site.attachments = map[string]int64{}

	r.indexDocuments()
	for _, c := range site.Catalog.Controls() {
		cc := &ControlCoverage{Control: c, Applicable: true, Applicability: site.SoA.Controls[c.ID]}
		if cc.Applicability != nil {
			cc.Applicable = cc.Applicability.Applicable
		}
		site.Controls = append(site.Controls, cc)
		site.controls[c.ID] = cc
	}
	for _, c := range site.Catalog.Clauses() {
		cc := &ClauseCoverage{Clause: c}
		site.Clauses = append(site.Clauses, cc)
		site.clauses[c.ID] = cc
	}
	for _, d := range docs {
		if d.ID == "" || site.byID[d.ID] != d {
			continue // invalid or duplicate ID: reported, not resolved
		}
		res := &Resolved{}
		r.frontMatter(d, res)
		r.body(d, res)
		r.attachments(d)
		r.review(d)
		if d.Published(site.Drafts) {
			site.resolved[d] = res
		}
	}
	r.backlinks()
	r.coverage()
	r.soaReferences()
	r.risks()
	r.intro()
	return r.findings
}

// risks resolves the references in the risk descriptions and checks the
// register against the documents and soa.yaml.
func (r *resolver) risks() {
	s := r.site
	if s.Risks == nil {
		return
	}
	for _, c := range s.Controls {
		for _, rk := range s.Risks.Selecting(c.ID) {
			c.Risks = append(c.Risks, rk.ID)
		}
		slices.SortFunc(c.Risks, NaturalCompare)
	}
	s.RiskRefs = map[string][]RefTarget{}
	for _, rk := range s.Risks.Risks {
		body := s.RiskText[rk.ID]
		if body == nil {
			continue
		}
		refs := make([]RefTarget, len(body.Refs))
		for i, ref := range body.Refs {
			if ref.Kind == markdown.RefWiki {
				refs[i], _, _ = r.reference(risk.File, " (in the description of "+rk.ID+")", nil, ref.Target, ref.Text, ref.At)
			}
		}
		s.RiskRefs[rk.ID] = refs
	}
	var reasons []risk.ReasonAt
	for _, c := range s.Controls {
		if a := c.Applicability; a != nil && slices.Contains(a.Reasons, "risk") {
			reasons = append(reasons, risk.ReasonAt{Control: c.ID, At: finding.Pos{Path: SoAFile, Line: a.at.Line, Col: a.at.Col}})
		}
	}
	r.findings = append(r.findings, s.Risks.Check(risk.CheckContext{
		Today: s.Today,
		Document: func(id string) (string, bool) {
			d, ok := s.byID[id]
			if !ok {
				return "", false
			}
			return d.Path, true
		},
		Excluded: func(id string) bool {
			c := s.controls[id]
			return c != nil && !c.Applicable
		},
		RiskReasons: reasons,
	})...)
}

// indexDocuments lists the published documents and reports duplicate IDs
// at every place they occur.
func (r *resolver) indexDocuments() {
	s := r.site
	first := map[string]*Document{}
	folded := map[string]*Document{}
	for _, d := range r.all {
		if d.ID == "" {
			continue
		}
		key := strings.ToLower(d.ID)
		if other, dup := folded[key]; dup {
			if other.ID == d.ID {
				r.errorf(d, d.idAt, "duplicate id %s (also in %s)", d.ID, other.Path)
			} else {
				r.errorf(d, d.idAt, "id %s differs from %s (in %s) only in letter case; page addresses would collide", d.ID, other.ID, other.Path)
			}
			if first[key] != nil {
				r.errorf(other, other.idAt, "duplicate id %s (also in %s)", other.ID, d.Path)
				first[key] = nil
			}
			continue // the first keeps the ID, so references to it still resolve
		}
		folded[key] = d
		first[key] = d
		s.byID[d.ID] = d
	}
	for _, d := range r.all {
		d.Withheld = Above(d.Classification, s.Config.MaxClassification)
		if d.ID != "" && s.byID[d.ID] == d {
			r.byPath[d.Path] = d
			if d.Published(s.Drafts) {
				s.Documents = append(s.Documents, d)
			}
		}
	}
	slices.SortFunc(s.Documents, func(a, b *Document) int { return NaturalCompare(a.ID, b.ID) })
}

func (r *resolver) frontMatter(d *Document, res *Resolved) {
	s := r.site
	seen := map[string]bool{}
	addControl := func(c *catalog.Control) {
		if !seen[c.ID] {
			seen[c.ID] = true
			res.Controls = append(res.Controls, s.Control(c.ID))
		}
	}
	for _, m := range d.Controls {
		kind, id := catalog.Classify(m.ID)
		switch kind {
		case catalog.KindControl:
			c, ok := s.Catalog.Control(id)
			if !ok {
				r.errorf(d, m.at, "unknown control %q (%s)", m.ID, s.Catalog.SuggestControl(m.ID))
				continue
			}
			addControl(c)
		case catalog.KindControl2013:
			c13, ok := s.Catalog.Control2013(id)
			if !ok {
				r.errorf(d, m.at, "unknown ISO/IEC 27002:2013 control %q (%s)", m.ID, s.Catalog.Suggest2013(m.ID))
				continue
			}
			if d.Status != "retired" { // kept for the record, not maintained
				r.warnf(d, m.at, "%s is an ISO/IEC 27002:2013 control; %s (isms migrate rewrites it)", c13.ID, successorList(c13))
			}
			res.Legacy = append(res.Legacy, LegacyMention{Document: d, Control: c13, At: finding.Pos{Path: d.Path, Line: m.at.Line, Col: m.at.Col}})
			for _, c := range c13.Successors {
				addControl(c)
			}
		default:
			r.errorf(d, m.at, "unknown control %q (%s)", m.ID, s.Catalog.SuggestControl(m.ID))
		}
	}
	slices.SortFunc(res.Controls, func(a, b *ControlCoverage) int { return catalog.Compare(a.ID, b.ID) })

	seenClause := map[string]bool{}
	for _, m := range d.Clauses {
		c, ok := s.Catalog.Clause(strings.TrimPrefix(m.ID, "clause:"))
		if !ok {
			r.errorf(d, m.at, "unknown clause %q (%s)", m.ID, s.Catalog.SuggestClause(m.ID))
			continue
		}
		if !seenClause[c.ID] {
			seenClause[c.ID] = true
			res.Clauses = append(res.Clauses, s.Clause(c.ID))
		}
	}
	slices.SortFunc(res.Clauses, func(a, b *ClauseCoverage) int { return catalog.Compare(a.ID, b.ID) })

	for _, m := range d.Related {
		target, ok := r.document(d, m.ID, m.at)
		if !ok {
			continue
		}
		if target == d {
			r.warnf(d, m.at, "related lists the document itself")
			continue
		}
		if !r.linkable(d, target, m.at) {
			continue
		}
		if !slices.Contains(res.Related, target) {
			res.Related = append(res.Related, target)
			res.LinksTo = append(res.LinksTo, target)
		}
	}
}

// withheld reports whether this build leaves d out: it is classified above
// what the build publishes, and the build is not a preview.
func (r *resolver) withheld(d *Document) bool { return d.Withheld && !r.site.Preview }

// document finds the document an ID names, reporting an unknown one with
// the nearest IDs.
func (r *resolver) document(from *Document, id string, at finding.Loc) (*Document, bool) {
	return r.documentIn(from.Path, "", id, at)
}

// documentIn is document for a reference written in file p; where, if not
// "", says where in the file, for the message.
func (r *resolver) documentIn(p, where, id string, at finding.Loc) (*Document, bool) {
	if d, ok := r.site.byID[id]; ok {
		return d, true
	}
	if catalog.LooksLikeControlID(id) {
		r.add(p, finding.Error, at, "%q is a control ID, not a document ID; controls go in the controls list%s", id, where)
		return nil, false
	}
	r.add(p, finding.Error, at, "unknown document %q%s%s", id, r.nearestDocument(id), where)
	return nil, false
}

// linkable reports whether from may link to target in this build, and
// warns about links to drafts.
func (r *resolver) linkable(from, target *Document, at finding.Loc) bool {
	return r.linkableIn(from.Path, "", from, target, at)
}

// linkableIn is linkable for a reference written in file p, by document
// from or (soa.yaml, risks.yaml) by no document.
func (r *resolver) linkableIn(p, where string, from, target *Document, at finding.Loc) bool {
	if target.Status != "draft" {
		return true
	}
	switch {
	case !target.Published(r.site.Drafts) && from != nil && from.Status == "draft":
		return false // a draft among drafts: neither is on the site, nothing to tell
	case !target.Published(r.site.Drafts):
		r.add(p, finding.Warning, at, "%s is a draft, which this build does not publish; the link shows as plain text%s", target.ID, where)
		return false
	case from != nil && from.Status == "approved":
		r.add(p, finding.Warning, at, "approved document links to draft %s", target.ID)
	}
	return true
}

// nearestDocument suggests existing IDs for a mistyped one.
func (r *resolver) nearestDocument(id string) string {
	best, bestDist := []string{}, 3
	for other := range r.site.byID {
		if strings.EqualFold(other, id) {
			return fmt.Sprintf(" (did you mean %s?)", other)
		}
		dist := words.Distance(strings.ToLower(id), strings.ToLower(other))
		switch {
		case dist < bestDist:
			best, bestDist = []string{other}, dist
		case dist == bestDist:
			best = append(best, other)
		}
	}
	if len(best) == 0 || len(best) > 3 {
		return ""
	}
	slices.Sort(best)
	return fmt.Sprintf(" (did you mean %s?)", strings.Join(best, " or "))
}

// body resolves the [[…]] references and .md links of a document's body.
func (r *resolver) body(d *Document, res *Resolved) {
	if d.Body == nil {
		return
	}
	s := r.site
	res.Refs = make([]RefTarget, len(d.Body.Refs))
	for i, ref := range d.Body.Refs {
		switch ref.Kind {
		case markdown.RefWiki:
			res.Refs[i] = r.wikiRef(d, res, ref)
		case markdown.RefLinkOpen:
			target, ok := r.docAtPath(ref.Target)
			switch {
			case !ok && sitefs.IsIntroduction(ref.Target):
				r.warnf(d, ref.At, "link to %s: a folder's introduction has no page of its own; the link shows as plain text", ref.Target)
			case !ok:
				r.errorf(d, ref.At, "link to %s: no such document", ref.Target)
			case !r.linkable(d, target, ref.At):
			case r.withheld(target):
				res.Refs[i] = RefTarget{Text: target.ID, Class: "ref-withheld", Withheld: true}
			default:
				href := urls.Doc(target.ID)
				if ref.Fragment != "" {
					href += "#" + ref.Fragment
					if target.Body != nil && !target.Body.HasAnchor(ref.Fragment) {
						r.warnf(d, ref.At, "link to %s#%s: %s has no heading with that anchor%s; link to one of its headings, or to the document without #", ref.Target, ref.Fragment, target.ID, target.Body.SuggestAnchor(ref.Fragment))
					}
				}
				res.Refs[i] = RefTarget{Href: href, Title: ref.Title}
				if ref.Title == "" {
					res.Refs[i].Title = target.ID + " " + target.Title
				}
				if target != d && !slices.Contains(res.LinksTo, target) {
					res.LinksTo = append(res.LinksTo, target)
				}
			}
			res.Refs[i+1] = RefTarget{Href: res.Refs[i].Href, Withheld: res.Refs[i].Withheld}
		}
	}
	for _, f := range d.Body.Files {
		if size, ok := r.files[f.Path]; ok {
			if !r.withheld(d) {
				s.attachments[f.Path] = size
			}
		} else if _, isDoc := r.docAtPath(f.Path); !isDoc {
			r.warnf(d, f.At, "link to %s: no such file", f.Path)
		}
	}
}

func (r *resolver) docAtPath(p string) (*Document, bool) {
	d, ok := r.byPath[p]
	return d, ok
}

func (r *resolver) wikiRef(d *Document, res *Resolved, ref markdown.Ref) RefTarget {
	t, doc, c13 := r.reference(d.Path, "", d, ref.Target, ref.Text, ref.At)
	if c13 != nil {
		res.Legacy = append(res.Legacy, LegacyMention{Document: d, Control: c13, Body: true, At: finding.Pos{Path: d.Path, Line: ref.At.Line, Col: ref.At.Col}})
	}
	if doc != nil && doc != d && t.Href != "" && !slices.Contains(res.LinksTo, doc) {
		res.LinksTo = append(res.LinksTo, doc)
	}
	return t
}

// reference resolves a [[target]] or [[target|own]] written in file p —
// in a document's body (from), or in the text of soa.yaml or risks.yaml
// (from nil; where then says where, for the messages) — and reports what is
// wrong with it at at. It is the one resolver of references: bodies, the
// SoA's justifications and the risk register's descriptions link the same
// way. It returns how the reference shows, and the document or the 2013
// control it names, if any.
func (r *resolver) reference(p, where string, from *Document, target, own string, at finding.Loc) (RefTarget, *Document, *catalog.Control2013) {
	s := r.site
	lang := s.Config.Language
	text := func(id, title string) string {
		if own != "" {
			return own
		}
		if title == "" {
			return id
		}
		return id + " " + title
	}
	plain := RefTarget{Text: text(target, "")}
	if clause, ok := strings.CutPrefix(target, "clause:"); ok {
		c, ok := s.Catalog.Clause(strings.TrimSpace(clause))
		if !ok {
			r.add(p, finding.Error, at, "unknown clause %q (%s)%s", clause, s.Catalog.SuggestClause(clause), where)
			return plain, nil, nil
		}
		return RefTarget{Href: urls.Clause(c.ID), Text: text(c.ID, c.Title.In(lang)), Title: c.Title.In(lang), Class: "ref ref-clause"}, nil, nil
	}
	switch kind, id := catalog.Classify(target); kind {
	case catalog.KindControl:
		c, ok := s.Catalog.Control(id)
		if !ok {
			r.add(p, finding.Error, at, "unknown control %q (%s)%s", target, s.Catalog.SuggestControl(target), where)
			return plain, nil, nil
		}
		return RefTarget{Href: urls.Control(c.ID), Text: text(c.ID, c.Title.In(lang)), Title: c.Title.In(lang), Class: "ref ref-control"}, nil, nil
	case catalog.KindControl2013:
		c13, ok := s.Catalog.Control2013(id)
		if !ok {
			r.add(p, finding.Error, at, "unknown ISO/IEC 27002:2013 control %q (%s)%s", target, s.Catalog.Suggest2013(target), where)
			return plain, nil, nil
		}
		r.add(p, finding.Warning, at, "%s is an ISO/IEC 27002:2013 control; %s%s", c13.ID, successorList(c13), where)
		return RefTarget{Href: urls.Mapping(c13.ID), Text: text(c13.ID, c13.Title.In(lang)), Title: c13.Title.In(lang), Class: "ref ref-2013"}, nil, c13
	case catalog.KindClause:
		if _, ok := s.Catalog.Clause(id); ok {
			r.add(p, finding.Error, at, "unknown reference [[%s]]: for clause %s write [[clause:%s]]%s", target, id, id, where)
			return plain, nil, nil
		}
	}
	if _, isDoc := s.byID[target]; !isDoc && s.Risks != nil {
		if rk, ok := s.Risks.Risk(target); ok {
			return RefTarget{Href: urls.Risk(rk.ID), Text: text(rk.ID, rk.Title), Title: rk.Title, Class: "ref ref-risk"}, nil, nil
		}
	}
	t, ok := r.documentIn(p, where, target, at)
	if !ok {
		return plain, nil, nil
	}
	if !r.linkableIn(p, where, from, t, at) {
		return RefTarget{Text: text(t.ID, t.Title), Class: "ref ref-unpublished"}, t, nil
	}
	if r.withheld(t) {
		return RefTarget{Text: t.ID, Class: "ref ref-withheld", Withheld: true}, t, nil
	}
	return RefTarget{Href: urls.Doc(t.ID), Text: text(t.ID, t.Title), Title: t.Title, Class: "ref ref-doc"}, t, nil
}

// attachments checks the files of the attachments list: a path must stay
// inside the site (checked first) and the file must exist.
func (r *resolver) attachments(d *Document) {
	for i := range d.Attachments {
		a := &d.Attachments[i]
		if a.File == "" {
			continue
		}
		p := path.Join(path.Dir(d.Path), a.File)
		if path.IsAbs(a.File) || p == ".." || strings.HasPrefix(p, "../") {
			r.errorf(d, a.at, "attachment %q leaves the site folder; attachments must be inside it", a.File)
			continue
		}
		size, ok := r.files[p]
		if !ok {
			r.errorf(d, a.at, "attachment file %s not found", p)
			continue
		}
		if !r.withheld(d) {
			r.site.attachments[p] = size
		}
	}
}

// review warns about overdue reviews of approved documents.
func (r *resolver) review(d *Document) {
	if d.Review.IsZero() || d.Status == "retired" || d.Status == "draft" {
		return
	}
	if d.Review.Before(r.site.Today) {
		r.warnf(d, d.reviewAt, "review overdue since %s", d.Review.Format("2006-01-02"))
	}
}

// backlinks fills LinkedFrom from every published document's links, and
// collects the 2013 citations.
func (r *resolver) backlinks() {
	s := r.site
	for _, d := range s.Documents {
		res := s.resolved[d]
		slices.SortFunc(res.LinksTo, DocOrder)
		for _, t := range res.LinksTo {
			if tr := s.resolved[t]; tr != nil {
				tr.LinkedFrom = append(tr.LinkedFrom, d)
			}
		}
		s.Legacy = append(s.Legacy, res.Legacy...)
	}
	for _, d := range s.Documents {
		slices.SortFunc(s.resolved[d].LinkedFrom, DocOrder)
	}
}

// coverage works out each control's and clause's level from the
// published documents' front matter.
func (r *resolver) coverage() {
	s := r.site
	fresh := s.Today.AddDate(0, 0, -s.Config.EvidenceMaxAgeDays)
	for _, d := range s.Documents {
		res := s.resolved[d]
		for _, c := range res.Controls {
			cite(d, &c.Documents, &c.Records, &c.Others)
			if !c.Applicable && d.Governing() {
				r.warnf(d, d.controlLoc(c.ID), "control %s is excluded in soa.yaml, yet this document implements it", c.ID)
			}
		}
		for _, c := range res.Clauses {
			cite(d, &c.Documents, &c.Records, &c.Others)
		}
	}
	for _, c := range s.Controls {
		slices.SortFunc(c.Records, recordOrder)
		switch {
		case !c.Applicable:
			c.Level = Excluded
		case len(c.Documents) == 0:
			c.Level = Gap
			c.EvidenceOnly = len(c.Records) > 0
		default:
			c.Level = Documented
			for _, rec := range c.Records {
				if !rec.Date.IsZero() && !rec.Date.Before(fresh) {
					c.Level = Evidenced
					break
				}
			}
		}
		if c.Level == Gap {
			at, p := finding.FileStart, ConfigFile
			if s.SoA.present {
				p = SoAFile
			}
			if c.Applicability != nil {
				at = c.Applicability.at
			}
			msg := "applicable control %s (%s) is not addressed by any approved document"
			if c.EvidenceOnly {
				msg += "; records cite it, but evidence needs a governing document"
			}
			r.add(p, finding.Warning, at, msg, c.ID, c.Title.En)
		}
	}
	for _, c := range s.Clauses {
		slices.SortFunc(c.Records, recordOrder)
	}
}

// cite adds a document citing a control or clause to the list it counts
// in: governing documents, approved records as evidence, or the others.
func cite(d *Document, governing, records, others *[]*Document) {
	switch {
	case d.Governing():
		*governing = append(*governing, d)
	case d.Type == "record" && d.Status == "approved":
		*records = append(*records, d)
	default:
		*others = append(*others, d)
	}
}

func (d *Document) controlLoc(id string) finding.Loc {
	for _, m := range d.Controls {
		if _, norm := catalog.Classify(m.ID); norm == id {
			return m.at
		}
	}
	return finding.FileStart
}

// soaReferences resolves the [[…]] references in soa.yaml justifications.
func (r *resolver) soaReferences() {
	for _, c := range r.site.Controls {
		a := c.Applicability
		if a == nil {
			continue
		}
		a.Refs = make([]RefTarget, len(a.refs))
		for i, ref := range a.refs {
			a.Refs[i], _, _ = r.reference(SoAFile, " (in the justification of "+c.ID+")", nil, ref.target, ref.own, ref.at)
		}
	}
}

// DocOrder sorts documents by type, then natural ID order.
func DocOrder(a, b *Document) int {
	return cmp.Or(cmp.Compare(slices.Index(DocumentTypes, a.Type), slices.Index(DocumentTypes, b.Type)), NaturalCompare(a.ID, b.ID))
}

// recordOrder sorts records newest first.
func recordOrder(a, b *Document) int {
	return cmp.Or(b.Date.Compare(a.Date), NaturalCompare(a.ID, b.ID))
}

// NaturalCompare orders IDs with their numbers compared as numbers
// (POL-2 before POL-10).
func NaturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := unicode.IsDigit(rune(a[0])), unicode.IsDigit(rune(b[0]))
		if da && db {
			na, ra := leadingDigits(a)
			nb, rb := leadingDigits(b)
			ta, tb := strings.TrimLeft(na, "0"), strings.TrimLeft(nb, "0")
			if c := cmp.Or(cmp.Compare(len(ta), len(tb)), strings.Compare(ta, tb), cmp.Compare(len(na), len(nb))); c != 0 {
				return c
			}
			a, b = ra, rb
			continue
		}
		if c := cmp.Compare(foldByte(a[0]), foldByte(b[0])); c != 0 {
			return c
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

// foldByte lowers an ASCII letter without allocating (sorting 10,000
// documents compares a great many IDs). Every non-ASCII byte sorts after
// ASCII and equal to the others, as strings.ToLower of the single byte
// (U+FFFD) did.
func foldByte(c byte) byte {
	switch {
	case c >= 0x80:
		return 0xFF
	case 'A' <= c && c <= 'Z':
		return c + 'a' - 'A'
	}
	return c
}

func leadingDigits(s string) (digits, rest string) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i], s[i:]
}

// Merged reports whether a 2022 control has more than one 2013 predecessor.
func (c *ControlCoverage) Merged() bool { return len(c.Predecessors) > 1 }

// FromSplit reports whether one of a 2022 control's predecessors was split
// between several 2022 controls.
func (c *ControlCoverage) FromSplit() bool {
	for _, p := range c.Predecessors {
		if len(p.Successors) > 1 {
			return true
		}
	}
	return false
}

// intro resolves the references of the site's introduction.
func (r *resolver) intro() {
	s := r.site
	if s.Intro == nil {
		return
	}
	s.IntroRefs = make([]RefTarget, len(s.Intro.Refs))
	for i, ref := range s.Intro.Refs {
		if ref.Kind == markdown.RefWiki {
			s.IntroRefs[i], _, _ = r.reference(s.IntroPath, "", nil, ref.Target, ref.Text, ref.At)
		}
	}
}
