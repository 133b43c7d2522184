package risk

// The data of the register (risks/), risk (risks/ID/) and treatment plan
// (rtp/) pages, computed once per build: scores and levels, the two heat
// maps, the actions by due date, what is overdue and what nobody has
// accepted. Words the matrix leaves out come from the theme (Words).

import (
	"cmp"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/isms-project/isms/catalog"
	"github.com/isms-project/isms/internal/parallel"
)

// Words returns a UI string of the theme by key, in the site's language.
type Words func(key string) string

// word returns a string, or the key's last part when there are no words.
func (w Words) word(key string) string {
	if w == nil {
		return key[strings.LastIndexByte(key, '.')+1:]
	}
	return w(key)
}

// ViewOptions is what the page data needs besides the register. The zero
// value works: no overdue dates, words as codes, descriptions as text.
type ViewOptions struct {
	Today time.Time
	Words Words
	// DocumentTitle returns the title of a document by ID, "" if unknown.
	DocumentTitle func(id string) string
	// Description renders a risk's description (Markdown with [[…]]
	// references) as HTML. Without it the text is escaped as it is.
	Description func(r *Risk) template.HTML
}

// CellRisks is how many risk IDs a heat-map cell shows before it folds the
// rest away.
const CellRisks = 6

// RegisterView is the data of the register and treatment plan pages
// (risks/ and rtp/): Page.Data for risks.html and rtp.html.
type RegisterView struct {
	Register    *Register
	Today       time.Time
	Likelihood  []Step // the scales, lowest first
	Consequence []Step
	Levels      []*LevelView
	Acceptance  int
	Inherent    *HeatMap
	Residual    *HeatMap // risks without a residual rating at their inherent place
	Risks       []*RiskView
	Owners      []Option      // for the owner filter
	Treatments  []Option      // for the treatment filter: the options in use
	Actions     []*ActionView // every action: by due date (undated last), then risk
	Open        []*ActionView // actions not done or cancelled, in the same order
	Late        []*ActionView // open actions past their due date, in the same order
	Unaccepted  []*RiskView   // above the acceptance criterion, not accepted
	Reviews     []*RiskView   // risk reviews that are overdue, oldest first
	Summary     Summary

	byControl map[string][]*RiskView
	byID      map[string]*RiskView
}

// Step is a step of a scale: its value and its label.
type Step struct {
	Value int
	Label string // as written in the matrix or the theme's word; "" when neither has one
}

// LevelView is a level of the matrix with its words.
type LevelView struct {
	Index    int    // from 1, lowest first
	Code     string // as in the exports: the name written, or low, medium, high, critical
	Name     string // for the page
	Min, Max int    // the scores it holds
	// Tone is the level's colour, 1 (low) to 4 (critical), spread over
	// the levels so that the lowest is always 1 and the highest 4.
	Tone int
}

// Key is the level's value in filters and CSS classes: l1, l2 …
func (l *LevelView) Key() string { return "l" + strconv.Itoa(l.Index) }

// Option is a value of a filter: a key without spaces and its label.
type Option struct {
	Key   string
	Label string
	Count int
}

// HeatMap is a risk matrix with the risks placed in it: rows of
// likelihood from the highest down, columns of consequence from the lowest.
type HeatMap struct {
	Kind    string // inherent or residual
	Columns []Step
	Rows    []HeatRow
	Unrated int // risks without a complete rating, not placed
}

// HeatRow is a row of a heat map.
type HeatRow struct {
	Likelihood Step
	Cells      []*HeatCell
}

// HeatCell is a cell of a heat map.
type HeatCell struct {
	ID          string // anchor: inherent-4-5
	Likelihood  int
	Consequence int
	Score       int
	Level       *LevelView
	Acceptable  bool // the score is within the acceptance criterion
	Risks       []*RiskView
}

// Count is the number of risks in the cell.
func (c *HeatCell) Count() int { return len(c.Risks) }

