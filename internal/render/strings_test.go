package render

import (
	"io/fs"
	"regexp"
	"slices"
	"testing"

	"github.com/isms-project/isms/internal/model"
)

// TestViewsStrings: every UI string exists in both languages, and every
// one the templates name exists.
func TestViewsStrings(t *testing.T) {
	var themes ThemeCache
	th, err := themes.Load(mustThemeFS(t), "", false)
	if err != nil {
		t.Fatal(err)
	}
	var missing []string
	for key := range th.strings["en"] {
		if _, ok := th.strings["nb"][key]; !ok {
			missing = append(missing, "nb:"+key)
		}
	}
	for key := range th.strings["nb"] {
		if _, ok := th.strings["en"][key]; !ok {
			missing = append(missing, "en:"+key)
		}
	}
	slices.Sort(missing)
	if len(missing) > 0 {
		t.Errorf("strings missing: %v", missing)
	}
	// Every t "key" and Tf "key" in the templates is defined.
	names, err := fs.Glob(mustThemeFS(t), "templates/*.html")
	if err != nil {
		t.Fatal(err)
	}
	partials, _ := fs.Glob(mustThemeFS(t), "templates/partials/*.html")
	used := 0
	for _, name := range append(names, partials...) {
		src, err := fs.ReadFile(mustThemeFS(t), name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range regexp.MustCompile(`(?:\.Tf|\bt) "([a-z0-9.-]+)"`).FindAllStringSubmatch(string(src), -1) {
			used++
			if _, ok := th.strings["en"][m[1]]; !ok {
				t.Errorf("%s uses undefined string %q", name, m[1])
			}
		}
	}
	if used < 400 {
		t.Errorf("found %d uses of strings in the templates: the pattern no longer matches them", used)
	}
}

func mustThemeFS(t testing.TB) fs.FS {
	fsys, _, err := ThemeFS(nil, model.Config{Theme: "default"})
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}
