// Package urls is the site's address layout: where each page and copied
// file of the output lives, and the relative link from one page to
// another. Every page is a file named index.html in its own folder, and
// every link names the file, not the folder: an auditor's copy opened from
// a folder through file:// has no server to turn docs/POL-01/ into its
// index.html. It knows paths only.
package urls

import (
	"net/url"
	"strings"
)

// Doc is the page of a document.
func Doc(id string) string { return "docs/" + id + "/index.html" }

// Control is the page of a 2022 control.
func Control(id string) string { return "controls/" + id + "/index.html" }

// Clause is the page of a clause.
func Clause(id string) string { return "clauses/" + id + "/index.html" }

// Mapping is the row of a 2013 control on the mapping page.
func Mapping(id string) string { return "mapping/index.html#" + id }

// Risk is the page of a risk of the register.
func Risk(id string) string { return "risks/" + id + "/index.html" }

// Attribute is the page of an attribute value.
func Attribute(kind, value string) string {
	return "attributes/" + kind + "/" + value + "/index.html"
}

// Root is the relative path from a page to the site root: "" for pages
// at the root, "../../" for docs/ID/index.html.
func Root(page string) string {
	return strings.Repeat("../", strings.Count(page, "/"))
}

// Rel is the link from page to a site path (already escaped if needed).
func Rel(page, target string) string {
	r := Root(page) + target
	if r == "" {
		return "./"
	}
	return r
}

// Escape escapes a site path for use in a URL.
func Escape(p string) string {
	return (&url.URL{Path: p}).EscapedPath()
}

// Attachment is where a site file linked from a document is copied.
func Attachment(sitePath string) string { return "files/" + sitePath }
