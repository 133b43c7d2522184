package adopt

import (
	"path"
	"regexp"
	"strings"
	"unicode"

	"github.com/isms-project/isms/catalog"
)

// The front matter fields adopt infers, in the order it writes them.
const (
	fID             = "id"
	fTitle          = "title"
	fType           = "type"
	fOwner          = "owner"
	fApprover       = "approver"
	fStatus         = "status"
	fVersion        = "version"
	fApproved       = "approved"
	fEffective      = "effective"
	fReview         = "review"
	fDate           = "date"
	fClassification = "classification"
	fLang           = "lang"
)

var fieldOrder = []string{fID, fTitle, fType, fOwner, fApprover, fStatus, fVersion, fApproved, fEffective, fReview, fDate, fClassification, fLang}

// fDateLine is the field of "Last updated" / "Dato" lines: the date of a
// record; for other documents the line is left in the body.
const fDateLine = "date?"

// keys maps a key as written (lower case, spaces collapsed) to its field.
var keys = keyTable()

func keyTable() map[string]string {
	keys := map[string]string{}
	for field, names := range map[string]string{
		fID:             "document id|dokument-id|dokument id|doc id|doc-id|document-id|document no|document no.|document number|dokumentnummer|dokumentnr|dokumentnr.|dokument nr|dokument nr.|document reference|dokumentreferanse|id",
		fTitle:          "title|tittel|document title|dokumenttittel",
		fVersion:        "version|versjon|document version|dokumentversjon|ver|ver.",
		fOwner:          "owner|document owner|eier|dokumenteier|policy owner|policyeier|process owner|prosesseier|ansvarlig|responsible",
		fApprover:       "approved by|approver|godkjent av|godkjenner",
		fApproved:       "approved|approval date|date approved|approved date|approved on|godkjent|godkjent dato|godkjent den|godkjenningsdato|dato godkjent",
		fEffective:      "effective date|effective|effective from|valid from|gjelder fra|gyldig fra|ikrafttredelse|ikrafttredelsesdato|i kraft fra|gjeldende fra",
		fReview:         "next review|next review date|review date|review by|review due|neste revisjon|neste gjennomgang|revisjonsdato|neste revisjonsdato|revideres innen|neste revidering",
		fDateLine:       "last updated|sist oppdatert|date|dato|last revised|sist revidert|updated|oppdatert|last modified|sist endret|meeting date|møtedato|report date|rapportdato",
		fClassification: "classification|klassifisering|sensitivity|security classification|informasjonsklassifisering|sikkerhetsklassifisering|gradering|confidentiality|konfidensialitet|data classification",
		fStatus:         "status|document status|dokumentstatus",
	} {
		for _, n := range strings.Split(names, "|") {
			keys[n] = field
		}
	}
	return keys
}

// fieldOf finds the field of a key as written: "Document ID",
// "Dokumenteier (Document owner)", "Versjon / Version".
func fieldOf(key string) string {
	k := strings.ToLower(strings.Join(strings.Fields(key), " "))
	if f, ok := keys[k]; ok {
		return f
	}
	if i := strings.IndexByte(k, '('); i > 0 {
		if f, ok := keys[strings.TrimSpace(k[:i])]; ok {
			return f
		}
	}
	for _, part := range strings.Split(k, "/") {
		if f, ok := keys[strings.TrimSpace(part)]; ok {
			return f
		}
	}
	return ""
}

// docControlHeadings are headings of a section that holds only metadata.
var docControlHeadings = map[string]bool{
	"document control": true, "document information": true, "document details": true, "document metadata": true,
	"metadata": true, "about this document": true, "document properties": true,
	"dokumentkontroll": true, "dokumentinformasjon": true, "dokumentdetaljer": true, "dokumentdata": true,
	"om dokumentet": true, "dokumentegenskaper": true,
}

