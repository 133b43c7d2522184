package corpus

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// frontMatter is a minimal parser for the front matter this package writes:
// one "key: value" per line, values plain, "quoted" or [a, "b"] lists.
type frontMatter map[string][]string

func parseDocument(t *testing.T, name string, data []byte) (frontMatter, []byte) {
	t.Helper()
	s := string(data)
	if !strings.HasPrefix(s, "---\n") {
		t.Fatalf("%s: no front matter", name)
	}
	head, body, ok := strings.Cut(s[4:], "\n---\n")
	if !ok {
		t.Fatalf("%s: unclosed front matter", name)
	}
	fm := frontMatter{}
	for _, line := range strings.Split(head, "\n") {
		key, val, ok := strings.Cut(line, ": ")
		if !ok {
			t.Fatalf("%s: bad front matter line %q", name, line)
		}
		if _, dup := fm[key]; dup {
			t.Fatalf("%s: duplicate key %q", name, key)
		}
		var vals []string
		if strings.HasPrefix(val, "[") {
			if !strings.HasSuffix(val, "]") {
				t.Fatalf("%s: unclosed list %q", name, line)
			}
			for _, v := range strings.Split(val[1:len(val)-1], ", ") {
				vals = append(vals, unquote(t, name, v))
			}
		} else {
			vals = []string{unquote(t, name, val)}
		}
		fm[key] = vals
	}
	return fm, []byte(body)
}

