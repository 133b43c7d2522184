package search

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The test corpus: a deterministic ISMS of Norwegian (nb, a few nn) and
// English documents, 6–10 KB of prose each, with headings, inflected word
// forms, hyphenated and possessive words, control IDs and — in some
// documents — markup-like text that must never become markup.

// A lexeme is a word with its inflected forms (the first is the base form).
type lexeme []string

func lexemes(spec string) []lexeme {
	var out []lexeme
	for _, l := range strings.Split(strings.TrimSpace(spec), "\n") {
		out = append(out, lexeme(strings.Fields(l)))
	}
	return out
}

type language struct {
	nouns, verbs, adjectives []lexeme
	function                 []string
	modals                   []string
	headings                 []string
	qualifiers               []string
	typeWords                map[string]string
}

var norwegian = language{
	nouns: lexemes(`
sikkerhetskopi sikkerhetskopien sikkerhetskopier sikkerhetskopiene sikkerhetskopiering sikkerhetskopieringen
tilgang tilgangen tilganger tilgangene tilgangsstyring tilgangsstyringen
passord passordet passordene passordpolicy
leverandør leverandøren leverandører leverandørene leverandøravtale leverandøravtalen
risiko risikoen risikoer risikoene risikovurdering risikovurderingen risikovurderinger
hendelse hendelsen hendelser hendelsene hendelseshåndtering
system systemet systemer systemene
rutine rutinen rutiner rutinene
ansatt ansatte ansattes
kryptering krypteringen krypteringsnøkkel krypteringsnøkler
nøkkel nøkkelen nøkler nøklene
logg loggen logger loggene logging loggingen
endring endringen endringer endringene endringshåndtering
avvik avviket avvikene
kontroll kontrollen kontroller kontrollene
virksomhet virksomheten virksomheter virksomhetene
informasjonssikkerhet informasjonssikkerheten informasjonssikkerhetspolicy
personopplysning personopplysningen personopplysninger personopplysningene personvern personvernet
revisjon revisjonen revisjoner revisjonene internrevisjon
ledelse ledelsen ledelsens
opplæring opplæringen bevissthet bevisstheten
sårbarhet sårbarheten sårbarheter sårbarhetene
trussel trusselen trusler truslene trusselbildet
eiendel eiendelen eiendeler eiendelene
klassifisering klassifiseringen klassifiseringer
brannmur brannmuren brannmurer brannmurene
nettverk nettverket nettverkene
server serveren servere serverne
bruker brukeren brukere brukerne brukerkonto brukerkontoer
tjeneste tjenesten tjenester tjenestene skytjeneste skytjenester skytjenestene
avtale avtalen avtaler avtalene
plan planen planer planene beredskapsplan beredskapsplanen
prosedyre prosedyren prosedyrer prosedyrene
dokumentasjon dokumentasjonen
gjennomgang gjennomgangen gjennomganger gjennomgangene
beredskap beredskapen kontinuitet kontinuiteten
e-post e-posten e-poster e-postene
datasenter datasenteret datasentre datasentrene
mobiltelefon mobiltelefonen mobiltelefoner
arbeidsstasjon arbeidsstasjonen arbeidsstasjoner
oppdatering oppdateringen oppdateringer oppdateringene
hjemmekontor hjemmekontoret
styringssystem styringssystemet
rettighet rettigheten rettigheter rettighetene
sikkerhetshendelse sikkerhetshendelsen sikkerhetshendelser
`),
	verbs: lexemes(`
sikre sikrer sikret
gjennomføre gjennomfører gjennomført gjennomførte
dokumentere dokumenterer dokumentert dokumenterte
godkjenne godkjenner godkjent godkjente
vurdere vurderer vurdert vurderte
overvåke overvåker overvåket
oppdatere oppdaterer oppdatert oppdaterte
teste tester testet
rapportere rapporterer rapportert rapporterte
beskytte beskytter beskyttet
lagre lagrer lagret
slette sletter slettet
begrense begrenser begrenset
etablere etablerer etablert
håndtere håndterer håndtert
kontrollere kontrollerer kontrollert
informere informerer informert
gjenopprette gjenoppretter gjenopprettet
`),
	adjectives: lexemes(`
sikker sikkert sikre
kritisk kritiske
årlig årlige
nødvendig nødvendige
ansvarlig ansvarlige
gjeldende
tilstrekkelig tilstrekkelige
konfidensiell konfidensielle
intern interne
ekstern eksterne
relevant relevante
daglig daglige
jevnlig jevnlige
uautorisert uautoriserte
sårbar sårbare
`),
	function:   strings.Fields("og i på til for av med som er det den de en et ikke at om ved fra eller alle hver etter før når også slik"),
	modals:     strings.Fields("skal må bør kan"),
	headings:   strings.Fields("Formål Omfang Ansvar Gjennomføring Oppfølging Roller Krav Unntak Avvik Rapportering Definisjoner Referanser"),
	qualifiers: []string{"for skytjenester", "i produksjon", "for ansatte", "hos leverandører", "på hjemmekontor", "i datasenteret", "for IT-avdelingen"},
	typeWords:  map[string]string{"policy": "Policy for", "procedure": "Rutine for", "standard": "Standard for", "guideline": "Retningslinje for", "plan": "Plan for", "record": "Rapport om"},
}

