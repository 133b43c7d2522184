// Package generator turns a site folder — isms.yaml, soa.yaml and Markdown
// documents with front matter — into a cross-referenced static website.
//
// A build runs one pipeline in one direction:
//
//	load     the site's files, through fs.FS: config, front matter and
//	         Markdown bodies rendered to HTML (document.go, markdown.go)
//	resolve  front matter and [[…]] references against the catalogue and
//	         the other documents: one graph, with coverage (resolve.go)
//	render   the graph through the theme's templates into pages held in
//	         memory, path → bytes (render.go, page.go, theme.go)
//
// and the result is written to a folder atomically (write.go) or served
// from memory by the live preview (serve.go). Every problem in the content
// is a Finding with its file, line and column; a build with errors renders
// nothing, so the previous output stays as it was.
//
// A Builder keeps each document's rendered body keyed on the file's bytes,
// so that rebuilding after an edit re-reads only what changed.
package generator

import (
	"bytes"
	"errors"
	"fmt"
	"hash/maphash"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/isms-project/isms/catalog"
	"github.com/isms-project/isms/internal/finding"
	"github.com/isms-project/isms/internal/history"
	"github.com/isms-project/isms/internal/markdown"
	"github.com/isms-project/isms/internal/model"
	"github.com/isms-project/isms/internal/output"
	"github.com/isms-project/isms/internal/parallel"
	"github.com/isms-project/isms/internal/render"
	"github.com/isms-project/isms/internal/risk"
	"github.com/isms-project/isms/internal/sitefs"
	"github.com/isms-project/isms/internal/suggest"
	"github.com/isms-project/isms/internal/tree"
	"github.com/isms-project/isms/internal/urls"
	"github.com/isms-project/isms/search"
)

// Options control a build. The zero value builds the published site as of
// the current date.
type Options struct {
	Drafts     bool      // publish drafts too
	Today      time.Time // the date reviews and evidence age are judged on; zero means the current date
	NoSearch   bool      // leave out the search index (benchmarks of the rest)
	NoSuggest  bool      // leave out the gaps' candidate documents (benchmarks of the rest)
	LiveReload bool      // pages load the live-reload client (isms serve)
	CheckOnly  bool      // read and resolve, render nothing (isms check)
	Stamp      string    // SourceStamp of the site, kept in the output's manifest by Write

	// Classification, when not "", is the highest classification the
	// build publishes, in place of isms.yaml's publish.max_classification.
	// A live preview (LiveReload) publishes every document, marking those
	// a build would withhold.
	Classification string

	// Changed, when not nil, lists the site paths (slash-separated files
	// or folders) that may differ since the same Builder's previous build:
	// a document read then and not under these paths is reused without
	// reading its file again. nil means anything may have changed, and
	// every document is read and compared by its bytes. The live preview
	// passes what its file watcher saw.
	Changed []string

	// Dir is the site folder on disk, whose git history the document pages
	// show; "" shows none.
	Dir string

	sections bool // keep each document's text for the suggestion engine (Suggest)
}

// ErrNotSite is returned for a folder without isms.yaml.
var ErrNotSite = model.ErrNotSite

// Result is a finished build.
type Result struct {
	Site     *model.Site
	Output   *output.Output // nil when the content has errors, or for CheckOnly
	Findings finding.Findings

	// Changed lists the output files that are new or differ from the
	// previous build of the same Builder; Removed those that are gone.
	Changed, Removed []string
	// Rendered is the number of pages rendered; the rest were reused.
	Rendered int
}

// Errors reports whether the findings include an error.
func (r *Result) Errors() bool {
	n, _ := r.Findings.Count()
	return n > 0
}

// Build builds the site in fsys once. For repeated builds of the same site
// use a Builder.
func Build(fsys fs.FS, opts Options) (*Result, error) {
	b := Builder{once: true}
	return b.Build(fsys, opts)
}

