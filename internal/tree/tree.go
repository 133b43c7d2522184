// Package tree reads YAML and TOML into values that remember where they
// were written, and decodes fields from them with findings at their place.
//
// Every input file of a site — isms.yaml, soa.yaml, risks.yaml and each
// document's front matter — goes through this one decoder, so that a finding
// about a field or a list item points at its true line and column. The
// package knows YAML, TOML and positions; it knows nothing of what the
// fields mean.
package tree

// Front matter, isms.yaml and soa.yaml are read into a small tree of values
// that remembers where each value was written, so that every finding about a
// field or a list item points at its true line and column in the file. YAML
// gives positions through yaml.v3 nodes; TOML decoders do not expose them, so
// TOML values are located by a scan of the text after decoding.

import (
	"bytes"
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"

	"github.com/isms-project/isms/internal/finding"
)

// Kind is what a Value holds.
type Kind int

const (
	Scalar Kind = iota
	List
	Map
	Null
)

// Value is a YAML or TOML value and the place it was written.
type Value struct {
	Kind  Kind
	At    finding.Loc
	Text  string    // a scalar as written (unquoted)
	Type  string    // scalar type: "str", "int", "float", "bool", "date"
	Date  time.Time // set when Type is "date" and the format gave a date (TOML)
	Items []*Value  // list items
	Keys  []*Value  // map keys (scalars), in the order written
	Vals  []*Value  // map values, parallel to Keys
}

// Get returns the value of key in a map, or nil.
func (v *Value) Get(key string) *Value {
	if v == nil || v.Kind != Map {
		return nil
	}
	for i, k := range v.Keys {
		if k.Text == key {
			return v.Vals[i]
		}
	}
	return nil
}

// Describe names the value for a message: its text, or its kind.
func (v *Value) Describe() string {
	switch v.Kind {
	case List:
		return "a list"
	case Map:
		return "a mapping"
	case Null:
		return "empty"
	}
	return fmt.Sprintf("%q", v.Text)
}

// SyntaxError is a YAML or TOML syntax error at a place in the parsed text.
type SyntaxError struct {
	At  finding.Loc
	Msg string
}

func (e *SyntaxError) Error() string { return e.Msg }

var yamlLineError = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// ParseYAML reads YAML text whose first line is line firstLine of its file.
// A syntax error comes back as a *SyntaxError placed in the file.
func ParseYAML(data []byte, firstLine int) (*Value, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		msg := err.Error()
		if m := yamlLineError.FindStringSubmatch(msg); m != nil {
			msg = m[2]
		}
		return nil, &SyntaxError{finding.Loc{Line: firstLine + yamlErrorLine(data, err.Error()) - 1, Col: 1}, "YAML syntax error: " + msg}
	}
	if len(doc.Content) == 0 {
		return &Value{Kind: Null, At: finding.Loc{Line: firstLine, Col: 1}}, nil
	}
	return fromYAML(doc.Content[0], firstLine, 0), nil
}

// yamlErrorLine finds the line (from 1) of a YAML syntax error. yaml.v3's
// messages name the line where the enclosing construct started, sometimes
// counted from 0; the first line at which a prefix of the text fails with
// the same message is where a reader sees the problem.
func yamlErrorLine(data []byte, msg string) int {
	lines := bytes.SplitAfter(data, []byte{'\n'})
	prefix := make([]byte, 0, len(data))
	var doc yaml.Node
	for i, line := range lines {
		prefix = append(prefix, line...)
		if err := yaml.Unmarshal(prefix, &doc); err != nil && err.Error() == msg {
			return i + 1
		}
	}
	return 1
}

func fromYAML(n *yaml.Node, firstLine, depth int) *Value {
	if n.Kind == yaml.AliasNode && n.Alias != nil && depth < 32 {
		return fromYAML(n.Alias, firstLine, depth+1)
	}
	v := &Value{At: finding.Loc{Line: firstLine + n.Line - 1, Col: n.Column}}
	switch n.Kind {
	case yaml.SequenceNode:
		v.Kind = List
		for _, c := range n.Content {
			v.Items = append(v.Items, fromYAML(c, firstLine, depth+1))
		}
	case yaml.MappingNode:
		v.Kind = Map
		for i := 0; i+1 < len(n.Content); i += 2 {
			v.Keys = append(v.Keys, fromYAML(n.Content[i], firstLine, depth+1))
			v.Vals = append(v.Vals, fromYAML(n.Content[i+1], firstLine, depth+1))
		}
	case yaml.ScalarNode:
		v.Text = n.Value
		switch n.ShortTag() {
		case "!!null":
			v.Kind = Null
		case "!!int":
			v.Type = "int"
		case "!!float":
			v.Type = "float"
		case "!!bool":
			v.Type = "bool"
		case "!!timestamp":
			v.Type = "date"
		default:
			v.Type = "str"
		}
	default:
		v.Kind = Null
	}
	return v
}

