package history

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// Options control Read. The zero value reads git from the PATH, includes
// the working tree's uncommitted changes and gives git a minute.
type Options struct {
	// Git is the git executable: a name looked up on the PATH, or a path.
	// Empty means "git".
	Git string
	// Timeout bounds the whole read; zero means DefaultTimeout. When it
	// runs out, Read returns the error and no history.
	Timeout time.Duration
	// CommittedOnly leaves out the working tree: no Uncommitted entries
	// (a build of what is committed; live preview wants them).
	CommittedOnly bool
}

// DefaultTimeout is the time Read gives git when Options.Timeout is zero.
const DefaultTimeout = time.Minute

// Change is what a commit did to a file.
type Change string

const (
	Added    Change = "added"
	Modified Change = "modified"
	Renamed  Change = "renamed"
	Deleted  Change = "deleted"
)

// Entry is one change of one file: a commit, or the working tree's
// uncommitted change.
type Entry struct {
	File string // the file's path now, relative to the site folder, with slashes
	Path string // the file's path in this commit (differs from File before a rename)
	From string // for Renamed: the path before

	Hash      string    // the commit; empty when Uncommitted
	ShortHash string    // the shortest prefix of Hash, at least 7, that no other commit of the log shares
	Author    string    // author name
	Time      time.Time // author date, UTC; zero when Uncommitted
	Date      string    // Time as YYYY-MM-DD; empty when Uncommitted
	Subject   string    // the first paragraph of the commit message

	Change      Change
	Merge       bool // a merge commit whose version differs from every parent's (a conflict resolved, or both sides changed the file)
	Boundary    bool // the oldest commit of a shallow clone: the file as it was then; what came before is missing
	Uncommitted bool // the working tree's change, not committed yet

	// Front matter of a Markdown file after the change (empty for other
	// files and for a deletion).
	Version, Approved, Approver string
	// VersionChanged is set when Version differs from the version before
	// this change (for a merge, in its first parent; for Uncommitted, in
	// HEAD). A new file with a version counts; a deletion and the boundary
	// of a shallow clone do not.
	VersionChanged bool

	order int32 // the commit's place in the log, from 1; 0 when Uncommitted
}

// Previous is a document as it stood before its current version.
type Previous struct {
	Version string // the version then ("" when the field was missing)
	Body    string // the Markdown body then, front matter removed
	// Changed is the entry that brought the current version: the newest
	// entry with VersionChanged.
	Changed Entry
}

// History is what git knows about the files of a site folder.
type History struct {
	// Dir is the folder given to Read.
	Dir string
	// Unavailable says why there is no history, when there is none: git
	// not found, not in a work tree, no commit yet, or git's own message
	// (such as a repository it does not trust). Empty when git answered.
	Unavailable string
	// Head is the commit checked out (detached or not); empty before the
	// first commit.
	Head string
	// Shallow is set in a shallow clone: histories stop at its boundary,
	// whose entries have Boundary set.
	Shallow bool
	// GitProcesses is the number of git processes started to make this
	// History, whatever the number of files: at most five for Read
	// (rev-parse, ls-tree, log, cat-file, status), three for an Update
	// while HEAD stays (rev-parse, status, perhaps cat-file).
	GitProcesses int

	files     map[string][]Entry
	previous  map[string]Previous
	committed map[string]string // body at HEAD of files with uncommitted changes
	headFile  map[string][]byte // whole file at HEAD of files with a PreviousVersion, as far as kept
	commits   int               // commits in the log, for Changes
	base      *snapshot         // the committed history, for Update
}

// Entries returns the history of the file at path (relative to the site
// folder, with slashes), newest first: the uncommitted change, if any,
// then every commit that changed it, following renames back. The slice
// is shared; do not modify it.
func (h *History) Entries(path string) []Entry {
	if h == nil {
		return nil
	}
	return h.files[path]
}

