package markdown

import (
	"slices"
	"strings"
	"testing"

	"github.com/isms-project/isms/internal/finding"
)

func renderDoc(t *testing.T, title, src string) (*Body, string, finding.Findings) {
	t.Helper()
	r := &finding.Report{Path: "a.md"}
	body := NewRenderer(false, false).RenderDocument("a.md", "en", title, []byte(src), 1, r)
	return body, string(body.html), r.Findings
}

// TestGitHubAnchors: a heading whose GitHub anchor differs from ours gets
// an empty element with it, placed in the heading; one whose anchors agree
// gets none; both resolve.
func TestGitHubAnchors(t *testing.T) {
	body, html, _ := renderDoc(t, "", "## 7.1 Review schedule\n\n## Scope\n\n## A — B\n\n## Scope\n")
	for _, want := range []string{
		`<h2 id="7-1-review-schedule"><span id="71-review-schedule"></span>7.1 Review schedule</h2>`,
		`<h2 id="scope">Scope</h2>`,
		`<h2 id="a-b"><span id="a--b"></span>A — B</h2>`,
		`<h2 id="scope-2"><span id="scope-1"></span>Scope</h2>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in\n%s", want, html)
		}
	}
	if n := strings.Count(html, "<span id="); n != 3 {
		t.Errorf("%d extra anchors, want 3:\n%s", n, html)
	}
	for _, id := range []string{"7-1-review-schedule", "71-review-schedule", "scope", "a-b", "a--b", "scope-2", "scope-1", "top"} {
		if !body.HasAnchor(id) {
			t.Errorf("anchor %q does not resolve; anchors %q", id, body.Anchors)
		}
	}
	if body.HasAnchor("review-schedule") {
		t.Errorf("a made-up anchor resolves")
	}
	if got := body.SuggestAnchor("scop"); got != " (did you mean #scope?)" {
		t.Errorf("suggestion %q", got)
	}
}

// TestGitHubSlug: GitHub's anchors drop punctuation and symbols and keep
// letters of any script, underscores and hyphens; each space is a hyphen.
func TestGitHubSlug(t *testing.T) {
	for in, want := range map[string]string{
		"7.1 Review schedule":       "71-review-schedule",
		"Tilgang på kontoret":       "tilgang-på-kontoret",
		"A.5.15 Access control (2)": "a515-access-control-2",
		"snake_case & co.":          "snake_case--co",
		"Hello, World!":             "hello-world",
	} {
		if got := githubSlug(in); got != want {
			t.Errorf("%q: got %q want %q", in, got, want)
		}
	}
}

// TestDropTitle: a first level-1 heading equal to the title (case and
// spacing aside) is not rendered; one that differs, or comes after text,
// stays.
func TestDropTitle(t *testing.T) {
	for _, c := range []struct {
		title, src string
		kept       bool
	}{
		{"Access Control Policy", "# Access  control policy\n\nText.\n", false},
		{"Access Control Policy", "Access control policy\n=====================\n\nText.\n", false},
		{"Access Control Policy", "# Something else\n\nText.\n", true},
		{"Access Control Policy", "Text first.\n\n# Access Control Policy\n", true},
		{"Access Control Policy", "## Access Control Policy\n", true},
		{"", "# Access Control Policy\n", true},
	} {
		_, html, _ := renderDoc(t, c.title, c.src)
		if kept := strings.Contains(html, "<h1") || strings.Contains(html, "<h2"); kept != c.kept {
			t.Errorf("title %q, body %q: heading kept %v, want %v:\n%s", c.title, c.src, kept, c.kept, html)
		}
		if !strings.Contains(html, "Text") && strings.Contains(c.src, "Text") {
			t.Errorf("text lost: %s", html)
		}
	}
	// A risk description (Render) is never a page: nothing is dropped.
	body := NewRenderer(false, false).Render("risks.yaml", "en", []byte("# A\n"), 1, &finding.Report{})
	if !strings.Contains(string(body.html), "<h1") {
		t.Errorf("Render dropped a heading: %s", body.html)
	}
}

// TestLevelOneContents: a body divided by level-1 headings only lists them
// as its contents; one with level-2 headings lists those.
func TestLevelOneContents(t *testing.T) {
	ids := func(hs []Heading) []string {
		var out []string
		for _, h := range hs {
			out = append(out, h.ID)
		}
		return out
	}
	body, _, _ := renderDoc(t, "Policy", "# Policy\n\n# Purpose\n\n# Scope\n\n### Detail\n\n# Roles\n")
	if got, want := ids(body.Headings), []string{"purpose", "scope", "roles"}; !slices.Equal(got, want) {
		t.Errorf("contents %q, want %q", got, want)
	}
	if body.Headings[0].Level != 1 {
		t.Errorf("level %d, want 1", body.Headings[0].Level)
	}
	body, _, _ = renderDoc(t, "", "# Part\n\n## Purpose\n\n# Other\n\n## Scope\n")
	if got, want := ids(body.Headings), []string{"purpose", "scope"}; !slices.Equal(got, want) {
		t.Errorf("contents %q, want %q", got, want)
	}
	body, _, _ = renderDoc(t, "", "# Only one\n\nText.\n")
	if len(body.Headings) != 0 {
		t.Errorf("contents for one heading: %+v", body.Headings)
	}
}

// TestRawHTMLShown: with unsafe_html off raw HTML is escaped and told at
// its position; with it on it passes without a warning, and its ids are
// anchors.
func TestRawHTMLShown(t *testing.T) {
	src := "A<br>b\n\n<div id=\"box\">x</div>\n\n[box](#box)\n"
	_, html, findings := renderDoc(t, "", src)
	if !strings.Contains(html, `<code class="raw-html">&lt;br&gt;</code>`) {
		t.Errorf("raw HTML not escaped:\n%s", html)
	}
	got := findings.Text()
	for _, want := range []string{"a.md:1:2: warning: raw HTML <br> shows as text", "a.md:3:1: warning: raw HTML <div id=\"box\">x</div> shows as text", "unsafe_html: true in isms.yaml", "a.md:5:1: warning: link to #box: no heading here has that anchor"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	r := &finding.Report{Path: "a.md"}
	body := NewRenderer(true, false).RenderDocument("a.md", "en", "", []byte(src), 1, r)
	if len(r.Findings) != 0 {
		t.Errorf("findings with unsafe_html: %s", r.Findings.Text())
	}
	if !strings.Contains(string(body.html), `<div id="box">`) || !body.HasAnchor("box") {
		t.Errorf("raw HTML id not an anchor: %q\n%s", body.Anchors, body.html)
	}
}
