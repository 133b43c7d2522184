package edit

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/isms-project/isms/internal/tree"
	"go.yaml.in/yaml/v3"
)

// List is one list field of a front matter as it is written in the text:
// where its items are, and the style an edit must keep.
type List struct {
	Items  []Item
	Flow   bool // [a, b]: a YAML flow sequence or a TOML array
	Single bool // a lone value, not a list: key: a
	TOML   bool
	Found  bool // the key is in the front matter (its value may be empty)

	open, close int    // a flow list: the offsets of its [ and ]
	null        span   // Found with an empty YAML value: its token (~, null), or an empty span after the colon
	hasNull     bool   // null is set
	insert      int    // where a missing key's line goes
	indent      string // the indentation of the top-level keys (YAML)
	blockPrefix string // "  - " of another top-level block list (YAML): a new key is written in that style
}

// Item is one item of a list: its token in the file and its value.
type Item struct {
	Start, End int    // the token's byte range, quotes included
	Value      string // as the parser read it
	Quote      byte   // '"' or '\'' as written, or 0 for a YAML plain scalar
}

// Error is a reason not to edit a file, at a byte offset of it.
type Error struct {
	Off int
	Msg string
}

func (e *Error) Error() string { return e.Msg }

type span struct{ start, end int }

// FindList finds the items of the top-level field key in the front matter
// fm of src. A missing key is not an error: the list is returned with
// Found false (AddItems can add it). The items found in the text are
// checked against what the YAML or TOML parser read; where the text cannot
// be edited safely (a nested value, an anchor, a block scalar, a front
// matter that does not parse) the error is an *Error at the place.
func FindList(src []byte, fm tree.FrontMatter, key string) (List, error) {
	if fm.TOML {
		return tomlList(src, fm, key)
	}
	return yamlList(src, fm, key)
}

// yamlList finds the items of a list field in YAML front matter.
func yamlList(src []byte, fm tree.FrontMatter, key string) (List, error) {
	list := List{insert: beforeBlankLines(src, fm.Start, fm.End)}
	text := src[fm.Start:fm.End]
	var doc yaml.Node
	if err := yaml.Unmarshal(text, &doc); err != nil {
		return list, &Error{fm.Start, "the front matter is not valid YAML (isms check says where)"}
	}
	if len(doc.Content) == 0 || (doc.Content[0].Kind == yaml.ScalarNode && doc.Content[0].ShortTag() == "!!null") {
		return list, nil // only comments: the key is missing
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode || root.Style&yaml.FlowStyle != 0 {
		return list, &Error{fm.Start, "the front matter is not a mapping of fields, one a line"}
	}
	lines := lineStarts(text)
	offset := func(n *yaml.Node) int {
		if n.Line < 1 || n.Line > len(lines) {
			return -1
		}
		off := lines[n.Line-1]
		for col := 1; col < n.Column && off < len(text) && text[off] != '\n'; col++ {
			_, size := utf8.DecodeRune(text[off:])
			off += size
		}
		return fm.Start + off
	}
	list.indent = strings.Repeat(" ", max(root.Column-1, 0))
	var k, v *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == key {
			k, v = root.Content[i], root.Content[i+1]
		}
		if s := root.Content[i+1]; list.blockPrefix == "" && s.Kind == yaml.SequenceNode && s.Style&yaml.FlowStyle == 0 && len(s.Content) > 0 {
			if off := offset(s.Content[0]); off > 0 {
				if p := src[lineStart(src, off):off]; string(bytes.Trim(p, " \t")) == "-" {
					list.blockPrefix = string(p)
				}
			}
		}
	}
	if v == nil {
		return list, nil
	}
	list.Found = true
	var nodes []*yaml.Node
	switch {
	case v.Kind == yaml.SequenceNode:
		nodes = v.Content
		list.Flow = v.Style&yaml.FlowStyle != 0
		if list.Flow {
			list.open = offset(v)
			if list.open < 0 || src[list.open] != '[' {
				return list, &Error{max(list.open, fm.Start), fmt.Sprintf("cannot find the list %s in the text", key)}
			}
		}
	case v.Kind == yaml.ScalarNode && v.ShortTag() != "!!null":
		nodes = []*yaml.Node{v}
		list.Single = true
	case v.Kind == yaml.ScalarNode:
		null, err := yamlNull(src, offset(k), k, key)
		if err != nil {
			return list, err
		}
		list.null, list.hasNull = null, true
		return list, nil
	default:
		return list, &Error{max(offset(v), fm.Start), key + " is not a list"}
	}
	for _, n := range nodes {
		off := offset(n)
		if n.Kind != yaml.ScalarNode || n.Anchor != "" || n.Tag != "" && n.Style&yaml.TaggedStyle != 0 || off < 0 {
			return list, &Error{max(off, fm.Start), key + " has an item that is not a plain ID or word (an anchor, an alias, a tag or a nested value)"}
		}
		item, err := yamlToken(src, off, n, list.Flow)
		if err != nil {
			return list, err
		}
		list.Items = append(list.Items, item)
	}
	if list.Flow {
		from := list.open + 1
		if n := len(list.Items); n > 0 {
			from = list.Items[n-1].End
		}
		end, ok := flowEnd(src, from, fm.End, false)
		if !ok {
			return list, &Error{list.open, fmt.Sprintf("cannot find the end of the list %s in the text", key)}
		}
		list.close = end
	}
	return list, nil
}

