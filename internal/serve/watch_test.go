package serve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/isms-project/isms/internal/output"
)

func TestIsEditorTemp(t *testing.T) {
	for _, tc := range []struct {
		name string
		temp bool
	}{
		{"pol-01.md", false},
		{"policies/pol-01.md", false},
		{"logo.svg", false}, // not a vim swap file
		{"report.pdf", false},
		{"soa.xlsx", false},
		{"isms.yaml", false},
		{"notes#1.md", false},
		{"a~b.md", false},
		{"v1.0-tmp.md", false},
		{".pol-01.md.swp", true},
		{".pol-01.md.swo", true},
		{".pol-01.md.swx", true},
		{".pol-01.md.swpx", true},
		{"4913", true},
		{"policies/4913", true},
		{"pol-01.md~", true},
		{"#pol-01.md#", true},
		{".#pol-01.md", true},
		{"pol-01.md___jb_tmp___", true},
		{"pol-01.md___jb_old___", true},
		{"pol-01.md.tmp", true},
		{"pol-01.TMP", true},
		{".DS_Store", true},
		{"Thumbs.db", true},
		{".goutputstream-ABC123", true},
		{"~$soa.xlsx", true},
		{".~lock.soa.xlsx#", true},
		{"pol-01.md.kate-swp", true},
	} {
		if got := isEditorTemp(tc.name); got != tc.temp {
			t.Errorf("isEditorTemp(%q) = %v, want %v", tc.name, got, tc.temp)
		}
	}
}

// batchHarness runs batch in a synctest bubble: fake time, so the tests
// say exactly when batches come.
type batchHarness struct {
	in  chan string
	out chan []string
}

func startBatch(t *testing.T) batchHarness {
	h := batchHarness{in: make(chan string), out: make(chan []string)}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go batch(ctx, h.in, h.out, quietTime, maxWait, nil)
	return h
}

// ready returns the batch waiting to be taken, or nil.
func (h batchHarness) ready() []string {
	synctest.Wait()
	select {
	case b := <-h.out:
		return b
	default:
		return nil
	}
}

func TestBatchQuiet(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := startBatch(t)
		h.in <- "a.md"
		time.Sleep(quietTime - time.Millisecond)
		if b := h.ready(); b != nil {
			t.Fatalf("batch %v came before %v of quiet", b, quietTime)
		}
		h.in <- "b.md" // restarts the quiet time
		time.Sleep(quietTime - time.Millisecond)
		if b := h.ready(); b != nil {
			t.Fatalf("batch %v came before %v of quiet after the last event", b, quietTime)
		}
		time.Sleep(time.Millisecond)
		if b := h.ready(); !slices.Equal(b, []string{"a.md", "b.md"}) {
			t.Fatalf("batch = %v, want [a.md b.md]", b)
		}
		time.Sleep(time.Second)
		if b := h.ready(); b != nil {
			t.Fatalf("a second batch %v without events", b)
		}
	})
}

func TestBatchBurst(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := startBatch(t)
		// A git checkout: 300 files within 30 ms, some written twice.
		for i := range 300 {
			h.in <- fmt.Sprintf("docs/d%03d.md", i%250)
			time.Sleep(100 * time.Microsecond)
		}
		time.Sleep(quietTime)
		b := h.ready()
		if len(b) != 250 {
			t.Fatalf("batch has %d paths, want the 250 distinct ones", len(b))
		}
		time.Sleep(time.Second)
		if b := h.ready(); b != nil {
			t.Fatalf("the burst made a second batch of %d paths", len(b))
		}
	})
}

func TestBatchMaxWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := startBatch(t)
		// A steady stream, an event every 10 ms for 1 s, never quiet: it
		// still makes a batch at least every maxWait.
		start := time.Now()
		var batches []time.Duration
		for i := range 100 {
			h.in <- fmt.Sprintf("f%d.md", i)
			time.Sleep(10 * time.Millisecond)
			if b := h.ready(); b != nil {
				batches = append(batches, time.Since(start))
			}
		}
		if len(batches) < 3 {
			t.Fatalf("%d batches in 1 s of steady events, want one every %v at least: %v", len(batches), maxWait, batches)
		}
		last := time.Duration(0)
		for _, at := range batches {
			if at-last > maxWait+10*time.Millisecond {
				t.Errorf("batches at %v: %v between two, more than the max wait %v", batches, at-last, maxWait)
			}
			last = at
		}
	})
}

