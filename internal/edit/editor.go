package edit

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/isms-project/isms/internal/tree"
	"go.yaml.in/yaml/v3"
)

// Editor collects byte-range edits of one file and applies them to the
// original bytes. Every edit is planned against the file as it was read,
// so positions from FindList stay true however many edits are planned;
// edits must not overlap (Apply says so when they do).
type Editor struct {
	src   []byte
	edits []change
	err   error // the first edit AddItems could not plan
}

type change struct {
	start, end int
	text       string
}

// New returns an editor of src. src is not modified.
func New(src []byte) *Editor { return &Editor{src: src} }

// Replace plans to replace src[start:end] with text; start == end inserts.
func (e *Editor) Replace(start, end int, text string) {
	e.edits = append(e.edits, change{start, end, text})
}

// ReplaceItem plans to replace item k of l with one value or several, each
// written in the item's quoting. Several values become, in a flow list,
// several items in its place; in a block list, one "- value" line each
// with the item's own indentation and line end (a comment after the item
// stays on the first); a lone value becomes a flow list. It fails when a
// block list item is not on a line of its own.
func (e *Editor) ReplaceItem(l List, k int, values []string) error {
	if k < 0 || k >= len(l.Items) {
		return fmt.Errorf("no item %d in a list of %d", k, len(l.Items))
	}
	if len(values) == 0 {
		return errors.New("ReplaceItem needs a value; RemoveItems removes items")
	}
	it := l.Items[k]
	if err := checkValues(values); err != nil {
		return &Error{it.Start, err.Error()}
	}
	src := e.src
	switch {
	case len(values) == 1:
		e.Replace(it.Start, it.End, scalar(values[0], it.Quote, l.TOML, l.Flow))
	case l.Single:
		e.Replace(it.Start, it.End, "["+strings.Join(scalars(values, it.Quote, l.TOML, true), ", ")+"]")
	case l.Flow:
		e.Replace(it.Start, it.End, strings.Join(scalars(values, it.Quote, l.TOML, true), ", "))
	default:
		ls := lineStart(src, it.Start)
		prefix := string(src[ls:it.Start])
		if strings.Trim(prefix, " \t") != "-" {
			return &Error{it.Start, "the list item is not on its own \"- ID\" line"}
		}
		end, eol := lineEnd(src, it.Start)
		if eol == "" {
			eol = "\n"
		}
		quoted := scalars(values, it.Quote, false, false)
		var b strings.Builder
		b.WriteString(quoted[0])
		b.Write(src[it.End:end])
		for _, q := range quoted[1:] {
			b.WriteString(eol + prefix + q)
		}
		e.Replace(it.Start, end, b.String())
	}
	return nil
}

// RemoveItems plans to remove the items of l marked in removed (parallel
// to l.Items). In a flow list an item goes with its separator: the comma
// after it or, for the last item, the comma after the last item kept; a
// line left blank goes too. In a block list the "- value" line goes; a
// comment on it stays, on a line of its own.
func (e *Editor) RemoveItems(l List, removed []bool) {
	if !slices.Contains(removed, true) {
		return
	}
	if l.Flow || l.Single {
		e.removeFlow(l.Items, removed)
	} else {
		e.removeBlock(l.Items, removed)
	}
}

func (e *Editor) removeFlow(items []Item, removed []bool) {
	src := e.src
	var ranges []span
	for k, it := range items {
		if k >= len(removed) || !removed[k] {
			continue
		}
		after := skipSpaces(src, it.End)
		if after < len(src) && src[after] == ',' {
			start, end := it.Start, skipSpaces(src, after+1)
			if end < len(src) && src[end] == ']' { // a trailing comma: [a, b,]
				for start > 0 && (src[start-1] == ' ' || src[start-1] == '\t') {
					start--
				}
			}
			ranges = append(ranges, span{start, end})
			continue
		}
		start := it.Start
		for start > 0 && (src[start-1] == ' ' || src[start-1] == '\t') {
			start--
		}
		ranges = append(ranges, span{start, it.End})
		for j := k - 1; j >= 0; j-- {
			if !removed[j] {
				if c := skipSpaces(src, items[j].End); c < len(src) && src[c] == ',' {
					ranges = append(ranges, span{c, skipSpaces(src, c+1)})
				}
				break
			}
		}
	}
	for _, r := range mergeSpans(ranges) {
		r = e.wholeLine(r)
		e.Replace(r.start, r.end, "")
	}
}

