package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/isms-project/isms/internal/model"
	"github.com/isms-project/isms/internal/risk"
	"github.com/isms-project/isms/internal/sitefs"
	"github.com/isms-project/isms/search"
	defaulttheme "github.com/isms-project/isms/themes/default"
	"go.yaml.in/yaml/v3"
)

// theme is a loaded theme: page templates, UI strings and bundled assets.
// A site's own theme folder overrides the embedded default file by file.
type Theme struct {
	pages   map[string]*template.Template // by page name: "home", "doc", …; parsed, never executed
	sets    map[string]*themeSet          // by interface language: the templates pages execute
	setsMu  sync.Mutex
	strings map[string]map[string]string // language → key → text
	assets  map[string][]byte            // output path → bytes
	css, js string                       // output paths of the stylesheet and the script
	stamp   uint64                       // fingerprint of the theme's files
}

// themeFS returns the theme files: the default theme under the site's
// override folder, if the site names one.
func ThemeFS(site fs.FS, cfg model.Config) (fs.FS, string, error) {
	base := defaulttheme.FS()
	if cfg.Theme == "" || cfg.Theme == "default" {
		return base, "", nil
	}
	dir := path.Clean(cfg.Theme)
	if !fs.ValidPath(dir) || dir == "." {
		return nil, "", fmt.Errorf("isms.yaml: theme %q must be a folder inside the site", cfg.Theme)
	}
	if err := sitefs.Inside(site, dir); errors.Is(err, sitefs.ErrLeavesSite) {
		return nil, "", fmt.Errorf("isms.yaml: theme folder %q: %w", cfg.Theme, err)
	}
	if info, err := fs.Stat(site, dir); err != nil || !info.IsDir() {
		return nil, "", fmt.Errorf("isms.yaml: theme folder %q not found in the site", cfg.Theme)
	}
	top, _ := fs.Sub(site, dir)
	return overlayFS{top: top, base: base}, dir, nil
}

// WalkContent walks the site's content as every command reads it: SPEC
// §3's rules, the exclude globs of isms.yaml, the theme folder skipped and
// the input files (isms.yaml, soa.yaml, risks.yaml) not taken for content.
func WalkContent(site fs.FS, cfg model.Config) (*sitefs.Files, error) {
	_, dir, err := ThemeFS(site, cfg)
	if err != nil {
		return nil, err
	}
	return sitefs.WalkSite(site, sitefs.Options{Skip: dir, Exclude: cfg.Exclude, Inputs: []string{model.ConfigFile, model.SoAFile, risk.File}})
}

// overlayFS reads a file from top if it has it, else from base.
type overlayFS struct{ top, base fs.FS }

func (o overlayFS) Open(name string) (fs.File, error) {
	if f, err := o.top.Open(name); err == nil {
		if info, err := f.Stat(); err == nil && !info.IsDir() {
			return f, nil
		}
		f.Close()
	}
	return o.base.Open(name)
}

