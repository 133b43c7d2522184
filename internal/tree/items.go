package tree

import (
	"bytes"
	"sync"

	"github.com/isms-project/isms/internal/finding"
	"github.com/isms-project/isms/internal/parallel"
)

// ItemCache reads a YAML file whose bulk is one top-level mapping or list
// in block style — risks.yaml's risks — entry by entry: each entry's text
// (a key with its value, or a list item) is parsed on its own, on all
// cores, and kept, so that reading the file again after an edit parses
// only the entries whose text changed. The result is the one ParseYAML
// gives for the whole file. Whenever the file does not have the simple
// shape this needs (flow style, a tab, a line less indented than the
// entries inside them, anchors that cross entries, several documents), or
// any part fails to parse, the whole file is parsed as ParseYAML does, so
// that errors read the same.
//
// An ItemCache is safe for use by one reader at a time. The values it
// returns are shared with later reads and must not be changed.
type ItemCache struct {
	Key   string // the top-level key whose value is read entry by entry
	mu    sync.Mutex
	items map[string]cachedItem // by the entry's text
}

// cachedItem is an entry as parsed, and the line its text started on.
type cachedItem struct {
	v    *Value
	line int
}

// ParseYAML reads src, the text of a whole file, as ParseYAML(src, 1).
func (c *ItemCache) ParseYAML(src []byte) (*Value, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v := c.parse(src); v != nil {
		return v, nil
	}
	return ParseYAML(src, 1)
}

// ReadYAMLFile is ReadYAMLFile with the file's list items read through c.
func (c *ItemCache) ReadYAMLFile(r *finding.Report, src []byte) *Value {
	return readYAMLFile(r, src, c.ParseYAML)
}

// parse reads src item by item, or returns nil when it cannot.
func (c *ItemCache) parse(src []byte) *Value {
	sp, ok := splitItems(src, c.Key)
	if !ok {
		return nil
	}
	// The rest of the file, with the entries' lines left empty so that
	// every line keeps its number.
	skeleton := make([]byte, 0, sp.start+len(src)-sp.end+bytes.Count(src[sp.start:sp.end], []byte{'\n'}))
	skeleton = append(skeleton, src[:sp.start]...)
	for range bytes.Count(src[sp.start:sp.end], []byte{'\n'}) {
		skeleton = append(skeleton, '\n')
	}
	skeleton = append(skeleton, src[sp.end:]...)
	root, err := ParseYAML(skeleton, 1)
	if err != nil || root.Kind != Map {
		return nil
	}
	at := -1
	for i, k := range root.Keys {
		if k.Text == c.Key {
			if at >= 0 || root.Vals[i].Kind != Null {
				return nil
			}
			at = i
		}
	}
	if at < 0 {
		return nil
	}
	items := make([]*Value, len(sp.items))
	used := make(map[string]cachedItem, len(sp.items))
	var todo []int
	for i, it := range sp.items {
		text := string(src[it.start:it.end])
		if c, ok := c.items[text]; ok {
			items[i] = shifted(c.v, it.line-c.line)
			used[text] = cachedItem{items[i], it.line}
		} else {
			todo = append(todo, i)
		}
	}
	parsed := make([]*Value, len(todo))
	parallel.For(parallel.Seq(len(todo)), func(k int) {
		it := sp.items[todo[k]]
		v, err := ParseYAML(src[it.start:it.end], it.line)
		if err == nil && (sp.list && v.Kind == List && len(v.Items) == 1 || !sp.list && v.Kind == Map && len(v.Keys) == 1) {
			parsed[k] = v
		}
	})
	for k, i := range todo {
		if parsed[k] == nil {
			return nil
		}
		it := sp.items[i]
		items[i] = parsed[k]
		used[string(src[it.start:it.end])] = cachedItem{parsed[k], it.line}
	}
	// Keep only what this read used, so that the cache does not grow with
	// every edit.
	c.items = used
	v := &Value{Kind: Map, At: finding.Loc{Line: sp.items[0].line, Col: sp.indent + 1}}
	for _, it := range items {
		if sp.list {
			v.Items = append(v.Items, it.Items[0])
		} else {
			v.Keys = append(v.Keys, it.Keys[0])
			v.Vals = append(v.Vals, it.Vals[0])
		}
	}
	if sp.list {
		v.Kind = List
	}
	root.Vals[at] = v
	return root
}

