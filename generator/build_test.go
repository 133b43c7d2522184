package generator

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/isms-project/isms/internal/output"
)

// goldenPages are the pages of testdata/golden/site.txtar compared with
// files under testdata/golden (go test -update rewrites them).
var goldenPages = []string{
	"index.html",
	"docs/index.html",
	"docs/POL-01/index.html",
	"docs/PRO-01/index.html",
	"controls/5.15/index.html",
	"controls/7.4/index.html",
	"clauses/5.2/index.html",
}

var assetHash = regexp.MustCompile(`(assets/[a-z]+)\.[A-Z0-9]{8}\.(css|js)`)

func TestGolden(t *testing.T) {
	checkGolden(t, "testdata/golden", goldenPages)
}

// TestGoldenRisks compares the register, a risk with controls, documents
// and actions, and the treatment plan of testdata/risks/site.txtar with
// files under testdata/risks.
func TestGoldenRisks(t *testing.T) {
	checkGolden(t, "testdata/risks", []string{"risks/index.html", "risks/R-01/index.html", "rtp/index.html"})
}

// checkGolden builds dir/site.txtar and compares its pages with the files
// in dir named after them (go test -update rewrites them).
func checkGolden(t *testing.T, dir string, pages []string) {
	t.Helper()
	fsys, _ := readSite(t, dir+"/site.txtar")
	res := buildSite(t, fsys, Options{})
	if res.Output == nil {
		t.Fatalf("no output:\n%s", res.Findings.Text())
	}
	for _, p := range pages {
		got, err := res.Output.Read(p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		// Asset names carry content hashes; a change of the stylesheet is
		// not a change of the pages.
		got = assetHash.ReplaceAll(got, []byte("$1.HASH.$2"))
		file := filepath.Join(dir, strings.ReplaceAll(p, "/", "_"))
		if *update {
			if err := os.WriteFile(file, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (go test -update rewrites it):\n%s", p, file, firstDiff(got, want))
		}
	}
}

// firstDiff shows the first line where two texts differ.
func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s", i+1, gl, wl)
		}
	}
	return "(no line differs)"
}

// TestRendered checks what the small site's pages say, independent of
// the theme's markup details.
func TestRendered(t *testing.T) {
	fsys, _ := readSite(t, "testdata/golden/site.txtar")
	res := buildSite(t, fsys, Options{})
	page := func(p string) string {
		t.Helper()
		b, err := res.Output.Read(p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		return string(b)
	}
	for _, c := range []struct{ page, want string }{
		{"docs/POL-01/index.html", `<a class="ref ref-control" href="../../controls/5.15/index.html" title="Tilgangskontroll">5.15 Tilgangskontroll</a>`},
		{"docs/POL-01/index.html", `<a class="ref ref-doc" href="../../docs/PRO-01/index.html" title="Tilgangsstyring">prosedyren for tilgang</a>`},
		{"docs/POL-01/index.html", `<a href="../../docs/PRO-01/index.html#tildeling" title="PRO-01 Tilgangsstyring">tilgangsprosedyren</a>`},
		{"docs/POL-01/index.html", `<h2 id="formål">Formål</h2>`},
		{"docs/POL-01/index.html", `&laquo;etterlevelse&raquo;`},
		{"docs/POL-01/index.html", `<a href="#tilgang">Tilgang</a>`},
		{"docs/POL-01/index.html", `15. januar 2026`},
		{"docs/PRO-01/index.html", `Gjennomgang forfaller snart`},
		{"docs/PRO-01/index.html", `<a href="../../docs/POL-01/index.html"><span class="id">POL-01</span> Informasjonssikkerhetspolicy</a>`},
		{"docs/REC-01/index.html", `href="../../files/records/files/rapport.csv"`},
		{"controls/5.18/index.html", `level-evidenced`},
		{"controls/5.15/index.html", `level-documented`},
		{"controls/5.2/index.html", `level-gap`},
		{"controls/7.4/index.html", `Ingen egne lokaler; se <a href="../../docs/POL-01/index.html">POL-01 Informasjonssikkerhetspolicy</a>.`},
		{"index.html", `Utvikling og drift av tjenesten Testflyt.`},
		{"index.html", `versjon 1.2`},
	} {
		if !strings.Contains(page(c.page), c.want) {
			t.Errorf("%s lacks %s", c.page, c.want)
		}
	}
	if _, err := res.Output.Read("files/records/files/rapport.csv"); err != nil {
		t.Errorf("attachment not copied: %v", err)
	}
	for _, p := range res.Output.Paths() {
		if strings.HasSuffix(p, ".md") || strings.HasPrefix(p, "records/") {
			t.Errorf("source file %s leaked into the output", p)
		}
	}
}

// TestDeterministic builds the same site twice with fresh builders: the
// output must be byte-identical.
func TestDeterministic(t *testing.T) {
	fsys, _ := readSite(t, "testdata/golden/site.txtar")
	a := buildSite(t, fsys, Options{})
	b := buildSite(t, fsys, Options{})
	if !slices.Equal(a.Output.Paths(), b.Output.Paths()) {
		t.Fatalf("paths differ:\n%v\n%v", a.Output.Paths(), b.Output.Paths())
	}
	for _, p := range a.Output.Paths() {
		x, _ := a.Output.Read(p)
		y, _ := b.Output.Read(p)
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two builds", p)
		}
	}
}

