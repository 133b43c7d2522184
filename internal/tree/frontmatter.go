package tree

import (
	"bytes"

	"github.com/adrg/frontmatter"
)

// FrontMatter is where a document's front matter is: the bytes between the
// opening and the closing delimiter lines, and where the body starts.
type FrontMatter struct {
	TOML       bool // +++ or ---toml; YAML otherwise
	Start, End int  // the content, without the delimiter lines
	Body       int  // the first byte after the closing line
}

// frontMatterFormats are the delimiters a document's front matter may
// have: YAML between --- lines (or ---yaml and ---), TOML between +++
// lines (or ---toml and ---).
var frontMatterFormats = []struct {
	start, end string
	toml       bool
}{{"---", "---", false}, {"---yaml", "---", false}, {"+++", "+++", true}, {"---toml", "---", true}}

// FindFrontMatter finds a document's front matter, the one way every
// reader of documents does (the site, the edit engine, the history):
// after a byte order mark and blank lines, an opening delimiter line, up to
// the next closing delimiter line, spaces around delimiters allowed. The
// lines are matched by adrg/frontmatter. It reports false when the file has
// none or when it is not closed.
func FindFrontMatter(src []byte) (FrontMatter, bool) {
	bom := len(src) - len(bytes.TrimPrefix(src, []byte("\uFEFF")))
	var fm FrontMatter
	size := -1
	formats := make([]*frontmatter.Format, len(frontMatterFormats))
	for i, f := range frontMatterFormats {
		formats[i] = frontmatter.NewFormat(f.start, f.end, func(data []byte, _ any) error {
			fm.TOML, size = f.toml, len(data)
			return nil
		})
	}
	rest, err := frontmatter.MustParse(bytes.NewReader(src[bom:]), nil, formats...)
	if err != nil || size < 0 {
		return FrontMatter{}, false
	}
	fm.Body = len(src) - len(rest)
	// The content ends where the closing line starts.
	closing := fm.Body
	if closing > 0 && src[closing-1] == '\n' {
		closing--
	}
	fm.End = bytes.LastIndexByte(src[:closing], '\n') + 1
	fm.Start = fm.End - size
	return fm, true
}
