package markdown

import "strings"

// TextRefs splits text that may hold [[…]] references — a justification in
// soa.yaml, read as text, not Markdown — into its plain runs and its
// references, in order: text is called for each run of plain text and ref
// for each reference with its target and own link text. A reference is
// read by the same parser as in a body (ParseReference), so "[[" that does
// not start one stays text.
func TextRefs(s string, text func(string), ref func(target, own string)) {
	var plain strings.Builder
	for {
		i := strings.Index(s, "[[")
		if i < 0 {
			plain.WriteString(s)
			break
		}
		target, own, n, ok := ParseReference([]byte(s[i:]))
		if !ok {
			plain.WriteString(s[:i+1])
			s = s[i+1:]
			continue
		}
		plain.WriteString(s[:i])
		if plain.Len() > 0 {
			text(plain.String())
			plain.Reset()
		}
		ref(target, own)
		s = s[i+n:]
	}
	if plain.Len() > 0 {
		text(plain.String())
	}
}
