package search

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Numbers in the index files (postings, frequencies, lengths) are written
// as variable-length digit strings inside JavaScript string literals: a
// number is its base-46 digits, most significant first, every digit but the
// last taken from the "more follows" half of a 92-character alphabet of
// printable ASCII without '"' and '\'. Numbers below 46 take one character,
// below 2116 two. The client decodes them with a 128-entry table.

const digitBase = 46

// digitAlphabet lists the 92 digit characters: the first 46 end a number,
// the last 46 continue it.
const digitAlphabet = "!#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~"

// appendNum appends the digit string of v.
func appendNum(dst []byte, v uint64) []byte {
	var tmp [16]byte
	i := len(tmp) - 1
	tmp[i] = digitAlphabet[v%digitBase]
	v /= digitBase
	for v > 0 {
		i--
		tmp[i] = digitAlphabet[digitBase+v%digitBase]
		v /= digitBase
	}
	return append(dst, tmp[i:]...)
}

// appendUint appends v in decimal.
func appendUint(dst []byte, v uint64) []byte {
	return strconv.AppendUint(dst, v, 10)
}

// appendJSString appends s as a double-quoted JavaScript string literal
// (also valid JSON). Invalid UTF-8 becomes U+FFFD; control characters and
// the line and paragraph separators are escaped; everything else is written
// as is, so the files stay small for Norwegian text.
func appendJSString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\t':
				dst = append(dst, '\\', 't')
			case '\r':
				dst = append(dst, '\\', 'r')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, "\uFFFD"...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// Binary data (a document shard's compressed text) is written in the same
// 92 characters: every 13 bits, least significant first, as two
// characters, v%92 then v/92 (92² ≥ 2¹³), so that a byte takes 1.23
// characters where base64 takes 1.33. The last group is padded with zero
// bits; the reader knows the number of bytes.
const binaryBits = 13

// appendBinary appends data in the binary alphabet.
func appendBinary(dst []byte, data []byte) []byte {
	var acc uint32
	n := 0
	for _, c := range data {
		acc |= uint32(c) << n
		n += 8
		for n >= binaryBits {
			v := acc & (1<<binaryBits - 1)
			dst = append(dst, digitAlphabet[v%92], digitAlphabet[v/92])
			acc >>= binaryBits
			n -= binaryBits
		}
	}
	if n > 0 {
		dst = append(dst, digitAlphabet[acc%92], digitAlphabet[acc/92])
	}
	return dst
}

// decodeBinary reverses appendBinary (for tests).
func decodeBinary(s string, size int) ([]byte, bool) {
	var acc uint32
	n := 0
	out := make([]byte, 0, size)
	for i := 0; i+1 < len(s) && len(out) < size; i += 2 {
		lo, hi := strings.IndexByte(digitAlphabet, s[i]), strings.IndexByte(digitAlphabet, s[i+1])
		if lo < 0 || hi < 0 || lo >= 92 || hi*92+lo >= 1<<binaryBits {
			return nil, false
		}
		acc |= uint32(hi*92+lo) << n
		n += binaryBits
		for n >= 8 && len(out) < size {
			out = append(out, byte(acc))
			acc >>= 8
			n -= 8
		}
	}
	return out, len(out) == size
}
