package risk

import (
	"io/fs"
	"os"
	"path"
	"reflect"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/isms-project/isms/internal/finding"
	defaulttheme "github.com/isms-project/isms/themes/default"
)

// themeWords returns the default theme's strings in a language, as the
// build's Page.T gives them: the key itself when it is missing.
func themeWords(t testing.TB, lang string) Words {
	t.Helper()
	all := map[string]string{}
	names, err := fs.Glob(defaulttheme.FS(), "i18n/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		base := strings.TrimSuffix(path.Base(name), ".yaml")
		if base[strings.LastIndex(base, ".")+1:] != lang {
			continue
		}
		src, err := fs.ReadFile(defaulttheme.FS(), name)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		if err := yaml.Unmarshal(src, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for k, v := range m {
			all[k] = v
		}
	}
	return func(key string) string {
		if s, ok := all[key]; ok {
			return s
		}
		return key
	}
}

var testToday = time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)

// readExample reads testdata/register.yaml, failing on any error.
func readExample(t testing.TB) (*Register, []byte) {
	t.Helper()
	src, err := os.ReadFile("testdata/register.yaml")
	if err != nil {
		t.Fatal(err)
	}
	reg, fs := Read(src, testCatalog(t))
	if errs, _ := fs.Count(); errs > 0 {
		t.Fatalf("the example register has errors:\n%s", fs.Text())
	}
	return reg, src
}

// withoutPositions copies a register without where its parts were
// written, so that registers read from different text compare equal.
func withoutPositions(reg *Register) Register {
	c := *reg
	c.methodAt = finding.Loc{}
	c.byID = nil
	c.Risks = nil
	for _, x := range reg.Risks {
		rc := *x
		rc.pos = riskPositions{}
		rc.Actions = nil
		for _, a := range x.Actions {
			ac := *a
			ac.at = finding.Loc{}
			rc.Actions = append(rc.Actions, &ac)
		}
		c.Risks = append(c.Risks, &rc)
	}
	return c
}

// sameRegister reports how two registers differ, ignoring positions.
func sameRegister(t *testing.T, got, want *Register) {
	t.Helper()
	g, w := withoutPositions(got), withoutPositions(want)
	if reflect.DeepEqual(g, w) {
		return
	}
	if !reflect.DeepEqual(g.Matrix, w.Matrix) || g.Method != w.Method || !g.Assessed.Equal(w.Assessed) || g.matrixWritten != w.matrixWritten {
		t.Errorf("register differs:\n got %+v\nwant %+v", g.Matrix, w.Matrix)
	}
	if len(g.Risks) != len(w.Risks) {
		t.Fatalf("got %d risks, want %d", len(g.Risks), len(w.Risks))
	}
	for i := range g.Risks {
		if !reflect.DeepEqual(g.Risks[i], w.Risks[i]) {
			t.Errorf("risk %d differs:\n got %+v\nwant %+v", i, *g.Risks[i], *w.Risks[i])
			for j := range max(len(g.Risks[i].Actions), len(w.Risks[i].Actions)) {
				if j < len(g.Risks[i].Actions) && j < len(w.Risks[i].Actions) {
					t.Errorf("  action %d: got %+v want %+v", j, *g.Risks[i].Actions[j], *w.Risks[i].Actions[j])
				}
			}
		}
	}
}
