// Package adopt makes a folder of plain Markdown an isms site (SPEC §15):
// it infers each document's front matter from what the file already says,
// and writes isms.yaml and a soa.yaml skeleton where they are missing.
//
// A file enters as its path and bytes and leaves as new bytes, the fields
// inferred (with where each came from, for the report) and findings at the
// file's own line and column: placeholders such as [DATE], dates it cannot
// read, and what it could not infer. The title comes from the first
// heading, the metadata from key lines in English or Norwegian
// ("**Document ID:** POL-01", "Versjon: 2.0", a two-column table) near the
// top, the type from words in the title, the file name and the folders.
// The heading and the lines used leave the body; everything else stays
// byte for byte. Files that have front matter are never changed, so a
// second run changes nothing.
//
// Decisions a reader of the output should know:
//   - A "Last updated" / "Dato" line is a record's date; in other
//     documents it is not taken and stays in the text (a document's
//     history is git's, SPEC §13).
//   - A line whose value is a placeholder, a date that cannot be read, or
//     an unknown classification or status stays in the text, reported; a
//     metadata table leaves only when every row of it was taken.
//   - Dates with slashes or dashes are read day first (19/02/2026), month
//     first only when they cannot be day first (02/19/2026); both are
//     reported when an English document's date could be either.
//   - status is written only when the file states one (SPEC §4's default
//     is approved); lang only when a document's language is not the site's.
//   - A horizontal rule that separated the removed lines from the text
//     goes with them, and so does a "Document control" heading left empty.
//
// Site walks a site's file system by SPEC §3's rules and gives the IDs
// (unique in the site), the new files and one diff that git apply takes.
// ImportSoA (isms import soa) reads a Statement of Applicability kept in a
// spreadsheet (CSV or XLSX, through internal/sheet) into soa.yaml.
//
// The package writes nothing to disk and knows nothing of rendering or
// pages; the command line writes the files or prints the diff. It reads
// an existing isms.yaml as the build does (internal/model) and the
// catalogue only to check control IDs.
package adopt
