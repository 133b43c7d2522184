// Text analysis: bleve's "no" and "en" analyzers, token for token.
//
//   no: unicode tokenizer → lowercase → Norwegian stop words → Snowball Norwegian
//   en: unicode tokenizer → possessive ('s) → lowercase → English stop words → Porter
//
// The unicode tokenizer (Unicode word boundaries, UAX #29) is words.ts for
// text in Latin letters, digits and common punctuation, and otherwise the
// browser's Intl.Segmenter, whose segments are bleve's tokens for the
// scripts these sites are written in (it differs for Chinese, Japanese and
// Thai, which ICU segments with dictionaries).

import { stemNorwegian } from "./norwegian";
import { LATIN, latinWords } from "./words";
import { stemPorter } from "./porter";
import { STOP_WORDS } from "./stopwords";

export type AnalyzerName = "no" | "en";

/** A token: a word of a text and where it is. */
export interface Token {
  text: string;
  start: number;
  end: number;
}

let segmenter: Intl.Segmenter | undefined;

// A segment is a word when it has a letter, a decimal digit or a connector
// (UAX #29's ALetter, Numeric, ExtendNumLet): so bleve keeps it. ICU's
// isWordLike says no for a lone "_" and for a word that ends in "_" and a
// format character.
const WORDISH = /[\p{Alphabetic}\p{Nd}\p{Pc}]/u;

/** tokenize splits text into words, as bleve's unicode tokenizer does. */
export function tokenize(text: string): Token[] {
  if (LATIN.test(text) || typeof Intl.Segmenter !== "function") {
    return latinWords(text).map((w) => ({ text: text.slice(w.start, w.end), start: w.start, end: w.end }));
  }
  return segment(text);
}

/** segment splits text into words with Intl.Segmenter. */
export function segment(text: string): Token[] {
  segmenter ??= new Intl.Segmenter("en", { granularity: "word" });
  const out: Token[] = [];
  for (const s of segmenter.segment(text)) {
    if (s.isWordLike || WORDISH.test(s.segment)) {
      out.push({ text: s.segment, start: s.index, end: s.index + s.segment.length });
    }
  }
  return out;
}

const ASCII = /^[\x00-\x7f]*$/;

/** lowercase maps every code point to its simple lowercase, as Go's unicode.ToLower. */
export function lowercase(s: string): string {
  if (ASCII.test(s)) return s.toLowerCase();
  const cps = Array.from(s);
  let out = "";
  for (const ch of cps) {
    const low = ch.toLowerCase();
    // Only U+0130 lowercases to two code points in JavaScript; Go maps it to "i".
    out += Array.from(low).length === 1 ? low : ch === "\u0130" ? "i" : ch;
  }
  // bleve writes a word-final capital sigma as final sigma.
  if (cps[cps.length - 1] === "\u03a3") out = out.slice(0, -1) + "\u03c2";
  return out;
}

const APOSTROPHES = "'\u2019\uff07";

/** possessive removes an English 's (with any of three apostrophes). */
function possessive(s: string): string {
  const n = s.length;
  if (n >= 2 && (s[n - 1] === "s" || s[n - 1] === "S") && APOSTROPHES.includes(s[n - 2]!)) {
    return s.slice(0, n - 2);
  }
  return s;
}

const stopSets = new Map<AnalyzerName, Set<string>>();

function stopWords(a: AnalyzerName): Set<string> {
  let set = stopSets.get(a);
  if (!set) {
    set = new Set(STOP_WORDS[a].split(" "));
    stopSets.set(a, set);
  }
  return set;
}

const memo = new Map<string, string | null>();
const MEMO_LIMIT = 50000;

/**
 * analyze runs one token through an analyzer's filters: its term, or null
 * when it is a stop word.
 */
export function analyze(token: string, a: AnalyzerName): string | null {
  const key = a + token;
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  let term: string | null;
  if (a === "en") {
    const low = lowercase(possessive(token));
    term = stopWords("en").has(low) ? null : stemPorter(low);
  } else {
    const low = lowercase(token);
    term = stopWords("no").has(low) ? null : stemNorwegian(low);
  }
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, term);
  return term;
}

/** analyzeText gives the terms of a text (stop words left out). */
export function analyzeText(text: string, a: AnalyzerName): string[] {
  const out: string[] = [];
  for (const t of tokenize(text)) {
    const term = analyze(t.text, a);
    if (term !== null) out.push(term);
  }
  return out;
}