var english = language{
	nouns: lexemes(`
backup backups backing
access accesses
password passwords
supplier suppliers supplier's
risk risks risk's
incident incidents
system systems
routine routines
employee employees employee's employees'
encryption encryptions
key keys
log logs logging
change changes
nonconformity nonconformities
control controls controlling
organization organizations organizational organization's
security
personal
audit audits auditing auditor auditors
management
training
vulnerability vulnerabilities
threat threats
asset assets
classification classifications
firewall firewalls
network networks networking
server servers
user users user's
service services
agreement agreements
plan plans planning
procedure procedures
documentation
review reviews reviewing
continuity
cloud
email emails
centre centres
authorization authorizations
authentication
responsibility responsibilities
availability
integrity
confidentiality
effectiveness
generalization
sensitivity
replacement replacements
adoption
`),
	verbs: lexemes(`
ensure ensures ensured ensuring
perform performs performed performing
document documents documented documenting
approve approves approved approving
assess assesses assessed assessing
monitor monitors monitored monitoring
update updates updated updating
test tests tested testing
report reports reported reporting
protect protects protected protecting
store stores stored storing
delete deletes deleted deleting
restrict restricts restricted restricting
establish establishes established establishing
handle handles handled handling
restore restores restored restoring
hop hopping hopped
agree agreed agreeing
`),
	adjectives: lexemes(`
secure securely
critical
annual annually
necessary
responsible
applicable
sufficient
confidential
internal
external
relevant
daily
regular regularly
unauthorized
operational
conditional
effective
hopeful hopefulness
formal formality
adjustable
`),
	function:   strings.Fields("and in on to for of with which is it the a an not that about by from or all each after before when also such"),
	modals:     strings.Fields("shall must should may"),
	headings:   strings.Fields("Purpose Scope Responsibilities Procedure Follow-up Roles Requirements Exceptions Deviations Reporting Definitions References"),
	qualifiers: []string{"for cloud services", "in production", "for employees", "at suppliers", "when working remotely", "in the data centre", "for the IT department"},
	typeWords:  map[string]string{"policy": "Policy on", "procedure": "Procedure for", "standard": "Standard for", "guideline": "Guideline on", "plan": "Plan for", "record": "Report on"},
}

// A topic is what a document is about: a few nouns of each language that
// it uses much more than others do.
type topic struct{ nb, en []int } // indexes into the languages' nouns

var docTypes = []string{"policy", "procedure", "standard", "guideline", "plan", "record"}
var typePrefixes = map[string]string{"policy": "POL", "procedure": "PRO", "standard": "STD", "guideline": "RET", "plan": "PLN", "record": "REG"}
var owners = []string{"CISO", "IT-sjef", "Personvernombud", "HR-leder", "Daglig leder", "Driftsansvarlig", "Security Officer"}
var controlIDs = strings.Fields("5.1 5.2 5.9 5.10 5.12 5.15 5.16 5.17 5.18 5.19 5.23 5.24 5.26 5.29 5.30 5.34 6.3 6.7 7.4 8.1 8.2 8.5 8.7 8.8 8.12 8.13 8.15 8.16 8.20 8.24 8.32")
var clauseIDs = strings.Fields("4.1 4.2 4.3 5.1 5.2 5.3 6.1 6.1.2 6.1.3 6.2 7.2 7.3 7.5 8.1 9.1 9.2 9.3 10.1 10.2")

// trickyText goes into some documents: markup that must stay text, IDs,
// possessives, hyphens, digits, capitals.
const trickyText = `Merk: <script>alert("x")</script> & <b>fet</b> "sitat" 'enkelt' — ISO/IEC 27001:2022, kontroll 5.15 og A.9.1.1, CISO's ansvar, IT-sjefen, e-post, ÆRLIG ØSTRE ÅPEN, Sikkerhetskopiene, v2.0, 1,000.5 kr, 24/7, snake_case, naïve café.`

// corpus generates n documents from seed.
func corpus(n int, seed uint64) []Document {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	topics := make([]topic, 40)
	for i := range topics {
		topics[i] = topic{
			nb: []int{r.IntN(len(norwegian.nouns)), r.IntN(len(norwegian.nouns)), r.IntN(len(norwegian.nouns))},
			en: []int{r.IntN(len(english.nouns)), r.IntN(len(english.nouns)), r.IntN(len(english.nouns))},
		}
	}
	counters := map[string]int{}
	docs := make([]Document, n)
	for i := range docs {
		typ := docTypes[r.IntN(len(docTypes))]
		counters[typ]++
		lang := "nb"
		switch x := r.IntN(20); {
		case x < 6:
			lang = "en"
		case x == 6:
			lang = "nn"
		}
		docs[i] = generateDoc(r, i, typ, fmt.Sprintf("%s-%03d", typePrefixes[typ], counters[typ]), lang, topics[r.IntN(len(topics))])
	}
	return docs
}

