package adopt

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"

	"github.com/isms-project/isms/internal/edit"
	"github.com/isms-project/isms/internal/finding"
	"github.com/isms-project/isms/internal/sitefs"
	"github.com/isms-project/isms/internal/tree"
)

// Options are what adopt needs beyond the files. The zero value works.
type Options struct {
	// Lang is the site language, nb or en. Site guesses it from the
	// documents when it is empty; File then writes no lang field.
	Lang string
	// Org is the organisation's name, for a new isms.yaml (Site).
	Org string
	// Today, when set, flags approval and record dates after it (a date
	// read the wrong way round, most often).
	Today time.Time
	// Taken holds the document IDs already in use in the site (File);
	// an inferred ID that is taken gets a suffix -2, -3…
	Taken map[string]bool
}

// Field is one inferred front matter field and where it came from.
type Field struct {
	Name  string // the front matter key: id, title, type, owner…
	Value string // the value, unquoted: 2026-02-19, POL-01
	From  string // "line 3", "the heading on line 1", "the file name", "the folder policies/"…
}

func (f Field) String() string { return fmt.Sprintf("%s: %s (from %s)", f.Name, f.Value, f.From) }

// Result is what adopt makes of one file.
type Result struct {
	Path     string  // site-relative, slash-separated
	Old, New []byte  // New is nil when the file is left as it is
	Fields   []Field // the front matter written, in its order
	Findings finding.Findings
}

// Changed reports whether adopt gives the file front matter.
func (r *Result) Changed() bool { return r.New != nil }

// Get returns the value of an inferred field, or "".
func (r *Result) Get(name string) string {
	for _, f := range r.Fields {
		if f.Name == name {
			return f.Value
		}
	}
	return ""
}

// File infers front matter for one Markdown file and writes it in front
// of the body. A file that has front matter, a folder's introduction
// (README.md, index.md), an empty file and one that is not UTF-8 text are
// left as they are (the last two with a finding). Positions in findings
// are the file's as it is now.
func File(p string, src []byte, opts Options) *Result {
	d := infer(p, src, opts, guessLang(string(src)))
	if d.skip {
		return d.result()
	}
	taken := map[string]bool{}
	for id := range opts.Taken {
		taken[strings.ToUpper(id)] = true
	}
	d.assignID(taken)
	return d.render()
}

// IsIntroduction reports whether a Markdown file introduces its folder
// (README.md, index.md) rather than being a document.
func IsIntroduction(p string) bool { return sitefs.IsIntroduction(p) }

// draft is a file being adopted: what was found, before the ID is final.
type draft struct {
	path    string
	src     []byte
	lines   []line
	bom     bool
	eol     string
	r       *finding.Report
	skip    bool
	fields  map[string]Field
	id      string // the ID before it is made unique
	idGiven bool   // from a document-ID line or the title
	removed []bool // lines that leave the body
}

// entry is one key and value found in the metadata, with where it is.
type entry struct {
	field, key, value string
	off               int   // the value's byte offset in the file
	lines             []int // the lines that go when it is used
	table             int   // the table block it belongs to, or -1
	partial           bool  // only part of the value was taken: the line stays
}

// at is the line and column of a byte offset (found by the line, so that
// many findings in a long file stay cheap).
func (d *draft) at(off int) finding.Loc {
	if len(d.lines) == 0 {
		return tree.OffsetLoc(d.src, off)
	}
	i, _ := slices.BinarySearchFunc(d.lines, off, func(l line, off int) int { return l.start - off })
	if i == len(d.lines) || d.lines[i].start > off {
		i--
	}
	i = max(i, 0)
	start := d.lines[i].start
	if i == 0 {
		start = 0 // the byte order mark counts, as in tree.OffsetLoc
	}
	return finding.Loc{Line: i + 1, Col: utf8.RuneCount(d.src[start:min(off, len(d.src))]) + 1}
}

