package corpus

// This file turns the compact word lists of vocab_nb.go and vocab_en.go into
// inflected vocabularies, Zipf-weighted samplers and compiled sentence
// templates. The result is built once per process and never changes, so the
// document generators on several goroutines can share it without locks.

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"time"
)

// noun holds every form a sentence template may ask for. For Norwegian the
// four forms are inflections (sikkerhetskopi, sikkerhetskopien,
// sikkerhetskopier, sikkerhetskopiene); for English def and defpl equal sg
// and pl, and the templates add "the".
type noun struct {
	sg, def, pl, defpl string
	neuter             bool // nb: takes "et"
	mass               bool // en: uncountable, no article, no plural
	an                 bool // en: takes "an"
}

type adjective struct{ base, neut, pl string }

type verb struct{ inf, pres, past, part, pass, imp, ger string }

type role struct{ indef, def string }

// alias is Vose's alias table: O(1) sampling from a fixed discrete
// distribution with one 64-bit random number per draw.
type alias struct {
	prob  []uint32
	alias []uint32
}

func newAlias(w []float64) alias {
	n := len(w)
	sum := 0.0
	for _, x := range w {
		sum += x
	}
	scaled := make([]float64, n)
	var small, large []int
	for i, x := range w {
		scaled[i] = x * float64(n) / sum
		if scaled[i] < 1 {
			small = append(small, i)
		} else {
			large = append(large, i)
		}
	}
	a := alias{prob: make([]uint32, n), alias: make([]uint32, n)}
	for len(small) > 0 && len(large) > 0 {
		s := small[len(small)-1]
		small = small[:len(small)-1]
		l := large[len(large)-1]
		a.prob[s] = uint32(scaled[s] * (1 << 32))
		a.alias[s] = uint32(l)
		scaled[l] -= 1 - scaled[s]
		if scaled[l] < 1 {
			large = large[:len(large)-1]
			small = append(small, l)
		}
	}
	for _, i := range append(small, large...) {
		a.prob[i] = math.MaxUint32
		a.alias[i] = uint32(i)
	}
	return a
}

func (a *alias) sample(r *rand.PCG) int {
	x := r.Uint64()
	i := int((x >> 32) * uint64(len(a.prob)) >> 32)
	if uint32(x) < a.prob[i] {
		return i
	}
	return int(a.alias[i])
}

// zipf returns weights 1/(rank+q)^s for n ranks: the first entries of a
// word list are the frequent ones.
func zipf(n int, q, s float64) []float64 {
	w := make([]float64, n)
	for i := range w {
		w[i] = 1 / math.Pow(float64(i)+q, s)
	}
	return w
}

// intn returns a number in [0, n) (Lemire's multiply-shift; the tiny bias
// does not matter for text).
func intn(r *rand.PCG, n int) int {
	return int((r.Uint64() >> 32) * uint64(n) >> 32)
}

// chance reports true with probability perMille/1000.
func chance(r *rand.PCG, perMille int) bool {
	return intn(r, 1000) < perMille
}

// slot is a placeholder in a sentence template.
type slot uint8

const (
	sLit    slot = iota
	sN           // noun, indefinite singular, no article
	sEN          // noun with indefinite article
	sND          // noun, definite singular
	sNP          // noun, indefinite plural
	sNDP         // noun, definite plural
	sAN          // article + adjective + noun
	sANP         // adjective + plural noun
	sAND         // definite adjective + noun
	sANDP        // definite adjective + plural noun
	sA           // adjective agreeing with the last noun (nb)
	sA0          // adjective, base form
	sV           // verb, infinitive
	sVP          // verb, present
	sVS          // verb, passive (nb -s form)
	sVPP         // verb, perfect participle
	sVPT         // verb, past
	sVI          // verb, imperative
	sVG          // verb, gerund (en)
	sR           // role, indefinite
	sRD          // role, definite
	sT           // the document's topic
	sTD          // the document's topic, definite
	sTyp         // the document's type ("prosedyren", "procedure")
	sQual        // the document's organisational unit
	sPeriod      // the record's period ("2025-Q3")
	sDDate       // the document's own date
	sSys         // a system name
	sAdv         // adverb
	sNum         // a number
	sPct         // a percentage
	sDays        // a duration in days
	sFreq        // a frequency phrase
	sDate        // a date
	sYear        // a year
	sTicket      // a case number
	sLoc         // a place
	sOrg         // a company of the group
	sStd         // a standard or law
	sLvl         // a risk level
	sCode        // a code span
	sLink        // an external link
	sRef         // the next pending [[…]] reference
	sCtl         // a control ID as plain text
	sVer         // a version number
)

