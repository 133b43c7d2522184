package suggest

import (
	"io/fs"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"

	"github.com/isms-project/isms/internal/corpus"
	"github.com/isms-project/isms/internal/testsites"
	"github.com/isms-project/isms/search"
)

// tokenizerWords is what the search index's tokenizer, bleve's unicode
// tokenizer, cuts text into. (search.TextAnalyzer.Words cuts text with
// internal/words, which is held to the same tokenizer there.)
func tokenizerWords(_ *search.TextAnalyzer, text string) []string {
	var out []string
	for _, tok := range unicodeTokenizer.Tokenize([]byte(text)) {
		out = append(out, string(tok.Term))
	}
	return out
}

var unicodeTokenizer = unicode.NewUnicodeTokenizer()

// fastWords is what segmentWords cuts text into, and whether it could.
func fastWords(t testing.TB, text string) ([]string, bool) {
	t.Helper()
	ws, ok := segmentWords(text, []word{{start: 7}})
	if !ok {
		if len(ws) != 1 || ws[0] != (word{start: 7}) {
			t.Fatalf("%q: segmentWords gave up but changed the words it was given: %v", text, ws)
		}
		return nil, false
	}
	if len(ws) == 0 || ws[0] != (word{start: 7}) {
		t.Fatalf("%q: segmentWords lost the words it was given: %v", text, ws)
	}
	var out []string
	for _, w := range ws[1:] {
		out = append(out, text[w.start:w.end])
		if want := newWord(text[w.start:w.end], 0, int(w.end-w.start)); w.key != want.key || w.hash != want.hash {
			t.Fatalf("%q: word %q has key %x and hash %x, want %x and %x", text, text[w.start:w.end], w.key, w.hash, want.key, want.hash)
		}
	}
	return out, true
}

// segmentAlphabet has characters of every class of the fast path, and
// some it does not know.
var segmentAlphabet = []string{
	"a", "Z", "ø", "Å", "ª", "1", "_", ":", "·", ",", ";", ".", "'", "’", "‘",
	" ", "\n", "-", "\"", "×", "–", "«", "\u00a0", "\u2024", "\u2027", "\u2028",
	"é", "\u00ad", "\u0301", "€",
}

// checkSegment compares segmentWords with the tokenizer on text; it
// reports whether the fast path took it.
func checkSegment(t testing.TB, ta *search.TextAnalyzer, text string) bool {
	t.Helper()
	got, ok := fastWords(t, text)
	if !ok {
		return false
	}
	if want := tokenizerWords(ta, text); !slices.Equal(got, want) {
		t.Fatalf("%q: segmentWords gives %q, the tokenizer %q", text, got, want)
	}
	return true
}

