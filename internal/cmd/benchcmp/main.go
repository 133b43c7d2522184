// Command benchcmp measures isms side by side with the tools users would
// otherwise pick — Hugo for the site and Pagefind for its search — on the
// same generated corpus, in the same run, and prints one table: wall time,
// CPU time and peak memory, each the median of several runs with min and
// max, and the ratio. `make bench` runs it; `make bench-peers` installs the
// peers. Without them the table says so and shows isms's own figures.
//
//	go run ./internal/cmd/benchcmp -isms bin/isms -sizes 1000,10000,50000 -runs 3
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/isms-project/isms/internal/corpus"
)

func main() {
	ismsBin := flag.String("isms", "bin/isms", "the isms binary to measure")
	work := flag.String("work", ".bench", "folder for corpora and outputs")
	sizes := flag.String("sizes", "1000,10000,50000", "corpus sizes, comma-separated")
	runs := flag.Int("runs", 3, "runs per measurement (the median is reported)")
	hugo := flag.String("hugo", "hugo", "the hugo binary (Debian's hugo)")
	pagefind := flag.String("pagefind", ".bench/peers/node_modules/@pagefind/linux-x64/bin/pagefind_extended", "the pagefind binary")
	out := flag.String("o", "", "also write the table to this file")
	flag.Parse()

	var ns []int
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			fatalf("bad size %q", s)
		}
		ns = append(ns, n)
	}
	peers := havePeers(*hugo, *pagefind)
	var table strings.Builder
	fmt.Fprintf(&table, "Machine: %s\n\n", machine())
	fmt.Fprintf(&table, "Command: `make bench` (go run ./internal/cmd/benchcmp -sizes %s -runs %d); corpus from internal/corpus, seed 1, built as of %s.\n\n", *sizes, *runs, corpus.Today)
	if peers != "" {
		fmt.Fprintf(&table, "Peers: %s.\n\n", peers)
	} else {
		fmt.Fprintf(&table, "Peers: not installed (run `make bench-peers`); only isms's own figures.\n\n")
	}
	fmt.Fprintln(&table, "| documents | tool | wall s (median, min–max) | CPU s | peak memory MiB | s per 1,000 docs |")
	fmt.Fprintln(&table, "|---:|---|---|---|---:|---:|")
	perDoc := map[int]float64{}
	for _, n := range ns {
		site := filepath.Join(*work, fmt.Sprintf("corpus-%d", n))
		if err := ensureCorpus(site, n); err != nil {
			fatalf("corpus: %v", err)
		}
		ismsOut := filepath.Join(*work, fmt.Sprintf("out-isms-%d", n))
		isms := measure(*runs, func() (sample, error) {
			os.RemoveAll(ismsOut)
			return run(*ismsBin, "build", "--src", site, "--out", ismsOut, "--today", corpus.Today, "--quiet")
		})
		perDoc[n] = isms.wall.median / float64(n) * 1000
		row(&table, n, "isms build (with search)", isms, n)
		if peers == "" {
			continue
		}
		hugoOut := filepath.Join(*work, fmt.Sprintf("out-hugo-%d", n))
		peer := measure(*runs, func() (sample, error) {
			os.RemoveAll(hugoOut)
			h, err := run(*hugo, "--source", filepath.Join(site, corpus.HugoDir), "--destination", mustAbs(hugoOut), "--quiet")
			if err != nil {
				return h, err
			}
			p, err := run(*pagefind, "--site", hugoOut, "--silent")
			return h.then(p), err
		})
		row(&table, n, "hugo + pagefind", peer, n)
		fmt.Fprintf(&table, "| %d | **ratio isms / (hugo + pagefind)** | **%.2f** | %.2f | %.2f | |\n", n,
			isms.wall.median/peer.wall.median, isms.cpu.median/peer.cpu.median, isms.mem.median/peer.mem.median)
	}
	if first, last := slices.Min(ns), slices.Max(ns); first != last {
		fmt.Fprintf(&table, "\nTime per document, %d → %d documents: %+.0f%%.\n", first, last, (perDoc[last]/perDoc[first]-1)*100)
	}
	fmt.Print(table.String())
	if *out != "" {
		if err := os.WriteFile(*out, []byte(table.String()), 0o644); err != nil {
			fatalf("%v", err)
		}
	}
}

