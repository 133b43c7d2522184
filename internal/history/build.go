package history

// Entries are built in two layers. The committed history is built from
// the log with each file under its name at HEAD, and kept (a snapshot).
// The working tree is then laid over it: a staged rename moves a file's
// history to its new name, and each changed file gets an uncommitted entry
// on top. Update lays a new working tree over the same snapshot without
// running git log again.

import (
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// Limits on what is read of a blob: enough for any front matter, and for
// a body to compare.
const (
	frontMatterLimit = 64 << 10
	bodyLimit        = 16 << 20
)

// snapshot is the committed history, as of one HEAD. It is not changed
// once built; Update makes a new one when it learns more.
type snapshot struct {
	top, prefix string
	head        string
	files       map[string][]Entry // by the path at HEAD, newest first
	previous    map[string]prevRef // by the path at HEAD
	headBlob    map[string]string  // path at HEAD → blob
	headFields  map[string]fields  // path at HEAD → front matter (Markdown files)
	texts       map[string]string  // blob → Markdown body, as far as read
	seq         map[string]int     // commit → position in the log
}

// prevRef is where the text before a file's current version is.
type prevRef struct {
	version string
	blob    string
	changed Entry
}

// pending is an entry being built, with the blobs it needs.
type pending struct {
	Entry
	oldBlob, newBlob string
	markdown         bool
}

// buildCommitted turns the log into the committed history. meta holds the
// front matter of the blobs read so far; blobs reads the rest.
func (r *reader) buildCommitted(log []*commit, meta map[string]fields, blobs *blobReader) (*snapshot, error) {
	s := &snapshot{top: r.top, prefix: r.prefix, head: r.h.Head, headBlob: r.head,
		files: map[string][]Entry{}, previous: map[string]prevRef{}, headFields: map[string]fields{},
		texts: map[string]string{}, seq: make(map[string]int, len(log))}
	if s.headBlob == nil {
		s.headBlob = map[string]string{}
	}
	base := make(map[string]bool, len(r.head))
	for p := range r.head {
		base[p] = true
	}
	recs := walk(log, &names{base: base}, func(hash string) bool { return r.shallowAt[hash] })
	short := shortHashes(log)
	for i, c := range log {
		s.seq[c.hash] = i
	}
	// The commit's part of an entry, made once a commit.
	made := make([]*Entry, len(log))
	commitEntry := func(i int) *Entry {
		if made[i] == nil {
			c := log[i]
			t := time.Unix(c.time, 0).UTC()
			made[i] = &Entry{Hash: c.hash, ShortHash: short(c.hash), Author: c.author,
				Time: t, Date: t.Format("2006-01-02"), Subject: c.subject}
		}
		return made[i]
	}
	files := make(map[string][]pending, len(recs))
	for key, rs := range recs {
		ps := make([]pending, len(rs))
		md := isMarkdown(key)
		for i, rec := range rs {
			p := &ps[i]
			p.Entry = *commitEntry(rec.commit)
			p.File, p.Path, p.From = key, rec.path, rec.from
			p.Change, p.Merge, p.Boundary = rec.change, rec.merge, rec.boundary
			p.oldBlob, p.markdown = rec.oldBlob, md && rec.regular
			if rec.change != Deleted {
				p.newBlob = rec.newBlob
			}
		}
		files[key] = ps
	}

	// Front matter of every version of every Markdown file: most was read
	// beside the log; what was not (HEAD's version of a file moved in from
	// outside the site) is read now.
	var missing []string
	need := func(id string) {
		if _, ok := meta[id]; id != "" && !ok {
			meta[id] = fields{} // asked once
			missing = append(missing, id)
		}
	}
	for _, ps := range files {
		for i := range ps {
			if ps[i].markdown {
				need(ps[i].newBlob)
				need(ps[i].oldBlob)
			}
		}
	}
	for p, id := range s.headBlob {
		if isMarkdown(p) {
			need(id)
		}
	}
	if len(missing) > 0 && blobs != nil {
		slices.Sort(missing)
		err := blobs.read(missing, frontMatterLimit, func(id string, data []byte) {
			meta[id], _ = readFields(data)
		})
		if err != nil {
			return nil, err
		}
	}
	for p, id := range s.headBlob {
		if isMarkdown(p) {
			s.headFields[p] = meta[id]
		}
	}

	// Fields, where the version changed, and where the text before the
	// current version is.
	for key, ps := range files {
		entries := make([]Entry, len(ps))
		for i := range ps {
			p := &ps[i]
			if p.markdown {
				now := meta[p.newBlob]
				p.Version, p.Approved, p.Approver = now.Version, now.Approved, now.Approver
				if p.Change != Deleted && !p.Boundary {
					var before fields
					if p.oldBlob != "" {
						before = meta[p.oldBlob]
					}
					p.VersionChanged = now.Version != before.Version
				}
				if _, found := s.previous[key]; !found && p.VersionChanged && p.oldBlob != "" {
					s.previous[key] = prevRef{version: meta[p.oldBlob].Version, blob: p.oldBlob, changed: p.Entry}
				}
			}
			entries[i] = p.Entry
		}
		s.files[key] = entries
	}
	return s, nil
}

// overlay lays the working tree's changes over the committed history and
// fills in h. Texts not read yet are read with blobs, or with a cat-file
// started here when blobs is nil.
func (r *reader) overlay(s *snapshot, work []workChange, blobs *blobReader) error {
	h := r.h
	h.seq = s.seq
	// Staged renames move a history to the new name; a file that the
	// rename replaces loses its own.
	moved := map[string]string{} // path at HEAD → path now
	target := map[string]bool{}
	for _, w := range work {
		if w.change == Renamed {
			moved[w.from] = w.path
			target[w.path] = true
		}
	}
	h.files = make(map[string][]Entry, len(s.files)+len(work))
	for key, es := range s.files {
		now, isMoved := moved[key]
		switch {
		case isMoved:
			renamed := make([]Entry, len(es))
			for i, e := range es {
				e.File = now
				renamed[i] = e
			}
			h.files[now] = renamed
		case target[key]:
			// replaced by a renamed file
		default:
			h.files[key] = es
		}
	}
	h.previous = map[string]Previous{}
	prevBlob := map[string]string{} // path now → blob of the text before its version
	for key, ref := range s.previous {
		now, isMoved := moved[key]
		if !isMoved {
			if target[key] {
				continue
			}
			now = key
		}
		changed := ref.changed
		changed.File = now
		h.previous[now] = Previous{Version: ref.version, Changed: changed}
		prevBlob[now] = ref.blob
	}
	committedBlob := map[string]string{} // path now → blob at HEAD, for changed files
	for _, w := range work {
		was := w.path
		if w.change == Renamed {
			was = w.from
		}
		e := Entry{File: w.path, Path: w.path, Change: w.change, Uncommitted: true}
		if w.change == Renamed {
			e.From = w.from
		}
		headID := s.headBlob[was]
		if isMarkdown(w.path) {
			now := workingFields(s, w.path)
			e.Version, e.Approved, e.Approver = now.Version, now.Approved, now.Approver
			before := s.headFields[was] // empty when the file is new
			e.VersionChanged = now.Version != before.Version
			if headID != "" {
				committedBlob[w.path] = headID
				if e.VersionChanged {
					h.previous[w.path] = Previous{Version: before.Version, Changed: e}
					prevBlob[w.path] = headID
				}
			}
		}
		h.files[w.path] = append([]Entry{e}, h.files[w.path]...)
	}

	// The texts: from the snapshot, or read now (once, then kept).
	var read []string
	asked := map[string]bool{}
	for _, m := range []map[string]string{prevBlob, committedBlob} {
		for _, id := range m {
			if _, ok := s.texts[id]; !ok && !asked[id] {
				asked[id] = true
				read = append(read, id)
			}
		}
	}
	texts := s.texts
	if len(read) > 0 {
		if blobs == nil {
			var err error
			if blobs, err = r.g.openBlobs(); err != nil {
				return err
			}
			defer blobs.close()
		}
		slices.Sort(read)
		texts = maps.Clone(s.texts)
		err := blobs.read(read, bodyLimit, func(id string, data []byte) {
			_, body := readFields(data)
			texts[id] = string(body)
		})
		if err != nil {
			return err
		}
		if err := blobs.close(); err != nil {
			return err
		}
	}
	for key, id := range prevBlob {
		p := h.previous[key]
		p.Body = texts[id]
		h.previous[key] = p
	}
	h.committed = make(map[string]string, len(committedBlob))
	for key, id := range committedBlob {
		h.committed[key] = texts[id]
	}
	if len(h.files) == 0 {
		h.files = nil
	}
	next := *s
	next.texts = texts
	h.base = &next
	return nil
}

// workingFields reads the front matter of a file in the working tree.
func workingFields(s *snapshot, rel string) fields {
	f, err := os.Open(filepath.Join(s.top, filepath.FromSlash(s.prefix+rel)))
	if err != nil {
		return fields{}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, frontMatterLimit))
	if err != nil {
		return fields{}
	}
	fm, _ := readFields(data)
	return fm
}

// shortHashes returns a function giving each commit of the log its
// shortest prefix, at least 7 characters, that is unique in the log.
func shortHashes(log []*commit) func(string) string {
	hashes := make([]string, len(log))
	for i, c := range log {
		hashes[i] = c.hash
	}
	slices.Sort(hashes)
	n := 7
	for i := 1; i < len(hashes); i++ {
		a, b := hashes[i-1], hashes[i]
		k := 0
		for k < len(a) && k < len(b) && a[k] == b[k] {
			k++
		}
		n = max(n, k+1)
	}
	return func(h string) string {
		return h[:min(n, len(h))]
	}
}
