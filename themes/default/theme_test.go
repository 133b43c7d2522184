package defaulttheme_test

// Tests of the theme that need no browser: its interface strings in both
// languages, the weight of a document page's assets, and markup that a
// strict Content-Security-Policy allows. They build the example ISMS in
// content/ (the site `make run` serves) with the theme.

import (
	"bytes"
	"compress/gzip"
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/isms-project/isms/generator"
	"github.com/isms-project/isms/internal/output"
	defaulttheme "github.com/isms-project/isms/themes/default"
	"go.yaml.in/yaml/v3"
)

// today is the date the example is built for, so that its overdue reviews
// and evidence ages stay the same.
var today = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)

var example struct {
	once sync.Once
	res  *generator.Result
	err  error
}

// buildExample builds content/ once for the tests of the package.
func buildExample(t testing.TB) *output.Output {
	t.Helper()
	example.once.Do(func() {
		example.res, example.err = generator.Build(os.DirFS("../../content"), generator.Options{Today: today})
	})
	if example.err != nil {
		t.Fatalf("building the example ISMS: %v", example.err)
	}
	if example.res.Output == nil {
		t.Fatalf("the example ISMS has errors:\n%s", example.res.Findings.Text())
	}
	return example.res.Output
}

func read(t testing.TB, out *output.Output, p string) string {
	t.Helper()
	b, err := out.Read(p)
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return string(b)
}

// strings of the theme: language → key → text, and the file of each key.
func themeStrings(t *testing.T) (map[string]map[string]string, map[string]string) {
	t.Helper()
	files, err := fs.Glob(defaulttheme.FS(), "i18n/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no i18n files: %v", err)
	}
	strs := map[string]map[string]string{"nb": {}, "en": {}}
	where := map[string]string{}
	families := map[string][]string{} // "views" → languages it has
	for _, f := range files {
		base := strings.TrimSuffix(path.Base(f), ".yaml")
		family, lang := "", base
		if i := strings.LastIndex(base, "."); i >= 0 {
			family, lang = base[:i], base[i+1:]
		}
		if strs[lang] == nil {
			t.Errorf("%s: language %q is neither nb nor en", f, lang)
			continue
		}
		families[family] = append(families[family], lang)
		src, err := fs.ReadFile(defaulttheme.FS(), f)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		if err := yaml.Unmarshal(src, &m); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for k, v := range m {
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s: %s is empty", f, k)
			}
			strs[lang][k] = v
			where[lang+":"+k] = f
		}
	}
	for family, langs := range families {
		slices.Sort(langs)
		if !slices.Equal(langs, []string{"en", "nb"}) {
			t.Errorf("i18n %q has the languages %v, want en and nb", family, langs)
		}
	}
	return strs, where
}

