package catalog

import (
	"cmp"
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The data files are tab-separated: a header row naming the columns, then one
// row per entry, every cell filled, multi-valued cells joined with '|'. They
// are read in dependency order (themes and attribute kinds before controls,
// controls before the mapping) and every reference between them is checked,
// so a typo in a data file fails New with the file and line rather than
// leaving a hole in the site.

//go:embed data/*.tsv
var dataFiles embed.FS

const (
	themesFile          = "data/themes.tsv"
	attributeKindsFile  = "data/attribute-kinds.tsv"
	attributeValuesFile = "data/attribute-values.tsv"
	controlsFile        = "data/controls-2022.tsv"
	domains2013File     = "data/domains-2013.tsv"
	controls2013File    = "data/controls-2013.tsv"
	mappingFile         = "data/mapping-2013-2022.tsv"
	clausesFile         = "data/clauses-27001-2022.tsv"
	clauseChangesFile   = "data/clause-changes-2022.tsv"
)

// New parses the embedded data files into a linked Catalog. It is cheap
// enough to call once per build. An error names the data file and line.
func New() (*Catalog, error) {
	return load(dataFiles)
}

// load builds a Catalog from the data files in fsys (paths as in the consts above).
func load(fsys fs.FS) (*Catalog, error) {
	c := &Catalog{
		controlByID: map[string]*Control{},
		c2013ByID:   map[string]*Control2013{},
		clauseByID:  map[string]*Clause{},
	}
	steps := []func(fs.FS) error{
		c.loadThemes,
		c.loadAttributeKinds,
		c.loadAttributeValues,
		c.loadControls,
		c.loadDomains2013,
		c.loadControls2013,
		c.loadMapping,
		c.loadClauses,
		c.loadClauseChanges,
		c.loadKeywords,
	}
	for _, step := range steps {
		if err := step(fsys); err != nil {
			return nil, fmt.Errorf("catalog: %w", err)
		}
	}
	return c, nil
}

// row is one data row of a table file.
type row struct {
	file  string
	line  int
	cells map[string]string
}

func (r row) get(column string) string { return r.cells[column] }

func (r row) errorf(format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", r.file, r.line, fmt.Sprintf(format, args...))
}

// text reads the columns title_en and title_nb (or other pairs named prefix_en, prefix_nb).
func (r row) text(prefix string) Text {
	return Text{En: r.get(prefix + "_en"), Nb: r.get(prefix + "_nb")}
}

// readTable reads a tab-separated file whose header must be exactly columns.
func readTable(fsys fs.FS, file string, columns ...string) ([]row, error) {
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil, err
	}
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("%s: not valid UTF-8", file)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	header := strings.Split(strings.TrimSuffix(lines[0], "\r"), "\t")
	if !slices.Equal(header, columns) {
		return nil, fmt.Errorf("%s:1: header is %q, want %q", file, header, columns)
	}
	var rows []row
	for i, line := range lines[1:] {
		r := row{file: file, line: i + 2, cells: map[string]string{}}
		cells := strings.Split(strings.TrimSuffix(line, "\r"), "\t")
		if len(cells) != len(columns) {
			return nil, r.errorf("%d cells, want %d (%s)", len(cells), len(columns), strings.Join(columns, ", "))
		}
		for j, cell := range cells {
			if cell == "" {
				return nil, r.errorf("empty %s", columns[j])
			}
			if strings.TrimSpace(cell) != cell {
				return nil, r.errorf("%s %q has surrounding space", columns[j], cell)
			}
			r.cells[columns[j]] = cell
		}
		rows = append(rows, r)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: no rows", file)
	}
	return rows, nil
}

