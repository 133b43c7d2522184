// Package testsites holds ISMS content written as test material, independently
// of the example site in content/ and of the tuning of the code that reads it.
//
// The example ISMS in content/ was written alongside the generator, the search
// and the gap suggestions, so its wording, headings and document IDs match what
// that code expects. The folders here were written afterwards, in other house
// styles, so that tests of search, of gap suggestions (isms suggest) and of
// isms adopt can measure quality on text the code was not tuned on:
//
//   - northwind/ is a complete site (isms.yaml, soa.yaml, 29 documents, one
//     attachment) of a fictional UK/Norwegian logistics company, mostly in
//     English with four documents in Norwegian bokmål. Its IDs look like
//     NW-POL-001, NW-STD-007, NW-PRC-014 and NW-REC-2026-014. Each document's
//     front matter cites the controls its text addresses, with two deliberate
//     omissions for gap tests: NW-STD-002 (secure development) covers secure
//     coding but does not cite 8.28, and NW-STD-003 (logging and monitoring)
//     covers clock synchronisation (requirement LM-10) but does not cite 8.17.
//     A test that removes front matter controls and predicts them back should
//     count 8.28 and 8.17 as correct for those two documents.
//   - plain-en/ and plain-nb/ are folders as teams bring them before
//     isms adopt: Markdown with no front matter and no isms.yaml, metadata as
//     key lines (bold in English, plain in Norwegian) or a table, placeholders
//     such as [DATE], setext and missing titles, mixed date formats, raw HTML,
//     and anchors that exist and one that does not. plain-en/control-status.csv
//     is a control register kept in a spreadsheet (UTF-8 with BOM, CRLF) with
//     the columns id,title,applicable,reasons,status,justification and the
//     untidy values real teams type ("A.5.15", "Implemented ", "no",
//     "Not Applicable"); one excluded control (7.11) has no justification.
//
// The package knows nothing about the generator, the catalogue or the search:
// it only embeds files. Do not edit the content to make a test pass; a test
// that fails on it has found something the code does not handle yet.
// Queries and expected answers for search and suggestions belong to the tests
// that use them, not here.
package testsites

import "embed"

// FS holds the folders northwind, plain-en and plain-nb, each at the root of
// the file system (use fs.Sub to get one site).
//
//go:embed all:northwind all:plain-en all:plain-nb
var FS embed.FS
