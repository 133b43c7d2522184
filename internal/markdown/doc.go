// Package markdown renders a document's Markdown body with goldmark and
// finds what the rest of the build needs from it: the [[…]] references
// (one parser, ParseReference, serves bodies and the text of soa.yaml and
// risks.yaml through TextRefs), links to other documents and to files next
// to them, the headings for a table of contents, and the text by section
// for search and suggestions. It warns about what Markdown written for
// other renderers leaves behind (checks.go): raw HTML shown as text,
// placeholders such as [DATE], links to anchors no heading has; and it
// gives headings GitHub's anchors as well, so links written for GitHub work.
//
// The HTML is made once per file and kept with placeholders where a
// reference goes (body.go); the pipeline fills them after resolution. The
// package knows Markdown, positions and the address layout of copied
// files; it does not know the site's documents, controls or pages.
package markdown
