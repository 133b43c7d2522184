// Package sitefs is how isms reads a site folder: a file system over the
// folder that spends as few system calls as a file allows (DirFS), and the
// walk that lists a site's documents, attachments and static files under
// SPEC §3's rules (Walk): folders starting with '.' or '_' and the theme
// folders are not content, symbolic links that stay inside the site are
// followed once, links that leave it are skipped with a warning, and loops
// end. README.md and index.md introduce their folder and are listed apart
// from the documents (SPEC §15); isms.yaml's exclude globs leave files out
// (Excluded, shared with isms adopt). It also holds the raw reads and
// writes the output uses.
//
// It knows paths and files, not what a document or a control is.
package sitefs
