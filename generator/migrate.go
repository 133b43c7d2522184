package generator

// isms migrate rewrites ISO/IEC 27002:2013 control IDs in the controls
// lists of front matter to their 2022 successors, and changes nothing else:
// the file is edited as text, byte ranges of the list's items only, so that
// comments, key order, quoting, line ends and the body stay as they were.
// A YAML or TOML parser finds the items (and checks that the text found
// says what the parser read); the edits are then made on the original bytes.
//
// Body references [[A.9.1.1]] are listed for the author, not rewritten:
// the sentence around them usually needs rewording too.

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/isms-project/isms/catalog"
	"github.com/isms-project/isms/internal/finding"
	"github.com/isms-project/isms/internal/tree"
	"go.yaml.in/yaml/v3"
)

// Migration is what isms migrate changes, or would change, in a site.
type Migration struct {
	Files    []*MigratedFile // files whose front matter changes, in path order
	BodyRefs []BodyRef       // 2013 IDs in document bodies, for the author
	// finding.Findings are what migrate could not do: files whose front matter it
	// cannot edit safely (errors) and unknown 2013 IDs (warnings).
	Findings finding.Findings
}

// MigratedFile is a document with its old and new bytes.
type MigratedFile struct {
	Path     string // site-relative, slash-separated
	Old, New []byte
	Rewrites []Rewrite
}

// Rewrite is one 2013 ID in a controls list and what replaced it.
type Rewrite struct {
	finding.Pos
	From       string   // the 2013 ID as written
	Successors []string // all its 2022 successors
	Added      []string // those written in its place; the others were listed already
}

func (r Rewrite) String() string {
	to := strings.Join(r.Successors, ", ")
	if len(r.Added) == 0 {
		return fmt.Sprintf("%s: %s → %s, listed already, so the item is removed", r.Pos, r.From, to)
	}
	var note []string
	if len(r.Successors) > 1 {
		note = append(note, "several successors: all are listed")
	}
	for _, s := range r.Successors {
		if !slices.Contains(r.Added, s) {
			note = append(note, s+" was listed already")
		}
	}
	s := fmt.Sprintf("%s: %s → %s", r.Pos, r.From, to)
	if len(note) > 0 {
		s += " (" + strings.Join(note, "; ") + ")"
	}
	return s
}

// BodyRef is a [[…]] reference to a 2013 control in a document's body.
type BodyRef struct {
	finding.Pos
	ID         string
	Successors []string
}

func (b BodyRef) String() string {
	return fmt.Sprintf("%s: [[%s]] in the text: in 2022 it is %s; not rewritten, edit it by hand",
		b.Pos, b.ID, strings.Join(b.Successors, " and "))
}

// Migrate reads the site in fsys and works out the rewrites. It changes
// nothing: the caller writes MigratedFile.New, or prints Diff.
func Migrate(fsys fs.FS) (*Migration, error) {
	cfgSrc, err := fs.ReadFile(fsys, configFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNotSite
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", configFile, err)
	}
	cfg, _ := readConfig(cfgSrc)
	_, themeDir, err := themeFS(fsys, cfg)
	if err != nil {
		return nil, err
	}
	files, err := walkSite(fsys, themeDir)
	if err != nil {
		return nil, err
	}
	cat, err := catalog.New()
	if err != nil {
		return nil, err
	}
	md := newMarkdown(cfg.UnsafeHTML, false)
	m := &Migration{}
	for _, p := range files.docs {
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", p, err)
		}
		m.file(cat, md, p, src)
	}
	m.Findings.Sort()
	return m, nil
}

