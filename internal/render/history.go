package render

// Each document's controlled history (SPEC §13): on its page the commits
// that changed its file, the version marks and the word-level changes since
// the previous version (and, in the live preview, what is not committed
// yet); changes/ with every document change of the ISMS, in pages of at
// most changesPerPage commits; the overview's "recently changed" by commit
// date. The history comes from internal/history, read by the generator; the
// diffs from internal/worddiff, made when a page is rendered. A document
// the build withholds shows no history anywhere: its commit subjects and
// text would leak.
//
// The lists are long (1,000 documents of 20 commits are 20,000 entries on
// the documents' pages and as many on changes/), so their items are
// written here straight into one buffer rather than by a template: a
// template calls a method through reflection for every field of every
// entry, which took most of the time the history added to a build.

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/isms-project/isms/internal/history"
	"github.com/isms-project/isms/internal/model"
	"github.com/isms-project/isms/internal/urls"
	"github.com/isms-project/isms/internal/worddiff"
)

// History is what a render takes of the site's git history.
type History struct {
	// Log is the history of the site folder's files; nil for none.
	Log *history.History
	// Body returns a document's Markdown body (front matter removed) as the
	// build read it, to compare with earlier texts. It may be called from
	// several goroutines at once.
	Body func(d *model.Document) (string, error)

	// perPage is the most commits a page of changes/ lists; zero means
	// changesPerPage (tests make it small).
	perPage int
	// seed is the render's: a document whose Sum (made with the same seed
	// by the build) is that of its file at HEAD is not read again.
	seed maphash.Seed

	// What one render has worked out, in its own copy (historyPrep).
	committed   int // commits of published documents: what the pages of changes/ share
	uncommitted int // uncommitted changes of published documents: on the first page
	list        struct {
		once    sync.Once
		changes []DocChange // every change of a published document, newest first
	}
	texts struct {
		once sync.Once
		t    *itemTexts
	}
}

// changesPage is the first page of changes/: the newest changes.
const changesPage = "changes/index.html"

// changesPerPage is the most commits one page of changes/ lists (the
// working tree's changes come on top of the first page): about 300 KB.
const changesPerPage = 500

// changesPath is the site path of page n of changes/, 1 being the newest:
// changes/index.html, then changes/page/2/index.html and on.
func changesPath(n int) string {
	if n <= 1 {
		return changesPage
	}
	return "changes/page/" + strconv.Itoa(n) + "/index.html"
}

// historyShown is how many entries a document page shows before the rest
// are folded.
const historyShown = 5

// diffContext is how many unchanged lines are kept around each change.
const diffContext = 2

// waitHistory waits for the history (Input.History), once a render, and
// prepares it for the pages: the render calls it before the pages that
// show the history, and so does a page of another kind that asks for it
// (a theme's own template may). It returns nil without history.
func (b *build) waitHistory() *History {
	b.historyOnce.Do(func() {
		var in *History
		if b.historyIn != nil {
			in = b.historyIn()
		}
		b.historyPrep(in)
	})
	return b.history
}

// historyPrep keeps the history for the pages, counts what changes/ lists
// and makes the stamp of what changes/ and the overview show of it.
func (b *build) historyPrep(in *History) {
	var h maphash.Hash
	h.SetSeed(b.seed)
	if in != nil && in.Log != nil {
		own := &History{Log: in.Log, Body: in.Body, perPage: in.perPage, seed: b.seed}
		if own.perPage <= 0 {
			own.perPage = changesPerPage
		}
		b.history = own
		for _, d := range b.site.Documents {
			if b.hidden(d) {
				continue
			}
			entries := in.Log.Entries(d.Path)
			writeEntries(&h, entries)
			for i := range entries {
				if entries[i].Uncommitted {
					own.uncommitted++
				} else {
					own.committed++
				}
			}
		}
		writeFlags(&h, in.Log.Shallow, in.Log.Unavailable == "")
	}
	b.historyStamp = h.Sum64()
}

// hidden reports whether the build withholds a document.
func (b *build) hidden(d *model.Document) bool { return d.Withheld && !b.site.Preview }

