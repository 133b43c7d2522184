package search

import (
	"bytes"
	"compress/flate"
	"fmt"
	"hash/maphash"
	"io"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
	"unique"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/segment"
)

// A textAnalyzer is one of bleve's analyzers taken apart: its tokenizer,
// run over whole texts, and its token filters, run once per distinct token
// and remembered. bleve's token filters (possessive, lowercase, stop words,
// stemmer) each look at one token at a time, so filtering the distinct
// tokens gives the very terms bleve's analyzer gives for the text, and a
// site's vocabulary is a few tens of thousands of words where its text is
// millions of tokens.
type textAnalyzer struct {
	id        analyzerID
	tokenizer analysis.Tokenizer
	filters   []analysis.TokenFilter
	lower     analysis.TokenFilter
	// segments is set when the tokenizer is bleve's unicode tokenizer,
	// which keeps the segments of github.com/blevesearch/segment that are
	// words; see words.
	segments bool

	memo [memoShards]memoShard // token, as the tokenizer cut it → tokenResult
	seed maphash.Seed
}

// The memo is sharded by the token's hash, so that the pipeline's workers
// seldom meet on a lock; a shard is read under a read lock, which costs
// far less than the token filters.
const memoShards = 64

type memoShard struct {
	mu sync.RWMutex
	m  map[string]tokenResult
	_  [32]byte // keep shards on separate cache lines
}

// memoLimit bounds each shard; past it, new tokens are filtered every time
// they are seen (a long-running preview server must not grow without end).
const memoLimit = 1 << 15

// A tokenResult is what the token filters made of one token.
type tokenResult struct {
	term    unique.Handle[string] // zero when a filter removed the token (a stop word)
	surface unique.Handle[string] // the token lowercased: the word as a reader would type it
	// candidate is set for a Norwegian word that may be a compound (see
	// compound.go), which Export tries to split.
	candidate bool
}

func (r tokenResult) stop() bool { return r.term == unique.Handle[string]{} }

// token filters one token, through the memo.
func (a *textAnalyzer) token(tok []byte) tokenResult {
	sh := &a.memo[maphash.Bytes(a.seed, tok)%memoShards]
	sh.mu.RLock()
	r, ok := sh.m[string(tok)]
	sh.mu.RUnlock()
	if ok {
		return r
	}
	r = tokenResult{surface: unique.Make(a.lowercase(tok))}
	if term, ok := runFilters(a.filters, tok); ok {
		r.term = unique.Make(term)
		r.candidate = a.id == analyzerNo && compoundCandidate(r.surface.Value())
	}
	sh.mu.Lock()
	if sh.m == nil {
		sh.m = make(map[string]tokenResult)
	}
	if len(sh.m) < memoLimit {
		sh.m[string(tok)] = r
	}
	sh.mu.Unlock()
	return r
}

// A scratch holds the buffers of one tokenization at a time.
type scratch struct {
	text  []byte
	vals  [][]byte
	types []int
}

// words calls fn with each token of text. It is what the tokenizer's
// Tokenize gives, without building its token structures: bleve's unicode
// tokenizer is the word segmenter of github.com/blevesearch/segment with the
// segments of type None (spaces, punctuation) left out, and this calls that
// segmenter over the whole text at once, into reused buffers. The tokens
// fn gets are valid until it returns. (TestWordsAreTokenize holds the two
// equal.)
func (a *textAnalyzer) words(text string, s *scratch, fn func([]byte)) {
	s.text = append(s.text[:0], text...)
	if a.segments {
		vals, types, _, err := segment.SegmentWordsDirect(s.text, s.vals[:0], s.types[:0])
		s.vals, s.types = vals, types
		if err == nil {
			for i, v := range vals {
				if types[i] != segment.None {
					fn(v)
				}
			}
			return
		}
	}
	for _, tok := range a.tokenizer.Tokenize(s.text) {
		fn(tok.Term)
	}
}

// lowercase runs bleve's lowercase filter alone over a token.
func (a *textAnalyzer) lowercase(tok []byte) string {
	s, _ := runFilters([]analysis.TokenFilter{a.lower}, tok)
	return s
}