// Builder builds a site and keeps what it can reuse for the next build of
// the same site: each document's rendered body, keyed on the file's bytes,
// and each page with a fingerprint of what it shows. The zero value is
// ready to use; a Builder is not for concurrent builds.
type Builder struct {
	seed    maphash.Seed
	seeded  bool
	cache   map[string]cachedDocument // by path
	read    readOptions               // the settings the cache was made with
	catalog *catalog.Catalog
	themes  render.ThemeCache
	pages   render.Pages   // the last good build's pages
	output  *output.Output // the last good build's output

	history     *history.History // the last build's, for the live preview to Update
	historyOpts history.Options

	suggested suggestCache // the last build's gap candidates

	riskCache risk.Cache                  // the risks the last build parsed
	riskTexts map[riskTextKey]riskText    // and their descriptions, rendered
	riskIndex map[uint64]*search.Analyzed // and their search analysis, by the entry's fingerprint

	// once is set for a Builder that builds one site once (Build): it
	// keeps nothing for a next build that the build itself no longer
	// needs, such as the documents' search analysis, which is let go when
	// the index is written, while the pages still render.
	once bool
}

// readOptions are the settings documents are read with.
type readOptions struct {
	unsafe  bool   // unsafe_html
	lang    string // the site language: the analyzer for documents without lang
	index   bool   // keep each document's sections for the search analysis (Builder.analyze)
	suggest bool   // keep the text for the suggestion engine as documents are read
}

type cachedDocument struct {
	sum   uint64
	doc   *model.Document
	index *search.Analyzed  // the search package's analysis, when the build has an index
	text  *suggest.Document // what the suggestion engine reads, when the build wants it
}

// Build reads, resolves and renders the site in fsys. Content problems are
// findings in the result; the error is for what stops a build altogether
// (no isms.yaml, an unreadable folder, a broken theme).
func (bl *Builder) Build(fsys fs.FS, opts Options) (*Result, error) {
	if !bl.seeded {
		bl.seed, bl.seeded = maphash.MakeSeed(), true
	}
	hist := bl.startHistory(opts)
	defer bl.waitHistory(hist) // on every return: a Builder runs one build at a time
	if opts.Today.IsZero() {
		now := time.Now()
		opts.Today = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	}
	cfgSrc, err := sitefs.ReadInside(fsys, model.ConfigFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNotSite
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", model.ConfigFile, err)
	}
	if bl.catalog == nil {
		if bl.catalog, err = catalog.New(); err != nil {
			return nil, err
		}
	}
	cat := bl.catalog
	cfg, findings := model.ReadConfig(cfgSrc)
	if opts.Classification != "" {
		if !slices.Contains(model.Classifications, opts.Classification) {
			return nil, fmt.Errorf("unknown classification %q (use one of: %s)", opts.Classification, strings.Join(model.Classifications, ", "))
		}
		cfg.MaxClassification = opts.Classification
	}
	site := &model.Site{Config: cfg, Catalog: cat, Today: opts.Today, Drafts: opts.Drafts, Preview: opts.LiveReload, SoA: model.SoA{Controls: map[string]*model.Applicability{}}}
	soaSrc, more, err := readInput(fsys, model.SoAFile)
	if err != nil {
		return nil, err
	}
	findings = append(findings, more...)
	if soaSrc != nil {
		site.SoA, more = model.ReadSoA(soaSrc, cat)
		findings = append(findings, more...)
	}
	risksSrc, more, err := readInput(fsys, risk.File)
	if err != nil {
		return nil, err
	}
	findings = append(findings, more...)
	if risksSrc != nil {
		findings = append(findings, bl.readRisks(site, risksSrc)...)
	}
	themeFiles, themeDir, err := render.ThemeFS(fsys, cfg)
	if err != nil {
		return nil, err
	}
	files, err := render.WalkContent(fsys, cfg)
	if err != nil {
		return nil, err
	}
	findings = append(findings, files.Findings...)
	index := !opts.NoSearch && !opts.CheckOnly
	gapCandidates := !opts.CheckOnly && !opts.NoSuggest
	docs, err := bl.readDocuments(fsys, files.Docs, readOptions{cfg.UnsafeHTML, cfg.Language, index, gapCandidates || opts.sections}, opts.Changed, hist.ready())
	if err != nil {
		return nil, err
	}
	for _, d := range docs {
		findings = append(findings, d.Findings...)
	}
	var introSrc []byte
	if p := files.Intros["."]; p != "" {
		var more finding.Findings
		introSrc, more, err = readIntro(fsys, site, p)
		if err != nil {
			return nil, err
		}
		findings = append(findings, more...)
	}
	findings = append(findings, model.Resolve(site, docs, files.Files)...)
	findings.Sort()
	res := &Result{Site: site, Findings: findings}
	if opts.CheckOnly || res.Errors() {
		return res, nil
	}
	var candidates map[string][]suggest.Suggestion
	if gapCandidates {
		candidates = bl.candidates(site)
	}
	site.Redact()
	th, err := bl.themes.Load(themeFiles, themeDir, opts.LiveReload)
	if err != nil {
		return nil, err
	}
	// The search index is made while the pages render: its one-core
	// steps fill the cores the rendering leaves idle. The preview makes
	// it when it is first asked for.
	var export func() (map[string][]byte, error)
	if !opts.NoSearch {
		sopts, err := searchOptions(site, th)
		if err != nil {
			return nil, err
		}
		if opts.LiveReload {
			// The preview analyses the text while it renders the few pages
			// an edit changes, and exports the index when it is asked for.
			// The analysis keeps its results in the Builder's caches, so
			// the build waits for it before it returns.
			analyzed := background(func() ([]*search.Analyzed, error) { return bl.analyze(site), nil })
			defer analyzed()
			export = func() (map[string][]byte, error) {
				a, _ := analyzed()
				return search.Export(a, sopts)
			}
		} else {
			analyzed := bl.analyze(site)
			export = background(func() (map[string][]byte, error) { return search.Export(analyzed, sopts) })
		}
	}
	out := output.New(fsys)
	pages, rendered, err := render.Render(render.Input{
		Site: site, Theme: th, Seed: bl.seed, LiveReload: opts.LiveReload,
		Sources: [][]byte{cfgSrc, soaSrc, introSrc}, Risks: risksSrc,
		History:      func() *render.History { return renderHistory(bl.waitHistory(hist), fsys) },
		HistoryReady: hist.ready(),
		Candidates:   candidates,
	}, bl.pages, out)
	if err != nil {
		return nil, err
	}
	if export != nil {
		if err := out.SetSearch(export, !opts.LiveReload); err != nil {
			return nil, fmt.Errorf("search index: %w", err)
		}
	}
	for p := range site.Attachments() {
		out.Copy(urls.Attachment(p), p)
	}
	for _, p := range files.Static {
		out.Copy(p[len("static/"):], p)
	}
	out.Keep(opts.Stamp, findings)
	res.Output, res.Rendered = out, rendered
	res.Changed, res.Removed = out.Diff(bl.output)
	bl.pages, bl.output = pages, out
	return res, nil
}

