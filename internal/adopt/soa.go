package adopt

// isms import soa: a Statement of Applicability kept in a spreadsheet
// becomes soa.yaml. The columns are those of the soa.csv a build writes
// (id, applicable, reasons, status, justification, and soa_version,
// soa_approver, soa_approved), named in English or Norwegian; values are
// read as teams type them: "A.5.15", "Yes", "ikke relevant",
// "Implemented ", "Risk; Contract".

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/isms-project/isms/catalog"
	"github.com/isms-project/isms/internal/edit"
	"github.com/isms-project/isms/internal/finding"
	"github.com/isms-project/isms/internal/sheet"
)

// The columns ImportSoA reads, by the names it knows them by.
var (
	colID            = []string{"id", "control", "control id", "control no", "control number", "control ref", "ref", "annex a", "annex a control", "iso control", "tiltak", "tiltak id", "tiltaksnummer", "sikkerhetstiltak", "kontroll", "kontroll id", "nr", "nummer"}
	colApplicable    = []string{"applicable", "applicability", "applies", "in scope", "included", "selected", "anvendelig", "anvendelighet", "relevant", "relevans", "gjelder", "valgt", "inkludert"}
	colReasons       = []string{"reasons", "reason", "reasons for inclusion", "reason for inclusion", "drivers", "årsak", "årsaker", "grunnlag", "grunnlag for valg"}
	colStatus        = []string{"status", "implementation status", "implementation", "implementeringsstatus", "gjennomføring", "gjennomføringsstatus", "state"}
	colJustification = []string{"justification", "justification for exclusion", "justification for inclusion", "rationale", "begrunnelse", "kommentar", "comment", "comments", "notes", "note", "merknad", "merknader"}
	colVersion       = []string{"soa version", "soa versjon"}
	colApprover      = []string{"soa approver", "soa godkjent av", "soa godkjenner"}
	colApproved      = []string{"soa approved", "soa godkjent"}
)

// soaControl is one control's row, as soa.yaml writes it.
type soaControl struct {
	id            string
	applicable    bool
	reasons       []string
	status        string
	justification string
}

var reasonSeparators = regexp.MustCompile(`\s*(?:[,;|/+&\n]|\band\b|\bog\b)\s*`)

var controlCell = regexp.MustCompile(`(?i)^\s*(?:annex\s+)?(a\s*\.?\s*)?(\d{1,3}(?:\s*\.\s*\d{1,3})+)`)

