// A search from text to results, without the page: the words and their
// postings, the ranked hits, the catalogue entries an ID query offers, the
// suggestions when nothing matches, and what a hit shows. The page code
// (ui.ts) only puts these into the DOM; the Node tests call them directly.

import { lowercase } from "./analysis";
import type { DocData, Entry, SearchIndex, DictTerm } from "./index";
import { parseQuery, type ParsedQuery, type QueryWord } from "./query";
import { rank, resolve, unmatched, type Hit, type ResolvedWord } from "./rank";
import { analyseText, highlight, matcher, snippet, type Analysed, type Part } from "./snippet";

export interface Suggestion {
  /** word is the suggested word form. */
  word: string;
  /** query is the query with the unknown word replaced by it. */
  query: string;
}

export interface Results {
  /** query is the text searched for as typed. */
  query: string;
  /**
   * corrected is the query the results are for when a word of the query
   * matched nothing and was replaced by the nearest word of the
   * dictionary; "" when the results are for the query as typed.
   */
  corrected: string;
  parsed: ParsedQuery;
  words: ResolvedWord[];
  hits: Hit[];
  entries: Entry[];
  suggestions: Suggestion[];
}

export interface SearchOptions {
  /** verbatim searches the words as typed, without correcting any. */
  verbatim?: boolean;
}

/**
 * search runs the query q against the index. A word that matches nothing
 * is searched as the nearest word of the dictionary instead (see
 * corrections), unless opts.verbatim; when the corrected query finds
 * nothing either, the results are the query's own, with suggestions.
 */
export async function search(ix: SearchIndex, q: string, opts: SearchOptions = {}): Promise<Results> {
  const r = await run(ix, q);
  if (r.hits.length > 0 || r.entries.length > 0) return r;
  const fixes = r.words.some(unmatched) ? await corrections(ix, r.words) : new Map<QueryWord, Suggestion[]>();
  if (!opts.verbatim && fixes.size > 0) {
    let fixed = q;
    // From the last word back, so that the earlier words' positions hold.
    for (const [w, near] of [...fixes].sort(([a], [b]) => b.start - a.start)) {
      fixed = fixed.slice(0, w.start) + near[0]!.word + fixed.slice(w.end);
    }
    const c = await run(ix, fixed);
    if (c.hits.length > 0) return { ...c, query: q, corrected: fixed };
  }
  const first = [...fixes][0];
  r.suggestions = first ? first[1].map((s) => ({ word: s.word, query: q.slice(0, first[0].start) + s.word + q.slice(first[0].end) })) : [];
  return r;
}

async function run(ix: SearchIndex, q: string): Promise<Results> {
  const parsed = parseQuery(q, ix.analyzers, ix.manifest.minPrefix);
  const [words, entries] = await Promise.all([
    resolve(ix, parsed),
    parsed.id !== "" ? ix.entries().then((list) => matchEntries(list, parsed.id)) : Promise.resolve([]),
  ]);
  return { query: q, corrected: "", parsed, words, hits: rank(ix, words), entries, suggestions: [] };
}

const KIND_ORDER = ["control", "clause", "control2013"];

/**
 * matchEntries finds the catalogue entries with the ID: a control before a
 * clause of the same number. "A.5.15", which is no 2013 control, finds the
 * 2022 control 5.15.
 */
export function matchEntries(entries: readonly Entry[], id: string): Entry[] {
  const want = id.toUpperCase();
  let found = entries.filter((e) => e.id.toUpperCase() === want);
  if (found.length === 0 && want.startsWith("A.")) {
    found = entries.filter((e) => e.kind === "control" && e.id === want.slice(2));
  }
  const rank = (e: Entry) => {
    const i = KIND_ORDER.indexOf(e.kind);
    return i < 0 ? KIND_ORDER.length : i;
  };
  return found.sort((a, b) => rank(a) - rank(b));
}

const SUGGESTIONS = 5;

/**
 * corrections finds, for every word that matches nothing, the nearest
 * words of the dictionary, best first (at most SUGGESTIONS): within an edit
 * distance that grows with the word's length (as written, or as a stem
 * against a term), beginning with the same letter — so that a Norwegian
 * word is not "corrected" to an English one whose stem happens to be near
 * ("kopiering", stem "kopier", is not "operations", stem "oper") —
 * nearest first, then the most used. A word still being typed is compared
 * with the beginnings of the words, and is "corrected" to a word it begins
 * but does not complete to because it is already past the end of that
 * word's stem ("readin" of readiness, whose stem is "readi").
 */
export async function corrections(ix: SearchIndex, words: readonly ResolvedWord[]): Promise<Map<QueryWord, Suggestion[]>> {
  const out = new Map<QueryWord, Suggestion[]>();
  for (const w of words) {
    if (!unmatched(w)) continue;
    const near = await nearest(ix, w.word);
    if (near.length > 0) out.set(w.word, near);
  }
  return out;
}