// writeEntries writes what pages show of history entries.
func writeEntries(h *maphash.Hash, entries []history.Entry) {
	writeUint(h, uint64(len(entries)))
	for i := range entries {
		e := &entries[i]
		for _, s := range [...]string{e.Hash, e.ShortHash, e.Path, e.From, e.Author, e.Date, e.Subject,
			string(e.Change), e.Version, e.Approved, e.Approver} {
			h.WriteString(s)
			h.WriteByte(0)
		}
		writeFlags(h, e.Merge, e.Boundary, e.Uncommitted, e.VersionChanged)
	}
}

// writeFlags writes booleans as one byte.
func writeFlags(h *maphash.Hash, flags ...bool) {
	var v byte
	for i, f := range flags {
		if f {
			v |= 1 << i
		}
	}
	h.WriteByte(v)
}

// historyDeps writes what a document's page shows of its history: its
// entries (the earlier texts compared follow from them, the text now from
// the document's own sum).
func (b *build) historyDeps(h *maphash.Hash, d *model.Document) {
	if b.history == nil || b.hidden(d) {
		return
	}
	writeEntries(h, b.history.Log.Entries(d.Path))
	writeFlags(h, b.history.Log.Shallow)
}

// changesPages is the number of pages of changes/: one, even when empty.
func (b *build) changesPages() int {
	if b.history == nil {
		return 1
	}
	per := b.history.perPage
	return max(1, (b.history.committed+per-1)/per)
}

// changesJobs lists the pages of changes/.
func (b *build) changesJobs() []pageJob {
	if b.theme.pages["changes"] == nil {
		return nil
	}
	deps := func(h *maphash.Hash) {
		writeUint(h, b.historyStamp)
		writeUint(h, b.allMeta) // the documents' titles and types
	}
	n := b.changesPages()
	jobs := make([]pageJob, n)
	for i := range jobs {
		page, path := i+1, changesPath(i+1)
		jobs[i] = pageJob{path: path, template: "changes", deps: deps, page: func() *Page {
			title := b.t("changes.title")
			if page == 1 {
				return b.page(path, title, "changes", b.changeLog(page), Crumb{title, ""})
			}
			which := fmt.Sprintf(b.t("changes.page"), page, n)
			return b.page(path, title+" – "+which, "changes", b.changeLog(page), Crumb{title, changesPage}, Crumb{which, ""})
		}}
	}
	return jobs
}

// DocHistory is what a document's page shows of its history.
type DocHistory struct {
	Entries []history.Entry // newest first; an uncommitted change first of all
	Shown   []history.Entry // the first few entries
	Folded  []history.Entry // the rest, folded
	Shallow bool            // a shallow clone: older commits are missing

	// Version is the change since the previous version, or nil when the
	// version never changed or the document was new when it got it.
	Version *TextChange
	// Uncommitted is the change not committed yet (live preview), or nil.
	Uncommitted *TextChange
}

// TextChange is the word-level change of a document's text.
type TextChange struct {
	From    string        // the version compared with ("" when not known)
	Since   history.Entry // the change that brought the current version (for Version)
	Diff    template.HTML // <ins> and <del> over the changed lines with some context; "" when the text did not change
	Added   int           // words added
	Removed int           // words removed
}

// History is a document's history for its page, or nil when there is none
// to show: no git, no commit of the file, or a document the build
// withholds.
func (p *Page) History(d *model.Document) (*DocHistory, error) {
	hist := p.hist()
	if hist == nil || p.Hidden(d) {
		return nil, nil
	}
	log := hist.Log
	entries := log.Entries(d.Path)
	if len(entries) == 0 {
		return nil, nil
	}
	n := min(historyShown, len(entries))
	dh := &DocHistory{Shallow: log.Shallow, Entries: entries, Shown: entries[:n:n], Folded: entries[n:]}

	var now string
	body := func() (string, error) {
		if now != "" {
			return now, nil
		}
		// Unchanged since HEAD (the common case of a build), the text is the
		// one git gave; else it is read as the build read it.
		if f, ok := log.CommittedFile(d.Path); ok && d.Sum != 0 && maphash.Bytes(hist.seed, f) == d.Sum {
			f = bytes.TrimPrefix(f, []byte("\uFEFF"))
			if d.MetaEnd <= len(f) {
				now = string(f[d.MetaEnd:])
				return now, nil
			}
		}
		if hist.Body != nil {
			var err error
			if now, err = hist.Body(d); err != nil {
				return "", err
			}
		}
		return now, nil
	}
	if prev, ok := log.PreviousVersion(d.Path); ok {
		text, err := body()
		if err != nil {
			return nil, err
		}
		dh.Version = p.textChange(prev.Body, text)
		dh.Version.From, dh.Version.Since = prev.Version, prev.Changed
	}
	if committed, ok := log.CommittedBody(d.Path); ok {
		text, err := body()
		if err != nil {
			return nil, err
		}
		dh.Uncommitted = p.textChange(committed, text)
	}
	return dh, nil
}

