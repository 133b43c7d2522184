// Word boundaries (Unicode UAX #29) for text in ASCII, Latin-1 and common
// typographic punctuation — what Norwegian and English ISMS text is made of
// — written out, because Intl.Segmenter takes some 4 ms for a document of
// 8 KB and a keystroke may show six new ones. It is exact for that
// alphabet (TestTokenizerAlphabet compares it with bleve's tokenizer on
// random text over every character of it); analysis.ts hands any other
// text to Intl.Segmenter.
//
// The rules, between two characters, after soft hyphens (Format) are
// attached to the character before them (WB4): no break within a run of
// letters (WB5), of digits (WB8), between letters and digits (WB9, WB10),
// around an apostrophe, period, colon or middle dot between letters (WB6,
// WB7), around an apostrophe, period, comma or semicolon between digits
// (WB11, WB12), next to an underscore joined to a letter, digit or
// underscore (WB13a, WB13b); a break everywhere else. The segments with a
// letter, a digit or an underscore are the words.

/** The alphabet words.ts handles exactly. */
export const LATIN = /^[\t\n\v\f\r\x20-\x7e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2026]*$/;

const OTHER = 0, LETTER = 1, DIGIT = 2, MID_LETTER = 3, MID_NUM = 4, MID_NUM_LET = 5, QUOTE = 6;
const CONNECT = 7, FORMAT = 8, NEWLINE = 9, CR = 10, LF = 11;

function classOf(c: number): number {
  if (c < 0x80) {
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) return LETTER;
    if (c >= 0x30 && c <= 0x39) return DIGIT;
    switch (c) {
      case 0x2e: return MID_NUM_LET; // .
      case 0x3a: return MID_LETTER; // :
      case 0x2c: case 0x3b: return MID_NUM; // , ;
      case 0x27: return QUOTE; // '
      case 0x5f: return CONNECT; // _
      case 0x0a: return LF;
      case 0x0d: return CR;
      case 0x0b: case 0x0c: return NEWLINE;
    }
    return OTHER;
  }
  if (c <= 0xff) {
    if ((c >= 0xc0 && c !== 0xd7 && c !== 0xf7) || c === 0xaa || c === 0xb5 || c === 0xba) return LETTER;
    if (c === 0xb7) return MID_LETTER; // middle dot
    if (c === 0xad) return FORMAT; // soft hyphen
    return OTHER;
  }
  if (c === 0x2018 || c === 0x2019) return MID_NUM_LET;
  return OTHER;
}

// Outside the alphabet, for browsers without Intl.Segmenter, an
// approximation from general categories.
const LETTERISH = /[\p{Alphabetic}]/u;
const DIGITISH = /\p{Nd}/u;
const MARKISH = /[\p{Mn}\p{Me}\p{Cf}]/u;
const CONNECTISH = /\p{Pc}/u;

function approximateClassOf(ch: string): number {
  if (LETTERISH.test(ch)) return LETTER;
  if (DIGITISH.test(ch)) return DIGIT;
  if (MARKISH.test(ch)) return FORMAT;
  if (CONNECTISH.test(ch)) return CONNECT;
  return OTHER;
}

function isWordClass(k: number): boolean {
  return k === LETTER || k === DIGIT || k === CONNECT;
}

function joinsLetters(k: number): boolean {
  return k === MID_LETTER || k === MID_NUM_LET || k === QUOTE;
}

function joinsDigits(k: number): boolean {
  return k === MID_NUM || k === MID_NUM_LET || k === QUOTE;
}

function isBreak(cls: Uint8Array, m: number, j: number): boolean {
  const a = cls[j - 1]!;
  const b = cls[j]!;
  const before = j >= 2 ? cls[j - 2]! : OTHER;
  const after = j + 1 < m ? cls[j + 1]! : OTHER;
  if (a === CR && b === LF) return false;
  if (a >= NEWLINE || b >= NEWLINE) return true;
  if (a === LETTER && b === LETTER) return false;
  if (a === LETTER && joinsLetters(b) && after === LETTER) return false;
  if (before === LETTER && joinsLetters(a) && b === LETTER) return false;
  if ((a === LETTER || a === DIGIT) && (b === LETTER || b === DIGIT)) return false;
  if (a === DIGIT && joinsDigits(b) && after === DIGIT) return false;
  if (before === DIGIT && joinsDigits(a) && b === DIGIT) return false;
  if (b === CONNECT && (a === LETTER || a === DIGIT || a === CONNECT)) return false;
  if (a === CONNECT && (b === LETTER || b === DIGIT)) return false;
  return true;
}

export interface Span {
  start: number;
  end: number;
}

/**
 * latinWords returns the words of a text in the LATIN alphabet; of any
 * other text, approximately.
 */
export function latinWords(text: string): Span[] {
  const n = text.length;
  const cls = new Uint8Array(n);
  const pos = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    let k: number;
    if (c <= 0xff || c === 0x2018 || c === 0x2019) {
      k = classOf(c);
    } else {
      const ch = String.fromCodePoint(text.codePointAt(i)!);
      k = approximateClassOf(ch);
      if (ch.length === 2) {
        // The low surrogate belongs to the character.
        cls[m] = k;
        pos[m] = i;
        m++;
        i++;
        continue;
      }
    }
    if (k === FORMAT && m > 0 && cls[m - 1]! < NEWLINE) continue; // WB4
    cls[m] = k;
    pos[m] = i;
    m++;
  }
  const out: Span[] = [];
  let start = 0;
  let word = m > 0 && isWordClass(cls[0]!);
  for (let j = 1; j <= m; j++) {
    if (j < m && !isBreak(cls, m, j)) {
      if (isWordClass(cls[j]!)) word = true;
      continue;
    }
    if (word) out.push({ start: pos[start]!, end: j < m ? pos[j]! : n });
    start = j;
    word = j < m && isWordClass(cls[j]!);
  }
  return out;
}
