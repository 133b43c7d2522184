package history

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// BenchmarkRead measures Read on repositories the size of the targets:
// 1,000 documents changed in 20 commits each and 10,000 documents changed
// in 3 commits each, with a version bump every fourth change. per is the
// number of documents a commit changes: 1 is the worst case for git log
// (20,000 and 30,000 commits), 10 a team that commits a few documents at
// a time. The site is the top of the repository.
//
// Besides the time on the clock, cpu-s/op is the processor time of this
// process and git-cpu-s/op that of the git processes: on a machine shared
// with other work they say more.
func BenchmarkRead(b *testing.B) {
	for _, size := range []struct{ docs, changes, per int }{{1000, 20, 1}, {10000, 3, 1}, {1000, 20, 10}, {10000, 3, 10}} {
		b.Run(fmt.Sprintf("docs=%d,commits-each=%d,docs-a-commit=%d", size.docs, size.changes, size.per), func(b *testing.B) {
			dir := benchRepo(b, size.docs, size.changes, size.per)
			var h *History
			b.ReportAllocs()
			self0, children0 := cpuTime()
			for b.Loop() {
				var err error
				if h, err = Read(dir, Options{}); err != nil {
					b.Fatal(err)
				}
			}
			if n := len(h.Paths()); n != size.docs {
				b.Fatalf("history of %d files, want %d", n, size.docs)
			}
			if n := len(h.Changes()); n != size.docs*size.changes {
				b.Fatalf("%d changes, want %d", n, size.docs*size.changes)
			}
			self1, children1 := cpuTime()
			b.ReportMetric((self1-self0).Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric((children1-children0).Seconds()/float64(b.N), "git-cpu-s/op")
			b.ReportMetric(float64(h.GitProcesses), "git-processes")
			b.ReportMetric(float64(size.docs)*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}

// benchRepo makes a repository with git fast-import (seconds, where a
// commit command per change would take minutes) and checks it out; it
// returns the site folder.
func benchRepo(b *testing.B, docs, changes, per int) string {
	b.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("git is not installed")
	}
	start := time.Now()
	dir := b.TempDir()
	gitIn := func(stdin *os.File, args ...string) {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null")
		if stdin != nil {
			cmd.Stdin = stdin
		}
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	gitIn(nil, "init", "-q", "-b", "main")

	stream := filepath.Join(b.TempDir(), "stream")
	f, err := os.Create(stream)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	when := time.Date(2024, 1, 1, 8, 0, 0, 0, time.UTC).Unix()
	n := 0
	for round := range changes {
		for first := 0; first < docs; first += per {
			fmt.Fprintf(w, "commit refs/heads/main\nmark :%d\n", n+1)
			fmt.Fprintf(w, "author Forfatter %d <a%d@example.com> %d +0100\n", first%7, first%7, when)
			fmt.Fprintf(w, "committer Forfatter %d <a%d@example.com> %d +0100\n", first%7, first%7, when)
			msg := fmt.Sprintf("Oppdater DOC-%05d (runde %d)\n", first, round)
			fmt.Fprintf(w, "data %d\n%s", len(msg), msg)
			if n > 0 {
				fmt.Fprintf(w, "from :%d\n", n)
			}
			for d := first; d < min(first+per, docs); d++ {
				path := fmt.Sprintf("%s/%02d/DOC-%05d.md", []string{"policies", "procedures", "records"}[d%3], d%50, d)
				content := benchDoc(d, round)
				fmt.Fprintf(w, "M 100644 inline %s\ndata %d\n%s\n", path, len(content), content)
			}
			n++
			when += 600
		}
	}
	w.Flush()
	f.Seek(0, 0)
	gitIn(f, "fast-import", "--quiet")
	f.Close()
	gitIn(nil, "reset", "-q", "--hard", "main")
	b.Logf("setup: %d commits in %v", n, time.Since(start).Round(time.Millisecond))
	return dir
}

// benchDoc is document d as it stands after change round: about 1.5 KB,
// one line changed a round, the version raised every fourth round.
func benchDoc(d, round int) string {
	var s strings.Builder
	fmt.Fprintf(&s, "---\nid: DOC-%05d\ntitle: Dokument %d\ntype: policy\nowner: IT-sjef\n", d, d)
	fmt.Fprintf(&s, "version: \"1.%d\"\napproved: 2024-01-%02d\napprover: Daglig leder\n", round/4, 1+round%28)
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
