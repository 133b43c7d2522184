package search

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// compoundSite is a few Norwegian documents whose words make the lexicon
// of the compound tests.
func compoundSite() []Document {
	text := "Risiko og plan. Behandling av risiko. Sikkerhet og kopi: kopiene lagres. " +
		"Matrisen viser risiko. Tilgang og styring. Passord. Informasjon. Trussel. " +
		"Risikobehandlingsplan, sikkerhetskopiering og sikkerhetskopiene, risikomatrise, " +
		"tilgangsstyring, passordet, informasjonen, håndteringen, rapportering, godkjent, gjennomført."
	return []Document{
		{ID: "A-1", Title: "Risikobehandlingsplan", Lang: "nb", URL: "a.html", Sections: []Section{{Text: text}}},
		{ID: "B-1", Title: "Trusseletterretning", Lang: "nb", URL: "b.html", Sections: []Section{{Text: "Etterretning om trusler."}}},
	}
}

func TestCompoundParts(t *testing.T) {
	s, err := buildSite(analyzeAll(compoundSite()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for word, want := range map[string][]string{
		"risikobehandlingsplan": {"risiko", "risikobehandling", "behandling", "behandlingsplan", "plan"},
		"sikkerhetskopiering":   {"sikkerhet", "kopiering"}, // a head after a word of the site: kopi
		"sikkerhetskopiene":     {"sikkerhet", "kopiene"},
		"risikomatrise":         {"risiko", "matrise"}, // matrise known by its stem, from matrisen
		"tilgangsstyring":       {"tilgang", "styring"},
		"trusseletterretning":   {"trussel", "etterretning"},
		// Not compounds: an inflection of a word (pass-ordet), endings
		// (håndte-ringen, rapport-ering), prefixed verbs (god-kjent).
		"passordet": nil, "informasjonen": nil, "håndteringen": nil, "rapportering": nil,
		"godkjent": nil, "gjennomført": nil, "risiko": nil, "e-post": nil,
	} {
		if got := s.split.parts(word); !slices.Equal(got, want) {
			t.Errorf("parts of %q: %q, want %q", word, got, want)
		}
	}
}

// TestCompoundFilter: bleve's analyzer with the compound filters gives the
// word's term, then its parts' terms marked, and counts them all in the
// field's length, as Export does.
func TestCompoundFilter(t *testing.T) {
	docs := compoundSite()
	analyzed := analyzeAll(docs)
	s, err := buildSite(analyzed, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var terms []string
	for _, tok := range s.analyzer(analyzerNo).Analyze([]byte("Sikkerhetskopiering av risikomatrisen")) {
		terms = append(terms, string(tok.Term))
	}
	want := []string{"sikkerhetskopiering", "sikker" + partMark, "kopiering" + partMark, "risikomatris", "risiko" + partMark, "matris" + partMark}
	if !slices.Equal(terms, want) {
		t.Errorf("terms %q, want %q", terms, want)
	}
	// The title of A-1, "Risikobehandlingsplan": the word and five parts.
	n := slices.IndexFunc(s.docs, func(a *Analyzed) bool { return a.id == "A-1" })
	if got := s.lengths[n][fieldTitle]; got != 6 {
		t.Errorf("title length %d, want 6 (the word and its five parts)", got)
	}
	part := s.ix.number["behandlingsplan"+partMark]
	if ps := s.ix.postings(part, fieldTitle); len(ps) != 1 || ps[0].freq != 1 {
		t.Errorf("postings of behandlingsplan%s in titles: %+v, want A-1's", partMark, ps)
	}
	// An English site splits nothing.
	en, err := buildSite(analyzeAll([]Document{{ID: "E", Lang: "en", Title: "Backupprocedure", URL: "e.html"}}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if en.split != nil || slices.ContainsFunc(en.ix.terms, isPart) {
		t.Error("an English site has compounds' parts")
	}
}

// TestVocabularyExpansion: a query's words in a row that make a phrase of
// the vocabulary stand for its translations too, with translationWeight;
// words apart do not.
func TestVocabularyExpansion(t *testing.T) {
	docs := []Document{
		{ID: "N-1", Lang: "nb", Title: "Policy for tilgangsstyring", URL: "n1.html", Sections: []Section{{Text: "Tilgang og sikkerhetskopi. Styring av tilgang."}}},
		{ID: "E-1", Lang: "en", Title: "Access control policy", URL: "e1.html", Sections: []Section{{Text: "Backups and access."}}},
	}
	vocab := []Concept{
		{En: []string{"access control"}, Nb: []string{"tilgangskontroll", "tilgangsstyring"}},
		{En: []string{"backup"}, Nb: []string{"sikkerhetskopi"}},
		{En: []string{"access"}, Nb: []string{"tilgang"}},
	}
	s, err := buildSite(analyzeAll(docs), Options{Vocabulary: vocab})
	if err != nil {
		t.Fatal(err)
	}
	e := theEngine()
	resolve := func(q string) string {
		p := e.parseQuery(q, s.analyzers)
		var out []string
		for _, w := range s.resolveQuery(p, func(string, []string) []string { return nil }) {
			var ts []string
			for _, x := range w {
				ts = append(ts, x.Term+"/"+strconv.FormatFloat(x.Weight, 'g', -1, 64))
			}
			out = append(out, strings.Join(ts, " "))
		}
		return strings.Join(out, " | ")
	}
	for q, want := range map[string]string{
		// access: its own term and part, "tilgangsstyring" (the phrase
		// access control; tilgangskontroll is in no document), "tilgang"
		// and its part (the phrase access).
		"access control ": "access/1 access!/0.5 tilgangsstyring/0.5 tilgang/0.5 tilgang!/0.25 | control/1 control!/0.5 tilgangsstyring/0.5",
		"control access ": "control/1 control!/0.5 | access/1 access!/0.5 tilgang/0.5 tilgang!/0.25",
		"backup ":         "backup/1 backup!/0.5 sikkerhetskopi/0.5",
		// Its terms by both analyzers: the site has English documents.
		"tilgangsstyring ": "tilgangsstyring/1 tilgangsstyr/1 tilgangsstyring!/0.5 access/0.5 control/0.5",
	} {
		if got := resolve(q); got != want {
			t.Errorf("%q stands for\n %s\nwant\n %s", q, got, want)
		}
	}
}

// TestDictionary: the dictionary offers every word of a title, summary or
// heading and every word of letters, the vocabulary's words (even those no
// document has), but neither numbers used once nor compounds' parts.
func TestDictionary(t *testing.T) {
	docs := append(compoundSite(), Document{ID: "C-1", Lang: "nb", Title: "Kontinuitetsplan", URL: "c.html",
		Sections: []Section{{Text: "Versjon 4711 av planen, og 9A7Q."}}})
	s, err := buildSite(analyzeAll(docs), Options{Vocabulary: []Concept{{En: []string{"business continuity"}, Nb: []string{"kontinuitet"}}}})
	if err != nil {
		t.Fatal(err)
	}
	in := func(term string) bool {
		n, ok := s.ix.number[term]
		return ok && s.inDictionary(n)
	}
	kontinuitet := theEngine().analyzers[analyzerNo].token([]byte("kontinuitet")).term.String()
	for _, term := range []string{"kontinuitetsplan", "versjon", "risikobehandlingsplan", "busi", "continu", kontinuitet} {
		if !in(term) {
			t.Errorf("%q is not in the dictionary", term)
		}
	}
	for _, term := range []string{"4711", "9a7q", "plan" + partMark} {
		if in(term) {
			t.Errorf("%q is in the dictionary", term)
		}
	}
}

// TestTrimmedRecord: a document's sections share the text budget: short
// ones whole, long ones an equal share, cut after a word, with an
// ellipsis; within the budget every text is whole.
func TestTrimmedRecord(t *testing.T) {
	long := strings.Repeat("ord ", 100) // 400 bytes
	d := Document{ID: "X", URL: "x.html", Sections: []Section{{Text: "Kort."}, {Heading: "A", Text: long}, {Heading: "B", Text: "Ærlig " + long}}}
	a := Analyze(d)
	whole := a.trimmedRecord(2000)
	for i, sec := range whole.Sections {
		if sec.Text != d.Sections[i].Text || sec.Heading != d.Sections[i].Heading {
			t.Errorf("within the budget section %d is %q (%q)", i, sec.Text, sec.Heading)
		}
	}
	cut := a.trimmedRecord(205)
	if cut.Sections[0].Text != "Kort." {
		t.Errorf("the short section became %q", cut.Sections[0].Text)
	}
	for _, sec := range cut.Sections[1:] {
		if !strings.HasSuffix(sec.Text, " ord"+ellipsis) || len(sec.Text) > 100+len(ellipsis) || len(sec.Text) < 80 {
			t.Errorf("a long section became %q (%d bytes), want about 100 bytes ending in a whole word and …", sec.Text, len(sec.Text))
		}
	}
	if got := textShare([]int32{5, 400, 406}, 205); got != 100 {
		t.Errorf("textShare: %d, want 100", got)
	}

	// A section longer than a whole shard's text: Analyze keeps only its
	// beginning, and a shard cuts it as it would the whole text, for any
	// budget up to the one it was analysed for.
	huge := strings.Repeat("blåbær ", 3000) // 27,000 bytes
	lens := []int32{int32(len(huge)), 5}
	full := Analyze(Document{ID: "Y", URL: "y.html", Sections: []Section{{Text: huge}, {Text: "Kort."}}})
	text := full.texts[0]
	if cut := full.WithTextBudget(100); cut == full || full.texts[0] != text {
		t.Error("WithTextBudget changed the Analyzed instead of cutting a copy")
	}
	if same := full.WithTextBudget(docShardText); same != full {
		t.Error("WithTextBudget copied an Analyzed that keeps no more than the budget")
	}
	for _, analysed := range []int{0, docShardText / 10, 100} {
		a = Analyze(Document{ID: "Y", URL: "y.html", Sections: []Section{{Text: huge}, {Text: "Kort."}}})
		if analysed > 0 {
			a = a.WithTextBudget(analysed)
		}
		keepFor := analysed
		if keepFor == 0 {
			keepFor = docShardText
		}
		if max := textShare(lens, keepFor) + utf8.UTFMax + len("Kort."); len(strings.Join(a.texts, "")) > max {
			t.Errorf("analysed for %d: kept %d bytes of text, want at most %d", analysed, len(strings.Join(a.texts, "")), max)
		}
		for _, budget := range []int{docShardText, docShardText / 10, 100, 7} {
			rec := a.trimmedRecord(budget)
			want := cutText(huge, textShare(lens, budget))
			if budget > keepFor {
				// More than it kept: it shows what it kept, cut at a word.
				if got := rec.Sections[0].Text; !strings.HasSuffix(got, ellipsis) || len(got) > len(want) || !strings.HasPrefix(huge, strings.TrimSuffix(got, ellipsis)) {
					t.Errorf("analysed for %d, budget %d: the long section became %q…, want a beginning of it", analysed, budget, got[:min(len(got), 40)])
				}
				continue
			}
			if got := rec.Sections[0].Text; got != want {
				t.Errorf("analysed for %d, budget %d: the long section became %d bytes, want %d", analysed, budget, len(got), len(want))
			}
			if budget >= 10 && rec.Sections[1].Text != "Kort." {
				t.Errorf("analysed for %d, budget %d: the short section became %q", analysed, budget, rec.Sections[1].Text)
			}
		}
	}
}

func TestBinaryEncoding(t *testing.T) {
	for _, n := range []int{0, 1, 2, 12, 13, 100, 1001} {
		data := make([]byte, n)
		for i := range data {
			data[i] = byte(i*131 + n)
		}
		enc := appendBinary(nil, data)
		if strings.ContainsAny(string(enc), "\"\\") {
			t.Fatalf("%d bytes: the encoding has a quote or backslash", n)
		}
		got, ok := decodeBinary(string(enc), n)
		if !ok || !slices.Equal(got, data) {
			t.Errorf("%d bytes: round trip gave %v (%v)", n, got, ok)
		}
		if n > 100 && float64(len(enc)) > 1.24*float64(n)+2 {
			t.Errorf("%d bytes take %d characters", n, len(enc))
		}
	}
}