async function nearest(ix: SearchIndex, word: QueryWord): Promise<Suggestion[]> {
  const text = lowercase(word.text);
  const chars = Array.from(text);
  if (chars.length < 3) return [];
  const limit = maxDistance(text);
  const typing = word.prefix !== "";
  // Where the word would be in the dictionary, and where it would be
  // with a typo in its second or third letter.
  const keys = [text, chars[0]! + chars.slice(2).join(""), chars[0]! + chars[2]! + chars[1]! + chars.slice(3).join("")];
  const seen = new Map<string, { d: number; count: number }>();
  const found: DictTerm[] = (await Promise.all(keys.map((k) => ix.near(k)))).flat();
  // The word against the word form, and its stems against the term,
  // each within the distance its length allows.
  const near = (a: string, b: string) => {
    const l = Math.min(limit, maxDistance(a));
    const d = typing ? prefixDistance(a, b, l) : distance(a, b, l);
    return d > l ? limit + 1 : d;
  };
  for (const t of found) {
    if (Array.from(t.form)[0] !== chars[0]) continue;
    const d = Math.min(near(text, t.form), ...word.terms.map((k) => near(k, t.term)));
    // A word being typed that is the beginning of a word form is past the
    // end of its stem ("readin", stem "readi"): that word is its nearest.
    if ((d === 0 && !typing) || d > limit) continue;
    const prev = seen.get(t.form);
    if (!prev || d < prev.d || (d === prev.d && t.count > prev.count)) seen.set(t.form, { d, count: t.count });
  }
  return [...seen.entries()]
    .sort(([fa, a], [fb, b]) => a.d - b.d || b.count - a.count || (fa < fb ? -1 : fa > fb ? 1 : 0))
    .slice(0, SUGGESTIONS)
    .map(([form]) => ({ word: form, query: form }));
}

/** maxDistance is the edit distance a word of its length may be from its correction. */
function maxDistance(w: string): number {
  const len = Array.from(w).length;
  return len <= 6 ? 1 : len <= 9 ? 2 : 3;
}

/** prefixDistance is the least distance of a from a beginning of b, or limit+1 when it exceeds limit. */
export function prefixDistance(a: string, b: string, limit: number): number {
  const y = Array.from(b);
  let best = limit + 1;
  for (let n = Math.max(0, Array.from(a).length - limit); n <= y.length; n++) {
    best = Math.min(best, distance(a, y.slice(0, n).join(""), limit));
    if (best === 0) break;
  }
  return best;
}

/** distance is the optimal-string-alignment edit distance of a and b, or limit+1 when it exceeds limit. */
export function distance(a: string, b: string, limit: number): number {
  const x = Array.from(a);
  const y = Array.from(b);
  if (Math.abs(x.length - y.length) > limit) return limit + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    let low = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      low = Math.min(low, v);
    }
    if (low > limit) return limit + 1;
    prev2 = prev;
    prev = cur;
  }
  return Math.min(prev[y.length]!, limit + 1);
}

/** What a hit shows: its title with the query's words marked, and a snippet. */
export interface Shown {
  doc: DocData;
  /** href is the page, relative to the site root, with the section's anchor when the snippet is from one. */
  href: string;
  title: Part[];
  heading: string;
  snippet: Part[];
}

/** A document ready to show: its texts inflated and analysed, once. */
interface Prepared {
  doc: DocData;
  title: Analysed;
  summary: Analysed;
  headings: Analysed[];
  texts: Analysed[];
}

const PREPARED_LIMIT = 64;
const preparedDocs = new WeakMap<SearchIndex, Map<number, Promise<Prepared>>>();

/** prepare returns a document's data with its texts analysed, from a small cache: a keystroke mostly shows the documents the one before it showed. */
function prepare(ix: SearchIndex, n: number): Promise<Prepared> {
  let cache = preparedDocs.get(ix);
  if (!cache) {
    cache = new Map();
    preparedDocs.set(ix, cache);
  }
  let p = cache.get(n);
  if (p) {
    cache.delete(n); // most recently used last
  } else {
    p = ix.doc(n).then((doc) => {
      const a = doc.analyzer;
      return {
        doc,
        title: analyseText(doc.title, a),
        summary: analyseText(doc.summary, a),
        headings: doc.sections.map((s) => analyseText(s.heading, a)),
        texts: doc.sections.map((sec) => analyseText(sec.text, a)),
      };
    });
    p.catch(() => cache.delete(n));
  }
  cache.set(n, p);
  if (cache.size > PREPARED_LIMIT) cache.delete(cache.keys().next().value!);
  return p;
}

/** show prepares a hit for display. */
export async function show(ix: SearchIndex, hit: Hit, words: readonly ResolvedWord[]): Promise<Shown> {
  const p = await prepare(ix, hit.doc);
  const match = matcher(words);
  const s = snippet(p.headings, p.texts, p.summary, match);
  const section = s.section >= 0 ? p.doc.sections[s.section] : undefined;
  const anchor = section?.anchor ?? "";
  return {
    doc: p.doc,
    href: p.doc.url + (anchor !== "" ? "#" + encodeURIComponent(anchor) : ""),
    title: highlight(p.title, match),
    heading: section?.heading ?? "",
    snippet: s.parts,
  };
}
