package serve

// Why this file: the live preview learns of edits from the operating
// system (fsnotify: inotify, kqueue, ReadDirectoryChangesW) rather than by
// polling, so that a save shows at once even on a site of thousands of
// files. The operating system reports folders one at a time, so every
// folder of the site is watched, and folders made later are added as they
// appear. Editors save in many ways — write in place, truncate then write,
// write a temporary file and rename it over the original, keep swap files
// and backups beside it — so their temporary files are ignored and events
// are batched: a burst, up to a git checkout of hundreds of files, makes
// one rebuild.
//
// A commit changes no file of the site, but the history its pages show:
// so the repository's HEAD is watched too — the files HEAD (rewritten by
// a checkout) and logs/HEAD (appended to by every commit, checkout, reset
// and merge) in its git folder, and nothing else there: git status
// rewrites the index, and a build that reacted to it would set off the
// next.

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/isms-project/isms/internal/output"
)

// Batching of file events. A batch is delivered to the rebuild once no
// event has come for gatherTime (the events of one save come within
// microseconds), or maxWait after its first event, whichever is sooner.
// The rebuild's result is served only once no event has come for
// quietTime, and none during the rebuild: an editor's multi-step save
// (write a backup, then rename) shows once, in its final state, and the
// quiet time runs while the rebuild does instead of before it.
const (
	gatherTime = 5 * time.Millisecond
	quietTime  = 30 * time.Millisecond
	maxWait    = 300 * time.Millisecond
	// settleTime is how long a rebuild waits for more events when a
	// document in the batch is empty: an editor that truncates the file
	// and then writes it may be caught between the two.
	settleTime = 100 * time.Millisecond
	// rootPoll is how often a vanished site folder is looked for.
	rootPoll = 250 * time.Millisecond
)

// allChanged stands for "anything may have changed": the watcher lost
// track (the site folder came back, the event queue overflowed).
const allChanged = "."

// gitChanged is the change sent when the repository's HEAD moved or its
// reflog grew (a commit, checkout, reset, merge): no file to reload, but
// the pages whose history changed differ from the last build's.
const gitChanged = ".git"

// watcher watches a site folder and every folder below it, and sends the
// site-relative slash path of each change. Hidden folders (.git, .idea)
// and an isms output folder inside the site are not watched; of the
// repository's git folder only HEAD and logs/HEAD are, and a change to
// them is sent as gitChanged.
type watcher struct {
	root    string // absolute path of the site folder
	fsw     *fsnotify.Watcher
	changes chan<- string
	report  func(error) // problems with watching; the watcher goes on
	gitDir  string      // the repository's git folder; "" when there is none

	mu      sync.Mutex
	watched map[string]bool // absolute folder paths
}

func newWatcher(root string, changes chan<- string, report func(error)) (*watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{root: root, fsw: fsw, changes: changes, report: report, watched: map[string]bool{}}
	w.addTree(root)
	w.watchGit()
	return w, nil
}

// run forwards events until ctx ends, then closes the watcher.
func (w *watcher) run(ctx context.Context) {
	defer w.fsw.Close()
	var poll <-chan time.Time // while the site folder is gone
	var ticker *time.Ticker
	defer func() {
		if ticker != nil {
			ticker.Stop()
		}
	}()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if w.event(ctx, ev) && ticker == nil {
				ticker = time.NewTicker(rootPoll)
				poll = ticker.C
			}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				w.send(ctx, allChanged)
				continue
			}
			w.report(err)
		case <-poll:
			if info, err := os.Stat(w.root); err == nil && info.IsDir() {
				ticker.Stop()
				ticker, poll = nil, nil
				w.addTree(w.root)
				w.watchGit()
				w.send(ctx, allChanged)
			}
		}
	}
}

// event handles one event; it reports whether the site folder itself is
// gone.
func (w *watcher) event(ctx context.Context, ev fsnotify.Event) (rootGone bool) {
	name := filepath.Clean(ev.Name)
	if name == w.root {
		if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
			w.forget(name)
			w.send(ctx, allChanged)
			return true
		}
		if ev.Has(fsnotify.Chmod) { // it may have become readable again, or not
			w.addTree(name)
			w.watchGit()
			w.send(ctx, allChanged)
		}
		return false
	}
	if handled, moved := w.gitEvent(name, ev); handled {
		if moved {
			w.send(ctx, gitChanged)
		}
		return false
	}
	rel, err := filepath.Rel(w.root, name)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return false
	}
	if isEditorTemp(name) {
		return false
	}
	rel = filepath.ToSlash(rel)
	switch {
	case ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename):
		w.forget(name)
	case ev.Has(fsnotify.Create) || ev.Has(fsnotify.Chmod):
		// A new folder, or one that became readable: watch it and what
		// it holds. Files made in it before the watch was in place are
		// covered: the folder's path stands for everything under it.
		if info, err := os.Lstat(name); err == nil && info.IsDir() {
			if w.skipDir(name) {
				return false
			}
			w.addTree(name)
		}
	}
	w.send(ctx, rel)
	return false
}

