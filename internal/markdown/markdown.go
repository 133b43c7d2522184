package markdown

import (
	"bytes"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/isms-project/isms/internal/finding"
	"github.com/isms-project/isms/internal/urls"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// buffers are reused across documents and pages: a 10,000-document build
// would otherwise grow a fresh buffer for each.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// markdown converts document bodies. It holds one goldmark instance per
// quotation style: Norwegian text gets «guillemets», English “quotes”.
type Renderer struct {
	nb, en   goldmark.Markdown
	unsafe   bool
	sections bool // keep the text by section (the search index needs it)
}

func NewRenderer(unsafeHTML, sections bool) *Renderer {
	quotes := extension.TypographicSubstitutions{
		extension.LeftDoubleQuote:  []byte("&laquo;"),
		extension.RightDoubleQuote: []byte("&raquo;"),
	}
	return &Renderer{
		nb:       newGoldmark(unsafeHTML, extension.WithTypographicSubstitutions(quotes)),
		en:       newGoldmark(unsafeHTML),
		unsafe:   unsafeHTML,
		sections: sections,
	}
}

func newGoldmark(unsafeHTML bool, typo ...extension.TypographerOption) goldmark.Markdown {
	rendererOptions := []renderer.Option{
		renderer.WithNodeRenderers(util.Prioritized(&bodyRenderer{unsafe: unsafeHTML}, 100)),
	}
	if unsafeHTML {
		rendererOptions = append(rendererOptions, html.WithUnsafe())
	}
	return goldmark.New(
		goldmark.WithExtensions(
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
			extension.Strikethrough,
			extension.Linkify,
			extension.TaskList,
			extension.Footnote,
			extension.NewTypographer(typo...),
			references{},
		),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(rendererOptions...),
	)
}

// Render parses and renders Markdown text that is not a whole page (a
// risk's description). bodyLine is the file line the text starts on, so
// that findings point into the file.
func (m *Renderer) Render(path, lang string, src []byte, bodyLine int, r *finding.Report) *Body {
	return m.render(path, lang, "", src, bodyLine, r, false)
}

// RenderDocument parses and renders a document's body, which its page
// shows under title: a first heading that repeats the title is left out,
// and links to #anchors the body does not have are findings.
func (m *Renderer) RenderDocument(path, lang, title string, src []byte, bodyLine int, r *finding.Report) *Body {
	return m.render(path, lang, title, src, bodyLine, r, true)
}

func (m *Renderer) render(path, lang, title string, src []byte, bodyLine int, r *finding.Report, page bool) *Body {
	md := m.nb
	if lang == "en" {
		md = m.en
	}
	ctx := parser.NewContext(parser.WithIDs(&headingIDs{seen: map[string]int{}}))
	root := md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	buf := buffers.Get().(*bytes.Buffer)
	defer buffers.Put(buf)
	buf.Reset()
	w := &bodyWalker{path: path, src: src, lines: newLineIndex(src, bodyLine), r: r, unsafe: m.unsafe, body: &Body{}, text: buf, keepText: m.sections}
	if page {
		dropTitle(root, src, title)
	}
	w.githubAnchors(root)
	w.checkPlaceholders(root)
	_ = ast.Walk(root, w.visit)
	w.endSection()
	w.contents()
	if page {
		w.checkLocalLinks()
	}
	buf.Reset()
	if err := md.Renderer().Render(buf, src, root); err != nil {
		r.Errorf(finding.Loc{Line: bodyLine, Col: 1}, "rendering the body failed: %v", err)
	}
	w.body.html = bytes.Clone(buf.Bytes())
	return w.body
}

// lineIndex turns byte offsets of the body into file positions.
type lineIndex struct {
	src    []byte
	starts []int
	first  int
}

func newLineIndex(src []byte, first int) lineIndex {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return lineIndex{src, starts, first}
}

// line is the file line of byte offset off of the body.
func (li lineIndex) line(off int) int {
	i, found := slices.BinarySearch(li.starts, min(max(off, 0), len(li.src)))
	if !found {
		i--
	}
	return li.first + i
}

func (li lineIndex) loc(off int) finding.Loc {
	off = min(max(off, 0), len(li.src))
	n, lo, hi := 0, 0, len(li.starts)
	for lo < hi {
		mid := (lo + hi) / 2
		if li.starts[mid] <= off {
			n, lo = mid, mid+1
		} else {
			hi = mid
		}
	}
	return finding.Loc{Line: li.first + n, Col: utf8.RuneCount(li.src[li.starts[n]:off]) + 1}
}

// bodyWalker visits a parsed body once: it numbers the references, points
// local links at their output, checks links, and gathers the headings and
// the text by section.
type bodyWalker struct {
	path   string // the document's site path
	src    []byte
	lines  lineIndex
	r      *finding.Report
	unsafe bool
	body   *Body

	section  Section
	text     *bytes.Buffer // the current section's text
	textLine int           // the file line the end of text is on
	keepText bool

	titles []Heading   // level-1 headings, the contents when there are no others
	local  []localLink // links to anchors on the page
}

// contents lists the level-1 headings for the table of contents when the
// body has several and no level-2 ones: such a body is divided by them.
func (w *bodyWalker) contents() {
	if len(w.titles) < 2 {
		return
	}
	for _, h := range w.body.Headings {
		if h.Level == 2 {
			return
		}
	}
	w.body.Headings = w.titles
}

func (w *bodyWalker) visit(n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		if n.Type() == ast.TypeBlock {
			w.space()
		}
		return ast.WalkContinue, nil
	}
	switch n := n.(type) {
	case *ast.Heading:
		w.endSection()
		id, _ := n.AttributeString("id")
		idText, _ := id.([]byte)
		title := strings.TrimSpace(plainText(n, w.src))
		w.section = Section{Heading: title, Anchor: string(idText)}
		if w.keepText {
			off := n.Pos()
			if n.Lines().Len() > 0 {
				off = n.Lines().At(0).Start
			}
			w.section.Line = w.lines.line(off)
		}
		switch n.Level {
		case 1:
			w.titles = append(w.titles, Heading{Level: 1, ID: string(idText), Text: title})
		case 2, 3:
			w.body.Headings = append(w.body.Headings, Heading{Level: n.Level, ID: string(idText), Text: title})
		}
		return ast.WalkSkipChildren, nil
	case *wikiRef:
		n.index = len(w.body.Refs)
		w.body.Refs = append(w.body.Refs, Ref{Kind: RefWiki, Target: n.target, Text: n.text, At: w.lines.loc(n.offset)})
		w.at(n.offset)
		w.write(n.target)
		if n.text != "" {
			w.write(" " + n.text)
		}
	case *ast.Link:
		w.link(n, n.Destination, n.Title, true)
	case *ast.Image:
		w.link(n, n.Destination, n.Title, false)
	case *ast.AutoLink:
		if IsScriptURL(string(n.URL(w.src))) {
			w.r.Errorf(w.lines.loc(n.Pos()), "link with a script URL (%s) is not allowed", n.URL(w.src))
		}
		w.at(n.Pos())
		w.write(string(n.Label(w.src)))
	case *ast.RawHTML:
		if !w.unsafe {
			if n.Segments.Len() > 0 {
				w.warnRawHTML(text.NewSegment(n.Segments.At(0).Start, n.Segments.At(n.Segments.Len()-1).Stop))
			}
			return ast.WalkSkipChildren, nil
		}
		for i := 0; i < n.Segments.Len(); i++ {
			w.checkRawHTML(n.Segments.At(i))
			w.rawHTMLAnchors(n.Segments.At(i))
		}
		return ast.WalkSkipChildren, nil
	case *ast.HTMLBlock:
		if !w.unsafe {
			if n.Lines().Len() > 0 {
				w.warnRawHTML(n.Lines().At(0))
			}
			return ast.WalkSkipChildren, nil
		}
		for i := 0; i < n.Lines().Len(); i++ {
			w.checkRawHTML(n.Lines().At(i))
			w.rawHTMLAnchors(n.Lines().At(i))
		}
		return ast.WalkSkipChildren, nil
	case *ast.Text:
		w.at(n.Segment.Start)
		w.write(string(n.Segment.Value(w.src)))
		if n.SoftLineBreak() || n.HardLineBreak() {
			w.space()
		}
	case *ast.String:
		w.write(string(n.Value))
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		for i := 0; i < n.Lines().Len(); i++ {
			line := n.Lines().At(i)
			w.at(line.Start)
			w.write(string(line.Value(w.src)))
		}
		return ast.WalkSkipChildren, nil
	}
	return ast.WalkContinue, nil
}

