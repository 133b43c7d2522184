package model

import (
	"slices"
	"sync"
	"time"

	"github.com/isms-project/isms/catalog"
)

// Totals counts controls by coverage.
type Totals struct {
	Controls   int
	Applicable int
	Excluded   int
	Gaps       int
	Documented int // documented, without fresh evidence
	Evidenced  int
}

// Covered is the number of applicable controls at least documented.
func (t Totals) Covered() int { return t.Documented + t.Evidenced }

func (t *Totals) add(c *ControlCoverage) {
	t.Controls++
	switch c.Level {
	case Excluded:
		t.Excluded++
		return
	case Gap:
		t.Gaps++
	case Documented:
		t.Documented++
	case Evidenced:
		t.Evidenced++
	}
	t.Applicable++
}

// TotalsOf counts a set of controls.
func TotalsOf(cs []*ControlCoverage) Totals {
	var t Totals
	for _, c := range cs {
		t.add(c)
	}
	return t
}

// ThemeCoverage is a theme with its controls' coverage.
type ThemeCoverage struct {
	Theme    *catalog.Theme
	Controls []*ControlCoverage
	Totals   Totals
}

// siteLists are the summaries many pages show (the navigation on every
// page lists the document types), computed once per build.
type siteLists struct {
	once     sync.Once
	themes   []ThemeCoverage
	totals   Totals
	byType   []DocumentGroup
	owners   []string
	statuses []string
}

func (s *Site) lists() *siteLists {
	l := &s.summary
	l.once.Do(func() {
		for _, t := range s.Catalog.Themes() {
			tc := ThemeCoverage{Theme: t}
			for _, c := range t.Controls {
				tc.Controls = append(tc.Controls, s.Control(c.ID))
			}
			tc.Totals = TotalsOf(tc.Controls)
			l.themes = append(l.themes, tc)
		}
		l.totals = TotalsOf(s.Controls)
		groups := map[string][]*Document{}
		seenStatus := map[string]bool{}
		for _, d := range s.Documents {
			groups[d.Type] = append(groups[d.Type], d)
			seenStatus[d.Status] = true
			if d.Owner != "" && !slices.Contains(l.owners, d.Owner) {
				l.owners = append(l.owners, d.Owner)
			}
		}
		for _, t := range DocumentTypes {
			if len(groups[t]) > 0 {
				l.byType = append(l.byType, DocumentGroup{Type: t, Documents: groups[t]})
			}
		}
		for _, st := range DocumentStatuses {
			if seenStatus[st] {
				l.statuses = append(l.statuses, st)
			}
		}
		slices.Sort(l.owners)
	})
	return l
}

// Themes groups the controls by theme.
func (s *Site) Themes() []ThemeCoverage { return s.lists().themes }

// Totals counts all controls by coverage.
func (s *Site) Totals() Totals { return s.lists().totals }

// DocumentGroup is the documents of one type.
type DocumentGroup struct {
	Type      string
	Documents []*Document
}

// ByType groups the published documents by type, in display order.
func (s *Site) ByType() []DocumentGroup { return s.lists().byType }

// Reviews lists the published documents whose review is overdue or due
// soon, soonest first.
func (s *Site) Reviews(state string) []*Document {
	var out []*Document
	for _, d := range s.Documents {
		if s.ReviewState(d) == state {
			out = append(out, d)
		}
	}
	slices.SortFunc(out, func(a, b *Document) int { return a.Review.Compare(b.Review) })
	return out
}

// Recent lists the documents most recently approved, made effective or
// dated, newest first.
func (s *Site) Recent(n int) []*Document {
	out := slices.Clone(s.Documents)
	slices.SortStableFunc(out, func(a, b *Document) int { return a.changed().Compare(b.changed()) * -1 })
	return out[:min(n, len(out))]
}

func (d *Document) changed() (t time.Time) {
	for _, v := range []time.Time{d.Approved, d.Effective, d.Date} {
		if v.After(t) {
			t = v
		}
	}
	return t
}

// Owners lists the distinct owners of the published documents.
func (s *Site) Owners() []string { return s.lists().owners }

// Statuses lists the statuses the published documents have.
func (s *Site) Statuses() []string { return s.lists().statuses }

// TopClauses lists clauses 4–10 with their sub-clauses.
func (s *Site) TopClauses() []*ClauseCoverage {
	var out []*ClauseCoverage
	for _, c := range s.Clauses {
		if c.Parent == nil {
			out = append(out, c)
		}
	}
	return out
}

// Children lists a clause's sub-clauses.
func (s *Site) Children(c *ClauseCoverage) []*ClauseCoverage {
	var out []*ClauseCoverage
	for _, ch := range c.Clause.Children {
		out = append(out, s.Clause(ch.ID))
	}
	return out
}