// ImportSoA reads a Statement of Applicability from a CSV or XLSX file
// (the first sheet with a column of control IDs) and writes soa.yaml:
// controls in natural order, IDs quoted, fields in a fixed order; a
// control the sheet says nothing about beyond "applicable" is left out
// (every control is applicable unless soa.yaml says otherwise). A status
// that soa.csv's status_source calls derived is left to the build. "In
// progress" (and "pågår") is read as partial: work has started, so part
// of the control is in place. Every cell it cannot read is a finding at
// FILE:line:col (CSV) or FILE:row:col (XLSX, with the cell's name); the
// row is left out when its ID or applicability cannot be read.
func ImportSoA(name string, data []byte) ([]byte, finding.Findings) {
	var fs finding.Findings
	fail := func(sev finding.Severity, pos finding.Pos, format string, args ...any) {
		fs = append(fs, finding.Finding{Pos: pos, Severity: sev, Message: fmt.Sprintf(format, args...)})
	}
	fileStart := finding.Pos{Path: name, Line: 1, Col: 1}
	cat, err := catalog.New()
	if err != nil {
		fail(finding.Error, fileStart, "the control catalogue cannot be read: %v", err)
		return nil, fs
	}
	tables, err := sheet.Read(name, data)
	if err != nil {
		var se *sheet.Error
		if errors.As(err, &se) {
			fail(finding.Error, se.Pos, "%v", se.Err)
		} else {
			fail(finding.Error, fileStart, "%v", err)
		}
		return nil, fs
	}
	var t *sheet.Table
	for _, tb := range tables {
		if tb.Column(colID...) >= 0 {
			t = tb
			break
		}
	}
	if t == nil {
		fail(finding.Error, fileStart, "no column of control IDs: the first row must name the columns, one of them id (or control, tiltak), as in the soa.csv isms build writes")
		return nil, fs
	}
	fs = append(fs, t.Notes...)
	at := func(c sheet.Cell, format string, args ...any) (finding.Pos, string) {
		msg := fmt.Sprintf(format, args...)
		if w := t.Where(c); w != "" {
			msg = w + ": " + msg
		}
		return t.Pos(c), msg
	}
	warn := func(c sheet.Cell, format string, args ...any) {
		pos, msg := at(c, format, args...)
		fail(finding.Warning, pos, "%s", msg)
	}
	errorf := func(c sheet.Cell, format string, args ...any) {
		pos, msg := at(c, format, args...)
		fail(finding.Error, pos, "%s", msg)
	}
	iID, iApplicable, iReasons := t.Column(colID...), t.Column(colApplicable...), t.Column(colReasons...)
	iStatus, iJustification := t.Column(colStatus...), t.Column(colJustification...)
	iStatusSource := t.Column("status source") // soa.csv: "derived" from coverage, not the SoA's own
	meta := map[string]sheet.Cell{}
	for _, col := range []struct {
		key   string
		names []string
	}{{"version", colVersion}, {"approver", colApprover}, {"approved", colApproved}} {
		i := t.Column(col.names...)
		if i < 0 {
			continue
		}
		for _, row := range t.Rows {
			c := t.Cell(row, i)
			v := c.Value()
			if v == "" {
				continue
			}
			if first, ok := meta[col.key]; !ok {
				meta[col.key] = c
			} else if first.Value() != v {
				warn(c, "%s %q differs from %q on an earlier row; the first is taken", col.key, v, first.Value())
			}
		}
	}

	controls := map[string]*soaControl{}
	seenAt := map[string]sheet.Cell{}
	for _, row := range t.Rows {
		idCell := t.Cell(row, iID)
		raw := idCell.Value()
		m := controlCell.FindStringSubmatch(raw)
		if m == nil {
			if raw != "" && strings.ContainsAny(raw, "0123456789") && strings.Contains(raw, ".") {
				errorf(idCell, "cannot read the control ID %q (write 5.15 or A.5.15); the row is left out", raw)
			}
			continue // empty, or a heading row such as "5 Organizational controls"
		}
		idText := strings.Join(strings.Fields(strings.ReplaceAll(m[2], " ", "")), "")
		if m[1] != "" {
			idText = "A." + idText
		}
		kind, id := catalog.Classify(idText)
		switch kind {
		case catalog.KindControl:
			if _, ok := cat.Control(id); !ok {
				errorf(idCell, "unknown control %q (%s); the row is left out", raw, cat.SuggestControl(id))
				continue
			}
		case catalog.KindControl2013:
			c13, ok := cat.Control2013(id)
			if !ok {
				errorf(idCell, "unknown control %q: it has the shape of an ISO/IEC 27002:2013 control, and the SoA lists 2022 controls; the row is left out", raw)
				continue
			}
			var succ []string
			for _, s := range c13.Successors {
				succ = append(succ, s.ID)
			}
			errorf(idCell, "%s is an ISO/IEC 27002:2013 control; the SoA lists 2022 controls (in 2022 it is %s); the row is left out", c13.ID, strings.Join(succ, " and "))
			continue
		default:
			errorf(idCell, "%q is not an ISO/IEC 27002:2022 control (they are 5.1 to 8.34); the row is left out", raw)
			continue
		}
		if first, dup := seenAt[id]; dup {
			errorf(idCell, "control %s is listed twice (first on line %d); this row is left out", id, first.Line)
			continue
		}
		seenAt[id] = idCell

		c := &soaControl{id: id, applicable: true}
		statusCell := t.Cell(row, iStatus)
		statusText := statusCell.Value()
		notApplicableStatus := statusText != "" && isNotApplicable(statusText)
		if iApplicable >= 0 {
			ac := t.Cell(row, iApplicable)
			if v := ac.Value(); v != "" {
				yes, ok := applicable(v)
				if !ok {
					errorf(ac, "cannot read %q as applicable or not (yes, no, not applicable; ja, nei, ikke relevant); the row is left out", v)
					continue
				}
				c.applicable = yes
			} else if notApplicableStatus {
				c.applicable = false
			}
		} else if notApplicableStatus {
			c.applicable = false
		}
		if c.applicable && notApplicableStatus {
			warn(statusCell, "control %s is applicable, but its status says %q; status left out", id, statusText)
		}
		if word(t.Cell(row, iStatusSource).Text) == "derived" {
			statusText = "" // isms build worked it out; soa.yaml leaves it to the build again
		}
		if statusText != "" && !notApplicableStatus {
			s, ok := implementationStatus(statusText)
			switch {
			case !ok:
				warn(statusCell, "unknown status %q (implemented, partial, planned, not started; implementert, delvis, planlagt, ikke startet); status left out", statusText)
			case c.applicable:
				c.status = s
			}
		}
		if iReasons >= 0 {
			rc := t.Cell(row, iReasons)
			var unknown []string
			c.reasons, unknown = reasons(rc.Value())
			if len(unknown) > 0 {
				warn(rc, "unknown reasons %s (risk, legal, contract, business; risiko, lov, kontrakt, virksomhet); left out", quoteAll(unknown))
			}
			if !c.applicable {
				c.reasons = nil
			}
		}
		jc := t.Cell(row, iJustification)
		c.justification = strings.ReplaceAll(jc.Value(), "\r\n", "\n")
		if !c.applicable && c.justification == "" {
			cell := jc
			if iJustification < 0 {
				cell = idCell
			}
			errorf(cell, "control %s is excluded without a justification; the SoA must say why (write it in soa.yaml)", id)
		}
		controls[id] = c
	}

	var b strings.Builder
	fmt.Fprintf(&b, "# Statement of Applicability, imported from %s (isms import soa).\n", path.Base(name))
	b.WriteString("# Every ISO/IEC 27002:2022 control not listed here is applicable.\n")
	if c, ok := meta["version"]; ok {
		b.WriteString("version: " + edit.YAMLString(c.Value()) + "\n")
	}
	if c, ok := meta["approver"]; ok {
		b.WriteString("approver: " + edit.YAMLString(c.Value()) + "\n")
	}
	if c, ok := meta["approved"]; ok {
		if d, _, ok := parseDate(c.Value(), "nb"); ok {
			b.WriteString("approved: " + d.Format(time.DateOnly) + "\n")
		} else {
			warn(c, "cannot read the date %q (write YYYY-MM-DD); approved left out", c.Value())
		}
	}
	b.WriteString("controls:\n")
	ids := make([]string, 0, len(controls))
	for id, c := range controls {
		if !c.applicable || len(c.reasons) > 0 || c.status != "" || c.justification != "" {
			ids = append(ids, id)
		}
	}
	slices.SortFunc(ids, catalog.Compare)
	for _, id := range ids {
		c := controls[id]
		fmt.Fprintf(&b, "  %q:\n", id)
		if !c.applicable {
			b.WriteString("    applicable: false\n")
		}
		if len(c.reasons) > 0 {
			b.WriteString("    reasons: [" + strings.Join(c.reasons, ", ") + "]\n")
		}
		if c.status != "" {
			b.WriteString("    status: " + c.status + "\n")
		}
		if c.justification != "" {
			b.WriteString("    justification: " + edit.YAMLString(c.justification) + "\n")
		}
	}
	if len(controls) == 0 {
		fail(finding.Warning, fileStart, "no control rows read: soa.yaml lists no control")
	}
	fs.Sort()
	return []byte(b.String()), fs
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// word normalises a cell for matching: lower case, spaces collapsed,
// '-' and '_' as spaces, a trailing full stop gone.
func word(s string) string {
	s = strings.ToLower(strings.TrimSuffix(strings.TrimSpace(s), "."))
	s = strings.NewReplacer("_", " ", "-", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

func isNotApplicable(s string) bool {
	switch word(s) {
	case "not applicable", "n/a", "na", "ikke relevant", "ikke anvendelig", "ikke aktuelt", "excluded", "utelatt", "unntatt":
		return true
	}
	return false
}

// applicable reads a yes/no cell in English or Norwegian.
func applicable(s string) (yes, ok bool) {
	if isNotApplicable(s) {
		return false, true
	}
	switch word(s) {
	case "yes", "y", "ja", "j", "true", "1", "x", "✓", "✔", "applicable", "anvendelig", "relevant", "included", "inkludert", "in scope", "selected", "valgt":
		return true, true
	case "no", "n", "nei", "false", "0", "not included", "out of scope", "ikke valgt":
		return false, true
	}
	return false, false
}

// implementationStatus reads a status cell: implemented, partial,
// planned or not-started.
func implementationStatus(s string) (string, bool) {
	switch word(s) {
	case "implemented", "fully implemented", "done", "complete", "completed", "in place", "in operation", "yes",
		"implementert", "gjennomført", "ferdig", "i drift", "på plass", "ja":
		return "implemented", true
	case "partial", "partially", "partially implemented", "partly implemented", "in progress", "ongoing", "started", "under implementation",
		"delvis", "delvis implementert", "delvis gjennomført", "pågår", "pågående", "under arbeid", "under implementering", "startet":
		return "partial", true
	case "planned", "to do", "todo", "scheduled", "planlagt":
		return "planned", true
	case "not started", "not implemented", "no", "none", "ikke startet", "ikke implementert", "ikke påbegynt", "nei":
		return "not-started", true
	}
	return "", false
}

// reasons reads a list of reasons for including a control: risk, legal,
// contract, business, in the order soa.yaml writes them.
func reasons(s string) (found, unknown []string) {
	has := map[string]bool{}
	parts := reasonSeparators.Split(strings.ToLower(s), -1)
	for _, p := range parts {
		p = word(p)
		if p == "" {
			continue
		}
		r := ""
		switch {
		case strings.HasPrefix(p, "risk") || strings.HasPrefix(p, "risiko"):
			r = "risk"
		case strings.HasPrefix(p, "legal") || strings.HasPrefix(p, "law") || strings.HasPrefix(p, "regulat") || strings.HasPrefix(p, "statut") ||
			strings.HasPrefix(p, "lov") || strings.HasPrefix(p, "juridisk") || strings.HasPrefix(p, "forskrift") || strings.HasPrefix(p, "myndighet"):
			r = "legal"
		case strings.HasPrefix(p, "contract") || strings.HasPrefix(p, "kontrakt") || strings.HasPrefix(p, "avtale") || strings.HasPrefix(p, "customer") || strings.HasPrefix(p, "kunde"):
			r = "contract"
		case strings.HasPrefix(p, "business") || strings.HasPrefix(p, "virksomhet") || strings.HasPrefix(p, "forretning") || strings.HasPrefix(p, "best practice") || strings.HasPrefix(p, "beste praksis"):
			r = "business"
		default:
			unknown = append(unknown, p)
			continue
		}
		has[r] = true
	}
	for _, r := range []string{"risk", "legal", "contract", "business"} {
		if has[r] {
			found = append(found, r)
		}
	}
	return found, unknown
}
