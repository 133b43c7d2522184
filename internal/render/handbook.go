package render

// The printable handbook: one page that holds whole documents, for reading
// on paper or saving as PDF from the browser. handbook/index.html has every
// policy in force, handbook/all/index.html every governing document
// (policies, procedures, standards, guidelines and plans). Each starts with
// a title page (organisation, ISMS version, date) and a contents list; in
// print each document starts on a new page (handbook.css).
//
// A document's body is rendered for its own page (docs/ID/index.html); in
// the handbook many bodies share one page, so their element ids get the
// document's prefix, links to a document of the handbook become links
// within the page, headings move down a level under the document's title,
// and links to attached files are made relative to the handbook's page.

import (
	"fmt"
	"hash/maphash"
	"html/template"
	"strings"

	"github.com/isms-project/isms/internal/model"
)

// Handbook is the data of a handbook page.
type Handbook struct {
	Subtitle string          // what it holds: "Policies", "All governing documents"
	Groups   []HandbookGroup // the documents by type, in DocumentTypes order
	Other    Crumb           // the other handbook page

	anchors map[string]string // document ID → the id of its article, for the documents of this page
}

// HandbookGroup is the documents of one type in a handbook.
type HandbookGroup struct {
	Type      string
	Documents []*model.Document
}

// Count is the number of documents in the handbook.
func (h *Handbook) Count() int {
	n := 0
	for _, g := range h.Groups {
		n += len(g.Documents)
	}
	return n
}

// Handbook page paths and what each holds.
const (
	handbookPolicies = "handbook/index.html"
	handbookAll      = "handbook/all/index.html"
)

var handbookTypes = map[string][]string{
	handbookPolicies: {"policy"},
	handbookAll:      {"policy", "procedure", "standard", "guideline", "plan"},
}

// handbookJobs lists the handbook's two pages.
func (b *build) handbookJobs() []pageJob {
	titles := map[string]string{handbookPolicies: b.t("handbook.policies"), handbookAll: b.t("handbook.all")}
	other := map[string]string{handbookPolicies: handbookAll, handbookAll: handbookPolicies}
	var jobs []pageJob
	for _, path := range []string{handbookPolicies, handbookAll} {
		h := b.handbook(handbookTypes[path])
		h.Subtitle = titles[path]
		h.Other = Crumb{titles[other[path]], other[path]}
		jobs = append(jobs, pageJob{lazy: true,
			path:     path,
			template: "handbook",
			deps: func(hash *maphash.Hash) {
				writeUint(hash, b.allMeta) // the contents, and what the documents' metadata shows
				for _, g := range h.Groups {
					for _, d := range g.Documents {
						writeUint(hash, d.Sum)
						if r := b.site.Of(d); r != nil {
							for _, t := range r.Refs { // the titles the body's references show
								hash.WriteString(fmt.Sprint(t))
							}
						}
					}
				}
			},
			page: func() *Page {
				return b.page(path, b.t("handbook.title")+": "+h.Subtitle, "docs", h,
					Crumb{b.t("nav.documents"), "docs/index.html"}, Crumb{b.t("handbook.title"), ""})
			},
		})
	}
	return jobs
}

// handbook collects the documents of the types a handbook holds: those
// published and in force (not retired), without those the build withholds.
func (b *build) handbook(types []string) *Handbook {
	h := &Handbook{anchors: map[string]string{}}
	for _, t := range types {
		g := HandbookGroup{Type: t}
		for _, d := range b.site.TypeGroup(t) {
			if d.Status == "retired" || (d.Withheld && !b.site.Preview) || d.Body == nil {
				continue
			}
			g.Documents = append(g.Documents, d)
			h.anchors[d.ID] = handbookAnchor(d.ID)
		}
		if len(g.Documents) > 0 {
			h.Groups = append(h.Groups, g)
		}
	}
	return h
}

// handbookAnchor is the id of a document's article in a handbook; ids in
// its body get it as a prefix, with "--" between.
func handbookAnchor(id string) string { return "doc-" + id }

// HandbookAnchor is the id of a document's article in the handbook.
func (p *Page) HandbookAnchor(d *model.Document) string { return handbookAnchor(d.ID) }

// HandbookBody is a document's body for a handbook page (see the top of
// the file for what changes from the document's own page).
func (p *Page) HandbookBody(d *model.Document) template.HTML {
	h, _ := p.Data.(*Handbook)
	prefix := handbookAnchor(d.ID) + "--"
	return template.HTML(rewriteBody(string(p.Body(d)), func(name, value string) string {
		switch {
		case name == "id":
			return prefix + value
		case strings.HasPrefix(value, "#"):
			return "#" + prefix + value[1:]
		case h != nil:
			return h.inPage(p, value)
		}
		return value
	}))
}

// rewriteBody moves the headings of a rendered body down a level (h6
// stays) and passes the value of each id, href and src attribute through
// attr. A body is HTML the Markdown renderer wrote, in which text has its
// quotes escaped, so ` href="` only starts an attribute; a plain scan does
// in one pass what would take a regular expression many times longer on a
// large handbook.
func rewriteBody(body string, attr func(name, value string) string) string {
	var b strings.Builder
	b.Grow(len(body) + len(body)/8)
	last := 0
	for k := 0; k < len(body); k++ {
		switch body[k] {
		case '<':
			m := k + 1
			if m < len(body) && body[m] == '/' {
				m++
			}
			if m+1 < len(body) && body[m] == 'h' && body[m+1] >= '1' && body[m+1] <= '6' &&
				(m+2 == len(body) || body[m+2] == ' ' || body[m+2] == '>') {
				b.WriteString(body[last : m+1])
				b.WriteByte(min(body[m+1]+1, '6'))
				last, k = m+2, m+1
			}
		case ' ':
			for _, name := range [...]string{"id", "href", "src"} {
				rest := body[k+1:]
				if len(rest) < len(name)+2 || rest[:len(name)] != name || rest[len(name)] != '=' || rest[len(name)+1] != '"' {
					continue
				}
				start := k + 1 + len(name) + 2
				end := strings.IndexByte(body[start:], '"')
				if end < 0 {
					break
				}
				b.WriteString(body[last:start])
				b.WriteString(attr(name, body[start:start+end]))
				last, k = start+end, start+end
				break
			}
		}
	}
	b.WriteString(body[last:])
	return b.String()
}

// inPage turns a link to the page of a document that the handbook holds
// into a link to its article (or to the id within it).
func (h *Handbook) inPage(p *Page, href string) string {
	target, frag, _ := strings.Cut(href, "#")
	root := p.Root()
	if root == "./" {
		root = ""
	}
	rest, ok := strings.CutPrefix(target, root+"docs/")
	if !ok {
		return href
	}
	id, ok := strings.CutSuffix(rest, "/index.html")
	if !ok {
		return href
	}
	anchor, ok := h.anchors[id]
	if !ok {
		return href
	}
	if frag != "" {
		return "#" + anchor + "--" + frag
	}
	return "#" + anchor
}
