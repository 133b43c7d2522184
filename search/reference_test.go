package search

import (
	"cmp"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// The reference: bleve's own index, query and ranking over the same
// documents and the same mapping. The client must rank as this does.

// analyzeAll analyses documents on all cores, as the pipeline does.
func analyzeAll(docs []Document) []*Analyzed {
	out := make([]*Analyzed, len(docs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range 4 {
		wg.Go(func() {
			for i := range next {
				out[i] = Analyze(docs[i])
			}
		})
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// A reference is a bleve index of a corpus; its document IDs are the
// export's document numbers, zero-padded so that sorting by _id breaks
// ties as the client does. Its documents are indexed with the site's
// analyzers (site.analyzer: bleve's, with the compound filters), through
// bleve's own analysis of each field.
type reference struct {
	index bleve.Index
	site  *site
}

func refID(n int) string { return fmt.Sprintf("%07d", n) }

func newReference(t testing.TB, docs []Document, analyzed []*Analyzed, opts ...Options) *reference {
	t.Helper()
	var o Options
	if len(opts) > 0 {
		o = opts[0]
	}
	s, err := buildSite(analyzed, o)
	if err != nil {
		t.Fatal(err)
	}
	number := make(map[*Analyzed]int, len(s.docs))
	for n, a := range s.docs {
		number[a] = n
	}
	idx, err := bleve.NewUsing("", newIndexMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	var analyzers [numAnalyzers]analysis.Analyzer
	for _, a := range s.analyzers {
		analyzers[a] = s.analyzer(a)
	}
	batch := idx.NewBatch()
	for i, d := range docs {
		a := analyzerForLang(d.Lang)
		var headings, body []string
		for _, s := range d.Sections {
			headings = append(headings, s.Heading)
			body = append(body, s.Text)
		}
		texts := [numFields]string{
			fieldTitle:    d.Title,
			fieldID:       d.ID,
			fieldSummary:  d.Summary,
			fieldHeadings: strings.Join(headings, "\n"),
			fieldControls: strings.Join(d.Controls, "\n"),
			fieldClauses:  strings.Join(d.Clauses, "\n"),
			fieldOwner:    d.Owner,
			fieldType:     d.Type,
			fieldBody:     strings.Join(body, "\n"),
		}
		doc := document.NewDocument(refID(number[analyzed[i]]))
		for f := range numFields {
			doc.AddField(document.NewTextFieldCustom(f.name(), nil, []byte(texts[f]), index.IndexField, analyzers[a]))
		}
		if err := batch.IndexAdvanced(doc); err != nil {
			t.Fatal(err)
		}
	}
	if err := idx.Batch(batch); err != nil {
		t.Fatal(err)
	}
	return &reference{index: idx, site: s}
}

// completions are the reference's completions of a prefix: the dictionary
// terms that start with it — from bleve's term dictionaries, the words of
// letters, those with dictMinPostings postings over all fields or one in a
// title, summary or heading, not compounds' parts; and the vocabulary's
// words — most postings first, ties in term order, without exclude.
func (r *reference) completions(t testing.TB, prefix string, exclude []string) []string {
	counts := map[string]int{}
	inDict := map[string]bool{}
	for f := range numFields {
		dict, err := r.index.FieldDictPrefix(f.name(), []byte(prefix))
		if err != nil {
			t.Fatal(err)
		}
		for {
			e, err := dict.Next()
			if err != nil {
				t.Fatal(err)
			}
			if e == nil {
				break
			}
			counts[e.Term] += int(e.Count)
			if f == fieldTitle || f == fieldSummary || f == fieldHeadings {
				inDict[e.Term] = true
			}
		}
		dict.Close()
	}
	for term := range r.site.vocabTerm {
		if strings.HasPrefix(term, prefix) {
			inDict[term] = true
		}
	}
	var terms []string
	for term := range inDict {
		terms = append(terms, term)
	}
	for term, n := range counts {
		if (n >= dictMinPostings || lettersOnly(term)) && !inDict[term] {
			terms = append(terms, term)
		}
	}
	terms = slices.DeleteFunc(terms, func(term string) bool { return isPart(term) || slices.Contains(exclude, term) })
	slices.SortFunc(terms, func(a, b string) int { return cmp.Or(cmp.Compare(counts[b], counts[a]), strings.Compare(a, b)) })
	return terms[:min(len(terms), completions)]
}

// query builds bleve's query for a text: a conjunction of words, each a
// disjunction of a term query per term and field, boosted by the field's
// boost times the term's weight (query.go's resolveQuery).
func (r *reference) query(t testing.TB, text string) (query.Query, [][]weightedTerm) {
	p := theEngine().parseQuery(text, r.site.analyzers)
	resolved := r.site.resolveQuery(p, func(prefix string, exclude []string) []string {
		return r.completions(t, prefix, exclude)
	})
	var words []query.Query
	for _, w := range resolved {
		var leaves []query.Query
		for _, wt := range w {
			for f := range numFields {
				q := bleve.NewTermQuery(wt.Term)
				q.SetField(f.name())
				q.SetBoost(f.boost() * wt.Weight)
				leaves = append(leaves, q)
			}
		}
		words = append(words, bleve.NewDisjunctionQuery(leaves...))
	}
	switch len(words) {
	case 0:
		return nil, nil
	case 1:
		return words[0], resolved
	}
	return bleve.NewConjunctionQuery(words...), resolved
}

type scoredDoc struct {
	doc   int
	score float64
}

// top returns bleve's top k for a text, and the terms of its words.
func (r *reference) top(t testing.TB, text string, k int) ([]scoredDoc, [][]weightedTerm) {
	q, terms := r.query(t, text)
	if q == nil {
		return nil, nil
	}
	req := bleve.NewSearchRequestOptions(q, k, 0, false)
	req.SortBy([]string{"-_score", "_id"})
	res, err := r.index.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	var out []scoredDoc
	for _, h := range res.Hits {
		n, err := strconv.Atoi(h.ID)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, scoredDoc{n, h.Score})
	}
	return out, terms
}

// parityQueries is the query set of the ranking test: one word and
// several, Norwegian and English, inflected, rare and common, typed (the
// last word a prefix) and finished, IDs and stop words.
func parityQueries() []string {
	var qs []string
	nb, en := norwegian, english
	for i, lx := range nb.nouns {
		if i%3 == 0 {
			qs = append(qs, lx[len(lx)-1]+" ") // an inflected form, finished
		}
		if i%5 == 1 {
			qs = append(qs, lx[0]) // the base form, still typed
		}
	}
	for i, lx := range en.nouns {
		if i%4 == 0 {
			qs = append(qs, lx[len(lx)-1]+" ")
		}
	}
	for i, lx := range nb.verbs {
		if i%3 == 0 {
			qs = append(qs, lx[len(lx)-1])
		}
	}
	for i, lx := range en.verbs {
		if i%3 == 0 {
			qs = append(qs, lx[len(lx)-1]+" ")
		}
	}
	for i := 0; i+1 < len(nb.nouns); i += 4 {
		qs = append(qs, nb.nouns[i][0]+" "+nb.nouns[i+1][1]+" ")
	}
	for i := 0; i+2 < len(en.nouns); i += 6 {
		qs = append(qs, en.nouns[i][0]+" "+en.nouns[i+1][0]+" "+en.nouns[i+2][0])
	}
	for i := 0; i+2 < len(nb.nouns); i += 9 {
		qs = append(qs, nb.nouns[i][0]+" og "+nb.adjectives[i%len(nb.adjectives)][0]+" "+nb.nouns[i+2][0][:4])
	}
	for i, lx := range en.nouns {
		if i%5 == 2 && len(lx[0]) > 4 {
			qs = append(qs, lx[0][:len(lx[0])-2]) // typed, a few letters short
		}
	}
	for i, lx := range nb.adjectives {
		if i%2 == 0 {
			qs = append(qs, lx[len(lx)-1]+" "+nb.nouns[(i*7)%len(nb.nouns)][0]+" ")
		}
	}
	qs = append(qs,
		"backup sikkerhetskopi", "passwords passord ", "kryptering of keys", "the and of",
		"sikkerhetskopiene ", "sikkerhetsk", "sik", "inf", "in", "the backup ", "backup and restore",
		"5.15", "5.15 ", "6.1.3 ", "POL-003 ", "CISO", "IT-sjef", "Security Officer ", "policy ",
		"prosedyre", "naïve café", "e-post", "CISO's ansvar", "tilgangsstyring for ansatte",
		"risk assessment", "hendelser avvik logg", "sikkerhetskopu ", "zzzz ", "årlig gjennomgang ",
	)
	return qs
}

// exportTo writes an export into a new folder.
func exportTo(t testing.TB, analyzed []*Analyzed, opts Options) (string, map[string][]byte) {
	t.Helper()
	files, err := Export(analyzed, opts)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, b := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, files
}

type clientResult struct {
	Hits        [][2]float64
	Total       int
	Words       [][]string
	Entries     []Entry
	Suggestions []struct{ Word, Query string }
	Corrected   string // the query the client searched for instead of the one typed ("" if none)
	Weights     [][]float64
	Shown       []struct {
		ID, Href, Heading string
		Title, Snippet    []struct {
			Text string
			Mark bool
		}
	}
	Loaded []struct {
		Key   string
		Bytes int
	}
	Ms, MsSearch float64
}

// weightedTerms are the client's words' terms with their weights.
func (c clientResult) weightedTerms() [][]weightedTerm {
	var out [][]weightedTerm
	for i, w := range c.Words {
		var ts []weightedTerm
		for j, term := range w {
			weight := 0.0
			if i < len(c.Weights) && j < len(c.Weights[i]) {
				weight = c.Weights[i][j]
			}
			ts = append(ts, weightedTerm{term, weight})
		}
		out = append(out, ts)
	}
	return out
}

func (c clientResult) top() []scoredDoc {
	var out []scoredDoc
	for _, h := range c.Hits {
		out = append(out, scoredDoc{int(h[0]), h[1]})
	}
	return out
}

// TestRankingParity runs a query set through the client (in Node, over
// the exported files) and through bleve, and compares the top 10: on the
// package's own corpus (with its tricky text) and on the project's
// benchmark corpus (internal/corpus), with queries drawn from its text.
func TestRankingParity(t *testing.T) {
	node := startNode(t)
	t.Run("test corpus", func(t *testing.T) {
		rankingParity(t, node, corpus(1500, 2), parityQueries(), Options{Vocabulary: testVocabulary()})
	})
	for _, site := range testSites {
		t.Run(site.name, func(t *testing.T) {
			if _, err := os.Stat(site.dir); err != nil {
				t.Skipf("%s: %v", site.dir, err)
			}
			docs, lang := readSite(t, site.dir)
			queries := queriesFrom(docs, 11)
			for _, q := range site.queries {
				queries = append(queries, q.query, q.query+" ")
			}
			rankingParity(t, node, docs, queries, Options{Lang: lang, Vocabulary: testVocabulary()})
		})
	}
	t.Run("site corpus", func(t *testing.T) {
		docs := siteCorpus(1500, 7)
		rankingParity(t, node, docs, queriesFrom(docs, 3), Options{Vocabulary: testVocabulary()})
	})
}

func rankingParity(t *testing.T, node *nodeHarness, docs []Document, queries []string, opts Options) {
	analyzed := analyzeAll(docs)
	ref := newReference(t, docs, analyzed, opts)
	dir, _ := exportTo(t, analyzed, opts)
	var opened struct{ Docs int }
	node.call(t, map[string]any{"op": "open", "dir": dir}, &opened)
	if opened.Docs != len(docs) {
		t.Fatalf("client opened %d documents, want %d", opened.Docs, len(docs))
	}

	var resp struct{ Results []clientResult }
	node.call(t, map[string]any{"op": "search", "queries": queries, "k": 10, "show": 0, "cold": false}, &resp)

	equal, empty := 0, 0
	var unexplained []string
	maxRel := 0.0
	corrected := 0
	for i, q := range queries {
		res := resp.Results[i]
		if res.Corrected != "" {
			// The client searched for the nearest words instead: the
			// reference searches for them too.
			q = res.Corrected
			corrected++
		}
		want, wantTerms := ref.top(t, q, 10)
		got := res.top()
		if gotTerms := res.weightedTerms(); fmt.Sprint(gotTerms) != fmt.Sprint(wantTerms) && !(len(wantTerms) == 0 && len(gotTerms) == 0) {
			unexplained = append(unexplained, fmt.Sprintf("%q: client terms %v, reference terms %v", q, gotTerms, wantTerms))
			continue
		}
		if len(want) == 0 {
			empty++
		}
		scores := map[int]float64{}
		for _, h := range want {
			scores[h.doc] = h.score
		}
		for _, h := range got {
			if s, ok := scores[h.doc]; ok && s != 0 {
				maxRel = max(maxRel, math.Abs(h.score-s)/s)
			}
		}
		if sameDocs(got, want) {
			equal++
			continue
		}
		why, ok := explainDifference(got, want)
		msg := fmt.Sprintf("%q: %s\n client %v\n bleve  %v", q, why, got, want)
		if ok {
			t.Logf("difference, explained: %s", msg)
		} else {
			unexplained = append(unexplained, msg)
		}
	}
	share := float64(equal) / float64(len(queries))
	t.Logf("%d queries (%d with no results, %d corrected), top 10 equal in %d (%.1f%%); largest relative score difference %.2g", len(queries), empty, corrected, equal, 100*share, maxRel)
	for _, u := range unexplained {
		t.Errorf("unexplained difference: %s", u)
	}
	if share < 0.95 || len(queries) < 100 {
		t.Errorf("top 10 equal in %.1f%% of %d queries, want at least 95%% of at least 100", 100*share, len(queries))
	}
}

func sameDocs(a, b []scoredDoc) bool {
	return slices.EqualFunc(a, b, func(x, y scoredDoc) bool { return x.doc == y.doc })
}

// explainDifference explains two top lists that differ only where scores
// tie to within float rounding (the order of a float sum differs between
// bleve's disjunction heap and the client), including at the cut.
func explainDifference(got, want []scoredDoc) (string, bool) {
	if len(got) != len(want) {
		return fmt.Sprintf("%d hits against %d", len(got), len(want)), false
	}
	for i := range got {
		if got[i].doc == want[i].doc {
			continue
		}
		if !closeScores(got[i].score, want[i].score) {
			return fmt.Sprintf("rank %d: scores %v and %v differ", i+1, got[i].score, want[i].score), false
		}
	}
	return "documents swapped among scores equal to within float rounding", true
}

func closeScores(a, b float64) bool {
	return math.Abs(a-b) <= 1e-12*math.Max(math.Abs(a), math.Abs(b))
}