// TestIncremental rebuilds after edits with one Builder: only affected
// pages render, and the output equals a fresh build of the edited site.
func TestIncremental(t *testing.T) {
	fsys, _ := readSite(t, "testdata/golden/site.txtar")
	var bl Builder
	first, err := bl.Build(fsys, Options{Today: today})
	if err != nil || first.Output == nil {
		t.Fatalf("first build: %v\n%s", err, first.Findings.Text())
	}
	again, err := bl.Build(fsys, Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if again.Rendered != 0 || len(again.Changed) != 0 {
		t.Errorf("a rebuild with nothing changed rendered %d pages, changed %v", again.Rendered, again.Changed)
	}

	// A body edit changes the document's page only.
	edit := func(path, old, new string) {
		f := fsys[path]
		fsys[path] = &fstest.MapFile{Data: bytes.Replace(f.Data, []byte(old), []byte(new), 1), Mode: f.Mode}
	}
	edit("records/rec-01.md", "to kontoer", "tre kontoer")
	res, err := bl.Build(fsys, Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Changed, []string{"docs/REC-01/index.html"}) {
		t.Errorf("body edit changed %v, want only docs/REC-01/index.html", res.Changed)
	}
	if res.Rendered != 1 {
		t.Errorf("body edit rendered %d pages, want 1", res.Rendered)
	}

	// A title edit changes the pages that show the title.
	edit("procedures/pro-01.md", "title: Tilgangsstyring", "title: Styring av tilgang")
	res, err = bl.Build(fsys, Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"docs/PRO-01/index.html", "docs/POL-01/index.html", "docs/index.html", "controls/5.15/index.html"} {
		if !slices.Contains(res.Changed, want) {
			t.Errorf("title edit did not change %s (changed: %v)", want, res.Changed)
		}
	}
	if slices.Contains(res.Changed, "docs/REC-01/index.html") {
		t.Errorf("title edit of PRO-01 changed REC-01's page, which does not show it")
	}
	fresh := buildSite(t, fsys, Options{})
	for _, p := range fresh.Output.Paths() {
		x, _ := fresh.Output.Read(p)
		y, err := res.Output.Read(p)
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s: incremental build differs from a full build", p)
		}
	}
	if !slices.Equal(fresh.Output.Paths(), res.Output.Paths()) {
		t.Errorf("incremental and full builds have different files")
	}
}

// TestErrorsRenderNothing: a site with an error yields findings and no output.
func TestErrorsRenderNothing(t *testing.T) {
	fsys, _ := readSite(t, "testdata/golden/site.txtar")
	fsys["policies/bad.md"] = &fstest.MapFile{Data: []byte("---\nid: BAD\ntitle: Bad\ntype: policy\n---\n[[NOPE]]\n")}
	res := buildSite(t, fsys, Options{})
	if res.Output != nil {
		t.Error("a build with errors has output")
	}
	if errs, _ := res.Findings.Count(); errs != 1 {
		t.Errorf("got %d errors, want 1:\n%s", errs, res.Findings.Text())
	}
}

// TestLargeDocument: a 5 MB document builds.
func TestLargeDocument(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\nid: BIG-1\ntitle: Stort dokument\ntype: standard\ncontrols: [\"8.15\"]\n---\n")
	for i := 0; b.Len() < 5<<20; i++ {
		fmt.Fprintf(&b, "## Avsnitt %d\n\nLogger skal oppbevares i %d dager, se [[8.15]]. Tekst med *uthevet* og `kode`.\n\n- punkt en\n- punkt to\n\n", i, i%400)
	}
	fsys := fstest.MapFS{
		"isms.yaml":  {Data: []byte("title: T\n")},
		"big/big.md": {Data: []byte(b.String())},
	}
	res := buildSite(t, fsys, Options{})
	if res.Output == nil {
		t.Fatalf("no output:\n%s", quiet(res.Findings).Text())
	}
	page, _ := res.Output.Read("docs/BIG-1/index.html")
	if len(page) < 5<<20 || !strings.Contains(string(page), `id="avsnitt-9999"`) {
		t.Errorf("large page is %d bytes, or lacks its headings", len(page))
	}
}

