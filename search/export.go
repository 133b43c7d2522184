package search

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
)

// Sizes and rules of the static index. Those the client needs are written
// into the manifest, so the client reads them rather than repeating them.
const (
	// termShardBytes bounds a term shard; a term whose postings alone
	// are larger gets a shard of its own.
	termShardBytes = 8 << 10
	// dictShardBytes bounds a shard of the dictionary the client
	// completes the last word and corrects misspelt words from.
	dictShardBytes = 6 << 10
	// dictMinPostings is the number of postings a term of the body alone
	// needs to be in that dictionary unless it is a word of letters: a
	// word of a title, summary or heading is there whatever its count, as
	// are the rare words of the body and the words of the vocabulary. A
	// number or code once in the body of one document is still found, but
	// neither completed nor offered.
	dictMinPostings = 2
	// completions is how many dictionary terms the last word, while it is
	// typed, also matches as a prefix: the ones with the most postings.
	completions = 3
	// minPrefix is the number of characters (code points) the last word
	// needs before it is completed.
	minPrefix = 3
)

// registerFunc is the global function every index file calls with its key
// and its data; the client defines it before it adds a file's script.
const registerFunc = "ismsSearch"

// Export builds the static search index from analysed documents: the files
// of the output's search/ folder, by path relative to that folder. The same
// documents (in any order) and options give byte-identical files.
//
// The files are scripts, each a single call of the global ismsSearch(key,
// payload…), so the client loads them with <script src> and search works
// from file:// (their payloads are the types of format.go):
//
//	manifest.js    everything a query needs first: document count, fields
//	               and boosts, body lengths, shard boundaries, strings
//	t/N.js         term shards: terms in a range, each with its postings,
//	               and the vocabulary's phrases that begin with them
//	w/N.js         dictionary shards: terms with their posting counts and
//	               word forms, to complete the last word and correct typos
//	d/N.js         data shards: what results show of a few documents
//	types.js       the type of every document, for the results page filter
//	entries.js     the catalogue entries an ID query offers (if any)
func Export(docs []*Analyzed, opts Options) (map[string][]byte, error) {
	s, err := buildSite(docs, opts)
	if err != nil {
		return nil, err
	}
	files := make(map[string][]byte, len(s.docs)/4+len(s.ix.terms)/64+8)
	termBounds := s.writeTermShards(files)
	dictBounds := s.writeDictShards(files)
	perShard := s.writeDocShards(files)
	types := typeList(s.docs)
	files[keyTypes+".js"] = scriptFile(keyTypes, typesFile{Codes: typeCodes(s.docs, types)})
	if len(opts.Entries) > 0 {
		entries := entriesFile{Entries: []entryRecord{}}
		for _, e := range opts.Entries {
			entries.Entries = append(entries.Entries, entryRecord{e.ID, e.Kind, e.Title, e.URL})
		}
		files[keyEntries+".js"] = scriptFile(keyEntries, entries)
	}
	files[keyManifest+".js"] = scriptFile(keyManifest, s.manifest(opts, types, termBounds, dictBounds, perShard))
	return files, nil
}

// A site is everything Export knows about the documents: their order, the
// compounds split with the site's lexicon, the vocabulary, the inverted
// index. The tests build one too, for the reference bleve index.
type site struct {
	e         *engine
	docs      []*Analyzed // in document order
	lengths   [][numFields]int32
	analyzers []analyzerID // the analyzers the documents use, in order
	vocab     *vocabulary
	split     *splitter // nil when no document is Norwegian
	ix        *termIndex
	vocabTerm map[string]bool // the terms of the vocabulary's phrases
}

