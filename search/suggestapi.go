package search

// The gap suggestions (internal/suggest) match the catalogue's keywords
// against documents' text. They must see the text the way the search index
// does — the same bleve analyzer per document language, the same terms — so
// this file lends them the package's analyzers, with their memo, and nothing
// else.

// A TextAnalyzer runs the bleve analyzer of one document language over
// texts, exactly as Analyze does for a document's fields: Norwegian ("no")
// for nb and nn, English ("en") for en. It keeps buffers between calls, so
// use one per goroutine; the analyzers behind it are shared and safe for
// concurrent use.
type TextAnalyzer struct {
	a *textAnalyzer
	s scratch
}

// NewTextAnalyzer returns a TextAnalyzer for documents in lang (nb, nn or
// en; anything else is analysed as Norwegian, as in Analyze).
func NewTextAnalyzer(lang string) *TextAnalyzer {
	return &TextAnalyzer{a: theEngine().analyzers[analyzerForLang(lang)]}
}

// Analyzer is bleve's registered name of the analyzer: "no" or "en".
func (t *TextAnalyzer) Analyzer() string { return t.a.id.name() }

// Terms calls fn with each term of text in order: the tokens of bleve's
// unicode tokenizer after the analyzer's token filters (lowercase, stop
// words, stemmer). Stop words are left out. Invalid UTF-8 is read as
// U+FFFD, as Analyze reads it.
func (t *TextAnalyzer) Terms(text string, fn func(term string)) {
	t.Words(text, func(tok []byte) {
		if term, ok := t.Term(tok); ok {
			fn(term)
		}
	})
}

// Words calls fn with each token of text as the analyzer's tokenizer cuts
// it, before the token filters; Term makes a term of it. tok is valid only
// until fn returns. Words and Term are Terms in two steps, for a caller
// that keeps its own cache of what each token means to it.
func (t *TextAnalyzer) Words(text string, fn func(tok []byte)) {
	t.a.words(validUTF8(text), &t.s, fn)
}

// Term runs the analyzer's token filters over one token (through the
// analyzer's memo) and returns the term, or false for a stop word.
func (t *TextAnalyzer) Term(tok []byte) (string, bool) {
	r := t.a.token(tok)
	if r.stop() {
		return "", false
	}
	return r.term.String(), true
}
