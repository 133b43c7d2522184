package adopt

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/isms-project/isms/internal/finding"
	"github.com/isms-project/isms/internal/markdown"
	"github.com/isms-project/isms/internal/model"
)

var update = flag.Bool("update", false, "rewrite the expected output of the txtar cases")

// TestSite runs adopt on each testdata/*.txtar: the files under in/ are a
// site; out/ holds every file adopt writes, byte for byte (a file of in/
// without one in out/ must be left as it is); "findings" and "fields"
// are the report. The comment sets options: "lang: en", "org: Name",
// "today: 2026-03-01". Then: a second run changes nothing, and git apply
// takes the diff.
func TestSite(t *testing.T) {
	paths, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(paths) == 0 {
		t.Fatal("no test cases", err)
	}
	for _, file := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var opts Options
			for _, l := range strings.Split(string(ar.Comment), "\n") {
				k, v, _ := strings.Cut(l, ":")
				v = strings.TrimSpace(v)
				switch k {
				case "lang":
					opts.Lang = v
				case "org":
					opts.Org = v
				case "today":
					if opts.Today, err = time.Parse(time.DateOnly, v); err != nil {
						t.Fatal(err)
					}
				}
			}
			in := fstest.MapFS{}
			want := map[string]string{}
			var wantFindings, wantFields string
			for _, f := range ar.Files {
				switch {
				case strings.HasPrefix(f.Name, "in/"):
					in[strings.TrimPrefix(f.Name, "in/")] = &fstest.MapFile{Data: f.Data}
				case strings.HasPrefix(f.Name, "out/"):
					want[strings.TrimPrefix(f.Name, "out/")] = string(f.Data)
				case f.Name == "findings":
					wantFindings = string(f.Data)
				case f.Name == "fields":
					wantFields = string(f.Data)
				}
			}
			res, err := Site(in, opts)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, c := range res.Changes() {
				got[c.Path] = string(c.New)
			}
			findings := res.Findings.Text()
			var fields strings.Builder
			for _, r := range res.Files {
				for _, f := range r.Fields {
					fields.WriteString(r.Path + ": " + f.String() + "\n")
				}
			}
			if *update {
				writeCase(t, file, ar, got, findings, fields.String())
				return
			}
			for p, w := range want {
				if got[p] != w {
					t.Errorf("%s:\n%s\nwant:\n%s", p, got[p], w)
				}
			}
			for p := range got {
				if _, ok := want[p]; !ok {
					t.Errorf("%s changed, and should not:\n%s", p, got[p])
				}
			}
			if findings != wantFindings {
				t.Errorf("findings:\n%s\nwant:\n%s", findings, wantFindings)
			}
			if fields.String() != wantFields {
				t.Errorf("fields:\n%s\nwant:\n%s", fields.String(), wantFields)
			}
			if t.Failed() {
				return
			}
			buildReads(t, res)

			// A second run, on the site as adopt left it, changes nothing.
			again := fstest.MapFS{}
			for p, f := range in {
				again[p] = f
			}
			for p, s := range got {
				again[p] = &fstest.MapFile{Data: []byte(s)}
			}
			res2, err := Site(again, opts)
			if err != nil {
				t.Fatal(err)
			}
			if cs := res2.Changes(); len(cs) != 0 {
				t.Errorf("a second run changes %s:\n%s", cs[0].Path, res2.Diff())
			}

			// git apply turns the site into what adopt writes.
			gitApply(t, in, res.Diff(), got)
		})
	}
}

// buildReads reads every adopted document as the build does: the front
// matter adopt wrote must give no finding, and the fields must be those
// reported.
func buildReads(t *testing.T, res *SiteResult) {
	t.Helper()
	md := markdown.NewRenderer(false, false)
	for _, r := range res.Files {
		if !r.Changed() {
			continue
		}
		d := model.ReadDocument(r.Path, r.New, md)
		for _, f := range d.Findings {
			if f.Severity != finding.Error {
				continue // the build warns about placeholders, raw HTML and anchors on purpose
			}
			t.Errorf("the build reads %s", f)
		}
		date := func(tm time.Time) string {
			if tm.IsZero() {
				return ""
			}
			return tm.Format(time.DateOnly)
		}
		got := map[string]string{"id": d.ID, "title": d.Title, "type": d.Type, "owner": d.Owner, "approver": d.Approver,
			"status": d.Status, "version": d.Version, "approved": date(d.Approved), "effective": date(d.Effective),
			"review": date(d.Review), "date": date(d.Date), "classification": d.Classification, "lang": d.Lang}
		for _, f := range r.Fields {
			if got[f.Name] != f.Value {
				t.Errorf("%s: the build reads %s as %q, adopt says %q", r.Path, f.Name, got[f.Name], f.Value)
			}
		}
	}
}

// writeCase rewrites a txtar case with the output adopt gives (-update).
func writeCase(t *testing.T, file string, ar *txtar.Archive, got map[string]string, findings, fields string) {
	t.Helper()
	var files []txtar.File
	for _, f := range ar.Files {
		if strings.HasPrefix(f.Name, "in/") {
			files = append(files, f)
		}
	}
	var paths []string
	for p := range got {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		files = append(files, txtar.File{Name: "out/" + p, Data: []byte(got[p])})
	}
	files = append(files, txtar.File{Name: "findings", Data: []byte(findings)}, txtar.File{Name: "fields", Data: []byte(fields)})
	ar.Files = files
	if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
		t.Fatal(err)
	}
}

// gitApply writes the site into a temporary folder, applies the diff with
// git apply and checks that the files are what adopt writes.
func gitApply(t *testing.T, in fstest.MapFS, diff []byte, want map[string]string) {
	t.Helper()
	git, err := exec.LookPath("git")
	if err != nil {
		t.Log("git is not installed: the diff was not checked with git apply")
		return
	}
	dir := t.TempDir()
	for p, f := range in {
		name := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if len(diff) == 0 {
		return
	}
	if err := os.WriteFile(filepath.Join(dir, "..", "adopt.patch"), diff, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(git, "apply", "--whitespace=nowarn", filepath.Join("..", "adopt.patch"))
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CEILING_DIRECTORIES="+filepath.Dir(dir))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git apply: %v\n%s\n%s", err, out, diff)
	}
	for p, w := range want {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, []byte(w)) {
			t.Errorf("%s after git apply:\n%s\nwant:\n%s", p, b, w)
		}
	}
}
