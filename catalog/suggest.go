package catalog

import (
	"fmt"
	"strconv"
	"strings"
)

// The Suggest methods explain an unknown ID in a few English words, for the
// parenthesis of an error message:
//
//	unknown control "5.99" (ISO/IEC 27002:2022 organizational controls are 5.1–5.37)
//
// They return "" for an ID that exists and a non-empty hint for anything else.

// SuggestControl explains why id is not an ISO/IEC 27002:2022 control: the
// valid range of its theme, the control meant by a near miss ("did you mean
// 5.15?"), the 2022 successors of a 2013 control, or that it is a clause.
func (c *Catalog) SuggestControl(id string) string {
	k, n := Classify(id)
	switch k {
	case KindControl:
		if _, ok := c.controlByID[n]; ok {
			return ""
		}
		num, _ := strconv.Atoi(n[:strings.IndexByte(n, '.')])
		if t := c.themeByNumber(num); t != nil {
			return fmt.Sprintf("ISO/IEC 27002:2022 %s are %s–%s", strings.ToLower(t.Title.En), t.First, t.Last)
		}
	case KindControl2013:
		if old, ok := c.c2013ByID[n]; ok {
			return successorHint(old)
		}
	case KindClause:
		if cl, ok := c.clauseByID[n]; ok {
			return fmt.Sprintf("%s is an ISO/IEC 27001:2022 clause (%s), not a control", cl.ID, cl.Title.En)
		}
	}
	for _, r := range repairs(id) {
		if ctl, ok := c.Control(r); ok {
			return fmt.Sprintf("did you mean %s?", ctl.ID)
		}
		if old, ok := c.Control2013(r); ok {
			return successorHint(old)
		}
		if old, ok := c.Control2013("A." + r); ok {
			return successorHint(old)
		}
	}
	return "ISO/IEC 27002:2022 controls are " + c.themeRanges()
}

// successorHint says what a 2013 control became in 2022.
func successorHint(old *Control2013) string {
	ids := make([]string, len(old.Successors))
	for i, s := range old.Successors {
		ids[i] = s.ID
	}
	return fmt.Sprintf("%s is an ISO/IEC 27002:2013 control; in 2022 it is %s", old.ID, joinAnd(ids))
}

// themeRanges lists the control ranges of all themes:
// "5.1–5.37 (organizational), 6.1–6.8 (people), …".
func (c *Catalog) themeRanges() string {
	var parts []string
	for _, t := range c.themes {
		parts = append(parts, fmt.Sprintf("%s–%s (%s)", t.First, t.Last, t.ID))
	}
	return joinAnd(parts)
}

// SuggestClause explains why id is not an ISO/IEC 27001:2022 clause: the
// sub-clauses of the nearest existing parent, the clause meant by a near miss,
// that a control ID was given, or the valid range 4–10.
func (c *Catalog) SuggestClause(id string) string {
	n, ok := clauseNumber(id)
	if ok {
		if _, found := c.clauseByID[n]; found {
			return ""
		}
		for p := parentID(n); p != ""; p = parentID(p) {
			if cl := c.clauseByID[p]; cl != nil {
				if len(cl.Children) == 0 {
					return fmt.Sprintf("clause %s (%s) has no sub-clauses", cl.ID, cl.Title.En)
				}
				return fmt.Sprintf("clause %s (%s) has %s–%s", cl.ID, cl.Title.En, cl.Children[0].ID, cl.Children[len(cl.Children)-1].ID)
			}
		}
	}
	switch k, n := Classify(id); k {
	case KindControl, KindControl2013:
		return fmt.Sprintf("%s is an Annex A control, not a clause; ISO/IEC 27001:2022 clauses are 4–10", n)
	}
	for _, r := range repairs(id) {
		if cl, ok := c.Clause(r); ok {
			return fmt.Sprintf("did you mean %s?", cl.ID)
		}
	}
	return "ISO/IEC 27001:2022 clauses are 4–10 and their sub-clauses, such as 6.1.3"
}

// parentID returns "6.1" for "6.1.3" and "" for "6".
func parentID(id string) string {
	if i := strings.LastIndexByte(id, '.'); i >= 0 {
		return id[:i]
	}
	return ""
}

// Suggest2013 explains why id is not an ISO/IEC 27002:2013 control: the
// controls of its category or domain, the control meant by a near miss, that
// it is a 2022 control, or the valid domains A.5–A.18.
func (c *Catalog) Suggest2013(id string) string {
	k, n := Classify(id)
	switch k {
	case KindControl2013:
		if _, ok := c.c2013ByID[n]; ok {
			return ""
		}
		if cat := c.controls2013Under(parentID(n)); len(cat) > 0 {
			return fmt.Sprintf("ISO/IEC 27002:2013 %s has %s–%s", parentID(n), cat[0].ID, cat[len(cat)-1].ID)
		}
		if d := c.domain2013(parentID(parentID(n))); d != nil {
			return fmt.Sprintf("ISO/IEC 27002:2013 domain %s (%s) has %s–%s", d.ID, d.Title.En, d.Controls[0].ID, d.Controls[len(d.Controls)-1].ID)
		}
	case KindControl:
		if ctl, ok := c.controlByID[n]; ok {
			return fmt.Sprintf("%s is an ISO/IEC 27002:2022 control (%s), not a 2013 one", ctl.ID, ctl.Title.En)
		}
	}
	for _, r := range repairs(id) {
		for _, cand := range []string{r, "A." + r} {
			if old, ok := c.Control2013(cand); ok {
				return fmt.Sprintf("did you mean %s?", old.ID)
			}
		}
	}
	first, last := c.domains[0], c.domains[len(c.domains)-1]
	return fmt.Sprintf("ISO/IEC 27002:2013 controls are in domains %s–%s, %s–%s",
		first.ID, last.ID, c.controls2013[0].ID, c.controls2013[len(c.controls2013)-1].ID)
}

// controls2013Under returns the 2013 controls whose ID starts with prefix+".".
func (c *Catalog) controls2013Under(prefix string) []*Control2013 {
	var out []*Control2013
	for _, ctl := range c.controls2013 {
		if strings.HasPrefix(ctl.ID, prefix+".") {
			out = append(out, ctl)
		}
	}
	return out
}

// repairs returns forms of a mistyped ID worth trying: commas or spaces for
// dots, a trailing dot, a missing dot after "A", leading zeros ("5.015"), a
// "§" or "#" in front.
func repairs(id string) []string {
	s := strings.TrimSpace(id)
	s = strings.TrimLeft(s, "§#")
	s = strings.TrimSpace(s)
	s = strings.NewReplacer(",", ".", " ", ".", "..", ".").Replace(s)
	s = strings.TrimRight(s, ".")
	if len(s) > 1 && (s[0] == 'A' || s[0] == 'a') && isDigit(s[1]) {
		s = "A." + s[1:]
	}
	out := []string{s}
	rest, annex := cutAnnex(s)
	fields := strings.Split(rest, ".")
	for i, f := range fields {
		if t := strings.TrimLeft(f, "0"); t != "" {
			fields[i] = t
		} else if f != "" {
			fields[i] = "0"
		}
	}
	trimmed := strings.Join(fields, ".")
	if annex {
		trimmed = "A." + trimmed
	}
	if trimmed != s {
		out = append(out, trimmed)
	}
	return out
}

// joinAnd joins "a", "b" and "c" as "a, b and c".
func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