func (c *Catalog) loadThemes(fsys fs.FS) error {
	rows, err := readTable(fsys, themesFile, "id", "number", "title_en", "title_nb")
	if err != nil {
		return err
	}
	for _, r := range rows {
		n, err := strconv.Atoi(r.get("number"))
		if err != nil || n < 5 || n > 8 {
			return r.errorf("theme number %q is not 5..8", r.get("number"))
		}
		for _, t := range c.themes {
			if t.ID == r.get("id") || t.Number == n {
				return r.errorf("theme %s (%d) repeats theme %s (%d)", r.get("id"), n, t.ID, t.Number)
			}
		}
		c.themes = append(c.themes, &Theme{ID: r.get("id"), Number: n, Title: r.text("title")})
	}
	slices.SortFunc(c.themes, func(a, b *Theme) int { return cmp.Compare(a.Number, b.Number) })
	return nil
}

func (c *Catalog) themeByID(id string) *Theme {
	for _, t := range c.themes {
		if t.ID == id {
			return t
		}
	}
	return nil
}

func (c *Catalog) themeByNumber(n int) *Theme {
	for _, t := range c.themes {
		if t.Number == n {
			return t
		}
	}
	return nil
}

func (c *Catalog) loadAttributeKinds(fsys fs.FS) error {
	rows, err := readTable(fsys, attributeKindsFile, "index", "slug", "title_en", "title_nb")
	if err != nil {
		return err
	}
	if len(rows) != len(Control{}.Attributes) {
		return fmt.Errorf("%s: %d attribute kinds, want %d", attributeKindsFile, len(rows), len(Control{}.Attributes))
	}
	for i, r := range rows {
		if r.get("index") != strconv.Itoa(i) {
			return r.errorf("index %s, want %d (rows in index order)", r.get("index"), i)
		}
		slug := r.get("slug")
		if slugify(slug) != slug {
			return r.errorf("slug %q is not lowercase with hyphens", slug)
		}
		c.kinds = append(c.kinds, &AttributeKind{Index: i, Slug: slug, Title: r.text("title")})
	}
	return nil
}

func (c *Catalog) loadAttributeValues(fsys fs.FS) error {
	rows, err := readTable(fsys, attributeValuesFile, "kind", "name", "title_nb")
	if err != nil {
		return err
	}
	for _, r := range rows {
		k, ok := c.AttributeKind(r.get("kind"))
		if !ok || k.Slug != r.get("kind") {
			return r.errorf("unknown attribute kind %q", r.get("kind"))
		}
		name := r.get("name")
		if strings.ContainsAny(name, "# ") {
			return r.errorf("value %q: write the hashtag name without '#', words joined by '_'", name)
		}
		if _, dup := c.AttributeValue(k.Slug, name); dup {
			return r.errorf("value %s repeated in %s", name, k.Slug)
		}
		k.Values = append(k.Values, &AttributeValue{
			Kind:  k,
			Name:  name,
			Slug:  slugify(name),
			Title: Text{En: name, Nb: r.get("title_nb")},
		})
	}
	for _, k := range c.kinds {
		if len(k.Values) == 0 {
			return fmt.Errorf("%s: attribute kind %s has no values", attributeValuesFile, k.Slug)
		}
	}
	return nil
}

