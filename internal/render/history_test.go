package render

import (
	"bytes"
	"flag"
	"fmt"
	"hash/maphash"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/isms-project/isms/internal/history"
	"github.com/isms-project/isms/internal/model"
	"github.com/isms-project/isms/internal/output"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files under testdata/history")

// historyCommit is one commit of a test repository.
type historyCommit struct {
	when    string            // author and committer date, RFC 3339
	author  string            // name
	message string            // the commit message
	renames [][2]string       // from, to: done before files are written
	files   map[string]string // path → content; "" deletes the file
}

// historyRepo makes a repository of commits in a test's temporary folder
// with git fast-import (fixed dates make fixed hashes), checks out the last
// commit and returns the folder. The user's and the system's git settings
// are kept out, for the test's git and for history.Read alike.
func historyRepo(t *testing.T, commits []historyCommit) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed: this test needs it")
	}
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
	dir := t.TempDir()
	var stream bytes.Buffer
	for i, c := range commits {
		when, err := time.Parse(time.RFC3339, c.when)
		if err != nil {
			t.Fatal(err)
		}
		person := fmt.Sprintf("%s <%s@example.com> %d +0000", c.author, strings.ToLower(c.author), when.Unix())
		fmt.Fprintf(&stream, "commit refs/heads/main\nmark :%d\nauthor %s\ncommitter %s\ndata %d\n%s\n",
			i+1, person, person, len(c.message), c.message)
		if i > 0 {
			fmt.Fprintf(&stream, "from :%d\n", i)
		}
		for _, r := range c.renames {
			fmt.Fprintf(&stream, "R %s %s\n", r[0], r[1])
		}
		paths := make([]string, 0, len(c.files))
		for p := range c.files {
			paths = append(paths, p)
		}
		slices.Sort(paths)
		for _, p := range paths {
			if content := c.files[p]; content == "" {
				fmt.Fprintf(&stream, "D %s\n", p)
			} else {
				fmt.Fprintf(&stream, "M 100644 inline %s\ndata %d\n%s\n", p, len(content), content)
			}
		}
	}
	git := func(stdin []byte, args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Stdin = bytes.NewReader(stdin)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	git(nil, "init", "-q", "-b", "main")
	git(stream.Bytes(), "fast-import", "--quiet")
	git(nil, "reset", "-q", "--hard", "main")
	return dir
}

// historyPolicy is a policy's text.
func historyPolicy(id, title, version, approved, classification, body string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\nid: %s\ntitle: %q\ntype: policy\nowner: CISO\n", id, title)
	if version != "" {
		fmt.Fprintf(&b, "version: %q\n", version)
	}
	if approved != "" {
		fmt.Fprintf(&b, "status: approved\napproved: %s\napprover: Board & CEO\n", approved)
	}
	if classification != "" {
		fmt.Fprintf(&b, "classification: %s\n", classification)
	}
	return b.String() + "---\n" + body
}

var historyToday = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

// renderWithHistory renders the site in dir with its git history read as
// opts says, perPage commits on each page of changes/ (0 for the default).
func renderWithHistory(t *testing.T, dir string, opts history.Options, perPage int) (*output.Output, *history.History) {
	t.Helper()
	out, log, _ := renderCountingReads(t, dir, opts, perPage)
	return out, log
}