// yamlNull finds the empty value of key: a null token after the colon, or
// nothing (an empty span right after the colon).
func yamlNull(src []byte, off int, k *yaml.Node, key string) (span, error) {
	bad := &Error{max(off, 0), fmt.Sprintf("cannot find the value of %s in the text", key)}
	if off < 0 {
		return span{}, bad
	}
	i := off
	switch k.Style {
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		end, ok := quotedEnd(src, off, src[off])
		if !ok {
			return span{}, bad
		}
		i = end
	case 0:
		if !bytes.HasPrefix(src[off:], []byte(k.Value)) {
			return span{}, bad
		}
		i += len(k.Value)
	default:
		return span{}, bad
	}
	i = skipSpaces(src, i)
	if i >= len(src) || src[i] != ':' {
		return span{}, bad
	}
	i++
	j := skipSpaces(src, i)
	end, _ := lineEnd(src, j)
	rest := src[j:end]
	if len(rest) == 0 || rest[0] == '#' {
		return span{i, i}, nil
	}
	tok := rest
	if c := bytes.Index(tok, []byte(" #")); c >= 0 {
		tok = tok[:c]
	}
	tok = bytes.TrimRight(tok, " \t")
	switch string(tok) {
	case "~", "null", "Null", "NULL":
		return span{j, j + len(tok)}, nil
	}
	return span{}, bad
}

// yamlToken finds the extent of a scalar's token at off and checks that
// it reads as the parser's value.
func yamlToken(src []byte, off int, n *yaml.Node, flow bool) (Item, error) {
	item := Item{Start: off, Value: n.Value}
	bad := &Error{off, fmt.Sprintf("cannot find the item %q in the text", n.Value)}
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
		item.End, item.Quote = end, q
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
		item.End = end
	default:
		return item, &Error{off, fmt.Sprintf("the item %q is a block scalar; write it on one line", n.Value)}
	}
	return item, nil
}

// flowEnd finds the ] that closes a flow list, from an offset after its
// last item: only spaces, line ends, commas and comments may come between.
// TOML comments start at any #; YAML ones after a space or a line start.
func flowEnd(src []byte, i, limit int, tomlComments bool) (int, bool) {
	for i < limit {
		switch c := src[i]; {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',':
			i++
		case c == '#' && (tomlComments || i == 0 || src[i-1] == ' ' || src[i-1] == '\t' || src[i-1] == '\n' || src[i-1] == ','):
			_, i = lineAt(src, i)
		case c == ']':
			return i, true
		default:
			return 0, false
		}
	}
	return 0, false
}

// quotedEnd returns the offset after the closing quote of a string that
// starts with quote q at off: "…" with backslash escapes, '…' with a
// single quote doubled inside (YAML; TOML literal strings have no quote
// inside, so a doubled one never occurs in a valid file).
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

func skipSpaces(src []byte, i int) int {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return i
}