func unquote(t *testing.T, name, v string) string {
	t.Helper()
	if strings.HasPrefix(v, `"`) {
		if len(v) < 2 || !strings.HasSuffix(v, `"`) || strings.ContainsAny(v[1:len(v)-1], `"\`) {
			t.Fatalf("%s: bad quoted value %s", name, v)
		}
		return v[1 : len(v)-1]
	}
	if v == "" || strings.ContainsAny(v, `"'#&*!|>%@{}[],`) || strings.HasPrefix(v, "- ") {
		t.Fatalf("%s: plain value %q needs quoting in YAML", name, v)
	}
	return v
}

func (fm frontMatter) one(key string) string {
	if v := fm[key]; len(v) == 1 {
		return v[0]
	}
	return ""
}

var (
	refRE      = regexp.MustCompile(`\[\[([^\]|]+)(\|[^\]]*)?\]\]`)
	control13  = regexp.MustCompile(`\bA\.\d+\.\d+`)
	idRE       = regexp.MustCompile(`^DOC-\d{5,}$`)
	headingRE  = regexp.MustCompile(`(?m)^(#{1,6}) \S`)
	wordRE     = regexp.MustCompile(`\pL[\pL-]*`)
	validTypes = []string{"policy", "procedure", "standard", "guideline", "plan", "record"}
)

func TestSite(t *testing.T) {
	const n = 3000
	files := Files(Options{Docs: n, Seed: 7})
	m := theModel()
	controls := m.controls
	clauses := m.clauses

	if _, ok := files["isms.yaml"]; !ok {
		t.Fatal("no isms.yaml")
	}
	if _, ok := files["soa.yaml"]; !ok {
		t.Fatal("no soa.yaml")
	}
	type doc struct {
		name string
		fm   frontMatter
		body []byte
	}
	docs := map[string]doc{}
	perDir := map[string]int{}
	typeCount := map[string]int{}
	langCount := map[string]int{}
	statusCount := map[string]int{}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if !strings.HasSuffix(name, ".md") {
			continue
		}
		perDir[path.Dir(name)]++
		fm, body := parseDocument(t, name, files[name])
		for _, key := range []string{"id", "title", "type", "summary", "owner", "approver", "status", "version", "approved", "classification", "lang", "controls", "tags"} {
			if len(fm[key]) == 0 {
				t.Fatalf("%s: missing %s", name, key)
			}
		}
		id := fm.one("id")
		if !idRE.MatchString(id) {
			t.Fatalf("%s: bad id %q", name, id)
		}
		if !strings.HasPrefix(path.Base(name), strings.ToLower(id)+"-") {
			t.Errorf("%s: file name does not start with the ID", name)
		}
		if _, dup := docs[id]; dup {
			t.Fatalf("%s: duplicate id %s", name, id)
		}
		typ := fm.one("type")
		if !slices.Contains(validTypes, typ) {
			t.Fatalf("%s: bad type %q", name, typ)
		}
		if dir := typeDirs[slices.Index(validTypes, typ)]; !strings.HasPrefix(name, dir+"/") {
			t.Errorf("%s: a %s outside %s/", name, typ, dir)
		}
		typeCount[typ]++
		langCount[fm.one("lang")]++
		statusCount[fm.one("status")]++
		dateKeys := []string{"approved", "effective", "review"}
		if typ == "record" {
			dateKeys = []string{"approved", "date"}
		}
		for _, k := range dateKeys {
			d, err := time.Parse("2006-01-02", fm.one(k))
			if err != nil {
				t.Fatalf("%s: %s: %v", name, k, err)
			}
			if d.Year() < 2024 || d.Year() > 2027 {
				t.Errorf("%s: %s %s outside 2024–2027", name, k, fm.one(k))
			}
		}
		if typ != "record" && fm.one("review") <= fm.one("approved") {
			t.Errorf("%s: review %s not after approval %s", name, fm.one("review"), fm.one("approved"))
		}
		if c := fm["controls"]; len(c) < 1 || len(c) > 5 {
			t.Errorf("%s: %d controls", name, len(c))
		}
		for _, c := range fm["controls"] {
			if !slices.Contains(controls, c) || slices.Contains(excludedControls, c) {
				t.Errorf("%s: bad control %q", name, c)
			}
		}
		if len(fm["clauses"]) > 3 {
			t.Errorf("%s: %d clauses", name, len(fm["clauses"]))
		}
		for _, c := range fm["clauses"] {
			if !slices.Contains(clauses, c) {
				t.Errorf("%s: bad clause %q", name, c)
			}
		}
		if !strings.HasSuffix(fm.one("title"), " "+strings.TrimLeft(id[4:], "0")) {
			t.Errorf("%s: title %q does not end in the document number", name, fm.one("title"))
		}
		if size := len(body); size < 6<<10 || size > 10<<10 {
			t.Errorf("%s: body is %d bytes", name, size)
		}
		if h := len(headingRE.FindAll(body, -1)); h < 3 || h > 8 {
			t.Errorf("%s: %d headings", name, h)
		}
		if !utf8.Valid(files[name]) {
			t.Errorf("%s: not UTF-8", name)
		}
		if control13.Match(files[name]) {
			t.Errorf("%s: mentions a 2013 control ID", name)
		}
		if bytes.Contains(files[name], []byte("<")) {
			t.Errorf("%s: contains raw HTML", name)
		}
		docs[id] = doc{name, fm, body}
	}
	if len(docs) != n {
		t.Fatalf("%d documents, want %d", len(docs), n)
	}
	for dir, k := range perDir {
		if k > maxPerDir {
			t.Errorf("%s holds %d files", dir, k)
		}
	}
	for i, typ := range validTypes {
		want := n * typeShare[i] / 100
		if got := typeCount[typ]; got < want || got > want+numTypesInt {
			t.Errorf("%d %s documents, want %d", got, typ, want)
		}
	}
	if en := langCount["en"]; en < n*16/100 || en > n*24/100 {
		t.Errorf("%d English documents of %d, want about 20 %%", en, n)
	}
	if d := statusCount["draft"]; d < n/100 || d > n*3/100 {
		t.Errorf("%d drafts of %d, want about 2 %%", d, n)
	}
	if r := statusCount["retired"]; r < n/300 || r > n*2/100 {
		t.Errorf("%d retired of %d, want about 1 %%", r, n)
	}
	if statusCount["approved"]+statusCount["draft"]+statusCount["retired"] != n {
		t.Errorf("unexpected status: %v", statusCount)
	}

	overdue, dueSoon, reviewed, freshEvidence, records := 0, 0, 0, 0, 0
	today, _ := time.Parse("2006-01-02", Today)
	for _, d := range docs {
		if d.fm.one("type") == "record" {
			records++
			if date, _ := time.Parse("2006-01-02", d.fm.one("date")); today.Sub(date) <= 365*24*time.Hour && !date.After(today) {
				freshEvidence++
			}
			continue
		}
		reviewed++
		switch review := d.fm.one("review"); {
		case review < Today:
			overdue++
		case review <= today.AddDate(0, 0, 30).Format("2006-01-02"):
			dueSoon++
		}
	}
	if overdue < reviewed*2/100 || overdue > reviewed*10/100 || dueSoon == 0 || dueSoon > reviewed/10 {
		t.Errorf("on %s: %d of %d reviews overdue, %d due within 30 days", Today, overdue, reviewed, dueSoon)
	}
	if freshEvidence < records*85/100 || freshEvidence == records {
		t.Errorf("on %s: %d of %d records less than a year old", Today, freshEvidence, records)
	}

	published := func(id string) bool {
		d, ok := docs[id]
		return ok && d.fm.one("status") != "draft"
	}
	var refs, docRefs, ownText, tables, codeSpans, links int
	for id, d := range docs {
		if r := d.fm["related"]; len(r) > 3 {
			t.Errorf("%s: %d related", d.name, len(r))
		}
		for _, rel := range d.fm["related"] {
			if rel == id || !published(rel) {
				t.Errorf("%s: related %s is itself, missing or a draft", d.name, rel)
			}
		}
		found := refRE.FindAllSubmatch(d.body, -1)
		if len(found) < 1 || len(found) > 6 {
			t.Errorf("%s: %d body references", d.name, len(found))
		}
		for _, f := range found {
			target := string(f[1])
			refs++
			switch {
			case strings.HasPrefix(target, "clause:"):
				if !slices.Contains(clauses, target[len("clause:"):]) {
					t.Errorf("%s: bad clause reference %s", d.name, f[0])
				}
			case strings.HasPrefix(target, "DOC-"):
				docRefs++
				if len(f[2]) > 0 {
					ownText++
				}
				if target == id || !published(target) {
					t.Errorf("%s: reference %s to itself, a missing document or a draft", d.name, f[0])
				}
			default:
				if !slices.Contains(controls, target) || slices.Contains(excludedControls, target) {
					t.Errorf("%s: bad control reference %s", d.name, f[0])
				}
			}
		}
		if bytes.Contains(d.body, []byte("\n|---")) {
			tables++
		}
		if bytes.Contains(d.body, []byte("`")) {
			codeSpans++
		}
		if bytes.Contains(d.body, []byte("](https://")) {
			links++
		}
		if strings.Count(string(d.body), "[[") != len(found) {
			t.Errorf("%s: stray [[", d.name)
		}
	}
	if docRefs == 0 || ownText == 0 || refs < n*2 {
		t.Errorf("%d references, %d to documents, %d with own text", refs, docRefs, ownText)
	}
	for what, k := range map[string]int{"tables": tables, "code spans": codeSpans, "links": links} {
		if k < n/20 || k > n/2 {
			t.Errorf("%d documents with %s of %d", k, what, n)
		}
	}
}

