package search

import (
	"fmt"
	"hash/maphash"
	"runtime"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/no"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
)

// A field is one of the indexed parts of a document. The order is the
// order of the fields in the exported index and in every query.
type field int

const (
	fieldTitle field = iota
	fieldID
	fieldSummary
	fieldHeadings
	fieldControls
	fieldClauses
	fieldOwner
	fieldType
	fieldBody
	numFields
)

// name is the field's name in the bleve mapping and in the manifest.
func (f field) name() string {
	return [numFields]string{"title", "id", "summary", "headings", "controls", "clauses", "owner", "type", "body"}[f]
}

// boost weighs a match in the field: the title and the document ID above
// headings and summary, those above the body.
func (f field) boost() float64 {
	return [numFields]float64{3, 3, 2, 2, 2, 2, 1, 1, 1}[f]
}

// An analyzerID names one of the two analyzers: Norwegian ("no", for nb
// and nn documents) and English ("en").
type analyzerID uint8

const (
	analyzerNo analyzerID = iota
	analyzerEn
	numAnalyzers
)

// name is bleve's registered name of the analyzer, also the document type
// in the mapping and the code the client knows the analyzer by.
func (a analyzerID) name() string {
	return [numAnalyzers]string{no.AnalyzerName, en.AnalyzerName}[a]
}

// analyzerForLang picks the analyzer for a document language: English for
// "en" (and "en-…"), Norwegian for everything else — nb, nn, and a missing
// language, which the pipeline fills with the site language anyway.
func analyzerForLang(lang string) analyzerID {
	if lang == "en" || len(lang) > 3 && lang[:3] == "en-" {
		return analyzerEn
	}
	return analyzerNo
}

// typeField is the document property that selects the document mapping
// (the analyzer) in the reference index.
const typeField = "analyzer"

// newIndexMapping is the one bleve mapping both the build (through
// [engine]) and the reference index in the tests analyse with: a document
// type per analyzer, each mapping the same text fields and nothing else.
func newIndexMapping() *mapping.IndexMappingImpl {
	m := mapping.NewIndexMapping()
	m.TypeField = typeField
	m.DefaultMapping = mapping.NewDocumentDisabledMapping()
	for a := range numAnalyzers {
		dm := mapping.NewDocumentStaticMapping()
		dm.DefaultAnalyzer = a.name()
		for f := range numFields {
			fm := mapping.NewTextFieldMapping()
			fm.Store = false
			fm.IncludeInAll = false
			fm.IncludeTermVectors = false
			fm.DocValues = false
			dm.AddFieldMappingsAt(f.name(), fm)
		}
		m.AddDocumentMapping(a.name(), dm)
	}
	return m
}

// An engine holds the mapping and the analyzers taken from it. It is built
// once (see [theEngine]) and never changes, except for the memo of its
// analyzers, a cache that is safe for concurrent use.
type engine struct {
	mapping   *mapping.IndexMappingImpl
	analyzers [numAnalyzers]*textAnalyzer
	builders  builderList
}

// A builderList keeps the docBuilders free for the next document. It is
// not a sync.Pool: a pool lets its items go at every garbage collection,
// and a builder is worth keeping for its token cache, which makes most
// tokens of the next document cost one lookup. It keeps as many builders
// as there have been documents analysed at once, up to maxFreeBuilders.
type builderList struct {
	mu   sync.Mutex
	free []*docBuilder
}

// maxFreeBuilders bounds the builders kept (each holds a token cache of
// up to builderCacheLimit tokens).
var maxFreeBuilders = max(4, runtime.GOMAXPROCS(0))

func (l *builderList) get() *docBuilder {
	l.mu.Lock()
	defer l.mu.Unlock()
	if n := len(l.free); n > 0 {
		b := l.free[n-1]
		l.free = l.free[:n-1]
		return b
	}
	return nil
}

func (l *builderList) put(b *docBuilder) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.free) < maxFreeBuilders {
		l.free = append(l.free, b)
	}
}

// theEngine returns the package's engine, built on first use. The engine
// is immutable apart from the memo caches; no option or registry of ours
// lives at package level.
var theEngine = sync.OnceValue(func() *engine {
	e, err := newEngine()
	if err != nil {
		// The mapping is fixed in this file and bleve's analyzers are
		// compiled in, so this is a programming error.
		panic(err)
	}
	return e
})

func newEngine() (*engine, error) {
	m := newIndexMapping()
	e := &engine{mapping: m}
	for a := range numAnalyzers {
		dm := m.TypeMapping[a.name()]
		an, ok := m.AnalyzerNamed(dm.DefaultAnalyzer).(*analysis.DefaultAnalyzer)
		if !ok {
			return nil, fmt.Errorf("search: analyzer %q is not a tokenizer followed by token filters", dm.DefaultAnalyzer)
		}
		_, segments := an.Tokenizer.(*unicode.UnicodeTokenizer)
		ta := &textAnalyzer{id: a, tokenizer: an.Tokenizer, filters: an.TokenFilters, segments: segments, seed: maphash.MakeSeed()}
		for _, f := range an.TokenFilters {
			if _, ok := f.(*lowercase.LowerCaseFilter); ok {
				ta.lower = f
			}
		}
		if ta.lower == nil {
			return nil, fmt.Errorf("search: analyzer %q has no lowercase filter", dm.DefaultAnalyzer)
		}
		e.analyzers[a] = ta
	}
	return e, nil
}
