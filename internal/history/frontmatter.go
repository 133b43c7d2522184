package history

// Each version of each document is read for three front matter fields.
// A site with 1,000 documents of 20 commits has 20,000 of them, more than
// the full decoder (internal/tree) reads in the time the history may take,
// so a line scanner reads the plain forms these fields take in practice
// and hands anything else (block or multi-line scalars, escapes, TOML
// numbers and dates, odd layouts) to the full decoder. A fuzz test holds
// the two to the same answers.

import (
	"bytes"
	"strings"

	"github.com/isms-project/isms/internal/tree"
)

// fields are the front matter fields the history shows.
type fields struct {
	Version, Approved, Approver string
}

// wanted are the keys read, in the order of fields.
var wanted = [3]string{"version", "approved", "approver"}

func (f *fields) set(i int, v string) {
	switch i {
	case 0:
		f.Version = v
	case 1:
		f.Approved = v
	case 2:
		f.Approver = v
	}
}

// frontMatter finds a document's front matter as the site reader's
// tree.FindFrontMatter does (TestFrontMatterIsTheSites holds the two
// equal), without copying the text:
// after a byte order mark and blank lines, a line "---" (or "---yaml",
// "+++", "---toml") up to the closing line ("---", or "+++" for "+++"),
// spaces around the delimiters allowed. ok is false when there is none or
// it is not closed; then the body is the whole text.
func frontMatter(src []byte) (fm []byte, toml bool, body []byte, ok bool) {
	rest := bytes.TrimPrefix(src, []byte("\uFEFF"))
	var line []byte
	for {
		var found bool
		line, rest, found = bytes.Cut(rest, []byte{'\n'})
		if len(bytes.TrimSpace(line)) != 0 {
			break
		}
		if !found {
			return nil, false, src, false
		}
	}
	closing := "---"
	switch string(bytes.TrimSpace(line)) {
	case "---", "---yaml":
	case "+++":
		toml, closing = true, "+++"
	case "---toml":
		toml = true
	default:
		return nil, false, src, false
	}
	start := rest
	for off := 0; off < len(rest); {
		l, _, found := bytes.Cut(rest[off:], []byte{'\n'})
		if string(bytes.TrimSpace(l)) == closing {
			body := rest[off+len(l):]
			if found {
				body = body[1:]
			}
			return start[:off], toml, body, true
		}
		if !found {
			break
		}
		off += len(l) + 1
	}
	return nil, false, src, false
}

// readFields returns the fields of a document's text, and its body.
func readFields(src []byte) (fields, []byte) {
	fm, isTOML, body, ok := frontMatter(src)
	if !ok {
		return fields{}, body
	}
	var f fields
	var simple bool
	if isTOML {
		f, simple = scanTOML(fm)
	} else {
		f, simple = scanYAML(fm)
	}
	if !simple {
		f = decodeFields(fm, isTOML)
	}
	return f, body
}

// decodeFields reads the fields with the full decoder. Front matter it
// cannot read gives no fields (the site's checks report the error).
func decodeFields(fm []byte, isTOML bool) fields {
	var root *tree.Value
	var err error
	if isTOML {
		root, err = tree.ParseTOML(fm, 1)
	} else {
		root, err = tree.ParseYAML(fm, 1)
	}
	var f fields
	if err != nil || root == nil || root.Kind != tree.Map {
		return f
	}
	for i, key := range wanted {
		if v := root.Get(key); v != nil && v.Kind == tree.Scalar {
			f.set(i, v.Text)
		}
	}
	return f
}

// scanYAML reads the fields from YAML front matter whose top level is a
// plain block mapping, where each wanted field is a one-line plain,
// single- or double-quoted scalar without escapes. simple is false when
// the text is anything else.
func scanYAML(fm []byte) (f fields, simple bool) {
	var seen [3]bool
	for rest := fm; len(rest) > 0; {
		var raw []byte
		raw, rest, _ = bytes.Cut(rest, []byte{'\n'})
		raw = bytes.TrimSuffix(raw, []byte{'\r'})
		if len(raw) == 0 || raw[0] == '#' || raw[0] == ' ' {
			continue // blank, a comment, or inside the value of the key above
		}
		if raw[0] == '\t' {
			return f, false
		}
		if raw[0] == '-' && (len(raw) == 1 || raw[1] == ' ') {
			continue // an item of a list at the key's own indentation
		}
		colon := bytes.IndexByte(raw, ':')
		if colon <= 0 || bytes.ContainsAny(raw[:colon], " \t\"'{}[],&*!|<>%@`?#") {
			if len(bytes.TrimSpace(raw)) == 0 {
				continue
			}
			return f, false
		}
		key, value := raw[:colon], raw[colon+1:]
		if len(value) > 0 && value[0] != ' ' {
			return f, false // "key:value" is one plain scalar, not a pair
		}
		value = bytes.TrimLeft(value, " ")
		i := keyIndex(key)
		// Any value that may run on to the next lines at column 0 is
		// left to the decoder.
		if i < 0 {
			if len(value) > 0 && strings.IndexByte(`"'[{`, value[0]) >= 0 && !oneLine(string(value)) {
				return f, false
			}
			continue
		}
		if seen[i] {
			return f, false // a duplicate key: the decoder says which counts
		}
		seen[i] = true
		v, ok := yamlScalar(string(value))
		if !ok || continues(rest) {
			return f, false
		}
		f.set(i, v)
	}
	return f, true
}