func (d *draft) lineNo(off int) int { return d.at(off).Line }

func (d *draft) set(name, value, from string) {
	d.fields[name] = Field{Name: name, Value: value, From: from}
}

// infer finds what a file says; lang is guessLang of it.
func infer(p string, src []byte, opts Options, lang string) *draft {
	d := &draft{path: p, src: src, r: &finding.Report{Path: p}, fields: map[string]Field{}, eol: "\n"}
	if IsIntroduction(p) || !tree.CheckText(d.r, src) {
		d.skip = true
		return d
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(src, []byte("\uFEFF")))) == 0 {
		d.r.Warnf(finding.FileStart, "empty file: not adopted (write the document, or delete the file)")
		d.skip = true
		return d
	}
	if d.hasFrontMatter() {
		d.skip = true
		return d
	}
	d.lines = splitLines(src)
	if bytes.HasPrefix(src, []byte("\uFEFF")) {
		d.bom = true
		d.lines[0].text = strings.TrimPrefix(d.lines[0].text, "\uFEFF")
		d.lines[0].start += len("\uFEFF")
	}
	if d.lines[0].eol != "" {
		d.eol = d.lines[0].eol
	}
	d.removed = make([]bool, len(d.lines))

	blocks := d.blocks()
	title := d.findTitle(blocks)
	entries, zoneEnd := d.scanZone(blocks, title)

	// The title, then the ID (which may be written in the title), then
	// the type (which decides what a date line means), then the rest.
	titleFromHeading := false
	if title >= 0 {
		h := blocks[title].h
		t := cleanTitle(h.text)
		if t != "" {
			titleFromHeading = true
			for i := h.first; i <= h.last; i++ {
				d.remove(i)
			}
			from := fmt.Sprintf("the heading on line %d", h.first+1)
			if m := titleID.FindStringSubmatch(t); m != nil && !hasField(entries, fID) && validID(m[1]) == m[1] {
				d.id, d.idGiven = m[1], true
				d.set(fID, m[1], from)
				t = m[2]
			}
			d.set(fTitle, t, from)
		}
	}
	for k, e := range entries {
		if e.field != fID || d.idGiven || empty(e.value) {
			continue
		}
		if _, _, ph := placeholder(e.value); ph {
			continue
		}
		// "POL-01 — kept by the IT team": the ID is the first word, when
		// it has a digit; the rest of the line stays in the text.
		value := e.value
		if i := strings.IndexAny(value, " \t"); i > 0 {
			first := strings.TrimRight(value[:i], ",;:.")
			if validID(first) == first && strings.ContainsAny(first, "0123456789") {
				value = first
				entries[k].partial = true
				d.r.Warnf(d.at(e.off), "the document ID %s is taken from a line that says more; the line stays in the text", first)
			}
		}
		id := validID(value)
		if id == "" {
			d.r.Warnf(d.at(e.off), "cannot make a document ID of %q (an ID starts with a letter, then letters, digits, '-', '_', '.'); the ID is made from the file name", value)
			continue
		}
		if id != value {
			d.r.Warnf(d.at(e.off), "the document ID %q is written %s (an ID starts with a letter, then letters, digits, '-', '_', '.', and must not look like a control ID)", value, id)
		}
		d.id, d.idGiven = id, true
		d.set(fID, id, fmt.Sprintf("line %d", d.lineNo(e.off)))
	}
	if _, ok := d.fields[fTitle]; !ok {
		for _, e := range entries {
			if e.field == fTitle && !empty(e.value) {
				if _, _, ph := placeholder(e.value); !ph {
					d.set(fTitle, e.value, fmt.Sprintf("line %d", d.lineNo(e.off)))
					break
				}
			}
		}
	}
	if _, ok := d.fields[fTitle]; !ok {
		t := titleFromName(p)
		d.set(fTitle, t, "the file name")
		d.r.Warnf(finding.FileStart, "no heading to take the title from: the title %q is made from the file name; check it", t)
	}
	if d.id == "" {
		id, _ := idFromName(p)
		if id == "" {
			id = "DOC"
		}
		d.id = id
		d.set(fID, id, "the file name")
	}
	typ, from := inferType(p, d.fields[fTitle].Value, titleFromHeading, d.id)
	if typ == "" {
		typ, from = "policy", "a guess"
		d.r.Warnf(finding.FileStart, "the type is not clear from the title, the file name or the folders: policy is assumed; set type to procedure, standard, guideline, plan or record if it is one")
	}
	d.set(fType, typ, from)

	d.useEntries(entries, blocks, typ, opts)
	d.textPlaceholders(entries)
	d.dropDocControl(blocks, zoneEnd)
	d.dropLeadingRule(blocks, zoneEnd)

	if opts.Lang != "" && lang != "" && lang != opts.Lang {
		d.set(fLang, lang, "the text")
	}
	return d
}

