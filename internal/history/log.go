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
	"strconv"
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
}

// parseLog reads the output of git log run with logArgs. prefix is the
// site folder's path in the work tree ("" or ending in "/").
// Each change kept is passed to seen (which may be nil) as it is read.
func parseLog(r io.Reader, prefix string, seen func(*fileChange)) ([]*commit, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 256<<20)
	sc.Split(splitNUL)
	var commits []*commit
	var cur *commit
	var diff *parentDiff
	var pending *fileChange // a raw line waiting for its paths
	var paths []string
	need := 0
	n := 0
	for sc.Scan() {
		n++
		tok := sc.Text()
		if need > 0 {
			paths = append(paths, tok)
			need--
			if need == 0 {
				fc := *pending
				pending = nil
				if fc.oldPath, fc.newPath = paths[0], paths[len(paths)-1]; keepChange(&fc, prefix) {
					diff.files = append(diff.files, fc)
					if seen != nil {
						seen(&fc)
					}
				}
				paths = paths[:0]
			}
			continue
		}
		tok = strings.TrimPrefix(tok, "\n")
		var raw string
		switch {
		case tok == "":
			continue
		case strings.HasPrefix(tok, "commit "):
			head := tok
			if i := strings.Index(tok, "\n:"); i >= 0 {
				head, raw = tok[:i], tok[i+1:]
			}
			c, from, err := parseHeader(head)
			if err != nil {
				return nil, fmt.Errorf("git log output, item %d: %w", n, err)
			}
			if cur == nil || c.hash != cur.hash {
				cur = c
				commits = append(commits, cur)
			}
			if from == "" && len(cur.parents) > 0 {
				from = cur.parents[0]
			}
			cur.diffs = append(cur.diffs, parentDiff{parent: from})
			diff = &cur.diffs[len(cur.diffs)-1]
		case strings.HasPrefix(tok, ":"):
			raw = tok
		default:
			return nil, fmt.Errorf("git log output, item %d: unexpected %.40q", n, tok)
		}
		if raw == "" {
			continue
		}
		if diff == nil {
			return nil, fmt.Errorf("git log output, item %d: a diff line before any commit", n)
		}
		fc, paths2, err := parseRaw(raw)
		if err != nil {
			return nil, fmt.Errorf("git log output, item %d: %w", n, err)
		}
		pending, need = &fc, paths2
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

// parseHeader reads "commit H P... [(from P)]", the header lines and the
// message of a commit in raw format.
func parseHeader(s string) (c *commit, from string, err error) {
	first, rest, _ := strings.Cut(s, "\n")
	f := strings.Fields(strings.TrimPrefix(first, "commit "))
	if len(f) == 0 {
		return nil, "", fmt.Errorf("commit line without a hash")
	}
	c = &commit{hash: f[0]}
	for i := 1; i < len(f); i++ {
		if f[i] == "(from" && i+1 < len(f) {
			from = strings.TrimSuffix(f[i+1], ")")
			break
		}
		c.parents = append(c.parents, f[i])
	}
	header, message, _ := strings.Cut(rest, "\n\n")
	for header != "" {
		var line string
		line, header, _ = strings.Cut(header, "\n")
		if a, ok := strings.CutPrefix(line, "author "); ok {
			c.author, c.time = parsePerson(a)
			break
		}
	}
	c.subject = subject(message)
	return c, from, nil
}

// parsePerson reads "Name <email> 1712345678 +0200".
func parsePerson(s string) (name string, when int64) {
	if i := strings.LastIndexByte(s, '>'); i >= 0 {
		if f := strings.Fields(s[i+1:]); len(f) > 0 {
			when, _ = strconv.ParseInt(f[0], 10, 64)
		}
		s = s[:i]
	}
	if i := strings.IndexByte(s, '<'); i >= 0 {
		s = s[:i]
	}
	return validText(strings.TrimSpace(s)), when
}

// subject is the first paragraph of a message in raw format (each line
// indented by four spaces), its lines joined by spaces, as git's %s.
func subject(message string) string {
	var b strings.Builder
	for message != "" {
		var line string
		line, message, _ = strings.Cut(message, "\n")
		line = strings.TrimSpace(line)
		if line == "" {
			if b.Len() > 0 {
				break
			}
			continue
		}
		if b.Len() == 0 && (message == "" || strings.HasPrefix(message, "\n")) {
			return validText(line) // one line, the common case
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(line)
	}
	return validText(b.String())
}

// validText replaces bytes that are not UTF-8 (a message written in
// another encoding) so that pages stay valid.
func validText(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// parseRaw reads ":100644 100644 OLD NEW M" and returns the change and
// how many paths follow (2 for a rename or copy).
func parseRaw(s string) (fileChange, int, error) {
	f := strings.Fields(strings.TrimPrefix(s, ":"))
	if len(f) < 5 || len(f[4]) == 0 {
		return fileChange{}, 0, fmt.Errorf("bad diff line %.60q", s)
	}
	fc := fileChange{
		status:  f[4][0],
		oldBlob: blobID(f[2]),
		newBlob: blobID(f[3]),
		regular: strings.HasPrefix(f[1], "100"),
	}
	if strings.HasPrefix(f[0], "160") || strings.HasPrefix(f[1], "160") {
		fc.status = 0 // a submodule: not a file of the site
	}
	if fc.status == 'R' || fc.status == 'C' {
		return fc, 2, nil
	}
	return fc, 1, nil
}

// blobID returns id, or "" for git's all-zero id of no object.
func blobID(id string) string {
	if strings.Trim(id, "0") == "" {
		return ""
	}
	return id
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