// Type words: whole words in any language; Norwegian ones also as the
// last part of a compound ("Tilgangspolicy", "Beredskapsplan").
var typeWords = map[string]string{
	"policy": "policy", "policies": "policy", "policyer": "policy", "politikk": "policy",
	"procedure": "procedure", "procedures": "procedure", "prosedyre": "procedure", "prosedyrer": "procedure",
	"rutine": "procedure", "rutiner": "procedure", "runbook": "procedure", "playbook": "procedure", "sop": "procedure",
	"standard": "standard", "standards": "standard", "standarder": "standard",
	"guideline": "guideline", "guidelines": "guideline", "guidance": "guideline", "veileder": "guideline",
	"veiledere": "guideline", "veiledning": "guideline", "retningslinje": "guideline", "retningslinjer": "guideline",
	"plan": "plan", "plans": "plan", "planer": "plan",
	"record": "record", "records": "record", "log": "record", "logs": "record", "report": "record", "reports": "record",
	"minutes": "record", "evidence": "record", "referat": "record", "referater": "record", "rapport": "record",
	"rapporter": "record", "logg": "record", "logger": "record", "protokoll": "record", "bevis": "record",
}

// compoundTypeWords may end a Norwegian compound word.
var compoundTypeWords = []string{"policy", "policyer", "politikk", "prosedyre", "prosedyrer", "rutine", "rutiner",
	"standard", "retningslinje", "retningslinjer", "veileder", "veiledning", "plan", "planer", "referat", "rapport", "logg", "protokoll"}

// typeAbbrev are ID and file-name prefixes: POL-01, PRO-03, STD-2.
var typeAbbrev = map[string]string{
	"pol": "policy", "proc": "procedure", "pro": "procedure", "prc": "procedure", "prs": "procedure", "rut": "procedure",
	"std": "standard", "gdl": "guideline", "gui": "guideline", "vei": "guideline", "pln": "plan", "pla": "plan",
	"rec": "record", "rpt": "record", "rep": "record", "log": "record",
}

// headSplit words end the head of a title: "Policy for access control",
// "Minutes of the management review", "Rutine for tilgang".
var headSplit = map[string]bool{"for": true, "on": true, "of": true, "about": true, "regarding": true, "om": true, "av": true, "til": true, "ved": true}

func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func typeOfWord(w string) string {
	if t, ok := typeWords[w]; ok {
		return t
	}
	for _, suffix := range compoundTypeWords {
		if len(w) > len(suffix)+2 && strings.HasSuffix(w, suffix) {
			return typeWords[suffix]
		}
	}
	return ""
}

// typeOfTitle finds the type a title names: in "Access Control Policy"
// the last type word, in "Policy for access control" the one before "for".
func typeOfTitle(title string) string {
	ws := words(title)
	found := ""
	for _, w := range ws {
		if headSplit[w] && found != "" {
			return found
		}
		if t := typeOfWord(w); t != "" {
			found = t
		}
	}
	return found
}

// inferType finds a document's type, and says from what: the title, the
// file name, an ID prefix, then the folders from the nearest.
func inferType(p, title string, titleFromHeading bool, id string) (typ, from string) {
	if titleFromHeading {
		if t := typeOfTitle(title); t != "" {
			return t, "the title"
		}
	}
	base := strings.TrimSuffix(path.Base(p), path.Ext(p))
	if t := typeOfTitle(base); t != "" {
		return t, "the file name"
	}
	for _, s := range []string{id, base} {
		if ws := words(s); len(ws) > 1 {
			if t, ok := typeAbbrev[ws[0]]; ok {
				return t, "the prefix " + strings.ToUpper(ws[0])
			}
		}
	}
	for dir := path.Dir(p); dir != "." && dir != "/"; dir = path.Dir(dir) {
		for _, w := range words(path.Base(dir)) {
			if t := typeOfWord(w); t != "" {
				return t, "the folder " + dir + "/"
			}
		}
	}
	return "", ""
}

