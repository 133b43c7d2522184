package render

import (
	"io/fs"
	"regexp"
	"slices"
	"testing"

	"github.com/isms-project/isms/internal/model"
)

// TestViewsStrings: every UI string the views use exists in both languages.
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
	// Every T "key" in the views' templates is defined.
	for _, name := range []string{"matrix", "soa", "mapping", "transition", "attributes", "attribute", "reviews", "partials/viewdocs", "partials/viewtotals", "partials/viewtotalcells", "partials/reviewgroup"} {
		src, err := fs.ReadFile(mustThemeFS(t), "templates/"+name+".html")
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range regexp.MustCompile(`\.T[f]? "([a-z0-9.-]+)"`).FindAllStringSubmatch(string(src), -1) {
			if _, ok := th.strings["en"][m[1]]; !ok {
				t.Errorf("templates/%s.html uses undefined string %q", name, m[1])
			}
		}
	}
}

func mustThemeFS(t testing.TB) fs.FS {
	fsys, _, err := ThemeFS(nil, model.Config{Theme: "default"})
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}
