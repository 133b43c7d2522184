package sitefs

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/isms-project/isms/internal/finding"
)

// Files is what a walk of the site folder found.
type Files struct {
	Docs     []string          // Markdown documents (site-relative real paths), sorted
	Intros   map[string]string // each folder's introduction (README.md or index.md), by folder ("." for the root)
	Files    map[string]int64  // other files that documents may link to, with sizes
	Static   []string          // files under static/, copied as is
	Findings finding.Findings
}

// Walk lists the site's files. Symbolic links that stay inside the site
// are followed (each real file and folder is visited once, so loops end);
// links that leave it are skipped with a warning. skip names folders that
// are not content (the theme override folder); inputs are the site's own
// input files, which are neither documents nor attachments.
func Walk(fsys fs.FS, skip string, inputs ...string) (*Files, error) {
	return WalkSite(fsys, Options{Skip: skip, Inputs: inputs})
}

// Options say what a walk leaves out besides what SPEC §3 does.
type Options struct {
	Skip    string   // a folder that is not content (the theme override folder)
	Exclude []string // isms.yaml's exclude globs (see Excluded)
	Inputs  []string // the site's own input files, neither documents nor attachments
}

// WalkSite is Walk with every option: it also leaves out the files and
// folders the exclude globs match.
func WalkSite(fsys fs.FS, o Options) (*Files, error) {
	w := &siteWalker{
		fsys:    fsys,
		skip:    o.Skip,
		exclude: o.Exclude,
		inputs:  o.Inputs,
		out:     &Files{Files: map[string]int64{}, Intros: map[string]string{}},
		visited: map[string]bool{},
		seen:    map[string]bool{},
	}
	if err := w.dir(".", "."); err != nil {
		return nil, err
	}
	slices.Sort(w.out.Docs)
	slices.Sort(w.out.Static)
	return w.out, nil
}

type siteWalker struct {
	fsys    fs.FS
	skip    string
	exclude []string
	inputs  []string // the site's own files at its root (isms.yaml, soa.yaml…): not attachments
	out     *Files
	visited map[string]bool // real folders walked
	seen    map[string]bool // real files listed
}

// excluded reports whether a site path is outside the content: under the
// root's themes/ or the theme override folder, or under a folder whose
// name starts with '.' or '_' below base (the site root, or the folder a
// followed link points at: a link may bring in a folder like _shared/).
func (w *siteWalker) excluded(p, base string, isDir bool) bool {
	if p == "themes" || strings.HasPrefix(p, "themes/") || (w.skip != "" && (p == w.skip || strings.HasPrefix(p, w.skip+"/"))) {
		return true
	}
	if Excluded(p, w.exclude) {
		return true
	}
	if base != "." {
		p = strings.TrimPrefix(p, base+"/")
	}
	parts := strings.Split(p, "/")
	if !isDir {
		parts = parts[:len(parts)-1]
	}
	for _, part := range parts {
		if strings.HasPrefix(part, ".") || strings.HasPrefix(part, "_") {
			return true
		}
	}
	return false
}

func (w *siteWalker) dir(real, base string) error {
	if w.visited[real] {
		return nil
	}
	w.visited[real] = true
	entries, err := fs.ReadDir(w.fsys, real)
	if err != nil {
		return fmt.Errorf("reading folder %s: %w", real, err)
	}
	for _, e := range entries {
		p := path.Join(real, e.Name())
		if e.Type()&fs.ModeSymlink != 0 {
			if err := w.link(p); err != nil {
				return err
			}
			continue
		}
		if e.IsDir() {
			if !w.excluded(p, base, true) {
				if err := w.dir(p, base); err != nil {
					return err
				}
			}
			continue
		}
		if !w.excluded(p, base, false) {
			// Documents need no size: save a system call each.
			var size int64
			if !strings.EqualFold(path.Ext(p), ".md") {
				info, err := e.Info()
				if err != nil {
					return fmt.Errorf("reading %s: %w", p, err)
				}
				size = info.Size()
			}
			w.file(p, size)
		}
	}
	return nil
}