var (
	idPattern   = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9._-]*$`)
	titleID     = regexp.MustCompile(`^([A-Z]{2,}(?:[-_.][A-Z0-9]+)*[-_.]\d+[A-Za-z0-9]*)(?:\s*[:–—]\s*|\s+-\s+|\s+)(\S.*)$`)
	translitMap = strings.NewReplacer("æ", "ae", "Æ", "AE", "ø", "oe", "Ø", "OE", "å", "aa", "Å", "AA", "ä", "a", "Ä", "A",
		"ö", "o", "Ö", "O", "ü", "u", "Ü", "U", "é", "e", "É", "E", "è", "e", "ß", "ss")
)

// validID makes s a document ID as SPEC §4 wants it: a letter first, then
// letters, digits, '-', '_', '.'; not shaped like a control ID.
func validID(s string) string {
	s = translitMap.Replace(strings.TrimSpace(s))
	var b strings.Builder
	dash := false
	for _, r := range s {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '_' || r == '-'):
			if r == '-' && (dash || b.Len() == 0) {
				continue
			}
			b.WriteRune(r)
			dash = r == '-'
		case b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	id := strings.Trim(b.String(), "-._")
	if id == "" {
		return ""
	}
	if !unicode.IsLetter(rune(id[0])) || catalog.LooksLikeControlID(id) {
		id = "DOC-" + id
	}
	if !idPattern.MatchString(id) {
		return ""
	}
	return id
}

// idFromName makes an ID of a file name: pol-02-access-control.md is
// POL-02, isms-pol-001.md is ISMS-POL-001; other names are their words
// upper-cased (access-control.md is ACCESS-CONTROL), without leading
// numbers (01-access-control.md too). prefix is the number of the name's
// words an ID prefix took (2 for pol-02-access-control), 0 otherwise.
func idFromName(p string) (id string, prefix int) {
	base := strings.TrimSuffix(path.Base(p), path.Ext(p))
	parts := nameWords(translitMap.Replace(base))
	var letters []string
	for i, w := range parts {
		if isNumber(w) && i > 0 && i <= 3 {
			return validID(strings.ToUpper(strings.Join(append(letters, w), "-"))), i + 1
		}
		if !isLetters(w) || len(w) > 5 {
			break
		}
		letters = append(letters, w)
	}
	for len(parts) > 1 && isNumber(parts[0]) {
		parts = parts[1:]
	}
	if len(parts) == 0 {
		return "", 0
	}
	id = strings.ToUpper(strings.Join(parts, "-"))
	if len(id) > 48 {
		id = id[:strings.LastIndexByte(id[:48], '-')+1]
		id = strings.TrimSuffix(id, "-")
	}
	return validID(id), 0
}

// nameWords splits a file name into its words: letters and digits.
func nameWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func isNumber(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

func isLetters(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) < 0
}

// titleFromName makes a title of a file name's words, after an ID prefix
// and leading numbers: pol-02-access-control.md is "Access control".
func titleFromName(p string) string {
	base := strings.TrimSuffix(path.Base(p), path.Ext(p))
	id, prefix := idFromName(p)
	ws := nameWords(base)
	switch {
	case prefix > 0 && prefix >= len(ws):
		return id // the name is an ID and nothing more
	case prefix > 0:
		ws = ws[prefix:]
	}
	for len(ws) > 1 && isNumber(ws[0]) {
		ws = ws[1:]
	}
	t := strings.Join(ws, " ")
	if t == "" {
		t = base
	}
	r := []rune(t)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// Language markers: frequent words only one of the languages has.
var (
	nbWords = map[string]bool{"og": true, "er": true, "ikke": true, "skal": true, "som": true, "til": true, "av": true,
		"med": true, "på": true, "det": true, "den": true, "et": true, "ved": true, "eller": true, "alle": true,
		"må": true, "har": true, "fra": true, "hvis": true, "denne": true, "dette": true, "vår": true, "våre": true, "sikkerhet": true}
	enWords = map[string]bool{"the": true, "and": true, "of": true, "to": true, "is": true, "are": true, "shall": true,
		"must": true, "with": true, "this": true, "that": true, "be": true, "all": true, "or": true, "by": true, "from": true,
		"if": true, "our": true, "on": true, "security": true, "will": true}
)

// guessLang tells Norwegian (nb) from English (en) by frequent words in
// the first few hundred words; "" when the text is too short or mixed to
// tell.
func guessLang(text string) string {
	nb, en, n := 0, 0, 0
	for w := range strings.FieldsFuncSeq(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if n++; n > 400 {
			break
		}
		if len(w) > 6 {
			continue // the marker words are short
		}
		w = strings.ToLower(w)
		if nbWords[w] {
			nb++
		}
		if enWords[w] {
			en++
		}
	}
	switch {
	case nb+en < 5:
		return ""
	case nb >= 2*en:
		return "nb"
	case en >= 2*nb:
		return "en"
	}
	return ""
}
