package search

import (
	"bytes"
	"hash/maphash"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/isms-project/isms/internal/words"
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
	term    atom // zero when a filter removed the token (a stop word)
	surface atom // the token lowercased: the word as a reader would type it
	// candidate is set for a Norwegian word that may be a compound (see
	// compound.go), which Export tries to split.
	candidate bool
}

func (r tokenResult) stop() bool { return r.term == 0 }

// token filters one token, through the memo.
func (a *textAnalyzer) token(tok []byte) tokenResult {
	sh := &a.memo[maphash.Bytes(a.seed, tok)%memoShards]
	sh.mu.RLock()
	r, ok := sh.m[string(tok)]
	sh.mu.RUnlock()
	if ok {
		return r
	}
	lower := a.lowercase(tok)
	r = tokenResult{surface: atomOf(lower)}
	if term, ok := runFilters(a.filters, tok); ok {
		r.term = atomOf(term)
		r.candidate = a.id == analyzerNo && compoundCandidate(lower)
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
	text []byte
	cut  words.Scratch
}

// words calls fn with each token of text, as the tokenizer's Tokenize
// cuts them, without building its token structures. bleve's unicode
// tokenizer keeps the segments of github.com/blevesearch/segment's word
// segmenter that hold a letter or a digit; internal/words cuts those
// (TestCutIsTokenizer holds it to the tokenizer), most of an ISMS's text
// without the segmenter's state machine. (On invalid UTF-8 the segmenter
// stops, and the tokenizer with it; the tokenizer cuts such text here, as
// it would in bleve.) The tokens fn gets are valid until it returns.
func (a *textAnalyzer) words(text string, s *scratch, fn func([]byte)) {
	if a.segments && utf8.ValidString(text) {
		s.text = append(s.text[:0], text...)
		words.Cut(text, &s.cut, func(start, end int) { fn(s.text[start:end]) })
		return
	}
	for _, tok := range a.tokenizer.Tokenize([]byte(text)) {
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
	// compounds, in order of first use, which Export splits (compound.go).
	candidates []candidate

	// record is what a result shows, without the sections' texts: of
	// those, texts keeps the beginnings, as much as a data shard can
	// show (see WithTextBudget and trimmedRecord), and textLens their
	// whole lengths, by which the shard shares out its text.
	record   docRecord
	texts    []string
	textLens []int32
	kept     int // the budget texts were kept for
}

// A candidate is a word of a field that may be a compound, with the
// number of times the field has it.
type candidate struct {
	word  atom
	freq  int32
	field uint8
}

// A docTerm is a distinct term of a document and the word form that
// produced it most often there (shown when the client suggests terms).
type docTerm struct {
	term, surface atom
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
	defer e.builders.put(b)
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
	r.keepText(docShardText)
	return r
}

// keepText moves the sections' texts out of the record into texts,
// keeping of each as much as a data shard can show of it when the
// document's share of the shard's text is budget, and a character more,
// which cutText looks at. They share the document's strings: a build
// cuts them to the site's budget with WithTextBudget.
func (a *Analyzed) keepText(budget int) {
	sections := a.record.Sections
	if len(sections) == 0 {
		return
	}
	a.textLens = make([]int32, len(sections))
	a.texts = make([]string, len(sections))
	for i, s := range sections {
		a.textLens[i] = int32(len(s.Text))
	}
	a.kept = budget
	most := textShare(a.textLens, budget) + utf8.UTFMax
	for i, s := range sections {
		a.texts[i] = s.Text[:min(len(s.Text), most)]
		sections[i].Text = ""
	}
}

// WithTextBudget returns a keeping no more of its sections' text than a
// site whose TextBudget is budget shows, in strings of its own: a itself
// when it keeps no more, else a copy, so that a large site keeps only what
// its results show. An Analyzed cut for a larger site shows no more than
// it kept in a smaller one.
func (a *Analyzed) WithTextBudget(budget int) *Analyzed {
	if budget >= a.kept || len(a.texts) == 0 {
		return a
	}
	b := *a
	b.kept = budget
	most := textShare(a.textLens, budget) + utf8.UTFMax
	n := 0
	for _, s := range a.texts {
		n += min(len(s), most)
	}
	var buf strings.Builder
	buf.Grow(n)
	for _, s := range a.texts {
		buf.WriteString(s[:min(len(s), most)])
	}
	all := buf.String()
	b.texts = make([]string, len(a.texts))
	at := 0
	for i, s := range a.texts {
		n := min(len(s), most)
		b.texts[i] = all[at : at+n]
		at += n
	}
	return &b
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
// document when one is free (its tables and buffers keep their capacity,
// its token tables their tokens).
func (e *engine) builder(a *textAnalyzer) *docBuilder {
	b := e.builders.get()
	if b == nil {
		b = &docBuilder{
			index:  make(map[atom]int32, 1024),
			candAt: make(map[atom]int32),
		}
	}
	b.a = a
	b.tokens = &b.tables[a.id]
	b.tokens.start(a.seed)
	b.epoch++
	clear(b.index)
	b.seen, b.terms, b.freq, b.touched = b.seen[:0], b.terms[:0], b.freq[:0], b.touched[:0]
	b.candidates = b.candidates[:0]
	clear(b.candAt)
	b.fields = [numFields]fieldTerms{}
	b.opened = false
	return b
}

// A docBuilder collects the terms of one document. Builders are reused
// (see engine.builder), and each keeps a table of the tokens it has seen
// in earlier documents, so that most tokens cost one lookup there: the
// shared memo is asked only the first time a builder meets a token.
type docBuilder struct {
	a       *textAnalyzer
	scratch scratch
	tables  [numAnalyzers]tokenTable
	tokens  *tokenTable // the table of a
	epoch   uint32      // the document being built; cachedToken.epoch says whether a token was seen in it
	seen    []int32     // tokens seen in this document, by index in tokens.toks
	terms   []atom
	index   map[atom]int32 // term → index in terms

	fields  [numFields]fieldTerms
	freq    []int32 // scratch: frequency per term in the current field
	touched []int32 // scratch: terms seen in the current field, in order
	open    field   // the field being collected
	opened  bool

	candidates []candidate
	candAt     map[atom]int32 // scratch: index in candidates of each candidate of the current field
}

// A tokenTable is a builder's table of the tokens it has seen with one
// analyzer: open addressing with linear probing over slots that hold a
// token's hash and its index in toks, so that a lookup reads one slot
// and, when the hash matches, one token. It grows while a document is
// built and starts over before a document when it holds more than
// builderCacheLimit tokens (a long-running preview server must not grow
// without end).
type tokenTable struct {
	slots []tokenSlot // a power of two of them, at most half in use
	toks  []cachedToken
	seed  maphash.Seed
}

type tokenSlot struct {
	hash uint32
	tok  int32 // index in toks, plus one; 0 for an empty slot
}

// builderCacheLimit bounds the tokens of a builder's table.
const builderCacheLimit = 1 << 18

// start readies the table for a document.
func (t *tokenTable) start(seed maphash.Seed) {
	if t.slots == nil || len(t.toks) > builderCacheLimit {
		t.slots = make([]tokenSlot, 1<<14)
		t.toks = t.toks[:0]
		t.seed = seed
	}
}

// find returns the index in toks of tok, whose hash is h, or the
// complement of the slot where it would go.
func (t *tokenTable) find(tok []byte, h uint32) int {
	mask := len(t.slots) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s.tok == 0 {
			return ^i
		}
		if s.hash == h && t.toks[s.tok-1].key == string(tok) {
			return int(s.tok - 1)
		}
	}
}

// add adds c, whose hash is h, at slot i (from find) and returns its
// index in toks.
func (t *tokenTable) add(i int, h uint32, c cachedToken) int {
	t.toks = append(t.toks, c)
	t.slots[i] = tokenSlot{hash: h, tok: int32(len(t.toks))}
	if 2*len(t.toks) > len(t.slots) {
		t.grow()
	}
	return len(t.toks) - 1
}

// grow doubles the slots.
func (t *tokenTable) grow() {
	old := t.slots
	t.slots = make([]tokenSlot, 2*len(old))
	mask := len(t.slots) - 1
	for _, s := range old {
		if s.tok == 0 {
			continue
		}
		i := int(s.hash) & mask
		for t.slots[i].tok != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = s
	}
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
	t := b.tokens
	h := uint32(maphash.Bytes(t.seed, tok))
	i := t.find(tok, h)
	if i < 0 {
		i = t.add(^i, h, cachedToken{key: string(tok), r: b.a.token(tok)})
	}
	c := &t.toks[i]
	if c.epoch != b.epoch {
		c.epoch, c.count, c.term = b.epoch, 0, -1
		if !c.r.stop() {
			c.term = b.termIndex(c.r.term)
		}
		b.seen = append(b.seen, int32(i))
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
		if j, ok := b.candAt[c.r.surface]; ok {
			b.candidates[j].freq++
		} else {
			b.candAt[c.r.surface] = int32(len(b.candidates))
			b.candidates = append(b.candidates, candidate{word: c.r.surface, field: uint8(b.open), freq: 1})
		}
	}
}

func (b *docBuilder) termIndex(t atom) int32 {
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
	clear(b.candAt)
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
	for _, i := range b.seen {
		c := &b.tokens.toks[i]
		if c.term < 0 {
			continue
		}
		dt := &dts[c.term]
		if c.count > best[c.term] || c.count == best[c.term] && c.r.surface.String() < dt.surface.String() {
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