const numTypesInt = int(numTypes)

func TestDeterministic(t *testing.T) {
	opts := Options{Docs: 400, Seed: 42, Hugo: true}
	a, b := Files(opts), Files(opts)
	if !maps.EqualFunc(a, b, bytes.Equal) {
		t.Fatal("two runs with the same options differ")
	}
	prev := runtime.GOMAXPROCS(1)
	one := Files(opts)
	runtime.GOMAXPROCS(prev)
	if !maps.EqualFunc(a, one, bytes.Equal) {
		t.Fatal("the site depends on GOMAXPROCS")
	}
	c := Files(Options{Docs: 400, Seed: 43, Hugo: true})
	if maps.EqualFunc(a, c, bytes.Equal) {
		t.Fatal("different seeds give the same site")
	}

	dir := filepath.Join(t.TempDir(), "site")
	if err := Write(dir, opts); err != nil {
		t.Fatal(err)
	}
	onDisk := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		onDisk[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if !maps.EqualFunc(a, onDisk, bytes.Equal) {
		t.Fatal("Write and Files differ")
	}
}

func TestFileCount(t *testing.T) {
	small, large := Files(Options{Docs: 50, Seed: 1}), Files(Options{Docs: 60, Seed: 1})
	if len(small) != 52 || len(large) != 62 {
		t.Fatalf("%d and %d files", len(small), len(large))
	}
}

func TestWriteRefusesNonEmptyDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, Options{Docs: 3}); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Fatalf("Write into a non-empty folder: %v", err)
	}
	if err := Write(filepath.Join(dir, "new"), Options{Docs: 3}); err != nil {
		t.Fatal(err)
	}
}

