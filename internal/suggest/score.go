package suggest

import (
	"math"
)

// Scoring turns the phrases' term frequencies into one score per document
// and control; see the package comment for the reasoning.

// BM25 parameters: how fast repeating a phrase stops adding (k1) and how
// much a long document's matches are discounted (b).
const (
	k1 = 1.2
	b  = 0.5
)

// score computes ix.scores from the documents' matches.
func (ix *Index) score() {
	nc := len(ix.controls)
	nd := len(ix.docs)
	ix.scores = make([]float32, nd*nc)
	if nd == 0 {
		return
	}
	// Document frequency of each phrase, per analyzer's query.
	var df [numAnalyzers][]int
	for a := range numAnalyzers {
		df[a] = make([]int, len(ix.queries.q[a].phrases))
	}
	var totalLen float64
	for _, dm := range ix.docs {
		totalLen += float64(dm.length)
		for _, t := range dm.tf {
			df[dm.analyzer][t.phrase]++
		}
	}
	avgLen := max(totalLen/float64(nd), 1)
	// Weight of each phrase: its inverse document frequency in the site
	// times its factor (own language or not).
	var weight [numAnalyzers][]float32
	for a := range numAnalyzers {
		q := ix.queries.q[a]
		n := 0
		for _, dm := range ix.docs {
			if dm.analyzer == a {
				n++
			}
		}
		weight[a] = make([]float32, len(q.phrases))
		for p, ph := range q.phrases {
			weight[a][p] = ph.factor * float32(idf(n, df[a][p]))
		}
	}
	ix.phraseWeight = weight
	// Self score of each control: a document of average length that
	// holds each of the control's phrases once, in the text.
	var self [numAnalyzers][]float64
	for a := range numAnalyzers {
		q := ix.queries.q[a]
		self[a] = make([]float64, nc)
		sat1 := saturate(1, 1)
		for c := range nc {
			for _, p := range q.byControl[c] {
				self[a][c] += float64(weight[a][p]) * sat1
			}
		}
	}
	raw := make([]float64, nc)
	for d, dm := range ix.docs {
		clear(raw)
		q := ix.queries.q[dm.analyzer]
		norm := float64(dm.length) / avgLen
		for _, t := range dm.tf {
			c := q.phrases[t.phrase].control
			raw[c] += float64(weight[dm.analyzer][t.phrase]) * saturate(float64(t.tf), norm)
		}
		for c := range nc {
			if raw[c] > 0 && self[dm.analyzer][c] > 0 {
				ix.scores[d*nc+c] = float32(raw[c] / self[dm.analyzer][c])
			}
		}
	}
}

// idf is BM25's inverse document frequency of a phrase found in df of n
// documents; it is positive even for a phrase every document has.
func idf(n, df int) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

// saturate is BM25's term-frequency part for a phrase of frequency tf in
// a document norm times the average length.
func saturate(tf, norm float64) float64 {
	return tf * (k1 + 1) / (tf + k1*(1-b+b*norm))
}
