// Command isms compiles an information security management system written
// as Markdown into a cross-referenced static website, checked against
// ISO/IEC 27001:2022 and ISO/IEC 27002:2022.
//
// This file is the thin front door: flags, exit codes and progress. The
// work is in the generator and catalog packages.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/isms-project/isms/catalog"
	"github.com/isms-project/isms/generator"
	"github.com/isms-project/isms/internal/finding"
	"github.com/isms-project/isms/internal/model"
	"github.com/isms-project/isms/internal/output"
	"github.com/isms-project/isms/internal/sitefs"
)

// Exit codes.
const (
	exitOK      = 0
	exitContent = 1 // the content has errors
	exitUsage   = 2 // bad usage, or an I/O error
)

// version is set at link time (-ldflags "-X main.version=…").
var version = "dev"

const usage = `isms compiles an ISMS written in Markdown into a static website.

Usage:
  isms build   [--src DIR] [--out DIR] [--drafts] [--strict] [--quiet] [--today YYYY-MM-DD] [--classification LEVEL]
  isms serve   [--src DIR] [--addr 127.0.0.1:8080] [--drafts]
  isms check   [--src DIR] [--format text|json|github|sarif|codeclimate] [--strict]
  isms new     TYPE ID [--title T] [--src DIR]
  isms init    DIR [--lang nb|en]
  isms migrate [--src DIR] [--write]
  isms suggest [--src DIR] [--format text|json] [--write] [--min-score F] [--controls 8.28,8.9]
  isms adopt   [--src DIR] [--lang nb|en] [--org NAME] [--write]
  isms import  risks|soa FILE [--src DIR] [--write]
  isms catalog controls|clauses|mapping [--format table|json|csv] [--lang nb|en]
  isms version

Run "isms COMMAND -h" for a command's flags.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the whole program, for tests.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	cmd, args := args[0], args[1:]
	switch cmd {
	case "build":
		return cmdBuild(args, stdout, stderr)
	case "check":
		return cmdCheck(args, stdout, stderr)
	case "serve":
		return cmdServe(args, stdout, stderr)
	case "new":
		return cmdNew(args, stdout, stderr)
	case "init":
		return cmdInit(args, stdout, stderr)
	case "migrate":
		return cmdMigrate(args, stdout, stderr)
	case "suggest":
		return cmdSuggest(args, stdout, stderr)
	case "adopt":
		return cmdAdopt(args, stdout, stderr)
	case "import":
		return cmdImport(args, stdout, stderr)
	case "catalog":
		return cmdCatalog(args, stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, thisRelease())
		return exitOK
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "isms: unknown command %q\n\n%s", cmd, usage)
	return exitUsage
}

// flags makes a flag set that reports its own usage errors.
func flags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("isms "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parse parses flags that may come before or after positional arguments
// (isms new policy POL-09 --title "…").
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

func usageError(stderr io.Writer, format string, args ...any) int {
	fmt.Fprintf(stderr, "isms: "+format+"\n", args...)
	return exitUsage
}

// today is --today, else SOURCE_DATE_EPOCH, else the current date.
func today(flagValue string) (time.Time, error) {
	if flagValue != "" {
		t, err := time.Parse("2006-01-02", flagValue)
		if err != nil {
			return time.Time{}, fmt.Errorf("--today %q: write the date as YYYY-MM-DD", flagValue)
		}
		return t, nil
	}
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH %q is not a number of seconds", s)
		}
		t := time.Unix(n, 0).UTC()
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
	}
	now := time.Now()
	return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC), nil
}

// siteFS opens the site folder, with a clear error for a folder that is
// not a site.
func siteFS(src string) (fs.FS, error) {
	info, err := os.Stat(src)
	if err != nil {
		return nil, fmt.Errorf("site folder %s: %w", src, errors.Unwrap(err))
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("site folder %s is not a folder", src)
	}
	if _, err := os.Stat(src + string(os.PathSeparator) + "isms.yaml"); err != nil {
		return nil, fmt.Errorf("%s is not an isms site: it has no isms.yaml (run \"isms init %s\" to start one)", src, src)
	}
	return sitefs.DirFS(src), nil
}

func cmdBuild(args []string, stdout, stderr io.Writer) int {
	fs := flags("build", stderr)
	src := fs.String("src", ".", "the site folder (with isms.yaml)")
	out := fs.String("out", "public", "the output folder, replaced atomically")
	drafts := fs.Bool("drafts", false, "publish drafts too")
	strict := fs.Bool("strict", false, "treat warnings as errors")
	quiet := fs.Bool("quiet", false, "print only errors")
	todayFlag := fs.String("today", "", "judge reviews and evidence as of this date (YYYY-MM-DD)")
	noSearch := fs.Bool("no-search", false, "leave out the search index")
	classification := fs.String("classification", "", "publish documents up to this classification (public, internal, confidential, restricted); default isms.yaml's publish.max_classification, else internal")
	if rest, err := parse(fs, args); err != nil {
		return exitUsage
	} else if len(rest) > 0 {
		return usageError(stderr, "build takes no arguments (got %q); use --src DIR", strings.Join(rest, " "))
	}
	day, err := today(*todayFlag)
	if err != nil {
		return usageError(stderr, "%v", err)
	}
	root, err := siteFS(*src)
	if err != nil {
		return usageError(stderr, "%v", err)
	}
	start := time.Now()
	if *classification != "" && !slices.Contains(model.Classifications, *classification) {
		return usageError(stderr, "unknown --classification %q (use one of: %s)", *classification, strings.Join(model.Classifications, ", "))
	}
	opts := generator.Options{Drafts: *drafts, Today: day, NoSearch: *noSearch, Classification: *classification, Dir: *src}
	// A build whose site has not changed since the output was written
	// only tells its findings again.
	stamp, size, _ := output.SourceStamp(*src, *out, fmt.Sprint(opts.Drafts, opts.NoSearch, opts.Today.Format(time.DateOnly), opts.Classification))
	limitMemory(size)
	if findings, ok := output.UpToDate(*out, stamp); ok {
		errs, warns := printFindings(stderr, findings, *strict, *quiet)
		if errs > 0 {
			return exitContent
		}
		if !*quiet {
			fmt.Fprintf(stdout, "isms: %s is up to date: nothing changed since it was built (%s) in %.2f s\n", *out, plural(warns, "warning", "warnings"), time.Since(start).Seconds())
		}
		return exitOK
	}
	opts.Stamp = stamp
	res, err := generator.Build(root, opts)
	if err != nil {
		return usageError(stderr, "%v", err)
	}
	errs, warns := printFindings(stderr, res.Findings, *strict, *quiet)
	if errs > 0 {
		if !*quiet {
			fmt.Fprintf(stderr, "isms: %s, %s; %s left as it was\n", plural(errs, "error", "errors"), plural(warns, "warning", "warnings"), *out)
		}
		return exitContent
	}
	w := output.Writer{Warn: func(msg string) { fmt.Fprintf(stderr, "isms: warning: %s\n", msg) }}
	if err := w.Write(*out, *src, res.Output); err != nil {
		return usageError(stderr, "writing %s: %v", *out, err)
	}
	if !*quiet {
		fmt.Fprintf(stdout, "isms: %s, %s, %s, %s in %.2f s → %s\n",
			plural(len(res.Site.Documents), "document", "documents"), plural(res.Output.Pages(), "page", "pages"),
			plural(errs, "error", "errors"), plural(warns, "warning", "warnings"), time.Since(start).Seconds(), *out)
	}
	return exitOK
}

// limitMemory keeps the heap of a build near what it needs: a build holds
// about seven times the site's bytes (the rendered pages, the bodies and the
// search index), and without a limit the collector lets the heap grow to
// twice what it holds. A limit set in GOMEMLIMIT wins.
func limitMemory(siteBytes int64) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(max(800<<20, 10*siteBytes))
}

// printFindings prints the findings (only errors when quiet), with
// warnings made errors when strict, and counts them.
func printFindings(w io.Writer, findings finding.Findings, strict, quiet bool) (errs, warns int) {
	if strict {
		findings = findings.Strict()
	}
	if quiet {
		for _, f := range findings {
			if f.Severity == finding.Error {
				fmt.Fprintln(w, f)
			}
		}
	} else {
		io.WriteString(w, findings.Readable(false, "isms check --all lists them; the matrix page shows the gaps"))
	}
	return findings.Count()
}

func cmdCheck(args []string, stdout, stderr io.Writer) int {
	fs := flags("check", stderr)
	src := fs.String("src", ".", "the site folder (with isms.yaml)")
	format := fs.String("format", "text", "text, json, or for CI: github (annotations), sarif or codeclimate (GitLab Code Quality)")
	strict := fs.Bool("strict", false, "treat warnings as errors")
	drafts := fs.Bool("drafts", false, "check as if drafts were published")
	all := fs.Bool("all", false, "list every warning (the text output shows a few of each kind)")
	todayFlag := fs.String("today", "", "judge reviews and evidence as of this date (YYYY-MM-DD)")
	if rest, err := parse(fs, args); err != nil {
		return exitUsage
	} else if len(rest) > 0 {
		return usageError(stderr, "check takes no arguments (got %q); use --src DIR", strings.Join(rest, " "))
	}
	if msg := validFormat(*format); msg != "" {
		return usageError(stderr, "%s", msg)
	}
	day, err := today(*todayFlag)
	if err != nil {
		return usageError(stderr, "%v", err)
	}
	root, err := siteFS(*src)
	if err != nil {
		return usageError(stderr, "%v", err)
	}
	res, err := generator.Build(root, generator.Options{Drafts: *drafts, Today: day, CheckOnly: true})
	if err != nil {
		return usageError(stderr, "%v", err)
	}
	findings := res.Findings
	if *strict {
		findings = findings.Strict()
	}
	errs, warns := findings.Count()
	if *format == "text" {
		io.WriteString(stdout, findings.Readable(*all, "isms check --all lists them; the matrix page shows the gaps"))
	} else if err := writeCheck(stdout, *format, *src, findings); err != nil {
		return usageError(stderr, "%v", err)
	}
	if *format != "json" {
		fmt.Fprintf(stderr, "isms: %s checked, %s, %s\n", plural(len(res.Site.Documents), "document", "documents"), plural(errs, "error", "errors"), plural(warns, "warning", "warnings"))
	}
	if errs > 0 {
		return exitContent
	}
	return exitOK
}

func cmdCatalog(args []string, stdout, stderr io.Writer) int {
	fs := flags("catalog", stderr)
	format := fs.String("format", "table", "table, json or csv")
	lang := fs.String("lang", "nb", "nb or en")
	rest, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(rest) != 1 {
		return usageError(stderr, "catalog needs one of: controls, clauses, mapping")
	}
	cat, err := catalog.New()
	if err != nil {
		return usageError(stderr, "%v", err)
	}
	if err := cat.Write(stdout, rest[0], *format, *lang); err != nil {
		return usageError(stderr, "%v", err)
	}
	return exitOK
}