func (o overlayFS) ReadDir(name string) ([]fs.DirEntry, error) {
	a, errA := fs.ReadDir(o.top, name)
	b, errB := fs.ReadDir(o.base, name)
	if errA != nil && errB != nil {
		return nil, errB
	}
	seen := map[string]bool{}
	var out []fs.DirEntry
	for _, e := range append(a, b...) {
		if !seen[e.Name()] {
			seen[e.Name()] = true
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(x, y fs.DirEntry) int { return strings.Compare(x.Name(), y.Name()) })
	return out, nil
}

// loadTheme parses the templates, reads the strings and bundles the assets.
func loadTheme(files fs.FS, live bool) (*Theme, error) {
	t := &Theme{pages: map[string]*template.Template{}, strings: map[string]map[string]string{}, assets: map[string][]byte{}}
	if err := t.loadStrings(files); err != nil {
		return nil, err
	}
	if err := t.bundle(files, live); err != nil {
		return nil, err
	}
	partials, err := fs.Glob(files, "templates/partials/*.html")
	if err != nil {
		return nil, err
	}
	pages, err := fs.Glob(files, "templates/*.html")
	if err != nil {
		return nil, err
	}
	for _, p := range pages {
		name := strings.TrimSuffix(path.Base(p), ".html")
		if name == "base" {
			continue
		}
		tmpl := template.New(name).Funcs(templateFuncs)
		for _, f := range append([]string{"templates/base.html", p}, partials...) {
			src, err := fs.ReadFile(files, f)
			if err != nil {
				return nil, fmt.Errorf("theme: %w", err)
			}
			if _, err := tmpl.New(strings.TrimPrefix(f, "templates/")).Parse(string(src)); err != nil {
				return nil, fmt.Errorf("theme: %s: %v", f, err)
			}
		}
		t.pages[name] = tmpl
	}
	for _, need := range []string{"home", "doc", "docs", "control", "controls", "clause", "clauses", "search", "404"} {
		if t.pages[need] == nil {
			return nil, fmt.Errorf("theme: templates/%s.html is missing", need)
		}
	}
	return t, nil
}

// loadStrings reads the UI strings: i18n/nb.yaml and i18n/en.yaml, plus
// any i18n/NAME.nb.yaml and i18n/NAME.en.yaml (a part of the theme that
// keeps its strings apart). A key may be defined once per language.
func (t *Theme) loadStrings(files fs.FS) error {
	names, err := fs.Glob(files, "i18n/*.yaml")
	if err != nil {
		return err
	}
	for _, lang := range []string{"en", "nb"} {
		t.strings[lang] = map[string]string{}
	}
	for _, name := range names {
		base := strings.TrimSuffix(path.Base(name), ".yaml")
		lang := base[strings.LastIndex(base, ".")+1:]
		strs, ok := t.strings[lang]
		if !ok {
			continue
		}
		src, err := fs.ReadFile(files, name)
		if err != nil {
			return fmt.Errorf("theme: %w", err)
		}
		m := map[string]string{}
		if err := yaml.Unmarshal(src, &m); err != nil {
			return fmt.Errorf("theme: %s: %v", name, err)
		}
		for k, v := range m {
			if _, dup := strs[k]; dup {
				return fmt.Errorf("theme: %s: string %q is defined twice for %s", name, k, lang)
			}
			strs[k] = v
		}
	}
	return nil
}

// bundle runs the theme's TypeScript and CSS through esbuild: one minified
// script and one stylesheet, named by their content hash so browsers can
// cache them for ever.
func (t *Theme) bundle(files fs.FS, live bool) error {
	entries := []string{"assets/main.ts", "assets/style.css"}
	if live {
		entries = append(entries, "assets/live.ts", "assets/live.css")
	}
	files = clientMount{theme: files}
	result := api.Build(api.BuildOptions{
		EntryPoints:       entries,
		Bundle:            true,
		Write:             false,
		Outdir:            "/out",
		EntryNames:        "assets/[name].[hash]",
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		LegalComments:     api.LegalCommentsNone,
		Charset:           api.CharsetUTF8,
		Format:            api.FormatIIFE,
		Target:            api.ES2022,
		Plugins:           []api.Plugin{fsPlugin(files)},
	})
	if len(result.Errors) > 0 {
		var msgs []string
		for _, m := range result.Errors {
			where := ""
			if m.Location != nil {
				where = fmt.Sprintf("%s:%d:%d: ", m.Location.File, m.Location.Line, m.Location.Column+1)
			}
			msgs = append(msgs, where+m.Text)
		}
		return errors.New("theme assets: " + strings.Join(msgs, "; "))
	}
	for _, f := range result.OutputFiles {
		out := strings.TrimPrefix(f.Path, "/out/")
		t.assets[out] = f.Contents
		switch {
		case strings.HasPrefix(out, "assets/main."):
			t.js = out
		case strings.HasPrefix(out, "assets/style."):
			t.css = out
		case strings.HasPrefix(out, "assets/live."):
			if path.Ext(out) == ".css" {
				t.assets[liveStyle] = f.Contents
			} else {
				t.assets[liveScript] = f.Contents
			}
			delete(t.assets, out)
		}
	}
	return nil
}

// liveScript and liveStyle are where serve finds the live-reload client
// and the stylesheet of its error overlay.
const (
	liveScript = "_isms/live.js"
	liveStyle  = "_isms/live.css"
)

// clientMount adds the search client's sources (search.ClientFS) to the
// theme's files under search-client/, so that the theme's script imports
// them like its own modules.
type clientMount struct{ theme fs.FS }

func (m clientMount) Open(name string) (fs.File, error) {
	if rest, ok := strings.CutPrefix(name, "search-client/"); ok {
		return search.ClientFS.Open("client/" + rest)
	}
	return m.theme.Open(name)
}

// fsPlugin lets esbuild read the theme from an fs.FS instead of the disk.
func fsPlugin(files fs.FS) api.Plugin {
	return api.Plugin{
		Name: "theme-fs",
		Setup: func(b api.PluginBuild) {
			b.OnResolve(api.OnResolveOptions{Filter: ".*"}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				p := a.Path
				// An entry point that happens to exist in the current
				// folder comes as "./assets/main.ts" with that folder as
				// ResolveDir; it is still the theme's file.
				if strings.HasPrefix(p, ".") && a.Kind != api.ResolveEntryPoint {
					p = path.Join(a.ResolveDir, p)
				}
				p = strings.TrimPrefix(path.Clean("/"+p), "/")
				if path.Ext(p) == "" {
					if _, err := fs.Stat(files, p+".ts"); err == nil {
						p += ".ts"
					}
				}
				return api.OnResolveResult{Path: "/" + p, Namespace: "theme"}, nil
			})
			b.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: "theme"}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
				src, err := fs.ReadFile(files, strings.TrimPrefix(a.Path, "/"))
				if err != nil {
					return api.OnLoadResult{}, err
				}
				s := string(src)
				loader := api.LoaderTS
				if path.Ext(a.Path) == ".css" {
					loader = api.LoaderCSS
				}
				return api.OnLoadResult{Contents: &s, Loader: loader, ResolveDir: path.Dir(a.Path)}, nil
			})
		},
	}
}

