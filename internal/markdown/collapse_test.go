package markdown

import (
	"strings"
	"testing"

	"github.com/isms-project/isms/internal/finding"
)

// TestCollapseSpace: runs of white space, Unicode ones too, become one
// space, or their line breaks when they hold any; the ends are trimmed.
func TestCollapseSpace(t *testing.T) {
	for in, want := range map[string]string{
		"  a  b\tc  ": "a b c", "": "", "   ": "", " \n ": "", "æ\u00a0ø": "æ ø", "x": "x",
		"a \n b": "a\nb", "a\n\n\tb\n": "a\n\nb", "\na  b": "a b",
	} {
		if got := collapseSpace([]byte(in)); got != want {
			t.Errorf("%q: got %q want %q", in, got, want)
		}
	}
}

// TestSectionLines: each section knows the file line its text starts on,
// and its text keeps the source's line breaks, so that a word's line is
// the section's Line plus the line breaks before it.
func TestSectionLines(t *testing.T) {
	src := "Intro line one\nintro *line* two.\n\n## First heading\n\nPara one\nwraps here.\n\n- item [[POL-01]]\n- item two\n\n```\ncode line\n```\n\n## Empty\n## Last\nText.\n"
	const bodyLine = 5 // the body starts on file line 5, after the front matter
	r := &finding.Report{Path: "doc.md"}
	body := NewRenderer(false, true).Render("doc.md", "en", []byte(src), bodyLine, r)
	if len(r.Findings) > 0 {
		t.Fatalf("findings: %v", r.Findings)
	}
	srcLines := strings.Split(src, "\n")
	// Every word of a section's text must be on the line the text says.
	for _, s := range body.Sections {
		for i, line := range strings.Split(s.Text, "\n") {
			for _, word := range strings.Fields(line) {
				fileLine := s.Line + i
				if !strings.Contains(srcLines[fileLine-bodyLine], word) {
					t.Errorf("section %q: %q put on line %d, which is %q", s.Heading, word, fileLine, srcLines[fileLine-bodyLine])
				}
			}
		}
	}
	want := []Section{
		{Heading: "", Text: "Intro line one\nintro line two.", Line: 5},
		{Heading: "First heading", Anchor: "first-heading", Text: "Para one\nwraps here.\n\nitem POL-01\nitem two\n\n\ncode line", Line: 10},
		{Heading: "Empty", Anchor: "empty", Text: "", Line: 20},
		{Heading: "Last", Anchor: "last", Text: "Text.", Line: 22},
	}
	if len(body.Sections) != len(want) {
		t.Fatalf("got %d sections %+v, want %d", len(body.Sections), body.Sections, len(want))
	}
	for i, w := range want {
		if g := body.Sections[i]; g != w {
			t.Errorf("section %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
	// Without sections the text is not gathered.
	for _, s := range NewRenderer(false, false).Render("doc.md", "en", []byte(src), bodyLine, r).Sections {
		if s.Text != "" {
			t.Errorf("text kept when not asked for: %+v", s)
		}
	}
}