// runFilters puts one token through token filters. It reports false when a
// filter removed the token.
func runFilters(filters []analysis.TokenFilter, tok []byte) (string, bool) {
	t := &analysis.Token{Term: bytes.Clone(tok), End: len(tok), Position: 1, Type: analysis.AlphaNumeric}
	stream := analysis.TokenStream{t}
	for _, f := range filters {
		stream = f.Filter(stream)
	}
	if len(stream) == 0 {
		return "", false
	}
	return string(stream[0].Term), true
}

// Analyzed is a document after analysis: the terms of each field with
// their frequencies, and what a result shows of it. It holds no reference
// to the Document it came from, but shares its strings. An Analyzed is
// immutable; Export only reads it, so one may be cached and reused by many
// exports.
type Analyzed struct {
	id       string
	url      string
	typ      string
	analyzer analyzerID
	terms    []docTerm // the document's distinct terms, in order of first use
	fields   [numFields]fieldTerms

	// Of a Norwegian document, the words of each field that may be
	// compounds, which Export splits (compound.go).
	candidates []candidate

	// record is what a result shows, without the sections' texts: those
	// are in text, one after another, compressed (the fastest DEFLATE
	// takes prose to about 42 %), textLens bytes each.
	record   docRecord
	text     []byte
	textLens []int32
}

// A candidate is a word of a field that may be a compound, with the
// number of times the field has it.
type candidate struct {
	word  unique.Handle[string]
	freq  int32
	field uint8
}

// A docTerm is a distinct term of a document and the word form that
// produced it most often there (shown when the client suggests terms).
type docTerm struct {
	term, surface unique.Handle[string]
}

// fieldTerms is one field of an analysed document: its length in tokens
// (stop words left out, as bleve counts it) and its terms.
type fieldTerms struct {
	length int32
	terms  []termFreq
}

type termFreq struct {
	term int32 // index in Analyzed.terms
	freq int32
}

// Analyze runs one document through bleve's analysis: each field through
// the analyzer of the document's language (Norwegian for nb and nn, English
// for en). It also keeps what a result shows of the document (title, link,
// sections and their text). Analyze is safe for concurrent use; it is the
// costly step of the search index, and its result depends on nothing but
// the document.
func Analyze(d Document) *Analyzed {
	e := theEngine()
	a := e.analyzers[analyzerForLang(d.Lang)]
	b := e.builder(a)
	defer e.builders.Put(b)
	b.add(fieldTitle, d.Title)
	b.add(fieldID, d.ID)
	b.add(fieldSummary, d.Summary)
	for _, s := range d.Sections {
		b.add(fieldHeadings, s.Heading)
	}
	b.end(fieldHeadings)
	for _, c := range d.Controls {
		b.add(fieldControls, c)
	}
	b.end(fieldControls)
	for _, c := range d.Clauses {
		b.add(fieldClauses, c)
	}
	b.end(fieldClauses)
	b.add(fieldOwner, d.Owner)
	b.add(fieldType, d.Type)
	for _, s := range d.Sections {
		b.add(fieldBody, s.Text)
	}
	b.end(fieldBody)

	r := &Analyzed{
		id:         d.ID,
		url:        d.URL,
		typ:        d.Type,
		analyzer:   a.id,
		terms:      b.docTerms(),
		fields:     b.fields,
		candidates: slices.Clone(b.candidates),
		record:     newDocRecord(d, a.id),
	}
	r.text, r.textLens = e.compressText(r.record.Sections)
	for i := range r.record.Sections {
		r.record.Sections[i].Text = ""
	}
	return r
}

// compressText compresses the sections' texts, one after another, with
// the fastest DEFLATE, and returns their lengths in bytes.
func (e *engine) compressText(sections []sectionRecord) ([]byte, []int32) {
	if len(sections) == 0 {
		return nil, nil
	}
	d, _ := e.deflaters.Get().(*deflater)
	if d == nil {
		d = new(deflater)
		d.w, _ = flate.NewWriter(&d.out, flate.BestSpeed)
	}
	defer e.deflaters.Put(d)
	d.out.Reset()
	d.w.Reset(&d.out)
	lens := make([]int32, len(sections))
	for i, s := range sections {
		d.w.Write([]byte(s.Text))
		lens[i] = int32(len(s.Text))
	}
	d.w.Close()
	return bytes.Clone(d.out.Bytes()), lens
}

