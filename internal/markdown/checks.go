package markdown

// Checks for Markdown written for other renderers (GitHub, wikis, word
// processors exported to Markdown): raw HTML that this site shows as text,
// placeholders left unfilled, and links to anchors that no heading has.
// Headings also get the anchor GitHub would give them, so that links
// written for GitHub keep working.

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/isms-project/isms/internal/finding"
	"github.com/isms-project/isms/internal/words"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// HasAnchor reports whether a link to #id lands in the body: a heading's
// anchor, the anchor GitHub gives it, an id in raw HTML the site lets
// through, or "top" (which browsers take as the top of the page).
func (b *Body) HasAnchor(id string) bool {
	return id == "" || id == "top" || slices.Contains(b.Anchors, id)
}

// SuggestAnchor names the anchors nearest a mistyped one, for a message:
// " (did you mean #a?)", or "" when none is near.
func (b *Body) SuggestAnchor(id string) string {
	best, bestDist := []string(nil), max(3, utf8.RuneCountInString(id)/4)
	for _, a := range b.Anchors {
		switch d := words.Distance(strings.ToLower(id), a); {
		case d < bestDist:
			best, bestDist = []string{"#" + a}, d
		case d == bestDist:
			best = append(best, "#"+a)
		}
	}
	if len(best) == 0 || len(best) > 3 {
		return ""
	}
	return " (did you mean " + strings.Join(best, " or ") + "?)"
}

// githubSlug is the anchor GitHub gives a heading with this text: lower
// case, punctuation and symbols dropped, each space a hyphen ("7.1 Review
// schedule" is 71-review-schedule, where headingIDs makes
// 7-1-review-schedule).
func githubSlug(title string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(title) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// githubAnchors gives each heading whose GitHub anchor differs from its
// own an empty element with the GitHub one, and lists every anchor of the
// body in Anchors. GitHub numbers repeated slugs -1, -2…
func (w *bodyWalker) githubAnchors(root ast.Node) {
	var headings []*ast.Heading
	own := map[string]bool{}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		headings = append(headings, h)
		if id, ok := h.AttributeString("id"); ok {
			if b, ok := id.([]byte); ok {
				own[string(b)] = true
				w.body.Anchors = append(w.body.Anchors, string(b))
			}
		}
		return ast.WalkSkipChildren, nil
	})
	occurrences := map[string]int{}
	for _, h := range headings {
		slug := githubSlug(strings.TrimSpace(plainText(h, w.src)))
		first := slug
		for {
			if _, dup := occurrences[slug]; !dup {
				break
			}
			occurrences[first]++
			slug = fmt.Sprintf("%s-%d", first, occurrences[first])
		}
		occurrences[slug] = 0
		if slug == "" || own[slug] {
			continue
		}
		own[slug] = true
		h.InsertBefore(h, h.FirstChild(), &anchor{id: slug})
		w.body.Anchors = append(w.body.Anchors, slug)
	}
}

var kindAnchor = ast.NewNodeKind("Anchor")

// anchor is an empty element with an id: a second anchor for a heading.
type anchor struct {
	ast.BaseInline
	id string
}

func (n *anchor) Kind() ast.NodeKind { return kindAnchor }

func (n *anchor) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"ID": n.id}, nil)
}

func renderAnchor(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<span id="`)
		_, _ = w.Write(util.EscapeHTML([]byte(n.(*anchor).id)))
		_, _ = w.WriteString(`"></span>`)
	}
	return ast.WalkSkipChildren, nil
}

var _ renderer.NodeRendererFunc = renderAnchor

// dropTitle removes the body's first heading when it is a level-1 heading
// that repeats the document's title (front matter title, compared without
// regard to case and spacing) and nothing comes before it: the page shows
// the title already.
func dropTitle(root ast.Node, src []byte, title string) {
	h, ok := root.FirstChild().(*ast.Heading)
	if !ok || h.Level != 1 || title == "" {
		return
	}
	if sameText(plainText(h, src), title) {
		root.RemoveChild(root, h)
	}
}