// oneLine reports whether a YAML value surely ends on its line: not a
// quoted scalar or flow collection left open.
func oneLine(v string) bool {
	switch {
	case v == "":
		return true
	case v[0] == '"':
		return closedDouble(v) >= 0
	case v[0] == '\'':
		return closedSingle(v) >= 0
	case v[0] == '[' || v[0] == '{':
		return balanced(v)
	}
	return true
}

// balanced reports whether a flow collection that starts v closes on the
// same line (brackets counted outside quoted strings).
func balanced(v string) bool {
	depth := 0
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '"':
			end := closedDouble(v[i:])
			if end < 0 {
				return false
			}
			i += end
		case '\'':
			end := closedSingle(v[i:])
			if end < 0 {
				return false
			}
			i += end
		case '[', '{':
			depth++
		case ']', '}':
			depth--
			if depth < 0 {
				return false
			}
			if depth == 0 {
				return comment(v[i+1:])
			}
		}
	}
	return false
}

// continues reports whether the next non-blank, non-comment line is
// indented: a multi-line scalar or a nested value.
func continues(rest []byte) bool {
	for len(rest) > 0 {
		var line []byte
		line, rest, _ = bytes.Cut(rest, []byte{'\n'})
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		return line[0] == ' ' || line[0] == '\t'
	}
	return false
}

// yamlScalar reads a one-line scalar after "key: ".
func yamlScalar(v string) (string, bool) {
	switch {
	case v == "":
		return "", true // null
	case v[0] == '"':
		end := closedDouble(v)
		if end < 0 || strings.ContainsAny(v[1:end], "\\\t") || !comment(v[end+1:]) {
			return "", false
		}
		return v[1:end], true
	case v[0] == '\'':
		end := closedSingle(v)
		if end < 0 || strings.Contains(v[1:end], "''") || strings.ContainsRune(v[1:end], '\t') || !comment(v[end+1:]) {
			return "", false
		}
		return v[1:end], true
	case strings.ContainsRune("-?:,[]{}#&*!|>%@`", rune(v[0])):
		return "", false
	}
	if i := strings.Index(v, " #"); i >= 0 {
		v = v[:i]
	}
	v = strings.TrimRight(v, " ")
	if strings.Contains(v, ": ") || strings.HasSuffix(v, ":") || strings.ContainsAny(v, "\t") {
		return "", false
	}
	switch v {
	case "~", "null", "Null", "NULL":
		return "", true
	}
	return v, true
}

// comment reports whether what follows a quoted scalar is only spaces and
// perhaps a comment.
func comment(s string) bool {
	t := strings.TrimLeft(s, " ")
	return t == "" || (t[0] == '#' && len(t) < len(s))
}

// closedDouble returns the index of the quote closing a double-quoted
// scalar that starts v, or -1.
func closedDouble(v string) int {
	for i := 1; i < len(v); i++ {
		switch v[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return -1
}

// closedSingle returns the index of the quote closing a single-quoted
// scalar that starts v, or -1.
func closedSingle(v string) int {
	for i := 1; i < len(v); i++ {
		if v[i] == '\'' {
			if i+1 < len(v) && v[i+1] == '\'' {
				i++
				continue
			}
			return i
		}
	}
	return -1
}

// scanTOML reads the fields from TOML front matter where each wanted field
// is a top-level key with a one-line basic or literal string without
// escapes. simple is false when the text is anything else.
func scanTOML(fm []byte) (f fields, simple bool) {
	var seen [3]bool
	for _, raw := range bytes.Split(fm, []byte{'\n'}) {
		line := strings.TrimSpace(string(raw))
		if line == "" || line[0] == '#' {
			continue
		}
		if line[0] == '[' {
			break // a table: the top level ends
		}
		key, value, ok := strings.Cut(line, "=")
		if !ok {
			return f, false // a continued array or string
		}
		key, value = strings.TrimSpace(key), strings.TrimSpace(value)
		if strings.ContainsAny(key, "\"'. \t") {
			return f, false // quoted or dotted keys
		}
		i := indexOf(key)
		if i < 0 {
			switch {
			case strings.HasPrefix(value, `"""`), strings.HasPrefix(value, "'''"):
				return f, false // may run on to lines that look like keys
			case value != "" && (value[0] == '[' || value[0] == '{') && !balanced(value):
				return f, false
			}
			continue
		}
		if seen[i] {
			return f, false
		}
		seen[i] = true
		var v string
		switch {
		case len(value) >= 2 && value[0] == '"' && !strings.HasPrefix(value, `"""`):
			end := strings.IndexByte(value[1:], '"') + 1
			if end <= 0 || strings.ContainsAny(value[1:end], "\\\t") || !tomlRest(value[end+1:]) {
				return f, false
			}
			v = value[1:end]
		case len(value) >= 2 && value[0] == '\'' && !strings.HasPrefix(value, "'''"):
			end := strings.IndexByte(value[1:], '\'') + 1
			if end <= 0 || strings.ContainsRune(value[1:end], '\t') || !tomlRest(value[end+1:]) {
				return f, false
			}
			v = value[1:end]
		default:
			return f, false // numbers, dates, arrays: the decoder formats them
		}
		f.set(i, v)
	}
	return f, true
}

// tomlRest reports whether what follows a TOML string is only a comment.
func tomlRest(s string) bool {
	t := strings.TrimSpace(s)
	return t == "" || t[0] == '#'
}

// keyIndex is indexOf for a key not yet converted to a string.
func keyIndex(key []byte) int {
	for i, k := range wanted {
		if string(key) == k {
			return i
		}
	}
	return -1
}

func indexOf(key string) int {
	for i, k := range wanted {
		if key == k {
			return i
		}
	}
	return -1
}