// A deflater is a DEFLATE writer with its output buffer, reused.
type deflater struct {
	w   *flate.Writer
	out bytes.Buffer
}

// sectionTexts inflates the sections' texts with r (a reader of
// flate.NewReader, reused) into buf; they are valid until buf is used
// again.
func (a *Analyzed) sectionTexts(r io.ReadCloser, buf *bytes.Buffer) ([]string, error) {
	if len(a.textLens) == 0 {
		return nil, nil
	}
	if err := r.(flate.Resetter).Reset(bytes.NewReader(a.text), nil); err != nil {
		return nil, err
	}
	buf.Reset()
	if _, err := buf.ReadFrom(r); err != nil {
		return nil, fmt.Errorf("search: the text of %s: %w", a.id, err)
	}
	text := buf.String()
	out := make([]string, len(a.textLens))
	at := 0
	for i, n := range a.textLens {
		if at+int(n) > len(text) {
			return nil, fmt.Errorf("search: the text of %s is shorter than its sections", a.id)
		}
		out[i] = text[at : at+int(n)]
		at += int(n)
	}
	return out, nil
}

// newDocRecord is what a result shows of d.
func newDocRecord(d Document, a analyzerID) docRecord {
	r := docRecord{
		ID: validUTF8(d.ID), Title: validUTF8(d.Title), URL: validUTF8(d.URL), Type: validUTF8(d.Type),
		Analyzer: a.name(), Summary: validUTF8(d.Summary),
		Sections: make([]sectionRecord, len(d.Sections)),
	}
	for i, s := range d.Sections {
		r.Sections[i] = sectionRecord{Heading: validUTF8(s.Heading), Anchor: validUTF8(s.Anchor), Text: validUTF8(s.Text)}
	}
	return r
}

// builder returns a docBuilder for analyzer a, reused from an earlier
// document when one is free (its maps and buffers keep their capacity, its
// token cache its tokens).
func (e *engine) builder(a *textAnalyzer) *docBuilder {
	b, _ := e.builders.Get().(*docBuilder)
	if b == nil {
		b = &docBuilder{
			index:    make(map[unique.Handle[string]]int32, 1024),
			candFreq: make(map[unique.Handle[string]]int32),
		}
		for i := range b.caches {
			b.caches[i] = make(map[string]*cachedToken, 1<<12)
		}
	}
	b.a = a
	b.epoch++
	clear(b.index)
	b.seen, b.terms, b.freq, b.touched = b.seen[:0], b.terms[:0], b.freq[:0], b.touched[:0]
	b.candidates = b.candidates[:0]
	clear(b.candFreq)
	b.fields = [numFields]fieldTerms{}
	b.opened = false
	return b
}

// A docBuilder collects the terms of one document. Builders are reused
// (see engine.builder), and each keeps a cache of the tokens it has seen in
// earlier documents, so that most tokens cost one map lookup: the shared
// memo is asked only the first time a builder meets a token.
type docBuilder struct {
	a       *textAnalyzer
	scratch scratch
	caches  [numAnalyzers]map[string]*cachedToken
	front   [numAnalyzers][frontSlots]frontSlot
	epoch   uint32         // the document being built; cachedToken.epoch says whether a token was seen in it
	seen    []*cachedToken // tokens seen in this document
	terms   []unique.Handle[string]
	index   map[unique.Handle[string]]int32 // term → index in terms

	fields  [numFields]fieldTerms
	freq    []int32 // scratch: frequency per term in the current field
	touched []int32 // scratch: terms seen in the current field, in order
	open    field   // the field being collected
	opened  bool

	candidates []candidate
	candFreq   map[unique.Handle[string]]int32 // scratch: candidates of the current field
}

// builderCacheLimit bounds the token cache of a builder.
const builderCacheLimit = 1 << 18

// frontSlots is the size of a builder's direct-mapped cache.
const frontSlots = 4096