var slotNames = map[string]slot{
	"n": sN, "en": sEN, "nd": sND, "np": sNP, "ndp": sNDP,
	"an": sAN, "anp": sANP, "and": sAND, "andp": sANDP, "a": sA, "a0": sA0,
	"v": sV, "vp": sVP, "vs": sVS, "vpp": sVPP, "vpt": sVPT, "vi": sVI, "vg": sVG,
	"r": sR, "rd": sRD, "t": sT, "td": sTD, "typ": sTyp, "qual": sQual, "period": sPeriod,
	"ddate": sDDate, "sys": sSys, "adv": sAdv, "num": sNum, "pct": sPct, "days": sDays,
	"freq": sFreq, "date": sDate, "year": sYear, "ticket": sTicket, "loc": sLoc,
	"org": sOrg, "std": sStd, "lvl": sLvl, "code": sCode, "link": sLink, "ref": sRef,
	"ctl": sCtl, "ver": sVer,
}

type tok struct {
	s   slot
	lit string
}

type tpl []tok

func compile(s string) tpl {
	var t tpl
	for s != "" {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			t = append(t, tok{lit: s})
			break
		}
		if i > 0 {
			t = append(t, tok{lit: s[:i]})
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			panic("corpus: unclosed slot in template " + s)
		}
		name := s[i+1 : i+j]
		sl, ok := slotNames[name]
		if !ok {
			panic(fmt.Sprintf("corpus: unknown slot {%s} in template %q", name, s))
		}
		t = append(t, tok{s: sl})
		s = s[i+j+1:]
	}
	return t
}

// compileLines compiles one template per non-empty line.
func compileLines(s string) []tpl {
	var ts []tpl
	for _, line := range lines(s) {
		ts = append(ts, compile(line))
	}
	return ts
}

func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "//") {
			out = append(out, l)
		}
	}
	return out
}

// words splits a word list on white space and turns "_" into spaces.
func words(s string) []string {
	f := strings.Fields(s)
	for i, w := range f {
		f[i] = strings.ReplaceAll(w, "_", " ")
	}
	return f
}

// ---- Norwegian bokmål inflection ----

// nbNoun parses "risiko" (common gender), "system:n" (neuter), "krav:n0"
// (neuter, plural = singular), "bruker:er" (agent noun) or the explicit
// "sg|def|pl|defpl" with an optional "|n" for neuter.
func nbNoun(spec string) noun {
	if strings.Contains(spec, "|") {
		f := strings.Split(spec, "|")
		if len(f) < 4 {
			panic("corpus: bad noun " + spec)
		}
		return noun{sg: f[0], def: f[1], pl: f[2], defpl: f[3], neuter: len(f) > 4 && f[4] == "n"}
	}
	base, kind, _ := strings.Cut(spec, ":")
	e := strings.HasSuffix(base, "e")
	switch kind {
	case "":
		if e {
			return noun{sg: base, def: base + "n", pl: base + "r", defpl: base + "ne"}
		}
		return noun{sg: base, def: base + "en", pl: base + "er", defpl: base + "ene"}
	case "er":
		return noun{sg: base, def: base + "en", pl: base + "e", defpl: base + "ne"}
	case "n":
		if e {
			return noun{sg: base, def: base + "t", pl: base + "r", defpl: base + "ne", neuter: true}
		}
		return noun{sg: base, def: base + "et", pl: base + "er", defpl: base + "ene", neuter: true}
	case "n0":
		return noun{sg: base, def: base + "et", pl: base, defpl: base + "ene", neuter: true}
	}
	panic("corpus: bad noun " + spec)
}