func (e *Editor) removeBlock(items []Item, removed []bool) {
	src := e.src
	for k, it := range items {
		if k >= len(removed) || !removed[k] {
			continue
		}
		ls := lineStart(src, it.Start)
		line, next := lineAt(src, ls)
		rest := bytes.TrimRight(src[it.End:ls+len(line)], " \t\r")
		if len(bytes.TrimLeft(rest, " \t")) == 0 {
			e.Replace(ls, next, "")
			continue
		}
		indent := src[ls : ls+len(src[ls:it.Start])-len(bytes.TrimLeft(src[ls:it.Start], " \t"))]
		e.Replace(ls, it.End+len(rest)-len(bytes.TrimLeft(rest, " \t")), string(indent))
	}
}

// wholeLine widens a range to its whole line, line end included, when
// only spaces would be left on the line.
func (e *Editor) wholeLine(r span) span {
	src := e.src
	ls := lineStart(src, r.start)
	if len(bytes.Trim(src[ls:r.start], " \t")) != 0 {
		return r
	}
	end := r.end
	for end < len(src) && (src[end] == ' ' || src[end] == '\t' || src[end] == '\r') {
		end++
	}
	if end < len(src) && src[end] == '\n' {
		return span{ls, end + 1}
	}
	return r
}

func mergeSpans(rs []span) []span {
	slices.SortFunc(rs, func(a, b span) int { return a.start - b.start })
	var out []span
	for _, r := range rs {
		if n := len(out); n > 0 && r.start <= out[n-1].end {
			out[n-1].end = max(out[n-1].end, r.end)
			continue
		}
		out = append(out, r)
	}
	return out
}

