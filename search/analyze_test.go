package search

import (
	"slices"
	"testing"
)

// TestWordsAreTokenize holds the tokenizer's fast path (the segmenter over
// a whole text) equal to bleve's unicode tokenizer.
func TestWordsAreTokenize(t *testing.T) {
	a := theEngine().analyzers[analyzerNo]
	if !a.segments {
		t.Fatal("the Norwegian analyzer's tokenizer is not bleve's unicode tokenizer")
	}
	texts := append([]string{"", " ", "\xff\xfe bad utf-8 \xc3", "a"}, trickyInputs...)
	for _, d := range corpus(200, 5) {
		for _, s := range d.Sections {
			texts = append(texts, s.Heading+"\n"+s.Text)
		}
	}
	var sc scratch
	for _, text := range texts {
		var got, want []string
		a.words(text, &sc, func(b []byte) { got = append(got, string(b)) })
		for _, tok := range a.tokenizer.Tokenize([]byte(text)) {
			want = append(want, string(tok.Term))
		}
		if !slices.Equal(got, want) {
			t.Errorf("words(%.60q) = %q, Tokenize gives %q", text, got, want)
		}
	}
}
