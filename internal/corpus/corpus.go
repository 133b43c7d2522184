// Package corpus generates realistic, deterministic ISMS sites for
// benchmarks: `make bench`, the Go benchmarks of the pipeline and of search,
// and the side-by-side comparison with Hugo and Pagefind on the same
// documents.
//
// A site is a fictional Norwegian group of companies (Nordlys Konsern AS)
// with Options.Docs documents — policies, procedures, standards,
// guidelines, plans and records, about 80 % in Norwegian bokmål and 20 % in
// English — plus isms.yaml and soa.yaml. Every document has valid front
// matter (SPEC §4) and a 6–10 KB body of ISMS prose built from inflected
// domain vocabularies with Zipf-like word frequencies, headings, lists,
// tables, emphasis, code spans, external links and [[…]] references
// (SPEC §5) whose targets all exist and are never drafts. A generated site
// checks without errors; built on Today, its only warnings are the few
// overdue reviews a maintained ISMS has.
//
// The same Options give byte-identical output: all randomness comes from PCG
// sources seeded from Options.Seed (one for the site plan, one per
// document), so documents can be generated on several cores in any order.
//
// Files returns the site in memory (for fstest.MapFS, see FS); Write puts
// it on disk. With Options.Hugo both also produce a minimal Hugo site under
// _hugo/ that mounts the same Markdown, for the comparison benchmark; isms
// ignores folders whose names start with "_".
package corpus

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing/fstest"
)

// Options say which site to generate. The zero value is a valid, empty site
// (isms.yaml and soa.yaml only).
type Options struct {
	Docs int   // number of documents
	Seed int64 // same Seed and Docs give a byte-identical site
	Hugo bool  // also write a Hugo peer site under _hugo/ (see HugoDir)
	// Risks, when not 0, is the number of risks of a risks.yaml register
	// written with the site.
	Risks int
}

// Today is the date a generated ISMS is current on. Build it with
// `isms build --today` Today (or the matching SOURCE_DATE_EPOCH): then about
// 5 % of the reviews are overdue, a few fall due within 30 days and nine in
// ten records are less than a year old, as in a maintained ISMS.
const Today = "2025-12-31"

const todayDay = 730 // Today in days since 2024-01-01

// HugoDir is the folder, relative to the site root, that holds the Hugo
// peer site when Options.Hugo is set: run `hugo` inside it.
const HugoDir = "_hugo"

// Files returns the whole site: slash-separated paths relative to the site
// root mapped to file contents. Documents are generated on all cores.
func Files(opts Options) map[string][]byte {
	c := newCorpus(opts)
	files := make(map[string][]byte, len(c.docs)+8)
	maps.Copy(files, c.extraFiles())
	docs := make([][]byte, len(c.docs))
	c.parallel(func(next func() (int, bool)) error {
		var buf, arena []byte
		for i, ok := next(); ok; i, ok = next() {
			buf = c.appendDocument(buf[:0], i)
			if len(arena) < len(buf) {
				arena = make([]byte, max(1<<20, len(buf)))
			}
			docs[i] = arena[:len(buf):len(buf)]
			copy(docs[i], buf)
			arena = arena[len(buf):]
		}
		return nil
	})
	for i := range c.docs {
		files[c.docs[i].path] = docs[i]
	}
	return files
}

// FS returns Files as an in-memory file system.
func FS(opts Options) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, data := range Files(opts) {
		fsys[name] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return fsys
}

// Write writes the site into dir, which is created if missing and must be
// empty if it exists. Documents are generated and written on all cores
// without holding the whole site in memory.
func Write(dir string, opts Options) error {
	if err := emptyDir(dir); err != nil {
		return err
	}
	c := newCorpus(opts)
	extra := c.extraFiles()
	dirs := map[string]bool{}
	for name := range extra {
		dirs[path.Dir(name)] = true
	}
	for i := range c.docs {
		dirs[path.Dir(c.docs[i].path)] = true
	}
	for _, d := range slices.Sorted(maps.Keys(dirs)) {
		if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(d)), 0o755); err != nil {
			return err
		}
	}
	for _, name := range slices.Sorted(maps.Keys(extra)) {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), extra[name], 0o644); err != nil {
			return err
		}
	}
	return c.parallel(func(next func() (int, bool)) error {
		var buf []byte
		for i, ok := next(); ok; i, ok = next() {
			buf = c.appendDocument(buf[:0], i)
			name := filepath.Join(dir, filepath.FromSlash(c.docs[i].path))
			if err := os.WriteFile(name, buf, 0o644); err != nil {
				return err
			}
		}
		return nil
	})
}