// nbAdjective parses "sikker|sikkert|sikre" or a regular "relevant".
func nbAdjective(spec string) adjective {
	if f := strings.Split(spec, "|"); len(f) == 3 {
		return adjective{f[0], f[1], f[2]}
	}
	a := adjective{base: spec, neut: spec + "t", pl: spec + "e"}
	for _, suf := range []string{"ig", "sk", "t", "e", "a"} {
		if strings.HasSuffix(spec, suf) {
			a.neut = spec
			break
		}
	}
	if strings.HasSuffix(spec, "e") || strings.HasSuffix(spec, "a") {
		a.pl = spec
	}
	return a
}

func isVowelByte(s string, i int) bool {
	// The only non-ASCII letters in the word lists are æ, ø and å.
	return s[i] >= 0x80 || strings.IndexByte("aeiouy", s[i]) >= 0
}

// nbVerb parses "vurdere" (-ere verbs: vurderte, vurdert), "lagre:et"
// (lagret), "sende:te" (sendte, sendt), "gi|ga|gitt" or "gjøre|gjør|gjorde|gjort".
func nbVerb(spec string) verb {
	var v verb
	if strings.Contains(spec, "|") {
		f := strings.Split(spec, "|")
		switch len(f) {
		case 3:
			v = verb{inf: f[0], pres: f[0] + "r", past: f[1], part: f[2]}
		case 4:
			v = verb{inf: f[0], pres: f[1], past: f[2], part: f[3]}
		default:
			panic("corpus: bad verb " + spec)
		}
	} else {
		inf, class, _ := strings.Cut(spec, ":")
		if class == "" {
			class = "et"
			if strings.HasSuffix(inf, "ere") {
				class = "te"
			}
		}
		stem := strings.TrimSuffix(inf, "e")
		v = verb{inf: inf, pres: inf + "r"}
		switch class {
		case "et":
			v.past, v.part = stem+"et", stem+"et"
		case "te":
			if n := len(stem); n >= 2 && stem[n-1] == stem[n-2] {
				stem = stem[:n-1] // godkjenn → godkjente
			}
			v.past, v.part = stem+"te", stem+"t"
		default:
			panic("corpus: bad verb " + spec)
		}
	}
	v.pass = v.inf + "s"
	v.imp = nbImperative(v.inf)
	return v
}

// nbImperative drops the final -e unless it follows a consonant + r, l or n
// cluster (lagre, behandle, samordne) or the word is very short (se).
func nbImperative(inf string) string {
	n := len(inf)
	if n <= 3 || inf[n-1] != 'e' {
		return inf
	}
	if c := inf[n-2]; (c == 'r' || c == 'l' || c == 'n') && !isVowelByte(inf, n-3) && inf[n-3] != c {
		return inf
	}
	return inf[:n-1]
}

// ---- English inflection ----

func enPlural(s string) string {
	switch {
	case strings.HasSuffix(s, "s"), strings.HasSuffix(s, "x"), strings.HasSuffix(s, "z"),
		strings.HasSuffix(s, "ch"), strings.HasSuffix(s, "sh"):
		return s + "es"
	case strings.HasSuffix(s, "y") && len(s) > 1 && !strings.ContainsRune("aeiou", rune(s[len(s)-2])):
		return s[:len(s)-1] + "ies"
	}
	return s + "s"
}

// enArticleAn reports whether a phrase takes "an".
func enArticleAn(s string) bool {
	if s == "" {
		return false
	}
	first, _, _ := strings.Cut(s, " ")
	if len(first) >= 2 && first == strings.ToUpper(first) && first[0] >= 'A' && first[0] <= 'Z' {
		return strings.IndexByte("AEFHILMNORSX", first[0]) >= 0 // acronyms: an HR, an IT, a SIEM? (S: "an SLA")
	}
	l := strings.ToLower(first)
	for _, p := range []string{"us", "uni", "uti", "eu", "one"} {
		if strings.HasPrefix(l, p) {
			return false
		}
	}
	if strings.HasPrefix(l, "hour") || strings.HasPrefix(l, "honest") {
		return true
	}
	return strings.IndexByte("aeiou", l[0]) >= 0
}

