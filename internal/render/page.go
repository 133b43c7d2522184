package render

import (
	"bytes"
	"fmt"
	"html/template"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/isms-project/isms/catalog"
	"github.com/isms-project/isms/internal/markdown"
	"github.com/isms-project/isms/internal/model"
	"github.com/isms-project/isms/internal/risk"
	"github.com/isms-project/isms/internal/suggest"
	"github.com/isms-project/isms/internal/urls"
)

// Page is what a template gets: the site, where the page is, and the
// page's own data. Its methods are the templates' helpers, so that links,
// strings and dates are right for the page without a per-page FuncMap.
type Page struct {
	Site    *model.Site
	Path    string // output path, e.g. docs/POL-01/index.html
	Title   string
	Section string // top-level section, for the navigation
	Lang    string // language of the page's content
	Crumbs  []Crumb
	Data    any

	theme *Theme
	live  bool
	parts *fragments
	risks *risk.RegisterView

	candidates map[string][]suggest.Suggestion // Input.Candidates
	build      *build                          // the render the page is part of
}

// fragments holds the parts of pages rendered once for the pages that
// share them (see Page.Shared).
type fragments struct {
	mu    sync.Mutex
	parts map[string]template.HTML
}

// Shared renders templates/partials/NAME.html — the header, the
// navigation, the footer. The pages of documents, controls and attribute
// values are many, and nothing in these parts marks them as current, so
// they share one rendering per folder depth and section: such a partial may
// use the page's links, strings, section and the site, not the page's own
// data or path.
func (p *Page) Shared(name string) (template.HTML, error) {
	shared := p.parts != nil && strings.Count(p.Path, "/") >= 2 &&
		(strings.HasPrefix(p.Path, "docs/") || strings.HasPrefix(p.Path, "controls/") || strings.HasPrefix(p.Path, "attributes/") || strings.HasPrefix(p.Path, "risks/"))
	if !shared {
		return p.renderPart(name)
	}
	key := name + "|" + p.Root() + "|" + p.Section
	p.parts.mu.Lock()
	defer p.parts.mu.Unlock()
	if html, ok := p.parts.parts[key]; ok {
		return html, nil
	}
	html, err := p.renderPart(name)
	if err == nil {
		p.parts.parts[key] = html
	}
	return html, err
}

func (p *Page) renderPart(name string) (template.HTML, error) {
	var b bytes.Buffer
	if err := p.theme.inLanguage(p.UILang()).pages["home"].ExecuteTemplate(&b, "partials/"+name+".html", p); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// Crumb is a step of the breadcrumb trail.
type Crumb struct{ Title, Path string }

// Root is the relative path from the page to the site root ("./" at the root).
func (p *Page) Root() string { return urls.Rel(p.Path, "") }

// URL is the relative link from the page to a site path.
func (p *Page) URL(target string) string { return urls.Rel(p.Path, target) }

// Is reports whether the page is the one at target (for aria-current).
func (p *Page) Is(target string) bool { return p.Path == target }

// CSS and JS are the links to the theme's bundled assets.
func (p *Page) CSS() string { return p.URL(p.theme.css) }
func (p *Page) JS() string  { return p.URL(p.theme.js) }

// LiveScript is the live-reload client's link when the page is served by
// isms serve, else "".
func (p *Page) LiveScript() string {
	if !p.live {
		return ""
	}
	return "/" + liveScript
}

// UILang is the language of the interface: the site's.
func (p *Page) UILang() string { return p.Site.Config.Language }

// T returns a UI string in the site's language.
func (p *Page) T(key string) string { return p.theme.text(p.UILang(), key) }

// Tf is T with fmt-style arguments.
func (p *Page) Tf(key string, args ...any) string { return fmt.Sprintf(p.T(key), args...) }

// Text returns a catalogue text in the site's language.
func (p *Page) Text(t catalog.Text) string { return t.In(p.UILang()) }

var monthsNB = [...]string{"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"}

// Date writes a date for the site's language: 1. mars 2026, 1 March 2026.
func (p *Page) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if p.UILang() == "en" {
		return t.Format("2 January 2006")
	}
	return fmt.Sprintf("%d. %s %d", t.Day(), monthsNB[t.Month()-1], t.Year())
}

