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

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/isms-project/isms/internal/output"
)

// Batching of file events: a batch is delivered once no event has come
// for quietTime, or maxWait after its first event, whichever is sooner.
const (
	quietTime = 30 * time.Millisecond
	maxWait   = 300 * time.Millisecond
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

// watcher watches a site folder and every folder below it, and sends the
// site-relative slash path of each change. Hidden folders (.git, .idea)
// and an isms output folder inside the site are not watched.
type watcher struct {
	root    string // absolute path of the site folder
	fsw     *fsnotify.Watcher
	changes chan<- string
	report  func(error) // problems with watching; the watcher goes on

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
			w.send(ctx, allChanged)
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
// later paths join the batch it gets next. batch returns when ctx ends or
// in is closed and the last batch delivered.
func batch(ctx context.Context, in <-chan string, out chan<- []string, quiet, maxWait time.Duration) {
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
