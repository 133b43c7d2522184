package search

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
	"unicode/utf8"
)

// queryPieces are what FuzzParseQuery builds queries from, one per input
// byte: letters (Norwegian ones too), digits, the punctuation that joins or
// splits words, white space, stop words, suffixes the stemmers act on, IDs.
var queryPieces = []string{
	"a", "e", "i", "o", "s", "t", "n", "r", "k", "d", "v", "y", "æ", "ø", "å", "Æ", "Ø", "Å", "é", "ü", "ß", "A", "S", "Z",
	"0", "1", "5", "9", ".", ",", ":", ";", "'", "’", "-", "_", "/", " ", "  ", "\t", "\n", "\u00a0", "\u00ad", "·", "(", ")",
	"«", "»", "\"", "&", "<", ">", "?", "!", "…", "–",
	"sikkerhet", "kopiene", "heten", "ational", "ing", "ed", "ies", "sses", "lov", "els",
	"the", "og", "for", "in", "and", "i", "men", "backup", "'s", "5.15", "A.9.1.1", "a.", "6.1.3", "POL-01", "Σ",
}

func piecesQuery(data []byte) string {
	var b strings.Builder
	for _, c := range data {
		b.WriteString(queryPieces[int(c)%len(queryPieces)])
	}
	return b.String()
}

// comparable reports whether q is in the script range the client's
// tokenizer (Intl.Segmenter) is held to: Latin letters, digits, ASCII and
// Latin-1 punctuation, common typographic punctuation.
func comparable(q string) bool {
	for _, r := range q {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
		case r >= 0x20 && r < 0x7f:
		case r >= 0xa0 && r <= 0x17f:
		case strings.ContainsRune("’‘“”«»…–—Σ", r):
		default:
			return false
		}
	}
	return !lowercaseCorrupts(q)
}

// checkParsed checks what holds for any parse, whatever the input.
func checkParsed(t *testing.T, q string, p parsedQuery) {
	t.Helper()
	if len(p.Words) > maxWords {
		t.Fatalf("%q: %d words, more than %d", q, len(p.Words), maxWords)
	}
	for i, w := range p.Words {
		if len(w.Terms) == 0 && w.Prefix == "" {
			t.Fatalf("%q: word %q has neither terms nor a prefix", q, w.Text)
		}
		seen := map[string]bool{}
		for _, term := range w.Terms {
			if term == "" || seen[term] {
				t.Fatalf("%q: word %q has terms %q", q, w.Text, w.Terms)
			}
			seen[term] = true
		}
		if w.Prefix != "" {
			if i != len(p.Words)-1 || !strings.HasSuffix(validUTF8(q), w.Text) || utf8.RuneCountInString(w.Prefix) < minPrefix {
				t.Fatalf("%q: word %q (number %d of %d) is a prefix %q", q, w.Text, i+1, len(p.Words), w.Prefix)
			}
		}
	}
	if p.ID != "" && (!idPattern.MatchString(p.ID) || p.ID[0] == 'a') {
		t.Fatalf("%q: ID %q", q, p.ID)
	}
}

// FuzzParseQuery fuzzes the query parser: the Go reference must keep its
// invariants on any input, and the client's parser (in Node) must give the
// same parse for queries built from the pieces above and for any input in
// the compared script range. Without node it checks the Go side only.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"", "sikkerhetskopiene", "the backup ", "5.15", " A.9.1.1 ", "CISO's ansvar", "e-post og passord", "in"} {
		f.Add([]byte(s))
	}
	var node *nodeHarness
	if _, err := exec.LookPath("node"); err == nil {
		node = startNode(f)
	} else {
		f.Log("node is not on PATH: comparing with the client's parser is skipped")
	}
	e := theEngine()
	both := []analyzerID{analyzerNo, analyzerEn}
	f.Fuzz(func(t *testing.T, data []byte) {
		raw := string(data)
		checkParsed(t, raw, e.parseQuery(raw, both))
		if node == nil {
			return
		}
		queries := []string{piecesQuery(data)}
		if q := validUTF8(raw); comparable(q) {
			queries = append(queries, q)
		}
		var resp struct{ Parsed []json.RawMessage }
		node.call(t, map[string]any{"op": "parse", "queries": queries, "analyzers": []string{"no", "en"}}, &resp)
		for i, q := range queries {
			want := e.parseQuery(q, both)
			checkParsed(t, q, want)
			var got parsedQuery
			if err := json.Unmarshal(resp.Parsed[i], &got); err != nil {
				t.Fatal(err)
			}
			if !equalParsed(got, want) {
				t.Fatalf("parse %q:\n client %+v\n go     %+v", q, got, want)
			}
		}
	})
}
