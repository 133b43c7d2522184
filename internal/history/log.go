package history

// The log is read in git's raw format (--pretty=raw) because it is the
// only one that says, for each diff of a merge shown with -m, which parent
// the diff is against ("commit H P1 P2 (from P2)"): a merge whose diff
// against one parent is empty is shown once, and a custom --format cannot
// tell which parent that diff belongs to. Paths, commits and diffs are
// separated by NUL (-z), so no name needs unquoting.

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// logArgs are the arguments of the one git log over the site folder
// (followed by "-- ." below the top of the work tree): every commit
// reachable from HEAD that changed a file below it, children before
// parents, with renames, each merge diffed against each parent.
var logArgs = []string{
	"log", "HEAD",
	"-z", "--raw", "--no-abbrev", "-M", "-m", "--root",
	"--parents", "--pretty=raw", "--date-order",
	"--no-decorate", "--no-abbrev-commit", "--no-show-signature", "--no-color",
}

// commit is one commit of the log.
type commit struct {
	hash    string
	parents []string // rewritten by git to the nearest commits in the log
	author  string
	time    int64 // author time, seconds since 1970
	subject string
	diffs   []parentDiff // against each parent with changes, in parent order
}

// parentDiff is what changed between a parent and the commit; parent is
// "" for a commit without parents.
type parentDiff struct {
	parent string
	files  []fileChange
}

// fileChange is one line of a raw diff. Paths are relative to the site
// folder; blobs are "" for none.
type fileChange struct {
	status           byte // A, C, D, M, R, T
	oldPath, newPath string
	oldBlob, newBlob string
	regular          bool // a file (not a symbolic link) after the change
	// The blobs' numbers in the blobMeta that reads their front matter,
	// plus one: 0 when not asked for.
	oldMeta, newMeta int32
}

// parseLog reads the output of git log run with logArgs. prefix is the
// site folder's path in the work tree ("" or ending in "/").
// Each change kept is passed to seen (which may be nil) as it is read.
//
// The output is large (9 MB for 20,000 commits), so it is read as bytes
// and each hash, path and author becomes a string once, however often it
// comes back.
func parseLog(r io.Reader, prefix string, seen func(*fileChange)) ([]*commit, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 256<<20)
	sc.Split(splitNUL)
	p := logParser{strs: map[string]string{}}
	var commits []*commit
	var cur *commit
	var diff *parentDiff
	var pending fileChange // a raw line waiting for its paths
	var paths [2]string
	need, have := 0, 0
	n := 0
	for sc.Scan() {
		n++
		tok := sc.Bytes()
		if need > 0 {
			paths[have] = p.intern(tok)
			have++
			if have < need {
				continue
			}
			fc := pending
			if fc.oldPath, fc.newPath = paths[0], paths[have-1]; keepChange(&fc, prefix) {
				diff.files = append(diff.files, fc)
				if seen != nil {
					seen(&diff.files[len(diff.files)-1])
				}
			}
			need, have = 0, 0
			continue
		}
		tok = bytes.TrimPrefix(tok, []byte{'\n'})
		var raw []byte
		switch {
		case len(tok) == 0:
			continue
		case bytes.HasPrefix(tok, []byte("commit ")):
			head := tok
			if i := bytes.Index(tok, []byte("\n:")); i >= 0 {
				head, raw = tok[:i], tok[i+1:]
			}
			c, from, err := p.header(head, cur)
			if err != nil {
				return nil, fmt.Errorf("git log output, item %d: %w", n, err)
			}
			if c != cur {
				cur = c
				commits = append(commits, cur)
			}
			if from == "" && len(cur.parents) > 0 {
				from = cur.parents[0]
			}
			cur.diffs = append(cur.diffs, parentDiff{parent: from})
			diff = &cur.diffs[len(cur.diffs)-1]
		case tok[0] == ':':
			raw = tok
		default:
			return nil, fmt.Errorf("git log output, item %d: unexpected %.40q", n, tok)
		}
		if len(raw) == 0 {
			continue
		}
		if diff == nil {
			return nil, fmt.Errorf("git log output, item %d: a diff line before any commit", n)
		}
		fc, paths, err := p.raw(raw)
		if err != nil {
			return nil, fmt.Errorf("git log output, item %d: %w", n, err)
		}
		pending, need = fc, paths
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading git log: %w", err)
	}
	if need > 0 {
		return nil, fmt.Errorf("git log output ends inside a diff line")
	}
	return commits, nil
}

func splitNUL(data []byte, atEOF bool) (int, []byte, error) {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return i + 1, data[:i], nil
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}

// logParser holds the paths and authors read so far, to make each string
// only once (a file changes in many commits), and commits not used yet.
type logParser struct {
	strs map[string]string
	slab []commit // commits are made a block at a time
}

// intern returns b as a string, the same one each time.
func (p *logParser) intern(b []byte) string {
	if s, ok := p.strs[string(b)]; ok {
		return s
	}
	s := string(b)
	p.strs[s] = s
	return s
}

