package search

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// trickyInputs are texts whose tokens and terms the client must get exactly
// as bleve does.
var trickyInputs = []string{
	trickyText,
	"Sikkerhetskopiene sikkerhetskopien sikkerhetskopier sikkerhetskopi",
	"æøå ÆØÅ Ærlig østre Åpen blåbærsyltetøy øl Ål",
	"e-post IT-sjef ISO-27001 re-enter self-service",
	"5.15 A.9.1.1 a.9.1.1 6.1.3 8.2 10.2 ISO/IEC 27001:2022 27002",
	"CISO's employees' user’s user＇s Anne's o'neill rock'n'roll don't",
	"HELLO World MiXeD CaSe ΣΊΣΥΦΟΣ İstanbul ǅemal",
	"v2.0 1,000.5 3.14159 24/7 2024-01-31 kl. 10:30 a:b 0800",
	"snake_case __init__ _leading trailing_ 9_000",
	"naïve café résumé Zoë São Paulo Ångström",
	"“quoted” «sitat» ‘single’ (parens) [brackets] {braces} <tags> & ampersand",
	"mail: ola.nordmann@firma.no https://example.com/path?q=1#frag",
	"tab\tseparated\nnew line\r\ncarriage",
	"soft\u00adhyphen zero\u200bwidth no\u00a0break",
	"Policies policy's relational conditional rational feed agreed plastered bled motoring sing",
	"generalization oscillators hopefulness formality sensitivity irritant replacement adjustment dependent adoption homologous communism activate angularity effective bowdlerize",
	"hetslov eleg elig heten hetene hetens virksomheten sikkerheten vurderingene handlinger kontoret",
	"yes yy y ys ies sses ss s ed ing eed",
}

// syntheticWords are made-up words that walk the stemmers' suffix rules.
func syntheticWords(n int) []string {
	r := rand.New(rand.NewPCG(7, 11))
	stems := strings.Fields("sikker virk hand konto vurd bru tilg krypt lagr styr plan rap ord ansv dokum kontr test gen oper rel cond hop form sens adj dep adopt hom commun activ angul eff bowdl feed agr plast mot sing y by cry happ tr ab")
	suffixes := strings.Fields("a e ede ande ende ane ene hetene erte en heten ar er heter s as es edes endes enes hetenes ens hetens ers ets et het ert ast dt vt leg eleg ig eig lig elig els lov elov slov hetslov sses ies ss ed eed ing at bl iz y ational tional enci anci izer bli alli entli eli ousli ization ation ator alism iveness fulness ousness aliti iviti biliti logi icate ative alize iciti ical ful ness al ance ence ic able ible ant ement ment ent ion sion tion ou ism ate iti ous ive ize ll e")
	out := make([]string, 0, n)
	for len(out) < n {
		w := stems[r.IntN(len(stems))]
		for range 1 + r.IntN(3) {
			w += suffixes[r.IntN(len(suffixes))]
		}
		if r.IntN(5) == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		out = append(out, w)
	}
	return out
}

// TestAnalysisParity checks that the client's analysis, run in Node, gives
// bleve's tokens and terms: the tokens of whole texts (the generated
// corpus and tricky inputs), and the terms of every distinct token and of
// synthetic words, under both analyzers.
func TestAnalysisParity(t *testing.T) {
	node := startNode(t)
	e := theEngine()
	var texts []string
	for _, d := range corpus(300, 1) {
		texts = append(texts, d.Title, d.Summary, d.ID, d.Owner)
		for _, s := range d.Sections {
			texts = append(texts, s.Heading, s.Text)
		}
	}
	texts = append(texts, trickyInputs...)

	// Tokens.
	var resp struct{ Tokens [][]string }
	node.call(t, map[string]any{"op": "tokens", "texts": texts}, &resp)
	tokenizer := e.analyzers[analyzerNo].tokenizer
	seen := map[string]bool{}
	var words []string
	mismatches := 0
	for i, text := range texts {
		var want []string
		for _, tok := range tokenizer.Tokenize([]byte(text)) {
			want = append(want, string(tok.Term))
			if !seen[string(tok.Term)] {
				seen[string(tok.Term)] = true
				words = append(words, string(tok.Term))
			}
		}
		if got := resp.Tokens[i]; !slices.Equal(got, want) {
			mismatches++
			if mismatches <= 10 {
				t.Errorf("tokens of %.80q:\n client %q\n bleve  %q", text, got, want)
			}
		}
	}
	t.Logf("tokenized %d texts; %d distinct tokens", len(texts), len(words))

	// Terms.
	words = append(words, syntheticWords(20000)...)
	for a := range numAnalyzers {
		var resp struct{ Terms []*string }
		node.call(t, map[string]any{"op": "analyze", "tokens": words, "analyzer": a.name()}, &resp)
		bad, skipped := 0, 0
		for i, w := range words {
			if lowercaseCorrupts(w) {
				skipped++
				continue
			}
			r := e.analyzers[a].token([]byte(w))
			want := "<stop>"
			if !r.stop() {
				want = r.term.String()
			}
			got := "<stop>"
			if resp.Terms[i] != nil {
				got = *resp.Terms[i]
			}
			if got != want {
				bad++
				if bad <= 10 {
					t.Errorf("%s: term of %q: client %q, bleve %q", a.name(), w, got, want)
				}
			}
		}
		t.Logf("%s: %d words, %d differences, %d left out (bleve's lowercase filter corrupts them)", a.name(), len(words), bad, skipped)
	}
}

