package views

// The data of the compliance views, made from the Site graph. Every list
// here is in a fixed order (natural ID order, or by owner and date), so
// two builds of the same site give the same pages.

import (
	"cmp"
	"slices"
	"strings"

	"github.com/isms-project/isms/catalog"
	"github.com/isms-project/isms/internal/model"
)

func AttrKey(v *catalog.AttributeValue) string { return v.Kind.Slug + "/" + v.Slug }

// controlAttributes lists a control's attribute values, kind by kind.
func ControlAttributes(s *model.Site, c *model.ControlCoverage) []*catalog.AttributeValue {
	var out []*catalog.AttributeValue
	for _, k := range s.Catalog.AttributeKinds() {
		for _, name := range c.Attributes[k.Index] {
			if v, ok := s.Catalog.AttributeValue(k.Slug, name); ok {
				out = append(out, v)
			}
		}
	}
	return out
}

// Matrix is the data of the coverage matrix and the Statement of
// Applicability: the controls by theme with their totals.
type Matrix struct {
	Themes []model.ThemeCoverage
	Totals model.Totals
	Kinds  []*catalog.AttributeKind // for the attribute filter
	// Statuses counts the applicable controls by implementation status, in
	// the order implemented, partial, planned, not-started.
	Statuses []StatusCount
	// FromSoA is the number of applicable controls whose status soa.yaml
	// gives; the others are derived from coverage.
	FromSoA int
}

// StatusCount is how many applicable controls have an implementation status.
type StatusCount struct {
	Status string
	Count  int
}

// Matrix groups the controls by theme, with totals.
func MatrixOf(s *model.Site) *Matrix {
	m := &Matrix{Themes: s.Themes(), Totals: s.Totals(), Kinds: s.Catalog.AttributeKinds()}
	for _, st := range model.SoAStatuses {
		n := 0
		for _, c := range s.Controls {
			if c.Applicable && c.Status() == st {
				n++
			}
		}
		m.Statuses = append(m.Statuses, StatusCount{st, n})
	}
	for _, c := range s.Controls {
		if c.Applicable && !c.StatusDerived() {
			m.FromSoA++
		}
	}
	return m
}

// Mapping is the data of the mapping page: ISO/IEC 27002:2013 → 2022 by
// 2013 domain, and 2022 → 2013 by theme.
type Mapping struct {
	Domains []MappingDomain
	Themes  []model.ThemeCoverage
	Pairs   int // 2013 → 2022 pairs
	New     int // 2022 controls without a 2013 predecessor
}

// MappingDomain is a 2013 domain with its controls.
type MappingDomain struct {
	Domain   *catalog.Domain2013
	Controls []Mapping2013
}

// Mapping2013 is a 2013 control with its 2022 successors and their coverage.
type Mapping2013 struct {
	*catalog.Control2013
	Successors []*model.ControlCoverage
	Split      bool                   // more than one successor
	MergedWith []*catalog.Control2013 // other 2013 controls that went into the same 2022 control
}

// Mapping lists both directions of the mapping.
func MappingOf(s *model.Site) *Mapping {
	m := &Mapping{Themes: s.Themes()}
	for _, d := range s.Catalog.Domains2013() {
		md := MappingDomain{Domain: d}
		for _, c := range d.Controls {
			md.Controls = append(md.Controls, mapping2013(s, c))
			m.Pairs += len(c.Successors)
		}
		m.Domains = append(m.Domains, md)
	}
	for _, c := range s.Controls {
		if c.New {
			m.New++
		}
	}
	return m
}

func mapping2013(s *model.Site, c *catalog.Control2013) Mapping2013 {
	row := Mapping2013{Control2013: c, Split: len(c.Successors) > 1}
	for _, succ := range c.Successors {
		row.Successors = append(row.Successors, s.Control(succ.ID))
		for _, p := range succ.Predecessors {
			if p != c && !slices.Contains(row.MergedWith, p) {
				row.MergedWith = append(row.MergedWith, p)
			}
		}
	}
	slices.SortFunc(row.MergedWith, func(a, b *catalog.Control2013) int { return catalog.Compare(a.ID, b.ID) })
	return row
}