func hasField(entries []entry, field string) bool {
	for _, e := range entries {
		if e.field == field && !empty(e.value) {
			if _, _, ph := placeholder(e.value); !ph {
				return true
			}
		}
	}
	return false
}

// hasFrontMatter reports whether the file has front matter (and so is
// left alone). A file whose first line is a delimiter that is not closed,
// or whose "front matter" is not fields, gets a finding: isms would read
// it as front matter, so adopt cannot add one in front.
func (d *draft) hasFrontMatter() bool {
	fm, ok := tree.FindFrontMatter(d.src)
	if !ok {
		first := ""
		for _, l := range strings.Split(string(bytes.TrimPrefix(d.src, []byte("\uFEFF"))), "\n") {
			if first = strings.TrimSpace(l); first != "" {
				break
			}
		}
		switch first {
		case "---", "+++", "---yaml", "---toml":
			d.r.Errorf(tree.OffsetLoc(d.src, bytes.Index(d.src, []byte(first))), "the file starts with a %s line that is not closed: isms reads it as unclosed front matter; not adopted (remove the line, or close the front matter)", first)
			return true
		}
		return false
	}
	text := d.src[fm.Start:fm.End]
	fields := true
	if fm.TOML {
		var m map[string]any
		_, err := toml.Decode(string(text), &m)
		fields = err == nil
	} else {
		var n yaml.Node
		fields = yaml.Unmarshal(text, &n) == nil && (len(n.Content) == 0 || n.Content[0].Kind == yaml.MappingNode)
	}
	if !fields {
		d.r.Warnf(tree.OffsetLoc(d.src, fm.Start), "the file starts with a delimiter line, so isms reads what follows up to the next one as front matter, but it is not fields; not adopted (remove the first line, or write the front matter)")
	}
	return true
}

// remove marks line i as leaving the body.
func (d *draft) remove(i int) { d.removed[i] = true }

// block kinds
const (
	bBlank = iota
	bBody
	bHeading
	bDocControl // a "Document control" heading
	bRule
	bComment
	bKey        // a line with a known key
	bKeyUnknown // a bold or listed key line with a key adopt does not know
	bTable
)

type block struct {
	kind        int
	first, last int // lines
	h           heading
	k           keyLine
	field       string
}

