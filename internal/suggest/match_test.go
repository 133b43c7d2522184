package suggest

import (
	"cmp"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/no"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/isms-project/isms/catalog"
	"github.com/isms-project/isms/search"
)

// TestTermsAreBleves holds the terms the engine matches on equal to what
// bleve's registered analyzers make of the same text: the engine reads
// documents the way the search index does.
func TestTermsAreBleves(t *testing.T) {
	cache := registry.NewCache()
	texts := []string{
		"Sikkerhetskopiene testes hvert kvartal; flerfaktorautentisering er påkrevd for alle.",
		"All code follows our secure coding guidelines (OWASP Top 10), and pull requests are reviewed.",
		"IKT-beredskap, e-post og A.8.28 — «sitat» og 8.28.",
		"",
	}
	for _, tt := range []struct{ lang, analyzer string }{{"nb", no.AnalyzerName}, {"nn", no.AnalyzerName}, {"en", en.AnalyzerName}} {
		an, err := cache.AnalyzerNamed(tt.analyzer)
		if err != nil {
			t.Fatal(err)
		}
		ta := search.NewTextAnalyzer(tt.lang)
		if ta.Analyzer() != tt.analyzer {
			t.Errorf("%s: analyzer %q, want %q", tt.lang, ta.Analyzer(), tt.analyzer)
		}
		for _, text := range texts {
			var want, got []string
			for _, tok := range an.Analyze([]byte(text)) {
				want = append(want, string(tok.Term))
			}
			ta.Terms(text, func(term string) { got = append(got, term) })
			if !slices.Equal(got, want) {
				t.Errorf("%s %q:\n got %q\nwant %q", tt.lang, text, got, want)
			}
		}
	}
}

// TestEveryPhraseAnalyses checks that every title and keyword of every
// control leaves terms after analysis in both languages (a phrase of stop
// words only would never match).
func TestEveryPhraseAnalyses(t *testing.T) {
	cat := newCatalog(t)
	for _, lang := range []string{"nb", "en"} {
		ta := search.NewTextAnalyzer(lang)
		for _, ctl := range cat.Controls() {
			for _, p := range append(append([]string{ctl.Title.En, ctl.Title.Nb}, ctl.Keywords("en")...), ctl.Keywords("nb")...) {
				n := 0
				ta.Terms(p, func(string) { n++ })
				if n == 0 {
					t.Errorf("%s: %q has no terms for the %s analyzer", ctl.ID, p, lang)
				}
			}
		}
	}
	qs := compileQueries(cat)
	for a := range numAnalyzers {
		for c, ps := range qs.q[a].byControl {
			if len(ps) < 10 {
				t.Errorf("%s, %s analyzer: %d phrases, want at least 10", cat.Controls()[c].ID, a.lang(), len(ps))
			}
		}
	}
}

// phraseStrength matches text (one sentence) in a document of lang and
// returns the summed strength of the control's phrase that analyses to
// want, or -1 when the control has no such phrase.
func phraseStrength(t *testing.T, qs *querySet, lang, control, want, text string) float32 {
	t.Helper()
	m := newMatcher(qs, [numAnalyzers]int{})
	dm := m.match(&Document{Lang: lang, Sections: []Section{{Text: text}}})
	q := qs.q[dm.analyzer]
	for _, p := range q.byControl[controlIndex(t, control)] {
		if strings.Join(q.phrases[p].terms, " ") != want {
			continue
		}
		for _, tf := range dm.tf {
			if tf.phrase == p {
				return tf.tf
			}
		}
		return 0
	}
	t.Fatalf("%s has no phrase %q", control, want)
	return -1
}

func controlIndex(t *testing.T, id string) int {
	t.Helper()
	for i, ctl := range newCatalog(t).Controls() {
		if ctl.ID == id {
			return i
		}
	}
	t.Fatalf("no control %s", id)
	return -1
}