// TestStringsComplete: every string is defined in nb and in en (in the
// file of the same family: nb.yaml and en.yaml, views.nb.yaml and
// views.en.yaml), every key a template or the generator asks for exists,
// and the keys made from values (types, statuses, levels…) exist for every
// value. A %-verb in one language is in the other too.
func TestStringsComplete(t *testing.T) {
	strs, where := themeStrings(t)
	for _, pair := range [][2]string{{"nb", "en"}, {"en", "nb"}} {
		for k := range strs[pair[0]] {
			if _, ok := strs[pair[1]][k]; !ok {
				t.Errorf("%s defines %q, %s does not", where[pair[0]+":"+k], k, pair[1])
				continue
			}
			wantFamily := strings.TrimSuffix(strings.TrimSuffix(path.Base(where[pair[0]+":"+k]), pair[0]+".yaml"), ".")
			gotFamily := strings.TrimSuffix(strings.TrimSuffix(path.Base(where[pair[1]+":"+k]), pair[1]+".yaml"), ".")
			if wantFamily != gotFamily {
				t.Errorf("%q is in %s but in %s", k, where[pair[0]+":"+k], where[pair[1]+":"+k])
			}
		}
	}
	verbs := regexp.MustCompile(`%[0-9]*[a-z%]`)
	for k, nb := range strs["nb"] {
		if en, ok := strs["en"][k]; ok && !slices.Equal(verbs.FindAllString(nb, -1), verbs.FindAllString(en, -1)) {
			t.Errorf("%q: nb %q and en %q differ in their %%-verbs", k, nb, en)
		}
	}

	// Keys written in the templates: {{t "key"}}, {{$p.Tf "key" …}},
	// {{.Plural "key" n}}, and the prefixes of keys made with print.
	used := map[string][]string{} // key → where
	literal := regexp.MustCompile(`(?:\.(T|Tf|Plural)|\bt) "([^"]+)"`)
	prefix := regexp.MustCompile(`\(print "([a-z0-9.-]+\.)"`)
	prefixes := map[string][]string{}
	err := fs.WalkDir(defaulttheme.FS(), "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := fs.ReadFile(defaulttheme.FS(), p)
		if err != nil {
			return err
		}
		for _, m := range literal.FindAllStringSubmatch(string(src), -1) {
			if m[1] == "Plural" {
				used[m[2]+".one"] = append(used[m[2]+".one"], p)
				used[m[2]+".other"] = append(used[m[2]+".other"], p)
				continue
			}
			used[m[2]] = append(used[m[2]], p)
		}
		for _, m := range prefix.FindAllStringSubmatch(string(src), -1) {
			prefixes[m[1]] = append(prefixes[m[1]], p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(used) < 100 {
		t.Fatalf("found only %d keys in the templates: is the pattern right?", len(used))
	}
	// Keys the generator asks for in Go (titles of pages, breadcrumbs, the
	// workbook's headings).
	goKey := regexp.MustCompile(`\b(?:b\.t|p\.T|p\.Tf|\.T)\("([a-z0-9.-]*[a-z0-9])"[,)]`)
	gofiles, _ := fs.Glob(os.DirFS("../../generator"), "*.go")
	for _, f := range gofiles {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile("../../generator/" + f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range goKey.FindAllStringSubmatch(string(src), -1) {
			used[m[1]] = append(used[m[1]], "generator/"+f)
		}
	}
	// Keys made from values.
	values := map[string][]string{
		"type.":   {"policy", "procedure", "standard", "guideline", "plan", "record"},
		"types.":  {"policy", "procedure", "standard", "guideline", "plan", "record"},
		"status.": {"draft", "review", "approved", "retired"},
		"class.":  {"public", "internal", "confidential", "restricted"},
		"level.":  {"gap", "documented", "evidenced", "excluded"},
		"impl.":   {"implemented", "partial", "planned", "not-started"},
		"reason.": {"risk", "legal", "contract", "business"},
		"review.": {"overdue", "due"},
		"nav.":    {"matrix", "soa", "mapping", "transition", "attributes", "reviews"},
	}
	for pre, vs := range values {
		for _, v := range vs {
			used[pre+v] = append(used[pre+v], "values of "+pre)
		}
	}
	for pre, files := range prefixes {
		n := 0
		for k := range strs["en"] {
			if strings.HasPrefix(k, pre) {
				n++
			}
		}
		if n == 0 {
			t.Errorf("%v make keys beginning %q, and no string has it", files, pre)
		}
	}
	for k, files := range used {
		for _, lang := range []string{"nb", "en"} {
			if _, ok := strs[lang][k]; !ok {
				t.Errorf("%s: string %q is missing in %s", files[0], k, lang)
			}
		}
	}
}

// TestAssetBudget: the stylesheet and the script a document page links
// weigh at most 50 KB gzipped together.
func TestAssetBudget(t *testing.T) {
	const budget = 50 * 1024
	out := buildExample(t)
	page := read(t, out, "docs/POL-01/index.html")
	links := regexp.MustCompile(`<(?:link rel="stylesheet" href|script[^>]* src)="([^"]+)"`).FindAllStringSubmatch(page, -1)
	if len(links) < 2 {
		t.Fatalf("the page links %d assets, want the stylesheet and the script", len(links))
	}
	total := 0
	for _, l := range links {
		p := path.Join("docs/POL-01", l[1])
		data := []byte(read(t, out, p))
		var z bytes.Buffer
		w, _ := gzip.NewWriterLevel(&z, gzip.DefaultCompression)
		w.Write(data)
		w.Close()
		t.Logf("%s: %.1f KB, %.1f KB gzipped", p, float64(len(data))/1024, float64(z.Len())/1024)
		total += z.Len()
	}
	t.Logf("a document page's CSS and JS: %.1f KB gzipped (budget %d KB)", float64(total)/1024, budget/1024)
	if total > budget {
		t.Errorf("CSS and JS of a document page are %d bytes gzipped, want at most %d", total, budget)
	}
}

// TestStrictCSPMarkup: no page has a style attribute, an inline script or
// style element, an event handler attribute or a reference to another
// host, which a strict Content-Security-Policy (or an offline intranet)
// would refuse. The browser test checks the same under the CSP itself.
func TestStrictCSPMarkup(t *testing.T) {
	out := buildExample(t)
	bad := []struct {
		what string
		re   *regexp.Regexp
	}{
		{"a style attribute", regexp.MustCompile(`<[^>]+\sstyle=`)},
		{"a style element", regexp.MustCompile(`<style[\s>]`)},
		{"an event handler attribute", regexp.MustCompile(`<[^>]+\son[a-z]+=`)},
		{"a javascript: link", regexp.MustCompile(`(?i)href="javascript:`)},
		{"a resource from another host", regexp.MustCompile(`<(?:link|script|img)[^>]+(?:href|src)="(?:https?:)?//`)},
	}
	pages := 0
	for _, p := range out.Paths() {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		pages++
		html := read(t, out, p)
		for _, b := range bad {
			if m := b.re.FindString(html); m != "" {
				t.Errorf("%s has %s: %s", p, b.what, m)
			}
		}
		for _, tag := range scriptTag.FindAllString(html, -1) {
			if !strings.Contains(tag, " src=") {
				t.Errorf("%s has an inline script: %s", p, tag)
			}
		}
	}
	if pages < 100 {
		t.Errorf("checked %d pages, want the whole example", pages)
	}
	for _, p := range out.Paths() {
		if path.Ext(p) == ".css" {
			if m := regexp.MustCompile(`url\((?:["']?)(?:https?:)?//[^)]*\)|@import\s+(?:url\()?["']?(?:https?:)?//`).FindString(read(t, out, p)); m != "" {
				t.Errorf("%s loads from another host: %s", p, m)
			}
		}
	}
}

var scriptTag = regexp.MustCompile(`<script\b[^>]*>`)

// TestPager: a document page links the previous and next document of its
// type in ID order, stepping over documents the build withholds; a control page the previous and next control; a
// clause page the previous and next clause; the first has no previous.
func TestPager(t *testing.T) {
	out := buildExample(t)
	for _, c := range []struct{ page, prev, next string }{
		{"docs/POL-02/index.html", "../../docs/POL-01/index.html", "../../docs/POL-03/index.html"},
		{"docs/POL-01/index.html", "../../docs/ISMS-02/index.html", "../../docs/POL-02/index.html"},
		{"docs/ISMS-01/index.html", "", "../../docs/ISMS-02/index.html"},
		// REG-2026-01 and -04 are confidential: a default build withholds them, so the pager steps over them.
		{"docs/REG-2026-02/index.html", "../../docs/REG-2025-01/index.html", "../../docs/REG-2026-03/index.html"},
		{"docs/REG-2026-03/index.html", "../../docs/REG-2026-02/index.html", "../../docs/REG-2026-06/index.html"},
		{"controls/5.9/index.html", "../../controls/5.8/index.html", "../../controls/5.10/index.html"},
		{"controls/5.37/index.html", "../../controls/5.36/index.html", "../../controls/6.1/index.html"},
		{"controls/8.34/index.html", "../../controls/8.33/index.html", ""},
		{"clauses/6.1.3/index.html", "../../clauses/6.1.2/index.html", "../../clauses/6.2/index.html"},
	} {
		html := read(t, out, c.page)
		pager := regexp.MustCompile(`(?s)<nav class="pager".*?</nav>`).FindString(html)
		if pager == "" {
			t.Errorf("%s has no pager", c.page)
			continue
		}
		check := func(rel, want string) {
			m := regexp.MustCompile(`href="([^"]+)" rel="` + rel + `"`).FindStringSubmatch(pager)
			switch {
			case want == "" && m != nil:
				t.Errorf("%s: rel=%s links %s, want none", c.page, rel, m[1])
			case want != "" && m == nil:
				t.Errorf("%s: no rel=%s link, want %s", c.page, rel, want)
			case want != "" && m[1] != want:
				t.Errorf("%s: rel=%s links %s, want %s", c.page, rel, m[1], want)
			}
		}
		check("prev", c.prev)
		check("next", c.next)
	}
}

// TestTablesCaptioned: every table the theme makes has a caption (for a
// screen reader's list of tables) and header cells with a scope; tables in
// a document's own text are the author's.
func TestTablesCaptioned(t *testing.T) {
	out := buildExample(t)
	table := regexp.MustCompile(`(?s)<table\b[^>]*>(.*?)</table>`)
	tables := 0
	for _, p := range out.Paths() {
		// Document pages and the handbook, which holds the documents, are the authors' text.
		if !strings.HasSuffix(p, ".html") || strings.HasPrefix(p, "docs/") && p != "docs/index.html" || strings.HasPrefix(p, "handbook/") {
			continue
		}
		for _, m := range table.FindAllStringSubmatch(read(t, out, p), -1) {
			tables++
			if !strings.HasPrefix(strings.TrimSpace(m[1]), "<caption") {
				t.Errorf("%s: a table without a caption: %.120s", p, strings.TrimSpace(m[1]))
			}
			for _, th := range regexp.MustCompile(`<th\b[^>]*>`).FindAllString(m[1], -1) {
				if !strings.Contains(th, " scope=") {
					t.Errorf("%s: a header cell without scope: %s", p, th)
					break
				}
			}
		}
	}
	if tables < 50 {
		t.Errorf("found %d tables, want those of every view", tables)
	}
}