func TestSmallSites(t *testing.T) {
	for n := range 12 {
		files := Files(Options{Docs: n, Seed: int64(n)})
		if len(files) != n+2 {
			t.Errorf("Docs=%d: %d files", n, len(files))
		}
		for name, data := range files {
			if !strings.HasSuffix(name, ".md") {
				continue
			}
			fm, body := parseDocument(t, name, data)
			for _, f := range refRE.FindAllSubmatch(body, -1) {
				if target := string(f[1]); target == fm.one("id") {
					t.Errorf("Docs=%d: %s refers to itself", n, name)
				}
			}
		}
	}
}

func TestHugo(t *testing.T) {
	files := Files(Options{Docs: 20, Seed: 1, Hugo: true})
	for _, name := range []string{"hugo.toml", "layouts/_default/single.html", "layouts/_default/list.html", "layouts/_default/baseof.html", "layouts/index.html"} {
		if _, ok := files[HugoDir+"/"+name]; !ok {
			t.Errorf("no %s/%s", HugoDir, name)
		}
	}
	toml := string(files[HugoDir+"/hugo.toml"])
	for _, dir := range typeDirs {
		if !strings.Contains(toml, `source = "../`+dir+`"`) {
			t.Errorf("hugo.toml does not mount %s", dir)
		}
	}
	for name := range files {
		if strings.HasPrefix(name, HugoDir+"/") && strings.HasSuffix(name, ".md") {
			t.Errorf("%s would be read as a document", name)
		}
	}
}

// TestTopicsCoverControls checks that every applicable control is the
// subject of some topic, so coverage in a generated site is broad.
func TestTopicsCoverControls(t *testing.T) {
	m := theModel()
	covered := map[uint8]bool{}
	for _, tp := range m.topics {
		for _, c := range tp.controls {
			covered[c] = true
		}
	}
	for i, id := range m.controls {
		if !covered[uint8(i)] && !slices.Contains(excludedControls, id) {
			t.Errorf("no topic covers control %s", id)
		}
	}
	if m.dates[todayDay] != Today {
		t.Errorf("todayDay is %s, not %s", m.dates[todayDay], Today)
	}
	if len(m.controls) != 93 || len(m.clauses) != 41 {
		t.Errorf("%d controls, %d clauses", len(m.controls), len(m.clauses))
	}
}

