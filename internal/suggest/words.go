package suggest

// Word segmentation without the general tokenizer. The search index's
// analyzers cut text into words with bleve's unicode tokenizer: the word
// segmentation of Unicode's UAX #29 (github.com/blevesearch/segment, a
// state machine over the whole of Unicode 8.0), keeping the segments that
// hold a letter or a digit. It is correct for every script and it was
// three quarters of the engine's time. An ISMS is written in English and
// Norwegian: nearly every sentence is ASCII and Latin-1 letters (æ, ø, å,
// é) with a few typographic marks (dashes, quotes). For such a sentence
// segmentWords (a title or a heading) and matcher.read (a section's text,
// cut into sentences in the same pass) apply the same rules directly; a
// sentence with any other character goes to the tokenizer.
// TestSegmentWordsIsTokenizer, TestFastPathIsTokenizer and their fuzz
// tests hold the two ways equal.
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
)

// wordClass is what a character is to word segmentation.
type wordClass uint8

const (
	wcLetter    wordClass = iota // a letter (UAX #29 ALetter)
	wcDigit                      // a digit (Numeric)
	wcJoin                       // '_' (ExtendNumLet): joins letters, digits and itself
	wcOther                      // no part of a word: space, punctuation, symbols
	wcMidLetter                  // joins two letters (MidLetter)
	wcMidNum                     // joins two digits (MidNum)
	wcMid                        // joins two letters or two digits (MidNumLet, Single_Quote)
	wcUnknown                    // not known to the fast path
	wcMultibyte                  // (in byteClasses) a byte of a character of several
)

// partOfWord reports whether c is a word character by itself.
func (c wordClass) partOfWord() bool { return c <= wcJoin }

// joins reports whether a character of class c between characters of
// classes before and after joins them into one word.
func (c wordClass) joins(before, after wordClass) bool {
	switch {
	case before == wcLetter && after == wcLetter:
		return c == wcMidLetter || c == wcMid
	case before == wcDigit && after == wcDigit:
		return c == wcMidNum || c == wcMid
	}
	return false
}

// The fast path's classes: every ASCII character, U+0080–U+00FF (Latin-1)
// and U+2000–U+2029 (dashes, quotes, bullets, leaders). U+00AD (soft
// hyphen, a Format character), U+200B–U+200F (zero-width characters) and
// everything not listed are wcUnknown.
var byteClasses, latin1Classes, punctClasses = wordClasses()

// wordClasses returns the classes of the bytes (U+0000–U+007F, and
// wcMultibyte for the rest), of U+0080–U+00FF and of U+2000–U+203F.
func wordClasses() (ascii [0x100]wordClass, latin1, punct [0x40 * 2]wordClass) {
	for c := range ascii {
		switch {
		case c >= 0x80:
			ascii[c] = wcMultibyte
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
			ascii[c] = wcLetter
		case '0' <= c && c <= '9':
			ascii[c] = wcDigit
		default:
			ascii[c] = wcOther
		}
	}
	ascii['_'] = wcJoin
	ascii[':'] = wcMidLetter
	ascii[','], ascii[';'] = wcMidNum, wcMidNum
	ascii['.'], ascii['\''] = wcMid, wcMid

	for r := range 0x40 {
		latin1[r] = wcOther // U+0080–U+00BF but for those below
	}
	for r := 0xC0; r <= 0xFF; r++ {
		latin1[r-0x80] = wcLetter // À–ÿ
	}
	latin1[0xD7-0x80] = wcOther // ×
	latin1[0xF7-0x80] = wcOther // ÷
	for _, r := range []int{0xAA, 0xB5, 0xBA} {
		latin1[r-0x80] = wcLetter // ª µ º
	}
	latin1[0xB7-0x80] = wcMidLetter // ·
	latin1[0xAD-0x80] = wcUnknown   // soft hyphen

	for r := range punct {
		punct[r] = wcUnknown
	}
	for r := 0x2000; r <= 0x200A; r++ {
		punct[r-0x2000] = wcOther // spaces
	}
	for r := 0x2010; r <= 0x2029; r++ {
		punct[r-0x2000] = wcOther // dashes, quotes, bullets, leaders, separators
	}
	punct[0x2018-0x2000] = wcMid       // ‘
	punct[0x2019-0x2000] = wcMid       // ’
	punct[0x2024-0x2000] = wcMid       // one dot leader
	punct[0x2027-0x2000] = wcMidLetter // hyphenation point
	return ascii, latin1, punct
}

// classAt returns the class of the character at s[i] and its length in
// bytes (1 for wcUnknown).
func classAt(s string, i int) (wordClass, int) {
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
	return wcUnknown, 1
}

