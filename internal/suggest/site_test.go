package suggest

// A reader of ISMS sites for the tests only: front matter with
// adrg/frontmatter, the body with goldmark, split at headings into plain
// text that keeps the source's line breaks. The pipeline has its own
// loader; this one exists so that the engine can be measured on whole sites
// without depending on it.

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/adrg/frontmatter"
	"github.com/isms-project/isms/catalog"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"go.yaml.in/yaml/v3"
)

// siteDocument is a document read from a site with what its front matter
// cites, as 2022 control IDs.
type siteDocument struct {
	Document
	Status   string
	Controls []string // 2022 IDs, 2013 ones replaced by their successors, natural order
}

type testFrontMatter struct {
	ID       string   `yaml:"id" toml:"id"`
	Title    string   `yaml:"title" toml:"title"`
	Lang     string   `yaml:"lang" toml:"lang"`
	Status   string   `yaml:"status" toml:"status"`
	Controls []string `yaml:"controls" toml:"controls"`
}

// readSite reads every document of the site in fsys (SPEC §3: every *.md
// outside themes/, static/ and folders starting with '.' or '_').
func readSite(t testing.TB, fsys fs.FS, cat *catalog.Catalog) []siteDocument {
	t.Helper()
	docs, err := readSiteFS(fsys, cat)
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

func readSiteFS(fsys fs.FS, cat *catalog.Catalog) ([]siteDocument, error) {
	var cfg struct {
		Language string `yaml:"language"`
	}
	if b, err := fs.ReadFile(fsys, "isms.yaml"); err != nil {
		return nil, err
	} else if err := yaml.Unmarshal(b, &cfg); err != nil {
		return nil, fmt.Errorf("isms.yaml: %v", err)
	}
	var docs []siteDocument
	err := fs.WalkDir(fsys, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := e.Name()
		if e.IsDir() {
			if p != "." && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || p == "themes" || p == "static") {
				return fs.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".md") || path.Dir(p) == "." && (name == "README.md" || name == "index.md") {
			return nil
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		d, err := readDocument(p, src, cfg.Language, cat)
		if err != nil {
			return err
		}
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(docs, func(a, b siteDocument) int { return strings.Compare(a.ID, b.ID) })
	return docs, nil
}

func readDocument(p string, src []byte, siteLang string, cat *catalog.Catalog) (siteDocument, error) {
	var fm testFrontMatter
	body, err := frontmatter.Parse(bytes.NewReader(src), &fm)
	if err != nil {
		return siteDocument{}, fmt.Errorf("%s: %v", p, err)
	}
	if !bytes.HasSuffix(src, body) {
		return siteDocument{}, fmt.Errorf("%s: body is not the end of the file", p)
	}
	firstLine := bytes.Count(src[:len(src)-len(body)], []byte("\n")) + 1
	d := siteDocument{Status: fm.Status}
	d.ID, d.Path, d.Title, d.Lang = fm.ID, p, fm.Title, fm.Lang
	if d.Lang == "" {
		d.Lang = siteLang
	}
	for _, id := range fm.Controls {
		if ctl, ok := cat.Control(id); ok {
			d.Controls = append(d.Controls, ctl.ID)
		} else if old, ok := cat.Control2013(id); ok {
			for _, s := range old.Successors {
				d.Controls = append(d.Controls, s.ID)
			}
		} else {
			return siteDocument{}, fmt.Errorf("%s: unknown control %q", p, id)
		}
	}
	slices.SortFunc(d.Controls, catalog.Compare)
	d.Controls = slices.Compact(d.Controls)
	d.Sections = markdownSections(body, firstLine)
	return d, nil
}

var markdown = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))

// wikiRef is a [[…]] reference; the pipeline writes its target and its
// own text, if any, into the plain text.
var wikiRef = regexp.MustCompile(`\[\[([^\]|]+)(?:\|([^\]]*))?\]\]`)

// markdownSections splits body (whose first line is line first of the
// file) at its headings into plain text, keeping line breaks.
func markdownSections(body []byte, first int) []Section {
	starts := []int{0}
	for i, c := range body {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	lineOf := func(off int) int {
		i, found := slices.BinarySearch(starts, off)
		if !found {
			i--
		}
		return first + i
	}
	var (
		sections []Section
		cur      = Section{Line: first}
		buf      strings.Builder
		line     = first
	)
	write := func(off int, s string) {
		if l := lineOf(off); l > line {
			buf.WriteString(strings.Repeat("\n", l-line))
			line = l
		}
		buf.WriteString(s)
		line += strings.Count(s, "\n")
	}
	flush := func() {
		cur.Text = wikiRef.ReplaceAllStringFunc(buf.String(), func(m string) string {
			sub := wikiRef.FindStringSubmatch(m)
			return strings.TrimSpace(sub[1] + " " + sub[2])
		})
		if cur.Heading != "" || strings.TrimSpace(cur.Text) != "" {
			sections = append(sections, cur)
		}
		buf.Reset()
	}
	doc := markdown.Parser().Parse(text.NewReader(body))
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			flush()
			var h strings.Builder
			headingLine := first
			if n.Lines().Len() > 0 {
				headingLine = lineOf(n.Lines().At(0).Start)
			}
			inlineText(n, body, &h)
			cur = Section{Heading: strings.TrimSpace(wikiRef.ReplaceAllString(h.String(), "$1 $2")), Anchor: slug(h.String()), Line: headingLine + 1}
			line = headingLine + 1
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			write(n.Segment.Start, string(n.Segment.Value(body)))
		case *ast.String:
			write(0, string(n.Value))
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				write(seg.Start, strings.TrimRight(string(seg.Value(body)), "\n"))
			}
			return ast.WalkSkipChildren, nil
		case *east.TableCell:
			buf.WriteByte(' ')
		case *ast.RawHTML, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	flush()
	return sections
}

// inlineText writes the text of n's inline children.
func inlineText(n ast.Node, src []byte, w *strings.Builder) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			w.Write(c.Segment.Value(src))
		case *ast.String:
			w.Write(c.Value)
		default:
			inlineText(c, src, w)
		}
	}
}

func slug(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || r > 127)
	}), "-")
}
