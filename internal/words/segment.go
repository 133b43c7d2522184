package words

// Word segmentation as bleve's unicode tokenizer does it, fast for the
// text of an ISMS. The search index cuts text into words with bleve's
// unicode tokenizer: the word segmentation of Unicode's UAX #29
// (github.com/blevesearch/segment, a state machine over the whole of
// Unicode 8.0), keeping the segments that hold a letter or a digit. It is
// correct for every script, and it was a third of the search index's
// analysis and three quarters of the suggestion engine's time. An ISMS is
// written in English and Norwegian: nearly all of it is ASCII and Latin-1
// letters (æ, ø, å, é) with a few typographic marks (dashes, quotes). For
// those characters this file applies the same rules directly; text with
// any other character goes to the segmenter (Cut does that for a stretch
// of text between two spaces, the suggestion engine for a sentence).
// TestCutIsTokenizer and FuzzCut hold Cut equal to bleve's tokenizer.
//
// The rules, for the characters the fast path knows (UAX #29 WB5–WB13b as
// the segment package implements them, which also joins runs of '_'):
//
//   - letters, digits and '_' join whatever of them they touch: "ISO27001",
//     "e_post", "8a";
//   - ':' and '·' join two letters ("a:b"); ',' and ';' join two digits
//     ("1,5"); '.', the apostrophe and the typographic single quotes join
//     two letters or two digits ("e.g", "don't", "8.28");
//   - everything else (space, other punctuation, symbols) is no part of a
//     word.
//
// A word is the longest run those rules join.

import (
	"math/bits"
	"unicode/utf8"

	"github.com/blevesearch/segment"
)

// Class is what a character is to word segmentation.
type Class uint8

const (
	Letter    Class = iota // a letter (UAX #29 ALetter)
	Digit                  // a digit (Numeric)
	Join                   // '_' (ExtendNumLet): joins letters, digits and itself
	Other                  // no part of a word: space, punctuation, symbols
	MidLetter              // joins two letters (MidLetter)
	MidNum                 // joins two digits (MidNum)
	Mid                    // joins two letters or two digits (MidNumLet, Single_Quote)
	Unknown                // not known to the fast path
	Multibyte              // (of ByteClass) a byte of a character of several
)

// PartOfWord reports whether c is a word character by itself.
func (c Class) PartOfWord() bool { return c <= Join }

// joins reports whether a character of class c between characters of
// classes before and after joins them into one word.
func (c Class) joins(before, after Class) bool {
	switch {
	case before == Letter && after == Letter:
		return c == MidLetter || c == Mid
	case before == Digit && after == Digit:
		return c == MidNum || c == Mid
	}
	return false
}

// The fast path's classes: every ASCII character, U+0080–U+00FF (Latin-1)
// and U+2000–U+2029 (dashes, quotes, bullets, leaders). U+00AD (soft
// hyphen, a Format character), U+200B–U+200F (zero-width characters) and
// everything not listed are Unknown.
var byteClasses, latin1Classes, punctClasses = classTables()

// classTables returns the classes of the bytes (U+0000–U+007F, and
// Multibyte for the rest), of U+0080–U+00FF and of U+2000–U+203F.
func classTables() (ascii [0x100]Class, latin1, punct [0x40 * 2]Class) {
	for c := range ascii {
		switch {
		case c >= 0x80:
			ascii[c] = Multibyte
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
			ascii[c] = Letter
		case '0' <= c && c <= '9':
			ascii[c] = Digit
		default:
			ascii[c] = Other
		}
	}
	ascii['_'] = Join
	ascii[':'] = MidLetter
	ascii[','], ascii[';'] = MidNum, MidNum
	ascii['.'], ascii['\''] = Mid, Mid

	for r := range 0x40 {
		latin1[r] = Other // U+0080–U+00BF but for those below
	}
	for r := 0xC0; r <= 0xFF; r++ {
		latin1[r-0x80] = Letter // À–ÿ
	}
	latin1[0xD7-0x80] = Other // ×
	latin1[0xF7-0x80] = Other // ÷
	for _, r := range []int{0xAA, 0xB5, 0xBA} {
		latin1[r-0x80] = Letter // ª µ º
	}
	latin1[0xB7-0x80] = MidLetter // ·
	latin1[0xAD-0x80] = Unknown   // soft hyphen

	for r := range punct {
		punct[r] = Unknown
	}
	for r := 0x2000; r <= 0x200A; r++ {
		punct[r-0x2000] = Other // spaces
	}
	for r := 0x2010; r <= 0x2029; r++ {
		punct[r-0x2000] = Other // dashes, quotes, bullets, leaders, separators
	}
	punct[0x2018-0x2000] = Mid       // ‘
	punct[0x2019-0x2000] = Mid       // ’
	punct[0x2024-0x2000] = Mid       // one dot leader
	punct[0x2027-0x2000] = MidLetter // hyphenation point
	return ascii, latin1, punct
}

// ClassAt returns the class of the character at s[i] and its length in
// bytes (1 for Unknown).
func ClassAt(s string, i int) (Class, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return byteClasses[c], 1
	}
	switch {
	case (c == 0xC2 || c == 0xC3) && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
		return latin1Classes[(c&1)<<6|s[i+1]&0x3F], 2
	case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2]&0xC0 == 0x80:
		return punctClasses[s[i+2]&0x3F], 3
	}
	return Unknown, 1
}

