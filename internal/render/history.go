package render

// Each document's controlled history (SPEC §13): on its page the commits
// that changed its file, the version marks and the word-level changes since
// the previous version (and, in the live preview, what is not committed
// yet); changes/index.html with every document change of the ISMS; the
// overview's "recently changed" by commit date. The history comes from
// internal/history, read by the generator; the diffs from internal/worddiff,
// made when a page is rendered. A document the build withholds shows no
// history anywhere: its commit subjects and text would leak.

import (
	"fmt"
	"hash/maphash"
	"html/template"
	"slices"
	"strings"
	"time"

	"github.com/isms-project/isms/internal/history"
	"github.com/isms-project/isms/internal/model"
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
}

// changesPage is the page of every document change.
const changesPage = "changes/index.html"

// historyShown is how many entries a document page shows before the rest
// are folded.
const historyShown = 5

// diffContext is how many unchanged lines are kept around each change.
const diffContext = 2

// historyPrep keeps the history for the pages and makes the stamp of what
// changes/ and the overview show of it.
func (b *build) historyPrep(in *History) {
	var h maphash.Hash
	h.SetSeed(b.seed)
	if in != nil && in.Log != nil {
		b.history = in
		for _, d := range b.site.Documents {
			if !b.hidden(d) {
				writeEntries(&h, in.Log.Entries(d.Path))
			}
		}
		h.WriteString(fmt.Sprint(in.Log.Shallow, in.Log.Unavailable == ""))
	}
	b.historyStamp = h.Sum64()
}

// hidden reports whether the build withholds a document.
func (b *build) hidden(d *model.Document) bool { return d.Withheld && !b.site.Preview }

// writeEntries writes what pages show of history entries.
func writeEntries(h *maphash.Hash, entries []history.Entry) {
	writeUint(h, uint64(len(entries)))
	for _, e := range entries {
		h.WriteString(e.Hash)
		h.WriteString(e.ShortHash)
		h.WriteString(e.Path)
		h.WriteString(e.From)
		h.WriteString(e.Author)
		h.WriteString(e.Date)
		h.WriteString(e.Subject)
		h.WriteString(string(e.Change))
		h.WriteString(e.Version)
		h.WriteString(e.Approved)
		h.WriteString(e.Approver)
		h.WriteString(fmt.Sprint(e.Merge, e.Boundary, e.Uncommitted, e.VersionChanged))
	}
}

// historyDeps writes what a document's page shows of its history: its
// entries (the earlier texts compared follow from them, the text now from
// the document's own sum).
func (b *build) historyDeps(h *maphash.Hash, d *model.Document) {
	if b.history == nil || b.hidden(d) {
		return
	}
	writeEntries(h, b.history.Log.Entries(d.Path))
	h.WriteString(fmt.Sprint(b.history.Log.Shallow))
}

// historyJobs lists changes/index.html.
func (b *build) historyJobs() []pageJob {
	if b.theme.pages["changes"] == nil {
		return nil
	}
	deps := func(h *maphash.Hash) {
		writeUint(h, b.historyStamp)
		writeUint(h, b.allMeta) // the documents' titles and types
	}
	return []pageJob{{path: changesPage, template: "changes", deps: deps, page: func() *Page {
		return b.page(changesPage, b.t("changes.title"), "changes", b.changeLog(), Crumb{b.t("changes.title"), ""})
	}}}
}

// HistoryEntry is one change of a document as its pages show it.
type HistoryEntry struct {
	history.Entry
	// Link is the commit's address (isms.yaml repository_url with the
	// hash), or "" when there is none.
	Link string
}

// DocHistory is what a document's page shows of its history.
type DocHistory struct {
	Entries []HistoryEntry // newest first; an uncommitted change first of all
	Shown   []HistoryEntry // the first few entries
	Folded  []HistoryEntry // the rest, folded
	Shallow bool           // a shallow clone: older commits are missing

	// Version is the change since the previous version, or nil when the
	// version never changed or the document was new when it got it.
	Version *TextChange
	// Uncommitted is the change not committed yet (live preview), or nil.
	Uncommitted *TextChange
}

// TextChange is the word-level change of a document's text.
type TextChange struct {
	From    string        // the version compared with ("" when not known)
	Since   HistoryEntry  // the change that brought the current version (for Version)
	Diff    template.HTML // <ins> and <del> over the changed lines with some context; "" when the text did not change
	Added   int           // words added
	Removed int           // words removed
}

// entry makes a HistoryEntry, with the commit's link.
func (p *Page) entry(e history.Entry) HistoryEntry {
	he := HistoryEntry{Entry: e}
	if u := p.Site.Config.RepositoryURL; u != "" && e.Hash != "" {
		he.Link = strings.ReplaceAll(u, "{hash}", e.Hash)
	}
	return he
}

