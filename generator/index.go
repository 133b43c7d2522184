package generator

// The search index: each published document goes through the search
// package's analysis (bleve's analyzers) once — the result is kept with the
// Builder, keyed on the document, so a rebuild analyses only what changed —
// and the analysed documents are exported as the static files of search/.

import (
	"hash/maphash"
	"slices"
	"strings"

	"github.com/isms-project/isms/catalog"
	"github.com/isms-project/isms/internal/model"
	"github.com/isms-project/isms/internal/parallel"
	"github.com/isms-project/isms/internal/render"
	"github.com/isms-project/isms/internal/risk"
	"github.com/isms-project/isms/internal/urls"
	"github.com/isms-project/isms/search"
)

// analyze returns the analysed form of the published documents, in order,
// each keeping only the text a result shows in a site of this size, and
// keeps it in the Builder's cache for the next build. The documents are
// analysed here, on all cores, once all are read, not each as it is read:
// with the cores to itself the analysis keeps its token tables in the
// processor's caches, which the Markdown rendering of each document in
// between would evict (at 10,000 documents the build with search takes
// about 0.4 s less).
func (bl *Builder) analyze(site *model.Site) []*search.Analyzed {
	lang := site.Config.Language
	risks := bl.analyzeRisks(site)
	var todo []int
	for i, d := range site.Documents {
		// A document the build withholds is not found by search; one
		// without an ID has an error of its own.
		if d.ID != "" && (!d.Withheld || site.Preview) {
			todo = append(todo, i)
		}
	}
	budget := search.TextBudget(len(todo) + len(risks))
	out := make([]*search.Analyzed, len(site.Documents))
	parallel.For(todo, func(i int) {
		d := site.Documents[i]
		a := bl.cache[d.Path].index
		if bl.cache[d.Path].doc != d || a == nil {
			a = analyzeDocument(d, lang)
		}
		out[i] = a.WithTextBudget(budget)
	})
	for _, i := range todo {
		d := site.Documents[i]
		if c := bl.cache[d.Path]; c.doc == d {
			c.index = out[i]
			if bl.once {
				c.index = nil
			}
			bl.cache[d.Path] = c
		}
	}
	out = slices.DeleteFunc(out, func(a *search.Analyzed) bool { return a == nil })
	return append(out, risks...)
}

// analyzeRisks runs the register's risks through the search analysis, on
// all cores, reusing the last build's analysis of a risk whose entry is
// the same.
func (bl *Builder) analyzeRisks(site *model.Site) []*search.Analyzed {
	if site.Risks == nil {
		return nil
	}
	docs := make([]search.Document, len(site.Risks.Risks))
	sums := make([]uint64, len(docs))
	out := make([]*search.Analyzed, len(docs))
	var todo []int
	for i, rk := range site.Risks.Risks {
		docs[i] = searchRisk(site, rk)
		sums[i] = bl.searchSum(docs[i])
		if a, ok := bl.riskIndex[sums[i]]; ok {
			out[i] = a
		} else {
			todo = append(todo, i)
		}
	}
	parallel.For(todo, func(i int) { out[i] = search.Analyze(docs[i]) })
	kept := make(map[uint64]*search.Analyzed, len(out))
	for i, a := range out {
		kept[sums[i]] = a
	}
	bl.riskIndex = kept
	return out
}

// searchSum is the fingerprint of what the search index holds of a risk.
func (bl *Builder) searchSum(d search.Document) uint64 {
	var h maphash.Hash
	h.SetSeed(bl.seed)
	for _, s := range []string{d.ID, d.Title, d.Summary, d.Type, d.Owner, d.Lang, d.URL, strings.Join(d.Controls, " "), strings.Join(d.Clauses, " ")} {
		h.WriteString(s)
		h.WriteByte(0)
	}
	for _, s := range d.Sections {
		h.WriteString(s.Heading)
		h.WriteByte(0)
		h.WriteString(s.Anchor)
		h.WriteByte(0)
		h.WriteString(s.Text)
		h.WriteByte(0)
	}
	return h.Sum64()
}

// searchRisk is what the search index holds of a risk of the register.
func searchRisk(site *model.Site, rk *risk.Risk) search.Document {
	sd := search.Document{ID: rk.ID, Title: rk.Title, Type: "risk", Owner: rk.Owner, Lang: site.Config.Language, URL: urls.Risk(rk.ID)}
	sd.Controls = append(sd.Controls, rk.Controls...)
	if body := site.RiskText[rk.ID]; body != nil {
		for _, s := range body.Sections {
			sd.Sections = append(sd.Sections, search.Section{Heading: s.Heading, Anchor: s.Anchor, Text: s.Text})
		}
	}
	return sd
}

// analyzeDocument runs the document through the search package's analysis
// and drops the body's text by section, which nothing else needs: a
// 10,000-document build keeps the analysis, not the text twice.
func analyzeDocument(d *model.Document, siteLang string) *search.Analyzed {
	a := search.Analyze(searchDocument(d, siteLang))
	if d.Body != nil {
		d.Body.Sections = nil
	}
	return a
}

// searchDocument is what the search index holds of a document: its front
// matter as written (IDs normalised) and its body text by section.
func searchDocument(d *model.Document, siteLang string) search.Document {
	sd := search.Document{
		ID: d.ID, Title: d.Title, Summary: d.Summary, Type: d.Type, Owner: d.Owner,
		Lang: d.Lang, URL: urls.Doc(d.ID),
	}
	if sd.Lang == "" {
		sd.Lang = siteLang
	}
	for _, m := range d.Controls {
		_, id := catalog.Classify(m.ID)
		sd.Controls = append(sd.Controls, id)
	}
	for _, m := range d.Clauses {
		sd.Clauses = append(sd.Clauses, strings.TrimPrefix(m.ID, "clause:"))
	}
	if d.Body != nil {
		for _, s := range d.Body.Sections {
			sd.Sections = append(sd.Sections, search.Section{Heading: s.Heading, Anchor: s.Anchor, Text: s.Text})
		}
	}
	return sd
}

// searchOptions are the site-wide inputs of the index: the catalogue
// entries an ID query offers, and the client's strings from the theme.
func searchOptions(site *model.Site, th *render.Theme) (search.Options, error) {
	lang := site.Config.Language
	opts := search.Options{Lang: lang, Strings: search.DefaultStrings(lang)}
	vocabulary, err := site.Catalog.Vocabulary()
	if err != nil {
		return opts, err
	}
	for _, c := range vocabulary {
		opts.Vocabulary = append(opts.Vocabulary, search.Concept{En: c.En, Nb: c.Nb})
	}
	for k := range opts.Strings {
		if s, ok := th.String(lang, "searchclient."+k); ok {
			opts.Strings[k] = s
		}
	}
	for _, t := range append(slices.Clone(model.DocumentTypes), "risk") {
		if s, ok := th.String(lang, "type."+t); ok {
			opts.Strings["type."+t] = s
		}
	}
	for _, c := range site.Catalog.Controls() {
		opts.Entries = append(opts.Entries, search.Entry{ID: c.ID, Kind: "control", Title: c.Title.In(lang), URL: urls.Control(c.ID)})
	}
	for _, c := range site.Catalog.Controls2013() {
		opts.Entries = append(opts.Entries, search.Entry{ID: c.ID, Kind: "control2013", Title: c.Title.In(lang), URL: urls.Mapping(c.ID)})
	}
	for _, c := range site.Catalog.Clauses() {
		opts.Entries = append(opts.Entries, search.Entry{ID: c.ID, Kind: "clause", Title: c.Title.In(lang), URL: urls.Clause(c.ID)})
	}
	return opts, nil
}
