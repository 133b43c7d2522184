package suggest

import (
	"strings"
	"unicode/utf8"

	"github.com/isms-project/isms/search"
)

// The evidence of a suggestion is the sentence of the document that
// matched the control best — the one whose phrases weigh most — with the
// next sentence when it is short, so that an author sees at once what the
// engine read. A match only in the title or a heading shows the first
// sentence under it.

// Evidence length: a sentence shorter than shortSentence runes gets the
// next one too; evidence is cut at about maxEvidence runes.
const (
	shortSentence = 80
	maxEvidence   = 280
)

// evidence fills in s's Evidence, Heading, Anchor and Line for control c
// in document d.
func (ix *Index) evidence(d, c int, s *Suggestion) {
	dm := ix.docs[d]
	doc := &ix.input[d]
	q := ix.queries.q[dm.analyzer]
	w := ix.phraseWeight[dm.analyzer]
	best, bestWeight := int32(-1), float32(0)
	bestText, bestTextWeight := int32(-1), float32(0)
	for i := 0; i < len(dm.hits); {
		si := dm.hits[i].sentence
		var sum float32
		for ; i < len(dm.hits) && dm.hits[i].sentence == si; i++ {
			h := dm.hits[i]
			if q.phrases[h.phrase].control == c {
				sum += w[h.phrase] * h.strength * dm.sentences[si].place.boost()
			}
		}
		if sum > bestWeight {
			best, bestWeight = si, sum
		}
		if dm.sentences[si].place == inText && sum > bestTextWeight {
			bestText, bestTextWeight = si, sum
		}
	}
	// A sentence of text is shown unless a heading or the title matched
	// far better.
	if bestText >= 0 && (best < 0 || bestTextWeight*2 >= bestWeight) {
		best = bestText
	}
	if best < 0 {
		return
	}
	sen := dm.sentences[best]
	section := int(sen.section)
	start, end := int(sen.start), int(sen.end)
	if sen.place != inText {
		// The first sentence under the heading, or of the document.
		section, start, end = firstSentence(doc, max(section, 0))
		if section < 0 {
			if sen.place == inHeading {
				s.Heading, s.Anchor = doc.Sections[sen.section].Heading, doc.Sections[sen.section].Anchor
				s.Evidence = s.Heading
			} else {
				s.Evidence = doc.Title
			}
			return
		}
	}
	sec := &doc.Sections[section]
	s.Heading, s.Anchor = sec.Heading, sec.Anchor
	text := sec.Text[start:end]
	switch n := utf8.RuneCountInString(text); {
	case n < shortSentence:
		if ns, ne := nextSentence(sec.Text, end); ns >= 0 {
			text = sec.Text[start:ne]
		}
		s.Evidence = clip(collapse(text), maxEvidence)
	case n > maxEvidence:
		// A long sentence (a list or table without line breaks, say):
		// the stretch of it that matches best.
		fs, fe := ix.focus(text, dm.analyzer, c)
		s.Evidence = clip(collapse(text[fs:fe]), maxEvidence)
		if fs > 0 {
			s.Evidence = "… " + s.Evidence
		}
		if fe < len(text) && !strings.HasSuffix(s.Evidence, "…") {
			s.Evidence += " …"
		}
		start += fs
	default:
		s.Evidence = collapse(text)
	}
	if sec.Line > 0 {
		s.Line = sec.Line + strings.Count(sec.Text[:start], "\n")
	}
}

// focus returns the byte range of the stretch of text, at most
// maxEvidence runes and cut after a comma, semicolon, colon or line break,
// whose words weigh most for control c (its phrases' terms, each with its
// phrase's weight). The stretch begins with a piece that matches; of
// several that weigh the same, the first.
func (ix *Index) focus(text string, a analyzer, c int) (start, end int) {
	q := ix.queries.q[a]
	w := ix.phraseWeight[a]
	ta := search.NewTextAnalyzer(a.lang())
	// The pieces of text between cuts, with their runes and weights.
	type piece struct {
		start, end, runes int
		weight            float32
	}
	var pieces []piece
	from := 0
	for i := 0; i <= len(text); i++ {
		if i < len(text) && !(text[i] == '\n' || i+1 < len(text) && strings.IndexByte(",;:", text[i]) >= 0 && text[i+1] == ' ') {
			continue
		}
		p := piece{start: from, end: min(i+1, len(text))}
		p.runes = utf8.RuneCountInString(text[p.start:p.end])
		ta.Terms(text[p.start:p.end], func(term string) {
			for _, r := range q.refs(term) {
				if q.phrases[r.phrase].control == c {
					wt := w[r.phrase]
					if r.partial {
						wt *= partialStrength
					}
					p.weight += wt
				}
			}
		})
		pieces = append(pieces, p)
		from = p.end
	}
	// The heaviest run of pieces that fits, found with two pointers.
	var best, sum float32
	runes, j := 0, 0
	start, end = 0, min(len(text), pieces[0].end)
	for i := range pieces {
		for j < len(pieces) && (j == i || runes+pieces[j].runes <= maxEvidence) {
			runes += pieces[j].runes
			sum += pieces[j].weight
			j++
		}
		if sum > best && pieces[i].weight > 0 {
			best, start, end = sum, pieces[i].start, pieces[j-1].end
		}
		runes -= pieces[i].runes
		sum -= pieces[i].weight
	}
	for start < end && isSpace(text[start]) {
		start++
	}
	return start, end
}

// firstSentence returns the first sentence of text in the document from
// section from on: its section and byte range, or section -1 if there is
// none.
func firstSentence(doc *Document, from int) (section, start, end int) {
	for i := from; i < len(doc.Sections); i++ {
		found := false
		splitSentences(doc.Sections[i].Text, func(s, e int) {
			if !found {
				start, end, found = s, e, true
			}
		})
		if found {
			return i, start, end
		}
	}
	return -1, 0, 0
}

// nextSentence returns the byte range of the sentence of text that starts
// after offset, or -1, -1.
func nextSentence(text string, after int) (start, end int) {
	start, end = -1, -1
	splitSentences(text[after:], func(s, e int) {
		if start < 0 {
			start, end = after+s, after+e
		}
	})
	return start, end
}

// collapse turns runs of white space into one space.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// clip cuts s to at most n runes, at a word boundary when there is one,
// marking the cut with "…".
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut, lastSpace, runes := len(s), 0, 0
	for i, r := range s {
		if runes == n {
			cut = i
			break
		}
		if r == ' ' {
			lastSpace = i
		}
		runes++
	}
	if lastSpace > 0 {
		cut = lastSpace
	}
	return strings.TrimRight(s[:cut], " ,;:") + " …"
}
