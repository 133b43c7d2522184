package history

// The walk gives each change of the log to the files it belongs to.
//
// A file is known by its path now (its key). Going back through history
// a file may have had other names (renames), so each commit carries a map
// from the paths in that commit to the keys of the files they became. The
// log lists children before parents; a commit's map is passed to its
// parents, changed where the commit renamed something, and the maps that
// two children pass to one parent are joined.
//
// Merges follow the rule git log uses for a single file: when the file in
// the merge is the same as in one of its parents, only that parent's
// history is the file's (the side branch whose change it took, or the
// main line when the side did not touch it), so each commit shows once;
// when the merge's file differs from every parent (a conflict resolved,
// or both sides changed it) the merge itself is an entry and every parent
// is followed.

import "slices"

// names maps a commit's paths to keys: a path maps to itself when it is in
// base (a file that exists now under the same name), unless exc says
// otherwise; an empty list in exc means the path belongs to no file of
// ours. Maps are shared between commits and copied when changed.
type names struct {
	base map[string]bool
	exc  map[string][]string
}

func (n *names) lookup(p string) []string {
	if n == nil {
		return nil
	}
	if keys, ok := n.exc[p]; ok {
		return keys
	}
	if n.base[p] {
		return []string{p}
	}
	return nil
}

// with returns a copy of n with the given paths mapped anew.
func (n *names) with(set map[string][]string) *names {
	c := &names{base: n.base, exc: make(map[string][]string, len(n.exc)+len(set))}
	for p, k := range n.exc {
		c.exc[p] = k
	}
	for p, k := range set {
		c.put(p, k)
	}
	return c
}

// put maps p to keys, leaving out what base says anyway.
func (n *names) put(p string, keys []string) {
	if (len(keys) == 1 && keys[0] == p && n.base[p]) || (len(keys) == 0 && !n.base[p]) {
		delete(n.exc, p)
		return
	}
	n.exc[p] = keys
}

// join returns the map of a commit reached from two children: a path
// belongs to the files either child says.
func join(a, b *names) *names {
	switch {
	case a == nil:
		return b
	case b == nil, a == b:
		return a
	}
	base := a.base
	if base == nil {
		base = b.base
	}
	c := &names{base: base, exc: make(map[string][]string, len(a.exc)+len(b.exc))}
	for _, m := range []map[string][]string{a.exc, b.exc} {
		for p := range m {
			if _, done := c.exc[p]; done {
				continue
			}
			c.put(p, unionKeys(a.lookup(p), b.lookup(p)))
		}
	}
	return c
}

// unionKeys returns the keys in a or b, sorted, without repeats.
func unionKeys(a, b []string) []string {
	if len(b) == 0 || slices.Equal(a, b) {
		return a
	}
	if len(a) == 0 {
		return b
	}
	out := append(append([]string{}, a...), b...)
	slices.Sort(out)
	return slices.Compact(out)
}

// record is one change of one file, found by the walk.
type record struct {
	key      string
	commit   int // index in the log
	change   Change
	path     string // the path in the commit
	from     string // the previous path, for a rename
	oldBlob  string // the file before the change ("" when new)
	newBlob  string // the file after the change ("" when deleted)
	oldMeta  int32  // the blobs' numbers in blobMeta, plus one (0: not asked for)
	newMeta  int32
	regular  bool
	merge    bool
	boundary bool
}

