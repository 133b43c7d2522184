package render

import (
	"html/template"
	"io"
	"strings"
	"sync"
	"text/template/parse"
)

// The theme's templates print their interface strings with the template
// function t: {{t "risks.owner"}}. The string depends on the key and the
// site's language only, so each language gets its own copy of the
// templates (Theme.inLanguage) in which every {{t "key"}} that a page
// reaches through base.html and that prints a string in HTML text or a
// quoted attribute is replaced by the text itself, once html/template has
// escaped the templates: a page then writes it like the text around it.
// A risk's page prints some thirty of them; each would cost a function
// call and an escaper call on every page.

// themeSet is the theme's templates for one interface language.
type themeSet struct {
	pages map[string]*template.Template // by page name, as Theme.pages
}

// inLanguage returns the theme's templates for lang, made on first use.
func (t *Theme) inLanguage(lang string) *themeSet {
	t.setsMu.Lock()
	defer t.setsMu.Unlock()
	if s, ok := t.sets[lang]; ok {
		return s
	}
	s := &themeSet{pages: make(map[string]*template.Template, len(t.pages))}
	text := func(key string) string { return t.text(lang, key) }
	for name, src := range t.pages {
		// The parsed templates are never executed, so they can be cloned.
		tmpl := template.Must(src.Clone()).Funcs(template.FuncMap{"t": text})
		escape(tmpl)
		for _, each := range tmpl.Templates() {
			if each.Tree != nil {
				foldStrings(each.Tree.Root, text)
			}
		}
		s.pages[name] = tmpl
	}
	if t.sets == nil {
		t.sets = map[string]*themeSet{}
	}
	t.sets[lang] = s
	return s
}

// escape makes html/template escape a page's templates now, as executing
// them would: base.html and all it calls. Executing with no data stops at
// the first value it needs; the output and the error are of no use. The
// partials a page executes on their own (Page.Shared, the kept rows) are
// escaped when first executed, as before, and keep their calls of t:
// escaping one of them here, out of the context its callers give it,
// could change how a partial it calls is escaped.
func escape(tmpl *template.Template) {
	tmpl.ExecuteTemplate(io.Discard, "base.html", nil)
}

// foldStrings replaces, in the escaped template list, each action
// {{t "key"}} whose escaping leaves its string as it is by that string.
func foldStrings(list *parse.ListNode, text func(string) string) {
	eachNode(list, func(list *parse.ListNode, i int) {
		if a, ok := list.Nodes[i].(*parse.ActionNode); ok {
			if s, ok := constantString(a.Pipe, text); ok {
				list.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: a.Pos, Text: []byte(s)}
			}
		}
	})
}

// eachNode calls fn with each node of a template's list and of the lists
// of its if, range and with, by its list and place in it: fn may replace
// the node.
func eachNode(list *parse.ListNode, fn func(list *parse.ListNode, i int)) {
	if list == nil {
		return
	}
	for i, n := range list.Nodes {
		fn(list, i)
		switch n := n.(type) {
		case *parse.IfNode:
			eachNode(n.List, fn)
			eachNode(n.ElseList, fn)
		case *parse.RangeNode:
			eachNode(n.List, fn)
			eachNode(n.ElseList, fn)
		case *parse.WithNode:
			eachNode(n.List, fn)
			eachNode(n.ElseList, fn)
		case *parse.ListNode:
			eachNode(n, fn)
		}
	}
}

// constantString reports the text an escaped pipeline prints when it is
// t with a literal key, followed by html/template's escaper for HTML text
// or for a quoted attribute value and nothing else, and that escaper
// leaves the text as it is.
func constantString(pipe *parse.PipeNode, text func(string) string) (string, bool) {
	if pipe == nil || len(pipe.Decl) > 0 || len(pipe.Cmds) < 2 {
		return "", false
	}
	call := pipe.Cmds[0].Args
	if len(call) != 2 {
		return "", false
	}
	fn, ok := call[0].(*parse.IdentifierNode)
	if !ok || fn.Ident != "t" {
		return "", false
	}
	key, ok := call[1].(*parse.StringNode)
	if !ok {
		return "", false
	}
	for _, c := range pipe.Cmds[1:] {
		if len(c.Args) != 1 {
			return "", false
		}
		esc, ok := c.Args[0].(*parse.IdentifierNode)
		if !ok || (esc.Ident != "_html_template_htmlescaper" && esc.Ident != "_html_template_attrescaper") {
			return "", false
		}
	}
	s := text(key.Text)
	return s, unescaped(s)
}

// unescapedCheck prints its data as HTML text and as a quoted attribute
// value: unescaped asks it whether escaping changes a string.
var (
	unescapedCheck = template.Must(template.New("").Parse(`{{.}}<p title="{{.}}">`))
	unescapedMemo  sync.Map // string → bool
)

// unescaped reports whether html/template prints s unchanged in HTML text
// and in a quoted attribute value.
func unescaped(s string) bool {
	if v, ok := unescapedMemo.Load(s); ok {
		return v.(bool)
	}
	var b strings.Builder
	same := unescapedCheck.Execute(&b, s) == nil && b.String() == s+`<p title="`+s+`">`
	unescapedMemo.Store(s, same)
	return same
}
