package edit

import "bytes"

// FrontMatter is where a document's front matter is: the bytes between the
// opening and the closing delimiter lines.
type FrontMatter struct {
	TOML       bool // +++ or ---toml; YAML otherwise
	Start, End int  // the content, without the delimiter lines
}

// FindFrontMatter finds the front matter as the site reader does: after a
// byte order mark and blank lines, a line --- (or ---yaml, +++, ---toml),
// up to the next line that is the closing delimiter (--- or +++), spaces
// around delimiters allowed. It reports false when the file has none or
// when it is not closed.
func FindFrontMatter(src []byte) (FrontMatter, bool) {
	off := len(src) - len(bytes.TrimPrefix(src, []byte("\uFEFF")))
	for {
		line, next := lineAt(src, off)
		if len(bytes.TrimSpace(line)) != 0 {
			break
		}
		if next == off || next >= len(src) {
			return FrontMatter{}, false
		}
		off = next
	}
	first, next := lineAt(src, off)
	var fm FrontMatter
	closing := "---"
	switch string(bytes.TrimSpace(first)) {
	case "---", "---yaml":
	case "+++":
		fm.TOML, closing = true, "+++"
	case "---toml":
		fm.TOML = true
	default:
		return fm, false
	}
	fm.Start = next
	for off = next; off < len(src); {
		line, after := lineAt(src, off)
		if string(bytes.TrimSpace(line)) == closing {
			fm.End = off
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

// lineStart returns the offset of the start of the line holding off.
func lineStart(src []byte, off int) int {
	return bytes.LastIndexByte(src[:off], '\n') + 1
}

// lineEnd returns the offset of the end of the line holding off, before
// its line end ("\n" or "\r\n"), and the line end itself.
func lineEnd(src []byte, off int) (int, string) {
	i := bytes.IndexByte(src[off:], '\n')
	if i < 0 {
		return len(src), ""
	}
	end := off + i
	if end > 0 && src[end-1] == '\r' {
		return end - 1, "\r\n"
	}
	return end, "\n"
}

// eolOf is the line end the front matter uses: that of its opening line.
func eolOf(src []byte, fm FrontMatter) string {
	if fm.Start >= 2 && src[fm.Start-2] == '\r' {
		return "\r\n"
	}
	return "\n"
}
