package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/isms-project/isms/internal/migrate"
)

// cmdMigrate rewrites ISO/IEC 27002:2013 control IDs in front matter to
// their 2022 successors. Without --write it prints the change as a unified
// diff on stdout (so that "isms migrate > migrate.patch" makes a patch),
// and what it found on stderr.
func cmdMigrate(args []string, stdout, stderr io.Writer) int {
	fs := flags("migrate", stderr)
	src := fs.String("src", ".", "the site folder (with isms.yaml)")
	write := fs.Bool("write", false, "rewrite the files (without it, print a diff)")
	if rest, err := parse(fs, args); err != nil {
		return exitUsage
	} else if len(rest) > 0 {
		return usageError(stderr, "migrate takes no arguments (got %q); use --src DIR", strings.Join(rest, " "))
	}
	root, err := siteFS(*src)
	if err != nil {
		return usageError(stderr, "%v", err)
	}
	m, err := migrate.Migrate(root)
	if err != nil {
		return usageError(stderr, "%v", err)
	}

	ids := 0
	for _, f := range m.Files {
		for _, r := range f.Rewrites {
			fmt.Fprintln(stderr, r)
			ids++
		}
	}
	for _, r := range m.BodyRefs {
		fmt.Fprintln(stderr, r)
	}
	for _, f := range m.Findings {
		fmt.Fprintln(stderr, f)
	}

	if !*write {
		stdout.Write(m.Diff())
	} else {
		dir, err := os.OpenRoot(*src)
		if err != nil {
			return usageError(stderr, "%v", err)
		}
		defer dir.Close()
		for _, f := range m.Files {
			if err := writeAtomic(dir, f.Path, f.New); err != nil {
				return usageError(stderr, "writing %s: %v", f.Path, err)
			}
		}
	}

	verb := "would rewrite"
	if *write {
		verb = "rewrote"
	}
	summary := fmt.Sprintf("isms: %s %d 2013 control IDs in %d files", verb, ids, len(m.Files))
	if !*write && len(m.Files) > 0 {
		summary += " (run with --write to change them)"
	}
	switch n := len(m.BodyRefs); n {
	case 0:
	case 1:
		summary += "; 1 reference in the text to change by hand"
	default:
		summary += fmt.Sprintf("; %d references in the text to change by hand", n)
	}
	fmt.Fprintln(stderr, summary)
	if errs, _ := m.Findings.Count(); errs > 0 {
		return exitContent
	}
	return exitOK
}

// writeAtomic replaces a file of the site by writing a temporary file next
// to it and renaming it over the old one, keeping the file's permissions.
func writeAtomic(root *os.Root, name string, data []byte) error {
	name = filepath.FromSlash(name)
	info, err := root.Stat(name)
	if err != nil {
		return err
	}
	tmp := filepath.Join(filepath.Dir(name), "."+filepath.Base(name)+".isms-migrate")
	if err := root.WriteFile(tmp, data, info.Mode().Perm()); err != nil {
		return err
	}
	if err := root.Chmod(tmp, info.Mode().Perm()); err != nil {
		root.Remove(tmp)
		return err
	}
	if err := root.Rename(tmp, name); err != nil {
		root.Remove(tmp)
		return err
	}
	return nil
}