// Transition is the gap analysis of the move from the 2013 to the 2022
// control set.
type Transition struct {
	New       []*model.ControlCoverage // the controls new in 2022
	NewTotals model.Totals
	Citing    []LegacyDocument // documents that still cite 2013 IDs
	Mentions  int              // 2013 IDs cited, in all
	Lost      []LostCoverage
	Clauses   []ChangedClause
}

// LegacyDocument is a document with the 2013 IDs it still cites.
type LegacyDocument struct {
	Document *model.Document
	Mentions []model.LegacyMention // front matter first, then the body, by position
}

// FrontMatter reports whether some of the mentions are in front matter,
// which isms migrate rewrites.
func (l LegacyDocument) FrontMatter() bool {
	return slices.ContainsFunc(l.Mentions, func(m model.LegacyMention) bool { return !m.Body })
}

// LostCoverage is an applicable 2022 control that nothing covers, although
// documents cite its 2013 predecessors in their front matter — documents that
// are retired, in review or records, so the coverage the 2013 ISMS had did
// not carry over.
type LostCoverage struct {
	Control   *model.ControlCoverage
	Citations []model.LegacyMention
}

// ChangedClause is a clause of ISO/IEC 27001 that changed in 2022, with
// the documents that address it.
type ChangedClause struct {
	*model.ClauseCoverage
	Addressed bool // by the clause or one of its sub-clauses
}

