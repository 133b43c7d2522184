package suggest

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/isms-project/isms/search"
)

// Matching reads each document once: its title, its headings and its
// text sentence by sentence, through the analyzer of its language, and
// finds where the phrases of every control's query occur. A phrase of
// several terms occurs where its terms follow each other (a word between
// them is allowed: "access to customer data" has "access … data"); where
// the terms are all in one sentence but apart, it half-occurs. What is
// kept of a document is how often each phrase occurs (its term frequency)
// and which sentence held which phrase, for the evidence.

// Where a match was found: the document's title, a heading or the text.
type place uint8

const (
	inText place = iota
	inHeading
	inTitle
)

// boost weighs a match by its place: a heading or title that names the
// subject says more than a sentence that mentions it.
func (p place) boost() float32 {
	return [...]float32{inText: 1, inHeading: 2, inTitle: 3}[p]
}

// Matching parameters.
const (
	nearStrength = 0.5 // all terms of a phrase in one sentence, not together
	maxGap       = 1   // words allowed between consecutive terms of a phrase
)

// A sentence is a unit of text that phrases are matched in.
type sentence struct {
	section    int32 // index in Document.Sections; -1 for the title
	start, end int32 // byte offsets in the section's Text (text only)
	place      place
}

// A sentenceHit records that a sentence holds a phrase, with the summed
// strength of its occurrences there (not boosted).
type sentenceHit struct {
	sentence int32
	phrase   int32
	strength float32
}

// A phraseTF is a phrase's boosted term frequency in a document.
type phraseTF struct {
	phrase int32
	tf     float32
}

// A docMatch is what matching keeps of a document.
type docMatch struct {
	analyzer  analyzer
	length    int // terms in the title, headings and text
	tf        []phraseTF
	hits      []sentenceHit
	sentences []sentence
}

// A matcher matches documents one at a time; each worker has its own.
type matcher struct {
	qs *querySet
	ta [numAnalyzers]*search.TextAnalyzer
	// cache holds what each token (as the tokenizer cut it) is to the
	// query, so that a token seen before costs one map lookup; front is a
	// direct-mapped cache of recent tokens in front of it, since text
	// repeats its frequent words and a slot costs a cheap hash and one
	// comparison.
	cache [numAnalyzers]map[string]tokenInfo
	front [numAnalyzers]*[frontSlots]frontSlot

	// Scratch, reused between sentences and documents.
	hits    []hit
	tf      []float32 // per phrase of the current query
	touched []int32
}

// tokenInfo is what a token is to the query of its analyzer.
type tokenInfo struct {
	stop bool      // a stop word: not a term
	refs []termRef // the phrases its term matches
}

// A hit is a term of a sentence that is a term of a phrase, packed in a
// number that orders hits by phrase, then position in the phrase, then
// position in the sentence: phrase<<40 | pos<<32 | idx<<1 | partial.
type hit uint64

func newHit(r termRef, idx uint64) hit {
	h := hit(uint64(r.phrase)<<40 | uint64(r.pos)<<32 | idx<<1)
	if r.partial {
		h |= 1
	}
	return h
}

func (h hit) phrase() int32 { return int32(h >> 40) }
func (h hit) pos() uint8    { return uint8(h >> 32) }
func (h hit) idx() int32    { return int32(uint32(h) >> 1) }

// strength is 1 for the phrase's term itself, partialStrength for a
// compound part.
func (h hit) strength() float32 {
	if h&1 != 0 {
		return partialStrength
	}
	return 1
}

const frontSlots = 4096

type frontSlot struct {
	token string
	info  tokenInfo
}

// cacheLimit bounds a matcher's cache of tokens (a site's vocabulary is
// far smaller; this only keeps a pathological input from growing it).
const cacheLimit = 1 << 18

func newMatcher(qs *querySet) *matcher {
	m := &matcher{qs: qs}
	for a := range numAnalyzers {
		m.ta[a] = search.NewTextAnalyzer(a.lang())
		m.cache[a] = map[string]tokenInfo{}
		m.front[a] = new([frontSlots]frontSlot)
	}
	return m
}

// token returns what tok is to the query of analyzer a.
func (m *matcher) token(a analyzer, tok []byte) tokenInfo {
	h := uint32(2166136261) // FNV-1a
	for _, c := range tok {
		h = (h ^ uint32(c)) * 16777619
	}
	slot := &m.front[a][h%frontSlots]
	if slot.token == string(tok) && slot.token != "" {
		return slot.info
	}
	info, ok := m.cache[a][string(tok)]
	if !ok {
		if term, ok := m.ta[a].Term(tok); ok {
			info.refs = m.qs.q[a].refs(term)
		} else {
			info.stop = true
		}
		if len(m.cache[a]) >= cacheLimit {
			clear(m.cache[a])
		}
		m.cache[a][string(tok)] = info
	}
	slot.token, slot.info = string(tok), info
	return info
}

