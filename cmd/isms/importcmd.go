package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/isms-project/isms/generator"
	"github.com/isms-project/isms/internal/adopt"
	"github.com/isms-project/isms/internal/finding"
	"github.com/isms-project/isms/internal/model"
	"github.com/isms-project/isms/internal/render"
	"github.com/isms-project/isms/internal/risk"
	"github.com/isms-project/isms/internal/sitefs"
	"github.com/isms-project/isms/internal/suggest"
)

// cmdImport reads a register kept in a spreadsheet (CSV or XLSX) into the
// site's risks.yaml or soa.yaml. Without --write it prints the change as
// a diff; what it could not read is listed at FILE:row:column.
func cmdImport(args []string, stdout, stderr io.Writer) int {
	fs := flags("import", stderr)
	src := fs.String("src", ".", "the site folder (with isms.yaml)")
	write := fs.Bool("write", false, "write the file (without it, print a diff)")
	rest, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(rest) != 2 || (rest[0] != "risks" && rest[0] != "soa") {
		return usageError(stderr, "usage: isms import risks|soa FILE [--src DIR] [--write]")
	}
	kind, file := rest[0], rest[1]
	root, err := siteFS(*src)
	if err != nil {
		return usageError(stderr, "%v", err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return usageError(stderr, "reading %s: %v", file, err)
	}
	target := model.SoAFile
	if kind == "risks" {
		target = risk.File
	}
	existing, err := readIfExists(root, target)
	if err != nil {
		return usageError(stderr, "%v", err)
	}
	var out []byte
	var findings finding.Findings
	if kind == "risks" {
		words, err := themeWords(root)
		if err != nil {
			return usageError(stderr, "%v", err)
		}
		out, findings = risk.Import(filepath.ToSlash(file), data, existing, risk.ImportOptions{Words: words})
	} else {
		out, findings = adopt.ImportSoA(filepath.ToSlash(file), data)
	}
	findings.Sort()
	for _, f := range findings {
		fmt.Fprintln(stderr, f)
	}
	errs, _ := findings.Count()
	if out == nil || errs > 0 {
		fmt.Fprintf(stderr, "isms: %s not written: %s has %s\n", target, file, plural(errs, "error", "errors"))
		return exitContent
	}
	c := change{Path: target, Old: existing, New: out}
	if string(c.Old) == string(c.New) || (kind == "risks" && sameRegister(existing, out)) {
		fmt.Fprintf(stderr, "isms: %s already says what %s says\n", target, file)
		return exitOK
	}
	if !*write {
		stdout.Write(diff([]change{c}))
		fmt.Fprintf(stderr, "isms: would write %s (run with --write to write it)\n", target)
		return exitOK
	}
	if err := writeChanges(*src, []change{c}); err != nil {
		return usageError(stderr, "writing %s: %v", target, err)
	}
	fmt.Fprintf(stderr, "isms: wrote %s\n", target)
	return exitOK
}

// readIfExists reads a file of the site, nil when there is none.
func readIfExists(root fs.FS, name string) ([]byte, error) {
	data, err := fs.ReadFile(root, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	return data, nil
}

// themeWords are the site theme's strings in English and Norwegian: the
// words a register's column headers and values may be written in.
func themeWords(root fs.FS) ([]risk.Words, error) {
	cfgSrc, err := sitefs.ReadInside(root, model.ConfigFile)
	if err != nil {
		return nil, err
	}
	cfg, _ := model.ReadConfig(cfgSrc)
	files, dir, err := render.ThemeFS(root, cfg)
	if err != nil {
		return nil, err
	}
	var themes render.ThemeCache
	th, err := themes.Load(files, dir, false)
	if err != nil {
		return nil, err
	}
	var words []risk.Words
	for _, lang := range []string{"en", "nb"} {
		words = append(words, func(key string) string {
			s, _ := th.String(lang, key)
			return s
		})
	}
	return words, nil
}

// cmdAdopt makes a folder of Markdown an isms site in place: isms.yaml and
// a soa.yaml skeleton when missing, and front matter inferred from what
// each file says. Without --write it prints the change as a diff.
func cmdAdopt(args []string, stdout, stderr io.Writer) int {
	fs := flags("adopt", stderr)
	src := fs.String("src", ".", "the folder of Markdown documents")
	lang := fs.String("lang", "", "the site language, nb or en (default: guessed from the documents)")
	org := fs.String("org", "", "the organisation's name, for a new isms.yaml")
	write := fs.Bool("write", false, "write the files (without it, print a diff)")
	todayFlag := fs.String("today", "", "judge dates as of this day (YYYY-MM-DD)")
	if rest, err := parse(fs, args); err != nil {
		return exitUsage
	} else if len(rest) > 0 {
		return usageError(stderr, "adopt takes no arguments (got %q); use --src DIR", strings.Join(rest, " "))
	}
	if *lang != "" && *lang != "nb" && *lang != "en" {
		return usageError(stderr, "--lang must be nb or en, not %q", *lang)
	}
	day, err := today(*todayFlag)
	if err != nil {
		return usageError(stderr, "%v", err)
	}
	if info, err := os.Stat(*src); err != nil || !info.IsDir() {
		return usageError(stderr, "%s is not a folder", *src)
	}
	res, err := adopt.Site(sitefs.DirFS(*src), adopt.Options{Lang: *lang, Org: *org, Today: day})
	if err != nil {
		return usageError(stderr, "%v", err)
	}
	var changes []change
	for _, c := range res.Changes() {
		changes = append(changes, change{Path: c.Path, Old: c.Old, New: c.New})
	}
	for _, r := range res.Files {
		if !r.Changed() {
			continue
		}
		fmt.Fprintf(stderr, "%s:\n", r.Path)
		for _, f := range r.Fields {
			fmt.Fprintf(stderr, "  %s\n", f)
		}
	}
	printFindings(stderr, res.Findings, false, false)
	verb := "would write"
	if *write {
		if err := writeChanges(*src, changes); err != nil {
			return usageError(stderr, "%v", err)
		}
		verb = "wrote"
	} else {
		stdout.Write(diff(changes))
	}
	if *write {
		offerSuggestions(*src, stderr)
	}
	summary := fmt.Sprintf("isms: %s %s", verb, plural(len(changes), "file", "files"))
	if !*write && len(changes) > 0 {
		summary += " (run with --write to write them, then isms serve)"
	}
	fmt.Fprintln(stderr, summary)
	if errs, _ := res.Findings.Count(); errs > 0 {
		return exitContent
	}
	return exitOK
}

// plural writes a count with its noun.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// sameRegister reports whether two risks.yaml texts hold the same register,
// however they are written: an import of the site's own export changes
// nothing.
func sameRegister(a, b []byte) bool {
	if a == nil {
		return false
	}
	ra, _ := risk.Read(a, nil)
	rb, _ := risk.Read(b, nil)
	ja, errA := json.Marshal(ra)
	jb, errB := json.Marshal(rb)
	return errA == nil && errB == nil && bytes.Equal(ja, jb)
}

// offerSuggestions lists, for review, the controls the adopted documents'
// text most likely addresses; nothing is applied: isms suggest --write does
// that when the author has read them.
func offerSuggestions(src string, stderr io.Writer) {
	root, err := siteFS(src)
	if err != nil {
		return
	}
	res, err := generator.Suggest(root, generator.SuggestOptions{Options: suggest.Options{Limit: 3}})
	if err != nil || len(res.Suggestions) == 0 {
		return
	}
	if errs, _ := res.Findings.Count(); errs > 0 {
		return
	}
	fmt.Fprintf(stderr, "\nControls the documents' text may address (review with isms suggest, accept with isms suggest --write):\n")
	for _, sg := range res.Suggestions {
		title := sg.Control
		if c, ok := res.Site.Catalog.Control(sg.Control); ok {
			title += " " + c.Title.In(res.Site.Config.Language)
		}
		fmt.Fprintf(stderr, "  %s:%d: %s — %s\n", sg.Path, sg.Line, sg.Document, title)
	}
}
