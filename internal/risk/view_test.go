package risk

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

func ids(rs []*RiskView) string {
	var out []string
	for _, r := range rs {
		out = append(out, r.ID)
	}
	return strings.Join(out, " ")
}

// TestHeatMaps places the example's risks (testdata/register.yaml) by hand:
// R-01 4×5 → 2×4, R-02 3×3 → 2×3, R-03 4×4 (no residual), R-10 2×2 (no
// residual).
func TestHeatMaps(t *testing.T) {
	reg, _ := readExample(t)
	v := reg.View(ViewOptions{Today: testToday})
	for _, tc := range []struct {
		m    *HeatMap
		l, c int
		want string
	}{
		{v.Inherent, 4, 5, "R-01"}, {v.Inherent, 3, 3, "R-02"}, {v.Inherent, 4, 4, "R-03"}, {v.Inherent, 2, 2, "R-10"},
		{v.Residual, 2, 4, "R-01"}, {v.Residual, 2, 3, "R-02"}, {v.Residual, 4, 4, "R-03"}, {v.Residual, 2, 2, "R-10"},
		{v.Inherent, 2, 4, ""}, {v.Residual, 4, 5, ""},
	} {
		// Rows run from the highest likelihood down, columns from the lowest consequence.
		row := tc.m.Rows[len(tc.m.Rows)-tc.l]
		cell := row.Cells[tc.c-1]
		if row.Likelihood.Value != tc.l || cell.Likelihood != tc.l || cell.Consequence != tc.c {
			t.Fatalf("%s map: row %d cell %d is %d×%d", tc.m.Kind, tc.l, tc.c, cell.Likelihood, cell.Consequence)
		}
		if got := ids(cell.Risks); got != tc.want || cell.Count() != len(cell.Risks) {
			t.Errorf("%s %d×%d holds %q, want %q", tc.m.Kind, tc.l, tc.c, got, tc.want)
		}
	}
	total := 0
	for _, row := range v.Residual.Rows {
		for _, c := range row.Cells {
			total += c.Count()
		}
	}
	if total != 4 || v.Residual.Unrated != 0 {
		t.Errorf("residual map places %d risks (%d unrated), want 4", total, v.Residual.Unrated)
	}
	c := v.Inherent.Rows[0].Cells[4] // 5×5
	if c.Score != 25 || c.Level.Name != "Kritisk" || c.Acceptable || c.ID != "inherent-5-5" {
		t.Errorf("cell 5×5 = %+v", c)
	}
	c = v.Inherent.Rows[3].Cells[2] // 2×3
	if c.Score != 6 || c.Level.Name != "Middels" || !c.Acceptable {
		t.Errorf("cell 2×3 = score %d level %s acceptable %v", c.Score, c.Level.Name, c.Acceptable)
	}
	if got := v.Inherent.Columns[4].Label; got != "Svært alvorlig" {
		t.Errorf("consequence 5 is labelled %q", got)
	}
}

