package history

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// brief writes entries one a line, with commits named by label, so that
// expectations read as a log.
func brief(es []Entry, label map[string]string) []string {
	var out []string
	for _, e := range es {
		name := label[e.Hash]
		if e.Uncommitted {
			name = "work"
		} else if name == "" {
			name = e.ShortHash
		}
		s := fmt.Sprintf("%s %s %s", name, e.Change, e.Path)
		if e.From != "" {
			s += " from " + e.From
		}
		if e.Version != "" {
			s += " v" + e.Version
		}
		if e.VersionChanged {
			s += " *"
		}
		for _, flag := range []struct {
			on   bool
			name string
		}{{e.Merge, "merge"}, {e.Boundary, "boundary"}} {
			if flag.on {
				s += " " + flag.name
			}
		}
		out = append(out, s)
	}
	return out
}

func checkEntries(t *testing.T, h *History, path string, label map[string]string, want ...string) {
	t.Helper()
	if got := brief(h.Entries(path), label); !slices.Equal(got, want) {
		t.Errorf("Entries(%q):\n got %s\nwant %s", path, strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
}

func read(t *testing.T, dir string, opts Options) *History {
	t.Helper()
	h, err := Read(dir, opts)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return h
}

func TestLinearHistory(t *testing.T) {
	r := newRepo(t)
	body1 := "# Tilgangsstyring\n\nTilgang gis etter behov.\n"
	body2 := "# Tilgangsstyring\n\nTilgang gis etter tjenstlig behov.\n"
	body3 := "# Tilgangsstyring\n\nTilgang gis etter tjenstlig behov og fjernes ved fratreden.\n"
	c1 := r.commit("2026-01-05T12:00:00Z", "Kari Nordmann", "Første utkast", map[string]string{
		"site/pol/a.md":            doc("1.0", "2026-01-05", body1),
		"site/b.md":                "# Uten front matter\n",
		"site/vedlegg/skjema æ.md": doc("", "", "Skjema\n"),
		"outside.txt":              "ikke en del av nettstedet\n",
	})
	c2 := r.commit("2026-01-10T12:00:00Z", "Ola Nordmann", "Rett skrivefeil\nover to linjer\n\nMer tekst.", map[string]string{
		"site/pol/a.md": doc("1.0", "2026-01-05", body2),
	})
	// Author date just after midnight in Oslo: the 15th in UTC.
	c3 := r.commit("2026-01-16T00:30:00+01:00", "Kari Nordmann", "Versjon 1.1", map[string]string{
		"site/pol/a.md": doc("1.1", "2026-01-15", body3),
	})
	r.write(map[string]string{"site/pol/a.md": ""})
	c4 := r.commit("2026-01-20T12:00:00Z", "Ola Nordmann", "Flytt policyen", map[string]string{
		"site/policies/access.md": doc("1.1", "2026-01-15", body3+"\n"),
	})
	c5 := r.commit("2026-01-25T12:00:00Z", "Ola Nordmann", "Bare utenfor", map[string]string{
		"outside.txt": "endret\n",
	})
	label := map[string]string{c1: "c1", c2: "c2", c3: "c3", c4: "c4", c5: "c5"}

	h := read(t, filepath.Join(r.dir, "site"), Options{})
	if h.Unavailable != "" || h.Shallow {
		t.Errorf("Unavailable %q, Shallow %v; want a full history", h.Unavailable, h.Shallow)
	}
	if h.GitProcesses != 5 {
		t.Errorf("GitProcesses = %d, want 5 (rev-parse, ls-tree, log, cat-file, status)", h.GitProcesses)
	}
	checkEntries(t, h, "policies/access.md", label,
		"c4 renamed policies/access.md from pol/a.md v1.1",
		"c3 modified pol/a.md v1.1 *",
		"c2 modified pol/a.md v1.0",
		"c1 added pol/a.md v1.0 *",
	)
	checkEntries(t, h, "b.md", label, "c1 added b.md")
	checkEntries(t, h, "vedlegg/skjema æ.md", label, "c1 added vedlegg/skjema æ.md")
	if es := h.Entries("pol/a.md"); es != nil {
		t.Errorf("the old name has entries of its own: %v", brief(es, label))
	}
	if es := h.Entries("../outside.txt"); es != nil {
		t.Errorf("a file outside the site has entries")
	}
	if got, want := h.Paths(), []string{"b.md", "policies/access.md", "vedlegg/skjema æ.md"}; !slices.Equal(got, want) {
		t.Errorf("Paths = %q, want %q", got, want)
	}

	es := h.Entries("policies/access.md")
	e := es[1]
	if e.Hash != c3 || e.ShortHash != c3[:7] || e.Author != "Kari Nordmann" || e.Date != "2026-01-15" ||
		e.Time.Location().String() != "UTC" || e.Subject != "Versjon 1.1" || e.Approved != "2026-01-15" ||
		e.Approver != "Daglig leder" || e.File != "policies/access.md" {
		t.Errorf("entry for c3 = %+v", e)
	}
	if got := es[2].Subject; got != "Rett skrivefeil over to linjer" {
		t.Errorf("subject of c2 = %q, want the first paragraph on one line", got)
	}

	prev, ok := h.PreviousVersion("policies/access.md")
	if !ok || prev.Version != "1.0" || prev.Body != body2 || prev.Changed.Hash != c3 {
		t.Errorf("PreviousVersion = %+v, %v; want version 1.0, c2's body, changed in c3", prev, ok)
	}
	if _, ok := h.PreviousVersion("b.md"); ok {
		t.Errorf("PreviousVersion of a file without versions reports one")
	}
	if f, ok := h.CommittedFile("policies/access.md"); !ok || string(f) != doc("1.1", "2026-01-15", body3+"\n") {
		t.Errorf("CommittedFile = %q, %v; want the file at HEAD", f, ok)
	}
	if _, ok := h.CommittedFile("b.md"); ok {
		t.Errorf("CommittedFile of a file without a previous version reports one")
	}
	if _, ok := h.CommittedBody("policies/access.md"); ok {
		t.Errorf("CommittedBody of a file without uncommitted changes reports one")
	}

	var changes []string
	for _, e := range h.Changes() {
		changes = append(changes, label[e.Hash]+" "+e.File)
	}
	want := []string{"c4 policies/access.md", "c3 policies/access.md", "c2 policies/access.md",
		"c1 b.md", "c1 policies/access.md", "c1 vedlegg/skjema æ.md"}
	if !slices.Equal(changes, want) {
		t.Errorf("Changes:\n got %q\nwant %q", changes, want)
	}

	// The top of the work tree reads the same history under longer names.
	top := read(t, r.dir, Options{CommittedOnly: true})
	if top.GitProcesses != 4 {
		t.Errorf("GitProcesses without the working tree = %d, want 4", top.GitProcesses)
	}
	checkEntries(t, top, "site/policies/access.md", label,
		"c4 renamed site/policies/access.md from site/pol/a.md v1.1",
		"c3 modified site/pol/a.md v1.1 *",
		"c2 modified site/pol/a.md v1.0",
		"c1 added site/pol/a.md v1.0 *",
	)
	checkEntries(t, top, "outside.txt", label, "c5 modified outside.txt", "c1 added outside.txt")
}

func TestMerges(t *testing.T) {
	r := newRepo(t)
	c1 := r.commit("2026-02-01T10:00:00Z", "A", "start", map[string]string{
		"a.md": doc("1", "", "Linje en.\nLinje to.\nLinje tre.\n"),
		"b.md": "b\n",
	})
	// A side branch changes a.md; the main line changes b.md; a clean merge.
	r.git("checkout", "-q", "-b", "side")
	s1 := r.commit("2026-02-02T10:00:00Z", "B", "side: a.md v2", map[string]string{
		"a.md": doc("2", "", "Linje en.\nLinje to, endret.\nLinje tre.\n"),
	})
	r.git("checkout", "-q", "main")
	m1 := r.commit("2026-02-03T10:00:00Z", "A", "main: b.md", map[string]string{"b.md": "b endret\n"})
	r.gitAt("2026-02-04T10:00:00Z", "A", "merge", "-q", "--no-ff", "-m", "merge side", "side")
	merge1 := r.git("rev-parse", "HEAD")

	// Both lines change the same line of a.md: the merge resolves it.
	r.git("checkout", "-q", "-b", "side2")
	s2 := r.commit("2026-02-05T10:00:00Z", "B", "side2: a.md", map[string]string{
		"a.md": doc("2", "", "Linje en, side.\nLinje to, endret.\nLinje tre.\n"),
	})
	r.git("checkout", "-q", "main")
	m2 := r.commit("2026-02-06T10:00:00Z", "A", "main: a.md", map[string]string{
		"a.md": doc("2", "", "Linje en, hoved.\nLinje to, endret.\nLinje tre.\n"),
	})
	if _, err := r.try("2026-02-07T10:00:00Z", "A", "merge", "-q", "--no-ff", "-m", "merge side2", "side2"); err == nil {
		t.Fatal("the merge was expected to conflict")
	}
	merge2 := r.commit("2026-02-07T10:00:00Z", "A", "merge side2, resolved", map[string]string{
		"a.md": doc("3", "", "Linje en, samlet.\nLinje to, endret.\nLinje tre.\n"),
	})

	// A side branch renames b.md while the main line changes a.md.
	r.git("checkout", "-q", "-b", "side3")
	r.write(map[string]string{"b.md": ""})
	s3 := r.commit("2026-02-08T10:00:00Z", "B", "side3: b.md → c.md", map[string]string{"c.md": "b endret\n"})
	r.git("checkout", "-q", "main")
	m3 := r.commit("2026-02-09T10:00:00Z", "A", "main: a.md again", map[string]string{
		"a.md": doc("3", "", "Linje en, samlet.\nLinje to, endret igjen.\nLinje tre.\n"),
	})
	r.gitAt("2026-02-10T10:00:00Z", "A", "merge", "-q", "--no-ff", "-m", "merge side3", "side3")

	// A side branch whose change to a.md the merge throws away.
	r.git("checkout", "-q", "-b", "side4")
	s4 := r.commit("2026-02-11T10:00:00Z", "B", "side4: discarded", map[string]string{
		"a.md": doc("9", "", "Forkastet.\n"),
	})
	r.git("checkout", "-q", "main")
	r.gitAt("2026-02-12T10:00:00Z", "A", "merge", "-q", "--no-ff", "-s", "ours", "-m", "merge side4 (ours)", "side4")

	label := map[string]string{c1: "c1", s1: "s1", m1: "m1", merge1: "merge1", s2: "s2", m2: "m2",
		merge2: "merge2", s3: "s3", m3: "m3", s4: "s4"}
	h := read(t, r.dir, Options{})
	checkEntries(t, h, "a.md", label,
		"m3 modified a.md v3",
		"merge2 modified a.md v3 * merge",
		"m2 modified a.md v2",
		"s2 modified a.md v2",
		"s1 modified a.md v2 *",
		"c1 added a.md v1 *",
	)
	checkEntries(t, h, "c.md", label,
		"s3 renamed c.md from b.md",
		"m1 modified b.md",
		"c1 added b.md",
	)
	if es := h.Entries("b.md"); es != nil {
		t.Errorf("b.md, renamed on a side branch, still has entries: %v", brief(es, label))
	}
	for _, e := range h.Changes() {
		if e.Hash == s4 {
			t.Errorf("the discarded side commit is listed: %+v", e)
		}
	}
	if h.GitProcesses != 5 {
		t.Errorf("GitProcesses = %d, want 5", h.GitProcesses)
	}
}

func TestWorkingTree(t *testing.T) {
	r := newRepo(t)
	committed := "Tilgang gis etter behov.\n"
	c1 := r.commit("2026-03-01T12:00:00Z", "A", "start", map[string]string{
		"a.md": doc("1", "", committed),
		"b.md": doc("1", "", "B\n"),
		"e.md": doc("1", "", "E\n"),
	})
	r.write(map[string]string{
		"a.md": doc("2", "", "Tilgang gis etter tjenstlig behov.\n"),
		"c.md": doc("1", "", "Ny\n"),
		"e.md": "",
	})
	r.git("mv", "b.md", "d.md")
	label := map[string]string{c1: "c1"}

	h := read(t, r.dir, Options{})
	checkEntries(t, h, "a.md", label, "work modified a.md v2 *", "c1 added a.md v1 *")
	checkEntries(t, h, "c.md", label, "work added c.md v1 *")
	checkEntries(t, h, "d.md", label, "work renamed d.md from b.md v1", "c1 added b.md v1 *")
	checkEntries(t, h, "e.md", label, "c1 added e.md v1 *") // deleted in the working tree: no entry for it
	if got := h.Entries("a.md")[0]; got.Hash != "" || got.Date != "" || !got.Time.IsZero() {
		t.Errorf("uncommitted entry has commit data: %+v", got)
	}
	prev, ok := h.PreviousVersion("a.md")
	if !ok || prev.Version != "1" || prev.Body != committed || !prev.Changed.Uncommitted {
		t.Errorf("PreviousVersion(a.md) = %+v, %v; want the committed text of version 1", prev, ok)
	}
	if body, ok := h.CommittedBody("a.md"); !ok || body != committed {
		t.Errorf("CommittedBody(a.md) = %q, %v; want %q", body, ok, committed)
	}
	if body, ok := h.CommittedBody("d.md"); !ok || body != "B\n" {
		t.Errorf("CommittedBody(d.md) = %q, %v; want HEAD's b.md", body, ok)
	}
	if _, ok := h.CommittedBody("c.md"); ok {
		t.Errorf("CommittedBody of a new file reports one")
	}
	if got, ok := h.LastCommit("a.md"); !ok || got.Hash != c1 {
		t.Errorf("LastCommit(a.md) = %+v, %v; want c1", got, ok)
	}
	if _, ok := h.LastCommit("c.md"); ok {
		t.Errorf("LastCommit of a file never committed reports one")
	}
	if got := h.Changes()[0]; !got.Uncommitted {
		t.Errorf("Changes does not start with the uncommitted changes: %+v", got)
	}

	co := read(t, r.dir, Options{CommittedOnly: true})
	checkEntries(t, co, "a.md", label, "c1 added a.md v1 *")
	checkEntries(t, co, "b.md", label, "c1 added b.md v1 *")
	if co.Entries("c.md") != nil || co.Entries("d.md") != nil {
		t.Errorf("CommittedOnly shows working-tree files")
	}
}

func TestShallowClone(t *testing.T) {
	r := newRepo(t)
	var hashes []string
	for i := 1; i <= 3; i++ {
		hashes = append(hashes, r.commit(fmt.Sprintf("2026-04-0%dT12:00:00Z", i), "A", fmt.Sprintf("v%d", i),
			map[string]string{"site/a.md": doc(fmt.Sprint(i), "", fmt.Sprintf("Tekst %d.\n", i))}))
	}
	label := map[string]string{hashes[0]: "c1", hashes[1]: "c2", hashes[2]: "c3"}
	for _, tt := range []struct {
		depth string
		want  []string
	}{
		{"1", []string{"c3 added site/a.md v3 boundary"}},
		{"2", []string{"c3 modified site/a.md v3 *", "c2 added site/a.md v2 boundary"}},
	} {
		clone := filepath.Join(t.TempDir(), "clone")
		r.git("clone", "-q", "--depth", tt.depth, "file://"+r.dir, clone)
		h := read(t, clone, Options{})
		if !h.Shallow {
			t.Errorf("depth %s: Shallow not set", tt.depth)
		}
		checkEntries(t, h, "site/a.md", label, tt.want...)
		_, ok := h.PreviousVersion("site/a.md")
		if want := tt.depth == "2"; ok != want {
			t.Errorf("depth %s: PreviousVersion ok = %v, want %v", tt.depth, ok, want)
		}
	}
}

func TestDetachedHead(t *testing.T) {
	r := newRepo(t)
	c1 := r.commit("2026-05-01T12:00:00Z", "A", "one", map[string]string{"a.md": doc("1", "", "En.\n")})
	c2 := r.commit("2026-05-02T12:00:00Z", "A", "two", map[string]string{"a.md": doc("2", "", "To.\n")})
	r.commit("2026-05-03T12:00:00Z", "A", "three", map[string]string{"a.md": doc("3", "", "Tre.\n")})
	r.git("checkout", "-q", "--detach", c2)
	h := read(t, r.dir, Options{})
	if h.Head != c2 {
		t.Errorf("Head = %q, want %q", h.Head, c2)
	}
	checkEntries(t, h, "a.md", map[string]string{c1: "c1", c2: "c2"},
		"c2 modified a.md v2 *", "c1 added a.md v1 *")
}

func TestNoHistory(t *testing.T) {
	isolateEnv(t)
	t.Run("no git on the PATH", func(t *testing.T) {
		t.Setenv("PATH", "")
		h, err := Read(t.TempDir(), Options{})
		if err != nil || h.Unavailable != "git not found" || h.GitProcesses != 0 || h.Paths() != nil {
			t.Errorf("Read = %+v, %v; want no history, no error", h, err)
		}
	})
	t.Run("a git that does not exist", func(t *testing.T) {
		h, err := Read(t.TempDir(), Options{Git: filepath.Join(t.TempDir(), "git")})
		if err != nil || h.Unavailable != "git not found" {
			t.Errorf("Read = %+v, %v; want no history, no error", h, err)
		}
	})
	t.Run("not a work tree", func(t *testing.T) {
		needGit(t)
		h, err := Read(t.TempDir(), Options{})
		if err != nil || !strings.Contains(h.Unavailable, "not a git repository") || h.Paths() != nil {
			t.Errorf("Read = %+v, %v; want no history, no error", h, err)
		}
	})
	t.Run("inside .git", func(t *testing.T) {
		r := newRepo(t)
		h, err := Read(filepath.Join(r.dir, ".git"), Options{})
		if err != nil || h.Unavailable == "" || h.Paths() != nil {
			t.Errorf("Read = %+v, %v; want no history, no error", h, err)
		}
	})
	t.Run("no commit yet", func(t *testing.T) {
		r := newRepo(t)
		r.write(map[string]string{"a.md": doc("1", "", "En.\n")})
		h, err := Read(r.dir, Options{})
		if err != nil || h.Unavailable != "no commit yet" || h.Head != "" {
			t.Fatalf("Read = %+v, %v; want no commits, no error", h, err)
		}
		checkEntries(t, h, "a.md", nil, "work added a.md v1 *")
		if _, ok := h.PreviousVersion("a.md"); ok {
			t.Errorf("PreviousVersion reports a text before the first commit")
		}
	})
	t.Run("timed out", func(t *testing.T) {
		r := newRepo(t)
		r.commit("2026-05-01T12:00:00Z", "A", "one", map[string]string{"a.md": "a\n"})
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		h, err := ReadContext(ctx, r.dir, Options{})
		if err == nil || !errors.Is(err, context.Canceled) || h == nil || h.Paths() != nil {
			t.Errorf("ReadContext after cancel = %+v, %v; want an error and no history", h, err)
		}
		h, err = Read(r.dir, Options{Timeout: time.Nanosecond})
		if err == nil || !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "timed out") || h.Paths() != nil {
			t.Errorf("Read with no time = %+v, %v; want a timeout error and no history", h, err)
		}
	})
}

func TestDeterministic(t *testing.T) {
	r := newRepo(t)
	for i := range 4 {
		r.commit(fmt.Sprintf("2026-06-0%dT12:00:00Z", i+1), "A", fmt.Sprint("c", i), map[string]string{
			fmt.Sprintf("d%d.md", i%2): doc(fmt.Sprint(i), "", fmt.Sprintf("Tekst %d.\n", i)),
			"fast.md":                  doc("1", "", fmt.Sprintf("%d\n", i)),
		})
	}
	a := read(t, r.dir, Options{})
	b := read(t, r.dir, Options{})
	if !reflect.DeepEqual(a, b) {
		t.Errorf("two reads of the same commit differ")
	}
	if len(a.Changes()) != 8 {
		t.Errorf("Changes has %d entries, want 8", len(a.Changes()))
	}
}

// TestOddCommits reads commits that git's own commands rarely write: a
// signature header with continuation lines, a message in Latin-1, a
// message with lines that look like diff lines, and an empty message.
func TestOddCommits(t *testing.T) {
	r := newRepo(t)
	c1 := r.commit("2026-07-01T12:00:00Z", "A", "start", map[string]string{"a.md": doc("1", "", "En.\n")})
	r.write(map[string]string{"a.md": doc("2", "", "To.\n")})
	r.git("add", "-A")
	tree := r.git("write-tree")
	raw := "tree " + tree + "\nparent " + c1 + "\n" +
		"author K\xe5re Nilsen <k@example.com> 1782907200 +0200\n" +
		"committer C <c@example.com> 1782907200 +0200\n" +
		"encoding ISO-8859-1\n" +
		"gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n :100644 100644 a b M\n -----END PGP SIGNATURE-----\n" +
		"\n" +
		"Rettet \xe6rlig\n\n:100644 100644 0000 1111 M\tfalsk.md\ncommit 1234\n"
	c2 := hashObject(t, r, raw)
	r.write(map[string]string{"a.md": doc("2", "", "Tre.\n")})
	r.git("add", "-A")
	tree3 := r.git("write-tree")
	c3 := hashObject(t, r, "tree "+tree3+"\nparent "+c2+"\nauthor \xffA <a@x> 1782993600 +0000\ncommitter A <a@x> 1782993600 +0000\n\n")
	r.git("update-ref", "HEAD", c3)

	h := read(t, r.dir, Options{})
	label := map[string]string{c1: "c1", c2: "c2", c3: "c3"}
	checkEntries(t, h, "a.md", label, "c3 modified a.md v2", "c2 modified a.md v2 *", "c1 added a.md v1 *")
	e := h.Entries("a.md")[1]
	// git converts a message in a declared encoding to UTF-8.
	if e.Author != "Kåre Nilsen" || e.Subject != "Rettet ærlig" || e.Date != "2026-07-01" {
		t.Errorf("odd commit read as author %q, subject %q, date %s", e.Author, e.Subject, e.Date)
	}
	// Bytes that are not UTF-8 and not declared are replaced.
	if e := h.Entries("a.md")[0]; e.Subject != "" || e.Author != "\uFFFDA" {
		t.Errorf("commit with an empty message read as author %q, subject %q", e.Author, e.Subject)
	}
	if h.Entries("falsk.md") != nil {
		t.Errorf("a line of a message was read as a change")
	}
}

func hashObject(t *testing.T, r *repo, raw string) string {
	t.Helper()
	cmd := exec.Command("git", "hash-object", "-t", "commit", "-w", "--stdin", "--literally")
	cmd.Dir = r.dir
	cmd.Stdin = strings.NewReader(raw)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git hash-object: %v\n%s", err, out)
	}
	return strings.TrimSpace(string(out))
}