func (c *Catalog) loadControls(fsys fs.FS) error {
	columns := []string{"id", "theme", "title_en", "title_nb"}
	for _, k := range c.kinds {
		columns = append(columns, k.column())
	}
	columns = append(columns, "new_in_2022")
	rows, err := readTable(fsys, controlsFile, columns...)
	if err != nil {
		return err
	}
	for _, r := range rows {
		k, id := Classify(r.get("id"))
		if k != KindControl || id != r.get("id") {
			return r.errorf("%q is not a 2022 control ID such as 5.15", r.get("id"))
		}
		if c.controlByID[id] != nil {
			return r.errorf("control %s repeated", id)
		}
		theme := c.themeByID(r.get("theme"))
		if theme == nil {
			return r.errorf("unknown theme %q", r.get("theme"))
		}
		if !strings.HasPrefix(id, strconv.Itoa(theme.Number)+".") {
			return r.errorf("control %s is not in theme %s (%d)", id, theme.ID, theme.Number)
		}
		ctl := &Control{ID: id, Theme: theme, Title: r.text("title")}
		switch r.get("new_in_2022") {
		case "yes":
			ctl.New = true
		case "no":
		default:
			return r.errorf("new_in_2022 is %q, want yes or no", r.get("new_in_2022"))
		}
		for _, kind := range c.kinds {
			values, err := kind.parse(r.get(kind.column()))
			if err != nil {
				return r.errorf("control %s: %v", id, err)
			}
			for _, v := range values {
				ctl.Attributes[kind.Index] = append(ctl.Attributes[kind.Index], v.Name)
				v.Controls = append(v.Controls, ctl)
			}
		}
		c.controlByID[id] = ctl
		c.controls = append(c.controls, ctl)
	}
	sortByID(c.controls, func(x *Control) string { return x.ID })
	for _, t := range c.themes {
		for _, ctl := range c.controls {
			if ctl.Theme == t {
				t.Controls = append(t.Controls, ctl)
			}
		}
		if len(t.Controls) == 0 {
			return fmt.Errorf("%s: theme %s has no controls", controlsFile, t.ID)
		}
		t.First, t.Last = t.Controls[0].ID, t.Controls[len(t.Controls)-1].ID
	}
	for _, k := range c.kinds {
		for _, v := range k.Values {
			sortByID(v.Controls, func(x *Control) string { return x.ID })
		}
	}
	return nil
}

// column is the kind's column name in the data file and in CSV exports:
// control_type, security_properties and so on.
func (k *AttributeKind) column() string { return strings.ReplaceAll(k.Slug, "-", "_") }

// parse reads a '|'-joined cell of value names and returns the values in the
// kind's order. Every name must be a value of the kind, at most once.
func (k *AttributeKind) parse(cell string) ([]*AttributeValue, error) {
	names := strings.Split(cell, "|")
	var values []*AttributeValue
	for _, v := range k.Values {
		if slices.Contains(names, v.Name) {
			values = append(values, v)
		}
	}
	if len(values) != len(names) {
		var valid []string
		for _, v := range k.Values {
			valid = append(valid, v.Name)
		}
		return nil, fmt.Errorf("%s %q has an unknown or repeated value (valid: %s)", k.column(), cell, strings.Join(valid, ", "))
	}
	return values, nil
}

func (c *Catalog) loadDomains2013(fsys fs.FS) error {
	rows, err := readTable(fsys, domains2013File, "id", "title_en", "title_nb")
	if err != nil {
		return err
	}
	for _, r := range rows {
		id := r.get("id")
		rest, annex := cutAnnex(id)
		if parts, ok := parseNumbers(rest); !annex || !ok || len(parts) != 1 || !strings.HasPrefix(id, "A.") {
			return r.errorf("%q is not a 2013 domain ID such as A.9", id)
		}
		if c.domain2013(id) != nil {
			return r.errorf("domain %s repeated", id)
		}
		c.domains = append(c.domains, &Domain2013{ID: id, Title: r.text("title")})
	}
	sortByID(c.domains, func(d *Domain2013) string { return d.ID })
	return nil
}

func (c *Catalog) domain2013(id string) *Domain2013 {
	for _, d := range c.domains {
		if d.ID == id {
			return d
		}
	}
	return nil
}

func (c *Catalog) loadControls2013(fsys fs.FS) error {
	rows, err := readTable(fsys, controls2013File, "id", "domain", "title_en", "title_nb")
	if err != nil {
		return err
	}
	for _, r := range rows {
		k, id := Classify(r.get("id"))
		if k != KindControl2013 || id != r.get("id") {
			return r.errorf("%q is not a 2013 control ID such as A.9.1.1", r.get("id"))
		}
		if c.c2013ByID[id] != nil {
			return r.errorf("2013 control %s repeated", id)
		}
		d := c.domain2013(r.get("domain"))
		if d == nil {
			return r.errorf("unknown 2013 domain %q", r.get("domain"))
		}
		if !strings.HasPrefix(id, d.ID+".") {
			return r.errorf("2013 control %s is not in domain %s", id, d.ID)
		}
		ctl := &Control2013{ID: id, Domain: d, Title: r.text("title")}
		c.c2013ByID[id] = ctl
		c.controls2013 = append(c.controls2013, ctl)
	}
	sortByID(c.controls2013, func(x *Control2013) string { return x.ID })
	for _, ctl := range c.controls2013 {
		ctl.Domain.Controls = append(ctl.Domain.Controls, ctl)
	}
	for _, d := range c.domains {
		if len(d.Controls) == 0 {
			return fmt.Errorf("%s: 2013 domain %s has no controls", controls2013File, d.ID)
		}
	}
	return nil
}

