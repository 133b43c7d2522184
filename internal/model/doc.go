// Package model is the site as the build understands it: isms.yaml
// (Config), soa.yaml (SoA), each document's front matter (Document, read
// by ReadDocument), and the resolved graph (Site, made by Resolve) — which
// documents address which controls and clauses, the coverage level of
// every control, the links and backlinks between documents, and every
// finding about them at its file, line and column.
//
// Input files are decoded with internal/tree and bodies rendered with
// internal/markdown; the package knows nothing of pages, templates,
// search or how the output is written.
package model