type frontSlot struct {
	key string
	c   *cachedToken
}

// A cachedToken is a token a builder has seen, with what it is in the
// document being built.
type cachedToken struct {
	key   string
	r     tokenResult
	epoch uint32 // the document the fields below are about
	term  int32  // index in the document's terms, or -1 for a stop word
	count int32  // occurrences in the document
}

// add analyses text as (part of) field f. Parts of a multi-valued field
// (headings, controls, clauses, the body's sections) are added one after
// another and closed with end; single-valued fields close themselves.
func (b *docBuilder) add(f field, text string) {
	if b.opened && b.open != f {
		b.end(b.open)
	}
	b.open, b.opened = f, true
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	if text != "" {
		b.a.words(text, &b.scratch, b.count)
	}
	switch f {
	case fieldHeadings, fieldControls, fieldClauses, fieldBody:
	default:
		b.end(f)
	}
}

func (b *docBuilder) count(tok []byte) {
	// A direct-mapped cache of recent tokens in front of the map: text
	// repeats its frequent words, and the slot is found with a cheap hash
	// and one comparison.
	h := uint32(2166136261)
	for _, c := range tok {
		h = (h ^ uint32(c)) * 16777619
	}
	slot := &b.front[b.a.id][h%frontSlots]
	c := slot.c
	if c == nil || slot.key != string(tok) {
		cache := b.caches[b.a.id]
		c = cache[string(tok)]
		if c == nil {
			c = &cachedToken{r: b.a.token(tok), key: string(tok)}
			if len(cache) >= builderCacheLimit {
				clear(cache)
			}
			cache[string(tok)] = c
		}
		slot.key, slot.c = c.key, c
	}
	if c.epoch != b.epoch {
		c.epoch, c.count, c.term = b.epoch, 0, -1
		if !c.r.stop() {
			c.term = b.termIndex(c.r.term)
		}
		b.seen = append(b.seen, c)
	}
	c.count++
	if c.term < 0 {
		return
	}
	if b.freq[c.term] == 0 {
		b.touched = append(b.touched, c.term)
	}
	b.freq[c.term]++
	b.fields[b.open].length++
	if c.r.candidate {
		b.candFreq[c.r.surface]++
	}
}

func (b *docBuilder) termIndex(t unique.Handle[string]) int32 {
	if i, ok := b.index[t]; ok {
		return i
	}
	i := int32(len(b.terms))
	b.terms = append(b.terms, t)
	b.index[t] = i
	b.freq = append(b.freq, 0)
	return i
}

// end closes field f: its terms with their frequencies, in order of first
// use in the field.
func (b *docBuilder) end(f field) {
	if !b.opened || b.open != f {
		return
	}
	b.opened = false
	if len(b.candFreq) > 0 {
		start := len(b.candidates)
		for w, n := range b.candFreq {
			b.candidates = append(b.candidates, candidate{word: w, field: uint8(f), freq: n})
		}
		slices.SortFunc(b.candidates[start:], func(x, y candidate) int { return strings.Compare(x.word.Value(), y.word.Value()) })
		clear(b.candFreq)
	}
	if len(b.touched) == 0 {
		return
	}
	ts := make([]termFreq, len(b.touched))
	for j, t := range b.touched {
		ts[j] = termFreq{term: t, freq: b.freq[t]}
		b.freq[t] = 0
	}
	b.fields[f].terms = ts
	b.touched = b.touched[:0]
}

// docTerms pairs each term with the word that produced it most often in
// the document (ties go to the word that sorts first). Case variants of a
// word count separately, which matters little for a word to show.
func (b *docBuilder) docTerms() []docTerm {
	best := b.freq[:len(b.terms)] // all zero between fields
	defer clear(best)
	dts := make([]docTerm, len(b.terms))
	for i, t := range b.terms {
		dts[i].term = t
	}
	for _, c := range b.seen {
		if c.term < 0 {
			continue
		}
		dt := &dts[c.term]
		if c.count > best[c.term] || c.count == best[c.term] && c.r.surface.Value() < dt.surface.Value() {
			best[c.term] = c.count
			dt.surface = c.r.surface
		}
	}
	return dts
}

func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}