// TestSegmentWordsIsTokenizer holds segmentWords equal to the search
// index's tokenizer: on every string of up to four characters of
// segmentAlphabet (so every character between every two others), on
// random longer ones, and on every sentence of the example ISMS, the
// northwind site and a generated corpus.
func TestSegmentWordsIsTokenizer(t *testing.T) {
	ta := search.NewTextAnalyzer("nb")
	fast := 0
	var gen func(prefix string, n int)
	gen = func(prefix string, n int) {
		if checkSegment(t, ta, prefix) {
			fast++
		}
		if n == 0 {
			return
		}
		for _, c := range segmentAlphabet {
			gen(prefix+c, n-1)
		}
	}
	gen("", 4)
	if fast < 100000 {
		t.Errorf("the fast path took %d short strings, want most of them", fast)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 50000 {
		var b strings.Builder
		for range 5 + rng.IntN(20) {
			b.WriteString(segmentAlphabet[rng.IntN(len(segmentAlphabet)-4)]) // known characters only
		}
		if !checkSegment(t, ta, b.String()) {
			t.Fatalf("%q: the fast path gave up on known characters", b.String())
		}
	}

	cat := newCatalog(t)
	northwind, err := fs.Sub(testsites.FS, "northwind")
	if err != nil {
		t.Fatal(err)
	}
	for _, site := range []struct {
		name string
		fsys fs.FS
	}{
		{"example", os.DirFS("../../content")},
		{"northwind", northwind},
		{"corpus", corpus.FS(corpus.Options{Docs: 50, Seed: 3})},
	} {
		total, fast := 0, 0
		for _, d := range readSite(t, site.fsys, cat) {
			ta := search.NewTextAnalyzer(d.Lang)
			texts := []string{d.Title}
			for _, s := range d.Sections {
				texts = append(texts, s.Heading)
				splitSentences(s.Text, func(start, end int) { texts = append(texts, s.Text[start:end]) })
			}
			for _, text := range texts {
				total++
				if checkSegment(t, ta, text) {
					fast++
				}
			}
		}
		t.Logf("%s: the fast path took %d of %d sentences", site.name, fast, total)
		if fast < total*9/10 {
			t.Errorf("%s: the fast path took %d of %d sentences, want at least 90 %%", site.name, fast, total)
		}
	}
}

// TestSegmentWordsGivesUp checks that a character the fast path does not
// know anywhere in the text sends all of it to the tokenizer.
func TestSegmentWordsGivesUp(t *testing.T) {
	for _, text := range []string{
		"café\u0301 au lait", // a combining accent joins the word before it
		"ISO\u00ad27001",     // a soft hyphen is no break
		"x\u200by",           // zero-width space
		"Kostnad 5 €",
		"日本語",
		"bad \xff byte",
		"a.\xc3", // cut in the middle of ø
	} {
		if got, ok := fastWords(t, text); ok {
			t.Errorf("%q: segmentWords gave %q, want it to give up", text, got)
		}
	}
}

// FuzzSegmentWords compares segmentWords with the tokenizer on any text
// the fast path takes.
func FuzzSegmentWords(f *testing.F) {
	for _, s := range []string{"e.g. don't 8.28", "1,5 mill.", "a:b ·c", "flerfaktor­autentisering", "«sitat» – ’n", "x_y__1"} {
		f.Add(s)
	}
	ta := search.NewTextAnalyzer("en")
	f.Fuzz(func(t *testing.T, text string) { checkSegment(t, ta, text) })
}

// termsQuery returns a query set whose phrases are each term of texts
// alone: a document's match then shows every term of it, where it is, and
// every compound part. The query is valid until the next call.
func termsQuery(texts ...string) *querySet {
	qs := &querySet{}
	for a := range numAnalyzers {
		heads, tails := termsBits[a][0], termsBits[a][1]
		clear(heads[:])
		clear(tails[:])
		q := &query{analyzer: a, byTerm: map[string][]termRef{}, byControl: make([][]int32, 1), heads: heads, tails: tails}
		ta := fastPathMatchers[0].ta[a]
		for _, text := range texts {
			ta.Terms(text, func(t string) {
				if _, ok := q.byTerm[t]; !ok {
					q.index(t, termRef{phrase: int32(len(q.phrases))})
					q.phrases = append(q.phrases, phrase{terms: []string{t}, factor: 1})
				}
			})
		}
		q.finish()
		qs.q[a] = q
	}
	return qs
}

// checkFastPath matches d with the fast path and with the tokenizer alone
// (splitSentences, then the tokenizer for every sentence) and compares the
// two.
func checkFastPath(t testing.TB, qs *querySet, d *Document) {
	t.Helper()
	fast, slow := fastPathMatchers[0], fastPathMatchers[1]
	for _, m := range fastPathMatchers {
		m.qs = qs
		for a := range m.vocab {
			m.vocab[a] = newVocabulary(0)
		}
	}
	slow.noFastPath = true
	got, want := fast.match(d), slow.match(d)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s %q %+v: the fast path matches\n%+v\nthe tokenizer\n%+v", d.Lang, d.Title, d.Sections, got, want)
	}
}

// termsBits are the sets of hashes termsQuery reuses (the tests do not
// run in parallel).
var termsBits = [numAnalyzers][2]*partBits{{new(partBits), new(partBits)}, {new(partBits), new(partBits)}}

// fastPathMatchers are the two matchers checkFastPath compares, kept for
// their tokenizers' buffers.
var fastPathMatchers = [2]*matcher{newMatcher(nil, [numAnalyzers]int{}), newMatcher(nil, [numAnalyzers]int{})}

// TestFastPathIsTokenizer holds matcher.read, which cuts sentences and
// words in one pass, equal to splitSentences followed by the tokenizer: on
// random texts of characters the fast path knows and does not know, and
// on every document of the example ISMS and the northwind site, with a
// query of all their terms and with the catalogue's.
func TestFastPathIsTokenizer(t *testing.T) {
	alphabet := []string{"a", "B", "ø", "Æ", "1", ".", "!", "?", " ", "\n", "\n\n", ",", "'", "’", "e.g", "–", "kode", "sikker",
		"autentisering", "\u00ad", "€", "\u0301", "\t"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(24) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		text := b.String()
		lang := [2]string{"nb", "en"}[rng.IntN(2)]
		checkFastPath(t, termsQuery(text), &Document{Lang: lang, Title: text, Sections: []Section{{Heading: text, Text: text}}})
	}
	cat := newCatalog(t)
	northwind, err := fs.Sub(testsites.FS, "northwind")
	if err != nil {
		t.Fatal(err)
	}
	catalogue := compileQueries(cat)
	for _, fsys := range []fs.FS{os.DirFS("../../content"), northwind} {
		for _, d := range readSite(t, fsys, cat) {
			texts := []string{d.Title}
			for _, s := range d.Sections {
				texts = append(texts, s.Heading, s.Text)
			}
			checkFastPath(t, termsQuery(texts...), &d.Document)
			checkFastPath(t, catalogue, &d.Document)
		}
	}
}

// FuzzFastPath compares the fast path with the tokenizer on any text.
func FuzzFastPath(f *testing.F) {
	for _, s := range []string{"One. Two!\nthree", "Ø. å\n\nB", "x.\xff Y", "€ 5. Neste", "a\u0301. B", "e.g. 8.28 don't"} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, text string, norwegian bool) {
		lang := "en"
		if norwegian {
			lang = "nb"
		}
		checkFastPath(t, termsQuery(text), &Document{Lang: lang, Sections: []Section{{Text: text}}})
	})
}
