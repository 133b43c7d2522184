package search

// The bilingual vocabulary: an English query finds Norwegian documents and
// a Norwegian one English documents through a list of Concepts, each the
// words or phrases that name one thing in both languages ("backup" and
// "sikkerhetskopi", "access control" and "tilgangsstyring"). The catalogue
// keeps the list (catalog.Vocabulary); the pipeline hands it over in
// Options.Vocabulary.
//
// A phrase is a sequence of terms: its words analysed by its language's
// analyzer, stop words (of either language) left out. When the words of a
// query, in a row, have a phrase's terms, each of those words also stands
// for the terms of the concept's other phrases that documents have, with
// translationWeight (query.go). Export writes every phrase into the term
// shard of its first term, with those terms, so the client finds a
// query's phrases where it finds its postings.

import (
	"slices"
	"strings"
)

// A Concept is one entry of the bilingual vocabulary: the words or phrases
// that name the same thing in English and in Norwegian (bokmål).
type Concept struct {
	En, Nb []string
}

// A phrase is a phrase of a concept as terms.
type phrase struct {
	concept int
	lang    analyzerID
	terms   []string
	words   []string // its words, lowercased, for the dictionary: one per term
}

// A vocabulary is the compiled list of concepts.
type vocabulary struct {
	phrases []phrase
	first   map[string][]int // first term → phrases, in order
}

// compileVocabulary analyses the phrases of the concepts. Phrases without
// terms (only stop words) are left out, as are phrases a concept has
// twice.
func (e *engine) compileVocabulary(concepts []Concept) *vocabulary {
	v := &vocabulary{first: map[string][]int{}}
	for c, con := range concepts {
		var seen [][]string
		for _, l := range []struct {
			a       analyzerID
			phrases []string
		}{{analyzerEn, con.En}, {analyzerNo, con.Nb}} {
			for _, text := range l.phrases {
				p := e.phraseTerms(text, l.a)
				if len(p.terms) == 0 || slices.ContainsFunc(seen, func(s []string) bool { return slices.Equal(s, p.terms) }) {
					continue
				}
				seen = append(seen, p.terms)
				p.concept = c
				v.first[p.terms[0]] = append(v.first[p.terms[0]], len(v.phrases))
				v.phrases = append(v.phrases, p)
			}
		}
	}
	return v
}

// phraseTerms analyses a phrase of language a: the terms of its words that
// are no stop word in either language, as a query's words are matched.
func (e *engine) phraseTerms(text string, a analyzerID) phrase {
	p := phrase{lang: a}
	text = validUTF8(text)
	for _, tok := range e.analyzers[a].tokenizer.Tokenize([]byte(text)) {
		if e.anyStop(tok.Term) {
			continue
		}
		r := e.analyzers[a].token(tok.Term)
		p.terms = append(p.terms, r.term.String())
		p.words = append(p.words, r.surface.String())
	}
	return p
}

// anyStop reports whether a token is a stop word of either analyzer.
func (e *engine) anyStop(tok []byte) bool {
	for _, a := range e.analyzers {
		if a.token(tok).stop() {
			return true
		}
	}
	return false
}

// expansion is what phrase i stands for besides itself: the terms of its
// concept's other phrases that documents have (has), and for a Norwegian
// phrase the terms of those words as compounds' parts. Terms are in phrase
// order, each once.
func (v *vocabulary) expansion(i int, has func(string) bool) []string {
	p := v.phrases[i]
	var out []string
	add := func(t string) {
		if has(t) && !slices.Contains(out, t) && !slices.Contains(p.terms, t) {
			out = append(out, t)
		}
	}
	for j, q := range v.phrases {
		if j == i || q.concept != p.concept {
			continue
		}
		for _, t := range q.terms {
			add(t)
			if q.lang == analyzerNo {
				add(t + partMark)
			}
		}
	}
	return out
}

// norwegianWords returns the Norwegian words of the vocabulary, for the
// lexicon compounds are split with: words and terms.
func (v *vocabulary) norwegianWords() (words, terms []string) {
	for _, p := range v.phrases {
		if p.lang == analyzerNo {
			words = append(words, p.words...)
			terms = append(terms, p.terms...)
		}
	}
	return words, terms
}

// phraseKey is a phrase's terms as one string, for tests and logs.
func (p phrase) key() string { return strings.Join(p.terms, " ") }
