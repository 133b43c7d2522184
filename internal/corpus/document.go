package corpus

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
)

// Body reference kinds.
const (
	refControl uint8 = iota
	refClause
	refDoc
	refDocText // [[DOC-…|own text]]
)

type bodyRef struct {
	kind uint8
	idx  int32 // control, clause or document index
}

// gen writes one document into b. Every choice comes from the document's
// own PCG stream, so documents can be generated in any order.
type gen struct {
	c *corpus
	m *model
	l *language
	d *docPlan
	i int
	r *rand.PCG
	b []byte

	focus          [6]*noun // nouns this document keeps coming back to
	neuter, plural bool     // agreement with the last noun written (nb)

	refs        [6]bodyRef
	nRefs, next int
	code, link  bool // a code span / an external link still to place
	table       bool // a table still to place
}

func (c *corpus) appendDocument(b []byte, i int) []byte {
	d := &c.docs[i]
	g := gen{c: c, m: c.m, l: c.lang(d), d: d, i: i, r: newRand(c.opts.Seed, uint64(i)+1), b: b}
	g.prepare()
	g.frontMatter()
	g.body()
	return g.b
}

func (g *gen) prepare() {
	for k := range g.focus {
		g.focus[k] = &g.l.nouns[intn(g.r, min(1500, len(g.l.nouns)))]
	}
	g.code = chance(g.r, 250)
	g.link = chance(g.r, 150)
	g.table = chance(g.r, 350)
	want := 1 + intn(g.r, 6)
	d := g.d
	for range want {
		var rf bodyRef
		switch x := intn(g.r, 100); {
		case x < 35:
			rf.kind = refControl
			if chance(g.r, 800) {
				rf.idx = int32(d.controls[intn(g.r, int(d.nControls))])
			} else {
				rf.idx = int32(g.c.ctlPool[intn(g.r, len(g.c.ctlPool))])
			}
		case x < 50:
			rf.kind = refClause
			if d.nClause > 0 {
				rf.idx = int32(d.clauses[intn(g.r, int(d.nClause))])
			} else {
				rf.idx = int32(intn(g.r, len(g.m.clauses)))
			}
		default:
			j := -1
			if d.nRelated > 0 && chance(g.r, 500) {
				j = int(d.related[intn(g.r, int(d.nRelated))])
			} else {
				j = g.c.linkTarget(g.r, g.i)
			}
			if j < 0 {
				rf.kind = refControl
				rf.idx = int32(d.controls[0])
				break
			}
			rf.kind, rf.idx = refDoc, int32(j)
			if chance(g.r, 350) {
				rf.kind = refDocText
			}
		}
		g.refs[g.nRefs] = rf
		g.nRefs++
	}
}

func (g *gen) str(s string) { g.b = append(g.b, s...) }

func (g *gen) pick(list []string) string { return list[intn(g.r, len(list))] }