// LastCommit returns the newest commit that changed the file at path (not
// an uncommitted change): its date is when the file last changed.
func (h *History) LastCommit(path string) (Entry, bool) {
	for _, e := range h.Entries(path) {
		if !e.Uncommitted {
			return e, true
		}
	}
	return Entry{}, false
}

// Paths returns the files that have entries, sorted.
func (h *History) Paths() []string {
	if h == nil || len(h.files) == 0 {
		return nil
	}
	out := make([]string, 0, len(h.files))
	for p := range h.files {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// Changes returns the entries of every file, newest first: uncommitted
// changes, then commits in the order of the log (a commit before its
// parents), files of one commit by path. The entries are shared; do not
// modify them.
func (h *History) Changes() []*Entry {
	if h == nil || len(h.files) == 0 {
		return nil
	}
	// A counting sort by place in the log (uncommitted first), going
	// through the files by path: the files of a commit stay in path order.
	paths := h.Paths()
	start := make([]int, h.commits+2) // by order: where its entries go
	for _, p := range paths {
		for _, e := range h.files[p] {
			start[e.order+1]++
		}
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	out := make([]*Entry, start[len(start)-1])
	for _, p := range paths {
		es := h.files[p]
		for i := range es {
			k := es[i].order
			out[start[k]] = &es[i]
			start[k]++
		}
	}
	return out
}

// PreviousVersion returns the Markdown document at path as it stood just
// before the change that brought its current version (the newest entry
// with VersionChanged), to compare with the text now. ok is false when
// there is no such earlier text: the version never changed, or the file
// was new when it got its version.
func (h *History) PreviousVersion(path string) (p Previous, ok bool) {
	if h == nil {
		return Previous{}, false
	}
	p, ok = h.previous[path]
	return p, ok
}

// CommittedBody returns the Markdown body of a file with uncommitted
// changes as it is in the last commit, to show what is not committed yet.
// ok is false when the file has no uncommitted change or is not in HEAD.
func (h *History) CommittedBody(path string) (body string, ok bool) {
	if h == nil {
		return "", false
	}
	body, ok = h.committed[path]
	return body, ok
}

// CommittedFile returns the whole file at path as it is in HEAD, when the
// history kept it: for a Markdown file with a previous version (of at most
// 64 KB, read with its front matter), so that its text now need not be
// read again when the file is unchanged. The slice is shared; do not
// modify it.
func (h *History) CommittedFile(path string) ([]byte, bool) {
	if h == nil {
		return nil, false
	}
	f, ok := h.headFile[path]
	return f, ok
}

// Read reads the history of every file below dir. See ReadContext.
func Read(dir string, opts Options) (*History, error) {
	return ReadContext(context.Background(), dir, opts)
}

// ReadContext reads the history of every file below dir, a folder in a git
// work tree (the top or below it), with a fixed number of git processes.
//
// Without git, outside a work tree or before the first commit, it returns
// a History with no (or only uncommitted) entries, Unavailable saying
// why, and no error. It returns an error when git fails in a way that is
// not one of those, or ctx ends or the timeout runs out; the History is
// then empty but usable.
func ReadContext(ctx context.Context, dir string, opts Options) (*History, error) {
	return run(ctx, dir, opts, func(r *reader) error { return r.read() })
}

// Update returns the history with the working tree read again: for live
// preview, after a save. While HEAD stays the same it runs two git
// processes (rev-parse and status; a third, cat-file, when a file's
// committed text is needed for the first time) and reuses the committed
// history; when HEAD has moved (a commit, a checkout, a pull) it reads
// everything, as ReadContext. h itself is not changed, and may be used
// while Update runs.
func (h *History) Update(ctx context.Context, opts Options) (*History, error) {
	if h == nil || h.base == nil {
		dir := ""
		if h != nil {
			dir = h.Dir
		}
		return ReadContext(ctx, dir, opts)
	}
	var moved bool
	next, err := run(ctx, h.Dir, opts, func(r *reader) error {
		var err error
		moved, err = r.update(h)
		return err
	})
	if err == nil && moved {
		full, err := ReadContext(ctx, h.Dir, opts)
		full.GitProcesses += next.GitProcesses
		return full, err
	}
	return next, err
}

// run gives a reader the time and the git it needs, and counts.
func run(ctx context.Context, dir string, opts Options, do func(*reader) error) (*History, error) {
	h := &History{Dir: dir}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	g, ok := newGit(ctx, opts.Git, dir)
	if !ok {
		h.Unavailable = "git not found"
		return h, nil
	}
	err := do(&reader{g: g, h: h, opts: opts})
	h.GitProcesses = int(g.count.Load())
	if err != nil {
		processes := h.GitProcesses
		*h = History{Dir: dir, GitProcesses: processes, Unavailable: err.Error()}
		return h, err
	}
	return h, nil
}

// reader holds what one Read has learnt so far.
type reader struct {
	g    *git
	h    *History
	opts Options

	top, prefix string            // the work tree, and the site folder in it ("" or ending in "/")
	shallowAt   map[string]bool   // boundary commits of a shallow clone
	head        map[string]string // file → blob id at HEAD, for files below the site folder
	work        []workChange
}

func (r *reader) read() error {
	if err := r.locate(); err != nil || r.h.Unavailable != "" {
		return err
	}
	if r.h.Head == "" {
		r.h.Unavailable = "no commit yet"
		if !r.opts.CommittedOnly {
			if err := r.status(); err != nil {
				return err
			}
		}
		return r.overlay(&snapshot{top: r.top, prefix: r.prefix}, r.work, nil)
	}
	// The files at HEAD and the working tree's changes are read while the
	// log runs, and the front matter of each version of each Markdown
	// file while the log still names more: git log and git cat-file work
	// at the same time.
	side := make(chan error, 1)
	go func() {
		err := r.lsTree()
		if err == nil && !r.opts.CommittedOnly {
			err = r.status()
		}
		side <- err
	}()
	blobs, err := r.g.openBlobs()
	if err != nil {
		<-side
		return err
	}
	defer blobs.close()
	ids := make(chan []string, 64)
	meta := &blobMeta{num: map[string]int32{}}
	var read []fields // by number, as cat-file answers
	// The newest version of each Markdown file in the log is, but for odd
	// merges, the one at HEAD: it is kept whole, for CommittedFile.
	var keepMu sync.Mutex
	keep := map[int]bool{}   // blob numbers to keep, set before they are asked for
	kept := map[int][]byte{} // by blob number
	metaDone := blobs.stream(ids, frontMatterLimit, func(i int, data []byte) {
		read = append(read, make([]fields, i+1-len(read))...)
		read[i], _ = readFields(data)
		keepMu.Lock()
		if keep[i] && len(data) < frontMatterLimit {
			kept[i] = bytes.Clone(data)
		}
		keepMu.Unlock()
	})
	var batch []string
	ask := func(id string, whole bool) int32 {
		n, isNew := meta.ask(id)
		if isNew {
			if whole {
				keepMu.Lock()
				keep[int(n-1)] = true
				keepMu.Unlock()
			}
			batch = append(batch, id)
			if len(batch) == 256 {
				ids <- batch
				batch = nil
			}
		}
		return n
	}
	newest := map[string]bool{} // paths seen in the log
	log, err := r.log(func(fc *fileChange) {
		if fc.regular && isMarkdown(fc.newPath) {
			first := !newest[fc.newPath]
			newest[fc.newPath] = true
			fc.newMeta = ask(fc.newBlob, first)
			fc.oldMeta = ask(fc.oldBlob, false)
		}
	})
	if len(batch) > 0 {
		ids <- batch
	}
	close(ids)
	merr := metaDone()
	meta.fields = append(read, make([]fields, len(meta.ids)-len(read))...)
	serr := <-side
	switch {
	case err != nil:
		return err
	case serr != nil:
		return serr
	case merr != nil:
		return merr
	}
	s, err := r.buildCommitted(log, meta, blobs)
	if err != nil {
		return err
	}
	for key := range s.previous {
		if n, ok := meta.num[s.headBlob[key]]; ok && kept[int(n)] != nil {
			s.headFile[key] = kept[int(n)]
		}
	}
	return r.overlay(s, r.work, blobs)
}

// update lays the working tree over the committed history of old, when
// HEAD has not moved; moved reports that it has (or that old has none).
func (r *reader) update(old *History) (moved bool, err error) {
	if err := r.locate(); err != nil {
		return false, err
	}
	s := old.base
	if s == nil || r.h.Unavailable != "" || r.h.Head == "" || r.h.Head != s.head || r.top != s.top || r.prefix != s.prefix {
		return true, nil
	}
	r.h.Shallow = old.Shallow
	if !r.opts.CommittedOnly {
		if err := r.status(); err != nil {
			return false, err
		}
	}
	return false, r.overlay(s, r.work, nil)
}

// locate asks git where the folder is: in a work tree or not, its top and
// the folder's path in it, HEAD, and whether the clone is shallow.
func (r *reader) locate() error {
	out, err := r.g.output("rev-parse", "--is-inside-work-tree", "--show-toplevel", "--show-prefix",
		"--is-shallow-repository", "--git-path", "shallow", "--verify", "-q", "HEAD")
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if r.g.ctx.Err() != nil {
		return err
	}
	var ge *gitError
	if len(lines) < 5 || lines[0] != "true" {
		switch {
		case errors.As(err, &ge) && ge.stderr != "":
			r.h.Unavailable = strings.TrimPrefix(ge.stderr, "fatal: ")
		case err != nil && !errors.As(err, &ge):
			return err // git could not be run at all
		default:
			r.h.Unavailable = "not in a git work tree"
		}
		return nil
	}
	r.top, r.prefix = lines[1], lines[2]
	if len(lines) > 5 && err == nil {
		r.h.Head = lines[5]
	}
	shallowFile := lines[4]
	if !filepath.IsAbs(shallowFile) {
		shallowFile = filepath.Join(r.g.dir, shallowFile)
	}
	if data, err := os.ReadFile(shallowFile); err == nil {
		r.shallowAt = map[string]bool{}
		for _, id := range strings.Fields(string(data)) {
			r.shallowAt[id] = true
		}
	}
	r.h.Shallow = lines[3] == "true" || len(r.shallowAt) > 0
	return nil
}

// lsTree reads the files below the folder at HEAD.
func (r *reader) lsTree() error {
	out, err := r.g.output("ls-tree", "-r", "-z", "--full-name", "HEAD", "--", ".")
	if err != nil {
		return err
	}
	r.head = map[string]string{}
	for _, item := range strings.Split(string(out), "\x00") {
		meta, name, ok := strings.Cut(item, "\t")
		if !ok {
			continue
		}
		f := strings.Fields(meta) // mode type id
		if len(f) != 3 || f[1] != "blob" {
			continue
		}
		if rel, ok := strings.CutPrefix(name, r.prefix); ok {
			r.head[rel] = f[2]
		}
	}
	return nil
}

// log runs the one git log over the folder; each change is passed to
// seen as soon as it is read.
func (r *reader) log(seen func(*fileChange)) ([]*commit, error) {
	args := logArgs
	if r.prefix != "" {
		// Only commits that change the folder. (At the top every commit
		// counts, and leaving the path out saves git a third of its work.)
		args = append(args[:len(args):len(args)], "--", ".")
	}
	out, wait, err := r.g.stream(args...)
	if err != nil {
		return nil, err
	}
	log, perr := parseLog(out, r.prefix, seen)
	if perr != nil {
		// Let git finish, and prefer its own error (a timeout) to the
		// parse error.
		_, _ = io.Copy(io.Discard, out)
		if werr := wait(); werr != nil {
			return nil, werr
		}
		return nil, perr
	}
	if err := wait(); err != nil {
		return nil, err
	}
	return log, nil
}

// isMarkdown reports whether a file is read for front matter.
func isMarkdown(p string) bool {
	return strings.EqualFold(path.Ext(p), ".md")
}
