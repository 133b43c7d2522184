package risk

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/isms-project/isms/catalog"
	"github.com/isms-project/isms/internal/finding"
)

func testCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	cat, err := catalog.New()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// TestChecks reads each testdata/checks/*.txtar: a risks.yaml, an
// optional "context" of the site around it, and the findings wanted —
// file, line, column, severity and message, in sorted order.
//
// The context has one setting a line:
//
//	today: 2026-04-01
//	documents: ISMS-03 PRO-03      (document IDs of the site)
//	excluded: 7.4 7.5              (controls soa.yaml excludes)
//	reason: 8.28 soa.yaml:7:5      (a control soa.yaml includes for risk, and where)
func TestChecks(t *testing.T) {
	files, err := filepath.Glob("testdata/checks/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no check cases: %v", err)
	}
	cat := testCatalog(t)
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			sections := map[string]string{}
			for _, f := range ar.Files {
				sections[f.Name] = string(f.Data)
			}
			src, ok := sections["risks.yaml"]
			if !ok {
				t.Fatal("no risks.yaml section")
			}
			ctx := parseContext(t, sections["context"])
			reg, fs := Read([]byte(src), cat)
			fs = append(fs, reg.Check(ctx)...)
			fs.Sort()
			if got, want := fs.Text(), sections["want"]; got != want {
				t.Errorf("findings differ\n--- got\n%s--- want\n%s", got, want)
			}
		})
	}
}

func parseContext(t *testing.T, text string) CheckContext {
	t.Helper()
	var ctx CheckContext
	docs := map[string]bool{}
	excluded := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		fields := strings.Fields(value)
		switch key {
		case "today":
			d, err := time.Parse(time.DateOnly, strings.TrimSpace(value))
			if err != nil {
				t.Fatal(err)
			}
			ctx.Today = d
		case "documents":
			for _, id := range fields {
				docs[id] = true
			}
			ctx.Document = func(id string) (string, bool) { return "docs/" + strings.ToLower(id) + ".md", docs[id] }
		case "excluded":
			for _, id := range fields {
				excluded[id] = true
			}
			ctx.Excluded = func(id string) bool { return excluded[id] }
		case "reason":
			var pos finding.Pos
			parts := strings.Split(fields[1], ":")
			pos.Path = parts[0]
			pos.Line = atoi(t, parts[1])
			pos.Col = atoi(t, parts[2])
			ctx.RiskReasons = append(ctx.RiskReasons, ReasonAt{Control: fields[0], At: pos})
		default:
			t.Fatalf("unknown context setting %q", key)
		}
	}
	return ctx
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			t.Fatalf("not a number: %q", s)
		}
		n = n*10 + int(c-'0')
	}
	return n
}
