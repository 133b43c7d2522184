package adopt

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// cleanValue takes the decoration off a metadata value: a hard line break
// at its end (two spaces, a backslash, <br>), emphasis or code around it,
// and a link around it ([CISO](mailto:…) is CISO). It returns the value and
// how many bytes were cut from its start, so that positions stay true.
func cleanValue(v string) (string, int) {
	cut := 0
	trimLeft := func(s string) string {
		t := strings.TrimLeft(s, " \t")
		cut += len(s) - len(t)
		return t
	}
	v = trimLeft(v)
	for {
		before := v
		v = strings.TrimRight(v, " \t")
		v = strings.TrimSuffix(v, "\\")
		for _, br := range []string{"<br>", "<br/>", "<br />", "<BR>"} {
			v = strings.TrimSuffix(v, br)
		}
		v = strings.TrimRight(v, " \t")
		for _, w := range []string{"**", "__", "*", "_", "`"} {
			if len(v) > 2*len(w) && strings.HasPrefix(v, w) && strings.HasSuffix(v, w) {
				v = v[len(w) : len(v)-len(w)]
				cut += len(w)
				v = trimLeft(v)
			}
		}
		if m := wholeLink.FindStringSubmatch(v); m != nil {
			v = m[1]
			cut++
		}
		if v == before {
			return v, cut
		}
	}
}

var wholeLink = regexp.MustCompile(`^\[([^\[\]]+)\]\([^()\s]*\)$`)

// Placeholders are template text where a value should be: [DATE],
// [Organization Name], <Company>, {{owner}}, TBD, XX.XX.XXXX, DD.MM.YYYY.
var (
	placeholderBracket = regexp.MustCompile(`\[[^\[\]]*\](?:[^(]|$)|<[A-Za-zÆØÅæøå][A-Za-zÆØÅæøå0-9 _.-]*>|\{\{?[^{}]*\}?\}`)
	placeholderWord    = regexp.MustCompile(`(?i)^(?:TBD|TBC|TBA|TODO|FIXME|X{2,}|\?+|\.\.\.+|…|_{2,}|<+|>+|dato|date|name|navn)$`)
	placeholderDate    = regexp.MustCompile(`^[XxYyDdMmÅåJj]+(?:[./ -][XxYyDdMmÅåJj]+)+$`)
)

// placeholder finds template text in v: the placeholder and where in v it
// starts.
func placeholder(v string) (string, int, bool) {
	for _, loc := range placeholderBracket.FindAllStringIndex(v, -1) {
		if strings.HasPrefix(v[loc[0]:], "[[") || loc[0] > 0 && v[loc[0]-1] == '[' {
			continue // a [[reference]]
		}
		ph := strings.TrimRight(v[loc[0]:loc[1]], " \t")
		if !strings.HasSuffix(ph, "]") && !strings.HasSuffix(ph, ">") && !strings.HasSuffix(ph, "}") {
			ph = ph[:len(ph)-1] // the character after [X]
		}
		return ph, loc[0], true
	}
	if placeholderWord.MatchString(v) || placeholderDate.MatchString(v) {
		return v, 0, true
	}
	return "", 0, false
}

// empty reports whether a value says nothing: blank, a dash, N/A.
func empty(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "-", "–", "—", "n/a", "na", "i/a", "ikke aktuelt", "none", "ingen":
		return true
	}
	return false
}

var months = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"januar": 1, "februar": 2, "mars": 3, "mai": 5, "juni": 6, "juli": 7, "oktober": 10, "desember": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
	"oct": 10, "okt": 10, "nov": 11, "dec": 12, "des": 12,
}