// Transition works out what the move to the 2022 controls still needs.
func TransitionOf(s *model.Site) *Transition {
	t := &Transition{}
	for _, c := range s.Controls {
		if c.New {
			t.New = append(t.New, c)
		}
	}
	t.NewTotals = model.TotalsOf(t.New)

	byDoc := map[*model.Document]int{}
	for _, m := range s.Legacy {
		if m.Document.Status == "retired" {
			continue // nothing to migrate; it still shows what coverage was lost
		}
		i, ok := byDoc[m.Document]
		if !ok {
			i = len(t.Citing)
			byDoc[m.Document] = i
			t.Citing = append(t.Citing, LegacyDocument{Document: m.Document})
		}
		t.Citing[i].Mentions = append(t.Citing[i].Mentions, m)
		t.Mentions++
	}
	for i := range t.Citing {
		slices.SortStableFunc(t.Citing[i].Mentions, func(a, b model.LegacyMention) int {
			return cmp.Or(cmp.Compare(boolInt(a.Body), boolInt(b.Body)), cmp.Compare(a.At.Line, b.At.Line), cmp.Compare(a.At.Col, b.At.Col))
		})
	}
	slices.SortFunc(t.Citing, func(a, b LegacyDocument) int { return model.NaturalCompare(a.Document.ID, b.Document.ID) })

	for _, c := range s.Controls {
		if c.Level != model.Gap {
			continue
		}
		lost := LostCoverage{Control: c}
		for _, m := range s.Legacy {
			if !m.Body && slices.ContainsFunc(m.Control.Successors, func(x *catalog.Control) bool { return x.ID == c.ID }) {
				lost.Citations = append(lost.Citations, m)
			}
		}
		if len(lost.Citations) > 0 {
			t.Lost = append(t.Lost, lost)
		}
	}

	for _, cl := range s.Catalog.Changed() {
		cc := s.Clause(cl.ID)
		t.Clauses = append(t.Clauses, ChangedClause{ClauseCoverage: cc, Addressed: cc.Addressed(s)})
	}
	return t
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// AttributeKindCoverage is an attribute kind with the coverage of each value.
type AttributeKindCoverage struct {
	Kind   *catalog.AttributeKind
	Values []*AttributeCoverage
}

// AttributeCoverage is an attribute value with its controls' coverage.
type AttributeCoverage struct {
	Value    *catalog.AttributeValue
	Controls []*model.ControlCoverage
	Totals   model.Totals
}

// Attributes lists every attribute kind and value with coverage.
func AttributesOf(s *model.Site) []*AttributeKindCoverage {
	var out []*AttributeKindCoverage
	for _, k := range s.Catalog.AttributeKinds() {
		kc := &AttributeKindCoverage{Kind: k}
		for _, v := range k.Values {
			kc.Values = append(kc.Values, AttributeValueOf(s, v))
		}
		out = append(out, kc)
	}
	return out
}

func AttributeValueOf(s *model.Site, v *catalog.AttributeValue) *AttributeCoverage {
	ac := &AttributeCoverage{Value: v}
	for _, c := range v.Controls {
		ac.Controls = append(ac.Controls, s.Control(c.ID))
	}
	ac.Totals = model.TotalsOf(ac.Controls)
	return ac
}

// ReviewSchedule is the review plan: documents by when their review is due,
// each group by owner, and the records too old to count as evidence.
type ReviewSchedule struct {
	Overdue, Due, Later []OwnerDocuments
	Unscheduled         []OwnerDocuments // governing documents without a review date
	Stale               []OwnerDocuments // records too old (or undated) to evidence a control
	Counts              map[string]int   // overdue, due, later, unscheduled, stale
}

// OwnerDocuments is one owner's documents.
type OwnerDocuments struct {
	Owner     string // "" when the documents name no owner
	Documents []*model.Document
}

// ReviewSchedule sorts the published documents (not the retired ones) by
// the state of their review.
func ReviewScheduleOf(s *model.Site) *ReviewSchedule {
	groups := map[string][]*model.Document{}
	for _, d := range s.Documents {
		if d.Status == "retired" {
			continue
		}
		switch {
		case !d.Review.IsZero():
			state := s.ReviewState(d)
			if state == "" {
				state = "later"
			}
			groups[state] = append(groups[state], d)
		case d.Type != "record":
			groups["unscheduled"] = append(groups["unscheduled"], d)
		}
		if d.Type == "record" && !s.Evidence(d) {
			groups["stale"] = append(groups["stale"], d)
		}
	}
	r := &ReviewSchedule{Counts: map[string]int{}}
	for state, docs := range groups {
		r.Counts[state] = len(docs)
	}
	byReview := func(a, b *model.Document) int {
		return cmp.Or(a.Review.Compare(b.Review), model.NaturalCompare(a.ID, b.ID))
	}
	byDate := func(a, b *model.Document) int {
		return cmp.Or(a.Date.Compare(b.Date), model.NaturalCompare(a.ID, b.ID))
	}
	r.Overdue = byOwner(groups["overdue"], byReview)
	r.Due = byOwner(groups["due"], byReview)
	r.Later = byOwner(groups["later"], byReview)
	r.Unscheduled = byOwner(groups["unscheduled"], model.DocOrder)
	r.Stale = byOwner(groups["stale"], byDate)
	return r
}

// byOwner groups documents by owner (owners in order, no owner last), each
// group sorted by order.
func byOwner(docs []*model.Document, order func(a, b *model.Document) int) []OwnerDocuments {
	idx := map[string]int{}
	var out []OwnerDocuments
	for _, d := range docs {
		i, ok := idx[d.Owner]
		if !ok {
			i = len(out)
			idx[d.Owner] = i
			out = append(out, OwnerDocuments{Owner: d.Owner})
		}
		out[i].Documents = append(out[i].Documents, d)
	}
	slices.SortFunc(out, func(a, b OwnerDocuments) int {
		if (a.Owner == "") != (b.Owner == "") {
			return cmp.Compare(boolInt(a.Owner == ""), boolInt(b.Owner == ""))
		}
		return cmp.Or(strings.Compare(strings.ToLower(a.Owner), strings.ToLower(b.Owner)), strings.Compare(a.Owner, b.Owner))
	})
	for i := range out {
		slices.SortFunc(out[i].Documents, order)
	}
	return out
}