func (w *watcher) send(ctx context.Context, p string) {
	select {
	case w.changes <- p:
	case <-ctx.Done():
	}
}

// skipDir reports whether a folder is not watched: hidden folders (.git,
// .idea, the temporary folders of an atomic write) and isms output.
func (w *watcher) skipDir(dir string) bool {
	if dir == w.root {
		return false
	}
	if strings.HasPrefix(filepath.Base(dir), ".") {
		return true
	}
	_, err := os.Stat(filepath.Join(dir, output.Marker))
	return err == nil
}

// gitEvent handles an event of the repository's git folder: it reports
// whether the event was one (handled), and whether HEAD moved. A .git
// made in the site folder (git init, a clone into it) is looked for again.
func (w *watcher) gitEvent(name string, ev fsnotify.Event) (handled, moved bool) {
	dir, base := filepath.Dir(name), filepath.Base(name)
	if dir == w.root && base == ".git" && ev.Has(fsnotify.Create) {
		w.watchGit()
		return true, true
	}
	if w.gitDir == "" {
		return false, false
	}
	logs := filepath.Join(w.gitDir, "logs")
	gone := ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename)
	switch {
	case name == w.gitDir:
		if gone {
			w.forget(name)
		}
		return true, gone
	case name == logs:
		// Made by the first commit, which may have written logs/HEAD
		// before the watch is in place: the folder stands for it.
		switch {
		case gone:
			w.forget(logs)
			return true, true
		case ev.Has(fsnotify.Create):
			w.add(logs)
			return true, true
		}
		return true, false
	case dir == w.gitDir, dir == logs:
		return true, base == "HEAD" // not the index, lock files, other refs
	}
	return false, false
}

// watchGit finds the repository the site folder is in and watches the
// folders that hold HEAD and logs/HEAD (not their subfolders). A site
// outside any repository, or in one whose git folder cannot be read, has
// no history to follow: nothing is watched and nothing is said.
func (w *watcher) watchGit() {
	w.gitDir = findGitDir(w.root)
	if w.gitDir == "" {
		return
	}
	w.add(w.gitDir)
	if info, err := os.Stat(filepath.Join(w.gitDir, "logs")); err == nil && info.IsDir() {
		w.add(filepath.Join(w.gitDir, "logs"))
	}
}

// findGitDir returns the git folder of the repository that dir is in: the
// .git folder in dir or the nearest folder above it, or the folder a .git
// file names ("gitdir: PATH", in a linked worktree or a submodule). It
// returns "" when there is none or it cannot be read.
func findGitDir(dir string) string {
	for {
		dotGit := filepath.Join(dir, ".git")
		info, err := os.Stat(dotGit)
		switch {
		case err == nil && info.IsDir():
			return dotGit
		case err == nil && info.Mode().IsRegular():
			return gitFileDir(dotGit)
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// gitFileDir reads a .git file, "gitdir: PATH" with PATH absolute or
// relative to the file's folder, and returns the folder it names if there
// is one.
func gitFileDir(name string) string {
	data, err := os.ReadFile(name)
	if err != nil || len(data) > 4096 {
		return ""
	}
	p, ok := strings.CutPrefix(strings.TrimSpace(string(data)), "gitdir:")
	if p = strings.TrimSpace(p); !ok || p == "" {
		return ""
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(filepath.Dir(name), p)
	}
	if info, err := os.Stat(p); err != nil || !info.IsDir() {
		return ""
	}
	return filepath.Clean(p)
}

// add watches one folder (not those below it), unless it is watched
// already. A failure other than the folder being gone or unreadable is
// reported.
func (w *watcher) add(dir string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.watched[dir] {
		return
	}
	if err := w.fsw.Add(dir); err != nil {
		if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, fs.ErrPermission) {
			w.report(fmt.Errorf("cannot watch %s: %w", dir, err))
		}
		return
	}
	w.watched[dir] = true
}

// addTree watches dir and the folders below it. Folders that cannot be
// read are left out: the build reports them, and a later chmod event adds
// them. Any other failure (the system's limit on watches) is reported once.
func (w *watcher) addTree(dir string) {
	reported := false
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if d != nil && d.IsDir() && p != dir {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			return nil
		}
		if w.skipDir(p) {
			return filepath.SkipDir
		}
		w.mu.Lock()
		defer w.mu.Unlock()
		if w.watched[p] {
			return nil
		}
		if err := w.fsw.Add(p); err != nil {
			if !reported && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, fs.ErrPermission) {
				reported = true
				w.report(fmt.Errorf("cannot watch %s: %w; edits there will not show until a rebuild (on Linux, raise fs.inotify.max_user_watches)", p, err))
			}
			return nil // unreadable, or gone already
		}
		w.watched[p] = true
		return nil
	})
}

