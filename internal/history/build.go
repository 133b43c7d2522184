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
	headFile    map[string][]byte  // path at HEAD → the whole file, for files in previous (as far as kept)
	texts       map[string]string  // blob → Markdown body, as far as read
	commits     int                // commits in the log
}

// prevRef is where the text before a file's current version is.
type prevRef struct {
	version string
	blob    string
	changed Entry
}

// blobMeta is the front matter of the blobs read, each numbered in the
// order it was asked for: the numbers travel with the changes of the log,
// so that an entry finds its fields without looking a hash up.
type blobMeta struct {
	num    map[string]int32 // blob → its number
	ids    []string         // by number
	fields []fields         // by number
}

// ask numbers a blob, and reports whether it is new; it returns the
// number plus one, 0 for no blob.
func (m *blobMeta) ask(id string) (n int32, isNew bool) {
	if id == "" {
		return 0, false
	}
	if k, ok := m.num[id]; ok {
		return k + 1, false
	}
	k := int32(len(m.ids))
	m.num[id] = k
	m.ids = append(m.ids, id)
	return k + 1, true
}

// of returns the fields of a blob by its number plus one, or by its id
// when it has none.
func (m *blobMeta) of(n int32, id string) fields {
	if n == 0 {
		k, ok := m.num[id]
		if !ok {
			return fields{}
		}
		n = k + 1
	}
	return m.fields[n-1]
}

// buildCommitted turns the log into the committed history. meta holds the
// front matter of the blobs read so far; blobs reads the rest.
func (r *reader) buildCommitted(log []*commit, meta *blobMeta, blobs *blobReader) (*snapshot, error) {
	s := &snapshot{top: r.top, prefix: r.prefix, head: r.h.Head, headBlob: r.head,
		files: map[string][]Entry{}, previous: map[string]prevRef{}, headFields: map[string]fields{}, headFile: map[string][]byte{},
		texts: map[string]string{}, commits: len(log)}
	if s.headBlob == nil {
		s.headBlob = map[string]string{}
	}
	base := make(map[string]bool, len(r.head))
	for p := range r.head {
		base[p] = true
	}
	recs := walk(log, &names{base: base}, func(hash string) bool { return r.shallowAt[hash] })
	short := shortHashes(log)

	// Front matter of every version of every Markdown file: most was read
	// beside the log; what was not (a file renamed to .md, HEAD's version
	// of a file moved in from outside the site) is read now.
	first := len(meta.ids)
	for key, rs := range recs {
		if isMarkdown(key) {
			for i := range rs {
				if rec := &rs[i]; rec.regular {
					if rec.newMeta == 0 {
						meta.ask(rec.newBlob)
					}
					if rec.oldMeta == 0 {
						meta.ask(rec.oldBlob)
					}
				}
			}
		}
	}
	for p, id := range s.headBlob {
		if isMarkdown(p) {
			meta.ask(id)
		}
	}
	if missing := meta.ids[first:]; len(missing) > 0 {
		meta.fields = append(meta.fields, make([]fields, len(missing))...)
		if blobs != nil {
			err := blobs.read(missing, frontMatterLimit, func(i int, data []byte) {
				meta.fields[first+i], _ = readFields(data)
			})
			if err != nil {
				return nil, err
			}
		}
	}
	for p, id := range s.headBlob {
		if isMarkdown(p) {
			s.headFields[p] = meta.of(0, id)
		}
	}

	// The entries: the commit's part is made once a commit; then the
	// fields, where the version changed, and where the text before the
	// current version is.
	made := make([]*Entry, len(log))
	for key, rs := range recs {
		md := isMarkdown(key)
		entries := make([]Entry, len(rs))
		for i := range rs {
			rec := &rs[i]
			c := made[rec.commit]
			if c == nil {
				lc := log[rec.commit]
				t := time.Unix(lc.time, 0).UTC()
				c = &Entry{Hash: lc.hash, ShortHash: short(lc.hash), Author: lc.author,
					Time: t, Date: t.Format("2006-01-02"), Subject: lc.subject}
				made[rec.commit] = c
			}
			e := &entries[i]
			*e = *c
			e.order = int32(rec.commit) + 1
			e.File, e.Path, e.From = key, rec.path, rec.from
			e.Change, e.Merge, e.Boundary = rec.change, rec.merge, rec.boundary
			if !md || !rec.regular {
				continue
			}
			var now fields
			if rec.change != Deleted {
				now = meta.of(rec.newMeta, rec.newBlob)
			}
			e.Version, e.Approved, e.Approver = now.Version, now.Approved, now.Approver
			if rec.change != Deleted && !rec.boundary {
				var before fields
				if rec.oldBlob != "" {
					before = meta.of(rec.oldMeta, rec.oldBlob)
				}
				e.VersionChanged = now.Version != before.Version
			}
			if _, found := s.previous[key]; !found && e.VersionChanged && rec.oldBlob != "" {
				s.previous[key] = prevRef{version: meta.of(rec.oldMeta, rec.oldBlob).Version, blob: rec.oldBlob, changed: *e}
			}
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
	h.commits = s.commits
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
	h.headFile = map[string][]byte{}
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
		if f, ok := s.headFile[key]; ok {
			h.headFile[now] = f
		}
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
		err := blobs.read(read, bodyLimit, func(i int, data []byte) {
			_, body := readFields(data)
			texts[read[i]] = string(body)
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
