package markdown

import (
	"strings"
	"testing"

	"github.com/isms-project/isms/internal/finding"
)

// TestExternalLinks: links that leave the site, written or bare, carry
// rel="noopener noreferrer"; links inside it do not.
func TestExternalLinks(t *testing.T) {
	src := "[ext](https://example.org/a) and www.example.com and <https://example.net> and [file](files/a.pdf) and [anchor](#top) and x@example.org\n"
	r := &finding.Report{Path: "a.md"}
	body := NewRenderer(false, false).Render("docs/a.md", "en", []byte(src), 1, r)
	html := string(body.html)
	for _, want := range []string{
		`<a href="https://example.org/a" rel="noopener noreferrer">ext</a>`,
		`<a href="http://www.example.com" rel="noopener noreferrer">www.example.com</a>`,
		`<a href="https://example.net" rel="noopener noreferrer">https://example.net</a>`,
		`<a href="mailto:x@example.org">x@example.org</a>`,
		`<a href="#top">anchor</a>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in\n%s", want, html)
		}
	}
	if strings.Count(html, "noreferrer") != 3 {
		t.Errorf("%d links marked external, want 3:\n%s", strings.Count(html, "noreferrer"), html)
	}
}