// file works out the rewrites of one document.
func (m *Migration) file(cat *catalog.Catalog, md *markdown, path string, src []byte) {
	fail := func(off int, format string, args ...any) {
		at := tree.OffsetLoc(src, off)
		m.Findings = append(m.Findings, finding.Finding{Pos: finding.Pos{Path: path, Line: at.Line, Col: at.Col}, Severity: finding.Error,
			Message: "not migrated: " + fmt.Sprintf(format, args...)})
	}
	if !utf8.Valid(src) || bytes.IndexByte(src, 0) >= 0 {
		fail(0, "not UTF-8 text")
		return
	}
	doc := readDocument(path, src, md)
	if doc.Status == "retired" {
		return // kept as it was approved: it is not maintained any more
	}
	if doc.Body != nil {
		for _, ref := range doc.Body.refs {
			if ref.kind != refWiki {
				continue
			}
			if kind, id := catalog.Classify(ref.target); kind == catalog.KindControl2013 {
				if c, ok := cat.Control2013(id); ok {
					m.BodyRefs = append(m.BodyRefs, BodyRef{finding.Pos{Path: path, Line: ref.at.Line, Col: ref.at.Col}, c.ID, controlIDs(c.Successors)})
				}
			}
		}
	}

	fm, ok := findFrontMatter(src)
	if !ok {
		return // no front matter: readDocument's findings say so in a build
	}
	var list controlsList
	var err error
	if fm.toml {
		list, err = tomlControls(src, fm)
	} else {
		list, err = yamlControls(src, fm)
	}
	if err != nil {
		var pe *positionedError
		if errors.As(err, &pe) {
			fail(pe.off, "%s", pe.msg)
		} else {
			fail(fm.start, "%v", err)
		}
		return
	}
	if len(list.items) == 0 {
		return
	}
	e := &editor{src: src}
	rewrites, ok := e.migrateList(cat, &list, path, m)
	if !ok || len(rewrites) == 0 {
		return
	}
	out, err := e.apply()
	if err != nil {
		fail(list.items[0].start, "%v", err)
		return
	}
	m.Files = append(m.Files, &MigratedFile{Path: path, Old: src, New: out, Rewrites: rewrites})
}

func controlIDs(cs []*catalog.Control) []string {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	return ids
}

// frontMatterSpan is where a document's front matter is: the bytes between
// the opening and the closing delimiter lines.
type frontMatterSpan struct {
	toml       bool
	start, end int // the content, without the delimiter lines
}

// findFrontMatter finds the front matter as splitFrontMatter does: after
// blank lines, a line --- (or ---yaml, +++, ---toml), up to the next line
// that is the closing delimiter, spaces around delimiters allowed.
func findFrontMatter(src []byte) (frontMatterSpan, bool) {
	off := len(src) - len(bytes.TrimPrefix(src, []byte("\uFEFF")))
	for {
		line, next := lineAt(src, off)
		if len(bytes.TrimSpace(line)) != 0 {
			break
		}
		if next == off || next >= len(src) {
			return frontMatterSpan{}, false
		}
		off = next
	}
	first, next := lineAt(src, off)
	var fm frontMatterSpan
	closing := "---"
	switch string(bytes.TrimSpace(first)) {
	case "---", "---yaml":
	case "+++":
		fm.toml, closing = true, "+++"
	case "---toml":
		fm.toml = true
	default:
		return fm, false
	}
	fm.start = next
	for off = next; off < len(src); {
		line, after := lineAt(src, off)
		if string(bytes.TrimSpace(line)) == closing {
			fm.end = off
			return fm, true
		}
		off = after
	}
	return fm, false
}

// lineAt returns the line starting at off (without its line end) and the
// offset of the next line.
func lineAt(src []byte, off int) ([]byte, int) {
	i := bytes.IndexByte(src[off:], '\n')
	if i < 0 {
		return src[off:], len(src)
	}
	return src[off : off+i], off + i + 1
}

// controlsList is the controls field of a front matter, as found in the text.
type controlsList struct {
	items  []listItem
	flow   bool // [a, b] (YAML flow sequence, TOML array)
	single bool // a lone value, not a list
	toml   bool
}

// listItem is one item of the list: its token in the file and its value.
type listItem struct {
	start, end int    // byte range of the token, quotes included
	value      string // as the parser read it
	quote      byte   // '"', '\'' or 0 (YAML plain)
}

