// Decoding of the numbers and binary data in the index files, and the
// order of terms.
//
// Numbers are written as base-46 digit strings: every digit but the last
// from the upper half of a 92-character alphabet; binary data as 13 bits
// per two characters of the same alphabet (see search/encode.go).

import { BINARY_BITS, DIGIT_ALPHABET, DIGIT_BASE as BASE } from "./format";

const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < DIGIT_ALPHABET.length; i++) DIGIT[DIGIT_ALPHABET.charCodeAt(i)] = i;
const RADIX = DIGIT_ALPHABET.length;

/** A cursor over a string of encoded numbers. */
export class Digits {
  private pos = 0;
  constructor(private readonly s: string) {}

  /** next decodes the next number. */
  next(): number {
    let v = 0;
    for (;;) {
      const d = DIGIT[this.s.charCodeAt(this.pos++) & 127]!;
      if (d < 0) throw new Error("search: corrupt index data");
      if (d < BASE) return v * BASE + d;
      v = v * BASE + (d - BASE);
    }
  }

  done(): boolean {
    return this.pos >= this.s.length;
  }
}

/** decodeBinary decodes size bytes of binary data. */
export function decodeBinary(s: string, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let acc = 0;
  let bits = 0;
  let n = 0;
  for (let i = 0; i + 1 < s.length && n < size; i += 2) {
    const lo = DIGIT[s.charCodeAt(i) & 127]!;
    const hi = DIGIT[s.charCodeAt(i + 1) & 127]!;
    if (lo < 0 || hi < 0) throw new Error("search: corrupt index data");
    acc |= (hi * RADIX + lo) << bits;
    bits += BINARY_BITS;
    while (bits >= 8 && n < size) {
      out[n++] = acc & 255;
      acc >>>= 8;
      bits -= 8;
    }
  }
  if (n < size) throw new Error("search: corrupt index data");
  return out;
}

/** decodeAll decodes every number of s. */
export function decodeAll(s: string): number[] {
  const d = new Digits(s);
  const out: number[] = [];
  while (!d.done()) out.push(d.next());
  return out;
}

// Terms sort by code point, as Go sorts strings; JavaScript compares UTF-16
// code units, which differs for characters above U+FFFF.
function unit(c: number): number {
  if (c < 0xd800) return c;
  return c >= 0xe000 ? c - 0x800 : c + 0x2000;
}

/** compareTerms orders strings by code point. */
export function compareTerms(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return unit(x) - unit(y);
  }
  return a.length - b.length;
}

/** lastAtMost returns the index of the last element of sorted that is ≤ key, or -1. */
export function lastAtMost(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareTerms(sorted[mid]!, key) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
