package generator

import (
	"net/url"
	"strings"
)

// Every page is a file named index.html in its own folder, and every link
// names the file, not the folder: an auditor's copy opened from a folder
// through file:// has no server to turn docs/POL-01/ into its index.html.

func docURL(id string) string     { return "docs/" + id + "/index.html" }
func controlURL(id string) string { return "controls/" + id + "/index.html" }
func clauseURL(id string) string  { return "clauses/" + id + "/index.html" }
func mappingURL(id string) string { return "mapping/index.html#" + id }
func attributeURL(kind, value string) string {
	return "attributes/" + kind + "/" + value + "/index.html"
}

// rootOf is the relative path from a page to the site root: "" for pages
// at the root, "../../" for docs/ID/index.html.
func rootOf(page string) string {
	return strings.Repeat("../", strings.Count(page, "/"))
}

// rel is the link from page to a site path (already escaped if needed).
func rel(page, target string) string {
	r := rootOf(page) + target
	if r == "" {
		return "./"
	}
	return r
}

// escapePath escapes a site path for use in a URL.
func escapePath(p string) string {
	return (&url.URL{Path: p}).EscapedPath()
}
