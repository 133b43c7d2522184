package suggest

// Word segmentation for the matcher. The words are those of the search
// index's tokenizer, cut by internal/words (whose comment gives the rules)
// for text it knows; here they also get the key and hash the matcher's
// vocabulary looks them up by. segmentWords (a title or a heading) and
// matcher.read (a section's text, cut into sentences in the same pass)
// send a sentence with a character the fast path does not know to the
// tokenizer. TestSegmentWordsIsTokenizer, TestFastPathIsTokenizer and
// their fuzz tests hold the two ways equal.

import (
	"math/bits"

	wordseg "github.com/isms-project/isms/internal/words"
)

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
		c, size := wordseg.ByteClass(text[i]), 1
		if c == wordseg.Multibyte {
			c, size = wordseg.ClassAt(text, i)
		}
		if !c.PartOfWord() {
			if c == wordseg.Unknown {
				return words[:n0], false
			}
			i += size
			continue
		}
		end, ok := wordseg.WordAt(text, i, size)
		if !ok {
			return words[:n0], false
		}
		words = append(words, newWord(text, i, end))
		i = end
	}
	return words, true
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
		key = wordseg.Load64(text[start:])&(1<<56-1) | 0xFF<<56
		x := wordseg.Load64(text[start:]) ^ bits.RotateLeft64(wordseg.Load64(text[end-8:]), 29) ^ uint64(n)*0x9E3779B97F4A7C15
		return key, mix(x)
	case start+8 <= len(text):
		key = wordseg.Load64(text[start:]) & (1<<(8*n) - 1)
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
