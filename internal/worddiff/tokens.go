package worddiff

import (
	"unicode"
	"unicode/utf8"
)

// tokenKind classifies a token for the clean-up and the word counts.
type tokenKind uint8

const (
	wordToken    tokenKind = iota // letters and digits, with joiners inside: e-post, ISO/IEC, 5.15, 1,5
	spaceToken                    // a run of spaces and tabs
	newlineToken                  // one line break ("\n" or "\r\n")
	punctToken                    // a run of one repeated punctuation or symbol character: "," "**" "---"
)

// tokenize splits s into tokens that are substrings of s and together
// spell s exactly.
func tokenize(s string) []string {
	toks := make([]string, 0, len(s)/3+1)
	for i := 0; i < len(s); {
		n := tokenLen(s[i:])
		toks = append(toks, s[i:i+n])
		i += n
	}
	return toks
}

// tokenLen returns the length in bytes of the token that starts s (len(s) > 0).
func tokenLen(s string) int {
	switch c := s[0]; {
	case c == '\n':
		return 1
	case c == '\r':
		if len(s) > 1 && s[1] == '\n' {
			return 2
		}
		return 1
	case c == ' ' || c == '\t':
		n := 1
		for n < len(s) && (s[n] == ' ' || s[n] == '\t') {
			n++
		}
		return n
	}
	r, size := utf8.DecodeRuneInString(s)
	if isWordRune(r) {
		return wordLen(s)
	}
	if r == utf8.RuneError && size <= 1 {
		return 1 // a stray byte is a token of its own
	}
	if unicode.IsSpace(r) { // other spaces (no-break space…) stand alone
		return size
	}
	n := size
	for n < len(s) {
		r2, size2 := utf8.DecodeRuneInString(s[n:])
		if r2 != r {
			break
		}
		n += size2
	}
	return n
}

// wordLen returns the length of the word that starts s: word runes, and
// joiners that have a word rune on both sides.
func wordLen(s string) int {
	n := 0
	var prev rune
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		if isWordRune(r) {
			n += size
			prev = r
			continue
		}
		if n+size >= len(s) {
			break
		}
		next, _ := utf8.DecodeRuneInString(s[n+size:])
		if !joins(prev, r, next) {
			break
		}
		n += size
		prev = r
	}
	return n
}

// isWordRune reports whether r is part of a word.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_'
}

// joins reports whether the joiner j keeps the characters before and
// after it in one word: "e-post", "ISO/IEC", "og/eller", "f.eks",
// "A.5.15", "don't", and between digits "1,5", "27001:2022", "08:00".
func joins(before, j, after rune) bool {
	if !isWordRune(before) || !isWordRune(after) {
		return false
	}
	switch j {
	case '-', '/', '.', '\'', '’', '‐':
		return true
	case ',', ':':
		return unicode.IsDigit(before) && unicode.IsDigit(after)
	}
	return false
}

// kindOf classifies a token produced by tokenize.
func kindOf(tok string) tokenKind {
	switch c := tok[0]; {
	case c == '\n' || c == '\r':
		return newlineToken
	case c == ' ' || c == '\t':
		return spaceToken
	}
	r, _ := utf8.DecodeRuneInString(tok)
	switch {
	case isWordRune(r):
		return wordToken
	case unicode.IsSpace(r):
		return spaceToken
	}
	return punctToken
}