// WordAt returns the end of the word of text that begins at i with a
// word character of size bytes, or false if a character the fast path
// does not know decides it.
func WordAt(text string, i, size int) (int, bool) {
	end := ASCIIWordRun(text, i+size)
	if end < len(text) && byteClasses[text[end]] != Other {
		return WordEnd(text, end)
	}
	return end, true
}

// ASCIIWordRun returns the end of the run of ASCII letters, digits and
// '_' of text from i. It reads eight bytes at a time while they are
// letters.
func ASCIIWordRun(text string, i int) int {
	for i+8 <= len(text) {
		if m := NotLetters(Load64(text[i:])); m != 0 {
			i += bits.TrailingZeros64(m) >> 3
			break
		}
		i += 8
	}
	for i < len(text) && byteClasses[text[i]].PartOfWord() {
		i++
	}
	return i
}

// NotLetters returns x, eight bytes, with the high bit of each byte that
// is no ASCII letter set, and maybe of some bytes after such a byte (which
// the caller does not look at).
func NotLetters(x uint64) uint64 {
	const (
		ones = 0x0101010101010101
		high = 0x8080808080808080
	)
	y := x | 0x2020202020202020 // A–Z to a–z; a byte below 0x80 stays below
	atLeastA := y + (0x80-'a')*ones
	aboveZ := y + (0x80-'z'-1)*ones
	return (^(atLeastA &^ aboveZ) | x) & high
}

// WordEnd returns the end of the word of text that goes on at i (the
// character before i is a word character), or false if a character the
// fast path does not know decides it.
func WordEnd(text string, i int) (int, bool) {
	for {
		for i < len(text) && byteClasses[text[i]].PartOfWord() {
			i++
		}
		if i == len(text) {
			return i, true
		}
		c, size := byteClasses[text[i]], 1
		if c == Multibyte {
			c, size = ClassAt(text, i)
		}
		if c.PartOfWord() {
			i += size
			continue
		}
		if c == Unknown {
			return i, false
		}
		if c == Other || i+size == len(text) {
			return i, true
		}
		after, asize := ClassAt(text, i+size)
		if after == Unknown {
			return i, false
		}
		// The character before: the only word characters of several
		// bytes the fast path knows are letters.
		prev := Letter
		if text[i-1] < utf8.RuneSelf {
			prev = byteClasses[text[i-1]]
		}
		if !c.joins(prev, after) {
			return i, true
		}
		i += size + asize
	}
}

func Load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// ByteClass is the class of the byte b: of the character b below
// utf8.RuneSelf, Multibyte for the bytes of longer characters (see
// ClassAt).
func ByteClass(b byte) Class { return byteClasses[b] }

// A Scratch holds the buffers Cut needs for text the fast path does not
// know; one may be reused by one goroutine at a time.
type Scratch struct {
	text  []byte
	vals  [][]byte
	types []int
}

// Cut calls fn with the byte range of each word of text, in order: the
// tokens bleve's unicode tokenizer cuts text into (the segments of
// github.com/blevesearch/segment that hold a letter or a digit). Text the
// fast path knows it cuts itself; a stretch with another character, to
// the spaces around it, it gives to the segmenter. text must be valid
// UTF-8.
func Cut(text string, s *Scratch, fn func(start, end int)) {
	done := 0 // the end of the last word given, or of the last stretch
	for i := 0; i < len(text); {
		c, size := byteClasses[text[i]], 1
		if c == Multibyte {
			c, size = ClassAt(text, i)
		}
		if c == Other || c == MidLetter || c == MidNum || c == Mid {
			i += size
			continue
		}
		if c != Unknown {
			if end, ok := WordAt(text, i, size); ok {
				fn(i, end)
				i, done = end, end
				continue
			}
		}
		// A character the fast path does not know decides what is
		// around it: the segmenter cuts the stretch around it.
		from, to := stretch(text, done, i)
		s.segment(text, from, to, fn)
		i, done = to, to
	}
}

// stretch returns the stretch of text around i that Cut gives to the
// segmenter: from the last space before i whose next character is ASCII,
// but not before done, to the first such space after i (or the ends of
// text). Such a space is a word boundary whatever is around it: UAX #29
// breaks on both sides of a space, and an ASCII character cannot attach
// to the character before it as a combining mark or a format character
// does. So is done, the end of the word Cut gave last: the fast path gave
// it only when the characters after it decided it, and they are
// characters it knows, none of which joins what is after it to what is
// before. Cutting the text at such places and segmenting the pieces apart
// gives the segments of the whole.
func stretch(text string, done, i int) (from, to int) {
	from = i
	for from > done && !(text[from-1] == ' ' && text[from] < utf8.RuneSelf) {
		from--
	}
	to = i + 1
	for to < len(text) && !(text[to-1] == ' ' && text[to] < utf8.RuneSelf) {
		to++
	}
	return from, to
}

// segment gives text[from:to] to the segmenter and calls fn with the
// range in text of each segment that holds a letter or a digit.
func (s *Scratch) segment(text string, from, to int, fn func(start, end int)) {
	s.text = append(s.text[:0], text[from:to]...)
	vals, types, _, err := segment.SegmentWordsDirect(s.text, s.vals[:0], s.types[:0])
	s.vals, s.types = vals, types
	if err != nil {
		// The segmenter stops at what it cannot read; bleve's tokenizer
		// keeps what it cut before, as this does.
		vals = vals[:min(len(vals), len(types))]
	}
	at := from
	for k, v := range vals {
		if types[k] != segment.None {
			fn(at, at+len(v))
		}
		at += len(v)
	}
}