// AddItems plans to append values to the list l of the field key in the
// front matter fm, in the list's own style: after the last item of a flow
// list (on lines of their own when the list has one item a line), as more
// "- value" lines after a block list, quoted as the last item is (a plain
// YAML item stays plain where plain text reads back the same). A lone value
// becomes a flow list; an empty value (key: or key: ~) gets a flow list.
// A missing key gets a line of its own before the closing delimiter (in
// TOML, before the first table): key: ["a", "b"] — or a block list when
// another top-level field of the front matter is one — or key = ["a", "b"].
// The file's line ends are kept. A problem is returned by Apply.
func (e *Editor) AddItems(fm tree.FrontMatter, l List, key string, values []string) {
	if len(values) == 0 {
		return
	}
	src := e.src
	fail := func(off int, msg string) {
		if e.err == nil {
			e.err = &Error{off, msg}
		}
	}
	if err := checkValues(values); err != nil {
		fail(fm.Start, err.Error())
		return
	}
	switch {
	case !l.Found:
		at := l.insert
		if at == 0 {
			at = fm.End
		}
		eol := eolOf(src, fm)
		quoted := scalars(values, '"', l.TOML, true)
		var b strings.Builder
		switch {
		case l.TOML:
			b.WriteString(tomlKey(key) + " = [" + strings.Join(quoted, ", ") + "]" + eol)
		case l.blockPrefix != "":
			b.WriteString(l.indent + yamlKey(key) + ":" + eol)
			for _, q := range scalars(values, '"', false, false) {
				b.WriteString(l.blockPrefix + q + eol)
			}
		default:
			b.WriteString(l.indent + yamlKey(key) + ": [" + strings.Join(quoted, ", ") + "]" + eol)
		}
		e.Replace(at, at, b.String())
	case l.hasNull:
		text := "[" + strings.Join(scalars(values, '"', false, true), ", ") + "]"
		if l.null.start == l.null.end {
			text = " " + text
		}
		e.Replace(l.null.start, l.null.end, text)
	case len(l.Items) == 0 && l.Flow:
		quoted := strings.Join(scalars(values, '"', l.TOML, true), ", ")
		if len(bytes.TrimSpace(src[l.open+1:l.close])) == 0 {
			e.Replace(l.open+1, l.close, quoted)
		} else {
			e.Replace(l.open+1, l.open+1, quoted)
		}
	case len(l.Items) == 0:
		fail(fm.Start, "cannot find where to add items to "+key)
	case l.Single:
		it := l.Items[0]
		quoted := scalars(values, it.Quote, l.TOML, true)
		if it.Value == "" {
			e.Replace(it.Start, it.End, "["+strings.Join(quoted, ", ")+"]")
			return
		}
		first := string(src[it.Start:it.End])
		if !l.TOML && it.Quote == 0 && !plainYAML(it.Value, true) {
			first = scalar(it.Value, '"', false, true)
		}
		e.Replace(it.Start, it.End, "["+first+", "+strings.Join(quoted, ", ")+"]")
	case l.Flow:
		last := l.Items[len(l.Items)-1]
		quoted := scalars(values, last.Quote, l.TOML, true)
		ls := lineStart(src, last.Start)
		ownLine := len(bytes.Trim(src[ls:last.Start], " \t")) == 0 &&
			l.open < ls && bytes.IndexByte(src[last.End:l.close], '\n') >= 0
		if !ownLine {
			e.Replace(last.End, last.End, ", "+strings.Join(quoted, ", "))
			return
		}
		// One item a line: each new one on a line of its own, indented
		// as the last, with a comma where the list has them.
		indent := string(src[ls:last.Start])
		end, eol := lineEnd(src, last.End)
		next := end + len(eol)
		var b strings.Builder
		if c := skipSpaces(src, last.End); c < len(src) && src[c] == ',' {
			for _, q := range quoted {
				b.WriteString(indent + q + "," + eol)
			}
		} else {
			e.Replace(last.End, last.End, ",")
			b.WriteString(indent + strings.Join(quoted, ","+eol+indent) + eol)
		}
		e.Replace(next, next, b.String())
	default: // a block list
		last := l.Items[len(l.Items)-1]
		ls := lineStart(src, last.Start)
		prefix := string(src[ls:last.Start])
		if strings.Trim(prefix, " \t") != "-" {
			fail(last.Start, "the list item is not on its own \"- ID\" line")
			return
		}
		end, eol := lineEnd(src, last.End)
		var b strings.Builder
		if eol == "" {
			eol = eolOf(src, fm)
			b.WriteString(eol)
		}
		for _, q := range scalars(values, last.Quote, false, false) {
			b.WriteString(prefix + q + eol)
		}
		e.Replace(end+len(eol), end+len(eol), b.String())
	}
}

// Apply makes the edited file. It fails when edits overlap or when
// AddItems could not plan one; src is never half edited.
func (e *Editor) Apply() ([]byte, error) {
	if e.err != nil {
		return nil, e.err
	}
	edits := slices.Clone(e.edits)
	slices.SortStableFunc(edits, func(a, b change) int { return cmp.Or(a.start-b.start, a.end-b.end) })
	var b bytes.Buffer
	last := 0
	for _, ed := range edits {
		if ed.start < last || ed.end < ed.start || ed.end > len(e.src) {
			return nil, &Error{ed.start, "overlapping edits; please edit this file by hand"}
		}
		b.Write(e.src[last:ed.start])
		b.WriteString(ed.text)
		last = ed.end
	}
	b.Write(e.src[last:])
	return b.Bytes(), nil
}

func checkValues(values []string) error {
	for _, v := range values {
		if !utf8.ValidString(v) {
			return fmt.Errorf("the value %q is not UTF-8 text", v)
		}
	}
	return nil
}

func scalars(values []string, q byte, toml, flow bool) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = scalar(v, q, toml, flow)
	}
	return out
}