// blocks splits the file into the blocks the metadata search looks at.
func (d *draft) blocks() []block {
	var out []block
	lines := d.lines
	heading1 := false
	for i := 0; i < len(lines); i++ {
		s := lines[i].text
		b := block{first: i, last: i}
		switch {
		case blank(s):
			b.kind = bBlank
		case fence.MatchString(s):
			marker := fence.FindStringSubmatch(s)[1]
			j := i + 1
			for j < len(lines) && !strings.HasPrefix(strings.TrimLeft(lines[j].text, " "), marker[:3]) {
				j++
			}
			b.kind, b.last = bBody, min(j, len(lines)-1)
		case thematic.MatchString(s):
			// A --- under a paragraph line was taken with it as a
			// heading; under a key line it separates the metadata.
			b.kind = bRule
		case htmlComment.MatchString(s):
			b.kind = bComment
		case tableRow.MatchString(s):
			j := i
			for j+1 < len(lines) && tableRow.MatchString(lines[j+1].text) {
				j++
			}
			b.kind, b.last = bTable, j
		default:
			// An ATX heading, a key line, a setext heading, in that
			// order: "**Version:** 1.0" over a --- line is metadata.
			k, isKey := parseKeyLine(s)
			h, isHeading := headingAt(lines, i)
			if isHeading && h.first == h.last {
				isKey = false
			}
			switch {
			case isKey && fieldOf(k.key) != "":
				b.kind, b.k, b.field = bKey, k, fieldOf(k.key)
			case isHeading:
				b.kind, b.h, b.last = bHeading, h, h.last
				if docControlHeadings[strings.ToLower(cleanTitle(h.text))] {
					b.kind = bDocControl
				}
			case isKey && k.bold:
				b.kind, b.k = bKeyUnknown, k
			default:
				b.kind = bBody
			}
		}
		out = append(out, b)
		i = b.last
		// The title is the first heading, and the metadata ends at the
		// first text or heading after it: the rest of the file is text.
		if b.kind == bHeading && !heading1 {
			heading1 = true
		} else if heading1 && (b.kind == bBody || b.kind == bHeading) && i+1 < len(lines) {
			out = append(out, block{kind: bBody, first: i + 1, last: len(lines) - 1})
			break
		}
	}
	return out
}

// findTitle picks the heading the title comes from: the first heading,
// when it is a level-1 heading or no text comes before it.
func (d *draft) findTitle(blocks []block) int {
	text := false
	for i, b := range blocks {
		switch b.kind {
		case bHeading:
			if b.h.level == 1 || !text {
				return i
			}
			return -1
		case bBody:
			text = true
		}
	}
	return -1
}

// scanZone collects the metadata at the top of the file: key lines and
// metadata tables from the start, around the title, up to the first text
// after the title. Text before the title pauses the search until the
// title. It returns the entries and the block where the zone ends.
func (d *draft) scanZone(blocks []block, title int) ([]entry, int) {
	var entries []entry
	afterTitle, open := title < 0, true
	for bi, b := range blocks {
		if bi == title {
			afterTitle, open = true, true
			continue
		}
		switch b.kind {
		case bBlank, bComment, bRule, bKeyUnknown, bDocControl:
		case bKey:
			if open {
				entries = append(entries, entry{field: b.field, key: b.k.key, value: b.k.value,
					off: d.lines[b.first].start + b.k.valueOff, lines: []int{b.first}, table: -1})
			}
		case bTable:
			if rows, ok := d.metadataTable(b, bi); ok && open {
				entries = append(entries, rows...)
				continue
			}
			if afterTitle {
				return entries, bi
			}
			open = false
		default: // text, or another heading
			if afterTitle {
				return entries, bi
			}
			open = false
		}
	}
	return entries, len(blocks)
}

// genericHeader are header cells of a two-column metadata table.
var genericHeader = map[string]bool{"": true, "field": true, "value": true, "felt": true, "verdi": true, "property": true,
	"egenskap": true, "item": true, "key": true, "nøkkel": true, "attribute": true, "attributt": true, "detail": true,
	"details": true, "detaljer": true, "information": true, "informasjon": true, "metadata": true,
	"document information": true, "dokumentinformasjon": true, "document control": true, "dokumentkontroll": true}