func TestBatchWhileBusy(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := startBatch(t)
		h.in <- "a.md"
		time.Sleep(quietTime)
		// The receiver is rebuilding and does not take the batch yet;
		// later events join it and batch never blocks the watcher.
		h.in <- "b.md"
		time.Sleep(time.Second)
		h.in <- "c.md"
		if b := h.ready(); !slices.Equal(b, []string{"a.md", "b.md", "c.md"}) {
			t.Fatalf("batch = %v, want [a.md b.md c.md]", b)
		}
	})
}

// watchHarness runs a real watcher and batcher on a folder.
type watchHarness struct {
	dir     string
	batches chan []string
	errs    chan error
	marks   int
}

func startWatch(t *testing.T, dir string) *watchHarness {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	changes := make(chan string)
	h := &watchHarness{dir: dir, batches: make(chan []string), errs: make(chan error, 10)}
	w, err := newWatcher(dir, changes, func(err error) { h.errs <- err })
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan bool, 2)
	go func() { w.run(ctx); done <- true }()
	go func() { batch(ctx, changes, h.batches, quietTime, maxWait, nil); done <- true }()
	t.Cleanup(func() { cancel(); <-done; <-done })
	return h
}

// next waits for the next batch.
func (h *watchHarness) next(t *testing.T) []string {
	t.Helper()
	select {
	case b := <-h.batches:
		slices.Sort(b)
		return b
	case err := <-h.errs:
		t.Fatalf("watcher: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("no batch within 10 s")
	}
	return nil
}

// markPrefix starts the names of the files mark writes.
const markPrefix = "zz-mark-"

// reported writes a mark file in the site folder and collects batches
// until it comes: the watcher reports changes in the order they are made,
// so by then it has reported every change made before. It returns what
// was reported, sorted, without the marks, once each.
func (h *watchHarness) reported(t *testing.T) []string {
	t.Helper()
	h.marks++
	mark := fmt.Sprintf("%s%d", markPrefix, h.marks)
	write(t, filepath.Join(h.dir, mark), "")
	seen := map[string]bool{}
	for !seen[mark] {
		for _, p := range h.next(t) {
			seen[p] = true
		}
	}
	var out []string
	for p := range seen {
		if !strings.HasPrefix(p, markPrefix) {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

func write(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func appendTo(t *testing.T, name, text string) {
	t.Helper()
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
}

func TestWatcher(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "isms.yaml"), "title: T\n")
	write(t, filepath.Join(dir, "policies", "pol.md"), "v1")
	write(t, filepath.Join(dir, ".idea", "workspace.xml"), "x")
	write(t, filepath.Join(dir, "public", output.Marker), "")
	h := startWatch(t, dir)
	pol := filepath.Join(dir, "policies", "pol.md")
	want := func(t *testing.T, paths ...string) {
		t.Helper()
		if got := h.reported(t); !slices.Equal(got, paths) {
			t.Fatalf("reported %q, want %q", got, paths)
		}
	}

	t.Run("write in place", func(t *testing.T) {
		write(t, pol, "v2")
		want(t, "policies/pol.md")
	})
	t.Run("vim: swap file, 4913, backup by rename, write, remove backup", func(t *testing.T) {
		swp := filepath.Join(dir, "policies", ".pol.md.swp")
		write(t, swp, "swap")
		write(t, filepath.Join(dir, "policies", "4913"), "")
		os.Remove(filepath.Join(dir, "policies", "4913"))
		if err := os.Rename(pol, pol+"~"); err != nil {
			t.Fatal(err)
		}
		write(t, pol, "v3")
		os.Remove(pol + "~")
		os.Remove(swp)
		want(t, "policies/pol.md")
	})
	t.Run("atomic save by rename", func(t *testing.T) {
		tmp := pol + "___jb_tmp___"
		write(t, tmp, "v4")
		if err := os.Rename(tmp, pol); err != nil {
			t.Fatal(err)
		}
		want(t, "policies/pol.md")
	})
	t.Run("temporary files alone", func(t *testing.T) {
		write(t, filepath.Join(dir, "policies", "#pol.md#"), "x")
		write(t, filepath.Join(dir, ".DS_Store"), "x")
		write(t, filepath.Join(dir, "policies", "pol.md.tmp"), "x")
		want(t)
	})
	t.Run("hidden folders and output are not watched", func(t *testing.T) {
		write(t, filepath.Join(dir, ".idea", "workspace.xml"), "y")
		write(t, filepath.Join(dir, ".idea", "new", "f.xml"), "y")
		write(t, filepath.Join(dir, "public", "index.html"), "x")
		want(t)
	})
	t.Run("new folders are watched", func(t *testing.T) {
		deep := filepath.Join(dir, "records", "2027", "q1")
		write(t, filepath.Join(deep, "a.md"), "a")
		// The new folder, and what in it came after its watch.
		got := h.reported(t)
		if !slices.Contains(got, "records") {
			t.Fatalf("reported %q, want the new folder", got)
		}
		for _, p := range got {
			if p != "records" && !strings.HasPrefix(p, "records/") {
				t.Fatalf("reported %q, want the new folder and what is in it", got)
			}
		}
		write(t, filepath.Join(deep, "a.md"), "a2")
		want(t, "records/2027/q1/a.md")
	})
	t.Run("renamed folder", func(t *testing.T) {
		if err := os.Rename(filepath.Join(dir, "records"), filepath.Join(dir, "evidence")); err != nil {
			t.Fatal(err)
		}
		want(t, "evidence", "records")
		write(t, filepath.Join(dir, "evidence", "2027", "q1", "a.md"), "a3")
		want(t, "evidence/2027/q1/a.md")
	})
	t.Run("checkout of 300 files", func(t *testing.T) {
		var paths []string
		for i := range 300 {
			name := fmt.Sprintf("p%03d.md", i)
			write(t, filepath.Join(dir, "policies", name), "x")
			paths = append(paths, "policies/"+name)
		}
		want(t, paths...)
	})
	t.Run("site folder removed and back", func(t *testing.T) {
		tmp := dir + ".away"
		if err := os.Rename(dir, tmp); err != nil {
			t.Fatal(err)
		}
		if b := h.next(t); !slices.Contains(b, allChanged) {
			t.Fatalf("batch = %v, want everything", b)
		}
		if err := os.Rename(tmp, dir); err != nil {
			t.Fatal(err)
		}
		if b := h.next(t); !slices.Contains(b, allChanged) {
			t.Fatalf("batch = %v, want everything", b)
		}
		write(t, pol, "v5")
		want(t, "policies/pol.md")
	})
}

// gitFolder makes the files git keeps HEAD in, as a repository has them
// before its first commit: HEAD, and no logs folder yet.
func gitFolder(t *testing.T, gitDir string) {
	write(t, filepath.Join(gitDir, "HEAD"), "ref: refs/heads/main\n")
	write(t, filepath.Join(gitDir, "config"), "[core]\n")
	write(t, filepath.Join(gitDir, "refs", "heads", ".keep"), "")
}

// commitTo does to a git folder what a commit does to its files.
func commitTo(t *testing.T, gitDir string, n int) {
	t.Helper()
	write(t, filepath.Join(gitDir, "index.lock"), "index")
	if err := os.Rename(filepath.Join(gitDir, "index.lock"), filepath.Join(gitDir, "index")); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(gitDir, "objects", fmt.Sprintf("%02x", n), "abc"), "object")
	write(t, filepath.Join(gitDir, "refs", "heads", "main"), fmt.Sprintf("%040d\n", n))
	log := filepath.Join(gitDir, "logs", "HEAD")
	if _, err := os.Stat(log); err != nil {
		write(t, log, "")
	}
	appendTo(t, log, fmt.Sprintf("commit %d\n", n))
	write(t, filepath.Join(gitDir, "COMMIT_EDITMSG"), "subject\n")
}

// TestWatcherGit: of the repository's git folder, HEAD and logs/HEAD are
// watched — where the site is the repository, a folder in one, or a
// linked worktree — and a change to them is reported as gitChanged;
// the index, objects and other files there are not.
func TestWatcherGit(t *testing.T) {
	for _, tc := range []struct {
		name string
		// layout makes the repository in top and returns the site
		// folder and the git folder.
		layout func(t *testing.T, top string) (site, gitDir string)
	}{
		{"site is the repository", func(t *testing.T, top string) (string, string) {
			return top, filepath.Join(top, ".git")
		}},
		{"site in a folder of the repository", func(t *testing.T, top string) (string, string) {
			return filepath.Join(top, "isms"), filepath.Join(top, ".git")
		}},
		{"linked worktree", func(t *testing.T, top string) (string, string) {
			site := filepath.Join(top, "wt")
			write(t, filepath.Join(site, ".git"), "gitdir: ../main/.git/worktrees/wt\n")
			return site, filepath.Join(top, "main", ".git", "worktrees", "wt")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site, gitDir := tc.layout(t, t.TempDir())
			write(t, filepath.Join(site, "isms.yaml"), "title: T\n")
			gitFolder(t, gitDir)
			h := startWatch(t, site)
			want := func(t *testing.T, paths ...string) {
				t.Helper()
				if got := h.reported(t); !slices.Equal(got, paths) {
					t.Fatalf("reported %q, want %q", got, paths)
				}
			}
			t.Run("first commit makes logs", func(t *testing.T) {
				commitTo(t, gitDir, 1)
				want(t, gitChanged)
			})
			t.Run("commit", func(t *testing.T) {
				commitTo(t, gitDir, 2)
				want(t, gitChanged)
			})
			t.Run("status, fetch, gc", func(t *testing.T) {
				write(t, filepath.Join(gitDir, "index.lock"), "index")
				if err := os.Rename(filepath.Join(gitDir, "index.lock"), filepath.Join(gitDir, "index")); err != nil {
					t.Fatal(err)
				}
				write(t, filepath.Join(gitDir, "FETCH_HEAD"), "x")
				write(t, filepath.Join(gitDir, "ORIG_HEAD"), "x")
				write(t, filepath.Join(gitDir, "packed-refs"), "x")
				write(t, filepath.Join(gitDir, "logs", "refs", "heads", "main"), "x")
				want(t)
			})
			t.Run("checkout", func(t *testing.T) {
				write(t, filepath.Join(gitDir, "HEAD.lock"), "ref: refs/heads/other\n")
				if err := os.Rename(filepath.Join(gitDir, "HEAD.lock"), filepath.Join(gitDir, "HEAD")); err != nil {
					t.Fatal(err)
				}
				want(t, gitChanged)
			})
			t.Run("logs removed and made again", func(t *testing.T) {
				if err := os.RemoveAll(filepath.Join(gitDir, "logs")); err != nil {
					t.Fatal(err)
				}
				want(t, gitChanged)
				commitTo(t, gitDir, 3)
				want(t, gitChanged)
				appendTo(t, filepath.Join(gitDir, "logs", "HEAD"), "reset\n")
				want(t, gitChanged)
			})
		})
	}
}

// TestFindGitDir: the git folder of a site, whatever holds it, and none
// where there is none to find.
func TestFindGitDir(t *testing.T) {
	top := t.TempDir()
	write(t, filepath.Join(top, "repo", ".git", "HEAD"), "ref: refs/heads/main\n")
	write(t, filepath.Join(top, "repo", "site", "isms.yaml"), "")
	write(t, filepath.Join(top, "wt", ".git"), "gitdir: ../repo/.git\n")
	write(t, filepath.Join(top, "abs", ".git"), "gitdir: "+filepath.Join(top, "repo", ".git")+"\n")
	write(t, filepath.Join(top, "broken", ".git"), "gitdir: ../nowhere\n")
	write(t, filepath.Join(top, "garbage", ".git"), "not a git file\n")
	for site, want := range map[string]string{
		"repo":      filepath.Join(top, "repo", ".git"),
		"repo/site": filepath.Join(top, "repo", ".git"),
		"wt":        filepath.Join(top, "repo", ".git"),
		"abs":       filepath.Join(top, "repo", ".git"),
		"broken":    "",
		"garbage":   "",
	} {
		if got := findGitDir(filepath.Join(top, filepath.FromSlash(site))); got != want {
			t.Errorf("findGitDir(%s) = %q, want %q", site, got, want)
		}
	}
}