// Shown is the risks a cell lists; Folded the rest.
func (c *HeatCell) Shown() []*RiskView { return c.Risks[:min(len(c.Risks), CellRisks)] }

// Folded is the risks beyond the first CellRisks.
func (c *HeatCell) Folded() []*RiskView { return c.Risks[min(len(c.Risks), CellRisks):] }

// RiskView is a risk with what the pages show of it: Page.Data for
// risk.html.
type RiskView struct {
	*Risk
	Register *RegisterView

	// What the pages show of the risk as written, as in Risk: a template
	// finds a field of the view's own at once, where one of the embedded
	// Risk costs a search of the embedding each time it is printed.
	ID, Title, Owner, Treatment string
	Assets, Controls            []string
	Review                      time.Time
	Accepted                    *Acceptance

	LikelihoodStep  Step
	ConsequenceStep Step
	Score           int
	Level           *LevelView

	Assessed                 bool // a residual rating is given
	ResidualLikelihoodStep   Step
	ResidualConsequenceStep  Step
	ResidualScore            int        // the current score: residual, or inherent until assessed
	ResidualLevel            *LevelView // the level of ResidualScore
	AboveAcceptance          bool       // ResidualScore is above the acceptance criterion
	Unaccepted               bool       // above the criterion and nobody has accepted it
	ReviewOverdue            bool
	TreatmentName            string
	PropertyNames            []string
	Description              template.HTML
	Documents                []DocumentRef
	Actions                  []*ActionView
	OpenActions, LateActions int
	OwnerKey                 string // the owner filter's key
}

// DocumentRef is a document a risk names.
type DocumentRef struct {
	ID    string
	Title string // "" when the site has no such document
}

// ActionView is a treatment action with its state today.
type ActionView struct {
	*Action
	Risk        *RiskView
	Title       string // as in Action, for the templates (see RiskView)
	Owner       string
	Due         time.Time
	Status      string
	StatusName  string
	Overdue     bool
	DaysOverdue int
}

// Summary is the register in numbers, for the overview and the register page.
type Summary struct {
	Risks          int
	Levels         []LevelCount // every level with its counts
	Assessed       int          // risks with a residual rating
	Unaccepted     int
	OpenActions    int
	OverdueActions int
	OverdueReviews int
}

// LevelCount is how many risks a level holds before and after treatment.
type LevelCount struct {
	Level              *LevelView
	Inherent, Residual int
}

// ForControl returns the risks that select a 2022 control, in ID order.
func (v *RegisterView) ForControl(control string) []*RiskView { return v.byControl[control] }

// Risk returns the view of a risk by ID, or nil.
func (v *RegisterView) Risk(id string) *RiskView { return v.byID[id] }

// View computes the data of the risk pages.
func (reg *Register) View(o ViewOptions) *RegisterView {
	m := reg.Matrix
	v := &RegisterView{Register: reg, Today: dateOf(o.Today), Acceptance: m.Acceptance,
		byControl: map[string][]*RiskView{}, byID: map[string]*RiskView{}}
	v.Likelihood = steps(m.Likelihood, "risks.likelihood.", o.Words)
	v.Consequence = steps(m.Consequence, "risks.consequence.", o.Words)
	lo := 1
	for i, l := range m.Levels {
		code := m.LevelCode(i)
		name := l.Name
		if name == "" {
			name = o.Words.word("risks.level." + code)
		}
		v.Levels = append(v.Levels, &LevelView{Index: i + 1, Code: code, Name: name, Min: lo, Max: l.Max, Tone: tone(i, len(m.Levels))})
		lo = l.Max + 1
	}
	v.Summary.Levels = make([]LevelCount, len(v.Levels))
	for i, l := range v.Levels {
		v.Summary.Levels[i].Level = l
	}

	risks := slices.Clone(reg.Risks)
	slices.SortStableFunc(risks, func(a, b *Risk) int { return catalog.Compare(a.ID, b.ID) })
	owners := map[string]int{}
	treatments := map[string]int{}
	// Each risk's view on its own, on all cores: the live preview makes
	// the views of a whole register again at each save of risks.yaml.
	views := make([]*RiskView, len(risks))
	parallel.For(parallel.Seq(len(risks)), func(i int) { views[i] = v.riskView(risks[i], o) })
	for i, x := range risks {
		rv := views[i]
		v.Risks = append(v.Risks, rv)
		v.byID[x.ID] = rv
		owners[x.Owner]++
		treatments[cmp.Or(x.Treatment, "none")]++
		for _, c := range x.Controls {
			v.byControl[c] = append(v.byControl[c], rv)
		}
	}
	v.ownerOptions(owners)
	for _, t := range append(slices.Clone(Treatments), "none") {
		if n := treatments[t]; n > 0 {
			v.Treatments = append(v.Treatments, Option{Key: t, Label: o.Words.word("risks.treatment." + t), Count: n})
		}
	}
	v.Inherent = v.heatMap("inherent", func(r *RiskView) Rating { return r.Inherent })
	v.Residual = v.heatMap("residual", (*RiskView).Current)
	v.summarise()
	return v
}

// tone spreads n levels over the four colours.
func tone(i, n int) int {
	if n <= 1 {
		return 1
	}
	return 1 + (i*3+(n-1)/2)/(n-1)
}

func steps(labels []string, key string, w Words) []Step {
	out := make([]Step, len(labels))
	for i, l := range labels {
		out[i] = Step{Value: i + 1, Label: l}
		if l == "" && len(labels) == 5 {
			out[i].Label = w.word(key + strconv.Itoa(i+1))
		}
	}
	return out
}

func step(s []Step, n int) Step {
	if n >= 1 && n <= len(s) {
		return s[n-1]
	}
	return Step{Value: n}
}

func (v *RegisterView) level(score int) *LevelView {
	if len(v.Levels) == 0 || score < 1 {
		return nil
	}
	return v.Levels[v.Register.Matrix.LevelOf(score)]
}

func (v *RegisterView) riskView(x *Risk, o ViewOptions) *RiskView {
	rv := &RiskView{Risk: x, Register: v,
		ID: x.ID, Title: x.Title, Owner: x.Owner, Treatment: x.Treatment,
		Assets: x.Assets, Controls: x.Controls, Review: x.Review, Accepted: x.Accepted,
		LikelihoodStep: step(v.Likelihood, x.Inherent.Likelihood), ConsequenceStep: step(v.Consequence, x.Inherent.Consequence),
		Score: x.Inherent.Score(), Assessed: x.Residual != nil,
	}
	rv.Level = v.level(rv.Score)
	cur := x.Current()
	rv.ResidualLikelihoodStep, rv.ResidualConsequenceStep = step(v.Likelihood, cur.Likelihood), step(v.Consequence, cur.Consequence)
	rv.ResidualScore = cur.Score()
	rv.ResidualLevel = v.level(rv.ResidualScore)
	rv.AboveAcceptance = rv.ResidualScore > v.Acceptance
	rv.Unaccepted = rv.AboveAcceptance && x.Accepted == nil
	rv.ReviewOverdue = !v.Today.IsZero() && !x.Review.IsZero() && x.Review.Before(v.Today)
	if x.Treatment != "" {
		rv.TreatmentName = o.Words.word("risks.treatment." + x.Treatment)
	}
	for _, p := range x.Properties {
		rv.PropertyNames = append(rv.PropertyNames, o.Words.word("risks.property."+p))
	}
	if o.Description != nil {
		rv.Description = o.Description(x)
	} else if x.Description != "" {
		rv.Description = template.HTML(template.HTMLEscapeString(x.Description))
	}
	for _, id := range x.Documents {
		d := DocumentRef{ID: id}
		if o.DocumentTitle != nil {
			d.Title = o.DocumentTitle(id)
		}
		rv.Documents = append(rv.Documents, d)
	}
	for _, a := range x.Actions {
		av := &ActionView{Action: a, Risk: rv, Title: a.Title, Owner: a.Owner, Due: a.Due, Status: a.Status,
			StatusName: o.Words.word("risks.action." + a.Status)}
		if !v.Today.IsZero() && a.Overdue(v.Today) {
			av.Overdue = true
			av.DaysOverdue = int(v.Today.Sub(a.Due).Hours() / 24)
			rv.LateActions++
		}
		if a.Open() {
			rv.OpenActions++
		}
		rv.Actions = append(rv.Actions, av)
	}
	return rv
}

