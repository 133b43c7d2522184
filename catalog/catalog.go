// Package catalog is the built-in catalogue of the ISO facts an ISMS is checked
// against: the clauses of ISO/IEC 27001:2022, the 93 controls of ISO/IEC
// 27002:2022 (Annex A of 27001) in their four themes with the five attribute
// sets, the 114 controls of ISO/IEC 27002:2013 in 14 domains, and the mapping
// between the two editions (ISO/IEC 27002:2022 Annex B).
//
// Data enters as tab-separated files under data/, written for this project and
// embedded in the binary; New parses and cross-checks them once and returns an
// immutable, fully linked Catalog. Every title is held in English and Norwegian
// bokmål (Text). Only IDs, short titles, attributes and mapping facts are here:
// the standards' body text is copyrighted and stays out.
//
// Data leaves through typed lookups (Control, Control2013, Clause,
// AttributeValue) that accept IDs the way authors write them ("A.5.15",
// " 5.15 "), through lists in natural order (5.2 before 5.10), through the
// pointers between entries (a control's theme, attributes and 2013
// predecessors; a 2013 control's 2022 successors), and through Write, which
// exports a list as a table, JSON or CSV for the `isms catalog` command.
//
// Classify, LooksLikeControlID and Compare need no catalogue: they work on the
// shape of an ID alone. The Suggest methods turn an unknown ID into a hint for
// an error message.
//
// A Catalog and everything reachable from it is shared and read-only: callers
// must not modify the slices or fields they are given.
package catalog

import "strings"

// Text is a short text in English and Norwegian bokmål.
type Text struct{ En, Nb string }

// In returns the text in lang: English for "en" (or a regional form such as
// "en-GB"), bokmål for anything else ("nb", "nn", ""). When the chosen
// language is missing it falls back to the other one.
func (t Text) In(lang string) string {
	l := strings.ToLower(lang)
	if l == "en" || strings.HasPrefix(l, "en-") || strings.HasPrefix(l, "en_") {
		if t.En != "" {
			return t.En
		}
		return t.Nb
	}
	if t.Nb != "" {
		return t.Nb
	}
	return t.En
}

// Theme is one of the four themes of ISO/IEC 27002:2022 (clauses 5–8).
type Theme struct {
	ID          string // organizational, people, physical or technological
	Number      int    // 5..8, the first part of its controls' IDs
	Title       Text   // "Organizational controls" / "Organisatoriske sikkerhetstiltak"
	First, Last string // the first and last control IDs, "5.1" and "5.37"
	Controls    []*Control
}

// Control is an ISO/IEC 27002:2022 control, printed as A.5.15 in ISO/IEC
// 27001:2022 Annex A.
type Control struct {
	ID    string // "5.15"
	Theme *Theme
	Title Text
	// Attributes holds the control's five attribute sets, indexed by
	// AttributeKind.Index, each in the order of the kind's Values. Values are
	// the standard's hashtag names without '#', e.g. "Preventive" or
	// "Identity_and_access_management".
	Attributes   [5][]string
	New          bool           // new in 2022: no 2013 predecessor
	Predecessors []*Control2013 // natural order
	keywords     keywordLists   // see Keywords
}

// Domain2013 is one of the 14 control domains of ISO/IEC 27002:2013 (A.5–A.18).
type Domain2013 struct {
	ID       string // "A.9"
	Title    Text
	Controls []*Control2013
}

// Control2013 is an ISO/IEC 27002:2013 control (ISO/IEC 27001:2013 Annex A).
type Control2013 struct {
	ID         string // "A.9.1.1"
	Domain     *Domain2013
	Title      Text
	Successors []*Control // natural order; one, except A.18.2.3 (5.36 and 8.8)
}

// Clause is a clause or sub-clause of ISO/IEC 27001:2022.
type Clause struct {
	ID       string // "6.1.3"
	Title    Text
	Parent   *Clause // nil for the top-level clauses 4..10
	Children []*Clause
	Change   Text // what changed from the 2013 edition; empty if nothing did
}

// AttributeKind is one of the five attribute sets of ISO/IEC 27002:2022.
type AttributeKind struct {
	Index  int    // 0..4, the index into Control.Attributes
	Slug   string // URL slug: control-type, security-properties, cybersecurity-concepts, operational-capabilities, security-domains
	Title  Text   // "Control type" / "Type sikkerhetstiltak"
	Values []*AttributeValue
}

// AttributeValue is one value of an attribute kind, such as #Preventive.
type AttributeValue struct {
	Kind *AttributeKind
	Name string // the standard's hashtag name without '#': "Preventive"
	Slug string // URL-safe lowercase form of Name: "preventive", "identity-and-access-management"
	// Title is the hashtag name in each language, without '#' and with
	// underscores between words: {"Preventive", "Forebyggende"},
	// {"Governance_and_Ecosystem", "Styring_og_økosystem"}. Replace the
	// underscores with spaces to use it in running text.
	Title    Text
	Controls []*Control // natural order
}

