package model

import (
	"bytes"
	"errors"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/isms-project/isms/catalog"
	"github.com/isms-project/isms/internal/finding"
	"github.com/isms-project/isms/internal/markdown"
	"github.com/isms-project/isms/internal/tree"
)

// Document types, in the order lists show them.
var DocumentTypes = []string{"policy", "procedure", "standard", "guideline", "plan", "record"}

// Document statuses and classifications.
var (
	DocumentStatuses = []string{"draft", "review", "approved", "retired"}
	// Classifications, from the least to the most protected.
	Classifications = []string{"public", "internal", "confidential", "restricted"}
)

// Document is one Markdown file of the site: its front matter, its body
// rendered to HTML (with placeholders where references go; see body.go),
// and the findings made while reading it.
type Document struct {
	Path string // slash path relative to the site root

	ID, Title, Type, Summary string
	Owner, Approver          string
	Status, Version          string
	Approved, Effective      time.Time
	Review                   time.Time // when the next review is due
	Date                     time.Time // records: when the evidence was produced
	Classification, Lang     string
	Controls, Clauses        []Mention
	Related                  []Mention
	Attachments              []Attachment
	Tags                     []string

	Body *markdown.Body

	// Withheld: the document is classified above what the build
	// publishes (Config.MaxClassification). It counts for coverage, but a
	// build gives it no page and shows it by ID only (see Site.Redact).
	Withheld bool

	// Fingerprints, set by the build that reads the document: Sum of the
	// whole file (what the document's page shows), MetaSum of the front
	// matter and path (what lists of documents show).
	Sum, MetaSum uint64
	MetaEnd      int // byte offset where the body starts

	idAt, typeAt, reviewAt, statusAt finding.Loc
	Findings                         finding.Findings // found while reading the file
}

// Mention is an ID written in front matter, and where.
type Mention struct {
	ID string
	at finding.Loc
}

// Attachment is an entry of the attachments list: a file next to the
// document, or an address.
type Attachment struct {
	Title string
	File  string // site-relative slash path, when a file
	URL   string // when an address
	Size  int64  // bytes, filled in when the file is found
	at    finding.Loc
}

// Published reports whether the document is in a site built with or
// without drafts.
func (d *Document) Published(drafts bool) bool {
	return d.Status != "draft" || drafts
}

// Governing reports whether the document can make a control documented:
// an approved policy, procedure, standard, guideline or plan.
func (d *Document) Governing() bool {
	return d.Type != "record" && d.Status == "approved"
}

// frontMatter is the front matter found at the top of a document.
type frontMatter struct {
	root      *tree.Value
	err       error
	bodyStart int // byte offset of the body
	bodyLine  int // line of the file where the body starts
}

var errNoFrontMatter = errors.New("no front matter")

// splitFrontMatter finds the front matter as every reader of documents
// does (tree.FindFrontMatter) and parses it into a tree that keeps
// positions in the file.
func splitFrontMatter(src []byte) frontMatter {
	span, ok := tree.FindFrontMatter(src)
	if !ok {
		return frontMatter{err: errNoFrontMatter}
	}
	parse := tree.ParseYAML
	if span.TOML {
		parse = tree.ParseTOML
	}
	var fm frontMatter
	fm.root, fm.err = parse(src[span.Start:span.End], bytes.Count(src[:span.Start], []byte{'\n'})+1)
	fm.bodyStart = span.Body
	fm.bodyLine = bytes.Count(src[:fm.bodyStart], []byte{'\n'}) + 1
	return fm
}

// DocumentID is the id field of a document's front matter, read without
// the rest of the document: "" when it has none. The commands that only
// need to know which IDs a site uses (isms new, isms adopt) read this.
func DocumentID(src []byte) string {
	fm := splitFrontMatter(bytes.TrimPrefix(src, []byte("\uFEFF")))
	if fm.err != nil || fm.root.Kind != tree.Map {
		return ""
	}
	if id := fm.root.Get("id"); id != nil && id.Kind == tree.Scalar {
		return id.Text
	}
	return ""
}

var DocumentIDPattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9._-]*$`)

// readDocument reads one Markdown file: front matter, then body. Every
// problem is a finding on the returned document; the body is rendered even
// when the front matter is bad, so that its problems are reported too.
func ReadDocument(path string, src []byte, md *markdown.Renderer) *Document {
	d := &Document{Path: path}
	r := &finding.Report{Path: path}
	defer func() { d.Findings = append(d.Findings, r.Findings...) }()

	if !tree.CheckText(r, src) {
		return d
	}
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	if len(bytes.TrimSpace(src)) == 0 {
		r.Errorf(finding.FileStart, "empty document: a document needs front matter (id, title, type) and a body")
		return d
	}
	fm := splitFrontMatter(src)
	switch {
	case fm.err == errNoFrontMatter:
		first := strings.TrimSpace(string(firstLine(src)))
		if first == "---" || first == "+++" || first == "---yaml" || first == "---toml" {
			r.Errorf(tree.OffsetLoc(src, bytes.Index(src, []byte(first))), "unclosed front matter: no closing %s line", strings.TrimRight(first, "yamlto"))
		} else {
			r.Errorf(finding.FileStart, "no front matter: a document starts with a --- line, the fields id, title and type, and another --- line")
		}
		return d
	case fm.err != nil:
		var se *tree.SyntaxError
		if errors.As(fm.err, &se) {
			r.Errorf(se.At, "%s", se.Msg)
		}
	case fm.root.Kind != tree.Map:
		r.Errorf(fm.root.At, "front matter must be a mapping of fields, not %s", fm.root.Describe())
	default:
		tree.CheckDuplicateKeys(r, fm.root)
		d.decode(r, fm.root)
	}
	d.MetaEnd = fm.bodyStart
	d.Body = md.RenderDocument(d.Path, d.Lang, d.Title, src[fm.bodyStart:], fm.bodyLine, r)
	return d
}

func firstLine(src []byte) []byte {
	src = bytes.TrimLeft(src, "\r\n\t ")
	line, _, _ := bytes.Cut(src, []byte{'\n'})
	return line
}

func (d *Document) decode(r *finding.Report, root *tree.Value) {
	dec := tree.Decoder{R: r}
	for i, k := range root.Keys {
		v := root.Vals[i]
		switch k.Text {
		case "id":
			d.ID, d.idAt = strings.TrimSpace(dec.Text(k, v)), v.At
		case "title":
			d.Title = strings.TrimSpace(dec.Text(k, v))
		case "type":
			d.Type, d.typeAt = dec.Enum(k, v, DocumentTypes), v.At
		case "summary":
			d.Summary = strings.TrimSpace(dec.Text(k, v))
		case "owner":
			d.Owner = strings.TrimSpace(dec.Text(k, v))
		case "approver":
			d.Approver = strings.TrimSpace(dec.Text(k, v))
		case "status":
			d.Status, d.statusAt = dec.Enum(k, v, DocumentStatuses), v.At
		case "version":
			d.Version = strings.TrimSpace(dec.Text(k, v))
		case "approved":
			d.Approved = dec.Date(k, v)
		case "effective":
			d.Effective = dec.Date(k, v)
		case "review":
			d.Review, d.reviewAt = dec.Date(k, v), v.At
		case "date":
			d.Date = dec.Date(k, v)
		case "classification":
			d.Classification = dec.Enum(k, v, Classifications)
		case "lang":
			d.Lang = dec.Enum(k, v, documentLanguages)
		case "controls":
			d.Controls = mentions(dec.List(k, v))
		case "clauses":
			d.Clauses = mentions(dec.List(k, v))
		case "related":
			d.Related = mentions(dec.List(k, v))
		case "tags":
			for _, t := range dec.List(k, v) {
				if s := strings.TrimSpace(t.Text); s != "" {
					d.Tags = append(d.Tags, s)
				}
			}
		case "attachments":
			d.Attachments = d.decodeAttachments(dec, k, v)
		default:
			r.Warnf(k.At, "unknown front matter field %q (known: id, title, type, summary, owner, approver, status, version, approved, effective, review, date, classification, lang, controls, clauses, related, attachments, tags)", k.Text)
		}
	}
	switch {
	case root.Get("id") == nil:
		r.Errorf(finding.FileStart, "missing required field id")
	case d.ID == "":
		r.Errorf(d.idAt, "id is empty")
	case !DocumentIDPattern.MatchString(d.ID):
		r.Errorf(d.idAt, "invalid id %q: an id starts with a letter, then letters, digits, -, _ or .", d.ID)
		d.ID = ""
	case catalog.LooksLikeControlID(d.ID):
		r.Errorf(d.idAt, "invalid id %q: it looks like a control ID; choose a document ID such as POL-01", d.ID)
		d.ID = ""
	}
	if root.Get("title") == nil {
		r.Errorf(finding.FileStart, "missing required field title")
	} else if d.Title == "" {
		r.Errorf(root.Get("title").At, "title is empty")
	}
	if root.Get("type") == nil {
		r.Errorf(finding.FileStart, "missing required field type (one of: %s)", strings.Join(DocumentTypes, ", "))
	}
	if d.Status == "" {
		d.Status = "approved"
	}
}

func mentions(items []*tree.Value) []Mention {
	var out []Mention
	for _, item := range items {
		if s := strings.TrimSpace(item.Text); s != "" {
			out = append(out, Mention{ID: s, at: item.At})
		}
	}
	return out
}

func (d *Document) decodeAttachments(dec tree.Decoder, k, v *tree.Value) []Attachment {
	if v.Kind == tree.Null {
		return nil
	}
	if v.Kind != tree.List {
		dec.R.Errorf(v.At, "attachments must be a list of {title, file} or {title, url}, not %s", v.Describe())
		return nil
	}
	var out []Attachment
	for _, item := range v.Items {
		if item.Kind != tree.Map {
			dec.R.Errorf(item.At, "each attachment needs a title and a file or url, not %s", item.Describe())
			continue
		}
		a := Attachment{at: item.At}
		for i, ik := range item.Keys {
			iv := item.Vals[i]
			switch ik.Text {
			case "title":
				a.Title = strings.TrimSpace(dec.Text(ik, iv))
			case "file":
				a.File = strings.TrimSpace(dec.Text(ik, iv))
			case "url":
				a.URL = strings.TrimSpace(dec.Text(ik, iv))
			default:
				dec.R.Warnf(ik.At, "unknown attachment field %q (known: title, file, url)", ik.Text)
			}
		}
		switch {
		case a.File == "" && a.URL == "":
			dec.R.Errorf(item.At, "attachment needs a file (a path relative to the document) or a url")
			continue
		case a.File != "" && a.URL != "":
			dec.R.Errorf(item.At, "attachment has both file and url; give one")
			continue
		case a.URL != "" && markdown.IsScriptURL(a.URL):
			dec.R.Errorf(item.At, "attachment url uses a script scheme (%s), which is not allowed", a.URL)
			continue
		}
		if a.Title == "" {
			a.Title = a.File + a.URL
		}
		out = append(out, a)
	}
	return out
}

// Above reports whether a document classified class is above max, the
// highest classification published. A document without a classification
// counts as internal.
func Above(class, max string) bool {
	if class == "" {
		class = "internal"
	}
	return slices.Index(Classifications, class) > slices.Index(Classifications, max)
}