func (g *gen) frontMatter() {
	c, d, l, m := g.c, g.d, g.l, g.m
	g.str("---\nid: ")
	g.b = c.appendID(g.b, g.i)
	g.str("\ntitle: \"")
	g.title()
	g.str("\"\ntype: ")
	g.str(typeKeys[d.typ])
	g.str("\nsummary: \"")
	start := len(g.b)
	if d.typ == record {
		g.emit(l.recordSummaries[intn(g.r, len(l.recordSummaries))])
	} else {
		g.emit(l.summaries[intn(g.r, len(l.summaries))])
	}
	capitalize(g.b, start)
	g.str("\"\nowner: \"")
	g.str(m.owners[d.owner])
	g.str("\"\napprover: \"")
	g.str(m.approver[d.approver])
	g.str("\"\nstatus: ")
	g.str(statusNames[d.status])
	g.str("\nversion: \"")
	g.b = strconv.AppendInt(g.b, int64(d.major), 10)
	g.b = append(g.b, '.')
	g.b = strconv.AppendInt(g.b, int64(d.minor), 10)
	g.str("\"\napproved: ")
	g.str(m.dates[d.approved])
	if d.typ == record {
		g.str("\ndate: ")
		g.str(m.dates[d.date])
	} else {
		g.str("\neffective: ")
		g.str(m.dates[d.effective])
		g.str("\nreview: ")
		g.str(m.dates[d.review])
	}
	g.str("\nclassification: ")
	g.str(classifications[d.class])
	g.str("\nlang: ")
	g.str(l.code)
	g.str("\ncontrols: [")
	for k := range d.nControls {
		if k > 0 {
			g.str(", ")
		}
		g.b = append(g.b, '"')
		g.str(m.controls[d.controls[k]])
		g.b = append(g.b, '"')
	}
	g.str("]\n")
	if d.nClause > 0 {
		g.str("clauses: [")
		for k := range d.nClause {
			if k > 0 {
				g.str(", ")
			}
			g.b = append(g.b, '"')
			g.str(m.clauses[d.clauses[k]])
			g.b = append(g.b, '"')
		}
		g.str("]\n")
	}
	if d.nRelated > 0 {
		g.str("related: [")
		for k := range d.nRelated {
			if k > 0 {
				g.str(", ")
			}
			g.b = c.appendID(g.b, int(d.related[k]))
		}
		g.str("]\n")
	}
	g.str("tags: [")
	tags := m.topics[d.topic].tags
	for k, t := range tags {
		if k > 0 {
			g.str(", ")
		}
		g.str(t)
	}
	var extra [2]string
	n := 0
	for range intn(g.r, 3) {
		t := g.pick(m.tags)
		if slices.Contains(tags, t) || slices.Contains(extra[:n], t) {
			continue
		}
		extra[n] = t
		n++
		g.str(", ")
		g.str(t)
	}
	g.str("]\n---\n")
}

// title writes "Prosedyre for tilgangsgjennomgang – Region Vest 42",
// "Access review procedure – Region West 42" or, for records,
// "Rapport: tilgangsgjennomgang 2025-Q3 – Region Vest 42".
func (g *gen) title() {
	d, l := g.d, g.l
	topic := l.topics[d.topic].sg
	start := len(g.b)
	switch {
	case d.typ == record:
		g.str(l.recordKinds[d.kind])
		g.str(": ")
		g.str(topic)
		g.str(" ")
		g.str(g.c.period(d))
	case l.code == "nb":
		g.str(l.typeTitle[d.typ])
		g.str(" for ")
		g.str(topic)
	default:
		g.str(topic)
		g.str(" ")
		g.str(l.typeTitle[d.typ])
		capitalize(g.b, start)
	}
	g.str(" – ")
	g.str(l.qualifiers[d.qual])
	g.str(" ")
	g.b = strconv.AppendInt(g.b, int64(g.i+1), 10)
}

// body writes 3–8 headings with blocks under each until the body reaches a
// target size of 6.3–8.9 KB, then any references not yet placed.
func (g *gen) body() {
	g.b = append(g.b, '\n')
	start := len(g.b)
	target := 6300 + intn(g.r, 2600)
	h := 3 + intn(g.r, 6)
	var level [8]uint8
	nH2 := 0
	for k := range h {
		level[k] = 2
		if k > 0 && chance(g.r, 300) {
			level[k] = 3
		}
		if level[k] == 2 {
			nH2++
		}
	}
	// Choose nH2 of the type's section titles, keeping their order.
	sections := g.l.sections[g.d.typ]
	var titles [8]string
	chosen := 0
	for k, s := range sections {
		if intn(g.r, len(sections)-k) < nH2-chosen {
			titles[chosen] = s
			chosen++
		}
	}
	h2 := 0
	for k := range h {
		if level[k] == 2 {
			g.str("## ")
			g.str(titles[h2])
			h2++
		} else {
			g.str("### ")
			s := len(g.b)
			g.emit(g.l.subheadings[intn(g.r, len(g.l.subheadings))])
			capitalize(g.b, s)
		}
		g.str("\n\n")
		end := start + target*(k+1)/h
		for first := true; first || len(g.b) < end; first = false {
			g.block(k, first, k == h-1)
		}
	}
	if g.next < g.nRefs || g.code || g.link {
		g.paragraph(0)
	}
	if g.d.typ == record {
		s := len(g.b)
		g.emit(g.l.closings[intn(g.r, len(g.l.closings))])
		capitalize(g.b, s)
		g.str("\n\n")
	}
	g.b = g.b[:len(g.b)-1] // one newline at the end of the file
}

