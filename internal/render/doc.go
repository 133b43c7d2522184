// Package render lays out the site's pages: it loads the theme (templates,
// UI strings in both languages, and the TypeScript and CSS bundled by
// esbuild under content-hashed names; a site's theme folder overrides the
// default theme file by file), lists every page of the site with the data
// its template shows, and renders those whose fingerprint changed since the
// previous render into an output.Output, on all cores.
//
// Page is what a template sees: the site (internal/model), the page's own
// data (a document, a control, a view from internal/views) and helpers for
// links, words and dates. The package knows nothing of how sites are read
// or how the output is written or served.
package render
