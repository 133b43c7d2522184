package views

// The CSV files of the views are for spreadsheets and scripts: UTF-8 with
// a byte-order mark (so that Excel reads æ, ø and å right), RFC 4180 with
// CRLF line ends, one header row of stable English column names, and codes
// rather than translated words in the cells (gap, implemented, yes).
// Multi-valued cells are joined with '|', as in `isms catalog … --format csv`.

import (
	"strings"
	"time"

	"github.com/isms-project/isms/catalog"
	"github.com/isms-project/isms/internal/model"
	"github.com/isms-project/isms/internal/sheet"
)

// writeCSV writes a header and rows as a CSV file.
func writeCSV(header []string, rows [][]string) ([]byte, error) {
	return sheet.WriteCSV(header, rows), nil
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func docIDs(docs []*model.Document) string {
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	return strings.Join(ids, "|")
}

// docTitles writes documents as "ID Title", records with their date.
func docTitles(docs []*model.Document, sep string) string {
	var b strings.Builder
	for i, d := range docs {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(d.ID)
		b.WriteByte(' ')
		if d.Withheld {
			b.WriteString("(" + withheldWord + ")")
		} else {
			b.WriteString(d.Title)
		}
		if d.Type == "record" && !d.Date.IsZero() {
			b.WriteString(" (" + d.Date.Format(time.DateOnly) + ")")
		}
	}
	return b.String()
}

func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// matrixCSV is the coverage matrix: one row per control.
func MatrixCSV(s *model.Site) ([]byte, error) {
	lang := s.Config.Language
	header := []string{"id", "theme", "title", "level", "applicable", "status", "documents", "evidence", "other_documents", "evidence_without_document"}
	var rows [][]string
	for _, c := range s.Controls {
		rows = append(rows, []string{
			c.ID, c.Theme.ID, c.Title.In(lang), c.Level.String(), yesNo(c.Applicable), c.Status(),
			docIDs(c.Documents), docIDs(c.Records), docIDs(c.Others), yesNo(c.EvidenceOnly),
		})
	}
	return writeCSV(header, rows)
}

// soaCSV is the Statement of Applicability: one row per control, each
// stating the organisation, versions and dates it was built from, so that
// a row copied elsewhere still says which SoA it came from.
func SoACSV(s *model.Site) ([]byte, error) {
	lang := s.Config.Language
	header := []string{"id", "theme", "title", "applicable", "reasons", "risks", "justification", "status", "status_source", "coverage", "documents", "evidence",
		"organization", "isms_version", "soa_version", "soa_approver", "soa_approved", "built"}
	var rows [][]string
	for _, c := range s.Controls {
		reasons := c.Reasons()
		justification := ""
		if a := c.Applicability; a != nil {
			justification = plainRefs(a.Justification, a.Refs)
		}
		source := "soa.yaml"
		if c.StatusDerived() {
			source = "derived"
		}
		if !c.Applicable {
			source = ""
		}
		rows = append(rows, []string{
			c.ID, c.Theme.ID, c.Title.In(lang), yesNo(c.Applicable), strings.Join(reasons, "|"), strings.Join(c.Risks, "|"), justification,
			c.Status(), source, c.Level.String(), docTitles(c.Documents, "|"), docTitles(c.Records, "|"),
			s.Config.Organization, s.Config.Version, s.SoA.Version, s.SoA.Approver, isoDate(s.SoA.Approved), isoDate(s.Today),
		})
	}
	return writeCSV(header, rows)
}

// plainRefs writes a justification's [[…]] references as text: the own
// text of [[X|text]], else the ID and title of what X names.
func plainRefs(text string, refs []model.RefTarget) string {
	var b strings.Builder
	model.EachTextRef(text, refs, func(plain string) { b.WriteString(plain) }, func(t model.RefTarget) {
		b.WriteString(t.Text)
		if t.Withheld {
			b.WriteString(" (" + withheldWord + ")")
		}
	})
	return b.String()
}

// withheldWord marks a document the build withholds in the exports, whose
// column headers are English too.
const withheldWord = "withheld"

// mappingCSV is the mapping in both directions: one row per 2013 → 2022
// pair, then the 2022 controls new in 2022 with an empty 2013 side, each
// 2022 control with the organisation's coverage.
func MappingCSV(s *model.Site) ([]byte, error) {
	lang := s.Config.Language
	header := []string{"id_2013", "title_2013", "id_2022", "title_2022", "relation", "coverage_2022"}
	var rows [][]string
	for _, c13 := range s.Catalog.Controls2013() {
		for _, succ := range c13.Successors {
			rows = append(rows, []string{c13.ID, c13.Title.In(lang), succ.ID, succ.Title.In(lang), relation(c13, succ), s.Control(succ.ID).Level.String()})
		}
	}
	for _, c := range s.Controls {
		if c.New {
			rows = append(rows, []string{"", "", c.ID, c.Title.In(lang), "new", c.Level.String()})
		}
	}
	return writeCSV(header, rows)
}

// relation names how a 2013 control became a 2022 one: split (one of
// several successors), merged (one of several predecessors), both, or
// same (one to one).
func relation(c13 *catalog.Control2013, c *catalog.Control) string {
	var r []string
	if len(c13.Successors) > 1 {
		r = append(r, "split")
	}
	if len(c.Predecessors) > 1 {
		r = append(r, "merged")
	}
	if len(r) == 0 {
		return "same"
	}
	return strings.Join(r, "|")
}