// metadataTable reads a two-column table of keys and values (a header of
// generic words allowed): its rows with known keys, when they are at
// least half of the rows. A table with rows adopt does not know stays in
// the body (useEntries keeps it), its known values taken all the same.
func (d *draft) metadataTable(b block, bi int) ([]entry, bool) {
	var rows []entry
	n := 0
	for i := b.first; i <= b.last; i++ {
		l := d.lines[i]
		if tableDivider.MatchString(l.text) {
			continue
		}
		cells, offs := tableCells(l.text)
		for len(cells) > 2 && cells[len(cells)-1] == "" {
			cells, offs = cells[:len(cells)-1], offs[:len(offs)-1]
		}
		if len(cells) != 2 {
			return nil, false
		}
		key := cleanTitle(strings.TrimSuffix(strings.TrimSpace(cleanTitle(cells[0])), ":"))
		f := fieldOf(key)
		if f == "" && i == b.first && genericHeader[strings.ToLower(key)] && genericHeader[strings.ToLower(cleanTitle(cells[1]))] {
			continue
		}
		n++
		if f == "" {
			rows = append(rows, entry{key: key, lines: []int{i}, table: bi}) // an unknown row: keeps the table
			continue
		}
		v, cut := cleanValue(cells[1])
		rows = append(rows, entry{field: f, key: key, value: v, off: l.start + offs[1] + cut, lines: []int{i}, table: bi})
	}
	known := 0
	for _, r := range rows {
		if r.field != "" {
			known++
		}
	}
	return rows, known > 0 && 2*known >= n
}

// useEntries turns the entries into fields. A line whose value is taken
// leaves the body; one with a placeholder, a date that cannot be read or
// an unknown value stays, with a finding. A table goes only when every
// row of it is taken.
func (d *draft) useEntries(entries []entry, blocks []block, typ string, opts Options) {
	keep := map[int]bool{} // tables with a row not taken
	used := make([]bool, len(entries))
	for k, e := range entries {
		field := e.field
		if field == "" {
			continue // a table row adopt does not know
		}
		if field == fDateLine {
			if typ != "record" {
				continue // a policy's "last updated" is its history (git has it); the line stays
			}
			field = fDate
		}
		at := d.at(e.off)
		if empty(e.value) {
			if strings.TrimSpace(e.value) == "" {
				d.r.Warnf(at, "%s has no value; fill in %s in the front matter", e.key, field)
			}
			continue
		}
		if text, i, ph := placeholder(e.value); ph {
			if text == e.value {
				d.r.Warnf(d.at(e.off+i), "placeholder %q for %s: not taken; fill in %s in the front matter", text, e.key, field)
			} else {
				d.r.Warnf(d.at(e.off+i), "placeholder %q in %s (%q): not taken; fill in %s in the front matter", text, e.key, e.value, field)
			}
			continue
		}
		from := fmt.Sprintf("line %d", at.Line)
		value := e.value
		switch field {
		case fID, fTitle:
			// Taken above; a line that says the same goes too.
			if f, ok := d.fields[field]; ok && !e.partial && (strings.EqualFold(f.Value, value) || field == fID && f.Value == validID(value)) {
				used[k] = true
			}
			continue
		case fApproved, fEffective, fReview, fDate:
			t, note, ok := parseDate(value, opts.Lang)
			if !ok {
				d.r.Warnf(at, "cannot read the date %q for %s (write YYYY-MM-DD, DD.MM.YYYY or 19 February 2026); the line stays in the text", value, field)
				continue
			}
			value = t.Format(time.DateOnly)
			if note != "" {
				d.r.Warnf(at, "the date %q is %s: %s; check it", e.value, note, value)
			}
			if !opts.Today.IsZero() && (field == fApproved || field == fDate) && t.After(opts.Today) {
				d.r.Warnf(at, "%s %s is after today (%s); check it", field, value, opts.Today.Format(time.DateOnly))
			}
		case fClassification:
			c, ok := classification(value)
			if !ok {
				d.r.Warnf(at, "unknown classification %q (public, internal, confidential or restricted; offentlig, intern, fortrolig or strengt fortrolig); the line stays in the text", value)
				continue
			}
			value = c
		case fStatus:
			s, ok := status(value)
			if !ok {
				d.r.Warnf(at, "unknown status %q (draft, review, approved or retired; utkast, til gjennomgang, godkjent or utgått); the line stays in the text", value)
				continue
			}
			value = s
		}
		if f, ok := d.fields[field]; ok {
			if f.Value == value {
				used[k] = true
			} else {
				d.r.Warnf(at, "%s is given twice: %s from %s, and %s here; the first is taken, this line stays in the text", field, f.Value, f.From, value)
			}
			continue
		}
		d.set(field, value, from)
		used[k] = true
	}
	for k, e := range entries {
		if e.table >= 0 && !used[k] {
			keep[e.table] = true
		}
	}
	for k, e := range entries {
		if !used[k] || e.table >= 0 && keep[e.table] {
			continue
		}
		for _, i := range e.lines {
			d.remove(i)
		}
	}
	for bi, b := range blocks {
		if b.kind != bTable || keep[bi] {
			continue
		}
		all := false
		for k, e := range entries {
			if e.table == bi && used[k] {
				all = true
			}
		}
		if all { // the header and divider rows go with the rows
			for i := b.first; i <= b.last; i++ {
				d.remove(i)
			}
		}
	}
}

