// Command gencorpus writes a generated benchmark ISMS site (see package
// internal/corpus) into a new or empty folder:
//
//	go run ./internal/cmd/gencorpus -n 10000 -seed 1 -o DIR [-hugo]
//
// With -hugo it also writes a bare Hugo site into DIR/_hugo that mounts the
// same Markdown; build it with `hugo` inside that folder (isms ignores it).
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/isms-project/isms/internal/corpus"
)

func main() {
	n := flag.Int("n", 1000, "number of documents")
	seed := flag.Int64("seed", 1, "random seed; the same seed and -n give a byte-identical site")
	out := flag.String("o", "", "output folder (created; must be empty if it exists)")
	hugo := flag.Bool("hugo", false, "also write a Hugo peer site into OUT/"+corpus.HugoDir)
	quiet := flag.Bool("q", false, "print nothing on success")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: gencorpus -o DIR [-n DOCS] [-seed N] [-hugo]\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *out == "" || flag.NArg() > 0 || *n < 0 {
		flag.Usage()
		os.Exit(2)
	}
	start := time.Now()
	if err := corpus.Write(*out, corpus.Options{Docs: *n, Seed: *seed, Hugo: *hugo}); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
	if !*quiet {
		fmt.Printf("gencorpus: %d documents (seed %d) in %s in %v\n", *n, *seed, *out, time.Since(start).Round(time.Millisecond))
	}
}
