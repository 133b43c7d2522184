package search

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// The query parser turns the text in the search box into the words a
// search looks for. The client implements these rules in TypeScript
// (client/query.ts); this Go version is their reference, which the tests
// and the fuzz test compare the client with and which the reference
// queries of the ranking test are built from. The rules:
//
//   - The words are the tokens of bleve's unicode tokenizer, as in the
//     documents.
//   - Each word is analysed by every analyzer the site uses; its terms are
//     the distinct results, in analyzer order (Norwegian, then English).
//   - A word that is a stop word for any of those analyzers is left out:
//     "the" must not make an English query find nothing in Norwegian
//     documents, nor "og" a Norwegian one in English documents.
//   - While the last word is being typed (nothing follows it, not even a
//     space), it is also a prefix: lowercased and at least minPrefix
//     characters long, it matches the dictionary terms it begins. It stays
//     a prefix even when it is a stop word ("in" on the way to
//     "informasjon"), then without terms of its own.
//   - At most maxWords words count.
//   - Independently, the whole text (trimmed) is an ID query when it looks
//     like a control or clause ID: 5.15, 6.1.3, A.9.1.1 (the "A." in either
//     case, given back as "A."). Trimmed means without idSpace around it.
type parsedQuery struct {
	Words []queryWord `json:"words"`
	ID    string      `json:"id"`
}

// A queryWord is one word of a query.
type queryWord struct {
	Text   string   `json:"text"`
	Terms  []string `json:"terms"`
	Prefix string   `json:"prefix"`
}

const maxWords = 10

// idSpace is the white space around an ID query: ASCII white space and the
// no-break space (spelled out, as Go and JavaScript differ on what
// "white space" is).
const idSpace = " \t\n\v\f\r\u00a0"

var idPattern = regexp.MustCompile(`^(?:[Aa]\.)?[0-9]{1,2}(?:\.[0-9]{1,2}){1,3}$`)

// parseQuery parses q for a site whose documents use the given analyzers.
func (e *engine) parseQuery(q string, analyzers []analyzerID) parsedQuery {
	p := parsedQuery{Words: []queryWord{}, ID: queryID(q)}
	if len(analyzers) == 0 {
		return p
	}
	q = validUTF8(q)
	first := e.analyzers[analyzers[0]]
	toks := first.tokenizer.Tokenize([]byte(q))
	for i, tok := range toks {
		if len(p.Words) == maxWords {
			break
		}
		w := queryWord{Text: string(tok.Term), Terms: []string{}}
		typing := i == len(toks)-1 && tok.End == len(q)
		stop := false
		for _, a := range analyzers {
			r := e.analyzers[a].token(tok.Term)
			if r.stop() {
				stop = true
				continue
			}
			t := r.term.Value()
			if !containsString(w.Terms, t) {
				w.Terms = append(w.Terms, t)
			}
		}
		if stop {
			w.Terms = w.Terms[:0]
		}
		if typing {
			if low := first.lowercase(tok.Term); utf8.RuneCountInString(low) >= minPrefix {
				w.Prefix = low
			}
		}
		if len(w.Terms) == 0 && w.Prefix == "" {
			continue
		}
		p.Words = append(p.Words, w)
	}
	return p
}

// queryID returns the catalogue ID q asks for, or "".
func queryID(q string) string {
	q = strings.Trim(q, idSpace)
	if !idPattern.MatchString(q) {
		return ""
	}
	if q[0] == 'a' {
		q = "A" + q[1:]
	}
	return q
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
