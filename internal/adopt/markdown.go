package adopt

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// line is one line of the file: its bytes without the line end, and where
// it starts.
type line struct {
	start int
	text  string // without "\n" or "\r\n"
	eol   string
}

func splitLines(src []byte) []line {
	var lines []line
	for off := 0; off < len(src); {
		i := strings.IndexByte(string(src[off:]), '\n')
		l := line{start: off}
		if i < 0 {
			l.text = string(src[off:])
			off = len(src)
		} else {
			l.text, l.eol = string(src[off:off+i]), "\n"
			off += i + 1
		}
		if strings.HasSuffix(l.text, "\r") && l.eol != "" {
			l.text, l.eol = l.text[:len(l.text)-1], "\r\n"
		}
		lines = append(lines, l)
	}
	return lines
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }

var (
	atxHeading   = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$`)
	setextLine   = regexp.MustCompile(`^ {0,3}(=+|-+)[ \t]*$`)
	thematic     = regexp.MustCompile(`^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$`)
	fence        = regexp.MustCompile("^ {0,3}(`{3,}|~{3,})")
	htmlComment  = regexp.MustCompile(`^\s*<!--.*-->\s*$`)
	listMarker   = regexp.MustCompile(`^ {0,3}(?:[-*+]|\d{1,3}[.)])[ \t]+`)
	tableRow     = regexp.MustCompile(`^ {0,3}\|`)
	tableDivider = regexp.MustCompile(`^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$`)
)

// heading is a Markdown heading: its level, its text, the lines it takes.
type heading struct {
	level       int
	text        string
	first, last int // line indexes
	textOff     int // byte offset of the text in the file
}

// headingAt reads an ATX heading at line i, or a setext heading whose text
// is line i (a one-line paragraph: line i-1 blank or the start).
func headingAt(lines []line, i int) (heading, bool) {
	l := lines[i]
	if m := atxHeading.FindStringSubmatchIndex(l.text); m != nil {
		h := heading{level: m[3] - m[2], first: i, last: i, textOff: l.start}
		if m[4] >= 0 {
			h.text, h.textOff = l.text[m[4]:m[5]], l.start+m[4]
		}
		return h, true
	}
	if i+1 < len(lines) && (i == 0 || blank(lines[i-1].text)) && !blank(l.text) && plainParagraph(l.text) {
		if m := setextLine.FindStringSubmatch(lines[i+1].text); m != nil {
			level := 1
			if m[1][0] == '-' {
				level = 2
			}
			text := strings.TrimSpace(l.text)
			return heading{level: level, text: text, first: i, last: i + 1, textOff: l.start + strings.Index(l.text, text)}, true
		}
	}
	return heading{}, false
}

// plainParagraph reports whether a line starts a paragraph (and so can be
// the text of a setext heading): not a list item, quote, table, fence,
// heading, rule or indented code.
func plainParagraph(s string) bool {
	t := strings.TrimLeft(s, " ")
	if len(s)-len(t) > 3 || strings.HasPrefix(s, "\t") {
		return false
	}
	return !listMarker.MatchString(s) && !strings.HasPrefix(t, ">") && !tableRow.MatchString(s) &&
		!fence.MatchString(s) && !strings.HasPrefix(t, "#") && !thematic.MatchString(s) && !strings.HasPrefix(t, "<")
}

// cleanTitle takes Markdown decoration off a heading's text: emphasis,
// code, links, images.
func cleanTitle(s string) string {
	s = mdLink.ReplaceAllString(s, "$1")
	s = strings.NewReplacer("**", "", "__", "", "`", "").Replace(s)
	s = strings.TrimSpace(s)
	for _, w := range []string{"*", "_"} {
		if len(s) > 2 && strings.HasPrefix(s, w) && strings.HasSuffix(s, w) {
			s = strings.TrimSpace(s[1 : len(s)-1])
		}
	}
	return strings.Join(strings.Fields(s), " ")
}

var mdLink = regexp.MustCompile(`!?\[([^\[\]]*)\]\([^()]*\)`)

// keyLine is a line that states a key and a value: "**Version:** 2.0",
// "- Eier: IT-sjef", "*Owner*: CISO", "Dato: 1.2.2026".
type keyLine struct {
	key      string // as written, without decoration
	value    string // cleaned (see cleanValue)
	valueOff int    // byte offset of the value in the line
	bold     bool   // the key is emphasised, or the line is a list item: a key line even when the key is unknown
}

var (
	// **Key:** value, **Key**: value, __Key:__ value, *Key:* value, *Key*: value
	emphKey = regexp.MustCompile(`^(\*\*|__|\*|_)([^*_:\n]{1,60}?)(?::(\*\*|__|\*|_)|(\*\*|__|\*|_)[ \t]*:)[ \t]*`)
	// Key: value, with a short key that starts with a letter
	plainKey = regexp.MustCompile(`^([\p{L}][\p{L}\p{N} ./()-]{0,40}?)[ \t]*:[ \t]+`)
)

// parseKeyLine reads a key line; it reports false for anything else.
func parseKeyLine(s string) (keyLine, bool) {
	rest := s
	list := false
	if m := listMarker.FindString(rest); m != "" {
		rest, list = rest[len(m):], true
	} else {
		rest = strings.TrimLeft(rest, " ")
		if len(s)-len(rest) > 3 {
			return keyLine{}, false
		}
	}
	base := len(s) - len(rest)
	if m := emphKey.FindStringSubmatchIndex(rest); m != nil {
		open := rest[m[2]:m[3]]
		closeIdx := 6
		if m[6] < 0 {
			closeIdx = 8
		}
		if rest[m[closeIdx]:m[closeIdx+1]] != open {
			return keyLine{}, false
		}
		v, cut := cleanValue(rest[m[1]:])
		return keyLine{key: strings.TrimSpace(rest[m[4]:m[5]]), value: v, valueOff: base + m[1] + cut, bold: true}, true
	}
	if m := plainKey.FindStringSubmatchIndex(rest); m != nil {
		key := rest[m[2]:m[3]]
		if strings.Contains(key, "://") || utf8.RuneCountInString(key) > 40 {
			return keyLine{}, false
		}
		v, cut := cleanValue(rest[m[1]:])
		return keyLine{key: strings.TrimSpace(key), value: v, valueOff: base + m[1] + cut, bold: list}, true
	}
	return keyLine{}, false
}

// tableCells splits a table row into its cells, with the byte offset of
// each cell's text in the line.
func tableCells(s string) (cells []string, offs []int) {
	i := strings.IndexByte(s, '|') + 1
	for i <= len(s) {
		j := i
		for j < len(s) && (s[j] != '|' || s[j-1] == '\\') {
			j++
		}
		cell := s[i:j]
		lead := len(cell) - len(strings.TrimLeft(cell, " \t"))
		cells = append(cells, strings.TrimSpace(cell))
		offs = append(offs, i+lead)
		if j >= len(s) {
			break
		}
		i = j + 1
	}
	// A closing pipe leaves an empty last cell.
	if n := len(cells); n > 0 && cells[n-1] == "" && strings.HasSuffix(strings.TrimRight(s, " \t"), "|") {
		cells, offs = cells[:n-1], offs[:n-1]
	}
	return cells, offs
}