func (c *Catalog) loadMapping(fsys fs.FS) error {
	rows, err := readTable(fsys, mappingFile, "id_2013", "id_2022")
	if err != nil {
		return err
	}
	for _, r := range rows {
		old, ok := c.c2013ByID[r.get("id_2013")]
		if !ok {
			return r.errorf("unknown 2013 control %q", r.get("id_2013"))
		}
		ctl, ok := c.controlByID[r.get("id_2022")]
		if !ok {
			return r.errorf("unknown 2022 control %q", r.get("id_2022"))
		}
		if slices.Contains(old.Successors, ctl) {
			return r.errorf("pair %s → %s repeated", old.ID, ctl.ID)
		}
		if ctl.New {
			return r.errorf("%s is new in 2022 and cannot have the predecessor %s", ctl.ID, old.ID)
		}
		old.Successors = append(old.Successors, ctl)
		ctl.Predecessors = append(ctl.Predecessors, old)
	}
	for _, old := range c.controls2013 {
		sortByID(old.Successors, func(x *Control) string { return x.ID })
	}
	for _, ctl := range c.controls {
		sortByID(ctl.Predecessors, func(x *Control2013) string { return x.ID })
	}
	return nil
}

func (c *Catalog) loadClauses(fsys fs.FS) error {
	rows, err := readTable(fsys, clausesFile, "id", "title_en", "title_nb")
	if err != nil {
		return err
	}
	for _, r := range rows {
		id, ok := clauseNumber(r.get("id"))
		if !ok || id != r.get("id") {
			return r.errorf("%q is not a clause ID such as 6.1.3", r.get("id"))
		}
		if c.clauseByID[id] != nil {
			return r.errorf("clause %s repeated", id)
		}
		cl := &Clause{ID: id, Title: r.text("title")}
		c.clauseByID[id] = cl
		c.clauses = append(c.clauses, cl)
	}
	sortByID(c.clauses, func(x *Clause) string { return x.ID })
	for _, cl := range c.clauses {
		i := strings.LastIndexByte(cl.ID, '.')
		if i < 0 {
			continue
		}
		parent := c.clauseByID[cl.ID[:i]]
		if parent == nil {
			return fmt.Errorf("%s: clause %s has no parent clause %s", clausesFile, cl.ID, cl.ID[:i])
		}
		cl.Parent = parent
		parent.Children = append(parent.Children, cl)
	}
	return nil
}

func (c *Catalog) loadClauseChanges(fsys fs.FS) error {
	rows, err := readTable(fsys, clauseChangesFile, "id", "change_en", "change_nb")
	if err != nil {
		return err
	}
	for _, r := range rows {
		cl, ok := c.clauseByID[r.get("id")]
		if !ok {
			return r.errorf("unknown clause %q", r.get("id"))
		}
		if cl.Change != (Text{}) {
			return r.errorf("clause %s repeated", cl.ID)
		}
		cl.Change = r.text("change")
	}
	for _, cl := range c.clauses {
		if cl.Change != (Text{}) {
			c.changed = append(c.changed, cl)
		}
	}
	return nil
}

// sortByID sorts s in natural order of the IDs that id returns.
func sortByID[T any](s []T, id func(T) string) {
	slices.SortFunc(s, func(a, b T) int { return Compare(id(a), id(b)) })
}
