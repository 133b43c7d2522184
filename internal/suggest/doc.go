// Package suggest finds, for each document of an ISMS, the ISO/IEC
// 27002:2022 controls its text addresses that its front matter does not
// cite (SPEC §12): so that a gap analysis starts from what the ISMS already
// says — a secure development standard may already cover 8.28 secure
// coding without saying so.
//
// # What enters and what leaves
//
// The caller hands over the site's documents as [Document]s: ID, path,
// language, title, the body's plain text split at headings (with the file
// line where each section's text starts, and the source's line breaks
// kept), and the control IDs the front matter cites (2013 IDs already
// mapped to their successors). [New] reads them once against every control
// of the catalogue ([NewFor]: against a few) and returns an [Index].
// [Index.Suggest] gives each document's suggestions, strongest first,
// each with the passage that matched best, its heading and its file line;
// [Index.Candidates] gives a control's best candidate documents, for the
// page of a control that is a gap. The package knows nothing of Markdown, front matter, files, the
// site's pages or the command line: the pipeline adapts its documents,
// and the command and the edit engine decide what to print or write.
//
// # How a document is matched
//
// Each control is a query of phrases: its English and Norwegian titles and
// the catalogue's keyword lists (catalog.Control.Keywords), written for
// this purpose — the words an organisation's own documents use ("secure
// coding", "code review", "OWASP"; "sikker koding", "kodegjennomgang").
// Documents and phrases go through bleve's analysis, the very analyzers of
// the search index (search.TextAnalyzer: Norwegian for nb and nn, English
// for en), so a phrase matches whatever inflection the stemmer folds
// together. Both languages' phrases are tried on every document, since
// Norwegian ISMS text borrows English terms; a phrase from the other
// language counts half. A Norwegian compound matches a phrase term it
// begins or ends with ("flerfaktorautentisering" is an "autentisering"),
// at half strength. A phrase of several words occurs where its words
// follow each other in a sentence (one word between them allowed), and
// half-occurs where they are all in one sentence but apart. A match in a
// heading counts twice, in the title three times.
//
// # How a score is calibrated
//
// A phrase's weight is its inverse document frequency in the site (BM25's,
// so a word every document uses weighs almost nothing), halved for the
// other language. A document's raw score for a control is BM25: the sum
// over the control's phrases of weight times saturated, length-normalised
// frequency (k1 1.2, b 0.5). The score a suggestion carries is that raw
// score divided by the control's self score: the raw score of a document
// of average length that holds each of the control's phrases once. So a
// score is the share of the control's weighted vocabulary the document
// uses (repetition adds, but saturates), in the same units for every
// control — a control with a long keyword list is not favoured over one
// with a short list — and for every site, since the site's statistics
// scale the score and the self score alike. DefaultMinScore, 0.12, was
// chosen on the example ISMS (content/, every document's controls left
// out): there 73 % of the suggestions at or above it are controls the
// document cites, and 65 % of the cited controls are suggested. On the
// northwind site, not tuned on, the same threshold gives 73 % and 81 %.
//
// # How it was measured
//
// The leave-out test (quality_test.go) takes every document's controls out
// of its front matter and compares the suggestions with them: for a
// document citing k controls, R-precision is the share of them among its
// top k suggestions, recall@10 the share among its top 10. On the example
// ISMS (46 documents that cite controls; the keyword lists and parameters
// were tuned on it) R-precision is 0.76 and recall@10 0.92; on the
// northwind site of internal/testsites (27 documents, mostly English,
// written by someone else and measured once, after the tuning) 0.81 and
// 0.92. How well a score means the same for every control and document is
// measured by ranking all suggestions of all documents together: the
// average precision of that pooled ranking is 0.76 on the example and
// 0.85 on northwind.
//
// Two other calibrations were measured on the example and not taken. The
// raw score ranks each document's controls about as well (R-precision
// 0.77) and pools a little worse (0.75), but its scale grows with the
// size of the site and the length of a control's list, so no one
// threshold would serve. Z-scores of each control's scores across the
// site's documents rank and pool worse (0.57 and 0.62): a word that no
// other document uses makes a passing mention look exceptional.
//
// # Speed
//
// Matching is done on the analysed text directly rather than through a
// bleve index. bleve's in-memory index (bleve.NewMemOnly) took 30 s of
// CPU to index the 4,130 sections of 1,000 documents of internal/corpus,
// where the command has 10 s for 10,000 documents; and the ranking needs
// every document's score for every control, not the top hits of 93
// queries. New reads documents on all cores, each worker in one pass over
// a section's text: it cuts sentences and words (words.go: the tokenizer's
// rules for ASCII and Latin-1 text, the tokenizer itself for a sentence
// with other characters) and looks each word up in a vocabulary of what
// the words it has met are to the query, so that only a word met for the
// first time goes through the analyzer's filters. NewFor compiles the
// queries of a few controls only (a build's gaps, `isms suggest
// --controls`): fewer words are terms, and the scores are the same.
// BenchmarkSuggest10k measures New on 10,000 documents;
// generator's BenchmarkGapCandidates1k a build's candidates.
package suggest
