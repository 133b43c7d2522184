package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestCIPipelines: the GitHub Actions workflow and the GitLab CI file that
// isms init writes into a new site are YAML of the shape each CI system
// reads, and every isms command they run exists with those flags: the test
// runs each one, as the pipeline would, in the new site (with the
// pipeline's variables), and a usage error fails it.
func TestCIPipelines(t *testing.T) {
	for _, lang := range []string{"nb", "en"} {
		t.Run(lang, func(t *testing.T) {
			site := filepath.Join(t.TempDir(), "site")
			var stderr bytes.Buffer
			if code := run([]string{"init", site, "--lang", lang}, &bytes.Buffer{}, &stderr); code != exitOK {
				t.Fatalf("isms init: exit %d\n%s", code, &stderr)
			}
			for _, f := range []string{".github/workflows/isms.yml", ".gitlab-ci.yml", ".gitignore"} {
				if _, err := os.Stat(filepath.Join(site, f)); err != nil {
					t.Fatalf("isms init did not write %s (the theme must embed the scaffold's dotfiles): %v", f, err)
				}
			}
			gh := checkGitHubWorkflow(t, site)
			gl := checkGitLabCI(t, site)
			t.Chdir(site)
			runPipelineCommands(t, "GitHub workflow", gh)
			runPipelineCommands(t, "GitLab CI", gl)
		})
	}
}

// pipeline is what a test needs of a CI file: its variables and the isms
// commands of its scripts.
type pipeline struct {
	vars     map[string]string
	commands []shellCommand
}

func readYAML(t *testing.T, name string) (map[string]any, string) {
	t.Helper()
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := yaml.Unmarshal(src, &doc); err != nil {
		t.Fatalf("%s is not YAML: %v", name, err)
	}
	return doc, string(src)
}

func checkGitHubWorkflow(t *testing.T, site string) pipeline {
	doc, src := readYAML(t, filepath.Join(site, ".github", "workflows", "isms.yml"))
	fail := func(format string, args ...any) {
		t.Helper()
		t.Errorf("GitHub workflow: "+format, args...)
	}
	if strings.Contains(src, `{{"`) || !strings.Contains(src, "${{ steps.isms.outputs.cache-key }}") {
		fail("GitHub's ${{ … }} expressions did not come through the scaffold's template")
	}
	on := mapAt(doc, "on")
	if !slices.Contains(stringsAt(on, "push", "branches"), "main") {
		fail("does not run on pushes to main: on = %v", on)
	}
	if _, ok := on["pull_request"]; !ok {
		fail("does not run on pull requests")
	}
	p := pipeline{vars: map[string]string{}}
	for k, v := range mapAt(doc, "env") {
		p.vars[k] = fmt.Sprint(v)
	}
	jobs := mapAt(doc, "jobs")
	var uses []string
	var artifact string
	for name, j := range jobs {
		job, _ := j.(map[string]any)
		if job["runs-on"] == nil {
			fail("job %s has no runs-on", name)
		}
		steps, _ := job["steps"].([]any)
		if len(steps) == 0 {
			fail("job %s has no steps", name)
		}
		for _, s := range steps {
			step, _ := s.(map[string]any)
			if u, ok := step["uses"].(string); ok {
				uses = append(uses, u)
				if strings.HasPrefix(u, "actions/upload-pages-artifact@") {
					artifact, _ = mapAt(step, "with")["path"].(string)
				}
				if strings.HasPrefix(u, "actions/cache@") && !strings.Contains(fmt.Sprint(mapAt(step, "with")["path"]), "isms") {
					fail("the cache step does not keep the isms binary: %v", step["with"])
				}
			}
			if r, ok := step["run"].(string); ok {
				p.commands = append(p.commands, parseShell(t, r)...)
			}
		}
	}
	for _, want := range []string{"actions/checkout@", "actions/cache@", "actions/upload-pages-artifact@", "actions/deploy-pages@"} {
		if !slices.ContainsFunc(uses, func(u string) bool { return strings.HasPrefix(u, want) }) {
			fail("no step uses %s…", want)
		}
	}
	publish := mapAt(jobs, "publish")
	if publish["needs"] != "check" || !strings.Contains(fmt.Sprint(publish["if"]), "refs/heads/main") {
		fail("the publish job must need the check and run only on main: needs %v, if %v", publish["needs"], publish["if"])
	}
	if perms := mapAt(publish, "permissions"); perms["pages"] != "write" || perms["id-token"] != "write" {
		fail("the publish job needs pages: write and id-token: write, has %v", perms)
	}
	if env := mapAt(publish, "environment"); env["name"] != "github-pages" {
		fail("the publish job must deploy to the github-pages environment, not %v", env)
	}
	checkCommands(t, "GitHub workflow", p, "github", artifact)
	return p
}

func checkGitLabCI(t *testing.T, site string) pipeline {
	doc, _ := readYAML(t, filepath.Join(site, ".gitlab-ci.yml"))
	fail := func(format string, args ...any) {
		t.Helper()
		t.Errorf("GitLab CI: "+format, args...)
	}
	p := pipeline{vars: map[string]string{}}
	for k, v := range mapAt(doc, "variables") {
		p.vars[k] = fmt.Sprint(v)
	}
	// Predefined variables the scripts use.
	p.vars["CI_PROJECT_DIR"] = "."
	stages := stringsAt(doc, "stages")
	scripts := func(job map[string]any) {
		for _, key := range []string{"before_script", "script", "after_script"} {
			for _, line := range stringsAt(job, key) {
				p.commands = append(p.commands, parseShell(t, line)...)
			}
		}
	}
	def := mapAt(doc, "default")
	scripts(def)
	cachePaths := stringsAt(def, "cache", "paths")
	var report, pagesOut string
	for name, j := range doc {
		job, ok := j.(map[string]any)
		if !ok || slices.Contains([]string{"variables", "workflow", "default", "stages"}, name) {
			continue
		}
		if s, _ := job["stage"].(string); !slices.Contains(stages, s) {
			fail("job %s is in stage %q, which is not one of %v", name, s, stages)
		}
		if len(stringsAt(job, "script")) == 0 {
			fail("job %s has no script", name)
		}
		scripts(job)
		if r, ok := mapAt(job, "artifacts", "reports")["codequality"].(string); ok {
			report = r
		}
		if name == "pages" {
			paths := stringsAt(job, "artifacts", "paths")
			if len(paths) != 1 {
				fail("the pages job must publish one folder, has %v", paths)
			} else {
				pagesOut = paths[0]
			}
			if !strings.Contains(fmt.Sprint(job["rules"]), "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH") {
				fail("the pages job must run only on the default branch: rules %v", job["rules"])
			}
		}
	}
	if report == "" {
		fail("no job keeps a codequality report")
	}
	if pagesOut != "public" {
		fail("GitLab Pages publishes the folder public, the pages job has %q", pagesOut)
	}
	// The binary goes where the cache keeps it.
	var installed bool
	for _, c := range p.commands {
		if c.args[0] == "go" && slices.Contains(c.args, "install") {
			for _, e := range c.env {
				dir, _ := strings.CutPrefix(e, "GOBIN=$CI_PROJECT_DIR/")
				installed = installed || slices.Contains(cachePaths, dir+"/")
			}
		}
	}
	if !installed {
		fail("go install does not put isms in a cached folder (cache paths %v)", cachePaths)
	}
	// The check writes the report the job keeps.
	for _, c := range p.commands {
		if c.isms("check") && c.flag("--format") == "codeclimate" && c.stdout != report {
			fail("the Code Quality check writes %q, the job keeps %q", c.stdout, report)
		}
	}
	checkCommands(t, "GitLab CI", p, "codeclimate", pagesOut)
	return p
}

// checkCommands: the pipeline checks with the CI format and builds into
// the folder it publishes.
func checkCommands(t *testing.T, what string, p pipeline, format, published string) {
	t.Helper()
	var checks, builds int
	for _, c := range p.commands {
		switch {
		case c.isms("check") && c.flag("--format") == format:
			checks++
		case c.isms("build"):
			builds++
			if out := c.flag("--out"); out != published {
				t.Errorf("%s: isms build writes %q, the pipeline publishes %q", what, out, published)
			}
			if c.flag("--classification") == "" {
				t.Errorf("%s: isms build publishes without choosing a classification", what)
			}
		}
	}
	if checks != 1 || builds != 1 {
		t.Errorf("%s: %d isms check --format %s and %d isms build, want one of each", what, checks, format, builds)
	}
}

// runPipelineCommands runs each isms command of a pipeline in the current
// folder, its variables expanded: none may be a usage error.
func runPipelineCommands(t *testing.T, what string, p pipeline) {
	t.Helper()
	n := 0
	for _, c := range p.commands {
		if c.args[0] != "isms" {
			continue
		}
		n++
		var missing []string
		args := make([]string, len(c.args)-1)
		for i, a := range c.args[1:] {
			args[i] = os.Expand(a, func(name string) string {
				v, ok := p.vars[name]
				if !ok {
					missing = append(missing, name)
				}
				return v
			})
		}
		if len(missing) > 0 {
			t.Errorf("%s: %s uses variables the pipeline does not set: %v", what, c, missing)
			continue
		}
		var stdout, stderr bytes.Buffer
		code := run(args, &stdout, &stderr)
		if code == exitUsage {
			t.Errorf("%s: %s (run as isms %s) is a usage error:\n%s", what, c, strings.Join(args, " "), &stderr)
		}
	}
	if n == 0 {
		t.Errorf("%s runs no isms command", what)
	}
}

func mapAt(m map[string]any, keys ...string) map[string]any {
	for _, k := range keys {
		m, _ = m[k].(map[string]any)
	}
	return m
}

func stringsAt(m map[string]any, keys ...string) []string {
	m = mapAt(m, keys[:len(keys)-1]...)
	list, _ := m[keys[len(keys)-1]].([]any)
	var out []string
	for _, v := range list {
		out = append(out, fmt.Sprint(v))
	}
	return out
}

// shellCommand is a simple command of a CI script: its words (quotes
// removed, variables left as written), the assignments before it, and
// where its standard output is redirected.
type shellCommand struct {
	env    []string
	args   []string
	stdout string
}

func (c shellCommand) String() string { return strings.Join(c.args, " ") }

func (c shellCommand) isms(sub string) bool {
	return len(c.args) > 1 && c.args[0] == "isms" && c.args[1] == sub
}

// flag is the value of --name VALUE or --name=VALUE.
func (c shellCommand) flag(name string) string {
	for i, a := range c.args {
		if a == name && i+1 < len(c.args) {
			return c.args[i+1]
		}
		if v, ok := strings.CutPrefix(a, name+"="); ok {
			return v
		}
	}
	return ""
}

