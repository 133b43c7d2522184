// Package scaffold writes new files for the user from the theme's
// scaffolds: a new document of a type (isms new) and a new site (isms
// init). It checks a new document's ID against the IDs in the site's
// documents' front matter, reading nothing else; it never changes an
// existing file.
package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"text/template"
	"time"

	"github.com/isms-project/isms/catalog"
	"github.com/isms-project/isms/internal/model"
	"github.com/isms-project/isms/internal/render"
	"github.com/isms-project/isms/internal/sitefs"
	defaulttheme "github.com/isms-project/isms/themes/default"
)

// scaffoldData is what the scaffolds of the theme are filled with.
type scaffoldData struct {
	ID, Title, Type, Organization string
	Today, Review                 string
}

func newScaffoldData(today time.Time) scaffoldData {
	return scaffoldData{Today: today.Format(time.DateOnly), Review: today.AddDate(1, 0, 0).Format(time.DateOnly)}
}

// typeFolders is where isms new puts each type of document.
var typeFolders = map[string]string{
	"policy": "policies", "procedure": "procedures", "standard": "standards",
	"guideline": "guidelines", "plan": "plans", "record": "records",
}

// NewDocument writes a new document of a type into the site folder dir,
// from the theme's scaffold in the site's language, and returns its path
// relative to dir. It refuses an ID that is invalid or already used.
func NewDocument(dir, docType, id, title string, today time.Time) (string, error) {
	folder, ok := typeFolders[docType]
	if !ok {
		return "", fmt.Errorf("unknown document type %q (use one of: %s)", docType, strings.Join(model.DocumentTypes, ", "))
	}
	if !model.DocumentIDPattern.MatchString(id) || catalog.LooksLikeControlID(id) {
		return "", fmt.Errorf("invalid id %q: an id starts with a letter, then letters, digits, -, _ or ., and does not look like a control ID", id)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return "", err
	}
	defer root.Close()
	site := root.FS()
	cfgSrc, err := sitefs.ReadInside(site, model.ConfigFile)
	if errors.Is(err, fs.ErrNotExist) {
		return "", model.ErrNotSite
	} else if err != nil {
		return "", fmt.Errorf("reading %s: %w", model.ConfigFile, err)
	}
	cfg, _ := model.ReadConfig(cfgSrc)
	if used, path, err := idUser(site, cfg, id); err != nil {
		return "", err
	} else if path != "" {
		return "", fmt.Errorf("id %s is already used by %s", used, path)
	}
	files, _, err := render.ThemeFS(site, cfg)
	if err != nil {
		return "", err
	}
	lang := cfg.Language
	data := newScaffoldData(today)
	data.ID, data.Type, data.Organization = id, docType, cfg.Organization
	data.Title = title
	if data.Title == "" {
		data.Title = id
	}
	tmplPath := "scaffold/new/" + lang + "/" + docType + ".md"
	src, err := fs.ReadFile(files, tmplPath)
	if err != nil {
		return "", fmt.Errorf("theme has no scaffold %s: %w", tmplPath, err)
	}
	// Titles go into YAML: quote them when YAML would misread them.
	data.Title = yamlString(data.Title)
	out, err := fillScaffold(tmplPath, src, data)
	if err != nil {
		return "", err
	}
	rel := path.Join(folder, strings.ToLower(id)+".md")
	if err := os.MkdirAll(filepath.Join(dir, folder), 0o755); err != nil {
		return "", err
	}
	f, err := os.OpenFile(filepath.Join(dir, filepath.FromSlash(rel)), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return "", err
	}
	if _, err := f.Write(out); err != nil {
		f.Close()
		return "", err
	}
	return rel, f.Close()
}

// idUser finds the document of the site that has the ID id (IDs compare
// without case) and returns the ID as it writes it and its path, or ""
// twice when none has. It reads each document's front matter ID only:
// nothing is rendered or resolved.
func idUser(site fs.FS, cfg model.Config, id string) (used, path string, err error) {
	files, err := render.WalkContent(site, cfg)
	if err != nil {
		return "", "", err
	}
	for _, p := range files.Docs {
		src, err := fs.ReadFile(site, p)
		if err != nil {
			return "", "", fmt.Errorf("reading %s: %w", p, err)
		}
		if used := model.DocumentID(src); strings.EqualFold(used, id) {
			return used, p, nil
		}
	}
	return "", "", nil
}

// yamlString writes s as a YAML scalar, quoted when needed.
func yamlString(s string) string {
	if s == "" || strings.ContainsAny(s, ":#'\"{}[],&*!|>%@`\\") || strings.TrimSpace(s) != s {
		return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
	}
	return s
}

func fillScaffold(name string, src []byte, data scaffoldData) ([]byte, error) {
	t, err := template.New(name).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("scaffold %s: %w", name, err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return nil, fmt.Errorf("scaffold %s: %w", name, err)
	}
	return b.Bytes(), nil
}

// InitSite writes a starter ISMS into dir, which must be empty or not
// exist: isms.yaml, soa.yaml and draft skeletons of the documented
// information ISO/IEC 27001 requires. It returns the files written.
func InitSite(dir, lang, organization string, today time.Time) ([]string, error) {
	if !slices.Contains(model.SiteLanguages, lang) {
		return nil, fmt.Errorf("unknown language %q (use nb or en)", lang)
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return nil, fmt.Errorf("%s is not empty; isms init starts a site in a new or empty folder", dir)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	base := "scaffold/init/" + lang
	starter, err := fs.Sub(defaulttheme.FS(), base)
	if err != nil {
		return nil, err
	}
	data := newScaffoldData(today)
	// The starter's isms.yaml writes the name inside double quotes.
	data.Organization = strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(organization)
	var written []string
	err = fs.WalkDir(starter, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := fs.ReadFile(starter, p)
		if err != nil {
			return err
		}
		out, err := fillScaffold(base+"/"+p, src, data)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(dst, out, 0o644); err != nil {
			return err
		}
		written = append(written, p)
		return nil
	})
	return written, err
}