// buildSite numbers the documents, splits the Norwegian ones' compounds and
// builds the inverted index.
func buildSite(docs []*Analyzed, opts Options) (*site, error) {
	for i, a := range docs {
		if a == nil {
			return nil, fmt.Errorf("search: document %d was not analysed (nil)", i)
		}
	}
	e := theEngine()
	s := &site{e: e, vocab: e.compileVocabulary(opts.Vocabulary)}
	var used [numAnalyzers]bool
	for _, a := range docs {
		used[a.analyzer] = true
	}
	if len(docs) == 0 {
		used[analyzerForLang(opts.Lang)] = true
	}
	for a := range numAnalyzers {
		if used[a] {
			s.analyzers = append(s.analyzers, a)
		}
	}

	parts := map[*Analyzed][]partPosting{}
	lengths := map[*Analyzed][numFields]int32{}
	if used[analyzerNo] {
		s.split = newSplitter(s.lexicon(docs))
		parts, lengths = s.splitCompounds(docs)
	} else {
		for _, a := range docs {
			var l [numFields]int32
			for f := range numFields {
				l[f] = a.fields[f].length
			}
			lengths[a] = l
		}
	}

	s.docs = slices.Clone(docs)
	slices.SortFunc(s.docs, func(a, b *Analyzed) int {
		return cmp.Or(
			cmp.Compare(lengths[a][fieldBody], lengths[b][fieldBody]),
			cmp.Compare(a.id, b.id),
			cmp.Compare(a.url, b.url),
		)
	})
	for i := 1; i < len(s.docs); i++ {
		a, b := s.docs[i-1], s.docs[i]
		if a.id == b.id && a.url == b.url {
			return nil, fmt.Errorf("search: document %q (%s) given twice", a.id, a.url)
		}
	}
	s.lengths = make([][numFields]int32, len(s.docs))
	extra := make([][]partPosting, len(s.docs))
	for n, a := range s.docs {
		s.lengths[n] = lengths[a]
		extra[n] = parts[a]
	}
	s.ix = buildTermIndex(s.docs, s.lengths, extra)
	s.addVocabularyTerms()
	return s, nil
}

// documentOrder numbers the documents as Export does (for tests).
func documentOrder(docs []*Analyzed) ([]*Analyzed, error) {
	s, err := buildSite(docs, Options{})
	if err != nil {
		return nil, err
	}
	return s.docs, nil
}

// lexicon collects the words compounds are split into: the Norwegian
// documents' terms, their words (each term's usual word form in each
// document, and every word long enough to be a compound), and the
// vocabulary's Norwegian words and terms.
func (s *site) lexicon(docs []*Analyzed) lexicon {
	words, stems := newAtomSet(), newAtomSet()
	for _, a := range docs {
		if a.analyzer != analyzerNo {
			continue
		}
		for _, t := range a.terms {
			stems.add(t.term)
			words.add(t.surface)
		}
		for _, c := range a.candidates {
			words.add(c.word)
		}
	}
	lex := lexicon{words: map[string]bool{}, stems: map[string]bool{}}
	words.each(func(w atom) { lex.words[w.String()] = true })
	stems.each(func(t atom) { lex.stems[t.String()] = true })
	vw, vt := s.vocab.norwegianWords()
	for _, w := range vw {
		lex.words[w] = true
	}
	for _, t := range vt {
		lex.stems[t] = true
	}
	return lex
}

// A partPosting is a compound's part in a field of a document: the part's
// term and how often the field has it.
type partPosting struct {
	term  atom
	field field
	freq  int32
}

