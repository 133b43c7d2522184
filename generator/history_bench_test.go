//go:build unix

package generator

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// BenchmarkBuildHistory is a cold build (a new Builder, no search) of a
// site whose documents each have a git history: 1,000 documents changed in
// 20 commits each and 10,000 in 3, one document a commit (20,000 and
// 30,000 commits), the version raised every second change. history=no
// builds the same folder without Options.Dir: the difference is what the
// history costs. git-processes is the number of git processes a build ran;
// cpu-s/op and git-cpu-s/op the processor time of this process and of git;
// changes-pages and changes-page-max-KB the pages of changes/ and the
// largest of them.
func BenchmarkBuildHistory(b *testing.B) {
	for _, size := range []struct{ docs, changes int }{{1000, 20}, {10000, 3}} {
		dir := historyBenchSite(b, size.docs, size.changes)
		for _, with := range []bool{false, true} {
			name := fmt.Sprintf("docs=%d,commits-each=%d,history=%s", size.docs, size.changes, map[bool]string{false: "no", true: "yes"}[with])
			b.Run(name, func(b *testing.B) {
				root, err := os.OpenRoot(dir)
				if err != nil {
					b.Fatal(err)
				}
				defer root.Close()
				opts := Options{NoSearch: true, Today: corpusToday}
				if with {
					opts.Dir = dir
				}
				processes := 0
				var last *Result
				b.ReportAllocs()
				self0, children0 := cpuTime()
				for b.Loop() {
					var bl Builder
					res, err := bl.Build(root.FS(), opts)
					if err != nil {
						b.Fatal(err)
					}
					if res.Output == nil {
						b.Fatalf("build failed:\n%s", res.Findings.Text())
					}
					if bl.history != nil {
						processes = bl.history.GitProcesses
					}
					last = res
				}
				if with && processes == 0 {
					b.Fatal("no history read")
				}
				self1, children1 := cpuTime()
				b.ReportMetric((self1-self0).Seconds()/float64(b.N), "cpu-s/op")
				b.ReportMetric((children1-children0).Seconds()/float64(b.N), "git-cpu-s/op")
				b.ReportMetric(float64(processes), "git-processes")
				if with {
					pages, largest := 0, 0
					for _, p := range last.Output.Paths() {
						if strings.HasPrefix(p, "changes/") && strings.HasSuffix(p, ".html") {
							data, err := last.Output.Read(p)
							if err != nil {
								b.Fatal(err)
							}
							pages, largest = pages+1, max(largest, len(data))
						}
					}
					b.ReportMetric(float64(pages), "changes-pages")
					b.ReportMetric(float64(largest)/1024, "changes-page-max-KB")
				}
				b.ReportMetric(float64(size.docs)*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
			})
		}
	}
}

// cpuTime returns the processor time used so far by this process and by
// its children that have ended (the git processes): on a shared machine
// it says more than the time on the clock.
func cpuTime() (self, children time.Duration) {
	var s, c syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &s)
	syscall.Getrusage(syscall.RUSAGE_CHILDREN, &c)
	tv := func(r syscall.Rusage) time.Duration { return time.Duration(r.Utime.Nano() + r.Stime.Nano()) }
	return tv(s), tv(c)
}

// historyBenchSite makes, once per process, a site of docs documents in a
// repository where each changed in changes commits, with git fast-import
// (seconds, where a commit command per change would take minutes), and
// returns its folder.
func historyBenchSite(b *testing.B, docs, changes int) string {
	b.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("git is not installed")
	}
	dir := filepath.Join(os.TempDir(), "isms-bench-history-"+strconv.Itoa(docs)+"x"+strconv.Itoa(changes))
	if _, err := os.Stat(filepath.Join(dir, ".git", "ready")); err == nil {
		return dir
	}
	os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	git := func(stdin *os.File, args ...string) {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null")
		cmd.Stdin = stdin
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	git(nil, "init", "-q", "-b", "main")
	stream := filepath.Join(b.TempDir(), "stream")
	f, err := os.Create(stream)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	when := time.Date(2024, 1, 1, 8, 0, 0, 0, time.UTC).Unix()
	n := 0
	for round := range changes {
		for d := range docs {
			fmt.Fprintf(w, "commit refs/heads/main\nmark :%d\n", n+1)
			fmt.Fprintf(w, "author Forfatter %d <a%d@example.com> %d +0100\n", d%7, d%7, when)
			fmt.Fprintf(w, "committer Forfatter %d <a%d@example.com> %d +0100\n", d%7, d%7, when)
			msg := fmt.Sprintf("Oppdater DOC-%05d (runde %d)\n", d, round)
			fmt.Fprintf(w, "data %d\n%s", len(msg), msg)
			if n > 0 {
				fmt.Fprintf(w, "from :%d\n", n)
			} else {
				cfg := "title: Historikk\norganization: Test AS\nlanguage: nb\nrepository_url: https://git.example.com/isms/commit/{hash}\n"
				fmt.Fprintf(w, "M 100644 inline isms.yaml\ndata %d\n%s\n", len(cfg), cfg)
			}
			path := fmt.Sprintf("%s/%02d/DOC-%05d.md", []string{"policies", "procedures", "guidelines"}[d%3], d%50, d)
			content := historyBenchDoc(d, round)
			fmt.Fprintf(w, "M 100644 inline %s\ndata %d\n%s\n", path, len(content), content)
			n++
			when += 600
		}
	}
	w.Flush()
	f.Seek(0, 0)
	git(f, "fast-import", "--quiet")
	f.Close()
	git(nil, "reset", "-q", "--hard", "main")
	if err := os.WriteFile(filepath.Join(dir, ".git", "ready"), nil, 0o644); err != nil {
		b.Fatal(err)
	}
	b.Logf("setup: %d commits in %v", n, time.Since(start).Round(time.Millisecond))
	return dir
}

// historyBenchDoc is document d after change round: about 1.5 KB, one line
// changed a round, the version raised every second round.
func historyBenchDoc(d, round int) string {
	var s strings.Builder
	fmt.Fprintf(&s, "---\nid: DOC-%05d\ntitle: Dokument %d\ntype: policy\nowner: IT-sjef\nstatus: approved\n", d, d)
	fmt.Fprintf(&s, "version: \"1.%d\"\napproved: 2024-01-%02d\napprover: Daglig leder\nreview: 2027-01-01\n", round/2, 1+round%28)
	s.WriteString("controls: [\"5.15\", \"8.2\"]\n---\n\n# Formål\n\n")
	for i := range 12 {
		fmt.Fprintf(&s, "Linje %d: tilgang skal gis etter tjenstlig behov og fjernes ved fratreden", i)
		if i == round%12 {
			fmt.Fprintf(&s, " (endret i runde %d)", round)
		}
		s.WriteString(".\n")
	}
	return s.String()
}
