// Package worddiff compares two versions of a document's text word by word
// and renders the result as HTML with <ins> and <del>.
//
// Text enters as two strings (Markdown bodies, front matter already
// stripped); it leaves as a list of operations (Diff) or as escaped HTML
// (HTML, Render). Tokens are words, runs of whitespace, single line breaks
// and punctuation, so a changed word is marked as a word, and a line break
// stays a boundary: a changed list item is marked on its own line.
//
// The package knows nothing about Markdown syntax, git, documents or the
// site: the caller decides which two texts to compare and where the HTML
// goes. The work is capped, so any input is answered quickly; past the cap
// the result is coarser (whole lines), never wrong.
package worddiff
