package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"

	"github.com/isms-project/isms/generator"
	"github.com/isms-project/isms/internal/edit"
	"github.com/isms-project/isms/internal/finding"
	"github.com/isms-project/isms/internal/suggest"
	"github.com/isms-project/isms/internal/tree"
)

// cmdSuggest lists, for every published document, the controls its text
// addresses that its front matter does not cite (SPEC §12). As with
// migrate, stdout carries what a program takes — without --write the
// unified diff that adds the suggestions to the front matter (so that
// "isms suggest > suggest.patch" makes a patch), or with --format json the
// suggestions — and the report for people goes to stderr.
func cmdSuggest(args []string, stdout, stderr io.Writer) int {
	fs := flags("suggest", stderr)
	src := fs.String("src", ".", "the site folder (with isms.yaml)")
	format := fs.String("format", "text", "text (a report, and the diff without --write) or json (the suggestions)")
	write := fs.Bool("write", false, "add the suggested controls to the documents' front matter (without it, print a diff)")
	minScore := fs.Float64("min-score", suggest.DefaultMinScore, "leave out suggestions scoring below this (0 to 1)")
	controls := fs.String("controls", "", "only these controls, comma-separated (8.28,8.9)")
	if rest, err := parse(fs, args); err != nil {
		return exitUsage
	} else if len(rest) > 0 {
		return usageError(stderr, "suggest takes no arguments (got %q); use --src DIR", strings.Join(rest, " "))
	}
	if *format != "text" && *format != "json" {
		return usageError(stderr, "unknown --format %q (use text or json)", *format)
	}
	if *minScore < 0 || *minScore > 1 {
		return usageError(stderr, "--min-score %v is not between 0 and 1", *minScore)
	}
	opts := generator.SuggestOptions{Options: suggest.Options{MinScore: *minScore}}
	if *minScore == 0 {
		opts.MinScore = -1 // every control the text matches at all
	}
	for _, id := range strings.Split(*controls, ",") {
		if id = strings.TrimSpace(id); id != "" {
			opts.Controls = append(opts.Controls, id)
		}
	}
	root, err := siteFS(*src)
	if err != nil {
		return usageError(stderr, "%v", err)
	}
	res, err := generator.Suggest(root, opts)
	if err != nil {
		return usageError(stderr, "%v", err)
	}
	if errs, _ := res.Findings.Count(); errs > 0 {
		for _, f := range res.Findings {
			if f.Severity == finding.Error {
				fmt.Fprintln(stderr, f)
			}
		}
		fmt.Fprintf(stderr, "isms: %s in the site; fix them first (isms check lists them)\n", plural(errs, "error", "errors"))
		return exitContent
	}

	edits, failed := planSuggestions(root, res.Suggestions)
	if *format == "json" {
		if err := writeSuggestionsJSON(stdout, res.Suggestions); err != nil {
			return usageError(stderr, "%v", err)
		}
	} else {
		writeSuggestionsText(stderr, res)
	}
	for _, f := range failed {
		fmt.Fprintln(stderr, f)
	}
	if *write {
		dir, err := os.OpenRoot(*src)
		if err != nil {
			return usageError(stderr, "%v", err)
		}
		defer dir.Close()
		for _, e := range edits {
			if err := writeAtomic(dir, e.path, e.new); err != nil {
				return usageError(stderr, "writing %s: %v", e.path, err)
			}
		}
	} else if *format == "text" {
		for _, e := range edits {
			stdout.Write(edit.Diff("a/"+e.path, "b/"+e.path, e.old, e.new))
		}
	}

	docs := map[string]bool{}
	for _, s := range res.Suggestions {
		docs[s.Document] = true
	}
	summary := fmt.Sprintf("isms: %s for %s", plural(len(res.Suggestions), "suggestion", "suggestions"), plural(len(docs), "document", "documents"))
	switch {
	case *write:
		summary += fmt.Sprintf("; added to the front matter of %s", plural(len(edits), "file", "files"))
	case len(edits) > 0:
		summary += " (run with --write to add them to the front matter)"
	}
	fmt.Fprintln(stderr, summary)
	if len(failed) > 0 {
		return exitContent
	}
	return exitOK
}

