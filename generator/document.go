package generator

import (
	"bytes"
	"errors"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/adrg/frontmatter"
	"github.com/isms-project/isms/catalog"
	"github.com/isms-project/isms/search"
)

// Document types, in the order lists show them.
var documentTypes = []string{"policy", "procedure", "standard", "guideline", "plan", "record"}

// Document statuses and classifications.
var (
	documentStatuses = []string{"draft", "review", "approved", "retired"}
	classifications  = []string{"public", "internal", "confidential", "restricted"}
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

	Body *Body

	index   *search.Analyzed // the search package's analysis, when the build has an index
	sum     uint64           // of the whole file: what the document's page shows
	metaSum uint64           // of the front matter and path: what lists of documents show
	metaEnd int              // byte offset where the body starts

	idAt, typeAt, reviewAt, statusAt loc
	findings                         Findings
}

// Mention is an ID written in front matter, and where.
type Mention struct {
	ID string
	at loc
}

// Attachment is an entry of the attachments list: a file next to the
// document, or an address.
type Attachment struct {
	Title string
	File  string // site-relative slash path, when a file
	URL   string // when an address
	Size  int64  // bytes, filled in when the file is found
	at    loc
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

// checkText reports a file that is not UTF-8 text, at its first bad byte.
func checkText(r *report, src []byte) bool {
	if i := bytes.IndexByte(src, 0); i >= 0 {
		r.errorf(offsetLoc(src, i), "binary file: a NUL byte at byte %d (documents must be UTF-8 text)", i)
		return false
	}
	if utf8.Valid(src) {
		return true
	}
	i := 0
	for i < len(src) {
		c, size := utf8.DecodeRune(src[i:])
		if c == utf8.RuneError && size <= 1 {
			break
		}
		i += size
	}
	r.errorf(offsetLoc(src, i), "invalid UTF-8 (byte 0x%02X at byte %d); save the file as UTF-8", src[i], i)
	return false
}

// offsetLoc turns a byte offset into a line and a column counted in characters.
func offsetLoc(src []byte, off int) loc {
	off = min(max(off, 0), len(src))
	line := bytes.Count(src[:off], []byte{'\n'}) + 1
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	col := utf8.RuneCount(src[start:off]) + 1
	return loc{line, col}
}

// frontMatter is the front matter found at the top of a document.
type frontMatter struct {
	root      *value
	err       error
	bodyStart int // byte offset of the body
	bodyLine  int // line of the file where the body starts
}

var errNoFrontMatter = errors.New("no front matter")

// splitFrontMatter finds the front matter with adrg/frontmatter and parses
// it into a tree that keeps positions in the file.
func splitFrontMatter(src []byte) frontMatter {
	// The line after the opening delimiter is where the front matter's own
	// line 1 sits in the file.
	first := 1
	for rest := src; ; {
		line, after, found := bytes.Cut(rest, []byte{'\n'})
		if len(bytes.TrimSpace(line)) != 0 || !found {
			break
		}
		first++
		rest = after
	}
	var fm frontMatter
	format := func(start, end string, parse func([]byte, int) (*value, error)) *frontmatter.Format {
		return frontmatter.NewFormat(start, end, func(data []byte, _ any) error {
			fm.root, fm.err = parse(data, first+1)
			return nil
		})
	}
	rest, err := frontmatter.MustParse(bytes.NewReader(src), nil,
		format("---", "---", parseYAML),
		format("---yaml", "---", parseYAML),
		format("+++", "+++", parseTOML),
		format("---toml", "---", parseTOML),
	)
	if err != nil {
		fm.err = errNoFrontMatter
		return fm
	}
	fm.bodyStart = len(src) - len(rest)
	fm.bodyLine = bytes.Count(src[:fm.bodyStart], []byte{'\n'}) + 1
	return fm
}

var documentIDPattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9._-]*$`)

// readDocument reads one Markdown file: front matter, then body. Every
// problem is a finding on the returned document; the body is rendered even
// when the front matter is bad, so that its problems are reported too.
func readDocument(path string, src []byte, md *markdown) *Document {
	d := &Document{Path: path}
	r := &report{path: path}
	defer func() { d.findings = append(d.findings, r.findings...) }()

	if !checkText(r, src) {
		return d
	}
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	if len(bytes.TrimSpace(src)) == 0 {
		r.errorf(fileStart, "empty document: a document needs front matter (id, title, type) and a body")
		return d
	}
	fm := splitFrontMatter(src)
	switch {
	case fm.err == errNoFrontMatter:
		first := strings.TrimSpace(string(firstLine(src)))
		if first == "---" || first == "+++" || first == "---yaml" || first == "---toml" {
			r.errorf(offsetLoc(src, bytes.Index(src, []byte(first))), "unclosed front matter: no closing %s line", strings.TrimRight(first, "yamlto"))
		} else {
			r.errorf(fileStart, "no front matter: a document starts with a --- line, the fields id, title and type, and another --- line")
		}
		return d
	case fm.err != nil:
		var se *syntaxError
		if errors.As(fm.err, &se) {
			r.errorf(se.at, "%s", se.msg)
		}
	case fm.root.kind != mapValue:
		r.errorf(fm.root.at, "front matter must be a mapping of fields, not %s", fm.root.describe())
	default:
		checkDuplicateKeys(r, fm.root)
		d.decode(r, fm.root)
	}
	d.metaEnd = fm.bodyStart
	d.Body = md.render(d, src[fm.bodyStart:], fm.bodyLine, r)
	return d
}

func firstLine(src []byte) []byte {
	src = bytes.TrimLeft(src, "\r\n\t ")
	line, _, _ := bytes.Cut(src, []byte{'\n'})
	return line
}

func (d *Document) decode(r *report, root *value) {
	dec := fieldDecoder{r: r}
	for i, k := range root.keys {
		v := root.vals[i]
		switch k.text {
		case "id":
			d.ID, d.idAt = strings.TrimSpace(dec.text(k, v)), v.at
		case "title":
			d.Title = strings.TrimSpace(dec.text(k, v))
		case "type":
			d.Type, d.typeAt = dec.enum(k, v, documentTypes), v.at
		case "summary":
			d.Summary = strings.TrimSpace(dec.text(k, v))
		case "owner":
			d.Owner = strings.TrimSpace(dec.text(k, v))
		case "approver":
			d.Approver = strings.TrimSpace(dec.text(k, v))
		case "status":
			d.Status, d.statusAt = dec.enum(k, v, documentStatuses), v.at
		case "version":
			d.Version = strings.TrimSpace(dec.text(k, v))
		case "approved":
			d.Approved = dec.date(k, v)
		case "effective":
			d.Effective = dec.date(k, v)
		case "review":
			d.Review, d.reviewAt = dec.date(k, v), v.at
		case "date":
			d.Date = dec.date(k, v)
		case "classification":
			d.Classification = dec.enum(k, v, classifications)
		case "lang":
			d.Lang = dec.enum(k, v, documentLanguages)
		case "controls":
			d.Controls = mentions(dec.list(k, v))
		case "clauses":
			d.Clauses = mentions(dec.list(k, v))
		case "related":
			d.Related = mentions(dec.list(k, v))
		case "tags":
			for _, t := range dec.list(k, v) {
				if s := strings.TrimSpace(t.text); s != "" {
					d.Tags = append(d.Tags, s)
				}
			}
		case "attachments":
			d.Attachments = d.decodeAttachments(dec, k, v)
		default:
			r.warnf(k.at, "unknown front matter field %q (known: id, title, type, summary, owner, approver, status, version, approved, effective, review, date, classification, lang, controls, clauses, related, attachments, tags)", k.text)
		}
	}
	switch {
	case root.get("id") == nil:
		r.errorf(fileStart, "missing required field id")
	case d.ID == "":
		r.errorf(d.idAt, "id is empty")
	case !documentIDPattern.MatchString(d.ID):
		r.errorf(d.idAt, "invalid id %q: an id starts with a letter, then letters, digits, -, _ or .", d.ID)
		d.ID = ""
	case catalog.LooksLikeControlID(d.ID):
		r.errorf(d.idAt, "invalid id %q: it looks like a control ID; choose a document ID such as POL-01", d.ID)
		d.ID = ""
	}
	if root.get("title") == nil {
		r.errorf(fileStart, "missing required field title")
	} else if d.Title == "" {
		r.errorf(root.get("title").at, "title is empty")
	}
	if root.get("type") == nil {
		r.errorf(fileStart, "missing required field type (one of: %s)", strings.Join(documentTypes, ", "))
	}
	if d.Status == "" {
		d.Status = "approved"
	}
}

func mentions(items []*value) []Mention {
	var out []Mention
	for _, item := range items {
		if s := strings.TrimSpace(item.text); s != "" {
			out = append(out, Mention{ID: s, at: item.at})
		}
	}
	return out
}

func (d *Document) decodeAttachments(dec fieldDecoder, k, v *value) []Attachment {
	if v.kind == nullValue {
		return nil
	}
	if v.kind != listValue {
		dec.r.errorf(v.at, "attachments must be a list of {title, file} or {title, url}, not %s", v.describe())
		return nil
	}
	var out []Attachment
	for _, item := range v.items {
		if item.kind != mapValue {
			dec.r.errorf(item.at, "each attachment needs a title and a file or url, not %s", item.describe())
			continue
		}
		a := Attachment{at: item.at}
		for i, ik := range item.keys {
			iv := item.vals[i]
			switch ik.text {
			case "title":
				a.Title = strings.TrimSpace(dec.text(ik, iv))
			case "file":
				a.File = strings.TrimSpace(dec.text(ik, iv))
			case "url":
				a.URL = strings.TrimSpace(dec.text(ik, iv))
			default:
				dec.r.warnf(ik.at, "unknown attachment field %q (known: title, file, url)", ik.text)
			}
		}
		switch {
		case a.File == "" && a.URL == "":
			dec.r.errorf(item.at, "attachment needs a file (a path relative to the document) or a url")
			continue
		case a.File != "" && a.URL != "":
			dec.r.errorf(item.at, "attachment has both file and url; give one")
			continue
		case a.URL != "" && isScriptURL(a.URL):
			dec.r.errorf(item.at, "attachment url uses a script scheme (%s), which is not allowed", a.URL)
			continue
		}
		if a.Title == "" {
			a.Title = a.File + a.URL
		}
		out = append(out, a)
	}
	return out
}

// isScriptURL reports whether a link would run a script when followed.
func isScriptURL(u string) bool {
	u = strings.ToLower(strings.TrimLeftFunc(u, func(r rune) bool { return r <= ' ' }))
	u = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, u)
	return strings.HasPrefix(u, "javascript:") || strings.HasPrefix(u, "vbscript:")
}
