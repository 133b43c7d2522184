package generator

// Reading the site's git history (SPEC §13) while the documents load and
// the pages that show nothing of it render: a build with Options.Dir
// starts history.Read in a goroutine at its start, and the render joins
// it (through Input.History) only when it comes to the overview, the
// documents' pages and changes/; the live preview's later builds ask the
// previous history to Update, which reads only the working tree while HEAD
// stays. Without git, outside a work tree, or when git fails, the site
// simply has no history: the build does not warn.

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"

	"github.com/isms-project/isms/internal/history"
	"github.com/isms-project/isms/internal/model"
	"github.com/isms-project/isms/internal/render"
)

// historyRead is the history for one build, read while the build loads.
type historyRead struct {
	done chan struct{}
	log  *history.History
}

// startHistory starts reading the history of the site folder opts.Dir: a
// build (not LiveReload) reads what is committed only; the live preview
// includes the working tree's changes, and reuses the previous build's
// history when it can. It returns nil when there is nothing to read.
func (bl *Builder) startHistory(opts Options) *historyRead {
	if opts.Dir == "" || opts.CheckOnly {
		bl.history = nil
		return nil
	}
	hopts := history.Options{CommittedOnly: !opts.LiveReload}
	prev := bl.history
	if prev != nil && (prev.Dir != opts.Dir || bl.historyOpts != hopts) {
		prev = nil
	}
	bl.historyOpts = hopts
	r := &historyRead{done: make(chan struct{})}
	go func() {
		defer close(r.done)
		var h *history.History
		var err error
		if prev != nil {
			h, err = prev.Update(context.Background(), hopts)
		} else {
			h, err = history.Read(opts.Dir, hopts)
		}
		if err == nil {
			r.log = h
		}
	}()
	return r
}

// ready is closed when the read is done; nil without one.
func (r *historyRead) ready() <-chan struct{} {
	if r == nil {
		return nil
	}
	return r.done
}

// wait joins the read and keeps its history for the next build's Update.
// A failed read gives no history (and the next build reads it again).
func (bl *Builder) waitHistory(r *historyRead) *history.History {
	if r == nil {
		return nil
	}
	<-r.done
	bl.history = r.log
	return r.log
}

// renderHistory is what the render takes of the history: the log and a way
// to read a document's body as the build read it.
func renderHistory(log *history.History, fsys fs.FS) *render.History {
	if log == nil {
		return nil
	}
	return &render.History{Log: log, Body: func(d *model.Document) (string, error) {
		src, err := fs.ReadFile(fsys, d.Path)
		if err != nil {
			return "", fmt.Errorf("reading %s: %w", d.Path, err)
		}
		src = bytes.TrimPrefix(src, []byte("\uFEFF"))
		if d.MetaEnd > len(src) {
			return "", fmt.Errorf("%s changed while the site was built", d.Path)
		}
		return string(src[d.MetaEnd:]), nil
	}}
}