// textPlaceholders reports template text left in the text, outside code:
// [Organization Name], <Company>, {{date}}, TBD. Metadata lines were
// reported by useEntries.
func (d *draft) textPlaceholders(entries []entry) {
	done := map[int]bool{}
	for _, e := range entries {
		for _, i := range e.lines {
			done[i] = true
		}
	}
	inFence := ""
	for i, l := range d.lines {
		text := l.text
		if m := fence.FindStringSubmatch(text); m != nil {
			switch {
			case inFence == "":
				inFence = m[1][:3]
			case strings.HasPrefix(m[1], inFence):
				inFence = ""
			}
			continue
		}
		if inFence != "" || done[i] || !strings.ContainsAny(text, "[<{") && !strings.Contains(text, "TB") {
			continue
		}
		for _, loc := range textPlaceholder.FindAllStringIndex(text, -1) {
			a, z := loc[0], loc[1]
			if strings.Count(text[:a], "`")%2 == 1 || a > 0 && strings.ContainsRune("[!]", rune(text[a-1])) ||
				z < len(text) && strings.ContainsRune("([:", rune(text[z])) {
				continue // code, a link, a reference
			}
			d.r.Warnf(d.at(l.start+a), "placeholder %q in the text; fill it in", text[a:z])
		}
	}
}

var textPlaceholder = regexp.MustCompile(`\[[A-ZÆØÅ][\p{L}]*(?:[ _-][\p{L}]+)*\]|<[A-ZÆØÅ][\p{L}]*(?:[ _-][\p{L}]+)*>|\{\{[^{}]+\}\}|\bTB[DCA]\b`)

// dropDocControl removes a "Document control" heading in the zone whose
// section is left with nothing.
func (d *draft) dropDocControl(blocks []block, zoneEnd int) {
	for bi := 0; bi < zoneEnd && bi < len(blocks); bi++ {
		if blocks[bi].kind != bDocControl {
			continue
		}
		end := len(d.lines)
		for bj := bi + 1; bj < len(blocks); bj++ {
			if k := blocks[bj].kind; k == bHeading || k == bDocControl {
				end = blocks[bj].first
				break
			}
		}
		gone := false
		for i := blocks[bi].last + 1; i < end; i++ {
			if !d.removed[i] && !blank(d.lines[i].text) {
				gone = false
				break
			}
			gone = gone || d.removed[i]
		}
		if gone {
			for i := blocks[bi].first; i <= blocks[bi].last; i++ {
				d.remove(i)
			}
		}
	}
}