func (w *siteWalker) file(p string, size int64) {
	if w.seen[p] {
		return
	}
	w.seen[p] = true
	switch {
	case slices.Contains(w.inputs, p):
	case strings.HasPrefix(p, "static/"):
		w.out.Static = append(w.out.Static, p)
	case IsIntroduction(p):
		if dir := path.Dir(p); w.out.Intros[dir] == "" {
			w.out.Intros[dir] = p
		}
	case strings.EqualFold(path.Ext(p), ".md"):
		w.out.Docs = append(w.out.Docs, p)
	default:
		w.out.Files[p] = size
	}
}

// link follows a symbolic link at p if it stays inside the site.
func (w *siteWalker) link(p string) error {
	real, err := RealPath(w.fsys, p)
	if errors.Is(err, ErrLeavesSite) {
		w.out.Findings = append(w.out.Findings, finding.Finding{
			Pos:      finding.Pos{Path: p, Line: 1, Col: 1},
			Severity: finding.Warning,
			Message:  "symbolic link points outside the site folder; skipped",
		})
		return nil
	}
	if err != nil {
		w.out.Findings = append(w.out.Findings, finding.Finding{
			Pos:      finding.Pos{Path: p, Line: 1, Col: 1},
			Severity: finding.Warning,
			Message:  fmt.Sprintf("symbolic link cannot be followed (%v); skipped", UnwrapPathError(err)),
		})
		return nil
	}
	info, err := fs.Stat(w.fsys, real)
	if err != nil {
		w.out.Findings = append(w.out.Findings, finding.Finding{
			Pos:      finding.Pos{Path: p, Line: 1, Col: 1},
			Severity: finding.Warning,
			Message:  "symbolic link points at nothing; skipped",
		})
		return nil
	}
	if info.IsDir() {
		return w.dir(real, real)
	}
	w.file(real, info.Size())
	return nil
}

var ErrLeavesSite = errors.New("leaves the site")

// RealPath resolves every symbolic link on p, inside fsys. It fails with
// ErrLeavesSite when a link points outside, and gives up on long chains
// (a loop of links).
func RealPath(fsys fs.FS, p string) (string, error) {
	parts := strings.Split(p, "/")
	real := "."
	for hops := 0; len(parts) > 0; {
		next := path.Join(real, parts[0])
		parts = parts[1:]
		info, err := fs.Lstat(fsys, next)
		if err != nil {
			return "", err
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			real = next
			continue
		}
		if hops++; hops > 40 {
			return "", errors.New("too many levels of symbolic links")
		}
		target, err := fs.ReadLink(fsys, next)
		if err != nil {
			return "", err
		}
		if path.IsAbs(target) || strings.HasPrefix(target, `\`) {
			return "", ErrLeavesSite
		}
		joined := path.Join(real, target)
		if joined == ".." || strings.HasPrefix(joined, "../") {
			return "", ErrLeavesSite
		}
		// Walk the target's own parts again: they may hold links too.
		parts = append(strings.Split(joined, "/"), parts...)
		real = "."
	}
	return real, nil
}

func UnwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// IsIntroduction reports whether a Markdown file introduces its folder
// (README.md, index.md, in any letter case) rather than being a document
// (SPEC §15).
func IsIntroduction(p string) bool {
	base := path.Base(p)
	return strings.EqualFold(base, "README.md") || strings.EqualFold(base, "index.md")
}

// Excluded reports whether a site path matches one of isms.yaml's exclude
// globs, as .gitignore does: a glob with a slash matches the path or a
// folder of it from the site root ("policies/old", "drafts/*.md"); one
// without matches any file or folder name at any depth ("*.tmp.md",
// "drafts").
func Excluded(p string, globs []string) bool {
	for _, g := range globs {
		g = strings.TrimSuffix(strings.TrimPrefix(g, "./"), "/")
		anywhere := !strings.Contains(g, "/")
		for q := p; q != "." && q != "/" && q != ""; q = path.Dir(q) {
			name := q
			if anywhere {
				name = path.Base(q)
			}
			if ok, _ := path.Match(g, name); ok {
				return true
			}
		}
	}
	return false
}
