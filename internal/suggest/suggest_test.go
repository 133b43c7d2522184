package suggest

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
)

// smallSite is a handful of documents in both languages: two that are
// about secure coding (8.28), one that mentions code review in passing,
// one about backups (8.13), one that cites 8.28 already, and some others
// so that the site's statistics are not those of three documents.
func smallSite() []Document {
	secureCoding := []Section{
		{Heading: "Purpose", Anchor: "purpose", Line: 8, Text: "This standard sets the rules every developer follows when writing code for our products."},
		{Heading: "Secure coding", Anchor: "secure-coding", Line: 12, Text: "\nAll code follows our secure coding guidelines, based on the OWASP Top 10.\n" +
			"Validate all input on the server against an allow-list (input validation).\n" +
			"Use parameterised queries; never build SQL by string concatenation, to prevent injection.\n" +
			"Secret scanning blocks credentials in commits."},
		{Heading: "Code review and static analysis", Anchor: "code-review", Line: 19, Text: "\nEvery pull request needs a code review by another developer before merge.\n" +
			"Static analysis (SAST) runs on every pull request, and dependency scanning flags vulnerable libraries."},
	}
	return []Document{
		{ID: "DEV-01", Path: "standards/dev-01.md", Lang: "en", Title: "Secure coding standard", Sections: secureCoding},
		{ID: "DEV-02", Path: "standards/dev-02.md", Lang: "nb", Title: "Regler for sikker koding", Sections: []Section{
			{Heading: "Formål", Anchor: "formal", Line: 9, Text: "Reglene gjelder alle som skriver kode for våre tjenester."},
			{Heading: "Sikker koding", Anchor: "sikker-koding", Line: 13, Text: "\nAll kode følger kodestandarden vår og OWASP Top 10.\n" +
				"Inputvalidering skjer på serveren, og vi bruker parametriserte spørringer mot databasen.\n" +
				"Hemmelighetsskanning stopper passord og nøkler i koden."},
			{Heading: "Kodegjennomgang", Anchor: "kodegjennomgang", Line: 19, Text: "\nAlle endringer får kodegjennomgang av en annen utvikler.\n" +
				"Statisk kodeanalyse kjøres i byggeløypa ved hver endring."},
		}},
		{ID: "HR-01", Path: "procedures/hr-01.md", Lang: "en", Title: "Onboarding of new employees", Sections: []Section{
			{Heading: "Before the first day", Anchor: "before", Line: 7, Text: "\nHR prepares the employment contract and orders a laptop and a desk.\n" +
				"The manager plans the first week and names a buddy from the team."},
			{Heading: "First week", Anchor: "first-week", Line: 12, Text: "\nThe new employee meets the team, gets a tour of the office and completes the introduction to our products.\n" +
				"New developers also sit in on a code review to see how the team works.\n" +
				"Lunch is served in the canteen every day at eleven thirty."},
		}},
		{ID: "BAK-01", Path: "procedures/bak-01.md", Lang: "nb", Title: "Rutine for sikkerhetskopiering", Sections: []Section{
			{Heading: "Hva som sikkerhetskopieres", Anchor: "hva", Line: 8, Text: "\nDatabasene sikkerhetskopieres hver natt, og filområdene hver time.\n" +
				"Sikkerhetskopiene lagres uforanderlig i et annet datasenter i 35 dager."},
			{Heading: "Gjenopprettingstest", Anchor: "test", Line: 14, Text: "\nHvert kvartal gjenoppretter driftsleder en database fra sikkerhetskopi til et testmiljø.\n" +
				"Resultatet av gjenopprettingstesten dokumenteres."},
		}},
		{ID: "CIT-01", Path: "standards/cit-01.md", Lang: "en", Title: "Secure coding standard for integrations", Sections: secureCoding, Cited: []string{"A.8.28"}},
		{ID: "PHY-01", Path: "standards/phy-01.md", Lang: "nb", Title: "Fysisk sikring av kontorene", Sections: []Section{
			{Heading: "Adgang", Anchor: "adgang", Line: 7, Text: "Adgangskort gir adgang til kontoret. Besøkende registreres i resepsjonen og følges av vertskapet."},
			{Heading: "Serverrom", Anchor: "serverrom", Line: 10, Text: "Serverrommet er låst, og bare driftsteamet har nøkkelkort dit."},
		}},
		{ID: "POL-01", Path: "policies/pol-01.md", Lang: "nb", Title: "Informasjonssikkerhetspolicy", Sections: []Section{
			{Heading: "Mål", Anchor: "mal", Line: 7, Text: "Ledelsen har godkjent denne policyen. Den gjelder alle ansatte og innleide, og gjennomgås årlig."},
			{Heading: "Ansvar", Anchor: "ansvar", Line: 10, Text: "Informasjonssikkerhetsleder har ansvar for styringssystemet. Alle ledere skal følge opp sine ansatte."},
		}},
		{ID: "REC-01", Path: "records/rec-01.md", Lang: "en", Title: "Quarterly access review Q3", Sections: []Section{
			{Heading: "Result", Anchor: "result", Line: 7, Text: "System owners reviewed the access rights of 212 users. Access for 9 leavers was removed."},
		}},
	}
}

