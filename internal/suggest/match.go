package suggest

import (
	"math"
	"math/bits"
	"slices"
	"unicode"
	"unicode/utf8"

	wordseg "github.com/isms-project/isms/internal/words"

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
	// vocab holds what each word (as the tokenizer cut it) is to each
	// analyzer's query, so that a word seen before costs one look-up.
	vocab [numAnalyzers]vocabulary
	// noFastPath sends every sentence to the tokenizer (the tests compare
	// the two ways).
	noFastPath bool

	// Scratch, reused between sentences and documents.
	words []word
	buf   []byte
	tf    []float32 // per phrase of the current query: its frequency in the document
	// touched are the phrases whose tf is not 0.
	touched []int32
	// The current sentence: the phrases it holds terms of (inSentence);
	// for each phrase of the query, the positions of its terms found
	// (found, and the query's allTerms) and for a phrase of one term the
	// summed strength of its hits (sum); the hits of the phrases of
	// several terms (hits).
	allTerms   []uint8
	inSentence []int32
	sum        []float32
	found      []uint8
	hits       []hit
	strengths  []sentencePhrase
}

// sentencePhrase is the summed strength of a phrase's occurrences in a
// sentence.
type sentencePhrase struct {
	phrase   int32
	strength float32
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

// A vocabulary maps words to what they are to one analyzer's query: a
// hash table with open addressing, keyed by the words' keys (wordKey),
// which are the words themselves for the short ones. The words are kept
// one after another in one buffer.
type vocabulary struct {
	slots   []vocabSlot // a power of two long
	words   []byte
	entries []vocabEntry
	// refs are the phrases of each word that is a term of the query, by
	// its info (from firstRefs on).
	refs [][]termRef
}

type vocabSlot struct {
	key   uint64
	entry uint32 // index+1 in entries, 0 for an empty slot
	info  int32  // plainWord, stopWord or an index in refs
}

type vocabEntry struct {
	start, end uint32 // the word: words[start:end]
}

// What a word is to the query, besides the terms it matches.
const (
	plainWord = 0 // a term of no phrase
	stopWord  = 1 // a stop word: no term
	firstRefs = 2
)

// vocabLimit bounds a vocabulary (a site's vocabulary is far smaller;
// this only keeps a pathological input from growing it without end).
const vocabLimit = 1 << 18

// newVocabulary returns a vocabulary sized for text of about the given
// number of bytes, so that it seldom grows. By Heaps' law a text of n
// words has about k·√n distinct ones; ISMS text (about seven bytes a word)
// has k near 25 (the generated corpus of internal/corpus: 19,000 distinct
// words in 3.7 MB).
func newVocabulary(bytes int) vocabulary {
	words := 25 * int(math.Sqrt(float64(bytes)/7))
	slots := 1 << 8
	for 7*slots < 10*words {
		slots *= 2
	}
	return vocabulary{
		slots:   make([]vocabSlot, slots),
		words:   make([]byte, 0, 8*words),
		entries: make([]vocabEntry, 0, words),
		refs:    make([][]termRef, firstRefs),
	}
}

// find returns the info of word w, or -1 if v does not know it.
func (v *vocabulary) find(w string, key uint64, h uint32) int32 {
	mask := uint32(len(v.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &v.slots[i]
		if s.entry == 0 {
			return -1
		}
		if s.key == key {
			if len(w) < 8 {
				return s.info // the key is the word
			}
			if e := v.entries[s.entry-1]; string(v.words[e.start:e.end]) == w {
				return s.info
			}
		}
	}
}

// add enters w, which find does not know, and returns its info.
func (v *vocabulary) add(w string, key uint64, h uint32, stop bool, refs []termRef) int32 {
	if len(v.entries) >= vocabLimit {
		*v = newVocabulary(0)
	}
	info := int32(plainWord)
	switch {
	case stop:
		info = stopWord
	case len(refs) > 0:
		info = int32(len(v.refs))
		v.refs = append(v.refs, refs)
	}
	v.entries = append(v.entries, vocabEntry{start: uint32(len(v.words)), end: uint32(len(v.words) + len(w))})
	v.words = append(v.words, w...)
	if 10*len(v.entries) > 7*len(v.slots) {
		old := v.slots
		v.slots = make([]vocabSlot, 2*len(old))
		words := string(v.words)
		for _, s := range old {
			if s.entry != 0 {
				e := v.entries[s.entry-1]
				_, h := wordKey(words, int(e.start), int(e.end))
				v.place(h, s)
			}
		}
	}
	v.place(h, vocabSlot{key: key, entry: uint32(len(v.entries)), info: info})
	return info
}

func (v *vocabulary) place(h uint32, s vocabSlot) {
	mask := uint32(len(v.slots) - 1)
	j := h & mask
	for v.slots[j].entry != 0 {
		j = (j + 1) & mask
	}
	v.slots[j] = s
}

// newMatcher returns a matcher for the queries qs and documents of about
// the given number of bytes of text for each analyzer.
func newMatcher(qs *querySet, bytes [numAnalyzers]int) *matcher {
	m := &matcher{qs: qs}
	for a := range numAnalyzers {
		m.ta[a] = search.NewTextAnalyzer(a.lang())
		m.vocab[a] = newVocabulary(bytes[a])
	}
	return m
}

// learn analyses word w, of key and hash h, which analyzer a's
// vocabulary does not know, enters it and returns its info.
func (m *matcher) learn(a analyzer, w string, key uint64, h uint32) int32 {
	m.buf = append(m.buf[:0], w...)
	term, ok := m.ta[a].Term(m.buf)
	if !ok {
		return m.vocab[a].add(w, key, h, true, nil)
	}
	return m.vocab[a].add(w, key, h, false, m.qs.q[a].refs(term))
}

// match reads one document.
func (m *matcher) match(d *Document) *docMatch {
	a := analyzerFor(d.Lang)
	q := m.qs.q[a]
	m.allTerms = q.allTerms
	if n := len(q.phrases); cap(m.tf) < n {
		m.tf, m.sum, m.found = make([]float32, n), make([]float32, n), make([]uint8, n)
	} else {
		m.tf, m.sum, m.found = m.tf[:n], m.sum[:n], m.found[:n]
	}
	dm := &docMatch{analyzer: a}
	m.whole(dm, d.Title, sentence{section: -1, place: inTitle})
	for i, s := range d.Sections {
		if s.Heading != "" {
			m.whole(dm, s.Heading, sentence{section: int32(i), place: inHeading})
		}
		if m.noFastPath {
			splitSentences(s.Text, func(start, end int) {
				m.tokenized(dm, s.Text[start:end], sentence{section: int32(i), start: int32(start), end: int32(end)})
			})
		} else {
			m.read(dm, s.Text, int32(i))
		}
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

// whole matches the phrases in text, a title or a heading, as one
// sentence s.
func (m *matcher) whole(dm *docMatch, text string, s sentence) {
	words, ok := segmentWords(text, m.words[:0])
	if !ok || m.noFastPath {
		m.tokenized(dm, text, s)
		return
	}
	m.words = words
	m.endSentence(dm, s, m.addWords(dm.analyzer, text, words))
}

// tokenized matches the phrases in sentence s, text, cut by the
// tokenizer.
func (m *matcher) tokenized(dm *docMatch, text string, s sentence) {
	m.buf = m.buf[:0]
	words := m.words[:0]
	m.ta[dm.analyzer].Words(text, func(tok []byte) {
		words = append(words, word{start: int32(len(m.buf)), end: int32(len(m.buf) + len(tok))})
		m.buf = append(m.buf, tok...)
	})
	joined := string(m.buf)
	for i, w := range words {
		words[i] = newWord(joined, int(w.start), int(w.end))
	}
	m.words = words
	m.endSentence(dm, s, m.addWords(dm.analyzer, joined, words))
}

// addWords looks up the words of a sentence, which are ranges of text,
// adds the hits of those that are terms of phrases to m.hits and returns
// how many are terms (not stop words). read does the same for each word
// it cuts.
func (m *matcher) addWords(a analyzer, text string, words []word) uint64 {
	v := &m.vocab[a]
	var n uint64
	for _, w := range words {
		info := v.find(text[w.start:w.end], w.key, w.hash)
		if info < 0 {
			info = m.learn(a, text[w.start:w.end], w.key, w.hash)
		}
		if info == stopWord {
			continue
		}
		if info != plainWord {
			for _, r := range v.refs[info] {
				m.hit(r, n)
			}
		}
		n++
	}
	return n
}

// hit notes that the sentence's n-th term is the term of r.
func (m *matcher) hit(r termRef, n uint64) {
	p := r.phrase
	if m.found[p] == 0 {
		m.inSentence = append(m.inSentence, p)
	}
	m.found[p] |= 1 << r.pos
	if m.allTerms[p] == 1 {
		m.sum[p] += newHit(r, n).strength()
	} else {
		m.hits = append(m.hits, newHit(r, n))
	}
}

// read matches the phrases in text, the text of section, sentence by
// sentence. It cuts the sentences as splitSentences and the words as the
// tokenizer does, in one pass; a sentence that has a character the fast
// path does not know (see words.go) goes to the tokenizer.
func (m *matcher) read(dm *docMatch, text string, section int32) {
	a := dm.analyzer
	v := &m.vocab[a]
	var n uint64 // terms in the sentence so far
	start := 0   // where the sentence began
	for i := 0; i < len(text); {
		b := text[i]
		c, size := wordseg.ByteClass(b), 1
		if c == wordseg.Other && !sentenceMarks[b] {
			i++ // space, most punctuation
			continue
		}
		if c == wordseg.Multibyte {
			c, size = wordseg.ClassAt(text, i)
		}
		if c.PartOfWord() {
			end, ok := i+size, true
			if end+8 <= len(text) {
				// Eight bytes at a time while they are ASCII letters.
				for {
					if other := wordseg.NotLetters(wordseg.Load64(text[end:])); other != 0 {
						end += bits.TrailingZeros64(other) >> 3
						break
					}
					if end += 8; end+8 > len(text) {
						break
					}
				}
			}
			for end < len(text) && wordseg.ByteClass(text[end]).PartOfWord() {
				end++
			}
			if end < len(text) && wordseg.ByteClass(text[end]) != wordseg.Other {
				end, ok = wordseg.WordEnd(text, end)
			}
			if ok {
				// As addWords, for the word text[i:end].
				w := text[i:end]
				var key uint64
				var h uint32
				if len(w) < 8 && i+8 <= len(text) {
					key = wordseg.Load64(text[i:])&(1<<(8*len(w))-1) | uint64(len(w))<<56
					h = mix(key)
				} else {
					key, h = wordKey(text, i, end)
				}
				info := v.find(w, key, h)
				if info < 0 {
					info = m.learn(a, w, key, h)
				}
				if info != stopWord {
					if info != plainWord {
						for _, r := range v.refs[info] {
							m.hit(r, n)
						}
					}
					n++
				}
				i = end
				continue
			}
			c = wordseg.Unknown
		}
		if c == wordseg.Unknown {
			// The sentence goes to the tokenizer, from its beginning.
			end := sentenceEnd(text, i)
			m.dropSentence()
			if s, e := trimSpace(text, start, end); s < e {
				m.tokenized(dm, text[s:e], sentence{section: section, start: int32(s), end: int32(e)})
			}
			start, i, n = end, end, 0
			continue
		}
		if endsSentence(text, i) {
			s, e := trimSpace(text, start, i+1)
			m.endSentence(dm, sentence{section: section, start: int32(s), end: int32(e)}, n)
			start, n = i+1, 0
		}
		i += size
	}
	s, e := trimSpace(text, start, len(text))
	m.endSentence(dm, sentence{section: section, start: int32(s), end: int32(e)}, n)
}

// endSentence counts the n terms of sentence s and records the phrases
// its hits make, in the order of the phrases.
func (m *matcher) endSentence(dm *docMatch, s sentence, n uint64) {
	dm.length += int(n)
	if len(m.inSentence) == 0 {
		return
	}
	q := m.qs.q[dm.analyzer]
	// Phrases of several terms: only those whose terms are all in the
	// sentence may occur (see occurrences).
	hits := m.hits[:0]
	for _, h := range m.hits {
		if p := h.phrase(); m.found[p] == q.allTerms[p] {
			hits = append(hits, h)
		}
	}
	slices.Sort(hits)
	strengths := m.strengths[:0]
	for len(hits) > 0 {
		p := hits[0].phrase()
		j := 1
		for j < len(hits) && hits[j].phrase() == p {
			j++
		}
		if strength := occurrences(hits[:j], len(q.phrases[p].terms)); strength > 0 {
			strengths = append(strengths, sentencePhrase{p, strength})
		}
		hits = hits[j:]
	}
	for _, p := range m.inSentence {
		if q.allTerms[p] == 1 {
			strengths = append(strengths, sentencePhrase{p, m.sum[p]})
		}
	}
	m.strengths = strengths
	m.dropSentence()
	if len(strengths) == 0 {
		return
	}
	slices.SortFunc(strengths, func(a, b sentencePhrase) int { return int(a.phrase - b.phrase) })
	si := int32(len(dm.sentences))
	dm.sentences = append(dm.sentences, s)
	for _, ps := range strengths {
		if m.tf[ps.phrase] == 0 {
			m.touched = append(m.touched, ps.phrase)
		}
		m.tf[ps.phrase] += ps.strength * s.place.boost()
		dm.hits = append(dm.hits, sentenceHit{sentence: si, phrase: ps.phrase, strength: ps.strength})
	}
}

// dropSentence forgets the current sentence's hits.
func (m *matcher) dropSentence() {
	for _, p := range m.inSentence {
		m.sum[p], m.found[p] = 0, 0
	}
	m.inSentence, m.hits = m.inSentence[:0], m.hits[:0]
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
	if hits[0].pos() != 0 || int(hits[len(hits)-1].pos()) != n-1 {
		return 0 // the first or the last term is missing
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
	for i := 0; i < len(text); i++ {
		if sentenceMarks[text[i]] && endsSentence(text, i) {
			if s, e := trimSpace(text, start, i+1); s < e {
				fn(s, e)
			}
			start = i + 1
		}
	}
	if s, e := trimSpace(text, start, len(text)); s < e {
		fn(s, e)
	}
}

// sentenceMarks are the bytes where a sentence may end.
var sentenceMarks = [256]bool{'\n': true, '.': true, '!': true, '?': true}

// endsSentence reports whether a sentence of text ends after byte i.
func endsSentence(text string, i int) bool {
	switch text[i] {
	case '\n':
		return !continues(text[i+1:], true)
	case '.', '!', '?':
		return i+1 < len(text) && isSpace(text[i+1]) && !continues(text[i+1:], false)
	}
	return false
}

// sentenceEnd returns where the sentence of text that holds byte i ends.
func sentenceEnd(text string, i int) int {
	for ; i < len(text); i++ {
		if sentenceMarks[text[i]] && endsSentence(text, i) {
			return i + 1
		}
	}
	return len(text)
}

// trimSpace returns the range start, end of text without the space at
// its ends.
func trimSpace(text string, start, end int) (int, int) {
	for start < end && isSpace(text[start]) {
		start++
	}
	for end > start && isSpace(text[end-1]) {
		end--
	}
	return start, end
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
