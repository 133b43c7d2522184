package risk

// Reading risks.yaml: one pass over the tree that internal/tree made of
// the file, in the style of soa.yaml's reader, so that every finding points
// at the item it is about. The matrix is read first wherever it is written,
// since the risks' ratings are checked against it. Checks that need only
// the file (scales, required fields, control IDs, scores) are made here;
// those that need the rest of the site are in Check.

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/isms-project/isms/catalog"
	"github.com/isms-project/isms/internal/finding"
	"github.com/isms-project/isms/internal/tree"
)

// idPattern is the shape of a risk ID, the same as a document ID's.
var idPattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9._-]*$`)

const (
	minScale = 2
	maxScale = 10
)

// Read decodes risks.yaml and makes the checks that need only the file and
// the catalogue. The register it returns always holds usable values: a
// risk with an invalid ID is left out, an invalid matrix is replaced by
// the default. With a nil catalogue, control IDs are only normalised, not
// checked.
func Read(src []byte, cat *catalog.Catalog) (*Register, finding.Findings) {
	reg, fs, _ := read(src, cat, nil)
	return reg, fs
}

// Cache keeps what reading a register parsed, so that reading it again
// after an edit parses only the risks whose text changed: the live preview
// reads risks.yaml at every save. The zero Cache is ready to use, by one
// reader at a time.
type Cache struct {
	items *tree.ItemCache
	risks map[decodeKey]decoded // the last read's risks, by what they were decoded from
}

// decodeKey is what a risk is decoded from: its entry as parsed (the
// parse of an unchanged entry is reused, so the pointers say it is the
// same), and what decoding it depends on besides.
type decodeKey struct {
	k, v   *tree.Value
	matrix string
	scored bool
}

// decoded is a risk as decoded, and its findings.
type decoded struct {
	risk     *Risk
	findings finding.Findings
}

// Read is Read, through the cache.
func (c *Cache) Read(src []byte, cat *catalog.Catalog) (*Register, finding.Findings) {
	reg, fs, _ := read(src, cat, c)
	return reg, fs
}

// read is Read, and tells whether the file could be parsed at all. With a
// cache, it parses and decodes only the entries that changed since the
// cache's last read.
func read(src []byte, cat *catalog.Catalog, cache *Cache) (*Register, finding.Findings, bool) {
	parse := tree.ReadYAMLFile
	if cache != nil {
		if cache.items == nil {
			cache.items = &tree.ItemCache{Key: "risks"}
		}
		parse = cache.items.ReadYAMLFile
	}
	reg := &Register{Matrix: DefaultMatrix()}
	r := &finding.Report{Path: File}
	defer reg.index()
	root := parse(r, src)
	if root == nil {
		return reg, r.Findings, false
	}
	rd := &reader{d: tree.Decoder{R: r}, cat: cat, src: src, cache: cache}
	if i := slices.IndexFunc(root.Keys, func(k *tree.Value) bool { return k.Text == "matrix" }); i >= 0 {
		reg.Matrix = rd.matrix(root.Vals[i])
		reg.matrixWritten = root.Vals[i].Kind != tree.Null
	}
	for i, k := range root.Keys {
		v := root.Vals[i]
		switch k.Text {
		case "method":
			reg.Method = strings.TrimSpace(rd.d.Text(k, v))
			reg.methodAt = v.At
		case "assessed":
			reg.Assessed = rd.d.Date(k, v)
		case "matrix":
		case "risks":
			reg.Risks = rd.risks(v, reg.Matrix)
		default:
			r.Warnf(k.At, "unknown field %q in %s (known: method, assessed, matrix, risks)", k.Text, File)
		}
	}
	return reg, r.Findings, true
}

type reader struct {
	d     tree.Decoder
	cat   *catalog.Catalog
	src   []byte
	lines []string // the file's lines, to place block-scalar descriptions; made on first use
	cache *Cache   // the risks decoded by the last read, or nil
}

func (rd *reader) errorf(at finding.Loc, format string, args ...any) {
	rd.d.R.Errorf(at, format, args...)
}

func (rd *reader) warnf(at finding.Loc, format string, args ...any) {
	rd.d.R.Warnf(at, format, args...)
}

// whole reads a whole number.
func (rd *reader) whole(k, v *tree.Value) (int, bool) {
	if v.Kind == tree.Scalar {
		if n, err := strconv.Atoi(strings.TrimSpace(v.Text)); err == nil {
			return n, true
		}
	}
	rd.errorf(v.At, "%s must be a whole number, not %s", k.Text, v.Describe())
	return 0, false
}

// fields checks that v is a mapping of fields, reporting what it is
// otherwise.
func (rd *reader) fields(v *tree.Value, what string) bool {
	if v.Kind == tree.Map {
		tree.CheckDuplicateKeys(rd.d.R, v)
		return true
	}
	rd.errorf(v.At, "%s must be a mapping of fields, not %s", what, v.Describe())
	return false
}

// --- the matrix ---

func (rd *reader) matrix(v *tree.Value) Matrix {
	m := DefaultMatrix()
	if v.Kind == tree.Null || !rd.fields(v, "matrix") {
		return m
	}
	var levelsK, levelsV, accK, accV *tree.Value
	for i, k := range v.Keys {
		fv := v.Vals[i]
		switch k.Text {
		case "likelihood":
			m.Likelihood = rd.scale(k, fv, m.Likelihood)
		case "consequence":
			m.Consequence = rd.scale(k, fv, m.Consequence)
		case "levels":
			levelsK, levelsV = k, fv
		case "acceptance":
			accK, accV = k, fv
		default:
			rd.warnf(k.At, "unknown field %q in matrix (known: likelihood, consequence, levels, acceptance)", k.Text)
		}
	}
	maxScore := m.MaxScore()
	m.Levels = defaultLevels(maxScore)
	if levelsV != nil && levelsV.Kind != tree.Null {
		if levels, ok := rd.levels(levelsK, levelsV, m); ok {
			m.Levels = levels
		}
	}
	m.Acceptance = defaultAcceptance(maxScore)
	if accV != nil && accV.Kind != tree.Null {
		if n, ok := rd.whole(accK, accV); ok {
			if n < 1 || n > maxScore {
				rd.errorf(accV.At, "acceptance %d is outside the matrix's scores 1–%d (%d × %d); it is the highest score accepted without treatment",
					n, maxScore, len(m.Likelihood), len(m.Consequence))
			} else {
				m.Acceptance = n
			}
		}
	}
	return m
}

// scale reads a scale: a list of labels, one per step, or the number of
// steps. def is kept when the scale is unusable.
func (rd *reader) scale(k, v *tree.Value, def []string) []string {
	var labels []string
	switch v.Kind {
	case tree.Scalar:
		n, ok := rd.whole(k, v)
		if !ok {
			return def
		}
		labels = make([]string, n)
	case tree.List:
		for _, item := range v.Items {
			s := ""
			if item.Kind == tree.Scalar {
				s = strings.TrimSpace(item.Text)
			}
			if s == "" {
				rd.errorf(item.At, "matrix %s: each step needs a label, not %s", k.Text, item.Describe())
				return def
			}
			labels = append(labels, s)
		}
	default:
		rd.errorf(v.At, "matrix %s must be a list of labels, lowest first, or the number of steps, not %s", k.Text, v.Describe())
		return def
	}
	if len(labels) < minScale || len(labels) > maxScale {
		rd.errorf(v.At, "matrix %s has %s; a scale has %d to %d", k.Text, plural(len(labels), "step"), minScale, maxScale)
		return def
	}
	return labels
}

// levels reads and validates the levels: named, ascending, the last one
// covering the highest score.
func (rd *reader) levels(k, v *tree.Value, m Matrix) ([]Level, bool) {
	if v.Kind != tree.List || len(v.Items) == 0 {
		rd.errorf(v.At, "matrix levels must be a list of {name, max}, lowest first, not %s", v.Describe())
		return nil, false
	}
	maxScore := m.MaxScore()
	var levels []Level
	ok := true
	for _, item := range v.Items {
		if !rd.fields(item, "a level") {
			ok = false
			continue
		}
		var l Level
		hasMax := false
		for i, fk := range item.Keys {
			fv := item.Vals[i]
			switch fk.Text {
			case "name":
				l.Name = strings.TrimSpace(rd.d.Text(fk, fv))
			case "max":
				n, good := rd.whole(fk, fv)
				l.Max, hasMax = n, good
				ok = ok && good
			default:
				rd.warnf(fk.At, "unknown field %q in a level (known: name, max)", fk.Text)
			}
		}
		switch {
		case l.Name == "":
			rd.errorf(item.At, "a level needs a name, such as {name: Low, max: 4}")
			ok = false
		case item.Get("max") == nil:
			rd.errorf(item.At, "level %s needs max, the highest score it holds", l.Name)
			ok = false
		case !hasMax:
		case len(levels) > 0 && l.Max <= levels[len(levels)-1].Max:
			prev := levels[len(levels)-1]
			rd.errorf(item.At, "level %s: max %d must be above the previous level's (%s, max %d); levels go from lowest to highest", l.Name, l.Max, prev.Name, prev.Max)
			ok = false
		case len(levels) > 0 && levels[len(levels)-1].Max >= maxScore:
			rd.errorf(item.At, "level %s can hold no score: the previous level already reaches the highest score %d", l.Name, maxScore)
			ok = false
		case l.Max < 1:
			rd.errorf(item.At, "level %s: max %d must be at least 1", l.Name, l.Max)
			ok = false
		}
		levels = append(levels, l)
	}
	if ok && levels[len(levels)-1].Max < maxScore {
		last := levels[len(levels)-1]
		rd.errorf(v.Items[len(v.Items)-1].At, "the last level (%s, max %d) must reach the highest score %d (%d × %d)",
			last.Name, last.Max, maxScore, len(m.Likelihood), len(m.Consequence))
		ok = false
	}
	return levels, ok
}

// --- the risks ---

func (rd *reader) risks(v *tree.Value, m Matrix) []*Risk {
	if v.Kind == tree.Null {
		return nil
	}
	if v.Kind != tree.Map {
		rd.errorf(v.At, "risks must map risk IDs (such as R-01) to their fields, not %s", v.Describe())
		return nil
	}
	var out []*Risk
	seen := map[string]*tree.Value{}
	folded := map[string]*tree.Value{}
	next := map[decodeKey]decoded{}
	matrix := fmt.Sprint(m)
	for i, k := range v.Keys {
		id := strings.TrimSpace(k.Text)
		keep := true
		switch {
		case seen[id] != nil:
			rd.errorf(k.At, "risk %s appears twice (first at line %d)", id, seen[id].At.Line)
			continue
		case id == "":
			rd.errorf(k.At, "a risk needs an ID, such as R-01")
			keep = false
		case !idPattern.MatchString(id):
			rd.errorf(k.At, "invalid risk ID %q: an ID starts with a letter, then letters, digits, -, _ or .", id)
			keep = false
		case catalog.LooksLikeControlID(id):
			rd.errorf(k.At, "invalid risk ID %q: it looks like a control ID; choose an ID such as R-01", id)
			keep = false
		case folded[strings.ToLower(id)] != nil:
			first := folded[strings.ToLower(id)]
			rd.errorf(k.At, "risk ID %s differs from %s (line %d) only in letter case; their page addresses would collide", id, first.Text, first.At.Line)
			keep = false
		}
		seen[id] = k
		if keep {
			folded[strings.ToLower(id)] = k
		}
		x := rd.cachedRisk(id, k, v.Vals[i], m, keep, next, matrix)
		if keep && x != nil {
			out = append(out, x)
		}
	}
	if rd.cache != nil {
		rd.cache.risks = next
	}
	return out
}

// cachedRisk is rd.risk, reusing the last read's risk and findings when
// its entry is the same, and keeping the result in next.
func (rd *reader) cachedRisk(id string, k, v *tree.Value, m Matrix, scored bool, next map[decodeKey]decoded, matrix string) *Risk {
	if rd.cache == nil {
		return rd.risk(id, k, v, m, scored)
	}
	key := decodeKey{k, v, matrix, scored}
	d, ok := rd.cache.risks[key]
	if !ok {
		main := rd.d.R
		own := &finding.Report{Path: main.Path}
		rd.d.R = own
		d = decoded{rd.risk(id, k, v, m, scored), own.Findings}
		rd.d.R = main
	}
	rd.d.R.Findings = append(rd.d.R.Findings, d.findings...)
	next[key] = d
	return d.risk
}

var riskFields = "title, description, owner, assets, properties, likelihood, consequence, treatment, controls, documents, actions, residual, accepted, review"

// risk decodes one risk; scored says whether to warn about its scores
// (not for a risk left out of the register).
func (rd *reader) risk(id string, k, v *tree.Value, m Matrix, scored bool) *Risk {
	x := &Risk{ID: id, pos: riskPositions{at: k.At}}
	if v.Kind != tree.Map {
		rd.errorf(v.At, "risk %s must be a mapping of fields (%s), not %s", id, riskFields, v.Describe())
		return nil
	}
	tree.CheckDuplicateKeys(rd.d.R, v)
	var treatmentAt finding.Loc
	for i, fk := range v.Keys {
		fv := v.Vals[i]
		switch fk.Text {
		case "title":
			x.Title = strings.TrimSpace(rd.d.Text(fk, fv))
		case "description":
			x.Description = rd.d.Text(fk, fv)
			x.pos.description = rd.textStart(fv)
		case "owner":
			x.Owner = strings.TrimSpace(rd.d.Text(fk, fv))
		case "assets":
			x.Assets = rd.words(fk, fv)
		case "properties":
			for _, item := range rd.d.List(fk, fv) {
				if p := rd.d.Enum(&tree.Value{Text: "property"}, item, Properties); p != "" && !slices.Contains(x.Properties, p) {
					x.Properties = append(x.Properties, p)
				}
			}
		case "likelihood":
			x.Inherent.Likelihood = rd.step(fk, fv, id, len(m.Likelihood))
		case "consequence":
			x.Inherent.Consequence = rd.step(fk, fv, id, len(m.Consequence))
		case "treatment":
			x.Treatment = rd.treatment(fk, fv)
			treatmentAt = fv.At
		case "controls":
			x.Controls, x.pos.controls = rd.controls(fk, fv)
		case "documents":
			for _, item := range rd.d.List(fk, fv) {
				if s := strings.TrimSpace(item.Text); s != "" && !slices.Contains(x.Documents, s) {
					x.Documents = append(x.Documents, s)
					x.pos.documents = append(x.pos.documents, ref{s, item.At})
				}
			}
		case "actions":
			x.Actions = rd.actions(fk, fv, id)
		case "residual":
			x.Residual = rd.residual(fk, fv, id, m)
			x.pos.residual = fv.At
		case "accepted":
			x.Accepted = rd.acceptance(fv, id)
			x.pos.accepted = fv.At
		case "review":
			x.Review = rd.d.Date(fk, fv)
			x.pos.review = fv.At
		default:
			rd.warnf(fk.At, "unknown field %q for risk %s (known: %s)", fk.Text, id, riskFields)
		}
	}
	absent := func(field string) bool {
		f := v.Get(field)
		return f == nil || f.Kind == tree.Null
	}
	for _, need := range []struct {
		field, hint string
		missing     bool
	}{
		{"title", "a short name of the risk", x.Title == ""},
		{"owner", "the person or role accountable for the risk", x.Owner == ""},
		{"likelihood", fmt.Sprintf("1–%d on the matrix", len(m.Likelihood)), absent("likelihood")},
		{"consequence", fmt.Sprintf("1–%d on the matrix", len(m.Consequence)), absent("consequence")},
	} {
		if need.missing {
			rd.errorf(k.At, "risk %s has no %s (%s)", id, need.field, need.hint)
		}
	}
	for _, a := range x.Actions {
		if a.Owner == "" {
			a.Owner = x.Owner // an action without an owner is the risk owner's
		}
	}
	if scored {
		rd.scores(x, m, treatmentAt)
	}
	return x
}

// scores warns about ratings that a risk owner must look at again.
func (rd *reader) scores(x *Risk, m Matrix, treatmentAt finding.Loc) {
	rated := func(r Rating) bool { return r.Likelihood > 0 && r.Consequence > 0 }
	if x.Treatment == Modify && len(x.Controls) == 0 {
		rd.warnf(treatmentAt, "risk %s is to be modified but selects no controls; list the controls that reduce it under controls", x.ID)
	}
	if !rated(x.Inherent) {
		return
	}
	if res := x.Residual; res != nil && rated(*res) && res.Score() > x.Inherent.Score() {
		rd.warnf(x.pos.residual, "risk %s: residual score %d (%d × %d) is above the inherent score %d (%d × %d); treatment should not raise a risk, check both ratings",
			x.ID, res.Score(), res.Likelihood, res.Consequence, x.Inherent.Score(), x.Inherent.Likelihood, x.Inherent.Consequence)
	}
	if x.Accepted != nil {
		return
	}
	switch res := x.Residual; {
	case res == nil && x.Inherent.Score() > m.Acceptance:
		rd.warnf(x.pos.at, "risk %s: score %d (%d × %d) is above the acceptance criterion %d, it has no residual rating and nobody has accepted it; treat it and give residual: {likelihood, consequence}, or record accepted: {by, date}",
			x.ID, x.Inherent.Score(), x.Inherent.Likelihood, x.Inherent.Consequence, m.Acceptance)
	case res != nil && rated(*res) && res.Score() > m.Acceptance:
		rd.warnf(x.pos.residual, "risk %s: residual score %d (%d × %d) is above the acceptance criterion %d and nobody has accepted it; treat it further or record the risk owner's accepted: {by, date}",
			x.ID, res.Score(), res.Likelihood, res.Consequence, m.Acceptance)
	}
}

// textStart is where a text value's first character is: the line after a
// block scalar's | or > indicator, or just inside a quote.
func (rd *reader) textStart(v *tree.Value) finding.Loc {
	at := v.At
	if rd.lines == nil {
		rd.lines = strings.Split(string(rd.src), "\n")
	}
	if at.Line < 1 || at.Line > len(rd.lines) {
		return at
	}
	line := []rune(rd.lines[at.Line-1])
	if at.Col < 1 || at.Col > len(line) {
		return at
	}
	switch line[at.Col-1] {
	case '|', '>':
		for n := at.Line; n < len(rd.lines); n++ {
			next := rd.lines[n]
			if strings.TrimSpace(next) == "" {
				continue
			}
			indent := len([]rune(next)) - len([]rune(strings.TrimLeft(next, " \t")))
			return finding.Loc{Line: n + 1, Col: indent + 1}
		}
	case '"', '\'':
		at.Col++
	}
	return at
}

// words reads a list of free texts.
func (rd *reader) words(k, v *tree.Value) []string {
	var out []string
	for _, item := range rd.d.List(k, v) {
		if s := strings.TrimSpace(item.Text); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// step reads a likelihood or consequence: 1..n of the matrix.
func (rd *reader) step(k, v *tree.Value, id string, n int) int {
	if v.Kind == tree.Null {
		return 0
	}
	s, ok := rd.whole(k, v)
	if !ok {
		return 0
	}
	if s < 1 || s > n {
		rd.errorf(v.At, "risk %s: %s %d is outside the matrix (1–%d)", id, k.Text, s, n)
		return 0
	}
	return s
}

func (rd *reader) treatment(k, v *tree.Value) string {
	s := strings.ToLower(strings.TrimSpace(rd.d.Text(k, v)))
	if s == "" || slices.Contains(Treatments, s) {
		return s
	}
	if t, ok := treatmentAliases[s]; ok {
		return t
	}
	rd.errorf(v.At, "unknown treatment %q (use one of: %s; reduce, accept and transfer are read as modify, retain and share)", v.Text, strings.Join(Treatments, ", "))
	return ""
}

// controls reads the controls a risk selects: 2022 IDs, with a 2013 ID
// (a warning) standing for its successors.
func (rd *reader) controls(k, v *tree.Value) ([]string, []controlRef) {
	var ids []string
	var refs []controlRef
	add := func(id, written string, at finding.Loc) {
		refs = append(refs, controlRef{ref{id, at}, written})
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	for _, item := range rd.d.List(k, v) {
		written := strings.TrimSpace(item.Text)
		kind, id := catalog.Classify(written)
		if rd.cat == nil {
			if kind == catalog.KindControl {
				add(id, "", item.At)
			} else {
				add(written, "", item.At)
			}
			continue
		}
		switch kind {
		case catalog.KindControl:
			if c, ok := rd.cat.Control(id); ok {
				add(c.ID, "", item.At)
				continue
			}
		case catalog.KindControl2013:
			if old, ok := rd.cat.Control2013(id); ok {
				rd.warnf(item.At, "%s is an ISO/IEC 27002:2013 control; %s", old.ID, successors(old))
				for _, c := range old.Successors {
					add(c.ID, old.ID, item.At)
				}
				continue
			}
			rd.errorf(item.At, "unknown ISO/IEC 27002:2013 control %q (%s)", written, rd.cat.Suggest2013(written))
			continue
		}
		rd.errorf(item.At, "unknown control %q (%s)", written, rd.cat.SuggestControl(written))
	}
	return ids, refs
}

// successors says what a 2013 control became: "in 2022 it is 8.13".
func successors(old *catalog.Control2013) string {
	ids := make([]string, len(old.Successors))
	for i, c := range old.Successors {
		ids[i] = c.ID
	}
	return "in 2022 it is " + strings.Join(ids, " and ")
}

func (rd *reader) actions(k, v *tree.Value, id string) []*Action {
	if v.Kind == tree.Null {
		return nil
	}
	if v.Kind != tree.List {
		rd.errorf(v.At, "risk %s: actions must be a list of {title, owner, due, status}, not %s", id, v.Describe())
		return nil
	}
	var out []*Action
	for _, item := range v.Items {
		a := &Action{Status: Planned, at: item.At}
		switch item.Kind {
		case tree.Scalar:
			a.Title = strings.TrimSpace(item.Text)
		case tree.Map:
			tree.CheckDuplicateKeys(rd.d.R, item)
			for i, fk := range item.Keys {
				fv := item.Vals[i]
				switch fk.Text {
				case "title":
					a.Title = strings.TrimSpace(rd.d.Text(fk, fv))
				case "owner":
					a.Owner = strings.TrimSpace(rd.d.Text(fk, fv))
				case "due":
					a.Due = rd.d.Date(fk, fv)
				case "status":
					if s := rd.d.Enum(fk, fv, ActionStatuses); s != "" {
						a.Status = s
					}
				default:
					rd.warnf(fk.At, "unknown field %q in an action of risk %s (known: title, owner, due, status)", fk.Text, id)
				}
			}
		default:
			rd.errorf(item.At, "risk %s: an action must be {title, owner, due, status}, not %s", id, item.Describe())
			continue
		}
		if a.Title == "" {
			rd.errorf(item.At, "risk %s: an action needs a title (what is to be done)", id)
			continue
		}
		out = append(out, a)
	}
	return out
}

func (rd *reader) residual(k, v *tree.Value, id string, m Matrix) *Rating {
	if v.Kind == tree.Null {
		return nil
	}
	if !rd.fields(v, "residual") {
		return nil
	}
	var r Rating
	for i, fk := range v.Keys {
		fv := v.Vals[i]
		switch fk.Text {
		case "likelihood":
			r.Likelihood = rd.step(&tree.Value{Text: "residual likelihood"}, fv, id, len(m.Likelihood))
		case "consequence":
			r.Consequence = rd.step(&tree.Value{Text: "residual consequence"}, fv, id, len(m.Consequence))
		default:
			rd.warnf(fk.At, "unknown field %q in the residual rating of risk %s (known: likelihood, consequence)", fk.Text, id)
		}
	}
	for _, f := range []string{"likelihood", "consequence"} {
		if g := v.Get(f); g == nil || g.Kind == tree.Null {
			rd.errorf(v.At, "risk %s: the residual rating has no %s", id, f)
		}
	}
	return &r
}

func (rd *reader) acceptance(v *tree.Value, id string) *Acceptance {
	if v.Kind == tree.Null || !rd.fields(v, "accepted") {
		return nil
	}
	a := &Acceptance{}
	for i, fk := range v.Keys {
		fv := v.Vals[i]
		switch fk.Text {
		case "by":
			a.By = strings.TrimSpace(rd.d.Text(fk, fv))
		case "date":
			a.Date = rd.d.Date(fk, fv)
		default:
			rd.warnf(fk.At, "unknown field %q in the acceptance of risk %s (known: by, date)", fk.Text, id)
		}
	}
	if a.By == "" {
		rd.errorf(v.At, "risk %s: accepted needs by, the risk owner who accepts the residual risk", id)
		return nil
	}
	return a
}

// plural writes a count and a noun: "1 step", "3 steps".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
