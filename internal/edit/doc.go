// Package edit changes the user's own files with the smallest edit that
// does the job, and shows the change as a unified diff that git apply
// takes.
//
// Commands that write into a site's Markdown (isms migrate, isms suggest
// --write, isms adopt) must leave everything they do not mean to change
// byte for byte as it was: comments, key order, quoting, blank lines, CRLF
// line ends, a byte order mark and the body. So a file is never decoded and
// encoded again. Instead, tree.FindFrontMatter finds the front matter's span,
// FindList finds one list field's items in the YAML or TOML text with their
// byte ranges (and checks that the text found says what a YAML or TOML
// parser read), an Editor collects byte-range edits (replace an item, remove
// items with their separators, append items in the list's own style, add a
// missing key) and applies them to the original bytes, and Diff writes the
// change.
//
// Data enters as the file's bytes and leaves as new bytes and a diff. The
// package knows YAML and TOML text; it knows nothing of documents, controls
// or what a field means: which items to change is the caller's business.
package edit
