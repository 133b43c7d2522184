// The query parser: what the text in the search box asks for. The rules
// are those of search/query.go (its Go reference, which the tests compare
// this with):
//
//   - the words are the tokens of the text;
//   - a word's terms are its distinct analyses by the site's analyzers;
//   - a word that is a stop word for any of them is left out, except that
//     the last word, while it is typed (nothing follows it), is still a
//     prefix when it has at least MIN_PREFIX characters;
//   - at most MAX_WORDS words count;
//   - the whole text, trimmed, is an ID query when it looks like 5.15,
//     6.1.3 or A.9.1.1.

import { analyze, lowercase, tokenize, type AnalyzerName } from "./analysis";
import { ID_PATTERN, ID_SPACE, MAX_WORDS, MIN_PREFIX } from "./format";

export { MAX_WORDS, MIN_PREFIX };

export interface QueryWord {
  text: string;
  terms: string[];
  /** prefix is the lowercased word while it is typed, to complete; "" otherwise. */
  prefix: string;
  /** start and end are where the word is in the query. */
  start: number;
  end: number;
}

export interface ParsedQuery {
  words: QueryWord[];
  /** id is the catalogue ID the query asks for, or "". */
  id: string;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** trimID trims the white space around an ID query (ID_SPACE, spelled out: JavaScript's \s is wider). */
function trimID(q: string): string {
  let start = 0;
  let end = q.length;
  while (start < end && ID_SPACE.includes(q[start]!)) start++;
  while (end > start && ID_SPACE.includes(q[end - 1]!)) end--;
  return q.slice(start, end);
}

/** queryID returns the catalogue ID q asks for, or "". */
export function queryID(q: string): string {
  const t = trimID(q);
  if (!ID_PATTERN.test(t)) return "";
  return t[0] === "a" ? "A" + t.slice(1) : t;
}

/** parseQuery parses q for a site whose documents use the given analyzers. */
export function parseQuery(q: string, analyzers: readonly AnalyzerName[], minPrefix = MIN_PREFIX): ParsedQuery {
  const p: ParsedQuery = { words: [], id: queryID(q) };
  if (analyzers.length === 0) return p;
  q = q.replace(LONE_SURROGATE, "\ufffd");
  const tokens = tokenize(q);
  for (let i = 0; i < tokens.length && p.words.length < MAX_WORDS; i++) {
    const tok = tokens[i]!;
    const w: QueryWord = { text: tok.text, terms: [], prefix: "", start: tok.start, end: tok.end };
    let stop = false;
    for (const a of analyzers) {
      const t = analyze(tok.text, a);
      if (t === null) stop = true;
      else if (!w.terms.includes(t)) w.terms.push(t);
    }
    if (stop) w.terms = [];
    if (i === tokens.length - 1 && tok.end === q.length) {
      const low = lowercase(tok.text);
      if (Array.from(low).length >= minPrefix) w.prefix = low;
    }
    if (w.terms.length === 0 && w.prefix === "") continue;
    p.words.push(w);
  }
  return p;
}