func suggestionsFor(all []Suggestion, doc string) []Suggestion {
	var out []Suggestion
	for _, s := range all {
		if s.Document == doc {
			out = append(out, s)
		}
	}
	return out
}

func controlsOf(ss []Suggestion) []string {
	var ids []string
	for _, s := range ss {
		ids = append(ids, s.Control)
	}
	return ids
}

func TestSuggestSmallSite(t *testing.T) {
	cat := newCatalog(t)
	docs := smallSite()
	ix := New(cat, docs)
	all, err := ix.Suggest(Options{})
	if err != nil {
		t.Fatal(err)
	}
	first := func(doc, want string) Suggestion {
		t.Helper()
		ss := suggestionsFor(all, doc)
		if len(ss) == 0 || ss[0].Control != want {
			t.Fatalf("%s: suggestions %v, want %s first", doc, controlsOf(ss), want)
		}
		if ss[0].Score < DefaultMinScore {
			t.Errorf("%s: %s scores %.3f, below the default threshold", doc, want, ss[0].Score)
		}
		return ss[0]
	}
	s := first("DEV-01", "8.28")
	if s.Rank != 1 || s.Path != "standards/dev-01.md" {
		t.Errorf("DEV-01 first suggestion %+v, want rank 1 with the document's path", s)
	}
	if (s.Heading != "Secure coding" || s.Anchor != "secure-coding") && (s.Heading != "Code review and static analysis" || s.Anchor != "code-review") {
		t.Errorf("8.28 in DEV-01: evidence under %q (#%s), want one of the sections on secure coding", s.Heading, s.Anchor)
	}
	ctl, _ := cat.Control("8.28")
	if !slices.ContainsFunc(ctl.Keywords("en"), func(k string) bool { return strings.Contains(s.Evidence, k) }) {
		t.Errorf("8.28 in DEV-01: evidence %q has none of the control's keywords", s.Evidence)
	}
	first("DEV-02", "8.28")
	first("BAK-01", "8.13")

	if got := controlsOf(suggestionsFor(all, "HR-01")); slices.Contains(got, "8.28") {
		t.Errorf("HR-01 mentions code review once in passing, yet 8.28 is suggested: %v", got)
	}
	if got := controlsOf(suggestionsFor(all, "CIT-01")); slices.Contains(got, "8.28") {
		t.Errorf("CIT-01 cites 8.28 (as A.8.28), yet it is suggested: %v", got)
	}
	if s := ix.scores[4*len(ix.controls)+controlIndex(t, "8.28")]; s < DefaultMinScore {
		t.Errorf("CIT-01's text scores %.3f for 8.28; it should score like DEV-01's, only not be suggested", s)
	}
	// Sorted by document, then rank 1, 2, …
	for i := 1; i < len(all); i++ {
		a, b := all[i-1], all[i]
		switch {
		case a.Document > b.Document:
			t.Errorf("%s before %s", a.Document, b.Document)
		case a.Document == b.Document && (b.Rank != a.Rank+1 || b.Score > a.Score):
			t.Errorf("%s: rank %d (%.3f) after rank %d (%.3f)", a.Document, b.Rank, b.Score, a.Rank, a.Score)
		case a.Document != b.Document && b.Rank != 1:
			t.Errorf("%s starts at rank %d", b.Document, b.Rank)
		}
	}
}