// walk gives each change of the log to its files, newest first. start is
// the map at HEAD; boundary reports whether a commit is where a shallow
// clone's history is cut.
func walk(log []*commit, start *names, boundary func(hash string) bool) map[string][]record {
	out := map[string][]record{}
	pending := map[string]*names{}
	if len(log) > 0 {
		pending[log[0].hash] = start
	}
	pass := func(parent string, n *names) {
		if parent == "" || n == nil || (n.base == nil && len(n.exc) == 0) {
			return
		}
		pending[parent] = join(pending[parent], n)
	}
	for ci, c := range log {
		at := pending[c.hash]
		delete(pending, c.hash)
		if at == nil {
			continue // no file of ours passes here
		}
		add := func(keys []string, r record) {
			for _, k := range keys {
				r.key = k
				rs := out[k]
				if len(rs) > 0 && rs[len(rs)-1].commit == ci {
					continue // already recorded for this commit
				}
				out[k] = append(rs, r)
			}
		}
		if len(c.parents) <= 1 {
			var d parentDiff
			if len(c.diffs) > 0 {
				d = c.diffs[0]
			}
			cut := len(c.parents) == 0 && boundary(c.hash)
			var renames map[string][]string
			for _, fc := range d.files {
				r := record{commit: ci, path: fc.newPath, oldBlob: fc.oldBlob, newBlob: fc.newBlob,
					oldMeta: fc.oldMeta, newMeta: fc.newMeta, regular: fc.regular, boundary: cut}
				switch fc.status {
				case 'D':
					r.change = Deleted
					add(at.lookup(fc.oldPath), r)
				case 'A':
					r.change = Added
					add(at.lookup(fc.newPath), r)
				case 'R':
					r.change, r.from = Renamed, fc.oldPath
					keys := at.lookup(fc.newPath)
					add(keys, r)
					if len(keys) > 0 {
						if renames == nil {
							renames = map[string][]string{}
						}
						renames[fc.oldPath] = keys
						if _, also := renames[fc.newPath]; !also {
							renames[fc.newPath] = nil
						}
					}
				default:
					r.change = Modified
					add(at.lookup(fc.newPath), r)
				}
			}
			if len(c.parents) == 1 {
				if len(renames) > 0 {
					pass(c.parents[0], at.with(renames))
				} else {
					pass(c.parents[0], at)
				}
			}
			continue
		}
		walkMerge(c, ci, at, add, pass)
	}
	return out
}

// walkMerge handles a merge commit (see the comment at the top).
func walkMerge(c *commit, ci int, at *names, add func([]string, record), pass func(string, *names)) {
	// What each parent's diff says about each path of the merge.
	type side struct {
		changed map[string]fileChange // by the path in the merge
	}
	sides := make([]side, len(c.parents))
	for i := range sides {
		sides[i].changed = map[string]fileChange{}
	}
	var paths []string
	seen := map[string]bool{}
	for _, d := range c.diffs {
		i := indexOfString(c.parents, d.parent)
		if i < 0 {
			continue
		}
		for _, fc := range d.files {
			if fc.status == 'D' {
				continue // not a path of the merge
			}
			sides[i].changed[fc.newPath] = fc
			if !seen[fc.newPath] {
				seen[fc.newPath] = true
				paths = append(paths, fc.newPath)
			}
		}
	}
	first := map[string][]string{}                        // changes to the first parent's map
	others := make([]map[string][]string, len(c.parents)) // the other parents' maps, from nothing
	for i := range others {
		others[i] = map[string][]string{}
	}
	for _, p := range paths {
		keys := at.lookup(p)
		if len(keys) == 0 {
			continue
		}
		same := -1 // the first parent whose file is the merge's
		for i := range sides {
			if _, ch := sides[i].changed[p]; !ch {
				same = i
				break
			}
		}
		if same >= 0 {
			if same > 0 {
				first[p] = nil // the history is the other side's
				others[same][p] = keys
			}
			continue
		}
		// Changed against every parent: the merge made this version. It is
		// described as against the first parent, as git does.
		fc := sides[0].changed[p]
		r := record{commit: ci, change: Modified, path: p, oldBlob: fc.oldBlob,
			newBlob: fc.newBlob, oldMeta: fc.oldMeta, newMeta: fc.newMeta, regular: fc.regular, merge: true}
		switch fc.status {
		case 'A':
			r.change = Added
		case 'R':
			r.change, r.from = Renamed, fc.oldPath
		}
		add(keys, r)
		for i := range sides {
			fc := sides[i].changed[p]
			name := p
			if fc.status == 'R' {
				name = fc.oldPath
			}
			if i == 0 {
				if name != p {
					first[name] = keys
					if _, also := first[p]; !also {
						first[p] = nil
					}
				}
			} else {
				others[i][name] = keys
			}
		}
	}
	if len(first) > 0 {
		pass(c.parents[0], at.with(first))
	} else {
		pass(c.parents[0], at)
	}
	for i := 1; i < len(c.parents); i++ {
		if len(others[i]) > 0 {
			pass(c.parents[i], &names{exc: others[i]})
		}
	}
}

func indexOfString(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}
