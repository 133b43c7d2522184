package generator

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// edits are the kinds of change an author makes, each applied to a site
// built from propertySite; every one keeps the site free of errors.
var edits = []struct {
	name  string
	apply func(fs fstest.MapFS, r *rand.Rand)
}{
	{"body", func(fs fstest.MapFS, r *rand.Rand) {
		p := pick(r, docPaths(fs))
		fs[p] = file(string(fs[p].Data) + fmt.Sprintf("\nMore text %d.\n", r.IntN(1000)))
	}},
	{"title", func(fs fstest.MapFS, r *rand.Rand) {
		p := pick(r, docPaths(fs))
		fs[p] = file(replaceLine(string(fs[p].Data), "title:", fmt.Sprintf("title: Title %d", r.IntN(1000))))
	}},
	{"controls", func(fs fstest.MapFS, r *rand.Rand) {
		p := pick(r, docPaths(fs))
		first := pick(r, []string{"5.1", "5.15", fmt.Sprintf("5.%d", 1+r.IntN(37))}) // 5.1 and 5.15: risks select them
		fs[p] = file(replaceLine(string(fs[p].Data), "controls:", fmt.Sprintf(`controls: ["%s", "8.%d"]`, first, 1+r.IntN(34))))
	}},
	{"status", func(fs fstest.MapFS, r *rand.Rand) {
		p := pick(r, docPaths(fs))
		fs[p] = file(replaceLine(string(fs[p].Data), "status:", "status: "+pick(r, []string{"approved", "draft", "review", "retired"})))
	}},
	{"classification", func(fs fstest.MapFS, r *rand.Rand) {
		p := pick(r, docPaths(fs))
		fs[p] = file(replaceLine(string(fs[p].Data), "classification:", "classification: "+pick(r, []string{"public", "internal", "confidential"})))
	}},
	{"record date", func(fs fstest.MapFS, r *rand.Rand) {
		fs["records/rec-01.md"] = file(replaceLine(string(fs["records/rec-01.md"].Data), "date:", fmt.Sprintf("date: 20%02d-06-01", 20+r.IntN(7))))
	}},
	{"attachment size", func(fs fstest.MapFS, r *rand.Rand) {
		fs["records/files/rapport.csv"] = file(strings.Repeat("a,b\n", 1+r.IntN(2000)))
	}},
	{"new document", func(fs fstest.MapFS, r *rand.Rand) {
		n := r.IntN(1000)
		fs[fmt.Sprintf("standards/std-%d.md", n)] = file(fmt.Sprintf("---\nid: STD-%d\ntitle: Standard %d\ntype: standard\nstatus: approved\nclassification: internal\ncontrols: [\"5.15\"]\nrelated: [POL-01]\n---\nSee [[PRO-01]].\n", n, n))
	}},
	{"remove a document", func(fs fstest.MapFS, r *rand.Rand) {
		var extra []string
		for _, p := range docPaths(fs) {
			if strings.HasPrefix(p, "standards/") {
				extra = append(extra, p)
			}
		}
		if len(extra) > 0 {
			delete(fs, pick(r, extra))
		}
	}},
	{"soa.yaml", func(fs fstest.MapFS, r *rand.Rand) {
		// A control the register's risks may select, so that the
		// treatment plan's rows show its status.
		control := pick(r, []string{"5.1", "5.15", fmt.Sprintf("7.%d", 1+r.IntN(14))})
		entry := pick(r, []string{"applicable: false\n    justification: Ingen lokaler; se [[POL-01]].", "status: implemented", "status: planned"})
		fs["soa.yaml"] = file(fmt.Sprintf("controls:\n  \"%s\":\n    %s\n", control, entry))
	}},
	{"isms.yaml", func(fs fstest.MapFS, r *rand.Rand) {
		fs["isms.yaml"] = file(fmt.Sprintf("title: Fjordtest AS — ISMS %d\norganization: Fjordtest AS\nlanguage: %s\nversion: \"1.%d\"\n", r.IntN(100), pick(r, []string{"nb", "en"}), r.IntN(9)))
	}},
	{"risks.yaml", func(fs fstest.MapFS, r *rand.Rand) {
		var b strings.Builder
		b.WriteString("risks:\n")
		for i := range 1 + r.IntN(4) {
			fmt.Fprintf(&b, "  R-%d:\n    title: Risiko %d\n    description: Se [[POL-01]].\n    owner: Eier %d\n    likelihood: %d\n    consequence: %d\n    treatment: modify\n    controls: [\"%s\", \"5.%d\"]\n    accepted: {by: Daglig leder, date: 2026-01-01}\n",
				i, r.IntN(100), r.IntN(3), 1+r.IntN(5), 1+r.IntN(5), pick(r, []string{"5.1", "5.15"}), 1+r.IntN(37))
		}
		fs["risks.yaml"] = file(b.String())
	}},
	{"theme", func(fs fstest.MapFS, r *rand.Rand) {
		fs["isms.yaml"] = file(replaceLine(string(fs["isms.yaml"].Data), "theme:", "theme: mytheme") + "theme: mytheme\n")
		fs["mytheme/i18n/local.en.yaml"] = file(fmt.Sprintf("local.word: word %d\n", r.IntN(100)))
		fs["mytheme/i18n/local.nb.yaml"] = file(fmt.Sprintf("local.word: ord %d\n", r.IntN(100)))
		fs["mytheme/assets/extra.css"] = file(fmt.Sprintf("/* %d */\n", r.IntN(100)))
	}},
}