func generateDoc(r *rand.Rand, i int, typ, id, lang string, tp topic) Document {
	l, topicNouns := &norwegian, tp.nb
	if lang == "en" {
		l, topicNouns = &english, tp.en
	}
	g := &generator{r: r, l: l, topic: topicNouns}
	main := l.nouns[topicNouns[0]][0]
	title := l.typeWords[typ] + " " + g.noun(true) + " " + strings.ToLower(main)
	if r.IntN(2) == 0 {
		title += " " + l.qualifiers[r.IntN(len(l.qualifiers))]
	}
	d := Document{
		ID:      id,
		Title:   capitalize(strings.TrimSpace(title)),
		Summary: g.sentence(),
		Type:    typ,
		Owner:   owners[r.IntN(len(owners))],
		Lang:    lang,
		URL:     "docs/" + id + "/index.html",
	}
	for range r.IntN(4) {
		d.Controls = append(d.Controls, controlIDs[r.IntN(len(controlIDs))])
	}
	for range r.IntN(3) {
		d.Clauses = append(d.Clauses, clauseIDs[r.IntN(len(clauseIDs))])
	}
	target := 6000 + r.IntN(4000)
	size := 0
	if r.IntN(3) == 0 {
		intro := g.paragraph()
		d.Sections = append(d.Sections, Section{Text: intro})
		size += len(intro)
	}
	used := map[string]int{}
	for size < target {
		h := l.headings[r.IntN(len(l.headings))]
		if r.IntN(2) == 0 {
			h += " " + g.noun(true)
		}
		anchor := slug(h)
		used[anchor]++
		if used[anchor] > 1 {
			anchor += fmt.Sprintf("-%d", used[anchor])
		}
		var text strings.Builder
		for p := 0; p < 2+r.IntN(3) && size+text.Len() < target; p++ {
			if p > 0 {
				text.WriteString("\n")
			}
			text.WriteString(g.paragraph())
		}
		if i%37 == 5 && len(d.Sections) == 1 {
			text.WriteString("\n" + trickyText)
		}
		d.Sections = append(d.Sections, Section{Heading: h, Anchor: anchor, Text: text.String()})
		size += len(h) + text.Len()
	}
	return d
}

type generator struct {
	r     *rand.Rand
	l     *language
	topic []int
}

// pick returns an index below n, small ones more often (roughly Zipf).
func (g *generator) pick(n int) int {
	x := g.r.Float64()
	return int(float64(n) * x * x)
}

func (g *generator) form(lx lexeme) string {
	if g.r.IntN(3) == 0 {
		return lx[0]
	}
	return lx[g.r.IntN(len(lx))]
}

func (g *generator) noun(topical bool) string {
	if topical && g.r.IntN(3) == 0 {
		return g.form(g.l.nouns[g.topic[g.r.IntN(len(g.topic))]])
	}
	return g.form(g.l.nouns[g.pick(len(g.l.nouns))])
}

func (g *generator) sentence() string {
	var w []string
	if g.r.IntN(4) == 0 {
		w = append(w, g.l.adjectives[g.pick(len(g.l.adjectives))][0])
	}
	w = append(w, g.noun(true), g.l.modals[g.r.IntN(len(g.l.modals))], g.form(g.l.verbs[g.pick(len(g.l.verbs))]))
	for range 2 + g.r.IntN(6) {
		switch g.r.IntN(5) {
		case 0:
			w = append(w, g.form(g.l.adjectives[g.pick(len(g.l.adjectives))]))
		case 1, 2:
			w = append(w, g.l.function[g.pick(len(g.l.function))])
		default:
			w = append(w, g.noun(true))
		}
	}
	switch g.r.IntN(12) {
	case 0:
		w = append(w, "(jf. "+controlIDs[g.r.IntN(len(controlIDs))]+")")
	case 1:
		w = append(w, fmt.Sprintf("%d", 2020+g.r.IntN(6)))
	}
	s := strings.Join(w, " ")
	if g.r.IntN(6) == 0 {
		s = strings.Replace(s, " ", ", ", 1)
	}
	return capitalize(s) + "."
}

func (g *generator) paragraph() string {
	var p []string
	for range 3 + g.r.IntN(5) {
		p = append(p, g.sentence())
	}
	return strings.Join(p, " ")
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		case b.Len() > 0:
			b.WriteByte('-')
		}
	}
	return strings.Trim(b.String(), "-")
}
