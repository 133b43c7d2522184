package search

import (
	"bytes"
	"maps"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestExportDeterministic: the same documents, in any order and analysed
// in any order, give byte-identical files.
func TestExportDeterministic(t *testing.T) {
	docs := corpus(300, 9)
	opts := Options{Lang: "nb", Entries: testEntries(), Strings: map[string]string{"more": "Flere", "x": "y"}}
	a, err := Export(analyzeAll(docs), opts)
	if err != nil {
		t.Fatal(err)
	}
	shuffled := slices.Clone(docs)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	var analyzed []*Analyzed
	for _, d := range shuffled {
		analyzed = append(analyzed, Analyze(d))
	}
	b, err := Export(analyzed, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !maps.EqualFunc(a, b, bytes.Equal) {
		for name := range a {
			if !bytes.Equal(a[name], b[name]) {
				t.Errorf("%s differs between two exports", name)
			}
		}
		t.Fatalf("two exports of the same documents differ (%d and %d files)", len(a), len(b))
	}
}

// TestExportErrors: nil documents and a document given twice are errors.
func TestExportErrors(t *testing.T) {
	d := Analyze(Document{ID: "POL-1", URL: "docs/POL-1/index.html", Title: "T"})
	if _, err := Export([]*Analyzed{d, nil}, Options{}); err == nil {
		t.Error("Export accepted a nil document")
	}
	if _, err := Export([]*Analyzed{d, d}, Options{}); err == nil {
		t.Error("Export accepted a document twice")
	}
	files, err := Export(nil, Options{Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := files["manifest.js"]; !ok {
		t.Error("an empty index has no manifest")
	}
}

var scriptFileRE = regexp.MustCompile(`(?s)^ismsSearch\("([^"]+)",.*\);\n$`)

// TestFilesAreScripts: every file is one call of ismsSearch with its own
// key, so it loads with <script src> (from file:// too), and runs as one in
// Node.
func TestFilesAreScripts(t *testing.T) {
	analyzed := analyzeAll(corpus(200, 4))
	dir, files := exportTo(t, analyzed, Options{Entries: testEntries()})
	var keys []string
	for name, b := range files {
		key, ok := strings.CutSuffix(name, ".js")
		if !ok {
			t.Errorf("%s is not a script", name)
			continue
		}
		m := scriptFileRE.FindSubmatch(b)
		if m == nil || string(m[1]) != key {
			t.Errorf("%s is not ismsSearch(%q, …);", name, key)
		}
		keys = append(keys, key)
	}
	slices.Sort(keys)
	for _, want := range []string{"manifest", "types", "entries", "d/0", "t/0", "w/0"} {
		if _, ok := slices.BinarySearch(keys, want); !ok {
			t.Errorf("no file %s.js", want)
		}
	}
	node := startNode(t)
	var resp struct{ Bad []string }
	node.call(t, map[string]any{"op": "loadAll", "dir": dir, "keys": keys}, &resp)
	for _, b := range resp.Bad {
		t.Errorf("loading as a script: %s", b)
	}
}

// TestClientIsSafe: the client builds the DOM from text only and needs no
// eval, so snippets cannot carry markup and a strict CSP holds.
func TestClientIsSafe(t *testing.T) {
	forbidden := regexp.MustCompile(`innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|setAttribute\("style|\.style\b|fetch\(|XMLHttpRequest|WebAssembly`)
	entries, err := ClientFS.ReadDir("client")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		src, err := ClientFS.ReadFile("client/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(src), "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "//") || strings.HasPrefix(strings.TrimSpace(line), "*") {
				continue
			}
			if m := forbidden.FindString(line); m != "" {
				t.Errorf("client/%s:%d: uses %s", e.Name(), i+1, m)
			}
		}
	}
	bundle := string(bundleClient(t, true))
	for _, m := range forbidden.FindAllString(bundle, -1) {
		t.Errorf("the bundle uses %s", m)
	}
}

func testEntries() []Entry {
	return []Entry{
		{ID: "5.2", Kind: "clause", Title: "Policy (clause)", URL: "clauses/5.2/index.html"},
		{ID: "5.2", Kind: "control", Title: "Roles and responsibilities", URL: "controls/5.2/index.html"},
		{ID: "5.15", Kind: "control", Title: "Access control", URL: "controls/5.15/index.html"},
		{ID: "6.1.3", Kind: "clause", Title: "Information security risk treatment", URL: "clauses/6.1.3/index.html"},
		{ID: "A.9.1.1", Kind: "control2013", Title: "Access control policy", URL: "mapping/index.html#A.9.1.1"},
	}
}

// smallSite is a handful of documents with known words, sections and
// markup-like text.
func smallSite() []Document {
	return []Document{
		{ID: "POL-01", Title: "Policy for sikkerhetskopiering", Type: "policy", Lang: "nb", URL: "docs/POL-01/index.html",
			Summary: "Hvordan vi tar vare på data.", Controls: []string{"8.13"},
			Sections: []Section{
				{Text: "Innledning uten overskrift."},
				{Heading: "Rutine", Anchor: "rutine", Text: "Vi tar sikkerhetskopi hver natt og tester gjenoppretting hver måned."},
				{Heading: "Farlig tekst", Anchor: "farlig", Text: `Skriv aldri <script>alert("x")</script> & "sitater" i passord-feltet.`},
			}},
		{ID: "PRO-02", Title: "Passord og tilgang", Type: "procedure", Lang: "nb", URL: "docs/PRO-02/index.html",
			Sections: []Section{{Heading: "Passord", Anchor: "passord", Text: "Passordet skal ha minst 14 tegn. Tilgangsstyring følger 5.15."}}},
		{ID: "STD-03", Title: "Backup standard", Type: "standard", Lang: "en", URL: "docs/STD-03/index.html",
			Sections: []Section{{Heading: "Backups", Anchor: "backups", Text: "Backups are tested monthly. The supplier's backups are encrypted."}}},
		{ID: "REG-04", Title: "Logg fra gjenopprettingstest", Type: "record", Lang: "nb", URL: "docs/REG-04/index.html",
			Sections: []Section{{Heading: "Resultat", Anchor: "resultat", Text: "Gjenopprettingen tok 2 timer. Sikkerhetskopiene var hele."}}},
	}
}

type searchResult = clientResult

// clientSearch runs queries through the client over an export of docs.
func clientSearch(t *testing.T, node *nodeHarness, docs []Document, opts Options, queries []string, show int) []searchResult {
	t.Helper()
	dir, _ := exportTo(t, analyzeAll(docs), opts)
	var opened struct{ Docs int }
	node.call(t, map[string]any{"op": "open", "dir": dir}, &opened)
	var resp struct{ Results []clientResult }
	node.call(t, map[string]any{"op": "search", "queries": queries, "k": 10, "show": show, "cold": false}, &resp)
	return resp.Results
}

// clientSearchVerbatim runs queries as typed, without corrections, over
// the index clientSearch opened last.
func clientSearchVerbatim(t *testing.T, node *nodeHarness, queries []string) []searchResult {
	t.Helper()
	var resp struct{ Results []clientResult }
	node.call(t, map[string]any{"op": "search", "queries": queries, "k": 10, "show": 5, "cold": false, "verbatim": true}, &resp)
	return resp.Results
}

func shownIDs(r searchResult) []string {
	var ids []string
	for _, s := range r.Shown {
		ids = append(ids, s.ID)
	}
	return ids
}

// TestClientBehaviour checks what a reader sees: inflections find their
// stem, snippets keep markup as text and link to their section, ID queries
// offer the catalogue entry first, no results offer the nearest words.
func TestClientBehaviour(t *testing.T) {
	node := startNode(t)
	queries := []string{
		"sikkerhetskopiene ", // 0: inflection → POL-01 ("sikkerhetskopi") and REG-04
		"script ",            // 1: markup in a document stays text
		"5.15",               // 2: control entry first, then the document citing it
		"5.2",                // 3: control before clause
		"a.9.1.1",            // 4: 2013 control
		"A.5.15",             // 5: no such 2013 control: the 2022 one
		"6.1.3 ",             // 6: clause
		"sikkerhetskopu ",    // 7: nothing: the nearest word instead
		"pasord ",            // 8
		"backups supplier's", // 9: English, possessive, typed
		"the ",               // 10: only a stop word
		"gjenoppr",           // 11: typed: completions
		"gjenoppretting ",    // 12: body hit in a section → anchor
		"backup ",            // 13: English query finds the Norwegian title's loan word too
	}
	rs := clientSearch(t, node, smallSite(), Options{Entries: testEntries()}, queries, 5)

	if ids := shownIDs(rs[0]); !slices.Contains(ids, "POL-01") || !slices.Contains(ids, "REG-04") {
		t.Errorf("sikkerhetskopiene found %v, want POL-01 (sikkerhetskopi) and REG-04 (Sikkerhetskopiene)", ids)
	}

	r := rs[1]
	if len(r.Shown) != 1 || r.Shown[0].ID != "POL-01" {
		t.Fatalf("script found %v, want POL-01", shownIDs(r))
	}
	var text strings.Builder
	marked := ""
	for _, p := range r.Shown[0].Snippet {
		text.WriteString(p.Text)
		if p.Mark {
			marked += p.Text
		}
	}
	if !strings.Contains(text.String(), `<script>alert("x")</script> & "sitater"`) || marked != "scriptscript" {
		t.Errorf("snippet %q (marked %q): want the text as written, with both script words marked", text.String(), marked)
	}
	if r.Shown[0].Href != "docs/POL-01/index.html#farlig" || r.Shown[0].Heading != "Farlig tekst" {
		t.Errorf("hit in section Farlig tekst links to %q (heading %q)", r.Shown[0].Href, r.Shown[0].Heading)
	}

	entryIDs := func(r searchResult) []string {
		var out []string
		for _, e := range r.Entries {
			out = append(out, e.Kind+":"+e.ID)
		}
		return out
	}
	for i, want := range map[int][]string{
		2: {"control:5.15"}, 3: {"control:5.2", "clause:5.2"}, 4: {"control2013:A.9.1.1"},
		5: {"control:5.15"}, 6: {"clause:6.1.3"}, 0: nil,
	} {
		if got := entryIDs(rs[i]); !slices.Equal(got, want) {
			t.Errorf("%q offers %v, want %v", queries[i], got, want)
		}
	}
	if ids := shownIDs(rs[2]); !slices.Contains(ids, "PRO-02") {
		t.Errorf("5.15 found documents %v, want PRO-02, which mentions it", ids)
	}

	suggested := func(r searchResult) []string {
		var out []string
		for _, s := range r.Suggestions {
			out = append(out, s.Word)
		}
		return out
	}
	if r := rs[7]; r.Total == 0 || !strings.HasPrefix(r.Corrected, "sikkerhetskopi") {
		t.Errorf("sikkerhetskopu: %d hits for %q, want hits for a sikkerhetskopi… word", r.Total, r.Corrected)
	}
	if r := rs[8]; r.Corrected != "passord " || !slices.Contains(shownIDs(r), "PRO-02") {
		t.Errorf("pasord: hits %v for %q, want PRO-02 for %q", shownIDs(r), r.Corrected, "passord ")
	}
	// As typed (the link under corrected results): no hits, the nearest
	// words offered.
	verbatim := clientSearchVerbatim(t, node, []string{"pasord ", "sikkerhetskopu "})
	if r := verbatim[0]; r.Total != 0 || r.Corrected != "" || !slices.Contains(suggested(r), "passord") || r.Suggestions[0].Query != "passord " {
		t.Errorf("pasord as typed: %d hits (for %q), suggestions %+v, want none and passord (query %q)", r.Total, r.Corrected, r.Suggestions, "passord ")
	}
	if r := verbatim[1]; r.Total != 0 || !slices.ContainsFunc(suggested(r), func(s string) bool { return strings.HasPrefix(s, "sikkerhetskopi") }) {
		t.Errorf("sikkerhetskopu as typed: %d hits, suggestions %v, want none and a sikkerhetskopi… word", r.Total, suggested(r))
	}

	if ids := shownIDs(rs[9]); !slices.Equal(ids, []string{"STD-03"}) {
		t.Errorf("backups supplier's found %v, want STD-03", ids)
	}
	if rs[10].Total != 0 || len(rs[10].Words) != 0 {
		t.Errorf("the: %d hits, words %v; a stop word alone should find nothing", rs[10].Total, rs[10].Words)
	}
	if w := rs[11].Words; len(w) != 1 || !slices.Contains(w[0], "gjenoppretting") {
		t.Errorf("typed gjenoppr stands for %v, want its completion gjenoppretting", w)
	} else if ids := shownIDs(rs[11]); !slices.Contains(ids, "POL-01") || !slices.Contains(ids, "REG-04") {
		t.Errorf("typed gjenoppr found %v, want POL-01 and REG-04", ids)
	}
	for _, s := range rs[12].Shown {
		if s.ID == "POL-01" && s.Href != "docs/POL-01/index.html#rutine" {
			t.Errorf("gjenoppretting in POL-01's Rutine links to %q", s.Href)
		}
	}
	if ids := shownIDs(rs[13]); !slices.Contains(ids, "STD-03") {
		t.Errorf("backup found %v, want STD-03", ids)
	}
}

// TestCorrections: a word that matches nothing is searched as the nearest
// word of the dictionary, which must be plausible: written alike (or
// alike as a stem of the same word), beginning with the same letter — not
// an English word whose stem happens to be near a Norwegian one's. A word
// still being typed is compared with the words' beginnings.
func TestCorrections(t *testing.T) {
	node := startNode(t)
	docs := []Document{
		{ID: "EN-1", Lang: "en", Title: "Operations manual", URL: "en1.html", Type: "guideline",
			Sections: []Section{{Text: "Operations and operators. Copying of logs."}}},
		{ID: "NB-1", Lang: "nb", Title: "Kontroll av tilganger", URL: "nb1.html", Type: "procedure",
			Sections: []Section{{Text: "Kontrollen av tilgangene gjøres kvartalsvis. Kontroller logger."}}},
		{ID: "NB-2", Lang: "nb", Title: "Kontoret", URL: "nb2.html", Type: "standard",
			Sections: []Section{{Text: "Kontoret låses."}}},
		{ID: "NB-3", Lang: "nb", Title: "Intern kontroll", URL: "nb3.html", Type: "plan",
			Sections: []Section{{Text: "Kontroller hvert år."}}},
	}
	rs := clientSearch(t, node, docs, Options{}, []string{"kopiering ", "kontorl", "tilganer ", "xyzzy "}, 5)
	if r := rs[0]; r.Corrected != "" || r.Total != 0 {
		t.Errorf("kopiering: %d hits for %q, want none (no Norwegian word is near; operations is no correction)", r.Total, r.Corrected)
	}
	if r := rs[1]; !strings.HasPrefix(r.Corrected, "kontr") || !slices.Contains(shownIDs(r), "NB-1") {
		t.Errorf("kontorl (typed): %v for %q, want NB-1 for a kontr… word", shownIDs(r), r.Corrected)
	}
	if r := rs[2]; !strings.HasPrefix(r.Corrected, "tilgang") || !slices.Equal(shownIDs(r), []string{"NB-1"}) {
		t.Errorf("tilganer: %v for %q, want NB-1 for a tilgang… word", shownIDs(r), r.Corrected)
	}
	if r := rs[3]; r.Corrected != "" || r.Total != 0 || len(r.Suggestions) != 0 {
		t.Errorf("xyzzy: %d hits for %q, suggestions %v; want nothing", r.Total, r.Corrected, r.Suggestions)
	}
	verbatim := clientSearchVerbatim(t, node, []string{"kopiering "})
	for _, s := range verbatim[0].Suggestions {
		if strings.HasPrefix(s.Word, "oper") {
			t.Errorf("kopiering as typed: suggestion %q", s.Word)
		}
	}
}
