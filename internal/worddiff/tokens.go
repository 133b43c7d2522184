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
	return appendTokens(make([]string, 0, len(s)/3+1), s)
}

// appendTokens appends the tokens of s to toks.
func appendTokens(toks []string, s string) []string {
	for i := 0; i < len(s); {
		n := tokenLen(s[i:])
		toks = append(toks, s[i:i+n])
		i += n
	}
	return toks
}

// tokenLen returns the length in bytes of the token that starts s (len(s) > 0).
func tokenLen(s string) int {
	c := s[0]
	switch {
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
	case c < utf8.RuneSelf:
		// ASCII, most of any text: no decoding, no tables.
		if asciiWord[c] {
			return wordLen(s)
		}
		if asciiSpace(c) {
			return 1
		}
		n := 1
		for n < len(s) && s[n] == c {
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
		r, size := rune(s[n]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[n:])
		}
		if isWordRune(r) {
			n += size
			prev = r
			continue
		}
		if n+size >= len(s) {
			break
		}
		next := rune(s[n+size])
		if next >= utf8.RuneSelf {
			next, _ = utf8.DecodeRuneInString(s[n+size:])
		}
		if !joins(prev, r, next) {
			break
		}
		n += size
		prev = r
	}
	return n
}

// asciiWord says which ASCII characters are word runes: letters, digits
// and '_'.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range utf8.RuneSelf {
		t[c] = c == '_' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')
	}
	return t
}()

// asciiSpace reports whether an ASCII character is white space other
// than the space, tab and line breaks tokenLen handles first: vertical tab
// and form feed, as unicode.IsSpace says.
func asciiSpace(c byte) bool {
	return c == '\v' || c == '\f'
}

// isWordRune reports whether r is part of a word.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// joins reports whether the joiner j keeps the characters before and
// after it in one word: "e-post", "ISO/IEC", "og/eller", "f.eks",
// "A.5.15", "don't", and between digits "1,5", "27001:2022", "08:00".
func joins(before, j, after rune) bool {
	switch j {
	case '-', '/', '.', '\'', '’', '‐':
		return isWordRune(before) && isWordRune(after)
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
	if c := tok[0]; c < utf8.RuneSelf {
		switch {
		case asciiWord[c]:
			return wordToken
		case asciiSpace(c):
			return spaceToken
		}
		return punctToken
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
