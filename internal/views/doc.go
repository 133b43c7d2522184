// Package views computes what the compliance pages and their exports show
// — the coverage matrix, the Statement of Applicability, the 2013 ↔ 2022
// mapping, the transition gap analysis, the attribute views and the review
// schedule — from the resolved site (internal/model), and writes the files
// an auditor takes away: matrix.csv, soa.csv, soa.xlsx and mapping.csv.
//
// It takes the site and, for words, anything with the theme's strings
// (Words); it knows nothing of templates, pages on disk or the build.
package views
