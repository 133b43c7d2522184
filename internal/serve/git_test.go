package serve

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// gitIn runs git in dir as a fixed author at a fixed time, without the
// user's or the system's settings, and returns its output.
func gitIn(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GIT_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Kari Nordmann", "GIT_AUTHOR_EMAIL=kari@example.no", "GIT_AUTHOR_DATE=2026-11-02T10:00:00+01:00",
		"GIT_COMMITTER_NAME=Kari Nordmann", "GIT_COMMITTER_EMAIL=kari@example.no", "GIT_COMMITTER_DATE=2026-11-02T10:00:00+01:00")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func needGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
}

// TestServeGitCommit: a commit, a reset, made while the preview runs show
// in the document's history at once, with a reload of its page — from the
// repository's first commit on, when .git/logs does not exist yet.
func TestServeGitCommit(t *testing.T) {
	needGit(t)
	dir := t.TempDir()
	writeSite(t, dir, serveSite)
	gitIn(t, dir, "init", "-q", "-b", "main")
	ts := startServerIn(t, dir, Options{})
	ev := ts.events(t)
	polPage := "docs/POL-01/index.html"

	commit := func(t *testing.T, subject string) []event {
		t.Helper()
		gitIn(t, dir, "add", "-A")
		gitIn(t, dir, "commit", "-q", "-m", subject)
		evs := ev.until(t, ts.shows(t, "/"+polPage, subject))
		if got := named(evs, "reload"); !slices.Contains(got, polPage) && !slices.Contains(got, "*") {
			t.Fatalf("reload events %v, want one for %s", evs, polPage)
		}
		return evs
	}
	t.Run("first commit", func(t *testing.T) {
		commit(t, "First version of the policy")
	})
	t.Run("commit of a save", func(t *testing.T) {
		ts.replace(t, "policies/pol-01.md", "version one", "version two")
		ev.until(t, ts.shows(t, "/"+polPage, "version two"))
		commit(t, "Tighten the policy")
		// The commit itself, with no file of the site changed, made the
		// rebuild.
		rebuilds := ts.rebuilds.upTo(t, gitChanged)
		if last := rebuilds[len(rebuilds)-1]; !slices.Equal(last.Changes, []string{gitChanged}) || last.Errors != nil {
			t.Errorf("rebuild %+v, want a good one for %q alone", last, gitChanged)
		}
	})
	t.Run("the build's own git commands set off nothing", func(t *testing.T) {
		// The rebuild for a mark runs git (rev-parse, status); were the
		// watcher to see that, a rebuild would come before the next
		// mark's.
		ts.rebuilds.upTo(t, ts.mark(t))
		mark := ts.mark(t)
		if rebuilds := ts.rebuilds.upTo(t, mark); len(rebuilds) != 1 || !slices.Equal(rebuilds[0].Changes, []string{mark}) {
			t.Fatalf("rebuilds %+v, want the mark's alone", rebuilds)
		}
	})
	t.Run("reset", func(t *testing.T) {
		gitIn(t, dir, "reset", "-q", "--soft", "HEAD~1")
		evs := ev.until(t, func() bool { return !ts.shows(t, "/"+polPage, "Tighten the policy")() })
		if got := named(evs, "reload"); !slices.Contains(got, polPage) {
			t.Fatalf("reload events %v, want one for %s", evs, polPage)
		}
	})
}

// TestServeGitWorktree: in a linked worktree, whose .git is a file naming
// its git folder, a commit shows at once too.
func TestServeGitWorktree(t *testing.T) {
	needGit(t)
	main := t.TempDir()
	writeSite(t, main, serveSite)
	gitIn(t, main, "init", "-q", "-b", "main")
	gitIn(t, main, "add", "-A")
	gitIn(t, main, "commit", "-q", "-m", "First version of the policy")
	wt := filepath.Join(t.TempDir(), "wt")
	gitIn(t, main, "worktree", "add", "-q", "-b", "edit", wt)
	if info, err := os.Stat(filepath.Join(wt, ".git")); err != nil || !info.Mode().IsRegular() {
		t.Fatalf("the worktree's .git is not a file: %v", err)
	}
	ts := startServerIn(t, wt, Options{})
	ev := ts.events(t)
	ts.replace(t, "policies/pol-01.md", "version one", "version two")
	ev.until(t, ts.shows(t, "/docs/POL-01/", "version two"))
	gitIn(t, wt, "commit", "-q", "-a", "-m", "Tighten the policy in the worktree")
	ev.until(t, ts.shows(t, "/docs/POL-01/", "Tighten the policy in the worktree"))
}