func (g *gen) block(section int, first, last bool) {
	if section == 0 && first {
		if g.d.typ == record {
			s := len(g.b)
			g.emit(g.l.recordIntros[intn(g.r, len(g.l.recordIntros))])
			capitalize(g.b, s)
			g.str("\n\n")
			return
		}
		g.paragraph(2 + intn(g.r, 3))
		return
	}
	steps := 5
	if g.d.typ == procedure {
		steps = 14
	}
	switch x := intn(g.r, 100); {
	case g.table && (x < 25 || last):
		g.tableBlock()
	case x < 10:
		g.list(g.l.leadIns, g.l.bullets, "- ")
	case x < 10+steps:
		g.list(g.l.stepLeadIns, g.l.steps, "")
	default:
		g.paragraph(2 + intn(g.r, 4))
	}
}

// paragraph writes n sentences (at least the special ones still pending
// when n is 0) on one line.
func (g *gen) paragraph(n int) {
	if n > 0 && chance(g.r, 50) {
		g.str(g.pick(g.l.notes)) // "**Merk:**"
		g.b = append(g.b, ' ')
	}
	special := -1
	if n > 0 && (g.next < g.nRefs && chance(g.r, 450) || g.code && chance(g.r, 250) || g.link && chance(g.r, 250)) {
		special = intn(g.r, n)
	}
	sep := false
	space := func() {
		if sep {
			g.b = append(g.b, ' ')
		}
		sep = true
	}
	for k := range n {
		space()
		if k == special {
			g.special()
			continue
		}
		s := len(g.b)
		g.emit(g.l.sentences[intn(g.r, len(g.l.sentences))])
		capitalize(g.b, s)
	}
	if n == 0 {
		for g.next < g.nRefs || g.code || g.link {
			space()
			g.special()
		}
	}
	g.str("\n\n")
}

// special writes one sentence carrying a pending reference, code span or link.
func (g *gen) special() {
	s := len(g.b)
	switch {
	case g.next < g.nRefs:
		g.emit(g.l.refSentences[intn(g.r, len(g.l.refSentences))])
	case g.code:
		g.code = false
		g.emit(g.l.codeSentences[intn(g.r, len(g.l.codeSentences))])
	case g.link:
		g.link = false
		g.emit(g.l.linkSentences[intn(g.r, len(g.l.linkSentences))])
	}
	capitalize(g.b, s)
}

// list writes a lead-in sentence and 3–6 items; an empty marker numbers them.
func (g *gen) list(leadIns, items []tpl, marker string) {
	s := len(g.b)
	g.emit(leadIns[intn(g.r, len(leadIns))])
	capitalize(g.b, s)
	g.str("\n\n")
	n := 3 + intn(g.r, 4)
	for k := range n {
		if marker == "" {
			g.b = strconv.AppendInt(g.b, int64(k+1), 10)
			g.str(". ")
		} else {
			g.str(marker)
		}
		s := len(g.b)
		g.emit(items[intn(g.r, len(items))])
		capitalize(g.b, s)
		g.b = append(g.b, '\n')
	}
	g.b = append(g.b, '\n')
}

func (g *gen) tableBlock() {
	g.table = false
	t := &g.l.tables[intn(g.r, len(g.l.tables))]
	g.str(t.header)
	for range 3 + intn(g.r, 4) {
		s := len(g.b)
		g.emit(t.row)
		for k := s; k < len(g.b)-2; k++ {
			if g.b[k] == '|' && g.b[k+1] == ' ' {
				capitalize(g.b, k+2)
			}
		}
		g.b = append(g.b, '\n')
	}
	g.b = append(g.b, '\n')
}

// capitalize upper-cases the letter at b[i], skipping emphasis and link
// brackets; æ, ø and å are handled.
func capitalize(b []byte, i int) {
	for i < len(b) && (b[i] == '*' || b[i] == '[') {
		i++
	}
	if i >= len(b) {
		return
	}
	switch c := b[i]; {
	case c >= 'a' && c <= 'z':
		b[i] = c - 'a' + 'A'
	case c == 0xC3 && i+1 < len(b):
		switch b[i+1] {
		case 0xA6, 0xB8, 0xA5: // æ ø å → Æ Ø Å
			b[i+1] -= 0x20
		}
	}
}