// TestSymlinkLoopOnDisk: loops of real symbolic links end, and a link out of
// the site is skipped with a warning.
func TestSymlinkLoopOnDisk(t *testing.T) {
	dir := t.TempDir()
	write := func(p, s string) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("isms.yaml", "title: T\n")
	write("a/doc.md", "---\nid: DOC-1\ntitle: D\ntype: policy\n---\nBody.\n")
	for link, target := range map[string]string{"a/loop": "..", "a/b": "../a", "c": "c", "out": "/etc", "up": "../.."} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Skipf("symbolic links unavailable: %v", err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	res := buildSite(t, root.FS(), Options{})
	if res.Output == nil {
		t.Fatalf("no output:\n%s", quiet(res.Findings).Text())
	}
	got := quiet(res.Findings).Text()
	for _, want := range []string{"out:1:1: warning: symbolic link points outside the site folder; skipped", "up:1:1: warning: symbolic link points outside the site folder; skipped"} {
		if !strings.Contains(got, want) {
			t.Errorf("findings lack %q:\n%s", want, got)
		}
	}
	if len(res.Site.Documents) != 1 {
		t.Errorf("got %d documents, want 1 (each real file once)", len(res.Site.Documents))
	}
}

// TestWriteAtomic: a failed write leaves the previous output as it was.
func TestWriteAtomic(t *testing.T) {
	fsys, _ := readSite(t, "testdata/golden/site.txtar")
	res := buildSite(t, fsys, Options{})
	out := filepath.Join(t.TempDir(), "public")
	if err := output.Write(out, "", res.Output); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	// An attachment that vanished between build and write makes the write fail.
	delete(fsys, "records/files/rapport.csv")
	if err := output.Write(out, "", res.Output); err == nil {
		t.Fatal("write with a missing attachment succeeded")
	}
	after, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil || !bytes.Equal(before, after) {
		t.Errorf("failed write changed the output: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("failed write left %d entries beside the output, want only it", len(entries))
	}
}

// TestThemeOverride: a site's theme folder replaces the default theme's
// files one by one — a partial, a string file, the stylesheet — and the rest
// still comes from the default theme. Files in the theme folder are not
// documents.
func TestThemeOverride(t *testing.T) {
	fsys, _ := readSite(t, "testdata/golden/site.txtar")
	fsys["isms.yaml"] = &fstest.MapFile{Data: append(fsys["isms.yaml"].Data, "theme: brand\n"...)}
	fsys["brand/templates/partials/footer.html"] = &fstest.MapFile{Data: []byte(`<footer class="brand-footer">{{.Site.Config.Organization}} — {{.T "brand.motto"}}</footer>`)}
	fsys["brand/i18n/brand.nb.yaml"] = &fstest.MapFile{Data: []byte("brand.motto: Trygt og åpent\n")}
	fsys["brand/i18n/brand.en.yaml"] = &fstest.MapFile{Data: []byte("brand.motto: Safe and open\n")}
	fsys["brand/assets/style.css"] = &fstest.MapFile{Data: []byte("body { color: rebeccapurple; }\n")}
	fsys["brand/notes.md"] = &fstest.MapFile{Data: []byte("not a document\n")}
	res := buildSite(t, fsys, Options{})
	if res.Output == nil {
		t.Fatalf("no output:\n%s", quiet(res.Findings).Text())
	}
	for _, p := range []string{"index.html", "docs/POL-01/index.html"} {
		page, _ := res.Output.Read(p)
		if !strings.Contains(string(page), `<footer class="brand-footer">Fjordtest AS — Trygt og åpent</footer>`) {
			t.Errorf("%s lacks the site's own footer", p)
		}
		if !strings.Contains(string(page), `class="site-header"`) {
			t.Errorf("%s lost the default theme's header", p)
		}
	}
	var css string
	for _, p := range res.Output.Paths() {
		if strings.HasPrefix(p, "assets/style.") {
			b, _ := res.Output.Read(p)
			css = string(b)
		}
	}
	if !strings.Contains(css, "color:#639") || strings.Contains(css, "--sidebar") { // rebeccapurple, minified
		t.Errorf("the stylesheet is not the site's own: %.80q", css)
	}
	if len(quiet(res.Findings)) != 0 {
		t.Errorf("findings:\n%s", quiet(res.Findings).Text())
	}

	fsys["isms.yaml"] = &fstest.MapFile{Data: []byte("title: T\ntheme: nosuch\n")}
	if _, err := Build(fsys, Options{Today: today}); err == nil || !strings.Contains(err.Error(), `theme folder "nosuch" not found`) {
		t.Errorf("a missing theme folder gives %v", err)
	}
}
