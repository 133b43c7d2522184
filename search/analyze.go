package search

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
	"unique"

	"github.com/blevesearch/bleve/v2/analysis"
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

	memo    sync.Map // token, as the tokenizer cut it → tokenResult
	memoLen atomic.Int64
}

// memoLimit bounds the memo of one analyzer; past it, new tokens are
// filtered every time they are seen (a long-running preview server must not
// grow without end).
const memoLimit = 1 << 20

// A tokenResult is what the token filters made of one token.
type tokenResult struct {
	term    unique.Handle[string] // zero when a filter removed the token (a stop word)
	surface unique.Handle[string] // the token lowercased: the word as a reader would type it
}

func (r tokenResult) stop() bool { return r.term == unique.Handle[string]{} }

// token filters one token, through the memo.
func (a *textAnalyzer) token(tok []byte) tokenResult {
	if v, ok := a.memo.Load(string(tok)); ok {
		return v.(tokenResult)
	}
	r := tokenResult{surface: unique.Make(a.lowercase(tok))}
	if term, ok := runFilters(a.filters, tok); ok {
		r.term = unique.Make(term)
	}
	if a.memoLen.Load() < memoLimit {
		if _, loaded := a.memo.LoadOrStore(string(tok), r); !loaded {
			a.memoLen.Add(1)
		}
	}
	return r
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
// their frequencies, and the document's data file, ready to be written.
// It holds no reference to the Document it came from. An Analyzed is
// immutable; Export only reads it, so one may be cached and reused by many
// exports.
type Analyzed struct {
	id       string
	url      string
	typ      string
	analyzer analyzerID
	terms    []docTerm // the document's distinct terms, in order of first use
	fields   [numFields]fieldTerms
	data     []byte // the document's entry in its data file (a JSON array)
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
// for en). It also prepares the document's data file (title, link,
// sections, and the text for snippets, compressed). Analyze is safe for
// concurrent use; it is the costly step of the search index, and its result
// depends on nothing but the document.
func Analyze(d Document) *Analyzed {
	e := theEngine()
	a := e.analyzers[analyzerForLang(d.Lang)]
	b := docBuilder{
		a:       a,
		local:   make(map[string]int32, 512),
		surface: make(map[termSurface]int32, 512),
	}
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
		id:       d.ID,
		url:      d.URL,
		typ:      d.Type,
		analyzer: a.id,
		terms:    b.docTerms(),
		fields:   b.fields,
		data:     e.docData(d, a.id),
	}
	return r
}

// A docBuilder collects the terms of one document.
type docBuilder struct {
	a      *textAnalyzer
	local  map[string]int32 // token → index in tokens: a memo in front of the shared one
	tokens []localToken
	terms  []unique.Handle[string]
	index  map[unique.Handle[string]]int32 // term → index in terms

	surface map[termSurface]int32 // how often each word form produced each term

	fields  [numFields]fieldTerms
	freq    []int32 // scratch: frequency per term in the current field
	touched []int32 // scratch: terms seen in the current field, in order
	open    field   // the field being collected
	opened  bool
}

type localToken struct {
	term    int32 // index in terms, or -1 for a stop word
	surface unique.Handle[string]
	count   int32
}

type termSurface struct {
	term    int32
	surface unique.Handle[string]
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
		for _, tok := range b.a.tokenizer.Tokenize([]byte(text)) {
			b.count(tok.Term)
		}
	}
	switch f {
	case fieldHeadings, fieldControls, fieldClauses, fieldBody:
	default:
		b.end(f)
	}
}

func (b *docBuilder) count(tok []byte) {
	i, ok := b.local[string(tok)]
	if !ok {
		r := b.a.token(tok)
		lt := localToken{term: -1, surface: r.surface}
		if !r.stop() {
			lt.term = b.termIndex(r.term)
		}
		i = int32(len(b.tokens))
		b.tokens = append(b.tokens, lt)
		b.local[string(tok)] = i
	}
	lt := &b.tokens[i]
	lt.count++
	if lt.term < 0 {
		return
	}
	if b.freq[lt.term] == 0 {
		b.touched = append(b.touched, lt.term)
	}
	b.freq[lt.term]++
	b.fields[b.open].length++
}

func (b *docBuilder) termIndex(t unique.Handle[string]) int32 {
	if b.index == nil {
		b.index = make(map[unique.Handle[string]]int32, 512)
	}
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

// docTerms pairs each term with the lowercased word that produced it most
// often in the document (ties go to the word that sorts first).
func (b *docBuilder) docTerms() []docTerm {
	for _, lt := range b.tokens {
		if lt.term >= 0 {
			b.surface[termSurface{lt.term, lt.surface}] += lt.count
		}
	}
	best := make([]int32, len(b.terms))
	dts := make([]docTerm, len(b.terms))
	for i, t := range b.terms {
		dts[i].term = t
	}
	for ts, n := range b.surface {
		dt := &dts[ts.term]
		if n > best[ts.term] || n == best[ts.term] && ts.surface.Value() < dt.surface.Value() {
			best[ts.term] = n
			dt.surface = ts.surface
		}
	}
	return dts
}

// docData encodes the document's entry in its data file, a JSON array:
//
//	[id, title, url, type, analyzer, summary, [[heading, anchor, length]…], text]
//
// where text is the sections' texts, concatenated, compressed with DEFLATE
// and encoded in base64 (the client inflates it with the browser's
// DecompressionStream), and length is the length of each section's text in
// UTF-16 code units, the unit of JavaScript string indexes.
func (e *engine) docData(d Document, a analyzerID) []byte {
	var text bytes.Buffer
	var buf []byte
	buf = append(buf, '[')
	buf = appendJSString(buf, d.ID)
	buf = append(buf, ',')
	buf = appendJSString(buf, d.Title)
	buf = append(buf, ',')
	buf = appendJSString(buf, d.URL)
	buf = append(buf, ',')
	buf = appendJSString(buf, d.Type)
	buf = append(buf, ',')
	buf = appendJSString(buf, a.name())
	buf = append(buf, ',')
	buf = appendJSString(buf, d.Summary)
	buf = append(buf, ",["...)
	for i, s := range d.Sections {
		if i > 0 {
			buf = append(buf, ',')
		}
		t := validUTF8(s.Text)
		text.WriteString(t)
		buf = append(buf, '[')
		buf = appendJSString(buf, s.Heading)
		buf = append(buf, ',')
		buf = appendJSString(buf, s.Anchor)
		buf = append(buf, ',')
		buf = appendUint(buf, uint64(utf16Len(t)))
		buf = append(buf, ']')
	}
	buf = append(buf, "],\""...)
	z := e.compress(text.Bytes())
	buf = base64.StdEncoding.AppendEncode(buf, z)
	buf = append(buf, "\"]"...)
	return buf
}

// compress deflates text. DEFLATE at its fastest level keeps the cost of a
// build low and still halves prose; the client has no gzip to rely on when
// the site is opened from file://.
func (e *engine) compress(text []byte) []byte {
	if len(text) == 0 {
		return nil
	}
	var out bytes.Buffer
	w, _ := e.deflaters.Get().(*flate.Writer)
	if w == nil {
		w, _ = flate.NewWriter(&out, flate.BestSpeed)
	} else {
		w.Reset(&out)
	}
	w.Write(text)
	w.Close()
	e.deflaters.Put(w)
	return out.Bytes()
}

func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// utf16Len is the length of s in UTF-16 code units.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}