// sample is one run of a command: wall and CPU seconds, peak memory in MiB.
type sample struct{ wall, cpu, mem float64 }

// then adds a second command run after the first: times add up, memory
// peaks at the larger.
func (s sample) then(t sample) sample {
	return sample{s.wall + t.wall, s.cpu + t.cpu, max(s.mem, t.mem)}
}

type stat struct{ median, min, max float64 }

type result struct{ wall, cpu, mem stat }

func measure(runs int, f func() (sample, error)) result {
	var ws, cs, ms []float64
	for range runs {
		s, err := f()
		if err != nil {
			fatalf("%v", err)
		}
		ws, cs, ms = append(ws, s.wall), append(cs, s.cpu), append(ms, s.mem)
	}
	return result{summarise(ws), summarise(cs), summarise(ms)}
}

func summarise(xs []float64) stat {
	slices.Sort(xs)
	m := xs[len(xs)/2]
	if len(xs)%2 == 0 {
		m = (xs[len(xs)/2-1] + xs[len(xs)/2]) / 2
	}
	return stat{m, xs[0], xs[len(xs)-1]}
}

func row(w io.Writer, n int, tool string, r result, docs int) {
	fmt.Fprintf(w, "| %d | %s | %.2f (%.2f–%.2f) | %.2f (%.2f–%.2f) | %.0f (%.0f–%.0f) | %.3f |\n", n, tool,
		r.wall.median, r.wall.min, r.wall.max, r.cpu.median, r.cpu.min, r.cpu.max,
		r.mem.median, r.mem.min, r.mem.max, r.wall.median/float64(docs)*1000)
}

// run runs a command and measures it through its resource usage.
func run(name string, args ...string) (sample, error) {
	cmd := exec.Command(name, args...)
	var stderr strings.Builder
	cmd.Stdout = io.Discard
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start).Seconds()
	if err != nil {
		return sample{}, fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	cpu := (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds()
	return sample{wall, cpu, peakMemoryMiB(cmd.ProcessState)}, nil
}

func ensureCorpus(dir string, n int) error {
	if _, err := os.Stat(filepath.Join(dir, corpus.HugoDir, "hugo.toml")); err == nil {
		return nil
	}
	os.RemoveAll(dir)
	fmt.Fprintf(os.Stderr, "benchcmp: generating a corpus of %d documents in %s\n", n, dir)
	return corpus.Write(dir, corpus.Options{Docs: n, Seed: 1, Hugo: true})
}

// havePeers describes the installed peers, or returns "" if one is missing.
func havePeers(hugo, pagefind string) string {
	hv, err := exec.Command(hugo, "version").Output()
	if err != nil {
		return ""
	}
	pv, err := exec.Command(pagefind, "--version").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(firstLine(string(hv))) + " (bare templates); " + strings.TrimSpace(firstLine(string(pv)))
}

// machine describes the computer the figures come from.
func machine() string {
	model := "unknown CPU"
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
		f.Close()
	}
	mem := ""
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		if k, err := strconv.Atoi(strings.Fields(firstLine(string(b)))[1]); err == nil {
			mem = fmt.Sprintf(", %.0f GiB", float64(k)/(1<<20))
		}
	}
	return fmt.Sprintf("%d cores (%s)%s, %s/%s, %s, %s", runtime.NumCPU(), model, mem, runtime.GOOS, runtime.GOARCH, runtime.Version(), time.Now().UTC().Format(time.DateOnly))
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

func mustAbs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		fatalf("%v", err)
	}
	return a
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "benchcmp: "+format+"\n", args...)
	os.Exit(1)
}