func TestSummary(t *testing.T) {
	reg, _ := readExample(t)
	v := reg.View(ViewOptions{Today: testToday})
	s := v.Summary
	var inherent, residual []int
	for _, l := range s.Levels {
		inherent = append(inherent, l.Inherent)
		residual = append(residual, l.Residual)
	}
	if !slices.Equal(inherent, []int{1, 1, 1, 1}) || !slices.Equal(residual, []int{1, 2, 1, 0}) {
		t.Errorf("levels: inherent %v residual %v, want [1 1 1 1] and [1 2 1 0]", inherent, residual)
	}
	if s.Risks != 4 || s.Assessed != 2 || s.Unaccepted != 1 || s.OpenActions != 3 || s.OverdueActions != 1 || s.OverdueReviews != 1 {
		t.Errorf("summary = %+v", s)
	}
	if got := ids(v.Unaccepted); got != "R-03" {
		t.Errorf("unaccepted = %s, want R-03 (R-01 is accepted, R-02's residual 6 is within acceptance)", got)
	}
	if got := ids(v.Reviews); got != "R-10" {
		t.Errorf("overdue reviews = %s, want R-10", got)
	}
	if got := ids(v.Risks); got != "R-01 R-02 R-03 R-10" {
		t.Errorf("risks in order %s", got)
	}
	var titles []string
	for _, a := range v.Actions {
		titles = append(titles, a.Title)
	}
	if want := []string{"Opplæring", "Øvelse i gjenoppretting", "DLP i e-post", "Uforanderlige sikkerhetskopier", "Krav i avtaler"}; !slices.Equal(titles, want) {
		t.Errorf("actions by due date: %q, want %q", titles, want)
	}
	var overdue []string
	for _, a := range v.Open {
		if a.Overdue {
			overdue = append(overdue, a.Title+" "+a.Risk.ID)
			if a.DaysOverdue != 17 {
				t.Errorf("%s is %d days overdue, want 17 (15 March to 1 April)", a.Title, a.DaysOverdue)
			}
		}
	}
	if len(v.Open) != 3 || !slices.Equal(overdue, []string{"Øvelse i gjenoppretting R-01"}) || len(v.Late) != 1 || v.Late[0].Title != "Øvelse i gjenoppretting" {
		t.Errorf("open %d, overdue %q", len(v.Open), overdue)
	}
	if got := ids(v.ForControl("8.13")); got != "R-01" {
		t.Errorf("risks selecting 8.13: %q", got)
	}
	if got := v.ForControl("5.1"); got != nil {
		t.Errorf("risks selecting 5.1: %q", ids(got))
	}
	r := v.Risk("R-03")
	if r.Score != 16 || r.ResidualScore != 16 || r.Assessed || !r.Unaccepted || r.OpenActions != 1 || r.LateActions != 0 || r.Level.Name != "Høy" {
		t.Errorf("R-03 view = score %d residual %d assessed %v unaccepted %v open %d", r.Score, r.ResidualScore, r.Assessed, r.Unaccepted, r.OpenActions)
	}
	r = v.Risk("R-01")
	if r.Score != 20 || r.ResidualScore != 8 || !r.Assessed || r.Unaccepted || !r.AboveAcceptance || r.LateActions != 1 || r.ResidualLevel.Name != "Middels" {
		t.Errorf("R-01 view = score %d residual %d unaccepted %v late %d", r.Score, r.ResidualScore, r.Unaccepted, r.LateActions)
	}
	var owners []string
	for _, o := range v.Owners {
		owners = append(owners, o.Key+"="+o.Label)
	}
	if want := []string{"o1=Driftsleder", "o2=Innkjøpsansvarlig", "o3=IT-ansvarlig"}; !slices.Equal(owners, want) || v.Risk("R-10").OwnerKey != "o3" {
		t.Errorf("owners %q, want %q", owners, want)
	}
	var treatments []string
	for _, o := range v.Treatments {
		treatments = append(treatments, o.Key)
	}
	if !slices.Equal(treatments, []string{"modify", "retain", "share"}) {
		t.Errorf("treatments in use: %q", treatments)
	}
}

// The default matrix takes its words from the theme; without words the
// codes show.
func TestDefaultWords(t *testing.T) {
	reg, fs := Read([]byte("risks:\n  R-1: {title: A, owner: B, likelihood: 5, consequence: 2, treatment: reduce}\n"), testCatalog(t))
	if errs, warns := fs.Count(); errs != 0 || warns != 2 || !strings.Contains(fs[0].Message, "selects no controls") {
		t.Fatalf("findings: %s", fs.Text())
	}
	v := reg.View(ViewOptions{Words: themeWords(t, "nb")})
	r := v.Risk("R-1")
	if r.Level.Name != "Høy" || r.Level.Code != "high" || r.TreatmentName != "Redusere (modifisere)" || r.LikelihoodStep.Label != "Svært sannsynlig" {
		t.Errorf("nb: level %q (%s), treatment %q, likelihood %q", r.Level.Name, r.Level.Code, r.TreatmentName, r.LikelihoodStep.Label)
	}
	v = reg.View(ViewOptions{})
	if r := v.Risk("R-1"); r.Level.Name != "high" || r.TreatmentName != "modify" {
		t.Errorf("no words: level %q treatment %q", r.Level.Name, r.TreatmentName)
	}
	var tones []int
	for _, l := range v.Levels {
		tones = append(tones, l.Tone)
	}
	if !slices.Equal(tones, []int{1, 2, 3, 4}) || v.Levels[1].Min != 5 || v.Levels[1].Max != 9 {
		t.Errorf("levels %+v %+v", tones, v.Levels[1])
	}
}