func (g *gen) noun() *noun {
	if chance(g.r, 180) {
		return g.focus[intn(g.r, len(g.focus))]
	}
	return &g.l.nouns[g.l.nounDist.sample(g.r)]
}

// pluralNoun is noun for plural slots: English uncountable nouns are
// avoided there ("the information are" would be wrong).
func (g *gen) pluralNoun() *noun {
	n := g.noun()
	for try := 0; n.mass && try < 4; try++ {
		n = g.noun()
	}
	return n
}

func (g *gen) agree(n *noun, plural bool) {
	g.neuter, g.plural = n.neuter, plural
}

// article writes "en "/"et " (nb) or "a "/"an " (en), nothing for
// uncountable English nouns.
func (g *gen) article(n *noun, adjAn, hasAdj bool) {
	if g.l.code == "nb" {
		if n.neuter {
			g.str("et ")
		} else {
			g.str("en ")
		}
		return
	}
	if n.mass {
		return
	}
	if hasAdj && adjAn || !hasAdj && n.an {
		g.str("an ")
	} else {
		g.str("a ")
	}
}

func (g *gen) the(neuter, plural bool) {
	if g.l.code == "en" {
		g.str("the ")
		return
	}
	switch {
	case plural:
		g.str("de ")
	case neuter:
		g.str("det ")
	default:
		g.str("den ")
	}
}

func (g *gen) adjective() (*adjective, bool) {
	k := g.l.adjDist.sample(g.r)
	return &g.l.adjs[k], g.l.adjAn[k]
}

var ticketPrefixes = [...]string{"INC-", "CHG-", "REQ-", "PRB-", "RISK-"}