// TestParseParity checks the client's query parser against the Go
// reference on hand-picked queries (the fuzz test covers the rest).
func TestParseParity(t *testing.T) {
	node := startNode(t)
	queries := []string{
		"", " ", "sikkerhetskopiene", "sikkerhetskopiene ", "Sikkerhets", "the backup",
		"backup the", "og", "for", "in", "inf", "5.15", " A.9.1.1 ", "a.9.1.1", "6.1.3",
		"5.2", "A.5.15", "POL-001", "CISO's ansvar", "e-post og passord", "x y z w v u t s r q p o",
		"én to tre fire fem seks sju åtte ni ti elleve tolv", "naïve café", "ISO/IEC 27001:2022",
		"hendelse, avvik; logg.", "«sitat»", "kl:10", "ab", "abc", "ÆØÅ", "policies procedures",
	}
	for _, analyzers := range [][]analyzerID{{analyzerNo, analyzerEn}, {analyzerNo}, {analyzerEn}} {
		var names []string
		for _, a := range analyzers {
			names = append(names, a.name())
		}
		var resp struct{ Parsed []parsedQuery }
		node.call(t, map[string]any{"op": "parse", "queries": queries, "analyzers": names}, &resp)
		for i, q := range queries {
			want := theEngine().parseQuery(q, analyzers)
			if got := resp.Parsed[i]; !equalParsed(got, want) {
				t.Errorf("%v: parse %q:\n client %+v\n go     %+v", names, q, got, want)
			}
		}
	}
}

func equalParsed(a, b parsedQuery) bool {
	return fmt.Sprintf("%+v", a) == fmt.Sprintf("%+v", b)
}

// lowercaseCorrupts reports whether w has a letter whose lowercase is
// shorter in UTF-8 (İ, the Kelvin sign, the Ohm sign, ẞ). bleve's lowercase
// filter then fails to move the rest of the word and leaves invalid UTF-8
// in the term, which no client can reproduce or need match: such words are
// left out of the comparison.
func lowercaseCorrupts(w string) bool {
	for _, r := range w {
		if l := unicode.ToLower(r); l != r && utf8.RuneLen(l) < utf8.RuneLen(r) {
			return true
		}
	}
	return false
}

// latinAlphabet is every character of the client's own tokenizer's
// alphabet (client/words.ts: LATIN).
func latinAlphabet() []rune {
	var rs []rune
	for _, r := range "\t\n\v\f\r" {
		rs = append(rs, r)
	}
	for r := rune(0x20); r <= 0x7e; r++ {
		rs = append(rs, r)
	}
	for r := rune(0xa0); r <= 0xff; r++ {
		rs = append(rs, r)
	}
	return append(rs, '–', '—', '‘', '’', '“', '”', '…')
}

// TestTokenizerAlphabet holds the client's own tokenizer (client/words.ts)
// to bleve's on random text over every character of its alphabet, with
// letters, digits and the characters that join them made common. It also
// reports how Intl.Segmenter does on the same text, which is why the client
// does not use it there: ICU follows a newer Unicode, in which the cedilla
// (U+00B8) joins words.
func TestTokenizerAlphabet(t *testing.T) {
	node := startNode(t)
	alphabet := latinAlphabet()
	common := []rune("aeøAÆ19.,:;'’_·\u00ad -")
	r := rand.New(rand.NewPCG(3, 4))
	var texts []string
	for range 3000 {
		var b strings.Builder
		for range 1 + r.IntN(40) {
			if r.IntN(3) == 0 {
				b.WriteRune(alphabet[r.IntN(len(alphabet))])
			} else {
				b.WriteRune(common[r.IntN(len(common))])
			}
		}
		texts = append(texts, b.String())
	}
	tokenizer := theEngine().analyzers[analyzerNo].tokenizer
	for _, mode := range []string{"latin", "segmenter"} {
		var resp struct{ Tokens [][]string }
		node.call(t, map[string]any{"op": "tokens", "texts": texts, "tokenizer": mode}, &resp)
		bad := 0
		for i, text := range texts {
			var want []string
			for _, tok := range tokenizer.Tokenize([]byte(text)) {
				want = append(want, string(tok.Term))
			}
			if got := resp.Tokens[i]; !slices.Equal(got, want) {
				bad++
				if bad <= 10 && mode == "latin" {
					t.Errorf("%s: tokens of %q:\n client %q\n bleve  %q", mode, text, got, want)
				}
			}
		}
		t.Logf("%s: %d random texts, %d differ from bleve", mode, len(texts), bad)
	}
}