// textChange compares two texts of a document.
func (p *Page) textChange(old, new string) *TextChange {
	ops := worddiff.Diff(old, new)
	tc := &TextChange{}
	tc.Added, tc.Removed = worddiff.Count(ops)
	if tc.Added > 0 || tc.Removed > 0 || len(ops) > 1 {
		tc.Diff = worddiff.Render(ops, worddiff.RenderOptions{
			Labels:  worddiff.Labels{Inserted: p.T("history.inserted"), Deleted: p.T("history.deleted")},
			Context: diffContext,
		})
	}
	return tc
}

// ChangeLog is the data of a page of changes/.
type ChangeLog struct {
	Available bool // the site is in a git work tree with commits
	Shallow   bool
	Months    []ChangeMonth // this page's changes, newest first; uncommitted changes in a first group with a zero Month
	Count     int           // the changes of every page
	Page      int           // this page's number, 1 for the newest
	Pages     []ChangesPage // every page, newest first; one when everything fits on one
}

// ChangesPage is a page of changes/, for the links between them.
type ChangesPage struct {
	Number int
	Path   string // the site path
	// Newest and Oldest are the dates (YYYY-MM-DD) of the page's newest
	// and oldest commit; both "" for a page of uncommitted changes only.
	Newest, Oldest string
}

// ChangeMonth is the document changes of one month on one page.
type ChangeMonth struct {
	Month   time.Time // the first of the month, UTC; zero for uncommitted changes
	Entries []DocChange
	// Continued is set when the month began on the page before.
	Continued bool
}

// DocChange is one change of one document.
type DocChange struct {
	*history.Entry
	Doc *model.Document
}

// changes lists every change of a published document, newest first
// (uncommitted changes, then commits), once a render.
func (h *History) changes(docs []*model.Document, hidden func(*model.Document) bool) []DocChange {
	h.list.once.Do(func() {
		published := make(map[string]*model.Document, len(docs))
		for _, d := range docs {
			if !hidden(d) {
				published[d.Path] = d
			}
		}
		all := h.Log.Changes()
		out := make([]DocChange, 0, h.committed+h.uncommitted)
		for _, e := range all {
			if d := published[e.File]; d != nil {
				out = append(out, DocChange{Entry: e, Doc: d})
			}
		}
		h.list.changes = out
	})
	return h.list.changes
}

// changeLog is page n of changes/: the working tree's changes (on the
// first page), then perPage commits, grouped by month. Documents the
// build withholds are left out.
func (b *build) changeLog(n int) *ChangeLog {
	cl := &ChangeLog{Page: n}
	if b.history == nil {
		cl.Pages = []ChangesPage{{Number: 1, Path: changesPage}}
		return cl
	}
	log := b.history.Log
	cl.Available, cl.Shallow = log.Head != "", log.Shallow
	all := b.history.changes(b.site.Documents, b.hidden)
	cl.Count = len(all)
	unc := b.history.uncommitted
	committed := all[unc:]
	per := b.history.perPage
	cl.Pages = make([]ChangesPage, b.changesPages())
	for i := range cl.Pages {
		pg := &cl.Pages[i]
		pg.Number, pg.Path = i+1, changesPath(i+1)
		if lo := i * per; lo < len(committed) {
			hi := min(lo+per, len(committed))
			pg.Newest, pg.Oldest = committed[lo].Date, committed[hi-1].Date
		}
	}
	var on []DocChange
	if n == 1 {
		on = all[:unc:unc]
	}
	lo := (n - 1) * per
	if lo < len(committed) {
		on = append(on, committed[lo:min(lo+per, len(committed))]...)
	}
	for i, c := range on {
		var month time.Time
		if !c.Uncommitted {
			month = time.Date(c.Time.Year(), c.Time.Month(), 1, 0, 0, 0, 0, time.UTC)
		}
		if k := len(cl.Months); k == 0 || !cl.Months[k-1].Month.Equal(month) {
			cm := ChangeMonth{Month: month}
			if i == 0 && lo > 0 && !month.IsZero() {
				prev := committed[lo-1].Time
				cm.Continued = prev.Year() == month.Year() && prev.Month() == month.Month()
			}
			cl.Months = append(cl.Months, cm)
		}
		m := &cl.Months[len(cl.Months)-1]
		m.Entries = append(m.Entries, c)
	}
	return cl
}