func TestPhraseMatching(t *testing.T) {
	qs := compileQueries(newCatalog(t))
	for _, tt := range []struct {
		name, lang, control, phrase, text string
		want                              float32
	}{
		{"together", "en", "8.28", "secur code", "We follow secure coding rules.", 1},
		{"inflected", "en", "8.28", "secur code", "Code is securely coded.", 1},
		{"order reversed", "en", "8.28", "secur code", "Coding must be secure.", nearStrength},
		{"twice", "en", "8.28", "secur code", "Secure coding, and again secure coding.", 2},
		{"a word between", "en", "8.28", "code review", "Every code peer review counts.", 1},
		{"two words between", "en", "8.28", "code review", "Every code change gets a review.", nearStrength},
		{"apart in the sentence", "en", "8.28", "code review", "Review every line of code.", nearStrength},
		{"in different sentences", "en", "8.28", "code review", "Read the code. Review it later.", 0},
		{"absent", "en", "8.28", "secur code", "Nothing here.", 0},
		{"Norwegian", "nb", "8.28", "sikk koding", "Vi krever sikker koding.", 1},
		{"compound head", "nb", "8.5", "autentisering", "Flerfaktorautentisering er påkrevd.", partialStrength},
		{"compound modifier", "nb", "5.17", "passord", "Alle bruker passordhåndtereren.", partialStrength},
		{"exact beats partial", "nb", "5.17", "passord", "Passord og passordhåndterer.", 1 + partialStrength},
		{"short word is no compound part", "nb", "8.12", "dlp", "Datalekkasje og DLPregler.", 0},
		{"no compounds in English", "en", "8.5", "authent", "Reauthentication is required.", 0},
		{"English term in a Norwegian text", "nb", "8.28", "owasp", "Vi følger OWASP Top 10.", 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := phraseStrength(t, qs, tt.lang, tt.control, tt.phrase, tt.text); got != tt.want {
				t.Errorf("%q: %s phrase %q matches with strength %v, want %v", tt.text, tt.control, tt.phrase, got, tt.want)
			}
		})
	}
}

func TestPlaceBoost(t *testing.T) {
	qs := compileQueries(newCatalog(t))
	m := newMatcher(qs, [numAnalyzers]int{})
	dm := m.match(&Document{Lang: "en", Title: "Backup", Sections: []Section{{Heading: "Backup", Text: "Backup nightly."}}})
	var tf float32
	for _, p := range dm.tf {
		if strings.Join(qs.q[analyzerEn].phrases[p.phrase].terms, " ") == "backup" && qs.q[analyzerEn].phrases[p.phrase].control == controlIndex(t, "8.13") {
			tf = p.tf
		}
	}
	if want := inTitle.boost() + inHeading.boost() + inText.boost(); tf != want {
		t.Errorf("backup in the title, a heading and the text: frequency %v, want %v", tf, want)
	}
}