// splitCompounds splits the candidates of every Norwegian document with the
// site's splitter, through the filters bleve's analyzer would run
// (compoundFilter, the stemmer, partMarkFilter): for each document its
// parts' postings and its field lengths, which count the parts as bleve
// counts tokens.
func (s *site) splitCompounds(docs []*Analyzed) (map[*Analyzed][]partPosting, map[*Analyzed][numFields]int32) {
	no := s.e.analyzers[analyzerNo]
	filters := []analysis.TokenFilter{compoundFilter{s.split}, no.filters[len(no.filters)-1], partMarkFilter{}}
	// The parts' terms of each candidate word, by the word's number in
	// partsOf.
	partsOf := newAtomIndex()
	var termsOf [][]atom
	for _, a := range docs {
		for _, c := range a.candidates {
			if _, ok := partsOf.get(c.word); ok {
				continue
			}
			var ts []atom
			stream := analysis.TokenStream{{Term: []byte(c.word.String()), Type: analysis.AlphaNumeric}}
			for _, f := range filters {
				stream = f.Filter(stream)
			}
			for _, tok := range stream {
				if tok.Type == partType {
					ts = append(ts, atomOf(string(tok.Term)))
				}
			}
			partsOf.set(c.word, int32(len(termsOf)))
			termsOf = append(termsOf, ts)
		}
	}
	parts := make(map[*Analyzed][]partPosting, len(docs))
	lengths := make(map[*Analyzed][numFields]int32, len(docs))
	type key struct {
		term  atom
		field field
	}
	at := map[key]int{} // index in the document's postings
	for _, a := range docs {
		var l [numFields]int32
		for f := range numFields {
			l[f] = a.fields[f].length
		}
		// One posting per term and field, in order of first use.
		var ps []partPosting
		clear(at)
		for _, c := range a.candidates {
			n, _ := partsOf.get(c.word)
			ts := termsOf[n]
			f := field(c.field)
			l[f] += c.freq * int32(len(ts))
			for _, t := range ts {
				k := key{t, f}
				if i, ok := at[k]; ok {
					ps[i].freq += c.freq
					continue
				}
				at[k] = len(ps)
				ps = append(ps, partPosting{t, f, c.freq})
			}
		}
		parts[a] = ps
		lengths[a] = l
	}
	return parts, lengths
}

// A termIndex is the inverted index of all documents: for every term and
// field, the documents (by number) that contain it.
type termIndex struct {
	terms   []string // by term number
	surface []string // the word form first seen for each term ("" for a compound's part or a word of the vocabulary only)
	number  map[string]int32
	sorted  []int32 // term numbers in term order
	start   []int32 // postings of term t in field f: post[start[t*numFields+f]:start[t*numFields+f+1]]
	post    []posting
	lengths [][numFields]int32
}

type posting struct {
	doc, freq, length int32
}

func (ix *termIndex) postings(t int32, f field) []posting {
	i := int(t)*int(numFields) + int(f)
	if i+1 >= len(ix.start) {
		return nil // a word of the vocabulary only
	}
	return ix.post[ix.start[i]:ix.start[i+1]]
}

// count is the number of postings of term t, over all fields.
func (ix *termIndex) count(t int32) int {
	i := int(t) * int(numFields)
	if i+int(numFields) >= len(ix.start) {
		return 0
	}
	return int(ix.start[i+int(numFields)] - ix.start[i])
}

// has reports whether a document has term t.
func (ix *termIndex) has(t string) bool {
	n, ok := ix.number[t]
	return ok && ix.count(n) > 0
}

func buildTermIndex(docs []*Analyzed, lengths [][numFields]int32, extra [][]partPosting) *termIndex {
	ix := &termIndex{lengths: lengths, number: make(map[string]int32, 1<<15)}
	number := newAtomIndex()
	add := func(h atom, surface string) int32 {
		t, ok := number.get(h)
		if !ok {
			t = int32(len(ix.terms))
			number.set(h, t)
			ix.terms = append(ix.terms, h.String())
			ix.surface = append(ix.surface, surface)
			ix.number[h.String()] = t
		}
		return t
	}
	local := make([][]int32, len(docs))
	for d, a := range docs {
		m := make([]int32, len(a.terms))
		for i, dt := range a.terms {
			m[i] = add(dt.term, dt.surface.String())
		}
		local[d] = m
		for _, p := range extra[d] {
			add(p.term, "")
		}
	}
	ix.start = make([]int32, len(ix.terms)*int(numFields)+1)
	for d, a := range docs {
		for f := range numFields {
			for _, tf := range a.fields[f].terms {
				ix.start[int(local[d][tf.term])*int(numFields)+int(f)+1]++
			}
		}
		for _, p := range extra[d] {
			t, _ := number.get(p.term)
			ix.start[int(t)*int(numFields)+int(p.field)+1]++
		}
	}
	for i := 1; i < len(ix.start); i++ {
		ix.start[i] += ix.start[i-1]
	}
	ix.post = make([]posting, ix.start[len(ix.start)-1])
	next := slices.Clone(ix.start[:len(ix.start)-1])
	for d, a := range docs {
		for f := range numFields {
			for _, tf := range a.fields[f].terms {
				i := int(local[d][tf.term])*int(numFields) + int(f)
				ix.post[next[i]] = posting{doc: int32(d), freq: tf.freq, length: lengths[d][f]}
				next[i]++
			}
		}
		for _, p := range extra[d] {
			t, _ := number.get(p.term)
			i := int(t)*int(numFields) + int(p.field)
			ix.post[next[i]] = posting{doc: int32(d), freq: p.freq, length: lengths[d][p.field]}
			next[i]++
		}
	}
	ix.sorted = make([]int32, len(ix.terms))
	for i := range ix.sorted {
		ix.sorted[i] = int32(i)
	}
	slices.SortFunc(ix.sorted, func(a, b int32) int { return strings.Compare(ix.terms[a], ix.terms[b]) })
	return ix
}

