package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/isms-project/isms/internal/scaffold"
)

func cmdNew(args []string, stdout, stderr io.Writer) int {
	fs := flags("new", stderr)
	src := fs.String("src", ".", "the site folder (with isms.yaml)")
	title := fs.String("title", "", "the document's title")
	rest, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(rest) != 2 {
		return usageError(stderr, "usage: isms new TYPE ID [--title T] [--src DIR] (TYPE: policy, procedure, standard, guideline, plan, record)")
	}
	if _, err := siteFS(*src); err != nil {
		return usageError(stderr, "%v", err)
	}
	day, err := today("")
	if err != nil {
		return usageError(stderr, "%v", err)
	}
	p, err := scaffold.NewDocument(*src, rest[0], rest[1], *title, day)
	if err != nil {
		return usageError(stderr, "%v", err)
	}
	fmt.Fprintf(stdout, "isms: created %s (status draft; build with --drafts to see it)\n", filepath.Join(*src, p))
	return exitOK
}

func cmdInit(args []string, stdout, stderr io.Writer) int {
	fs := flags("init", stderr)
	lang := fs.String("lang", "nb", "nb or en: the language of the site and its starter documents")
	org := fs.String("org", "", "the organisation's name")
	rest, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(rest) != 1 {
		return usageError(stderr, "usage: isms init DIR [--lang nb|en] [--org NAME]")
	}
	name := *org
	if name == "" {
		name = map[string]string{"nb": "Min virksomhet AS", "en": "Example Ltd"}[*lang]
	}
	day, err := today("")
	if err != nil {
		return usageError(stderr, "%v", err)
	}
	files, err := scaffold.InitSite(rest[0], *lang, name, day)
	if err != nil {
		return usageError(stderr, "%v", err)
	}
	fmt.Fprintf(stdout, "isms: started an ISMS in %s with %d files. The documents are drafts to fill in; preview them with\n  isms serve --src %s --drafts\n", rest[0], len(files), rest[0])
	return exitOK
}