var (
	isoDate     = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$`)
	numericDate = regexp.MustCompile(`^(\d{1,2})([./-])(\d{1,2})([./-])(\d{4})$`)
	dayMonth    = regexp.MustCompile(`^(\d{1,2})(?:\.|st|nd|rd|th)?\s+(?:of\s+)?([\p{L}]+)\.?,?\s+(\d{4})$`)
	monthDay    = regexp.MustCompile(`^([\p{L}]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$`)
)

// parseDate reads the date formats found in ISMS documents: 2026-02-19,
// 19.02.2026, 19-02-2026, 19/02/2026, "2. april 2026", "19 February 2026",
// "February 19, 2026". Numbers with slashes or dashes are read day first,
// as in Norway and the UK; when the second number cannot be a month they
// are read month first, and note says so. In an English document a date
// that reads both ways is read day first, and note says that too.
func parseDate(s, lang string) (t time.Time, note string, ok bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "."))
	ymd := func(y, m, d int) (time.Time, bool) {
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		return t, y >= 1900 && y < 2200 && t.Year() == y && int(t.Month()) == m && t.Day() == d
	}
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	if m := isoDate.FindStringSubmatch(s); m != nil {
		t, ok := ymd(atoi(m[1]), atoi(m[2]), atoi(m[3]))
		return t, "", ok
	}
	if m := numericDate.FindStringSubmatch(s); m != nil && m[2] == m[4] {
		a, b, y := atoi(m[1]), atoi(m[3]), atoi(m[5])
		if m[2] != "." && b > 12 && a <= 12 {
			t, ok := ymd(y, a, b)
			return t, "read as month/day/year", ok
		}
		t, ok := ymd(y, b, a)
		if ok && m[2] == "/" && lang == "en" && a <= 12 && a != b {
			note = "read as day/month/year"
		}
		return t, note, ok
	}
	if m := dayMonth.FindStringSubmatch(s); m != nil {
		if mon, found := months[strings.ToLower(m[2])]; found {
			t, ok := ymd(atoi(m[3]), int(mon), atoi(m[1]))
			return t, "", ok
		}
	}
	if m := monthDay.FindStringSubmatch(s); m != nil {
		if mon, found := months[strings.ToLower(m[1])]; found {
			t, ok := ymd(atoi(m[3]), int(mon), atoi(m[2]))
			return t, "", ok
		}
	}
	return time.Time{}, "", false
}

// classification maps a classification in English or Norwegian (or a
// Traffic Light Protocol label) to the four levels of SPEC §4.
func classification(v string) (string, bool) {
	s := " " + strings.ToLower(v) + " "
	for _, c := range []struct{ level, words string }{
		{"restricted", "strengt fortrolig|strictly confidential|restricted|begrenset|secret|hemmelig|tlp:red"},
		{"confidential", "confidential|konfidensiell|konfidensielt|fortrolig|tlp:amber"},
		{"internal", "internal|intern|internt|tlp:green"},
		{"public", "public|offentlig|åpen|åpent|open|tlp:clear|tlp:white"},
	} {
		for _, w := range strings.Split(c.words, "|") {
			if i := strings.Index(s, w); i > 0 && !isLetter(s[i-1]) && !isLetter(s[i+len(w)]) {
				return c.level, true
			}
		}
	}
	return "", false
}

func isLetter(b byte) bool { return 'a' <= b && b <= 'z' || b >= 0x80 }

// status maps a document status in English or Norwegian to SPEC §4's.
func status(v string) (string, bool) {
	s := strings.ToLower(v)
	if i := strings.IndexAny(s, "(,;"); i > 0 {
		s = s[:i]
	}
	s = strings.Join(strings.Fields(s), " ")
	for _, c := range []struct{ status, words string }{
		{"draft", "draft|utkast|work in progress|under arbeid|under utarbeidelse"},
		{"review", "in review|under review|for review|review|til gjennomgang|til godkjenning|under revisjon|til behandling|pending approval|awaiting approval|under gjennomgang"},
		{"approved", "approved|godkjent|final|endelig|published|publisert|active|aktiv|gjeldende|in effect|released|i kraft"},
		{"retired", "retired|utgått|obsolete|superseded|withdrawn|erstattet|trukket tilbake|archived|arkivert|deprecated|utfaset"},
	} {
		for _, w := range strings.Split(c.words, "|") {
			if s == w {
				return c.status, true
			}
		}
	}
	return "", false
}