// forget drops the watches on a folder that was removed or renamed and on
// the folders below it: a renamed folder's watches would report events
// under its old name.
func (w *watcher) forget(name string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	prefix := name + string(filepath.Separator)
	for p := range w.watched {
		if p == name || strings.HasPrefix(p, prefix) {
			_ = w.fsw.Remove(p) // often gone already
			delete(w.watched, p)
		}
	}
}

// isEditorTemp reports whether a file name is one editors and operating
// systems make beside the files they save: swap files, backups, lock files
// and the temporary files of an atomic save.
func isEditorTemp(name string) bool {
	base := filepath.Base(name)
	ext := filepath.Ext(base)
	switch {
	case base == "4913", base == ".DS_Store", base == "Thumbs.db", base == "desktop.ini":
		return true // vim's write test; Finder's and Explorer's folder data
	case strings.HasSuffix(base, "~"):
		return true // vim, emacs, nano and gedit backups
	case strings.HasPrefix(base, ".#"), len(base) > 1 && base[0] == '#' && strings.HasSuffix(base, "#"):
		return true // emacs lock and auto-save files
	case len(ext) == 4 && strings.HasPrefix(ext, ".sw") && (ext[3] >= 'a' && ext[3] <= 'p' || ext[3] == 'x'), ext == ".swpx":
		return true // vim swap files: .swp, .swo, … and .swx, .swpx for its checks
	case strings.HasSuffix(base, "___jb_tmp___"), strings.HasSuffix(base, "___jb_old___"):
		return true // JetBrains safe write
	case strings.EqualFold(ext, ".tmp"), ext == ".kate-swp", ext == ".crdownload":
		return true
	case strings.HasPrefix(base, ".goutputstream-"), strings.HasPrefix(base, "~$"), strings.HasPrefix(base, ".~lock."):
		return true // gedit atomic save; Microsoft Office and LibreOffice lock files
	}
	return false
}

// batch collects the paths from in and delivers each path once per batch
// on out: when no path has come for quiet, or maxWait after the batch's
// first path, whichever is sooner. While the receiver is busy (rebuilding)
// later paths join the batch it gets next. When heard is not nil, the time
// of each path's arrival (Unix nanoseconds) is stored in it before the
// path joins a batch. batch returns when ctx ends or in is closed and the
// last batch delivered.
func batch(ctx context.Context, in <-chan string, out chan<- []string, quiet, maxWait time.Duration, heard *atomic.Int64) {
	var (
		pending []string
		seen    = map[string]bool{}
		first   time.Time
		ready   bool
		timer   = time.NewTimer(time.Hour)
	)
	timer.Stop()
	defer timer.Stop()
	for {
		var send chan<- []string
		if ready {
			send = out
		}
		select {
		case <-ctx.Done():
			return
		case p, ok := <-in:
			if !ok {
				if len(pending) == 0 {
					return
				}
				in, ready = nil, true
				continue
			}
			if heard != nil {
				heard.Store(time.Now().UnixNano())
			}
			if !seen[p] {
				seen[p] = true
				pending = append(pending, p)
			}
			if first.IsZero() {
				first = time.Now()
			}
			if !ready {
				timer.Reset(min(quiet, maxWait-time.Since(first)))
			}
		case <-timer.C:
			ready = true
		case send <- pending:
			pending, seen, first, ready = nil, map[string]bool{}, time.Time{}, false
			if in == nil {
				return
			}
		}
	}
}