// History is a document's history for its page, or nil when there is none
// to show: no git, no commit of the file, or a document the build
// withholds.
func (p *Page) History(d *model.Document) (*DocHistory, error) {
	if p.history == nil || p.Hidden(d) {
		return nil, nil
	}
	log := p.history.Log
	entries := log.Entries(d.Path)
	if len(entries) == 0 {
		return nil, nil
	}
	dh := &DocHistory{Shallow: log.Shallow, Entries: make([]HistoryEntry, len(entries))}
	for i, e := range entries {
		dh.Entries[i] = p.entry(e)
	}
	n := min(historyShown, len(dh.Entries))
	dh.Shown, dh.Folded = dh.Entries[:n], dh.Entries[n:]

	var now string
	body := func() (string, error) {
		if now == "" && p.history.Body != nil {
			var err error
			if now, err = p.history.Body(d); err != nil {
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
		dh.Version.From, dh.Version.Since = prev.Version, p.entry(prev.Changed)
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

// ChangeLog is the data of changes/index.html.
type ChangeLog struct {
	Available bool // the site is in a git work tree with commits
	Shallow   bool
	Months    []ChangeMonth // newest first; uncommitted changes in a first group with a zero Month
	Count     int           // entries listed
}

// ChangeMonth is the document changes of one month.
type ChangeMonth struct {
	Month   time.Time // the first of the month, UTC; zero for uncommitted changes
	Entries []DocChange
}

// DocChange is one change of one document.
type DocChange struct {
	HistoryEntry
	Doc *model.Document
}

// changeLog lists every change of a published document, newest first,
// grouped by month. Documents the build withholds are left out.
func (b *build) changeLog() *ChangeLog {
	cl := &ChangeLog{}
	if b.history == nil {
		return cl
	}
	log := b.history.Log
	cl.Available, cl.Shallow = log.Head != "", log.Shallow
	docs := make(map[string]*model.Document, len(b.site.Documents))
	for _, d := range b.site.Documents {
		if !b.hidden(d) {
			docs[d.Path] = d
		}
	}
	p := b.page(changesPage, "", "", nil)
	for _, e := range log.Changes() {
		d := docs[e.File]
		if d == nil {
			continue
		}
		var month time.Time
		if !e.Uncommitted {
			month = time.Date(e.Time.Year(), e.Time.Month(), 1, 0, 0, 0, 0, time.UTC)
		}
		if n := len(cl.Months); n == 0 || !cl.Months[n-1].Month.Equal(month) {
			cl.Months = append(cl.Months, ChangeMonth{Month: month})
		}
		m := &cl.Months[len(cl.Months)-1]
		m.Entries = append(m.Entries, DocChange{HistoryEntry: p.entry(e), Doc: d})
		cl.Count++
	}
	return cl
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
	if p.history == nil || p.Hidden(d) {
		return history.Entry{}, false
	}
	return p.history.Log.LastCommit(d.Path)
}

// HistoryItem writes one entry of a document's history as a list item.
// The lists are long (changes/ holds every change of the ISMS), so the
// item is written here rather than by a template: a tenth of the time.
func (p *Page) HistoryItem(e HistoryEntry) template.HTML { return p.historyItem(e, nil) }

// ChangeItem writes one entry of changes/: the change and its document.
func (p *Page) ChangeItem(c DocChange) template.HTML { return p.historyItem(c.HistoryEntry, c.Doc) }

func (p *Page) historyItem(e HistoryEntry, d *model.Document) template.HTML {
	esc := template.HTMLEscapeString
	var b strings.Builder
	b.WriteString(`<li class="history-entry`)
	if e.VersionChanged {
		b.WriteString(" history-version")
	}
	if e.Uncommitted {
		b.WriteString(" history-uncommitted")
	}
	b.WriteString(`">`)
	if e.Uncommitted {
		b.WriteString(`<span class="badge history-badge-uncommitted">` + esc(p.T("history.uncommitted")) + `</span>`)
	} else {
		b.WriteString(`<time datetime="` + esc(e.Date) + `">` + esc(e.Date) + `</time>`)
	}
	if d != nil {
		b.WriteString(" " + string(p.DocLink(d)))
	}
	if e.VersionChanged {
		b.WriteString(` <span class="badge history-badge-version">` + esc(fmt.Sprintf(p.T("history.version"), e.Version)) + `</span>`)
	}
	if !e.Uncommitted {
		b.WriteString(` <span class="history-subject">` + esc(e.Subject) + `</span>`)
	}
	b.WriteString(` <span class="history-meta">`)
	if e.Author != "" {
		b.WriteString(`<span class="history-author">` + esc(e.Author) + `</span>`)
	}
	if e.ShortHash != "" {
		b.WriteString(` <code class="history-hash">`)
		if e.Link != "" {
			b.WriteString(`<a href="` + esc(p.linkURL(e.Link)) + `" rel="noopener noreferrer">` + esc(e.ShortHash) + `</a>`)
		} else {
			b.WriteString(esc(e.ShortHash))
		}
		b.WriteString(`</code>`)
	}
	note := func(class, text string) { b.WriteString(` <span class="` + class + `">` + esc(text) + `</span>`) }
	switch e.Change {
	case history.Renamed:
		note("history-rename", fmt.Sprintf(p.T("history.renamed"), e.From))
	case history.Added:
		note("history-added", p.T("history.added"))
	}
	if e.Merge {
		note("history-merge", p.T("history.merge"))
	}
	if e.Boundary {
		note("history-boundary", p.T("history.boundary"))
	}
	b.WriteString(`</span>`)
	if e.VersionChanged && (e.Approved != "" || e.Approver != "") {
		b.WriteString(` <span class="history-approval">`)
		if e.Approved != "" {
			b.WriteString(esc(fmt.Sprintf(p.T("history.approved"), e.Approved)))
		}
		if e.Approver != "" {
			if e.Approved != "" {
				b.WriteString(" · ")
			}
			b.WriteString(esc(fmt.Sprintf(p.T("history.approver"), e.Approver)))
		}
		b.WriteString(`</span>`)
	}
	b.WriteString("</li>\n")
	return template.HTML(b.String())
}

// linkURL keeps a commit address only when it is http or https (isms.yaml
// could hold anything): else "#".
func (p *Page) linkURL(u string) string {
	if l := strings.ToLower(u); strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") {
		return u
	}
	return "#"
}
