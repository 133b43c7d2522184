package generator

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
)

type valueKind int

const (
	scalarValue valueKind = iota
	listValue
	mapValue
	nullValue
)

// value is a YAML or TOML value and the place it was written.
type value struct {
	kind  valueKind
	at    loc
	text  string    // a scalar as written (unquoted)
	typ   string    // scalar type: "str", "int", "float", "bool", "date"
	date  time.Time // set when typ is "date" and the format gave a date (TOML)
	items []*value  // list items
	keys  []*value  // map keys (scalars), in the order written
	vals  []*value  // map values, parallel to keys
}

// get returns the value of key in a map, or nil.
func (v *value) get(key string) *value {
	if v == nil || v.kind != mapValue {
		return nil
	}
	for i, k := range v.keys {
		if k.text == key {
			return v.vals[i]
		}
	}
	return nil
}

func (v *value) describe() string {
	switch v.kind {
	case listValue:
		return "a list"
	case mapValue:
		return "a mapping"
	case nullValue:
		return "empty"
	}
	return fmt.Sprintf("%q", v.text)
}

// syntaxError is a YAML or TOML syntax error at a place in the parsed text.
type syntaxError struct {
	at  loc
	msg string
}

func (e *syntaxError) Error() string { return e.msg }

var yamlLineError = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// parseYAML reads YAML text whose first line is line firstLine of its file.
// A syntax error comes back as a *syntaxError placed in the file.
func parseYAML(data []byte, firstLine int) (*value, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		msg := err.Error()
		if m := yamlLineError.FindStringSubmatch(msg); m != nil {
			msg = m[2]
		}
		return nil, &syntaxError{loc{firstLine + yamlErrorLine(data, err.Error()) - 1, 1}, "YAML syntax error: " + msg}
	}
	if len(doc.Content) == 0 {
		return &value{kind: nullValue, at: loc{firstLine, 1}}, nil
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

func fromYAML(n *yaml.Node, firstLine, depth int) *value {
	if n.Kind == yaml.AliasNode && n.Alias != nil && depth < 32 {
		return fromYAML(n.Alias, firstLine, depth+1)
	}
	v := &value{at: loc{firstLine + n.Line - 1, n.Column}}
	switch n.Kind {
	case yaml.SequenceNode:
		v.kind = listValue
		for _, c := range n.Content {
			v.items = append(v.items, fromYAML(c, firstLine, depth+1))
		}
	case yaml.MappingNode:
		v.kind = mapValue
		for i := 0; i+1 < len(n.Content); i += 2 {
			v.keys = append(v.keys, fromYAML(n.Content[i], firstLine, depth+1))
			v.vals = append(v.vals, fromYAML(n.Content[i+1], firstLine, depth+1))
		}
	case yaml.ScalarNode:
		v.text = n.Value
		switch n.ShortTag() {
		case "!!null":
			v.kind = nullValue
		case "!!int":
			v.typ = "int"
		case "!!float":
			v.typ = "float"
		case "!!bool":
			v.typ = "bool"
		case "!!timestamp":
			v.typ = "date"
		default:
			v.typ = "str"
		}
	default:
		v.kind = nullValue
	}
	return v
}

// parseTOML reads TOML text whose first line is line firstLine of its file.
func parseTOML(data []byte, firstLine int) (*value, error) {
	var m map[string]any
	if _, err := toml.Decode(string(data), &m); err != nil {
		at := loc{firstLine, 1}
		msg := err.Error()
		if pe, ok := err.(toml.ParseError); ok {
			at = loc{firstLine + pe.Position.Line - 1, max(pe.Position.Col, 1)}
			msg = pe.Message
		}
		return nil, &syntaxError{at, "TOML syntax error: " + msg}
	}
	lines := strings.Split(string(data), "\n")
	return fromTOML(m, tomlLocator{lines: lines, first: firstLine}, loc{firstLine, 1}, 0), nil
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

func fromTOML(x any, t tomlLocator, at loc, depth int) *value {
	from := at.line - t.first
	switch x := x.(type) {
	case map[string]any:
		v := &value{kind: mapValue, at: at}
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
			kat := loc{t.first + line, col}
			v.keys = append(v.keys, &value{kind: scalarValue, typ: "str", text: k, at: kat})
			v.vals = append(v.vals, fromTOML(x[k], t, kat, depth+1))
		}
		return v
	case []map[string]any:
		items := make([]any, len(x))
		for i := range x {
			items[i] = x[i]
		}
		return fromTOML(items, t, at, depth)
	case []any:
		v := &value{kind: listValue, at: at}
		line := from
		for _, item := range x {
			iat := at
			if s, ok := item.(string); ok {
				if l, c, ok := t.find(strconv.Quote(s), line); ok {
					iat, line = loc{t.first + l, c}, l
				} else if l, c, ok := t.find("'"+s+"'", line); ok {
					iat, line = loc{t.first + l, c}, l
				}
			} else if _, ok := item.(map[string]any); ok {
				if l, c, ok := t.find("{", line); ok {
					iat, line = loc{t.first + l, c}, l
				}
			}
			v.items = append(v.items, fromTOML(item, t, iat, depth+1))
			if _, ok := item.(map[string]any); ok {
				line++
			}
		}
		return v
	case string:
		return &value{kind: scalarValue, typ: "str", text: x, at: at}
	case int64:
		return &value{kind: scalarValue, typ: "int", text: strconv.FormatInt(x, 10), at: at}
	case float64:
		return &value{kind: scalarValue, typ: "float", text: strconv.FormatFloat(x, 'g', -1, 64), at: at}
	case bool:
		return &value{kind: scalarValue, typ: "bool", text: strconv.FormatBool(x), at: at}
	case time.Time:
		return &value{kind: scalarValue, typ: "date", text: x.Format("2006-01-02"), date: x, at: at}
	}
	return &value{kind: nullValue, at: at}
}