// ParseTOML reads TOML text whose first line is line firstLine of its file.
func ParseTOML(data []byte, firstLine int) (*Value, error) {
	var m map[string]any
	if _, err := toml.Decode(string(data), &m); err != nil {
		at := finding.Loc{Line: firstLine, Col: 1}
		msg := err.Error()
		if pe, ok := err.(toml.ParseError); ok {
			at = finding.Loc{Line: firstLine + pe.Position.Line - 1, Col: max(pe.Position.Col, 1)}
			msg = pe.Message
		}
		return nil, &SyntaxError{at, "TOML syntax error: " + msg}
	}
	lines := strings.Split(string(data), "\n")
	return fromTOML(m, tomlLocator{lines: lines, first: firstLine}, finding.Loc{Line: firstLine, Col: 1}, 0), nil
}

// tomlLocator finds where a decoded TOML value was written. TOML front
// matter is flat in practice (keys, arrays, inline tables), so a forward scan
// for the key and then for each item is exact for what documents contain.
type tomlLocator struct {
	lines []string
	first int
}

// find returns the line index (from 0) and column (from 1) of the first
// occurrence of needle at or after line from, or ok false.
func (t tomlLocator) find(needle string, from int) (line, col int, ok bool) {
	for i := max(from, 0); i < len(t.lines); i++ {
		if j := strings.Index(t.lines[i], needle); j >= 0 {
			return i, utf8.RuneCountInString(t.lines[i][:j]) + 1, true
		}
	}
	return 0, 0, false
}

func (t tomlLocator) keyLine(key string, from int) (int, int) {
	for i := max(from, 0); i < len(t.lines); i++ {
		s := strings.TrimLeft(t.lines[i], " \t")
		rest, ok := strings.CutPrefix(s, key)
		if !ok {
			rest, ok = strings.CutPrefix(s, strconv.Quote(key))
		}
		if ok && strings.HasPrefix(strings.TrimLeft(rest, " \t"), "=") {
			return i, len(t.lines[i]) - len(s) + 1
		}
	}
	return from, 1
}

func fromTOML(x any, t tomlLocator, at finding.Loc, depth int) *Value {
	from := at.Line - t.first
	switch x := x.(type) {
	case map[string]any:
		v := &Value{Kind: Map, At: at}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		// Keep the order the keys were written in, as YAML does.
		lineOf := make(map[string]int, len(keys))
		for _, k := range keys {
			line, _ := t.keyLine(k, from)
			lineOf[k] = line
		}
		slices.SortFunc(keys, func(a, b string) int {
			return cmp.Or(cmp.Compare(lineOf[a], lineOf[b]), strings.Compare(a, b))
		})
		for _, k := range keys {
			line, col := t.keyLine(k, from)
			kat := finding.Loc{Line: t.first + line, Col: col}
			v.Keys = append(v.Keys, &Value{Kind: Scalar, Type: "str", Text: k, At: kat})
			v.Vals = append(v.Vals, fromTOML(x[k], t, kat, depth+1))
		}
		return v
	case []map[string]any:
		items := make([]any, len(x))
		for i := range x {
			items[i] = x[i]
		}
		return fromTOML(items, t, at, depth)
	case []any:
		v := &Value{Kind: List, At: at}
		line := from
		for _, item := range x {
			iat := at
			if s, ok := item.(string); ok {
				if l, c, ok := t.find(strconv.Quote(s), line); ok {
					iat, line = finding.Loc{Line: t.first + l, Col: c}, l
				} else if l, c, ok := t.find("'"+s+"'", line); ok {
					iat, line = finding.Loc{Line: t.first + l, Col: c}, l
				}
			} else if _, ok := item.(map[string]any); ok {
				if l, c, ok := t.find("{", line); ok {
					iat, line = finding.Loc{Line: t.first + l, Col: c}, l
				}
			}
			v.Items = append(v.Items, fromTOML(item, t, iat, depth+1))
			if _, ok := item.(map[string]any); ok {
				line++
			}
		}
		return v
	case string:
		return &Value{Kind: Scalar, Type: "str", Text: x, At: at}
	case int64:
		return &Value{Kind: Scalar, Type: "int", Text: strconv.FormatInt(x, 10), At: at}
	case float64:
		return &Value{Kind: Scalar, Type: "float", Text: strconv.FormatFloat(x, 'g', -1, 64), At: at}
	case bool:
		return &Value{Kind: Scalar, Type: "bool", Text: strconv.FormatBool(x), At: at}
	case time.Time:
		return &Value{Kind: Scalar, Type: "date", Text: x.Format("2006-01-02"), Date: x, At: at}
	}
	return &Value{Kind: Null, At: at}
}

// ReadYAMLFile parses a YAML file whose top level must be a mapping.
func ReadYAMLFile(r *finding.Report, src []byte) *Value {
	return readYAMLFile(r, src, func(src []byte) (*Value, error) { return ParseYAML(src, 1) })
}