// emit writes one template, filling its slots.
func (g *gen) emit(t tpl) {
	l, m, nb := g.l, g.m, g.l.code == "nb"
	for _, k := range t {
		switch k.s {
		case sLit:
			g.str(k.lit)
		case sN:
			n := g.noun()
			g.str(n.sg)
			g.agree(n, false)
		case sEN:
			n := g.noun()
			g.article(n, false, false)
			g.str(n.sg)
			g.agree(n, false)
		case sND:
			n := g.noun()
			if !nb {
				g.str("the ")
			}
			g.str(n.def)
			g.agree(n, false)
		case sNP:
			n := g.pluralNoun()
			g.str(n.pl)
			g.agree(n, true)
		case sNDP:
			n := g.pluralNoun()
			if !nb {
				g.str("the ")
			}
			g.str(n.defpl)
			g.agree(n, true)
		case sAN:
			n := g.noun()
			a, an := g.adjective()
			g.article(n, an, true)
			if nb && n.neuter {
				g.str(a.neut)
			} else {
				g.str(a.base)
			}
			g.b = append(g.b, ' ')
			g.str(n.sg)
			g.agree(n, false)
		case sANP:
			n := g.pluralNoun()
			a, _ := g.adjective()
			g.str(a.pl)
			g.b = append(g.b, ' ')
			g.str(n.pl)
			g.agree(n, true)
		case sAND:
			n := g.noun()
			a, _ := g.adjective()
			g.the(n.neuter, false)
			g.str(a.pl)
			g.b = append(g.b, ' ')
			g.str(n.def)
			g.agree(n, false)
		case sANDP:
			n := g.pluralNoun()
			a, _ := g.adjective()
			g.the(n.neuter, true)
			g.str(a.pl)
			g.b = append(g.b, ' ')
			g.str(n.defpl)
			g.agree(n, true)
		case sA:
			a, _ := g.adjective()
			switch {
			case g.plural:
				g.str(a.pl)
			case g.neuter:
				g.str(a.neut)
			default:
				g.str(a.base)
			}
		case sA0:
			a, _ := g.adjective()
			g.str(a.base)
		case sV:
			g.str(l.verbs[l.verbDist.sample(g.r)].inf)
		case sVP:
			g.str(l.verbs[l.verbDist.sample(g.r)].pres)
		case sVS:
			g.str(l.verbs[l.verbDist.sample(g.r)].pass)
		case sVPP:
			g.str(l.verbs[l.verbDist.sample(g.r)].part)
		case sVPT:
			g.str(l.verbs[l.verbDist.sample(g.r)].past)
		case sVI:
			g.str(l.verbs[l.verbDist.sample(g.r)].imp)
		case sVG:
			g.str(l.verbs[l.verbDist.sample(g.r)].ger)
		case sR:
			g.str(l.roles[l.roleDist.sample(g.r)].indef)
		case sRD:
			g.str(l.roles[l.roleDist.sample(g.r)].def)
		case sT, sTD:
			t := &l.topics[g.d.topic]
			if k.s == sT {
				g.str(t.sg)
			} else {
				g.str(t.def)
			}
			g.neuter, g.plural = t.neuter, l.topicPl[g.d.topic]
		case sTyp:
			g.str(l.typeDef[g.d.typ])
		case sQual:
			g.str(l.qualifiers[g.d.qual])
		case sPeriod:
			g.str(g.c.period(g.d))
		case sDDate:
			g.str(m.dates[g.d.date])
		case sSys:
			g.str(g.pick(l.systems))
		case sAdv:
			adv := l.advs[l.advDist.sample(g.r)]
			if chance(g.r, 50) {
				g.b = append(g.b, '*')
				g.str(adv)
				g.b = append(g.b, '*')
			} else {
				g.str(adv)
			}
		case sNum:
			g.str(m.numbers[m.numDist.sample(g.r)])
		case sPct:
			g.b = strconv.AppendInt(g.b, int64(50+5*intn(g.r, 11)), 10)
			g.str(l.pctSuffix)
		case sDays:
			g.str(g.pick(l.days))
		case sFreq:
			g.str(g.pick(l.freqs))
		case sDate:
			g.str(m.dates[intn(g.r, numDays)])
		case sYear:
			g.b = strconv.AppendInt(g.b, int64(2022+intn(g.r, 5)), 10)
		case sTicket:
			g.str(ticketPrefixes[intn(g.r, len(ticketPrefixes))])
			g.b = strconv.AppendInt(g.b, int64(10000+intn(g.r, 90000)), 10)
		case sLoc:
			g.str(g.pick(l.locations))
		case sOrg:
			g.str(g.pick(l.orgs))
		case sStd:
			g.str(g.pick(l.standards))
		case sLvl:
			g.str(g.pick(l.levels))
		case sCode:
			g.b = append(g.b, '`')
			g.str(g.pick(l.codes))
			g.b = append(g.b, '`')
		case sLink:
			g.str(g.pick(l.links))
		case sRef:
			g.ref()
		case sCtl:
			g.str(m.controls[g.c.ctlPool[intn(g.r, len(g.c.ctlPool))]])
		case sVer:
			g.b = strconv.AppendInt(g.b, int64(1+intn(g.r, 4)), 10)
			g.b = append(g.b, '.')
			g.b = strconv.AppendInt(g.b, int64(intn(g.r, 10)), 10)
		}
	}
}

// ref writes the next pending reference.
func (g *gen) ref() {
	if g.next >= g.nRefs {
		return
	}
	rf := g.refs[g.next]
	g.next++
	g.str("[[")
	switch rf.kind {
	case refControl:
		g.str(g.m.controls[rf.idx])
	case refClause:
		g.str("clause:")
		g.str(g.m.clauses[rf.idx])
	case refDoc:
		g.b = g.c.appendID(g.b, int(rf.idx))
	case refDocText:
		g.b = g.c.appendID(g.b, int(rf.idx))
		g.b = append(g.b, '|')
		t := &g.c.docs[rf.idx]
		own := g.l.ownText[t.typ]
		topic := g.l.topics[t.topic].sg
		if before, after, ok := strings.Cut(own, "%s"); ok {
			g.str(before)
			g.str(topic)
			g.str(after)
		} else {
			g.str(own)
			g.str(topic)
		}
	}
	g.str("]]")
}