// TestVocabulary checks that the text is not a handful of words repeated:
// each language has thousands of distinct words, and the most frequent
// words carry a Zipf-like share of the text.
func TestVocabulary(t *testing.T) {
	files := Files(Options{Docs: 2000, Seed: 3})
	counts := map[string]map[string]int{"nb": {}, "en": {}}
	for name, data := range files {
		if !strings.HasSuffix(name, ".md") {
			continue
		}
		fm, body := parseDocument(t, name, data)
		c := counts[fm.one("lang")]
		for _, w := range wordRE.FindAll(body, -1) {
			c[strings.ToLower(string(w))]++
		}
	}
	for lang, c := range counts {
		total := 0
		freq := make([]int, 0, len(c))
		for _, k := range c {
			total += k
			freq = append(freq, k)
		}
		slices.Sort(freq)
		slices.Reverse(freq)
		top := 0
		for _, k := range freq[:100] {
			top += k
		}
		t.Logf("%s: %d distinct words, %d words, top 100 words %.0f %% of the text", lang, len(c), total, 100*float64(top)/float64(total))
		if len(c) < 3000 {
			t.Errorf("%s: only %d distinct words", lang, len(c))
		}
		if share := float64(top) / float64(total); share < 0.3 || share > 0.7 {
			t.Errorf("%s: top 100 words are %.0f %% of the text", lang, 100*share)
		}
	}
}

func TestInflection(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{fmt.Sprint(nbNoun("sikkerhetskopi")), "{sikkerhetskopi sikkerhetskopien sikkerhetskopier sikkerhetskopiene false false false}"},
		{fmt.Sprint(nbNoun("system:n")), "{system systemet systemer systemene true false false}"},
		{fmt.Sprint(nbNoun("krav:n0")), "{krav kravet krav kravene true false false}"},
		{fmt.Sprint(nbNoun("bruker:er")), "{bruker brukeren brukere brukerne false false false}"},
		{fmt.Sprint(nbNoun("rutine")), "{rutine rutinen rutiner rutinene false false false}"},
		{fmt.Sprint(nbNoun("område:n")), "{område området områder områdene true false false}"},
		{fmt.Sprint(nbVerb("vurdere")), "{vurdere vurderer vurderte vurdert vurderes vurder }"},
		{fmt.Sprint(nbVerb("lagre:et")), "{lagre lagrer lagret lagret lagres lagre }"},
		{fmt.Sprint(nbVerb("godkjenne:te")), "{godkjenne godkjenner godkjente godkjent godkjennes godkjenn }"},
		{fmt.Sprint(nbVerb("gjennomføre:te")), "{gjennomføre gjennomfører gjennomførte gjennomført gjennomføres gjennomfør }"},
		{fmt.Sprint(nbVerb("behandle:et")), "{behandle behandler behandlet behandlet behandles behandle }"},
		{fmt.Sprint(nbAdjective("relevant")), "{relevant relevant relevante}"},
		{fmt.Sprint(nbAdjective("intern")), "{intern internt interne}"},
		{fmt.Sprint(nbAdjective("nødvendig")), "{nødvendig nødvendig nødvendige}"},
		{fmt.Sprint(nbAdjective("trådløs")), "{trådløs trådløst trådløse}"},
		{fmt.Sprint(enNoun("policy")), "{policy policy policies policies false false false}"},
		{fmt.Sprint(enNoun("access!")), "{access access access access false true true}"},
		{fmt.Sprint(enNoun("user")), "{user user users users false false false}"},
		{fmt.Sprint(enVerb("log+")), "{log logs logged logged logged log logging}"},
		{fmt.Sprint(enVerb("classify")), "{classify classifies classified classified classified classify classifying}"},
		{fmt.Sprint(enVerb("approve")), "{approve approves approved approved approved approve approving}"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %s, want %s", tc.got, tc.want)
		}
	}
	b := []byte("øvelse")
	capitalize(b, 0)
	if string(b) != "Øvelse" {
		t.Errorf("capitalize: %s", b)
	}
	if s := slug("Prosedyre for tilgangsgjennomgang – Region Vest 42", 60); s != "prosedyre-for-tilgangsgjennomgang-region-vest-42" {
		t.Errorf("slug: %s", s)
	}
}

func BenchmarkFiles(b *testing.B) {
	const n = 10000
	theModel()
	b.ReportAllocs()
	var size int64
	for b.Loop() {
		size = 0
		for _, data := range Files(Options{Docs: n, Seed: 1}) {
			size += int64(len(data))
		}
	}
	b.SetBytes(size)
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}