// scalar writes a value as a YAML or TOML scalar in the quoting q (a
// double quote, a single quote, or 0 for YAML plain), falling back to
// double quotes where that quoting cannot hold the value. flow says the value goes into a [list].
func scalar(v string, q byte, toml, flow bool) string {
	oneLine := !strings.ContainsAny(v, "\r\n")
	switch {
	case toml && q == '\'' && oneLine && !strings.Contains(v, "'") && !hasControl(v):
		return "'" + v + "'"
	case toml:
		return doubleQuoted(v, true)
	case q == '\'' && oneLine && !hasControl(v):
		return "'" + strings.ReplaceAll(v, "'", "''") + "'"
	case q == 0 && plainYAML(v, flow):
		return v
	}
	return doubleQuoted(v, false)
}

func hasControl(s string) bool { return strings.ContainsFunc(s, unprintable) }

// unprintable reports whether YAML needs r escaped (TOML needs fewer):
// control characters, surrogates and the non-characters U+FFFE, U+FFFF.
func unprintable(r rune) bool {
	switch {
	case r == '\t' || r == 0x85:
		return false
	case r < 0x20 || 0x7f <= r && r < 0xa0:
		return true
	case 0xd800 <= r && r < 0xe000 || r == 0xfffe || r == 0xffff:
		return true
	}
	return false
}

// doubleQuoted writes a "…" string with the escapes YAML and TOML share;
// other characters that must not appear as they are as \xXX (YAML) or
// \uXXXX.
func doubleQuoted(v string, toml bool) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range v {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case unprintable(r) && (toml || r > 0xff):
			fmt.Fprintf(&b, `\u%04X`, r)
		case unprintable(r):
			fmt.Fprintf(&b, `\x%02X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// plainYAML reports whether v can be written as a YAML plain scalar that
// reads back as the same text, in a block list item or in a [flow list].
// Numbers count (an ID such as 5.15 is read as written); null and booleans
// do not.
func plainYAML(v string, flow bool) bool {
	switch plainTag(v, flow) {
	case "!!str", "!!int", "!!float":
		return true
	}
	return false
}

// plainTag is the tag YAML gives v written plain, or "" when plain text
// would not read back as v.
func plainTag(v string, flow bool) string {
	if v == "" || strings.TrimSpace(v) != v || strings.ContainsAny(v, "\r\n\t") || hasControl(v) {
		return ""
	}
	text := "- " + v
	if flow {
		text = "[" + v + "]"
	}
	var doc yaml.Node
	if yaml.Unmarshal([]byte(text), &doc) != nil || len(doc.Content) != 1 {
		return ""
	}
	seq := doc.Content[0]
	if seq.Kind != yaml.SequenceNode || len(seq.Content) != 1 {
		return ""
	}
	n := seq.Content[0]
	if n.Kind != yaml.ScalarNode || n.Style != 0 || n.Value != v || n.Anchor != "" {
		return ""
	}
	return n.ShortTag()
}

// YAMLString writes v as a YAML scalar that reads back as the string v: a
// plain scalar where one would (Access control, POL-01), double-quoted
// otherwise ("1.0", "yes", "a: b", ""). It is for writing a new field's
// value; edits of existing lists keep the list's own quoting.
func YAMLString(v string) string {
	if simpleWords(v) || plainTag(v, false) == "!!str" {
		return v
	}
	return doubleQuoted(v, false)
}

// simpleWords reports whether v is words YAML reads as a string without
// asking the parser: a letter first, then letters, digits, spaces and
// -_./(), and not a word YAML gives a meaning (true, false, null).
func simpleWords(v string) bool {
	if v == "" || !unicode.IsLetter([]rune(v)[0]) || strings.HasSuffix(v, " ") {
		return false
	}
	for _, r := range v {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(" -_./()", r) {
			return false
		}
	}
	switch strings.ToLower(v) {
	case "true", "false", "null":
		return false
	}
	return true
}

var bareKey = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

func tomlKey(k string) string {
	if bareKey.MatchString(k) {
		return k
	}
	return doubleQuoted(k, true)
}

func yamlKey(k string) string {
	if bareKey.MatchString(k) && plainYAML(k, false) {
		return k
	}
	return doubleQuoted(k, false)
}