func (v *RegisterView) ownerOptions(owners map[string]int) {
	names := make([]string, 0, len(owners))
	for o := range owners {
		names = append(names, o)
	}
	slices.SortFunc(names, func(a, b string) int {
		return cmp.Or(strings.Compare(strings.ToLower(a), strings.ToLower(b)), strings.Compare(a, b))
	})
	keys := make(map[string]string, len(names))
	for i, n := range names {
		keys[n] = "o" + strconv.Itoa(i+1)
		v.Owners = append(v.Owners, Option{Key: keys[n], Label: n, Count: owners[n]})
	}
	for _, r := range v.Risks {
		r.OwnerKey = keys[r.Owner]
	}
}

func (v *RegisterView) heatMap(kind string, rating func(*RiskView) Rating) *HeatMap {
	h := &HeatMap{Kind: kind, Columns: v.Consequence}
	cells := make([][]*HeatCell, len(v.Likelihood)+1)
	for i := len(v.Likelihood); i >= 1; i-- {
		row := HeatRow{Likelihood: v.Likelihood[i-1]}
		cells[i] = make([]*HeatCell, len(v.Consequence)+1)
		for j := 1; j <= len(v.Consequence); j++ {
			c := &HeatCell{ID: kind + "-" + strconv.Itoa(i) + "-" + strconv.Itoa(j), Likelihood: i, Consequence: j, Score: i * j,
				Level: v.level(i * j), Acceptable: i*j <= v.Acceptance}
			cells[i][j] = c
			row.Cells = append(row.Cells, c)
		}
		h.Rows = append(h.Rows, row)
	}
	for _, r := range v.Risks {
		rt := rating(r)
		if rt.Likelihood < 1 || rt.Likelihood > len(v.Likelihood) || rt.Consequence < 1 || rt.Consequence > len(v.Consequence) {
			h.Unrated++
			continue
		}
		c := cells[rt.Likelihood][rt.Consequence]
		c.Risks = append(c.Risks, r)
	}
	return h
}

func (v *RegisterView) summarise() {
	s := &v.Summary
	s.Risks = len(v.Risks)
	for _, r := range v.Risks {
		if r.Level != nil {
			s.Levels[r.Level.Index-1].Inherent++
		}
		if r.ResidualLevel != nil {
			s.Levels[r.ResidualLevel.Index-1].Residual++
		}
		if r.Assessed {
			s.Assessed++
		}
		if r.Unaccepted {
			v.Unaccepted = append(v.Unaccepted, r)
		}
		if r.ReviewOverdue {
			v.Reviews = append(v.Reviews, r)
		}
		v.Actions = append(v.Actions, r.Actions...)
	}
	slices.SortStableFunc(v.Reviews, func(a, b *RiskView) int { return a.Review.Compare(b.Review) })
	slices.SortStableFunc(v.Actions, func(a, b *ActionView) int {
		switch {
		case a.Due.IsZero() != b.Due.IsZero():
			if a.Due.IsZero() {
				return 1
			}
			return -1
		}
		return a.Due.Compare(b.Due) // then the risks' order, kept by the stable sort
	})
	for _, a := range v.Actions {
		if a.Open() {
			v.Open = append(v.Open, a)
			if a.Overdue {
				v.Late = append(v.Late, a)
			}
		}
	}
	s.OpenActions = len(v.Open)
	s.OverdueActions = len(v.Late)
	s.Unaccepted = len(v.Unaccepted)
	s.OverdueReviews = len(v.Reviews)
}
