package search

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// The query parser turns the text in the search box into the words a
// search looks for. The client implements these rules in TypeScript
// (client/query.ts); this Go version is their reference, which the tests
// and the fuzz test compare the client with and which the reference
// queries of the ranking test are built from. The rules:
//
//   - The words are the tokens of bleve's unicode tokenizer, as in the
//     documents.
//   - Each word is analysed by every analyzer the site uses; its terms are
//     the distinct results, in analyzer order (Norwegian, then English).
//   - A word that is a stop word for any of those analyzers is left out:
//     "the" must not make an English query find nothing in Norwegian
//     documents, nor "og" a Norwegian one in English documents.
//   - While the last word is being typed (nothing follows it, not even a
//     space), it is also a prefix: lowercased and at least minPrefix
//     characters long, it matches the dictionary terms it begins. It stays
//     a prefix even when it is a stop word ("in" on the way to
//     "informasjon"), then without terms of its own.
//   - At most maxWords words count.
//   - Independently, the whole text (trimmed) is an ID query when it looks
//     like a control or clause ID: 5.15, 6.1.3, A.9.1.1 (the "A." in either
//     case, given back as "A."). Trimmed means without idSpace around it.
type parsedQuery struct {
	Words []queryWord `json:"words"`
	ID    string      `json:"id"`
}

// A queryWord is one word of a query.
type queryWord struct {
	Text   string   `json:"text"`
	Terms  []string `json:"terms"`
	Prefix string   `json:"prefix"`
}

const maxWords = 10

// idSpace is the white space around an ID query: ASCII white space and the
// no-break space (spelled out, as Go and JavaScript differ on what
// "white space" is).
const idSpace = " \t\n\v\f\r\u00a0"

var idPattern = regexp.MustCompile(`^(?:[Aa]\.)?[0-9]{1,2}(?:\.[0-9]{1,2}){1,3}$`)

// parseQuery parses q for a site whose documents use the given analyzers.
func (e *engine) parseQuery(q string, analyzers []analyzerID) parsedQuery {
	p := parsedQuery{Words: []queryWord{}, ID: queryID(q)}
	if len(analyzers) == 0 {
		return p
	}
	q = validUTF8(q)
	first := e.analyzers[analyzers[0]]
	toks := first.tokenizer.Tokenize([]byte(q))
	for i, tok := range toks {
		if len(p.Words) == maxWords {
			break
		}
		w := queryWord{Text: string(tok.Term), Terms: []string{}}
		typing := i == len(toks)-1 && tok.End == len(q)
		stop := false
		for _, a := range analyzers {
			r := e.analyzers[a].token(tok.Term)
			if r.stop() {
				stop = true
				continue
			}
			t := r.term.String()
			if !containsString(w.Terms, t) {
				w.Terms = append(w.Terms, t)
			}
		}
		if stop {
			w.Terms = w.Terms[:0]
		}
		if typing {
			if low := first.lowercase(tok.Term); utf8.RuneCountInString(low) >= minPrefix {
				w.Prefix = low
			}
		}
		if len(w.Terms) == 0 && w.Prefix == "" {
			continue
		}
		p.Words = append(p.Words, w)
	}
	return p
}

// queryID returns the catalogue ID q asks for, or "".
func queryID(q string) string {
	q = strings.Trim(q, idSpace)
	if !idPattern.MatchString(q) {
		return ""
	}
	if q[0] == 'a' {
		q = "A" + q[1:]
	}
	return q
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// What a query's words stand for in the index, beyond their own terms —
// the reference of client/rank.ts's resolve:
//
//   - a word's own terms, weight 1;
//   - on a site with compounds split (Norwegian documents), the word's
//     Norwegian term as a compound's part (term + partMark), partWeight;
//   - the last word's completions while it is typed, weight 1;
//   - for every phrase of the vocabulary that words in a row match, its
//     expansion (vocabulary.go) on each of those words: translationWeight,
//     and translationWeight·partWeight for a part.
//
// A term comes once per word, with the weight it has first in that order.
// Phrases are matched on the words' keys — their terms by both analyzers,
// and the last word's completions — skipping the words that are stop
// words in either language; a phrase is found through each key in turn,
// and through a key in vocabulary order.

// A weightedTerm is a term a query word stands for, with its weight.
type weightedTerm struct {
	Term   string
	Weight float64
}

// resolveQuery is the reference of the client's resolve: the terms each
// word of p stands for (words without any left out). complete gives the
// completions of the last word's prefix, without the word's own terms.
func (s *site) resolveQuery(p parsedQuery, complete func(prefix string, exclude []string) []string) [][]weightedTerm {
	e := s.e
	type wordState struct {
		terms []weightedTerm
		keys  []string
		match bool // takes part in phrase matching
	}
	add := func(w *wordState, t string, weight float64) {
		for _, x := range w.terms {
			if x.Term == t {
				return
			}
		}
		w.terms = append(w.terms, weightedTerm{t, weight})
	}
	parts := s.split != nil
	words := make([]*wordState, len(p.Words))
	for i, qw := range p.Words {
		w := &wordState{}
		words[i] = w
		for _, t := range qw.Terms {
			add(w, t, 1)
		}
		no := e.analyzers[analyzerNo].token([]byte(qw.Text))
		en := e.analyzers[analyzerEn].token([]byte(qw.Text))
		if parts && len(qw.Terms) > 0 && !no.stop() {
			add(w, no.term.String()+partMark, partWeight)
		}
		var comps []string
		if qw.Prefix != "" {
			comps = complete(qw.Prefix, qw.Terms)
			for _, t := range comps {
				add(w, t, 1)
			}
		}
		w.match = !no.stop() && !en.stop()
		if w.match {
			w.keys = appendNew(w.keys, no.term.String(), en.term.String())
		}
		w.keys = appendNew(w.keys, comps...)
		w.match = w.match || len(comps) > 0
	}
	var seq []*wordState
	for _, w := range words {
		if w.match {
			seq = append(seq, w)
		}
	}
	for i, w := range seq {
		for _, k := range w.keys {
			for _, ph := range s.vocab.first[k] {
				rest := s.vocab.phrases[ph].terms[1:]
				if i+len(rest) >= len(seq) {
					continue
				}
				ok := true
				for j, t := range rest {
					if !slices.Contains(seq[i+1+j].keys, t) {
						ok = false
						break
					}
				}
				if !ok {
					continue
				}
				exp := s.vocab.expansion(ph, s.ix.has)
				for j := 0; j <= len(rest); j++ {
					for _, t := range exp {
						weight := translationWeight
						if isPart(t) {
							weight *= partWeight
						}
						add(seq[i+j], t, weight)
					}
				}
			}
		}
	}
	var out [][]weightedTerm
	for _, w := range words {
		if len(w.terms) > 0 {
			out = append(out, w.terms)
		}
	}
	return out
}

// appendNew appends the strings of add that list does not have yet.
func appendNew(list []string, add ...string) []string {
	for _, s := range add {
		if !slices.Contains(list, s) {
			list = append(list, s)
		}
	}
	return list
}