// ChangesPageItems writes the list items that link every page of
// changes/, each with its number and the dates of its commits; the page
// itself is marked aria-current.
func (p *Page) ChangesPageItems(cl *ChangeLog) template.HTML {
	var b strings.Builder
	root := template.HTMLEscapeString(urls.Root(p.Path))
	for _, pg := range cl.Pages {
		b.WriteString("\n    <li><a href=\"")
		b.WriteString(root)
		b.WriteString(pg.Path) // a path of digits and slashes
		b.WriteString(`"`)
		if pg.Number == cl.Page {
			b.WriteString(` aria-current="page"`)
		}
		b.WriteString(`><span class="changes-page-number">`)
		b.WriteString(strconv.Itoa(pg.Number))
		b.WriteString(`</span>`)
		if pg.Newest != "" {
			b.WriteString(` <span class="changes-page-dates"><time datetime="`)
			b.WriteString(template.HTMLEscapeString(pg.Newest))
			b.WriteString(`">`)
			b.WriteString(template.HTMLEscapeString(pg.Newest))
			b.WriteString(`</time>`)
			if pg.Oldest != pg.Newest {
				b.WriteString(` – <time datetime="`)
				b.WriteString(template.HTMLEscapeString(pg.Oldest))
				b.WriteString(`">`)
				b.WriteString(template.HTMLEscapeString(pg.Oldest))
				b.WriteString(`</time>`)
			}
			b.WriteString(`</span>`)
		}
		b.WriteString(`</a></li>`)
	}
	return template.HTML(b.String())
}

// ChangesURL is the link to changes/index.html.
func (p *Page) ChangesURL() string { return p.URL(changesPage) }

// Month writes a month for the site's language: mars 2026, March 2026.
func (p *Page) Month(t time.Time) string {
	if p.UILang() == "en" {
		return t.Format("January 2006")
	}
	return fmt.Sprintf("%s %d", monthsNB[t.Month()-1], t.Year())
}

// RecentDoc is a document of the overview's "recently changed" list.
type RecentDoc struct {
	Doc  *model.Document
	Date time.Time // the day of the last commit that changed it; without one, approved, else date (zero for neither)

	at time.Time // the time it is sorted by: the commit's, else the newest of approved, effective and date
}

// RecentlyChanged lists the n documents changed last, newest first: by the
// date of the last commit that changed the file where git knows it, else
// by the front matter's dates. A document the build withholds is dated by
// its front matter only.
func (p *Page) RecentlyChanged(n int) []RecentDoc {
	docs := p.Site.Documents
	out := make([]RecentDoc, 0, len(docs))
	for _, d := range docs {
		r := RecentDoc{Doc: d}
		if e, ok := p.lastCommit(d); ok {
			r.Date, r.at = time.Date(e.Time.Year(), e.Time.Month(), e.Time.Day(), 0, 0, 0, 0, time.UTC), e.Time
		} else {
			for _, t := range []time.Time{d.Approved, d.Effective, d.Date} {
				if t.After(r.at) {
					r.at = t
				}
			}
			r.Date = d.Approved
			if r.Date.IsZero() {
				r.Date = d.Date
			}
		}
		out = append(out, r)
	}
	slices.SortStableFunc(out, func(a, b RecentDoc) int {
		if c := b.at.Compare(a.at); c != 0 {
			return c
		}
		return strings.Compare(a.Doc.ID, b.Doc.ID)
	})
	return out[:min(n, len(out))]
}

func (p *Page) lastCommit(d *model.Document) (history.Entry, bool) {
	hist := p.hist()
	if hist == nil || p.Hidden(d) {
		return history.Entry{}, false
	}
	return hist.Log.LastCommit(d.Path)
}

