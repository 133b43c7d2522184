package search

// Norwegian compounds. Norwegian writes "sikkerhetskopiering" (backup),
// "risikobehandlingsplan" (risk treatment plan) and "tilgangsstyring"
// (access control) as one word, and a reader who searches for "kopiering"
// or "behandlingsplan" expects those documents. bleve's Norwegian analyzer
// keeps a compound whole, so the index splits it: a token filter of our own
// (compoundFilter), placed between the stop words and the stemmer, follows
// each compound with its parts, and a second one (partMarkFilter), after the
// stemmer, marks the parts' terms with partMark. A part is then a term of
// its own ("kopiering!"), which a query matches with a lower weight than
// the word itself (see query.go), and which sorts right after the term of
// the word, in the same term shard.
//
// A split is made where both sides are words the site or the catalogue
// uses: the modifier (possibly with the linking -s- or -e-) and the head,
// both compared by their stems, so that "matrise" is known from
// "matrisen". A head the site never uses alone is accepted when a word it
// does use begins it ("kopiering" after "kopi"). Parts are split again, and
// every run of neighbouring parts is a part too: "risikobehandlingsplan"
// gives risiko, behandling, plan, risikobehandling and behandlingsplan.
//
// Which words are words of the site is known only when all its documents
// are, so the split is made by Export, not Analyze: Analyze keeps each
// document's candidates (long words of letters), and Export splits them with
// the site's lexicon. The tests run the very same filters inside a bleve
// analyzer (siteAnalyzer), so bleve's index stays the reference.

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/no"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
)

// partMark ends the term of a compound's part. No token has it: the
// unicode tokenizer splits words at '!'. It sorts before every character a
// term has, so a part's term sorts right after the word's.
const partMark = "!"

// Weights of the terms a query word stands for besides its own (see
// query.go): a compound's part, a translation from the vocabulary, and a
// translation's part. They are powers of two, so that a field's boost
// times a weight is the same number in Go and in JavaScript.
const (
	partWeight        = 0.5
	translationWeight = 0.5
)

// Lengths, in characters, of the sides of a split.
const (
	minModifier = 3
	minHead     = 4
	// minDerivedHead is the least length of a head the site does not use
	// alone, and minDerivedStem of the word that must begin it.
	minDerivedHead = 5
	minDerivedStem = 4
	// minCompound is the least length of a word that is split.
	minCompound = minModifier + minHead
)