func TestEvidenceLine(t *testing.T) {
	cat := newCatalog(t)
	ix := New(cat, smallSite())
	all, err := ix.Suggest(Options{Controls: []string{"8.28", "8.13"}})
	if err != nil {
		t.Fatal(err)
	}
	// The lines of the small site's sections, as a file would have them.
	docs := smallSite()
	lineText := func(doc string, line int) string {
		for _, d := range docs {
			if d.ID != doc {
				continue
			}
			for _, s := range d.Sections {
				lines := strings.Split(s.Text, "\n")
				if i := line - s.Line; i >= 0 && i < len(lines) {
					return lines[i]
				}
			}
		}
		return ""
	}
	if len(all) == 0 {
		t.Fatal("no suggestions")
	}
	for _, s := range all {
		words := strings.Fields(strings.TrimPrefix(s.Evidence, "… "))
		if len(words) == 0 || !strings.Contains(lineText(s.Document, s.Line), words[0]) {
			t.Errorf("%s %s: evidence %q is said to start on line %d, which reads %q", s.Document, s.Control, s.Evidence, s.Line, lineText(s.Document, s.Line))
		}
	}
}

func TestOptions(t *testing.T) {
	cat := newCatalog(t)
	ix := New(cat, smallSite())
	all, err := ix.Suggest(Options{MinScore: -1})
	if err != nil {
		t.Fatal(err)
	}
	def, _ := ix.Suggest(Options{})
	if len(all) <= len(def) {
		t.Errorf("a negative MinScore gives %d suggestions, the default %d; want more", len(all), len(def))
	}
	for _, s := range def {
		if s.Score < DefaultMinScore {
			t.Errorf("%s %s: score %.3f below DefaultMinScore", s.Document, s.Control, s.Score)
		}
	}
	high, _ := ix.Suggest(Options{MinScore: 0.3})
	for _, s := range high {
		if s.Score < 0.3 {
			t.Errorf("%s %s: score %.3f below MinScore 0.3", s.Document, s.Control, s.Score)
		}
	}

	limited, _ := ix.Suggest(Options{MinScore: -1, Limit: 2})
	perDoc := map[string]int{}
	for _, s := range limited {
		perDoc[s.Document]++
	}
	for doc, n := range perDoc {
		if n > 2 {
			t.Errorf("%s: %d suggestions with Limit 2", doc, n)
		}
	}
	if len(perDoc) < 5 {
		t.Errorf("Limit 2 left suggestions for %d documents, want all that match", len(perDoc))
	}

	only, err := ix.Suggest(Options{MinScore: -1, Controls: []string{"A.8.13", "5.15"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(only) == 0 {
		t.Error("no suggestions for 8.13 and 5.15")
	}
	for _, s := range only {
		if s.Control != "8.13" && s.Control != "5.15" {
			t.Errorf("Controls [A.8.13 5.15] gave %s for %s", s.Control, s.Document)
		}
	}

	for _, tt := range []struct{ id, want string }{
		{"5.99", `unknown control "5.99" (ISO/IEC 27002:2022 organizational controls are 5.1–5.37)`},
		{"A.12.3.1", `unknown control "A.12.3.1" (A.12.3.1 is an ISO/IEC 27002:2013 control; in 2022 it is 8.13)`},
	} {
		if _, err := ix.Suggest(Options{Controls: []string{"8.28", tt.id}}); err == nil || err.Error() != tt.want {
			t.Errorf("Controls [8.28 %s]: error %v, want %s", tt.id, err, tt.want)
		}
		if _, err := ix.Candidates(tt.id, Options{}); err == nil || err.Error() != tt.want {
			t.Errorf("Candidates(%s): error %v, want %s", tt.id, err, tt.want)
		}
	}
}

func TestCandidates(t *testing.T) {
	cat := newCatalog(t)
	ix := New(cat, smallSite())
	got, err := ix.Candidates("8.28", Options{Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i, s := range got {
		ids = append(ids, s.Document)
		if s.Control != "8.28" || s.Rank != i+1 || s.Evidence == "" {
			t.Errorf("candidate %d: %+v", i+1, s)
		}
		if i > 0 && s.Score > got[i-1].Score {
			t.Errorf("candidate %s (%.3f) after %s (%.3f)", s.Document, s.Score, got[i-1].Document, got[i-1].Score)
		}
	}
	slices.Sort(ids)
	if !slices.Equal(ids, []string{"DEV-01", "DEV-02"}) {
		t.Errorf("candidates for 8.28: %v, want DEV-01 and DEV-02 (CIT-01 cites it, HR-01 only mentions code review)", ids)
	}
	one, _ := ix.Candidates("8.28", Options{Limit: 1})
	if len(one) != 1 || one[0] != got[0] {
		t.Errorf("Limit 1: %+v, want the first of %+v", one, got)
	}
}

// TestDeterministic checks that the same documents give the same
// suggestions, in whatever order they come.
func TestDeterministic(t *testing.T) {
	cat := newCatalog(t)
	docs := smallSite()
	a, _ := New(cat, docs).Suggest(Options{MinScore: -1})
	reversed := slices.Clone(docs)
	slices.Reverse(reversed)
	b, _ := New(cat, reversed).Suggest(Options{MinScore: -1})
	if !slices.Equal(a, b) {
		t.Errorf("suggestions depend on the order of the documents:\n%v\n%v", a, b)
	}
}

// TestOddInput feeds documents with nothing in them, broken UTF-8, an
// unknown language and citations that are not controls: no panic, no
// suggestions for empty text.
func TestOddInput(t *testing.T) {
	cat := newCatalog(t)
	docs := []Document{
		{ID: "EMPTY"},
		{ID: "NOTEXT", Lang: "de", Title: "", Sections: []Section{{Heading: "", Text: ""}}},
		{ID: "BROKEN", Lang: "en", Title: "Backup \xff\xfe", Sections: []Section{{Heading: "Restore \xc3", Text: "Backups \xff are tested.\n\n\n.", Line: 3}}, Cited: []string{"nonsense", "9.9", "A.12.3.1"}},
	}
	ix := New(cat, docs)
	all, err := ix.Suggest(Options{MinScore: -1})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range all {
		if s.Document == "EMPTY" || s.Document == "NOTEXT" {
			t.Errorf("suggestion for a document without text: %+v", s)
		}
	}
	if got := controlsOf(suggestionsFor(all, "BROKEN")); !slices.Contains(got, "8.13") {
		t.Errorf("BROKEN: suggestions %v, want 8.13 despite the bad bytes", got)
	}
	if s, err := New(cat, nil).Suggest(Options{}); err != nil || len(s) != 0 {
		t.Errorf("no documents: %v, %v", s, err)
	}
}

// TestLongSentenceEvidence gives text the way a pipeline that does not keep
// line breaks would: a whole list as one long sentence. The evidence is the
// part of it about the control, not its beginning.
func TestLongSentenceEvidence(t *testing.T) {
	cat := newCatalog(t)
	items := []string{
		"visitors sign in at the reception desk and wear a badge at all times",
		"the office is cleaned on weekdays after six in the evening by our facilities contractor",
		"coffee machines are serviced every month by the supplier named in the facilities contract",
		"meeting rooms are booked in the calendar and released when a meeting is cancelled",
		"nightly backups of every database are kept for 35 days, and a restore test from backup is run each quarter",
		"plants in the lobby are watered on Mondays",
	}
	docs := append(smallSite(), Document{ID: "OPS-01", Path: "ops.md", Lang: "en", Title: "Office routines",
		Sections: []Section{{Heading: "Routines", Anchor: "routines", Line: 4, Text: "Routines: " + strings.Join(items, ", ") + "."}}})
	all, err := New(cat, docs).Suggest(Options{MinScore: -1, Controls: []string{"8.13"}})
	if err != nil {
		t.Fatal(err)
	}
	ss := suggestionsFor(all, "OPS-01")
	if len(ss) != 1 {
		t.Fatalf("OPS-01: %v, want 8.13", ss)
	}
	e := ss[0].Evidence
	if !strings.HasPrefix(e, "… ") || !strings.Contains(e, "restore test from backup") || strings.Contains(e, "Routines:") || len([]rune(e)) > maxEvidence+4 {
		t.Errorf("evidence %q, want the stretch about backups, marked as cut", e)
	}
	if ss[0].Line != 4 {
		t.Errorf("line %d, want 4", ss[0].Line)
	}
}

// TestConcurrentUse asks one Index from several goroutines (run it with
// -race): the answers are those of a lone caller.
func TestConcurrentUse(t *testing.T) {
	cat := newCatalog(t)
	ix := New(cat, smallSite())
	want, _ := ix.Suggest(Options{MinScore: -1})
	wantCand, _ := ix.Candidates("8.28", Options{})
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			got, _ := ix.Suggest(Options{MinScore: -1})
			cand, _ := ix.Candidates("8.28", Options{})
			if !slices.Equal(got, want) || !slices.Equal(cand, wantCand) {
				t.Error("concurrent calls gave other answers")
			}
		})
	}
	wg.Wait()
}

// TestNewFor checks that an Index of a few controls gives, for them, what
// one of every control gives (on the example ISMS, its citations left
// out), and nothing for the others.
func TestNewFor(t *testing.T) {
	cat := newCatalog(t)
	var docs []Document
	for _, d := range readSite(t, os.DirFS("../../content"), cat) {
		docs = append(docs, d.Document)
	}
	ids := []string{"A.8.28", "8.9", "5.17", "8.13", "5.1"}
	all := New(cat, docs)
	few, err := NewFor(cat, docs, ids)
	if err != nil {
		t.Fatal(err)
	}
	want, err := all.Suggest(Options{MinScore: -1, Controls: ids})
	if err != nil {
		t.Fatal(err)
	}
	got, err := few.Suggest(Options{MinScore: -1})
	if err != nil {
		t.Fatal(err)
	}
	if len(want) < 50 {
		t.Fatalf("%d suggestions of %v from New, want many", len(want), ids)
	}
	if !slices.Equal(got, want) {
		t.Errorf("NewFor(%v).Suggest gives %d suggestions, New's for the same controls %d; first differences:\n%s", ids, len(got), len(want), firstDifference(got, want))
	}
	for _, ctl := range cat.Controls() {
		wantCand, _ := all.Candidates(ctl.ID, Options{Limit: 3})
		gotCand, err := few.Candidates(ctl.ID, Options{Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(ids, func(id string) bool { return strings.TrimPrefix(id, "A.") == ctl.ID }) {
			wantCand = nil
		}
		if !slices.Equal(gotCand, wantCand) {
			t.Errorf("Candidates(%s): %+v, want %+v", ctl.ID, gotCand, wantCand)
		}
	}
	if _, err := NewFor(cat, docs, []string{"8.28", "9.99"}); err == nil || !strings.Contains(err.Error(), `"9.99"`) {
		t.Errorf("NewFor with 9.99: error %v, want one naming it", err)
	}
	none, err := NewFor(cat, docs, nil)
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := none.Suggest(Options{MinScore: -1}); len(s) != 0 {
		t.Errorf("NewFor no controls: %d suggestions, want none", len(s))
	}
}

func firstDifference(got, want []Suggestion) string {
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			return fmt.Sprintf(" got %+v\nwant %+v", got[i], want[i])
		}
	}
	return "one is a prefix of the other"
}