// positionedError is a reason not to migrate a file, at a byte offset.
type positionedError struct {
	off int
	msg string
}

func (e *positionedError) Error() string { return e.msg }

// yamlControls finds the items of the controls list in YAML front matter.
func yamlControls(src []byte, fm frontMatterSpan) (controlsList, error) {
	var list controlsList
	text := src[fm.start:fm.end]
	var doc yaml.Node
	if err := yaml.Unmarshal(text, &doc); err != nil {
		return list, &positionedError{fm.start, "the front matter is not valid YAML (isms check says where)"}
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return list, nil
	}
	root := doc.Content[0]
	lines := lineStarts(text)
	offset := func(n *yaml.Node) int {
		if n.Line < 1 || n.Line > len(lines) {
			return -1
		}
		ls := lines[n.Line-1]
		off := ls
		for col := 1; col < n.Column && off < len(text) && text[off] != '\n'; col++ {
			_, size := utf8.DecodeRune(text[off:])
			off += size
		}
		return fm.start + off
	}
	var v *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "controls" {
			v = root.Content[i+1]
		}
	}
	if v == nil {
		return list, nil
	}
	var nodes []*yaml.Node
	switch {
	case v.Kind == yaml.SequenceNode:
		nodes = v.Content
		list.flow = v.Style&yaml.FlowStyle != 0
	case v.Kind == yaml.ScalarNode && v.ShortTag() != "!!null":
		nodes = []*yaml.Node{v}
		list.single = true
	case v.Kind == yaml.ScalarNode:
		return list, nil
	default:
		return list, &positionedError{max(offset(v), fm.start), "controls is not a list of IDs"}
	}
	for _, n := range nodes {
		off := offset(n)
		if n.Kind != yaml.ScalarNode || n.Anchor != "" || off < 0 {
			return list, &positionedError{max(off, fm.start), "controls has an item that is not a plain ID (an anchor, an alias or a nested value)"}
		}
		item, err := yamlToken(src, off, n, list.flow)
		if err != nil {
			return list, err
		}
		list.items = append(list.items, item)
	}
	return list, nil
}

// yamlToken finds the extent of a scalar's token at off and checks that
// it reads as the parser's value.
func yamlToken(src []byte, off int, n *yaml.Node, flow bool) (listItem, error) {
	item := listItem{start: off, value: n.Value}
	bad := &positionedError{off, fmt.Sprintf("cannot find the item %q in the text", n.Value)}
	switch n.Style {
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		q := src[off]
		if (q != '"' && q != '\'') || (n.Style == yaml.DoubleQuotedStyle) != (q == '"') {
			return item, bad
		}
		end, ok := quotedEnd(src, off, q)
		if !ok {
			return item, bad
		}
		var s string
		if yaml.Unmarshal(src[off:end], &s) != nil || s != n.Value {
			return item, bad
		}
		item.end, item.quote = end, q
	case 0:
		end := off
		for end < len(src) && src[end] != '\n' && src[end] != '\r' {
			c := src[end]
			if flow && (c == ',' || c == ']' || c == '}') {
				break
			}
			if c == '#' && end > off && (src[end-1] == ' ' || src[end-1] == '\t') {
				break
			}
			end++
		}
		for end > off && (src[end-1] == ' ' || src[end-1] == '\t') {
			end--
		}
		if string(src[off:end]) != n.Value {
			return item, bad
		}
		item.end = end
	default:
		return item, &positionedError{off, fmt.Sprintf("the item %q is a block scalar; write it on one line", n.Value)}
	}
	return item, nil
}

// quotedEnd returns the offset after the closing quote of a string that
// starts with quote q at off: "…" with backslash escapes, '…' with a
// single quote doubled inside.
func quotedEnd(src []byte, off int, q byte) (int, bool) {
	for i := off + 1; i < len(src); i++ {
		switch {
		case q == '"' && src[i] == '\\':
			i++
		case src[i] == q && q == '\'' && i+1 < len(src) && src[i+1] == '\'':
			i++
		case src[i] == q:
			return i + 1, true
		case src[i] == '\n':
			return 0, false
		}
	}
	return 0, false
}

