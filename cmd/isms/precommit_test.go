package main

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// repoRoot is the repository's root, from this package's folder.
const repoRoot = "../.."

// hook is an entry of .pre-commit-hooks.yaml.
type hook struct {
	ID             string   `yaml:"id"`
	Name           string   `yaml:"name"`
	Entry          string   `yaml:"entry"`
	Language       string   `yaml:"language"`
	PassFilenames  *bool    `yaml:"pass_filenames"`
	Stages         []string `yaml:"stages"`
	RequireSerial  bool     `yaml:"require_serial"`
	Description    string   `yaml:"description"`
	Args           []string `yaml:"args"`
	Files, Exclude string
}

func readHooks(t *testing.T) map[string]hook {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(repoRoot, ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var list []hook
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(&list); err != nil {
		t.Fatalf(".pre-commit-hooks.yaml: %v", err)
	}
	hooks := map[string]hook{}
	for _, h := range list {
		if h.ID == "" || h.Name == "" || h.Entry == "" || h.Language == "" {
			t.Errorf("hook %+v lacks one of id, name, entry, language (pre-commit requires them)", h)
		}
		if _, dup := hooks[h.ID]; dup {
			t.Errorf("hook %s twice", h.ID)
		}
		hooks[h.ID] = h
	}
	return hooks
}

// TestPreCommitHooks: the hooks are what pre-commit's manifest needs, and
// each entry runs on a site through the real command line: isms-check stops
// a commit with errors, isms-migrate rewrites 2013 IDs.
func TestPreCommitHooks(t *testing.T) {
	hooks := readHooks(t)
	check, migrate := hooks["isms-check"], hooks["isms-migrate"]
	for _, h := range []hook{check, migrate} {
		if h.Language != "golang" {
			t.Errorf("%s: language %q, want golang (pre-commit builds the repository with go install)", h.ID, h.Language)
		}
		if h.PassFilenames == nil || *h.PassFilenames {
			t.Errorf("%s: pass_filenames must be false: isms works on the whole site and takes no file names", h.ID)
		}
		if !strings.HasPrefix(h.Entry, "isms ") {
			t.Errorf("%s: entry %q does not run isms", h.ID, h.Entry)
		}
	}
	if len(check.Stages) != 0 {
		t.Errorf("isms-check runs at stages %v, want the default (every commit)", check.Stages)
	}
	if !slices.Equal(migrate.Stages, []string{"manual"}) {
		t.Errorf("isms-migrate runs at stages %v, want [manual]: it rewrites files", migrate.Stages)
	}

	site := filepath.Join(t.TempDir(), "site")
	if code := run([]string{"init", site, "--lang", "en"}, &bytes.Buffer{}, &bytes.Buffer{}); code != exitOK {
		t.Fatal("isms init failed")
	}
	t.Chdir(site)
	entry := func(h hook) int {
		t.Helper()
		var stdout, stderr bytes.Buffer
		code := run(append(strings.Fields(h.Entry)[1:], h.Args...), &stdout, &stderr)
		if code == exitUsage {
			t.Errorf("%s: %q is a usage error:\n%s", h.ID, h.Entry, &stderr)
		}
		return code
	}
	if code := entry(check); code != exitOK {
		t.Errorf("isms-check on a new site: exit %d, want 0", code)
	}
	doc := filepath.Join("policies", "legacy.md")
	writeFile(t, doc, "---\nid: POL-77\ntitle: Legacy\ntype: policy\ncontrols: [\"A.9.1.1\", \"5.99\"]\n---\nText.\n")
	if code := entry(check); code != exitContent {
		t.Errorf("isms-check on a site with an unknown control: exit %d, want %d", code, exitContent)
	}
	entry(migrate)
	if got, _ := os.ReadFile(doc); !strings.Contains(string(got), `"5.15"`) {
		t.Errorf("isms-migrate did not rewrite A.9.1.1:\n%s", got)
	}
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestPreCommitTryRepo runs the hooks through pre-commit itself, as a team
// would: pre-commit try-repo clones this repository (a copy of the work
// tree, committed), builds isms with go install and runs the hook in a
// site's git repository. It needs pre-commit (Debian's pre-commit) and git,
// and modules from the Go module cache or proxy; it takes a minute or two
// the first time (the build), and is left out with -short.
func TestPreCommitTryRepo(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: pre-commit try-repo builds isms; skipped")
	}
	for _, tool := range []string{"pre-commit", "git", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not found: pre-commit test skipped (CI installs Debian's pre-commit)", tool)
		}
	}
	tmp := t.TempDir()
	env := append(os.Environ(),
		"PRE_COMMIT_HOME="+filepath.Join(tmp, "pre-commit"),
		"GIT_AUTHOR_NAME=isms test", "GIT_AUTHOR_EMAIL=test@example.invalid",
		"GIT_COMMITTER_NAME=isms test", "GIT_COMMITTER_EMAIL=test@example.invalid",
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
	)
	// pre-commit builds in a GOPATH of its own: keep the module cache
	// (no download), and trim paths so that the build cache serves the
	// next run from another temporary folder.
	if out, err := exec.Command("go", "env", "GOMODCACHE", "GOFLAGS").Output(); err == nil {
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		env = append(env, "GOMODCACHE="+lines[0])
		flags := "-trimpath"
		if len(lines) > 1 && strings.TrimSpace(lines[1]) != "" {
			flags = strings.TrimSpace(lines[1]) + " " + flags
		}
		env = append(env, "GOFLAGS="+flags)
	}
	cmd := func(dir string, name string, args ...string) (string, error) {
		t.Helper()
		c := exec.Command(name, args...)
		c.Dir, c.Env = dir, env
		out, err := c.CombinedOutput()
		return string(out), err
	}
	must := func(dir string, name string, args ...string) {
		t.Helper()
		if out, err := cmd(dir, name, args...); err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
	}

	// The repository as it is on disk, committed in a repository of its own.
	repo := filepath.Join(tmp, "isms")
	copyTree(t, repoRoot, repo)
	must(repo, "git", "init", "-q")
	must(repo, "git", "add", "-A")
	must(repo, "git", "commit", "-q", "-m", "work tree")

	site := filepath.Join(tmp, "site")
	if code := run([]string{"init", site, "--lang", "nb"}, &bytes.Buffer{}, &bytes.Buffer{}); code != exitOK {
		t.Fatal("isms init failed")
	}
	must(site, "git", "init", "-q")
	must(site, "git", "add", "-A")
	must(site, "git", "commit", "-q", "-m", "start")

	out, err := cmd(site, "pre-commit", "try-repo", repo, "isms-check", "--all-files")
	if err != nil || !strings.Contains(out, "Passed") {
		t.Fatalf("isms-check on a new site: %v\n%s", err, out)
	}

	legacy := filepath.Join(site, "policies", "legacy.md")
	writeFile(t, legacy, "---\nid: POL-77\ntitle: Legacy\ntype: policy\ncontrols: [\"A.9.1.1\", \"5.99\"]\n---\nText.\n")
	must(site, "git", "add", "-A")
	out, err = cmd(site, "pre-commit", "try-repo", repo, "isms-check", "--all-files")
	if err == nil || !strings.Contains(out, `policies/legacy.md:5:23: error: unknown control "5.99"`) {
		t.Errorf("isms-check on a site with an unknown control: %v, want the finding and a failure\n%s", err, out)
	}

	out, err = cmd(site, "pre-commit", "try-repo", repo, "isms-migrate", "--hook-stage", "manual", "--all-files")
	if got, _ := os.ReadFile(legacy); !strings.Contains(string(got), `"5.15"`) {
		t.Errorf("isms-migrate did not rewrite A.9.1.1 (%v):\n%s\n%s", err, out, got)
	}
	if err == nil || !strings.Contains(out, "files were modified by this hook") {
		t.Errorf("pre-commit did not report the rewritten file as a failure: %v\n%s", err, out)
	}
}

// copyTree copies the work tree without what git ignores here (built
// binaries and outputs) and without .git.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	skip := func(rel string, d fs.DirEntry) bool {
		name := d.Name()
		if d.IsDir() {
			return slices.Contains([]string{".git", "node_modules", ".bench", "bin", "public", "dist"}, name) && rel == name ||
				name == "node_modules"
		}
		return strings.HasSuffix(name, ".test") || strings.HasSuffix(name, ".prof")
	}
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, p)
		if err != nil || rel == "." {
			return err
		}
		if skip(filepath.ToSlash(rel), d) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		dst := filepath.Join(to, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(dst, 0o755)
		case d.Type().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(dst, data, 0o644)
		}
		return nil // symbolic links and the like: not part of the module
	})
	if err != nil {
		t.Fatal(err)
	}
}