// execute renders one page with the named template.
func (t *Theme) execute(name string, p *Page) ([]byte, error) {
	tmpl := t.inLanguage(p.UILang()).pages[name]
	b := buffers.Get().(*bytes.Buffer)
	defer buffers.Put(b)
	b.Reset()
	if err := tmpl.ExecuteTemplate(b, "base.html", p); err != nil {
		return nil, fmt.Errorf("rendering %s with templates/%s.html: %w", p.Path, name, err)
	}
	// A copy of the exact size: the buffer's spare room, kept for every
	// page of a large site, would cost a third more memory.
	return bytes.Clone(b.Bytes()), nil
}

var templateFuncs = template.FuncMap{
	// t is an interface string in the site's language: {{t "nav.home"}}.
	// Each language's copy of the templates binds it (Theme.inLanguage).
	"t":    func(key string) string { return key },
	"join": strings.Join,
	"dict": func(kv ...any) map[string]any {
		m := make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			m[fmt.Sprint(kv[i])] = kv[i+1]
		}
		return m
	},
	// nonzero makes a zero date empty for {{with}}.
	"nonzero": func(t time.Time) any {
		if t.IsZero() {
			return nil
		}
		return t
	},
	"pct5": func(part, whole int) int {
		if whole == 0 {
			return 0
		}
		return (part*20 + whole/2) / whole * 5
	},
	"add":  func(a, b int) int { return a + b },
	"itoa": strconv.Itoa,
	"percent": func(part, whole int) int {
		if whole == 0 {
			return 0
		}
		return (part*100 + whole/2) / whole
	},
}

// buffers are reused across pages: rendering thousands of pages would
// otherwise grow a fresh buffer for each.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// text is the interface string key in lang, else in English, else the key.
func (t *Theme) text(lang, key string) string {
	if s, ok := t.strings[lang][key]; ok {
		return s
	}
	if s, ok := t.strings["en"][key]; ok {
		return s
	}
	return key
}

// String is the theme's text for key in lang, and whether it has one.
func (t *Theme) String(lang, key string) (string, bool) {
	s, ok := t.strings[lang][key]
	return s, ok
}