func lineStarts(text []byte) []int {
	starts := []int{0}
	for i, c := range text {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

var tomlControlsKey = regexp.MustCompile(`(?m)^[ \t]*(?:controls|"controls"|'controls')[ \t]*=[ \t]*`)

// tomlControls finds the items of the controls array in TOML front matter.
// The decoded front matter is the check: the strings found in the text must
// be the array the decoder read.
func tomlControls(src []byte, fm frontMatterSpan) (controlsList, error) {
	list := controlsList{toml: true}
	text := src[fm.start:fm.end]
	var m map[string]any
	if _, err := toml.Decode(string(text), &m); err != nil {
		return list, &positionedError{fm.start, "the front matter is not valid TOML (isms check says where)"}
	}
	var want []string
	switch v := m["controls"].(type) {
	case nil:
		return list, nil
	case string:
		want, list.single = []string{v}, true
	case []any:
		for _, x := range v {
			s, ok := x.(string)
			if !ok {
				return list, &positionedError{fm.start, "controls has an item that is not a string"}
			}
			want = append(want, s)
		}
		list.flow = true
	default:
		return list, &positionedError{fm.start, "controls is not a list of IDs"}
	}
	loc := tomlControlsKey.FindIndex(text)
	if loc == nil {
		return list, &positionedError{fm.start, "cannot find the controls key in the text"}
	}
	i := fm.start + loc[1]
	token := func() (listItem, error) {
		q := src[i]
		if (q != '"' && q != '\'') || bytes.HasPrefix(src[i:], []byte{q, q, q}) {
			return listItem{}, &positionedError{i, "controls has an item that is not a one-line string"}
		}
		end, ok := quotedEnd(src, i, q)
		if !ok {
			return listItem{}, &positionedError{i, "unterminated string in controls"}
		}
		var v struct{ V string }
		if _, err := toml.Decode("V = "+string(src[i:end]), &v); err != nil {
			return listItem{}, &positionedError{i, "cannot read a string in controls"}
		}
		item := listItem{start: i, end: end, value: v.V, quote: q}
		i = end
		return item, nil
	}
	skip := func() { // spaces, line ends and comments
		for i < fm.end {
			switch src[i] {
			case ' ', '\t', '\r', '\n', ',':
				if src[i] == ',' {
					return
				}
				i++
			case '#':
				_, i = lineAt(src, i)
			default:
				return
			}
		}
	}
	if list.single {
		item, err := token()
		if err != nil {
			return list, err
		}
		list.items = []listItem{item}
	} else {
		if i >= fm.end || src[i] != '[' {
			return list, &positionedError{i, "cannot find the controls array in the text"}
		}
		i++
		for {
			skip()
			if i >= fm.end {
				return list, &positionedError{fm.start, "unterminated controls array"}
			}
			if src[i] == ']' {
				break
			}
			item, err := token()
			if err != nil {
				return list, err
			}
			list.items = append(list.items, item)
			skip()
			if i < fm.end && src[i] == ',' {
				i++
			}
		}
	}
	got := make([]string, len(list.items))
	for k, it := range list.items {
		got[k] = it.value
	}
	if !slices.Equal(got, want) {
		return list, &positionedError{fm.start, "the controls array found in the text is not the one the TOML decoder read"}
	}
	return list, nil
}

// editor collects byte-range edits of a file and applies them.
type editor struct {
	src   []byte
	edits []edit
}

type edit struct {
	start, end int
	text       string
}

func (e *editor) replace(start, end int, text string) {
	e.edits = append(e.edits, edit{start, end, text})
}

// migrateList plans the edits of a controls list. It reports false when
// the list cannot be edited safely (with a finding).
func (e *editor) migrateList(cat *catalog.Catalog, list *controlsList, path string, m *Migration) ([]Rewrite, bool) {
	src := e.src
	pos := func(off int) finding.Pos {
		at := tree.OffsetLoc(src, off)
		return finding.Pos{Path: path, Line: at.Line, Col: at.Col}
	}
	listed := map[string]bool{}
	for _, it := range list.items {
		if kind, id := catalog.Classify(it.value); kind == catalog.KindControl {
			listed[id] = true
		}
	}
	var rewrites []Rewrite
	removed := make([]bool, len(list.items))
	for k, it := range list.items {
		kind, id := catalog.Classify(it.value)
		if kind != catalog.KindControl2013 {
			continue
		}
		c13, ok := cat.Control2013(id)
		if !ok {
			m.Findings = append(m.Findings, finding.Finding{Pos: pos(it.start), Severity: finding.Warning,
				Message: fmt.Sprintf("unknown ISO/IEC 27002:2013 control %q left as it is (%s)", it.value, cat.Suggest2013(it.value))})
			continue
		}
		r := Rewrite{Pos: pos(it.start), From: it.value, Successors: controlIDs(c13.Successors)}
		for _, s := range r.Successors {
			if !listed[s] {
				listed[s] = true
				r.Added = append(r.Added, s)
			}
		}
		rewrites = append(rewrites, r)
		quoted := make([]string, len(r.Added))
		for j, s := range r.Added {
			quoted[j] = quoteAs(s, it.quote)
		}
		switch {
		case len(r.Added) == 0:
			removed[k] = true
		case len(r.Added) == 1:
			e.replace(it.start, it.end, quoted[0])
		case list.single:
			e.replace(it.start, it.end, "["+strings.Join(quoted, ", ")+"]")
		case list.flow:
			e.replace(it.start, it.end, strings.Join(quoted, ", "))
		default:
			// A block list: one more "- ID" line per successor, with the
			// item's own prefix and line end.
			ls := bytes.LastIndexByte(src[:it.start], '\n') + 1
			prefix := string(src[ls:it.start])
			if strings.Trim(prefix, " \t") != "-" {
				m.Findings = append(m.Findings, finding.Finding{Pos: pos(it.start), Severity: finding.Error,
					Message: "not migrated: the list item is not on its own \"- ID\" line"})
				return nil, false
			}
			line, _ := lineAt(src, ls)
			lineEnd := ls + len(line)
			eol := "\n"
			if bytes.HasSuffix(line, []byte("\r")) {
				lineEnd--
				eol = "\r\n"
			}
			var b strings.Builder
			b.WriteString(quoted[0])
			b.Write(src[it.end:lineEnd])
			for _, q := range quoted[1:] {
				b.WriteString(eol + prefix + q)
			}
			e.replace(it.start, lineEnd, b.String())
		}
	}
	if slices.Contains(removed, true) {
		if list.flow || list.single {
			e.removeFlow(list.items, removed)
		} else {
			e.removeBlock(list.items, removed)
		}
	}
	return rewrites, true
}

func quoteAs(id string, q byte) string {
	if q == 0 {
		return id
	}
	return string(q) + id + string(q)
}

// removeFlow removes items of a [a, b, c] list with their separators: an
// item and the comma after it, or, for the last item, the comma after the
// last item kept. A line left blank goes too.
func (e *editor) removeFlow(items []listItem, removed []bool) {
	src := e.src
	spaces := func(i int) int {
		for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
			i++
		}
		return i
	}
	var ranges [][2]int
	for k, it := range items {
		if !removed[k] {
			continue
		}
		after := spaces(it.end)
		if after < len(src) && src[after] == ',' {
			start, end := it.start, spaces(after+1)
			if end < len(src) && src[end] == ']' { // a trailing comma: [a, b,]
				for start > 0 && (src[start-1] == ' ' || src[start-1] == '\t') {
					start--
				}
			}
			ranges = append(ranges, [2]int{start, end})
			continue
		}
		start := it.start
		for start > 0 && (src[start-1] == ' ' || src[start-1] == '\t') {
			start--
		}
		ranges = append(ranges, [2]int{start, it.end})
		for j := k - 1; j >= 0; j-- {
			if !removed[j] {
				if c := spaces(items[j].end); c < len(src) && src[c] == ',' {
					ranges = append(ranges, [2]int{c, spaces(c + 1)})
				}
				break
			}
		}
	}
	for _, r := range mergeRanges(ranges) {
		r = e.wholeLine(r)
		e.replace(r[0], r[1], "")
	}
}

// removeBlock removes the "- ID" lines of removed items; a comment on such
// a line stays, on a line of its own.
func (e *editor) removeBlock(items []listItem, removed []bool) {
	src := e.src
	for k, it := range items {
		if !removed[k] {
			continue
		}
		ls := bytes.LastIndexByte(src[:it.start], '\n') + 1
		line, next := lineAt(src, ls)
		rest := bytes.TrimRight(src[it.end:ls+len(line)], " \t\r")
		if len(bytes.TrimLeft(rest, " \t")) == 0 {
			e.replace(ls, next, "")
			continue
		}
		indent := src[ls : ls+len(src[ls:it.start])-len(bytes.TrimLeft(src[ls:it.start], " \t"))]
		e.replace(ls, it.end+len(rest)-len(bytes.TrimLeft(rest, " \t")), string(indent))
	}
}

// wholeLine widens a range to its whole line, line end included, when
// only spaces would be left on the line.
func (e *editor) wholeLine(r [2]int) [2]int {
	src := e.src
	ls := bytes.LastIndexByte(src[:r[0]], '\n') + 1
	if len(bytes.Trim(src[ls:r[0]], " \t")) != 0 {
		return r
	}
	end := r[1]
	for end < len(src) && (src[end] == ' ' || src[end] == '\t' || src[end] == '\r') {
		end++
	}
	if end < len(src) && src[end] == '\n' {
		return [2]int{ls, end + 1}
	}
	return r
}

func mergeRanges(rs [][2]int) [][2]int {
	slices.SortFunc(rs, func(a, b [2]int) int { return a[0] - b[0] })
	var out [][2]int
	for _, r := range rs {
		if n := len(out); n > 0 && r[0] <= out[n-1][1] {
			out[n-1][1] = max(out[n-1][1], r[1])
			continue
		}
		out = append(out, r)
	}
	return out
}

// apply makes the edited file.
func (e *editor) apply() ([]byte, error) {
	slices.SortFunc(e.edits, func(a, b edit) int { return a.start - b.start })
	var b bytes.Buffer
	last := 0
	for _, ed := range e.edits {
		if ed.start < last {
			return nil, errors.New("overlapping edits; please migrate this file by hand")
		}
		b.Write(e.src[last:ed.start])
		b.WriteString(ed.text)
		last = ed.end
	}
	b.Write(e.src[last:])
	return b.Bytes(), nil
}

// Diff is the unified diff of every migrated file, paths prefixed a/ and
// b/ as git writes them (git apply and patch -p1 take it).
func (m *Migration) Diff() []byte {
	var b bytes.Buffer
	for _, f := range m.Files {
		b.Write(unifiedDiff("a/"+f.Path, "b/"+f.Path, f.Old, f.New))
	}
	return b.Bytes()
}

// unifiedDiff writes the differences between two texts as a unified diff
// with three lines of context. Lines keep their own line ends, so a CRLF
// file diffs as CRLF; a last line without one is marked as diff marks it.
// The lines both texts share at the start and the end are set aside first,
// so the longest-common-subsequence table covers only the front matter
// that changed.
func unifiedDiff(oldName, newName string, a, b []byte) []byte {
	x, y := splitLines(a), splitLines(b)
	pre := 0
	for pre < len(x) && pre < len(y) && x[pre] == y[pre] {
		pre++
	}
	suf := 0
	for suf < len(x)-pre && suf < len(y)-pre && x[len(x)-1-suf] == y[len(y)-1-suf] {
		suf++
	}
	if pre == len(x) && pre == len(y) {
		return nil
	}
	ops := diffLines(x[pre:len(x)-suf], y[pre:len(y)-suf])
	// The whole edit script, with the shared lines around it.
	script := make([]diffOp, 0, pre+len(ops)+suf)
	for i := range pre {
		script = append(script, diffOp{' ', i, i})
	}
	for _, op := range ops {
		script = append(script, diffOp{op.kind, op.i + pre, op.j + pre})
	}
	for k := range suf {
		script = append(script, diffOp{' ', len(x) - suf + k, len(y) - suf + k})
	}

	const context = 3
	var out bytes.Buffer
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", oldName, newName)
	for start := 0; start < len(script); {
		// Find the next change, then the end of its hunk: changes closer
		// than twice the context share one.
		first := start
		for first < len(script) && script[first].kind == ' ' {
			first++
		}
		if first == len(script) {
			break
		}
		last := first
		for k := first; k < len(script); k++ {
			if script[k].kind != ' ' {
				last = k
			} else if k-last > 2*context {
				break
			}
		}
		lo, hi := max(first-context, start), min(last+context+1, len(script))
		var oldStart, oldCount, newStart, newCount int
		oldStart, newStart = -1, -1
		for _, op := range script[lo:hi] {
			if op.kind != '+' {
				if oldStart < 0 {
					oldStart = op.i
				}
				oldCount++
			}
			if op.kind != '-' {
				if newStart < 0 {
					newStart = op.j
				}
				newCount++
			}
		}
		fmt.Fprintf(&out, "@@ -%s +%s @@\n", hunkRange(oldStart, oldCount, script[lo].i), hunkRange(newStart, newCount, script[lo].j))
		for _, op := range script[lo:hi] {
			line := ""
			switch op.kind {
			case '+':
				line = y[op.j]
			default:
				line = x[op.i]
			}
			out.WriteByte(op.kind)
			out.WriteString(line)
			if !strings.HasSuffix(line, "\n") {
				out.WriteString("\n\\ No newline at end of file\n")
			}
		}
		start = hi
	}
	return out.Bytes()
}

// hunkRange writes a hunk's line range: its first line (from 1) and count;
// an empty range names the line before it.
func hunkRange(start, count, at int) string {
	if count == 0 {
		return fmt.Sprintf("%d,0", at)
	}
	if count == 1 {
		return fmt.Sprintf("%d", start+1)
	}
	return fmt.Sprintf("%d,%d", start+1, count)
}

// diffOp is a step of an edit script: ' ' keeps x[i] (= y[j]), '-' drops
// x[i], '+' adds y[j].
type diffOp struct {
	kind byte
	i, j int
}

// diffLines is a shortest edit script from x to y by the longest common
// subsequence; deletions come before insertions within a change.
func diffLines(x, y []string) []diffOp {
	n, m := len(x), len(y)
	var ops []diffOp
	if n*m > 4<<20 {
		// Too big to compare line by line (never for front matter): replace it all.
		for i := range n {
			ops = append(ops, diffOp{'-', i, 0})
		}
		for j := range m {
			ops = append(ops, diffOp{'+', n, j})
		}
		return ops
	}
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && x[i] == y[j]:
			ops = append(ops, diffOp{' ', i, j})
			i++
			j++
		case j == m || (i < n && lcs[i+1][j] >= lcs[i][j+1]):
			ops = append(ops, diffOp{'-', i, j})
			i++
		default:
			ops = append(ops, diffOp{'+', i, j})
			j++
		}
	}
	return ops
}

// splitLines splits after each line end; a last line without one is kept.
func splitLines(b []byte) []string {
	var lines []string
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			lines = append(lines, string(b))
			break
		}
		lines = append(lines, string(b[:i+1]))
		b = b[i+1:]
	}
	return lines
}
