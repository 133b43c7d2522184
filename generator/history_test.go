package generator

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/isms-project/isms/internal/sitefs"
)

// gitSite is a site folder that is a git repository, in a test's
// temporary folder, with the user's and the system's git settings kept out.
type gitSite struct {
	t   testing.TB
	dir string
}

func newGitSite(t testing.TB) *gitSite {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed: this test needs it")
	}
	isolateGit(t)
	s := &gitSite{t: t, dir: t.TempDir()}
	s.git("2026-01-01T12:00:00Z", "Test", "init", "-q", "-b", "main")
	return s
}

// isolateGit keeps the user's and the system's git settings out of the
// test, and stops git from finding a repository above the test's folders.
func isolateGit(t testing.TB) {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", home)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_CONFIG_GLOBAL", filepath.Join(home, "gitconfig"))
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(home))
	for _, v := range []string{"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"} {
		t.Setenv(v, "")
		os.Unsetenv(v)
	}
}

// git runs git in the site with the author and both dates set.
func (s *gitSite) git(date, author string, args ...string) string {
	s.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = s.dir
	cmd.Env = append(os.Environ(),
		"GIT_AUTHOR_NAME="+author, "GIT_AUTHOR_EMAIL=author@example.com",
		"GIT_COMMITTER_NAME=Committer", "GIT_COMMITTER_EMAIL=committer@example.com",
		"GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
	out, err := cmd.CombinedOutput()
	if err != nil {
		s.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// write writes files (path → content; "" removes the file).
func (s *gitSite) write(files map[string]string) {
	s.t.Helper()
	for p, content := range files {
		full := filepath.Join(s.dir, filepath.FromSlash(p))
		if content == "" {
			if err := os.Remove(full); err != nil {
				s.t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			s.t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			s.t.Fatal(err)
		}
	}
}

// commit writes files, commits everything and returns the commit's hash.
func (s *gitSite) commit(date, author, message string, files map[string]string) string {
	s.t.Helper()
	s.write(files)
	s.git(date, author, "add", "-A")
	s.git(date, author, "commit", "-q", "-m", message)
	return s.git(date, author, "rev-parse", "HEAD")
}

// build builds the site folder as isms build does, with its history.
func (s *gitSite) build(opts Options) *Result {
	s.t.Helper()
	fsys := sitefs.DirFS(s.dir)
	opts.Dir = s.dir
	res := buildSite(s.t, fsys, opts)
	if res.Output == nil {
		s.t.Fatalf("build failed:\n%s", res.Findings.Text())
	}
	return res
}

func page(t testing.TB, res *Result, p string) string {
	t.Helper()
	data, err := res.Output.Read(p)
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return string(data)
}

const historyConfig = "title: History ISMS\norganization: Test AS\nlanguage: en\nrepository_url: https://git.example.com/isms/commit/{hash}\n"

// historyDoc is a policy with a version and a body.
func historyDoc(id, version, approved, classification, body string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\nid: %s\ntitle: Policy %s\ntype: policy\n", id, id)
	if version != "" {
		fmt.Fprintf(&b, "version: %q\n", version)
	}
	if approved != "" {
		fmt.Fprintf(&b, "approved: %s\napprover: Chief Executive\nstatus: approved\n", approved)
	}
	if classification != "" {
		fmt.Fprintf(&b, "classification: %s\n", classification)
	}
	b.WriteString("---\n")
	b.WriteString(body)
	return b.String()
}

// historySite makes a repository with POL-01 committed four times: created
// at 1.0, a fix of wording, a rename, and version 2.0 with text changes;
// POL-02 is confidential (withheld by a build) and committed twice.
func historySite(t testing.TB) (*gitSite, map[string]string) {
	s := newGitSite(t)
	hashes := map[string]string{}
	hashes["create"] = s.commit("2026-01-10T09:00:00Z", "Ada", "Create access policy", map[string]string{
		"isms.yaml":         historyConfig,
		"policies/pol01.md": historyDoc("POL-01", "1.0", "2026-01-10", "", "Access is granted on need.\n\nAccounts are reviewed yearly.\n"),
		"policies/pol02.md": historyDoc("POL-02", "1.0", "2026-01-10", "confidential", "Secret okapicanarybody text.\n"),
	})
	hashes["wording"] = s.commit("2026-02-03T09:00:00Z", "Bjørn", "Fix wording", map[string]string{
		"policies/pol01.md": historyDoc("POL-01", "1.0", "2026-01-10", "", "Access is granted on need to know.\n\nAccounts are reviewed yearly.\n"),
	})
	s.git("2026-02-20T09:00:00Z", "Bjørn", "mv", "policies/pol01.md", "policies/access.md")
	hashes["rename"] = s.commit("2026-02-20T09:00:00Z", "Bjørn", "Rename the access policy", nil)
	hashes["v2"] = s.commit("2026-03-05T09:00:00Z", "Cecilie", "Access policy 2.0", map[string]string{
		"policies/access.md": historyDoc("POL-01", "2.0", "2026-03-05", "", "Access is granted on need to know.\n\nAccounts are reviewed quarterly.\n"),
		"policies/pol02.md":  historyDoc("POL-02", "1.1", "2026-03-05", "confidential", "Secret lynxcanarysubject text.\n"),
	})
	// The withheld document's commit subject must not leak either.
	hashes["secret"] = s.commit("2026-03-06T09:00:00Z", "Ada", "okapicanarysubject tweak", map[string]string{
		"policies/pol02.md": historyDoc("POL-02", "1.1", "2026-03-05", "confidential", "Secret lynxcanarysubject text, tweaked.\n"),
	})
	return s, hashes
}

// TestHistoryDocPage: a document page lists every commit that changed the
// file, newest first and across a rename, with date, author, subject and
// linked short hash; marks the version changes with the approval as it
// stood; and shows the words changed since the previous version.
func TestHistoryDocPage(t *testing.T) {
	s, hashes := historySite(t)
	res := s.build(Options{})
	if n := len(quiet(res.Findings)); n != 0 {
		t.Errorf("findings: %s", quiet(res.Findings).Text())
	}
	html := page(t, res, "docs/POL-01/index.html")
	sec := section(t, html, `<section class="doc-history"`, `</section>`)

	// Every commit, newest first.
	var last int
	for _, c := range []struct{ key, date, author, subject string }{
		{"v2", "2026-03-05", "Cecilie", "Access policy 2.0"},
		{"rename", "2026-02-20", "Bjørn", "Rename the access policy"},
		{"wording", "2026-02-03", "Bjørn", "Fix wording"},
		{"create", "2026-01-10", "Ada", "Create access policy"},
	} {
		link := `href="https://git.example.com/isms/commit/` + hashes[c.key] + `"`
		i := strings.Index(sec, link)
		if i < 0 {
			t.Errorf("no link to commit %s (%s) in the history:\n%s", c.key, link, sec)
			continue
		}
		if i < last {
			t.Errorf("commit %s is not in newest-first order", c.key)
		}
		last = i
		entry := sec[strings.LastIndex(sec[:i], "<li"):i]
		for _, want := range []string{`<time datetime="` + c.date + `">` + c.date + `</time>`, c.subject, c.author} {
			if !strings.Contains(entry, want) {
				t.Errorf("entry of commit %s lacks %q:\n%s", c.key, want, entry)
			}
		}
		if !strings.Contains(sec, ">"+hashes[c.key][:7]) {
			t.Errorf("commit %s: short hash not shown", c.key)
		}
	}
	// The version marks: 2.0 and 1.0 (at creation), with their approval.
	marks := regexp.MustCompile(`history-badge-version">version ([0-9.]+)<`).FindAllStringSubmatch(sec, -1)
	if len(marks) != 2 || marks[0][1] != "2.0" || marks[1][1] != "1.0" {
		t.Errorf("version marks %v, want 2.0 then 1.0", marks)
	}
	if !strings.Contains(sec, "approved 2026-03-05 · by Chief Executive") {
		t.Errorf("the version 2.0 entry lacks its approval:\n%s", sec)
	}
	if !strings.Contains(sec, "renamed from policies/pol01.md") {
		t.Errorf("the rename is not shown:\n%s", sec)
	}
	// The change since 1.0: yearly → quarterly, word by word.
	if !strings.Contains(sec, "Changes since version 1.0") {
		t.Errorf("no changes since version 1.0:\n%s", sec)
	}
	diff := section(t, sec, `<pre class="worddiff">`, `</pre>`)
	if !regexp.MustCompile(`<del>(<span class="visually-hidden">removed: ?</span>)?yearly</del>`).MatchString(diff) ||
		!regexp.MustCompile(`<ins>(<span class="visually-hidden">added: ?</span>)?quarterly</ins>`).MatchString(diff) {
		t.Errorf("the diff does not mark yearly → quarterly:\n%s", diff)
	}
	if strings.Contains(diff, "<ins>to know") || strings.Contains(diff, "<del>Access") {
		t.Errorf("the diff marks text that did not change since 1.0:\n%s", diff)
	}
	checkLinks(t, res.Output, "docs/POL-01/index.html", "changes/index.html", "index.html")
}

// section returns the part of s from the first start to the following end.
func section(t testing.TB, s, start, end string) string {
	t.Helper()
	i := strings.Index(s, start)
	if i < 0 {
		t.Fatalf("no %s in:\n%s", start, s)
	}
	j := strings.Index(s[i:], end)
	if j < 0 {
		t.Fatalf("no %s after %s", end, start)
	}
	return s[i : i+j+len(end)]
}

// TestHistoryChangesPage: changes/ lists every change of a published
// document, newest first, grouped by month, version changes marked; the
// overview's "recently changed" is dated by the last commit.
func TestHistoryChangesPage(t *testing.T) {
	s, hashes := historySite(t)
	res := s.build(Options{})
	html := page(t, res, "changes/index.html")
	months := regexp.MustCompile(`<time datetime="(2026-\d\d)">`).FindAllStringSubmatch(html, -1)
	var got []string
	for _, m := range months {
		got = append(got, m[1])
	}
	if want := "2026-03 2026-02 2026-01"; strings.Join(got, " ") != want {
		t.Errorf("months %v, want %s", got, want)
	}
	for _, key := range []string{"v2", "rename", "wording", "create"} {
		if !strings.Contains(html, hashes[key]) {
			t.Errorf("changes/ lacks commit %s", key)
		}
	}
	if i, j := strings.Index(html, hashes["v2"]), strings.Index(html, hashes["create"]); i > j {
		t.Errorf("changes/ is not newest first")
	}
	if n := strings.Count(html, "history-badge-version"); n != 2 {
		t.Errorf("%d version marks on changes/, want 2 (POL-01 1.0 and 2.0)", n)
	}
	if !strings.Contains(html, "4 changes.") {
		t.Errorf("changes/ does not count 4 changes")
	}
	home := page(t, res, "index.html")
	recent := section(t, home, `<section aria-labelledby="recent-h">`, `</section>`)
	if !strings.Contains(recent, `<time datetime="2026-03-05">`) {
		t.Errorf("recently changed does not show POL-01's last commit date:\n%s", recent)
	}
	if !strings.Contains(page(t, res, "docs/index.html"), `href="../changes/index.html"`) {
		t.Errorf("the navigation does not link changes/")
	}
}

// TestHistoryWithheld: a document the build withholds shows no history,
// no diff and no commit subject anywhere; the preview shows it.
func TestHistoryWithheld(t *testing.T) {
	s, hashes := historySite(t)
	res := s.build(Options{})
	for p, text := range outputText(t, res) {
		for _, canary := range []string{"okapicanary", "lynxcanary", hashes["secret"][:7]} {
			if strings.Contains(text, canary) {
				t.Errorf("%s shows %q of the withheld POL-02", p, canary)
			}
		}
	}
	if strings.Contains(page(t, res, "changes/index.html"), "POL-02") {
		t.Errorf("changes/ names the withheld POL-02")
	}
	preview := s.build(Options{LiveReload: true, NoSearch: true})
	if html := page(t, preview, "docs/POL-02/index.html"); !strings.Contains(html, "okapicanarysubject tweak") {
		t.Errorf("the preview does not show POL-02's history")
	}
}

// TestHistoryUncommitted: the live preview shows a saved, uncommitted
// change as the newest entry with its diff against the last commit, after
// an Update of the same Builder; isms build shows only what is committed.
func TestHistoryUncommitted(t *testing.T) {
	s, _ := historySite(t)
	fsys := sitefs.DirFS(s.dir)
	var b Builder
	opts := Options{LiveReload: true, NoSearch: true, Today: today, Dir: s.dir}
	res, err := b.Build(fsys, opts)
	if err != nil || res.Output == nil {
		t.Fatalf("build: %v", err)
	}
	if strings.Contains(page(t, res, "docs/POL-01/index.html"), "history-uncommitted") {
		t.Fatalf("an uncommitted entry before any change")
	}
	s.write(map[string]string{"policies/access.md": historyDoc("POL-01", "2.0", "2026-03-05", "", "Access is granted on need to know.\n\nAccounts are reviewed monthly.\n")})
	opts.Changed = []string{"policies/access.md"}
	res, err = b.Build(fsys, opts)
	if err != nil || res.Output == nil {
		t.Fatalf("build: %v", err)
	}
	html := page(t, res, "docs/POL-01/index.html")
	list := section(t, html, `<ol class="history-list">`, `</ol>`)
	if first := section(t, list, "<li", "</li>"); !strings.Contains(first, "Not committed") {
		t.Errorf("the newest entry is not the uncommitted change:\n%s", first)
	}
	unc := section(t, html, `<details class="history-diff history-diff-uncommitted"`, `</details>`)
	if !strings.Contains(unc, "quarterly</del>") || !strings.Contains(unc, "monthly</ins>") {
		t.Errorf("the uncommitted diff does not mark quarterly → monthly:\n%s", unc)
	}
	if !containsPath(res.Changed, "docs/POL-01/index.html") {
		t.Errorf("the page was not rendered again: changed %v", res.Changed)
	}

	// A commit changes no file of the site, only the history: the pages
	// that show it are rendered again.
	s.commit("2026-04-02T09:00:00Z", "Dag", "Monthly reviews", nil)
	opts.Changed = []string{}
	res, err = b.Build(fsys, opts)
	if err != nil || res.Output == nil {
		t.Fatalf("build: %v", err)
	}
	for _, p := range []string{"docs/POL-01/index.html", "changes/index.html", "index.html"} {
		if !containsPath(res.Changed, p) {
			t.Errorf("%s was not rendered again after a commit: changed %v", p, res.Changed)
		}
	}
	if html := page(t, res, "docs/POL-01/index.html"); strings.Contains(html, "Not committed") || !strings.Contains(html, "Monthly reviews") {
		t.Errorf("after the commit, the page does not show it in place of the uncommitted change")
	}

	built := s.build(Options{NoSearch: true})
	if html := page(t, built, "docs/POL-01/index.html"); strings.Contains(html, "Not committed") || strings.Contains(html, "history-diff-uncommitted") {
		t.Errorf("isms build shows the uncommitted change")
	}
}

func containsPath(paths []string, p string) bool {
	for _, q := range paths {
		if q == p {
			return true
		}
	}
	return false
}

// TestHistoryNoGit: a site outside any git work tree, or with git not on
// the PATH, builds with no warning and shows no history; changes/ says
// there is none.
func TestHistoryNoGit(t *testing.T) {
	isolateGit(t)
	dir := t.TempDir()
	s := &gitSite{t: t, dir: dir}
	s.write(map[string]string{
		"isms.yaml":         historyConfig,
		"policies/pol01.md": historyDoc("POL-01", "1.0", "2026-01-10", "", "Access is granted on need.\n"),
	})
	for _, path := range []string{os.Getenv("PATH"), t.TempDir()} {
		t.Setenv("PATH", path)
		res := s.build(Options{NoSearch: true})
		if f := quiet(res.Findings); len(f) != 0 {
			t.Errorf("PATH=%s: findings:\n%s", path, f.Text())
		}
		if html := page(t, res, "docs/POL-01/index.html"); strings.Contains(html, "doc-history") {
			t.Errorf("PATH=%s: a history without git", path)
		}
		if html := page(t, res, "changes/index.html"); !strings.Contains(html, "not built from a git repository") {
			t.Errorf("PATH=%s: changes/ does not say there is no history", path)
		}
	}
}

// TestHistoryDeterministic: two builds of the same repository write the
// same bytes; a detached HEAD and a shallow clone build with no warning.
func TestHistoryDeterministic(t *testing.T) {
	s, hashes := historySite(t)
	a, b := s.build(Options{NoSearch: true}), s.build(Options{NoSearch: true})
	for _, p := range a.Output.Paths() {
		x, _ := a.Output.Read(p)
		y, _ := b.Output.Read(p)
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two builds", p)
		}
	}

	s.git("2026-04-01T09:00:00Z", "Ada", "checkout", "-q", "--detach", hashes["rename"])
	res := s.build(Options{NoSearch: true})
	if f := quiet(res.Findings); len(f) != 0 {
		t.Errorf("detached HEAD: findings:\n%s", f.Text())
	}
	if html := page(t, res, "docs/POL-01/index.html"); !strings.Contains(html, hashes["rename"]) || strings.Contains(html, hashes["v2"]) {
		t.Errorf("detached HEAD: the history is not the one checked out")
	}
	s.git("2026-04-01T09:00:00Z", "Ada", "checkout", "-q", "main")

	shallow := &gitSite{t: t, dir: filepath.Join(t.TempDir(), "clone")}
	s.git("2026-04-01T09:00:00Z", "Ada", "clone", "-q", "--depth", "2", "file://"+s.dir, shallow.dir)
	res = shallow.build(Options{NoSearch: true})
	if f := quiet(res.Findings); len(f) != 0 {
		t.Errorf("shallow clone: findings:\n%s", f.Text())
	}
	html := page(t, res, "docs/POL-01/index.html")
	if !strings.Contains(html, hashes["v2"]) || strings.Contains(html, hashes["create"]) {
		t.Errorf("shallow clone: history not cut at the boundary")
	}
	if !strings.Contains(html, "older changes are not shown") {
		t.Errorf("shallow clone: the page does not say the history is shallow")
	}
}
