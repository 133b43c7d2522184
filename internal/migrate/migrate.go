package migrate

// isms migrate rewrites ISO/IEC 27002:2013 control IDs in the controls
// lists of front matter to their 2022 successors, and changes nothing else:
// the file is edited as text, byte ranges of the list's items only, so that
// comments, key order, quoting, line ends and the body stay as they were.
// internal/edit finds the items and makes the edits; this file decides
// which 2013 IDs become which 2022 IDs.
//
// Body references [[A.9.1.1]] are listed for the author, not rewritten:
// the sentence around them usually needs rewording too.

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/isms-project/isms/catalog"
	"github.com/isms-project/isms/internal/edit"
	"github.com/isms-project/isms/internal/finding"
	"github.com/isms-project/isms/internal/markdown"
	"github.com/isms-project/isms/internal/model"
	"github.com/isms-project/isms/internal/render"
	"github.com/isms-project/isms/internal/sitefs"
	"github.com/isms-project/isms/internal/tree"
)

// Migration is what isms migrate changes, or would change, in a site.
type Migration struct {
	Files    []*MigratedFile // files whose front matter changes, in path order
	BodyRefs []BodyRef       // 2013 IDs in document bodies, for the author
	// finding.Findings are what migrate could not do: files whose front matter it
	// cannot edit safely (errors) and unknown 2013 IDs (warnings).
	Findings finding.Findings
}

// MigratedFile is a document with its old and new bytes.
type MigratedFile struct {
	Path     string // site-relative, slash-separated
	Old, New []byte
	Rewrites []Rewrite
}

// Rewrite is one 2013 ID in a controls list and what replaced it.
type Rewrite struct {
	finding.Pos
	From       string   // the 2013 ID as written
	Successors []string // all its 2022 successors
	Added      []string // those written in its place; the others were listed already
}

func (r Rewrite) String() string {
	to := strings.Join(r.Successors, ", ")
	if len(r.Added) == 0 {
		return fmt.Sprintf("%s: %s → %s, listed already, so the item is removed", r.Pos, r.From, to)
	}
	var note []string
	if len(r.Successors) > 1 {
		note = append(note, "several successors: all are listed")
	}
	for _, s := range r.Successors {
		if !slices.Contains(r.Added, s) {
			note = append(note, s+" was listed already")
		}
	}
	s := fmt.Sprintf("%s: %s → %s", r.Pos, r.From, to)
	if len(note) > 0 {
		s += " (" + strings.Join(note, "; ") + ")"
	}
	return s
}

// BodyRef is a [[…]] reference to a 2013 control in a document's body.
type BodyRef struct {
	finding.Pos
	ID         string
	Successors []string
}

func (b BodyRef) String() string {
	return fmt.Sprintf("%s: [[%s]] in the text: in 2022 it is %s; not rewritten, edit it by hand",
		b.Pos, b.ID, strings.Join(b.Successors, " and "))
}

// Migrate reads the site in fsys and works out the rewrites. It changes
// nothing: the caller writes MigratedFile.New, or prints Diff.
func Migrate(fsys fs.FS) (*Migration, error) {
	cfgSrc, err := sitefs.ReadInside(fsys, model.ConfigFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, model.ErrNotSite
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", model.ConfigFile, err)
	}
	cfg, _ := model.ReadConfig(cfgSrc)
	files, err := render.WalkContent(fsys, cfg)
	if err != nil {
		return nil, err
	}
	cat, err := catalog.New()
	if err != nil {
		return nil, err
	}
	md := markdown.NewRenderer(cfg.UnsafeHTML, false)
	m := &Migration{}
	for _, p := range files.Docs {
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", p, err)
		}
		m.file(cat, md, p, src)
	}
	m.Findings.Sort()
	return m, nil
}