// enNoun parses "control", "information!" (uncountable) or "analysis|analyses".
func enNoun(spec string) noun {
	var n noun
	switch {
	case strings.HasSuffix(spec, "!"):
		s := strings.TrimSuffix(spec, "!")
		n = noun{sg: s, pl: s, mass: true}
	case strings.Contains(spec, "|"):
		sg, pl, _ := strings.Cut(spec, "|")
		n = noun{sg: sg, pl: pl}
	default:
		n = noun{sg: spec, pl: enPlural(spec)}
	}
	n.def, n.defpl = n.sg, n.pl
	n.an = enArticleAn(n.sg)
	return n
}

// enVerb parses "review", "log+" (doubles the final consonant: logged,
// logging) or "write|writes|wrote|written|writing".
func enVerb(spec string) verb {
	if strings.Contains(spec, "|") {
		f := strings.Split(spec, "|")
		if len(f) != 5 {
			panic("corpus: bad verb " + spec)
		}
		return verb{inf: f[0], pres: f[1], past: f[2], part: f[3], ger: f[4], imp: f[0], pass: f[3]}
	}
	double := strings.HasSuffix(spec, "+")
	b := strings.TrimSuffix(spec, "+")
	v := verb{inf: b, imp: b, pres: enPlural(b)}
	switch {
	case double:
		c := b[len(b)-1:]
		v.past, v.ger = b+c+"ed", b+c+"ing"
	case strings.HasSuffix(b, "e"):
		v.past = b + "d"
		if strings.HasSuffix(b, "ee") {
			v.ger = b + "ing"
		} else {
			v.ger = b[:len(b)-1] + "ing"
		}
	case strings.HasSuffix(b, "y") && !strings.ContainsRune("aeiou", rune(b[len(b)-2])):
		v.past, v.ger = b[:len(b)-1]+"ied", b+"ing"
	default:
		v.past, v.ger = b+"ed", b+"ing"
	}
	v.part, v.pass = v.past, v.past
	return v
}

// ---- the language model ----

type docType uint8

const (
	policy docType = iota
	procedure
	standard
	guideline
	plan
	record
	numTypes
)

var typeKeys = [numTypes]string{"policy", "procedure", "standard", "guideline", "plan", "record"}
var typeDirs = [numTypes]string{"policies", "procedures", "standards", "guidelines", "plans", "records"}

type table struct {
	header string // header and delimiter rows, each ending in "\n"
	row    tpl    // one row without the final newline
}

// language is everything the generator needs to write one language.
type language struct {
	code string

	nouns    []noun
	nounDist alias
	adjs     []adjective
	adjAn    []bool // en: the adjective takes "an"
	adjDist  alias
	verbs    []verb
	verbDist alias
	advs     []string
	advDist  alias
	roles    []role
	roleDist alias

	systems, locations, standards, freqs, levels, codes, links []string
	days, orgs, recordKinds, notes                             []string

	sentences, refSentences, codeSentences, linkSentences []tpl
	bullets, steps, leadIns, stepLeadIns, subheadings     []tpl
	summaries, recordSummaries, recordIntros, closings    []tpl
	tables                                                []table

	sections  [numTypes][]string
	typeTitle [numTypes]string // "Prosedyre" / "procedure"
	typeDef   [numTypes]string // "prosedyren" / "procedure"
	ownText   [numTypes]string // "prosedyren for " / "the %s procedure"

	topics     []noun   // parallel to topicTable; en: sg only
	topicPl    []bool   // nb topics that are plural ("mobile enheter")
	qualifiers []string // organisational units, parallel across languages
	pctSuffix  string   // " %" or "%"
}

// model is the shared, immutable vocabulary of both languages plus tables
// used by the planner.
type model struct {
	nb, en   *language
	dates    []string // day 0 = 2024-01-01 … 2027-12-31
	numbers  []string // "0" … "500"
	numDist  alias    // Zipf over 2…500
	controls []string // the 93 ISO/IEC 27002:2022 controls
	clauses  []string // ISO/IEC 27001:2022 clauses
	topics   []topicInfo
	owners   []string
	approver []string
	tags     []string
}