// background starts f in a goroutine and returns a function that waits
// for its result.
func background[T any](f func() (T, error)) func() (T, error) {
	done := make(chan struct{})
	var v T
	var err error
	go func() {
		defer close(done)
		v, err = f()
	}()
	return func() (T, error) {
		<-done
		return v, err
	}
}

// readDocuments reads and renders the documents on all cores (all but one
// while git reads the history, until held is closed), reusing the
// previous build's work for files whose bytes did not change, and, when
// changed is not nil, for files outside it without reading them.
func (bl *Builder) readDocuments(fsys fs.FS, paths []string, ro readOptions, changed []string, held <-chan struct{}) ([]*model.Document, error) {
	if bl.cache == nil || bl.read != ro {
		bl.cache = map[string]cachedDocument{}
	}
	bl.read = ro
	var maybe map[string]bool // nil: every file may have changed
	if changed != nil {
		maybe = make(map[string]bool, len(changed))
		for _, p := range changed {
			maybe[path.Clean(p)] = true
		}
	}
	// unchanged reports whether p and the folders above it are outside changed.
	unchanged := func(p string) bool {
		if maybe == nil {
			return false
		}
		for ; p != "." && p != "/"; p = path.Dir(p) {
			if maybe[p] {
				return false
			}
		}
		return !maybe["."]
	}
	md := markdown.NewRenderer(ro.unsafe, ro.index || ro.suggest)
	docs := make([]*model.Document, len(paths))
	sums := make([]uint64, len(paths))
	index := make([]*search.Analyzed, len(paths))
	texts := make([]*suggest.Document, len(paths))
	errs := make([]error, len(paths))
	var todo []int
	for i, p := range paths {
		if c, ok := bl.cache[p]; ok && unchanged(p) {
			docs[i], sums[i], index[i], texts[i] = c.doc, c.sum, c.index, c.text
			continue
		}
		todo = append(todo, i)
	}
	parallel.ForLeavingOne(len(todo), held, func(k int) {
		i := todo[k]
		src, err := fs.ReadFile(fsys, paths[i])
		if err != nil {
			errs[i] = fmt.Errorf("reading %s: %w", paths[i], err)
			return
		}
		sums[i] = maphash.Bytes(bl.seed, src)
		if c, ok := bl.cache[paths[i]]; ok && c.sum == sums[i] {
			docs[i], index[i], texts[i] = c.doc, c.index, c.text
			return
		}
		d := model.ReadDocument(paths[i], src, md)
		if ro.suggest {
			texts[i] = suggestDocument(d, ro.lang, bl.catalog)
		}
		if ro.suggest && !ro.index && d.Body != nil {
			d.Body.Sections = nil // the engine's copy is kept
		}
		d.Sum = sums[i]
		meta := bytes.TrimPrefix(src, []byte("\uFEFF"))[:d.MetaEnd]
		d.MetaSum = maphash.Bytes(bl.seed, meta) ^ maphash.String(bl.seed, d.Path)
		docs[i] = d
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	fresh := make(map[string]cachedDocument, len(paths))
	for i, p := range paths {
		fresh[p] = cachedDocument{sums[i], docs[i], index[i], texts[i]}
	}
	bl.cache = fresh
	return docs, nil
}

// readRisks reads the risk register and renders each risk's description,
// whose references Resolve then links like a body's. The Builder keeps
// what it parsed and rendered for the next build, which redoes only the
// risks whose text changed.
func (bl *Builder) readRisks(site *model.Site, src []byte) finding.Findings {
	reg, findings := bl.riskCache.Read(src, site.Catalog)
	if reg == nil {
		return findings
	}
	site.Risks = reg
	site.RiskText = map[string]*markdown.Body{}
	md := markdown.NewRenderer(site.Config.UnsafeHTML, true) // with the text, for search
	descs := make([]riskText, len(reg.Risks))
	for i, rk := range reg.Risks {
		descs[i].key = riskTextKey{rk.Description, rk.DescriptionAt().Line, site.Config.Language, site.Config.UnsafeHTML}
	}
	parallel.For(parallel.Seq(len(descs)), func(i int) {
		d := &descs[i]
		if d.key.text == "" {
			return
		}
		if prev, ok := bl.riskTexts[d.key]; ok {
			*d = prev
			return
		}
		r := &finding.Report{Path: risk.File}
		d.body = md.Render(risk.File, d.key.lang, []byte(d.key.text), d.key.line, r)
		d.findings = r.Findings
	})
	kept := make(map[riskTextKey]riskText, len(descs))
	for i, rk := range reg.Risks {
		if d := descs[i]; d.body != nil {
			site.RiskText[rk.ID] = d.body
			findings = append(findings, d.findings...)
			kept[d.key] = d
		}
	}
	bl.riskTexts = kept
	return findings
}

// riskText is a risk's description rendered, and what it was rendered
// from.
type riskText struct {
	key      riskTextKey
	body     *markdown.Body
	findings finding.Findings
}

type riskTextKey struct {
	text   string
	line   int
	lang   string
	unsafe bool
}

// readInput reads an optional input file of the site (soa.yaml,
// risks.yaml): nil when there is none, and a warning, not its text, when
// it is a symbolic link that leaves the site — skipped, as the walk skips
// such links.
func readInput(fsys fs.FS, name string) ([]byte, finding.Findings, error) {
	src, err := sitefs.ReadInside(fsys, name)
	switch {
	case err == nil:
		return src, nil, nil
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil, nil
	case errors.Is(err, sitefs.ErrLeavesSite):
		r := &finding.Report{Path: name}
		r.Warnf(finding.FileStart, "symbolic link points outside the site folder; skipped")
		return nil, r.Findings, nil
	}
	return nil, nil, fmt.Errorf("reading %s: %w", name, err)
}

// readIntro renders the site folder's README.md or index.md, the
// introduction the list of documents shows; Resolve links its references.
func readIntro(fsys fs.FS, site *model.Site, p string) ([]byte, finding.Findings, error) {
	src, err := fs.ReadFile(fsys, p)
	if err != nil {
		return nil, nil, fmt.Errorf("reading %s: %w", p, err)
	}
	r := &finding.Report{Path: p}
	if !tree.CheckText(r, src) {
		return nil, r.Findings, nil
	}
	md := markdown.NewRenderer(site.Config.UnsafeHTML, false)
	site.Intro = md.Render(p, site.Config.Language, src, 1, r)
	site.IntroPath = p
	return src, r.Findings, nil
}