// ISODate writes a date as YYYY-MM-DD (for <time datetime>).
func (p *Page) ISODate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// Links to the site's pages.
func (p *Page) DocURL(d *model.Document) string   { return p.URL(urls.Doc(d.ID)) }
func (p *Page) ControlURL(id string) string       { return p.URL(urls.Control(id)) }
func (p *Page) ClauseURL(id string) string        { return p.URL(urls.Clause(id)) }
func (p *Page) MappingURL(id string) string       { return p.URL(urls.Mapping(id)) }
func (p *Page) AttributeURL(k, v string) string   { return p.URL(urls.Attribute(k, v)) }
func (p *Page) FileURL(sitePath string) string    { return p.URL(urls.Escape(urls.Attachment(sitePath))) }
func (p *Page) TypeName(docType string) string    { return p.T("type." + docType) }
func (p *Page) TypePlural(docType string) string  { return p.T("types." + docType) }
func (p *Page) StatusName(status string) string   { return p.T("status." + status) }
func (p *Page) LevelName(l model.Level) string    { return p.T("level." + l.String()) }
func (p *Page) ClassName(class string) string     { return p.T("class." + class) }
func (p *Page) ThemeName(t *catalog.Theme) string { return p.Text(t.Title) }

// DocumentTypes lists the document types in display order.
func (p *Page) DocumentTypes() []string { return model.DocumentTypes }

// Review says where a document's review stands today: "overdue", "due"
// (within review_warning_days) or "".
func (p *Page) Review(d *model.Document) string { return p.Site.ReviewState(d) }

// Size writes a file size for people: 12 KB, 1.4 MB.
func (p *Page) Size(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		return fmt.Sprintf("%d kB", (n+500)/1000)
	default:
		return strings.Replace(fmt.Sprintf("%.1f MB", float64(n)/1e6), ".", p.T("decimal"), 1)
	}
}

// FileType is a short label for a file: PDF, XLSX, CSV.
func (p *Page) FileType(name string) string {
	return strings.ToUpper(strings.TrimPrefix(path.Ext(name), "."))
}

// Body is a document's body HTML with its references filled in.
func (p *Page) Body(d *model.Document) template.HTML {
	var refs []model.RefTarget
	if res := p.Site.Of(d); res != nil {
		refs = res.Refs
	}
	return p.fillBody(d.Body, refs)
}

// fillBody is rendered Markdown — a document's body, a risk's description,
// the site's introduction — with its references filled in from refs and
// its links to files made relative to this page.
func (p *Page) fillBody(body *markdown.Body, refs []model.RefTarget) template.HTML {
	if body == nil {
		return ""
	}
	b := buffers.Get().(*bytes.Buffer)
	defer buffers.Put(b)
	b.Reset()
	body.FillAt(b, urls.Root(p.Path), func(w *bytes.Buffer, i int, ref *markdown.Ref) {
		var t model.RefTarget
		if i < len(refs) {
			t = refs[i]
		}
		p.writeRef(w, ref, t)
	})
	return template.HTML(b.String())
}

// CSP is the Content-Security-Policy every page carries in a meta element,
// so that a plain static web server gives the same protection as isms
// serve, which also sends it as a header (with frame-ancestors, which a
// meta element cannot carry). Scripts and styles come from the site only:
// the theme has no inline script or style.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"

// CSP is the page's Content-Security-Policy, for its meta element.
func (p *Page) CSP() string { return CSP }