type topicInfo struct {
	controls []uint8 // indices into model.controls
	clauses  []uint8 // indices into model.clauses
	tags     []string
}

const numDays = 4*365 + 1 // 2024–2027

var theModel = sync.OnceValue(buildModel)

func buildModel() *model {
	m := &model{}
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for d := 0; d < numDays; d++ {
		m.dates = append(m.dates, start.AddDate(0, 0, d).Format("2006-01-02"))
	}
	for i := 0; i <= 500; i++ {
		m.numbers = append(m.numbers, fmt.Sprint(i))
	}
	w := zipf(501, 1, 1.1)
	w[0], w[1] = 0, 0
	m.numDist = newAlias(w)
	for _, r := range [...]struct{ theme, n int }{{5, 37}, {6, 8}, {7, 14}, {8, 34}} {
		for i := 1; i <= r.n; i++ {
			m.controls = append(m.controls, fmt.Sprintf("%d.%d", r.theme, i))
		}
	}
	m.clauses = words(clauseIDs)
	m.owners = words(owners)
	m.approver = words(approvers)
	m.tags = words(tagWords)
	m.nb = buildNb()
	m.en = buildEn()
	m.buildTopics()
	return m
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// buildTopics parses topicTable: "nb title|nb definite[|flags] ; en ; controls ; clauses ; tags".
func (m *model) buildTopics() {
	for _, line := range lines(topicTable) {
		f := strings.Split(line, ";")
		if len(f) != 5 {
			panic("corpus: bad topic " + line)
		}
		nbf := strings.Split(strings.TrimSpace(f[0]), "|")
		if len(nbf) < 2 {
			panic("corpus: bad topic " + line)
		}
		flags := ""
		if len(nbf) > 2 {
			flags = nbf[2]
		}
		m.nb.topics = append(m.nb.topics, noun{sg: nbf[0], def: nbf[1], pl: nbf[0], defpl: nbf[1], neuter: strings.Contains(flags, "n")})
		m.nb.topicPl = append(m.nb.topicPl, strings.Contains(flags, "p"))
		en := strings.TrimSpace(f[1])
		m.en.topics = append(m.en.topics, noun{sg: en, def: en, pl: en, defpl: en, mass: true})
		m.en.topicPl = append(m.en.topicPl, false)
		var t topicInfo
		for _, c := range strings.Fields(f[2]) {
			i := indexOf(m.controls, c)
			if i < 0 {
				panic("corpus: unknown control " + c + " in topic " + line)
			}
			t.controls = append(t.controls, uint8(i))
		}
		for _, c := range strings.Fields(f[3]) {
			i := indexOf(m.clauses, c)
			if i < 0 {
				panic("corpus: unknown clause " + c + " in topic " + line)
			}
			t.clauses = append(t.clauses, uint8(i))
		}
		t.tags = strings.Fields(f[4])
		m.topics = append(m.topics, t)
	}
}

// vocabulary is the raw word lists of one language.
type vocabulary struct {
	code                                                       string
	nouns, prefixes, heads, genericHeads, adjs, verbs, advs    string
	roles                                                      string
	systems, locations, standards, freqs, levels, codes, links string
	days, orgs, recordKinds, notes                             string
	sentences, refSentences, codeSentences, linkSentences      string
	bullets, steps, leadIns, stepLeadIns, subheadings          string
	summaries, recordSummaries, recordIntros, closings         string
	tables                                                     string
	sections                                                   [numTypes]string
	typeTitle, typeDef, ownText                                [numTypes]string
	qualifiers                                                 string
	pctSuffix                                                  string
	parseNoun                                                  func(string) noun
	parseAdj                                                   func(string) adjective
	parseVerb                                                  func(string) verb
	compound                                                   func(prefix string, head noun) noun
}

// build inflects the word lists. Compound nouns are made from every
// prefix × generic head and a fixed third of prefix × specific head, so the
// vocabulary holds a few thousand nouns; they are ranked after the simple
// nouns, in a fixed shuffled order, so their frequencies follow a long Zipf
// tail.
func (v *vocabulary) build() *language {
	l := &language{code: v.code, pctSuffix: v.pctSuffix}
	seen := map[string]bool{}
	for _, s := range words(v.nouns) {
		if n := v.parseNoun(s); !seen[n.sg] {
			seen[n.sg] = true
			l.nouns = append(l.nouns, n)
		}
	}
	var compounds []noun
	heads := func(s string) []noun {
		var hs []noun
		for _, h := range words(s) {
			hs = append(hs, v.parseNoun(h))
		}
		return hs
	}
	generic, specific := heads(v.genericHeads), heads(v.heads)
	for pi, p := range words(v.prefixes) {
		for hi, h := range append(generic, specific...) {
			if hi >= len(generic) && (pi*7+hi*13)%3 != 0 {
				continue
			}
			c := v.compound(p, h)
			if c.sg == "" || seen[c.sg] {
				continue
			}
			seen[c.sg] = true
			compounds = append(compounds, c)
		}
	}
	shuffle := rand.New(rand.NewPCG(27001, 27002))
	shuffle.Shuffle(len(compounds), func(i, j int) { compounds[i], compounds[j] = compounds[j], compounds[i] })
	l.nouns = append(l.nouns, compounds...)
	l.nounDist = newAlias(zipf(len(l.nouns), 4, 1.0))

	for _, s := range words(v.adjs) {
		if a := v.parseAdj(s); !seen["adj "+a.base] {
			seen["adj "+a.base] = true
			l.adjs = append(l.adjs, a)
			l.adjAn = append(l.adjAn, v.code == "en" && enArticleAn(a.base))
		}
	}
	l.adjDist = newAlias(zipf(len(l.adjs), 3, 0.9))
	for _, s := range words(v.verbs) {
		if vb := v.parseVerb(s); !seen["verb "+vb.inf] {
			seen["verb "+vb.inf] = true
			l.verbs = append(l.verbs, vb)
		}
	}
	l.verbDist = newAlias(zipf(len(l.verbs), 3, 0.9))
	l.advs = words(v.advs)
	l.advDist = newAlias(zipf(len(l.advs), 2, 0.9))
	for _, s := range words(v.roles) {
		ind, def, ok := strings.Cut(s, "|")
		if !ok {
			def = ind
			if v.code == "en" {
				def = "the " + ind
			}
		}
		l.roles = append(l.roles, role{ind, def})
	}
	l.roleDist = newAlias(zipf(len(l.roles), 2, 0.8))

	list := func(s string) []string { return lines(s) }
	l.systems, l.locations, l.standards = list(v.systems), list(v.locations), list(v.standards)
	l.freqs, l.levels, l.codes, l.links = list(v.freqs), list(v.levels), list(v.codes), list(v.links)
	l.days, l.orgs, l.recordKinds, l.notes = list(v.days), list(v.orgs), list(v.recordKinds), list(v.notes)
	l.qualifiers = list(v.qualifiers)

	l.sentences, l.refSentences = compileLines(v.sentences), compileLines(v.refSentences)
	l.codeSentences, l.linkSentences = compileLines(v.codeSentences), compileLines(v.linkSentences)
	l.bullets, l.steps = compileLines(v.bullets), compileLines(v.steps)
	l.leadIns, l.stepLeadIns = compileLines(v.leadIns), compileLines(v.stepLeadIns)
	l.subheadings = compileLines(v.subheadings)
	l.summaries, l.recordSummaries = compileLines(v.summaries), compileLines(v.recordSummaries)
	l.recordIntros, l.closings = compileLines(v.recordIntros), compileLines(v.closings)
	for _, block := range strings.Split(v.tables, "\n\n") {
		ls := lines(block)
		if len(ls) != 3 {
			continue
		}
		l.tables = append(l.tables, table{header: ls[0] + "\n" + ls[1] + "\n", row: compile(ls[2])})
	}
	for t := range numTypes {
		l.sections[t] = lines(v.sections[t])
	}
	l.typeTitle, l.typeDef, l.ownText = v.typeTitle, v.typeDef, v.ownText
	return l
}