// addVocabularyTerms adds the terms the vocabulary needs in the term
// shards and the dictionary that no document has: the first terms of its
// phrases (which carry the phrases) and its words (which the dictionary
// offers), without postings.
func (s *site) addVocabularyTerms() {
	ix := s.ix
	added := false
	s.vocabTerm = map[string]bool{}
	for _, p := range s.vocab.phrases {
		for k, t := range p.terms {
			s.vocabTerm[t] = true
			if _, ok := ix.number[t]; ok {
				continue
			}
			ix.number[t] = int32(len(ix.terms))
			ix.terms = append(ix.terms, t)
			ix.surface = append(ix.surface, p.words[k])
			ix.sorted = append(ix.sorted, ix.number[t])
			added = true
		}
	}
	if added {
		slices.SortFunc(ix.sorted, func(a, b int32) int { return strings.Compare(ix.terms[a], ix.terms[b]) })
	}
}

// lettersOnly reports whether s is made of letters (a word, not a number
// or a code).
func lettersOnly(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) < 0
}

// isPart reports whether a term is a compound's part.
func isPart(term string) bool { return strings.HasSuffix(term, partMark) }

// appendPostings encodes the postings of term t: for each field that has
// any, the field and the number of postings, then for each posting
//
//	gap·8 + min(freq−1, 7)     [freq−1−7 when freq−1 ≥ 7]     [length−freq]
//
// where gap is the document number minus the previous one minus one, and
// the field's length is left out for the body (the manifest holds it). A
// posting of a common term (small gap, few occurrences) is one character.
func (ix *termIndex) appendPostings(dst []byte, t int32) []byte {
	for f := range numFields {
		ps := ix.postings(t, f)
		if len(ps) == 0 {
			continue
		}
		dst = appendNum(dst, uint64(f))
		dst = appendNum(dst, uint64(len(ps)))
		prev := int32(-1)
		for _, p := range ps {
			gap, freq := uint64(p.doc-prev-1), uint64(p.freq-1)
			prev = p.doc
			dst = appendNum(dst, gap*freqInline+min(freq, freqInline-1))
			if freq >= freqInline-1 {
				dst = appendNum(dst, freq-(freqInline-1))
			}
			if f != fieldBody {
				dst = appendNum(dst, uint64(p.length-p.freq))
			}
		}
	}
	return dst
}

// freqInline is the number of frequencies coded together with the gap.
const freqInline = 8

// encodePostings encodes the postings of every term, in term order, on
// all cores. It returns, for each sorted term, its encoding.
func (ix *termIndex) encodePostings() [][]byte {
	out := make([][]byte, len(ix.sorted))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(ix.sorted)/1024))
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := len(ix.sorted)*w/workers, len(ix.sorted)*(w+1)/workers
		wg.Go(func() {
			var buf []byte
			ends := make([]int, 0, hi-lo)
			for _, t := range ix.sorted[lo:hi] {
				buf = ix.appendPostings(buf, t)
				ends = append(ends, len(buf))
			}
			begin := 0
			for i, end := range ends {
				out[lo+i] = buf[begin:end:end]
				begin = end
			}
		})
	}
	wg.Wait()
	return out
}