// Catalog holds the linked catalogue. Create it with New.
type Catalog struct {
	themes       []*Theme
	controls     []*Control
	controlByID  map[string]*Control
	domains      []*Domain2013
	controls2013 []*Control2013
	c2013ByID    map[string]*Control2013
	clauses      []*Clause
	clauseByID   map[string]*Clause
	kinds        []*AttributeKind
	changed      []*Clause
}

// Themes returns the four themes in order (5 organizational … 8 technological).
func (c *Catalog) Themes() []*Theme { return c.themes }

// Controls returns the 93 ISO/IEC 27002:2022 controls in natural order.
func (c *Catalog) Controls() []*Control { return c.controls }

// Control finds a 2022 control. It accepts the ID with or without the Annex A
// prefix and surrounding space: "5.15", "A.5.15", "a.5.15" and " 5.15 " all
// find 5.15. A 2013 ID such as "A.9.1.1" is not a 2022 control; see Control2013.
func (c *Catalog) Control(id string) (*Control, bool) {
	if ctl, ok := c.controlByID[id]; ok { // written as the catalogue writes it: most are
		return ctl, true
	}
	k, n := Classify(id)
	if k != KindControl {
		return nil, false
	}
	ctl, ok := c.controlByID[n]
	return ctl, ok
}

// Domains2013 returns the 14 domains of ISO/IEC 27002:2013 in natural order.
func (c *Catalog) Domains2013() []*Domain2013 { return c.domains }

// Controls2013 returns the 114 ISO/IEC 27002:2013 controls in natural order.
func (c *Catalog) Controls2013() []*Control2013 { return c.controls2013 }

// Control2013 finds a 2013 control: "A.9.1.1", " a.9.1.1 ". The "A." prefix is
// required, since "9.1.1" reads as a clause.
func (c *Catalog) Control2013(id string) (*Control2013, bool) {
	if ctl, ok := c.c2013ByID[id]; ok {
		return ctl, true
	}
	k, n := Classify(id)
	if k != KindControl2013 {
		return nil, false
	}
	ctl, ok := c.c2013ByID[n]
	return ctl, ok
}

// Clauses returns the 41 clauses of ISO/IEC 27001:2022 in natural, depth-first
// order: 4, 4.1 … 9.2, 9.2.1, 9.2.2, 9.3 … 10, 10.1, 10.2.
func (c *Catalog) Clauses() []*Clause { return c.clauses }

// Clause finds a clause of ISO/IEC 27001:2022. It accepts surrounding space
// and an optional word "clause" before the number, followed by a colon or
// space: "6.1.3", " 6.1.3 ", "clause 6.1.3", "Clause:6.1.3". Numbers that are
// also control IDs ("5.2") are looked up as clauses here.
func (c *Catalog) Clause(id string) (*Clause, bool) {
	n, ok := clauseNumber(id)
	if !ok {
		return nil, false
	}
	cl, ok := c.clauseByID[n]
	return cl, ok
}

// Changed returns the clauses with a note on what changed in 2022, in natural order.
func (c *Catalog) Changed() []*Clause { return c.changed }

// AttributeKinds returns the five attribute kinds in the standard's order:
// control type, information security properties, cybersecurity concepts,
// operational capabilities, security domains.
func (c *Catalog) AttributeKinds() []*AttributeKind { return c.kinds }

// AttributeKind finds an attribute kind by its slug ("control-type"); case,
// surrounding space and underscores for hyphens ("control_type") are tolerated.
func (c *Catalog) AttributeKind(slug string) (*AttributeKind, bool) {
	s := slugify(slug)
	for _, k := range c.kinds {
		if k.Slug == s {
			return k, true
		}
	}
	return nil, false
}

// AttributeValue finds a value of the attribute kind with slug kindSlug. The
// value may be given as its slug ("identity-and-access-management"), its
// hashtag name in either language, with or without '#'
// ("Identity_and_access_management", "#Forebyggende"), in any case.
func (c *Catalog) AttributeValue(kindSlug, valueSlugOrName string) (*AttributeValue, bool) {
	k, ok := c.AttributeKind(kindSlug)
	if !ok {
		return nil, false
	}
	s := slugify(valueSlugOrName)
	for _, v := range k.Values {
		if v.Slug == s || slugify(v.Title.Nb) == s {
			return v, true
		}
	}
	return nil, false
}

// slugify makes the URL form of a hashtag name or slug: lowercase, without a
// leading '#', with hyphens between words.
func slugify(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "#")
	s = strings.ToLower(s)
	return strings.Map(func(r rune) rune {
		if r == '_' || r == ' ' {
			return '-'
		}
		return r
	}, s)
}