// A word is a word of a sentence: its byte range, and its key and hash
// (wordKey), by which a vocabulary looks it up.
type word struct {
	start, end int32
	hash       uint32
	key        uint64
}

func newWord(text string, start, end int) word {
	key, h := wordKey(text, start, end)
	return word{start: int32(start), end: int32(end), hash: h, key: key}
}

// segmentWords appends the words of text to words, as search's
// TextAnalyzer.Words cuts them. It reports false, with words as they
// were, if text has a character the fast path does not know.
func segmentWords(text string, words []word) ([]word, bool) {
	n0 := len(words)
	for i := 0; i < len(text); {
		c, size := byteClasses[text[i]], 1
		if c == wcMultibyte {
			c, size = classAt(text, i)
		}
		if !c.partOfWord() {
			if c == wcUnknown {
				return words[:n0], false
			}
			i += size
			continue
		}
		end, ok := wordAt(text, i, size)
		if !ok {
			return words[:n0], false
		}
		words = append(words, newWord(text, i, end))
		i = end
	}
	return words, true
}

// wordAt returns the end of the word of text that begins at i with a
// word character of size bytes, or false if a character the fast path
// does not know decides it.
func wordAt(text string, i, size int) (int, bool) {
	end := asciiWordRun(text, i+size)
	if end < len(text) && byteClasses[text[end]] != wcOther {
		return wordEnd(text, end)
	}
	return end, true
}

// asciiWordRun returns the end of the run of ASCII letters, digits and
// '_' of text from i. It reads eight bytes at a time while they are
// letters.
func asciiWordRun(text string, i int) int {
	for i+8 <= len(text) {
		if m := notLetters(load64(text[i:])); m != 0 {
			i += bits.TrailingZeros64(m) >> 3
			break
		}
		i += 8
	}
	for i < len(text) && byteClasses[text[i]].partOfWord() {
		i++
	}
	return i
}

// notLetters returns x, eight bytes, with the high bit of each byte that
// is no ASCII letter set, and maybe of some bytes after such a byte (which
// the caller does not look at).
func notLetters(x uint64) uint64 {
	const (
		ones = 0x0101010101010101
		high = 0x8080808080808080
	)
	y := x | 0x2020202020202020 // A–Z to a–z; a byte below 0x80 stays below
	atLeastA := y + (0x80-'a')*ones
	aboveZ := y + (0x80-'z'-1)*ones
	return (^(atLeastA &^ aboveZ) | x) & high
}

// wordEnd returns the end of the word of text that goes on at i (the
// character before i is a word character), or false if a character the
// fast path does not know decides it.
func wordEnd(text string, i int) (int, bool) {
	for {
		for i < len(text) && byteClasses[text[i]].partOfWord() {
			i++
		}
		if i == len(text) {
			return i, true
		}
		c, size := byteClasses[text[i]], 1
		if c == wcMultibyte {
			c, size = classAt(text, i)
		}
		if c.partOfWord() {
			i += size
			continue
		}
		if c == wcUnknown {
			return i, false
		}
		if c == wcOther || i+size == len(text) {
			return i, true
		}
		after, asize := classAt(text, i+size)
		if after == wcUnknown {
			return i, false
		}
		// The character before: the only word characters of several
		// bytes the fast path knows are letters.
		prev := wcLetter
		if text[i-1] < utf8.RuneSelf {
			prev = byteClasses[text[i-1]]
		}
		if !c.joins(prev, after) {
			return i, true
		}
		i += size + asize
	}
}

// wordKey returns the key and the hash of the word text[start:end]. The
// key of a word of up to seven bytes is the word: its bytes, and its
// length in the top byte. The key of a longer one is its first seven
// bytes with 0xFF on top, and the vocabulary compares the words. The hash
// mixes the key with the last eight bytes and the length; it only picks a
// vocabulary's slot.
func wordKey(text string, start, end int) (key uint64, hash uint32) {
	n := end - start
	switch {
	case n >= 8:
		key = load64(text[start:])&(1<<56-1) | 0xFF<<56
		x := load64(text[start:]) ^ bits.RotateLeft64(load64(text[end-8:]), 29) ^ uint64(n)*0x9E3779B97F4A7C15
		return key, mix(x)
	case start+8 <= len(text):
		key = load64(text[start:]) & (1<<(8*n) - 1)
	default:
		for i := end - 1; i >= start; i-- {
			key = key<<8 | uint64(text[i])
		}
	}
	key |= uint64(n) << 56
	return key, mix(key)
}

func mix(x uint64) uint32 {
	x ^= x >> 29
	x *= 0xBF58476D1CE4E5B9
	return uint32(x >> 32)
}

func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}
