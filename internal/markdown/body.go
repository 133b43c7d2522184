package markdown

// A document's Markdown is parsed and rendered once, when it is read, and
// the HTML is kept without the AST. What the HTML cannot know at that point
// — the title and state of another document a [[…]] or a link to a .md file
// points at — is left as a placeholder (a NUL byte, the reference's index, a
// NUL byte; NUL never comes from a document, which would be rejected as
// binary) and filled in when the page is assembled, after the references are
// resolved. So the costly Markdown work depends only on the file's own
// bytes: live preview re-renders just the file that changed, and a
// 10,000-document build holds HTML, not 10,000 syntax trees.

import (
	"bytes"
	"strconv"

	"github.com/isms-project/isms/internal/finding"
)

// Body is a document's rendered Markdown and what was found in it.
type Body struct {
	html     []byte    // with placeholders for refs
	Refs     []Ref     // indexed by placeholder number
	Files    []File    // files next to the documents that the body links to
	Headings []Heading // level-2 and level-3 headings, for a table of contents (level 1 when a body has only those)
	Anchors  []string  // every anchor a link may point at: heading IDs, their GitHub forms, ids in allowed raw HTML
	Sections []Section // plain text by heading, for search
}

// Heading is an entry of a document's table of contents.
type Heading struct {
	Level    int
	ID, Text string
}

// Section is the plain text under one heading (the first one under none).
//
// Text keeps the line breaks of the file: each '\n' in it is a line break
// of the source (white space within a line is one space), so that the
// line of a passage is Line plus the line breaks before it.
type Section struct {
	Heading, Anchor, Text string
	Line                  int // file line where Text starts (the heading's line when Text is empty)
}

type RefKind int

const (
	RefWiki      RefKind = iota // [[target]] or [[target|text]]
	RefLinkOpen                 // start of a Markdown link to a .md file
	RefLinkClose                // its end
)

// Ref is a reference in the body that resolution fills in.
type Ref struct {
	Kind     RefKind
	Target   string // as written for wiki refs; a site path for links
	Fragment string // links: the #fragment, without '#'
	Text     string // wiki refs: own link text, if given
	Title    string // links: the title attribute, if given
	At       finding.Loc
}

// File is a link or image to a file next to the documents: an
// attachment the build copies when it exists.
type File struct {
	Path string // site-relative
	At   finding.Loc
}

// placeholder appends the placeholder for ref i.
func placeholder(b []byte, i int) []byte {
	b = append(b, 0)
	b = strconv.AppendInt(b, int64(i), 10)
	return append(b, 0)
}

// fill writes the body's HTML with each placeholder replaced by what
// expand returns for its reference.
func (b *Body) Fill(w *bytes.Buffer, expand func(w *bytes.Buffer, i int, ref *Ref)) {
	html := b.html
	for {
		i := bytes.IndexByte(html, 0)
		if i < 0 {
			w.Write(html)
			return
		}
		w.Write(html[:i])
		html = html[i+1:]
		j := bytes.IndexByte(html, 0)
		n, err := strconv.Atoi(string(html[:j]))
		html = html[j+1:]
		if err == nil && n < len(b.Refs) {
			expand(w, n, &b.Refs[n])
		}
	}
}

// rootMark stands for the relative path from the page that shows a body
// to the site root, in the address of a file the body links: a body is
// rendered once and may be shown on pages at any depth (a document's page,
// the handbook). FillAt puts the path in.
const rootMark = "isms-root:"

// FillAt is Fill for a body shown on a page whose path to the site root is
// root ("../../" for docs/ID/index.html): the links to files next to the
// documents are made relative to that page.
func (b *Body) FillAt(w *bytes.Buffer, root string, expand func(w *bytes.Buffer, i int, ref *Ref)) {
	if len(b.Files) == 0 {
		b.Fill(w, expand)
		return
	}
	start := w.Len()
	b.Fill(w, expand)
	filled := bytes.ReplaceAll(w.Bytes()[start:], []byte(`="`+rootMark), []byte(`="`+root))
	w.Truncate(start)
	w.Write(filled)
}
