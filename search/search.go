package search

import (
	"embed"
)

// A Document is what the pipeline hands over for each page to be found:
// its metadata and its body text split at headings.
type Document struct {
	ID, Title, Summary string
	Type               string // policy|procedure|standard|guideline|plan|record
	Owner              string
	Lang               string // nb|nn|en: nb and nn are analysed as Norwegian, en as English
	URL                string // page path relative to the site root, e.g. "docs/POL-01/index.html"
	Controls, Clauses  []string
	Sections           []Section // body text split at headings; the first may have Heading "" (text before the first heading)
}

// TextBudget is the bytes of its sections' text a search result can show
// of a document in a site of n documents: a data shard holds a share of
// text, and its documents share it (see docshard.go).
func TextBudget(n int) int {
	return docShardText / docsPerShard(n)
}

// A Section is a part of a document's body under one heading.
type Section struct {
	Heading string
	Anchor  string // the heading's HTML id; a hit in the section links to URL+"#"+Anchor
	Text    string // plain text, no markup
}

// An Entry is a catalogue item that a query for its ID offers first: a
// control ("5.15"), a 2013 control ("A.9.1.1", linking to its mapping row)
// or a clause ("6.1.3").
type Entry struct {
	ID    string
	Kind  string // "control" | "control2013" | "clause"
	Title string
	URL   string // relative to the site root
}

// Options are the site-wide inputs of Export. The zero value works: a
// Norwegian interface, no catalogue entries, the default strings.
type Options struct {
	// Lang is the site language, nb or en: the language of the strings
	// the client falls back to (see DefaultStrings), and the analyzer of
	// queries when there are no documents. (With documents, a query is
	// analysed by every analyzer they use.)
	Lang string
	// Entries are the catalogue items an ID query offers.
	Entries []Entry
	// Strings are the client's interface strings by key; missing keys
	// take the defaults of DefaultStrings(Lang).
	Strings map[string]string
	// Vocabulary is the bilingual vocabulary (catalog.Vocabulary) through
	// which an English query finds Norwegian documents and the other way
	// round; its Norwegian words are also words compounds split into.
	Vocabulary []Concept
}

// ClientFS holds the browser client's TypeScript source. Its entry point is
// "search.ts"; the pipeline bundles it with esbuild (format IIFE, bundle,
// minify) into the theme's assets. The other files are modules it imports.
//
//go:embed client/*.ts
var ClientFS embed.FS
