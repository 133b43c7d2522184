package risk

import (
	"time"

	"github.com/isms-project/isms/internal/finding"
)

// CheckContext is what the checks of a register need from the rest of the
// site. A nil function or a zero Today leaves its checks out.
type CheckContext struct {
	// Today is the build's "today", for overdue actions and reviews.
	Today time.Time
	// Document finds a document of the site by ID and returns its path.
	// Risk IDs share one namespace with document IDs.
	Document func(id string) (path string, ok bool)
	// Excluded reports whether soa.yaml excludes a 2022 control
	// (applicable: false).
	Excluded func(control string) bool
	// RiskReasons are the controls soa.yaml includes for the reason
	// "risk", each at its place in soa.yaml.
	RiskReasons []ReasonAt
}

// ReasonAt is a control that soa.yaml includes because of a risk, and where
// soa.yaml says so.
type ReasonAt struct {
	Control string
	At      finding.Pos
}

// Check makes the checks that need the rest of the site: document IDs,
// soa.yaml's exclusions and reasons, and dates that have passed.
func (reg *Register) Check(ctx CheckContext) finding.Findings {
	r := &finding.Report{Path: File}
	if ctx.Document != nil {
		if reg.Method != "" {
			if _, ok := ctx.Document(reg.Method); !ok {
				r.Errorf(reg.methodAt, "unknown document %q in method (the document that describes the risk assessment method)", reg.Method)
			}
		}
		for _, x := range reg.Risks {
			if path, ok := ctx.Document(x.ID); ok {
				r.Errorf(x.pos.at, "risk ID %s is also the ID of a document (%s); risks and documents share one namespace, so give one of them another ID", x.ID, path)
			}
			for _, d := range x.pos.documents {
				if _, ok := ctx.Document(d.id); !ok {
					if _, isRisk := reg.byID[d.id]; isRisk {
						r.Errorf(d.at, "risk %s: %s in documents is a risk, not a document", x.ID, d.id)
					} else {
						r.Errorf(d.at, "risk %s: unknown document %q in documents", x.ID, d.id)
					}
				}
			}
		}
	}
	if ctx.Excluded != nil {
		for _, x := range reg.Risks {
			for _, c := range x.pos.controls {
				if !ctx.Excluded(c.id) {
					continue
				}
				if c.written != "" {
					r.Errorf(c.at, "risk %s selects %s (for %s), which soa.yaml excludes (applicable: false); make it applicable in soa.yaml or select another control", x.ID, c.id, c.written)
				} else {
					r.Errorf(c.at, "risk %s selects %s, which soa.yaml excludes (applicable: false); make it applicable in soa.yaml or select another control", x.ID, c.id)
				}
			}
		}
	}
	var soa finding.Findings
	for _, reason := range ctx.RiskReasons {
		if len(reg.Selecting(reason.Control)) == 0 {
			soa = append(soa, finding.Finding{Pos: reason.At, Severity: finding.Warning,
				Message: "soa.yaml gives risk as a reason for " + reason.Control + ", but no risk in " + File + " selects it; add it to the controls of the risk it treats, or drop the reason"})
		}
	}
	if !ctx.Today.IsZero() {
		today := dateOf(ctx.Today)
		for _, x := range reg.Risks {
			for _, a := range x.Actions {
				if a.Overdue(today) {
					r.Warnf(a.at, "risk %s: action %q was due on %s and is still %s; do it, move its due date or cancel it",
						x.ID, a.Title, a.Due.Format(time.DateOnly), a.Status)
				}
			}
			if !x.Review.IsZero() && x.Review.Before(today) {
				r.Warnf(x.pos.review, "risk %s was due for review on %s; review it and set the next review date", x.ID, x.Review.Format(time.DateOnly))
			}
		}
	}
	return append(r.Findings, soa...)
}
