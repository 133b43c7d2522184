package markdown

// The [[…]] cross-references of a document body, as a goldmark extension:
// a node kind, an inline parser triggered by '[' that runs before the link
// parser, and (in markdown.go) a renderer function. Resolution against the
// catalogue and the documents happens after all documents are read.

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

var kindWikiRef = ast.NewNodeKind("Reference")

// wikiRef is [[target]] or [[target|own text]].
type wikiRef struct {
	ast.BaseInline
	target string
	text   string
	offset int // byte offset of "[[" in the body
	index  int // placeholder number, set by the body walker
}

func (n *wikiRef) Kind() ast.NodeKind { return kindWikiRef }

func (n *wikiRef) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Target": n.target, "Text": n.text}, nil)
}

type referenceParser struct{}

func (referenceParser) Trigger() []byte { return []byte{'['} }

func (referenceParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, seg := block.PeekLine()
	target, own, n, ok := ParseReference(line)
	if !ok {
		return nil
	}
	block.Advance(n)
	return &wikiRef{target: target, text: own, offset: seg.Start}
}

// ParseReference reads "[[target]]" or "[[target|text]]" at the start of
// line and returns the parts and the bytes consumed. A reference stays on
// one line and its target has no brackets.
func ParseReference(line []byte) (target, own string, n int, ok bool) {
	if !bytes.HasPrefix(line, []byte("[[")) {
		return "", "", 0, false
	}
	end := bytes.Index(line[2:], []byte("]]"))
	if end < 0 {
		return "", "", 0, false
	}
	inner := string(line[2 : 2+end])
	target, own, _ = strings.Cut(inner, "|")
	target, own = strings.TrimSpace(target), strings.TrimSpace(own)
	if target == "" || strings.ContainsAny(target, "[]\n") || strings.ContainsAny(own, "[]") {
		return "", "", 0, false
	}
	return target, own, end + 4, true
}

// references is the goldmark extension for [[…]].
type references struct{}

func (references) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(referenceParser{}, 199)))
}
