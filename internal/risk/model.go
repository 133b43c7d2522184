package risk

import (
	"math"
	"slices"
	"time"

	"github.com/isms-project/isms/internal/finding"
)

// File is the name of the register in a site's root.
const File = "risks.yaml"

// Treatment options of ISO/IEC 27005, as written in risks.yaml and the
// exports.
const (
	Modify = "modify"
	Retain = "retain"
	Avoid  = "avoid"
	Share  = "share"
)

// Treatments lists the treatment options in display order.
var Treatments = []string{Modify, Retain, Avoid, Share}

// treatmentAliases are the everyday words read as treatment options.
var treatmentAliases = map[string]string{"reduce": Modify, "accept": Retain, "transfer": Share}

// Action statuses.
const (
	Planned    = "planned"
	InProgress = "in-progress"
	Done       = "done"
	Cancelled  = "cancelled"
)

// ActionStatuses lists the statuses of a treatment action in order.
var ActionStatuses = []string{Planned, InProgress, Done, Cancelled}

// Properties are the information security properties a risk can harm.
var Properties = []string{"confidentiality", "integrity", "availability"}

// Register is a site's risks.yaml: the risk assessment and the risk
// treatment plan.
type Register struct {
	Method   string    // ID of the document that describes the method and criteria
	Assessed time.Time // date of the latest assessment
	Matrix   Matrix
	Risks    []*Risk // in the order written

	methodAt      finding.Loc
	matrixWritten bool // risks.yaml has a matrix, even one equal to the default
	byID          map[string]*Risk
	byControl     map[string][]*Risk // by control ID: the risks selecting it, in order
}

// Risk is one entry of the register.
type Risk struct {
	ID          string
	Title       string
	Description string // Markdown with [[…]] references, as written
	Owner       string // the risk owner
	Assets      []string
	Properties  []string // confidentiality | integrity | availability
	Inherent    Rating   // before treatment
	Treatment   string   // modify | retain | avoid | share; "" when not decided
	Controls    []string // ISO/IEC 27002:2022 control IDs; a 2013 ID is replaced by its successors
	Documents   []string // IDs of documents that describe the treatment
	Actions     []*Action
	Residual    *Rating     // after treatment; nil until assessed
	Accepted    *Acceptance // the risk owner's acceptance of the residual risk
	Review      time.Time   // when the risk is next reviewed

	pos riskPositions
}

// riskPositions are where a risk's parts were written, for findings.
type riskPositions struct {
	at, description, review, residual, accepted finding.Loc
	controls                                    []controlRef
	documents                                   []ref
}

// ref is an ID written in risks.yaml and its place.
type ref struct {
	id string
	at finding.Loc
}

// controlRef is a control as written and the 2022 control(s) it stands for.
type controlRef struct {
	ref
	written string // as written when it was a 2013 ID, else ""
}

// At is where the risk's ID was written.
func (r *Risk) At() finding.Loc { return r.pos.at }

// DescriptionAt is where the description's text starts in risks.yaml: its
// first line and column, for a caller that checks or renders the Markdown.
// For a block scalar (| or >) it is the line after the indicator.
func (r *Risk) DescriptionAt() finding.Loc { return r.pos.description }

// Current is the rating the risk has now: the residual rating once it is
// assessed, else the inherent one.
func (r *Risk) Current() Rating {
	if r.Residual != nil {
		return *r.Residual
	}
	return r.Inherent
}

// Rating is a likelihood and a consequence on the matrix's scales (from 1).
type Rating struct {
	Likelihood  int
	Consequence int
}

// Score is likelihood × consequence.
func (r Rating) Score() int { return r.Likelihood * r.Consequence }

// Action is a step of the risk treatment plan.
type Action struct {
	Title  string
	Owner  string // the risk owner when risks.yaml names none
	Due    time.Time
	Status string // planned | in-progress | done | cancelled

	at finding.Loc
}

// Open reports whether the action is still to be done.
func (a *Action) Open() bool { return a.Status != Done && a.Status != Cancelled }

