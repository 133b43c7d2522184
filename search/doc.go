// Package search builds the site's search index with bleve and exports it
// as static files that a small browser client searches, on any static web
// server and from a folder opened through file://.
//
// It knows documents only as a [Document] (text by field and section), the
// catalogue only as the [Entry] items and the [Concept] vocabulary the
// pipeline hands over, and the theme only through the DOM contract below
// and the interface strings; it does not know Markdown, front matter, the
// catalog package, or where the files are written.
//
// # What enters and what leaves
//
// The pipeline hands over each page to be found as a [Document] (metadata
// and body text split at headings). [Analyze] runs it through bleve's
// analysis — the Norwegian analyzer "no" for nb and nn, the English "en"
// for en — and returns an [Analyzed]: the terms of each field with their
// frequencies, the words that may be Norwegian compounds, and what a
// result shows. The pipeline caches it keyed on the document's content,
// so a rebuild after one edit analyses one document. [Export] turns all of
// them, with [Options] (the site language, the catalogue entries, the
// bilingual vocabulary, the strings), into the files of the output's
// search/ folder (path → bytes); [ClientFS] holds the client's
// TypeScript, which the pipeline bundles into the theme's assets.
//
// # bleve in the build, bleve in the tests
//
// bleve is the engine: its mapping (newIndexMapping, mapping.go) names the
// fields and the analyzer of each document language, and the build takes
// its analyzers from that mapping and runs them as bleve designed them —
// the unicode tokenizer (that is, the word segmenter it wraps) over whole
// texts, the token filters (possessive, lowercase, stop words, Snowball
// Norwegian or Porter stemmer) token by token, each distinct token once (a
// memo, and a cache per worker), since a site's vocabulary is far smaller
// than its text. What the build does not do is index into a bleve index:
// at 10,000 documents that alone takes longer than the whole build may,
// and its files are no use to a browser. The tests do build one, in
// memory, with the same analyzers (site.analyzer), and use bleve's index,
// query and ranking as the reference the client must reproduce: the
// client's top 10 for a query set must be bleve's (reference_test.go), its
// tokens and terms bleve's (parity_test.go).
//
// # Norwegian compounds
//
// Norwegian writes compounds as one word: "sikkerhetskopiering",
// "risikobehandlingsplan". Two token filters of our own (compound.go),
// inserted into the Norwegian analyzer around its stemmer, follow each
// compound with its parts — split where both sides are words of the site
// or of the vocabulary, with the linking -s- or -e- — as terms of their own
// marked with partMark ("kopiering!"). A query word matches them with
// partWeight, so "kopiering" finds "sikkerhetskopiering", below documents
// that have the word itself. Which words are the site's is known only when
// all documents are, so Export splits, with the same filters; Analyze keeps
// each document's candidates.
//
// # Across languages, typos, completions
//
// [Options.Vocabulary] is a list of [Concept]s: the words or phrases that
// name one thing in English and in Norwegian ("backup" and
// "sikkerhetskopi", "access control" and "tilgangsstyring"). Query words in
// a row that make a phrase also stand for the concept's other phrases'
// terms that documents have, with translationWeight, so an English query
// finds Norwegian documents and the other way round, those in the words'
// own language first (vocabulary.go, query.go).
//
// The last word, while it is typed, also matches the `completions` (3)
// dictionary terms with the most postings that begin with it: every word
// of a title, summary or heading and every word of letters, however rare,
// and the vocabulary's words. A word that matches nothing is searched as
// the nearest word of the dictionary (edit distance by length, beginning
// with the same letter, compared as written or as a stem of the same
// word), and the results say so, with a link to the word as typed.
//
// # Fields and ranking
//
// Fields: title, id, summary, headings, controls, clauses, owner, type,
// body; a query word matches in any of them, weighted by field boosts
// (title and ID 3, summary, headings, controls and clauses 2, the rest 1)
// times the term's weight. Ranking is bleve's default TF-IDF, not its
// BM25. TF-IDF needs only document frequencies, field lengths and the
// document count, which a static index carries exactly, so the client
// reproduces bleve's scores to the last bit or two. bleve's BM25 takes its
// "average field length" from the size of the field's term dictionary
// summed over the index's segments (not from the lengths of the field), so
// its scores change as segments merge and cannot be reproduced from the
// documents alone; and it is applied to the square root of the term
// frequency, which takes away most of the saturation that makes BM25
// better elsewhere. Nor does it rank better here: asked for the subject of
// documents (a word of their titles) on the benchmark corpus, 95.4 % of
// both models' top 10 are documents about it, and 91.8 % (TF-IDF) against
// 91.5 % (BM25) when only the body is searched (scoring_test.go).
//
// A query (query.go, client/query.ts, client/rank.ts) is a conjunction of
// its words; a word is a disjunction of a term query per term and field. A
// word's terms are its analyses by each analyzer the site's documents use,
// since a Norwegian site has English documents and an English query may
// use a Norwegian loan word; a word that is a stop word in any of them is
// left out. Then its compound part, completions and translations, as
// above. Ties between equal scores go to the lower document number.
//
// # The static index
//
// A query downloads the manifest, the shards its terms need and the data
// shards of the results it shows; nothing else. Every file is a script that
// calls the global function ismsSearch(key, payload…), loaded with
// <script src>, because fetch, XHR and WebAssembly are refused from
// file://. The payloads are the types of format.go, from which
// client/format.ts is generated, with the constants the two sides share.
//
//   - manifest.js: the document count, fields and boosts, every document's
//     body length (run-length encoded: documents are numbered by body
//     length, then ID), the lower bound of every term and dictionary shard,
//     the weights of parts and translations, the document types and the
//     interface strings.
//   - t/N.js: a term shard, the terms of a range with their postings (per
//     field: document number gaps, frequencies, field lengths) and the
//     vocabulary's phrases that begin with them, cut at about 8 KB; a term
//     bigger than that has a shard to itself.
//   - w/N.js: a dictionary shard: the terms of a range with their posting
//     counts and word forms, for completing the last word and correcting.
//   - d/N.js: a data shard: ID, title, link, type, summary, sections with
//     headings, anchors and text for snippets, of a few documents
//     (docshard.go), as one DEFLATE stream in the binary alphabet (from
//     file:// there is no gzip; the browser inflates it with
//     DecompressionStream). Up to 1,000 documents each has its own; beyond,
//     they share, and share a text budget, so 10,000 documents are about
//     2,000 files in all.
//   - types.js: every document's type, for the results page's filter.
//   - entries.js: the catalogue entries an ID query offers.
//
// Numbers are written as digit strings in a 92-character alphabet inside
// string literals (encode.go), binary data in the same alphabet, so files
// need no escaping and parse fast. The same documents and options give the
// same bytes: nothing depends on map order, time or the order documents
// arrive in.
//
// # The client
//
// client/search.ts is the entry point; bundle it with esbuild as an IIFE,
// target ES2022 or later, minified (client_test.go's bundleClient shows the
// options, and a plugin that reads the modules from ClientFS). It needs no
// eval, no inline script or style, no fetch: a strict
// Content-Security-Policy holds. It reproduces bleve's analysis: the Snowball
// Norwegian and Porter stemmers and bleve's stop words (client/stopwords.ts
// is generated from them), and the unicode tokenizer — exactly, by its own
// UAX #29 rules, for text in Latin letters, digits and common punctuation,
// and with Intl.Segmenter for any other text. A file that fails to load is
// tried again by the next query; the manifest's shape is checked on load.
//
// It finds the theme's markup by id —
// #search-form, #search-input, #search-popup and, on search/index.html,
// #search-page — and <html data-root> for the way back to the site root.
// It loads the manifest when the box gets focus or the results page opens.
// Its classes for the theme's CSS: search-hit (a result link) with
// search-hit-title, search-hit-meta (search-hit-type, search-hit-section)
// and search-hit-snippet (matches in <mark>); search-entry (with
// search-entry-kind, search-entry-id, search-entry-title); search-all;
// search-corrected (results for a corrected query: in the popup a link with
// search-corrected-showing and search-corrected-instead, on the results
// page a paragraph with the link); search-empty and search-suggest; on the
// results page search-count, search-filter (buttons with aria-pressed),
// search-results (an <ol>) and search-more. search/index.html?q=WORDS
// shows the results for WORDS, corrected when a word matches nothing;
// &verbatim=1 searches them as typed. The strings it shows are the
// manifest's (see [DefaultStrings]).
package search
