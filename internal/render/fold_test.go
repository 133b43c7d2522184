package render

import (
	"bytes"
	"html/template"
	"slices"
	"testing"
	"text/template/parse"
)

// TestFoldStrings: in each language's templates, {{t "key"}} in HTML text
// and in quoted attributes becomes the string itself when escaping leaves
// it as it is; elsewhere it stays a call. The pages print the same either
// way.
func TestFoldStrings(t *testing.T) {
	const content = `{{define "content"}}<p>{{t "plain"}}</p>` +
		`<p title="{{t "plain"}}">{{t "amp"}}</p>` + // escaped: R&amp;D
		`<a href="{{t "url"}}">x</a>` + // a URL: a%20b
		`<p class={{t "plain"}}>{{t "missing"}}</p>` + // unquoted; the key itself
		`{{if .}}{{t "plain"}}{{end}}` + // in a branch
		`{{end}}`
	parseSet := func() *template.Template {
		tmpl := template.New("home").Funcs(templateFuncs)
		template.Must(tmpl.New("base.html").Parse(`<!doctype html>{{template "content" .}}`))
		template.Must(tmpl.New("page.html").Parse(content))
		return tmpl
	}
	th := &Theme{pages: map[string]*template.Template{"home": parseSet()}, strings: map[string]map[string]string{
		"en": {"plain": "Owner", "amp": "R&D", "url": "a b"},
		"nb": {"plain": "Eier", "url": "a b"},
	}}
	for lang, want := range map[string]string{
		"nb": `<!doctype html><p>Eier</p><p title="Eier">R&amp;D</p><a href="a%20b">x</a><p class=Eier>missing</p>Eier`,
		"en": `<!doctype html><p>Owner</p><p title="Owner">R&amp;D</p><a href="a%20b">x</a><p class=Owner>missing</p>Owner`,
	} {
		set := th.inLanguage(lang)
		var got bytes.Buffer
		if err := set.pages["home"].ExecuteTemplate(&got, "base.html", true); err != nil {
			t.Fatal(err)
		}
		if got.String() != want {
			t.Errorf("%s: folded templates print\n%s\nwant\n%s", lang, got.String(), want)
		}
		// The same templates unfolded print the same.
		plain := template.Must(parseSet().Clone()).Funcs(template.FuncMap{"t": func(key string) string { return th.text(lang, key) }})
		var unfolded bytes.Buffer
		if err := plain.ExecuteTemplate(&unfolded, "base.html", true); err != nil {
			t.Fatal(err)
		}
		if unfolded.String() != want {
			t.Errorf("%s: unfolded templates print\n%s\nwant\n%s", lang, unfolded.String(), want)
		}
		var calls []string
		walkActions(set.pages["home"].Lookup("content").Tree.Root, func(a *parse.ActionNode) {
			calls = append(calls, a.Pipe.Cmds[0].String())
		})
		if wantCalls := []string{`t "amp"`, `t "url"`, `t "plain"`}; !slices.Equal(calls, wantCalls) {
			t.Errorf("%s: calls left %q, want %q", lang, calls, wantCalls)
		}
	}
	if th.inLanguage("nb") != th.inLanguage("nb") {
		t.Error("a language's templates are made again")
	}
}

// TestFoldStringsTheme: the default theme's pages print most of their
// strings as text.
func TestFoldStringsTheme(t *testing.T) {
	var themes ThemeCache
	th, err := themes.Load(mustThemeFS(t), "", false)
	if err != nil {
		t.Fatal(err)
	}
	set := th.inLanguage("nb")
	walkActions(set.pages["risk"].Lookup("content").Tree.Root, func(a *parse.ActionNode) {
		if len(a.Pipe.Cmds[0].Args) == 2 && a.Pipe.Cmds[0].Args[0].String() == "t" {
			if _, literal := a.Pipe.Cmds[0].Args[1].(*parse.StringNode); literal {
				t.Errorf("risk.html still calls %s", a.Pipe.Cmds[0])
			}
		}
	})
	if th.pages["risk"].Lookup("content").Tree == set.pages["risk"].Lookup("content").Tree {
		t.Error("the language's templates share the parsed ones' trees")
	}
}

// walkActions calls fn with each action of a template's list, in order.
func walkActions(list *parse.ListNode, fn func(*parse.ActionNode)) {
	eachNode(list, func(list *parse.ListNode, i int) {
		if a, ok := list.Nodes[i].(*parse.ActionNode); ok {
			fn(a)
		}
	})
}