// header reads "commit H P... [(from P)]", the header lines and the
// message of a commit in raw format. A merge is shown once for each
// parent: when H is cur's, cur is returned.
func (p *logParser) header(b []byte, cur *commit) (c *commit, from string, err error) {
	first, rest, _ := bytes.Cut(b, []byte{'\n'})
	first = first[len("commit "):]
	hash, first := field(first)
	if len(hash) == 0 {
		return nil, "", fmt.Errorf("commit line without a hash")
	}
	if i := bytes.Index(first, []byte("(from ")); i >= 0 {
		f, _ := field(first[i+len("(from "):])
		from = string(bytes.TrimSuffix(f, []byte(")")))
		first = first[:i]
	}
	if cur != nil && cur.hash == string(hash) {
		return cur, from, nil
	}
	if len(p.slab) == 0 {
		p.slab = make([]commit, 256)
	}
	c, p.slab = &p.slab[0], p.slab[1:]
	c.hash = string(hash)
	for {
		var parent []byte
		if parent, first = field(first); len(parent) == 0 {
			break
		}
		c.parents = append(c.parents, string(parent))
	}
	header, message, _ := bytes.Cut(rest, []byte("\n\n"))
	for len(header) > 0 {
		var line []byte
		line, header, _ = bytes.Cut(header, []byte{'\n'})
		if a, ok := bytes.CutPrefix(line, []byte("author ")); ok {
			c.author, c.time = p.person(a)
			break
		}
	}
	c.subject = subject(message)
	return c, from, nil
}

// field returns the first field of b (separated by spaces) and the rest.
func field(b []byte) (f, rest []byte) {
	b = bytes.TrimLeft(b, " ")
	if i := bytes.IndexByte(b, ' '); i >= 0 {
		return b[:i], b[i+1:]
	}
	return b, nil
}

// person reads "Name <email> 1712345678 +0200".
func (p *logParser) person(b []byte) (name string, when int64) {
	if i := bytes.LastIndexByte(b, '>'); i >= 0 {
		t := bytes.TrimLeft(b[i+1:], " ")
		if j := bytes.IndexByte(t, ' '); j >= 0 {
			t = t[:j]
		}
		for _, d := range t {
			if d < '0' || d > '9' || len(t) > 18 {
				when = 0
				break
			}
			when = when*10 + int64(d-'0')
		}
		b = b[:i]
	}
	if i := bytes.IndexByte(b, '<'); i >= 0 {
		b = b[:i]
	}
	b = bytes.TrimSpace(b)
	if !utf8.Valid(b) {
		return validText(string(b)), when
	}
	return p.intern(b), when
}

// subject is the first paragraph of a message in raw format (each line
// indented by four spaces), its lines joined by spaces, as git's %s.
func subject(message []byte) string {
	var b []byte
	var one []byte // the paragraph's only line, while it has one
	lines := 0
	for len(message) > 0 {
		var line []byte
		line, message, _ = bytes.Cut(message, []byte{'\n'})
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			if lines > 0 {
				break
			}
			continue
		}
		lines++
		if lines == 1 {
			one = line
			continue
		}
		if lines == 2 {
			b = append(b, one...)
		}
		b = append(b, ' ')
		b = append(b, line...)
	}
	if lines == 1 {
		b = one
	}
	return validText(string(b))
}

// validText replaces bytes that are not UTF-8 (a message written in
// another encoding) so that pages stay valid.
func validText(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// raw reads ":100644 100644 OLD NEW M" and returns the change and how
// many paths follow (2 for a rename or copy).
func (p *logParser) raw(b []byte) (fileChange, int, error) {
	var f [5][]byte
	rest := b[1:]
	for k := range f {
		f[k], rest = field(rest)
	}
	if len(f[4]) == 0 {
		return fileChange{}, 0, fmt.Errorf("bad diff line %.60q", b)
	}
	fc := fileChange{
		status:  f[4][0],
		oldBlob: blobID(f[2]),
		newBlob: blobID(f[3]),
		regular: bytes.HasPrefix(f[1], []byte("100")),
	}
	if bytes.HasPrefix(f[0], []byte("160")) || bytes.HasPrefix(f[1], []byte("160")) {
		fc.status = 0 // a submodule: not a file of the site
	}
	if fc.status == 'R' || fc.status == 'C' {
		return fc, 2, nil
	}
	return fc, 1, nil
}

// blobID returns id, or "" for git's all-zero id of no object.
func blobID(id []byte) string {
	if len(bytes.Trim(id, "0")) == 0 {
		return ""
	}
	return string(id)
}

// keepChange makes the paths relative to the site folder and reports
// whether the change is one to record.
func keepChange(fc *fileChange, prefix string) bool {
	if fc.status == 0 {
		return false
	}
	newPath, ok := strings.CutPrefix(fc.newPath, prefix)
	if !ok {
		return false
	}
	fc.newPath = newPath
	if old, ok := strings.CutPrefix(fc.oldPath, prefix); ok {
		fc.oldPath = old
	} else {
		// Moved in from outside the site: its history there is not ours.
		fc.status, fc.oldPath, fc.oldBlob = 'A', newPath, ""
	}
	if fc.status == 'C' {
		// A copy is a new file; the original keeps its own history.
		fc.status, fc.oldPath, fc.oldBlob = 'A', newPath, ""
	}
	return true
}
