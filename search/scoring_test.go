package search

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// TestScoringModels compares bleve's two scoring models on the benchmark
// corpus, which is why the index uses TF-IDF (see the package comment): a
// query for the subject of documents (a word of their titles, "Policy for
// sikkerhetskopiering") should find those documents first. It reports,
// for each model, the share of the top 10 whose title has the query's
// term, over every such subject word, searching all fields and the body
// alone. Run with -v to see the figures; the test fails if BM25 ever ranks
// clearly better, for then the choice should be looked at again.
func TestScoringModels(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes 2,000 documents twice")
	}
	docs := siteCorpus(2000, 5)
	e := theEngine()
	// Subject words: the last word of titles ("… for sikkerhetskopiering").
	subjects := map[string]bool{}
	for _, d := range docs {
		f := strings.Fields(d.Title)
		if i := slices.Index(f, "for"); i >= 0 && i+1 < len(f) {
			subjects[strings.ToLower(strings.Trim(f[i+1], ",.–"))] = true
		}
	}
	var words []string
	for w := range subjects {
		words = append(words, w)
	}
	slices.Sort(words)

	titleHas := make([]map[string]bool, len(docs))
	for i, d := range docs {
		titleHas[i] = map[string]bool{}
		a := e.analyzers[analyzerForLang(d.Lang)]
		var sc scratch
		a.words(d.Title, &sc, func(tok []byte) {
			if r := a.token(tok); !r.stop() {
				titleHas[i][r.term.String()] = true
			}
		})
	}
	share := map[string]float64{}
	for _, model := range []string{index.TFIDFScoring, index.BM25Scoring} {
		m := newIndexMapping()
		m.ScoringModel = model
		idx, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
		if err != nil {
			t.Fatal(err)
		}
		batch := idx.NewBatch()
		for i, d := range docs {
			var body []string
			for _, s := range d.Sections {
				body = append(body, s.Text)
			}
			batch.Index(fmt.Sprint(i), map[string]any{
				typeField: analyzerForLang(d.Lang).name(), "title": d.Title, "summary": d.Summary, "body": strings.Join(body, "\n"),
			})
		}
		if err := idx.Batch(batch); err != nil {
			t.Fatal(err)
		}
		for _, fields := range [][]field{{fieldTitle, fieldSummary, fieldBody}, {fieldBody}} {
			hits, total := 0, 0
			for _, w := range words {
				term := e.analyzers[analyzerNo].token([]byte(w))
				if term.stop() {
					continue
				}
				var leaves []query.Query
				for _, f := range fields {
					q := bleve.NewTermQuery(term.term.String())
					q.SetField(f.name())
					q.SetBoost(f.boost())
					leaves = append(leaves, q)
				}
				req := bleve.NewSearchRequestOptions(bleve.NewDisjunctionQuery(leaves...), 10, 0, false)
				res, err := idx.Search(req)
				if err != nil {
					t.Fatal(err)
				}
				for _, h := range res.Hits {
					var n int
					fmt.Sscan(h.ID, &n)
					total++
					if titleHas[n][term.term.String()] {
						hits++
					}
				}
			}
			where := "title, summary, body"
			if len(fields) == 1 {
				where = "body only"
			}
			p := 100 * float64(hits) / float64(max(total, 1))
			share[model+", "+where] = p
			t.Logf("%-6s, %-20s: %d subject queries, %.1f%% of the top 10 are about the subject", model, where, len(words), p)
		}
		idx.Close()
	}
	for _, where := range []string{"title, summary, body", "body only"} {
		if tf, bm := share[index.TFIDFScoring+", "+where], share[index.BM25Scoring+", "+where]; bm > tf+1 {
			t.Errorf("%s: BM25 finds %.1f%%, TF-IDF %.1f%%: reconsider the scoring model", where, bm, tf)
		}
	}
}