// writeRef writes the HTML for one placeholder.
func (p *Page) writeRef(w *bytes.Buffer, ref *markdown.Ref, t model.RefTarget) {
	esc := template.HTMLEscapeString
	switch ref.Kind {
	case markdown.RefWiki:
		text := t.Text
		if text == "" {
			text = ref.Target
		}
		switch {
		case t.Withheld:
			fmt.Fprintf(w, `<span class="ref ref-withheld">%s %s</span>`, esc(text), p.withheldMark())
		case t.Href == "":
			fmt.Fprintf(w, `<span class="ref ref-plain">%s</span>`, esc(text))
		default:
			fmt.Fprintf(w, `<a class="%s" href="%s" title="%s">%s</a>`, esc(t.Class), esc(p.URL(t.Href)), esc(t.Title), esc(text))
		}
	case markdown.RefLinkOpen:
		switch {
		case t.Withheld:
			w.WriteString(`<span class="ref-withheld">`)
		case t.Href == "":
			w.WriteString(`<span class="ref-plain">`)
		default:
			fmt.Fprintf(w, `<a href="%s"`, esc(p.URL(t.Href)))
			if t.Title != "" {
				fmt.Fprintf(w, ` title="%s"`, esc(t.Title))
			}
			w.WriteByte('>')
		}
	case markdown.RefLinkClose:
		switch {
		case t.Withheld:
			w.WriteString(" " + string(p.withheldMark()) + `</span>`)
		case t.Href == "":
			w.WriteString(`</span>`)
		default:
			w.WriteString(`</a>`)
		}
	}
}

// withheldMark says that a document named here is withheld by this build.
func (p *Page) withheldMark() template.HTML {
	return template.HTML(`<span class="withheld-mark">(` + template.HTMLEscapeString(p.T("withheld.mark")) + `)</span>`)
}

// DocLink is a link to a document's page with its ID and title; a document
// the build withholds shows its ID, marked, without a link or title.
func (p *Page) DocLink(d *model.Document) template.HTML {
	esc := template.HTMLEscapeString
	if d.Withheld && !p.Site.Preview {
		return template.HTML(`<span class="withheld"><span class="id">` + esc(d.ID) + `</span> ` + string(p.withheldMark()) + `</span>`)
	}
	return template.HTML(`<a href="` + esc(p.DocURL(d)) + `"><span class="id">` + esc(d.ID) + `</span> ` + esc(d.Title) + `</a>`)
}

// Hidden reports whether a document is withheld by this build (not a
// preview): the page shows it by ID only.
func (p *Page) Hidden(d *model.Document) bool { return d.Withheld && !p.Site.Preview }

// ClausePath is a clause page's site path (for Is).
func (p *Page) ClausePath(id string) string { return urls.Clause(id) }

// Depth is a clause's depth: 0 for 4–10, 1 for 6.1, 2 for 6.1.3.
func (p *Page) Depth(id string) int { return strings.Count(id, ".") }

// AttributeValue finds an attribute value of a kind by its name.
func (p *Page) AttributeValue(k *catalog.AttributeKind, name string) *catalog.AttributeValue {
	v, _ := p.Site.Catalog.AttributeValue(k.Slug, name)
	return v
}

// Justification renders a control's soa.yaml justification, with its
// [[…]] references as links.
func (p *Page) Justification(c *model.ControlCoverage) template.HTML {
	if c.Applicability == nil {
		return ""
	}
	return p.TextRefs(c.Applicability.Justification, c.Applicability.Refs)
}

// TextRefs renders text from soa.yaml or risks.yaml, escaped, with its
// resolved [[…]] references as links.
func (p *Page) TextRefs(text string, refs []model.RefTarget) template.HTML {
	esc := template.HTMLEscapeString
	var b strings.Builder
	model.EachTextRef(text, refs, func(plain string) { b.WriteString(esc(plain)) }, func(t model.RefTarget) {
		switch {
		case t.Withheld:
			fmt.Fprintf(&b, `<span class="ref-withheld">%s %s</span>`, esc(t.Text), p.withheldMark())
		case t.Href == "":
			b.WriteString(esc(t.Text))
		default:
			fmt.Fprintf(&b, `<a href="%s">%s</a>`, esc(p.URL(t.Href)), esc(t.Text))
		}
	})
	return template.HTML(b.String())
}