func TestLevelOf(t *testing.T) {
	m := DefaultMatrix()
	for score, want := range map[int]int{1: 0, 4: 0, 5: 1, 9: 1, 10: 2, 16: 2, 17: 3, 25: 3} {
		if got := m.LevelOf(score); got != want {
			t.Errorf("LevelOf(%d) = %d, want %d", score, got, want)
		}
	}
	// A 3 × 3 matrix without levels divides its 9 scores like the default.
	if got := defaultLevels(9); !slices.Equal(got, []Level{{Max: 1}, {Max: 3}, {Max: 6}, {Max: 9}}) {
		t.Errorf("defaultLevels(9) = %v", got)
	}
	if got := defaultAcceptance(9); got != 2 {
		t.Errorf("defaultAcceptance(9) = %d", got)
	}
	for i, want := range []int{1, 3, 4} {
		if got := tone(i, 3); got != want {
			t.Errorf("tone(%d, 3) = %d, want %d", i, got, want)
		}
	}
}

func TestOverdue(t *testing.T) {
	due := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	a := &Action{Title: "x", Status: Planned, Due: due}
	if a.Overdue(due) || a.Overdue(due.Add(23*time.Hour)) || !a.Overdue(due.AddDate(0, 0, 1)) {
		t.Error("an action is overdue from the day after its due date")
	}
	a.Status = Done
	if a.Overdue(due.AddDate(0, 0, 10)) {
		t.Error("a done action is never overdue")
	}
}

// A description keeps its text and where it starts: for a block scalar,
// the line after the | indicator, at the text's indentation.
func TestDescriptionAt(t *testing.T) {
	reg, src := readExample(t)
	r, _ := reg.Risk("R-01")
	lines := strings.Split(string(src), "\n")
	want := slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, "Angrep via phishing") }) + 1
	if at := r.DescriptionAt(); at.Line != want || at.Col != 7 {
		t.Errorf("R-01's description starts at %d:%d, want %d:7", at.Line, at.Col, want)
	}
	if !strings.HasPrefix(r.Description, "Angrep via phishing eller sårbar tjeneste; se [[PRO-03]].\nRammer") {
		t.Errorf("description %q", r.Description)
	}
	reg, _ = Read([]byte("risks:\n  R-1:\n    description: \"Se [[POL-01]]\"\n"), nil)
	if at := reg.Risks[0].DescriptionAt(); at.Line != 3 || at.Col != 19 {
		t.Errorf("a quoted description starts at %d:%d, want 3:19", at.Line, at.Col)
	}
}

// Every string the package asks the theme for exists in both languages,
// and the column headers are distinct within each (the import tells the
// columns apart by them).
func TestThemeStrings(t *testing.T) {
	keys := []string{"risks.title", "rtp.title", "risks.sheet.register", "risks.sheet.rtp", "risks.export.yes", "risks.export.no",
		"risks.meta.assessed", "risks.meta.method", "risks.meta.acceptance", "risks.meta.built", "risks.treatment.none"}
	for _, code := range defaultLevelCodes {
		keys = append(keys, "risks.level."+code)
	}
	for i := 1; i <= 5; i++ {
		keys = append(keys, fmt.Sprintf("risks.likelihood.%d", i), fmt.Sprintf("risks.consequence.%d", i))
	}
	for _, group := range []struct {
		prefix string
		codes  []string
	}{{"risks.treatment.", Treatments}, {"risks.action.", ActionStatuses}, {"risks.property.", Properties}} {
		for _, c := range group.codes {
			keys = append(keys, group.prefix+c)
		}
	}
	for _, lang := range []string{"en", "nb"} {
		w := themeWords(t, lang)
		for _, k := range keys {
			if w(k) == k {
				t.Errorf("%s: no string %s", lang, k)
			}
		}
		seen := map[string]string{}
		for _, c := range slices.Concat(RisksColumns, RTPColumns) {
			h := strings.ToLower(w("risks.col." + c))
			if h == "risks.col."+c {
				t.Errorf("%s: no header for column %s", lang, c)
			}
			if other, dup := seen[h]; dup && other != c {
				t.Errorf("%s: columns %s and %s have the same header %q", lang, other, c, h)
			}
			seen[h] = c
		}
	}
}