// renderCountingReads is renderWithHistory, and returns which documents'
// texts were read again to compare them with their previous version.
func renderCountingReads(t *testing.T, dir string, opts history.Options, perPage int) (*output.Output, *history.History, []string) {
	t.Helper()
	fsys := os.DirFS(dir)
	site := loadSite(t, fsys, historyToday)
	seed := maphash.MakeSeed()
	for _, d := range site.Documents { // as the build does
		src, err := fs.ReadFile(fsys, d.Path)
		if err != nil {
			t.Fatal(err)
		}
		d.Sum = maphash.Bytes(seed, src)
	}
	files, _, err := ThemeFS(fsys, site.Config)
	if err != nil {
		t.Fatal(err)
	}
	var themes ThemeCache
	th, err := themes.Load(files, "", false)
	if err != nil {
		t.Fatal(err)
	}
	log, err := history.Read(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var reads []string
	body := func(d *model.Document) (string, error) {
		mu.Lock()
		reads = append(reads, d.ID)
		mu.Unlock()
		src, err := fs.ReadFile(fsys, d.Path)
		if err != nil {
			return "", err
		}
		return string(src[d.MetaEnd:]), nil
	}
	out := output.New(fsys)
	in := Input{Site: site, Theme: th, Seed: seed, History: func() *History { return &History{Log: log, Body: body, perPage: perPage} }}
	if _, _, err := Render(in, Pages{}, out); err != nil {
		t.Fatal(err)
	}
	slices.Sort(reads)
	return out, log, reads
}

// readPage returns a page of out, or fails.
func readPage(t *testing.T, out *output.Output, p string) string {
	t.Helper()
	data, err := out.Read(p)
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return string(data)
}

var (
	changeItem   = regexp.MustCompile(`<li class="history-entry[^"]*">.*?</li>`)
	itemCommit   = regexp.MustCompile(`href="https://git\.example\.com/isms/commit/([0-9a-f]{40})"`)
	itemDoc      = regexp.MustCompile(`<span class="id">([^<]+)</span>`)
	pagesNav     = regexp.MustCompile(`(?s)<nav class="changes-pages".*?</nav>`)
	navLink      = regexp.MustCompile(`<a [^>]*href="([^"]+)"[^>]*>`)
	relLink      = regexp.MustCompile(`href="([^"]+)" rel="(prev|next)"`)
	currentLink  = regexp.MustCompile(`href="([^"]+)" aria-current="page"`)
	monthHeading = regexp.MustCompile(`<h2 id="changes-\d+-h">(?:<time datetime="(\d{4}-\d\d)">[^<]*</time>( <span class="changes-continued">)?|([^<]+))`)
)

// changesRepo is a site of 23 policies changed in 1,150 commits, five
// hours apart over eight months, every 50th commit changing two; POL-23 is
// confidential (a build withholds it) and POL-06 is renamed half way.
func changesRepo(t *testing.T) string {
	var commits []historyCommit
	edits := map[int]int{}
	pathOf := func(d int) string {
		if d == 5 && len(commits) >= 400 {
			return "policies/renamed-06.md"
		}
		return fmt.Sprintf("policies/pol-%02d.md", d+1)
	}
	start := time.Date(2025, 1, 3, 8, 0, 0, 0, time.UTC)
	for i := range 1150 {
		c := historyCommit{
			when:    start.Add(time.Duration(i) * 5 * time.Hour).Format(time.RFC3339),
			author:  []string{"Ada", "Bjørn", "Cecilie"}[i%3],
			message: fmt.Sprintf("Change %d", i),
			files:   map[string]string{},
		}
		if i == 400 {
			c.renames = [][2]string{{"policies/pol-06.md", "policies/renamed-06.md"}}
		}
		if i == 0 {
			c.files["isms.yaml"] = "title: Changes ISMS\norganization: Test AS\nlanguage: en\nrepository_url: https://git.example.com/isms/commit/{hash}\n"
		}
		docs := []int{i % 23}
		if i%50 == 49 {
			docs = append(docs, (i+7)%23)
		}
		for _, d := range docs {
			edits[d]++
			class := ""
			if d == 22 {
				class = "confidential"
			}
			id := fmt.Sprintf("POL-%02d", d+1)
			c.files[pathOf(d)] = historyPolicy(id, "Policy "+id, fmt.Sprintf("1.%d", edits[d]/3), "2025-01-03", class,
				fmt.Sprintf("Edit %d of this policy.\n", edits[d]))
		}
		commits = append(commits, c)
	}
	return historyRepo(t, commits)
}

// TestChangesPages: changes/ in pages of at most 500 commits, newest
// first: the pages together list every change of a published document
// exactly once and in the order of the log; each page links every other,
// the newer and the older one, at the top and at the bottom, so that
// every page is reached from changes/; a month cut by a page boundary
// goes on as "(continued)"; the working tree's changes come on top of the
// first page without moving the commits between pages.
func TestChangesPages(t *testing.T) {
	dir := changesRepo(t)
	out, log := renderWithHistory(t, dir, history.Options{CommittedOnly: true}, 0)

	// What the pages should list: every change of a published policy.
	ids := map[string]string{} // path now → document ID
	for _, p := range log.Paths() {
		if strings.HasSuffix(p, ".md") && !strings.Contains(p, "pol-23") {
			src, err := os.ReadFile(filepath.Join(dir, p))
			if err != nil {
				t.Fatal(err)
			}
			ids[p] = regexp.MustCompile(`(?m)^id: (\S+)`).FindStringSubmatch(string(src))[1]
		}
	}
	var want []string
	for _, e := range log.Changes() {
		if id := ids[e.File]; id != "" {
			want = append(want, e.Hash+" "+id)
		}
	}
	if len(want) < 1100 {
		t.Fatalf("the repository has %d changes of published policies, want over 1,100", len(want))
	}
	pages := (len(want) + changesPerPage - 1) / changesPerPage

	var got []string
	paths := make([]string, pages)
	links := map[string][]string{} // page → the pages it links
	lastMonth := ""
	for n := 1; n <= pages; n++ {
		p := changesPath(n)
		paths[n-1] = p
		html := readPage(t, out, p)
		if len(html) > 1<<20 {
			t.Errorf("%s is %d bytes, want under 1 MB", p, len(html))
		}
		items := changeItem.FindAllString(html, -1)
		if n < pages && len(items) != changesPerPage {
			t.Errorf("%s lists %d changes, want %d", p, len(items), changesPerPage)
		}
		for _, item := range items {
			c, d := itemCommit.FindStringSubmatch(item), itemDoc.FindStringSubmatch(item)
			if c == nil || d == nil {
				t.Fatalf("%s: an item without a commit link or a document: %s", p, item)
			}
			got = append(got, c[1]+" "+d[1])
		}
		if strings.Contains(html, "POL-23") {
			t.Errorf("%s names the withheld POL-23", p)
		}

		// Months newest first, continued across pages.
		for i, m := range monthHeading.FindAllStringSubmatch(html, -1) {
			month, continued := m[1], m[2] != ""
			if month == "" {
				t.Errorf("%s: a month heading without a month: %q", p, m[0])
				continue
			}
			if lastMonth != "" && month > lastMonth {
				t.Errorf("%s: %s after %s, want newest first", p, month, lastMonth)
			}
			if want := i == 0 && month == lastMonth; continued != want {
				t.Errorf("%s: %s marked continued %v, want %v", p, month, continued, want)
			}
			lastMonth = month
		}

		// The links between the pages, at the top and at the bottom.
		navs := pagesNav.FindAllString(html, -1)
		if len(navs) != 2 || navs[0] != navs[1] {
			t.Fatalf("%s has %d links lists between the pages, want the same at the top and the bottom", p, len(navs))
		}
		resolve := func(href string) string { return path.Join(path.Dir(p), href) }
		for _, l := range navLink.FindAllStringSubmatch(navs[0], -1) {
			links[p] = append(links[p], resolve(l[1]))
		}
		if cur := currentLink.FindStringSubmatch(navs[0]); cur == nil || resolve(cur[1]) != p {
			t.Errorf("%s: the current page is not marked in the list: %v", p, cur)
		}
		for _, r := range relLink.FindAllStringSubmatch(navs[0], -1) {
			want := changesPath(n - 1)
			if r[2] == "next" {
				want = changesPath(n + 1)
			}
			if resolve(r[1]) != want {
				t.Errorf("%s: rel=%s links %s, want %s", p, r[2], resolve(r[1]), want)
			}
		}
		if rels := len(relLink.FindAllString(navs[0], -1)); rels != 2-btoi(n == 1)-btoi(n == pages) {
			t.Errorf("%s has %d newer/older links", p, rels)
		}
	}
	if _, err := out.Read(changesPath(pages + 1)); err == nil {
		t.Errorf("a page %d of changes/ beyond the %d needed", pages+1, pages)
	}
	if !slices.Equal(got, want) {
		t.Errorf("the pages list %d changes, want the %d of the log in its order", len(got), len(want))
		seen := map[string]int{}
		for _, g := range got {
			seen[g]++
		}
		for _, w := range want {
			if seen[w] != 1 {
				t.Errorf("%s listed %d times", w, seen[w])
				break
			}
		}
	}

	// Every page is reached from the first.
	reached := map[string]bool{changesPage: true}
	for queue := []string{changesPage}; len(queue) > 0; queue = queue[1:] {
		for _, l := range links[queue[0]] {
			if _, err := out.Read(l); err != nil {
				t.Errorf("%s links %s, which is not a page", queue[0], l)
				continue
			}
			if !reached[l] {
				reached[l] = true
				queue = append(queue, l)
			}
		}
	}
	for _, p := range paths {
		if !reached[p] {
			t.Errorf("%s is not reached from %s", p, changesPage)
		}
	}

	// A change not committed yet comes first, and the pages keep their
	// commits.
	doc := filepath.Join(dir, "policies", "pol-02.md")
	if err := os.WriteFile(doc, []byte(historyPolicy("POL-02", "Policy POL-02", "2.0", "2025-09-01", "", "Rewritten.\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	live, _ := renderWithHistory(t, dir, history.Options{}, 0)
	first := readPage(t, live, changesPage)
	items := changeItem.FindAllString(first, -1)
	if len(items) != changesPerPage+1 || !strings.Contains(items[0], "history-uncommitted") || !strings.Contains(items[0], "POL-02") {
		t.Errorf("the first page does not start with POL-02's uncommitted change, then %d commits", changesPerPage)
	}
	if !strings.Contains(first, `<h2 id="changes-0-h">Not committed</h2>`) {
		t.Errorf("the uncommitted change is not in a group of its own")
	}
	if a, b := readPage(t, out, changesPath(2)), readPage(t, live, changesPath(2)); changeItem.FindString(a) != changeItem.FindString(b) {
		t.Errorf("an uncommitted change moved the commits of page 2")
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

var assetName = regexp.MustCompile(`(assets/[a-z]+)\.[A-Z0-9]{8}\.(css|js)`)

// TestHistoryGolden: a document page with its history and the change
// since its previous version, and the pages of changes/ (two commits a
// page here), are as in testdata/history (go test -update rewrites them).
func TestHistoryGolden(t *testing.T) {
	cfg := "title: Golden ISMS\norganization: Test & Co\nlanguage: en\nrepository_url: https://git.example.com/isms/commit/{hash}?a=1&b=2\n"
	dir := historyRepo(t, []historyCommit{
		{when: "2026-01-10T09:00:00Z", author: "Ada", message: "Create the access policy", files: map[string]string{
			"isms.yaml":         cfg,
			"policies/pol01.md": historyPolicy("POL-01", "Access <control>", "1.0", "2026-01-10", "", "Access is granted on need.\n\n- Accounts are reviewed yearly.\n- Leavers are removed.\n"),
			"policies/pol02.md": historyPolicy("POL-02", "Secret board policy", "1.0", "2026-01-10", "confidential", "Secret text.\n"),
		}},
		{when: "2026-02-03T09:00:00Z", author: "Bjørn", message: `Fix "wording" & layout`, files: map[string]string{
			"policies/pol01.md": historyPolicy("POL-01", "Access <control>", "1.0", "2026-01-10", "", "Access is granted on need to know.\n\n- Accounts are reviewed yearly.\n- Leavers are removed.\n"),
		}},
		{when: "2026-02-20T09:00:00Z", author: "Bjørn", message: "Rename the access policy",
			renames: [][2]string{{"policies/pol01.md", "policies/access.md"}}},
		{when: "2026-02-25T09:00:00Z", author: "Dag", message: "Add the backup procedure", files: map[string]string{
			"procedures/backup.md": "---\nid: PRO-01\ntitle: Backup\ntype: procedure\nversion: \"0.1\"\n---\nCopy every night.\n",
		}},
		{when: "2026-03-05T09:00:00Z", author: "Cecilie", message: "Access policy 2.0", files: map[string]string{
			"policies/access.md": historyPolicy("POL-01", "Access <control>", "2.0", "2026-03-05", "", "Access is granted on need to know.\n\n- Accounts are reviewed quarterly.\n- Leavers are removed the same day.\n"),
			"policies/pol02.md":  historyPolicy("POL-02", "Secret board policy", "1.1", "2026-03-05", "confidential", "Secret text, changed.\n"),
		}},
	})
	out, _ := renderWithHistory(t, dir, history.Options{CommittedOnly: true}, 2)
	for _, p := range []string{"docs/POL-01/index.html", "changes/index.html", "changes/page/2/index.html", "changes/page/3/index.html"} {
		got := assetName.ReplaceAll([]byte(readPage(t, out, p)), []byte("$1.HASH.$2"))
		file := filepath.Join("testdata", "history", strings.ReplaceAll(p, "/", "_"))
		if *updateGolden {
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%v (go test -update writes it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (go test -update rewrites it):\n%s", p, file, firstLineDiff(got, want))
		}
	}
	if _, err := out.Read("changes/page/4/index.html"); err == nil {
		t.Errorf("a fourth page for five changes, two a page")
	}
}

// firstLineDiff shows the first line where two texts differ.
func firstLineDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s", i+1, gl, wl)
		}
	}
	return "(no line differs)"
}

// TestHistoryTextNow: the change since the previous version compares with
// the text the build read: for a document unchanged since the last commit
// the text git gave, without reading the file again; for one changed in
// the working tree (a build shows only what is committed in its history,
// but the page shows the file as it is) the file.
func TestHistoryTextNow(t *testing.T) {
	dir := historyRepo(t, []historyCommit{
		{when: "2026-01-10T09:00:00Z", author: "Ada", message: "Version 1", files: map[string]string{
			"isms.yaml":         "title: T\norganization: O\nlanguage: en\n",
			"policies/pol01.md": historyPolicy("POL-01", "One", "1.0", "", "", "Reviewed yearly.\n"),
			"policies/pol02.md": historyPolicy("POL-02", "Two", "1.0", "", "", "Kept for a year.\n"),
		}},
		{when: "2026-02-10T09:00:00Z", author: "Ada", message: "Version 2", files: map[string]string{
			"policies/pol01.md": historyPolicy("POL-01", "One", "2.0", "", "", "Reviewed quarterly.\n"),
			"policies/pol02.md": historyPolicy("POL-02", "Two", "2.0", "", "", "Kept for two years.\n"),
		}},
	})
	if err := os.WriteFile(filepath.Join(dir, "policies", "pol02.md"), []byte(historyPolicy("POL-02", "Two", "2.0", "", "", "Kept for ten years.\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, reads := renderCountingReads(t, dir, history.Options{CommittedOnly: true}, 0)
	if !slices.Equal(reads, []string{"POL-02"}) {
		t.Errorf("texts read again: %v, want only POL-02's, changed since the last commit", reads)
	}
	one := readPage(t, out, "docs/POL-01/index.html")
	if !strings.Contains(one, "<del><span class=\"visually-hidden\">removed: </span>yearly</del><ins><span class=\"visually-hidden\">added: </span>quarterly</ins>") {
		t.Errorf("POL-01 does not show yearly → quarterly")
	}
	two := readPage(t, out, "docs/POL-02/index.html")
	if !strings.Contains(two, "<ins><span class=\"visually-hidden\">added: </span>ten years</ins>") || strings.Contains(two, "two years") {
		t.Errorf("POL-02 does not compare version 1.0 with its text now (ten years)")
	}
}