func editNamed(t *testing.T, name string) (e struct {
	name  string
	apply func(fs fstest.MapFS, r *rand.Rand)
}) {
	for _, e := range edits {
		if e.name == name {
			return e
		}
	}
	t.Fatalf("no edit %q", name)
	return e
}

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

func docPaths(fs fstest.MapFS) []string {
	var out []string
	for p := range fs {
		if strings.HasSuffix(p, ".md") {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

// replaceLine replaces the first line starting with key, or adds the line
// to the front matter when there is none.
func replaceLine(text, key, line string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, key) {
			lines[i] = line
			return strings.Join(lines, "\n")
		}
	}
	if strings.HasPrefix(text, "---\n") {
		return "---\n" + line + "\n" + strings.TrimPrefix(text, "---\n")
	}
	return text
}

// TestIncrementalProperty: after any sequence of edits, a Builder that
// reuses its previous build gives exactly the pages a fresh build gives —
// with and without the file watcher's list of changed paths.
func TestIncrementalProperty(t *testing.T) {
	base, _ := readSite(t, "testdata/golden/site.txtar")
	for seed := range uint64(6) {
		r := rand.New(rand.NewPCG(seed, 7))
		fs := fstest.MapFS{}
		for p, f := range base {
			fs[p] = &fstest.MapFile{Data: bytes.Clone(f.Data)}
		}
		for _, live := range []bool{false, true} {
			var bl Builder
			opts := Options{Today: today, LiveReload: live}
			if _, err := bl.Build(fs, opts); err != nil {
				t.Fatal(err)
			}
			var done []string
			for step := range 6 {
				e := edits[r.IntN(len(edits))]
				if seed == 0 {
					// One sequence is set: the register, then edits that
					// change the coverage of the controls its risks select,
					// which the treatment plan's rows show.
					e = editNamed(t, []string{"risks.yaml", "status", "controls", "status", "soa.yaml", "controls"}[step])
				}
				e.apply(fs, r)
				done = append(done, e.name)
				got, err := bl.Build(fs, opts)
				if err != nil {
					t.Fatal(err)
				}
				// A fresh build, but for the theme, whose loading (esbuild's
				// bundling) would make the test slow and is keyed on its files.
				fresh := Builder{themes: bl.themes}
				want, err := fresh.Build(fs, opts)
				if err != nil {
					t.Fatal(err)
				}
				if want.Output == nil || got.Output == nil {
					if (want.Output == nil) != (got.Output == nil) {
						t.Fatalf("seed %d step %d (%v): one build failed, the other did not", seed, step, done)
					}
					continue
				}
				if !slices.Equal(got.Output.Paths(), want.Output.Paths()) {
					t.Fatalf("seed %d step %d (%v): the incremental build has other files", seed, step, done)
				}
				for _, p := range want.Output.Paths() {
					if strings.HasPrefix(p, "search/") {
						continue // made on first use in a preview; compared below
					}
					a, _ := got.Output.Read(p)
					b, _ := want.Output.Read(p)
					if !bytes.Equal(a, b) {
						t.Fatalf("seed %d step %d (%v, live %v): %s differs between the incremental and the fresh build", seed, step, done, live, p)
					}
				}
			}
		}
	}
}