// beforeBlankLines moves an insertion point at the start of a line back
// over the blank lines before it, not before start.
func beforeBlankLines(src []byte, start, at int) int {
	for at > start {
		ls := lineStart(src, at-1)
		if len(bytes.TrimSpace(src[ls:at])) != 0 {
			break
		}
		at = ls
	}
	return at
}

var tomlTableHeader = regexp.MustCompile(`^[ \t]*\[\[?[^\[\]]+\]\]?[ \t]*(#.*)?\r?$`)

// tomlList finds the items of an array (or a lone string) in TOML front
// matter. The decoded front matter is the check: the strings found in the
// text must be the array the decoder read.
func tomlList(src []byte, fm tree.FrontMatter, key string) (List, error) {
	list := List{TOML: true}
	text := src[fm.Start:fm.End]
	var m map[string]any
	if _, err := toml.Decode(string(text), &m); err != nil {
		return list, &Error{fm.Start, "the front matter is not valid TOML (isms check says where)"}
	}
	// A new key goes before the first table: after it, it would be the
	// table's.
	list.insert = fm.End
	for off := fm.Start; off < fm.End; {
		line, next := lineAt(src, off)
		if tomlTableHeader.Match(line) {
			var prefix map[string]any
			if _, err := toml.Decode(string(src[fm.Start:off]), &prefix); err == nil {
				list.insert = off
				break
			}
		}
		off = next
	}
	list.insert = beforeBlankLines(src, fm.Start, list.insert)

	var want []string
	switch v := m[key].(type) {
	case nil:
		return list, nil
	case string:
		want, list.Single = []string{v}, true
	case []any:
		for _, x := range v {
			s, ok := x.(string)
			if !ok {
				return list, &Error{fm.Start, key + " has an item that is not a string"}
			}
			want = append(want, s)
		}
		list.Flow = true
	default:
		return list, &Error{fm.Start, key + " is not a list"}
	}
	list.Found = true
	q := regexp.QuoteMeta(key)
	loc := regexp.MustCompile(`(?m)^[ \t]*(?:` + q + `|"` + q + `"|'` + q + `')[ \t]*=[ \t]*`).FindIndex(text)
	if loc == nil {
		return list, &Error{fm.Start, fmt.Sprintf("cannot find the key %s in the text", key)}
	}
	i := fm.Start + loc[1]
	token := func() (Item, error) {
		q := src[i]
		if (q != '"' && q != '\'') || bytes.HasPrefix(src[i:], []byte{q, q, q}) {
			return Item{}, &Error{i, key + " has an item that is not a one-line string"}
		}
		end, ok := quotedEnd(src, i, q)
		if !ok {
			return Item{}, &Error{i, "unterminated string in " + key}
		}
		var v struct{ V string }
		if _, err := toml.Decode("V = "+string(src[i:end]), &v); err != nil {
			return Item{}, &Error{i, "cannot read a string in " + key}
		}
		item := Item{Start: i, End: end, Value: v.V, Quote: q}
		i = end
		return item, nil
	}
	skip := func() { // spaces, line ends and comments
		for i < fm.End {
			switch src[i] {
			case ' ', '\t', '\r', '\n':
				i++
			case '#':
				_, i = lineAt(src, i)
			default:
				return
			}
		}
	}
	if list.Single {
		item, err := token()
		if err != nil {
			return list, err
		}
		list.Items = []Item{item}
	} else {
		if i >= fm.End || src[i] != '[' {
			return list, &Error{i, fmt.Sprintf("cannot find the array %s in the text", key)}
		}
		list.open = i
		i++
		for {
			skip()
			if i >= fm.End {
				return list, &Error{fm.Start, fmt.Sprintf("unterminated array %s", key)}
			}
			if src[i] == ']' {
				list.close = i
				break
			}
			item, err := token()
			if err != nil {
				return list, err
			}
			list.Items = append(list.Items, item)
			skip()
			if i < fm.End && src[i] == ',' {
				i++
			}
		}
	}
	got := make([]string, len(list.Items))
	for k, it := range list.Items {
		got[k] = it.Value
	}
	if !slices.Equal(got, want) {
		return list, &Error{fm.Start, fmt.Sprintf("the array %s found in the text is not the one the TOML decoder read", key)}
	}
	return list, nil
}