// file works out the rewrites of one document.
func (m *Migration) file(cat *catalog.Catalog, md *markdown.Renderer, path string, src []byte) {
	fail := func(off int, format string, args ...any) {
		at := tree.OffsetLoc(src, off)
		m.Findings = append(m.Findings, finding.Finding{Pos: finding.Pos{Path: path, Line: at.Line, Col: at.Col}, Severity: finding.Error,
			Message: "not migrated: " + fmt.Sprintf(format, args...)})
	}
	if !utf8.Valid(src) || bytes.IndexByte(src, 0) >= 0 {
		fail(0, "not UTF-8 text")
		return
	}
	doc := model.ReadDocument(path, src, md)
	if doc.Status == "retired" {
		return // kept as it was approved: it is not maintained any more
	}
	if doc.Body != nil {
		for _, ref := range doc.Body.Refs {
			if ref.Kind != markdown.RefWiki {
				continue
			}
			if kind, id := catalog.Classify(ref.Target); kind == catalog.KindControl2013 {
				if c, ok := cat.Control2013(id); ok {
					m.BodyRefs = append(m.BodyRefs, BodyRef{finding.Pos{Path: path, Line: ref.At.Line, Col: ref.At.Col}, c.ID, controlIDs(c.Successors)})
				}
			}
		}
	}

	fm, ok := tree.FindFrontMatter(src)
	if !ok {
		return // no front matter: readDocument's findings say so in a build
	}
	list, err := edit.FindList(src, fm, "controls")
	if err != nil {
		var ee *edit.Error
		if errors.As(err, &ee) {
			fail(ee.Off, "%s", ee.Msg)
		} else {
			fail(fm.Start, "%v", err)
		}
		return
	}
	if len(list.Items) == 0 {
		return
	}
	e := edit.New(src)
	rewrites, ok := m.migrateList(cat, e, list, path, src)
	if !ok || len(rewrites) == 0 {
		return
	}
	out, err := e.Apply()
	if err != nil {
		fail(list.Items[0].Start, "%v", err)
		return
	}
	m.Files = append(m.Files, &MigratedFile{Path: path, Old: src, New: out, Rewrites: rewrites})
}

func controlIDs(cs []*catalog.Control) []string {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	return ids
}

// migrateList plans the edits of a controls list: each 2013 ID is replaced
// by those of its 2022 successors the list does not have yet, or removed
// when it has them all. It reports false when the list cannot be edited
// safely (with a finding).
func (m *Migration) migrateList(cat *catalog.Catalog, e *edit.Editor, list edit.List, path string, src []byte) ([]Rewrite, bool) {
	pos := func(off int) finding.Pos {
		at := tree.OffsetLoc(src, off)
		return finding.Pos{Path: path, Line: at.Line, Col: at.Col}
	}
	listed := map[string]bool{}
	for _, it := range list.Items {
		if kind, id := catalog.Classify(it.Value); kind == catalog.KindControl {
			listed[id] = true
		}
	}
	var rewrites []Rewrite
	removed := make([]bool, len(list.Items))
	for k, it := range list.Items {
		kind, id := catalog.Classify(it.Value)
		if kind != catalog.KindControl2013 {
			continue
		}
		c13, ok := cat.Control2013(id)
		if !ok {
			m.Findings = append(m.Findings, finding.Finding{Pos: pos(it.Start), Severity: finding.Warning,
				Message: fmt.Sprintf("unknown ISO/IEC 27002:2013 control %q left as it is (%s)", it.Value, cat.Suggest2013(it.Value))})
			continue
		}
		r := Rewrite{Pos: pos(it.Start), From: it.Value, Successors: controlIDs(c13.Successors)}
		for _, s := range r.Successors {
			if !listed[s] {
				listed[s] = true
				r.Added = append(r.Added, s)
			}
		}
		rewrites = append(rewrites, r)
		if len(r.Added) == 0 {
			removed[k] = true
			continue
		}
		if err := e.ReplaceItem(list, k, r.Added); err != nil {
			off := it.Start
			var ee *edit.Error
			if errors.As(err, &ee) {
				off = ee.Off
			}
			m.Findings = append(m.Findings, finding.Finding{Pos: pos(off), Severity: finding.Error,
				Message: "not migrated: " + err.Error()})
			return nil, false
		}
	}
	e.RemoveItems(list, removed)
	return rewrites, true
}

// Diff is the unified diff of every migrated file, paths prefixed a/ and
// b/ as git writes them (git apply and patch -p1 take it).
func (m *Migration) Diff() []byte {
	var b bytes.Buffer
	for _, f := range m.Files {
		b.Write(edit.Diff("a/"+f.Path, "b/"+f.Path, f.Old, f.New))
	}
	return b.Bytes()
}