func (w *bodyWalker) write(s string) {
	if w.keepText {
		w.text.WriteString(s)
		w.textLine += strings.Count(s, "\n")
	}
}

// at is called before writing the text found at byte offset off of the
// body: the section's first text sets its Line, later text on a later
// line gets the line breaks in between, so that the text keeps the
// source's lines.
func (w *bodyWalker) at(off int) {
	if !w.keepText {
		return
	}
	line := w.lines.line(off)
	if w.text.Len() == 0 {
		w.section.Line, w.textLine = line, line
		return
	}
	for ; w.textLine < line; w.textLine++ {
		w.text.WriteByte('\n')
	}
}

func (w *bodyWalker) space() {
	if w.keepText && w.text.Len() > 0 {
		w.text.WriteByte(' ')
	}
}

func (w *bodyWalker) endSection() {
	s := w.section
	s.Text = collapseSpace(w.text.Bytes())
	if s.Text != "" || s.Heading != "" {
		w.body.Sections = append(w.body.Sections, s)
	}
	w.text.Reset()
}

// collapseSpace turns each run of white space into one space, or into
// its line breaks when it holds any, and trims the ends.
func collapseSpace(s []byte) string {
	var b strings.Builder
	b.Grow(len(s))
	breaks, space := 0, false // in the current run of white space
	for i := 0; i < len(s); {
		// A run of characters that are not white space is copied at once.
		j := i
		for j < len(s) {
			isSpace, size := spaceAt(s, j)
			if isSpace {
				break
			}
			j += size
		}
		if j > i {
			if b.Len() > 0 && breaks > 0 {
				for range breaks {
					b.WriteByte('\n')
				}
			} else if b.Len() > 0 && space {
				b.WriteByte(' ')
			}
			breaks, space = 0, false
			b.Write(s[i:j])
			i = j
			continue
		}
		_, size := spaceAt(s, i)
		space = true
		if s[i] == '\n' {
			breaks++
		}
		i += size
	}
	return b.String()
}

// spaceAt reports whether the character at s[i] is white space, and its size.
func spaceAt(s []byte, i int) (bool, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v', 1
	}
	r, size := utf8.DecodeRune(s[i:])
	return unicode.IsSpace(r), size
}

func (w *bodyWalker) checkRawHTML(seg text.Segment) {
	v := bytes.ToLower(seg.Value(w.src))
	if i := bytes.Index(v, []byte("javascript:")); i >= 0 {
		w.r.Errorf(w.lines.loc(seg.Start+i), "raw HTML with a javascript: URL is not allowed")
	}
}

// link handles a Markdown link or image: script URLs are errors, links to
// .md files become references to documents, other local files become
// attachments copied next to the site's pages.
func (w *bodyWalker) link(n ast.Node, dest, title []byte, isLink bool) {
	at := w.lines.loc(n.Pos())
	d := string(dest)
	if IsScriptURL(d) {
		w.r.Errorf(at, "link with a script URL (%s) is not allowed", d)
		return
	}
	if frag, ok := localFragment(d); ok && isLink {
		w.local = append(w.local, localLink{frag, at})
		return
	}
	u, err := url.Parse(d)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" || u.Path == "" || strings.HasPrefix(u.Path, "/") {
		return // an address, an anchor on this page, or a site-absolute path: left as written
	}
	target := path.Join(path.Dir(w.path), u.Path)
	if target == ".." || strings.HasPrefix(target, "../") {
		w.r.Errorf(at, "link %q leaves the site folder", d)
		return
	}
	if isLink && strings.HasSuffix(strings.ToLower(target), ".md") {
		i := len(w.body.Refs)
		w.body.Refs = append(w.body.Refs,
			Ref{Kind: RefLinkOpen, Target: target, Fragment: u.Fragment, Title: string(title), At: at},
			Ref{Kind: RefLinkClose, Target: target, At: at})
		n.SetAttributeString(refAttribute, i)
		return
	}
	w.body.Files = append(w.body.Files, File{Path: target, At: at})
	out := rootMark + (&url.URL{Path: urls.Attachment(target), Fragment: u.Fragment, RawQuery: u.RawQuery}).String()
	switch n := n.(type) {
	case *ast.Link:
		n.Destination = []byte(out)
	case *ast.Image:
		n.Destination = []byte(out)
	}
}

// refAttribute marks a link node whose href is a placeholder.
const refAttribute = "isms-ref"

// plainText returns the text of a node's inline children.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if s, ok := t.(*ast.Text); ok {
					b.Write(s.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *wikiRef:
			if c.text != "" {
				b.WriteString(c.text)
			} else {
				b.WriteString(c.target)
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// headingIDs makes heading anchors that keep non-ASCII letters
// (tilgang-på-kontoret, not tilgang-p-kontoret), unique within a page.
type headingIDs struct{ seen map[string]int }

func (h *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	var b []byte
	dash := false
	for _, r := range string(value) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && len(b) > 0 {
				b = append(b, '-')
			}
			dash = false
			b = utf8.AppendRune(b, unicode.ToLower(r))
		} else {
			dash = true
		}
	}
	if len(b) == 0 {
		b = []byte("section")
	}
	id := string(b)
	if n := h.seen[id]; n > 0 {
		for {
			n++
			candidate := id + "-" + strconv.Itoa(n)
			if h.seen[candidate] == 0 {
				h.seen[id] = n
				id = candidate
				break
			}
		}
	}
	h.seen[id]++
	return []byte(id)
}

func (h *headingIDs) Put(value []byte) { h.seen[string(value)]++ }

// bodyRenderer renders what the default renderer would get wrong here:
// references and document links as placeholders, and raw HTML as visible
// text unless the site allows it.
type bodyRenderer struct{ unsafe bool }

func (r *bodyRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindWikiRef, r.renderWikiRef)
	reg.Register(kindAnchor, renderAnchor)
	reg.Register(ast.KindLink, r.renderLink)
	reg.Register(ast.KindAutoLink, r.renderAutoLink)
	if !r.unsafe {
		reg.Register(ast.KindRawHTML, r.renderRawHTML)
		reg.Register(ast.KindHTMLBlock, r.renderHTMLBlock)
	}
}

func (r *bodyRenderer) renderWikiRef(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.Write(placeholder(nil, n.(*wikiRef).index))
	}
	return ast.WalkSkipChildren, nil
}

func (r *bodyRenderer) renderLink(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if v, ok := n.AttributeString(refAttribute); ok {
		i := v.(int)
		if !entering {
			i++
		}
		_, _ = w.Write(placeholder(nil, i))
		return ast.WalkContinue, nil
	}
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a href="`)
	dest := util.URLEscape(n.Destination, true)
	if r.unsafe || !html.IsDangerousURL(dest) {
		_, _ = w.Write(util.EscapeHTML(dest))
	}
	_ = w.WriteByte('"')
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		_, _ = w.Write(util.EscapeHTML(n.Title))
		_ = w.WriteByte('"')
	}
	if external(dest) {
		_, _ = w.WriteString(externalRel)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

// externalRel goes on links that leave the site: the page they open gets
// no handle on this one, and no Referer naming an intranet address.
const externalRel = ` rel="noopener noreferrer"`

// external reports whether a link's address leaves the site.
func external(dest []byte) bool {
	d := bytes.ToLower(dest)
	return bytes.HasPrefix(d, []byte("http://")) || bytes.HasPrefix(d, []byte("https://")) || bytes.HasPrefix(d, []byte("//"))
}

// renderAutoLink writes a bare address in the text (www.example.org,
// https://…) as a link, as goldmark does, with externalRel.
func (r *bodyRenderer) renderAutoLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.AutoLink)
	if !entering {
		return ast.WalkContinue, nil
	}
	url := n.URL(src)
	label := n.Label(src)
	if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(url), []byte("mailto:")) {
		url = append([]byte("mailto:"), url...)
	}
	dest := util.URLEscape(url, false)
	_, _ = w.WriteString(`<a href="`)
	if r.unsafe || !html.IsDangerousURL(dest) {
		_, _ = w.Write(util.EscapeHTML(dest))
	}
	_ = w.WriteByte('"')
	if external(dest) {
		_, _ = w.WriteString(externalRel)
	}
	_ = w.WriteByte('>')
	_, _ = w.Write(util.EscapeHTML(label))
	_, _ = w.WriteString("</a>")
	return ast.WalkContinue, nil
}

func (r *bodyRenderer) renderRawHTML(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		n := node.(*ast.RawHTML)
		_, _ = w.WriteString(`<code class="raw-html">`)
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			_, _ = w.Write(util.EscapeHTML(seg.Value(src)))
		}
		_, _ = w.WriteString(`</code>`)
	}
	return ast.WalkSkipChildren, nil
}

func (r *bodyRenderer) renderHTMLBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		n := node.(*ast.HTMLBlock)
		_, _ = w.WriteString(`<pre class="raw-html"><code>`)
		for i := 0; i < n.Lines().Len(); i++ {
			line := n.Lines().At(i)
			_, _ = w.Write(util.EscapeHTML(line.Value(src)))
		}
		if n.HasClosure() {
			_, _ = w.Write(util.EscapeHTML(n.ClosureLine.Value(src)))
		}
		_, _ = w.WriteString("</code></pre>\n")
	}
	return ast.WalkSkipChildren, nil
}

// IsScriptURL reports whether a link would run a script when followed.
func IsScriptURL(u string) bool {
	u = strings.ToLower(strings.TrimLeftFunc(u, func(r rune) bool { return r <= ' ' }))
	u = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, u)
	return strings.HasPrefix(u, "javascript:") || strings.HasPrefix(u, "vbscript:")
}