// TestUserConfigIgnored reads a repository whose user has every setting
// that would change what git prints.
func TestUserConfigIgnored(t *testing.T) {
	r := newRepo(t)
	c1 := r.commit("2026-08-01T12:00:00Z", "A", "start", map[string]string{
		"site/a b/æ.md": doc("1", "", "En.\n"),
	})
	r.write(map[string]string{"site/a b/æ.md": ""})
	c2 := r.commit("2026-08-02T12:00:00Z", "Åse", "Flytt til «ny»", map[string]string{"site/ny/ø.md": doc("1", "", "En.\n")})
	r.write(map[string]string{"site/ny/ø.md": doc("2", "", "En.\n"), "site/c.md": "c\n"})
	config := `[color]
	ui = always
[log]
	decorate = full
	abbrevCommit = true
	showSignature = true
	showRoot = false
	diffMerges = first-parent
	follow = true
	date = relative
[diff]
	relative = true
	renames = false
	noprefix = true
	mnemonicPrefix = true
[core]
	quotePath = true
[status]
	renames = false
	relativePaths = true
	short = true
	branch = true
	showUntrackedFiles = no
[format]
	pretty = oneline
[i18n]
	logOutputEncoding = ISO-8859-1
`
	if err := os.WriteFile(os.Getenv("GIT_CONFIG_GLOBAL"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	h := read(t, filepath.Join(r.dir, "site"), Options{})
	label := map[string]string{c1: "c1", c2: "c2"}
	checkEntries(t, h, "ny/ø.md", label, "work modified ny/ø.md v2 *", "c2 renamed ny/ø.md from a b/æ.md v1", "c1 added a b/æ.md v1 *")
	checkEntries(t, h, "c.md", label, "work added c.md")
	if e := h.Entries("ny/ø.md")[1]; len(e.Hash) != 40 || e.Author != "Åse" || e.Subject != "Flytt til «ny»" {
		t.Errorf("entry read as %+v", e)
	}
}

func TestUpdate(t *testing.T) {
	r := newRepo(t)
	c1 := r.commit("2026-09-01T12:00:00Z", "A", "start", map[string]string{
		"a.md": doc("1", "", "Første tekst.\n"),
		"b.md": doc("1", "", "B.\n"),
	})
	label := map[string]string{c1: "c1"}
	h := read(t, r.dir, Options{})
	checkEntries(t, h, "a.md", label, "c1 added a.md v1 *")

	// A save: the working tree changes, HEAD does not.
	r.write(map[string]string{"a.md": doc("2", "", "Andre tekst.\n")})
	ctx := context.Background()
	u, err := h.Update(ctx, Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkEntries(t, u, "a.md", label, "work modified a.md v2 *", "c1 added a.md v1 *")
	if body, ok := u.CommittedBody("a.md"); !ok || body != "Første tekst.\n" {
		t.Errorf("CommittedBody after Update = %q, %v", body, ok)
	}
	if p, ok := u.PreviousVersion("a.md"); !ok || p.Body != "Første tekst.\n" || p.Version != "1" {
		t.Errorf("PreviousVersion after Update = %+v, %v", p, ok)
	}
	if u.GitProcesses != 3 {
		t.Errorf("Update ran %d git processes, want 3 (rev-parse, status, cat-file)", u.GitProcesses)
	}
	checkEntries(t, h, "a.md", label, "c1 added a.md v1 *") // the old History is as it was

	// Another save: the committed text is known, no cat-file.
	r.write(map[string]string{"a.md": doc("2", "", "Tredje tekst.\n")})
	u1, err := u.Update(ctx, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if u1.GitProcesses != 2 {
		t.Errorf("second Update ran %d git processes, want 2", u1.GitProcesses)
	}
	checkEntries(t, u1, "a.md", label, "work modified a.md v2 *", "c1 added a.md v1 *")

	// A staged rename: the history moves with the file.
	r.git("mv", "b.md", "c.md")
	u2, err := u1.Update(ctx, Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkEntries(t, u2, "c.md", label, "work renamed c.md from b.md v1", "c1 added b.md v1 *")
	if u2.Entries("b.md") != nil {
		t.Errorf("b.md keeps its history after the rename")
	}

	// A commit moves HEAD: everything is read again.
	c2 := r.commit("2026-09-02T12:00:00Z", "A", "two", nil)
	label[c2] = "c2"
	u3, err := u2.Update(ctx, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if u3.Head != c2 || u3.GitProcesses != 6 {
		t.Errorf("Update after a commit: Head %s, %d git processes; want %s, 6 (1 + a full read)", u3.Head, u3.GitProcesses, c2)
	}
	checkEntries(t, u3, "a.md", label, "c2 modified a.md v2 *", "c1 added a.md v1 *")
	checkEntries(t, u3, "c.md", label, "c2 renamed c.md from b.md v1", "c1 added b.md v1 *")
	full := read(t, r.dir, Options{})
	full.GitProcesses = u3.GitProcesses
	if !reflect.DeepEqual(full, u3) {
		t.Errorf("Update after a commit differs from Read")
	}
}

// TestLogWrittenInBlocks checks that git log is asked to write its output
// in blocks (GIT_FLUSH=0, even when the user's environment says 1), and
// cat-file, whose answers are awaited, is not.
func TestLogWrittenInBlocks(t *testing.T) {
	r := newRepo(t)
	r.commit("2026-09-01T12:00:00Z", "A", "start", map[string]string{"a.md": doc("1", "", "En.\n")})
	real, err := exec.LookPath("git")
	if err != nil {
		t.Fatal(err)
	}
	calls := filepath.Join(t.TempDir(), "calls")
	wrapper := filepath.Join(t.TempDir(), "git")
	script := "#!/bin/sh\necho \"${GIT_FLUSH-unset} $*\" >> '" + calls + "'\nexec '" + real + "' \"$@\"\n"
	if err := os.WriteFile(wrapper, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GIT_FLUSH", "1")
	h := read(t, r.dir, Options{Git: wrapper})
	if len(h.Entries("a.md")) != 1 {
		t.Fatalf("entries of a.md: %+v", h.Entries("a.md"))
	}
	data, err := os.ReadFile(calls)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		flush, args, _ := strings.Cut(line, " ")
		for _, cmd := range []string{" log ", " cat-file "} {
			if strings.Contains(" "+args+" ", cmd) {
				seen[strings.TrimSpace(cmd)] = flush
			}
		}
	}
	if seen["log"] != "0" || seen["cat-file"] != "1" {
		t.Errorf("GIT_FLUSH for log and cat-file = %q, %q; want 0 and 1 (as the user set it)\n%s", seen["log"], seen["cat-file"], data)
	}
}