func readYAMLFile(r *finding.Report, src []byte, parse func([]byte) (*Value, error)) *Value {
	if !CheckText(r, src) {
		return nil
	}
	root, err := parse(src)
	if err != nil {
		se := err.(*SyntaxError)
		r.Errorf(se.At, "%s", se.Msg)
		return nil
	}
	if root.Kind == Null {
		return &Value{Kind: Map}
	}
	if root.Kind != Map {
		r.Errorf(root.At, "%s must be a mapping of fields, not %s", r.Path, root.Describe())
		return nil
	}
	CheckDuplicateKeys(r, root)
	return root
}

// CheckDuplicateKeys reports a key written twice in a mapping.
func CheckDuplicateKeys(r *finding.Report, m *Value) {
	seen := make(map[string]finding.Loc, len(m.Keys))
	for _, k := range m.Keys {
		if first, ok := seen[k.Text]; ok {
			r.Errorf(k.At, "field %q appears twice (first at line %d)", k.Text, first.Line)
			continue
		}
		seen[k.Text] = k.At
	}
}

// Decoder turns tree values into Go values, reporting each problem at
// the value it is about.
type Decoder struct{ R *finding.Report }

// Text reads a scalar as text.
func (d Decoder) Text(k, v *Value) string {
	switch v.Kind {
	case Scalar:
		return v.Text
	case Null:
		return ""
	}
	d.R.Errorf(v.At, "%s must be text, not %s", k.Text, v.Describe())
	return ""
}

// Enum reads one of the allowed words.
func (d Decoder) Enum(k, v *Value, allowed []string) string {
	s := strings.TrimSpace(d.Text(k, v))
	if s == "" || slices.Contains(allowed, s) {
		return s
	}
	d.R.Errorf(v.At, "unknown %s %q (use one of: %s)", k.Text, s, strings.Join(allowed, ", "))
	return ""
}

// Days reads a whole number of days, def when it is not one.
func (d Decoder) Days(k, v *Value, def int) int {
	n, err := strconv.Atoi(strings.TrimSpace(v.Text))
	if v.Kind != Scalar || err != nil || n < 0 {
		d.R.Errorf(v.At, "%s must be a whole number of days, not %s", k.Text, v.Describe())
		return def
	}
	return n
}

// Boolean reads true or false (yes/no, on/off too).
func (d Decoder) Boolean(k, v *Value) bool {
	switch strings.ToLower(v.Text) {
	case "true", "yes", "on":
		return v.Kind == Scalar
	case "false", "no", "off", "":
		return false
	}
	d.R.Errorf(v.At, "%s must be true or false, not %s", k.Text, v.Describe())
	return false
}

// Date reads YYYY-MM-DD (YAML text or timestamp, or a TOML date).
func (d Decoder) Date(k, v *Value) time.Time {
	if v.Kind == Null {
		return time.Time{}
	}
	if !v.Date.IsZero() {
		return time.Date(v.Date.Year(), v.Date.Month(), v.Date.Day(), 0, 0, 0, 0, time.UTC)
	}
	if v.Kind == Scalar {
		if t, err := time.Parse("2006-01-02", strings.TrimSpace(v.Text)); err == nil {
			return t
		}
	}
	d.R.Errorf(v.At, "%s must be a date written YYYY-MM-DD, not %s", k.Text, v.Describe())
	return time.Time{}
}

// List reads a list of scalars; a single scalar is taken as a list of one.
func (d Decoder) List(k, v *Value) []*Value {
	switch v.Kind {
	case Null:
		return nil
	case Scalar:
		return []*Value{v}
	case List:
		var out []*Value
		for _, item := range v.Items {
			if item.Kind != Scalar {
				d.R.Errorf(item.At, "%s: each item must be text, not %s", k.Text, item.Describe())
				continue
			}
			out = append(out, item)
		}
		return out
	}
	d.R.Errorf(v.At, "%s must be a list, not %s", k.Text, v.Describe())
	return nil
}

// CheckText reports a file that is not UTF-8 text, at its first bad byte.
func CheckText(r *finding.Report, src []byte) bool {
	if i := bytes.IndexByte(src, 0); i >= 0 {
		r.Errorf(OffsetLoc(src, i), "binary file: a NUL byte at byte %d (documents must be UTF-8 text)", i)
		return false
	}
	if utf8.Valid(src) {
		return true
	}
	i := 0
	for i < len(src) {
		c, size := utf8.DecodeRune(src[i:])
		if c == utf8.RuneError && size <= 1 {
			break
		}
		i += size
	}
	r.Errorf(OffsetLoc(src, i), "invalid UTF-8 (byte 0x%02X at byte %d); save the file as UTF-8", src[i], i)
	return false
}

// OffsetLoc turns a byte offset into a line and a column counted in characters.
func OffsetLoc(src []byte, off int) finding.Loc {
	off = min(max(off, 0), len(src))
	line := bytes.Count(src[:off], []byte{'\n'}) + 1
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	col := utf8.RuneCount(src[start:off]) + 1
	return finding.Loc{Line: line, Col: col}
}