// dropLeadingRule removes a horizontal rule in the zone that, with the
// title and metadata gone, would open the body: it separated them from
// the text.
func (d *draft) dropLeadingRule(blocks []block, zoneEnd int) {
	if !slices.Contains(d.removed, true) {
		return
	}
	for bi := 0; bi < zoneEnd && bi < len(blocks); bi++ {
		b := blocks[bi]
		if b.kind == bBlank || d.removed[b.first] {
			continue
		}
		if b.kind == bRule {
			d.remove(b.first)
		}
		return
	}
}

// assignID makes the ID unique among taken (upper-cased IDs), with a
// suffix -2, -3…; IDs that differ only in case count as the same.
func (d *draft) assignID(taken map[string]bool) {
	id := d.id
	isTaken := func(s string) bool { return taken[strings.ToUpper(s)] }
	if isTaken(id) {
		n := 2
		for isTaken(fmt.Sprintf("%s-%d", d.id, n)) {
			n++
		}
		id = fmt.Sprintf("%s-%d", d.id, n)
		where := "line 1"
		if f, ok := d.fields[fID]; ok {
			where = f.From
		}
		d.r.Warnf(finding.FileStart, "the ID %s (from %s) is used by another document; this one gets %s", d.id, where, id)
	}
	f := d.fields[fID]
	if f.From == "" {
		f.From = "the file name"
	}
	d.set(fID, id, f.From)
}

func (d *draft) result() *Result {
	d.r.Findings.Sort()
	return &Result{Path: d.path, Old: d.src, Findings: d.r.Findings}
}

// render writes the front matter and the body that is left.
func (d *draft) render() *Result {
	res := d.result()
	var b strings.Builder
	if d.bom {
		b.WriteString("\uFEFF")
	}
	b.WriteString("---" + d.eol)
	for _, name := range fieldOrder {
		f, ok := d.fields[name]
		if !ok {
			continue
		}
		res.Fields = append(res.Fields, f)
		v := f.Value
		switch name {
		case fApproved, fEffective, fReview, fDate, fType, fStatus, fClassification, fLang:
			// dates and words written plain
		default:
			v = edit.YAMLString(v)
		}
		b.WriteString(name + ": " + v + d.eol)
	}
	b.WriteString("---" + d.eol)
	b.WriteString(d.body())
	res.New = []byte(b.String())
	return res
}

// body is the file without the removed lines. Where lines were removed
// between two blank lines, one of the blank lines goes too; blank lines
// between removed lines go with them; the body starts with at most one
// blank line.
func (d *draft) body() string {
	n := len(d.lines)
	gone := make([]bool, n)
	copy(gone, d.removed)
	// Blank lines between removed lines.
	for i := 0; i < n; i++ {
		if !gone[i] || blank(d.lines[i].text) {
			continue
		}
		j := i + 1
		for j < n && blank(d.lines[j].text) && !gone[j] {
			j++
		}
		if j < n && j > i+1 && gone[j] {
			for k := i + 1; k < j; k++ {
				gone[k] = true
			}
		}
	}
	// One blank line of the two around a removed run.
	for i := 0; i < n; {
		if !gone[i] {
			i++
			continue
		}
		a := i
		for i < n && gone[i] {
			i++
		}
		before := a - 1
		for before >= 0 && gone[before] {
			before--
		}
		if before >= 0 && blank(d.lines[before].text) {
			if i < n && blank(d.lines[i].text) {
				gone[i] = true
			} else if i == n {
				gone[before] = true
			}
		}
	}
	var b strings.Builder
	leading := true
	for i, l := range d.lines {
		if gone[i] {
			continue
		}
		if leading && blank(l.text) {
			if b.Len() > 0 {
				continue
			}
		} else {
			leading = false
		}
		b.WriteString(d.raw(i))
	}
	return b.String()
}

// raw is line i as it is in the file, line end included (without the
// byte order mark, which goes before the front matter).
func (d *draft) raw(i int) string {
	l := d.lines[i]
	return string(d.src[l.start : l.start+len(l.text)+len(l.eol)])
}