// emptyDir creates dir or checks that it is an empty directory.
func emptyDir(dir string) error {
	f, err := os.Open(dir)
	if errors.Is(err, os.ErrNotExist) {
		return os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return err
	}
	defer f.Close()
	names, err := f.Readdirnames(1)
	if err != nil && err != io.EOF {
		return fmt.Errorf("corpus: %s is not a directory: %w", dir, err)
	}
	if len(names) > 0 {
		return fmt.Errorf("corpus: %s is not empty; the corpus is written into a new or empty folder", dir)
	}
	return nil
}

// parallel runs work on GOMAXPROCS goroutines; next hands out document
// indices. It returns the first error.
func (c *corpus) parallel(work func(next func() (int, bool)) error) error {
	var counter atomic.Int64
	var failed atomic.Bool
	next := func() (int, bool) {
		if failed.Load() {
			return 0, false
		}
		i := int(counter.Add(1) - 1)
		return i, i < len(c.docs)
	}
	workers := min(runtime.GOMAXPROCS(0), max(1, len(c.docs)/64))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			if errs[w] = work(next); errs[w] != nil {
				failed.Store(true)
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// ---- the site plan ----

const (
	approved uint8 = iota
	draft
	retired
)

var statusNames = [...]string{"approved", "draft", "retired"}

var classifications = [...]string{"internal", "public", "confidential", "restricted"}

// typeShare is the percentage of each document type.
var typeShare = [numTypes]int{15, 30, 15, 10, 5, 25}

// docPlan is everything about a document that other documents depend on
// (its ID, type, status, topic, path) or that must be decided in one
// sequential pass; the text is generated later, per document.
type docPlan struct {
	typ                               docType
	lang                              uint8 // 0 nb, 1 en
	status                            uint8
	topic                             uint8
	qual                              uint8
	kind                              uint8 // record kind
	owner, approver                   uint8
	class                             uint8
	major, minor                      uint8
	nControls, nClause                uint8
	nRelated                          uint8
	controls                          [5]uint8
	clauses                           [3]uint8
	approved, effective, review, date int16 // days since 2024-01-01
	related                           [3]int32
	path                              string
}

type corpus struct {
	opts    Options
	m       *model
	width   int // digits in document IDs
	docs    []docPlan
	pool    []int32   // documents that may be linked to: not drafts
	byTopic [][]int32 // pool by topic
	byType  [numTypes][]int32
	ctlPool []uint8 // applicable controls
}

func newCorpus(opts Options) *corpus {
	m := theModel()
	n := max(opts.Docs, 0)
	c := &corpus{opts: opts, m: m, width: max(5, len(strconv.Itoa(n))), docs: make([]docPlan, n)}
	for i, id := range m.controls {
		if !slices.Contains(excludedControls, id) {
			c.ctlPool = append(c.ctlPool, uint8(i))
		}
	}
	r := newRand(opts.Seed, 0x27001)

	// Types in exact proportions, shuffled.
	types := make([]docType, 0, n)
	for t := range numTypes {
		for range n * typeShare[t] / 100 {
			types = append(types, t)
		}
	}
	for len(types) < n {
		types = append(types, procedure)
	}
	for i := len(types) - 1; i > 0; i-- {
		j := intn(r, i+1)
		types[i], types[j] = types[j], types[i]
	}

	topicDist := newAlias(zipf(len(m.topics), 8, 0.7))
	c.byTopic = make([][]int32, len(m.topics))
	for i := range c.docs {
		d := &c.docs[i]
		d.typ = types[i]
		if chance(r, 200) {
			d.lang = 1
		}
		switch x := intn(r, 1000); {
		case x < 20:
			d.status = draft
		case x < 30:
			d.status = retired
		}
		d.topic = uint8(topicDist.sample(r))
		d.qual = uint8(intn(r, len(m.nb.qualifiers)))
		d.kind = uint8(intn(r, len(m.nb.recordKinds)))
		d.owner = uint8(intn(r, len(m.owners)))
		d.approver = uint8(intn(r, len(m.approver)))
		switch x := intn(r, 100); {
		case x < 60:
			d.class = 0
		case x < 70:
			d.class = 1
		case x < 95:
			d.class = 2
		default:
			d.class = 3
		}
		d.major, d.minor = uint8(1+intn(r, 4)), uint8(intn(r, 10))
		c.planDates(r, d)
		c.planControls(r, d)
		if d.status != draft {
			c.pool = append(c.pool, int32(i))
			c.byTopic[d.topic] = append(c.byTopic[d.topic], int32(i))
			c.byType[d.typ] = append(c.byType[d.typ], int32(i))
		}
	}
	for i := range c.docs {
		c.planRelated(r, i)
	}
	c.planPaths()
	return c
}

// newRand returns the PCG source for one stream of a seed: stream 0x27001 is
// the site plan, stream i+1 document i.
func newRand(seed int64, stream uint64) *rand.PCG {
	return rand.NewPCG(uint64(seed)^0x9e3779b97f4a7c15, stream)
}

// planDates dates a document as in a maintained ISMS on Today: documents
// were approved within their review cycle (one year, two for policies and
// some others), about 8 % of the yearly ones are overdue; records are from
// the last year, a few older. All dates fall in 2024–2027.
func (c *corpus) planDates(r *rand.PCG, d *docPlan) {
	if d.typ == record {
		age := intn(r, 365)
		if chance(r, 100) {
			age = 365 + intn(r, 300)
		}
		d.date = int16(todayDay - age)
		d.approved = int16(min(int(d.date)+intn(r, 14), todayDay))
		return
	}
	cycle := 365
	if d.typ == policy || chance(r, 300) {
		cycle = 730
	}
	age := intn(r, cycle)
	if cycle == 365 && chance(r, 80) {
		age = 366 + intn(r, 300)
	}
	d.approved = int16(todayDay - age)
	d.effective = d.approved + int16(intn(r, 31))
	d.review = d.approved + int16(cycle)
}

// planControls picks 1–5 controls (1–3 for records), the topic's own first,
// and 0–3 clauses (policies and plans cite more).
func (c *corpus) planControls(r *rand.PCG, d *docPlan) {
	t := &c.m.topics[d.topic]
	want := 1 + intn(r, 5)
	if d.typ == record {
		want = 1 + intn(r, 3)
	}
	pick := func(list []uint8, have []uint8, n int) []uint8 {
		// Start at a random offset so documents on one topic differ.
		off := intn(r, len(list)+1)
		for k := range list {
			if len(have) == n {
				break
			}
			x := list[(k+off)%len(list)]
			if !slices.Contains(have, x) {
				have = append(have, x)
			}
		}
		return have
	}
	var ctl []uint8
	for _, x := range t.controls {
		if slices.Contains(c.ctlPool, x) {
			ctl = append(ctl, x)
		}
	}
	got := pick(ctl, d.controls[:0], want)
	for len(got) < want {
		x := c.ctlPool[intn(r, len(c.ctlPool))]
		if !slices.Contains(got, x) {
			got = append(got, x)
		}
	}
	d.nControls = uint8(len(got))

	var nClauses int
	switch d.typ {
	case policy, plan:
		nClauses = intn(r, 4)
	case record:
		nClauses = intn(r, 2)
	default:
		nClauses = []int{0, 0, 1, 1, 2}[intn(r, 5)]
	}
	cl := pick(t.clauses, d.clauses[:0], nClauses)
	for len(cl) < nClauses {
		x := uint8(intn(r, len(c.m.clauses)))
		if !slices.Contains(cl, x) {
			cl = append(cl, x)
		}
	}
	d.nClause = uint8(len(cl))
}

// linkTarget picks a document that i may link to: often one on the same
// topic, otherwise any published one; -1 if there is none.
func (c *corpus) linkTarget(r *rand.PCG, i int) int {
	d := &c.docs[i]
	for try := 0; try < 8; try++ {
		var list []int32
		switch x := intn(r, 10); {
		case x < 5:
			list = c.byTopic[d.topic]
		case x < 7 && d.typ != policy:
			list = c.byType[policy]
		default:
			list = c.pool
		}
		if len(list) == 0 {
			continue
		}
		if j := int(list[intn(r, len(list))]); j != i {
			return j
		}
	}
	return -1
}

func (c *corpus) planRelated(r *rand.PCG, i int) {
	d := &c.docs[i]
	n := intn(r, 4)
	for range n {
		j := c.linkTarget(r, i)
		if j < 0 || slices.Contains(d.related[:d.nRelated], int32(j)) {
			continue
		}
		d.related[d.nRelated] = int32(j)
		d.nRelated++
	}
}

// maxPerDir bounds the files in one folder; larger groups are split into
// numbered sub-folders of about splitSize files.
const (
	maxPerDir = 250
	splitSize = 200
)

// planPaths puts documents in folders by type and organisational unit
// (records by year and month) and names files after their ID and title.
func (c *corpus) planPaths() {
	groups := map[string][]int{}
	var keys []string
	for i := range c.docs {
		d := &c.docs[i]
		var dir string
		if d.typ == record {
			date := c.m.dates[d.date]
			dir = typeDirs[record] + "/" + date[:4] + "/" + date[5:7]
		} else {
			dir = typeDirs[d.typ] + "/" + slug(c.m.nb.qualifiers[d.qual], 40)
		}
		if _, ok := groups[dir]; !ok {
			keys = append(keys, dir)
		}
		groups[dir] = append(groups[dir], i)
	}
	var buf []byte
	for _, dir := range keys {
		members := groups[dir]
		parts := 1
		if len(members) > maxPerDir {
			parts = (len(members) + splitSize - 1) / splitSize
		}
		per := (len(members) + parts - 1) / parts
		for k, i := range members {
			sub := dir
			if parts > 1 {
				sub = fmt.Sprintf("%s/%02d", dir, k/per+1)
			}
			buf = append(append(buf[:0], sub...), '/')
			c.docs[i].path = string(c.fileName(buf, i))
		}
	}
}

// fileName is "doc-00042-prosedyre-for-tilgangsgjennomgang.md".
func (c *corpus) fileName(buf []byte, i int) []byte {
	d := &c.docs[i]
	l := c.lang(d)
	n := len(buf)
	buf = c.appendID(buf, i)
	copy(buf[n:], "doc-")
	buf = append(buf, '-')
	start := len(buf)
	switch {
	case d.typ == record:
		buf = appendSlug(buf, l.recordKinds[d.kind], start)
		buf = appendSlug(buf, l.topics[d.topic].sg, start)
		buf = appendSlug(buf, c.period(d), start)
	case l.code == "nb":
		buf = appendSlug(buf, l.typeTitle[d.typ], start)
		buf = appendSlug(buf, "for", start)
		buf = appendSlug(buf, l.topics[d.topic].sg, start)
	default:
		buf = appendSlug(buf, l.topics[d.topic].sg, start)
		buf = appendSlug(buf, l.typeTitle[d.typ], start)
	}
	if len(buf)-start > 60 {
		k := start + 60
		for k > start && buf[k] != '-' {
			k--
		}
		buf = buf[:k]
	}
	return append(buf, ".md"...)
}

func (c *corpus) lang(d *docPlan) *language {
	if d.lang == 1 {
		return c.m.en
	}
	return c.m.nb
}

// period is a record's quarter: "2025-Q3" in Norwegian, "2025 Q3" in English.
func (c *corpus) period(d *docPlan) string {
	date := c.m.dates[d.date]
	q := string(rune('1' + (int(date[5]-'0')*10+int(date[6]-'0')-1)/3))
	if d.lang == 1 {
		return date[:4] + " Q" + q
	}
	return date[:4] + "-Q" + q
}

func (c *corpus) appendID(b []byte, i int) []byte {
	b = append(b, "DOC-"...)
	n := strconv.Itoa(i + 1)
	for k := len(n); k < c.width; k++ {
		b = append(b, '0')
	}
	return append(b, n...)
}

// appendSlug appends s as a lower-case ASCII slug, words joined by "-"
// (also to what is already in b after start).
func appendSlug(b []byte, s string, start int) []byte {
	dash := len(b) > start
	for _, r := range s {
		var rep string
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b = appendDash(b, &dash)
			b = append(b, byte(r))
			continue
		case r >= 'A' && r <= 'Z':
			b = appendDash(b, &dash)
			b = append(b, byte(r-'A'+'a'))
			continue
		case r == 'æ' || r == 'Æ':
			rep = "ae"
		case r == 'ø' || r == 'Ø':
			rep = "o"
		case r == 'å' || r == 'Å':
			rep = "a"
		default:
			if len(b) > start {
				dash = true
			}
			continue
		}
		b = appendDash(b, &dash)
		b = append(b, rep...)
	}
	return b
}

func appendDash(b []byte, dash *bool) []byte {
	if *dash {
		*dash = false
		return append(b, '-')
	}
	return b
}

// slug turns a title into a file-name-safe, lower-case ASCII slug of at
// most maxLen bytes, cut at a hyphen.
func slug(s string, maxLen int) string {
	b := appendSlug(nil, s, 0)
	if len(b) > maxLen {
		k := maxLen
		for k > 0 && b[k] != '-' {
			k--
		}
		b = b[:k]
	}
	return string(b)
}