// hist is the render's history, waited for; nil without one.
func (p *Page) hist() *History {
	if p.build == nil {
		return nil
	}
	return p.build.waitHistory()
}

// HistoryItems writes entries of a document's history as list items.
func (p *Page) HistoryItems(entries []history.Entry) template.HTML {
	w := p.itemWriter()
	for i := range entries {
		w.item(&entries[i], nil)
	}
	return w.done()
}

// ChangeItems writes entries of changes/ as list items: each change and
// its document.
func (p *Page) ChangeItems(changes []DocChange) template.HTML {
	w := p.itemWriter()
	for _, c := range changes {
		w.item(c.Entry, c.Doc)
	}
	return w.done()
}

// Parts splits the month's changes into parts of at most changesPerPart,
// for ChangeItems: a template prints a long text through a buffer that
// is kept for the next only when it is short.
func (m ChangeMonth) Parts() [][]DocChange {
	var parts [][]DocChange
	for es := m.Entries; len(es) > 0; {
		n := min(len(es), changesPerPart)
		parts = append(parts, es[:n:n])
		es = es[n:]
	}
	return parts
}

// changesPerPart is the number of changes ChangeItems writes at once:
// about 50 KB.
const changesPerPart = 100

// itemWriter writes history entries as list items for one page.
type itemWriter struct {
	p    *Page
	b    *bytes.Buffer
	root string // from the page to the site root, escaped
	*itemTexts
}

// itemTexts are the strings of the items, escaped and split around their
// one argument, and the parts of the commit links: the same on every page
// of a render, so worked out once.
type itemTexts struct {
	uncommitted, added, merge, boundary  string    // escaped
	version, renamed, approved, approver [2]string // escaped, before and after the argument

	link     []string // repository_url split at {hash}, escaped; nil for no links
	linkSafe bool     // the address is http or https (else the links are "#")
}

// itemBuffers are the buffers items are written in, kept between calls.
var itemBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func (p *Page) itemWriter() *itemWriter {
	w := &itemWriter{p: p, b: itemBuffers.Get().(*bytes.Buffer), root: template.HTMLEscapeString(urls.Root(p.Path))}
	w.b.Reset()
	h := p.hist()
	if h == nil { // a page rendered without history has none to list
		h = &History{}
	}
	h.texts.once.Do(func() { h.texts.t = p.newItemTexts() })
	w.itemTexts = h.texts.t
	return w
}

func (p *Page) newItemTexts() *itemTexts {
	esc := template.HTMLEscapeString
	t := &itemTexts{
		uncommitted: esc(p.T("history.uncommitted")), added: esc(p.T("history.added")),
		merge: esc(p.T("history.merge")), boundary: esc(p.T("history.boundary")),
		version: around(p.T("history.version")), renamed: around(p.T("history.renamed")),
		approved: around(p.T("history.approved")), approver: around(p.T("history.approver")),
	}
	if u := p.Site.Config.RepositoryURL; u != "" {
		for _, part := range strings.Split(u, "{hash}") {
			t.link = append(t.link, esc(part))
		}
		// A hash is hexadecimal: whether the address is http or https is
		// decided by what comes before the first {hash}.
		l := strings.ToLower(u)
		t.linkSafe = strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://")
	}
	return t
}

// done returns what was written, and gives the buffer back.
func (w *itemWriter) done() template.HTML {
	html := template.HTML(w.b.String())
	if w.b.Cap() <= 1<<20 {
		itemBuffers.Put(w.b)
	}
	w.b = nil
	return html
}

// around splits a string with one %s around it, escaped. A string with any
// other verb is kept whole in the first part, and written with Sprintf.
func around(format string) [2]string {
	before, after, ok := strings.Cut(format, "%s")
	if !ok || strings.Contains(before, "%") || strings.Contains(after, "%") {
		return [2]string{format, "\x00"}
	}
	return [2]string{template.HTMLEscapeString(before), template.HTMLEscapeString(after)}
}

// with writes a split string around its argument.
func (w *itemWriter) with(s [2]string, arg string) {
	if s[1] == "\x00" {
		w.text(fmt.Sprintf(s[0], arg))
		return
	}
	w.b.WriteString(s[0])
	w.text(arg)
	w.b.WriteString(s[1])
}