// match reads one document.
func (m *matcher) match(d *Document) *docMatch {
	a := analyzerFor(d.Lang)
	q := m.qs.q[a]
	if cap(m.tf) < len(q.phrases) {
		m.tf = make([]float32, len(q.phrases))
	}
	m.tf = m.tf[:len(q.phrases)]
	dm := &docMatch{analyzer: a}
	m.sentence(dm, d.Title, sentence{section: -1, place: inTitle})
	for i, s := range d.Sections {
		if s.Heading != "" {
			m.sentence(dm, s.Heading, sentence{section: int32(i), place: inHeading})
		}
		splitSentences(s.Text, func(start, end int) {
			m.sentence(dm, s.Text[start:end], sentence{section: int32(i), start: int32(start), end: int32(end)})
		})
	}
	slices.Sort(m.touched)
	dm.tf = make([]phraseTF, len(m.touched))
	for i, p := range m.touched {
		dm.tf[i] = phraseTF{phrase: p, tf: m.tf[p]}
		m.tf[p] = 0
	}
	m.touched = m.touched[:0]
	return dm
}

// sentence matches the phrases in one sentence of text.
func (m *matcher) sentence(dm *docMatch, text string, s sentence) {
	a := dm.analyzer
	m.hits = m.hits[:0]
	var n uint64
	m.ta[a].Words(text, func(tok []byte) {
		info := m.token(a, tok)
		if info.stop {
			return
		}
		for _, r := range info.refs {
			m.hits = append(m.hits, newHit(r, n))
		}
		n++
	})
	dm.length += int(n)
	if len(m.hits) == 0 {
		return
	}
	si := int32(len(dm.sentences))
	dm.sentences = append(dm.sentences, s)
	q := m.qs.q[a]
	hits := m.hits
	slices.Sort(hits)
	for len(hits) > 0 {
		p := hits[0].phrase()
		j := 1
		for j < len(hits) && hits[j].phrase() == p {
			j++
		}
		if strength := occurrences(hits[:j], len(q.phrases[p].terms)); strength > 0 {
			if m.tf[p] == 0 {
				m.touched = append(m.touched, p)
			}
			m.tf[p] += strength * s.place.boost()
			dm.hits = append(dm.hits, sentenceHit{sentence: si, phrase: p, strength: strength})
		}
		hits = hits[j:]
	}
}

// occurrences returns the summed strength of a phrase of n terms in one
// sentence, given its hits sorted by position in the phrase and then in
// the sentence.
func occurrences(hits []hit, n int) float32 {
	if n == 1 {
		var sum float32
		for _, h := range hits {
			sum += h.strength()
		}
		return sum
	}
	// byPos[k] are the hits of the phrase's k-th term.
	var byPos [maxPhraseTerms][]hit
	for i := 0; i < len(hits); {
		j := i + 1
		for j < len(hits) && hits[j].pos() == hits[i].pos() {
			j++
		}
		byPos[hits[i].pos()] = hits[i:j]
		i = j
	}
	var sum float32
	for _, first := range byPos[0] {
		cur, strength := first.idx(), first.strength()
		complete := true
		for k := 1; k < n && complete; k++ {
			complete = false
			for _, h := range byPos[k] {
				if h.idx() > cur && h.idx() <= cur+1+maxGap {
					cur, strength, complete = h.idx(), min(strength, h.strength()), true
					break
				}
			}
		}
		if complete {
			sum += strength
		}
	}
	if sum > 0 {
		return sum
	}
	// All terms in the sentence, not together.
	near := float32(1)
	for k := range n {
		if len(byPos[k]) == 0 {
			return 0
		}
		var best float32
		for _, h := range byPos[k] {
			best = max(best, h.strength())
		}
		near = min(near, best)
	}
	return nearStrength * near
}

// splitSentences calls fn with the byte range of each sentence of text,
// without surrounding space. A sentence ends at '.', '!' or '?' before
// space and a word that does not begin in lowercase, at a blank line, and
// at a line break before a line that does not begin in lowercase (a list
// item, a table row, a new paragraph); a line that begins in lowercase
// continues the sentence of the line before.
func splitSentences(text string, fn func(start, end int)) {
	start := 0
	emit := func(end int) {
		s, e := start, end
		for s < e && isSpace(text[s]) {
			s++
		}
		for e > s && isSpace(text[e-1]) {
			e--
		}
		if s < e {
			fn(s, e)
		}
		start = end
	}
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case '\n':
			if !continues(text[i+1:], true) {
				emit(i + 1)
			}
		case '.', '!', '?':
			if i+1 < len(text) && isSpace(text[i+1]) && !continues(text[i+1:], false) {
				emit(i + 1)
			}
		}
	}
	emit(len(text))
}

// continues reports whether rest, the text after a line break or a full
// stop, goes on with the same sentence: its first word begins in
// lowercase and, after a line break, no blank line comes first.
func continues(rest string, afterBreak bool) bool {
	for i := 0; i < len(rest); {
		r, size := utf8.DecodeRuneInString(rest[i:])
		switch {
		case r == '\n':
			if afterBreak {
				return false
			}
		case r == ' ' || r == '\t' || r == '\r':
		default:
			return unicode.IsLower(r)
		}
		i += size
	}
	return false
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }
