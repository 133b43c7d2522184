package history

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"time"
)

// git runs git commands in one folder, counting the processes it starts.
type git struct {
	ctx   context.Context
	path  string // the executable
	dir   string
	env   []string
	count atomic.Int32 // processes started; ls-tree and status run beside log and cat-file
}

// newGit finds the git executable ("" means "git" on the PATH). ok is
// false when there is none.
func newGit(ctx context.Context, exe, dir string) (*git, bool) {
	if exe == "" {
		exe = "git"
	}
	p, err := exec.LookPath(exe)
	if err != nil {
		return nil, false
	}
	return &git{ctx: ctx, path: p, dir: dir, env: gitEnv(os.Environ())}, true
}

// gitEnv is the environment for git: the folder alone says which
// repository (variables a hook may have set are dropped), messages in
// English, no prompts, no locks taken (a status must not disturb the
// user's own git commands), and no fetching of missing objects.
func gitEnv(environ []string) []string {
	drop := []string{"GIT_DIR=", "GIT_WORK_TREE=", "GIT_INDEX_FILE=", "GIT_COMMON_DIR=",
		"GIT_PREFIX=", "GIT_OBJECT_DIRECTORY=", "GIT_NAMESPACE=", "LC_ALL=", "LANGUAGE="}
	env := make([]string, 0, len(environ)+6)
outer:
	for _, kv := range environ {
		for _, d := range drop {
			if strings.HasPrefix(kv, d) {
				continue outer
			}
		}
		env = append(env, kv)
	}
	return append(env, "LC_ALL=C", "GIT_TERMINAL_PROMPT=0", "GIT_OPTIONAL_LOCKS=0",
		"GIT_NO_LAZY_FETCH=1", "GIT_LITERAL_PATHSPECS=1", "GIT_PAGER=cat")
}

// fixedConfig overrides settings of the user's that would change the
// output this package parses.
var fixedConfig = []string{
	"--no-pager",
	"-c", "color.ui=false",
	"-c", "core.quotePath=false",
	"-c", "i18n.logOutputEncoding=UTF-8",
	"-c", "diff.relative=false",
	"-c", "log.showSignature=false",
	"-c", "log.diffMerges=separate",
	"-c", "status.relativePaths=false",
	"-c", "status.renames=true",
}

// command returns a git command with its arguments.
func (g *git) command(args ...string) *exec.Cmd {
	cmd := exec.CommandContext(g.ctx, g.path, append(append([]string{}, fixedConfig...), args...)...)
	cmd.Dir = g.dir
	cmd.Env = g.env
	cmd.WaitDelay = 2 * time.Second
	return cmd
}

// output runs a command and returns its standard output. A failure's
// error holds git's own message.
func (g *git) output(args ...string) ([]byte, error) {
	cmd := g.command(args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	g.count.Add(1)
	out, err := cmd.Output()
	if err != nil {
		return out, g.failed(args[0], err, stderr.Bytes())
	}
	return out, nil
}

// gitError is a git command that failed.
type gitError struct {
	cmd    string
	code   int // exit code, -1 when it did not exit
	stderr string
	err    error
}

func (e *gitError) Error() string {
	msg := e.stderr
	if msg == "" {
		msg = e.err.Error()
	}
	return fmt.Sprintf("git %s: %s", e.cmd, msg)
}

func (e *gitError) Unwrap() error { return e.err }

// failed describes a failed command, saying so when the time ran out.
func (g *git) failed(cmd string, err error, stderr []byte) error {
	if ctxErr := g.ctx.Err(); ctxErr != nil {
		if errors.Is(ctxErr, context.DeadlineExceeded) {
			return fmt.Errorf("git %s: timed out: %w", cmd, ctxErr)
		}
		return fmt.Errorf("git %s: %w", cmd, ctxErr)
	}
	e := &gitError{cmd: cmd, code: -1, err: err, stderr: firstLine(stderr)}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		e.code = exit.ExitCode()
	}
	return e
}

// firstLine returns the first non-empty line of git's message.
func firstLine(b []byte) string {
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return ""
}

// stream starts a command whose output is read as it comes, to its end;
// wait ends it. git writes the output in blocks (GIT_FLUSH=0) rather than
// flushing it after each record: for a log of 20,000 commits, about 2,000
// writes instead of 20,000, and as many fewer reads here. (Not for
// cat-file, whose answers are awaited one batch at a time.)
func (g *git) stream(args ...string) (out io.ReadCloser, wait func() error, err error) {
	cmd := g.command(args...)
	cmd.Env = append(cmd.Env[:len(cmd.Env):len(cmd.Env)], "GIT_FLUSH=0")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err = cmd.StdoutPipe()
	if err != nil {
		return nil, nil, err
	}
	g.count.Add(1)
	if err := cmd.Start(); err != nil {
		return nil, nil, g.failed(args[0], err, nil)
	}
	wait = func() error {
		if err := cmd.Wait(); err != nil {
			return g.failed(args[0], err, stderr.Bytes())
		}
		return nil
	}
	return out, wait, nil
}
