package history

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// isolate keeps the user's and the system's git settings out of a test, for
// the test's own git commands and for Read alike, and stops git from
// finding a repository above the test's folders.
func isolate(t *testing.T) {
	t.Helper()
	needGit(t)
	isolateEnv(t)
}

// needGit skips a test that needs git where it is not installed.
func needGit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed: this test needs it")
	}
}

// isolateEnv is isolate for tests that may run without git.
func isolateEnv(t *testing.T) {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", home)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_CONFIG_GLOBAL", filepath.Join(home, "gitconfig"))
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(home))
	for _, v := range []string{"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"} {
		t.Setenv(v, "")
		os.Unsetenv(v)
	}
}

// repo is a git repository in a test's temporary folder.
type repo struct {
	t   *testing.T
	dir string
}

func newRepo(t *testing.T) *repo {
	t.Helper()
	isolate(t)
	r := &repo{t: t, dir: t.TempDir()}
	r.git("init", "-q", "-b", "main")
	return r
}

// git runs a git command in the repository and returns its output.
func (r *repo) git(args ...string) string {
	r.t.Helper()
	return r.gitAt("2026-01-01T12:00:00Z", "Test", args...)
}

// gitAt runs a git command with the author and both dates set.
func (r *repo) gitAt(date, author string, args ...string) string {
	r.t.Helper()
	out, err := r.try(date, author, args...)
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// try runs a git command that may fail.
func (r *repo) try(date, author string, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	cmd.Env = append(os.Environ(),
		"GIT_AUTHOR_NAME="+author, "GIT_AUTHOR_EMAIL=author@example.com",
		"GIT_COMMITTER_NAME=Committer", "GIT_COMMITTER_EMAIL=committer@example.com",
		"GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date,
	)
	out, err := cmd.CombinedOutput()
	return strings.TrimSpace(string(out)), err
}

// write writes files (path → content; an empty content removes the file).
func (r *repo) write(files map[string]string) {
	r.t.Helper()
	for p, content := range files {
		full := filepath.Join(r.dir, filepath.FromSlash(p))
		if content == "" {
			if err := os.Remove(full); err != nil {
				r.t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
}

// commit writes files, commits everything and returns the commit's hash.
func (r *repo) commit(date, author, message string, files map[string]string) string {
	r.t.Helper()
	r.write(files)
	r.git("add", "-A")
	r.gitAt(date, author, "commit", "-q", "--allow-empty", "-m", message)
	return r.git("rev-parse", "HEAD")
}

// doc returns a Markdown document with front matter.
func doc(version, approved, body string) string {
	var b strings.Builder
	b.WriteString("---\nid: POL-01\ntitle: Tilgangsstyring\ntype: policy\n")
	if version != "" {
		b.WriteString("version: " + version + "\n")
	}
	if approved != "" {
		b.WriteString("approved: " + approved + "\napprover: Daglig leder\n")
	}
	b.WriteString("---\n")
	b.WriteString(body)
	return b.String()
}
