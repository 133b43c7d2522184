// A search from text to results, without the page: the words and their
// postings, the ranked hits, the catalogue entries an ID query offers, the
// suggestions when nothing matches, and what a hit shows. The page code
// (ui.ts) only puts these into the DOM; the Node tests call them directly.

import { lowercase, tokenize } from "./analysis";
import { inflate, sectionTexts, type DocData, type Entry, type SearchIndex } from "./index";
import { parseQuery, type ParsedQuery } from "./query";
import { rank, resolve, type Hit, type ResolvedWord } from "./rank";
import { analyseText, highlight, matcher, snippet, type Analysed, type Part } from "./snippet";

export interface Suggestion {
  /** word is the suggested word form. */
  word: string;
  /** query is the query with the unknown word replaced by it. */
  query: string;
}

export interface Results {
  query: string;
  parsed: ParsedQuery;
  words: ResolvedWord[];
  hits: Hit[];
  entries: Entry[];
  suggestions: Suggestion[];
}

/** search runs the query q against the index. */
export async function search(ix: SearchIndex, q: string): Promise<Results> {
  const parsed = parseQuery(q, ix.manifest.analyzers, ix.manifest.minPrefix);
  const [words, entries] = await Promise.all([
    resolve(ix, parsed),
    parsed.id !== "" ? ix.entries().then((list) => matchEntries(list, parsed.id)) : Promise.resolve([]),
  ]);
  const hits = rank(ix, words);
  const suggestions = hits.length === 0 && entries.length === 0 ? await suggest(ix, q, words) : [];
  return { query: q, parsed, words, hits, entries, suggestions };
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
 * suggest offers the indexed words nearest to the first word that is in no
 * document: within an edit distance that grows with the word's length,
 * nearest first, then the most used.
 */
export async function suggest(ix: SearchIndex, q: string, words: readonly ResolvedWord[]): Promise<Suggestion[]> {
  const unknown = words.find((w) => w.postings.every((p) => p === null));
  if (!unknown) return [];
  const text = lowercase(unknown.word.text);
  const keys = [text, ...unknown.word.terms];
  const len = Array.from(text).length;
  const limit = len <= 4 ? 1 : len <= 8 ? 2 : 3;
  const seen = new Map<string, { d: number; count: number }>();
  const near = (await Promise.all(keys.map((k) => ix.near(k)))).flat();
  for (const t of near) {
    const d = Math.min(distance(text, t.form, limit), ...unknown.word.terms.map((k) => distance(k, t.term, limit)));
    if (d === 0 || d > limit) continue;
    const prev = seen.get(t.form);
    if (!prev || d < prev.d || (d === prev.d && t.count > prev.count)) seen.set(t.form, { d, count: t.count });
  }
  const tok = tokenize(q).find((t) => t.text === unknown.word.text);
  return [...seen.entries()]
    .sort(([fa, a], [fb, b]) => a.d - b.d || b.count - a.count || (fa < fb ? -1 : fa > fb ? 1 : 0))
    .slice(0, SUGGESTIONS)
    .map(([word]) => ({ word, query: tok ? q.slice(0, tok.start) + word + q.slice(tok.end) : word }));
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
    p = ix.doc(n).then(async (doc) => {
      const a = doc.analyzer;
      return {
        doc,
        title: analyseText(doc.title, a),
        summary: analyseText(doc.summary, a),
        headings: doc.sections.map((s) => analyseText(s.heading, a)),
        texts: sectionTexts(doc, await inflate(doc.text)).map((t) => analyseText(t, a)),
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