// compoundCandidate reports whether a (lowercased) token may be a
// compound: long enough, and letters only.
func compoundCandidate(s string) bool {
	if utf8.RuneCountInString(s) < minCompound {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// partType marks the tokens compoundFilter adds, for partMarkFilter.
const partType analysis.TokenType = 1000

// A lexicon is what the splitter knows as words: the Norwegian words of
// the site's documents and of the catalogue, lowercased, and their stems.
// Stop words are not in it.
type lexicon struct {
	words map[string]bool
	stems map[string]bool
}

// A splitter splits Norwegian compounds into parts that are words of a
// lexicon. It is safe for concurrent use (bleve analyses fields in
// parallel); it remembers every word it has split.
//
// It looks for the parts in the word's stem, which is a prefix of the word
// (the Snowball stemmer only takes endings away), so that every inflection
// of a compound splits alike: the modifier must be a word of the lexicon
// as it stands, the head a stem of the lexicon or a longer word that
// begins with one. The parts it returns are the word's own letters, the
// last part with the word's ending, for the stemmer that follows to stem.
type splitter struct {
	lex     lexicon
	stemmer analysis.TokenFilter

	mu    sync.Mutex
	stems map[string]string   // word → its stem, for the substrings tried
	split map[string][]string // word → its parts, nil when it is not split
}

// newSplitter returns a splitter over a lexicon.
func newSplitter(lex lexicon) *splitter {
	return &splitter{
		lex:     lex,
		stemmer: no.NewNorwegianStemmerFilter(),
		stems:   map[string]string{},
		split:   map[string][]string{},
	}
}

// stem is the Snowball Norwegian stem of w.
func (s *splitter) stem(w string) string {
	if st, ok := s.stems[w]; ok {
		return st
	}
	tok := &analysis.Token{Term: []byte(w)}
	s.stemmer.Filter(analysis.TokenStream{tok})
	st := string(tok.Term)
	s.stems[w] = st
	return st
}

// Words that look like the parts of a compound and are not. Verb
// particles and the like before a verb or its noun: gjennom-føre,
// god-kjenne, fast-sette, sammen-ligne. Endings after a stem: -ering,
// -ing, -else, -sjon (rapport-ering, lag-ring, versjon-ering).
var (
	notModifiers = map[string]bool{
		"bak": true, "bort": true, "fast": true, "fram": true, "frem": true, "gjennom": true, "god": true,
		"hen": true, "inne": true, "innen": true, "sammen": true, "tilbake": true, "under": true, "videre": true,
	}
	notHeads = []string{"ering", "ring", "ning", "ling", "else", "sjon"}
)

// head reports whether h, the end of a stem, is a head: a stem of the
// lexicon (known), or a longer word that begins with one (derived, as
// "kopiering" with "kopi").
func (s *splitter) head(h []rune) (ok, known bool) {
	if len(h) < minHead {
		return false, false
	}
	for _, e := range notHeads {
		if strings.HasPrefix(string(h), e) {
			return false, false
		}
	}
	if s.lex.stems[string(h)] {
		return true, true
	}
	if len(h) < minDerivedHead {
		return false, false
	}
	for n := len(h) - 1; n >= minDerivedStem; n-- {
		if s.lex.stems[string(h[:n])] {
			return true, false
		}
	}
	return false, false
}

// parts returns the parts of a compound: its parts and the runs of
// neighbouring parts, each once, in order; nil when w is not split.
func (s *splitter) parts(w string) []string {
	if !compoundCandidate(w) {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if p, ok := s.split[w]; ok {
		return p
	}
	rs := []rune(w)
	var out []string
	if cuts := s.cuts(rs); len(cuts) > 0 {
		// Part i runs from starts[i] to ends[i]: the linking letter before
		// a cut belongs to neither side.
		starts, ends := []int{0}, []int{}
		for _, c := range cuts {
			ends = append(ends, c.at-c.link)
			starts = append(starts, c.at)
		}
		ends = append(ends, len(rs))
		for i := range starts {
			for j := i; j < len(starts); j++ {
				if i == 0 && j == len(starts)-1 {
					continue // the word itself
				}
				if run := string(rs[starts[i]:ends[j]]); !slices.Contains(out, run) {
					out = append(out, run)
				}
			}
		}
	}
	s.split[w] = out
	return out
}

// A cut is where a part of a compound begins, after link linking letters.
type cut struct{ at, link int }

// cuts finds the parts of w, recursively: nil when w is not a compound.
func (s *splitter) cuts(w []rune) []cut {
	if len(w) < minCompound {
		return nil
	}
	stem := []rune(s.stem(string(w)))
	best, bestKnown := cut{}, false
	for i := minModifier; i+minHead <= len(stem); i++ {
		ok, known := s.head(stem[i:])
		if !ok {
			continue
		}
		// The modifier, with a linking -s- or -e- or without.
		for link := 1; link >= 0; link-- {
			mod := stem[:i-link]
			if len(mod) < minModifier || link == 1 && stem[i-1] != 's' && stem[i-1] != 'e' {
				continue
			}
			if !s.lex.words[string(mod)] || notModifiers[string(mod)] {
				continue
			}
			// A known head before a derived one, then the longest head.
			if best.at == 0 || known && !bestKnown {
				best, bestKnown = cut{i, link}, known
			}
			break
		}
	}
	if best.at == 0 {
		return nil
	}
	left := s.cuts(w[:best.at-best.link])
	out := append(left, best)
	for _, c := range s.cuts(w[best.at:]) {
		out = append(out, cut{c.at + best.at, c.link})
	}
	return out
}

// compoundFilter is a bleve token filter that follows every compound with
// its parts (see splitter), as tokens of type partType at the compound's
// position. It goes between the stop words and the stemmer, which stems
// the parts as words of their own.
type compoundFilter struct{ s *splitter }

func (f compoundFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	var out analysis.TokenStream
	for i, tok := range in {
		parts := f.s.parts(string(tok.Term))
		if len(parts) == 0 {
			if out != nil {
				out = append(out, tok)
			}
			continue
		}
		if out == nil {
			out = append(make(analysis.TokenStream, 0, len(in)+len(parts)), in[:i]...)
		}
		out = append(out, tok)
		for _, p := range parts {
			out = append(out, &analysis.Token{
				Term: []byte(p), Start: tok.Start, End: tok.End, Position: tok.Position, Type: partType,
			})
		}
	}
	if out == nil {
		return in
	}
	return out
}

// partMarkFilter is a bleve token filter that ends the term of every part
// compoundFilter added with partMark. It goes after the stemmer.
type partMarkFilter struct{}

func (partMarkFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, tok := range in {
		if tok.Type == partType {
			tok.Term = append(tok.Term, partMark...)
		}
	}
	return in
}

// splitFilters returns the Norwegian analyzer's token filters with the
// compound filters in place: compoundFilter before the stemmer,
// partMarkFilter after it. The analyzer must be lowercase, stop words,
// stemmer, as bleve's "no" is.
func splitFilters(filters []analysis.TokenFilter, s *splitter) []analysis.TokenFilter {
	out := make([]analysis.TokenFilter, 0, len(filters)+2)
	for i, f := range filters {
		if i == len(filters)-1 {
			out = append(out, compoundFilter{s})
		}
		out = append(out, f)
	}
	return append(out, partMarkFilter{})
}

// lowercaseFilter reports whether f is bleve's lowercase filter.
func lowercaseFilter(f analysis.TokenFilter) bool {
	_, ok := f.(*lowercase.LowerCaseFilter)
	return ok
}

// analyzer is the bleve analyzer the site's documents of analyzer a are
// indexed with: bleve's own, and for Norwegian with the compound filters
// in place (splitFilters). Export runs its filters token by token; the
// tests index the reference with it.
func (s *site) analyzer(a analyzerID) analysis.Analyzer {
	ta := s.e.analyzers[a]
	filters := ta.filters
	if a == analyzerNo && s.split != nil {
		filters = splitFilters(filters, s.split)
	}
	return &analysis.DefaultAnalyzer{Tokenizer: ta.tokenizer, TokenFilters: filters}
}