// writeTermShards cuts the sorted terms into shards of about
// termShardBytes, each with the phrases of the vocabulary that begin with
// its terms, and returns each shard's lower bound.
func (s *site) writeTermShards(files map[string][]byte) []string {
	ix := s.ix
	enc := ix.encodePostings()
	var bounds []string
	var shard termShardFile
	size, first := 0, 0
	flush := func(end int) {
		if end == first {
			return
		}
		key := keyTermShard + itoa(len(bounds))
		bounds = append(bounds, ix.bound(first))
		if shard.Phrases == nil {
			shard.Phrases = []phraseEntry{}
		}
		files[key+".js"] = scriptFile(key, shard)
		shard, size, first = termShardFile{}, 0, end
	}
	for i, t := range ix.sorted {
		term := ix.terms[t]
		var phrases []phraseEntry
		for _, p := range s.vocab.first[term] {
			phrases = append(phrases, phraseEntry{
				Rest:   slices.Clone(s.vocab.phrases[p].terms[1:]),
				Expand: s.vocab.expansion(p, ix.has),
			})
		}
		entry := len(term) + len(enc[i]) + 6
		for _, p := range phrases {
			entry += 16
			for _, x := range append(p.Rest, p.Expand...) {
				entry += len(x) + 3
			}
		}
		if size > 0 && size+entry > termShardBytes {
			flush(i)
		}
		for _, p := range phrases {
			p.Term = len(shard.Terms)
			shard.Phrases = append(shard.Phrases, p)
		}
		shard.Terms = append(shard.Terms, term)
		shard.Postings = append(shard.Postings, digits(enc[i]))
		size += entry
	}
	flush(len(ix.sorted))
	return bounds
}

// inDictionary reports whether term t is offered as a completion and a
// correction: a word of letters, a term with at least dictMinPostings
// postings, a word of a title, summary or heading, or a word of the
// vocabulary — not a compound's part.
func (s *site) inDictionary(t int32) bool {
	ix := s.ix
	term := ix.terms[t]
	if isPart(term) {
		return false
	}
	if s.vocabTerm[term] || ix.count(t) >= dictMinPostings || lettersOnly(term) {
		return true
	}
	for _, f := range []field{fieldTitle, fieldSummary, fieldHeadings} {
		if len(ix.postings(t, f)) > 0 {
			return true
		}
	}
	return false
}

// writeDictShards writes the dictionary: the terms inDictionary, their
// posting counts and, where it differs from the term, the word form that
// produced them.
func (s *site) writeDictShards(files map[string][]byte) []string {
	ix := s.ix
	var bounds []string
	var shard dictShardFile
	var counts []byte
	size, first := 0, -1
	flush := func() {
		if first < 0 {
			return
		}
		key := keyDictShard + itoa(len(bounds))
		bounds = append(bounds, ix.bound(first))
		shard.Counts = digits(counts)
		files[key+".js"] = scriptFile(key, shard)
		shard, counts, size, first = dictShardFile{}, counts[:0], 0, -1
	}
	for i, t := range ix.sorted {
		if !s.inDictionary(t) {
			continue
		}
		term, form := ix.terms[t], ix.surface[t]
		if form == term {
			form = ""
		}
		entry := len(term) + len(form) + 8
		if size > 0 && size+entry > dictShardBytes {
			flush()
		}
		if first < 0 {
			first = i
		}
		shard.Terms = append(shard.Terms, term)
		shard.Forms = append(shard.Forms, form)
		counts = appendNum(counts, uint64(ix.count(t)))
		size += entry
	}
	flush()
	return bounds
}