func TestSplitSentences(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"One. Two! Three? four.", []string{"One.", "Two!", "Three? four."}},
		{"Wrapped line\ncontinues here. Next one.", []string{"Wrapped line\ncontinues here.", "Next one."}},
		{"Item one\nItem two\n\nParagraph", []string{"Item one", "Item two", "Paragraph"}},
		{"f.eks. dette og kl. 16.00 i dag.", []string{"f.eks. dette og kl.", "16.00 i dag."}},
		{"  \n\n  ", nil},
		{"Version 2.4 is out", []string{"Version 2.4 is out"}},
		{"Ends with a stop.\n", []string{"Ends with a stop."}},
		{"Æble. Øl. Årlig\nøkning", []string{"Æble.", "Øl.", "Årlig\nøkning"}},
	} {
		var got []string
		splitSentences(tt.text, func(s, e int) { got = append(got, tt.text[s:e]) })
		if !slices.Equal(got, tt.want) {
			t.Errorf("splitSentences(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// FuzzSplitSentences checks that sentences are in order, inside the text,
// not overlapping, not empty and without surrounding space.
func FuzzSplitSentences(f *testing.F) {
	for _, s := range []string{"One. Two!", "a\nb\n\nC", "x.\xff Y", "  ", "«Sitat.» Neste"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		last := 0
		splitSentences(text, func(s, e int) {
			if s < last || e <= s || e > len(text) {
				t.Fatalf("%q: sentence [%d,%d) after %d", text, s, e, last)
			}
			if isSpace(text[s]) || isSpace(text[e-1]) {
				t.Fatalf("%q: sentence %q has surrounding space", text, text[s:e])
			}
			last = e
		})
	})
}

func TestClip(t *testing.T) {
	for _, tt := range []struct {
		s    string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly ten", 11, "exactly ten"},
		{"one two three four", 10, "one two …"},
		{"æøå æøå æøå", 6, "æøå …"},
		{"averyveryverylongword", 5, "avery …"},
		{"clause one, clause two", 12, "clause one …"},
	} {
		if got := clip(tt.s, tt.n); got != tt.want {
			t.Errorf("clip(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
	}
}

// FuzzSuggest runs the engine on arbitrary text: no panic, and every
// suggestion's line inside its section.
func FuzzSuggest(f *testing.F) {
	f.Add("Backups are restored every quarter.\nRestore tests are logged.", "Backup", "en")
	f.Add("Sikkerhetskopier\n\ntestes. Flerfaktorautentisering!", "Gjenoppretting", "nb")
	f.Add("\xff\x00.\n\n\n", "", "xx")
	cat, err := catalog.New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text, heading, lang string) {
		docs := []Document{
			{ID: "A", Lang: lang, Title: heading, Sections: []Section{{Heading: heading, Text: text, Line: 5}}},
			{ID: "B", Lang: "nb", Title: "Sikkerhetskopiering", Sections: []Section{{Text: "Sikkerhetskopier testes.", Line: 1}}},
		}
		all, err := New(cat, docs).Suggest(Options{MinScore: -1})
		if err != nil {
			t.Fatal(err)
		}
		last := 5 + strings.Count(text, "\n")
		for _, s := range all {
			if s.Document == "A" && s.Line != 0 && (s.Line < 5 || s.Line > last) {
				t.Fatalf("%s: line %d outside the section's lines 5–%d", s.Control, s.Line, last)
			}
		}
	})
}

// naiveRefs is refs written the plain way: every proper prefix and suffix
// of at least minPartialRunes letters looked up.
func naiveRefs(q *query, term string) []termRef {
	out := slices.Clone(q.byTerm[term])
	if q.analyzer == analyzerNo {
		for i := range term {
			if i == 0 {
				continue
			}
			for _, part := range []string{term[:i], term[i:]} {
				if utf8.RuneCountInString(part) < minPartialRunes {
					continue
				}
				for _, r := range q.byTerm[part] {
					if !slices.ContainsFunc(out, func(o termRef) bool { return o.phrase == r.phrase && o.pos == r.pos }) {
						r.partial = true
						out = append(out, r)
					}
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b termRef) int { return cmp.Or(cmp.Compare(a.phrase, b.phrase), cmp.Compare(a.pos, b.pos)) })
	return out
}

// TestRefs holds refs, which looks up only the parts of a word whose hash
// is a term's, equal to naiveRefs on every term of the example ISMS and
// of made-up compounds.
func TestRefs(t *testing.T) {
	cat := newCatalog(t)
	qs := compileQueries(cat)
	terms := map[string]bool{}
	for _, d := range readSite(t, os.DirFS("../../content"), cat) {
		ta := search.NewTextAnalyzer(d.Lang)
		for _, s := range d.Sections {
			ta.Terms(s.Text, func(term string) { terms[term] = true })
		}
	}
	for _, a := range []string{"flerfaktor", "sikkerhets", "passord", "ø", "x"} {
		for _, b := range []string{"autentisering", "kopiering", "håndterer", "løsning", "æøå"} {
			terms[a+b] = true
		}
	}
	partial := 0
	for term := range terms {
		for _, q := range qs.q {
			got, want := q.refs(term), naiveRefs(q, term)
			if !slices.Equal(got, want) {
				t.Errorf("%s refs(%q) = %v, want %v", q.analyzer.lang(), term, got, want)
			}
			if slices.ContainsFunc(got, func(r termRef) bool { return r.partial }) {
				partial++
			}
		}
	}
	if len(terms) < 1000 || partial < 100 {
		t.Errorf("%d terms, %d with compound parts: want more of both", len(terms), partial)
	}
}
