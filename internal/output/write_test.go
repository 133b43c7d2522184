package output

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// testOutput is a small output with a page, a nested page and a copied file.
func testOutput(version string) *Output {
	src := fstest.MapFS{"files/a.csv": {Data: []byte("a,b\n1,2\n")}}
	o := New(src)
	o.Set("index.html", []byte("<html>"+version+"</html>"))
	o.Set("docs/POL-01/index.html", []byte("<html>policy "+version+"</html>"))
	o.Copy("files/files/a.csv", "files/a.csv")
	return o
}

func readOut(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// failingOps fails one step of a write.
type failingOps struct {
	osOps
	step string
	warn *[]string
}

var errInjected = errors.New("injected failure")

func (f failingOps) exchange(a, b string) error {
	if f.step == "exchange" {
		return errInjected
	}
	return f.osOps.exchange(a, b)
}

func (f failingOps) rename(a, b string) error {
	if f.step == "rename" {
		return errInjected
	}
	return f.osOps.rename(a, b)
}

func (f failingOps) removeAll(p string) error {
	if f.step == "removeAll" {
		return errInjected
	}
	return f.osOps.removeAll(p)
}

func (f failingOps) sync(dir string, files []string) error {
	if f.step == "sync" {
		return errInjected
	}
	return f.osOps.sync(dir, files)
}

// TestWriteFailures: each step of a write that fails leaves the previous
// output as it was (flushing, the exchange, the fallback renames), except
// the removal of the previous output after a successful exchange, which is
// a warning: the new output is in place.
func TestWriteFailures(t *testing.T) {
	for _, c := range []struct {
		step     string
		wantErr  bool
		wantNew  bool
		wantWarn bool
	}{
		{"sync", true, false, false},
		{"rename", false, true, false}, // the exchange works, no rename is needed
		{"removeAll", false, true, true},
	} {
		t.Run(c.step, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "public")
			if err := Write(dir, "", testOutput("old")); err != nil {
				t.Fatal(err)
			}
			var warnings []string
			w := Writer{Warn: func(m string) { warnings = append(warnings, m) }, ops: failingOps{step: c.step}}
			err := w.Write(dir, "", testOutput("new"))
			if (err != nil) != c.wantErr {
				t.Fatalf("error %v, want error %v", err, c.wantErr)
			}
			got := readOut(t, dir, "index.html")
			if want := map[bool]string{true: "<html>new</html>", false: "<html>old</html>"}[c.wantNew]; got != want {
				t.Errorf("index.html is %q, want %q", got, want)
			}
			if (len(warnings) > 0) != c.wantWarn {
				t.Errorf("warnings %q", warnings)
			}
		})
	}
	// Without an exchange: the rename of the old output away fails, and
	// then the rename of the new one into place.
	for _, fail := range []string{"first", "second"} {
		t.Run("renames-"+fail, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "public")
			if err := Write(dir, "", testOutput("old")); err != nil {
				t.Fatal(err)
			}
			n := 0
			ops := &countingRenames{fail: map[string]int{"first": 1, "second": 2}[fail], n: &n}
			w := Writer{ops: ops}
			if err := w.Write(dir, "", testOutput("new")); err == nil {
				t.Fatal("no error")
			}
			if got := readOut(t, dir, "index.html"); got != "<html>old</html>" {
				t.Errorf("index.html is %q after a failed write", got)
			}
			entries, _ := os.ReadDir(filepath.Dir(dir))
			if len(entries) != 1 {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Errorf("left beside the output: %v", names)
			}
		})
	}
}

// countingRenames has no exchange and fails its n-th rename.
type countingRenames struct {
	osOps
	fail int
	n    *int
}

func (c *countingRenames) exchange(a, b string) error { return errors.New("not supported") }
func (c *countingRenames) rename(a, b string) error {
	if *c.n++; *c.n == c.fail {
		return errInjected
	}
	return os.Rename(a, b)
}

// TestWriteRemovesStale: the folders a killed write left beside the
// output are removed by the next write.
func TestWriteRemovesStale(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	for _, stale := range []string{".public.new-123", ".public.new-456.old"} {
		if err := os.MkdirAll(filepath.Join(parent, stale, "docs"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(parent, ".other"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, "", testOutput("new")); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(parent)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{".other", "public"}) {
		t.Errorf("beside the output: %v, want .other and public", names)
	}
}

// TestMarkerDependsOnOutput: the marker holds a digest of the output only:
// the same output written into two folders with other source stamps gives
// the same marker; another output another.
func TestMarkerDependsOnOutput(t *testing.T) {
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	oa := testOutput("same")
	oa.Keep("stamp-1", nil)
	if err := Write(a, "", oa); err != nil {
		t.Fatal(err)
	}
	ob := testOutput("same")
	ob.Keep("stamp-2", nil)
	if err := Write(b, "", ob); err != nil {
		t.Fatal(err)
	}
	ma, mb := readOut(t, a, Marker), readOut(t, b, Marker)
	if ma != mb {
		t.Errorf("markers differ:\n%s\n%s", ma, mb)
	}
	if strings.Contains(ma, "stamp") || strings.Contains(ma, a) {
		t.Errorf("the marker names the source: %s", ma)
	}
	var m marker
	if err := json.Unmarshal([]byte(ma), &m); err != nil || len(m.Output) != 64 {
		t.Errorf("marker %q: %v", ma, err)
	}
	c := filepath.Join(t.TempDir(), "c")
	if err := Write(c, "", testOutput("other")); err != nil {
		t.Fatal(err)
	}
	if readOut(t, c, Marker) == ma {
		t.Error("another output has the same marker")
	}
}