// suggestionJSON is one suggestion as --format json prints it (SPEC §12).
type suggestionJSON struct {
	Document string  `json:"document"`
	Path     string  `json:"path"`
	Control  string  `json:"control"`
	Rank     int     `json:"rank"`
	Score    float64 `json:"score"`
	Evidence string  `json:"evidence"`
	Heading  string  `json:"heading"`
	Line     int     `json:"line"`
}

// writeSuggestionsJSON prints the suggestions as a JSON array, sorted by
// document, then rank (as Suggest gives them); [] for none.
func writeSuggestionsJSON(w io.Writer, list []suggest.Suggestion) error {
	out := make([]suggestionJSON, len(list))
	for i, s := range list {
		out[i] = suggestionJSON{s.Document, s.Path, s.Control, s.Rank, s.Score, s.Evidence, s.Heading, s.Line}
	}
	data, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

// writeSuggestionsText prints the suggestions for people, grouped by
// document: each control with its title and score, the passage that
// matched and the file and line where it is.
func writeSuggestionsText(w io.Writer, res *generator.Suggestions) {
	lang := res.Site.Config.Language
	titles := map[string]string{}
	for _, d := range res.Site.Documents {
		titles[d.ID] = d.Title
	}
	var b bytes.Buffer
	for i, s := range res.Suggestions {
		if i == 0 || res.Suggestions[i-1].Document != s.Document {
			if i > 0 {
				b.WriteByte('\n')
			}
			fmt.Fprintf(&b, "%s %s (%s)\n", s.Document, titles[s.Document], s.Path)
		}
		title := ""
		if c, ok := res.Site.Catalog.Control(s.Control); ok {
			title = c.Title.In(lang)
		}
		fmt.Fprintf(&b, "  %d. %s %s  score %s\n", s.Rank, s.Control, title, strconv.FormatFloat(s.Score, 'f', 2, 64))
		fmt.Fprintf(&b, "     %s:%d: %s\n", s.Path, s.Line, s.Evidence)
	}
	w.Write(b.Bytes())
}

// suggestionEdit is the change of one file: its controls list with the
// suggested controls added.
type suggestionEdit struct {
	path     string
	old, new []byte
}

// planSuggestions adds each document's suggested controls to the controls
// list of its front matter, with the minimal edit migrate makes: the rest
// of the file stays byte for byte as it was. A file whose list cannot be
// edited safely is an error finding instead, at the place.
func planSuggestions(fsys fs.FS, list []suggest.Suggestion) ([]suggestionEdit, finding.Findings) {
	var edits []suggestionEdit
	var failed finding.Findings
	for i := 0; i < len(list); {
		path := list[i].Path
		var ids []string
		for ; i < len(list) && list[i].Path == path; i++ {
			ids = append(ids, list[i].Control)
		}
		src, err := fs.ReadFile(fsys, path)
		if err != nil {
			failed = append(failed, finding.Finding{Pos: finding.Pos{Path: path, Line: 1, Col: 1}, Severity: finding.Error, Message: err.Error()})
			continue
		}
		out, err := addControls(src, ids)
		if err != nil {
			off := 0
			var ee *edit.Error
			if errors.As(err, &ee) {
				off = ee.Off
			}
			at := tree.OffsetLoc(src, off)
			failed = append(failed, finding.Finding{Pos: finding.Pos{Path: path, Line: at.Line, Col: at.Col}, Severity: finding.Error,
				Message: "suggested controls not added: " + err.Error()})
			continue
		}
		edits = append(edits, suggestionEdit{path, src, out})
	}
	return edits, failed
}

// addControls appends ids to the controls list of src's front matter,
// adding the list when there is none.
func addControls(src []byte, ids []string) ([]byte, error) {
	fm, ok := tree.FindFrontMatter(src)
	if !ok {
		return nil, errors.New("the file has no front matter")
	}
	l, err := edit.FindList(src, fm, "controls")
	if err != nil {
		return nil, err
	}
	e := edit.New(src)
	e.AddItems(fm, l, "controls", ids)
	return e.Apply()
}