// text writes s escaped.
func (w *itemWriter) text(s string) {
	for i := 0; i < len(s); i++ {
		if htmlSpecial[s[i]] {
			w.b.WriteString(template.HTMLEscapeString(s))
			return
		}
	}
	w.b.WriteString(s)
}

// htmlSpecial are the bytes template.HTMLEscapeString replaces.
var htmlSpecial = [256]bool{'<': true, '>': true, '&': true, '\'': true, '"': true, 0: true}

// item writes one entry; d is its document on changes/ (nil on the
// document's own page).
func (w *itemWriter) item(e *history.Entry, d *model.Document) {
	b := w.b
	b.WriteString(`<li class="history-entry`)
	if e.VersionChanged {
		b.WriteString(" history-version")
	}
	if e.Uncommitted {
		b.WriteString(" history-uncommitted")
	}
	b.WriteString(`">`)
	if e.Uncommitted {
		b.WriteString(`<span class="badge history-badge-uncommitted">`)
		b.WriteString(w.uncommitted)
		b.WriteString(`</span>`)
	} else {
		b.WriteString(`<time datetime="`)
		b.WriteString(e.Date) // YYYY-MM-DD
		b.WriteString(`">`)
		b.WriteString(e.Date)
		b.WriteString(`</time>`)
	}
	if d != nil {
		b.WriteByte(' ')
		if w.p.Hidden(d) {
			b.WriteString(string(w.p.DocLink(d)))
		} else {
			// As DocLink, with the page's root worked out once.
			b.WriteString(`<a href="`)
			b.WriteString(w.root)
			b.WriteString(`docs/`)
			w.text(d.ID)
			b.WriteString(`/index.html"><span class="id">`)
			w.text(d.ID)
			b.WriteString(`</span> `)
			w.text(d.Title)
			b.WriteString(`</a>`)
		}
	}
	if e.VersionChanged {
		b.WriteString(` <span class="badge history-badge-version">`)
		w.with(w.version, e.Version)
		b.WriteString(`</span>`)
	}
	if !e.Uncommitted {
		b.WriteString(` <span class="history-subject">`)
		w.text(e.Subject)
		b.WriteString(`</span>`)
	}
	b.WriteString(` <span class="history-meta">`)
	if e.Author != "" {
		b.WriteString(`<span class="history-author">`)
		w.text(e.Author)
		b.WriteString(`</span>`)
	}
	if e.ShortHash != "" {
		b.WriteString(` <code class="history-hash">`)
		if w.link != nil && e.Hash != "" {
			b.WriteString(`<a href="`)
			if w.linkSafe {
				for i, part := range w.link {
					if i > 0 {
						w.text(e.Hash)
					}
					b.WriteString(part)
				}
			} else {
				b.WriteByte('#')
			}
			b.WriteString(`" rel="noopener noreferrer">`)
			w.text(e.ShortHash)
			b.WriteString(`</a>`)
		} else {
			w.text(e.ShortHash)
		}
		b.WriteString(`</code>`)
	}
	switch e.Change {
	case history.Renamed:
		b.WriteString(` <span class="history-rename">`)
		w.with(w.renamed, e.From)
		b.WriteString(`</span>`)
	case history.Added:
		b.WriteString(` <span class="history-added">`)
		b.WriteString(w.added)
		b.WriteString(`</span>`)
	}
	if e.Merge {
		b.WriteString(` <span class="history-merge">`)
		b.WriteString(w.merge)
		b.WriteString(`</span>`)
	}
	if e.Boundary {
		b.WriteString(` <span class="history-boundary">`)
		b.WriteString(w.boundary)
		b.WriteString(`</span>`)
	}
	b.WriteString(`</span>`)
	if e.VersionChanged && (e.Approved != "" || e.Approver != "") {
		b.WriteString(` <span class="history-approval">`)
		if e.Approved != "" {
			w.with(w.approved, e.Approved)
		}
		if e.Approver != "" {
			if e.Approved != "" {
				b.WriteString(" · ")
			}
			w.with(w.approver, e.Approver)
		}
		b.WriteString(`</span>`)
	}
	b.WriteString("</li>\n")
}