// parseShell splits a POSIX shell script, of the kind CI files hold, into
// its simple commands: lists (; && || |), groups ({ } and ( )), command
// substitutions $( ), if/then/else/fi, quotes, comments and redirections.
// Keywords are dropped; a command substitution's command is a command of
// its own. It is enough for the pipelines isms init writes, not a shell.
func parseShell(t *testing.T, script string) []shellCommand {
	t.Helper()
	var cmds []shellCommand
	var cur shellCommand
	var word strings.Builder
	inWord, redirect := false, ""
	endWord := func() {
		if !inWord {
			return
		}
		w := word.String()
		word.Reset()
		inWord = false
		switch {
		case redirect != "":
			if redirect == ">" || redirect == ">>" || redirect == "1>" {
				cur.stdout = w
			}
			redirect = ""
		case len(cur.args) == 0 && slices.Contains([]string{"if", "then", "else", "elif", "fi", "do", "done", "while", "until", "{", "}", "!"}, w):
		case len(cur.args) == 0 && strings.Contains(w, "=") && !strings.HasPrefix(w, "="):
			cur.env = append(cur.env, w)
		default:
			cur.args = append(cur.args, w)
		}
	}
	endCommand := func() {
		endWord()
		if len(cur.args) > 0 {
			cmds = append(cmds, cur)
		}
		cur = shellCommand{}
	}
	// Command substitutions nest: each level keeps its outer command and
	// the outer word it is part of.
	type level struct {
		cmd    shellCommand
		word   string
		inWord bool
	}
	var outer []level
	rs := []rune(script)
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		switch {
		case c == '\'':
			j := slices.Index(rs[i+1:], '\'')
			if j < 0 {
				t.Fatalf("unclosed ' in %q", script)
			}
			word.WriteString(string(rs[i+1 : i+1+j]))
			inWord = true
			i += j + 1
		case c == '"':
			j := i + 1
			for ; j < len(rs) && rs[j] != '"'; j++ {
				if rs[j] == '\\' && j+1 < len(rs) {
					j++
				}
			}
			if j >= len(rs) {
				t.Fatalf("unclosed \" in %q", script)
			}
			word.WriteString(string(rs[i+1 : j]))
			inWord = true
			i = j
		case c == '$' && i+1 < len(rs) && rs[i+1] == '(':
			outer = append(outer, level{cur, word.String(), inWord})
			cur, inWord = shellCommand{}, false
			word.Reset()
			i++
		case c == ')' && len(outer) > 0:
			endCommand()
			l := outer[len(outer)-1]
			outer = outer[:len(outer)-1]
			cur, inWord = l.cmd, true
			word.WriteString(l.word + "$(…)")
		case c == '#' && !inWord:
			for i < len(rs) && rs[i] != '\n' {
				i++
			}
			endCommand()
		case c == ' ' || c == '\t':
			endWord()
		case c == '\n' || c == ';' || c == '|' || c == '&' || c == '(' || c == ')':
			if c == '&' && inWord && strings.HasSuffix(word.String(), ">") {
				word.WriteRune(c) // 2>&1
				continue
			}
			endCommand()
		case c == '>' || c == '<':
			w := word.String()
			if inWord && strings.Trim(w, "0123456789") != "" {
				endWord()
				w = ""
			}
			word.Reset()
			inWord = false
			redirect = w + string(c)
			if i+1 < len(rs) && rs[i+1] == '>' {
				redirect += ">"
				i++
			}
			if i+1 < len(rs) && rs[i+1] == '&' { // 2>&1: no file
				i++
				for i+1 < len(rs) && rs[i+1] >= '0' && rs[i+1] <= '9' {
					i++
				}
				redirect = ""
			}
		case c == '\\' && i+1 < len(rs):
			i++
			if rs[i] != '\n' {
				word.WriteRune(rs[i])
				inWord = true
			}
		default:
			word.WriteRune(c)
			inWord = true
		}
	}
	endCommand()
	if len(outer) > 0 {
		t.Fatalf("unclosed $( in %q", script)
	}
	return cmds
}

// TestParseShell: the script reader finds the commands of the scripts the
// pipelines hold, with their redirections and assignments.
func TestParseShell(t *testing.T) {
	for _, tc := range []struct {
		script string
		want   []string // each command: [env ]args[ >stdout]
	}{
		{`isms check --src "$ISMS_SRC" --format github`, []string{"isms check --src $ISMS_SRC --format github"}},
		{"isms version\nisms build --out public # publish", []string{"isms version", "isms build --out public"}},
		{`isms check --format codeclimate > report.json || { isms check; exit 1; }`,
			[]string{"isms check --format codeclimate >report.json", "isms check", "exit 1"}},
		{`have=$(isms version 2>/dev/null | cut -d' ' -f2 || true)`,
			[]string{"isms version", "cut -d  -f2", "true"}},
		{`if [ "$a" != "$b" ]; then GOBIN="$X/bin" go install "m@$v"; fi`,
			[]string{"[ $a != $b ]", "GOBIN=$X/bin go install m@$v"}},
		{`echo "x=$v" >> "$GITHUB_ENV" 2>&1`, []string{"echo x=$v >$GITHUB_ENV"}},
	} {
		var got []string
		for _, c := range parseShell(t, tc.script) {
			s := strings.Join(append(slices.Clone(c.env), c.args...), " ")
			if c.stdout != "" {
				s += " >" + c.stdout
			}
			got = append(got, s)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("parseShell(%q) =\n%q\nwant\n%q", tc.script, got, tc.want)
		}
	}
}