// Overdue reports whether an open action was due before today.
func (a *Action) Overdue(today time.Time) bool {
	return a.Open() && !a.Due.IsZero() && a.Due.Before(dateOf(today))
}

// Acceptance records who accepted a residual risk and when (6.1.3 f).
type Acceptance struct {
	By   string
	Date time.Time
}

// Matrix is the risk matrix: the two scales, the levels and the
// acceptance criterion.
type Matrix struct {
	// Likelihood and Consequence hold one label per step of the scale, from
	// 1 up; a label is "" where risks.yaml gives none and the theme's
	// default word for that step applies.
	Likelihood  []string
	Consequence []string
	// Levels partition the scores: a level holds the scores above the
	// previous level's Max up to its own Max.
	Levels []Level
	// Acceptance is the highest score accepted without treatment.
	Acceptance int
}

// Level is a risk level of the matrix.
type Level struct {
	Name string // as written; "" for the default levels, whose words come from the theme
	Max  int    // the highest score of the level
}

// defaultLevelCodes name the four default levels in the exports and the
// theme's string keys.
var defaultLevelCodes = []string{"low", "medium", "high", "critical"}

// DefaultMatrix is the matrix of a register that gives none: 5 × 5, four
// levels (up to 4, 9, 16 and 25) and acceptance 6.
func DefaultMatrix() Matrix {
	return Matrix{
		Likelihood:  make([]string, 5),
		Consequence: make([]string, 5),
		Levels:      defaultLevels(25),
		Acceptance:  6,
	}
}

// defaultLevels divides scores 1..maxScore into four levels in the
// proportions of the 5 × 5 default (4, 9, 16 and 25 of 25).
func defaultLevels(maxScore int) []Level {
	var levels []Level
	prev := 0
	for _, share := range []float64{4, 9, 16, 25} {
		m := int(math.Round(share / 25 * float64(maxScore)))
		if m <= prev {
			continue // a small matrix has fewer levels
		}
		levels = append(levels, Level{Max: m})
		prev = m
	}
	return levels
}

// defaultAcceptance scales the default acceptance 6 of 25 to maxScore.
func defaultAcceptance(maxScore int) int {
	return max(1, int(math.Round(6.0/25*float64(maxScore))))
}

// MaxScore is the highest score of the matrix.
func (m Matrix) MaxScore() int { return len(m.Likelihood) * len(m.Consequence) }

// LevelOf returns the index in Levels of the level that holds score: the
// first whose Max is at least score (the last level for a score above all).
func (m Matrix) LevelOf(score int) int {
	for i, l := range m.Levels {
		if score <= l.Max {
			return i
		}
	}
	return len(m.Levels) - 1
}

// LevelCode names level i in the exports: its name as written, or the
// code of a default level (low, medium, high, critical).
func (m Matrix) LevelCode(i int) string {
	if i < 0 || i >= len(m.Levels) {
		return ""
	}
	if n := m.Levels[i].Name; n != "" {
		return n
	}
	if i < len(defaultLevelCodes) {
		return defaultLevelCodes[i]
	}
	return ""
}

// Risk returns the risk with an ID.
func (r *Register) Risk(id string) (*Risk, bool) {
	x, ok := r.byID[id]
	return x, ok
}

// Selecting returns the risks whose treatment selects a 2022 control, in
// the register's order.
func (r *Register) Selecting(control string) []*Risk {
	if r.byControl == nil {
		r.index()
	}
	return r.byControl[control]
}

// index builds the lookups of risks by ID and by the controls they select.
func (r *Register) index() {
	r.byControl = map[string][]*Risk{}
	for _, x := range r.Risks {
		for i, c := range x.Controls {
			if !slices.Contains(x.Controls[:i], c) {
				r.byControl[c] = append(r.byControl[c], x)
			}
		}
	}
	r.byID = make(map[string]*Risk, len(r.Risks))
	for _, x := range r.Risks {
		if _, dup := r.byID[x.ID]; !dup {
			r.byID[x.ID] = x
		}
	}
}

// dateOf drops the time of day, so that "today" compares with dates.
func dateOf(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
