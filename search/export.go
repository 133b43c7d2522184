package search

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
	"unique"
)

// Sizes and rules of the static index. They are written into the manifest,
// so the client reads them rather than repeating them.
const (
	formatVersion = 1

	// termShardBytes bounds a term shard; a term whose postings alone
	// are larger gets a shard of its own.
	termShardBytes = 4 << 10
	// dictShardBytes bounds a shard of the dictionary the client
	// completes the last word and suggests nearest terms from.
	dictShardBytes = 4 << 10
	// dictMinPostings leaves out of that dictionary the terms that occur
	// once in the whole site (typos, numbers): a search still finds them,
	// but they are neither completions nor suggestions.
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
// data…), so the client loads them with <script src> and search works from
// file://:
//
//	manifest.js    everything a query needs first: document count, fields
//	               and boosts, body lengths, shard boundaries, strings
//	t/N.js         term shards: terms in a range, each with its postings
//	w/N.js         dictionary shards: terms with their posting counts and
//	               word forms, for completing the last word and "did you mean"
//	d/N.js         document N: title, link, sections, text for snippets
//	types.js       the type of every document, for the results page filter
//	entries.js     the catalogue entries an ID query offers (if any)
func Export(docs []*Analyzed, opts Options) (map[string][]byte, error) {
	ordered, err := documentOrder(docs)
	if err != nil {
		return nil, err
	}
	ix := buildTermIndex(ordered)
	files := make(map[string][]byte, len(ordered)+len(ix.terms)/64+8)

	termBounds := ix.writeTermShards(files)
	dictBounds := ix.writeDictShards(files)
	for n, a := range ordered {
		key := "d/" + itoa(n)
		files[key+".js"] = scriptFile(key, a.data)
	}
	types := typeList(ordered)
	files["types.js"] = scriptFile("types", typeCodes(ordered, types))
	if len(opts.Entries) > 0 {
		files["entries.js"] = scriptFile("entries", entryList(opts.Entries))
	}
	files["manifest.js"] = scriptFile("manifest", manifest(ordered, opts, types, termBounds, dictBounds))
	return files, nil
}

// documentOrder numbers the documents: by body length, then ID, then URL.
// Ordering by body length makes the body lengths a non-decreasing sequence
// that the manifest stores in a few kilobytes (the client needs the length
// of every document's body to score it). The order also breaks ties
// between equal scores, in the client and in the reference test.
func documentOrder(docs []*Analyzed) ([]*Analyzed, error) {
	ordered := make([]*Analyzed, 0, len(docs))
	for i, a := range docs {
		if a == nil {
			return nil, fmt.Errorf("search: document %d was not analysed (nil)", i)
		}
		ordered = append(ordered, a)
	}
	slices.SortFunc(ordered, func(a, b *Analyzed) int {
		return cmp.Or(
			cmp.Compare(a.fields[fieldBody].length, b.fields[fieldBody].length),
			cmp.Compare(a.id, b.id),
			cmp.Compare(a.url, b.url),
		)
	})
	for i := 1; i < len(ordered); i++ {
		a, b := ordered[i-1], ordered[i]
		if a.id == b.id && a.url == b.url {
			return nil, fmt.Errorf("search: document %q (%s) given twice", a.id, a.url)
		}
	}
	return ordered, nil
}

// A termIndex is the inverted index of all documents: for every term and
// field, the documents (by number) that contain it.
type termIndex struct {
	docs    []*Analyzed
	terms   []string // by term number
	surface []string // the word form first seen for each term
	sorted  []int32  // term numbers in term order
	start   []int32  // postings of term t in field f: post[start[t*numFields+f]:start[t*numFields+f+1]]
	post    []posting
}

type posting struct {
	doc, freq, length int32
}

func (ix *termIndex) postings(t int32, f field) []posting {
	i := int(t)*int(numFields) + int(f)
	return ix.post[ix.start[i]:ix.start[i+1]]
}

func (ix *termIndex) count(t int32) int {
	i := int(t) * int(numFields)
	return int(ix.start[i+int(numFields)] - ix.start[i])
}

func buildTermIndex(docs []*Analyzed) *termIndex {
	ix := &termIndex{docs: docs}
	number := make(map[unique.Handle[string]]int32, 1<<15)
	local := make([][]int32, len(docs))
	for d, a := range docs {
		m := make([]int32, len(a.terms))
		for i, dt := range a.terms {
			t, ok := number[dt.term]
			if !ok {
				t = int32(len(ix.terms))
				number[dt.term] = t
				ix.terms = append(ix.terms, dt.term.Value())
				ix.surface = append(ix.surface, dt.surface.Value())
			}
			m[i] = t
		}
		local[d] = m
	}
	ix.start = make([]int32, len(ix.terms)*int(numFields)+1)
	for d, a := range docs {
		for f := range numFields {
			for _, tf := range a.fields[f].terms {
				ix.start[int(local[d][tf.term])*int(numFields)+int(f)+1]++
			}
		}
	}
	for i := 1; i < len(ix.start); i++ {
		ix.start[i] += ix.start[i-1]
	}
	ix.post = make([]posting, ix.start[len(ix.start)-1])
	next := slices.Clone(ix.start[:len(ix.start)-1])
	for d, a := range docs {
		for f := range numFields {
			ft := &a.fields[f]
			for _, tf := range ft.terms {
				i := int(local[d][tf.term])*int(numFields) + int(f)
				ix.post[next[i]] = posting{doc: int32(d), freq: tf.freq, length: ft.length}
				next[i]++
			}
		}
	}
	ix.sorted = make([]int32, len(ix.terms))
	for i := range ix.sorted {
		ix.sorted[i] = int32(i)
	}
	slices.SortFunc(ix.sorted, func(a, b int32) int { return strings.Compare(ix.terms[a], ix.terms[b]) })
	return ix
}

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
// all cores. It returns one buffer per worker and, for each sorted term,
// its encoding (a slice of one of them).
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
// termShardBytes and returns each shard's lower bound.
func (ix *termIndex) writeTermShards(files map[string][]byte) []string {
	enc := ix.encodePostings()
	var bounds []string
	var terms, posts []byte
	size, first := 0, 0
	flush := func(end int) {
		if end == first {
			return
		}
		key := "t/" + itoa(len(bounds))
		bounds = append(bounds, ix.bound(first))
		files[key+".js"] = scriptFile(key, wrapArray(terms), wrapArray(posts))
		terms, posts, size, first = terms[:0], posts[:0], 0, end
	}
	for i, t := range ix.sorted {
		qt := appendJSString(nil, ix.terms[t])
		entry := len(qt) + len(enc[i]) + 4
		if size > 0 && size+entry > termShardBytes {
			flush(i)
		}
		if size > 0 {
			terms = append(terms, ',')
			posts = append(posts, ',')
		}
		terms = append(terms, qt...)
		posts = append(posts, '"')
		posts = append(posts, enc[i]...)
		posts = append(posts, '"')
		size += entry
	}
	flush(len(ix.sorted))
	return bounds
}

// writeDictShards writes the dictionary: the terms with at least
// dictMinPostings postings, their posting counts and, where it differs from
// the term, the word form that produced them.
func (ix *termIndex) writeDictShards(files map[string][]byte) []string {
	var bounds []string
	var terms, counts, forms []byte
	size, first := 0, -1
	flush := func() {
		if first < 0 {
			return
		}
		key := "w/" + itoa(len(bounds))
		bounds = append(bounds, ix.bound(first))
		files[key+".js"] = scriptFile(key, wrapArray(terms), wrapString(counts), wrapArray(forms))
		terms, counts, forms, size, first = terms[:0], counts[:0], forms[:0], 0, -1
	}
	for i, t := range ix.sorted {
		n := ix.count(t)
		if n < dictMinPostings {
			continue
		}
		qt := appendJSString(nil, ix.terms[t])
		form := ix.surface[t]
		if form == ix.terms[t] {
			form = ""
		}
		qf := appendJSString(nil, form)
		entry := len(qt) + len(qf) + 4
		if size > 0 && size+entry > dictShardBytes {
			flush()
		}
		if first < 0 {
			first = i
		} else {
			terms = append(terms, ',')
			forms = append(forms, ',')
		}
		terms = append(terms, qt...)
		forms = append(forms, qf...)
		counts = appendNum(counts, uint64(n))
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

// typeCodes is a string with one number per document: its type's index in
// types.
func typeCodes(docs []*Analyzed, types []string) []byte {
	buf := []byte{'"'}
	for _, a := range docs {
		buf = appendNum(buf, uint64(slices.Index(types, a.typ)))
	}
	return append(buf, '"')
}

func entryList(entries []Entry) []byte {
	buf := []byte{'['}
	for i, e := range entries {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, '[')
		buf = appendJSString(buf, e.ID)
		buf = append(buf, ',')
		buf = appendJSString(buf, e.Kind)
		buf = append(buf, ',')
		buf = appendJSString(buf, e.Title)
		buf = append(buf, ',')
		buf = appendJSString(buf, e.URL)
		buf = append(buf, ']')
	}
	return append(buf, ']')
}

// manifest is the first file a query loads.
func manifest(docs []*Analyzed, opts Options, types, termBounds, dictBounds []string) []byte {
	lang := opts.Lang
	if lang != "en" {
		lang = "nb"
	}
	var used [numAnalyzers]bool
	for _, a := range docs {
		used[a.analyzer] = true
	}
	if len(docs) == 0 {
		used[analyzerForLang(lang)] = true
	}
	strs := DefaultStrings(lang)
	for k, v := range opts.Strings {
		strs[k] = v
	}

	b := []byte(`{"version":`)
	b = appendUint(b, formatVersion)
	b = append(b, `,"lang":`...)
	b = appendJSString(b, lang)
	b = append(b, `,"docs":`...)
	b = appendUint(b, uint64(len(docs)))
	b = append(b, `,"analyzers":[`...)
	sep := ""
	for a := range numAnalyzers {
		if used[a] {
			b = append(b, sep...)
			b = appendJSString(b, a.name())
			sep = ","
		}
	}
	b = append(b, `],"fields":[`...)
	for f := range numFields {
		if f > 0 {
			b = append(b, ',')
		}
		b = appendJSString(b, f.name())
	}
	b = append(b, `],"boosts":[`...)
	for f := range numFields {
		if f > 0 {
			b = append(b, ',')
		}
		b = appendUint(b, uint64(f.boost()))
	}
	b = append(b, `],"bodyField":`...)
	b = appendUint(b, uint64(fieldBody))
	b = append(b, `,"bodyLengths":"`...)
	b = appendBodyLengths(b, docs)
	b = append(b, `","completions":`...)
	b = appendUint(b, completions)
	b = append(b, `,"minPrefix":`...)
	b = appendUint(b, minPrefix)
	b = append(b, `,"termShards":`...)
	b = appendBounds(b, termBounds)
	b = append(b, `,"dictShards":`...)
	b = appendBounds(b, dictBounds)
	b = append(b, `,"types":`...)
	b = appendStrings(b, types)
	b = append(b, `,"entries":`...)
	b = append(b, fmt.Sprint(len(opts.Entries) > 0)...)
	b = append(b, `,"strings":{`...)
	keys := make([]string, 0, len(strs))
	for k := range strs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSString(b, k)
		b = append(b, ':')
		b = appendJSString(b, strs[k])
	}
	return append(b, "}}"...)
}

// appendBodyLengths run-length encodes the body lengths, which documentOrder
// sorted: pairs of (increase over the previous length, number of documents).
func appendBodyLengths(dst []byte, docs []*Analyzed) []byte {
	prev := int32(0)
	for i := 0; i < len(docs); {
		l := docs[i].fields[fieldBody].length
		j := i + 1
		for j < len(docs) && docs[j].fields[fieldBody].length == l {
			j++
		}
		dst = appendNum(dst, uint64(l-prev))
		dst = appendNum(dst, uint64(j-i))
		prev, i = l, j
	}
	return dst
}

// appendBounds writes shard bounds, which are sorted, as one string:
// each bound is the number of leading characters (code points) it shares
// with the one before, as one digit (at most digitBase−1), and the rest;
// bounds are separated by spaces, which no term contains.
func appendBounds(dst []byte, bounds []string) []byte {
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
	return appendJSString(dst, string(b))
}

func appendStrings(dst []byte, list []string) []byte {
	dst = append(dst, '[')
	for i, s := range list {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendJSString(dst, s)
	}
	return append(dst, ']')
}

func wrapArray(items []byte) []byte {
	return append(append([]byte{'['}, items...), ']')
}

func wrapString(digits []byte) []byte {
	return append(append([]byte{'"'}, digits...), '"')
}

// scriptFile is an index file: ismsSearch("key",arg,…);
func scriptFile(key string, args ...[]byte) []byte {
	n := len(registerFunc) + len(key) + 8
	for _, a := range args {
		n += len(a) + 1
	}
	b := make([]byte, 0, n)
	b = append(b, registerFunc...)
	b = append(b, '(')
	b = appendJSString(b, key)
	for _, a := range args {
		b = append(b, ',')
		b = append(b, a...)
	}
	return append(b, ");\n"...)
}

func itoa(n int) string {
	return string(appendUint(nil, uint64(n)))
}