// bound is the lower bound of a shard that starts with the i-th sorted
// term: the shortest prefix of it that sorts after the term before it
// ("" for the first shard).
func (ix *termIndex) bound(i int) string {
	if i == 0 {
		return ""
	}
	prev, cur := ix.terms[ix.sorted[i-1]], ix.terms[ix.sorted[i]]
	n := 0
	for n < len(prev) && n < len(cur) && prev[n] == cur[n] {
		n++
	}
	// Include the first differing character (whole, not a byte of it).
	for n > 0 && !utf8.RuneStart(cur[n]) {
		n--
	}
	_, size := utf8.DecodeRuneInString(cur[n:])
	return cur[:n+size]
}

// typeList is the document types in use, the usual six first, in their
// usual order, then any others sorted.
func typeList(docs []*Analyzed) []string {
	known := []string{"policy", "procedure", "standard", "guideline", "plan", "record"}
	seen := map[string]bool{}
	for _, a := range docs {
		seen[a.typ] = true
	}
	var list, other []string
	for _, t := range known {
		if seen[t] {
			list = append(list, t)
			delete(seen, t)
		}
	}
	for t := range seen {
		other = append(other, t)
	}
	slices.Sort(other)
	return append(list, other...)
}

// typeCodes is one number per document: its type's index in types.
func typeCodes(docs []*Analyzed, types []string) digits {
	var buf []byte
	for _, a := range docs {
		buf = appendNum(buf, uint64(slices.Index(types, a.typ)))
	}
	return digits(buf)
}

// manifest is the first file a query loads.
func (s *site) manifest(opts Options, types, termBounds, dictBounds []string, perShard int) manifestFile {
	lang := opts.Lang
	if lang != "en" {
		lang = "nb"
	}
	strs := DefaultStrings(lang)
	for k, v := range opts.Strings {
		strs[k] = v
	}
	m := manifestFile{
		Version:           formatVersion,
		Lang:              lang,
		Docs:              len(s.docs),
		Analyzers:         []string{},
		BodyField:         int(fieldBody),
		BodyLengths:       s.bodyLengths(),
		DocsPerShard:      perShard,
		Completions:       completions,
		MinPrefix:         minPrefix,
		MaxWords:          maxWords,
		PartWeight:        partWeight,
		TranslationWeight: translationWeight,
		TermShards:        appendBounds(termBounds),
		DictShards:        appendBounds(dictBounds),
		Types:             append([]string{}, types...),
		Entries:           len(opts.Entries) > 0,
		Strings:           strs,
	}
	if s.split != nil {
		m.PartMark = partMark
	}
	for _, a := range s.analyzers {
		m.Analyzers = append(m.Analyzers, a.name())
	}
	for f := range numFields {
		m.Fields = append(m.Fields, f.name())
		m.Boosts = append(m.Boosts, int(f.boost()))
	}
	return m
}

// bodyLengths run-length encodes the body lengths, which the document
// order sorted: pairs of (increase over the previous length, number of
// documents).
func (s *site) bodyLengths() digits {
	var dst []byte
	prev := int32(0)
	for i := 0; i < len(s.docs); {
		l := s.lengths[i][fieldBody]
		j := i + 1
		for j < len(s.docs) && s.lengths[j][fieldBody] == l {
			j++
		}
		dst = appendNum(dst, uint64(l-prev))
		dst = appendNum(dst, uint64(j-i))
		prev, i = l, j
	}
	return digits(dst)
}

// appendBounds writes shard bounds, which are sorted, as one string:
// each bound is the number of leading characters (code points) it shares
// with the one before, as one digit (at most digitBase−1), and the rest;
// bounds are separated by spaces, which no term contains.
func appendBounds(bounds []string) string {
	var b []byte
	prev := ""
	for i, cur := range bounds {
		if i > 0 {
			b = append(b, ' ')
		}
		n, chars := 0, 0
		for n < len(prev) && n < len(cur) && prev[n] == cur[n] && chars < digitBase-1 {
			_, size := utf8.DecodeRuneInString(cur[n:])
			if cur[n:n+size] != prev[n:min(len(prev), n+size)] {
				break
			}
			n += size
			chars++
		}
		b = appendNum(b, uint64(chars))
		b = append(b, cur[n:]...)
		prev = cur
	}
	return string(b)
}

func itoa(n int) string {
	return string(appendUint(nil, uint64(n)))
}