func sameText(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// localLink is a link to an anchor of the same body.
type localLink struct {
	fragment string
	at       finding.Loc
}

// checkLocalLinks warns about links to anchors the body does not have.
func (w *bodyWalker) checkLocalLinks() {
	for _, l := range w.local {
		if !w.body.HasAnchor(l.fragment) {
			w.r.Warnf(l.at, "link to #%s: no heading here has that anchor%s; link to a heading's anchor (shown by its contents entry)", l.fragment, w.body.SuggestAnchor(l.fragment))
		}
	}
}

// localFragment is the #fragment of a link that stays on the page, or
// false for any other link.
func localFragment(dest string) (string, bool) {
	if !strings.HasPrefix(dest, "#") {
		return "", false
	}
	u, err := url.Parse(dest)
	if err != nil {
		return dest[1:], true
	}
	return u.Fragment, true
}

// htmlID finds id and name attributes in raw HTML.
var htmlID = regexp.MustCompile(`(?i)\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))`)

// rawHTMLAnchors adds the ids raw HTML gives, when the site lets it through.
func (w *bodyWalker) rawHTMLAnchors(seg text.Segment) {
	for _, m := range htmlID.FindAllSubmatch(seg.Value(w.src), -1) {
		w.body.Anchors = append(w.body.Anchors, string(bytes.Join(m[1:], nil)))
	}
}

// warnRawHTML tells that raw HTML shows as text, unless it is a
// placeholder in angle brackets (<Company>) or a closing tag (its opening
// tag was told already).
func (w *bodyWalker) warnRawHTML(seg text.Segment) {
	v := bytes.TrimSpace(seg.Value(w.src))
	if bytes.HasPrefix(v, []byte("</")) {
		return
	}
	line, _, _ := bytes.Cut(v, []byte{'\n'})
	if name, ok := placeholderTag(line); ok {
		w.r.Warnf(w.lines.loc(seg.Start), "placeholder <%s> left in the text: fill it in", name)
		return
	}
	shown := string(line)
	if utf8.RuneCountInString(shown) > 40 {
		shown = string([]rune(shown)[:39]) + "…"
	}
	what := "raw HTML " + shown
	if bytes.HasPrefix(line, []byte("<!--")) {
		what = "HTML comment " + shown
	}
	w.r.Warnf(w.lines.loc(seg.Start), "%s shows as text, since unsafe_html is off; write it in Markdown, or set unsafe_html: true in isms.yaml to let HTML through", what)
}

// placeholderTag reports whether raw HTML is one tag that is no HTML
// element and starts with a capital letter, like <Company> or
// <Organization Name>: a placeholder, not HTML.
func placeholderTag(v []byte) (string, bool) {
	if len(v) < 3 || v[0] != '<' || v[len(v)-1] != '>' || bytes.ContainsAny(v[1:len(v)-1], "<>=\"'/") {
		return "", false
	}
	inner := string(v[1 : len(v)-1])
	name, _, _ := strings.Cut(inner, " ")
	r, _ := utf8.DecodeRuneInString(name)
	if !unicode.IsUpper(r) || htmlElements[strings.ToLower(name)] {
		return "", false
	}
	return inner, true
}

// htmlElements are the names of HTML elements, which are never taken for
// placeholders.
var htmlElements = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Fields(`a abbr address area article aside audio b base bdi bdo blockquote body br button
		canvas caption center cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed
		fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input
		ins kbd label legend li link main map mark math menu meta meter nav noscript object ol optgroup option output
		p param picture pre progress q rp rt ruby s samp script search section select slot small source span strong
		style sub summary sup svg table tbody td template textarea tfoot th thead time title tr track u ul var video wbr`) {
		m[n] = true
	}
	return m
}()

// placeholder matches text in square brackets that reads like a blank to
// fill in: [DATE], [Organization Name], [TBD], [YYYY-MM-DD].
var placeholderText = regexp.MustCompile(`\[(\p{Lu}[\p{L}\p{N} _./&-]{0,58})\]`)

// checkPlaceholders warns about placeholders in the body's text: square
// brackets around words starting with a capital letter that are not a
// link, a reference, a task-list box or a footnote (goldmark makes those
// nodes of their own, so what is left in the text is literal) and not
// escaped (\[DATE\]).
func (w *bodyWalker) checkPlaceholders(root ast.Node) {
	start, stop := -1, -1
	flush := func() {
		if start < 0 {
			return
		}
		run := w.src[start:stop]
		for _, m := range placeholderText.FindAllSubmatchIndex(run, -1) {
			open, end := start+m[0], start+m[1]
			if open > 0 && w.src[open-1] == '\\' || end < len(w.src) && (w.src[end] == '(' || w.src[end] == '[' || w.src[end] == ':') {
				continue
			}
			inner := w.src[start+m[2] : start+m[3]]
			if bytes.HasSuffix(inner, []byte(".")) || bytes.HasSuffix(inner, []byte(" ")) {
				continue
			}
			w.r.Warnf(w.lines.loc(open), "placeholder [%s] left in the text: fill it in (or write \\[%s\\] if the brackets are meant)", inner, inner)
		}
		start, stop = -1, -1
	}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			if n.IsRaw() {
				flush()
				return ast.WalkContinue, nil
			}
			if n.Segment.Start != stop {
				flush()
				start = n.Segment.Start
			}
			stop = n.Segment.Stop
			if n.SoftLineBreak() || n.HardLineBreak() {
				flush()
			}
			return ast.WalkContinue, nil
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *ast.RawHTML, *ast.AutoLink:
			flush()
			return ast.WalkSkipChildren, nil
		}
		flush()
		return ast.WalkContinue, nil
	})
	flush()
}
