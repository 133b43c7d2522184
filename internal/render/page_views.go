package render

import (
	"strings"
	"time"

	"github.com/isms-project/isms/catalog"
	"github.com/isms-project/isms/internal/model"
	"github.com/isms-project/isms/internal/urls"
	"github.com/isms-project/isms/internal/views"
)

// clipLinks is how many documents a cell of the matrix or the SoA lists
// before "+ N more": at 10,000 documents a control may have hundreds, and
// its own page lists them all.
const clipLinks = 4

// Clipped is the first few documents of a list and how many are left out.
type Clipped struct {
	Docs []*model.Document
	More int
}

// Clip keeps the first clipLinks documents of docs.
func (p *Page) Clip(docs []*model.Document) Clipped {
	if len(docs) <= clipLinks {
		return Clipped{Docs: docs}
	}
	return Clipped{Docs: docs[:clipLinks], More: len(docs) - clipLinks}
}

// spaced turns a hashtag name into running text: "Governance and Ecosystem".
func spaced(s string) string { return strings.ReplaceAll(s, "_", " ") }

// AttrName is an attribute value as the standard writes it, in the site's
// language: "#Preventive", "#Governance_and_Ecosystem" → "#Governance and Ecosystem".
func (p *Page) AttrName(v *catalog.AttributeValue) string { return "#" + spaced(p.Text(v.Title)) }

// AttrKey is an attribute value's filter key: "control-type/preventive".
func (p *Page) AttrKey(v *catalog.AttributeValue) string { return views.AttrKey(v) }

// Levels lists the coverage levels in order, for filters and legends.
func (p *Page) Levels() []model.Level {
	return []model.Level{model.Gap, model.Documented, model.Evidenced, model.Excluded}
}

// AttrKeys lists a control's attribute values as filter keys separated by
// spaces, for the matrix's data-attr.
func (p *Page) AttrKeys(c *model.ControlCoverage) string {
	var b strings.Builder
	for _, v := range views.ControlAttributes(p.Site, c) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(views.AttrKey(v))
	}
	return b.String()
}

// Plural picks KEY.one for 1, KEY.zero (if the theme has it) for 0, and
// KEY.other (with %d) for other numbers.
func (p *Page) Plural(key string, n int) string {
	if _, ok := p.theme.strings[p.UILang()][key+".zero"]; ok && n == 0 {
		return p.T(key + ".zero")
	}
	if n == 1 {
		return p.T(key + ".one")
	}
	return p.Tf(key+".other", n)
}

// DaysSince is the number of whole days from t to today (negative when t
// is later).
func (p *Page) DaysSince(t time.Time) int { return daysBetween(t, p.Site.Today) }

// DaysUntil is the number of whole days from today to t.
func (p *Page) DaysUntil(t time.Time) int { return daysBetween(p.Site.Today, t) }

func daysBetween(from, to time.Time) int {
	f := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, time.UTC)
	t := time.Date(to.Year(), to.Month(), to.Day(), 0, 0, 0, 0, time.UTC)
	return int(t.Sub(f).Hours() / 24)
}

// ControlPath is a control page's site path, for partials that link
// relative to the page themselves.
func (p *Page) ControlPath(id string) string { return urls.Control(id) }
