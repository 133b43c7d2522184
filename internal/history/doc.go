// Package history reads what git knows about the files of a site: every
// commit that changed each file (renames followed, merges handled as
// `git log -- FILE` does), the front matter fields version, approved and
// approver as they stood in each commit, the text before the current
// version, and which files have changes not yet committed.
//
// Data enters as a folder (the site, at the top of a git work tree or
// below it) and leaves as a History, from a fixed number of git processes
// whatever the size of the site: rev-parse, ls-tree, one log over the
// folder, one cat-file --batch fed every needed blob, and status (Read);
// rev-parse and status, and cat-file when it needs a text not seen yet,
// for the live preview's Update after a save. Without git, outside a work
// tree or before the first commit there is less history or none, and no
// error; a shallow clone gives the history it has and says so.
//
// The package knows git and the three front matter fields. It knows
// nothing about documents, pages, the theme or the rest of the site: the
// caller asks for a path's entries and decides what to show; comparing
// two texts is package worddiff's job.
package history