// shifted is v placed lines further down: v itself when lines is 0, a
// copy otherwise.
func shifted(v *Value, lines int) *Value {
	if lines == 0 {
		return v
	}
	c := *v
	c.At.Line += lines
	c.Items = shiftAll(v.Items, lines)
	c.Keys = shiftAll(v.Keys, lines)
	c.Vals = shiftAll(v.Vals, lines)
	return &c
}

func shiftAll(vs []*Value, lines int) []*Value {
	if vs == nil {
		return nil
	}
	out := make([]*Value, len(vs))
	for i, v := range vs {
		out[i] = shifted(v, lines)
	}
	return out
}

// itemSpans is where a top-level block mapping or list and its entries
// are in a file.
type itemSpans struct {
	start, end int  // the lines after the key's line, up to the next top-level line
	indent     int  // the entries' column, from 0
	list       bool // the entries are list items, not keys
	items      []itemSpan
}

// itemSpan is one entry's text: from its first line up to the next
// entry's.
type itemSpan struct {
	start, end int
	line       int // the line of start, from 1
}

// splitItems finds the mapping or list of the top-level key in src,
// written in block style with each entry at the same indent. ok is false
// when src does not have that shape or when it has no entries.
func splitItems(src []byte, key string) (sp itemSpans, ok bool) {
	if bytes.Contains(src, []byte{'\t'}) || bytes.Contains(src, []byte{'\r'}) {
		return sp, false
	}
	line, off := 1, 0
	keyLine := false
	sp.indent = -1
	for off < len(src) {
		end := bytes.IndexByte(src[off:], '\n')
		next := len(src)
		if end >= 0 {
			next = off + end + 1
		}
		text := src[off:next]
		trimmed := bytes.TrimLeft(text, " ")
		indent := len(text) - len(trimmed)
		blank := len(bytes.TrimSpace(trimmed)) == 0 || trimmed[0] == '#'
		switch {
		case !keyLine && sp.items == nil:
			// Before the list: directives and document markers need the
			// whole parser.
			if bytes.HasPrefix(text, []byte("---")) || bytes.HasPrefix(text, []byte("...")) || bytes.HasPrefix(text, []byte("%")) {
				return sp, false
			}
			if isKeyLine(text, key) {
				keyLine = true
				sp.start = next
			}
		case keyLine && blank:
		case keyLine && indent == 0 && !isItem(trimmed):
			// The next top-level key: the list ends here.
			keyLine = false
			sp.end = off
			if len(sp.items) > 0 {
				sp.items[len(sp.items)-1].end = off
			}
			// The rest of the file must not hold another list of the key
			// or a document marker; the skeleton's parse checks the former.
			rest := src[off:]
			if bytes.Contains(rest, []byte("\n---")) || bytes.Contains(rest, []byte("\n...")) || bytes.HasPrefix(rest, []byte("---")) {
				return sp, false
			}
			return sp, len(sp.items) > 0
		case keyLine:
			if sp.indent < 0 {
				sp.indent, sp.list = indent, isItem(trimmed)
				if indent == 0 && !sp.list {
					return sp, false
				}
			}
			if indent < sp.indent {
				return sp, false
			}
			if indent == sp.indent {
				if isItem(trimmed) != sp.list {
					return sp, false
				}
				if len(sp.items) > 0 {
					sp.items[len(sp.items)-1].end = off
				}
				sp.items = append(sp.items, itemSpan{start: off, line: line})
			}
		}
		off = next
		line++
	}
	if !keyLine {
		return sp, false
	}
	sp.end = len(src)
	if len(sp.items) > 0 {
		sp.items[len(sp.items)-1].end = len(src)
	}
	return sp, len(sp.items) > 0
}

// isKeyLine reports whether a line is the top-level key with nothing after
// its colon but a comment: the list follows on the next lines.
func isKeyLine(line []byte, key string) bool {
	rest, ok := bytes.CutPrefix(line, []byte(key))
	if !ok {
		return false
	}
	after, ok := bytes.CutPrefix(bytes.TrimLeft(rest, " "), []byte{':'})
	if !ok {
		return false
	}
	t := bytes.TrimSpace(after)
	return len(t) == 0 || t[0] == '#' && after[0] == ' '
}

// isItem reports whether a line, without its indent, starts a block list
// item.
func isItem(trimmed []byte) bool {
	return len(trimmed) > 0 && trimmed[0] == '-' && (len(trimmed) == 1 || trimmed[1] == ' ' || trimmed[1] == '\n')
}
