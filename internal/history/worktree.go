package history

import "strings"

// workChange is a file whose working copy differs from HEAD.
type workChange struct {
	path   string // relative to the site folder
	from   string // for a staged rename: the path at HEAD
	change Change
}

// status reads the working tree's changes below the folder (git status,
// porcelain format: stable across versions, paths from the top).
func (r *reader) status() error {
	out, err := r.g.output("status", "--porcelain=v1", "-z",
		"--untracked-files=all", "--ignore-submodules=all", "--", ".")
	if err != nil {
		return err
	}
	r.work = parseStatus(string(out), r.prefix)
	return nil
}

// parseStatus reads `git status --porcelain=v1 -z`: "XY path", and for a
// rename or copy the original path as the next item. Deleted files have no
// page and are left out.
func parseStatus(out, prefix string) []workChange {
	items := strings.Split(out, "\x00")
	var changes []workChange
	for i := 0; i < len(items); i++ {
		item := items[i]
		if len(item) < 4 || item[2] != ' ' {
			continue
		}
		x, y, p := item[0], item[1], item[3:]
		var from string
		if x == 'R' || x == 'C' || y == 'R' || y == 'C' {
			if i+1 < len(items) {
				from = items[i+1]
				i++
			}
		}
		rel, ok := strings.CutPrefix(p, prefix)
		if !ok || x == '!' || x == 'D' || y == 'D' {
			continue
		}
		c := workChange{path: rel, change: Modified}
		switch {
		case x == '?' || x == 'A':
			c.change = Added
		case x == 'C':
			c.change = Added // a copy is a new file
		case x == 'R' || y == 'R':
			if old, ok := strings.CutPrefix(from, prefix); ok {
				c.change, c.from = Renamed, old
			} else {
				c.change = Added // moved in from outside the site
			}
		}
		changes = append(changes, c)
	}
	return changes
}
